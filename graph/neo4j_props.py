"""Properties for the Neo4j adjacency's answers (graph/neo4j_adjacency.py) with less server work.

A hub ego at 1 M relationships (300 nodes, 299 edges) spent ~40% of its read on the nodes'
properties (server 5 of 10 ms, as much again to decode): they are small (19 MB of Arrow for
the 138 k nodes other than articles), so the adjacency keeps them as columns, read in the
same query as its skeleton and fresh by the same stamp; an article (its text: no bound) is
still read from the server. Edges are read as lists of the schema's properties, not maps
(`r {.*}` reads every property of the relationship and sends each name again).
"""
from __future__ import annotations

import threading
from functools import lru_cache

from graph import provenance, schema
from graph.store import full_node

UNCACHED = ("Article",)  # an article's text has no bound: read from the server


def node_columns(label: str) -> str:
    """Cypher collecting each node's schema properties (n) as one list, '' for UNCACHED."""
    if label in UNCACHED:
        return ""
    return ", collect([" + ", ".join(f"n.{p}" for p in schema.node_props(label)) + "]) AS p"


def node_table(label: str, rows: list):
    """rows (node_columns') as a pyarrow Table of the schema's types, or None when a value is
    of another type (an Arrow column would change it: an int in a float column read as 1.0)."""
    import pyarrow as pa
    kinds = {"string": pa.string(), "string[]": pa.list_(pa.string()), "int": pa.int64(), "float": pa.float64()}
    props = schema.node_props(label)
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


class EdgeCache:
    """Edges read at the adjacency's stamp, by relationship id and provenance count: an answer
    overlapping one before (the same hub again, its 2-hop after its 1-hop, the PART_OF and
    LEADS edges every tracer of a region climbs) reads only the rest. It goes with the
    adjacency, so the stamp keeps it fresh; bounded, the oldest out first."""

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
