"""Ingest: upload articles, check what the extractor found, then add them to the graph."""
import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from app_pages.rebuild import rebuild
from app_pages.widgets import forget_cached_reads, writable_store
from app_pages.i18n import t
from graph import schema
from graph.store import StoreError

st.title(t("Ingest"))
st.caption("Upload news articles (.txt, .html, .md, or .jsonl with one article per line). "
           "Check the highlighted entities, then commit them to the graph.")


@st.cache_data(show_spinner="Extracting…", max_entries=64)
def extract(name: str, data: bytes) -> list[tuple[str, dict | None, str | None]]:
    """(name, record, None) or (name, None, reason) per article in one uploaded file."""
    from ingest.extract import iter_extract
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name  # the extension picks the reader
        path.write_bytes(data)
        # The upload's own name is the source to cite: the temporary folder is gone after this.
        return [(n, rec and rec | {"source": Path(name).name}, err and err.replace(str(path), Path(name).name))
                for n, rec, err in iter_extract([str(path)])]


def highlighted(record: dict) -> str:
    """The article text with its entity spans marked by displaCy, coloured by schema label."""
    from spacy import displacy
    ents = [{"start": s["start"], "end": s["end"], "label": s["label"]}
            for s in sorted(record.get("spans") or [], key=lambda s: s["start"])]
    colors = {lb: schema.color(lb) + "40" for lb in schema.node_labels()}  # a light tint keeps text readable
    return displacy.render({"text": record.get("text") or "", "ents": ents, "title": record.get("title")},
                           style="ent", manual=True, options={"colors": colors}, jupyter=False)


files = st.file_uploader("Articles", type=["txt", "html", "htm", "md", "jsonl"],
                         accept_multiple_files=True, key="ingest_files")
if not files:
    st.stop()

records, problems = [], []
for f in files:
    for name, record, reason in extract(f.name, f.getvalue()):
        if record:
            records.append(record)
        else:
            problems.append((name, reason))
for name, reason in problems:
    st.error(f"{name}: {reason}")
if not records:
    st.stop()

st.subheader(f"{len(records)} article(s) extracted")
for i, rec in enumerate(records):
    n_ents, n_rels = len(rec.get("entities") or []), len(rec.get("relations") or [])
    with st.expander(f"{rec.get('title') or rec['article']} — {n_ents} entities, {n_rels} relationships",
                     expanded=i == 0):
        st.html(highlighted(rec))
        if rec.get("relations"):
            st.dataframe([{"type": r["type"], "head": r["head"], "tail": r["tail"],
                           "title": r.get("title"), "amount_cny": r.get("amount_cny"),
                           "evidence": r.get("evidence")} for r in rec["relations"]], hide_index=True)

digest = hashlib.sha1("".join(sorted(r["key"] for r in records)).encode()).hexdigest()
if st.session_state.get("ingest_done") == digest:
    st.success(st.session_state.ingest_summary)
elif st.button(f"Commit {len(records)} article(s) to the graph", type="primary", key="ingest_commit"):
    bar = st.progress(0.0, text="Loading…")
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        bar.progress(min(done[0] / len(records), 1.0), text=f"Loaded {done[0]} of {len(records)} article(s)")

    try:
        with writable_store() as store:
            stats = store.load(records, progress=progress)
        if stats.articles_loaded:
            rebuild(only_if_stale=True)  # a merge joined nodes stored before it (graph/identity.py)
    except StoreError as e:
        st.error(f"Nothing more was loaded: {e}")
        st.stop()
    bar.progress(1.0, text="Done")
    forget_cached_reads()
    skipped = "; ".join(f"{a}: {why}" for a, why in stats.articles_skipped)
    st.session_state.ingest_done = digest
    st.session_state.ingest_summary = (
        f"Loaded {stats.articles_loaded} of {stats.articles_read} article(s): "
        f"{stats.nodes_created} nodes and {stats.rels_created} relationships created, "
        f"{stats.nodes_updated} nodes and {stats.rels_updated} relationships updated"
        + (f". Skipped: {skipped}" if skipped else "."))
    st.success(st.session_state.ingest_summary)
