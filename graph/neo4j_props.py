"""Properties for the Neo4j adjacency's answers (graph/neo4j_adjacency.py) without the server.

A hub ego at 1 M relationships (300 nodes, 299 edges) spent 14-15 ms in one property read,
the server 9-10 ms of it; a hub tracer (~900 nodes, ~1,000 edges) 30-45 ms. The embedded
store holds these properties beside its adjacency (graph/prop_tables.py); so does this one:
every node's schema properties but an article's (its text has no bound), and every factual
edge's with its provenance lists cut to HELD entries and their full length (what answers
quote), read in the adjacency's own queries, fresh by its stamp: at 1 M, 19 + 47 MB of
Arrow, 4 s more to build. The rest (MENTIONS, whole provenance, articles) is read from the
server, edges as lists of the schema's properties (`r {.*}` maps cost the server ~30% more),
and edges read at a stamp are kept for the next answer (EdgeCache).
"""
from __future__ import annotations

import threading
from functools import lru_cache

from graph import provenance, schema
from graph.store import PROVENANCE, full_node

UNCACHED = ("Article",)  # an article's text has no bound: read from the server


def node_columns(label: str) -> str:
    """Cypher collecting each node's schema properties (n) as one list, '' for UNCACHED."""
    if label in UNCACHED:
        return ""
    return ", collect([" + ", ".join(f"n.{p}" for p in schema.node_props(label)) + "]) AS p"


def node_table(label: str, rows: list):
    """rows (node_columns') as a pyarrow Table of the schema's types, or None when a value is
    of another type (an Arrow column would change it: an int in a float column read as 1.0)."""
    return _table(schema.node_props(label), rows)


def _table(props: dict[str, str], rows: list):
    """rows (lists of the values of props: name -> schema type) as a pyarrow Table, or None."""
    import pyarrow as pa
    kinds = {"string": pa.string(), "string[]": pa.list_(pa.string()), "int": pa.int64(), "float": pa.float64()}
    columns = list(zip(*rows)) if rows else [()] * len(props)
    out = {}
    for (p, kind), values in zip(props.items(), columns):
        try:
            arr = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            return None
        if kind == "float" and not all(type(v) is float for v in values if v is not None):
            return None
        if arr.type != kinds[kind] and not pa.types.is_null(arr.type) and arr.type != pa.list_(pa.null()):
            return None
        out[p] = arr.cast(kinds[kind])
    return pa.table(out)


class NodeProps:
    """The properties of the nodes of the labels whose tables were read (node id: label base + row)."""

    def __init__(self, tables: dict, base: dict[str, int], labels: list[str]):
        self._tables = {labels.index(l): (t, base[l], l) for l, t in tables.items() if t is not None}

    def covers(self, code: int) -> bool:
        return code in self._tables

    def nodes(self, ids, codes) -> dict[str, dict]:
        """key -> node (as full_node of the node's properties) of node ids whose label codes are covered."""
        import numpy as np
        out = {}
        ids, codes = np.asarray(ids, np.int64), np.asarray(codes)
        for code, (table, base, label) in self._tables.items():
            rows = ids[codes == code] - base
            if len(rows):
                for d in table.take(rows).to_pylist():
                    out[d["key"]] = {"key": d["key"], "label": label, **d}
        return out


# Every relationship type's properties, in one order: an edge row is a list of these.
REL_PROPS = tuple(dict.fromkeys(p for t in schema.rel_types() for p in schema.rel_props(t)))


def rel_columns(var: str, prov: int | None) -> str:
    """A Cypher list of var's REL_PROPS, provenance lists cut to $prov entries, and then (prov
    not None) the full length: the values of provenance.cypher_props, without the names."""
    cut = provenance.lists()
    cols = [f"{var}.{p}[..$prov]" if p in cut and prov is not None else f"{var}.{p}" for p in REL_PROPS]
    return "[" + ", ".join(cols + ([f"size({var}.articles)"] if prov is not None else [])) + "]"


@lru_cache(maxsize=None)
def _slots(rtype: str) -> tuple[tuple[str, int], ...]:
    """rtype's schema properties and their places in a rel_columns row."""
    return tuple((p, REL_PROPS.index(p)) for p in schema.rel_props(rtype))


