"""Export: download the current view (last ego/path/tracer/query graph) or the whole graph."""
import io
import re

import streamlit as st

from app_pages.evidence import whole_edges
from app_pages.widgets import current_view, get_store, min_confidence, read
from app_pages.i18n import t

st.title(t("Export"))
try:
    from graph import export
except ImportError as e:
    st.error(f"Exports unavailable: {e}")
    st.stop()


def info(fmt: str, field: str) -> str:
    spec = export.FORMATS[fmt]
    return spec[field] if isinstance(spec, dict) else getattr(spec, field)


view = current_view()
scopes = (["Current view"] if view else []) + ["Whole graph"]
captions = ([f"{view['title']}: {len(view['subgraph'].nodes)} nodes, "
             f"{len(view['subgraph'].edges)} relationships"] if view else []) \
    + ["every node and relationship in the store"]
scope = st.radio("What", scopes, horizontal=True, captions=captions)
if not view:
    st.caption("Draw an ego network, path, company trace or query result to export just that view.")
fmt = st.selectbox("Format", list(export.FORMATS), key="export_format",
                   format_func=lambda f: f"{f} — {getattr(export.FORMATS[f], 'description', '')}")
threshold = min_confidence()
st.caption(f"Entities and relationships with a confidence below {threshold:g} (the sidebar's minimum) are "
           "left out; set it to 0 to export everything." if threshold > 0 else
           "Every confidence is exported (the sidebar's minimum is 0).")

if st.button("Prepare file", type="primary", key="export_prepare"):
    buf = io.BytesIO()
    if scope == "Current view":
        sub, title = view["subgraph"], view["title"]
        # The view's ego and tracer edges hold a sample of their evidence: the file gets it all.
        export.write(fmt, sub.nodes, whole_edges(sub.edges), buf, min_confidence=threshold)
    else:
        counts = read("counts")
        total = sum(counts["nodes"].values()) + sum(counts["relationships"].values())
        bar = st.progress(0.0, text="Writing the whole graph…")
        done = [0]

        def progress(n: int) -> None:
            done[0] += n
            bar.progress(min(done[0] / max(total, 1), 1.0), text=f"{done[0]:,} of {total:,} items")

        store, title = get_store(), "govkg"
        export.write(fmt, store.iter_nodes(), store.iter_edges(), buf, progress=progress, min_confidence=threshold)
        bar.progress(1.0, text="Done")
    stem = re.sub(r"[^\w\-]+", "_", title).strip("_") or "govkg"
    st.session_state.export_file = {"name": f"{stem}{info(fmt, 'extension')}", "mime": info(fmt, "mime"),
                                    "data": buf.getvalue(), "format": fmt}

made = st.session_state.get("export_file")
if made:
    st.download_button(f"Download {made['name']} ({len(made['data']):,} bytes)", made["data"],
                       file_name=made["name"], mime=made["mime"], type="primary")
