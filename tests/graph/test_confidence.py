"""Confidence (graph/confidence.py): stored by both stores as the largest any article
gave, absent counting as the schema's value, and hiding what is below a minimum."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graph import confidence, schema
from graph.store import StoreError, open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_loading import BST, PROJ, QA, SN, SONG, XZ, confident_records, records  # noqa: E402


def _edge(store, rtype, source, target) -> dict:
    return next(e for e in store.iter_edges([rtype]) if (e["source"], e["target"]) == (source, target))


def test_schema_declares_it_once():
    assert 0 < schema.confidence_default_min() < 1 and schema.confidence_absent() == 1.0
    assert [l for l in schema.node_labels() if "confidence" in schema.node_props(l)] == schema.entity_labels()
    assert [t for t in schema.rel_types() if "confidence" in schema.rel_props(t)] == schema.provenance_types()
    assert "confidence DOUBLE" in " ".join(schema.ladybug_ddl())


def test_helpers():
    assert confidence.value({}) == 1.0 and confidence.value({"confidence": 0.25}) == 0.25
    assert confidence.keeps({"confidence": 0.5}, 0.5) and not confidence.keeps({"confidence": 0.49}, 0.5)
    assert confidence.keeps({"type": "MENTIONS", "count": 1}, 0.99)  # carries none: absent, 1.0
    for bad in (-0.1, 1.01, "x"):
        with pytest.raises(ValueError, match="not a number from 0 to 1"):
            confidence.check_min(bad)


def test_a_record_without_confidence_loads_as_one(any_store):
    any_store.load(records())
    assert {n["confidence"] for n in any_store.iter_nodes(schema.entity_labels())} == {1.0}
    assert {e["confidence"] for e in any_store.iter_edges(schema.provenance_types())} == {1.0}


def test_stores_keep_the_largest_in_any_order(any_store):
    a1, a2, a3 = confident_records()
    any_store.load([a2])
    any_store.load([a3, a1])  # the weaker a1 after the stronger a2
    assert _edge(any_store, "LEADS", SONG, XZ)["confidence"] == 0.8
    assert _edge(any_store, "INVESTS_IN", BST, PROJ)["confidence"] == 1.0
    assert (any_store.node(XZ)["confidence"], any_store.node(QA)["confidence"]) == (0.9, 0.2)
    before = (sorted(map(repr, any_store.iter_nodes())), sorted(map(repr, any_store.iter_edges())))
    any_store.load(confident_records())  # a reload changes nothing
    assert (sorted(map(repr, any_store.iter_nodes())), sorted(map(repr, any_store.iter_edges()))) == before


def test_reads_hide_what_is_below_the_minimum(any_store):
    any_store.load(confident_records())
    assert {e["type"] for e in any_store.relations(QA)} >= {"HOSTS", "PART_OF"}
    assert {r["type"] for r in any_store.relations(SONG, min_confidence=0.9)} == {"MENTIONS"}
    assert [r["other"]["key"] for r in any_store.relations(SONG, 0.5) if r["type"] == "LEADS"] == [XZ]

    assert QA in any_store.ego(SN).node_keys()
    assert QA not in any_store.ego(SN, min_confidence=0.5).node_keys()  # 庆安镇 itself is 0.2
    assert any_store.ego(QA, min_confidence=0.5).nodes == []
    assert XZ in any_store.ego(SONG, rel_types=["LEADS"], min_confidence=0.8).node_keys()
    assert XZ not in any_store.ego(SONG, rel_types=["LEADS"], min_confidence=0.81).node_keys()

    places = {r["place_key"] for r in any_store.company_trace(BST)[0]}
    assert QA in places
    rows, graph = any_store.company_trace(BST, min_confidence=0.5)
    assert QA not in {r["place_key"] for r in rows} and SN in {r["place_key"] for r in rows}
    assert all(confidence.keeps(x, 0.5) for x in graph.nodes + graph.edges)

    assert [e["type"] for e in any_store.shortest_path(SONG, XZ).edges] == ["LEADS"]  # 0.8
    assert any_store.shortest_path(SONG, XZ, min_confidence=0.85).edges == []  # no factual way around
    around = any_store.shortest_path(SONG, XZ, min_confidence=0.85, include_mentions=True)  # via an article
    assert [e["type"] for e in around.edges] == ["MENTIONS", "MENTIONS"]
    assert all(confidence.keeps(x, 0.85) for x in around.nodes + around.edges)
    assert any_store.shortest_path(QA, SN, min_confidence=0.5).edges == []  # an end below it
    assert any_store.shortest_path(SN, QA, min_confidence=0.5).edges == []

    with pytest.raises(StoreError, match="not a number from 0 to 1"):
        any_store.ego(SONG, min_confidence=1.5)


def test_an_embedded_file_from_before_confidence(tmp_path):
    """Read-only it reads as all 1.0; opened for writing it gains the columns (1.0) and loads."""
    import ladybug
    path = str(tmp_path / "old.lbug")
    db = ladybug.Database(path)
    conn = ladybug.Connection(db)
    for ddl in schema.ladybug_ddl():
        conn.execute(ddl.replace(", confidence DOUBLE", ""))
    conn.execute("CREATE (:Official {key: $s, name: '宋乐伟', aliases: [], mention_count: 1}), "
                 "(:Place {key: $x, name: '徐州市', aliases: [], mention_count: 1, level: 'prefecture'})",
                 {"s": SONG, "x": XZ})
    conn.execute("MATCH (a:Official {key: $s}), (b:Place {key: $x}) CREATE (a)-[:LEADS {articles: ['article:0'], "
                 "evidence: ['旧句子'], dates: ['2020-01-01'], title: '市委书记'}]->(b)", {"s": SONG, "x": XZ})
    conn.close()
    db.close()
    with open_store("embedded", db=path, read_only=True) as old:
        assert [r["confidence"] for r in old.relations(SONG, min_confidence=0.9)] == [None]
        assert len(old.shortest_path(SONG, XZ, min_confidence=0.9).edges) == 1
    with open_store("embedded", db=path) as store:
        store.ensure_schema()
        assert store.node(XZ)["confidence"] == 1.0
        store.load(confident_records())  # COPY into tables whose new column came last
        assert _edge(store, "LEADS", SONG, XZ)["confidence"] == 1.0  # the old row counts as 1.0
        assert store.node(QA)["confidence"] == 0.2 and store.node(QA)["level"] == "township"
        assert _edge(store, "HOSTS", QA, PROJ)["confidence"] == 0.1


def test_a_neo4j_row_without_confidence_counts_as_one(neo4j_store):
    a1, a2, _ = confident_records()
    neo4j_store.load([a2])
    with neo4j_store._session() as s:  # as a row written before confidence existed
        s.run("MATCH ()-[r:LEADS]->() REMOVE r.confidence").consume()
    assert _edge(neo4j_store, "LEADS", SONG, XZ)["confidence"] is None
    assert neo4j_store.relations(SONG, min_confidence=0.9)  # absent: 1.0, shown
    neo4j_store.load([a1])  # gives 0.3
    assert _edge(neo4j_store, "LEADS", SONG, XZ)["confidence"] == 1.0
