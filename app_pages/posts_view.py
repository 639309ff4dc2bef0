"""What the career and post-holders pages share: posts on a timeline, a table of
them, and each post's evidence (one quoted sentence per supporting article)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages.evidence import article_info, quote_block
from app_pages.i18n import t


def _end(last: str) -> str:
    """The day after a post's last date: a post seen once still shows as a bar."""
    try:
        return (dt.date.fromisoformat(last[:10]) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return last


def timeline(posts: list[dict], row: str) -> None:
    """A bar from each post's first to last date (one row per `row` label), a dot per
    dated article; undated posts are counted, not drawn."""
    bars = [{"row": p[row], "first": p["first"], "end": _end(p["last"]), "last": p["last"],
             "articles": len(p["articles"])} for p in posts if p["first"]]
    dots = [{"row": p[row], "date": d, "sentence": s} for p in posts if p["first"]
            for d, s in zip(p["dates"], p["evidence"]) if d]
    undated = len(posts) - len(bars)
    if undated:
        st.caption(f"{undated} {t('undated post(s), listed below but not drawn')}")
    if not bars:
        return
    order = list(dict.fromkeys(b["row"] for b in bars))
    y = {"field": "row", "type": "nominal", "sort": order, "title": None}
    st.vega_lite_chart({
        "height": max(60, 28 * len(order)),
        "layer": [
            {"data": {"values": bars}, "mark": {"type": "bar", "color": "#d62728", "opacity": 0.5},
             "encoding": {"y": y, "x": {"field": "first", "type": "temporal", "title": None},
                          "x2": {"field": "end"},
                          "tooltip": [{"field": "row"}, {"field": "first"}, {"field": "last"}, {"field": "articles"}]}},
            {"data": {"values": dots}, "mark": {"type": "point", "filled": True, "color": "#7f7f7f"},
             "encoding": {"y": y, "x": {"field": "date", "type": "temporal"},
                          "tooltip": [{"field": "date"}, {"field": "sentence"}]}},
        ]}, width="stretch")


def table(posts: list[dict], columns: dict[str, str]) -> None:
    """One row per post: columns maps a post field to its heading."""
    rows = [{head: (len(p[f]) if f == "articles" else p.get(f) or "") for f, head in columns.items()} for p in posts]
    st.dataframe(pd.DataFrame(rows, columns=list(columns.values())), hide_index=True)


def evidence(post: dict) -> None:
    """Each supporting article's sentence and where it was read, in time order."""
    for date, sentence, art, written in zip(post["dates"], post["evidence"], post["articles"], post["titles"]):
        if written and written != post["title"]:
            st.caption(f"{t('written')}: {written}")
        quote_block(sentence, article_info(art), date)
