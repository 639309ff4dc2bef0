"""One node per real-world entity (graph/identity.py): automatic merges at load, official
moves, decisions replayed on rebuild and undone, on both stores.

The records are hand-written multi-article examples in the contract's format."""
from __future__ import annotations

import pytest

from graph import identity
from graph.article_log import ArticleLog
from ingest import replay

SN, WJ = "place:江苏省/徐州市/睢宁县", "place:江苏省/苏州市/吴江区"
FULL, GROUP, SHORT = "company:徐州工程机械集团有限公司", "company:徐工集团", "company:徐工"
PARK = "project:工程机械零部件产业园项目"
WANG_XZ, WANG_SZ = "official:王立新@徐州市", "official:王立新@苏州市"
GREE, GREE_CQ = "company:格力电器", "company:格力电器(重庆)有限公司"


def _e(type_, key, name, **extra):
    return {"type": type_, "key": key, "name": name, "aliases": [], "mentions": 1, **extra}


def _r(type_, head, tail, evidence, **extra):
    return {"type": type_, "head": head, "tail": tail, "head_key": head, "tail_key": tail,
            "evidence": evidence, **extra}


def _art(n, date, ents, rels):
    return {"key": f"article:id{n}", "article": f"a{n}.txt", "title": f"t{n}", "date": date, "text": "…",
            "entities": ents, "relations": rels}


def company_articles() -> list[dict]:
    """徐工 under three names in three dated articles; the first names two of them together."""
    place = _e("Place", SN, "睢宁县", level="county")
    park = _e("Project", PARK, "工程机械零部件产业园项目")
    return [
        _art(1, "2011-01-10", [_e("Company", FULL, "徐州工程机械集团有限公司"), _e("Company", GROUP, "徐工集团"),
                               place, park],
             [_r("INVESTS_IN", FULL, PARK, "徐州工程机械集团有限公司（简称徐工集团）投资产业园")]),
        _art(2, "2011-04-02", [_e("Company", GROUP, "徐工集团"), place, park],
             [_r("INVESTS_IN", GROUP, PARK, "徐工集团投资的产业园开工")]),
        _art(3, "2011-11-20", [_e("Company", SHORT, "徐工"), place, park],
             [_r("INVESTS_IN", SHORT, PARK, "徐工产业园投产")]),
    ]


def move_articles() -> list[dict]:
    """王立新 leads 睢宁县 (徐州), then 吴江区 (苏州); the third article says he moved."""
    sn, wj = _e("Place", SN, "睢宁县", level="county"), _e("Place", WJ, "吴江区", level="county")
    ev = "原睢宁县县委书记王立新调任苏州市吴江区区委书记"
    return [
        _art(4, "2011-02-01", [_e("Official", WANG_XZ, "王立新"), sn],
             [_r("LEADS", WANG_XZ, SN, "睢宁县县委书记王立新", title="县委书记")]),
        _art(5, "2011-12-20", [_e("Official", WANG_SZ, "王立新"), wj],
             [_r("LEADS", WANG_SZ, WJ, "吴江区区委书记王立新", title="区委书记")]),
        _art(6, "2011-12-01", [_e("Official", WANG_XZ, "王立新",
                                  same_as=[{"key": WANG_SZ, "cue": "调任", "evidence": ev}]), sn, wj],
             [_r("LEADS", WANG_XZ, SN, ev, title="县委书记")]),
    ]


def with_log(store, tmp_path):
    store.article_log = ArticleLog(tmp_path / "g.articles")
    return store


def _rebuild(store, tmp_path, neo4j_settings=None):
    """The store's graph again from its log (the store is reopened afterwards)."""
    log = store.article_log
    if store.kind == "embedded":
        store.close()
        replay.rebuild(log, "embedded", db=store.path)
        from graph.store import open_store
        return with_log(open_store("embedded", db=store.path), tmp_path)
    replay.rebuild(log, "neo4j", uri=store.uri)
    return store


