"""Time: the ego view's time slider (undated relationships counted and kept on
request) and an entity's timeline (its relationships by month, with evidence)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages.evidence import article_info, quote_block, whole_edges
from app_pages.i18n import t
from graph.store import Subgraph


def edge_dates(edge: dict, article_dates: dict[str, str | None]) -> list[str]:
    """The dates an edge is supported on (a MENTIONS edge: its article's date)."""
    if edge["type"] == "MENTIONS":
        d = article_dates.get(edge["source"])
        return [d] if d else []
    return [d for d in edge.get("dates") or [] if d]


def _day(d: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(d[:10])
    except ValueError:
        return None


def time_filter(sub: Subgraph, center: str, key: str) -> Subgraph:
    """A time slider over the drawn relationships' dates; returns what lies in the
    chosen range (plus the undated ones if the user keeps them), and the nodes
    still connected to the centre through it."""
    st.session_state.setdefault(f"{key}_undated", True)  # defaults through session state: links set them too
    if not st.checkbox(t("Filter by time"), key=f"{key}_by_time",
                       help="Keep the relationships supported by an article dated in a range"):
        return sub
    # Every date counts: a trimmed edge (an ego answer's sample of its articles) is read whole.
    sub = Subgraph(sub.nodes, whole_edges(sub.edges), sub.truncated, sub.omitted)
    art_dates = {n["key"]: n.get("date") for n in sub.nodes if n.get("label") == "Article"}
    dated = {id(e): [d for d in map(_day, edge_dates(e, art_dates)) if d] for e in sub.edges}
    days = sorted(d for ds in dated.values() for d in ds)
    undated = sum(1 for e in sub.edges if not dated[id(e)])
    if not days:
        st.caption(f"None of the {len(sub.edges)} relationships drawn is dated.")
        return sub
    lo, hi = days[0], days[-1]
    if lo == hi:
        st.caption(f"Every dated relationship drawn is from {lo.isoformat()}.")
        start, end = lo, hi
    else:
        chosen = st.session_state.get(f"{key}_time")
        if not chosen or len(chosen) != 2 or chosen[0] < lo or chosen[1] > hi:
            st.session_state[f"{key}_time"] = (lo, hi)
        start, end = st.slider(t("Time"), lo, hi, format="YYYY-MM-DD", key=f"{key}_time")
    keep_undated = st.checkbox(f"Keep the {undated} undated relationship(s)",
                               key=f"{key}_undated", disabled=not undated,
                               help="Relationships whose articles give no date cannot be placed in time.")
    kept = [e for e in sub.edges
            if (any(start <= d <= end for d in dated[id(e)]) if dated[id(e)] else keep_undated)]
    st.caption(f"{len(kept)} of {len(sub.edges)} relationships shown: dated {start.isoformat()} to "
               f"{end.isoformat()}" + (f", plus {undated} undated" if undated and keep_undated else
                                       f"; {undated} undated left out" if undated else ""))
    return connected(Subgraph(sub.nodes, kept, sub.truncated), center)


def connected(sub: Subgraph, center: str) -> Subgraph:
    """The part of sub reachable from center."""
    nbrs: dict[str, set[str]] = {}
    for e in sub.edges:
        nbrs.setdefault(e["source"], set()).add(e["target"])
        nbrs.setdefault(e["target"], set()).add(e["source"])
    seen, todo = {center}, [center]
    while todo:
        for n in nbrs.get(todo.pop(), ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return Subgraph([n for n in sub.nodes if n["key"] in seen],
                    [e for e in sub.edges if e["source"] in seen], sub.truncated)


def events(rels: list[dict], name_of: dict[str, str]) -> list[dict]:
    """One row per (relationship, supporting article): month, date, claim, sentence."""
    rows = []
    for r in rels:
        if r["type"] == "MENTIONS":
            continue
        arts, sents, dates = (r.get(k) or [] for k in ("articles", "evidence", "dates"))
        for i, art in enumerate(arts):
            date = (dates[i] if i < len(dates) else None) or None
            rows.append({"month": date[:7] if date else None, "date": date, "type": r["type"],
                         "claim": f"{name_of.get(r['source'], r['source'])} —{r['type']}→ "
                                  f"{name_of.get(r['target'], r['target'])}",
                         "sentence": sents[i] if i < len(sents) else None, "article": art})
    return sorted(rows, key=lambda x: (x["date"] or "9999", x["claim"]))


def show_timeline(rels: list[dict], name_of: dict[str, str]) -> None:
    """An entity's relationships by month (a chart), then each month's evidence."""
    rows = events(rels, name_of)
    dated = [r for r in rows if r["month"]]
    undated = len(rows) - len(dated)
    if not rows:
        st.caption("No relationship to place in time.")
        return
    st.caption(f"{len(dated)} dated piece(s) of evidence" + (f"; {undated} undated, listed last" if undated else ""))
    if dated:
        df = pd.DataFrame(dated)
        df["month"] = pd.to_datetime(df["month"] + "-01")
        counts = df.groupby(["month", "type"]).size().unstack(fill_value=0)
        st.bar_chart(counts, x_label="month", y_label="relationships (one per supporting article)")
    by_month: dict[str, list[dict]] = {}
    for r in rows:
        by_month.setdefault(r["month"] or "undated", []).append(r)
    for month, items in by_month.items():
        with st.expander(f"{month} ({len(items)})", expanded=len(by_month) <= 3):
            for r in items:
                st.markdown(f"**{r['claim']}**")
                quote_block(r["sentence"], article_info(r["article"]), r["date"])
