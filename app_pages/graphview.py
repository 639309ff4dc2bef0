"""The graph widget (st-link-analysis, which bundles cytoscape.js) and the drawn
subgraph's tables.

st-link-analysis 0.4 runs its layout only when the layout setting it is given
changes (new elements are merely added where they fall). So the layout setting
carries a digest of the drawn elements: every change of data (search, depth,
filter, expansion, path, tracer) lays the graph out again and fits it to the
view, while the component keeps its key, and with it its events."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from app_pages import rings
from graph import confidence, schema
from graph.store import Subgraph

GRAPH_CAP = 300  # default node cap of drawn subgraphs
# "rings" (the default, app_pages/rings.py) is computed here and drawn at once; the others run in the browser.
LAYOUTS = ["rings", "fcose", "cose", "concentric", "breadthfirst", "circle", "grid"]
# Node properties too bulky to ship to the browser.
_HEAVY = {"text", "evidence", "articles", "dates", "titles"}
CENTER = "govkg_center"  # node data flag of the highlighted (searched) entity


def _scalar(v):
    return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)


def elements(sub: Subgraph, center: str | None = None) -> dict:
    """Cytoscape elements for st-link-analysis (edges whose ends are absent are dropped)."""
    keys = sub.node_keys()
    nodes = []
    for n in sub.nodes:
        data = {"id": n["key"], "label": n.get("label") or schema.label_of_key(n["key"]),
                **{k: _scalar(v) for k, v in n.items() if k not in _HEAVY and k not in ("key", "label")
                   and v is not None}, "key": n["key"]}
        if n["key"] == center:
            data[CENTER] = True
        nodes.append({"data": data})
    edges = []
    for i, e in enumerate(sub.edges):
        if e["source"] in keys and e["target"] in keys:
            data = {"id": f"e{i}", "source": e["source"], "target": e["target"], "label": e["type"]}
            for k in ("title", confidence.PROP):
                if e.get(k) is not None:
                    data[k] = e[k]
            edges.append({"data": data})
    return {"nodes": nodes, "edges": edges}


def digest(els: dict) -> str:
    """Names the drawn data: equal elements, equal digest."""
    return hashlib.sha1(json.dumps(els, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


class _Style:
    """A raw cytoscape style rule, in the shape st-link-analysis's styles dump."""

    def __init__(self, selector: str, style: dict, base=None):
        self.selector, self.style, self.base = selector, style, base

    def dump(self) -> dict:
        spec = self.base.dump() if self.base else {"selector": self.selector, "style": {}}
        spec["style"].update(self.style)
        return spec


def _legend(labels: list[str], types: list[str], center_name: str | None) -> None:
    dot = '<span style="color:{};font-size:1.2em">&#9679;</span> {}'
    line = '<span style="color:{};font-size:1.2em">&#10230;</span> {}'
    items = [dot.format(schema.color(lb), lb) for lb in labels]
    items += [line.format(schema.color(t), t) for t in types]
    if center_name:
        items.append(f'<span style="font-size:1.2em">&#9673;</span> {center_name} (centre)')
    st.markdown(" &nbsp; ".join(items), unsafe_allow_html=True)


def draw(sub: Subgraph, key: str, height: int = 560, expandable: bool = False, layout: str = LAYOUTS[0],
         center: str | None = None):
    """Draw a subgraph, laid out afresh and fitted whenever its data changed.

    Returns the widget's last event ({"action", "data", "timestamp"}) or None."""
    from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis
    from st_link_analysis.component.layouts import LAYOUTS as CONFIGS

    els = elements(sub, center)
    labels = sorted({n["data"]["label"] for n in els["nodes"]})
    types = sorted({e["data"]["label"] for e in els["edges"]})
    center_node = next((n for n in sub.nodes if n["key"] == center), None)
    _legend(labels, types, center_node.get("name") if center_node else None)
    # A larger caption font: the default (3.6 px at zoom 1) hides every name once a
    # few dozen nodes are fitted into view.
    node_styles = [_Style("", {"font-size": 7}, NodeStyle(lb, schema.color(lb), "name"))
                   for lb in schema.node_labels()]
    node_styles.append(_Style(f"node[?{CENTER}]", {"border-width": 3, "border-color": "#111",
                                                  "width": 36, "height": 36, "font-weight": "bold"}))
    edge_styles = [_Style("", {"font-size": 4},
                          EdgeStyle(t, schema.color(t), caption="label", labeled=None, directed=True))
                   for t in schema.rel_types()]
    drawn = digest(els)
    st.session_state[f"{key}_drawn"] = drawn  # what is on screen (tests and saved views read it)
    events = [Event("node_click", "click tap", "node")] if expandable else []
    if layout == "rings" and center_node is not None:
        # Wider padding than the force layouts' 20 px: the component's side panel and zoom buttons
        # sit over the view's edges, and a short path fitted edge to edge lost its end captions.
        config = {"name": "preset", "positions": rings.positions(sub, center), "padding": 50}
    else:  # "rings" without a centre (a console result) falls back to the force layout
        config = CONFIGS[layout if layout in CONFIGS else "fcose"]
    # No layout animation: it held every new graph in motion for another 0.5 s (bench/bench_browser.py).
    return st_link_analysis(els, layout={**config, "fit": True, "animate": False, "govkg_drawn": drawn},
                            node_styles=node_styles, edge_styles=edge_styles, height=height, key=key,
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
    """Union of subgraphs, nodes capped at `cap` (edges kept only between kept nodes).
    omitted: what the reads left out (each read counts its own) plus what this cap drops."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple, dict] = {}
    dropped: set[str] = set()
    for s in subs:
        for n in s.nodes:
            if n["key"] not in nodes:
                if cap is not None and len(nodes) >= cap:
                    dropped.add(n["key"])
                    continue
                nodes[n["key"]] = n
        for e in s.edges:
            edges.setdefault((e["source"], e["type"], e["target"]), e)
    kept = [e for e in edges.values() if e["source"] in nodes and e["target"] in nodes]
    dropped -= nodes.keys()
    return Subgraph(list(nodes.values()), kept, any(s.truncated for s in subs) or bool(dropped),
                    sum(s.omitted for s in subs) + len(dropped))


def cap_note(sub: Subgraph, what: str = "nodes") -> str | None:
    """"Capped: showing 300 of 4,812 nodes; 4,512 omitted …" for a cut result, else None."""
    if not sub.truncated:
        return None
    shown = len(sub.nodes)
    if not sub.omitted:
        return f"Capped: showing {shown:,} {what} of a larger neighbourhood."
    return (f"Capped: showing {shown:,} of {shown + sub.omitted:,} {what}; {sub.omitted:,} omitted "
            "(the best supported are kept; the walk stops where the cap cuts).")
