"""Writing the Neo4j store: a batch of records is one write transaction: read the stored
rows for its keys, merge in Python (graph/loading.py, the same rules as the embedded
store), then `UNWIND $rows ... MERGE` on the uniquely constrained keys."""
from __future__ import annotations

import time

from graph import loading, schema
from graph.neo4j_adjacency import STAMP_WRITE
from graph.store import LoadStats, StoreError

ROWS_PER_STATEMENT = 5000
# The server's transaction memory limit (dbms.memory.transaction.total.max, db.memory.transaction.max).
MEMORY_ERROR = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
RETRY_SECONDS = 10  # transient errors (a lost leader, a deadlock) are retried this long


class Neo4jLoader:
    """The load half of Neo4jStore (a mixin: it uses the store's driver)."""

    def _write(self, fn):
        """fn(tx) in one write transaction, retried on transient errors (as the driver's
        execute_write does) except the memory limit, which no retry lifts: _TooBig."""
        exc, delay, deadline = self._neo4j.exceptions, 0.5, time.monotonic() + RETRY_SECONDS
        while True:
            try:
                with self._session() as s, s.begin_transaction() as tx:
                    result = fn(tx)
                    tx.commit()
                    return result
            except (exc.DriverError, exc.Neo4jError) as e:
                if _over_memory_limit(e):
                    raise _TooBig(str(getattr(e, "message", None) or e).splitlines()[0]) from None
                if not e.is_retryable() or time.monotonic() + delay > deadline:
                    raise _store_error(e, self.uri) from None
            time.sleep(delay)
            delay *= 2


    # Articles per transaction: ~175 k relationships; up to 0.8 GB of transaction memory at
    # 1 M stored (a 2 GB heap allows 1.4 GB).
    # A server that allows less makes _load_batch split the batch (MEMORY_ERROR).
    DEFAULT_BATCH = 10000

    def _after_load(self, stats: LoadStats) -> None:
        if stats.articles_loaded:  # searches right after load() see every new name
            self._read("CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()")

    def _load_batch(self, records: list[dict], folded: tuple, stats: LoadStats, progress, fold_next) -> None:
        try:
            plan, fresh = self._write(lambda tx: self._batch_work(tx, records, folded, fold_next))
        except _TooBig as e:
            if len(records) < 2:
                raise StoreError(f"Neo4j at {self.uri}: article {records[0].get('key')} alone needs more "
                                 f"transaction memory than the server allows ({e})") from None
            half = len(records) // 2  # each half is its own transaction: nothing was written
            for part in (records[:half], records[half:]):
                self._load_batch(part, loading.prepare(part, validate=False, identity=self._identity), stats, progress, fold_next)
            return
        stats.articles_read += len(records)
        stats.articles_present += len(records) - len(fresh)
        if plan is not None:
            stats.add_plan(plan, len(fresh))
        if progress:
            progress(len(records))

    def _batch_work(self, tx, records, folded, fold_next):
        done = {r[0] for r in tx.run("UNWIND $keys AS k MATCH (a:Article {key: k}) RETURN a.key",
                                     keys=folded[1])}
        batch, fresh = loading.without_done(records, folded, done, self._identity)
        if not fresh:
            return None, fresh
        self._log_fresh(records, done)  # inside the transaction: a failed write commits nothing
        plan = self._plan(tx, batch)
        # Fold the next batch only now: while it runs, every network read of the
        # result streams above waits up to a GIL switch interval (5 ms) to resume.
        fold_next()
        self._write_plan(tx, plan)
        tx.run(STAMP_WRITE).consume()  # in the same transaction: readers' adjacencies go stale with it
        return plan, fresh

    def _plan(self, tx, batch: loading.Batch) -> loading.Plan:
        existing: dict[str, dict] = {}
        for label in schema.entity_labels():
            for chunk in loading.chunks(batch.node_keys(label), ROWS_PER_STATEMENT * 4):
                for rec in tx.run(f"UNWIND $keys AS k MATCH (n:{label} {{key: k}}) RETURN k, properties(n) AS n",
                                  keys=chunk):
                    existing[rec["k"]] = {**rec["n"], "label": label}
        rels: dict[tuple, dict] = {}
        for (rtype, fl, tl), pairs in loading.rel_candidates(batch, existing).items():
            # Expand from the end with more distinct keys: it has the fewer relationships
            # each (a project has one host, a province hosts thousands).
            wanted = set(pairs)
            by_source = len({s for s, _ in pairs}) >= len({t for _, t in pairs})
            ends = sorted({s if by_source else t for s, t in pairs})
            pattern = (f"(a:{fl} {{key: k}})-[r:{rtype}]->(b:{tl})" if by_source
                       else f"(a:{fl})-[r:{rtype}]->(b:{tl} {{key: k}})")
            for chunk in loading.chunks(ends, ROWS_PER_STATEMENT * 4):
                for rec in tx.run(f"UNWIND $keys AS k MATCH {pattern} RETURN a.key AS s, b.key AS t, "
                                  "elementId(r) AS id, properties(r) AS r", keys=chunk):
                    if (rec["s"], rec["t"]) in wanted:
                        rels[(rtype, rec["s"], rec["t"])] = {**rec["r"], "type": rtype, "_id": rec["id"],
                                                             "source": rec["s"], "target": rec["t"]}
        return loading.plan(batch, existing, rels)

    def _write_plan(self, tx, plan: loading.Plan) -> None:
        for group in (plan.create_nodes, plan.update_nodes):
            for label, rows in group.items():
                self._merge_nodes(tx, label, rows)
        # The plan read this transaction's view of the stored relationships, so new
        # ones are CREATEd: MERGE would scan every relationship of a hub node.
        for (rtype, fl, tl), rows in plan.create_rels.items():
            self._write_rels(tx, "CREATE", rtype, fl, tl, rows)
        for (rtype, fl, tl), rows in plan.update_rels.items():
            self._write_rels(tx, "MATCH", rtype, fl, tl, rows)
        # Article nodes and their MENTIONS last, in one statement per chunk: each
        # Article is found once instead of once per mention.
        mentions: dict[str, dict[str, list]] = {}
        for (_, _, label), rows in plan.mentions.items():
            for m in rows:
                mentions.setdefault(m["source"], {}).setdefault(label, []).append({"k": m["target"], "c": m["count"]})
        labels = sorted({label for (_, _, label) in plan.mentions})
        calls = " ".join(f"CALL (a, row) {{ UNWIND row.m.{l} AS m MATCH (b:{l} {{key: m.k}}) "
                         f"CREATE (a)-[:MENTIONS {{count: m.c}}]->(b) }}" for l in labels)
        rows = [{"props": art, "m": {l: mentions.get(art["key"], {}).get(l, []) for l in labels}}
                for art in plan.articles]
        for chunk in loading.chunks(rows, ROWS_PER_STATEMENT // 5):
            tx.run("UNWIND $rows AS row MERGE (a:Article {key: row.props.key}) SET a += row.props"
                   + (f" WITH a, row {calls}" if calls else ""), rows=chunk).consume()

    def _merge_nodes(self, tx, label: str, rows: list[dict]) -> None:
        for chunk in loading.chunks(rows, ROWS_PER_STATEMENT):
            tx.run(f"UNWIND $rows AS row MERGE (n:{label} {{key: row.key}}) SET n += row", rows=chunk).consume()

    def _write_rels(self, tx, verb: str, rtype: str, fl: str, tl: str, rows: list[dict]) -> None:
        sets = ", ".join(f"r.{p} = row.{p}" for p in schema.rel_props(rtype))
        if verb == "CREATE":
            text = (f"UNWIND $rows AS row MATCH (a:{fl} {{key: row.source}}) MATCH (b:{tl} {{key: row.target}}) "
                    f"CREATE (a)-[r:{rtype}]->(b) SET {sets}")
        else:  # by the id read in this transaction: a direct seek, no expansion of hub nodes
            text = f"UNWIND $rows AS row MATCH ()-[r:{rtype}]->() WHERE elementId(r) = row._id SET {sets}"
        for chunk in loading.chunks(rows, ROWS_PER_STATEMENT):
            tx.run(text, rows=chunk).consume()


class _TooBig(Exception):
    """A batch exceeded the server's transaction memory limit (and was rolled back)."""


def _over_memory_limit(e: Exception) -> bool:
    return getattr(e, "code", None) == MEMORY_ERROR


def _store_error(e: Exception, uri: str) -> StoreError:
    name = type(e).__name__
    msg = (getattr(e, "message", None) or str(e) or name).splitlines()[0]
    if name in ("AuthError",) or "unauthorized" in msg.lower() or "authentication" in msg.lower():
        return StoreError(f"Neo4j at {uri} refused the credentials ({msg}); check NEO4J_USER/NEO4J_PASSWORD")
    if name in ("ServiceUnavailable", "SessionExpired", "DatabaseUnavailable") or "connect" in msg.lower():
        # DatabaseUnavailable: the server answers but is shutting down or not started yet
        return StoreError(f"cannot reach Neo4j at {uri} ({msg}); start it with "
                          "`python -m graph.neo4j_server start` or fix --uri/NEO4J_URI")
    if name in ("ConfigurationError", "ValueError") or "scheme" in msg.lower():
        return StoreError(f"bad Neo4j URI {uri!r} ({msg}); use e.g. bolt://127.0.0.1:7687")
    return StoreError(f"Neo4j at {uri}: {name}: {msg}")


