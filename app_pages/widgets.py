"""Shared pieces of the explorer: the store, cached reads, the confidence slider,
the graph widget, the legend, entity pickers and the "current view" the Export
page downloads."""
from __future__ import annotations

import os
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from graph import confidence, schema
from graph.store import StoreError, Subgraph, default_db_path, open_store

GRAPH_CAP = 300  # default node cap of drawn subgraphs
# Node properties too bulky to ship to the browser.
_HEAVY = {"text", "evidence", "articles", "dates"}


# -- the store ---------------------------------------------------------------
def store_config() -> tuple[str, str, str]:
    """(kind, embedded db path, Neo4j URI) as graph.store.open_store reads them."""
    kind = (os.environ.get("GOVKG_STORE") or "embedded").lower()
    db = os.path.abspath(os.environ.get("GOVKG_DB") or default_db_path())
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    return kind, db, uri


def store_id() -> str:
    """Names the configured store; part of every cache key."""
    kind, db, uri = store_config()
    return f"{kind}:{db if kind == 'embedded' else uri}"


def store_name() -> str:
    """A short name of the configured store for the sidebar."""
    kind, db, uri = store_config()
    return f"{kind} · {os.path.basename(db) if kind == 'embedded' else uri}"


@st.cache_resource(show_spinner="Opening the graph…")
def _open(kind: str, db: str, uri: str):
    # One store (and driver) per process and configuration. An existing embedded
    # file opens read-only, so `python -m ingest` can load it while the app runs.
    if kind == "embedded":
        os.makedirs(os.path.dirname(db) or ".", exist_ok=True)
        if os.path.exists(db):
            return open_store(kind, db=db, read_only=True)
    store = open_store(kind, db=db, uri=uri)
    store.ensure_schema()
    return store


def _release() -> None:
    """Close the cached store so the next get_store() opens it afresh."""
    try:
        _open(*store_config()).close()
    except StoreError:
        pass
    _open.clear()


@contextmanager
def writable_store():
    """The store to load into, writing its article log: the embedded file is
    reopened read-write for the load and read-only again afterwards."""
    from graph.article_log import ArticleLog, log_path
    from ingest.extract import extractor_version
    kind, db, uri = store_config()
    log = ArticleLog(log_path(kind, db), extractor=extractor_version())  # every loaded article goes there first
    if kind != "embedded":
        store = get_store()
        store.article_log = log
        yield store
        return
    _release()
    store = open_store(kind, db=db)
    try:
        store.ensure_schema()
        store.article_log = log
        yield store
    finally:
        store.close()
        reload_data()


def get_store():
    """The configured store; stops the page with a plain error when it cannot open."""
    try:
        return _open(*store_config())
    except StoreError as e:
        st.error(f"Cannot open the graph store: {e}")
        st.stop()


@st.cache_data(show_spinner=False, max_entries=1024, ttl=600)  # ttl: other writers (CLI, Neo4j users)
def _cached(sid: str, method: str, args: tuple, kwargs: dict):
    return getattr(get_store(), method)(*args, **kwargs)


def read(method: str, *args, **kwargs):
    """store.<method>(*args, **kwargs), cached per store; shows StoreErrors plainly."""
    get_store()  # opens it (or shows why not) outside the cache
    try:
        return _cached(store_id(), method, args, kwargs)
    except StoreError as e:
        st.error(str(e))
        st.stop()


def forget_cached_reads() -> None:
    """After the graph changed (ingest, or another writer), cached answers are stale."""
    _cached.clear()


def reload_data() -> None:
    """See what other writers committed: reopen the store and forget cached answers."""
    if store_config()[0] == "embedded":
        _release()  # a read-only embedded store sees a snapshot from when it opened
    forget_cached_reads()


# -- minimum confidence (one slider in the sidebar, read by every page that draws
# the graph or lists relationships) ---------------------------------------------------
CONFIDENCE_KEY = "min_confidence"


def confidence_slider() -> None:
    """The sidebar slider (app.py draws it on every page, so its value survives page switches)."""
    st.slider("Minimum confidence", 0.0, 1.0, schema.confidence_default_min(), step=0.01,
              key=CONFIDENCE_KEY,
              help="Hide entities and relationships the extractor is less sure of (search, ego network, "
                   "details, paths, tracer, export). 0 shows everything.")


