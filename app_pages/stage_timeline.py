"""Project lifecycle events as table rows: one project's (on its details), or the projects
of a place or a company, in time order (graph/stages.py keeps them on Project nodes)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.evidence import article_link
from app_pages.i18n import t

STAGE_TEXT = {"signed": "signed 签约", "started": "started 开工", "under_construction": "under construction 在建",
              "completed": "completed 竣工", "operating": "operating 投产/运营"}
COLUMNS = ["date", "project", "stage", "evidence", "read", "project_key"]
EVENT_PROPS = ("stages", "stage_dates", "stage_articles", "stage_evidence")


def events(node: dict) -> list[dict]:
    """A project node's stage events (date, project, stage, evidence, read, project_key)."""
    lists = [node.get(p) or [] for p in EVENT_PROPS]
    return [{"date": d, "project": node.get("name"), "stage": STAGE_TEXT.get(s, s), "evidence": e,
             "read": article_link(a), "project_key": node["key"]} for s, d, a, e in zip(*lists)]


def of_neighbours(rels: list[dict], rel_type: str) -> list[dict]:
    """The stage events of the projects at the other end of rel_type, in time order."""
    rows = [ev for r in rels if r["type"] == rel_type and r.get("other") for ev in events(r["other"])]
    return sorted(rows, key=lambda r: (r["date"] or "\uffff", r["project"] or ""))


def show(rows: list[dict], key: str) -> None:
    """The events as a table (a project column only when several projects are shown)."""
    if not rows:
        st.info(t("No stage events recorded."))
        return
    df = pd.DataFrame(rows, columns=COLUMNS)
    hidden = {"project_key": None} | ({"project": None} if df["project"].nunique() == 1 else {})
    st.dataframe(df, hide_index=True, width="stretch", key=key,
                 column_config={"read": st.column_config.LinkColumn("read", display_text="read")} | hidden)
