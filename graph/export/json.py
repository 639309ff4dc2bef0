"""networkx node-link JSON: {"directed", "multigraph", "graph", "nodes", "links"}.

Read back with networkx.node_link_graph(data, edges="links"). A node's "id"
is its key; lists stay JSON lists; None is left out.
"""
from __future__ import annotations

import json

from graph.export.base import Exporter, present


def _clean(item: dict, drop=()) -> dict:
    return {k: v for k, v in item.items() if k not in drop and present(v)}


class NodeLinkExporter(Exporter):
    name = "json"
    extension = ".json"
    mime = "application/json"
    description = "networkx node-link JSON"

    def begin(self):
        self.text.write('{"directed": true, "multigraph": true, "graph": {"name": "govkg"},\n"nodes": [')
        self._first = True

    def _item(self, obj: dict):
        self.text.write(("\n" if self._first else ",\n") + json.dumps(obj, ensure_ascii=False, default=str))
        self._first = False

    def node(self, node, label):
        self._item({"id": node["key"], **_clean(node, ("id", "other")), "label": label})

    def end_nodes(self):
        self.text.write('],\n"links": [')
        self._first = True

    def edge(self, edge, index):
        # No "key": networkx then numbers parallel edges itself.
        self._item(_clean(edge, ("key", "other")))

    def finish(self):
        self.text.write("]}\n")
