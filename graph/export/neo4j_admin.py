"""CSV files for `neo4j-admin database import full` (an empty database).

One nodes file per label, `nodes_<Label>.csv`, with header `key:ID`,
`:LABEL`, then the label's properties typed from graph/schema.yaml
(`aliases:string[]`, `mention_count:long`, `total_investment_cny:double`);
keys are global, so one ID space serves every label. One relationships file
per type, `rels_<TYPE>.csv`: `:START_ID`, `:END_ID`, `:TYPE`, then the
type's properties. Every file exists, header-only when empty.

Arrays are joined with ARRAY_DELIMITER (';', the importer's default); an
ASCII ';' inside an item becomes '；' (U+FF1B) so items never split. An
empty list or None is an empty cell, which the importer leaves unset.
Article text holds line breaks: import with `--multiline-fields=true`
(IMPORT_ARGS). import_files(folder) lists the files to pass,
import_command(folder) the whole neo4j-admin argument list.
"""
from __future__ import annotations

import csv
from pathlib import Path

from graph import schema
from graph.export.base import ExportError, Exporter, present

ARRAY_DELIMITER = ";"
NEO4J_TYPES = {"string": "string", "string[]": "string[]", "int": "long", "float": "double"}


def nodes_file(label: str) -> str:
    return f"nodes_{label}.csv"


def rels_file(rel_type: str) -> str:
    return f"rels_{rel_type}.csv"


def _header(name: str, typ: str) -> str:
    return name if typ == "string" else f"{name}:{NEO4J_TYPES[typ]}"


def _cell(value, typ: str) -> str:
    if not present(value):
        return ""
    if typ.endswith("[]"):
        items = value if isinstance(value, (list, tuple)) else [value]
        return ARRAY_DELIMITER.join("" if v is None else str(v).replace(ARRAY_DELIMITER, "；")
                                    for v in items)
    if typ == "int":
        return str(int(value))
    if typ == "float":
        return repr(float(value))
    return str(value)


class Neo4jAdminExporter(Exporter):
    name = "neo4j-admin"
    extension = ".zip"
    mime = "application/zip"
    multi_file = True
    description = "CSV files for neo4j-admin database import full"

    def begin(self):
        self._files = []
        # label/type -> (csv writer, {property: schema type})
        self._nodes = {lb: self._open(nodes_file(lb), ["key:ID", ":LABEL"],
                                      {k: t for k, t in schema.node_props(lb).items() if k != "key"})
                       for lb in schema.node_labels()}
        self._rels = {t: self._open(rels_file(t), [":START_ID", ":END_ID", ":TYPE"], schema.rel_props(t))
                      for t in schema.rel_types()}

    def _open(self, filename, head, props):
        f = open(self.folder / filename, "w", encoding="utf-8", newline="")
        self._files.append(f)
        w = csv.writer(f)
        w.writerow(head + [_header(k, t) for k, t in props.items()])
        return w, props

    def node(self, node, label):
        w, props = self._nodes[label]
        w.writerow([node["key"], label] + [_cell(node.get(k), t) for k, t in props.items()])

    def edge(self, edge, index):
        if edge["type"] not in self._rels:
            raise ExportError(f"relationship type not in schema.yaml: {edge['type']!r}")
        w, props = self._rels[edge["type"]]
        w.writerow([edge["source"], edge["target"], edge["type"]]
                   + [_cell(edge.get(k), t) for k, t in props.items()])

    def finish(self):
        for f in self._files:
            f.close()


IMPORT_ARGS = [f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true"]


def import_files(folder) -> tuple[list[str], list[str]]:
    """The nodes and relationships files of an export folder that hold rows
    (their headers name the label/type), for graph.neo4j_server.admin_import
    with extra_args=IMPORT_ARGS."""
    folder = Path(folder)

    def with_rows(names):
        paths = [folder / n for n in names]
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise ExportError(f"{missing[0]}: missing (not a neo4j-admin export folder?)")
        out = []
        for p in paths:
            with open(p, encoding="utf-8") as f:
                f.readline()
                if f.read(1):
                    out.append(str(p))
        return out

    return (with_rows(nodes_file(lb) for lb in schema.node_labels()),
            with_rows(rels_file(t) for t in schema.rel_types()))


def import_command(folder, database: str = "neo4j") -> list[str]:
    """The neo4j-admin arguments that import an export folder into an empty database."""
    nodes, rels = import_files(folder)
    return (["database", "import", "full", *IMPORT_ARGS]
            + [f"--nodes={p}" for p in nodes] + [f"--relationships={p}" for p in rels] + [database])
