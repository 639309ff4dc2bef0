"""The embedded store: one LadybugDB file, Cypher, no server.

New rows go in through COPY from Arrow tables (fast); rows that exist are
updated with UNWIND/MATCH/SET. Each batch is one transaction.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from graph import loading, schema
from graph.store import (BaseStore, LoadStats, QueryResult, ReadOnlyError, StoreError, Subgraph,
                         cap_rows, check_hops, check_read_only, full_edge, full_node, rank_hits)

def _default_pool_mb() -> int:
    """A quarter of RAM, 1–8 GB: a 1 M-relationship load overflowed a fixed 1 GB pool."""
    try:
        ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 20
    except (ValueError, OSError, AttributeError):
        ram_mb = 4096
    return max(1024, min(ram_mb // 4, 8192))


BUFFER_POOL_MB = int(os.environ.get("GOVKG_BUFFER_POOL_MB") or _default_pool_mb())
PAGE = 20_000  # nodes per page when streaming nodes
EDGE_PAGE = 2_000  # source nodes per page when streaming edges (an Article has ~20 MENTIONS)


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
        self.path = str(path)
        if not read_only:
            try:
                os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the folder of embedded database {self.path}: "
                                 f"{e.strerror or e}") from None
        elif not os.path.exists(self.path):
            raise StoreError(f"embedded database {self.path} does not exist (load some articles first)")
        try:
            # Checkpoint once per load() rather than at every large commit (the WAL
            # keeps committed batches safe in between).
            self._db = ladybug.Database(self.path, buffer_pool_size=buffer_pool_mb << 20,
                                        read_only=read_only, checkpoint_threshold=1 << 30)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            msg = str(e).splitlines()[0]
            if "lock" in msg.lower():
                raise StoreError(f"embedded database {self.path} is in use by another process "
                                 f"({msg}); close that process or pass another --db") from None
            raise StoreError(f"cannot open embedded database {self.path}: {msg}") from None
        self.read_only = read_only
        self._table_names: dict[int, str] | None = None

    # -- lifecycle ------------------------------------------------------------
    def ensure_schema(self) -> None:
        if self.read_only:
            return
        for ddl in schema.ladybug_ddl():
            self._conn.execute(ddl)

    def close(self) -> None:
        if getattr(self, "_conn", None) is not None:
            self._conn.close()
            self._db.close()
            self._conn = None

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
        return self._conn.execute(cypher, params or {}).get_all()

    # -- writing ---------------------------------------------------------------
    # Bigger transactions are cheaper here: COPY is fast and each commit of
    # updates to existing rows costs ~1 s; 10 k articles hold ~50 MB of text.
    DEFAULT_BATCH = 10_000

    def _after_load(self, stats: LoadStats) -> None:
        if stats.articles_loaded:
            self._conn.execute("CHECKPOINT")

    def _load_batch(self, records: list[dict], stats: LoadStats, progress) -> None:
        for rec in records:
            loading.validate_record(rec)
        stats.articles_read += len(records)
        keys = sorted({r["key"] for r in records})
        done = {r[0] for r in self._rows("UNWIND $keys AS k MATCH (a:Article {key: k}) RETURN a.key",
                                         {"keys": keys})}
        todo = loading.drop_articles(records, done)
        batch, fresh = loading.prepare(todo, validate=False)
        stats.articles_present += len(records) - len(fresh)
        if fresh:
            self._conn.execute("BEGIN TRANSACTION")
            try:
                plan = self._plan(batch)
                self._write(plan)
                self._conn.execute("COMMIT")
            except BaseException as e:
                self._rollback()
                if isinstance(e, RuntimeError):  # Ladybug's errors: one line, nothing written
                    msg = str(e).splitlines()[0]
                    hint = " (raise GOVKG_BUFFER_POOL_MB)" if "buffer pool" in msg.lower() else ""
                    raise StoreError(f"loading into {self.path} failed: {msg}{hint}") from None
                raise
            stats.add_plan(plan, len(fresh))
        if progress:
            progress(len(records))

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
        for label, rows in plan.create_nodes.items():
            self._copy_nodes(label, rows)
        # Updates scan an Arrow table with LOAD FROM: ~7x faster than UNWIND $rows.
        for label, rows in plan.update_nodes.items():
            props = schema.node_props(label)
            sets = ", ".join(f"n.{p} = u_{p}" for p in props if p != "key")
            self._scan(f"LOAD FROM govkg_rows MATCH (n:{label} {{key: u_key}}) SET {sets}",
                       _arrow(rows, props, prefix="u_"))
        for (rtype, fl, tl), rows in plan.create_rels.items():
            self._copy_rels(rtype, fl, tl, rows)
        for (rtype, fl, tl), rows in plan.update_rels.items():
            props = {"source": "string", "target": "string", **schema.rel_props(rtype)}
            sets = ", ".join(f"r.{p} = u_{p}" for p in schema.rel_props(rtype))
            self._scan(f"LOAD FROM govkg_rows MATCH (a:{fl} {{key: u_source}}) MATCH (b:{tl} {{key: u_target}}) "
                       f"MATCH (a)-[r:{rtype}]->(b) SET {sets}", _arrow(rows, props, prefix="u_"))
        # Article nodes and MENTIONS last: an Article node marks its article done.
        self._copy_nodes("Article", plan.articles)
        for (rtype, fl, tl), rows in plan.mentions.items():
            self._copy_rels(rtype, fl, tl, rows)
            # mention_count re-derived from the MENTIONS edges rather than old + new: a
            # process killed inside a checkpoint can leave node rows ahead of the edges,
            # and the re-run must not count those articles twice.
            keys = sorted({r["target"] for r in rows})
            for chunk in loading.chunks(keys, 20_000):
                self._conn.execute(
                    f"MATCH (:Article)-[m:MENTIONS]->(n:{tl}) WHERE n.key IN $keys "
                    f"WITH n, sum(m.count) AS c SET n.mention_count = c", {"keys": chunk})

    def _copy_nodes(self, label: str, rows: list[dict]) -> None:
        if rows:
            self._scan(f"COPY {label} FROM govkg_rows", _arrow(rows, schema.node_props(label)))

    def _copy_rels(self, rtype: str, fl: str, tl: str, rows: list[dict]) -> None:
        if not rows:
            return
        table = _arrow(rows, {"source": "string", "target": "string", **schema.rel_props(rtype)})
        opts = f" (from='{fl}', to='{tl}')" if len(schema.rel_pairs(rtype)) > 1 else ""
        self._scan(f"COPY {rtype} FROM govkg_rows{opts}", table)

    def _scan(self, statement: str, govkg_rows) -> None:
        # COPY/LOAD FROM find the Arrow table by its variable name in this frame.
        self._conn.execute(statement)

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

    def _adjacent(self, keys: Iterable[str], types: list[str] | None = None) -> list[dict]:
        rel = f"r:{'|'.join(types)}" if types else "r"
        out = {}
        for label, ks in loading.keys_by_label(keys).items():
            for arrow in (f"-[{rel}]->", f"<-[{rel}]-"):
                for a, b, t, r in self._rows(
                        # `WHERE a.key IN $keys` uses the key index; UNWIND … {key: k} scanned (10x at 1 M rels)
                        f"MATCH (a:{label}){arrow}(b) WHERE a.key IN $keys RETURN a.key, b.key, label(r), r",
                        {"keys": sorted(ks)}):
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

    def shortest_path(self, source: str, target: str, max_hops: int = 6) -> Subgraph:
        hops = check_hops(max_hops)
        a, b = schema.label_of_key(source), schema.label_of_key(target)
        rows = self._rows(f"MATCH p = (a:{a} {{key: $s}})-[* SHORTEST 1..{hops}]-(b:{b} {{key: $t}}) "
                          "RETURN nodes(p), rels(p) LIMIT 1", {"s": source, "t": target})
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

    def iter_nodes(self, labels=None) -> Iterator[dict]:
        for label in labels or schema.node_labels():
            top = self._rows(f"MATCH (n:{label}) RETURN max(offset(id(n)))")[0][0]
            for lo in range(0, (top if top is not None else -1) + 1, PAGE):
                for (n,) in self._rows(f"MATCH (n:{label}) WHERE offset(id(n)) >= $lo AND offset(id(n)) < $hi "
                                       "RETURN n", {"lo": lo, "hi": lo + PAGE}):
                    yield full_node(label, n)

    def iter_edges(self, types=None) -> Iterator[dict]:
        for rtype in types or schema.rel_types():
            for fl in sorted({a for a, _ in schema.rel_pairs(rtype)}):
                top = self._rows(f"MATCH (n:{fl}) RETURN max(offset(id(n)))")[0][0]
                for lo in range(0, (top if top is not None else -1) + 1, EDGE_PAGE):
                    for s, t, r in self._rows(
                            f"MATCH (a:{fl})-[r:{rtype}]->(b) WHERE offset(id(a)) >= $lo AND offset(id(a)) < $hi "
                            "RETURN a.key, b.key, r", {"lo": lo, "hi": lo + EDGE_PAGE}):
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
    return pa.table({prefix + p: pa.array([r.get(p) for r in rows], _arrow_type(t)) for p, t in props.items()})
