"""The Review duplicates page on both stores: a candidate pair merged, listed, then undone;
each decision rebuilds the graph from the article log."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.article_log import ArticleLog

REPO = Path(__file__).resolve().parents[2]
SHORT, FULL = "company:华润雪花", "company:华润雪花啤酒有限公司"
PLACE = "place:江苏省/徐州市"


def _records() -> list[dict]:
    """Two articles, each naming the brewer its own way; nothing in either ties the names."""
    def art(n, key, name):
        ents = [{"type": "Company", "key": key, "name": name, "aliases": [], "mentions": 1},
                {"type": "Place", "key": PLACE, "name": "徐州市", "aliases": [], "mentions": 1, "level": "prefecture"}]
        return {"key": f"article:rv{n}", "article": f"rv{n}.txt", "title": f"t{n}", "date": f"2011-0{n}-01",
                "text": "…", "entities": ents, "relations": []}
    return [art(1, SHORT, "华润雪花"), art(2, FULL, "华润雪花啤酒有限公司")]


@pytest.fixture(params=["embedded", "neo4j"])
def review_app(request, tmp_path, monkeypatch):
    """(open the review page, the company keys now stored) on a store loaded with its article log."""
    from graph.store import open_store
    from streamlit.testing.v1 import AppTest
    log = tmp_path / "g.articles"
    monkeypatch.setenv("GOVKG_LOG", str(log))
    if request.param == "embedded":
        db = tmp_path / "g.lbug"
        monkeypatch.setenv("GOVKG_STORE", "embedded")
        monkeypatch.setenv("GOVKG_DB", str(db))
        opener = lambda: open_store("embedded", db=str(db), read_only=True)  # noqa: E731
        with open_store("embedded", db=str(db)) as store:
            store.article_log = ArticleLog(log)
            store.load(_records())
    else:
        s = request.getfixturevalue("neo4j_settings")
        for name, value in (("GOVKG_STORE", "neo4j"), ("NEO4J_URI", s["uri"]), ("NEO4J_USER", s["user"]),
                            ("NEO4J_PASSWORD", s["password"])):
            monkeypatch.setenv(name, value)
        store = request.getfixturevalue("neo4j_store")
        store.article_log = ArticleLog(log)
        store.load(_records())
        opener = lambda: open_store("neo4j", uri=s["uri"], user=s["user"], password=s["password"])  # noqa: E731
    from app_pages.widgets import forget_cached_reads
    forget_cached_reads()

    def companies() -> set[str]:
        with opener() as st:
            return {n["key"] for n in st.iter_nodes(["Company"])}

    def open_page():
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
        at.switch_page("app_pages/review.py").run()
        assert not at.exception, at.exception
        return at
    return open_page, companies


def _table(at, column):
    """The page's table that has column (candidates: "suggested", decisions: "kind"), or None."""
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


def test_merge_then_undo_from_the_review_page(review_app):
    open_page, companies = review_app
    assert companies() == {SHORT, FULL}
    at = open_page()
    table = _table(at, "suggested")
    assert {"华润雪花", "华润雪花啤酒有限公司"} == {table.iloc[0]["a"], table.iloc[0]["b"]}
    assert "merge" == table.iloc[0]["suggested"]
    at.selectbox(key="review_pick").select(0)
    at.radio(key="review_action").set_value("merge")
    at.button(key="review_apply").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert companies() == {FULL}
    decisions = _table(at, "kind")
    assert list(decisions["kind"]) == ["merge"] and list(decisions["source"]) == ["user"]
    left = _table(at, "suggested")
    assert left is None or "华润雪花" not in set(left["a"]) | set(left["b"])  # no longer a candidate

    at.selectbox(key="review_undo_pick").select(decisions.iloc[0]["id"])
    at.button(key="review_undo").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert companies() == {SHORT, FULL}  # taken apart again
    assert any("No decisions yet" in i.value for i in at.info)


def test_an_upload_that_ties_two_stored_companies_joins_them(open_app, tmp_path):
    """The Ingest page rebuilds from the log when a new article ties nodes stored before it."""
    from graph.store import open_store
    full, group = "company:徐州工程机械集团有限公司", "company:徐工集团"
    db = tmp_path / "g.lbug"

    def art(n, key, name):
        return {"key": f"article:up{n}", "article": f"up{n}.txt", "title": f"t{n}", "date": "2011-01-0{n}",
                "text": "…", "entities": [{"type": "Company", "key": key, "name": name, "aliases": [],
                                           "mentions": 1}], "relations": []}
    with open_store("embedded", db=str(db)) as store:
        store.article_log = ArticleLog(tmp_path / "g.articles")
        store.load([art(1, full, "徐州工程机械集团有限公司"), art(2, group, "徐工集团")])
    text = "2011年3月5日\n徐州工程机械集团有限公司（以下简称徐工集团）与睢宁县人民政府签订合作协议。".encode()
    at = open_app(db, "ingest")
    at.file_uploader(key="ingest_files").set_value(("tie.txt", text, "text/plain")).run()
    at.button(key="ingest_commit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with open_store("embedded", db=str(db), read_only=True) as store:
        (node,) = store.iter_nodes(["Company"])
    assert node["key"] == full and node["aliases"] == ["徐工集团"] and node["mention_count"] >= 3
