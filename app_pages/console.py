"""Cypher console: named queries with form fields (entities picked by name), or
free-form read-only Cypher; a query runs in the background and can be cancelled."""
import json
import time
from concurrent.futures import ThreadPoolExecutor, wait

import pandas as pd
import streamlit as st

from app_pages.graphview import draw
from app_pages.widgets import get_store, keep_view, pick_entity, read
from app_pages.i18n import t
from graph import schema
from graph.store import ReadOnlyError

st.title(t("Cypher console"))
store = get_store()
dialect = "LadybugDB (Kuzu-style Cypher)" if store.kind == "embedded" else "Neo4j Cypher"
st.caption(f"Read-only. The store speaks {dialect}; pass values as `$parameters`. "
           "Writes (CREATE, MERGE, SET, DELETE …) are refused.")


@st.cache_resource
def _pool() -> ThreadPoolExecutor:
    # Queries run here so the page stays live (running indicator, Cancel) while they do.
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="govkg-console")


def is_entity_param(p) -> bool:
    """Parameters that take an entity key (key, source, target …): picked by name instead."""
    return p.type == "string" and (p.name in ("key", "source", "target") or "key of" in p.help)


def entity_field(query: str, p) -> str | None:
    """A name search for a key parameter; its default entity is found by name first."""
    default = read("node", p.default) if p.default else None
    labels = [lb for lb in schema.node_labels() if lb.lower() in p.help.lower()] or None
    hit = pick_entity(f"{p.name}: {p.help or 'an entity'} (search by name)", f"param_{query}_{p.name}",
                      (default or {}).get("name", ""), labels=labels, prefer_key=p.default)
    typed = (st.session_state.get(f"param_{query}_{p.name}_text") or "").strip()
    if hit is None and typed in ("", (default or {}).get("name")):
        return p.default  # the default entity, even when hidden by the minimum confidence or absent
    return hit["key"] if hit else None


def field(query: str, p) -> object:
    """A form field for one other parameter (types: string, int, float, bool)."""
    label, key = f"{p.name} ({p.type})", f"param_{query}_{p.name}"
    if p.type == "int":
        return st.number_input(label, value=int(p.default or 0), step=1, help=p.help, key=key)
    if p.type == "float":
        return st.number_input(label, value=float(p.default or 0), help=p.help, key=key)
    if p.type == "bool":
        return st.checkbox(label, value=bool(p.default), help=p.help, key=key)
    return st.text_input(label, value="" if p.default is None else str(p.default), help=p.help, key=key) or None


c1, c2 = st.columns(2)
limit = c1.number_input(t("Row limit"), 1, 100000, 1000, key="console_limit")
timeout = c2.number_input(t("Timeout (s)"), 1.0, 600.0, 10.0, key="console_timeout")
request = None  # (cypher, params, title) when a Run button was pressed in this run
tab_named, tab_free = st.tabs([t("Named queries"), t("Free-form Cypher")])
with tab_named:
    from graph import named
    try:
        queries = named.list_queries()
    except named.NamedQueryError as e:
        queries = []
        st.error(f"Named queries unavailable: {e}")
    if queries:
        by_name = {q.name: q for q in queries}
        name = st.selectbox(t("Query"), list(by_name), format_func=lambda n: by_name[n].title or n,
                            key="named_query")
        q = by_name[name]
        if q.description:
            st.caption(q.description)
        # Entity fields live outside the form: their list of matches follows the typed name.
        values = {p.name: entity_field(name, p) for p in q.params if is_entity_param(p)}
        with st.form(f"named_form_{name}"):
            values |= {p.name: field(name, p) for p in q.params if not is_entity_param(p)}
            run_named = st.form_submit_button(t("Run"), key="named_run")
        cypher = q.cypher_for(store.kind)
        with st.expander("Cypher"):
            st.code(cypher, language="cypher")
        if run_named:
            missing = [k for k, v in values.items() if v is None and any(p.name == k and is_entity_param(p)
                                                                          for p in q.params)]
            try:
                if missing:
                    raise named.NamedQueryError(f"pick an entity for {', '.join(missing)}")
                request = (cypher, q.bind(values), q.title or name)
            except named.NamedQueryError as e:
                st.error(str(e))

