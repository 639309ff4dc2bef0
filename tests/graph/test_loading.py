"""Record validation (graph/loading_validation.py) and the merge rules (graph/loading.py), without a store.

RECORDS are hand-written extraction records in the documented format
(docs/CONTRACTS.md); the store and parity tests load them too.
"""
from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import loading
from graph.loading import RecordError

XZ = "place:江苏省/徐州市"
SN = "place:江苏省/徐州市/睢宁县"
QA = "place:江苏省/徐州市/睢宁县/庆安镇"
JS = "place:江苏省"
SONG = "official:宋乐伟@徐州市"
SU = "official:苏醒@徐州市"
BST = "company:昆山佰斯拓机械设备有限公司"
XG = "company:徐工集团"
PROJ = "project:佰斯拓工业风机研发制造项目"
PROJ2 = "project:徐工智能制造基地"
XYD = "org:徐州医科大学"


def _e(type_, key, name, aliases=(), mentions=1, **extra):
    return {"type": type_, "key": key, "name": name, "aliases": list(aliases), "mentions": mentions, **extra}


def _r(type_, head, tail, evidence, date=None, **extra):
    return {"type": type_, "head": head.split(":")[1], "tail": tail.split(":")[1], "head_key": head,
            "tail_key": tail, "evidence": evidence, "date": date, **extra}


def records() -> list[dict]:
    """Three articles about the same places, officials and project."""
    a1 = {"article": "001_suining.txt", "key": "article:00000000000000a1", "title": "宋乐伟到睢宁县调研",
          "date": "2025-04-05", "source": "/data/001_suining.txt",
          "text": "徐州市委书记宋乐伟到睢宁县调研。昆山佰斯拓机械设备有限公司投资1.6亿元建设佰斯拓工业风机研发制造项目,项目落户庆安镇。",
          "entities": [_e("Place", XZ, "徐州市", ["徐州"], 2, level="prefecture"),
                       _e("Place", SN, "睢宁县", ["睢宁"], 2, level="county"),
                       _e("Place", QA, "庆安镇", [], 1, level="township"),
                       _e("Place", JS, "江苏省", [], 1, level="province"),
                       _e("Official", SONG, "宋乐伟", [], 1),
                       _e("Official", SU, "苏醒", [], 1),
                       _e("Company", BST, "昆山佰斯拓机械设备有限公司", ["佰斯拓"], 1),
                       _e("Project", PROJ, "佰斯拓工业风机研发制造项目", [], 2,
                          total_investment_cny=160000000, total_investment_text="1.6亿元")],
          "relations": [_r("LEADS", SONG, XZ, "徐州市委书记宋乐伟到睢宁县调研。", "2025-04-05", title="市委书记"),
                        _r("LEADS", SU, SN, "睢宁县委书记苏醒陪同。", title="县委书记"),
                        _r("INVESTS_IN", BST, PROJ, "昆山佰斯拓机械设备有限公司投资1.6亿元建设佰斯拓工业风机研发制造项目。",
                           amount_cny=160000000, amount_text="1.6亿元"),
                        _r("HOSTS", QA, PROJ, "项目落户庆安镇。"),
                        _r("PART_OF", QA, SN, "gazetteer"),
                        _r("PART_OF", SN, XZ, "gazetteer"),
                        _r("PART_OF", XZ, JS, "gazetteer")]}
    a2 = {"article": "002_xugong.txt", "key": "article:00000000000000a2", "title": "徐工智能制造基地开工",
          "date": "2025-05-10", "source": "/data/002_xugong.txt",
          "text": "徐州市委书记宋乐伟出席徐工智能制造基地开工仪式。徐州医科大学参与合作。",
          "entities": [_e("Place", XZ, "徐州市", ["徐州"], 3, level="prefecture"),
                       _e("Official", SONG, "宋乐伟", [], 2),
                       _e("Company", XG, "徐工集团", ["徐工"], 1),
                       _e("Project", PROJ2, "徐工智能制造基地", [], 1),
                       _e("Organization", XYD, "徐州医科大学", [], 1)],
          "relations": [_r("LEADS", SONG, XZ, "徐州市委书记宋乐伟出席开工仪式。", title="市委书记"),
                        _r("INVESTS_IN", XG, PROJ2, "徐工集团投资建设徐工智能制造基地。"),
                        _r("HOSTS", XZ, PROJ2, "徐工智能制造基地在徐州开工。")]}
    a3 = {"article": "003_digest.txt", "key": "article:00000000000000a3", "title": "项目简讯",
          "date": None, "source": "/data/003_digest.txt",
          "text": "佰斯拓工业风机研发制造项目总投资2亿元,落户睢宁。",
          "entities": [_e("Place", SN, "睢宁县", ["睢宁"], 1, level="county"),
                       _e("Company", BST, "佰斯拓", [], 1),
                       _e("Project", PROJ, "佰斯拓工业风机研发制造项目", [], 1,
                          total_investment_cny=200000000, total_investment_text="2亿元")],
          "relations": [_r("INVESTS_IN", BST, PROJ, "佰斯拓投资2亿元。", amount_cny=200000000, amount_text="2亿元"),
                        _r("HOSTS", SN, PROJ, "项目落户睢宁。")]}
    return [a1, a2, a3]


