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