def min_confidence() -> float:
    """The slider's value (the schema's default before the slider is drawn)."""
    return float(st.session_state.get(CONFIDENCE_KEY, schema.confidence_default_min()))


def confidence_note(item: dict) -> str:
    """" · confidence 0.62" for what carries one, "" otherwise."""
    c = item.get(confidence.PROP)
    return f" · confidence {c:.2f}" if c is not None else ""


# -- labels, colours, legend --------------------------------------------------
def entity_labels() -> list[str]:
    """Node labels a user searches for (everything but Article)."""
    return [lb for lb in schema.node_labels() if lb != "Article"]


def legend(labels: list[str] | None = None) -> None:
    items = " &nbsp; ".join(
        f'<span style="color:{schema.color(lb)};font-size:1.2em">&#9679;</span> {lb}'
        for lb in (labels or schema.node_labels()))
    st.markdown(items, unsafe_allow_html=True)


def node_caption(node: dict) -> str:
    return f"{node.get('name') or node['key']} · {node.get('label') or schema.label_of_key(node['key'])}"


# -- picking an entity ---------------------------------------------------------
def pick_entity(label: str, key: str, default_text: str = "",
                labels: list[str] | None = None, prefer_key: str | None = None) -> dict | None:
    """A search box plus a choice among the hits; returns the chosen node
    (preferring the hit keyed `prefer_key`, then an exact name match)."""
    text = st.text_input(label, value=default_text, key=f"{key}_text",
                         placeholder="a name or part of one, e.g. 宋乐伟 or 佰斯拓")
    if not text.strip():
        return None
    found = read("search", text.strip(), labels=labels or entity_labels(), limit=50)
    hits = [h for h in found if confidence.keeps(h, min_confidence())]
    if not hits:
        below = f" at or above the minimum confidence ({min_confidence():g}; lower it in the sidebar)" \
            if found else ""
        st.info(f"Nothing in the graph matches “{text.strip()}”{below}.")
        return None
    exact = [i for i, h in enumerate(hits) if h["key"] == prefer_key] or \
        [i for i, h in enumerate(hits) if h.get("name") == text.strip()]
    choice = st.selectbox(f"{len(hits)} match(es)", range(len(hits)), key=f"{key}_hit",
                          index=exact[0] if exact else 0,
                          format_func=lambda i: f"{node_caption(hits[i])} — {hits[i]['key']}")
    return hits[choice]


# -- the graph widget ------------------------------------------------------------
def _scalar(v):
    return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)


def elements(sub: Subgraph) -> dict:
    """Cytoscape elements for st-link-analysis (edges whose ends are absent are dropped)."""
    keys = sub.node_keys()
    nodes = [{"data": {"id": n["key"], "label": n.get("label") or schema.label_of_key(n["key"]),
                       **{k: _scalar(v) for k, v in n.items()
                          if k not in _HEAVY and k not in ("key", "label") and v is not None},
                       "key": n["key"]}} for n in sub.nodes]
    edges = []
    for i, e in enumerate(sub.edges):
        if e["source"] in keys and e["target"] in keys:
            data = {"id": f"e{i}", "source": e["source"], "target": e["target"], "label": e["type"]}
            for k in ("title", confidence.PROP):
                if e.get(k) is not None:
                    data[k] = e[k]
            edges.append({"data": data})
    return {"nodes": nodes, "edges": edges}


class _Bigger:
    """A st-link-analysis style with a larger caption font: its default (3.6 px at
    zoom 1) hides every name once a few dozen nodes are fitted into view."""

    def __init__(self, style, font_px: float):
        self.style, self.font_px = style, font_px

    def dump(self) -> dict:
        spec = self.style.dump()
        spec["style"]["font-size"] = self.font_px
        return spec


LAYOUTS = ["fcose", "cose", "concentric", "breadthfirst", "circle", "grid"]


