"""GraphML, written by hand so it streams.

Gephi's GraphML importer maps the node key named `label` to the node Label and
the edge keys `label`/`weight` to the edge Label/Weight, so: a node's `label`
is its Chinese name, `node_type` its schema label and `color` the label's
colour in graph/schema.yaml (Gephi colours the node by it); an edge's `label` and
`rel_type` are the relationship type, `weight` the number of supporting
articles (a MENTIONS edge's count) and its id is stable (base.edge_id).
Every schema property is a declared <key> (string/long/double); lists are
JSON arrays in a string attribute (json.loads gives them back); None is left out.
"""
from __future__ import annotations

from graph import schema
from graph.export.base import (CONVERTERS, NODE_TYPE, REL_TYPE, Exporter, display_name, edge_columns,
                               edge_id, edge_weight, node_columns, present_cells, xml_attr, xml_text)

GRAPHML_TYPES = {"string": "string", "string[]": "string", "int": "long", "float": "double"}
NODE_EXTRA = {"label": "string", NODE_TYPE: "string", "color": "string"}  # n0-n2: from the name and label
EDGE_EXTRA = {"label": "string", REL_TYPE: "string", "weight": "int"}  # e0-e2


class GraphMLExporter(Exporter):
    name = "graphml"
    extension = ".graphml"
    mime = "application/graphml+xml"
    description = "GraphML (Gephi, networkx, igraph, yEd, Cytoscape)"

    def begin(self):
        ncols = {**NODE_EXTRA, **node_columns()}
        ecols = {**EDGE_EXTRA, **edge_columns()}
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
        self._nskip, self._eskip = len(NODE_EXTRA), len(EDGE_EXTRA)
        self._ncols = [(n, CONVERTERS[t]) for n, t in ncols.items()][self._nskip:]
        self._ecols = [(n, CONVERTERS[t]) for n, t in ecols.items()][self._eskip:]

    def node(self, node, label):
        data = "".join(f'<data key="n{i + self._nskip}">{xml_text(text)}</data>'
                       for i, text in present_cells(node, self._ncols))
        self.text.write(f'    <node id={xml_attr(node["key"])}><data key="n0">{xml_text(display_name(node))}</data>'
                        f'<data key="n1">{label}</data><data key="n2">{schema.color(label)}</data>{data}</node>\n')

    def edge(self, edge, index):
        data = "".join(f'<data key="e{i + self._eskip}">{xml_text(text)}</data>'
                       for i, text in present_cells(edge, self._ecols))
        t = xml_text(edge["type"])
        self.text.write(f'    <edge id="{edge_id(edge)}" source={xml_attr(edge["source"])} '
                        f'target={xml_attr(edge["target"])}><data key="e0">{t}</data><data key="e1">{t}</data>'
                        f'<data key="e2">{edge_weight(edge)}</data>{data}</edge>\n')

    def finish(self):
        self.text.write("  </graph>\n</graphml>\n")
