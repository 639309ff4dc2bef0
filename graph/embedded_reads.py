"""Reading the properties of chosen edges from a LadybugDB file, around anchor nodes."""
from __future__ import annotations

from graph import schema
from graph.store import full_edge

# Estimated cost of reading edges around one anchor node (see edges_by_triples).
_ANCHOR_MS, _EDGE_SCAN_MS = 0.4, 0.002
_SCAN_NS, _BATCH_DEGREE = 10, 50  # `WHERE a.key IN $keys` per row and key; anchors small enough to batch


def edges_by_triples(rows, adj, triples) -> list[dict]:
    """The full edges named by (type, source, target).

    LadybugDB 0.22 finds one node by key fast, but binds a list of keys (`IN $keys`,
    UNWIND) by scanning the label, and reads list properties at ~40 µs an edge. So
    edges are read around anchor nodes, one query each, filtered to the wanted far
    ends before their properties are read: a hub is anchored once when that is cheaper
    than anchoring each of its partners (a hub company's 300 kept projects: one query
    over its 13 k edges, 24 ms, instead of 300 queries, 120 ms)."""
    by_end: dict[str, list] = {}
    for t in triples:
        for k in t[1:]:
            by_end.setdefault(k, []).append(t)
    degree = {k: adj.degree([k]) for k in by_end}  # once per node, however many triples name it
    cost = {k: _ANCHOR_MS + _EDGE_SCAN_MS * d for k, d in degree.items()}
    anchor: dict[tuple, str] = {}
    for x in sorted(by_end, key=lambda k: (-len(by_end[k]), k)):
        left = [t for t in by_end[x] if t not in anchor]
        if len(left) > 1 and cost[x] < sum(cost[t[2] if t[1] == x else t[1]] for t in left):
            anchor.update(dict.fromkeys(left, x))
    for t in triples:
        anchor.setdefault(t, t[1] if cost[t[1]] <= cost[t[2]] else t[2])
    queries: dict[tuple, dict[int, str]] = {}
    out: list[dict] = []
    for (t, s, d), x in anchor.items():
        far = d if x == s else s
        queries.setdefault((x, t, x == s, schema.label_of_key(far)), {})[adj.offset(far)] = far
    # Many low-degree anchors of a small label: one scan with `IN $keys` is cheaper
    # than a query each (the scan costs ~10 ns per row and key).
    batches: dict[tuple, dict] = {}
    for (x, t, out_going, far_label), far in list(queries.items()):
        label = schema.label_of_key(x)
        if degree[x] <= _BATCH_DEGREE:
            batches.setdefault((label, t, out_going, far_label), {})[x] = far
    for (label, t, out_going, far_label), anchors in batches.items():
        if len(anchors) >= 4 and _SCAN_NS * 1e-6 * adj.label_count[label] * len(anchors) < _ANCHOR_MS * len(anchors):
            for x in anchors:
                del queries[(x, t, out_going, far_label)]
            wanted = {(x, k) for x, far in anchors.items() for k in far.values()}
            arrow = f"-[r:{t}]->" if out_going else f"<-[r:{t}]-"
            for x, key, r in rows(f"MATCH (a:{label}){arrow}(b:{far_label}) WHERE a.key IN $keys "
                                  "RETURN a.key, b.key, r", {"keys": sorted(anchors)}):
                if (x, key) in wanted:
                    out.append(full_edge(t, x, key, r) if out_going else full_edge(t, key, x, r))
    for (x, t, out_going, far_label), far in queries.items():
        arrow = f"-[r:{t}]->" if out_going else f"<-[r:{t}]-"
        for key, r in rows(f"MATCH (a:{schema.label_of_key(x)} {{key: $k}}){arrow}(b:{far_label}) "
                           "WHERE offset(id(b)) IN $o RETURN b.key, r", {"k": x, "o": sorted(far)}):
            out.append(full_edge(t, x, key, r) if out_going else full_edge(t, key, x, r))
    return out
