"""Official career: every post an official held (title × place or body) on a
timeline, first to last date seen, with the evidence of each. Deep link: ?key=<official>."""
import streamlit as st

from app_pages.i18n import t
from app_pages.posts_view import evidence, table, timeline
from app_pages.widgets import min_confidence, node_caption, picked_or_linked, read

st.title(t("Official career"))
node = picked_or_linked(t("Find an official"), "career", ["Official"], "official")
if node.get("label") != "Official":
    st.warning(f"{node_caption(node)} {t('is not an official.')}")
    st.stop()
st.header(node_caption(node))
st.caption(node["key"])

posts = read("career", node["key"], min_confidence=min_confidence())
if not posts:
    st.info(t("No post of this official in the graph (at this minimum confidence)."))
    st.stop()
for p in posts:
    p["post"] = f"{p['title'] or '?'} · {p['place_name'] or p['place']}"
st.subheader(f"{t('Posts on a timeline')} ({len(posts)})")
timeline(posts, "post")
table(posts, {"title": t("Post"), "place_name": t("Place or body"), "first": t("First seen"),
              "last": t("Last seen"), "articles": t("Articles")})

st.subheader(t("Evidence for each post"))
for i, p in enumerate(posts):
    with st.expander(f"{p['post']} · {p['first'] or '?'} – {p['last'] or '?'} ({len(p['articles'])})",
                     expanded=len(posts) <= 3):
        evidence(p)
        if st.button(t("Who else held this post"), key=f"career_holders_{i}"):
            st.switch_page("app_pages/post_holders.py", query_params={"key": p["place"], "title": p["title"]})
