"""Capped traversals (graph/traverse.py, graph/tracer.py) against a networkx reference
walk over everything the store holds, on a synthetic graph with hubs, both stores."""
from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from bench import synth
from graph import schema
from graph.store import FACTUAL, StoreError, open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_loading import BST, PROJ, QA, SN, SONG, records  # noqa: E402

ENTITIES = ["Official", "Place", "Company", "Organization", "Project"]


@pytest.fixture(scope="module")
def synthetic():
    return synth.generate(3000)


@pytest.fixture
def graph_store(any_store, synthetic):
    any_store.load(synthetic)
    return any_store


def reference(store, types) -> nx.MultiGraph:
    """Every relationship of types as networkx edges weighted like the stores rank them."""
    g = nx.MultiGraph()
    for e in store.iter_edges(list(types)):
        w = e["count"] if e["type"] == "MENTIONS" else len(e["articles"])
        g.add_edge(e["source"], e["target"], key=e["type"], weight=w)
    return g


def layers(g: nx.MultiGraph, center: str, depth: int) -> list[set]:
    out, seen = [{center}], {center}
    for _ in range(depth):
        nxt = {b for a in out[-1] for b in g[a]} - seen
        if not nxt:
            break
        out.append(nxt)
        seen |= nxt
    return out


def test_uncapped_ego_is_the_reference_walk(graph_store):
    g = reference(graph_store, FACTUAL)
    hubs = sorted(g.nodes, key=lambda k: (-g.degree(k), k))[:3]
    for center in hubs + [sorted(g.nodes)[7]]:
        for depth in (1, 2):
            sub = graph_store.ego(center, depth=depth, rel_types=list(FACTUAL), limit=10**6)
            want = layers(g, center, depth)
            assert sub.node_keys() == set().union(*want) and not sub.truncated and sub.omitted == 0
            inner = set().union(*want[:depth])  # the nodes whose neighbours were asked for
            want_edges = {(k, a, b) for a, b, k in g.edges(keys=True) if a in inner or b in inner}
            got = {(e["type"], e["source"], e["target"]) for e in sub.edges}
            assert {(t, *sorted((s, d))) for t, s, d in got} == {(t, *sorted((a, b))) for t, a, b in want_edges}


def test_capped_ego_keeps_the_best_supported_and_says_how_many_it_left_out(graph_store):
    g = reference(graph_store, FACTUAL)
    hub = max(g.nodes, key=lambda k: (g.degree(k), k))
    full = layers(g, hub, 2)
    limit = len(full[1]) // 2 + 1  # the cap cuts the first hop
    sub = graph_store.ego(hub, depth=2, rel_types=list(FACTUAL), limit=limit)
    kept = sub.node_keys() - {hub}
    assert sub.truncated and len(sub.nodes) == limit and kept <= full[1]
    assert sub.omitted == len(full[1]) - len(kept)  # no second hop once the cap is reached
    score = {b: sum(d["weight"] for d in g.get_edge_data(hub, b).values()) for b in full[1]}
    assert min(score[k] for k in kept) >= max(score[k] for k in full[1] - kept)
    assert {k for e in sub.edges for k in (e["source"], e["target"])} <= sub.node_keys()
    uncapped = graph_store.ego(hub, depth=2, rel_types=list(FACTUAL), limit=10**6)
    by_key = {(e["type"], e["source"], e["target"]): e for e in uncapped.edges}
    for e in sub.edges:  # the same edges, with every property, as the uncapped walk
        assert by_key[(e["type"], e["source"], e["target"])] == e


def test_cap_inside_the_second_hop(graph_store):
    g = reference(graph_store, FACTUAL)
    for center in sorted(g.nodes):
        full = layers(g, center, 2)
        if len(full) == 3 and len(full[2]) >= 4:
            break
    limit = 1 + len(full[1]) + 2
    sub = graph_store.ego(center, depth=2, rel_types=list(FACTUAL), limit=limit)
    assert full[1] <= sub.node_keys() and len(sub.node_keys() & full[2]) == 2
    assert sub.truncated and sub.omitted == len(full[2]) - 2
    assert graph_store.ego(center, depth=1, rel_types=list(FACTUAL), limit=1).omitted == len(full[1])


