"""A nodes.csv / edges.csv pair, into a folder or a .zip.

nodes.csv: key, label, then every node property of graph/schema.yaml;
edges.csv: source, target, type, then every relationship property. UTF-8,
RFC 4180 quoting; lists are JSON arrays (json.loads gives them back); None
is an empty cell. pandas.read_csv reads the pair; igraph.Graph.DataFrame too,
once nodes.csv's "name" column is renamed (igraph keeps "name" for the key).
"""
from __future__ import annotations

import csv

from graph.export.base import CONVERTERS, Exporter, edge_columns, node_columns

NODES_FILE = "nodes.csv"
EDGES_FILE = "edges.csv"


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
    description = "nodes.csv + edges.csv (spreadsheets, pandas, igraph)"

    def begin(self):
        ncols = {"key": "string", "label": "string", **node_columns()}
        ecols = {"source": "string", "target": "string", "type": "string", **edge_columns()}
        self._nf = open(self.folder / NODES_FILE, "w", encoding="utf-8", newline="")
        self._ef = open(self.folder / EDGES_FILE, "w", encoding="utf-8", newline="")
        self._nw, self._ew = csv.writer(self._nf), csv.writer(self._ef)
        self._nw.writerow(ncols)
        self._ew.writerow(ecols)
        self._ncols = [(n, CONVERTERS[t]) for n, t in ncols.items() if n not in ("key", "label")]
        self._ecols = [(n, CONVERTERS[t]) for n, t in ecols.items()]

    def node(self, node, label):
        self._nw.writerow([node["key"], label, *_cells(self._ncols, node)])

    def edge(self, edge, index):
        self._ew.writerow(_cells(self._ecols, edge))

    def finish(self):
        self._nf.close()
        self._ef.close()