# -- validation --------------------------------------------------------------------
def _broken(change) -> dict:
    rec = copy.deepcopy(records()[0])
    change(rec)
    return rec


@pytest.mark.parametrize("change, words", [
    (lambda r: r["entities"][0].update(type="Town"), "unknown type 'Town'"),
    (lambda r: r["entities"][1].pop("key"), "has no key"),
    (lambda r: r["entities"][1].update(name=""), "has no name"),
    (lambda r: r["entities"][4].update(key="place:宋乐伟"), "does not match its type Official"),
    (lambda r: r["relations"][0].update(tail_key="place:江苏省/南京市"), "not among the article's entities"),
    (lambda r: r["relations"][0].update(type="OWNS"), "unknown type 'OWNS'"),
    (lambda r: r["relations"][3].update(head_key=BST), "HOSTS cannot go from Company to Project"),
    (lambda r: r.pop("key"), "missing 'key'"),
    (lambda r: r.update(key="place:x"), "must start with 'article:'"),
    (lambda r: r["entities"][0].update(confidence=1.5), "confidence 1.5 is not a number from 0 to 1"),
    (lambda r: r["entities"][0].update(confidence=float("nan")), "confidence nan is not a number"),
    (lambda r: r["relations"][0].update(confidence=-0.1), "relation 0 (LEADS): confidence -0.1 is not"),
    (lambda r: r["relations"][0].update(confidence="high"), "confidence 'high' is not a number"),
    (lambda r: r["relations"][0].update(confidence=True), "confidence True is not a number"),
])
def test_invalid_records_name_the_article(change, words):
    with pytest.raises(RecordError) as err:
        loading.validate_record(_broken(change))
    msg = str(err.value)
    assert words in msg
    assert "\n" not in msg
    assert "001_suining.txt" in msg or "article:" in msg


def test_valid_records_pass():
    for rec in records():
        loading.validate_record(rec)


# -- folding one batch ---------------------------------------------------------------
def test_prepare_folds_nodes_and_relationships():
    batch, keys = loading.prepare(records())
    assert keys == ["article:00000000000000a1", "article:00000000000000a2", "article:00000000000000a3"]
    xz = batch.nodes[XZ]
    assert (xz["mention_count"], xz["first_seen"], xz["last_seen"]) == (5, "2025-04-05", "2025-05-10")
    bst = batch.nodes[BST]
    assert bst["name"] == "昆山佰斯拓机械设备有限公司" and bst["aliases"] == ["佰斯拓"]
    proj = batch.nodes[PROJ]
    assert (proj["total_investment_cny"], proj["total_investment_text"]) == (200000000.0, "2亿元")
    inv = batch.rels[("INVESTS_IN", BST, PROJ)]
    assert inv["articles"] == ["article:00000000000000a1", "article:00000000000000a3"]
    assert inv["amount_cny"] == 160000000.0 and inv["value_article"] == "article:00000000000000a1"
    assert inv["dates"] == ["2025-04-05", ""]  # the relation's date, else the article's (none)
    leads = batch.rels[("LEADS", SONG, XZ)]
    assert leads["dates"] == ["2025-04-05", "2025-05-10"]
    assert {m["target"]: m["count"] for m in batch.mentions if m["source"].endswith("a2")}[XZ] == 3


def test_a_record_twice_in_a_batch_counts_once():
    batch, keys = loading.prepare(records()[:1] * 2)
    assert keys == ["article:00000000000000a1"]
    assert batch.nodes[XZ]["mention_count"] == 2


def test_value_comes_from_lowest_article_with_one():
    a1, _, a3 = records()
    a1["relations"][2].update(amount_cny=None, amount_text=None)
    batch, _ = loading.prepare([a3, a1])
    inv = batch.rels[("INVESTS_IN", BST, PROJ)]
    assert (inv["amount_cny"], inv["value_article"]) == (200000000.0, "article:00000000000000a3")


# -- merging across batches (what a store does) -----------------------------------------
def _load_sequence(batches: list[list[dict]]) -> tuple[dict, dict]:
    """Fold batches one after another into an in-memory 'store' via plan()."""
    nodes: dict[str, dict] = {}
    rels: dict[tuple, dict] = {}
    done: set[str] = set()
    for recs in batches:
        batch, fresh = loading.prepare(loading.drop_articles(recs, done))
        p = loading.plan(batch, {k: v for k, v in nodes.items()}, rels)
        for group in (p.create_nodes, p.update_nodes):
            for label, rows in group.items():
                for row in rows:
                    nodes[row["key"]] = {**row, "label": label}
        for group in (p.create_rels, p.update_rels):
            for (rtype, _, _), rows in group.items():
                for row in rows:
                    rels[(rtype, row["source"], row["target"])] = {**row, "type": rtype}
        done.update(fresh)
    return nodes, rels


