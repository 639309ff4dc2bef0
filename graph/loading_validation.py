"""The extraction-record contract: validate_record, and the schema facts loading needs."""
from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from graph import confidence, schema, stages

VALUE_FIELDS = ("title", "amount_cny", "amount_text")


class RecordError(ValueError):
    """An extraction record that cannot be loaded; the message names the article."""


@lru_cache(maxsize=1)
def _rules() -> SimpleNamespace:
    """The schema facts validation and folding need, computed once."""
    return SimpleNamespace(
        prefix_label={schema.prefix(l): l for l in schema.node_labels()},
        entity_labels=frozenset(schema.entity_labels()),
        pairs={t: frozenset(schema.rel_pairs(t)) for t in schema.provenance_types()},
        node_extra={l: tuple(p for p in schema.node_props(l) if p not in _NODE_FIXED) for l in schema.node_labels()},
        values={t: tuple(p for p in VALUE_FIELDS if p in schema.rel_props(t)) for t in schema.rel_types()},
        node_conf={l: CONF in schema.node_props(l) for l in schema.node_labels()},
        node_stages={l: "stages" in schema.node_props(l) for l in schema.node_labels()},
        rel_conf={t: CONF in schema.rel_props(t) for t in schema.rel_types()},
        absent=schema.confidence_absent(),
        node_props={l: list(schema.node_props(l)) for l in schema.node_labels()},
        rel_props={t: list(schema.rel_props(t)) for t in schema.rel_types()})


CONF = confidence.PROP
_NODE_FIXED = ("key", "name", "aliases", "first_seen", "last_seen", "mention_count", CONF, *stages.PROPS)


def _label(key) -> str | None:
    head, sep, _ = str(key).partition(":")
    return _rules().prefix_label.get(head) if sep else None


def validate_record(rec: dict) -> None:
    """Raise RecordError naming the article when rec breaks the contract."""
    if not isinstance(rec, dict):
        raise RecordError(f"record is a {type(rec).__name__}, not a dict")
    name = rec.get("article") or rec.get("key") or "?"
    rules = _rules()

    def fail(msg):
        raise RecordError(f"article {name}: {msg}")

    key = rec.get("key")
    if not key or not isinstance(key, str):
        fail("missing 'key'")
    if _label(key) != "Article":
        fail(f"key {key!r} must start with 'article:'")
    known: dict[str, str] = {}
    for i, ent in enumerate(rec.get("entities") or []):
        etype = ent.get("type")
        if etype not in rules.entity_labels:
            fail(f"entity {i} has unknown type {etype!r} (known: {', '.join(sorted(rules.entity_labels))})")
        ekey = ent.get("key")
        if not ekey:
            fail(f"entity {i} ({etype} {ent.get('name')!r}) has no key")
        if not ent.get("name"):
            fail(f"entity {i} ({ekey}) has no name")
        if _label(ekey) != etype:
            fail(f"entity key {ekey!r} does not match its type {etype} "
                 f"(expected prefix '{schema.prefix(etype)}:')")
        if ent.get(CONF) is not None and confidence.problem(ent[CONF]):
            fail(f"entity {i} ({ekey}): {confidence.problem(ent[CONF])}")
        if ent.get("stages") is not None:
            if not rules.node_stages[etype]:
                fail(f"entity {i} ({ekey}): a {etype} has no stages")
            if stages.problem(ent["stages"]):
                fail(f"entity {i} ({ekey}): {stages.problem(ent['stages'])}")
        known[ekey] = etype
    for i, rel in enumerate(rec.get("relations") or []):
        rtype = rel.get("type")
        if rtype not in rules.pairs:
            fail(f"relation {i} has unknown type {rtype!r} (known: {', '.join(sorted(rules.pairs))})")
        for end in ("head_key", "tail_key"):
            if not rel.get(end):
                fail(f"relation {i} ({rtype}) has no {end}")
            if rel[end] not in known:
                fail(f"relation {i} ({rtype}) {end} {rel[end]!r} is not among the article's entities")
        head, tail = known[rel["head_key"]], known[rel["tail_key"]]
        if (head, tail) not in rules.pairs[rtype]:
            fail(f"relation {i}: {rtype} cannot go from {head} to {tail}")
        if rel.get(CONF) is not None and confidence.problem(rel[CONF]):
            fail(f"relation {i} ({rtype}): {confidence.problem(rel[CONF])}")
