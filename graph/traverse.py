"""Ego networks with the cap inside each hop, over the primitives every store has.

Each hop asks the store for the best new neighbours only (keys, ranked by the
supporting articles of the edges reaching them, at most what the cap leaves),
then the edges among the kept nodes are read with their properties once:
a hub's thousands of edges and their provenance never reach Python.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph import schema
from graph.store import StoreError, Subgraph, check_min_confidence

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """What a traversal may cross: relationship types, far-node labels, a date range
    (an edge with a supporting date in it; MENTIONS: its article's date; dates compare
    as strings, date_to by its prefix) and a minimum confidence of relationships and
    far nodes. None: no restriction."""
    types: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: float = 0.0


def filters(labels, rel_types, date_from, date_to, min_confidence) -> Filters:
    """Filters from user arguments, or StoreError naming what is wrong."""
    _check_names(labels, schema.node_labels(), "label")
    _check_names(rel_types, schema.rel_types(), "relationship type")
    for name, d in (("date_from", date_from), ("date_to", date_to)):
        if d and not _DATE.match(str(d)):
            raise StoreError(f"{name} {d!r} is not a date like 2011-03-05, 2011-03 or 2011")
    return Filters(types=tuple(rel_types) if rel_types else None, labels=tuple(labels) if labels else None,
                   date_from=date_from or None, date_to=date_to or None,
                   min_confidence=check_min_confidence(min_confidence))


def _check_names(given, allowed, what):
    for name in given or []:
        if name not in allowed:
            raise StoreError(f"unknown {what} {name!r} (known: {', '.join(allowed)})")


def ego(store, key: str, depth: int, f: Filters, limit: int, prov: int | None = None) -> Subgraph:
    """See GraphStore.ego. Edges: every allowed edge between an expanded node (one whose
    neighbours were asked for) and a kept node, provenance trimmed to prov entries."""
    if not 1 <= int(depth) <= 3:
        raise StoreError(f"ego depth must be 1-3, not {depth}")
    limit = int(limit)
    if limit < 1:
        raise StoreError(f"ego limit must be at least 1, not {limit}")
    center = store._center(key, f.min_confidence)
    if center is None:
        return Subgraph()
    kept, seen, expanded, frontier, omitted = [key], {key}, [], [key], 0
    for hop in range(int(depth)):
        new, total = store._expand(frontier, seen, limit - len(kept), f)
        expanded += frontier
        kept += new
        seen.update(new)
        omitted = total - len(new)
        frontier = new
        if omitted:  # the cap is reached: no hop further, but edges among these nodes count
            if hop + 1 < int(depth):
                expanded += new
            break
        if not frontier:
            break
    edges, nodes = store._edges_and_nodes(expanded, kept, f, {key: center} if center else {}, prov)
    uniq = {(e["type"], e["source"], e["target"]): e for e in edges}
    return Subgraph(nodes=[nodes[k] for k in kept if k in nodes], edges=list(uniq.values()),
                    truncated=omitted > 0, omitted=omitted)
