"""The Cypher console cannot change data: every hostile query raises
ReadOnlyError (or a StoreError) on both stores and the graph stays the same;
runaway queries hit the timeout and huge results the row limit."""
from __future__ import annotations

from pathlib import Path

import pytest

from reliability_tools import dump


def hostile_queries(tmp: Path) -> dict[str, str]:
    """name -> query; file targets point into tmp so we can check nothing was written."""
    out = tmp / "out"
    return {
        "create": "CREATE (n:Place {key: 'place:evil', name: 'evil'})",
        "create-return": "CREATE (n:Place {key: 'place:evil', name: 'evil'}) RETURN n",
        "merge": "MERGE (n:Place {key: 'place:evil'}) RETURN n",
        "set": "MATCH (n:Place) SET n.name = 'pwned' RETURN n",
        "set-backticks": "MATCH (`n`:Place) SET `n`.`name` = 'pwned' RETURN `n`",
        "delete": "MATCH (n:Article) DELETE n",
        "detach-delete": "MATCH (n) DETACH DELETE n",
        "remove": "MATCH (n:Place) REMOVE n.aliases RETURN n",
        "foreach": "MATCH (n:Place) FOREACH (x IN [1] | SET n.name = 'pwned')",
        "subquery": "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN 1",
        "scoped-subquery": "MATCH (n) CALL (n) { DETACH DELETE n } RETURN 1",
        "union": "MATCH (n) RETURN n.key AS k UNION MATCH (m) DETACH DELETE m RETURN m.key AS k",
        "load-csv": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "load-csv-lower": "load csv with headers from 'file:///etc/hostname' as row return row",
        "ladybug-load-from": "LOAD FROM '/etc/passwd' RETURN *",
        "dbms-create-user": "CALL dbms.security.createUser('govkg_eve', 'eve-secret-pass', false)",
        "dbms-list-config": "CALL dbms.listConfig() YIELD name RETURN name",
        "dbms-kill": "CALL dbms.killQueries(['query-1'])",
        "db-clear-caches": "CALL db.clearQueryCaches()",
        "db-create-label": "CALL db.createLabel('Evil')",
        "apoc": "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
        "create-user": "CREATE USER govkg_eve SET PASSWORD 'eve-secret-pass'",
        "create-database": "CREATE DATABASE evil",
        "stop-database": "STOP DATABASE neo4j",
        "terminate": "SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId",
        "drop-constraint": "DROP CONSTRAINT place_key IF EXISTS",
        "drop-table": "DROP TABLE Place",
        "alter-table": "ALTER TABLE Place ADD pwned STRING",
        "create-table": "CREATE NODE TABLE Evil(id INT64, PRIMARY KEY(id))",
        "copy-from": f"COPY Place FROM '{tmp / 'places.csv'}'",
        "copy-to": f"COPY (MATCH (n) RETURN n.key) TO '{out}.csv'",
        "export-database": f"EXPORT DATABASE '{out}_export'",
        "import-database": f"IMPORT DATABASE '{out}_export'",
        "attach": f"ATTACH '{out}.lbug' AS other (dbtype lbug)",
        "install": "INSTALL httpfs",
        "load-extension": "LOAD EXTENSION fts",
        "ladybug-config": "CALL threads=1",
        "ladybug-project-graph": "CALL project_graph('g', ['Place'], [])",
        "begin": "BEGIN TRANSACTION",
        "checkpoint": "CHECKPOINT",
        "two-statements": "MATCH (n) RETURN n; MATCH (n) DETACH DELETE n",
        "two-statements-newline": "MATCH (n) RETURN count(n);\nMATCH (n) DETACH DELETE n;",
        "block-comment": "MATCH (n) /* only reading */ DETACH /* honest */ DELETE n",
        "line-comment": "MATCH (n) // just a read\nDETACH DELETE n",
        "comment-cr": "MATCH (n) // ends at a carriage return?\rDETACH DELETE n",
        "comment-ls": "MATCH (n) // ends at a line separator?\u2028DETACH DELETE n",
        "string-escape": "MATCH (n) WHERE n.name = '\\\\' DETACH DELETE n // '",
        "lowercase": "match (n) detach delete n",
        "mixed-case": "MaTcH (n) DeTaCh DeLeTe n",
        "create-mixed-case": "cReAtE (n:Place {key: 'place:evil', name: 'evil'})",
        "nbsp": "MATCH (n)\u00a0DETACH\u00a0DELETE\u00a0n",
        "ideographic-space": "MATCH\u3000(n)\u3000DETACH\u3000DELETE\u3000n",
        "odd-whitespace": "MATCH (n)\tDETACH\u000bDELETE\u000cn",
        "glued": "MATCH (n)DETACH DELETE(n)",
        "fulltext-then-delete": "CALL db.index.fulltext.queryNodes('govkg_names', '徐州') YIELD node DETACH DELETE node",
    }


def _attack(store, queries: dict[str, str]) -> list[str]:
    """Run every query; return the names of those that were not refused."""
    from graph.store import StoreError
    let_through = []
    for name, cypher in queries.items():
        try:
            store.query(cypher, timeout=5)
        except StoreError as e:
            assert str(e) and "\n" not in str(e), (name, str(e))
        else:
            let_through.append(name)
    return let_through


