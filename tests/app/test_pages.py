"""Every page of the explorer, driven by Streamlit's AppTest on a seeded embedded graph."""
from __future__ import annotations

import io

import networkx as nx
import pytest

SONG, XUZHOU = "宋乐伟", "徐州市"
COMPANY = "昆山佰斯拓机械设备有限公司"


def view_names(at) -> set[str]:
    return {n.get("name") for n in at.session_state["view"]["subgraph"].nodes}


def frames_text(at) -> str:
    return "\n".join(df.value.to_csv() for df in at.dataframe)


def test_overview_counts_and_rankings(app, seeded_db, app_store):
    at = app()
    counts = app_store(seeded_db).counts()
    shown = {m.label: m.value for m in at.metric}
    assert shown["Official"] == f"{counts['nodes']['Official']:,}"
    assert counts["nodes"]["Official"] > 0
    assert SONG in frames_text(at) and XUZHOU in frames_text(at)  # the "most connected" tables


def test_overview_mentions_over_time(open_app, handwritten_db):
    at = open_app(handwritten_db)  # its articles are dated (2023-01-26 and 2023-01-30)
    assert at.get("vega_lite_chart"), "no mentions-over-time chart"
    assert not [c for c in at.caption if "No dated articles" in c.value]


def test_search_finds_official_by_partial_name(app):
    at = app("search", q="乐伟")
    hits = at.selectbox(key="ego_hit")
    assert any(SONG in str(o) for o in hits.options)
    assert SONG in view_names(at)


def test_ego_network_holds_his_city_and_expands(app):
    at = app("search", q=SONG)
    assert {SONG, XUZHOU} <= view_names(at)
    before = len(at.session_state["view"]["subgraph"].nodes)
    xuzhou = next(n["key"] for n in at.session_state["view"]["subgraph"].nodes if n["name"] == XUZHOU)
    at.selectbox(key="ego_focus").set_value(xuzhou)
    at.button(key="ego_expand").click().run()
    assert not at.exception
    assert xuzhou in at.session_state["ego_expanded"]
    assert len(at.session_state["view"]["subgraph"].nodes) > before


def test_ego_filters_by_label(app):
    at = app("search", q=SONG)
    at.multiselect[0].set_value(["Official"]).run()
    assert XUZHOU not in view_names(at)


def test_ego_open_details_switches_page(app):
    at = app("search", q=SONG)
    at.button(key="ego_details").click().run()  # focus defaults to the searched entity
    assert not at.exception
    assert any(SONG in h.value for h in at.header)


def test_details_shows_titles_and_evidence(app):
    at = app("details")
    at.text_input(key="details_text").input(SONG).run()
    assert any(SONG in h.value for h in at.header)
    text = frames_text(at)
    assert "市委书记" in text  # titles held
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]  # each sentence whole
    assert any(SONG in q for q in quotes), quotes
    assert any("read the article" in c.value and "article?key=article" in c.value for c in at.caption)
    next(b for b in at.button if b.label == f"Open {XUZHOU}").click().run()  # follow a relationship
    assert any(XUZHOU in h.value for h in at.header)


def test_paths_finds_a_path(app):
    at = app("paths")
    at.text_input(key="path_from_text").input(SONG)
    at.text_input(key="path_to_text").input("庆安镇").run()
    assert not at.exception
    names = view_names(at)
    assert {SONG, "庆安镇", XUZHOU} <= names
    assert not at.warning
    assert "PART_OF" in frames_text(at) and "MENTIONS" not in frames_text(at)  # factual hops only unless asked
    at.checkbox(key="path_mentions").check().run()  # the labelled opt-in: co-mentions may be hops
    assert not at.exception and at.checkbox(key="path_mentions").value


def test_tracer_reaches_township_and_county(app):
    at = app("tracer", q=COMPANY)
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()  # the seeds' host is a rule-made 0.5
    assert {"庆安镇", "睢宁县"} <= view_names(at)
    table = frames_text(at)
    assert COMPANY in table and "庆安镇" in table and "睢宁县" in table


def test_tracer_amounts_and_officials(open_app, handwritten_db):
    at = open_app(handwritten_db, "tracer", q="佰斯拓")
    rows = at.dataframe[0].value
    assert set(rows["project"]) == {"佰斯拓工业风机研发制造项目"}
    assert set(rows["amount_cny"]) == {160000000}
    assert {SONG, "王剑锋"} <= set(rows["official"].dropna())  # they lead 徐州市, above 睢宁县


