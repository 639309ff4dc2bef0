"""nodes.csv + edges.csv in Gephi's spreadsheet conventions, for Gephi's
"Import spreadsheet", pandas and igraph alike.

nodes.csv: `Id` (the key), `Label` (the name), `node_type`, then every node
property of graph/schema.yaml but key and name; the Article's `source` is
`article_source`, as a `source` (or `target`) column makes Gephi read the
file as an edge table. edges.csv: `Source`, `Target`, `Type` (= Directed:
Gephi's edge direction), `Id` (stable, base.edge_id), `Label` and `rel_type`
(the relationship type), `Weight` (supporting articles; a MENTIONS edge's
count), then the relationship properties. Lists are JSON arrays; an absent
value is an empty cell.

    nodes = pd.read_csv("nodes.csv"); edges = pd.read_csv("edges.csv")
    g = igraph.Graph.DataFrame(edges, directed=True, vertices=nodes, use_vids=False)
"""
from __future__ import annotations

import csv

from graph.export.base import (CONVERTERS, NODE_TYPE, REL_TYPE, Exporter, display_name, edge_columns,
                               edge_id, edge_weight, node_columns)

NODES_FILE = "nodes.csv"
EDGES_FILE = "edges.csv"
RENAMED = {"source": "article_source"}  # node property -> column
NODE_HEAD = ["Id", "Label", NODE_TYPE]
EDGE_HEAD = ["Source", "Target", "Type", "Id", "Label", REL_TYPE, "Weight"]


def _cells(cols: list, item: dict) -> list[str]:
    out = []
    for name, conv in cols:
        v = item.get(name)
        out.append(conv(v) if v is not None and v == v else "")
    return out


class CSVExporter(Exporter):
    name = "csv"
    extension = ".zip"
    mime = "application/zip"
    multi_file = True
    description = "nodes.csv + edges.csv (Gephi spreadsheet import, pandas, igraph)"

    def begin(self):
        ncols = {k: t for k, t in node_columns().items() if k not in ("key", "name")}
        ecols = edge_columns()
        self._nf = open(self.folder / NODES_FILE, "w", encoding="utf-8", newline="")
        self._ef = open(self.folder / EDGES_FILE, "w", encoding="utf-8", newline="")
        self._nw, self._ew = csv.writer(self._nf), csv.writer(self._ef)
        self._nw.writerow(NODE_HEAD + [RENAMED.get(n, n) for n in ncols])
        self._ew.writerow(EDGE_HEAD + list(ecols))
        self._ncols = [(n, CONVERTERS[t]) for n, t in ncols.items()]
        self._ecols = [(n, CONVERTERS[t]) for n, t in ecols.items()]

    def node(self, node, label):
        self._nw.writerow([node["key"], display_name(node), label, *_cells(self._ncols, node)])

    def edge(self, edge, index):
        t = edge["type"]
        self._ew.writerow([edge["source"], edge["target"], "Directed", edge_id(edge), t, t,
                           edge_weight(edge), *_cells(self._ecols, edge)])

    def finish(self):
        self._nf.close()
        self._ef.close()
