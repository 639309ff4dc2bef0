"""Article reader: one article whole, its evidence sentences highlighted, the claims
read from it, and a citation for each (「evidence」 — publisher，《title》，date，URL).

Deep link: ?key=article:…"""
import streamlit as st

from app_pages.evidence import article_info, citation, claims, heading, highlighted
from app_pages.widgets import picked_or_linked, read
from app_pages.i18n import t

st.title(t("Article"))
node = picked_or_linked(t("Find an article by its title"), "article", ["Article"], "article")

info = article_info(node["key"]) | {"title": node.get("name")}
st.header(info["title"] or node["key"])
st.caption(" · ".join(p for p in (info["publisher"] or "publisher unknown", info["date"] or "undated",
                                  f"source: {info['source']}" if info["source"] else None) if p))
if info["url"]:
    st.markdown(f"[{info['url']}]({info['url']})")

found = claims(node["key"])
name_of = {}
for r in found:
    for end in (r["source"], r["target"]):
        name_of.setdefault(end, (read("node", end) or {}).get("name") or end)

text_col, claim_col = st.columns([3, 2])
with text_col:
    st.subheader(t("Text"))
    st.caption(t("Highlighted: the sentences the claims on the right were read from."))
    st.html(highlighted(node.get("text") or "", [r["sentence"] for r in found]))
with claim_col:
    st.subheader(f"{t('Claims read from it')} ({len(found)})")
    if not found:
        st.caption("No relationship in the graph rests on this article (at the minimum confidence).")
    for i, r in enumerate(found):
        with st.container(border=True):
            st.markdown(heading(r, name_of))
            st.markdown(f"> {r['sentence']}" if r["sentence"] else "_no evidence sentence recorded_")
            if st.button(t("Cite"), key=f"cite_{i}", help="A citation to copy"):
                st.session_state.article_cite = (node["key"], i)
            if st.session_state.get("article_cite") == (node["key"], i):
                st.code(citation(r["sentence"], info), language=None, wrap_lines=True)
