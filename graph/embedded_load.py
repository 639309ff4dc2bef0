"""Writing the embedded store: COPY from Arrow tables for new rows, LOAD FROM/MATCH/SET
for stored ones, one transaction per batch, except the first batch into an empty file,
copied straight in (twice as fast); a crash there resets the file to empty (_BulkMarker)."""
from __future__ import annotations

import os
from operator import itemgetter

from graph import loading, schema
from graph.store import LoadStats, StoreError


def _arrow_type(t: str):
    import pyarrow as pa
    return {"string": pa.string(), "string[]": pa.list_(pa.string()), "int": pa.int64(),
            "float": pa.float64()}[t]



class EmbeddedLoader:
    """The load half of EmbeddedStore (a mixin: it uses the store's connection)."""

    # Bigger transactions are cheaper here: COPY is fast and each commit of updates
    # to existing rows costs seconds at 1 M relationships; 20 k articles of real news
    # hold ~60 MB of text.
    DEFAULT_BATCH = 20_000

    def _load(self, records, batch_size=None, progress=None) -> LoadStats:
        # Into an empty store the first batch is written without a transaction (see
        # _load_batch): COPY straight into the file is twice as fast as COPY + COMMIT.
        self._bulk = not self.read_only and self._is_empty()
        try:
            return super()._load(records, batch_size, progress)
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
        batch, fresh = loading.without_done(records, folded, done, self._identity)
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
            remove_db(db)
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


def _arrow(rows: list[dict], props: dict[str, str], prefix: str = ""):
    """rows as an Arrow table with the schema's column types (all-null columns keep their type)."""
    import pyarrow as pa
    return pa.table({prefix + p: pa.array(list(map(itemgetter(p), rows)), _arrow_type(t)) for p, t in props.items()})



def _props(v: dict) -> dict:
    return {k: x for k, x in v.items() if not k.startswith("_")}


DB_FILES = ("", ".wal", ".wal.checkpoint", ".shadow", ".tmp")  # a database file and what LadybugDB keeps beside it


def remove_db(db: str, extra: tuple[str, ...] = ()) -> None:
    """Delete an embedded database file, its side files and db + each of `extra`."""
    import shutil
    for path in (db + s for s in (*DB_FILES, *extra)):
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)
