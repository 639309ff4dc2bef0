"""One project written several ways in one article is one entity."""
import pytest

from ingest import coref
from ingest.extract import extract_text


@pytest.mark.parametrize("name, core", [
    ("宁远至兴安高速公路项目", "宁远至兴安高速"),
    ("宁兴高速公路", "宁兴高速"),
    ("青山水库建设工程", "青山水库"),
    ("青山水库", "青山水库"),
])
def test_core_drops_the_tails_variants_differ_by(name, core):
    assert coref.core(name) == core


def test_a_route_is_written_short_with_the_first_character_of_each_end():
    assert coref.short_route("宁远至兴安高速") == "宁兴高速"
    assert coref.short_route("宁远至兴安铁路北段") == "宁兴铁路北段"
    assert coref.short_route("青山水库") is None


def test_an_articles_variants_of_one_project_are_one_entity(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("宁远至兴安高速公路项目总投资80亿元，由湘桂路桥有限公司投资建设。"
                       "宁兴高速建成后，两地车程缩短一半。宁兴高速公路全长90公里。")
    projects = [e for e in rec["entities"] if e["type"] == "Project"]
    assert [e["name"] for e in projects] == ["宁远至兴安高速公路项目"]
    assert projects[0]["total_investment_cny"] == 8000000000
    assert set(projects[0]["aliases"]) >= {"宁兴高速"}
    assert {r["tail"] for r in rec["relations"] if r["type"] == "INVESTS_IN"} == {"宁远至兴安高速公路项目"}


def test_projects_that_differ_by_more_than_a_tail_stay_apart(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("青山水库一期工程明年完工，青山水库二期工程同时开工。")
    names = sorted(e["name"] for e in rec["entities"] if e["type"] == "Project")
    assert len(names) == 2 and names[0] != names[1]
