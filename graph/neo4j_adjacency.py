"""The Neo4j store's in-memory adjacency (graph/adjacency.py), kept fresh by a change stamp.

Neo4j ranks a hub's neighbourhood in 40-60 ms at 1 M relationships (each neighbour's key
and weight read, grouped and sorted in the slotted runtime); over numpy arrays it takes
1-2 ms. The server stays the source of truth: the skeleton is read once, one query per
label and per (type, from label, to label), each column collected into one list (the driver
decodes a list element far faster than a record), with the properties of every node but
articles and of every factual edge, provenance trimmed (graph/neo4j_props.py, graph/provenance.py).
What a traversal keeps beyond them (MENTIONS, articles, whole provenance) is read by
relationship id and key in one query (an ego; the company tracer, whose PART_OF climb is
walked over the arrays too), and edges so read are kept for the next answer at the same stamp.

Freshness: another process may load into the same server, and Neo4j has no file to stamp.
Every load transaction writes a new random stamp on the one :GovkgMeta node (clear()
deletes it); before each use the stamp and the node and relationship counts (from the count
store: writes by other means) are read in one query, and a difference rebuilds. A write by
other means that keeps both counts (a SET in the Neo4j Browser) is not seen until the next
stamp: neither the skeleton nor the properties held with it.
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager

import numpy as np

from graph import confidence, neo4j_props, provenance, schema
from graph.adjacency import Adjacency
from graph.traverse import Filters
from graph.store import full_edge

META = "GovkgMeta"
META_DDL = f"CREATE CONSTRAINT govkg_meta_id IF NOT EXISTS FOR (m:{META}) REQUIRE m.id IS UNIQUE"
# A random stamp, not a counter: a store cleared and loaded again must not repeat one.
STAMP_WRITE = f"MERGE (m:{META} {{id: 0}}) SET m.stamp = randomUUID()"
_STAMP_READ = (f"OPTIONAL MATCH (m:{META} {{id: 0}}) WITH m.stamp AS stamp "
               "CALL () { MATCH (n) RETURN count(n) AS nodes } "
               "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
               "RETURN stamp, nodes, rels")


def _by_id(prov: int | None) -> str:
    """Edges by relationship id ($ids), their provenance cut to $prov entries (None: whole):
    rows for neo4j_props.edge."""
    return ("UNWIND $ids AS i MATCH ()-[r]->() WHERE id(r) = i "
            f"RETURN collect([i, type(r), startNode(r).key, endNode(r).key, {neo4j_props.rel_columns('r', prov)}])")


class Neo4jSource:
    """The skeleton's columns (graph/adjacency.py's source) read in one transaction tx.
    Node rows are positions in the label's answer; ends of edges are mapped to them by id."""

    def __init__(self, tx):
        self._tx = tx
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # label -> (sorted ids, their rows)
        self.props: dict = {}  # label -> its nodes' properties (neo4j_props.node_table)
        self.edge_parts: list = []  # (type, neo4j_props.edge_table or None, edges), in the adjacency's order

    def nodes(self, label: str):
        import pyarrow as pa
        # collect() drops nulls: every column is coalesced, so the lists stay aligned.
        rec = self._tx.run(f"MATCH (n:{label}) RETURN collect(id(n)) AS i, collect(n.key) AS k, "
                           "collect(coalesce(n.name, '')) AS nm, collect(coalesce(n.aliases, [])) AS al, "
                           f"collect(coalesce(n.{confidence.PROP}, $absent)) AS c, "
                           "collect(coalesce(n.mention_count, 0)) AS mc, collect(coalesce(n.date, '')) AS d"
                           f"{neo4j_props.node_columns(label)}", absent=schema.confidence_absent()).single()
        if "p" in rec.keys():
            self.props[label] = neo4j_props.node_table(label, rec["p"])
        ids = np.asarray(rec["i"], np.int64)
        order = np.argsort(ids, kind="stable")
        self._rows[label] = (ids[order], order)
        return pa.table({"o": np.arange(len(ids), dtype=np.int64), "k": pa.array(rec["k"], pa.string()),
                         "nm": pa.array(rec["nm"], pa.string()), "al": pa.array(rec["al"], pa.list_(pa.string())),
                         "c": pa.array(rec["c"], pa.float64()), "mc": pa.array(rec["mc"], pa.float64()),
                         "d": pa.array(rec["d"], pa.string())})

    def edges(self, rtype: str, fl: str, tl: str):
        import pyarrow as pa
        props = schema.rel_props(rtype)
        # the weight as Neo4jStore's Cypher ranks: the stored count, else the list (a row from before it)
        w = f"coalesce(r.{schema.WEIGHT}, size(r.articles), 0)" if "articles" in props else "coalesce(r.count, 0)"
        dates = ", collect(coalesce(r.dates, [])) AS d" if "dates" in props else ""
        rec = self._tx.run(f"MATCH (a:{fl})-[r:{rtype}]->(b:{tl}) RETURN collect(id(a)) AS s, collect(id(b)) AS t, "
                           f"collect(id(r)) AS r, collect({w}) AS w, "
                           f"collect(coalesce(r.{confidence.PROP}, $absent)) AS c{dates}"
                           f"{neo4j_props.edge_columns(rtype)}", absent=schema.confidence_absent()).single()
        s, ok_s = self._row_of(fl, rec["s"])
        t, ok_t = self._row_of(tl, rec["t"])
        keep = ok_s & ok_t  # an end created after its label was read (the stamp will differ): left out
        cols = {"s": s[keep], "t": t[keep], "r": np.asarray(rec["r"], np.int64)[keep],
                "w": np.asarray(rec["w"], np.float64)[keep], "c": np.asarray(rec["c"], np.float64)[keep]}
        table = pa.table(cols)
        props = neo4j_props.edge_table(rtype, rec["p"]) if "p" in rec.keys() else None
        self.edge_parts.append((rtype, props.filter(pa.array(keep)) if props is not None else None, len(table)))
        d = pa.array(rec["d"], pa.list_(pa.string())).filter(pa.array(keep)) if dates else pa.nulls(len(table))
        return table.append_column("d", d)

    def _row_of(self, label: str, ids) -> tuple[np.ndarray, np.ndarray]:
        """The rows of node ids of label, and which were found."""
        sorted_ids, rows = self._rows[label]
        ids = np.asarray(ids, np.int64)
        if not len(sorted_ids):
            return np.zeros(len(ids), np.int64), np.zeros(len(ids), bool)
        pos = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
        return rows[pos], sorted_ids[pos] == ids