@pytest.mark.parametrize("write", [
    "CREATE (n:Official {key: 'official:x@y', name: 'x'})",
    "MATCH (n) DETACH DELETE n",
])
def test_console_refuses_writes(open_app, own_db, app_store, write):
    at = open_app(own_db, "console")
    before = app_store(own_db).counts()
    at.text_area(key="free_cypher").input(write)
    at.button(key="free_run").click().run()
    assert any("Refused" in e.value for e in at.error), [e.value for e in at.error]
    assert app_store(own_db).counts() == before


def test_console_runs_a_read_query_and_draws_it(app):
    at = app("console")
    at.text_area(key="free_cypher").input("MATCH (o:Official)-[r:LEADS]->(p:Place) RETURN o, r, p")
    at.button(key="free_run").click().run()
    assert not at.error, [e.value for e in at.error]
    assert {SONG, XUZHOU} <= view_names(at)


def test_export_current_view_as_graphml(app):
    at = app("search", q=SONG)
    at.switch_page("app_pages/export.py").run()
    at.selectbox(key="export_format").set_value("graphml")
    at.button(key="export_prepare").click().run()
    made = at.session_state["export_file"]
    assert made["name"].endswith(".graphml") and made["data"]
    g = nx.read_graphml(io.BytesIO(made["data"]))
    assert {SONG, XUZHOU} <= {d.get("name") for _, d in g.nodes(data=True)}


def test_export_whole_graph(app, seeded_db, app_store):
    at = app("export")
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()  # everything, whatever the extractor's confidences
    at.selectbox(key="export_format").set_value("graphml")
    at.button(key="export_prepare").click().run()
    g = nx.read_graphml(io.BytesIO(at.session_state["export_file"]["data"]))
    counts = app_store(seeded_db).counts()
    assert g.number_of_nodes() == sum(counts["nodes"].values())


SAMPLE = "徐州市委书记宋乐伟到睢宁县调研,听取了当地工业项目进展情况的汇报。".encode()


def test_ingest_highlights_then_commits(open_app, empty_db):
    pytest.importorskip("ingest.extract", reason="the extractor (ingest/extract.py) is not there yet")
    at = open_app(empty_db, "ingest")
    at.file_uploader(key="ingest_files").set_value(("visit.txt", SAMPLE, "text/plain")).run()
    assert not at.exception
    html = "".join(h.proto.body for h in at.html)
    assert "<mark" in html and SONG in html
    at.button(key="ingest_commit").click().run()
    assert any("Loaded 1 of 1" in s.value for s in at.success), [s.value for s in at.success]
    from graph.article_log import ArticleLog  # the article went to the log beside the file first
    assert [r["article"] for r in ArticleLog(empty_db.with_suffix(".articles")).records()] == ["visit.txt"]
    at.switch_page("app_pages/overview.py").run()
    assert {m.label: m.value for m in at.metric}["Official"] != "0"


def test_ego_double_click_expands_node(app):
    """The graph widget's "expand" event (double-click) adds that node's neighbours."""
    at = app("search", q=SONG)
    before = {n["key"] for n in at.session_state["view"]["subgraph"].nodes}
    xuzhou = next(n["key"] for n in at.session_state["view"]["subgraph"].nodes if n["name"] == XUZHOU)
    at.session_state["ego_graph"] = {"action": "expand", "data": {"node_ids": [xuzhou]}, "timestamp": 1}
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["ego_event_ts"] == 1  # handled through the widget's event
    assert at.session_state["ego_expanded"] == [xuzhou]
    after = {n["key"] for n in at.session_state["view"]["subgraph"].nodes}
    assert before < after


def test_ego_click_selects_node_for_details(app):
    at = app("search", q=SONG)
    xuzhou = next(n["key"] for n in at.session_state["view"]["subgraph"].nodes if n["name"] == XUZHOU)
    at.session_state["ego_graph"] = {"action": "node_click", "timestamp": 2,
                                     "data": {"type": "click", "target_id": xuzhou, "target_group": "nodes"}}
    at.run()
    assert at.selectbox(key="ego_focus").value == xuzhou
    at.button(key="ego_details").click().run()
    assert any(XUZHOU in h.value for h in at.header)


