"""govkg explorer: `streamlit run app.py` (store from GOVKG_STORE/GOVKG_DB/NEO4J_*)."""
import streamlit as st

from app_pages.widgets import confidence_slider, reload_data, store_id, store_name

st.set_page_config(page_title="govkg explorer", page_icon=":material/hub:", layout="wide")

PAGES = {
    "Explore": [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("app_pages/search.py", title="Search & ego network", icon=":material/hub:", url_path="ego"),
        st.Page("app_pages/details.py", title="Entity details", icon=":material/badge:", url_path="details"),
        st.Page("app_pages/paths.py", title="Paths", icon=":material/route:", url_path="paths"),
        st.Page("app_pages/tracer.py", title="Company tracer", icon=":material/factory:", url_path="tracer"),
        st.Page("app_pages/article.py", title="Article", icon=":material/article:", url_path="article"),
    ],
    "Work with data": [
        st.Page("app_pages/console.py", title="Cypher console", icon=":material/terminal:", url_path="cypher"),
        st.Page("app_pages/ingest.py", title="Ingest", icon=":material/upload_file:", url_path="ingest"),
        st.Page("app_pages/export.py", title="Export", icon=":material/download:", url_path="export"),
    ],
}

page = st.navigation(PAGES)
with st.sidebar:
    st.caption(f"Graph: `{store_name()}`", help=store_id())
    st.button("Reload data", key="reload", on_click=reload_data,
              help="Forget cached answers (after another program wrote to the graph)")
    confidence_slider()
page.run()
