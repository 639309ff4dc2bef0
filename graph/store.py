"""One interface over both stores (Neo4j and the embedded LadybugDB file).

Shapes every method speaks in:
- node: dict with "key", "label", "name" and the label's other properties
  (graph/schema.yaml); keys are global ("place:江苏省/徐州市"), so
  graph.schema.label_of_key(key) names the label.
- edge: dict with "type", "source" (key), "target" (key) and the type's
  properties (provenance lists "articles"/"evidence"/"dates", "title",
  "amount_cny", "amount_text", "confidence", "count").
- Subgraph: nodes + edges (+ truncated and omitted, how many nodes, when a cap cut it).
- FACTUAL: the relationship types stated as facts (paths follow only these
  unless asked to cross MENTIONS, i.e. "named in the same article").
- min_confidence (relations, ego, shortest_path, company_trace): leave out
  entity nodes and relationships whose confidence is below it (graph/confidence.py;
  a missing confidence counts as the schema's `confidence.absent`); 0 keeps all.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from graph import confidence


FACTUAL = ("LEADS", "HOSTS", "INVESTS_IN", "PART_OF")
# Projects the company tracer shows at most (the most supported first): a hub company's
# thousands of projects make neither a readable table nor a fast query.
TRACE_LIMIT = 100
# Evidence entries per edge in ego and tracer answers (graph/provenance.py).
PROVENANCE = 5


class StoreError(RuntimeError):
    """A store problem the user can act on; its message is one line."""


class ReadOnlyError(StoreError):
    """A query that would change data was refused."""


@dataclass
class Subgraph:
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    truncated: bool = False
    omitted: int = 0  # nodes the cap left out (counted at the hop where it cut; see ego)

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
            date_to: str | None = None, limit: int = 300, min_confidence: float = 0.0,
            provenance: int | None = PROVENANCE) -> Subgraph:
        """The node and its neighbours up to depth hops, at most limit nodes: at each hop the
        new neighbours most supported (articles of the edges reaching them) come first.
        A cut result has truncated set and omitted = the neighbours left out at that hop.
        Each edge keeps its first `provenance` evidence entries and evidence_total
        (graph/provenance.py; None: the whole lists, as exports need)."""

    @abstractmethod
    def shortest_path(self, source: str, target: str, max_hops: int = 6,
                      min_confidence: float = 0.0, include_mentions: bool = False,
                      provenance: int | None = PROVENANCE) -> Subgraph:
        """One shortest path over FACTUAL relationships (and MENTIONS with include_mentions):
        its nodes and its edges in order from source, each edge with its evidence, trimmed
        as ego's (provenance)."""

    @abstractmethod
    def company_trace(self, key: str, min_confidence: float = 0.0, limit: int = TRACE_LIMIT,
                      provenance: int | None = PROVENANCE) -> tuple[list[dict], Subgraph]:
        """Every project the company invests in (at most limit, the most supported first;
        the Subgraph says when it cut and by how many), each with its amount and evidence,
        its hosting places up the PART_OF chain and the officials leading those places;
        rows for a table (a project without a host has one row without a place), and the graph.
        Evidence is trimmed as ego's (provenance)."""

    @abstractmethod
    def edge(self, rel_type: str, source: str, target: str) -> dict | None:
        """One relationship with its whole provenance (what a trimmed traversal edge left
        out), or None when there is no such relationship."""

    @abstractmethod
    def edges(self, triples: list[tuple[str, str, str]]) -> list[dict]:
        """The relationships named by (type, source, target), each whole as edge() reads it,
        in one read; those that do not exist are left out."""

    @abstractmethod
    def career(self, key: str, min_confidence: float = 0.0) -> list[dict]:
        """An official's posts in time order, each a title × place (or body) with its
        first/last date, articles, dates and evidence (graph/careers.py)."""

    @abstractmethod
    def post_holders(self, title: str, place: str, min_confidence: float = 0.0) -> list[dict]:
        """Who held a title at a place (key) over time: one post per holder, in order."""

    @abstractmethod
    def posts_at(self, place: str, min_confidence: float = 0.0) -> list[dict]:
        """The posts of a place or body: {"title", "holders", "articles"}, the most held first."""

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
        return Neo4jStore(neo4j_uri(uri),
                          user or os.environ.get("NEO4J_USER", "neo4j"),
                          password if password is not None else os.environ.get("NEO4J_PASSWORD", "govkg-dev-password"))
    raise StoreError(f"unknown store {kind!r}: use 'embedded' or 'neo4j'")


DEFAULT_URI = "bolt://127.0.0.1:7687"  # the server python -m graph.neo4j_server starts


def neo4j_uri(uri: str | None = None) -> str:
    """--uri, else $NEO4J_URI, else the project's own server."""
    return uri or os.environ.get("NEO4J_URI") or DEFAULT_URI


def default_db_path() -> str:
    """data/govkg.lbug under the working directory (documented in the README)."""
    return os.path.join(os.environ.get("GOVKG_DATA", "data"), "govkg.lbug")


def add_store_args(parser) -> None:
    """The same --store/--db/--uri options on every command."""
    parser.add_argument("--store", choices=["embedded", "neo4j"], default=None,
                        help="graph store (default: $GOVKG_STORE or embedded)")
    parser.add_argument("--db", default=None, help="embedded database file (default: $GOVKG_DB or data/govkg.lbug)")
    parser.add_argument("--uri", default=None, help="Neo4j URI (default: $NEO4J_URI or bolt://127.0.0.1:7687)")


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
    if schema.WEIGHT in out and out[schema.WEIGHT] is None and isinstance(out.get("articles"), list):
        out[schema.WEIGHT] = len(out["articles"])  # a row stored before the weight was
    return out


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

