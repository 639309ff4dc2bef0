"""The Neo4j store: the official driver, managed transactions, parameters only.

Loading: graph/neo4j_load.py. Traversals rank and cap over an in-memory adjacency
kept fresh by a change stamp (graph/neo4j_adjacency.py), or, with it turned off, inside
Cypher (one query per hop; every lookup by label and key index); either way they return
properties only for the edges they keep.
"""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

import numpy as np

from graph import confidence, loading, provenance, schema
from graph import provenance as provenance_
from graph.base import BaseStore
from graph.neo4j_adjacency import META_DDL, Neo4jAdjacency
from graph.neo4j_load import Neo4jLoader, _over_memory_limit, _store_error
from graph.neo4j_values import endpoint_keys, plain, subgraph
from graph.readonly import cap_rows, check_read_only
from graph.store import PROVENANCE, QueryResult, ReadOnlyError, StoreError, Subgraph, full_edge, full_node, rank_hits
from graph.traverse import Filters


# The driver logs retries and routing trouble itself; our errors say it in one line.
_log = logging.getLogger("neo4j")
_log.addHandler(logging.NullHandler())
_log.propagate = False


class Neo4jStore(Neo4jAdjacency, Neo4jLoader, BaseStore):
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

    def _read_rows(self, cypher: str, columns: dict[str, str], params: dict | None = None) -> list[dict]:
        """cypher's rows (columns: name -> expression) collected into one record: the driver
        spends ~40 µs on each record it decodes, so 300 rows cost ~12 ms against ~4 ms for one."""
        rows = self._read(f"{cypher} RETURN collect([{', '.join(columns.values())}]) AS rows", params)
        return [dict(zip(columns, r)) for r in rows[0]["rows"]]

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
            s.run(META_DDL).consume()  # the one change-stamp node (graph/neo4j_adjacency.py)
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
                self._changed()  # the stamp node went too: other stores rebuild
                return
            except (self._neo4j.exceptions.DriverError, self._neo4j.exceptions.Neo4jError) as e:
                if not _over_memory_limit(e) or rows <= 10:
                    raise _store_error(e, self.uri) from None
                rows //= 10

    # -- reading ---------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {l: self._read(f"MATCH (n:{l}) RETURN count(n) AS c")[0]["c"] for l in schema.node_labels()}
        rels = {t: self._read(f"MATCH ()-[r:{t}]->() RETURN count(r) AS c")[0]["c"] for t in schema.rel_types()}
        return {"nodes": nodes, "relationships": rels}

    def _nodes_by_keys(self, keys: Iterable[str]) -> dict[str, dict]:
        out = {}
        for chunk in loading.chunks(sorted(set(keys)), 5_000):  # one round trip for every label
            params: dict = {}
            text = _match_frontier(chunk, params)
            for rec in self._read_rows(text, {"k": "a.key", "l": "labels(a)", "n": "properties(a)"}, params):
                label = next(l for l in rec["l"] if l in schema.node_labels())
                out[rec["k"]] = full_node(label, rec["n"])
        return out

    def _edges(self, keys: Iterable[str], types: list[str] | None = None, direction: str = "both",
               min_confidence: float = 0.0, prov: int | None = None) -> list[dict]:
        rel = f"r:{'|'.join(types)}" if types else "r"
        pattern = {"out": f"-[{rel}]->", "in": f"<-[{rel}]-", "both": f"-[{rel}]-"}[direction]
        out = {}
        for label, ks in loading.keys_by_label(keys).items():
            # r and the far node b at or above min_confidence (parameters: confidence.params)
            conds = confidence.pattern_conditions(label, types, direction) if min_confidence > 0 else []
            where = f"WHERE {' AND '.join(conds)} " if conds else ""
            # a seek even when the planner would rather scan the whole key index (many keys, stale statistics)
            rows = self._read_rows(f"UNWIND $keys AS k MATCH (a:{label} {{key: k}}){pattern}(b) "
                                   f"USING INDEX SEEK a:{label}(key) {where}", _edge_columns(prov),
                                   {"keys": sorted(ks), "prov": prov, **confidence.params(min_confidence)})
            for rec in rows:
                out[(rec["type"], rec["s"], rec["t"])] = _edge_of(rec, prov)
        return list(out.values())

    def _expand(self, frontier, seen, budget, f):
        adj = self._adjacency()
        if adj is not None:
            return adj.expand(frontier, seen, budget, f)
        where, params = _step_conditions(f)
        text = (f"{_match_frontier(frontier, params)} MATCH (a)-[{_rel(f)}]-(b) "
                f"WHERE NOT b.key IN $seen{where} "
                # weight: the supporting articles (a MENTIONS edge: how often the article names it);
                # the stored count, not the list (a row stored before the count: the list)
                f"WITH b.key AS key, sum(CASE type(r) WHEN 'MENTIONS' THEN r.count "
                f"ELSE coalesce(r.{schema.WEIGHT}, size(r.articles)) END) AS w "
                "ORDER BY w DESC, key RETURN collect(key)[..$budget] AS kept, count(*) AS total")
        rec = self._read(text, {**params, "seen": sorted(seen), "budget": max(0, int(budget))})[0]
        return list(rec["kept"]), rec["total"]

    def _edges_among(self, expanded, keys, f, prov=None):
        adj = self._adjacency()
        if adj is not None:
            return self._edges_by_ids(adj, adj.edge_ids_among(expanded, keys, f), prov)
        where, params = _step_conditions(f, far_labels=False)
        keys = sorted(set(keys))
        rel = _rel(f)
        # A node with more relationships than there are kept nodes (a hub) is not expanded:
        # the kept nodes are bound by index and each pair checked (Expand(Into) walks the
        # smaller side), so a hub's thousands of relationships are not read a second time.
        kept = _match_frontier(keys, params, var="b", prefix="m")
        rows = self._read_rows(f"{_match_frontier(expanded, params)} WITH a, COUNT {{ (a)-[{rel}]-() }} AS degree "
                               "CALL (a, degree) { "
                               f"WITH a WHERE degree <= $dense MATCH (a)-[{rel}]-(b) WHERE b.key IN $keys{where} RETURN r "
                               f"UNION ALL WITH a WHERE degree > $dense {kept} "
                               f"MATCH (a)-[{rel}]-(b) WHERE b.key IN $keys{where} RETURN r }}",
                               _edge_columns(prov), {**params, "keys": keys, "dense": len(keys), "prov": prov})
        out = {}
        for rec in rows:
            out[(rec["type"], rec["s"], rec["t"])] = _edge_of(rec, prov)
        return list(out.values())

    def _places_of(self, projects, min_confidence, prov=None):
        # One query for the tracer's HOSTS, PART_OF climb and LEADS (graph/tracer.py asks a
        # query per hop): the climb is one pruning variable-length expand, each place reached once.
        def ok(*vs):  # r and the far node at or above min_confidence
            return " WHERE " + " AND ".join(map(confidence.condition, vs)) if min_confidence > 0 else ""
        climb = (f" WHERE all(r IN relationships(p) WHERE {confidence.condition('r')})"
                 f" AND all(n IN nodes(p) WHERE {confidence.condition('n')})" if min_confidence > 0 else "")
        params = {**confidence.params(min_confidence), "prov": prov}
        edge = f"[startNode(r).key, endNode(r).key, {'properties(r)' if prov is None else provenance.cypher_props('r')}]"
        rec = self._read(f"{_match_frontier(projects, params, var='j')} MATCH (j)<-[r:HOSTS]-(h){ok('r', 'h')} "
                         "WITH collect(r) AS hosts, collect(DISTINCT h) AS hs "
                         f"CALL (hs) {{ UNWIND hs AS h MATCH p = (h)-[:PART_OF*0..]->(x){climb} "
                         "WITH DISTINCT x RETURN collect(x) AS places } "
                         f"CALL (places) {{ UNWIND places AS x MATCH (x)-[r:PART_OF]->(y){ok('r', 'y')} "
                         "RETURN collect(r) AS ups } "
                         f"CALL (places) {{ UNWIND places AS x MATCH (x)<-[r:LEADS]-(o){ok('r', 'o')} "
                         "RETURN collect(r) AS leads } "
                         f"RETURN [r IN hosts | {edge}] AS hosts, [r IN ups | {edge}] AS ups, "
                         f"[r IN leads | {edge}] AS leads", params)[0]
        return tuple([provenance.finish(full_edge(t, s, d, r), r, prov) for s, d, r in rec[col]]
                     for t, col in (("HOSTS", "hosts"), ("PART_OF", "ups"), ("LEADS", "leads")))

    def search(self, text: str, labels: list[str] | None = None, limit: int = 20) -> list[dict]:
        text = (text or "").strip()
        if not text:
            return []
        labels = labels or schema.node_labels()
        for label in labels:
            if label not in schema.node_labels():
                raise StoreError(f"unknown label {label!r}")
        adj = self._adjacency()
        if adj is not None:  # names and aliases held with the adjacency, ranked as rank_hits ranks
            keys = adj.search(text, labels, limit)
            nodes = self._read_ids_and_keys(adj, np.zeros(0, np.int64), keys, {}, None)[1]
            return [nodes[k] for k in keys if k in nodes]
        ft = f"CALL db.index.fulltext.queryNodes('{schema.FULLTEXT_INDEX}', $q{{}}) YIELD node RETURN node AS n"
        if _phrase_is_substring(text):
            # The full-text phrase (CJK bigrams) finds exactly the names and aliases containing
            # text, all of them: the TEXT indexes would add nothing but ~10 ms at 1 M (a
            # two-character string is shorter than their trigrams, so each index is scanned).
            branches = [ft.format("")]
        else:  # one character, or not only Chinese: the analyzer splits it otherwise
            # names through each label's TEXT index (CONTAINS), aliases by a scan of each label
            branches = [ft.format(", {limit: $cap}")]
            branches += [f"MATCH (n:{label}) WHERE n.{prop} CONTAINS $t RETURN n" for label in labels
                         for prop in schema.search_spec()["text"] if prop in schema.node_props(label)]
            branches += [f"MATCH (n:{label}) WHERE any(a IN n.aliases WHERE a CONTAINS $t) RETURN n"
                         for label in labels if "aliases" in schema.node_props(label)]
        # One query, ranked as rank_hits does.
        rows = self._read(
            "CALL () { " + " UNION ".join(branches) + " } "
            "WITH n WHERE any(l IN labels(n) WHERE l IN $labels) "
            "WITH n, [n.name] + coalesce(n.aliases, []) AS forms "
            "WITH n, CASE WHEN $t IN forms THEN 0 WHEN any(f IN forms WHERE f STARTS WITH $t) THEN 1 "
            "WHEN any(f IN forms WHERE f CONTAINS $t) THEN 2 ELSE 3 END AS rank "
            "ORDER BY rank, coalesce(n.mention_count, 0) DESC, size(n.name), n.key LIMIT $limit "
            "RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS n",
            {"q": _lucene_phrase(text), "t": text, "cap": limit * 20, "labels": labels, "limit": limit})
        return rank_hits([full_node(r["label"], r["n"]) for r in rows], text)[:limit]

    def shortest_path(self, source: str, target: str, max_hops: int = 6, min_confidence: float = 0.0,
                      include_mentions: bool = False, provenance: int | None = PROVENANCE) -> Subgraph:
        hops, f = self._path_filters(max_hops, min_confidence, include_mentions)
        a, b = schema.label_of_key(source), schema.label_of_key(target)
        if source == target:
            return Subgraph()
        adj = self._adjacency()
        if adj is not None:  # bidirectional breadth-first over the arrays, as the embedded store
            eids = adj.path(source, target, hops, f, ids=True)
            return self._path_subgraph(source, None if eids is None else adj.triples(eids),
                                       lambda keys: self._read_ids_and_keys(adj, eids, keys, {}, provenance))
        # rebuilt too recently (graph/neo4j_adjacency.py): Cypher's own
        where = ""
        if f.min_confidence > 0:  # every relationship and node of the path, its ends too
            where = (f" WHERE all(r IN relationships(p) WHERE {confidence.condition('r')})"
                     f" AND all(n IN nodes(p) WHERE {confidence.condition('n')})")
        rows = self._read(f"MATCH (a:{a} {{key: $s}}) MATCH (b:{b} {{key: $t}}) "
                          f"MATCH p = shortestPath((a)-[:{'|'.join(f.types)}*..{hops}]-(b)){where} "
                          "RETURN [n IN nodes(p) | n.key] AS nodes, "
                          "[r IN relationships(p) | [type(r), startNode(r).key, endNode(r).key, "
                          f"{'properties(r)' if provenance is None else provenance_.cypher_props('r')}]] AS rels "
                          "LIMIT 1", {"s": source, "t": target, "prov": provenance,
                                      **confidence.params(f.min_confidence)})
        if not rows:
            return Subgraph()
        nodes = self._nodes_by_keys(rows[0]["nodes"])
        return Subgraph(nodes=[nodes[k] for k in rows[0]["nodes"] if k in nodes],
                        edges=[provenance_.finish(full_edge(t, s, d, r), r, provenance) for t, s, d, r in rows[0]["rels"]])

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
            return columns, rows, endpoint_keys(tx, rows)

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
        return QueryResult(columns=columns, rows=[[plain(v, keys) for v in r] for r in rows],
                           subgraph=self._with_endpoints(subgraph(rows, keys)), truncated=truncated)

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


