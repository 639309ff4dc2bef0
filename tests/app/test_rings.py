"""The rings layout: hop distance from the centre is distance on the screen, nodes apart."""
from __future__ import annotations

import math
from itertools import combinations

from app_pages.rings import FIRST, GAP, positions
from graph.store import Subgraph


def _sub(edges: list[tuple[str, str]], extra: tuple[str, ...] = ()) -> Subgraph:
    keys = sorted({k for e in edges for k in e} | set(extra))
    return Subgraph([{"key": k, "name": k, "label": "Place"} for k in keys],
                    [{"source": a, "target": b, "type": "PART_OF"} for a, b in edges])


def _r(p: dict) -> float:
    return math.hypot(p["x"], p["y"])


def test_hops_are_rings_around_the_centre():
    # c - a - a1, a2, a3 ; c - b - b1, b2 ; b1 - b3 (3 hops); z unreachable
    sub = _sub([("c", "a"), ("c", "b"), ("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1"), ("b", "b2"),
                ("b1", "b3"), ("a1", "b1")], extra=("z",))
    pos = positions(sub, "c")
    assert set(pos) == sub.node_keys()
    assert pos["c"] == {"x": 0.0, "y": 0.0}
    hops = {"c": 0, "a": 1, "b": 1, "a1": 2, "a2": 2, "a3": 2, "b1": 2, "b2": 2, "b3": 3, "z": 4}
    for near, far in combinations(hops, 2):
        if hops[near] < hops[far]:
            assert _r(pos[near]) < _r(pos[far]), (near, far, pos)
    assert abs(_r(pos["a"]) - FIRST) < 0.1  # positions are rounded to 0.1 px
    # a node's neighbours further out sit on its side of the circle
    for child, parent, other in (("a2", "a", "b"), ("b2", "b", "a")):
        def dist(x, y):
            return math.hypot(pos[x]["x"] - pos[y]["x"], pos[x]["y"] - pos[y]["y"])
        assert dist(child, parent) < dist(child, other)


def test_a_crowded_ring_keeps_nodes_apart():
    # a hub's 299 neighbours at one hop, one of them with 40 more at two
    edges = [("hub", f"n{i:03d}") for i in range(259)] + [("n000", f"m{i:02d}") for i in range(40)]
    pos = positions(_sub(edges), "hub")
    assert len(pos) == 300
    points = list(pos.values())
    closest = min(math.hypot(p["x"] - q["x"], p["y"] - q["y"]) for p, q in combinations(points, 2))
    assert closest >= 0.75 * GAP, closest  # the stagger is uneven, never piled (a 20 px node is 0.5 GAP)
    ones = [_r(pos[f"n{i:03d}"]) for i in range(259)]
    twos = [_r(pos[f"m{i:02d}"]) for i in range(40)]
    assert max(ones) < min(twos)


def test_no_edge_passes_over_the_centre():
    """The centre's one big neighbour fans its own out on its side, not round the whole circle."""
    edges = [("c", "city")] + [("city", f"d{i}") for i in range(12)] + [("c", "x")]
    pos = positions(_sub(edges), "c")
    for a, b in edges:
        if "c" not in (a, b):  # the distance from the centre to the segment a-b
            (ax, ay), (bx, by) = (pos[a]["x"], pos[a]["y"]), (pos[b]["x"], pos[b]["y"])
            t = max(0.0, min(1.0, -(ax * (bx - ax) + ay * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
            assert math.hypot(ax + t * (bx - ax), ay + t * (by - ay)) > GAP, (a, b, pos[a], pos[b])


def test_centre_alone_and_missing_centre():
    assert positions(_sub([], extra=("c",)), "c") == {"c": {"x": 0.0, "y": 0.0}}
    assert positions(_sub([("a", "b")]), "c") == {}
