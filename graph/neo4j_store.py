"""The Neo4j store: the official driver, managed transactions, parameters only.

A batch of records is one write transaction: read the stored rows for its
keys, merge in Python (graph/loading.py, the same rules as the embedded
store), then `UNWIND $rows ... MERGE` on the uniquely constrained keys.
"""
from __future__ import annotations

import logging
import time
from typing import Iterable, Iterator

from graph import confidence, loading, schema
from graph.store import (BaseStore, LoadStats, QueryResult, ReadOnlyError, StoreError, Subgraph,
                         cap_rows, check_hops, check_min_confidence, check_read_only, full_edge, full_node,
                         rank_hits)

ROWS_PER_STATEMENT = 5000
# The server's transaction memory limit (dbms.memory.transaction.total.max, db.memory.transaction.max).
MEMORY_ERROR = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
RETRY_SECONDS = 10  # transient errors (a lost leader, a deadlock) are retried this long

# The driver logs retries and routing trouble itself; our errors say it in one line.
_log = logging.getLogger("neo4j")
_log.addHandler(logging.NullHandler())
_log.propagate = False


class Neo4jStore(BaseStore):
    kind = "neo4j"

    def __init__(self, uri: str, user: str = "neo4j", password: str = "", database: str | None = None):
        try:
            import neo4j
        except ImportError as e:  # pragma: no cover - neo4j is in requirements.txt
            raise StoreError("the Neo4j store needs the driver: pip install neo4j") from e
        self._neo4j = neo4j
        self.uri, self.database = uri, database
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"):
            raise StoreError(f"bad Neo4j URI {uri!r}: use bolt://HOST:7687 or neo4j://HOST:7687 "
                             f"(neo4j+s:// for Aura)")
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password),
                                                      connection_timeout=5, max_transaction_retry_time=10,
                                                      notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except Exception as e:  # noqa: BLE001 - every driver failure becomes one actionable line
            if getattr(self, "_driver", None) is not None:
                self._driver.close()
            raise _store_error(e, uri) from None

    # -- plumbing --------------------------------------------------------------
    def _session(self, **kw):
        return self._driver.session(database=self.database, **kw)

    def _read(self, cypher: str, params: dict | None = None) -> list:
        try:
            with self._session() as s:
                return s.execute_read(lambda tx: list(tx.run(cypher, params or {})))
        except (self._neo4j.exceptions.DriverError, self._neo4j.exceptions.Neo4jError) as e:
            raise _store_error(e, self.uri) from None

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

    # -- lifecycle ------------------------------------------------------------
    def ensure_schema(self) -> None:
        with self._session() as s:
            for ddl in schema.neo4j_ddl():
                try:
                    s.run(ddl).consume()
                except self._neo4j.exceptions.ClientError:
                    if "FULLTEXT" not in ddl:
                        raise
                    # Servers that index only string properties: fall back to the name.
                    s.run(ddl.replace("[n.name, n.aliases]", "[n.name]")).consume()
            s.run("CALL db.awaitIndexes(60)").consume()

    def close(self) -> None:
        if getattr(self, "_driver", None) is not None:
            self._driver.close()
            self._driver = None

    def clear(self) -> None:
        # Relationships first, in chunks: DETACH DELETE of 10,000 nodes takes their hubs'
        # relationships (and provenance lists) into one transaction, past the server's
        # transaction memory limit on a 1 M-relationship graph. A server with a smaller
        # limit gets smaller chunks; what was deleted before stays deleted.
        rows = 10000
        while True:
            try:
                with self._session() as s:
                    s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF $rows ROWS",
                          rows=rows).consume()
                    s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $rows ROWS",
                          rows=rows).consume()
                return
            except (self._neo4j.exceptions.DriverError, self._neo4j.exceptions.Neo4jError) as e:
                if not _over_memory_limit(e) or rows <= 10:
                    raise _store_error(e, self.uri) from None
                rows //= 10

    # -- writing ---------------------------------------------------------------
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
                self._load_batch(part, loading.prepare(part, validate=False), stats, progress, fold_next)
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
        batch, fresh = loading.without_done(records, folded, done)
        if not fresh:
            return None, fresh
        self._log_fresh(records, done)  # inside the transaction: a failed write commits nothing
        plan = self._plan(tx, batch)
        # Fold the next batch only now: while it runs, every network read of the
        # result streams above waits up to a GIL switch interval (5 ms) to resume.
        fold_next()
        self._write_plan(tx, plan)
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

    # -- reading ---------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {l: self._read(f"MATCH (n:{l}) RETURN count(n) AS c")[0]["c"] for l in schema.node_labels()}
        rels = {t: self._read(f"MATCH ()-[r:{t}]->() RETURN count(r) AS c")[0]["c"] for t in schema.rel_types()}
        return {"nodes": nodes, "relationships": rels}

    def _nodes_by_keys(self, keys: Iterable[str]) -> dict[str, dict]:
        out = {}
        for label, ks in loading.keys_by_label(keys).items():
            for chunk in loading.chunks(sorted(ks), 20_000):
                for rec in self._read(f"UNWIND $keys AS k MATCH (n:{label} {{key: k}}) "
                                      "RETURN k, properties(n) AS n", {"keys": chunk}):
                    out[rec["k"]] = full_node(label, rec["n"])
        return out

    def _adjacent(self, keys: Iterable[str], types: list[str] | None = None,
                  min_confidence: float = 0.0) -> list[dict]:
        rel = f"r:{'|'.join(types)}" if types else "r"
        out = {}
        for label, ks in loading.keys_by_label(keys).items():
            conds = self._confidence_conditions(label, types, "both", min_confidence)
            where = f"WHERE {' AND '.join(conds)} " if conds else ""
            rows = self._read(f"UNWIND $keys AS k MATCH (a:{label} {{key: k}})-[{rel}]-(b) {where}"
                              "RETURN startNode(r).key AS s, endNode(r).key AS t, type(r) AS type, "
                              "properties(r) AS r", {"keys": sorted(ks), **confidence.params(min_confidence)})
            for rec in rows:
                out[(rec["type"], rec["s"], rec["t"])] = full_edge(rec["type"], rec["s"], rec["t"], rec["r"])
        return list(out.values())

    def search(self, text: str, labels: list[str] | None = None, limit: int = 20) -> list[dict]:
        text = (text or "").strip()
        if not text:
            return []
        labels = labels or schema.node_labels()
        for label in labels:
            if label not in schema.node_labels():
                raise StoreError(f"unknown label {label!r}")
        found = []
        rows = self._read(f"CALL db.index.fulltext.queryNodes('{schema.FULLTEXT_INDEX}', $q, {{limit: $cap}}) "
                          "YIELD node RETURN labels(node)[0] AS label, properties(node) AS n",
                          {"q": _lucene_phrase(text), "cap": limit * 5})
        found += [full_node(r["label"], r["n"]) for r in rows if r["label"] in labels]
        for label in labels:  # CONTAINS finds partial names the analyzer splits differently
            alias = "OR any(a IN n.aliases WHERE a CONTAINS $t) " if "aliases" in schema.node_props(label) else ""
            rows = self._read(f"MATCH (n:{label}) WHERE n.name CONTAINS $t {alias}"
                              "RETURN properties(n) AS n LIMIT $cap", {"t": text, "cap": limit * 20})
            found += [full_node(label, r["n"]) for r in rows]
        return rank_hits(found, text)[:limit]

    def shortest_path(self, source: str, target: str, max_hops: int = 6, min_confidence: float = 0.0) -> Subgraph:
        hops = check_hops(max_hops)
        a, b = schema.label_of_key(source), schema.label_of_key(target)
        if source == target:
            return Subgraph()
        where = ""
        if check_min_confidence(min_confidence) > 0:  # every relationship and node of the path, its ends too
            where = (f" WHERE all(r IN relationships(p) WHERE {confidence.condition('r')})"
                     f" AND all(n IN nodes(p) WHERE {confidence.condition('n')})")
        rows = self._read(f"MATCH (a:{a} {{key: $s}}) MATCH (b:{b} {{key: $t}}) "
                          f"MATCH p = shortestPath((a)-[*..{hops}]-(b)){where} RETURN p LIMIT 1",
                          {"s": source, "t": target, **confidence.params(min_confidence)})
        if not rows:
            return Subgraph()
        return _subgraph(rows[0]["p"])

    def query(self, cypher, params=None, limit=1000, timeout=10.0) -> QueryResult:
        neo4j = self._neo4j
        params = dict(params or {})
        text = cap_rows(check_read_only(cypher), params, limit)

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx):
            result = tx.run(text, params)
            rows = []
            for rec in result:
                rows.append(list(rec.values()))
                if len(rows) > limit:
                    break
            columns = list(result.keys())
            result.consume()
            return columns, rows, _endpoint_keys(tx, rows)

        try:
            with self._session(default_access_mode=neo4j.READ_ACCESS) as s:
                columns, rows, keys = s.execute_read(work)
        except neo4j.exceptions.Neo4jError as e:
            msg = (e.message or str(e)).splitlines()[0]
            if "AccessMode" in (e.code or "") or "write" in msg.lower() and "read" in msg.lower():
                raise ReadOnlyError(f"read-only: {msg}") from None
            raise StoreError(f"query failed: {msg}") from None
        except neo4j.exceptions.DriverError as e:
            raise _store_error(e, self.uri) from None
        truncated = len(rows) > limit
        rows = rows[:limit]
        return QueryResult(columns=columns, rows=[[_plain(v, keys) for v in r] for r in rows],
                           subgraph=self._with_endpoints(_subgraph(rows, keys)), truncated=truncated)

    def iter_nodes(self, labels=None) -> Iterator[dict]:
        # A result streams from the server in fetch_size pages: bounded memory.
        for label in labels or schema.node_labels():
            with self._session(fetch_size=5000) as s:
                for rec in s.run(f"MATCH (n:{label}) RETURN properties(n) AS n"):
                    yield full_node(label, rec["n"])

    def iter_edges(self, types=None) -> Iterator[dict]:
        for rtype in types or schema.rel_types():
            with self._session(fetch_size=5000) as s:
                for rec in s.run(f"MATCH (a)-[r:{rtype}]->(b) RETURN a.key AS s, b.key AS t, properties(r) AS r"):
                    yield full_edge(rtype, rec["s"], rec["t"], rec["r"])


