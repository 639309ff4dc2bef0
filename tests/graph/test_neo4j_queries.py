"""Neo4j's read queries look nodes up by label and index (PROFILE shows no scan of a
label or of all nodes or relationships), and its one-query name search answers as the
embedded store does. An index scan is the planner's call (it picks one over many seeks when
its statistics say so, which varies from run to run), so it is not counted as a scan here."""
from __future__ import annotations

import pytest

from bench import synth
from graph.store import FACTUAL
from tests.graph.degrees import by_degree

SCANS = {"AllNodesScan", "NodeByLabelScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan"}


@pytest.fixture(scope="module")
def records():
    return synth.generate(3000)


@pytest.fixture
def loaded(neo4j_store, embedded_store, records):
    for store in (neo4j_store, embedded_store):
        store.load(records)
    return neo4j_store, embedded_store


def _operators(plan) -> set[str]:
    return {plan["operatorType"].split("@")[0]} | {op for c in plan.get("children", []) for op in _operators(c)}


def _plans(store, calls) -> list[tuple[str, set[str]]]:
    """(query, operators of its PROFILE) for every query the calls send."""
    sent = []
    read = store._read
    store._read = lambda cypher, params=None: sent.append((cypher, params)) or read(cypher, params)
    try:
        for call in calls:
            call()
    finally:
        store._read = read
    out = []
    with store._session() as s:
        for cypher, params in sent:
            summary = s.run("PROFILE " + cypher, params or {}).consume()
            out.append((cypher, _operators(summary.profile)))
    return out


@pytest.fixture
def in_cypher(loaded):
    """The Neo4j store ranking in Cypher, its in-memory adjacency turned off."""
    loaded[0].use_adjacency = False
    yield loaded
    loaded[0].use_adjacency = True


def test_traversals_and_search_seek_by_label_and_index(in_cypher, records):
    neo4j, _ = in_cypher
    hub, company = by_degree(records, "place:")[0], by_degree(records, "company:")[0]
    ordinary = by_degree(records, "official:")[-1]
    plans = _plans(neo4j, [
        lambda: neo4j.ego(hub, depth=2, rel_types=list(FACTUAL), limit=20),  # cut: the hub is not expanded twice
        lambda: neo4j.ego(ordinary, depth=2),
        lambda: neo4j.company_trace(company, limit=5),
        lambda: neo4j.shortest_path(ordinary, hub),
        lambda: neo4j.search("有限"),
    ])
    assert len(plans) > 8
    for cypher, ops in plans:
        assert not ops & SCANS, (cypher, ops & SCANS)
        if "MATCH (a:" in cypher or "MATCH (n:" in cypher:
            assert ops & {"NodeUniqueIndexSeek", "NodeIndexContainsScan"}, (cypher, ops)
    (search_ops,) = [ops for cypher, ops in plans if "fulltext" in cypher]
    # two or more Chinese characters: the full-text index alone finds names and aliases (no TEXT index scans)
    assert "ProcedureCall" in search_ops and "NodeIndexContainsScan" not in search_ops
    edges = [ops for cypher, ops in plans if "COUNT {" in cypher]
    assert any("Expand(Into)" in ops for ops in edges)  # the hub's kept edges found pair by pair


def test_one_query_search_matches_the_embedded_store(loaded, records):
    neo4j, embedded = loaded
    aliases = [a for rec in records for e in rec["entities"] for a in e.get("aliases") or []]
    assert aliases, "the synthetic places have no aliases any more"
    names = [e["name"] for rec in records[:40] for e in rec["entities"]]
    texts = ["有限", "县", "王", "区", "集团有限公司", "zz", aliases[0], aliases[0][1:3], aliases[-1]]
    texts += [n[:2] for n in names[:15]] + [n[1:3] for n in names[15:30]]
    for text in texts:
        for labels in (None, ["Place"], ["Company", "Project"]):
            a = [n["key"] for n in embedded.search(text, labels=labels, limit=10)]
            b = [n["key"] for n in neo4j.search(text, labels=labels, limit=10)]
            assert a == b, (text, labels)


def test_traversal_texts_do_not_depend_on_labels(in_cypher, records):
    """The server plans a query text once: egos of nodes of every label send the same three texts
    (nodes by key, a hop, the edges among the kept nodes)."""
    neo4j, _ = in_cypher
    keys = [by_degree(records, p)[-1] for p in ("official:", "place:", "company:", "project:", "org:")]
    sent = set()
    read = neo4j._read
    neo4j._read = lambda cypher, params=None: sent.add(cypher) or read(cypher, params)
    try:
        for key in keys:
            assert len(neo4j.ego(key, depth=2).nodes) > 1
    finally:
        neo4j._read = read
    assert len(sent) == 3, sent


def test_adjacency_egos_send_two_texts_and_seek(loaded, records):
    """Over the in-memory adjacency an ego sends two texts whatever its labels and depth: the
    change stamp, and the kept edges by relationship id with the kept nodes by key (no scans)."""
    neo4j, _ = loaded
    neo4j._adjacency()  # built beforehand: its queries read whole labels by design
    keys = [by_degree(records, p)[i] for p in ("official:", "place:", "company:", "project:", "org:") for i in (0, -1)]
    plans = _plans(neo4j, [lambda k=k, d=d: neo4j.ego(k, depth=d) for k in keys for d in (1, 2)])
    assert len(plans) == 2 * len(keys) * 2
    assert len({cypher for cypher, _ in plans}) == 2
    for cypher, ops in plans:
        assert not ops & SCANS, (cypher, ops & SCANS)
