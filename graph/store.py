"""One interface over both stores (Neo4j and the embedded LadybugDB file).

Shapes every method speaks in:
- node: dict with "key", "label", "name" and the label's other properties
  (graph/schema.yaml); keys are global ("place:江苏省/徐州市"), so
  graph.schema.label_of_key(key) names the label.
- edge: dict with "type", "source" (key), "target" (key) and the type's
  properties (provenance lists "articles"/"evidence"/"dates", "title",
  "amount_cny", "amount_text", "confidence", "count").
- Subgraph: nodes + edges (+ truncated when a cap cut it).
- min_confidence (relations, ego, shortest_path, company_trace): leave out
  entity nodes and relationships whose confidence is below it (graph/confidence.py;
  a missing confidence counts as the schema's `confidence.absent`); 0 keeps all.
"""
from __future__ import annotations

import gc
import os
import re as _re
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from graph import confidence


class StoreError(RuntimeError):
    """A store problem the user can act on; its message is one line."""


class ReadOnlyError(StoreError):
    """A query that would change data was refused."""


@dataclass
class Subgraph:
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    truncated: bool = False

    def node_keys(self) -> set[str]:
        return {n["key"] for n in self.nodes}


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    subgraph: Subgraph  # nodes/relationships found in the rows (may be empty)
    truncated: bool = False


@dataclass
class LoadStats:
    articles_read: int = 0
    articles_loaded: int = 0
    articles_present: int = 0  # already in the store (skipped, nothing written)
    articles_skipped: list[tuple[str, str]] = field(default_factory=list)  # (article, reason)
    nodes_created: int = 0
    nodes_updated: int = 0
    rels_created: int = 0
    rels_updated: int = 0

    def add_plan(self, plan, articles: int) -> None:
        """Count what one written batch (a graph.loading.Plan) created and updated."""
        nc, nu, rc, ru = plan.counts()
        self.nodes_created += nc
        self.nodes_updated += nu
        self.rels_created += rc
        self.rels_updated += ru
        self.articles_loaded += articles


Progress = Callable[[int], None]  # called with the number of records just done


