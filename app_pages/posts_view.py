"""What the career and post-holders pages share: posts on a timeline, a table of
them, and each post's evidence (one quoted sentence per supporting article)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages.evidence import article_info, quote_block
from app_pages.i18n import t


def _day(date: str, days: int = 0) -> str:
    """date moved by days (dates the chart cannot read stay as they are)."""
    try:
        return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def timeline(posts: list[dict], row: str) -> None:
    """A bar from each post's first to last date (one row per `row` label), a dot per
    dated article; undated posts are counted, not drawn."""
    bars = [{"row": p[row], "first": p["first"], "end": _day(p["last"], 1), "last": p["last"],
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
    # a month either side, so a post seen on one day is not drawn across the whole width
    x = {"type": "temporal", "title": None, "axis": {"format": "%Y-%m-%d", "labelOverlap": True},
         "scale": {"domain": [_day(min(b["first"] for b in bars), -31), _day(max(b["end"] for b in bars), 31)]}}
    st.vega_lite_chart({
        "height": max(60, 28 * len(order)),
        "layer": [
            {"data": {"values": bars}, "mark": {"type": "bar", "color": "#d62728", "opacity": 0.5},
             "encoding": {"y": y, "x": {**x, "field": "first"},
                          "x2": {"field": "end"},
                          "tooltip": [{"field": "row"}, {"field": "first"}, {"field": "last"}, {"field": "articles"}]}},
            {"data": {"values": dots}, "mark": {"type": "point", "filled": True, "size": 80, "color": "#7f7f7f"},
             "encoding": {"y": y, "x": {**x, "field": "date"},
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
