"""The explorer on Neo4j: the same pages, the other store (GOVKG_STORE=neo4j)."""
from __future__ import annotations

import pytest

from tests.app.conftest import run_page
from tests.app.test_pages import COMPANY, SONG, XUZHOU, frames_text, view_names


@pytest.fixture
def neo4j_app(neo4j_store, neo4j_settings, app_records, monkeypatch):
    """open(page, **query): an AppTest of app.py on Neo4j loaded with the app records."""
    neo4j_store.load(app_records)
    for name, value in (("GOVKG_STORE", "neo4j"), ("NEO4J_URI", neo4j_settings["uri"]),
                        ("NEO4J_USER", neo4j_settings["user"]), ("NEO4J_PASSWORD", neo4j_settings["password"])):
        monkeypatch.setenv(name, value)
    from app_pages.widgets import forget_cached_reads
    forget_cached_reads()  # answers cached for an earlier Neo4j test's data are stale

    return lambda page, **query: run_page(page, query)


def test_pages_on_neo4j(neo4j_app, neo4j_store):
    at = neo4j_app("overview")
    assert {m.label: m.value for m in at.metric}["Official"] == f"{neo4j_store.counts()['nodes']['Official']:,}"
    assert XUZHOU in frames_text(at)

    assert {SONG, XUZHOU} <= view_names(neo4j_app("search", q="乐伟"))
    at = neo4j_app("tracer", q=COMPANY)
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()  # the seeds' host is a rule-made 0.5
    assert {"庆安镇", "睢宁县"} <= view_names(at)

    at = neo4j_app("paths")
    at.text_input(key="path_from_text").input(SONG)
    at.text_input(key="path_to_text").input("庆安镇").run()
    assert {SONG, "庆安镇"} <= view_names(at)

    at = neo4j_app("details")
    at.text_input(key="details_text").input(SONG).run()
    assert "市委书记" in frames_text(at)


def test_console_refuses_writes_on_neo4j(neo4j_app, neo4j_store):
    before = neo4j_store.counts()
    at = neo4j_app("console")
    at.text_area(key="free_cypher").input("MATCH (n) DETACH DELETE n")
    at.button(key="free_run").click().run()
    assert any("Refused" in e.value for e in at.error), [e.value for e in at.error]
    assert neo4j_store.counts() == before


def test_new_explorer_items_on_neo4j(neo4j_app, neo4j_store):
    """Redraw and selection box, overview chart and links, article reader, timeline,
    console by name: the same checks as on the embedded store."""
    from tests.app.records import records
    from tests.app.test_article import KEY, check_article
    from tests.app.test_console import check_console
    from tests.app.test_graph_view import OTHER, graph_args, layout_tag
    from tests.app.test_overview import check_overview
    from tests.app.test_timeline import check_timeline
    neo4j_store.load(records())  # the hand-written corpus beside the seeds: dated, cited articles

    at = neo4j_app("search", q=SONG)
    first = layout_tag(at)
    at.text_input(key="ego_text").input(OTHER).run()
    assert OTHER in at.selectbox(key="ego_hit").value and layout_tag(at) != first
    assert OTHER in {n["data"]["name"] for n in graph_args(at)["elements"]["nodes"] if n["data"].get("govkg_center")}
    before = view_names(at)
    at.checkbox(key="ego_by_time").check().run()
    assert view_names(at) == before  # undated relationships are kept unless the user leaves them out

    check_overview(neo4j_app("overview"), neo4j_store)
    check_article(neo4j_app("article", key=KEY))
    check_timeline(neo4j_app("details", key="place:江苏省/徐州市"))
    check_console(neo4j_app("console"))
    assert SONG in neo4j_app("search", q="slw").selectbox(key="ego_hit").value  # pinyin initials
