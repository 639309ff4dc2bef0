"""GraphML, written by hand so it streams.

Every schema property is a declared <key> (string/long/double); the node's
schema label is the attribute `label`, the relationship type the edge
attribute `type`. Lists are JSON arrays in a string attribute
(json.loads gives them back); None is left out.
"""
from __future__ import annotations

from graph.export.base import (CONVERTERS, Exporter, edge_columns, node_columns, present_cells,
                               xml_attr, xml_text)

GRAPHML_TYPES = {"string": "string", "string[]": "string", "int": "long", "float": "double"}


class GraphMLExporter(Exporter):
    name = "graphml"
    extension = ".graphml"
    mime = "application/graphml+xml"
    description = "GraphML (networkx, igraph, Gephi, yEd, Cytoscape)"

    def begin(self):
        ncols = {"label": "string", **node_columns()}
        ecols = {"type": "string", **edge_columns()}
        w = self.text.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for prefix, domain, cols in (("n", "node", ncols), ("e", "edge", ecols)):
            for i, (name, typ) in enumerate(cols.items()):
                w(f'  <key id="{prefix}{i}" for="{domain}" attr.name={xml_attr(name)} '
                  f'attr.type="{GRAPHML_TYPES[typ]}"/>\n')
        w('  <graph id="govkg" edgedefault="directed">\n')
        # label is column n0, written from the argument; the rest come from the dict
        self._ncols = [(n, CONVERTERS[t]) for n, t in ncols.items()][1:]
        self._ecols = [(n, CONVERTERS[t]) for n, t in ecols.items()]

    def node(self, node, label):
        data = "".join(f'<data key="n{i + 1}">{xml_text(text)}</data>'
                       for i, text in present_cells(node, self._ncols))
        self.text.write(f'    <node id={xml_attr(node["key"])}><data key="n0">{xml_text(label)}</data>'
                        f'{data}</node>\n')

    def edge(self, edge, index):
        data = "".join(f'<data key="e{i}">{xml_text(text)}</data>'
                       for i, text in present_cells(edge, self._ecols))
        self.text.write(f'    <edge id="e{index}" source={xml_attr(edge["source"])} '
                        f'target={xml_attr(edge["target"])}>{data}</edge>\n')

    def finish(self):
        self.text.write("  </graph>\n</graphml>\n")
