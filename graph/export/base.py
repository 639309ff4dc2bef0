"""The Exporter base class: streaming, the output target, and columns from the schema."""
from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from graph import confidence, schema

Progress = Callable[[int], None]
PROGRESS_EVERY = 1000  # items between progress callbacks: cheap enough for 1 M edges


class ExportError(ValueError):
    """Bad export input or target; its message is one line."""


@dataclass
class ExportStats:
    nodes: int = 0
    edges: int = 0
    dropped_edges: int = 0  # edges whose source or target was not among the nodes
    below_confidence: int = 0  # nodes and edges left out by min_confidence (edges of such nodes too)
    truncated: bool = False  # the ego network or query hit its limit


def _union(specs: dict[str, dict[str, str]], what: str) -> dict[str, str]:
    """Ordered union of property types over labels/types; a name must keep one type."""
    cols: dict[str, str] = {}
    for owner, props in specs.items():
        for name, typ in props.items():
            if cols.setdefault(name, typ) != typ:
                raise ExportError(f"schema.yaml: {what} property {name!r} has two types "
                                  f"({cols[name]} and {typ}, on {owner})")
    return cols


def node_columns() -> dict[str, str]:
    """Every node property in graph/schema.yaml with its schema type, key first."""
    return _union({lb: schema.node_props(lb) for lb in schema.node_labels()}, "node")


def edge_columns() -> dict[str, str]:
    """Every relationship property in graph/schema.yaml with its schema type."""
    return _union({t: schema.rel_props(t) for t in schema.rel_types()}, "relationship")


def present(value) -> bool:
    """Whether a value is worth writing (None and NaN are not)."""
    return value is not None and value == value  # NaN != NaN


_json_list = json.JSONEncoder(ensure_ascii=False, default=str).encode


def _list_text(value) -> str:
    return _json_list(list(value) if isinstance(value, (list, tuple)) else [value])


def _str_text(value) -> str:
    return _list_text(value) if isinstance(value, (list, tuple)) else str(value)


# Schema type -> value-to-text. Lists become JSON arrays: one convention for
# GraphML, GEXF and CSV, so ';' or ',' inside evidence stays unambiguous.
CONVERTERS: dict[str, Callable[[object], str]] = {
    "string": _str_text, "string[]": _list_text,
    "int": lambda v: str(int(v)), "float": lambda v: repr(float(v))}


def as_text(value, typ: str) -> str:
    """A value as text for its schema type (see CONVERTERS)."""
    return CONVERTERS[typ](value)


def present_cells(item: dict, columns: list[tuple[str, Callable]]) -> Iterator[tuple[int, str]]:
    """(column index, text) for each column whose value is present in item."""
    for i, (name, conv) in enumerate(columns):
        v = item.get(name)
        if v is not None and v == v:
            yield i, conv(v)


# XML 1.0 forbids most control characters; article text occasionally carries them.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile('[&<>"\x00-\x1f\ufffe\uffff]')  # anything xml_text/xml_attr may change


def xml_clean(text: str) -> str:
    return _XML_BAD.sub("", text)


def xml_text(text: str) -> str:
    """Element content: control characters dropped, & < > escaped."""
    if not _XML_SPECIAL.search(text):  # the common case, checked in C
        return text
    return escape(xml_clean(text))


def xml_attr(text: str) -> str:
    """A double-quoted attribute value (line breaks kept as character references)."""
    if not _XML_SPECIAL.search(text):
        return f'"{text}"'
    return quoteattr(xml_clean(text))


NODE_TYPE, REL_TYPE = "node_type", "rel_type"  # the schema label / relationship type, in every format


def edge_id(edge: dict) -> str:
    """A stable edge id derived from (type, source, target): the same in every
    export and format, so two exports merged in one viewer keep every edge."""
    # NUL joins: keys never hold it; 64 bits: a collision in 10^6 edges has odds ~3e-8
    triple = f'{edge["type"]}\x00{edge["source"]}\x00{edge["target"]}'
    return "e" + hashlib.blake2b(triple.encode("utf-8"), digest_size=8).hexdigest()


def edge_weight(edge: dict) -> int:
    """How strongly an edge is supported: a MENTIONS edge's count, else its number of articles."""
    count = edge.get("count")
    if present(count):
        return int(count)
    articles = edge.get("articles")
    return len(articles) if isinstance(articles, (list, tuple)) and articles else 1


def node_size(node: dict) -> float:
    """A drawing size from mention_count (log scale: 1 mention 10, 100 mentions 38); 5 without one."""
    n = node.get("mention_count")
    return round(5 + 5 * math.log2(1 + int(n)), 2) if present(n) else 5.0


def display_name(node: dict) -> str:
    """What a viewer shows for a node: its name, else its key."""
    name = node.get("name")
    return str(name) if present(name) and name != "" else node["key"]


