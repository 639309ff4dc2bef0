"""The article log: every loaded article's extraction record, kept beside its store.

A folder of gzip segments, each one appended batch of records written whole
(a temporary file, fsync, rename, fsync of the folder) before the store commits
that batch. Each line is `<article key> TAB <json entry>`; an entry holds the
record (text, title, date, source, entities, relations), the extractor version
and when it was logged. An article logged twice counts once: its latest entry.
The graph is a function of the log, so `python -m ingest --rebuild` restores it.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import time
from pathlib import Path
from typing import Iterator

from graph.store import StoreError

SUFFIX = ".jsonl.gz"
# gzip level 3: on the real corpus 31 % of plain JSON in 0.29 s; level 6 gives 29 % in 0.50 s,
# on the loader's critical path (bench/bench_log.py, BENCHMARKS.md).
COMPRESSLEVEL = 3


class ArticleLogError(StoreError):
    """The log cannot be written or read; the message names the path."""


def log_path(kind: str | None, db: str | None, log: str | None = None, uri: str | None = None) -> str:
    """--log, else $GOVKG_LOG, else beside the store: data/govkg.lbug -> data/govkg.articles;
    Neo4j: one log per server, <data>/neo4j.articles for the project's own (bolt://127.0.0.1:7687,
    the name every Neo4j log had before), <data>/neo4j-<host>-<port>.articles for another, so a
    rebuild of one server never brings in what was loaded into another."""
    if log or os.environ.get("GOVKG_LOG"):
        return log or os.environ["GOVKG_LOG"]
    from graph.store import default_db_path
    kind = (kind or os.environ.get("GOVKG_STORE") or "embedded").lower()
    if kind == "neo4j":
        return os.path.join(os.environ.get("GOVKG_DATA", "data"), _server_log(uri))
    db = db or os.environ.get("GOVKG_DB") or default_db_path()
    return os.path.splitext(db)[0] + ".articles"


def _server_log(uri: str | None) -> str:
    """The default log folder's name for the Neo4j server at uri (--uri, $NEO4J_URI or the default)."""
    from urllib.parse import urlsplit

    from graph.store import DEFAULT_URI, neo4j_uri

    def where(u):
        parts = urlsplit(u)
        host = (parts.hostname or "").lower()
        return ("127.0.0.1" if host == "localhost" else host), parts.port or 7687

    try:
        host, port = where(neo4j_uri(uri))
    except ValueError:  # a malformed URI: the store's own error names it
        return "neo4j.articles"
    if (host, port) == where(DEFAULT_URI):
        return "neo4j.articles"
    return f"neo4j-{re.sub(r'[^a-z0-9.-]', '_', host)}-{port}.articles"


class ArticleLog:
    def __init__(self, path: str | os.PathLike, extractor: str | None = None):
        self.path = Path(path)
        self.extractor = extractor  # recorded with records that carry no version of their own

    # -- writing ------------------------------------------------------------------
    def append(self, records: list[dict]) -> None:
        """Write records as one new segment, durable when this returns."""
        if not records:
            return
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        lines = []
        for rec in records:
            entry = {"logged_at": now, "extractor": rec.get("extractor") or self.extractor, "record": rec}
            lines.append(f"{rec['key']}\t{json.dumps(entry, ensure_ascii=False)}\n")
        self._write_segment(gzip.compress("".join(lines).encode("utf-8"), compresslevel=COMPRESSLEVEL, mtime=0))

    def _write_segment(self, data: bytes) -> Path:
        # Named by time then pid: sorted names are the order of appends, two writers never clash.
        name = f"{time.time_ns():020d}-{os.getpid()}{SUFFIX}"
        final, tmp = self.path / name, self.path / f".{name}.tmp"
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.rename(tmp, final)
            _fsync_dir(self.path)
        except OSError as e:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise ArticleLogError(f"cannot write the article log {self.path}: {e.strerror or e}; "
                                  "nothing of this batch was loaded") from None
        return final

    def replace_all(self, entries: Iterator[dict], per_segment: int = 20_000) -> int:
        """Rewrite the log as entries (a compaction or a re-extraction): new segments
        first, then the old ones go; a crash in between leaves both, and the newer
        entries win. Returns the number of entries written."""
        old = self.segments()
        n, chunk = 0, []
        for rec in entries:
            chunk.append(rec)
            n += 1
            if len(chunk) >= per_segment:
                self.append(chunk)
                chunk = []
        self.append(chunk)
        for seg in old:
            seg.unlink()
        _fsync_dir(self.path)
        return n

    # -- reading ------------------------------------------------------------------
    def segments(self) -> list[Path]:
        if not self.path.is_dir():
            return []
        return sorted(p for p in self.path.iterdir() if p.name.endswith(SUFFIX) and not p.name.startswith("."))

    def _lines(self) -> Iterator[tuple[str, str]]:
        for seg in self.segments():
            try:
                with gzip.open(seg, "rt", encoding="utf-8") as f:
                    for line in f:
                        key, _, entry = line.partition("\t")
                        yield key, entry
            except (OSError, EOFError, UnicodeDecodeError) as e:
                raise ArticleLogError(f"article log segment {seg} is unreadable ({e})") from None

    def entries(self) -> Iterator[dict]:
        """The latest entry of every logged article, in the order they were logged."""
        last: dict[str, int] = {}
        for i, (key, _) in enumerate(self._lines()):
            last[key] = i
        for i, (key, entry) in enumerate(self._lines()):
            if last.get(key) == i:
                try:
                    yield json.loads(entry)
                except ValueError as e:
                    raise ArticleLogError(f"article log {self.path}: the entry of {key} is not JSON ({e})") from None

    def records(self) -> Iterator[dict]:
        for entry in self.entries():
            yield entry["record"]

    def count(self) -> int:
        """Distinct articles logged."""
        return len({key for key, _ in self._lines()})

    def size(self) -> int:
        """Bytes on disk."""
        return sum(p.stat().st_size for p in self.segments())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # a platform without directory handles (Windows)
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
