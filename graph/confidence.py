"""Confidence: how sure the extractor is of an entity or relationship, 0 to 1.

graph/schema.yaml declares it: the `confidence` property of the entity labels
and of the relationship types that carry one, and the top-level `confidence:`
block (`default_min`, the app's default threshold; `absent`, the value of a
record or stored row without one). Everything that filters by confidence (the
stores, the exports, the app) uses these helpers, so "absent" means one thing.
"""
from __future__ import annotations

from numbers import Real

from graph import schema

PROP = "confidence"


def value(item: dict) -> float:
    """An entity's, relationship's, node's or edge's confidence (absent: the schema's value;
    Articles and MENTIONS, which carry none, count as absent too)."""
    c = item.get(PROP)
    return schema.confidence_absent() if c is None else float(c)


def keeps(item: dict, min_confidence: float) -> bool:
    """Whether a node or edge reaches min_confidence (0 keeps everything)."""
    return min_confidence <= 0 or value(item) >= min_confidence


def problem(c) -> str | None:
    """Why c is not a usable confidence (None when it is a number from 0 to 1)."""
    if isinstance(c, bool) or not isinstance(c, Real) or not 0 <= c <= 1:  # NaN fails 0 <= c
        return f"confidence {c!r} is not a number from 0 to 1"
    return None


def check_min(min_confidence, error: type[Exception] = ValueError) -> float:
    """A minimum confidence as a float, or error(message) when it is not one from 0 to 1."""
    try:
        m = float(min_confidence or 0.0)
    except (TypeError, ValueError):
        raise error(f"minimum confidence {min_confidence!r} is not a number from 0 to 1") from None
    if not 0 <= m <= 1:
        raise error(f"minimum confidence {min_confidence!r} is not a number from 0 to 1")
    return m


def params(min_confidence: float) -> dict:
    """The query parameters the conditions below name."""
    return {"min_confidence": float(min_confidence), "conf_absent": schema.confidence_absent()}


def condition(var: str) -> str:
    """Cypher: var (a node or relationship) reaches $min_confidence ($conf_absent when it has none)."""
    return f"coalesce({var}.{PROP}, $conf_absent) >= $min_confidence"


def pattern_conditions(label: str, types: list[str] | None, direction: str,
                       rel: str = "r", other: str = "b") -> list[str]:
    """Conditions on the relationship and the far node of (a:label)-[rel:types]-(other),
    direction "out", "in" or "both"; only for what some table of the pattern declares
    (LadybugDB refuses a property no table of a variable has)."""
    ends = []
    for t in types or schema.rel_types():
        for a, b in schema.rel_pairs(t):
            if a == label and direction in ("out", "both"):
                ends.append((t, b))
            if b == label and direction in ("in", "both"):
                ends.append((t, a))
    out = []
    if any(PROP in schema.rel_props(t) for t, _ in ends):
        out.append(condition(rel))
    if any(PROP in schema.node_props(l) for _, l in ends):
        out.append(condition(other))
    return out
