"""govkg explorer: `streamlit run app.py` (store from GOVKG_STORE/GOVKG_DB/NEO4J_*)."""
import streamlit as st

from app_pages.i18n import language_choice, t
from app_pages.widgets import confidence_slider, reload_data, store_id, store_name

st.set_page_config(page_title="govkg explorer", page_icon=":material/hub:", layout="wide")

PAGES = {
    t("Explore"): [
        st.Page("app_pages/overview.py", title=t("Overview"), icon=":material/dashboard:", default=True),
        st.Page("app_pages/search.py", title=t("Search & ego network"), icon=":material/hub:", url_path="ego"),
        st.Page("app_pages/details.py", title=t("Entity details"), icon=":material/badge:", url_path="details"),
        st.Page("app_pages/paths.py", title=t("Paths"), icon=":material/route:", url_path="paths"),
        st.Page("app_pages/tracer.py", title=t("Company tracer"), icon=":material/factory:", url_path="tracer"),
        st.Page("app_pages/article.py", title=t("Article"), icon=":material/article:", url_path="article"),
        st.Page("app_pages/career.py", title=t("Official career"), icon=":material/timeline:", url_path="career"),
        st.Page("app_pages/post_holders.py", title=t("Post holders"), icon=":material/groups:", url_path="holders"),
        st.Page("app_pages/stages.py", title=t("Project stages"), icon=":material/timeline:", url_path="stages"),
    ],
    t("Work with data"): [
        st.Page("app_pages/console.py", title=t("Cypher console"), icon=":material/terminal:", url_path="cypher"),
        st.Page("app_pages/ingest.py", title=t("Ingest"), icon=":material/upload_file:", url_path="ingest"),
        st.Page("app_pages/export.py", title=t("Export"), icon=":material/download:", url_path="export"),
        st.Page("app_pages/review.py", title=t("Review duplicates"), icon=":material/join:", url_path="review"),
    ],
}

page = st.navigation(PAGES)
with st.sidebar:
    language_choice()
    st.caption(f"{t('Graph')}: `{store_name()}`", help=store_id())
    st.button(t("Reload data"), key="reload", on_click=reload_data,
              help="Forget cached answers (after another program wrote to the graph)")
    confidence_slider()
page.run()