def test_stores_rank_mentions_and_filters_alike(graph_store):
    """Articles, labels and dates in the walk (the app's date filter)."""
    g = reference(graph_store, schema.rel_types())
    center = max((k for k in g.nodes if k.startswith("place:")), key=lambda k: (g.degree(k), k))
    sub = graph_store.ego(center, depth=1, limit=10**6)
    assert sub.node_keys() == set(g[center]) | {center}
    places = graph_store.ego(center, depth=2, labels=["Place"], limit=10**6)
    assert {schema.label_of_key(k) for k in places.node_keys()} == {"Place"}
    dated = graph_store.ego(center, depth=1, date_from="2015-01-01", date_to="2019", limit=10**6)
    assert 0 < len(dated.nodes) < len(sub.nodes)
    for e in dated.edges:
        dates = [graph_store.node(e["source"])["date"]] if e["type"] == "MENTIONS" else e["dates"]
        assert any("2015" <= d[:4] <= "2019" for d in dates if d)
    with pytest.raises(StoreError, match="not a date"):
        graph_store.ego(center, date_from="March")


def test_paths_match_networkx_lengths(graph_store):
    g = nx.Graph(reference(graph_store, FACTUAL))
    keys = sorted(g.nodes)
    for a, b in zip(keys[::41], keys[17::37]):
        want = nx.shortest_path_length(g, a, b) if nx.has_path(g, a, b) else None
        path = graph_store.shortest_path(a, b, max_hops=10)
        if want is None or want > 10 or a == b:
            assert path.edges == []
            continue
        assert len(path.edges) == want
        walk = [a]
        for e in path.edges:  # consecutive hops, from a to b
            walk.append(e["target"] if e["source"] == walk[-1] else e["source"])
            assert walk[-2] in (e["source"], e["target"]) and e["type"] in FACTUAL
        assert walk[-1] == b and [n["key"] for n in path.nodes] == walk


# -- the company tracer ---------------------------------------------------------------
def _unhosted() -> dict:
    """An article about a project no article places anywhere."""
    return {"article": "004.txt", "key": "article:00000000000000a4", "title": "佰斯拓再投资", "date": "2025-06-01",
            "source": "/data/004.txt", "text": "佰斯拓投资5000万元建设佰斯拓新风机项目。",
            "entities": [{"type": "Company", "key": BST, "name": "佰斯拓", "aliases": [], "mentions": 1},
                         {"type": "Project", "key": "project:佰斯拓新风机项目", "name": "佰斯拓新风机项目",
                          "aliases": [], "mentions": 1}],
            "relations": [{"type": "INVESTS_IN", "head_key": BST, "tail_key": "project:佰斯拓新风机项目",
                           "evidence": "佰斯拓投资5000万元建设佰斯拓新风机项目。", "amount_cny": 50000000,
                           "amount_text": "5000万元"}]}


def test_tracer_shows_every_project_with_amount_and_evidence(any_store):
    any_store.load(records() + [_unhosted()])
    rows, sub = any_store.company_trace(BST)
    new = [r for r in rows if r["project_key"] == "project:佰斯拓新风机项目"]
    assert len(new) == 1 and new[0]["place_key"] is None and new[0]["official_key"] is None
    assert (new[0]["amount_cny"], new[0]["amount_text"]) == (50000000.0, "5000万元")
    assert new[0]["evidence"] == ["佰斯拓投资5000万元建设佰斯拓新风机项目。"]
    hosted = [r for r in rows if r["project_key"] == PROJ]
    assert {r["place_key"] for r in hosted} >= {QA, SN} and all(r["evidence"] for r in hosted)
    assert "project:佰斯拓新风机项目" in sub.node_keys() and not sub.truncated
    one, capped = any_store.company_trace(BST, limit=1)
    assert {r["project_key"] for r in one} == {PROJ}  # two articles support it, one the other
    assert capped.truncated and capped.omitted == 1


def test_tracer_caps_a_hub_company(graph_store):
    g = reference(graph_store, ["INVESTS_IN"])
    company = max((k for k in g.nodes if k.startswith("company:")), key=lambda k: (g.degree(k), k))
    rows, sub = graph_store.company_trace(company, limit=5)
    assert len({r["project_key"] for r in rows}) == 5 and sub.omitted == len(g[company]) - 5
    all_rows, whole = graph_store.company_trace(company, limit=10**6)
    assert {r["project_key"] for r in all_rows} == set(g[company]) and whole.omitted == 0


def test_load_creates_the_schema_on_a_fresh_file(tmp_path):
    with open_store("embedded", db=str(tmp_path / "fresh.lbug")) as store:  # no ensure_schema()
        stats = store.load(records())
        assert stats.articles_loaded == 3
        assert SONG in store.ego(SN, depth=2).node_keys()
    with open_store("embedded", db=str(tmp_path / "fresh.lbug"), read_only=True) as again:
        assert again.node(SONG)["name"] == "宋乐伟"
