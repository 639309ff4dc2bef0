"""Search & ego network: find an entity, draw its neighbourhood, expand or open nodes.

Deep links: ?q=宋乐伟 (search text), &key=<entity key>, &depth=2, &layout=concentric, and the rest
of the view (app_pages/views.py): the address bar always restores what is drawn."""
import streamlit as st

from app_pages.evidence import evidence_view
from app_pages.graphview import GRAPH_CAP, LAYOUTS, cap_note, draw, merge, tables
from app_pages.timeline import connected, time_filter
from app_pages.views import publish, restore, saved_views_panel
from app_pages.widgets import entity_labels, keep_view, min_confidence, node_caption, pick_entity, read
from app_pages.i18n import t
from graph import schema
from graph.store import Subgraph

st.title(t("Search & ego network"))
restore()  # a deep link or a reopened saved view
qp = st.query_params
key_param = qp.get("key")
default_text = qp.get("q", "")
if key_param and not default_text:
    default_text = (read("node", key_param) or {}).get("name", "")

# The linked key counts only while the box still holds the linked text (a new search drops it).
typed = st.session_state.get("ego_text", default_text).strip()
center = pick_entity(t("Search by name or alias"), "ego", default_text,
                     prefer_key=key_param if typed == qp.get("q", typed) else None)
if center is None:
    st.caption("Type part of a name: 宋乐伟, 徐州, 佰斯拓 … Aliases and partial Chinese names work.")
    st.stop()

# Defaults through session state (not value=): a link or saved view may have set them.
for k, v in (("ego_depth", 1), ("ego_cap", GRAPH_CAP), ("ego_labels", entity_labels()),
             ("ego_types", [rt for rt in schema.rel_types() if rt != "MENTIONS"]), ("ego_layout", LAYOUTS[0])):
    st.session_state.setdefault(k, v)
ss = st.session_state  # a hand-edited link may carry values the widgets do not offer
ss.update(ego_layout=ss.ego_layout if ss.ego_layout in LAYOUTS else LAYOUTS[0],
          ego_depth=ss.ego_depth if ss.ego_depth in (1, 2, 3) else 1, ego_cap=min(max(int(ss.ego_cap), 10), 2000),
          ego_labels=[lb for lb in ss.ego_labels if lb in schema.node_labels()],
          ego_types=[rt for rt in ss.ego_types if rt in schema.rel_types()])
with st.expander(t("Filters"), expanded=False):
    c1, c2 = st.columns(2)
    depth = c1.slider(t("Depth (hops)"), 1, 3, key="ego_depth")
    cap = c2.number_input(t("Node cap"), 10, 2000, step=50, key="ego_cap",
                          help="Big neighbourhoods are cut at this many nodes.")
    labels = st.multiselect(t("Node labels"), schema.node_labels(), key="ego_labels")
    types = st.multiselect(t("Relationship types"), schema.rel_types(), key="ego_types",
                           help="MENTIONS links articles to entities; add it with Article to see coverage.")
    layout = st.selectbox(t("Layout"), LAYOUTS, key="ego_layout")

filters = dict(labels=labels or None, rel_types=types or None, min_confidence=min_confidence())
# Expanded nodes belong to the entity they were expanded from.
if st.session_state.get("ego_center") != center["key"]:
    st.session_state.update(ego_center=center["key"], ego_expanded=[], ego_hidden=[])
    st.session_state.pop("ego_focus", None)

parts = [read("ego", center["key"], depth=depth, limit=int(cap), **filters)]
parts += [read("ego", k, depth=1, limit=int(cap), **filters) for k in st.session_state.ego_expanded]
sub = merge(*parts, cap=int(cap))
if center["key"] not in sub.node_keys():
    sub = merge(Subgraph([center]), sub, cap=int(cap))
capped = cap_note(sub)  # before the time filter and hiding, which leave out drawn nodes, not unread ones
sub = time_filter(sub, center["key"], "ego")  # after the reads: undated relationships are counted, not lost
hidden = set(st.session_state.setdefault("ego_hidden", [])) - {center["key"]}
if hidden:  # what hangs only on a hidden node goes with it
    sub = connected(Subgraph([n for n in sub.nodes if n["key"] not in hidden], sub.edges, sub.truncated),
                    center["key"])