def rgb(name: str) -> tuple[int, int, int]:
    """The schema.yaml colour of a node label or relationship type as (r, g, b)."""
    h = schema.color(name).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def node_label(node: dict) -> str:
    label = node.get("label")
    if label is None:
        try:
            label = schema.label_of_key(node["key"])
        except (KeyError, ValueError) as e:
            raise ExportError(f"node without a label or govkg key: {node!r:.120}") from e
    if label not in schema.schema()["nodes"]:
        raise ExportError(f"node {node.get('key')!r} has a label not in schema.yaml: {label!r}")
    return label


def is_stdout(out) -> bool:
    return isinstance(out, str) and out == "-"


class Exporter:
    """Writes nodes then edges, one at a time, to `out`.

    Subclasses set name/extension/mime/multi_file and implement begin, node,
    end_nodes, edge and finish. Single-file formats get self.text (a text
    stream); multi-file formats get self.folder (a directory to fill).
    Only node keys are kept in memory (to drop edges that would dangle).
    min_confidence leaves out nodes and edges below it (graph/confidence.py),
    and the edges of nodes left out; 0 writes everything.
    """

    name = "abstract"
    extension = ""       # for a download of write(fmt, ..., BytesIO)
    mime = "application/octet-stream"
    multi_file = False
    description = ""

    def write(self, nodes: Iterable[dict], edges: Iterable[dict], out,
              progress: Progress | None = None, min_confidence: float = 0.0) -> ExportStats:
        min_confidence = confidence.check_min(min_confidence, ExportError)
        if self.multi_file:
            with _folder_target(out) as folder:
                self.folder = folder
                return self._stream(nodes, edges, progress, min_confidence)
        with _binary_target(out) as raw:
            self.text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            try:
                return self._stream(nodes, edges, progress, min_confidence)
            finally:
                self.text.flush()
                self.text.detach()  # the caller's file object stays open

    def _stream(self, nodes, edges, progress, min_confidence) -> ExportStats:
        stats = ExportStats()
        seen: set[str] = set()
        hidden: set[str] = set()  # keys of nodes below min_confidence
        pending = 0

        def tick():
            nonlocal pending
            pending += 1
            if progress and pending >= PROGRESS_EVERY:
                progress(pending)
                pending = 0

        self.begin()
        for n in nodes:
            key = n.get("key")
            if key is None:
                raise ExportError(f"node without a key: {n!r:.120}")
            if key in seen or key in hidden:
                continue
            if not confidence.keeps(n, min_confidence):
                hidden.add(key)
                stats.below_confidence += 1
                tick()
                continue
            seen.add(key)
            self.node(n, node_label(n))
            stats.nodes += 1
            tick()
        self.end_nodes()
        for e in edges:
            if not confidence.keeps(e, min_confidence) or e.get("source") in hidden or e.get("target") in hidden:
                stats.below_confidence += 1
            elif e.get("source") not in seen or e.get("target") not in seen:
                stats.dropped_edges += 1
            else:
                if not e.get("type"):
                    raise ExportError(f"edge without a type: {e!r:.120}")
                self.edge(e, stats.edges)
                stats.edges += 1
            tick()
        self.finish()
        if progress and pending:
            progress(pending)
        return stats

    # -- what a format implements ------------------------------------------
    def begin(self) -> None: ...

    def node(self, node: dict, label: str) -> None:
        raise NotImplementedError

    def end_nodes(self) -> None: ...

    def edge(self, edge: dict, index: int) -> None:
        raise NotImplementedError

    def finish(self) -> None: ...


@contextmanager
def _binary_target(out) -> Iterator[IO[bytes]]:
    """A binary stream for a path, '-' (stdout) or a caller's binary file object."""
    if is_stdout(out):
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    elif isinstance(out, (str, os.PathLike)):
        path = Path(out)
        if path.is_dir():
            raise ExportError(f"{path}: is a folder; this format writes one file")
        try:
            f = open(path, "wb")
        except OSError as e:
            raise ExportError(f"{path}: cannot write ({e.strerror})") from e
        with f:
            yield f
    elif hasattr(out, "write"):
        if isinstance(out, io.TextIOBase):
            raise ExportError("export needs a binary file object (e.g. io.BytesIO), not a text one")
        yield out
    else:
        raise ExportError(f"cannot write to {out!r}: give a path, '-' or a binary file object")


@contextmanager
def _folder_target(out) -> Iterator[Path]:
    """A folder to fill: the folder itself, or a temporary one zipped at the end
    into a *.zip path, '-' (stdout) or a binary file object."""
    if isinstance(out, (str, os.PathLike)) and not is_stdout(out) \
            and not str(out).lower().endswith(".zip"):
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"{folder}: exists and is not a folder (give a folder or a .zip path)")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ExportError(f"{folder}: cannot create folder ({e.strerror})") from e
        yield folder
        return
    tmp = Path(tempfile.mkdtemp(prefix="govkg-export-"))
    try:
        yield tmp
        with _binary_target(out) as raw:
            # A temporary folder, not zipfile streams: ZipFile allows one open member at a time.
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as z:
                for f in sorted(tmp.iterdir()):
                    z.write(f, f.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