def _lucene_phrase(text: str) -> str:
    """User text as one quoted Lucene phrase (no query syntax gets through)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _TooBig(Exception):
    """A batch exceeded the server's transaction memory limit (and was rolled back)."""


def _over_memory_limit(e: Exception) -> bool:
    return getattr(e, "code", None) == MEMORY_ERROR


def _store_error(e: Exception, uri: str) -> StoreError:
    name = type(e).__name__
    msg = (getattr(e, "message", None) or str(e) or name).splitlines()[0]
    if name in ("AuthError",) or "unauthorized" in msg.lower() or "authentication" in msg.lower():
        return StoreError(f"Neo4j at {uri} refused the credentials ({msg}); check NEO4J_USER/NEO4J_PASSWORD")
    if name in ("ServiceUnavailable", "SessionExpired") or "connect" in msg.lower():
        return StoreError(f"cannot reach Neo4j at {uri} ({msg}); start it with "
                          "`python -m graph.neo4j_server start` or fix --uri/NEO4J_URI")
    if name in ("ConfigurationError", "ValueError") or "scheme" in msg.lower():
        return StoreError(f"bad Neo4j URI {uri!r} ({msg}); use e.g. bolt://127.0.0.1:7687")
    return StoreError(f"Neo4j at {uri}: {name}: {msg}")


