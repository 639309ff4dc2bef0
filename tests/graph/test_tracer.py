"""The company tracer's climb (graph/tracer.py): Neo4j's one query finds what the
hop-by-hop climb over _edges finds, PART_OF cycles and confidence included."""
from __future__ import annotations

import sys
from pathlib import Path

from graph import tracer

sys.path.insert(0, str(Path(__file__).parent))
from test_loading import BST, JS, PROJ, PROJ2, QA, SN, XG, XZ, _e, _r, records  # noqa: E402


def _tangled() -> dict:
    """An article making PART_OF a cycle (徐州市 part of 睢宁县), a doubtful short cut and a
    doubtful step up to a place only it reaches, whose leader the tracer then shows."""
    return {"article": "005.txt", "key": "article:00000000000000a5", "title": "区划", "date": "2025-07-01",
            "source": "/data/005.txt", "text": "徐州市、睢宁县、庆安镇、江苏省,华东。",
            "entities": [_e("Place", XZ, "徐州市"), _e("Place", SN, "睢宁县"), _e("Place", QA, "庆安镇"),
                         _e("Place", JS, "江苏省"), _e("Place", EAST, "华东"), _e("Official", HEAD, "王五")],
            "relations": [_r("PART_OF", XZ, SN, "徐州市属睢宁县", confidence=0.9),
                          _r("PART_OF", QA, XZ, "庆安镇属徐州市", confidence=0.3),
                          _r("PART_OF", JS, EAST, "江苏省属华东", confidence=0.3),
                          _r("LEADS", HEAD, EAST, "华东王五", confidence=0.9)]}


EAST, HEAD = "place:华东", "official:王五@华东"


def _canon(edges) -> list:
    return sorted((e["type"], e["source"], e["target"], repr(sorted(e.items()))) for e in edges)


def test_one_query_climb_matches_the_hop_by_hop_climb(neo4j_store, embedded_store):
    data = records() + [_tangled()]
    for store in (neo4j_store, embedded_store):
        store.load(data)
    climbed = {}
    for min_confidence in (0.0, 0.5):
        want = [_canon(x) for x in tracer.places_of(neo4j_store, [PROJ, PROJ2], min_confidence)]
        assert [_canon(x) for x in neo4j_store._places_of([PROJ, PROJ2], min_confidence)] == want
        assert [_canon(x) for x in embedded_store._places_of([PROJ, PROJ2], min_confidence)] == want
        climbed[min_confidence] = {(s, t) for _, s, t, _ in want[1]} | {(s, t) for _, s, t, _ in want[2]}
        for company in (BST, XG):
            (rows_a, sub_a), (rows_b, sub_b) = (s.company_trace(company, min_confidence)
                                                for s in (neo4j_store, embedded_store))
            assert rows_a == rows_b and rows_a
            assert sorted(sub_a.node_keys()) == sorted(sub_b.node_keys())
            assert _canon(sub_a.edges) == _canon(sub_b.edges)
    assert {(XZ, SN), (SN, XZ), (XZ, JS), (QA, XZ), (JS, EAST), (HEAD, EAST)} <= climbed[0.0]  # cycle, top
    assert {(QA, XZ), (JS, EAST), (HEAD, EAST)} & climbed[0.5] == set() and (XZ, JS) in climbed[0.5]