def edge(rtype: str, source: str, target: str, values: list, prov: int | None) -> dict:
    """The edge of a rel_columns row: provenance.finish(full_edge(…)) of the same values as a map
    (inlined: a hub tracer builds ~1,000 edges, and the two calls took ~3 ms of it)."""
    out = {"type": rtype, "source": source, "target": target}
    for p, i in _slots(rtype):
        out[p] = values[i]
    if "articles" not in out:
        return out
    if prov is not None:
        total = values[-1]
        out[provenance.TOTAL] = int(total) if total is not None else len(out["articles"] or [])
    if schema.WEIGHT in out and out[schema.WEIGHT] is None:  # a row stored before the weight
        arts = out["articles"]
        out[schema.WEIGHT] = out[provenance.TOTAL] if prov is not None else len(arts) if isinstance(arts, list) else None
    return out


def node(labels: list[str], props: dict) -> dict:
    """The node of a server read (its labels and properties)."""
    return full_node(next(l for l in labels if l in schema.node_labels()), props)


HELD = PROVENANCE  # provenance entries held per edge: what answers quote by default


def edge_columns(rtype: str) -> str:
    """Cypher collecting each factual edge's (r) schema properties, provenance lists cut to HELD
    entries, and the full length, as one list; '' for MENTIONS (most of the graph, a count each)."""
    if "articles" not in schema.rel_props(rtype):
        return ""
    cut = provenance.lists(rtype)
    cols = [f"r.{p}[..{HELD}]" if p in cut else f"r.{p}" for p in schema.rel_props(rtype)]
    return ", collect([" + ", ".join(cols + ["size(r.articles)"]) + "]) AS p"


def edge_table(rtype: str, rows: list):
    """rows (edge_columns') as a pyarrow Table, or None (as node_table)."""
    return _table({**schema.rel_props(rtype), provenance.TOTAL: "int"}, rows)


class EdgeProps:
    """The factual edges' properties (edge_table's) by adjacency edge id: parts, in the
    adjacency's edge order, are (type, table or None, edge count)."""

    def __init__(self, parts: list[tuple]):
        import numpy as np
        self._parts = parts
        self._ends = np.cumsum([n for _, _, n in parts], dtype=np.int64)

    def edges(self, eids, triples, prov: int | None) -> list[dict | None]:
        """The edge of each eid (triples: their (type, source, target)) with provenance cut to
        prov entries, None where not held (MENTIONS; prov None or above HELD)."""
        import numpy as np
        out: list[dict | None] = [None] * len(eids)
        if prov is None or prov > HELD or not len(eids):
            return out
        eids = np.asarray(eids, np.int64)
        part = np.searchsorted(self._ends, eids, side="right")
        for p in np.unique(part).tolist():
            rtype, table, n = self._parts[p]
            if table is None:
                continue
            which = np.flatnonzero(part == p)
            rows = eids[which] - (self._ends[p] - n)
            for i, d in zip(which.tolist(), table.take(rows).to_pylist()):
                # every list is a provenance list (provenance.lists), cut to prov as the server would
                values = [v[:prov] if isinstance(v, list) else v for v in map(d.get, REL_PROPS)]
                out[i] = edge(rtype, triples[i][1], triples[i][2], values + [d[provenance.TOTAL]], prov)
        return out


class EdgeCache:
    """Edges read from the server at the adjacency's stamp (those EdgeProps does not hold:
    MENTIONS, whole provenance), by relationship id and provenance count: an answer
    overlapping one before (the same hub again, its 2-hop after its 1-hop) reads only the rest.
    It goes with the adjacency, so the stamp keeps it fresh; bounded, the oldest out first."""

    def __init__(self, cap: int = 30_000):
        self._edges: dict[tuple, dict] = {}
        self._cap = cap
        self._lock = threading.Lock()

    def get(self, ref: int, prov: int | None) -> dict | None:
        e = self._edges.get((ref, prov))
        return dict(e) if e is not None else None  # a copy: callers may change theirs

    def put(self, ref: int, prov: int | None, edge: dict) -> None:
        with self._lock:
            self._edges[(ref, prov)] = dict(edge)
            while len(self._edges) > self._cap:
                del self._edges[next(iter(self._edges))]
