"""A provenance relationship's stored weight (schema.WEIGHT, n_articles): its number of
supporting articles, written by both stores' loads and kept right when later loads merge."""
from __future__ import annotations

import sys
from pathlib import Path

from graph import schema
from graph.store import open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_loading import BST, PROJ, SONG, XZ, records  # noqa: E402


def _stored(store) -> dict[tuple, tuple]:
    """(type, source, target) -> (stored weight, size of its articles list), read with Cypher."""
    out = {}
    for t in schema.provenance_types():
        res = store.query(f"MATCH (a)-[r:{t}]->(b) RETURN a.key, b.key, r.{schema.WEIGHT}, size(r.articles)")
        out.update({(t, s, d): (w, n) for s, d, w, n in res.rows})
    return out


def test_weight_follows_articles_added_by_a_later_load(any_store):
    recs = records()
    any_store.load(recs[:1])
    assert _stored(any_store)[("LEADS", SONG, XZ)] == (1, 1)
    stats = any_store.load(recs[1:])
    assert stats.rels_updated >= 2  # two relationships of the first article gained one
    stored = _stored(any_store)
    assert stored[("LEADS", SONG, XZ)] == stored[("INVESTS_IN", BST, PROJ)] == (2, 2)
    assert all(w == n for w, n in stored.values()), stored
    assert {e[schema.WEIGHT] for e in any_store.relations(SONG) if e["type"] == "LEADS"} == {2}


def test_a_neo4j_row_without_weight_counts_its_articles(neo4j_store):
    neo4j_store.load(records()[:2])
    with neo4j_store._session() as s:  # as a row written before the weight existed
        s.run(f"MATCH ()-[r]->() REMOVE r.{schema.WEIGHT}").consume()
    assert [e[schema.WEIGHT] for e in neo4j_store.relations(SONG) if e["type"] == "LEADS"] == [2]
    neo4j_store.load(records()[2:])
    assert _stored(neo4j_store)[("INVESTS_IN", BST, PROJ)] == (2, 2)


def test_an_embedded_file_from_before_the_weight_gains_it(tmp_path):
    import ladybug
    path = str(tmp_path / "old.lbug")
    db = ladybug.Database(path)
    conn = ladybug.Connection(db)
    for ddl in schema.ladybug_ddl():
        conn.execute(ddl.replace(f", {schema.WEIGHT} INT64", ""))
    conn.execute("CREATE (:Official {key: $s, name: '宋乐伟', aliases: [], mention_count: 1}), "
                 "(:Place {key: $x, name: '徐州市', aliases: [], mention_count: 1, level: 'prefecture'})",
                 {"s": SONG, "x": XZ})
    conn.execute("MATCH (a:Official {key: $s}), (b:Place {key: $x}) CREATE (a)-[:LEADS {articles: ['article:0', "
                 "'article:1'], evidence: ['旧句子', '又一句'], dates: ['2020-01-01', ''], title: '市委书记'}]->(b)",
                 {"s": SONG, "x": XZ})
    conn.close()
    db.close()
    with open_store("embedded", db=path, read_only=True) as old:  # no column: counted from the list
        assert [e[schema.WEIGHT] for e in old.relations(SONG)] == [2]
    with open_store("embedded", db=path) as store:
        store.ensure_schema()  # adds the column and fills it
        assert _stored(store)[("LEADS", SONG, XZ)] == (2, 2)
        store.load(records())
        assert _stored(store)[("LEADS", SONG, XZ)] == (4, 4)