class GraphStore(ABC):
    kind: str = "abstract"

    # -- lifecycle --------------------------------------------------------
    @abstractmethod
    def ensure_schema(self) -> None:
        """Create constraints/indexes (Neo4j) or tables (embedded); idempotent."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ----------------------------------------------------------
    @abstractmethod
    def load(self, records: Iterable[dict], batch_size: int | None = None,
             progress: Progress | None = None) -> LoadStats:
        """Load extraction records (see docs/CONTRACTS.md); idempotent. Each batch
        of batch_size articles (None: the store's default) is one transaction."""

    @abstractmethod
    def clear(self) -> None:
        """Delete everything (tests and benchmarks)."""

    # -- reading ----------------------------------------------------------
    @abstractmethod
    def counts(self) -> dict[str, dict[str, int]]:
        """{"nodes": {label: n}, "relationships": {type: n}} for every schema label/type."""

    @abstractmethod
    def search(self, text: str, labels: list[str] | None = None, limit: int = 20) -> list[dict]:
        """Nodes whose name or an alias contains text (partial Chinese names work)."""

    @abstractmethod
    def node(self, key: str) -> dict | None: ...

    @abstractmethod
    def relations(self, key: str, min_confidence: float = 0.0) -> list[dict]:
        """Every relationship touching the node, each an edge dict plus
        "other" (the node at the other end)."""

    @abstractmethod
    def ego(self, key: str, depth: int = 1, labels: list[str] | None = None,
            rel_types: list[str] | None = None, date_from: str | None = None,
            date_to: str | None = None, limit: int = 300, min_confidence: float = 0.0) -> Subgraph: ...

    @abstractmethod
    def shortest_path(self, source: str, target: str, max_hops: int = 6,
                      min_confidence: float = 0.0) -> Subgraph: ...

    @abstractmethod
    def company_trace(self, key: str, min_confidence: float = 0.0) -> tuple[list[dict], Subgraph]:
        """A company's projects, their hosting places up the PART_OF chain and
        the officials leading those places; rows for a table, and the graph."""

    @abstractmethod
    def query(self, cypher: str, params: dict | None = None, limit: int = 1000,
              timeout: float = 10.0) -> QueryResult:
        """Run read-only Cypher; writes raise ReadOnlyError."""

    @abstractmethod
    def iter_nodes(self, labels: list[str] | None = None) -> Iterator[dict]: ...

    @abstractmethod
    def iter_edges(self, types: list[str] | None = None) -> Iterator[dict]: ...


def open_store(kind: str | None = None, db: str | None = None, uri: str | None = None,
               user: str | None = None, password: str | None = None, read_only: bool = False) -> GraphStore:
    """The store chosen by arguments, else GOVKG_STORE/GOVKG_DB/NEO4J_* variables.
    read_only opens the embedded file without its write lock (other processes may load)."""
    kind = (kind or os.environ.get("GOVKG_STORE") or "embedded").lower()
    if kind == "embedded":
        from graph.embedded import EmbeddedStore
        return EmbeddedStore(db or os.environ.get("GOVKG_DB") or default_db_path(), read_only=read_only)
    if kind == "neo4j":
        from graph.neo4j_store import Neo4jStore
        return Neo4jStore(uri or os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
                          user or os.environ.get("NEO4J_USER", "neo4j"),
                          password if password is not None else os.environ.get("NEO4J_PASSWORD", "govkg-dev-password"))
    raise StoreError(f"unknown store {kind!r}: use 'embedded' or 'neo4j'")


def default_db_path() -> str:
    """data/govkg.lbug under the working directory (documented in the README)."""
    return os.path.join(os.environ.get("GOVKG_DATA", "data"), "govkg.lbug")


def add_store_args(parser) -> None:
    """The same --store/--db/--uri options on every command."""
    parser.add_argument("--store", choices=["embedded", "neo4j"], default=None,
                        help="graph store (default: $GOVKG_STORE or embedded)")
    parser.add_argument("--db", default=None, help="embedded database file (default: $GOVKG_DB or data/govkg.lbug)")
    parser.add_argument("--uri", default=None, help="Neo4j URI (default: $NEO4J_URI or bolt://127.0.0.1:7687)")


# -- shared helpers for both stores ---------------------------------------------

# Clauses/keywords that write, touch files or change the session. Checked outside
# string literals and comments, as whole words.
_WRITE_WORDS = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "COPY",
                "LOAD", "INSTALL", "ATTACH", "EXPORT", "IMPORT", "FOREACH", "USE", "BEGIN", "COMMIT",
                "ROLLBACK", "CHECKPOINT", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE",
                "FINISH", "RENAME", "INSERT", "UPDATE", "FORCE", "COMMENT", "ANALYZE")
# Procedures a read-only query may CALL (lower case).
READ_PROCEDURES = {"db.index.fulltext.querynodes", "db.labels", "db.relationshiptypes",
                   "db.propertykeys", "db.schema.visualization", "db.schema.nodetypeproperties",
                   "db.schema.reltypeproperties", "show_tables", "table_info", "show_connection",
                   "current_setting", "db_version"}
_STRIP = _re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", _re.S)


def _code_only(cypher: str) -> str:
    """The query with string literals, quoted names and comments blanked out
    (same length, so positions still match the original)."""
    def blank(m):
        t = m.group(0)
        if t[0] == "/":
            return "".join(c if c == "\n" else " " for c in t)
        return t[0] + " " * (len(t) - 2) + t[-1]
    return _STRIP.sub(blank, cypher)


def check_read_only(cypher: str) -> str:
    """Return the query without a trailing ';' or raise ReadOnlyError naming the reason."""
    code = _code_only(cypher).strip()
    if not code:
        raise ReadOnlyError("empty query")
    if ";" in code.rstrip().rstrip(";"):
        raise ReadOnlyError("only one statement per query (found ';')")
    upper = code.upper()
    for word in _WRITE_WORDS:
        if _re.search(rf"\b{word}\b", upper):
            raise ReadOnlyError(f"read-only: {word} is not allowed here")
    for m in _re.finditer(r"\bCALL\s+([A-Za-z_][\w.]*)", code, _re.I):
        if m.group(1).lower() not in READ_PROCEDURES:
            raise ReadOnlyError(f"read-only: CALL {m.group(1)} is not an allowed read procedure")
    return cypher.strip().rstrip(";").rstrip()