class Neo4jAdjacency:
    """The adjacency half of Neo4jStore (a mixin: it uses the store's session and reads).
    GOVKG_NEO4J_ADJACENCY=0, or use_adjacency = False on a store: traversals rank in Cypher."""

    use_adjacency = os.environ.get("GOVKG_NEO4J_ADJACENCY", "1") != "0"
    # A change by another writer this soon after the last build is answered in Cypher (as fresh,
    # the same answers) instead of rebuilding: a load under way commits a batch every few seconds,
    # and a rebuild takes 5-10 s at 1 M. The store's own loads rebuild at once (_changed).
    rebuild_min_s = 60.0
    _adj: Adjacency | None = None
    _adj_stamp = None
    _adj_built = 0.0
    _adj_lock = threading.Lock()  # one build at a time (the app's sessions share a store)

    @property
    def _local(self) -> threading.local:
        return self.__dict__.get("_tl") or self.__dict__.setdefault("_tl", threading.local())

    @contextmanager
    def _one_check(self):
        """Within: the stamp is read by the first step only, not by every step of one traversal."""
        local = self._local
        outer = getattr(local, "on", False)
        local.on = True
        try:
            yield
        finally:
            local.on = outer
            if not outer:
                local.adj, local.decided = None, False

    def ego(self, *args, **kwargs):
        with self._one_check():
            return super().ego(*args, **kwargs)

    def company_trace(self, *args, **kwargs):
        with self._one_check():
            return super().company_trace(*args, **kwargs)

    def _adjacency(self) -> Adjacency | None:
        """The adjacency (built, or rebuilt when the stamp changed), or None: rank in Cypher."""
        if not self.use_adjacency:
            return None
        local = self._local
        if not getattr(local, "on", False):
            return self._fresh_adjacency()
        if not getattr(local, "decided", False):  # every step of one traversal goes the same way
            local.adj, local.decided = self._fresh_adjacency(), True
        return local.adj

    def _fresh_adjacency(self) -> Adjacency | None:
        """The adjacency of the stamp the server holds now, or None (rank in Cypher): it changed
        less than rebuild_min_s after the last build."""
        rec = self._read(_STAMP_READ)[0]
        stamp = (rec["stamp"], rec["nodes"], rec["rels"])
        with self._adj_lock:
            if self._adj is not None and stamp == self._adj_stamp:
                return self._adj
            if self._adj is not None and time.monotonic() - self._adj_built < self.rebuild_min_s:
                return None
            self._adj = None  # the old arrays freed before the new ones are read

            def build(tx):
                r = tx.run(_STAMP_READ).single()  # in the transaction: a load during the build shows next time
                source = Neo4jSource(tx)
                adj = Adjacency(source)
                adj.node_props = neo4j_props.NodeProps(source.props, adj.base, adj.labels)
                adj.edge_props = neo4j_props.EdgeProps(source.edge_parts)
                adj.edge_cache = neo4j_props.EdgeCache()
                return adj, (r["stamp"], r["nodes"], r["rels"])
            with self._session() as s:
                self._adj, self._adj_stamp = s.execute_read(build)
            self._adj_built = time.monotonic()
            return self._adj

    def _changed(self) -> None:
        self._adj = None
        self._local.adj, self._local.decided = None, False

    def _center(self, key, min_confidence):
        # Known from the adjacency: the node itself is read with the rest (_edges_and_nodes).
        adj = self._adjacency()
        i = adj.id_of.get(key) if adj is not None else None
        if i is None:
            return super()._center(key, min_confidence)
        return {} if min_confidence <= 0 or adj.conf[i] >= min_confidence else None

    def _edges_and_nodes(self, expanded, kept, f, known, prov=None):
        """One query for the kept edges (by relationship id) and nodes (by key)."""
        adj = self._adjacency()
        if adj is None:
            return super()._edges_and_nodes(expanded, kept, f, known, prov)
        eids = adj.edge_ids_among(expanded, kept, f) if expanded else np.zeros(0, np.int64)
        return self._read_ids_and_keys(adj, eids, kept, known, prov)

    def _trace_reads(self, key, projects, min_confidence, prov, known):
        """The tracer's edges found over the adjacency (the climb up PART_OF too, as
        graph/tracer.py places_of climbs), then read with their nodes in one query."""
        adj = self._adjacency()
        if adj is None:
            return super()._trace_reads(key, projects, min_confidence, prov, known)
        f = {t: Filters(types=(t,), min_confidence=min_confidence)
             for t in ("INVESTS_IN", "HOSTS", "PART_OF", "LEADS")}  # the order trace_reads returns them in
        invests = adj.edge_ids_among([key], projects, f["INVESTS_IN"])
        hosts = adj.edge_ids_of(projects, "in", f["HOSTS"])
        ups, reached = [], set()
        frontier = sorted(set(adj.keys[adj.src[hosts]].tolist()))
        while frontier:  # the reached set stops cycles
            reached.update(frontier)
            ups.append(adj.edge_ids_of(frontier, "out", f["PART_OF"]))
            frontier = sorted(set(adj.keys[adj.dst[ups[-1]]].tolist()) - reached)
        part_of = np.concatenate(ups) if ups else np.zeros(0, np.int64)
        leads = adj.edge_ids_of(sorted(reached), "in", f["LEADS"])
        groups = (invests, hosts, part_of, leads)
        eids = np.concatenate(groups)
        keys = {key, *projects, *adj.keys[adj.src[np.concatenate((hosts, leads))]].tolist(),
                *adj.keys[adj.dst[part_of]].tolist()}
        edges, nodes = self._read_ids_and_keys(adj, eids, sorted(keys), known, prov)
        by_type = {t: [e for e in edges if e["type"] == t] for t in f}
        return (*(by_type[t] for t in f), nodes)

    def _read_ids_and_keys(self, adj: Adjacency, eids, keys, known, prov):
        """The edges of adjacency edge ids and the nodes of keys (but known) in one query; nodes
        whose properties the adjacency holds are taken from it."""
        from graph.neo4j_store import _match_frontier
        wanted = [k for k in keys if k not in known]
        ids = adj.ids(wanted)
        codes = adj.label[ids]
        covered = np.fromiter(map(adj.node_props.covers, codes.tolist()), bool, len(ids))
        got = adj.node_props.nodes(ids[covered], codes[covered])
        cached = self._held(adj, eids, prov)
        rest = [k for k in wanted if k not in got]
        if rest or not all(cached):
            params = {"ids": [r for r, c in zip(adj.ref[eids].tolist(), cached) if c is None], "prov": prov}
            nodes = _match_frontier(rest, params)
            rec = self._read(f"CALL () {{ {_by_id(prov)} AS edges }} "
                             f"CALL () {{ {nodes} RETURN collect([a.key, labels(a), properties(a)]) AS nodes }} "
                             "RETURN edges, nodes", params)[0]
            rows, found = rec["edges"], rec["nodes"]
        else:  # all known at this stamp: no query
            rows, found = [], []
        for k, labels, props in found:
            got[k] = neo4j_props.node(labels, props)
        # in the order a read of them all gives (_match_frontier: by label, then key)
        out = {**known, **{k: got[k] for k in sorted(got, key=lambda k: (got[k]["label"], k))}}
        return self._checked_edges(adj, eids, rows, prov, cached), out

    def _edges_by_ids(self, adj: Adjacency, eids, prov: int | None = None) -> list[dict]:
        """The edges of adjacency edge ids, read by relationship id (a direct seek); an id
        naming another relationship by now (a load since the check) is read by its keys."""
        if not len(eids):
            return []
        cached = self._held(adj, eids, prov)
        ids = [r for r, c in zip(adj.ref[eids].tolist(), cached) if c is None]
        rows = self._read(f"{_by_id(prov)} AS rows", {"ids": ids, "prov": prov})[0]["rows"] if ids else []
        return self._checked_edges(adj, eids, rows, prov, cached)

    @staticmethod
    def _held(adj: Adjacency, eids, prov: int | None) -> list[dict | None]:
        """The edges of eids the adjacency holds (its tables, else its cache), None for the rest."""
        held = adj.edge_props.edges(eids, adj.triples(eids), prov)
        refs = adj.ref[eids].tolist()
        return [e if e is not None else adj.edge_cache.get(r, prov) for e, r in zip(held, refs)]

    def _checked_edges(self, adj: Adjacency, eids, rows, prov: int | None, cached: list) -> list[dict]:
        """The edges of eids: cached (_held's, None: not held), else from rows read
        by _by_id (those whose id names another relationship by now, or none: read by their keys)."""
        triples, refs = adj.triples(eids), adj.ref[eids].tolist()
        got = {i: (t, s, d, p) for i, t, s, d, p in rows}
        out, missing = [], []
        for ref, triple, hit in zip(refs, triples, cached):
            g = got.get(ref)
            if hit is not None and (hit["type"], hit["source"], hit["target"]) == triple:
                out.append(hit)
            elif g is not None and g[:3] == triple:
                out.append(neo4j_props.edge(*g, prov))
                adj.edge_cache.put(ref, prov, out[-1])
            else:
                missing.append(triple)
        return out + self._edges_by_triples(missing, prov) if missing else out

    def _edges_by_triples(self, triples, prov: int | None = None) -> list[dict]:
        """The edges named by (type, source, target), by their end keys (provenance as _by_id)."""
        groups: dict[tuple, list] = {}
        for t, s, d in triples:
            groups.setdefault((t, schema.label_of_key(s), schema.label_of_key(d)), []).append([s, d])
        props = "properties(r)" if prov is None else provenance.cypher_props("r")
        out = []
        for (t, fl, tl), pairs in groups.items():
            rows = self._read(f"UNWIND $pairs AS p MATCH (a:{fl} {{key: p[0]}})-[r:{t}]->(b:{tl} {{key: p[1]}}) "
                              f"RETURN collect([a.key, b.key, {props}]) AS rows", {"pairs": pairs, "prov": prov})[0]["rows"]
            out += [provenance.finish(full_edge(t, s, d, p), p, prov) for s, d, p in rows]
        return out

    def _edges_whole(self, triples):
        return self._edges_by_triples(triples)
