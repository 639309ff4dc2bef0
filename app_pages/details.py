"""Entity details: properties, aliases, titles held, and the evidence for every relationship."""
import pandas as pd
import streamlit as st

from app_pages import stage_timeline
from app_pages.evidence import article_link, evidence_block
from app_pages.timeline import show_timeline
from app_pages.widgets import confidence_note, min_confidence, node_caption, picked_or_linked, read
from app_pages.i18n import t
from graph import confidence, schema

st.title(t("Entity details"))


def show(key: str) -> None:
    """Button callback: open another entity (the search box yields to the link)."""
    st.session_state.details_text = ""
    st.query_params["key"] = key


node = picked_or_linked(t("Find an entity"), "details", schema.node_labels(), "entity")

label = node.get("label") or schema.label_of_key(node["key"])
st.header(node_caption(node))
st.caption(node["key"] + confidence_note(node))
hidden = not confidence.keeps(node, min_confidence())
if hidden:
    st.warning(f"This entity's confidence is below the minimum ({min_confidence():g}): "
               "its relationships are hidden. Lower the minimum in the sidebar to see them.")

props = {k: v for k, v in node.items()  # a project's stage events: its timeline below
         if k not in ("key", "label", "name", "aliases", "text", *stage_timeline.EVENT_PROPS)}
st.dataframe(pd.DataFrame([{"property": k, "value": "" if v is None else str(v)} for k, v in props.items()]),
             hide_index=True)
if node.get("aliases"):
    st.markdown("**Aliases:** " + "、".join(node["aliases"]))

rels = [] if hidden else read("relations", node["key"], min_confidence=min_confidence())
name_of = {node["key"]: node.get("name")} | {r["other"]["key"]: r["other"].get("name") for r in rels}

if label == "Official":
    held = [{"title": r.get("title"), "in": r["other"].get("name"), "dates": ", ".join(r.get("dates") or []),
             "articles": len(r.get("articles") or []), "confidence": r.get("confidence")}
            for r in rels if r["type"] == "LEADS"]
    st.subheader(t("Titles held"))
    st.dataframe(pd.DataFrame(held, columns=["title", "in", "dates", "articles", "confidence"]), hide_index=True)
    if st.button(t("Open career"), key="details_career"):
        st.switch_page("app_pages/career.py", query_params={"key": node["key"]})

if label == "Project" and node.get("stages"):
    st.subheader(t("Project timeline"))
    st.caption(f"{t('Latest stage')}: {stage_timeline.STAGE_TEXT.get(node.get('stage'), node.get('stage'))}")
    stage_timeline.show(stage_timeline.events(node), key="project_timeline")

ties = [r for r in rels if r["type"] != "MENTIONS"]
st.subheader(f"{t('Relationships and their evidence')} ({len(ties)})")
SHOWN = 100  # per type: a hub's page stays quick; the rest is one query away in the console
for rtype in schema.rel_types():
    group = sorted((r for r in ties if r["type"] == rtype), key=lambda r: r["other"].get("name") or "")
    if not group:
        continue
    with st.expander(f"{rtype} ({len(group)})", expanded=len(ties) <= 20):
        for r in group[:SHOWN]:
            with st.container(border=True):
                evidence_block(r, name_of)
                st.button(f"Open {r['other'].get('name')}", key=f"open_{r['type']}_{r['other']['key']}",
                          on_click=show, args=(r["other"]["key"],))
        if len(group) > SHOWN:
            st.caption(f"Showing {SHOWN} of {len(group)}; the Cypher console lists them all.")

if ties:
    with st.expander(t("Timeline: relationships by month, with evidence"), expanded=False):
        show_timeline(ties, name_of)

mentions = [r for r in rels if r["type"] == "MENTIONS"]
if mentions:
    st.subheader("Articles" if label != "Article" else "Entities mentioned")
    st.dataframe(pd.DataFrame([{"name": r["other"].get("name"), "label": r["other"].get("label"),
                                "date": r["other"].get("date"), "count": r.get("count"),
                                "read": article_link(r["other"]["key"]) if label != "Article" else None,
                                "key": r["other"]["key"]} for r in mentions]), hide_index=True,
                 column_config={"read": st.column_config.LinkColumn("read", display_text="read") if label != "Article"
                                else None})
if label == "Article" and st.button("Read it, with its evidence highlighted", key="details_read"):
    st.switch_page("app_pages/article.py", query_params={"key": node["key"]})

if label != "Article" and st.button(t("Draw its ego network"), key="details_draw"):
    st.switch_page("app_pages/search.py", query_params={"q": node.get("name") or "", "key": node["key"]})
