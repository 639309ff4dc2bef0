"""GEXF 1.3 (Gephi), written by hand so it streams.

A node's XML `label` is its Chinese name; its schema label is the attribute
`node_type`. An edge's XML `label` and its attribute `rel_type` are the
relationship type (readers such as networkx take over attributes titled
"label" or "type", hence the renaming). Lists are JSON arrays in string
attributes; None is left out.
"""
from __future__ import annotations

from graph.export.base import (CONVERTERS, Exporter, edge_columns, node_columns, present,
                               present_cells, xml_attr)

GEXF_TYPES = {"string": "string", "string[]": "string", "int": "long", "float": "double"}
RENAMED = {"label": "node_type", "type": "rel_type"}  # property -> GEXF attribute title


def _attvalues(cells) -> str:
    values = "".join(f'<attvalue for="{i}" value={xml_attr(text)}/>' for i, text in cells)
    return f"<attvalues>{values}</attvalues>" if values else ""


class GEXFExporter(Exporter):
    name = "gexf"
    extension = ".gexf"
    mime = "application/xml"
    description = "GEXF 1.3 (Gephi)"

    def begin(self):
        ncols = {"label": "string", **node_columns()}
        ecols = {"type": "string", **edge_columns()}
        w = self.text.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<gexf xmlns="http://gexf.net/1.3" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
          '  <meta><creator>govkg</creator></meta>\n'
          '  <graph defaultedgetype="directed" mode="static">\n')
        for domain, cols in (("node", ncols), ("edge", ecols)):
            w(f'    <attributes class="{domain}" mode="static">\n')
            for i, (name, typ) in enumerate(cols.items()):
                w(f'      <attribute id="{i}" title={xml_attr(RENAMED.get(name, name))} '
                  f'type="{GEXF_TYPES[typ]}"/>\n')
            w('    </attributes>\n')
        w('    <nodes>\n')
        # node_type is attribute 0, written from the argument; the rest come from the dict
        self._ncols = [(n, CONVERTERS[t]) for n, t in ncols.items()][1:]
        self._ecols = [(n, CONVERTERS[t]) for n, t in ecols.items()]

    def node(self, node, label):
        cells = [(0, label), *((i + 1, text) for i, text in present_cells(node, self._ncols))]
        name = str(node["name"]) if present(node.get("name")) else node["key"]
        self.text.write(f'      <node id={xml_attr(node["key"])} label={xml_attr(name)}>'
                        f'{_attvalues(cells)}</node>\n')

    def end_nodes(self):
        self.text.write('    </nodes>\n    <edges>\n')

    def edge(self, edge, index):
        self.text.write(f'      <edge id="{index}" source={xml_attr(edge["source"])} '
                        f'target={xml_attr(edge["target"])} label={xml_attr(edge["type"])}>'
                        f'{_attvalues(present_cells(edge, self._ecols))}</edge>\n')

    def finish(self):
        self.text.write('    </edges>\n  </graph>\n</gexf>\n')
