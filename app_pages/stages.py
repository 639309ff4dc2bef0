"""Project stages: projects filtered by their latest stage and by the year of a stage event
(the named query projects_by_stage), and the stage timeline of a place's or a company's projects."""
from urllib.parse import quote

import pandas as pd
import streamlit as st

from app_pages.i18n import t
from app_pages.stage_timeline import STAGE_TEXT, of_neighbours, show
from app_pages.widgets import get_store, min_confidence, pick_entity, read
from graph import named

st.title(t("Project stages"))
st.caption(t("Stages read from the articles: 签约 → 开工 → 在建/封顶 → 竣工 → 投产/通车/运营; a plan (计划…年底竣工) is not a stage."))

c1, c2 = st.columns(2)
stage = c1.selectbox(t("Latest stage"), ["any", *STAGE_TEXT], key="stage_filter",
                     format_func=lambda s: t("any") if s == "any" else STAGE_TEXT[s])
year = c2.number_input(t("Year of a stage event (0: any)"), min_value=0, max_value=2100, value=0, step=1,
                       key="stage_year")
query = named.get("projects_by_stage")
res = read("query", query.cypher_for(get_store().kind), query.bind({"stage": stage, "year": int(year)}), limit=1000)
rows = [dict(zip(res.columns, r)) for r in res.rows]
st.metric(t("Projects"), len(rows))
if rows:
    df = pd.DataFrame([{"project": r["project"], "stage": STAGE_TEXT.get(r["stage"], r["stage"]),
                        "events": " → ".join(f"{d or '?'} {s}" for s, d in zip(r["stages"] or [], r["stage_dates"] or [])),
                        "places": "、".join(p for p in r["places"] or [] if p),
                        "details": f"details?key={quote(r['project_key'], safe='')}"} for r in rows])
    st.dataframe(df, hide_index=True, width="stretch", key="stage_projects",
                 column_config={"details": st.column_config.LinkColumn("details", display_text="open")})

st.subheader(t("Stage timeline of a place's or a company's projects"))
owner = pick_entity(t("Place or company"), "stage_owner", st.query_params.get("q", ""), labels=["Place", "Company"])
if owner is not None:
    rels = read("relations", owner["key"], min_confidence=min_confidence())
    show(of_neighbours(rels, "HOSTS" if owner.get("label") == "Place" else "INVESTS_IN"), key="stage_owner_events")
