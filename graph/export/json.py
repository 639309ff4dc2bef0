"""networkx node-link JSON: {"directed", "multigraph", "graph", "nodes", "edges"}.

`edges` is what networkx 3.6 reads by default: nx.node_link_graph(json.load(f)).
A node's "id" is its key, "label" its name, "node_type" its schema label; an
edge's "key" is its stable id (base.edge_id, networkx's multigraph key),
"rel_type" its relationship type, "weight" its number of supporting articles
(a MENTIONS edge's count). Lists stay JSON lists; None is left out.
"""
from __future__ import annotations

import json

from graph.export.base import NODE_TYPE, REL_TYPE, Exporter, display_name, edge_id, edge_weight, present


def _clean(item: dict, drop=()) -> dict:
    return {k: v for k, v in item.items() if k not in drop and present(v)}


class NodeLinkExporter(Exporter):
    name = "json"
    extension = ".json"
    mime = "application/json"
    description = "networkx node-link JSON (nx.node_link_graph reads it as is)"

    def begin(self):
        self.text.write('{"directed": true, "multigraph": true, "graph": {"name": "govkg"},\n"nodes": [')
        self._first = True

    def _item(self, obj: dict):
        self.text.write(("\n" if self._first else ",\n") + json.dumps(obj, ensure_ascii=False, default=str))
        self._first = False

    def node(self, node, label):
        self._item({"id": node["key"], **_clean(node, ("id", "label", "other")),
                    "label": display_name(node), NODE_TYPE: label})

    def end_nodes(self):
        self.text.write('],\n"edges": [')
        self._first = True

    def edge(self, edge, index):
        self._item({**_clean(edge, ("key", "type", "other")), "key": edge_id(edge), REL_TYPE: edge["type"],
                    "weight": edge_weight(edge)})

    def finish(self):
        self.text.write("]}\n")
