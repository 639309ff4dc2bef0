"""Bounded provenance in traversal answers.

A hub's relationships carry one evidence sentence, article and date per supporting article,
thousands on a province's LEADS or HOSTS: a hub ego or tracer answer was 0.2-2.5 MB, and
reading and decoding that was most of its time. Traversals (ego, company_trace) therefore
return each edge's first few entries of its aligned provenance lists (articles, evidence,
dates, LEADS' titles; stored sorted by article key; `graph.store.PROVENANCE`, what the app's
evidence block shows before "… and N more") and `evidence_total`, the number of
supporting articles; the stores trim inside the query, so the full lists never travel.
`store.edge(type, source, target)` reads one edge whole when a user asks for its evidence;
`provenance=None` (exports) keeps the lists whole.
"""
from __future__ import annotations

from functools import lru_cache

from graph import schema
from graph.store import StoreError

TOTAL = "evidence_total"  # the supporting articles of a trimmed edge (its lists' full length)


@lru_cache(maxsize=None)
def lists(rel_type: str | None = None) -> tuple[str, ...]:
    """The aligned provenance lists of rel_type (None: of any relationship type)."""
    types = [rel_type] if rel_type else schema.rel_types()
    out = []
    for t in types:
        props = schema.rel_props(t)
        if "articles" in props:
            out += [p for p, kind in props.items() if kind == "string[]" and p not in out]
    return tuple(out)


def check(provenance) -> int | None:
    """provenance as given to ego/company_trace: None (whole lists) or a count of at least 0."""
    if provenance is None:
        return None
    k = int(provenance)
    if k < 0:
        raise StoreError(f"provenance must be a count of at least 0 or None, not {provenance}")
    return k


def trim(edge: dict, k: int | None) -> dict:
    """edge with its provenance lists cut to k entries and evidence_total set (k None: as is).
    A type without provenance lists (MENTIONS) is left alone."""
    if k is None or "articles" not in edge:
        return edge
    arts = edge.get("articles")
    edge[TOTAL] = len(arts) if isinstance(arts, list) else 0
    for p in lists(edge["type"]):
        v = edge.get(p)
        if isinstance(v, list) and len(v) > k:
            edge[p] = v[:k]
    return edge


def cypher_props(var: str = "r") -> str:
    """A Cypher map of var's properties with every provenance list cut to $prov entries and
    evidence_total (the full length), computed on the server: `properties(r)` with lists trimmed.
    Types without the lists get nulls for them, which full_edge drops."""
    cut = ", ".join(f"{p}: {var}.{p}[..$prov]" for p in lists())
    return f"{var} {{.*, {cut}, {TOTAL}: size({var}.articles)}}"


def finish(edge: dict, props: dict, k: int | None) -> dict:
    """edge (full_edge of a trimmed read's props) with evidence_total; k None: as is."""
    if k is not None and "articles" in edge:
        total = props.get(TOTAL)
        edge[TOTAL] = int(total) if total is not None else len(edge.get("articles") or [])
        if props.get(schema.WEIGHT) is None:  # a row stored before the weight: full_edge counted the cut list
            edge[schema.WEIGHT] = edge[TOTAL]
    return edge
