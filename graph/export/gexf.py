"""GEXF 1.3 (Gephi), written by hand so it streams.

A node's XML `label` is its Chinese name, its schema label the attribute
`node_type`; `viz:color` is the label's colour in graph/schema.yaml and
`viz:size` grows with mention_count. An edge's XML `label` and `kind` and its
attribute `rel_type` are the relationship type (readers such as networkx take
over attributes titled "label" or "type", hence the renaming), `weight` the
number of supporting articles (a MENTIONS edge's count), its colour the
type's, and its id is stable (base.edge_id). Lists are GEXF `liststring`s,
`["a", "b"]` with `\\` and `"` escaped, as Gephi parses them (JSON-readable
with json.loads(text, strict=False)); None is left out.
graph/export/gexf_dynamic.py adds time for Gephi's timeline.
"""
from __future__ import annotations

from graph.export.base import (CONVERTERS, NODE_TYPE, REL_TYPE, Exporter, display_name, edge_columns,
                               edge_id, edge_weight, node_columns, node_size, present_cells, rgb, xml_attr)

GEXF_TYPES = {"string": "string", "string[]": "liststring", "int": "long", "float": "double"}


def list_text(value) -> str:
    """A list as Gephi's array syntax: ["a", "b"], quotes and backslashes escaped."""
    items = value if isinstance(value, (list, tuple)) else [value]
    quoted = ('"' + ("" if v is None else str(v)).replace("\\", "\\\\").replace('"', '\\"') + '"'
              for v in items)
    return "[" + ", ".join(quoted) + "]"


def _converters(cols: dict[str, str]) -> list:
    return [(n, list_text if t == "string[]" else CONVERTERS[t]) for n, t in cols.items()]


def _attvalues(cells) -> str:
    values = "".join(f'<attvalue for="{i}" value={xml_attr(text)}/>' for i, text in cells)
    return f"<attvalues>{values}</attvalues>" if values else ""


def _color(name: str) -> str:
    r, g, b = rgb(name)
    return f'<viz:color r="{r}" g="{g}" b="{b}"/>'


class GEXFExporter(Exporter):
    name = "gexf"
    extension = ".gexf"
    mime = "application/xml"
    description = "GEXF 1.3 (Gephi): colours, sizes, weights"
    dynamic = False

    def begin(self):
        ncols = {NODE_TYPE: "string", **node_columns()}
        ecols = {REL_TYPE: "string", **edge_columns()}
        w = self.text.write
        time = ' timeformat="date" timerepresentation="interval"' if self.dynamic else ""
        w('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
          '  <meta><creator>govkg</creator></meta>\n'
          f'  <graph defaultedgetype="directed" mode="{"dynamic" if self.dynamic else "static"}"{time}>\n')
        for domain, cols in (("node", ncols), ("edge", ecols)):
            w(f'    <attributes class="{domain}" mode="static">\n')
            for i, (name, typ) in enumerate(cols.items()):
                w(f'      <attribute id="{i}" title={xml_attr(name)} type="{GEXF_TYPES[typ]}"/>\n')
            w('    </attributes>\n')
        w('    <nodes>\n')
        # attribute 0 (node_type / rel_type) is written from the label / type; the rest come from the dict
        self._ncols = _converters(ncols)[1:]
        self._ecols = _converters(ecols)[1:]
        self._colors = {}

    def _viz(self, name: str) -> str:
        if name not in self._colors:
            self._colors[name] = _color(name)
        return self._colors[name]

    def node_time(self, node: dict, label: str) -> str:
        """Extra XML attributes of a node (the dynamic export's start/end)."""
        return ""

    def edge_spells(self, edge: dict) -> str:
        """Extra XML content of an edge (the dynamic export's spells)."""
        return ""

    def node(self, node, label):
        cells = [(0, label), *((i + 1, text) for i, text in present_cells(node, self._ncols))]
        self.text.write(f'      <node id={xml_attr(node["key"])} label={xml_attr(display_name(node))}'
                        f'{self.node_time(node, label)}>{_attvalues(cells)}{self._viz(label)}'
                        f'<viz:size value="{node_size(node)}"/></node>\n')

    def end_nodes(self):
        self.text.write('    </nodes>\n    <edges>\n')

    def edge(self, edge, index):
        t = xml_attr(edge["type"])
        cells = [(0, edge["type"]), *((i + 1, text) for i, text in present_cells(edge, self._ecols))]
        self.text.write(f'      <edge id="{edge_id(edge)}" source={xml_attr(edge["source"])} '
                        f'target={xml_attr(edge["target"])} label={t} kind={t} weight="{edge_weight(edge)}">'
                        f'{_attvalues(cells)}{self.edge_spells(edge)}{self._viz(edge["type"])}</edge>\n')

    def finish(self):
        self.text.write('    </edges>\n  </graph>\n</gexf>\n')
