"""The graph schema as data (graph/schema.yaml) and what derives from it."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")


@lru_cache(maxsize=1)
def schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return yaml.safe_load(f)


def node_labels() -> list[str]:
    return list(schema()["nodes"])


def rel_types() -> list[str]:
    return list(schema()["relationships"])


def node_props(label: str) -> dict[str, str]:
    return dict(schema()["nodes"][label]["properties"])


def rel_props(rel_type: str) -> dict[str, str]:
    return dict(schema()["relationships"][rel_type].get("properties") or {})


def rel_pairs(rel_type: str) -> list[tuple[str, str]]:
    return [tuple(p) for p in schema()["relationships"][rel_type]["pairs"]]


def color(name: str) -> str:
    s = schema()
    spec = s["nodes"].get(name) or s["relationships"].get(name) or {}
    return spec.get("color", "#999999")


def prefix(label: str) -> str:
    return schema()["nodes"][label]["prefix"]


@lru_cache(maxsize=1)
def _prefix_to_label() -> dict[str, str]:
    return {spec["prefix"]: label for label, spec in schema()["nodes"].items()}


def label_of_key(key: str) -> str:
    """The label a global key belongs to ("place:江苏省/徐州市" -> "Place")."""
    head, sep, _ = str(key).partition(":")
    label = _prefix_to_label().get(head) if sep else None
    if label is None:
        raise ValueError(f"not a govkg key (expected '<prefix>:<id>'): {key!r}")
    return label


def make_key(label: str, identity: str) -> str:
    return f"{prefix(label)}:{identity}"


# -- confidence (graph/confidence.py applies it) ------------------------------------
def confidence_default_min() -> float:
    """The threshold the app hides below by default (schema.yaml `confidence.default_min`)."""
    return float(schema()["confidence"]["default_min"])


def confidence_absent() -> float:
    """The confidence of a record or stored row that has none (`confidence.absent`)."""
    return float(schema()["confidence"]["absent"])


# -- derived for the stores ---------------------------------------------------
ENTITY_LABEL_EXCLUDE = ("Article",)
LADYBUG_TYPES = {"string": "STRING", "string[]": "STRING[]", "int": "INT64", "float": "DOUBLE"}


def entity_labels() -> list[str]:
    """Labels an extraction record's entities may have (all but Article)."""
    return [label for label in node_labels() if label not in ENTITY_LABEL_EXCLUDE]


# A provenance relationship's weight: len(articles), stored beside the list (schema.yaml).
WEIGHT = "n_articles"


def provenance_types() -> list[str]:
    """Relationship types carrying provenance lists (all but MENTIONS)."""
    return [t for t in rel_types() if "articles" in rel_props(t)]


def pair_allowed(rel_type: str, head_label: str, tail_label: str) -> bool:
    return (head_label, tail_label) in rel_pairs(rel_type)


def ladybug_ddl() -> list[str]:
    """CREATE NODE/REL TABLE statements for the embedded store (idempotent)."""
    out = []
    for label in node_labels():
        cols = ", ".join(f"{p} {LADYBUG_TYPES[t]}" for p, t in node_props(label).items())
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({cols}, PRIMARY KEY(key))")
    for rel_type in rel_types():
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel_pairs(rel_type))
        cols = "".join(f", {p} {LADYBUG_TYPES[t]}" for p, t in rel_props(rel_type).items())
        out.append(f"CREATE REL TABLE IF NOT EXISTS {rel_type}({pairs}{cols})")
    return out


def search_spec() -> dict:
    """schema.yaml `search`: {"text": [property…], "fulltext": {"name", "properties", "analyzer"}}."""
    return schema()["search"]


FULLTEXT_INDEX = search_spec()["fulltext"]["name"]


def neo4j_ddl() -> list[str]:
    """Uniqueness constraints, name indexes (range, and TEXT for CONTAINS) and the full-text
    index, as schema.yaml declares them (idempotent)."""
    out = []
    spec = search_spec()
    for label in node_labels():
        low = label.lower()
        out.append(f"CREATE CONSTRAINT {low}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE")
        out.append(f"CREATE INDEX {low}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
        for prop in spec["text"]:
            if node_props(label).get(prop) == "string":
                out.append(f"CREATE TEXT INDEX {low}_{prop}_text IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    labels = "|".join(node_labels())
    ft = spec["fulltext"]
    props = ", ".join(f"n.{p}" for p in ft["properties"])
    # Eventually consistent: Lucene updates leave the commit path (~15 % faster loads);
    # Neo4jStore.load() waits for the index refresh before it returns.
    out.append(f"CREATE FULLTEXT INDEX {ft['name']} IF NOT EXISTS FOR (n:{labels}) ON EACH [{props}] "
               f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{ft['analyzer']}', "
               "`fulltext.eventually_consistent`: true}}")
    return out
