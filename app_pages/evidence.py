"""Evidence a reporter can quote: each supporting sentence whole, its article, and a
citation 「evidence」 — publisher，《title》，date，URL."""
from __future__ import annotations

import html
import os
from urllib.parse import quote

import pandas as pd
import streamlit as st

from app_pages.widgets import confidence_note, min_confidence, read
from graph.provenance import TOTAL


def article_info(key: str) -> dict:
    node = read("node", key) or {}
    return {"key": key, "title": node.get("name") or key, "date": node.get("date"),
            "publisher": node.get("publisher"), "url": node.get("url"), "source": node.get("source")}


def article_link(key: str) -> str:
    """The article reader page of one article (a relative link inside the app)."""
    return f"article?key={quote(key, safe='')}"


def citation(sentence: str | None, info: dict) -> str:
    """「sentence」 — publisher，《title》，date，URL (what is unknown is left out)."""
    parts = [info.get("publisher"), f"《{info['title']}》" if info.get("title") else None,
             info.get("date"), info.get("url") or os.path.basename(info.get("source") or "") or None]
    where = "，".join(p for p in parts if p)
    return f"「{sentence}」 — {where}" if sentence else where


def supports(edge: dict, first: int | None = None) -> list[dict]:
    """One entry per supporting article (the first `first` of them): the sentence, its date,
    the article."""
    arts, sents, dates = (edge.get(k) or [] for k in ("articles", "evidence", "dates"))
    out = []
    for i, art in enumerate(arts[:first]):
        info = article_info(art)
        out.append({"sentence": sents[i] if i < len(sents) else None,
                    "date": (dates[i] if i < len(dates) else None) or info["date"], "article": info})
    return out


def heading(edge: dict, name_of: dict[str, str]) -> str:
    head = f"**{name_of.get(edge['source'], edge['source'])}** —{edge['type']}→ " \
           f"**{name_of.get(edge['target'], edge['target'])}**"
    extra = [f"{k}: {edge[k]}" for k in ("title", "amount_text") if edge.get(k)]
    return head + (f" ({'; '.join(extra)})" if extra else "") + confidence_note(edge)


def quote_block(sentence: str | None, info: dict, date: str | None = None) -> None:
    """One piece of evidence: the sentence whole, then where it was read (linked)."""
    st.markdown(f"> {sentence}" if sentence else "_no evidence sentence recorded_")
    where = " · ".join(p for p in (info.get("publisher"), f"《{info['title']}》", date or info.get("date") or "undated")
                       if p)
    st.caption(f"{where} · [read the article]({article_link(info['key'])})"
               + (f" · [original]({info['url']})" if info.get("url") else ""))


def evidence_block(edge: dict, name_of: dict[str, str], shown: int = 5, more: bool = True) -> None:
    """A relationship as a heading and its evidence, each sentence whole (more: say how many
    articles are not quoted)."""
    st.markdown(heading(edge, name_of))
    if edge["type"] == "MENTIONS":
        info = article_info(edge["source"])
        st.caption(f"mentioned {edge.get('count') or 1} time(s) in “{info['title']}” ({info['date'] or 'undated'})")
        return
    for row in supports(edge, shown):  # only the quoted articles are read (a hub edge has thousands)
        quote_block(row["sentence"], row["article"], row["date"])
    total = edge.get(TOTAL) or len(edge.get("articles") or [])  # a trimmed edge counts what it left out
    if more and total > shown:
        st.caption(f"… and {total - shown} more article(s).")


def whole_edges(edges: list[dict]) -> list[dict]:
    """edges with every trimmed one (an ego's or tracer's sample, graph/provenance.py) read
    whole from the store in one read; what exports and the time slider need."""
    cut = tuple((e["type"], e["source"], e["target"]) for e in edges
                if e.get(TOTAL) is not None and e[TOTAL] > len(e.get("articles") or []))
    whole = {(e["type"], e["source"], e["target"]): e for e in (read("edges", cut) if cut else [])}
    return [{k: v for k, v in whole.get((e["type"], e["source"], e["target"]), e).items() if k != TOTAL}
            for e in edges]


def evidence_view(edge: dict, name_of: dict[str, str], shown: int = 5) -> None:
    """A relationship picked from a trimmed answer: read whole (store.edge), its first
    sentences quoted, then every supporting article in a table."""
    whole = read("edge", edge["type"], edge["source"], edge["target"]) or edge
    evidence_block(whole, name_of, shown=shown, more=False)
    arts, sents, dates = (whole.get(k) or [] for k in ("articles", "evidence", "dates"))
    if len(arts) > shown:
        st.caption(f"All {len(arts):,} supporting articles:")
        st.dataframe(pd.DataFrame({"date": dates[:len(arts)] + [None] * (len(arts) - len(dates)),
                                   "sentence": sents[:len(arts)] + [None] * (len(arts) - len(sents)),
                                   "article": [article_link(a) for a in arts]}),
                     hide_index=True, width="stretch",
                     column_config={"article": st.column_config.LinkColumn("article", display_text="read")})


def claims(article_key: str) -> list[dict]:
    """The relationships this article supports, each with its sentence from it."""
    found: dict[tuple, dict] = {}
    for m in read("relations", article_key, min_confidence=0.0):
        if m["type"] != "MENTIONS" or not m.get("other"):
            continue
        for r in read("relations", m["other"]["key"], min_confidence=min_confidence()):
            arts = r.get("articles") or []
            if r["type"] == "MENTIONS" or article_key not in arts:
                continue
            i = arts.index(article_key)
            sents = r.get("evidence") or []
            found.setdefault((r["type"], r["source"], r["target"]),
                             {**r, "sentence": sents[i] if i < len(sents) else None})
    return sorted(found.values(), key=lambda r: (r["type"], r["source"], r["target"]))


def highlighted(text: str, sentences: list[str]) -> str:
    """The article text as HTML, each evidence sentence marked."""
    out = html.escape(text)
    for s in sorted({s for s in sentences if s and s != "gazetteer"}, key=len, reverse=True):
        esc = html.escape(s)
        out = out.replace(esc, f'<mark class="govkg-evidence">{esc}</mark>')
    return f'<div style="white-space:pre-wrap;line-height:1.8">{out}</div>'
