"""The "rings" layout: an ego network laid out by hop distance from its centre.

The centre in the middle, its neighbours on the first ring, theirs on the second, …;
each node's children share the angle its subtree was given (a radial tree of the
breadth-first tree), so a node's neighbours sit just outside it. A ring too crowded
to hold its nodes a node-width apart becomes a band, the nodes staggered across it.

Computed here, in Python, and drawn with cytoscape's `preset` layout: the browser
only places the nodes (a force layout of 300 nodes took 0.7-1.1 s in Chromium,
bench/bench_browser.py)."""
from __future__ import annotations

import math

import networkx as nx

from graph.store import Subgraph

GAP = 40.0  # px between neighbouring node centres (nodes are 20 px, captions below them)
FIRST = 2 * GAP  # radius of the first ring
STEP = 2 * GAP  # between one hop's band and the next (compact: a small graph is fitted above zoom 1,
#                 where cytoscape starts to show the 7 px captions)
PHI = (1 + 5 ** 0.5) / 2
# A subtree's widest fan: a neighbour with most of the graph behind it (the centre's one big
# place) would otherwise spread its own neighbours round the whole circle, edges crossing the centre.
WIDEST = 1.5 * math.pi


def _order(n: dict) -> tuple:
    return (n.get("label") or "", str(n.get("name") or ""), n["key"])


def positions(sub: Subgraph, center: str) -> dict[str, dict[str, float]]:
    """{node key: {"x", "y"}} for every node of `sub`; nodes the centre cannot reach go on an outer ring."""
    by_key = {n["key"]: n for n in sub.nodes}
    g = nx.Graph()
    g.add_nodes_from(by_key)
    g.add_edges_from((e["source"], e["target"]) for e in sub.edges
                     if e["source"] in by_key and e["target"] in by_key)
    if center not in by_key:
        return {}
    tree = nx.bfs_tree(g, center, sort_neighbors=lambda ns: sorted(ns, key=lambda k: _order(by_key[k])))
    leaves: dict[str, int] = {}  # leaves under each node: the share of the circle its subtree gets
    for k in reversed(list(nx.topological_sort(tree))):
        leaves[k] = sum(leaves[c] for c in tree.successors(k)) or 1
    angle = {center: 0.0}
    levels: list[list[str]] = []
    frontier = [(center, 0.0, 2 * math.pi)]
    while frontier:
        nxt = []
        for k, start, width in frontier:
            for c in tree.successors(k):
                share = width * leaves[c] / leaves[k]
                angle[c] = (start + share / 2) % (2 * math.pi)
                inner = min(share, WIDEST)
                nxt.append((c, angle[c] - inner / 2, inner))
                start += share
        if nxt:
            levels.append([c for c, _, _ in nxt])
        frontier = nxt
    unreached = sorted((k for k in by_key if k not in angle), key=lambda k: _order(by_key[k]))
    if unreached:
        levels.append(unreached)
        angle.update({k: 2 * math.pi * i / len(unreached) for i, k in enumerate(unreached)})

    pos = {center: {"x": 0.0, "y": 0.0}}
    outer = 0.0
    for i, ring in enumerate(levels):
        base = outer + (FIRST if i == 0 else STEP)
        angles = sorted(angle[k] for k in ring)
        gaps = [b - a for a, b in zip(angles, angles[1:])] + [2 * math.pi - angles[-1] + angles[0]]
        # A crowded ring becomes a band k node-widths deep; node j's depth in it follows the golden
        # ratio (as seeds in a sunflower), so nodes close on the circle are far apart across the band.
        k = math.ceil(1.25 * GAP / (min(gaps) * base)) if len(ring) > 1 else 1
        for j, key in enumerate(sorted(ring, key=lambda x: angle[x])):
            r = base + (j * PHI % 1) * (k - 1) * GAP if k > 1 else base
            pos[key] = {"x": round(r * math.cos(angle[key]), 1), "y": round(r * math.sin(angle[key]), 1)}
        outer = base + (k - 1) * GAP
    return pos