def _named_queries() -> list[str]:
    from graph.named import list_queries
    return [q.name for q in list_queries()]


@pytest.mark.parametrize("name", _named_queries())
def test_console_named_query_runs_with_its_defaults(app, name):
    at = app("console")
    at.selectbox(key="named_query").set_value(name).run()
    at.button(key="named_run").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.success, "no result shown"


def test_console_named_query_takes_form_values(app):
    at = app("console")
    at.selectbox(key="named_query").set_value("top_connected").run()
    at.text_input(key="param_top_connected_label").input("Place")
    at.button(key="named_run").click().run()
    assert XUZHOU in frames_text(at)


def test_reload_data_shows_what_another_writer_added(open_app, empty_db, app_store):
    from tests.app.records import records
    at = open_app(empty_db)
    assert {m.label: m.value for m in at.metric}["Official"] == "0"
    app_store(empty_db).load(records())  # a write the app's cache has not seen
    at.run()
    assert {m.label: m.value for m in at.metric}["Official"] == "0"  # cached answer
    at.sidebar.button(key="reload").click().run()
    assert {m.label: m.value for m in at.metric}["Official"] == "2"


def test_export_multi_file_format_comes_as_zip(app):
    import zipfile
    at = app("tracer", q=COMPANY)
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()
    at.switch_page("app_pages/export.py").run()
    at.selectbox(key="export_format").set_value("csv")
    at.button(key="export_prepare").click().run()
    made = at.session_state["export_file"]
    assert made["name"].endswith(".zip") and made["mime"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(made["data"])) as z:
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist())
    assert "庆安镇" in text and COMPANY in text


def test_command_line_ingest_while_the_app_is_open(open_app, own_db):
    """The app holds the embedded file read-only, so `python -m ingest` can load into it."""
    import subprocess
    import sys
    from tests.conftest import REPO
    at = open_app(own_db, "search", q="顾海清")
    proc = subprocess.run([sys.executable, "-m", "ingest", str(REPO / "examples"), "--db", str(own_db)],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    at.sidebar.button(key="reload").click().run()
    assert not at.exception
    from app_pages.widgets import read
    assert any(h["name"] == "顾海清" for h in read("search", "顾海清"))


def test_min_confidence_hides_a_weak_relationship_until_lowered(open_app, tmp_path):
    """The sidebar slider starts at the schema's default_min: a relationship below it is
    hidden from the ego network, the details, paths and the export until the slider is at 0."""
    from graph import schema
    from tests.app.conftest import build_db
    from tests.app.records import records
    recs = records()
    recs[0]["relations"][0]["confidence"] = schema.confidence_default_min() / 2  # 宋乐伟 LEADS 徐州市
    db = build_db(tmp_path / "uncertain.lbug", recs)

    at = open_app(db, "search", q=SONG)
    slider = at.sidebar.slider(key="min_confidence")
    assert slider.value == schema.confidence_default_min()
    assert XUZHOU not in view_names(at)
    slider.set_value(0.0).run()
    assert XUZHOU in view_names(at)

    at = open_app(db, "details", key="official:宋乐伟@徐州市")
    assert "市委书记" not in frames_text(at)
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()
    assert "市委书记" in frames_text(at)

    at = open_app(db, "export")
    at.selectbox(key="export_format").set_value("graphml")
    at.button(key="export_prepare").click().run()
    g = nx.read_graphml(io.BytesIO(at.session_state["export_file"]["data"]))
    assert not any(d["rel_type"] == "LEADS" and "宋乐伟" in u for u, _, d in g.edges(data=True))
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()
    at.button(key="export_prepare").click().run()
    g = nx.read_graphml(io.BytesIO(at.session_state["export_file"]["data"]))
    assert any(d["rel_type"] == "LEADS" and "宋乐伟" in u for u, _, d in g.edges(data=True))


def test_upload_keeps_its_own_name_as_source(open_app, empty_db, app_store):
    at = open_app(empty_db, "ingest")
    at.file_uploader(key="ingest_files").set_value(("visit.txt", SAMPLE, "text/plain")).run()
    at.button(key="ingest_commit").click().run()
    res = app_store(empty_db).query("MATCH (a:Article) RETURN a.source AS source", {})
    assert [r[0] for r in res.rows] == ["visit.txt"]