def _edge_columns(prov: int | None) -> dict[str, str]:
    """The columns of an edge row, provenance cut to $prov entries (None: whole)."""
    return {"s": "startNode(r).key", "t": "endNode(r).key", "type": "type(r)",
            "r": "properties(r)" if prov is None else provenance.cypher_props("r")}


def _edge_of(rec: dict, prov: int | None) -> dict:
    return provenance.finish(full_edge(rec["type"], rec["s"], rec["t"], rec["r"]), rec["r"], prov)


def _lucene_phrase(text: str) -> str:
    """User text as one quoted Lucene phrase (no query syntax gets through)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _match_frontier(keys, params: dict, var: str = "a", prefix: str = "k") -> str:
    """Cypher binding `var` to each node of keys, by label and key index: a branch for every
    label, over one map parameter (label -> its keys), so the text and its parameter types are
    the same whatever labels the keys have and the server plans it once (a plan costs 50-250 ms
    here; the server caches one per text and per size class of each list parameter)."""
    by_label = loading.keys_by_label(keys)
    params[prefix] = {label: sorted(by_label.get(label, ())) for label in schema.node_labels()}
    branches = [f"UNWIND ${prefix}.{label} AS k MATCH ({var}:{label} {{key: k}}) RETURN {var}"
                for label in sorted(schema.node_labels())]
    return "CALL () { " + " UNION ALL ".join(branches) + " }"


def _phrase_is_substring(text: str) -> bool:
    """Whether the full-text (CJK bigram) phrase of text finds exactly the names containing it:
    two or more Chinese characters and nothing else."""
    return len(text) >= 2 and all("\u3400" <= c <= "\u9fff" for c in text)


def _rel(f: Filters) -> str:
    return f"r:{'|'.join(f.types)}" if f.types else "r"


def _step_conditions(f: Filters, far_labels: bool = True) -> tuple[str, dict]:
    """' AND …' conditions on the step (a)-[r]-(b) for f, and their parameters."""
    conds, params = [], {}
    if far_labels and f.labels:
        conds.append("(" + " OR ".join(f"b:{l}" for l in f.labels) + ")")
    if f.min_confidence > 0:
        conds += [confidence.condition("r"), confidence.condition("b")]
        params |= confidence.params(f.min_confidence)
    if f.date_from or f.date_to:
        def ok(d):
            parts = [f"{d} IS NOT NULL", f"{d} <> ''"]
            if f.date_from:
                parts.append(f"{d} >= $date_from")
            if f.date_to:
                parts.append(f"left({d}, size($date_to)) <= $date_to")
            return " AND ".join(parts)
        # A MENTIONS edge is dated by its article (the end with a date).
        conds.append(f"CASE type(r) WHEN 'MENTIONS' THEN {ok('coalesce(a.date, b.date)')} "
                     f"ELSE any(d IN r.dates WHERE {ok('d')}) END")
        params |= {"date_from": f.date_from, "date_to": f.date_to}
    return "".join(f" AND {c}" for c in conds), params
