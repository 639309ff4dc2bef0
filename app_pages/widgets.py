"""Shared pieces of the explorer: the store, cached reads, the confidence slider,
the graph widget, the legend, entity pickers and the "current view" the Export
page downloads."""
from __future__ import annotations

import os
from contextlib import contextmanager

import streamlit as st

from app_pages.i18n import t
from graph import confidence, schema
from graph.store import StoreError, Subgraph, default_db_path, neo4j_uri, open_store



# -- the store ---------------------------------------------------------------
def store_config() -> tuple[str, str, str]:
    """(kind, embedded db path, Neo4j URI) as graph.store.open_store reads them."""
    kind = (os.environ.get("GOVKG_STORE") or "embedded").lower()
    db = os.path.abspath(os.environ.get("GOVKG_DB") or default_db_path())
    uri = neo4j_uri()
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
    log = ArticleLog(log_path(kind, db, uri=uri), extractor=extractor_version())  # every loaded article goes there first
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
    st.slider(t("Minimum confidence"), 0.0, 1.0, schema.confidence_default_min(), step=0.01,
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
def is_pinyin(text: str) -> bool:
    """Latin letters (spaces and apostrophes allowed): read as pinyin."""
    bare = text.replace("'", "").replace(" ", "")
    return bare.isascii() and bare.isalpha()


def pick_entity(label: str, key: str, default_text: str = "",
                labels: list[str] | None = None, prefer_key: str | None = None) -> dict | None:
    """A search box plus a choice among the hits; returns the chosen node.

    The choice is re-made (the hit keyed `prefer_key`, else an exact name match,
    else the first hit) whenever the search text or `prefer_key` changes, so the
    box always names the entity the page goes on to show."""
    st.session_state.setdefault(f"{key}_text", default_text)  # not value=: links set it too
    text = st.text_input(label, key=f"{key}_text",
                         placeholder=t("a name or part of one, or its pinyin: 宋乐伟, 佰斯拓, songlewei, slw")).strip()
    if not text:
        return None
    found = read("search", text, labels=labels or entity_labels(), limit=50)
    if is_pinyin(text):  # songlewei, slw: names by their pinyin (beside any Latin alias found above)
        from app_pages import pinyin
        seen = {h["key"] for h in found}
        found += [h for h in pinyin.search(text, labels or entity_labels()) if h["key"] not in seen]
    hits = {h["key"]: h for h in found if confidence.keeps(h, min_confidence())}
    if not hits:
        below = f" at or above the minimum confidence ({min_confidence():g}; lower it in the sidebar)" \
            if found else ""
        st.info(f"{t('Nothing in the graph matches')} “{text}”{below}.")
        return None
    hit_key, asked = f"{key}_hit", (text, prefer_key)
    if st.session_state.get(f"{key}_asked") != asked or st.session_state.get(hit_key) not in hits:
        exact = [k for k in hits if k == prefer_key] or [k for k, h in hits.items() if h.get("name") == text]
        st.session_state[hit_key] = exact[0] if exact else next(iter(hits))
        st.session_state[f"{key}_asked"] = asked
    choice = st.selectbox(f"{len(hits)} {t('match(es)')}", list(hits), key=hit_key,
                          format_func=lambda k: f"{node_caption(hits[k])} — {k}")
    return hits[choice]


def picked_or_linked(label: str, key: str, labels: list[str], what: str) -> dict:
    """The node found in a search box, else the one the page's ?key= names; stops the
    page when there is neither."""
    picked = pick_entity(label, key, labels=labels)
    if picked:
        st.query_params["key"] = picked["key"]
    linked = st.query_params.get("key")
    node = picked or (read("node", linked) if linked else None)
    if node is None:
        if linked:
            st.warning(f"No {what} with key {linked!r}.")
        st.stop()
    return node


# -- the current view (what the Export page downloads) -----------------------------
def keep_view(title: str, sub: Subgraph) -> None:
    st.session_state["view"] = {"title": title, "subgraph": sub}


def current_view() -> dict | None:
    return st.session_state.get("view")
