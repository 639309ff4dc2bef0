"""The graph again from the article log: --rebuild and --reextract.

rebuild: the store's graph becomes the log's (into a fresh file beside the
embedded one, swapped in when complete; a Neo4j database is cleared first).
reextract: the current extractor re-reads every logged article, the log is
rewritten with the new records, then the graph is rebuilt from it. Rebuilding
is how an article's old claims go: node properties are merged across articles
(aliases, names, levels, dates), and a merge cannot be taken apart again.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, Iterator

from graph.article_log import ArticleLog, ArticleLogError
from graph.identity import DecisionLog
from graph.store import LoadStats, StoreError, open_store

# The store's own markers and LadybugDB's checkpoint locks, beside its database files.
MARKERS = (".bulk-load", ".writer", ".checkpoint.apply.lock", ".checkpoint.intent.lock")


def rebuild(log: ArticleLog, kind: str | None = None, db: str | None = None, uri: str | None = None,
            batch_size: int | None = None, bar=None) -> tuple[LoadStats, dict]:
    """Load every logged article into an empty store; returns the load's stats and the counts."""
    if not log.segments():
        raise ArticleLogError(f"the article log {log.path} is empty or missing: nothing to rebuild from "
                              "(pass --log PATH or set GOVKG_LOG to the log's folder)")
    total = log.count()
    if bar is not None:
        bar.reset(total=total)
    progress = bar.update if bar is not None else None
    kind = (kind or os.environ.get("GOVKG_STORE") or "embedded").lower()
    if kind != "embedded":
        with open_store(kind, db=db, uri=uri) as store:
            store.decisions = DecisionLog(log.path)  # merges and links replayed
            store.ensure_schema()
            store.clear()
            stats = store.load(log.records(), batch_size=batch_size, progress=progress)
            return stats, store.counts()
    from graph.store import default_db_path
    db = db or os.environ.get("GOVKG_DB") or default_db_path()
    from graph.embedded_guard import WriterMarker
    if WriterMarker(db).held():
        raise StoreError(f"embedded database {db} is in use by another process; close it before --rebuild")
    fresh = db + ".rebuild"
    _remove(fresh)  # a rebuild that died half way
    with open_store("embedded", db=fresh) as store:
        store.decisions = DecisionLog(log.path)
        store.ensure_schema()
        stats = store.load(log.records(), batch_size=batch_size, progress=progress)
        counts = store.counts()
    _remove(db)  # whatever state the old file was in, the log now holds its graph
    os.replace(fresh, db)
    return stats, counts


def stale(log: ArticleLog, kind: str | None = None, db: str | None = None, uri: str | None = None) -> list[str]:
    """Stored nodes the log's decisions (graph/identity.py) disagree with: merges and
    links made after their nodes were stored, or undone since."""
    from graph import identity
    with open_store(kind, db=db, uri=uri) as store:
        return identity.stale(store, identity.Identity(DecisionLog(log.path), auto=False))


def reextract(log: ArticleLog, workers: int = 1, bar=None) -> list[tuple[str, str]]:
    """Re-extract every logged article and rewrite the log with the new records.
    An article the extractor now fails on keeps its previous record; returns those
    (name, reason) pairs."""
    from ingest.extract import extract_items, extractor_version, validated
    from ingest.readers import Article

    version = extractor_version()
    kept: list[tuple[str, str]] = []
    old: dict[str, dict] = {}
    if bar is not None:
        bar.reset(total=log.count())

    def items() -> Iterator[tuple]:
        for entry in log.entries():
            rec = entry["record"]
            old[rec["key"]] = entry
            # publisher and url as first read: the logged text is the cleaned one, without its source lines
            yield rec["key"], Article(name=rec.get("article") or rec["key"], text=rec.get("text") or "",
                                      title=rec.get("title"), date=rec.get("date"), source=rec.get("source"),
                                      publisher=rec.get("publisher"), url=rec.get("url")), None

    def new_records() -> Iterator[dict]:
        for key, rec, reason in validated(extract_items(items(), workers=workers)):
            prev = old.pop(key)
            if rec is None:
                kept.append((prev["record"].get("article") or key, reason))
                rec = {**prev["record"], "extractor": prev.get("extractor")}
            else:
                rec["extractor"] = version
            if bar is not None:
                bar.update(1)
            yield rec

    log.replace_all(new_records())
    return kept


def _remove(db: str) -> None:
    from graph.embedded_load import remove_db
    remove_db(db, MARKERS)


def progress_bar(desc: str) -> Callable:
    from tqdm import tqdm
    return tqdm(desc=desc, unit=" art", file=sys.stderr, disable=None)
