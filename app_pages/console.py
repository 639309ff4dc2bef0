"""Cypher console: named queries with form fields, or free-form read-only Cypher."""
import pandas as pd
import streamlit as st

from app_pages.graphview import draw
from app_pages.widgets import get_store, keep_view
from graph.store import ReadOnlyError

st.title("Cypher console")
store = get_store()
dialect = "LadybugDB (Kuzu-style Cypher)" if store.kind == "embedded" else "Neo4j Cypher"
st.caption(f"Read-only. The store speaks {dialect}; pass values as `$parameters`. "
           "Writes (CREATE, MERGE, SET, DELETE …) are refused.")


def field(query: str, p) -> object:
    """A form field for one named-query parameter (types: string, int, float, bool)."""
    label, key = f"{p.name} ({p.type})", f"param_{query}_{p.name}"
    if p.type == "int":
        return st.number_input(label, value=int(p.default or 0), step=1, help=p.help, key=key)
    if p.type == "float":
        return st.number_input(label, value=float(p.default or 0), help=p.help, key=key)
    if p.type == "bool":
        return st.checkbox(label, value=bool(p.default), help=p.help, key=key)
    return st.text_input(label, value="" if p.default is None else str(p.default), help=p.help, key=key) or None


c1, c2 = st.columns(2)
limit = c1.number_input("Row limit", 1, 100000, 1000, key="console_limit")
timeout = c2.number_input("Timeout (s)", 1.0, 600.0, 10.0, key="console_timeout")
request = None  # (cypher, params, title) when a Run button was pressed in this run
tab_named, tab_free = st.tabs(["Named queries", "Free-form Cypher"])
with tab_named:
    from graph import named
    try:
        queries = named.list_queries()
    except named.NamedQueryError as e:
        queries = []
        st.error(f"Named queries unavailable: {e}")
    if queries:
        by_name = {q.name: q for q in queries}
        name = st.selectbox("Query", list(by_name), format_func=lambda n: by_name[n].title or n,
                            key="named_query")
        q = by_name[name]
        if q.description:
            st.caption(q.description)
        with st.form(f"named_form_{name}"):
            values = {p.name: field(name, p) for p in q.params}
            run_named = st.form_submit_button("Run", key="named_run")
        cypher = q.cypher_for(store.kind)
        with st.expander("Cypher"):
            st.code(cypher, language="cypher")
        if run_named:
            try:
                request = (cypher, q.bind(values), q.title or name)
            except named.NamedQueryError as e:
                st.error(str(e))

with tab_free:
    with st.form("free_form"):
        cypher = st.text_area("Cypher", height=140, key="free_cypher",
                              value="MATCH (o:Official)-[r:LEADS]->(p:Place)\nRETURN o, r, p LIMIT 50")
        if st.form_submit_button("Run", key="free_run"):
            request = (cypher, {}, "free-form query")



def run(cypher: str, params: dict, title: str) -> None:
    """Run once per click; the answer (or the refusal) stays on screen across reruns."""
    try:
        result = store.query(cypher, params, limit=int(limit), timeout=float(timeout))
    except ReadOnlyError as e:
        st.session_state.console_answer = {"error": f"Refused: {e}"}
        return
    except Exception as e:  # StoreError, or a driver's own parse/runtime error: shown as is
        st.session_state.console_answer = {"error": f"Query failed: {e}"}
        return
    st.session_state.console_answer = {"result": result, "title": title}
    if result.subgraph.nodes:
        keep_view(title, result.subgraph)


if request:
    run(*request)
answer = st.session_state.get("console_answer")
if answer and "error" in answer:
    st.error(answer["error"])
elif answer:
    result = answer["result"]
    st.success(f"{len(result.rows)} row(s)" + (" — cut at the row limit" if result.truncated else ""))
    st.dataframe(pd.DataFrame([[v if isinstance(v, (str, int, float, bool, type(None))) else str(v)
                                for v in row] for row in result.rows], columns=result.columns),
                 hide_index=True, width="stretch")
    if result.subgraph.nodes:
        draw(result.subgraph, key="console_graph", height=480)
