"""The project timeline (on a project's details), the Project stages page's stage/year filter
and the timeline of a place's and a company's projects, on both stores."""
from __future__ import annotations

import pytest

from tests.app.conftest import app_on_either_store, build_db

PLACE, COMPANY = "place:江苏省/徐州市/睢宁县", "company:青松新能源有限公司"
PROJECT, OTHER = "project:青松锂电池生产基地项目", "project:蓝湖物流园项目"
EVENTS = [  # (article, date, stage, evidence) written for this test, given out of order
    ("article:00000000000000c3", "2011-09-02", "operating", "青松锂电池生产基地项目昨天正式投产。"),
    ("article:00000000000000c1", "2010-03-16", "started", "青松锂电池生产基地项目在睢宁县开工。"),
    ("article:00000000000000c2", "2010-11-20", "under_construction", "青松锂电池生产基地项目主厂房日前封顶。"),
]


def _records() -> list[dict]:
    out = []
    for art, date, stage, evidence in EVENTS:
        ents = [{"type": "Place", "key": PLACE, "name": "睢宁县", "level": "county"},
                {"type": "Company", "key": COMPANY, "name": "青松新能源有限公司"},
                {"type": "Project", "key": PROJECT, "name": "青松锂电池生产基地项目",
                 "stages": [{"stage": stage, "date": date, "evidence": evidence}]}]
        rels = [{"type": "HOSTS", "head_key": PLACE, "tail_key": PROJECT, "evidence": evidence, "date": date},
                {"type": "INVESTS_IN", "head_key": COMPANY, "tail_key": PROJECT, "evidence": evidence, "date": date}]
        out.append({"article": art[-2:] + ".txt", "key": art, "title": evidence, "date": date, "text": evidence,
                    "entities": ents, "relations": rels})
    # a second project of the place, signed, with no company
    out.append({"article": "c4.txt", "key": "article:00000000000000c4", "title": "签约", "date": "2010-05-01",
                "text": "蓝湖物流园项目签约。",
                "entities": [{"type": "Place", "key": PLACE, "name": "睢宁县", "level": "county"},
                             {"type": "Project", "key": OTHER, "name": "蓝湖物流园项目",
                              "stages": [{"stage": "signed", "date": "2010-04-28", "evidence": "蓝湖物流园项目签约。"}]}],
                "relations": [{"type": "HOSTS", "head_key": PLACE, "tail_key": OTHER, "evidence": "蓝湖物流园项目签约。",
                               "date": "2010-05-01"}]})
    return out


@pytest.fixture(scope="module")
def stage_db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("stages") / "stages.lbug", _records())


@pytest.fixture(params=["embedded", "neo4j"])
def stage_app(request, monkeypatch):
    """open(page, **query): an AppTest of app.py on a store holding _records()."""
    yield from app_on_either_store(request, monkeypatch, _records(), "stage_db")


def _frame(at, column: str):
    (df,) = [d.value for d in at.dataframe if column in d.value.columns]
    return df


def test_project_details_show_its_timeline_in_time_order(stage_app):
    at = stage_app("details", key=PROJECT)
    assert "Project timeline" in [h.value for h in at.subheader]
    df = _frame(at, "evidence")
    assert list(df["date"]) == ["2010-03-16", "2010-11-20", "2011-09-02"]
    assert [s.split()[0] for s in df["stage"]] == ["started", "under", "operating"]
    assert "封顶" in df["evidence"].iloc[1]


def test_stage_and_year_filter(stage_app):
    at = stage_app("stages")
    assert {m.label: m.value for m in at.metric}["Projects"] == "2"
    at.selectbox(key="stage_filter").set_value("operating").run()
    assert {m.label: m.value for m in at.metric}["Projects"] == "1"
    assert list(_frame(at, "events")["project"]) == ["青松锂电池生产基地项目"]
    at.number_input(key="stage_year").set_value(2012).run()
    assert {m.label: m.value for m in at.metric}["Projects"] == "0"
    at.selectbox(key="stage_filter").set_value("any").run()
    at.number_input(key="stage_year").set_value(2010).run()
    assert {m.label: m.value for m in at.metric}["Projects"] == "2"


def test_place_and_company_timelines(stage_app):
    at = stage_app("stages")
    at.text_input(key="stage_owner_text").input("睢宁县").run()
    df = _frame(at, "evidence")
    assert list(zip(df["date"], df["project"])) == [
        ("2010-03-16", "青松锂电池生产基地项目"), ("2010-04-28", "蓝湖物流园项目"),
        ("2010-11-20", "青松锂电池生产基地项目"), ("2011-09-02", "青松锂电池生产基地项目")]
    at.text_input(key="stage_owner_text").input("青松新能源").run()
    df = _frame(at, "evidence")
    assert list(df["date"]) == ["2010-03-16", "2010-11-20", "2011-09-02"]  # the company's project only


def test_the_page_in_chinese(stage_app):
    at = stage_app("stages")
    at.sidebar.radio(key="lang").set_value("zh-CN").run()
    assert at.title[0].value == "项目进度"
    assert at.selectbox(key="stage_filter").label == "最新阶段"