@pytest.fixture
def logged_store(any_store, tmp_path, monkeypatch, request):
    if any_store.kind == "neo4j":
        s = request.getfixturevalue("neo4j_settings")
        monkeypatch.setenv("NEO4J_USER", s["user"])
        monkeypatch.setenv("NEO4J_PASSWORD", s["password"])
    return with_log(any_store, tmp_path)


def test_one_company_under_three_names_is_one_node(logged_store):
    logged_store.load(company_articles(), batch_size=1)
    companies = list(logged_store.iter_nodes(["Company"]))
    assert [n["key"] for n in companies] == [FULL]
    node = companies[0]
    assert node["name"] == "徐州工程机械集团有限公司"
    assert set(node["aliases"]) == {"徐工集团", "徐工"}
    assert (node["first_seen"], node["last_seen"], node["mention_count"]) == ("2011-01-10", "2011-11-20", 4)
    # article 1 names it twice
    assert any(GROUP in why for why in node["merged_from"]) and any(SHORT in why for why in node["merged_from"])
    (edge,) = [e for e in logged_store.iter_edges(["INVESTS_IN"])]
    assert edge["source"] == FULL and len(edge["articles"]) == 3  # every article's provenance kept


def test_a_full_name_read_later_with_its_short_form_keeps_the_full_name(logged_store, tmp_path):
    # the short form stored first; the article that writes both gives one entity with an alias
    full = _e("Company", FULL, "徐州工程机械集团有限公司")
    full["aliases"] = ["徐工集团"]
    logged_store.load([_art(1, "2011-01-10", [_e("Company", GROUP, "徐工集团")], [])])
    logged_store.load([_art(2, "2011-04-02", [full], [])])
    ident = identity.Identity(identity.DecisionLog(logged_store.article_log.path))
    assert identity.stale(logged_store, ident) == [GROUP]  # merged into the full name after it was stored
    (node,) = _rebuild(logged_store, tmp_path).iter_nodes(["Company"])
    assert node["key"] == FULL and node["name"] == "徐州工程机械集团有限公司" and node["aliases"] == ["徐工集团"]


def test_an_official_who_moved_is_one_node_with_both_posts(logged_store, tmp_path):
    logged_store.load(move_articles()[:2])  # two keys, two nodes: nothing links them yet
    assert {n["key"] for n in logged_store.iter_nodes(["Official"])} == {WANG_XZ, WANG_SZ}
    logged_store.load(move_articles()[2:])
    ident = identity.Identity(identity.DecisionLog(logged_store.article_log.path))
    assert identity.stale(logged_store, ident) == [WANG_SZ]  # merged after both were stored
    store = _rebuild(logged_store, tmp_path)
    (wang,) = store.iter_nodes(["Official"])
    assert wang["key"] == WANG_XZ
    assert "调任" in wang["merged_from"][0] and WANG_SZ in wang["merged_from"][0]
    posts = {(e["target"], e["title"]) for e in store.iter_edges(["LEADS"])}
    assert posts == {(SN, "县委书记"), (WJ, "区委书记")}


def test_merges_survive_a_rebuild_and_are_undone(logged_store, tmp_path):
    logged_store.load(company_articles())
    store = _rebuild(logged_store, tmp_path)  # the automatic merges replayed
    assert [n["key"] for n in store.iter_nodes(["Company"])] == [FULL]
    log = identity.DecisionLog(store.article_log.path)
    ident = identity.Identity(log)
    auto = next(d for d in ident.decisions if d["a"] == GROUP)
    ident.add(identity.decision("undo", auto["a"], auto["b"], "wrong", cancels=auto["id"]))
    store = _rebuild(store, tmp_path)
    assert {n["key"] for n in store.iter_nodes(["Company"])} == {FULL, GROUP}  # taken apart
    group = store.node(GROUP)  # 徐工 still goes to 徐工集团 (the same name without legal suffixes)
    assert group["aliases"] == ["徐工"] and group["mention_count"] == 3
    assert len(store.node(FULL)["aliases"]) == 0
    store = _rebuild(store, tmp_path)  # the undone pair is not merged again by the automatic rule
    assert {n["key"] for n in store.iter_nodes(["Company"])} == {FULL, GROUP}
    ident = identity.Identity(log)
    ident.add(identity.decision("merge", GROUP, FULL, "the same group", source="user"))
    store = _rebuild(store, tmp_path)
    (node,) = store.iter_nodes(["Company"])
    assert node["key"] == FULL and set(node["aliases"]) == {"徐工集团", "徐工"}
    assert any("user: the same group" in why for why in node["merged_from"])


