"""Driver values (Node, Relationship, Path, records) as the node and edge dicts every
store speaks in: what Neo4jStore.query returns for a user's Cypher."""
from __future__ import annotations

from graph import schema
from graph.store import Subgraph, full_edge, full_node


def _node(n) -> dict:
    label = next((l for l in n.labels if l in schema.node_labels()), next(iter(n.labels), "?"))
    return full_node(label, dict(n))


def _edge(r, keys: dict | None = None) -> dict:
    def key(n):
        return n.get("key") if n is not None and n.get("key") else (keys or {}).get(n.element_id)
    return full_edge(r.type, key(r.start_node), key(r.end_node), dict(r))


def endpoint_keys(tx, rows) -> dict[str, str]:
    """Keys of relationship endpoints the result did not carry (element id -> key)."""
    from neo4j.graph import Relationship
    missing = {n.element_id for v in _leaves(rows) if isinstance(v, Relationship)
               for n in (v.start_node, v.end_node) if n is not None and not n.get("key")}
    if not missing:
        return {}
    return {r["id"]: r["key"] for r in tx.run("MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS id, n.key AS key",
                                              ids=sorted(missing))}


def plain(v, keys: dict | None = None):
    """A driver value with Node/Relationship/Path turned into node/edge dicts."""
    from neo4j.graph import Node, Path, Relationship
    if isinstance(v, Node):
        return _node(v)
    if isinstance(v, Relationship):
        return _edge(v, keys)
    if isinstance(v, Path):
        return {"nodes": [_node(n) for n in v.nodes], "relationships": [_edge(r, keys) for r in v.relationships]}
    if isinstance(v, list):
        return [plain(x, keys) for x in v]
    if isinstance(v, dict):
        return {k: plain(x, keys) for k, x in v.items()}
    return v


def subgraph(value, keys: dict | None = None) -> Subgraph:
    from neo4j.graph import Node, Relationship
    nodes, edges = {}, {}
    for v in _leaves(value):
        if isinstance(v, Node):
            nodes[v["key"]] = _node(v)
        elif isinstance(v, Relationship):
            e = _edge(v, keys)
            edges[(e["type"], e["source"], e["target"])] = e
    return Subgraph(nodes=list(nodes.values()), edges=list(edges.values()))


def _leaves(v):
    """Every value inside v: lists, tuples, dicts, driver records and paths opened."""
    from neo4j import Record
    from neo4j.graph import Path
    if isinstance(v, Path):
        yield from v.nodes
        yield from v.relationships
    elif isinstance(v, (list, tuple, Record)):
        for x in v:
            yield from _leaves(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from _leaves(x)
    else:
        yield v
