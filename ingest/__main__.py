"""Extract articles and load them into the graph store.

    python -m ingest PATH... [--store embedded|neo4j] [--db PATH] [--uri URI] [--log PATH]
                             [--workers N] [--batch-size N]
    python -m ingest --rebuild [--store ... --db ... --log PATH]    # the graph again from the article log
    python -m ingest --reextract [--store ... --db ... --log PATH]  # re-read every logged article

Every article loaded is first written to the article log (graph/article_log.py;
default beside the embedded file: data/govkg.articles).

Exit status: 0 when every article was loaded or already present, 1 when some
input was skipped (the summary names each with its reason), 2 on a store error.
"""
from __future__ import annotations

import argparse
import sys

from graph.store import LoadStats, StoreError, add_store_args, open_store


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files, folders or JSON-lines files")
    add_store_args(p)
    p.add_argument("--log", default=None, help="article log folder (default: $GOVKG_LOG or beside the "
                   "embedded file, data/govkg.articles; Neo4j: data/neo4j.articles for bolt://127.0.0.1:7687, "
                   "data/neo4j-HOST-PORT.articles for another server)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--rebuild", action="store_true", help="rebuild the graph from the article log")
    mode.add_argument("--reextract", action="store_true",
                      help="re-extract every logged article with the current extractor, then rebuild")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--batch-size", type=int, default=None,
                   help="articles per store transaction (default: embedded 20000, neo4j 10000)")
    args = p.parse_args(argv)
    if args.workers < 1 or (args.batch_size is not None and args.batch_size < 1):
        p.error("--workers and --batch-size must be at least 1")
    if bool(args.paths) == (args.rebuild or args.reextract):
        p.error("give article PATHs to load, or --rebuild / --reextract without PATHs")
    return args


def _log_path(args):
    """The article log of the store the arguments name (--log, else the store's own)."""
    from graph.article_log import log_path
    return log_path(args.store, args.db, args.log, args.uri)


def run(args) -> tuple[LoadStats, dict]:
    """Extract and load; returns the summed stats (skipped articles included) and the store's counts."""
    from tqdm import tqdm

    from graph.article_log import ArticleLog
    from ingest import replay
    from ingest.extract import extractor_version, iter_extract, validated

    total = LoadStats()
    with open_store(args.store, db=args.db, uri=args.uri) as store:
        store.article_log = ArticleLog(_log_path(args), extractor=extractor_version())
        store.ensure_schema()
        size = args.batch_size or getattr(store, "DEFAULT_BATCH", 2000)
        batch: list[dict] = []
        bar = tqdm(desc="articles", unit=" art", file=sys.stderr, disable=None)

        def flush():
            if batch:
                _add(total, store.load(batch, batch_size=len(batch)))
                bar.update(len(batch))
                batch.clear()

        for name, record, reason in validated(iter_extract(args.paths, workers=args.workers)):
            if record is None:
                total.articles_read += 1
                total.articles_skipped.append((name, reason))
                bar.update(1)
                continue
            batch.append(record)
            if len(batch) >= size:
                flush()
        flush()
        bar.close()
        counts = store.counts()
    log = ArticleLog(_log_path(args))
    # a merge joined nodes stored before it was decided: the graph again from the log, with it (also
    # when this run loaded nothing: a run killed after its last batch never got to apply them)
    if log.segments() and replay.stale(log, args.store, args.db, args.uri):
        with replay.progress_bar("applying merge decisions") as bar:
            _, counts = replay.rebuild(log, args.store, args.db, args.uri, args.batch_size, bar=bar)
    return total, counts


def replay(args) -> tuple[LoadStats, dict]:
    """--rebuild / --reextract: the same summary as a load."""
    from graph.article_log import ArticleLog
    from ingest import replay

    log = ArticleLog(_log_path(args))
    kept = []
    if args.reextract:
        with replay.progress_bar("re-extracting") as bar:
            kept = replay.reextract(log, workers=args.workers, bar=bar)
    with replay.progress_bar("rebuilding") as bar:
        stats, counts = replay.rebuild(log, args.store, args.db, args.uri, args.batch_size, bar=bar)
    stats.articles_skipped += [(name, f"{reason} (its previous extraction was kept)") for name, reason in kept]
    return stats, counts


def _add(total: LoadStats, s: LoadStats) -> None:
    for f in ("articles_read", "articles_loaded", "articles_present", "nodes_created", "nodes_updated",
              "rels_created", "rels_updated"):
        setattr(total, f, getattr(total, f) + getattr(s, f))
    total.articles_skipped += s.articles_skipped


def summary(s: LoadStats, counts: dict | None = None) -> str:
    lines = [f"articles read: {s.articles_read}, loaded: {s.articles_loaded}, "
             f"already present: {s.articles_present}, skipped: {len(s.articles_skipped)}"]
    for name, reason in s.articles_skipped:
        lines.append(f"  skipped {name}: {reason}")
    lines.append(f"nodes created: {s.nodes_created}, updated: {s.nodes_updated}; "
                 f"relationships created: {s.rels_created}, updated: {s.rels_updated}")
    if counts:
        lines.append("in the store: " + ", ".join(f"{k} {v}" for k, v in counts["nodes"].items()))
        lines.append("              " + ", ".join(f"{k} {v}" for k, v in counts["relationships"].items()))
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        stats, counts = replay(args) if args.rebuild or args.reextract else run(args)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for name, reason in stats.articles_skipped:  # problems go to stderr, like ingest.extract
        print(f"skipped {reason if name in reason else f'{name}: {reason}'}", file=sys.stderr)
    print(summary(stats, counts))
    return 1 if stats.articles_skipped else 0


if __name__ == "__main__":
    sys.exit(main())