def draw(sub: Subgraph, key: str, height: int = 560, expandable: bool = False, layout: str = "fcose"):
    """Draw a subgraph (offline: st-link-analysis bundles cytoscape.js).

    Returns the widget's last event ({"action", "data", "timestamp"}) or None."""
    from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

    present = sorted({n.get("label") or schema.label_of_key(n["key"]) for n in sub.nodes})
    legend(present)
    node_styles = [_Bigger(NodeStyle(lb, schema.color(lb), "name"), 7) for lb in schema.node_labels()]
    edge_styles = [_Bigger(EdgeStyle(t, schema.color(t), caption="label", labeled=None, directed=True), 4)
                   for t in schema.rel_types()]
    events = [Event("node_click", "click tap", "node")] if expandable else []
    return st_link_analysis(elements(sub), layout=layout, node_styles=node_styles,
                            edge_styles=edge_styles, height=height, key=key,
                            node_actions=["expand"] if expandable else [], events=events)


def tables(sub: Subgraph, names: dict[str, str] | None = None) -> None:
    """The drawn subgraph as two tables (readable, searchable, copyable)."""
    name = {n["key"]: n.get("name") for n in sub.nodes} | (names or {})
    conf = confidence.PROP
    st.dataframe(pd.DataFrame([{"name": n.get("name"), "label": n.get("label"), conf: n.get(conf),
                                "key": n["key"]} for n in sub.nodes], columns=["name", "label", conf, "key"]),
                 hide_index=True, width="stretch")
    st.dataframe(pd.DataFrame([{"from": name.get(e["source"], e["source"]), "type": e["type"],
                                "to": name.get(e["target"], e["target"]), "title": e.get("title"),
                                "amount_cny": e.get("amount_cny"), conf: e.get(conf)} for e in sub.edges],
                              columns=["from", "type", "to", "title", "amount_cny", conf]),
                 hide_index=True, width="stretch")


def merge(*subs: Subgraph, cap: int | None = None) -> Subgraph:
    """Union of subgraphs, nodes capped at `cap` (edges kept only between kept nodes)."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple, dict] = {}
    truncated = any(s.truncated for s in subs)
    for s in subs:
        for n in s.nodes:
            if n["key"] not in nodes:
                if cap is not None and len(nodes) >= cap:
                    truncated = True
                    continue
                nodes[n["key"]] = n
        for e in s.edges:
            edges.setdefault((e["source"], e["type"], e["target"]), e)
    kept = [e for e in edges.values() if e["source"] in nodes and e["target"] in nodes]
    return Subgraph(list(nodes.values()), kept, truncated)


# -- the current view (what the Export page downloads) -----------------------------
def keep_view(title: str, sub: Subgraph) -> None:
    st.session_state["view"] = {"title": title, "subgraph": sub}


def current_view() -> dict | None:
    return st.session_state.get("view")


# -- evidence ------------------------------------------------------------------------
def article_info(key: str) -> dict:
    node = read("node", key) or {}
    return {"article": node.get("name") or key, "date": node.get("date"), "source": node.get("source")}


def evidence_rows(edge: dict) -> list[dict]:
    """One row per supporting article: sentence, article title, date, source."""
    arts, sents, dates = (edge.get(k) or [] for k in ("articles", "evidence", "dates"))
    rows = []
    for i, art in enumerate(arts):
        info = article_info(art)
        rows.append({"evidence": sents[i] if i < len(sents) else None,
                     "date": dates[i] if i < len(dates) else info["date"],
                     "article": info["article"], "article date": info["date"],
                     "source": info["source"], "article key": art})
    return rows


def evidence_block(edge: dict, name_of: dict[str, str]) -> None:
    """A relationship as a heading and its evidence table."""
    head = f"**{name_of.get(edge['source'], edge['source'])}** —{edge['type']}→ " \
           f"**{name_of.get(edge['target'], edge['target'])}**"
    extra = [f"{k}: {edge[k]}" for k in ("title", "amount_text") if edge.get(k)]
    st.markdown(head + (f" ({'; '.join(extra)})" if extra else "") + confidence_note(edge))
    if edge["type"] == "MENTIONS":
        info = article_info(edge["source"])
        st.caption(f"mentioned {edge.get('count') or 1} time(s) in “{info['article']}” ({info['date'] or 'undated'})")
        return
    rows = evidence_rows(edge)
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.caption("no evidence sentence recorded")

