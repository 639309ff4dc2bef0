"""Cytoscape.js elements JSON ({"elements": {"nodes": [...], "edges": [...]}}).

Node data: id (= key), label (the schema label), name, and the other
properties; edge data: id, source, target, label (= the relationship type),
type and the properties, as st-link-analysis and Cytoscape.js expect. The
extra "value" (nodes) and "key" (edges) let networkx.cytoscape_graph read it
back as a multigraph. Cytoscape desktop imports it as a .cyjs file.
"""
from __future__ import annotations

import json

from graph.export.base import Exporter, present


class CytoscapeExporter(Exporter):
    name = "cytoscape"
    extension = ".cyjs"
    mime = "application/json"
    description = "Cytoscape.js elements JSON"

    def begin(self):
        self.text.write('{"data": {"name": "govkg"}, "directed": true, "multigraph": true,\n'
                        '"elements": {"nodes": [')
        self._first = True

    def _item(self, data: dict):
        self.text.write(("\n" if self._first else ",\n")
                        + json.dumps({"data": data}, ensure_ascii=False, default=str))
        self._first = False

    def node(self, node, label):
        props = {k: v for k, v in node.items() if k not in ("id", "other") and present(v)}
        self._item({"id": node["key"], "value": node["key"], **props, "label": label})

    def end_nodes(self):
        self.text.write('],\n"edges": [')
        self._first = True

    def edge(self, edge, index):
        props = {k: v for k, v in edge.items() if k not in ("id", "key", "other") and present(v)}
        self._item({"id": f"e{index}", "key": index, **props, "label": edge["type"]})

    def finish(self):
        self.text.write("]}}\n")
