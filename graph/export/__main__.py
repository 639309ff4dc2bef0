"""python -m graph.export --format FMT -o PATH [scope options]: write a network file.

Scopes: the whole graph (default; --label/--type filter it), an entity's ego
network (--ego NAME_OR_KEY --depth N, with --label/--type/--from/--to), or a
named query's subgraph (--query NAME --param k=v ...). --min-confidence X
leaves out entities and relationships whose confidence is below X (default: none).
"""
from __future__ import annotations

import argparse
import os
import sys

from graph.export import EGO_LIMIT, FORMATS, export_scope
from graph.store import StoreError, add_store_args, open_store


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for p in pairs:
        k, sep, v = p.partition("=")
        if not sep or not k:
            raise ValueError(f"--param {p!r}: expected name=value")
        params[k] = v
    return params


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m graph.export", description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="formats:\n" + "\n".join(
                                     f"  {n:12} {c.description}" for n, c in FORMATS.items()))
    add_store_args(ap)
    ap.add_argument("--format", "-f", required=True, choices=list(FORMATS))
    ap.add_argument("-o", "--output", required=True,
                    help="file, folder (csv, neo4j-admin), *.zip, or - for stdout")
    ap.add_argument("--ego", metavar="NAME_OR_KEY", help="export this entity's neighbourhood")
    ap.add_argument("--depth", type=int, default=1, help="ego hops (default 1)")
    ap.add_argument("--label", action="append", metavar="L", help="keep only this node label (repeatable)")
    ap.add_argument("--type", action="append", metavar="T", help="keep only this relationship type (repeatable)")
    ap.add_argument("--from", dest="date_from", metavar="DATE", help="ego: relationships dated on/after")
    ap.add_argument("--to", dest="date_to", metavar="DATE", help="ego: relationships dated on/before")
    ap.add_argument("--query", metavar="NAME", help="export a named query's subgraph (cypher/NAME.cypher)")
    ap.add_argument("--param", action="append", default=[], metavar="K=V", help="named query parameter")
    ap.add_argument("--limit", type=int, default=EGO_LIMIT,
                    help=f"cap on the ego network / query rows (default {EGO_LIMIT})")
    ap.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                    help="leave out entities and relationships whose confidence is below X, 0-1 "
                         "(default 0: everything)")
    args = ap.parse_args(argv)

    store = None
    try:
        params = _params(args.param)
        store = open_store(args.store, db=args.db, uri=args.uri)
        bar, total = None, None
        if not args.ego and not args.query:
            counts = store.counts()
            total = sum(n for lb, n in counts["nodes"].items() if not args.label or lb in args.label) \
                + sum(n for t, n in counts["relationships"].items() if not args.type or t in args.type)

        def progress(done: int) -> None:
            nonlocal bar
            if bar is None:  # created on first use, so a refused export prints no bar
                from tqdm import tqdm
                bar = tqdm(total=total, unit=" items", desc=f"export {args.format}", file=sys.stderr)
            bar.update(done)

        try:
            stats = export_scope(store, args.format, args.output, ego=args.ego, depth=args.depth,
                                 labels=args.label, types=args.type, date_from=args.date_from,
                                 date_to=args.date_to, query=args.query, params=params, limit=args.limit,
                                 progress=progress if total is not None else None,
                                 min_confidence=args.min_confidence)
        finally:
            if bar is not None:
                bar.close()
    except BrokenPipeError:  # e.g. `-o - | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (ValueError, StoreError, OSError) as e:  # ExportError is a ValueError
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        if store is not None:
            store.close()
    notes = [f"{stats.dropped_edges} edges to nodes outside the scope left out"] if stats.dropped_edges else []
    if stats.below_confidence:
        notes.append(f"{stats.below_confidence} nodes and edges below --min-confidence "
                     f"{args.min_confidence:g} left out")
    if stats.truncated:
        notes.append(f"cut at --limit {args.limit}: raise it for the whole neighbourhood")
    where = "stdout" if args.output == "-" else args.output
    print(f"wrote {stats.nodes} nodes, {stats.edges} edges to {where} ({args.format})"
          + "".join(f"; {n}" for n in notes), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
