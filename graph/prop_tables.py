"""Whole-table reads of edge and node properties for the embedded store.

LadybugDB 0.22 reads a chosen relationship's properties at ~0.2 ms an edge (seven
properties, three of them lists: a page lookup per value), but scans a whole
relationship table at ~5 µs an edge (LEADS at 1 M relationships: 24 k edges, all
properties, 120 ms). A tracer or a 2-hop ego reads hundreds of chosen edges, so the
properties of the smaller relationship types are read once, whole, when the in-memory
adjacency is built, and kept beside it (dropped with it after loads). MENTIONS, most of
the graph, stays read edge by edge (graph/embedded_reads.py). Nodes likewise (a
tracer keeps ~900), except articles (their texts are most of the file).
"""
from __future__ import annotations

import numpy as np

from graph import provenance, schema
from graph.store import full_edge, full_node

MAX_EDGES = 300_000  # a type or label with more than this is not held whole (~200 bytes each)
NOT_HELD = ("Article",)


class EdgeTables:
    """rows(cypher) -> a pyarrow Table; columns(table) -> its stored columns; adj: the
    store's Adjacency (node ids and edge counts)."""

    def __init__(self, rows, columns, adj):
        self._rows, self._columns, self._adj = rows, columns, adj
        counts = np.bincount(adj.etype, minlength=len(adj.types)) if len(adj.etype) else np.zeros(len(adj.types))
        self._count = dict(zip(adj.types, counts.tolist()))
        self._tables: dict[str, list] = {}
        for rel_type in adj.types:
            if self.holds(rel_type):
                self._parts(rel_type)

    def holds(self, rel_type: str) -> bool:
        return 0 < self._count.get(rel_type, 0) <= MAX_EDGES

    def _parts(self, rel_type: str) -> list:
        """Per (from, to) label pair: sorted edge codes (source id * n + target id), the
        row of each code, the property table."""
        if rel_type not in self._tables:
            adj, have = self._adj, set(self._columns(rel_type))
            props = [p for p in schema.rel_props(rel_type) if p in have]
            parts = []
            for fl, tl in schema.rel_pairs(rel_type):
                t = self._rows(f"MATCH (a:{fl})-[r:{rel_type}]->(b:{tl}) RETURN offset(id(a)) AS s, "
                               f"offset(id(b)) AS t{''.join(f', r.{p} AS {p}' for p in props)}")
                if not t.num_rows:
                    continue
                code = ((t.column("s").to_numpy().astype(np.int64) + adj.base[fl]) * adj.n
                        + t.column("t").to_numpy().astype(np.int64) + adj.base[tl])
                order = np.argsort(code, kind="stable")
                parts.append((code[order], order, t.select(props)))
            self._tables[rel_type] = parts
        return self._tables[rel_type]

    def edges(self, rel_type: str, triples: list[tuple[str, str, str]],
              prov: int | None = None) -> tuple[list[dict], list]:
        """The edges of triples (all of rel_type) found in the table, provenance trimmed to prov
        entries (None: whole; cut in Arrow, before a hub's thousands become Python strings),
        and the triples not found."""
        adj = self._adj
        code = np.asarray([adj.id_of[s] * adj.n + adj.id_of[d] for _, s, d in triples], np.int64)
        left = np.ones(len(triples), bool)
        out = []
        for codes, order, table in self._parts(rel_type):
            pos = np.minimum(np.searchsorted(codes, code), len(codes) - 1)
            hit = left & (codes[pos] == code)
            if hit.any():
                which = np.flatnonzero(hit)
                rows = table.take(order[pos[which]])
                if prov is not None:
                    rows = _trimmed(rows, rel_type, prov)
                for i, props in zip(which.tolist(), rows.to_pylist()):
                    out.append(provenance.finish(full_edge(rel_type, triples[i][1], triples[i][2], props), props, prov))
                left &= ~hit
        return out, [triples[i] for i in np.flatnonzero(left).tolist()]


def _trimmed(table, rel_type: str, k: int):
    """table with its provenance lists cut to k entries and evidence_total added."""
    import pyarrow.compute as pc
    if "articles" not in table.column_names:
        return table
    total = pc.fill_null(pc.list_value_length(table.column("articles")), 0)
    longest = pc.max(total).as_py() if len(total) else 0
    for p in provenance.lists(rel_type) if longest and longest > k else ():  # nothing to cut: as is
        if p in table.column_names:
            i = table.column_names.index(p)
            table = table.set_column(i, p, pc.list_slice(table.column(p), 0, k))
    return table.append_column(provenance.TOTAL, total)


class NodeTables:
    """The properties of every node of the labels held (all but articles), read whole;
    rows, columns and adj as for EdgeTables."""

    def __init__(self, rows, columns, adj):
        self._rows, self._columns, self._adj = rows, columns, adj
        self._tables: dict[str, tuple] = {}
        for label in adj.labels:
            if self.holds(label):
                self.nodes(label, [])

    def holds(self, label: str) -> bool:
        return label not in NOT_HELD and 0 < self._adj.label_count.get(label, 0) <= MAX_EDGES

    def nodes(self, label: str, keys: list[str]) -> dict[str, dict]:
        """key -> the full node, for keys (all of label) the store holds."""
        if label not in self._tables:
            have = set(self._columns(label))
            props = [p for p in schema.node_props(label) if p in have]
            t = self._rows(f"MATCH (n:{label}) RETURN offset(id(n)) AS o{''.join(f', n.{p} AS {p}' for p in props)}")
            row = np.full(self._adj.label_count[label] and int(t.column("o").to_numpy().max()) + 1, -1, np.int64)
            row[t.column("o").to_numpy().astype(np.int64)] = np.arange(t.num_rows)
            self._tables[label] = (row, t.select(props))
        row, table = self._tables[label]
        base, id_of = self._adj.base[label], self._adj.id_of
        known = [k for k in keys if k in id_of and 0 <= id_of[k] - base < len(row) and row[id_of[k] - base] >= 0]
        idx = np.asarray([row[id_of[k] - base] for k in known], np.int64)
        return {k: full_node(label, props) for k, props in zip(known, table.take(idx).to_pylist())}
