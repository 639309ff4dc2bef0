"""The Neo4j store's in-memory adjacency (graph/neo4j_adjacency.py): the same answers as
its Cypher traversals, and fresh when another store object writes to the same server."""
from __future__ import annotations

import json

import pytest

from bench import synth
from graph import provenance
from graph.neo4j_adjacency import STAMP_WRITE
from graph.store import FACTUAL, open_store
from tests.graph.degrees import by_degree


@pytest.fixture(scope="module")
def synthetic():
    """The synthetic graph, with a confidence on most entities and relations (0.5-0.99, some
    exactly at the threshold the test uses)."""
    records = synth.generate(3000)
    for i, rec in enumerate(records):
        for j, item in enumerate(rec["entities"] + rec["relations"]):
            if (i + j) % 5:
                item["confidence"] = 0.5 + ((i * 7 + j * 13) % 50) / 100
    return records


def _canon(res) -> str:
    def plain(v):
        if hasattr(v, "nodes") and hasattr(v, "edges"):  # a Subgraph: order aside
            return {"nodes": sorted(map(plain, v.nodes), key=repr), "edges": sorted(map(plain, v.edges), key=repr),
                    "truncated": v.truncated, "omitted": v.omitted}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v
    return json.dumps(plain(res), sort_keys=True, ensure_ascii=False, default=str)


def _both(store, call):
    """call() over the adjacency, then in Cypher."""
    try:
        store.use_adjacency = True
        a = call()
        store.use_adjacency = False
        return a, call()
    finally:
        store.use_adjacency = True


def test_adjacency_answers_as_cypher(neo4j_store, synthetic):
    store = neo4j_store
    store.load(synthetic)
    keys = [k for p in ("official:", "place:", "company:", "project:", "org:")
            for k in (by_degree(synthetic, p)[0], by_degree(synthetic, p)[-1])]
    filter_sets = [{}, {"rel_types": list(FACTUAL)}, {"labels": ["Company", "Project"]},
                   {"date_from": "2015", "date_to": "2018-06"}, {"date_from": "2013-02-03"},
                   {"min_confidence": 0.7}, {"min_confidence": 0.93, "rel_types": list(FACTUAL)}]
    compared = 0
    for key in keys:
        for depth in (1, 2):
            for limit in (5, 60, 10**6):  # capped and uncapped
                for fs in filter_sets:
                    a, b = _both(store, lambda: store.ego(key, depth=depth, limit=limit, **fs))
                    assert _canon(a) == _canon(b), (key, depth, limit, fs)
                    compared += bool(a.nodes)
    assert compared > 100
    for company in by_degree(synthetic, "company:")[:3]:
        for limit in (2, 100):
            a, b = _both(store, lambda: store.company_trace(company, limit=limit))
            assert _canon(a) == _canon(b) and a[1].nodes, (company, limit)


def test_shortest_paths_over_the_adjacency_are_as_short_as_cypher_finds(neo4j_store, synthetic):
    store = neo4j_store
    store.load(synthetic)
    ends = [k for p in ("official:", "place:", "company:", "project:") for k in by_degree(synthetic, p)[::40][:4]]
    found = 0
    for a, b in zip(ends, ends[1:] + ends[:1]):
        for kw in ({}, {"min_confidence": 0.7}, {"include_mentions": True, "max_hops": 4}):
            fast, cypher = _both(store, lambda: store.shortest_path(a, b, **kw))
            # equally short paths may differ: lengths, ends, and each edge read whole
            assert len(fast.edges) == len(cypher.edges), (a, b, kw)
            if fast.edges:
                assert fast.nodes[0]["key"] == a and fast.nodes[-1]["key"] == b
                theirs = {(e["type"], e["source"], e["target"]): e for e in cypher.edges}
                assert all(e == theirs.get((e["type"], e["source"], e["target"]), e) for e in fast.edges)
                assert all(provenance.TOTAL in e for e in fast.edges if "articles" in e)  # trimmed as ego's
                found, linked = found + 1, (a, b, kw)
    assert found > 5
    whole, cypher = _both(store, lambda: store.shortest_path(*linked[:2], **linked[2], provenance=None))
    assert whole.edges and all(provenance.TOTAL not in e for e in whole.edges + cypher.edges)


