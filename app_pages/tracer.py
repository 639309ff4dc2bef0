"""Company tracer: a company's projects, the places hosting them (up the PART_OF
chain), the officials leading those places, and the amounts."""
import pandas as pd
import streamlit as st

from app_pages.evidence import evidence_view
from app_pages.graphview import draw
from app_pages.widgets import keep_view, min_confidence, pick_entity, read
from app_pages.i18n import t

st.title(t("Company tracer"))
st.caption("Follow a company's money: projects → host places and their parents → officials leading them.")
company = pick_entity(t("Company"), "tracer", st.query_params.get("q", ""), labels=["Company"])
if company is None:
    st.stop()

rows, sub = read("company_trace", company["key"], min_confidence=min_confidence())
keep_view(f"tracer for {company['name']}", sub)
if not rows:
    st.info(f"No projects recorded for {company['name']}.")
    st.stop()

if sub.omitted:  # a hub company: only the best-supported projects are read
    shown = len({r["project_key"] for r in rows})
    st.warning(f"Capped: showing {shown:,} of {shown + sub.omitted:,} projects; {sub.omitted:,} omitted "
               "(the best supported are kept).")
df = pd.DataFrame(rows)
c1, c2, c3 = st.columns(3)
for col, name, field in ((c1, "Projects", "project"), (c2, "Places", "place"), (c3, "Officials", "official")):
    col.metric(name, df[field].nunique() if field in df else 0)
amount_cols = [c for c in df.columns if c.endswith("_cny")]
st.dataframe(df, hide_index=True, width="stretch",
             column_config={c: st.column_config.NumberColumn(c, format="localized") for c in amount_cols}
             | {c: None for c in df.columns if c.endswith("_key")})
draw(sub, key="tracer_graph", height=520, center=company["key"])

# The rows hold a sample of each investment's evidence: the project picked is read whole.
projects = {r["project_key"]: r["project"] for r in rows}
counts = {r["project_key"]: r.get("evidence_total") for r in rows}
pick = st.selectbox(t("Evidence of"), list(projects), key="tracer_evidence",
                    format_func=lambda k: f"{projects[k]} ({counts[k]} article(s))")
evidence_view({"type": "INVESTS_IN", "source": company["key"], "target": pick},
              {company["key"]: company["name"], **projects})