def _node(n) -> dict:
    label = next((l for l in n.labels if l in schema.node_labels()), next(iter(n.labels), "?"))
    return full_node(label, dict(n))


def _edge(r, keys: dict | None = None) -> dict:
    def key(n):
        return n.get("key") if n is not None and n.get("key") else (keys or {}).get(n.element_id)
    return full_edge(r.type, key(r.start_node), key(r.end_node), dict(r))


def _endpoint_keys(tx, rows) -> dict[str, str]:
    """Keys of relationship endpoints the result did not carry (element id -> key)."""
    from neo4j.graph import Relationship
    missing = set()

    def walk(v):
        if isinstance(v, Relationship):
            missing.update(n.element_id for n in (v.start_node, v.end_node) if n is not None and not n.get("key"))
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
    walk(rows)
    if not missing:
        return {}
    return {r["id"]: r["key"] for r in tx.run("MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS id, n.key AS key",
                                              ids=sorted(missing))}


def _plain(v, keys: dict | None = None):
    """A driver value with Node/Relationship/Path turned into node/edge dicts."""
    from neo4j.graph import Node, Path, Relationship
    if isinstance(v, Node):
        return _node(v)
    if isinstance(v, Relationship):
        return _edge(v, keys)
    if isinstance(v, Path):
        return {"nodes": [_node(n) for n in v.nodes], "relationships": [_edge(r, keys) for r in v.relationships]}
    if isinstance(v, list):
        return [_plain(x, keys) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x, keys) for k, x in v.items()}
    return v


def _subgraph(value, keys: dict | None = None) -> Subgraph:
    from neo4j.graph import Node, Path, Relationship
    nodes, edges = {}, {}

    def walk(v):
        if isinstance(v, Node):
            nodes[v["key"]] = _node(v)
        elif isinstance(v, Relationship):
            e = _edge(v, keys)
            edges[(e["type"], e["source"], e["target"])] = e
        elif isinstance(v, Path):
            for x in list(v.nodes) + list(v.relationships):
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif hasattr(v, "values") and callable(v.values):  # a driver Record
            walk(list(v.values()))
    walk(value)
    return Subgraph(nodes=list(nodes.values()), edges=list(edges.values()))