_TRAILING_LIMIT = _re.compile(r"\bLIMIT\s+(\d+|\$\w+)\s*$", _re.I)


def cap_rows(cypher: str, params: dict, limit: int) -> str:
    """Make the query itself return at most limit+1 rows (one extra shows truncation)."""
    code = _code_only(cypher)
    m = _TRAILING_LIMIT.search(code)
    cap = limit + 1
    if m:
        val = m.group(1)
        given = params.get(val[1:]) if val.startswith("$") else int(val)
        try:
            given = int(given)
        except (TypeError, ValueError):
            given = cap
        return cypher[:m.start()] + f"LIMIT {min(given, cap)}"
    if not _re.search(r"\bRETURN\b", code, _re.I):
        return cypher
    return f"{cypher}\nLIMIT {cap}"


def full_node(label: str, props: dict) -> dict:
    """A node dict with every schema property of its label (missing ones None)."""
    from graph import schema
    out = {"key": props.get("key"), "label": label}
    for p in schema.node_props(label):
        out[p] = props.get(p)
    return out


def full_edge(rel_type: str, source: str, target: str, props: dict) -> dict:
    from graph import schema
    out = {"type": rel_type, "source": source, "target": target}
    for p in schema.rel_props(rel_type):
        out[p] = props.get(p)
    return out


def in_dates(edge: dict, date_from: str | None, date_to: str | None, article_dates: dict) -> bool:
    """Whether an edge has a supporting date in [date_from, date_to]."""
    if not date_from and not date_to:
        return True
    if edge["type"] == "MENTIONS":
        dates = [article_dates.get(edge["source"])]
    else:
        dates = edge.get("dates") or []
    for d in dates:
        if d and (not date_from or d >= date_from) and (not date_to or d[:len(date_to)] <= date_to):
            return True
    return False