def test_hostile_queries_are_refused_and_change_nothing(loaded_store, tmp_path):
    before = dump(loaded_store)
    counts = loaded_store.counts()
    attack = tmp_path / "attack"
    attack.mkdir()
    queries = hostile_queries(attack)
    (attack / "places.csv").write_text("key,name\nplace:evil,evil\n", encoding="utf-8")
    let_through = _attack(loaded_store, queries)
    assert let_through == [], f"{len(let_through)}/{len(queries)} not refused: {let_through}"
    assert loaded_store.counts() == counts
    assert dump(loaded_store) == before
    assert sorted(p.name for p in attack.iterdir()) == ["places.csv"]  # no file written
    assert loaded_store.query("MATCH (n:Place) RETURN count(n)").rows[0][0] == counts["nodes"]["Place"]


def test_neo4j_admin_calls_left_no_user_behind(neo4j_store, neo4j_settings, tmp_path):
    _attack(neo4j_store, {k: v for k, v in hostile_queries(tmp_path).items()
                          if "user" in k or "database" in k})
    from neo4j import GraphDatabase
    with GraphDatabase.driver(neo4j_settings["uri"],
                              auth=(neo4j_settings["user"], neo4j_settings["password"])) as d:
        users = [r["user"] for r in d.execute_query("SHOW USERS", database_="system").records]
        dbs = [r["name"] for r in d.execute_query("SHOW DATABASES", database_="system").records]
        states = {r["name"]: r["currentStatus"] for r in
                  d.execute_query("SHOW DATABASES", database_="system").records}
    assert "govkg_eve" not in users
    assert "evil" not in dbs
    assert states.get("neo4j") == "online"


def _files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*"))}


def _build(db: Path, examples_dir) -> None:
    from graph.store import open_store
    from ingest.extract import iter_extract
    with open_store("embedded", db=str(db)) as store:
        store.ensure_schema()
        store.load([rec for _, rec, _ in iter_extract([examples_dir]) if rec is not None])


def test_embedded_file_is_byte_for_byte_unchanged(tmp_path, examples_dir):
    """A console on a read-only open: the database files do not change by a byte."""
    from graph.embedded import EmbeddedStore
    db = tmp_path / "graph.lbug"
    _build(db, examples_dir)
    before = _files(db)
    store = EmbeddedStore(str(db), read_only=True)
    try:
        let_through = _attack(store, hostile_queries(tmp_path))
    finally:
        store.close()
    assert let_through == []
    assert _files(db) == before


def test_embedded_read_write_open_keeps_the_data_pages(tmp_path, examples_dir):
    """A read-write open (what open_store gives the app): Ladybug rewrites its
    header page on every close even without writes (measured), so compare the
    rest of the file byte for byte, and the full dump."""
    from graph.store import open_store
    db = tmp_path / "graph.lbug"
    _build(db, examples_dir)
    with open_store("embedded", db=str(db)) as store:
        before_dump = dump(store)
    before = {k: v[4096:] for k, v in _files(db).items()}
    with open_store("embedded", db=str(db)) as store:
        let_through = _attack(store, hostile_queries(tmp_path))
    assert let_through == []
    assert {k: v[4096:] for k, v in _files(db).items()} == before
    with open_store("embedded", db=str(db)) as store:
        assert dump(store) == before_dump


# -- runaway queries ------------------------------------------------------------------

CARTESIAN = ("MATCH (a), (b), (c), (d), (e), (f), (g) "
             "WHERE a.name + b.name + c.name + d.name + e.name + f.name + g.name = 'never' RETURN count(*)")


def test_a_cartesian_product_hits_the_timeout(loaded_store):
    from graph.store import ReadOnlyError, StoreError
    with pytest.raises(StoreError) as err:
        loaded_store.query(CARTESIAN, timeout=1.0)
    assert not isinstance(err.value, ReadOnlyError)
    msg = str(err.value).lower()
    assert "timeout" in msg or "timed out" in msg or "interrupt" in msg, msg
    # and the store still answers afterwards
    assert loaded_store.query("MATCH (n:Article) RETURN count(n)").rows[0][0] >= 4


@pytest.mark.parametrize("cypher, limit", [
    ("UNWIND range(1, 200000) AS x RETURN x", 1000),
    ("UNWIND range(1, 200000) AS x RETURN x LIMIT 50000", 100),
    ("MATCH (a), (b), (c) RETURN a.key, b.key, c.key", 50),
])
def test_huge_results_are_cut_at_the_row_limit(loaded_store, cypher, limit):
    res = loaded_store.query(cypher, limit=limit)
    assert res.truncated is True
    assert len(res.rows) == limit


def test_a_small_result_is_not_marked_truncated(loaded_store):
    res = loaded_store.query("UNWIND range(1, 10) AS x RETURN x", limit=10)
    assert (len(res.rows), res.truncated) == (10, False)
    assert [r[0] for r in res.rows] == list(range(1, 11))

