"""Ego and tracer answers hold a sample of each edge's evidence (graph/provenance.py); the
pages read a picked edge whole, and the current view's export and the time slider use every
supporting article."""
from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from graph.store import PROVENANCE
from tests.app.conftest import app_on_either_store, build_db
from tests.graph.test_provenance import ARTICLES, _articles


@pytest.fixture(scope="module")
def evidence_db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("evidence") / "g.lbug", _articles())


@pytest.fixture(params=["embedded", "neo4j"])
def open_page(request, monkeypatch):
    """open_page(page, **query): an AppTest of app.py on a store holding _articles()."""
    yield from app_on_either_store(request, monkeypatch, _articles(), "evidence_db")


def _sentences(at) -> set[str]:
    return {s for df in at.dataframe if "sentence" in df.value for s in df.value["sentence"]}


def test_tracer_project_shows_every_supporting_article(open_page):
    at = open_page("tracer", q="佰斯拓")
    rows = at.dataframe[0].value
    assert set(rows["evidence_total"]) == {ARTICLES} and {len(e) for e in rows["evidence"]} == {PROVENANCE}
    assert at.selectbox(key="tracer_evidence").value == "project:佰斯拓工业风机研发制造项目"
    assert _sentences(at) == {f"佰斯拓投资第{i}句" for i in range(ARTICLES)}


def test_ego_edge_picked_shows_every_supporting_article(open_page):
    at = open_page("search", q="宋乐伟")
    assert _sentences(at) == {f"宋乐伟任第{i}句" for i in range(ARTICLES)}  # his one edge, LEADS 徐州市
    assert any(f"All {ARTICLES} supporting articles" in c.value for c in at.caption)


def test_current_view_export_and_time_slider_use_every_article(open_page):
    at = open_page("search", q="徐州市")
    at.checkbox(key="ego_by_time").check().run()
    lo, hi = at.slider(key="ego_time").value
    assert (lo.isoformat(), hi.isoformat()) == ("2024-03-01", f"2024-03-{ARTICLES:02d}")  # past the sample's dates
    at.switch_page("app_pages/export.py").run()
    at.selectbox(key="export_format").set_value("graphml")
    at.button(key="export_prepare").click().run()
    g = nx.read_graphml(io.BytesIO(at.session_state["export_file"]["data"]))
    lists = [json.loads(d["evidence"]) for _, _, d in g.edges(data=True) if d.get("rel_type") != "MENTIONS"]
    assert lists and all(len(x) == ARTICLES for x in lists)
