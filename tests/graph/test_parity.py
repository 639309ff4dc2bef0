"""Neo4j and the embedded store loaded with the same data answer the same."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graph import named

sys.path.insert(0, str(Path(__file__).parent))
from test_loading import BST, PROJ, QA, SN, SONG, XZ, records  # noqa: E402
from test_store import snapshot  # noqa: E402


@pytest.fixture
def pair(embedded_store, neo4j_store, seed_records):
    data = records() + seed_records
    for store in (embedded_store, neo4j_store):
        store.load(data, batch_size=3)
    return embedded_store, neo4j_store


def _norm(v):
    """Rows made comparable: nodes by key, edges by (type, source, target), paths by their keys."""
    if isinstance(v, dict) and "label" in v and "key" in v:
        return ("node", v["key"])
    if isinstance(v, dict) and "type" in v and "source" in v:
        return ("edge", v["type"], v["source"], v["target"])
    if isinstance(v, dict) and "nodes" in v and "relationships" in v:
        return ("path", len(v["relationships"]), v["nodes"][0]["key"], v["nodes"][-1]["key"])
    if isinstance(v, list):
        return tuple(_norm(x) for x in v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


PARAMS = {  # extra parameter sets on top of each query's defaults
    "ego": [{"key": SONG}, {"key": PROJ, "limit": 3}],
    "place_officials": [{"key": XZ}, {"key": SN}],
    "place_projects": [{"key": SN}, {"key": "place:江苏省"}],
    "company_projects": [{"key": BST}],
    "top_connected": [{"label": "Place"}, {"label": "Project", "limit": 5}],
    "mentions_over_time": [{"key": XZ}, {"key": SONG}],
    "shortest_path": [{"source": SONG, "target": QA}],
    "search": [{"text": "佰斯拓"}, {"text": "睢宁"}],
    "official_career": [{"key": SONG}],
    "post_holders": [{"title": "书记", "place": XZ}],
    "projects_by_stage": [{"stage": "signed"}],
}


def test_every_named_query_is_covered():
    names = {q.name for q in named.list_queries()}
    assert {"ego", "place_officials", "place_projects", "company_projects", "top_connected",
            "mentions_over_time", "shortest_path", "search", "official_career", "post_holders"} <= names
    assert set(PARAMS) == names


def test_counts_and_contents_match(pair):
    embedded, neo4j = pair
    assert embedded.counts() == neo4j.counts()
    assert snapshot(embedded) == snapshot(neo4j)


@pytest.mark.parametrize("query", [q.name for q in named.list_queries()])
def test_named_query_answers_match(pair, query):
    embedded, neo4j = pair
    for values in [{}] + PARAMS.get(query, []):
        a = named.run(embedded, query, values)
        b = named.run(neo4j, query, values)
        assert a.columns == b.columns, (query, values)
        rows_a = [_norm(r) for r in a.rows]
        rows_b = [_norm(r) for r in b.rows]
        if query == "shortest_path":  # equally short paths may differ: compare lengths and ends
            rows_a = [(r[0][:2], r[1]) for r in rows_a]
            rows_b = [(r[0][:2], r[1]) for r in rows_b]
        assert sorted(rows_a, key=repr) == sorted(rows_b, key=repr), (query, values)
        assert rows_a, (query, values, "returned nothing: the parity check would be empty")


def test_store_methods_match(pair):
    embedded, neo4j = pair
    for text in ("徐州", "佰斯拓", "宋乐伟"):
        assert [n["key"] for n in embedded.search(text)] == [n["key"] for n in neo4j.search(text)]
    for key, depth in ((SONG, 1), (SONG, 2), (XZ, 1)):
        a, b = embedded.ego(key, depth=depth, limit=50), neo4j.ego(key, depth=depth, limit=50)
        assert (a.node_keys(), a.truncated, a.omitted) == (b.node_keys(), b.truncated, b.omitted)
        assert sorted(map(_norm, a.edges)) == sorted(map(_norm, b.edges))
    for key, depth, limit in ((XZ, 2, 4), (SONG, 2, 2)):  # cut by the cap: the same nodes kept
        a, b = embedded.ego(key, depth=depth, limit=limit), neo4j.ego(key, depth=depth, limit=limit)
        assert a.truncated and (a.node_keys(), a.omitted) == (b.node_keys(), b.omitted)
    for company in (BST, "company:昆山佰斯拓机械设备有限公司"):
        for limit in (300, 1):
            a, b = embedded.company_trace(company, limit=limit), neo4j.company_trace(company, limit=limit)
            assert a[0] == b[0] and (a[1].truncated, a[1].omitted) == (b[1].truncated, b[1].omitted)
    for mentions, hops in ((False, 3), (True, 2)):
        a = embedded.shortest_path(SONG, QA, include_mentions=mentions)
        b = neo4j.shortest_path(SONG, QA, include_mentions=mentions)
        assert len(a.edges) == len(b.edges) == hops
    rels_a = sorted(map(_norm, embedded.relations(XZ)))
    rels_b = sorted(map(_norm, neo4j.relations(XZ)))
    assert rels_a == rels_b