class BaseStore(GraphStore):
    """Reads both stores answer the same way, built on two primitives:
    _nodes_by_keys(keys) and _adjacent(keys, types, min_confidence) (every edge
    touching keys, whose far node and itself reach min_confidence)."""

    DEFAULT_BATCH = 1000  # articles per transaction; each store sets its own
    # A graph.article_log.ArticleLog, or None: _log_fresh writes each batch's new
    # articles there before the store commits them.
    article_log = None

    def _log_fresh(self, records: list[dict], done: set[str]) -> None:
        """Log the records the batch will load (the first of each article not stored
        yet, as graph.loading.prepare keeps); raises before anything is written."""
        if self.article_log is None:
            return
        seen, fresh = set(done), []
        for rec in records:
            if rec["key"] not in seen:
                seen.add(rec["key"])
                fresh.append(rec)
        self.article_log.append(fresh)

    def load(self, records, batch_size=None, progress=None) -> LoadStats:
        from concurrent.futures import ThreadPoolExecutor
        from itertools import islice
        batch_size = batch_size or self.DEFAULT_BATCH
        stats = LoadStats()
        it = iter(records)
        # While batch k is written (the store's client releases the GIL while it waits),
        # a helper thread validates and folds batch k+1; the store says when to start it
        # (fold_next). Reading records and writing stay in the calling thread, so
        # progress callbacks (Streamlit's too) run there.
        with _gc_paused(), ThreadPoolExecutor(1, thread_name_prefix="govkg-fold") as pool:
            pending = None
            while True:
                try:
                    chunk = list(islice(it, batch_size))
                except Exception:  # the records' source failed: keep what was read before it
                    if pending is not None:
                        self._load_batch(pending[0], pending[1].result(), stats, progress, lambda: None)
                    raise
                nxt = _NextFold(pool, chunk)
                if pending is not None:
                    self._load_batch(pending[0], pending[1].result(), stats, progress, nxt.start)
                folded = nxt.start()
                if folded is None:
                    break
                pending = (chunk, folded)
        self._after_load(stats)
        return stats

    @abstractmethod
    def _load_batch(self, records: list[dict], folded: tuple, stats: LoadStats, progress,
                    fold_next: Callable[[], object]) -> None:
        """Load one batch in one transaction, adding to stats. folded is
        graph.loading.prepare(records) (the records are valid); fold_next() starts
        folding the next batch (call it where the store mostly waits; calls after
        the first do nothing)."""

    def _after_load(self, stats: LoadStats) -> None:
        """A hook after the last batch (the embedded store checkpoints there)."""

    @abstractmethod
    def _nodes_by_keys(self, keys: Iterable[str]) -> dict[str, dict]: ...

    @abstractmethod
    def _adjacent(self, keys: Iterable[str], types: list[str] | None = None,
                  min_confidence: float = 0.0) -> list[dict]: ...

    def _confidence_conditions(self, label: str, types: list[str] | None, direction: str,
                               min_confidence: float) -> list[str]:
        """Cypher conditions keeping the relationship r and far node b of a pattern from
        label at or above min_confidence (their parameters: graph.confidence.params);
        none when nothing is to filter."""
        if min_confidence <= 0:
            return []
        return confidence.pattern_conditions(label, types, direction)

    def _node_if_confident(self, key: str, min_confidence: float) -> dict | None:
        node = self.node(key)
        return node if node is not None and confidence.keeps(node, min_confidence) else None

    def node(self, key: str) -> dict | None:
        return self._nodes_by_keys([key]).get(key)

    def _with_endpoints(self, sub: Subgraph) -> Subgraph:
        """Add the end nodes of edges a query returned without them."""
        missing = {k for e in sub.edges for k in (e["source"], e["target"]) if k} - sub.node_keys()
        sub.nodes += list(self._nodes_by_keys(missing).values())
        return sub

    def relations(self, key: str, min_confidence: float = 0.0) -> list[dict]:
        edges = self._adjacent([key], min_confidence=check_min_confidence(min_confidence))
        others = self._nodes_by_keys({e["target"] if e["source"] == key else e["source"] for e in edges})
        out = []
        for e in edges:
            other = e["target"] if e["source"] == key else e["source"]
            out.append({**e, "other": others.get(other)})
        return out

    def ego(self, key, depth=1, labels=None, rel_types=None, date_from=None, date_to=None, limit=300,
            min_confidence=0.0):
        from graph import schema
        if not 1 <= int(depth) <= 3:
            raise StoreError(f"ego depth must be 1-3, not {depth}")
        _check_names(labels, schema.node_labels(), "label")
        _check_names(rel_types, schema.rel_types(), "relationship type")
        min_confidence = check_min_confidence(min_confidence)
        center = self._node_if_confident(key, min_confidence)
        if center is None:
            return Subgraph()
        nodes = {key: center}
        edges: dict[tuple, dict] = {}
        frontier, truncated = [key], False
        for _ in range(int(depth)):
            adj = sorted(self._adjacent(frontier, rel_types, min_confidence),
                         key=lambda e: (e["source"], e["type"], e["target"]))
            art_dates = {}
            if date_from or date_to:
                arts = {e["source"] for e in adj if e["type"] == "MENTIONS"}
                art_dates = {k: n.get("date") for k, n in self._nodes_by_keys(arts).items()}
            new: list[str] = []
            seen = set(nodes)
            for e in adj:
                if not in_dates(e, date_from, date_to, art_dates):
                    continue
                ends_ok = True
                for end in (e["source"], e["target"]):
                    if end in seen:
                        continue
                    if labels and schema.label_of_key(end) not in labels:
                        ends_ok = False
                    elif len(seen) >= limit:
                        truncated, ends_ok = True, False
                    else:
                        seen.add(end)
                        new.append(end)
                if ends_ok:
                    edges[(e["type"], e["source"], e["target"])] = e
            nodes.update(self._nodes_by_keys(new))
            frontier = new
            if not frontier:
                break
        return Subgraph(nodes=list(nodes.values()), edges=list(edges.values()), truncated=truncated)

    def company_trace(self, key, min_confidence=0.0):
        min_confidence = check_min_confidence(min_confidence)
        company = self._node_if_confident(key, min_confidence)
        if company is None:
            return [], Subgraph()
        edges: dict[tuple, dict] = {}

        def keep(es):
            for e in es:
                edges[(e["type"], e["source"], e["target"])] = e
            return es

        invests = keep(sorted((e for e in self._adjacent([key], ["INVESTS_IN"], min_confidence) if e["source"] == key),
                              key=lambda e: e["target"]))
        projects = [e["target"] for e in invests]
        hosts = keep([e for e in self._adjacent(projects, ["HOSTS"], min_confidence) if e["target"] in projects])
        host_of: dict[str, list[str]] = {}
        for e in hosts:
            host_of.setdefault(e["target"], []).append(e["source"])
        parents: dict[str, list[str]] = {}
        frontier = sorted({e["source"] for e in hosts})
        while frontier:  # climb PART_OF hop by hop; the visited set stops cycles
            for k in frontier:
                parents.setdefault(k, [])
            ups = keep([e for e in self._adjacent(frontier, ["PART_OF"], min_confidence) if e["source"] in frontier])
            for e in ups:
                parents[e["source"]].append(e["target"])
            frontier = sorted({e["target"] for e in ups} - set(parents))
        leads = keep([e for e in self._adjacent(list(parents), ["LEADS"], min_confidence) if e["target"] in parents])
        leaders: dict[str, list[dict]] = {}
        for e in leads:
            leaders.setdefault(e["target"], []).append(e)
        nodes = self._nodes_by_keys({key} | set(projects) | set(parents) | {e["source"] for e in leads})

        def chain(place):
            out, todo = [], [place]
            while todo:
                p = todo.pop(0)
                if p not in out:
                    out.append(p)
                    todo.extend(sorted(parents.get(p, [])))
            return out

        rows = []
        for inv in invests:
            proj = nodes.get(inv["target"], {})
            for host in sorted(host_of.get(inv["target"], [])):
                for place in chain(host):
                    pl = nodes.get(place, {})
                    base = {"company": company["name"], "company_key": key,
                            "project": proj.get("name"), "project_key": inv["target"],
                            "amount_cny": inv.get("amount_cny"), "place": pl.get("name"),
                            "place_key": place, "place_level": pl.get("level"),
                            "hosting_place": nodes.get(host, {}).get("name")}
                    offs = sorted(leaders.get(place, []), key=lambda e: e["source"])
                    if not offs:
                        rows.append({**base, "official": None, "official_key": None, "title": None})
                    for e in offs:
                        rows.append({**base, "official": nodes.get(e["source"], {}).get("name"),
                                     "official_key": e["source"], "title": e.get("title")})
        return rows, Subgraph(nodes=list(nodes.values()), edges=list(edges.values()))


