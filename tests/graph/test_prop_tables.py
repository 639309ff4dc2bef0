"""The embedded store's whole-type edge tables (graph/prop_tables.py) give the same full
edges as reading each edge from the file (graph/embedded_reads.py), and follow loads."""
from __future__ import annotations

from bench import synth
from graph.embedded_reads import edges_by_triples
from graph.store import FACTUAL
from graph.traverse import Filters


def _triples(store, rel_type):
    return store._adjacency().edges_of(sorted(store._adjacency().id_of), "both", Filters(types=(rel_type,)))


def _key(e):
    return e["type"], e["source"], e["target"]


def test_tables_match_edge_by_edge_reads(embedded_store):
    embedded_store.load(synth.generate(3000))
    adj = embedded_store._adjacency()
    for rel_type in FACTUAL:
        triples = _triples(embedded_store, rel_type)
        assert triples and embedded_store._edge_tables.holds(rel_type)
        from_file = sorted(edges_by_triples(embedded_store._rows, adj, triples), key=_key)
        from_tables = sorted(embedded_store._edges_by_triples(triples), key=_key)
        assert from_tables == from_file
        assert any(e.get("evidence") for e in from_tables)  # the lists are read, not left out


def test_tables_are_dropped_after_a_load(embedded_store):
    embedded_store.load(synth.generate(1000))
    leads = _triples(embedded_store, "LEADS")
    before = {_key(e): e for e in embedded_store._edges_by_triples(leads)}
    embedded_store.load(synth.generate(3000))  # more articles behind the same edges
    after = {_key(e): e for e in embedded_store._edges_by_triples(_triples(embedded_store, "LEADS"))}
    assert set(before) < set(after)
    assert any(len(after[k]["articles"]) > len(before[k]["articles"]) for k in before)


def test_node_tables_match_node_by_node_reads(embedded_store):
    embedded_store.load(synth.generate(3000))
    adj = embedded_store._adjacency()
    for label in ("Official", "Place", "Company", "Project"):
        keys = sorted(k for k in adj.id_of if k.startswith(label.lower() + ":"))[:200]
        assert len(keys) > 50 and embedded_store._node_tables.holds(label)
        by_node = {}
        for k in keys:  # one at a time: the per-key read, not the tables
            by_node.update(embedded_store._nodes_by_keys([k]))
        assert embedded_store._node_tables.nodes(label, keys + ["nobody"]) == by_node
        assert embedded_store._nodes_by_keys(keys) == by_node
    assert not embedded_store._node_tables.holds("Article")
