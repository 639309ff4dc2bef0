"""The official career page and the post holders view, on both stores: posts in
time order with evidence, a post's successive holders, and the links between them."""
from __future__ import annotations

import pytest

from tests.app.test_neo4j_pages import neo4j_app  # noqa: F401 - the Neo4j AppTest fixture
from tests.graph.career_records import LI, SUINING, records


@pytest.fixture(scope="module")
def career_db(tmp_path_factory):
    from tests.app.conftest import build_db
    return build_db(tmp_path_factory.mktemp("career") / "graph.lbug", records())


def _rows(at, column: str) -> list:
    return list(at.dataframe[0].value[column])


def check_career(at) -> None:
    """The career page of 李明远: two posts in order, a timeline, the evidence."""
    assert at.title[0].value == "Official career"
    assert _rows(at, "Post") == ["县委书记", "副市长"]
    assert _rows(at, "Place or body") == ["睢宁县", "徐州市"]
    assert _rows(at, "First seen") == ["2019-03-02", "2021-09-10"]
    assert _rows(at, "Last seen") == ["2020-06-15", "2021-09-10"]
    assert _rows(at, "Articles") == [2, 1]
    assert at.get("vega_lite_chart"), "no timeline chart"
    assert [e.label for e in at.expander] == ["县委书记 · 睢宁县 · 2019-03-02 – 2020-06-15 (2)",
                                             "副市长 · 徐州市 · 2021-09-10 – 2021-09-10 (1)"]
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quotes[:2] == ["> 睢宁县委书记李明远到乡村调研秸秆综合利用。", "> 睢宁县召开防汛工作会议，书记李明远要求各镇压实责任。"]
    assert any(c.value == "written: 书记" for c in at.caption)  # the second article's own wording


def check_holders(at) -> None:
    """From the career's first post to its holders: 睢宁县's 县委书记 in order."""
    at.button(key="career_holders_0").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Post holders"
    assert at.selectbox(key="holders_title").value == "县委书记"
    assert _rows(at, "Official") == ["李明远", "赵文杰", "陈思源"]
    assert _rows(at, "First seen") == ["2019-03-02", "2021-11-20", "2022-05-01"]
    assert _rows(at, "Last seen") == ["2020-06-15", "2021-11-20", "2022-05-01"]
    assert at.get("vega_lite_chart")
    at.switch_page("app_pages/post_holders.py").run()  # AppTest stays on the page a button switched to
    at.selectbox(key="holders_title").set_value("县长").run()
    assert _rows(at, "Official") == ["赵文杰"]
    assert any("县委副书记、县长赵文杰陪同" in m.value for m in at.markdown)
    at.button(key="holders_career_0").click().run()
    assert at.title[0].value == "Official career"
    assert _rows(at, "Post") == ["县委副书记", "县长", "县委书记"]


def test_career_and_holders_pages(open_app, career_db):
    at = open_app(career_db, "career", key=LI)
    check_career(at)
    check_holders(at)


def test_career_page_from_details_and_search(open_app, career_db):
    at = open_app(career_db, "details", key=LI)
    at.button(key="details_career").click().run()
    assert _rows(at, "Post") == ["县委书记", "副市长"]
    at = open_app(career_db, "search", q="李明远")
    at.button(key="ego_career").click().run()
    assert at.title[0].value == "Official career" and _rows(at, "Post") == ["县委书记", "副市长"]


def test_holders_page_by_link_and_search(open_app, career_db):
    at = open_app(career_db, "post_holders", key=SUINING, title="县长")
    assert at.selectbox(key="holders_title").value == "县长"
    assert _rows(at, "Official") == ["赵文杰"]
    at = open_app(career_db, "post_holders")
    at.text_input(key="holders_text").input("睢宁").run()
    assert at.selectbox(key="holders_title").value == "县委书记"  # the most held post first
    assert [o.split(" (")[0] for o in at.selectbox(key="holders_title").options] == ["县委书记", "县委副书记", "县长"]
    assert _rows(at, "Official") == ["李明远", "赵文杰", "陈思源"]


def test_pages_in_chinese(open_app, career_db):
    at = open_app(career_db, "career", key=LI)
    at.sidebar.radio(key="lang").set_value("zh-CN").run()
    assert at.title[0].value == "官员履历" and list(at.dataframe[0].value["职务"]) == ["县委书记", "副市长"]


def test_not_an_official(open_app, career_db):
    at = open_app(career_db, "career", key=SUINING)
    assert any("is not an official" in w.value for w in at.warning)


def test_career_and_holders_on_neo4j(neo4j_app, neo4j_store):  # noqa: F811
    neo4j_store.load(records())
    check_career(at := neo4j_app("career", key=LI))
    check_holders(at)