class _NextFold:
    """The next batch's fold in the helper thread, started once."""

    def __init__(self, pool, chunk: list[dict]):
        self.pool, self.chunk, self.future = pool, chunk, None

    def start(self):
        if self.future is None and self.chunk:
            self.future = self.pool.submit(_fold, self.chunk)
        return self.future


def _fold(records: list[dict]) -> tuple:
    from graph import loading
    for rec in records:
        loading.validate_record(rec)
    return loading.prepare(records, validate=False)


@contextmanager
def _gc_paused():
    """Folding a batch makes millions of acyclic objects; the cyclic collector would
    rescan every live record each time (a third of the fold's time) and free nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _check_names(given, allowed, what):
    for name in given or []:
        if name not in allowed:
            raise StoreError(f"unknown {what} {name!r} (known: {', '.join(allowed)})")


def check_min_confidence(min_confidence) -> float:
    return confidence.check_min(min_confidence, StoreError)


def check_hops(max_hops) -> int:
    hops = int(max_hops)
    if not 1 <= hops <= 10:
        raise StoreError(f"max_hops must be 1-10, not {max_hops}")
    return hops


def rank_hits(nodes: list[dict], text: str) -> list[dict]:
    """Exact names first, then prefixes, then by mentions; stable across stores."""
    uniq = {n["key"]: n for n in nodes}.values()

    def rank(n):
        name = n.get("name") or ""
        forms = [name] + list(n.get("aliases") or [])
        return (0 if text in forms else 1 if any(f.startswith(text) for f in forms) else
                2 if any(text in f for f in forms) else 3,
                -(n.get("mention_count") or 0), len(name), n["key"])
    return sorted(uniq, key=rank)

