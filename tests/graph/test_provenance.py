"""Trimmed provenance (graph/provenance.py): ego and tracer answers carry each edge's first
entries and their count, store.edge() reads one edge whole, exports keep everything."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from graph.export import export_scope
from graph.store import PROVENANCE, StoreError

sys.path.insert(0, str(Path(__file__).parent))
from test_loading import BST, PROJ, SN, SONG, XZ, _e, _r  # noqa: E402

ARTICLES = PROVENANCE + 3  # more supporting articles than an answer quotes


def _articles(n: int = ARTICLES) -> list[dict]:
    """n articles each stating the same investment, hosting, leadership and PART_OF."""
    out = []
    for i in range(n):
        day = f"2024-03-{i + 1:02d}"
        out.append({"article": f"{i}.txt", "key": f"article:{i + 1:016x}", "title": f"第{i}篇", "date": day,
                    "source": f"/data/{i}.txt", "text": "……",
                    "entities": [_e("Company", BST, "昆山佰斯拓机械设备有限公司"), _e("Project", PROJ, "佰斯拓项目"),
                                 _e("Place", SN, "睢宁县"), _e("Place", XZ, "徐州市"),
                                 _e("Official", SONG, "宋乐伟")],
                    "relations": [_r("INVESTS_IN", BST, PROJ, f"佰斯拓投资第{i}句", day, amount_cny=1e8 + i),
                                  _r("HOSTS", SN, PROJ, f"睢宁县落户第{i}句", day),
                                  _r("PART_OF", SN, XZ, f"睢宁县属徐州市第{i}句", day),
                                  _r("LEADS", SONG, XZ, f"宋乐伟任第{i}句", day, title="市委书记")]})
    return out


def _check_trimmed(edges: list[dict], whole: dict, k: int) -> None:
    """Every edge is its whole self with each provenance list cut to k and evidence_total."""
    assert edges
    for e in edges:
        full = whole[(e["type"], e["source"], e["target"])]
        if e["type"] == "MENTIONS":
            assert e == full
            continue
        assert e["evidence_total"] == len(full["articles"]) == ARTICLES
        cut = {p: v[:k] if p in ("articles", "evidence", "dates", "titles") and v else v for p, v in full.items()}
        assert {p: v for p, v in e.items() if p != "evidence_total"} == cut
        assert len(e["evidence"]) == k


def _paths(store):
    """Once per way the store answers: Neo4j over its adjacency and in Cypher (both trim)."""
    for mode in (True, False) if store.kind == "neo4j" else (None,):
        if mode is not None:
            store.use_adjacency = mode
        yield mode


def test_ego_and_tracer_carry_a_sample_and_its_count(any_store):
    any_store.load(_articles())
    whole = {(e["type"], e["source"], e["target"]): e for e in any_store.iter_edges()}
    for _ in _paths(any_store):
        _check_trimmed(any_store.ego(PROJ, depth=2).edges, whole, PROVENANCE)  # the default sample
        _check_trimmed(any_store.ego(XZ, depth=2, provenance=2).edges, whole, 2)
        untrimmed = any_store.ego(PROJ, depth=2, provenance=None).edges
        assert sorted(map(repr, untrimmed)) == sorted(repr(whole[(e["type"], e["source"], e["target"])])
                                                      for e in untrimmed)
        rows, sub = any_store.company_trace(BST, provenance=2)
        _check_trimmed(sub.edges, whole, 2)
        invest = whole[("INVESTS_IN", BST, PROJ)]
        assert rows and all(r["evidence_total"] == ARTICLES and r["evidence"] == invest["evidence"][:2]
                            and r["articles"] == invest["articles"][:2] for r in rows)
        assert {r["official_key"] for r in rows} == {SONG, None}  # 睢宁县 has no leader
    with pytest.raises(StoreError, match="provenance"):
        any_store.ego(PROJ, provenance=-1)


def test_one_edge_read_whole_on_demand(any_store):
    any_store.load(_articles())
    whole = {(e["type"], e["source"], e["target"]): e for e in any_store.iter_edges()}
    for t, s, d in (("INVESTS_IN", BST, PROJ), ("LEADS", SONG, XZ), ("PART_OF", SN, XZ)):
        got = any_store.edge(t, s, d)
        assert got == whole[(t, s, d)] and len(got["evidence"]) == ARTICLES
        assert got["evidence"][-1].endswith(f"第{ARTICLES - 1}句")
    assert any_store.edge("LEADS", SONG, SN) is None  # no such relationship
    assert any_store.edge("LEADS", PROJ, SN) is None  # a project leads nothing
    assert any_store.edge("INVESTS_IN", BST, "project:不存在") is None
    with pytest.raises(StoreError, match="unknown relationship type"):
        any_store.edge("OWNS", BST, PROJ)
    with pytest.raises(StoreError, match="not a govkg key"):
        any_store.edge("LEADS", "宋乐伟", XZ)


def test_a_trimmed_answer_read_whole_in_one_call(any_store):
    any_store.load(_articles())
    whole = {(e["type"], e["source"], e["target"]): e for e in any_store.iter_edges()}
    for _ in _paths(any_store):
        cut = any_store.ego(XZ, depth=2, provenance=1).edges
        asked = [(e["type"], e["source"], e["target"]) for e in cut] + [("LEADS", SONG, SN), ("LEADS", PROJ, SN)]
        got = {(e["type"], e["source"], e["target"]): e for e in any_store.edges(asked)}
        assert got == {k: whole[k] for k in asked[:-2]}  # each whole; the missing and the impossible left out
    assert any_store.edges([]) == []
    with pytest.raises(StoreError, match="unknown relationship type"):
        any_store.edges([("OWNS", BST, PROJ)])


def test_ego_export_keeps_every_supporting_article(any_store, tmp_path):
    any_store.load(_articles())
    export_scope(any_store, "json", tmp_path / "ego.json", ego=PROJ, depth=2)
    doc = json.loads((tmp_path / "ego.json").read_text(encoding="utf-8"))
    factual = [e for e in doc["edges"] if e.get("rel_type") != "MENTIONS"]
    assert factual and all(len(json.loads(e["evidence"]) if isinstance(e["evidence"], str) else e["evidence"])
                           == ARTICLES for e in factual)
    assert all("evidence_total" not in e for e in doc["edges"])
