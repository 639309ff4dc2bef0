"""Network files: the whole graph or any subgraph as GraphML, GEXF (static or
dynamic), CSV, neo4j-admin import CSV, node-link JSON or Cytoscape.js JSON.
Every format names a node's schema label `node_type`, a relationship's type
`rel_type`, and gives each edge the same stable id (base.edge_id).

    from graph.export import FORMATS, write, export_scope
    write("gexf", subgraph.nodes, subgraph.edges, "view.gexf")
    export_scope(store, "graphml", "ego.graphml", ego="宋乐伟", depth=2)

`write(fmt, nodes, edges, out, progress=None, min_confidence=0.0)` takes node
and edge dicts (the shapes of graph/store.py), nodes first, and streams them:
only node keys stay in memory, and edges whose ends are not among the nodes are
dropped (counted in the returned ExportStats). min_confidence leaves out
entity nodes and relationships below it (and the edges of such nodes); the
default 0 writes everything. `out` is a path, "-" (stdout)
or a binary file object. Multi-file formats (csv, neo4j-admin) fill a folder,
or write a zip when `out` ends in .zip, is "-" or is a file object.

For a download (the Streamlit app):

    buf = io.BytesIO()
    write(fmt, view.nodes, view.edges, buf)
    st.download_button(label, buf.getvalue(), file_name="govkg" + FORMATS[fmt].extension,
                       mime=FORMATS[fmt].mime)

FORMATS[fmt] is the exporter class: .extension (".zip" for multi-file
formats), .mime, .multi_file, .description.
"""
from __future__ import annotations

from typing import Iterable

from graph.export.base import ExportError, Exporter, ExportStats, Progress
from graph.export.csv import CSVExporter
from graph.export.cytoscape import CytoscapeExporter
from graph.export.gexf import GEXFExporter
from graph.export.gexf_dynamic import DynamicGEXFExporter
from graph.export.graphml import GraphMLExporter
from graph.export.json import NodeLinkExporter
from graph.export.neo4j_admin import Neo4jAdminExporter

__all__ = ["FORMATS", "EGO_LIMIT", "ExportError", "ExportStats", "Exporter",
           "write", "export_scope", "resolve_node"]

FORMATS: dict[str, type[Exporter]] = {cls.name: cls for cls in (
    GraphMLExporter, GEXFExporter, DynamicGEXFExporter, CSVExporter, Neo4jAdminExporter, NodeLinkExporter, CytoscapeExporter)}

EGO_LIMIT = 100_000  # an export wants the whole neighbourhood, not the app's 300


def write(fmt: str, nodes: Iterable[dict], edges: Iterable[dict], out,
          progress: Progress | None = None, min_confidence: float = 0.0) -> ExportStats:
    """Write nodes then edges in format fmt to out (see the module docstring)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[fmt]().write(nodes, edges, out, progress, min_confidence)


def resolve_node(store, text: str, labels: list[str] | None = None) -> str:
    """A node key from a key or a name (exact name or alias first, else a single partial match)."""
    from graph.schema import label_of_key
    try:
        label_of_key(text)
        if store.node(text) is not None:
            return text
    except ValueError:
        pass
    hits = store.search(text, labels=labels, limit=50)
    exact = [h for h in hits if h.get("name") == text or text in (h.get("aliases") or [])]
    found = exact or hits
    if len(found) == 1:
        return found[0]["key"]
    if not found:
        raise ExportError(f"no node named {text!r}")
    keys = ", ".join(h["key"] for h in found[:5])
    raise ExportError(f"{len(found)} nodes match {text!r} ({keys}{' …' if len(found) > 5 else ''}); "
                      f"give a key instead")


def export_scope(store, fmt: str, out, ego: str | None = None, depth: int = 1,
                 labels: list[str] | None = None, types: list[str] | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 query: str | None = None, params: dict | None = None,
                 progress: Progress | None = None, limit: int = EGO_LIMIT,
                 min_confidence: float = 0.0) -> ExportStats:
    """Export the whole graph (labels/types filter it), the ego network of a
    name or key (store.ego with the same filters), or the nodes and
    relationships a named query (graph/named.py) returns; `limit` caps the
    ego network and the query's rows; min_confidence leaves out what is below
    it (the ego network does not reach past it either)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    from graph import confidence, schema
    min_confidence = confidence.check_min(min_confidence, ExportError)
    for given, known, what in ((labels, schema.node_labels(), "label"), (types, schema.rel_types(), "type")):
        bad = [x for x in given or [] if x not in known]
        if bad:
            raise ExportError(f"unknown {what} {bad[0]!r}: use one of {', '.join(known)}")
    if ego and query:
        raise ExportError("give either an ego node or a named query, not both")
    if ego:
        if depth < 1:
            raise ExportError(f"depth must be at least 1, not {depth}")
        key = resolve_node(store, ego)
        sg = store.ego(key, depth=depth, labels=labels, rel_types=types,
                       date_from=date_from, date_to=date_to, limit=limit, min_confidence=min_confidence,
                       provenance=None)  # an export keeps every supporting article, not a sample
        stats = write(fmt, sg.nodes, sg.edges, out, progress, min_confidence)
        stats.truncated = sg.truncated
        return stats
    if date_from or date_to:
        raise ExportError("--from/--to filter an ego network: give --ego too")
    if query:
        if labels or types:
            raise ExportError("--label/--type do not apply to a named query")
        from graph import named
        result = named.run(store, query, params or {}, limit=limit, timeout=120.0)
        stats = write(fmt, result.subgraph.nodes, result.subgraph.edges, out, progress, min_confidence)
        stats.truncated = result.truncated or result.subgraph.truncated
        return stats
    return write(fmt, store.iter_nodes(labels), store.iter_edges(types), out, progress, min_confidence)
