"""Named queries: cypher/NAME.cypher (Neo4j) and cypher/NAME.ladybug.cypher (embedded
dialect, where it differs), each with a header the app turns into a form:

    // title: Ego network of an entity
    // description: ...
    // param: key string place:江苏省/徐州市 — key of the entity

Parameter types: string, int, float, bool. Queries use $name parameters only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parents[1] / "cypher"
TYPES = {"string": str, "int": int, "float": float, "bool": lambda v: str(v).lower() in ("1", "true", "yes")}
_PARAM = re.compile(r"^(\w+)\s+(\w+)\s*(.*?)\s*(?:—|--)\s*(.*)$")


class NamedQueryError(ValueError):
    """A named query file or its parameters are wrong; the message names the file."""


@dataclass
class Param:
    name: str
    type: str
    default: object
    help: str = ""


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    params: list[Param] = field(default_factory=list)
    text: str = ""              # Neo4j Cypher
    ladybug_text: str | None = None  # embedded dialect, when it differs

    def cypher_for(self, kind: str) -> str:
        """The query text for a store kind ("neo4j" or "embedded")."""
        return self.ladybug_text if kind == "embedded" and self.ladybug_text else self.text

    def bind(self, values: dict | None = None) -> dict:
        """Parameters with defaults filled in and values converted to their types."""
        values = values or {}
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise NamedQueryError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}")
        out = {}
        for p in self.params:
            v = values.get(p.name, p.default)
            try:
                out[p.name] = None if v is None else TYPES[p.type](v)
            except (TypeError, ValueError):
                raise NamedQueryError(f"{self.name}: parameter {p.name} must be {p.type}, not {v!r}") from None
        return out


def parse(path: Path, ladybug_path: Path | None = None) -> NamedQuery:
    """Read one named query (and its embedded-dialect twin)."""
    text = path.read_text(encoding="utf-8")
    head = {"title": "", "description": ""}
    params = []
    for line in text.splitlines():
        m = re.match(r"^\s*//\s*(title|description|param):\s*(.*)$", line)
        if not m:
            continue
        kind, rest = m.groups()
        if kind != "param":
            head[kind] = rest.strip()
            continue
        pm = _PARAM.match(rest.strip())
        if not pm or pm.group(2) not in TYPES:
            raise NamedQueryError(f"{path}: bad param line {rest!r} "
                                  f"(expected '// param: NAME TYPE DEFAULT — help', TYPE one of {', '.join(TYPES)})")
        name, typ, default, help_ = pm.groups()
        try:
            value = TYPES[typ](default) if default != "" else None
        except ValueError:
            raise NamedQueryError(f"{path}: default {default!r} of {name} is not {typ}") from None
        params.append(Param(name, typ, value, help_.strip()))
    if not head["title"]:
        raise NamedQueryError(f"{path}: missing '// title: …' header")
    body = _body(text)
    used = set(re.findall(r"\$(\w+)", body))
    missing = used - {p.name for p in params}
    if missing:
        raise NamedQueryError(f"{path}: ${', $'.join(sorted(missing))} used but not declared as // param")
    lady = _body(ladybug_path.read_text(encoding="utf-8")) if ladybug_path and ladybug_path.exists() else None
    return NamedQuery(path.name[:-len(".cypher")], head["title"], head["description"], params, body, lady)


def _body(text: str) -> str:
    return "\n".join(l for l in text.splitlines() if not l.strip().startswith("//")).strip()


def list_queries(directory: Path | str = CYPHER_DIR) -> list[NamedQuery]:
    """Every named query in the folder, sorted by name."""
    directory = Path(directory)
    out = []
    for path in sorted(directory.glob("*.cypher")):
        if path.name.endswith(".ladybug.cypher"):
            continue
        out.append(parse(path, path.with_name(path.name[:-len(".cypher")] + ".ladybug.cypher")))
    return out


def get(name: str, directory: Path | str = CYPHER_DIR) -> NamedQuery:
    for q in list_queries(directory):
        if q.name == name:
            return q
    raise NamedQueryError(f"no named query {name!r} in {directory}")


def run(store, name: str, values: dict | None = None, limit: int = 1000, timeout: float = 10.0):
    """Run a named query on a store (read-only), in the store's dialect."""
    q = get(name)
    return store.query(q.cypher_for(store.kind), q.bind(values), limit=limit, timeout=timeout)