def test_reloading_changes_nothing():
    once = _load_sequence([records()])
    twice = _load_sequence([records(), records()])
    assert once == twice


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(3)), st.lists(st.integers(1, 3), min_size=1, max_size=3))
def test_any_order_and_batching_gives_identical_properties(order, cuts):
    recs = records()
    assert _load_sequence(_batched(recs, order, cuts)) == _load_sequence([recs])


def _batched(recs: list[dict], order, cuts) -> list[list[dict]]:
    """recs in the given order, cut into batches of the given sizes (the rest last)."""
    shuffled = [recs[i] for i in order]
    batches, i = [], 0
    for n in cuts:
        batches.append(shuffled[i:i + n])
        i += n
    return batches + [shuffled[i:]]


def test_merge_rel_re_merging_an_article_replaces_its_entry():
    batch, _ = loading.prepare(records()[:1])
    row = batch.rels[("LEADS", SONG, XZ)]
    again = dict(row, evidence=["corrected sentence"])
    merged = loading.merge_rel(row, again)
    assert merged["articles"] == row["articles"] and merged["evidence"] == ["corrected sentence"]


# -- confidence ----------------------------------------------------------------------------
def confident_records() -> list[dict]:
    """records() with confidences: some items give one, others (as older records) none."""
    a1, a2, a3 = records()
    a1["relations"][0]["confidence"] = 0.3   # LEADS 宋乐伟 → 徐州市 ...
    a2["relations"][0]["confidence"] = 0.8   # ... better supported by a2
    a1["relations"][3]["confidence"] = 0.1   # HOSTS 庆安镇 → the project, a1 only
    a3["relations"][0]["confidence"] = 0.7   # INVESTS_IN, also in a1 without a confidence
    a1["entities"][0]["confidence"] = 0.9    # 徐州市 ...
    a2["entities"][0]["confidence"] = 0.6    # ... and again
    a1["entities"][2]["confidence"] = 0.2    # 庆安镇, a1 only
    return [a1, a2, a3]


def test_confidence_is_the_largest_an_article_gave():
    batch, _ = loading.prepare(confident_records())
    rels = batch.rels
    assert rels[("LEADS", SONG, XZ)]["confidence"] == 0.8
    assert rels[("HOSTS", QA, PROJ)]["confidence"] == 0.1
    assert rels[("INVESTS_IN", BST, PROJ)]["confidence"] == 1.0  # a1 gave none: 1.0 wins
    assert (batch.nodes[XZ]["confidence"], batch.nodes[QA]["confidence"]) == (0.9, 0.2)


def test_records_without_confidence_count_as_one():
    batch, _ = loading.prepare(records())
    assert {n["confidence"] for n in batch.nodes.values()} == {1.0}
    assert {r["confidence"] for r in batch.rels.values()} == {1.0}


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(3)), st.lists(st.integers(1, 3), min_size=1, max_size=3))
def test_confidence_ignores_load_order_and_batching(order, cuts):
    recs = confident_records()
    nodes, rels = _load_sequence(_batched(recs, order, cuts))
    assert (nodes, rels) == _load_sequence([recs])
    assert rels[("LEADS", SONG, XZ)]["confidence"] == 0.8 and nodes[QA]["confidence"] == 0.2


@given(st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=2, max_size=4))
def test_merge_takes_the_max_in_any_order(confidences):
    batch, _ = loading.prepare(records()[:1])
    rel, node = batch.rels[("LEADS", SONG, XZ)], batch.nodes[XZ]
    rels = [dict(rel, confidence=c) for c in confidences]
    nodes = [dict(node, confidence=c) for c in confidences]
    want = max(1.0 if c is None else c for c in confidences)  # none stored: counts as 1.0
    for merge, rows in ((loading.merge_rel, rels), (loading.merge_node, nodes)):
        forward, backward = rows[0], rows[-1]
        for r in rows[1:]:
            forward = merge(forward, r)
        for r in reversed(rows[:-1]):
            backward = merge(backward, r)
        assert forward["confidence"] == backward["confidence"] == want
        assert merge(forward, forward)["confidence"] == want  # idempotent


def test_leads_titles_merge_with_a_row_stored_before_titles_existed():
    from graph.loading import merge_rel
    old = {"type": "LEADS", "articles": ["article:a1", "article:a2"], "evidence": ["e1", "e2"],
           "dates": ["2020-01-01", "2020-02-01"], "title": "县长", "value_article": "article:a2",
           "confidence": 1.0, "titles": None}
    new = {"type": "LEADS", "articles": ["article:a0"], "evidence": ["e0"], "dates": ["2019-01-01"],
           "title": "县委书记", "value_article": "article:a0", "confidence": 1.0, "titles": ["县委书记"]}
    out = merge_rel(old, new)
    assert out["articles"] == ["article:a0", "article:a1", "article:a2"]
    assert out["titles"] == ["县委书记", "", "县长"]  # the old row's title stays with the article it came from
    assert out["title"] == "县委书记" and merge_rel(new, old)["titles"] == out["titles"]
