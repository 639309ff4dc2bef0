"""The embedded store: one LadybugDB file, Cypher, no server.

Loading: graph/embedded_load.py. Traversals (ego, paths, the tracer's projects,
search) rank and cap over an in-memory adjacency of the file (graph/adjacency.py)
and read properties from the file only for what they keep.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from graph import confidence, loading, provenance, schema
from graph.adjacency import Adjacency, LadybugSource
from graph.base import BaseStore
from graph.prop_tables import EdgeTables, NodeTables
from graph.embedded_reads import edges_by_triples
from graph.embedded_load import EmbeddedLoader, _BulkMarker, _pool_full, _tables
from graph.readonly import cap_rows, check_read_only
from graph.store import PROVENANCE, QueryResult, ReadOnlyError, StoreError, Subgraph, full_edge, full_node
from graph.traverse import Filters

def _default_pool_mb() -> int:
    """A quarter of RAM, 1–8 GB: a 1 M-relationship load overflowed a fixed 1 GB pool."""
    try:
        ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 20
    except (ValueError, OSError, AttributeError):
        ram_mb = 4096
    return max(1024, min(ram_mb // 4, 8192))


BUFFER_POOL_MB = int(os.environ.get("GOVKG_BUFFER_POOL_MB") or _default_pool_mb())
# Each open database reserves its maximum size in address space (8 TB by default): a process
# holding a dozen (the app's tests) ran out of the 128 TB there is. 1 TB is far past any load here.
MAX_DB_BYTES = 1 << 40
PAGE = 5_000  # nodes per page when streaming nodes (and source nodes per degree count when paging edges)
EDGE_PAGE = 5_000  # relationships per page when streaming edges, each entry of their `articles` lists counting one more


class EmbeddedStore(EmbeddedLoader, BaseStore):
    kind = "embedded"

    def __init__(self, path: str, read_only: bool = False, buffer_pool_mb: int = BUFFER_POOL_MB):
        try:
            import ladybug
        except ImportError as e:  # pragma: no cover - ladybug is in requirements.txt
            raise StoreError("the embedded store needs LadybugDB: pip install ladybug") from e
        self.path, self.buffer_pool_mb = str(path), buffer_pool_mb
        if not read_only:
            try:
                os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the folder of embedded database {self.path}: "
                                 f"{e.strerror or e}") from None
        elif not os.path.exists(self.path):
            raise StoreError(f"embedded database {self.path} does not exist (load some articles first)")
        if not read_only:
            _BulkMarker.recover(self.path)
        from graph.embedded_guard import WriterMarker, check_reopen, unopenable
        check_reopen(self.path, read_only)
        self._writer = WriterMarker(self.path)
        if not read_only:
            self._writer.hold()
        try:
            # Checkpoint once per load() rather than at every large commit (the WAL
            # keeps committed batches safe in between).
            self._db = ladybug.Database(self.path, buffer_pool_size=buffer_pool_mb << 20,
                                        read_only=read_only, checkpoint_threshold=1 << 30,
                                        max_db_size=MAX_DB_BYTES)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            msg = str(e).splitlines()[0]
            if "lock" in msg.lower():
                self._writer.release()
                raise StoreError(f"embedded database {self.path} is in use by another process "
                                 f"({msg}); close that process or pass another --db") from None
            self._writer.release()
            raise unopenable(self.path, msg) from None
        self.read_only = read_only
        self._bulk = False
        self._table_names: dict[int, str] | None = None
        self._columns: dict[str, list[str]] = {}  # table -> its stored columns, in order
        self._adj: Adjacency | None = None
        self._adj_stamp = None

    # -- lifecycle ------------------------------------------------------------
    def ensure_schema(self) -> None:
        if self.read_only:
            return
        for ddl in schema.ladybug_ddl():
            self._conn.execute(ddl)
        # A file made before a property was declared (confidence) gets the column, last;
        # confidence's default is the schema's absent value, as for records without one.
        for table, props in _tables():
            have = self._table_columns(table)
            for p, t in props.items():
                if p not in have:
                    default = f" DEFAULT {schema.confidence_absent()!r}" if p == confidence.PROP else ""
                    self._conn.execute(f"ALTER TABLE {table} ADD {p} {schema.LADYBUG_TYPES[t]}{default}")
                    if p == schema.WEIGHT:  # the weight of the rows already there
                        self._conn.execute(f"MATCH ()-[r:{table}]->() SET r.{p} = size(r.articles)")
                    have.append(p)
            self._columns[table] = have

    def _table_columns(self, table: str) -> list[str]:
        return [r[1] for r in self._rows(f"CALL table_info('{table}') RETURN *")]

    def _in_table_order(self, table: str, props: dict[str, str]) -> dict[str, str]:
        """props (and source/target first) in the order of the table's columns: COPY
        matches columns by position, and a column added to an older file comes last."""
        rank = {c: i for i, c in enumerate(self._columns[table])}
        return dict(sorted(props.items(), key=lambda kv: rank.get(kv[0], -1)))

    def close(self) -> None:
        if getattr(self, "_conn", None) is not None:
            self._conn.close()
            self._db.close()
            self._conn = None
            self._writer.release()  # after the close: the file is whole on disk

    def clear(self) -> None:
        for t in schema.rel_types():
            self._conn.execute(f"DROP TABLE IF EXISTS {t}")
        for label in schema.node_labels():
            self._conn.execute(f"DROP TABLE IF EXISTS {label}")
        self._table_names = None
        self.ensure_schema()
        self._changed()

    # -- low level -------------------------------------------------------------
    def _rollback(self) -> None:
        """Roll back if a transaction is still open (Ladybug aborts some on error itself)."""
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass

    def _rows(self, cypher: str, params: dict | None = None) -> list[list]:
        try:
            return self._conn.execute(cypher, params or {}).get_all()
        except RuntimeError as e:
            if "buffer pool is full" in str(e).lower():  # the one Ladybug error a user can fix
                raise StoreError(_pool_full(self.path, self.buffer_pool_mb, e)) from None
            raise

    # -- reading ---------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {l: self._rows(f"MATCH (n:{l}) RETURN count(*)")[0][0] for l in schema.node_labels()}
        rels = {t: self._rows(f"MATCH ()-[r:{t}]->() RETURN count(*)")[0][0] for t in schema.rel_types()}
        return {"nodes": nodes, "relationships": rels}

    def _nodes_by_keys(self, keys: Iterable[str]) -> dict[str, dict]:
        import pyarrow as pa
        out = {}
        for label, ks in loading.keys_by_label(keys).items():
            # Traversals (which built the adjacency) read many nodes: whole labels, once.
            if len(ks) > 50 and self._adj is not None and self._adjacency() and self._node_tables.holds(label):
                out.update(self._node_tables.nodes(label, sorted(ks)))
                continue
            if len(ks) <= 50:  # ~0.07 ms a key
                rows = self._rows(f"UNWIND $keys AS k MATCH (n:{label} {{key: k}}) RETURN n", {"keys": sorted(ks)})
            else:  # keys from an Arrow table: one pass over the label's keys (3x faster for 300)
                govkg_keys = pa.table({"k": pa.array(sorted(ks), pa.string())})  # noqa: F841 - LOAD FROM's name
                rows = self._conn.execute(f"LOAD FROM govkg_keys MATCH (n:{label} {{key: k}}) RETURN n").get_all()
            for (n,) in rows:
                out[n["key"]] = full_node(label, n)
        return out

    def _edges(self, keys: Iterable[str], types: list[str] | None = None, direction: str = "both",
               min_confidence: float = 0.0, prov: int | None = None) -> list[dict]:
        f = Filters(types=tuple(types) if types else None, min_confidence=min_confidence)
        return self._edges_by_triples(self._adjacency().edges_of(sorted(set(keys)), direction, f), prov)

    def _edges_whole(self, triples):
        known = self._adjacency().id_of
        return self._edges_by_triples([t for t in triples if t[1] in known and t[2] in known])

    # -- traversals: ranked and capped over the in-memory adjacency (graph/adjacency.py) --------
    def _adjacency(self) -> Adjacency:
        """Built on first use; rebuilt after this store loads, and (read-only) when another
        process has changed the file since."""
        stamp = _file_stamp(self.path) if self.read_only else None
        if self._adj is None or stamp != self._adj_stamp:
            arrow = lambda q: self._conn.execute(q).get_as_arrow(100_000)  # noqa: E731
            self._adj = Adjacency(LadybugSource(arrow, self._table_columns))
            self._edge_tables = EdgeTables(arrow, self._table_columns, self._adj)
            self._node_tables = NodeTables(arrow, self._table_columns, self._adj)
            self._adj_stamp = stamp
        return self._adj

    def _changed(self) -> None:
        self._adj = None

    def _expand(self, frontier, seen, budget, f):
        return self._adjacency().expand(frontier, seen, budget, f)

    def _edges_among(self, expanded, keys, f, prov=None):
        return self._edges_by_triples(self._adjacency().edges_among(expanded, keys, f), prov)

    def _edges_by_triples(self, triples, prov: int | None = None) -> list[dict]:
        """The edges named by (type, source, target), provenance trimmed to prov entries
        (None: whole): from the whole-type tables (graph/prop_tables.py) where a type is
        held, else around anchor nodes (graph/embedded_reads.py)."""
        adj, out, rest = self._adjacency(), [], []
        by_type: dict[str, list] = {}
        for t in triples:
            by_type.setdefault(t[0], []).append(t)
        for rtype, ts in by_type.items():
            if self._edge_tables.holds(rtype):
                found, missing = self._edge_tables.edges(rtype, ts, prov)
                out += found
                rest += missing
            else:
                rest += ts
        if rest:  # types too big to hold (MENTIONS: no provenance lists), read edge by edge
            out += [provenance.trim(e, prov) for e in edges_by_triples(self._rows, adj, rest)]
        return out

    def search(self, text: str, labels: list[str] | None = None, limit: int = 20) -> list[dict]:
        text = (text or "").strip()
        if not text:
            return []
        for label in labels or []:
            if label not in schema.node_labels():
                raise StoreError(f"unknown label {label!r}")
        keys = self._adjacency().search(text, labels or schema.node_labels(), limit)
        nodes = self._nodes_by_keys(keys)
        return [nodes[k] for k in keys if k in nodes]

    def shortest_path(self, source: str, target: str, max_hops: int = 6, min_confidence: float = 0.0,
                      include_mentions: bool = False, provenance: int | None = PROVENANCE) -> Subgraph:
        hops, f = self._path_filters(max_hops, min_confidence, include_mentions)
        triples = self._adjacency().path(source, target, hops, f)
        return self._path_subgraph(source, triples,
                                   lambda keys: (self._edges_by_triples(triples, provenance), self._nodes_by_keys(keys)))

    def query(self, cypher, params=None, limit=1000, timeout=10.0) -> QueryResult:
        params = dict(params or {})
        text = cap_rows(check_read_only(cypher), params, limit)
        self._conn.set_query_timeout(int(timeout * 1000))
        try:
            self._conn.execute("BEGIN TRANSACTION READ ONLY")
            try:
                res = self._conn.execute(text, params)
                columns = res.get_column_names()
                rows = []
                while res.has_next() and len(rows) <= limit:
                    rows.append(res.get_next())
            finally:
                self._rollback()
        except RuntimeError as e:
            msg = str(e).splitlines()[0]
            if "read-only" in msg.lower() or "read only" in msg.lower():
                raise ReadOnlyError(f"read-only: {msg}") from None
            if "interrupt" in msg.lower() or "timeout" in msg.lower():
                raise StoreError(f"query stopped after the {timeout:g} s timeout ({msg})") from None
            raise StoreError(f"query failed: {msg}") from None
        finally:
            self._conn.set_query_timeout(0)
        truncated = len(rows) > limit
        rows = rows[:limit]
        sub = self._with_endpoints(self._to_subgraph(rows))
        return QueryResult(columns=columns, rows=[[_plain(v, self._key_of) for v in r] for r in rows],
                           subgraph=sub, truncated=truncated)

    # Page bounds are written into the query text, not passed as $parameters: the ladybug
    # package prepares and caches every parameterised query text for the life of the
    # connection, and each cached statement keeps buffer-pool memory that cannot be evicted
    # (a whole export then overflowed a 128 MB pool at 1 M relationships).
    def iter_nodes(self, labels=None) -> Iterator[dict]:
        for label in labels or schema.node_labels():
            top = self._rows(f"MATCH (n:{label}) RETURN max(offset(id(n)))")[0][0]
            for lo in range(0, (top if top is not None else -1) + 1, PAGE):
                for (n,) in self._rows(f"MATCH (n:{label}) WHERE offset(id(n)) >= {int(lo)} "
                                       f"AND offset(id(n)) < {int(lo + PAGE)} RETURN n"):
                    yield full_node(label, n)

    def iter_edges(self, types=None) -> Iterator[dict]:
        # Pages hold about EDGE_PAGE relationships whatever the degrees: a fixed number of
        # source nodes per page put 77 k of the 99 k INVESTS_IN edges of the 1 M graph (hub
        # companies) in one page. A node with more than a page is split by target offsets.
        def pages(rtype: str, fl: str, weight: str) -> Iterator[tuple[str, str]]:
            """(WHERE clause, target label or "") of each page of rtype from fl."""
            top = self._rows(f"MATCH (n:{fl}) RETURN max(offset(id(n)))")[0][0]
            for base in range(0, (top if top is not None else -1) + 1, PAGE):
                lo, n = base, 0
                for o, w in sorted(self._rows(
                        f"MATCH (a:{fl})-[r:{rtype}]->() WHERE offset(id(a)) >= {int(base)} "
                        f"AND offset(id(a)) < {int(base + PAGE)} RETURN offset(id(a)), {weight}")):
                    if n and n + w > EDGE_PAGE:
                        yield f"offset(id(a)) >= {lo} AND offset(id(a)) < {o}", ""
                        lo, n = o, 0
                    if w <= EDGE_PAGE:
                        n += w
                        continue
                    for tl in sorted({t for f, t in schema.rel_pairs(rtype) if f == fl}):
                        k0, m = None, 0
                        for k, w2 in sorted(self._rows(
                                f"MATCH (a:{fl})-[r:{rtype}]->(b:{tl}) WHERE offset(id(a)) = {o} "
                                f"RETURN offset(id(b)) / {int(EDGE_PAGE)}, {weight}")):
                            if m and m + w2 > EDGE_PAGE:
                                yield (f"offset(id(a)) = {o} AND offset(id(b)) >= {k0 * EDGE_PAGE} "
                                       f"AND offset(id(b)) < {k * EDGE_PAGE}", ":" + tl)
                                k0, m = None, 0
                            k0 = k if k0 is None else k0
                            m += w2
                        if m:
                            yield f"offset(id(a)) = {o} AND offset(id(b)) >= {k0 * EDGE_PAGE}", ":" + tl
                    lo, n = o + 1, 0
                if n:
                    yield f"offset(id(a)) >= {lo} AND offset(id(a)) < {int(base + PAGE)}", ""

        for rtype in types or schema.rel_types():
            weight = "count(*)" + (" + coalesce(sum(size(r.articles)), 0)" if "articles" in schema.rel_props(rtype) else "")
            for fl in sorted({a for a, _ in schema.rel_pairs(rtype)}):
                for where, tl in pages(rtype, fl, weight):
                    # ORDER BY: without it the order across target tables changes between runs
                    for s, t, r in self._rows(f"MATCH (a:{fl})-[r:{rtype}]->(b{tl}) WHERE {where} "
                                              "RETURN a.key, b.key, r ORDER BY offset(id(a)), b.key"):
                        yield full_edge(rtype, s, t, r)

    # -- result conversion -------------------------------------------------------
    def _key_of(self, internal: dict) -> str | None:
        """The key of a node given Ladybug's internal id {'table', 'offset'}."""
        if self._table_names is None:
            self._table_names = {r[0]: r[1] for r in self._rows("CALL show_tables() RETURN *")}
        label = self._table_names.get(internal["table"])
        if label not in schema.node_labels():
            return None
        rows = self._rows(f"MATCH (n:{label}) WHERE offset(id(n)) = $o RETURN n.key", {"o": internal["offset"]})
        return rows[0][0] if rows else None

    def _to_subgraph(self, value) -> Subgraph:
        nodes: dict[str, dict] = {}
        rels: list[dict] = []

        def walk(v):
            if isinstance(v, list):
                for x in v:
                    walk(x)
            elif isinstance(v, dict):
                if "_SRC" in v:
                    rels.append(v)
                elif "_LABEL" in v and "key" in v and v["_LABEL"] in schema.node_labels():
                    nodes[v["key"]] = v
                else:
                    for x in v.values():
                        walk(x)
        walk(value)
        ids = {_id(n["_ID"]): k for k, n in nodes.items()}
        edges = {}
        for r in rels:
            s = ids.get(_id(r["_SRC"])) or self._key_of(r["_SRC"])
            t = ids.get(_id(r["_DST"])) or self._key_of(r["_DST"])
            if s and t:
                edges[(r["_LABEL"], s, t)] = full_edge(r["_LABEL"], s, t, r)
        return Subgraph(nodes=[full_node(n["_LABEL"], n) for n in nodes.values()], edges=list(edges.values()))



def _file_stamp(path: str) -> tuple:
    """What changes when another process writes the file (its and its WAL's size and time)."""
    out = []
    for p in (path, f"{path}.wal"):
        try:
            st = os.stat(p)
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


def _id(internal: dict) -> tuple:
    return internal["table"], internal["offset"]



def _plain(v, key_of):
    """A row value with Ladybug node/rel dicts turned into node/edge dicts."""
    if isinstance(v, list):
        return [_plain(x, key_of) for x in v]
    if isinstance(v, dict):
        if "_SRC" in v:
            return full_edge(v["_LABEL"], key_of(v["_SRC"]), key_of(v["_DST"]), v)
        if "_LABEL" in v and "key" in v and v["_LABEL"] in schema.node_labels():
            return full_node(v["_LABEL"], v)
        if "_NODES" in v or "_RELS" in v:
            return {"nodes": _plain(v.get("_NODES") or [], key_of), "relationships": _plain(v.get("_RELS") or [], key_of)}
        return {k: _plain(x, key_of) for k, x in v.items()}
    return v


