"""Paths: the shortest chain of relationships between two entities, with its evidence."""
import streamlit as st

from app_pages.graphview import draw, tables
from app_pages.evidence import evidence_block
from app_pages.widgets import keep_view, min_confidence, pick_entity, read
from app_pages.i18n import t

st.title(t("Paths"))
st.caption("How are two entities connected? The shortest chain of relationships between them.")
c1, c2 = st.columns(2)
with c1:
    source = pick_entity(t("From"), "path_from", st.query_params.get("from", ""))
with c2:
    target = pick_entity(t("To"), "path_to", st.query_params.get("to", ""))
max_hops = st.slider(t("At most this many hops"), 1, 10, 6)
via_articles = st.checkbox("Also through articles that name both (MENTIONS: co-mentions, not facts)",
                           key="path_mentions", value=False)
if source is None or target is None:
    st.stop()
if source["key"] == target["key"]:
    st.info("Pick two different entities.")
    st.stop()

sub = read("shortest_path", source["key"], target["key"], max_hops=max_hops, min_confidence=min_confidence(),
           include_mentions=via_articles)
if not sub.edges:
    st.warning(f"No path between {source['name']} and {target['name']} within {max_hops} hops "
               f"through what reaches the minimum confidence ({min_confidence():g}).")
    st.stop()

keep_view(f"path {source['name']} → {target['name']}", sub)
st.subheader(f"{len(sub.edges)} hop(s): {source['name']} → {target['name']}")
draw(sub, key="path_graph", height=420, center=source["key"])
name_of = {n["key"]: n.get("name") for n in sub.nodes}
st.subheader(t("Each step and its evidence"))
for e in sub.edges:
    with st.container(border=True):
        evidence_block(e, name_of)
with st.expander("As tables"):
    tables(sub)
