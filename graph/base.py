"""What both stores share: the batched load loop and the reads built on a few primitives."""
from __future__ import annotations

import gc
from abc import abstractmethod
from contextlib import contextmanager
from typing import Callable, Iterable

from graph import careers, confidence, identity, schema, tracer, traverse
from graph import provenance as provenance_
from graph.store import (FACTUAL, PROVENANCE, TRACE_LIMIT, GraphStore, LoadStats, StoreError, Subgraph, check_hops,
                         check_min_confidence)
from graph.traverse import Filters



class BaseStore(GraphStore):
    """Reads both stores answer the same way, built on a few primitives each store
    implements: _nodes_by_keys, _edges, _expand and _edges_among."""

    DEFAULT_BATCH = 1000  # articles per transaction; each store sets its own
    # A graph.article_log.ArticleLog, or None: _log_fresh writes each batch's new
    # articles there before the store commits them.
    article_log = None
    # A graph.identity.DecisionLog, or None: the article log's (a rebuild reads it without logging).
    decisions = None
    _identity = None  # the load's graph.identity.Identity (None: the store has no article log)

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

    def _load(self, records, batch_size=None, progress=None) -> LoadStats:
        from concurrent.futures import ThreadPoolExecutor
        from itertools import islice
        batch_size = batch_size or self.DEFAULT_BATCH
        stats = LoadStats()
        self._identity = ident = identity.Identity.of_store(self)
        if ident is not None:
            ident.seed(self.iter_nodes(["Company", "Project"]), self.iter_edges(["HOSTS"]))
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
                nxt = _NextFold(pool, chunk, ident)
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

    # -- what each store provides -----------------------------------------------------
    @abstractmethod
    def _nodes_by_keys(self, keys: Iterable[str]) -> dict[str, dict]: ...

    @abstractmethod
    def _edges(self, keys: Iterable[str], types: list[str] | None = None, direction: str = "both",
               min_confidence: float = 0.0, prov: int | None = None) -> list[dict]:
        """Every edge of types leaving ("out"), entering ("in") or touching ("both") keys
        whose far node and itself reach min_confidence; provenance trimmed to prov entries
        (graph/provenance.py; None: whole)."""

    @abstractmethod
    def _expand(self, frontier: list[str], seen: set[str], budget: int, f: Filters) -> tuple[list[str], int]:
        """The budget best neighbours of frontier not in seen that f allows (the most
        supporting articles over the edges reaching them, then key order), and how many
        such neighbours there are in all."""

    def _places_of(self, projects: list[str], min_confidence: float,
                   prov: int | None = None) -> tuple[list[dict], list[dict], list[dict]]:
        """The tracer's HOSTS, PART_OF and LEADS edges above projects (graph/tracer.py places_of)."""
        return tracer.places_of(self, projects, min_confidence, prov)

    def _trace_reads(self, key: str, projects: list[str], min_confidence: float, prov: int | None,
                     known: dict[str, dict]):
        """The company tracer's edges and nodes (graph/tracer.py trace_reads)."""
        return tracer.trace_reads(self, key, projects, min_confidence, prov, known)

    @abstractmethod
    def _edges_among(self, expanded: list[str], keys: list[str], f: Filters, prov: int | None = None) -> list[dict]:
        """Every edge f allows between a node of expanded and one of keys (provenance as _edges)."""

    @abstractmethod
    def _edges_whole(self, triples: list[tuple[str, str, str]]) -> list[dict]:
        """edges() once its triples are checked (a type of the schema joining their labels)."""

    # -- shared reads ----------------------------------------------------------------------
    def load(self, records, batch_size=None, progress=None) -> LoadStats:
        if not self._schema_ready:  # a fresh file or server has no tables or constraints yet
            self.ensure_schema()
            self._schema_ready = True
        try:
            return self._load(records, batch_size, progress)
        finally:  # batches committed before a failure changed the store too
            self._changed()

    _schema_ready = False

    def _node_if_confident(self, key: str, min_confidence: float) -> dict | None:
        node = self.node(key)
        return node if node is not None and confidence.keeps(node, min_confidence) else None

    def _center(self, key: str, min_confidence: float) -> dict | None:
        """An ego's centre if it reaches min_confidence: the node, or {} when the store knows
        without reading it (_edges_and_nodes reads it with the rest)."""
        return self._node_if_confident(key, min_confidence)

    def _edges_and_nodes(self, expanded: list[str], kept: list[str], f: Filters,
                         known: dict[str, dict], prov: int | None = None) -> tuple[list[dict], dict[str, dict]]:
        """_edges_among(expanded, kept, f, prov) and the nodes of kept (known: those read already)."""
        edges = self._edges_among(expanded, kept, f, prov) if expanded else []
        return edges, {**known, **self._nodes_by_keys([k for k in kept if k not in known])}

    def node(self, key: str) -> dict | None:
        return self._nodes_by_keys([key]).get(key)

    def _with_endpoints(self, sub: Subgraph) -> Subgraph:
        """Add the end nodes of edges a query returned without them."""
        missing = {k for e in sub.edges for k in (e["source"], e["target"]) if k} - sub.node_keys()
        sub.nodes += list(self._nodes_by_keys(missing).values())
        return sub

    def relations(self, key: str, min_confidence: float = 0.0) -> list[dict]:
        edges = self._edges([key], min_confidence=check_min_confidence(min_confidence))
        others = self._nodes_by_keys({e["target"] if e["source"] == key else e["source"] for e in edges})
        out = []
        for e in edges:
            other = e["target"] if e["source"] == key else e["source"]
            out.append({**e, "other": others.get(other)})
        return out

    def ego(self, key, depth=1, labels=None, rel_types=None, date_from=None, date_to=None, limit=300,
            min_confidence=0.0, provenance=PROVENANCE):
        return traverse.ego(self, key, depth, traverse.filters(labels, rel_types, date_from, date_to,
                                                               min_confidence), limit, provenance_.check(provenance))

    def company_trace(self, key, min_confidence=0.0, limit=TRACE_LIMIT, provenance=PROVENANCE):
        return tracer.company_trace(self, key, check_min_confidence(min_confidence), limit,
                                    provenance_.check(provenance))

    def edge(self, rel_type, source, target):
        found = self.edges([(rel_type, source, target)])
        return found[0] if found else None

    def edges(self, triples):
        """The edges named by (type, source, target), each whole as edge() reads it, those that
        exist only (the app's time slider and view export read a trimmed answer whole this way)."""
        triples = [tuple(t) for t in triples if self._joins(*t)]
        return self._edges_whole(triples) if triples else []

    def _joins(self, rel_type, source, target) -> bool:
        """Whether the schema has rel_type between the labels of source and target (StoreError
        for an unknown type or a string that is no key)."""
        if rel_type not in schema.rel_types():
            raise StoreError(f"unknown relationship type {rel_type!r} (known: {', '.join(schema.rel_types())})")
        try:
            pair = (schema.label_of_key(source), schema.label_of_key(target))
        except ValueError as e:
            raise StoreError(str(e)) from None
        return pair in schema.rel_pairs(rel_type)

    def career(self, key, min_confidence=0.0):
        return careers.career(self, key, check_min_confidence(min_confidence))

    def post_holders(self, title, place, min_confidence=0.0):
        return careers.post_holders(self, title, place, check_min_confidence(min_confidence))

    def posts_at(self, place, min_confidence=0.0):
        return careers.posts_at(self, place, check_min_confidence(min_confidence))

    def _path_filters(self, max_hops, min_confidence, include_mentions) -> tuple[int, Filters]:
        types = list(FACTUAL) + (["MENTIONS"] if include_mentions else [])
        return check_hops(max_hops), traverse.filters(None, types, None, None, min_confidence)

    @staticmethod
    def _path_subgraph(source: str, triples, read) -> Subgraph:
        """A path found over the adjacency (its edges in order from source, None: no path);
        read(keys in walking order) -> (its edges, nodes by key). Each edge keeps its own direction."""
        if not triples:
            return Subgraph()
        order = [source]
        for _, s, t in triples:
            order.append(t if s == order[-1] else s)
        edges, nodes = read(order)
        by_key = {(e["type"], e["source"], e["target"]): e for e in edges}
        return Subgraph(nodes=[nodes[k] for k in order if k in nodes], edges=[by_key[t] for t in triples])

    def _changed(self) -> None:
        """A hook after the store's contents changed (the embedded store drops its adjacency)."""


class _NextFold:
    """The next batch's fold in the helper thread, started once."""

    def __init__(self, pool, chunk: list[dict], ident=None):
        self.pool, self.chunk, self.ident, self.future = pool, chunk, ident, None

    def start(self):
        if self.future is None and self.chunk:
            self.future = self.pool.submit(_fold, self.chunk, self.ident)
        return self.future


def _fold(records: list[dict], ident=None) -> tuple:
    from graph import loading
    for rec in records:
        loading.validate_record(rec)
    return loading.prepare(records, validate=False, identity=ident)


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


