"""Officials' careers from LEADS: every article's title kept, posts in time order,
a post's successive holders, and the named queries, on both stores."""
from __future__ import annotations

import pytest

from graph import named
from graph.careers import canonical, post_titles
from tests.graph.career_records import CHEN, LI, SUINING, XUZHOU, ZHAO, records


def _load(store, reverse=False):
    recs = records()
    for rec in reversed(recs) if reverse else recs:
        store.load([rec])  # one article per load: later ones merge into stored relationships
    return recs


def _post(p):
    return (p["title"], p["place"], p["first"], p["last"], len(p["articles"]))


@pytest.mark.parametrize("title,place,post", [
    ("县委书记", "睢宁县", "县委书记"), ("睢宁县委书记", "睢宁县", "县委书记"), ("书记", "睢宁县", "县委书记"),
    ("书记", "庆安镇", "党委书记"), ("人民政府副省长", "江苏省", "副省长"), ("江苏省人民政府副省长", "江苏省", "副省长"),
    ("副市长", "徐州市", "副市长"), ("主任", "徐州市发展和改革委员会", "主任"), ("书记", None, "书记")])
def test_titles_compared_relative_to_the_place(title, place, post):
    assert canonical(title, place) == post


def test_one_title_may_name_several_posts():
    assert post_titles("县委副书记、县长", "睢宁县") == ["县委副书记", "县长"]
    assert post_titles("市委常委兼秘书长", "徐州市") == ["市委常委", "秘书长"]
    assert post_titles(None) == []


def test_every_article_keeps_its_own_title(any_store):
    recs = _load(any_store, reverse=True)
    edge = next(e for e in any_store.iter_edges(["LEADS"]) if (e["source"], e["target"]) == (LI, SUINING))
    by_article = dict(zip(edge["articles"], edge["titles"]))
    assert by_article == {recs[0]["key"]: "县委书记", recs[1]["key"]: "书记"}
    assert edge["articles"] == sorted(edge["articles"])  # aligned with the other provenance lists
    assert dict(zip(edge["articles"], edge["dates"])) == {recs[0]["key"]: "2019-03-02", recs[1]["key"]: "2020-06-15"}


def test_a_career_lists_posts_in_time_order(any_store):
    _load(any_store, reverse=True)
    career = any_store.career(LI)
    assert [_post(p) for p in career] == [("县委书记", SUINING, "2019-03-02", "2020-06-15", 2),
                                          ("副市长", XUZHOU, "2021-09-10", "2021-09-10", 1)]
    first = career[0]
    assert first["written"] == ["县委书记", "书记"] and first["place_name"] == "睢宁县"
    assert first["dates"] == ["2019-03-02", "2020-06-15"]
    assert first["evidence"][1] == "睢宁县召开防汛工作会议，书记李明远要求各镇压实责任。"
    # one title naming two posts: both, from the same article; then the later post
    assert [_post(p)[:3] for p in any_store.career(ZHAO)] == [
        ("县委副书记", SUINING, "2019-03-02"), ("县长", SUINING, "2019-03-02"), ("县委书记", SUINING, "2021-11-20")]
    assert any_store.career("official:无此人@徐州市") == []


def test_post_holders_in_order(any_store):
    _load(any_store)
    for asked in ("县委书记", "睢宁县委书记", "书记"):
        holders = any_store.post_holders(asked, SUINING)
        assert [(p["official"], p["first"], p["last"]) for p in holders] == [
            (LI, "2019-03-02", "2020-06-15"), (ZHAO, "2021-11-20", "2021-11-20"), (CHEN, "2022-05-01", "2022-05-01")]
    assert [p["official"] for p in any_store.post_holders("县长", SUINING)] == [ZHAO]
    assert any_store.post_holders("县委书记", XUZHOU) == []  # 李明远 was 副市长 there
    assert any_store.posts_at(SUINING) == [{"title": "县委书记", "holders": 3, "articles": 4},
                                           {"title": "县委副书记", "holders": 1, "articles": 1},
                                           {"title": "县长", "holders": 1, "articles": 1}]


def test_confidence_filter_applies(any_store):
    recs = records()
    recs[2]["relations"][0]["confidence"] = 0.3  # 李明远 副市长 of 徐州市: a doubtful reading
    any_store.load(recs)
    assert [p["title"] for p in any_store.career(LI)] == ["县委书记", "副市长"]
    assert [p["title"] for p in any_store.career(LI, min_confidence=0.5)] == ["县委书记"]


def test_named_queries_agree_with_the_library(any_store):
    _load(any_store)
    for key in (LI, ZHAO, CHEN):
        rows = named.run(any_store, "official_career", {"key": key}).rows
        assert [(r[0], r[6], r[2], r[3], r[4]) for r in rows] == [_post(p) for p in any_store.career(key)]
    for title in ("县委书记", "睢宁县委书记", "书记", "县长"):
        res = named.run(any_store, "post_holders", {"title": title, "place": SUINING})
        assert res.columns[:4] == ["official", "first", "last", "articles"]
        assert [(r[5], r[1], r[2], r[3]) for r in res.rows] == [
            (p["official"], p["first"], p["last"], len(p["articles"])) for p in any_store.post_holders(title, SUINING)]
        assert res.rows
    li = named.run(any_store, "post_holders", {"title": "县委书记", "place": SUINING}).rows[0]
    post = any_store.career(LI)[0]
    assert li[4] == [f"{d} {a} {s}" for d, a, s in zip(post["dates"], post["articles"], post["evidence"])]


def test_titles_are_exported(embedded_store, tmp_path):
    import json

    import networkx as nx
    import pandas as pd

    from graph.export import export_scope
    recs = _load(embedded_store)
    export_scope(embedded_store, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    edge = next(d for u, v, d in g.edges(data=True) if (u, v) == (LI, SUINING))
    assert dict(zip(json.loads(edge["articles"]), json.loads(edge["titles"]))) == {
        recs[0]["key"]: "县委书记", recs[1]["key"]: "书记"}
    export_scope(embedded_store, "csv", tmp_path / "csv")
    edges = pd.read_csv(tmp_path / "csv" / "edges.csv")
    row = edges[(edges["Source"] == LI) & (edges["Target"] == SUINING)].iloc[0]
    assert json.loads(row["titles"]) == ["县委书记", "书记"]  # a JSON list, like the other provenance lists
    assert json.loads(row["dates"]) == ["2019-03-02", "2020-06-15"]
