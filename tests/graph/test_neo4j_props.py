"""Properties the Neo4j adjacency answers from memory (graph/neo4j_props.py): node columns and
the edge cache give Cypher's answers, skip the server when nothing is new, and follow the stamp."""
from __future__ import annotations

import pytest

from bench import synth
from graph.neo4j_adjacency import STAMP_WRITE
from graph.neo4j_props import node_table
from graph.store import FACTUAL, PROVENANCE, open_store
from tests.graph.degrees import by_degree
from tests.graph.test_neo4j_adjacency import _canon


@pytest.fixture(scope="module")
def records():
    return synth.generate(3000)


def _cypher(store, call):
    """call() answered in Cypher (no adjacency, nothing cached)."""
    store.use_adjacency = False
    try:
        return call()
    finally:
        store.use_adjacency = True


class _Counted:
    """The store's queries, counted (each still goes to the server)."""

    def __init__(self, store):
        self.store, self.read, self.n = store, store._read, 0

    def __enter__(self):
        def read(*args, **kwargs):
            self.n += 1
            return self.read(*args, **kwargs)
        self.store._read = read
        return self

    def __exit__(self, *exc):
        del self.store._read


def test_node_table_keeps_each_value_as_read_or_gives_up():
    row = ["place:x", "X", ["x1"], "2020-01-01", None, 3, 0.5, None, "county"]
    table = node_table("Place", [row, ["place:y", "Y", [], None, None, 0, None, [], None]])
    assert table.to_pylist()[0] == dict(zip(table.column_names, row))
    assert table.to_pylist()[1]["aliases"] == [] and table.to_pylist()[1]["merged_from"] == []
    assert node_table("Place", []) is not None and node_table("Place", []).num_rows == 0
    # an int where the schema says float would come back as 1.0: not kept as a column
    assert node_table("Place", [row[:6] + [1] + row[7:]]) is None
    assert node_table("Place", [row[:5] + [2.5] + row[6:]]) is None  # a float in an int column
    assert node_table("Place", [row[:1] + [7] + row[2:]]) is None  # not a string


def test_factual_answers_read_only_the_stamp(neo4j_store, records):
    """Over factual relationships an ego or a tracer reads nothing but the stamp; with fewer
    provenance entries than held too; whole provenance and MENTIONS are read once, then kept."""
    store = neo4j_store
    store.load(records)
    places, companies = by_degree(records, "place:"), by_degree(records, "company:")
    store.ego(places[-1], depth=1)  # the adjacency built
    calls = [lambda: store.ego(places[0], depth=1, rel_types=list(FACTUAL)),
             lambda: store.ego(places[1], depth=2, rel_types=list(FACTUAL)),
             lambda: store.ego(places[2], depth=2, rel_types=list(FACTUAL), provenance=2),
             lambda: store.company_trace(companies[0]), lambda: store.company_trace(companies[1], provenance=0)]
    for call in calls:
        with _Counted(store) as counted:
            got = call()
        assert counted.n == 1  # the stamp
        assert got.edges if hasattr(got, "edges") else got[0]
        assert _canon(got) == _canon(_cypher(store, call))
    # (an ego with MENTIONS reads its articles each time: their text has no bound)
    for call in (lambda: store.ego(places[0], depth=1, rel_types=list(FACTUAL), provenance=None),
                 lambda: store.company_trace(companies[0], provenance=PROVENANCE + 1)):
        with _Counted(store) as counted:
            first = call()
        with _Counted(store) as again_counted:
            again = call()
        assert counted.n == 2 and again_counted.n == 1  # the stamp and the edges; then the stamp
        assert _canon(again) == _canon(first) == _canon(_cypher(store, call))
    # a caller changing its answer does not change the next one (edges and nodes held or cached)
    for prov in (PROVENANCE, None):
        sub = store.ego(places[0], depth=1, provenance=prov)
        for e in sub.edges:
            e.update(evidence=None, count=-1)
        sub.nodes[0].update(name="changed")
        assert _canon(store.ego(places[0], depth=1, provenance=prov)) == _canon(
            _cypher(store, lambda: store.ego(places[0], depth=1, provenance=prov)))


def test_a_load_and_a_clear_by_another_store_object_are_seen(neo4j_store, neo4j_settings, records):
    """Properties read before another writer's load are not served after it: the node columns
    and the edge cache go with the adjacency the new stamp replaces."""
    first, half = neo4j_store, len(records) // 2
    first.rebuild_min_s = 0
    first.load(records[:half])
    hub = by_degree(records[:half], "place:")[0]
    ego = lambda: first.ego(hub, depth=1, rel_types=list(FACTUAL), limit=10**6)  # noqa: E731
    before = ego()
    second = open_store("neo4j", **neo4j_settings)
    try:
        second.load(records[half:])  # more articles for edges and nodes read above
        after = ego()
        old = {(e["type"], e["source"], e["target"]): e["evidence_total"] for e in before.edges}
        assert any(old.get((e["type"], e["source"], e["target"]), e["evidence_total"]) != e["evidence_total"]
                   for e in after.edges)
        counts = {n["key"]: n["mention_count"] for n in before.nodes}
        assert any(n["mention_count"] != counts[n["key"]] for n in after.nodes if n["key"] in counts)
        assert _canon(after) == _canon(_cypher(first, ego))
        second.clear()
        assert not first.ego(hub, depth=1).nodes
    finally:
        second.close()


def test_a_property_of_another_type_than_the_schema_is_read_as_stored(neo4j_store, records):
    """An int written where the schema says float (by another client) stays an int: its label's
    nodes, or its type's edges, are read from the server, as Cypher reads them."""
    store = neo4j_store
    store.rebuild_min_s = 0
    store.load(records)
    hub = by_degree(records, "place:")[0]
    edge = store.ego(hub, depth=1, rel_types=list(FACTUAL)).edges[0]
    with store._session() as s:
        s.run("MATCH (n:Place {key: $k}) SET n.confidence = 1", k=hub).consume()
        s.run(f"MATCH ({{key: $s}})-[r:{edge['type']}]->({{key: $t}}) SET r.confidence = 1",
              s=edge["source"], t=edge["target"]).consume()
        s.run(STAMP_WRITE).consume()
    sub = store.ego(hub, depth=1, rel_types=list(FACTUAL))
    assert not store._adj.node_props.covers(store._adj.labels.index("Place"))  # rebuilt, Place left out
    assert type(next(n for n in sub.nodes if n["key"] == hub)["confidence"]) is int
    assert [type(e["confidence"]) for e in sub.edges if e["type"] == edge["type"]
            and (e["source"], e["target"]) == (edge["source"], edge["target"])] == [int]
    assert _canon(sub) == _canon(_cypher(store, lambda: store.ego(hub, depth=1, rel_types=list(FACTUAL))))
