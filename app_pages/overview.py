"""Overview: what the graph holds, who is most connected, mentions over time."""
import pandas as pd
import streamlit as st

from app_pages.widgets import entity_labels, get_store, legend, read, store_id
from app_pages.i18n import t
from graph import named

st.title(t("Overview"))
st.caption(f"Store: `{store_id()}`")
counts = read("counts")

cols = st.columns(len(counts["nodes"]))
for col, (label, n) in zip(cols, counts["nodes"].items()):
    col.metric(label, f"{n:,}")
legend()
st.dataframe(pd.DataFrame([{"relationship": t, "count": n} for t, n in counts["relationships"].items()]),
             hide_index=True)

if not any(counts["nodes"].values()):
    st.info("The graph is empty: add articles on the **Ingest** page or with `python -m ingest PATH…`.")
    st.stop()

st.subheader(t("Most connected"))
st.caption("Relationships other than MENTIONS (named query `top_connected`). Click a row to open the entity.")
top = named.get("top_connected")
cols = st.columns(3)
for col, label in zip(cols, ["Official", "Place", "Company"]):
    res = read("query", top.cypher_for(get_store().kind), top.bind({"label": label, "limit": 10}), limit=10)
    col.markdown(f"**{label}**")
    df = pd.DataFrame(res.rows, columns=res.columns)
    picked = col.dataframe(df, hide_index=True, column_config={"key": None}, key=f"top_{label}",
                           on_select="rerun", selection_mode="single-row")
    rows = picked.selection.rows if picked else []
    if rows:
        st.switch_page("app_pages/details.py", query_params={"key": df["key"].iloc[rows[0]]})

st.subheader(t("Mentions over time"))
res = read("query", "MATCH (a:Article)-[m:MENTIONS]->() WHERE a.date IS NOT NULL "
                    "RETURN a.date AS date, sum(m.count) AS mentions", {}, limit=100000)
df = pd.DataFrame(res.rows, columns=res.columns)
if df.empty:
    st.caption("No dated articles yet.")
else:
    # LadybugDB sums come back as Decimal: a number column, or the chart plots categories.
    df["mentions"] = pd.to_numeric(df["mentions"].map(float))
    df["month"] = pd.to_datetime(df["date"], errors="coerce").dt.to_period("M").dt.to_timestamp()
    monthly = df.dropna(subset=["month"]).groupby("month")["mentions"].sum()
    st.bar_chart(monthly, y_label="entity mentions", x_label="month")
st.caption(f"Entity labels: {', '.join(entity_labels())}. Search them on **Search & ego network**.")