keep_view(f"ego network of {center.get('name')}", sub)

st.subheader(f"{node_caption(center)}: {len(sub.nodes)} {t('nodes')}, {len(sub.edges)} {t('relationships')}")
if capped:
    st.warning(f"{capped} Lower the depth, narrow the filters or raise the cap (now {int(cap)}).")
st.caption(t("Click a node to select it; double-click (or the expand button) adds its neighbours."))
event = draw(sub, key="ego_graph", expandable=True, layout=layout, center=center["key"])

if event and event.get("timestamp") != st.session_state.get("ego_event_ts"):
    st.session_state.ego_event_ts = event.get("timestamp")
    data = event.get("data") or {}
    if event.get("action") == "expand" and data.get("node_ids"):
        st.session_state.ego_focus = data["node_ids"][0]
        if data["node_ids"][0] not in st.session_state.ego_expanded:
            st.session_state.ego_expanded.append(data["node_ids"][0])
            st.rerun()
    elif event.get("action") == "node_click" and data.get("target_id"):
        st.session_state.ego_focus = data["target_id"]

# The node in focus: the last clicked one, or any node picked from the list.
by_key = {n["key"]: n for n in sub.nodes}
options = [center["key"]] + [k for k in by_key if k != center["key"]]
if st.session_state.get("ego_focus") not in by_key:
    st.session_state.pop("ego_focus", None)
c1, c2, c3, c4 = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
focus = c1.selectbox(t("Node"), options, format_func=lambda k: node_caption(by_key[k]), key="ego_focus")
# How many neighbours: an ego read capped at the node itself counts them all as omitted, without
# reading them (a hub's relations() would bring tens of thousands of edges with their evidence).
around = read("ego", focus, depth=1, rel_types=types or None, limit=1, min_confidence=min_confidence()).omitted
drawn = {e["target"] if e["source"] == focus else e["source"] for e in sub.edges if focus in (e["source"], e["target"])}
missing = max(0, around - len(drawn))  # the drawn ones are among them: the same types and confidence
c1.caption(f"{around} neighbour(s) of the chosen types; {missing} not drawn yet.")
if focus in st.session_state.ego_expanded:
    if c2.button(t("Collapse"), key="ego_collapse", help="Take back the neighbours this node's expansion added"):
        st.session_state.ego_expanded.remove(focus)
        st.rerun()
elif c2.button(f"{t('Expand')} (+{missing})", key="ego_expand",
               help="Add this node's direct neighbours to the drawing"):
    st.session_state.ego_expanded.append(focus)
    st.rerun()
if c3.button(t("Hide"), key="ego_hide", disabled=focus == center["key"], help="Leave this node out of the drawing"):
    st.session_state.ego_hidden.append(focus)
    st.session_state.pop("ego_focus", None)
    st.rerun()
if c4.button(t("Open details"), key="ego_details"):
    st.switch_page("app_pages/details.py", query_params={"key": focus})
if schema.label_of_key(focus) == "Official" and c4.button(t("Open career"), key="ego_career"):
    st.switch_page("app_pages/career.py", query_params={"key": focus})
if st.session_state.ego_hidden and st.button(f"Show the {len(st.session_state.ego_hidden)} hidden node(s)",
                                             key="ego_unhide"):
    st.session_state.ego_hidden = []
    st.rerun()

# The drawn edges hold a sample of their evidence (graph/provenance.py): the one picked is read whole.
touching = [e for e in sub.edges if focus in (e["source"], e["target"]) and e["type"] != "MENTIONS"]
if touching:
    with st.expander(f"{t('Evidence')} ({len(touching)})"):
        name_of = {n["key"]: n.get("name") or n["key"] for n in sub.nodes}
        pick = st.selectbox(t("Relationship"), range(len(touching)), key="ego_evidence_edge",
                            format_func=lambda i: f"{name_of.get(touching[i]['source'])} —{touching[i]['type']}→ "
                                                  f"{name_of.get(touching[i]['target'])}")
        evidence_view(touching[pick], name_of)

with st.expander(t("As tables")):
    tables(sub)
link = publish(st.session_state["ego_text"].strip(), center["key"])
saved_views_panel(link, f"ego network of {center.get('name')}")
