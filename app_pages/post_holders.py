"""Post holders: who held a title at a place or body over time, in order, with first
and last dates and evidence. Deep link: ?key=<place or body>&title=县委书记."""
import streamlit as st

from app_pages.i18n import t
from app_pages.posts_view import evidence, table, timeline
from app_pages.widgets import min_confidence, node_caption, picked_or_linked, read

st.title(t("Post holders"))
place = picked_or_linked(t("Find a place or body"), "holders", ["Place", "Organization"], "place or body")
st.header(node_caption(place))

titles = read("posts_at", place["key"], min_confidence=min_confidence())
if not titles:
    st.info(t("No official holds a post here in the graph (at this minimum confidence)."))
    st.stop()
counts = {p["title"]: p for p in titles}
asked = st.query_params.get("title")
if asked in counts and st.session_state.get("holders_asked") != (place["key"], asked):
    st.session_state["holders_title"] = asked  # a link names the post; the box follows it once
    st.session_state["holders_asked"] = (place["key"], asked)
if st.session_state.get("holders_title") not in counts:
    st.session_state["holders_title"] = titles[0]["title"]
title = st.selectbox(t("Post"), list(counts), key="holders_title",
                     format_func=lambda x: f"{x or '?'} ({counts[x]['holders']} {t('holder(s)')})")
st.query_params["title"] = title

holders = read("post_holders", title, place["key"], min_confidence=min_confidence())
st.subheader(f"{title} · {place.get('name')}: {t('holders in order')} ({len(holders)})")
timeline(holders, "official_name")
table(holders, {"official_name": t("Official"), "first": t("First seen"), "last": t("Last seen"),
                "articles": t("Articles")})
for i, p in enumerate(holders):
    with st.expander(f"{p['official_name']} · {p['first'] or '?'} – {p['last'] or '?'} ({len(p['articles'])})",
                     expanded=len(holders) <= 3):
        evidence(p)
        if st.button(f"{t('Career of')} {p['official_name']}", key=f"holders_career_{i}"):
            st.switch_page("app_pages/career.py", query_params={"key": p["official"]})
