"""CSV files for `neo4j-admin database import full` (an empty database), and
IMPORT.txt: the exact stock command, for a user's own Neo4j (Desktop, Docker).

One nodes file per label, `nodes_<Label>.csv`, with header `key:ID`,
`:LABEL`, then the label's properties typed from graph/schema.yaml
(`aliases:string[]`, `mention_count:long`, `total_investment_cny:double`);
keys are global, so one ID space serves every label. One relationships file
per type, `rels_<TYPE>.csv`: `:START_ID`, `:END_ID`, `:TYPE`, then the
type's properties. Every file exists, header-only when empty.

Lists round-trip exactly with IMPORT_ARGS: items are joined with U+001F (the
ASCII unit separator, which news text does not hold) and kept as written.
The importer splits an array cell on the delimiter and, with
--trim-strings=true, trims each item (quoted plain strings are left alone), so
the one list it cannot otherwise express, [""], is written as " ". What cannot
be imported exactly is refused with an ExportError naming the item: an item
holding U+001F, or one starting or ending in whitespace. An empty list is left
unset: the importer stores no empty arrays (govkg reads a missing list as
none). Every string is quoted, so an empty string stays one; article text
holds line breaks, hence --multiline-fields=true.
"""
from __future__ import annotations

import csv
import shlex
from pathlib import Path

from graph import schema
from graph.export.base import ExportError, Exporter, present

ARRAY_DELIMITER = "\x1f"
IMPORT_ARGS = ["--array-delimiter=U+001F", "--multiline-fields=true", "--trim-strings=true"]
NOTE_FILE = "IMPORT.txt"
NEO4J_TYPES = {"string": "string", "string[]": "string[]", "int": "long", "float": "double"}


def nodes_file(label: str) -> str:
    return f"nodes_{label}.csv"


def rels_file(rel_type: str) -> str:
    return f"rels_{rel_type}.csv"


def _header(name: str, typ: str) -> str:
    return name if typ == "string" else f"{name}:{NEO4J_TYPES[typ]}"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _array_cell(value, where) -> str:
    items = ["" if v is None else str(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
    if not items:
        return ""
    for item in items:
        if ARRAY_DELIMITER in item:
            raise ExportError(f"{where()}: an item holds U+001F, the array delimiter: "
                              f"neo4j-admin cannot import it exactly ({item[:40]!r})")
        if item and (item[0] <= " " or item[-1] <= " "):
            raise ExportError(f"{where()}: an item starts or ends in whitespace, which neo4j-admin "
                              f"trims: use the csv format for it ({item[:40]!r})")
    return _quoted(" " if items == [""] else ARRAY_DELIMITER.join(items))


def _cell(value, typ: str, where) -> str:
    if not present(value):
        return ""
    if typ == "string[]":
        return _array_cell(value, where)
    if typ == "int":
        return str(int(value))
    if typ == "float":
        return repr(float(value))
    return _quoted(str(value))


class Neo4jAdminExporter(Exporter):
    name = "neo4j-admin"
    extension = ".zip"
    mime = "application/zip"
    multi_file = True
    description = "CSV files for neo4j-admin database import full (+ IMPORT.txt)"

    def begin(self):
        self._files = []
        # label/type -> [file, {property: schema type}, rows]
        self._nodes = {lb: self._open(nodes_file(lb), ["key:ID", ":LABEL"],
                                      {k: t for k, t in schema.node_props(lb).items() if k != "key"})
                       for lb in schema.node_labels()}
        self._rels = {t: self._open(rels_file(t), [":START_ID", ":END_ID", ":TYPE"], schema.rel_props(t))
                      for t in schema.rel_types()}

    def _open(self, filename, head, props):
        f = open(self.folder / filename, "w", encoding="utf-8", newline="")
        self._files.append(f)
        csv.writer(f).writerow(head + [_header(k, t) for k, t in props.items()])
        return [f, props, 0]

    def node(self, node, label):
        out = self._nodes[label]
        key = node["key"]
        cells = [_cell(node.get(k), t, lambda: f"node {key!r} {k}") for k, t in out[1].items()]
        out[0].write(",".join([_quoted(key), label, *cells]) + "\n")
        out[2] += 1

    def edge(self, edge, index):
        if edge["type"] not in self._rels:
            raise ExportError(f"relationship type not in schema.yaml: {edge['type']!r}")
        out = self._rels[edge["type"]]
        s, t = edge["source"], edge["target"]
        cells = [_cell(edge.get(k), typ, lambda: f"{edge['type']} {s!r} -> {t!r} {k}")
                 for k, typ in out[1].items()]
        out[0].write(",".join([_quoted(s), _quoted(t), edge["type"], *cells]) + "\n")
        out[2] += 1

    def finish(self):
        for f in self._files:
            f.close()
        nodes = [nodes_file(lb) for lb, out in self._nodes.items() if out[2]]
        rels = [rels_file(t) for t, out in self._rels.items() if out[2]]
        (self.folder / NOTE_FILE).write_text(import_note(nodes, rels), encoding="utf-8")


def command_args(nodes: list[str], rels: list[str], database: str = "neo4j") -> list[str]:
    """neo4j-admin's arguments; the database goes first, as --nodes takes every later word."""
    return (["database", "import", "full", database, "--overwrite-destination=true", *IMPORT_ARGS]
            + [f"--nodes={p}" for p in nodes] + [f"--relationships={p}" for p in rels])


def import_note(nodes: list[str], rels: list[str]) -> str:
    """IMPORT.txt: what to run, from this folder, with the stock tool."""
    here = shlex.join(["neo4j-admin", *command_args(nodes, rels)])
    docker = shlex.join(["neo4j-admin", *command_args([f"/import/{n}" for n in nodes],
                                                      [f"/import/{r}" for r in rels])])
    return f"""govkg export for Neo4j 5's bulk importer. It fills database "neo4j" of a stopped
Neo4j and replaces what that database held. From this folder:

{here}

Neo4j Desktop: stop the DBMS, open its Terminal and run bin/neo4j-admin with the
command above (give the files with their full paths). Docker (official image):

docker run --rm -v "$PWD":/import -v neo4j-data:/data neo4j:5.26 {docker}

then start Neo4j on the same /data volume.

The flags: list properties are joined with U+001F (--array-delimiter); article
text holds line breaks (--multiline-fields); --trim-strings lets a list of one
empty string ([""]) be written as " ". An empty list is left unset: the
importer stores no empty arrays. Header-only files (no rows) are left out.
"""


def import_files(folder) -> tuple[list[str], list[str]]:
    """The nodes and relationships files of an export folder that hold rows
    (their headers name the label/type), as absolute paths."""
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
                    out.append(str(p.resolve()))
        return out

    return (with_rows(nodes_file(lb) for lb in schema.node_labels()),
            with_rows(rels_file(t) for t in schema.rel_types()))


def import_command(folder, database: str = "neo4j") -> list[str]:
    """The neo4j-admin arguments that import an export folder into an empty database."""
    return command_args(*import_files(folder), database=database)
