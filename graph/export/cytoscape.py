"""Cytoscape.js elements JSON ({"elements": {"nodes": [...], "edges": [...]}, "style": [...]}).

Node data: id (= key), label (the name, what Cytoscape shows), node_type (the
schema label), and the properties; edge data: id (stable, base.edge_id: two
exports added to one graph keep every edge), source, target, interaction
(Cytoscape's column for the relationship type), label and rel_type (the
same), weight (supporting articles; a MENTIONS edge's count) and the
properties. "style" colours nodes and edges by type from graph/schema.yaml:
cytoscape({elements: doc.elements, style: doc.style}). The extra "value"
(nodes) and "key" (edges) let networkx.cytoscape_graph read it back as a
multigraph. Cytoscape desktop imports it as a .cyjs file.
"""
from __future__ import annotations

import json

from graph import schema
from graph.export.base import NODE_TYPE, REL_TYPE, Exporter, display_name, edge_id, edge_weight, present


def style() -> list[dict]:
    """A Cytoscape.js stylesheet: names as labels, colours by node label and relationship type."""
    sheet = [{"selector": "node", "style": {"label": "data(label)", "font-size": 10}},
             {"selector": "edge", "style": {"curve-style": "bezier", "target-arrow-shape": "triangle",
                                            "width": "mapData(weight, 1, 10, 1, 5)"}}]
    sheet += [{"selector": f'node[{NODE_TYPE} = "{lb}"]', "style": {"background-color": schema.color(lb)}}
              for lb in schema.node_labels()]
    sheet += [{"selector": f'edge[{REL_TYPE} = "{t}"]',
               "style": {"line-color": schema.color(t), "target-arrow-color": schema.color(t)}}
              for t in schema.rel_types()]
    return sheet


class CytoscapeExporter(Exporter):
    name = "cytoscape"
    extension = ".cyjs"
    mime = "application/json"
    description = "Cytoscape.js / Cytoscape desktop JSON, with a style by type"

    def begin(self):
        self.text.write('{"data": {"name": "govkg"}, "directed": true, "multigraph": true,\n'
                        f'"style": {json.dumps(style())},\n'
                        '"elements": {"nodes": [')
        self._first = True

    def _item(self, data: dict):
        self.text.write(("\n" if self._first else ",\n")
                        + json.dumps({"data": data}, ensure_ascii=False, default=str))
        self._first = False

    def node(self, node, label):
        props = {k: v for k, v in node.items() if k not in ("id", "label", "other") and present(v)}
        self._item({"id": node["key"], "value": node["key"], **props,
                    "label": display_name(node), NODE_TYPE: label})

    def end_nodes(self):
        self.text.write('],\n"edges": [')
        self._first = True

    def edge(self, edge, index):
        props = {k: v for k, v in edge.items() if k not in ("id", "key", "type", "other") and present(v)}
        eid, t = edge_id(edge), edge["type"]
        self._item({"id": eid, "key": eid, **props, "interaction": t, "label": t, REL_TYPE: t,
                    "weight": edge_weight(edge)})

    def finish(self):
        self.text.write("]}}\n")