with tab_free:
    with st.form("free_form"):
        cypher = st.text_area("Cypher", height=140, key="free_cypher",
                              value="MATCH (o:Official)-[r:LEADS]->(p:Place)\nRETURN o, r, p LIMIT 50")
        if st.form_submit_button(t("Run"), key="free_run"):
            request = (cypher, {}, "free-form query")


def start(cypher: str, params: dict, title: str) -> None:
    """Run once per click, in the background; the answer replaces the last one when it comes."""
    future = _pool().submit(store.query, cypher, params, limit=int(limit), timeout=float(timeout))
    st.session_state.console_job = {"future": future, "title": title, "started": time.monotonic()}
    st.session_state.pop("console_answer", None)


def cancel() -> None:
    """Button callback: drop the running query's answer (the store stops it at its timeout)."""
    job = st.session_state.pop("console_job", None)
    if job:
        job["future"].cancel()
        st.session_state.console_answer = {
            "error": f"Cancelled “{job['title']}” after {time.monotonic() - job['started']:.1f} s; "
                     f"the store ends it within its {timeout:g} s timeout."}


def collect(job: dict) -> None:
    """The finished query's answer (or why there is none)."""
    st.session_state.pop("console_job", None)
    try:
        result = job["future"].result()
    except ReadOnlyError as e:
        st.session_state.console_answer = {"error": f"Refused: {e}"}
        return
    except Exception as e:  # StoreError, or a driver's own parse/runtime error: shown as is
        st.session_state.console_answer = {"error": f"Query failed: {e}"}
        return
    st.session_state.console_answer = {"result": result, "title": job["title"],
                                       "seconds": time.monotonic() - job["started"]}
    if result.subgraph.nodes:
        keep_view(job["title"], result.subgraph)


if request:
    start(*request)
job = st.session_state.get("console_job")
if job and request:
    wait([job["future"]], timeout=0.5)  # a quick answer shows at once, without the indicator
if job and not job["future"].done():
    @st.fragment(run_every=0.5)
    def running() -> None:
        if job["future"].done():
            st.rerun()
        st.info(f"Running “{job['title']}”… {time.monotonic() - job['started']:.1f} s",
                icon=":material/hourglass_top:")
        st.button(t("Cancel"), key="console_cancel", on_click=cancel, type="primary")
    running()
    st.stop()
if job:
    collect(job)


def cell(v, names: dict[str, str]) -> object:
    """A result value as a reader sees it: names, not dicts."""
    if isinstance(v, list):
        return "、".join(str(cell(x, names)) for x in v)
    if isinstance(v, dict):
        if "key" in v and "label" in v:
            return f"{v.get('name') or v['key']} ({v['label']})"
        if {"type", "source", "target"} <= set(v):
            return f"{names.get(v['source'], v['source'])} —{v['type']}→ {names.get(v['target'], v['target'])}"
        if "nodes" in v and "relationships" in v:
            return " → ".join(str(cell(n, names)) for n in v["nodes"])
        return json.dumps(v, ensure_ascii=False, default=str)
    return v


answer = st.session_state.get("console_answer")
if answer and "error" in answer:
    st.error(answer["error"])
elif answer:
    result = answer["result"]
    st.success(f"{len(result.rows)} row(s) in {answer['seconds']:.2f} s"
               + (" — cut at the row limit" if result.truncated else ""))
    names = {n["key"]: n.get("name") or n["key"] for n in result.subgraph.nodes}
    st.dataframe(pd.DataFrame([[cell(v, names) for v in row] for row in result.rows], columns=result.columns),
                 hide_index=True, width="stretch", key="console_rows")
    if result.subgraph.nodes:
        draw(result.subgraph, key="console_graph", height=480)
