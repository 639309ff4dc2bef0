"""The embedded store: one LadybugDB file, Cypher, no server.

New rows go in through COPY from Arrow tables (fast); rows that exist are
updated with LOAD FROM/MATCH/SET. Each batch is one transaction, except the
first batch into an empty database: it is copied straight into the file
(twice as fast), and a crash there resets the file to empty (_BulkMarker).
"""
from __future__ import annotations

import os
from operator import itemgetter
from typing import Iterable, Iterator

from graph import confidence, loading, schema
from graph.store import (BaseStore, LoadStats, QueryResult, ReadOnlyError, StoreError, Subgraph,
                         cap_rows, check_hops, check_min_confidence, check_read_only, full_edge, full_node,
                         rank_hits)

def _default_pool_mb() -> int:
    """A quarter of RAM, 1–8 GB: a 1 M-relationship load overflowed a fixed 1 GB pool."""
    try:
        ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 20
    except (ValueError, OSError, AttributeError):
        ram_mb = 4096
    return max(1024, min(ram_mb // 4, 8192))


BUFFER_POOL_MB = int(os.environ.get("GOVKG_BUFFER_POOL_MB") or _default_pool_mb())
PAGE = 5_000  # nodes per page when streaming nodes (and source nodes per degree count when paging edges)
EDGE_PAGE = 5_000  # relationships per page when streaming edges, each entry of their `articles` lists counting one more


def _arrow_type(t: str):
    import pyarrow as pa
    return {"string": pa.string(), "string[]": pa.list_(pa.string()), "int": pa.int64(),
            "float": pa.float64()}[t]


class EmbeddedStore(BaseStore):
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
                                        read_only=read_only, checkpoint_threshold=1 << 30)
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
        self._has_confidence: bool | None = None
        self._columns: dict[str, list[str]] = {}  # table -> its stored columns, in order

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
                    have.append(p)
            self._columns[table] = have
        self._has_confidence = None

    def _table_columns(self, table: str) -> list[str]:
        return [r[1] for r in self._rows(f"CALL table_info('{table}') RETURN *")]

    def _in_table_order(self, table: str, props: dict[str, str]) -> dict[str, str]:
        """props (and source/target first) in the order of the table's columns: COPY
        matches columns by position, and a column added to an older file comes last."""
        rank = {c: i for i, c in enumerate(self._columns[table])}
        return dict(sorted(props.items(), key=lambda kv: rank.get(kv[0], -1)))

    def _stores_confidence(self) -> bool:
        """Whether the file has confidence columns (one made before them, opened
        read-only, has none: every row then counts as absent, which no filter drops)."""
        if self._has_confidence is None:
            label = next(l for l in schema.entity_labels() if confidence.PROP in schema.node_props(l))
            self._has_confidence = confidence.PROP in self._table_columns(label)
        return self._has_confidence

    def _confidence_conditions(self, label, types, direction, min_confidence) -> list[str]:
        if min_confidence <= 0 or not self._stores_confidence():
            return []
        return super()._confidence_conditions(label, types, direction, min_confidence)

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

    # -- writing ---------------------------------------------------------------
    # Bigger transactions are cheaper here: COPY is fast and each commit of updates
    # to existing rows costs seconds at 1 M relationships; 20 k articles of real news
    # hold ~60 MB of text.
    DEFAULT_BATCH = 20_000

    def load(self, records, batch_size=None, progress=None) -> LoadStats:
        # Into an empty store the first batch is written without a transaction (see
        # _load_batch): COPY straight into the file is twice as fast as COPY + COMMIT.
        self._bulk = not self.read_only and self._is_empty()
        try:
            return super().load(records, batch_size, progress)
        finally:
            self._bulk = False

    def _is_empty(self) -> bool:
        try:
            return not any(self._rows(f"MATCH (n:{label}) RETURN n.key LIMIT 1") for label in schema.node_labels())
        except RuntimeError:  # tables not created yet
            return False

    def _after_load(self, stats: LoadStats) -> None:
        if stats.articles_loaded:
            self._conn.execute("CHECKPOINT")

    def _load_batch(self, records: list[dict], folded: tuple, stats: LoadStats, progress, fold_next) -> None:
        fold_next()  # at once: Ladybug's reads take the GIL back once per query, not per network read
        stats.articles_read += len(records)
        # UNWIND + key lookups: `WHERE a.key IN $keys` with thousands of keys scans the table.
        done = {r[0] for r in self._rows("UNWIND $keys AS k MATCH (a:Article {key: k}) RETURN a.key",
                                         {"keys": folded[1]})}
        batch, fresh = loading.without_done(records, folded, done)
        stats.articles_present += len(records) - len(fresh)
        if fresh:
            self._log_fresh(records, done)
            bulk, self._bulk = self._bulk, False
            try:
                plan = self._write_bulk(batch) if bulk else self._write_transaction(batch)
            except StoreError:
                raise
            except RuntimeError as e:  # Ladybug's errors: one line, nothing written
                msg = str(e).splitlines()[0]
                if "buffer pool is full" in msg.lower():
                    msg = _pool_full(self.path, self.buffer_pool_mb, e)
                raise StoreError(f"loading into {self.path} failed: {msg}") from None
            stats.add_plan(plan, len(fresh))
        if progress:
            progress(len(records))

    def _write_transaction(self, batch: loading.Batch) -> loading.Plan:
        self._conn.execute("BEGIN TRANSACTION")
        try:
            plan = self._plan(batch)
            self._write(plan)
            self._conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return plan

    def _write_bulk(self, batch: loading.Batch) -> loading.Plan:
        """The first batch into an empty store, outside a transaction. A marker file
        beside the database, locked while we write, says a crash here left nothing
        but this batch: the next writer deletes the file and starts again."""
        plan = loading.plan(batch, {}, {})  # nothing stored yet: every row is new
        with _BulkMarker(self.path) as marker:
            try:
                self._write(plan)
                self._conn.execute("CHECKPOINT")
            except BaseException:
                self.clear()  # back to the empty store we found
                marker.done()
                raise
            marker.done()
        return plan

    def _plan(self, batch: loading.Batch) -> loading.Plan:
        existing: dict[str, dict] = {}
        for label in schema.entity_labels():
            keys = batch.node_keys(label)
            for chunk in loading.chunks(keys, 20_000):
                for (n,) in self._rows(f"UNWIND $keys AS k MATCH (n:{label} {{key: k}}) RETURN n",
                                       {"keys": chunk}):
                    existing[n["key"]] = {**_props(n), "label": label}
        rels: dict[tuple, dict] = {}
        for (rtype, fl, tl), pairs in loading.rel_candidates(batch, existing).items():
            for chunk in loading.chunks(pairs, 20_000):
                rows = self._rows(
                    f"UNWIND $pairs AS p MATCH (a:{fl} {{key: p.s}}) MATCH (b:{tl} {{key: p.t}}) "
                    f"MATCH (a)-[r:{rtype}]->(b) RETURN a.key, b.key, r",
                    {"pairs": [{"s": s, "t": t} for s, t in chunk]})
                for s, t, r in rows:
                    rels[(rtype, s, t)] = {**_props(r), "type": rtype, "source": s, "target": t}
        return loading.plan(batch, existing, rels)

    def _write(self, plan: loading.Plan) -> None:
        if not self._columns:  # read here: the pipeline's thread uses the connection next
            self._columns = {table: self._table_columns(table) for table, _ in _tables()}
        with _Pipeline(self._conn) as run:
            self._write_plan(plan, run)

    def _write_plan(self, plan: loading.Plan, run: "_Pipeline") -> None:
        for label, rows in plan.create_nodes.items():
            run(f"COPY {label} FROM govkg_rows", _arrow(rows, self._in_table_order(label, schema.node_props(label))))
        # Updates scan an Arrow table with LOAD FROM: ~7x faster than UNWIND $rows.
        for label, rows in plan.update_nodes.items():
            props = schema.node_props(label)
            sets = ", ".join(f"n.{p} = u_{p}" for p in props if p != "key")
            run(f"LOAD FROM govkg_rows MATCH (n:{label} {{key: u_key}}) SET {sets}",
                _arrow(rows, props, prefix="u_"))
        for (rtype, fl, tl), rows in plan.create_rels.items():
            run(_copy_rels(rtype, fl, tl), _arrow(rows, self._in_table_order(rtype, _rel_columns(rtype))))
        for (rtype, fl, tl), rows in plan.update_rels.items():
            sets = ", ".join(f"r.{p} = u_{p}" for p in schema.rel_props(rtype))
            run(f"LOAD FROM govkg_rows MATCH (a:{fl} {{key: u_source}}) MATCH (b:{tl} {{key: u_target}}) "
                f"MATCH (a)-[r:{rtype}]->(b) SET {sets}", _arrow(rows, _rel_columns(rtype), prefix="u_"))
        # Article nodes and MENTIONS last: an Article node marks its article done.
        if plan.articles:
            run("COPY Article FROM govkg_rows",
                _arrow(plan.articles, self._in_table_order("Article", schema.node_props("Article"))))
        created = {r["key"] for rows in plan.create_nodes.values() for r in rows}
        for (rtype, fl, tl), rows in plan.mentions.items():
            run(_copy_rels(rtype, fl, tl), _arrow(rows, self._in_table_order(rtype, _rel_columns(rtype))))
            # mention_count of nodes stored before this batch re-derived from the MENTIONS
            # edges rather than old + new: a process killed inside a checkpoint can leave
            # node rows ahead of the edges, and the re-run must not count those articles
            # twice. A node created here has only this batch's mentions: its count is exact.
            keys = sorted({r["target"] for r in rows} - created)
            for chunk in loading.chunks(keys, 20_000):
                run(f"MATCH (n:{tl})<-[m:MENTIONS]-() WHERE n.key IN $keys "
                    f"WITH n, sum(m.count) AS c SET n.mention_count = c", params={"keys": chunk})

    # -- reading ---------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {l: self._rows(f"MATCH (n:{l}) RETURN count(*)")[0][0] for l in schema.node_labels()}
        rels = {t: self._rows(f"MATCH ()-[r:{t}]->() RETURN count(*)")[0][0] for t in schema.rel_types()}
        return {"nodes": nodes, "relationships": rels}

    def _nodes_by_keys(self, keys: Iterable[str]) -> dict[str, dict]:
        out = {}
        for label, ks in loading.keys_by_label(keys).items():
            for chunk in loading.chunks(sorted(ks), 20_000):
                for (n,) in self._rows(f"UNWIND $keys AS k MATCH (n:{label} {{key: k}}) RETURN n", {"keys": chunk}):
                    out[n["key"]] = full_node(label, n)
        return out

    def _adjacent(self, keys: Iterable[str], types: list[str] | None = None,
                  min_confidence: float = 0.0) -> list[dict]:
        rel = f"r:{'|'.join(types)}" if types else "r"
        out = {}
        for label, ks in loading.keys_by_label(keys).items():
            for arrow in (f"-[{rel}]->", f"<-[{rel}]-"):
                conds = self._confidence_conditions(label, types, "out" if arrow.endswith(">") else "in",
                                                    min_confidence)
                for a, b, t, r in self._rows(
                        # `WHERE a.key IN $keys` uses the key index; UNWIND … {key: k} scanned (10x at 1 M rels)
                        f"MATCH (a:{label}){arrow}(b) WHERE a.key IN $keys{''.join(' AND ' + c for c in conds)} "
                        "RETURN a.key, b.key, label(r), r",
                        {"keys": sorted(ks), **(confidence.params(min_confidence) if conds else {})}):
                    s, d = (a, b) if arrow.endswith(">") else (b, a)
                    out[(t, s, d)] = full_edge(t, s, d, r)
        return list(out.values())

    def search(self, text: str, labels: list[str] | None = None, limit: int = 20) -> list[dict]:
        text = (text or "").strip()
        if not text:
            return []
        found = []
        for label in labels or schema.node_labels():
            if label not in schema.node_labels():
                raise StoreError(f"unknown label {label!r}")
            alias = ("OR any(a IN n.aliases WHERE a CONTAINS t) "
                     if "aliases" in schema.node_props(label) else "")
            rows = self._rows(f"MATCH (n:{label}) WITH n, $t AS t WHERE n.name CONTAINS t {alias}"
                              f"RETURN n LIMIT $cap", {"t": text, "cap": limit * 20})
            found += [full_node(label, n) for (n,) in rows]
        return rank_hits(found, text)[:limit]

    def shortest_path(self, source: str, target: str, max_hops: int = 6, min_confidence: float = 0.0) -> Subgraph:
        hops = check_hops(max_hops)
        a, b = schema.label_of_key(source), schema.label_of_key(target)
        params, steps, ends = {"s": source, "t": target}, "", []
        if check_min_confidence(min_confidence) > 0 and self._stores_confidence():
            # every step's relationship and node; the two ends, when their labels have one
            params |= confidence.params(min_confidence)
            steps = f" (e, n | WHERE {confidence.condition('e')} AND {confidence.condition('n')})"
            ends = [confidence.condition(v) for v, l in (("a", a), ("b", b)) if confidence.PROP in schema.node_props(l)]
        where = f"WHERE {' AND '.join(ends)} " if ends else ""
        rows = self._rows(f"MATCH p = (a:{a} {{key: $s}})-[* SHORTEST 1..{hops}{steps}]-(b:{b} {{key: $t}}) "
                          f"{where}RETURN nodes(p), rels(p) LIMIT 1", params)
        if not rows:
            return Subgraph()
        return self._to_subgraph(rows[0])

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


def _pool_full(path: str, pool_mb: int, e: Exception) -> str:
    return (f"{path}: {str(e).splitlines()[0]} (LadybugDB's buffer pool is {pool_mb} MB; "
            f"raise GOVKG_BUFFER_POOL_MB)")


def _tables() -> list[tuple[str, dict[str, str]]]:
    """(table, its schema properties) for every node label and relationship type."""
    return [*((l, schema.node_props(l)) for l in schema.node_labels()),
            *((t, schema.rel_props(t)) for t in schema.rel_types())]


def _rel_columns(rtype: str) -> dict[str, str]:
    return {"source": "string", "target": "string", **schema.rel_props(rtype)}


def _copy_rels(rtype: str, fl: str, tl: str) -> str:
    opts = f" (from='{fl}', to='{tl}')" if len(schema.rel_pairs(rtype)) > 1 else ""
    return f"COPY {rtype} FROM govkg_rows{opts}"


class _Pipeline:
    """Runs write statements in order on one worker thread, so Ladybug executes one
    (it releases the GIL) while the caller builds the next Arrow table. The first
    failure stops the rest and is raised on leaving the block."""

    def __init__(self, conn):
        from concurrent.futures import ThreadPoolExecutor
        self.conn, self.pool, self.last = conn, ThreadPoolExecutor(1, thread_name_prefix="govkg-write"), None

    def __call__(self, statement: str, table=None, params: dict | None = None) -> None:
        prev, conn = self.last, self.conn

        def job():
            if prev is not None:
                prev.result()  # re-raises an earlier failure: nothing after it runs
            if table is None:
                conn.execute(statement, params or {})
            else:
                govkg_rows = table  # noqa: F841 - COPY/LOAD FROM find the table by this name
                conn.execute(statement)
        self.last = self.pool.submit(job)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            if self.last is not None:
                self.last.result()  # waits even when the caller failed: no statement outlives the block
        finally:
            self.pool.shutdown()


class _BulkMarker:
    """`<db>.bulk-load`: exists (and is locked) while a first batch is written into
    an empty database without a transaction."""

    def __init__(self, db: str):
        self.path = f"{db}.bulk-load"
        self.fd: int | None = None

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        _lock(self.fd)
        os.write(self.fd, f"{os.getpid()}\n".encode())
        os.fsync(self.fd)
        return self

    def done(self) -> None:
        os.unlink(self.path)

    def __exit__(self, *exc):
        os.close(self.fd)

    @classmethod
    def recover(cls, db: str) -> None:
        """Delete a database whose first bulk batch never finished (its writer died)."""
        path = f"{db}.bulk-load"
        if not os.path.exists(path):
            return
        fd = os.open(path, os.O_RDWR)
        try:
            try:
                _lock(fd)
            except OSError:
                raise StoreError(f"embedded database {db} is in use by another process "
                                 f"(a load is writing it); close that process or pass another --db") from None
            for suffix in ("", ".wal", ".shadow", ".tmp"):
                if os.path.isdir(db + suffix):
                    import shutil
                    shutil.rmtree(db + suffix)
                elif os.path.exists(db + suffix):
                    os.unlink(db + suffix)
            os.unlink(path)
        finally:
            os.close(fd)
        import sys
        print(f"note: {db} held only an interrupted first load; it was deleted and starts empty",
              file=sys.stderr)


def _lock(fd: int) -> None:
    """An exclusive lock without waiting (OSError when another process holds it)."""
    try:
        import fcntl
    except ImportError:  # Windows: the database's own lock still stops a second writer
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _id(internal: dict) -> tuple:
    return internal["table"], internal["offset"]


def _props(v: dict) -> dict:
    return {k: x for k, x in v.items() if not k.startswith("_")}


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


def _arrow(rows: list[dict], props: dict[str, str], prefix: str = ""):
    """rows as an Arrow table with the schema's column types (all-null columns keep their type)."""
    import pyarrow as pa
    return pa.table({prefix + p: pa.array(list(map(itemgetter(p), rows)), _arrow_type(t)) for p, t in props.items()})