def test_a_bracketed_location_is_linked_not_merged(logged_store):
    logged_store.load([_art(7, "2011-05-01", [_e("Company", GREE, "格力电器")], []),
                       _art(8, "2011-06-01", [_e("Company", GREE_CQ, "格力电器(重庆)有限公司")], [])])
    nodes = {n["key"]: n for n in logged_store.iter_nodes(["Company"])}
    assert set(nodes) == {GREE, GREE_CQ}
    assert nodes[GREE_CQ]["parent"] == GREE and nodes[GREE]["parent"] is None


def test_without_an_article_log_records_load_as_they_are(embedded_store):
    embedded_store.load(company_articles())
    assert {n["key"] for n in embedded_store.iter_nodes(["Company"])} == {FULL, GROUP, SHORT}


def test_a_bad_decisions_file_is_named():
    import tempfile
    from pathlib import Path
    from graph.store import StoreError
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / identity.FILE).write_text('{"kind": "merge"}\nnot json\n{"kind": "merge"}\n', encoding="utf-8")
        with pytest.raises(StoreError, match="decisions.jsonl line 2"):
            identity.DecisionLog(d).read()


def test_a_decision_that_cannot_be_written_loads_nothing_of_its_batch(embedded_store, tmp_path):
    """The decisions file is the article log folder's: when it cannot be written, the load
    says so as it says it of the log, and the store keeps what it had."""
    from graph.article_log import ArticleLogError
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    embedded_store.article_log = ArticleLog(blocker / "log")
    with pytest.raises(ArticleLogError, match=r"a-file/log/decisions.jsonl.*nothing of this batch was loaded"):
        embedded_store.load(company_articles()[:1])  # its two names of 徐工 make a merge
    assert embedded_store.counts()["nodes"].get("Company", 0) == 0


def test_a_project_name_merges_only_with_a_host_in_the_same_prefecture(embedded_store, tmp_path):
    store = with_log(embedded_store, tmp_path)
    solar, solar2 = "project:光伏电站项目", "project:光伏电站"
    sz = _e("Place", WJ, "吴江区", level="county")

    def art(n, key, name, place):
        return _art(n, f"2011-0{n}-01", [_e("Project", key, name), place],
                    [_r("HOSTS", place["key"], key, f"{place['name']}{name}")])
    store.load([art(1, solar, "光伏电站项目", _e("Place", SN, "睢宁县", level="county")), art(2, solar2, "光伏电站", sz)])
    assert {n["key"] for n in store.iter_nodes(["Project"])} == {solar, solar2}  # 徐州 and 苏州: two plants
    store.load([art(3, "project:光伏电站工程", "光伏电站工程", sz)])  # 苏州 again: the same one
    assert {n["key"] for n in store.iter_nodes(["Project"])} == {solar, solar2}
    assert (store.node(solar2)["name"], store.node(solar2)["aliases"]) == ("光伏电站工程", ["光伏电站"])


def test_an_undo_replays_the_rest_without_a_log():
    ident = identity.Identity()
    first = ident.add(identity.decision("merge", GROUP, FULL, "one"))
    ident.add(identity.decision("merge", SHORT, GROUP, "two"))
    assert ident.resolve(SHORT) == FULL
    ident.add(identity.decision("undo", GROUP, FULL, "no", cancels=first["id"]))
    assert (ident.resolve(SHORT), ident.resolve(GROUP)) == (GROUP, GROUP)
    with pytest.raises(Exception, match="no decision 'nope' to undo"):
        ident.add(identity.decision("undo", GROUP, FULL, "no", cancels="nope"))