def test_search_over_the_adjacency_answers_as_cypher(neo4j_store, synthetic):
    store = neo4j_store
    store.load(synthetic)
    names = [e["name"] for rec in synthetic[:40] for e in rec["entities"]]
    asked = 0
    for text in {n[:2] for n in names} | {n[1:3] for n in names} | {n[:1] for n in names[:5]}:
        for labels in (None, ["Company", "Project"]):
            fast, cypher = _both(store, lambda: store.search(text, labels=labels, limit=10))
            assert [n["key"] for n in fast] == [n["key"] for n in cypher], (text, labels)
            assert fast == cypher
            asked += bool(fast)
    assert asked > 20


def test_a_load_by_another_store_object_is_seen(neo4j_store, neo4j_settings, synthetic):
    first, half = neo4j_store, len(synthetic) // 2
    first.rebuild_min_s = 0  # rebuild at every change (by default not again within a minute)
    first.load(synthetic[:half])
    key = next(k for k in by_degree(synthetic[half:], "place:") if k in set(by_degree(synthetic[:half], "place:")))
    before = first.ego(key, depth=1, limit=10**6)
    built = first._adj
    assert built is not None and before.nodes
    second = open_store("neo4j", **neo4j_settings)
    try:
        second.load(synthetic[half:])
        after = first.ego(key, depth=1, limit=10**6)
        assert first._adj is not built  # rebuilt for the new stamp
        assert len(after.nodes) > len(before.nodes)
        first.use_adjacency = False
        assert _canon(after) == _canon(first.ego(key, depth=1, limit=10**6))
        first.use_adjacency = True
        # the stamp alone (counts unchanged) makes a rebuild
        built = first._adj
        with second._session() as s:
            s.run(STAMP_WRITE).consume()
        assert _canon(first.ego(key, depth=1, limit=10**6)) == _canon(after) and first._adj is not built
        second.clear()
        assert not first.ego(key, depth=1).nodes
    finally:
        second.close()


def test_capped_ego_is_the_best_of_the_uncapped(neo4j_store, synthetic):
    """A capped 1-hop keeps the best supported neighbours of the uncapped one, the same edges."""
    neo4j_store.load(synthetic)
    hub = by_degree(synthetic, "company:")[0]
    full = neo4j_store.ego(hub, depth=1, rel_types=list(FACTUAL), limit=10**6)
    capped = neo4j_store.ego(hub, depth=1, rel_types=list(FACTUAL), limit=10)
    assert capped.truncated and capped.omitted == len(full.nodes) - 10
    assert capped.node_keys() <= full.node_keys()
    weight = {}
    for e in full.edges:
        other = e["target"] if e["source"] == hub else e["source"]
        weight[other] = weight.get(other, 0) + e["n_articles"]
    kept = capped.node_keys() - {hub}
    assert min(weight[k] for k in kept) >= max(weight[k] for k in full.node_keys() - kept - {hub})
    by_key = {(e["type"], e["source"], e["target"]): e for e in full.edges}
    assert all(by_key[(e["type"], e["source"], e["target"])] == e for e in capped.edges)


def test_an_edge_id_naming_another_relationship_is_read_by_its_keys(neo4j_store, synthetic):
    """Relationship ids are reused after deletes: an id that names another relationship by the
    time the properties are read (a clear and a load since the stamp was checked) falls back to
    the edge's keys."""
    neo4j_store.load(synthetic[:400])
    key = by_degree(synthetic[:400], "place:")[0]
    want = neo4j_store.ego(key, depth=2, limit=10**6)
    adj = neo4j_store._adj
    adj.ref[:] = adj.ref[::-1].copy()  # every id now names another relationship (the stamp is unchanged)
    got = neo4j_store.ego(key, depth=2, limit=10**6)
    assert neo4j_store._adj is adj and got.edges
    assert _canon(got) == _canon(want)


def test_a_change_soon_after_a_build_is_answered_in_cypher(neo4j_store, neo4j_settings, synthetic):
    """Another writer's change soon after the last build (a load under way) is not rebuilt for:
    the answers come from Cypher, as fresh."""
    first, half = neo4j_store, len(synthetic) // 2
    first.load(synthetic[:half])
    key = by_degree(synthetic, "place:")[0]
    first.ego(key, depth=2)
    built = first._adj
    first.rebuild_min_s = 3600
    second = open_store("neo4j", **neo4j_settings)
    try:
        second.load(synthetic[half:])
    finally:
        second.close()
    got = first.ego(key, depth=2)
    assert first._adj is built
    first.use_adjacency = False
    assert _canon(got) == _canon(first.ego(key, depth=2))
    first.use_adjacency, first.rebuild_min_s = True, 0
    assert _canon(first.ego(key, depth=2)) == _canon(got) and first._adj is not built
