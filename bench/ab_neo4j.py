"""Two checkouts' Neo4j queries, alternately, on one loaded server: a before/after that a busy
machine skews alike on both sides.

The server must hold the synthetic graph of --size (bench_store leaves it loaded). Each round
runs one process per checkout (before, then after); each answers the same samples as
bench_store picks (hub and ordinary 2-hops, hub 1-hops, tracer on hub companies, search).

    python -m bench.ab_neo4j --before /tmp/old --size 100k --rounds 3 --uri bolt://… -o ab.jsonl [--networkx]
    python -m bench.ab_neo4j --before /tmp/old -o ab.jsonl --summary     # the p50 / p95 table
    … --cold: no call finds edges an earlier call left in the Neo4j adjacency's edge cache

One JSON line per process: {"side", "round", "load", "ms": {kind: [latencies]}, "results": a hash
of every answer (the stored weight n_articles left out: a checkout from before it lacks it), equal
on both sides when the change kept the results.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

KINDS = ("ego1_hub", "ego2_hub", "ego2", "trace_hub", "search")
NETWORKX = "networkx"


def worker(size: int, samples: int, uri: str, cold: bool = False) -> dict:
    """The kinds' latencies with the code this process imported (its checkout's); uri
    "networkx": the same calls answered by bench/nx_reference.py on the same graph. cold: no
    call finds edges an earlier one read (the Neo4j adjacency's edge cache is emptied before
    each, untimed), so an answer overlapping the ones before it is timed as if it came first."""
    from bench import synth
    from bench.bench_store import pick_samples
    records = synth.generate(size)
    picked = pick_samples(records)
    if uri == NETWORKX:
        from bench.nx_reference import Reference
        ref, store = Reference(records), None
        calls = {"ego1_hub": lambda k: ref.ego(k, 1), "ego2_hub": lambda k: ref.ego(k, 2),
                 "ego2": lambda k: ref.ego(k, 2), "trace_hub": ref.trace, "search": ref.search}
    else:
        from graph.store import FACTUAL, open_store
        store = open_store("neo4j", uri=uri)
        calls = {"ego1_hub": lambda k: store.ego(k, depth=1, rel_types=list(FACTUAL)),
                 "ego2_hub": lambda k: store.ego(k, depth=2, rel_types=list(FACTUAL)),
                 "ego2": lambda k: store.ego(k, depth=2, rel_types=list(FACTUAL)),
                 "trace_hub": store.company_trace, "search": store.search}
    del records
    gc.collect()
    gc.freeze()  # the synthetic corpus stays out of collections timed below (as in bench_store)
    out, digest = {}, hashlib.sha256()
    for kind in KINDS:
        args = picked[kind][:samples]
        calls[kind](args[0])  # plans compiled, caches warm
        out[kind] = []
        for a in args:
            _forget_edges(store, cold)
            t = time.perf_counter()
            res = calls[kind](a)
            out[kind].append(round((time.perf_counter() - t) * 1000, 3))
            digest.update(_canonical(res).encode())
    if store is not None:
        store.close()
    return {"ms": out, "results": digest.hexdigest()[:16]}


def _forget_edges(store, cold: bool) -> None:
    adj = getattr(store, "_adj", None)
    if cold and hasattr(adj, "edge_cache"):  # a checkout from before the cache has none
        adj.edge_cache = type(adj.edge_cache)()


# Provenance entries per edge compared: a checkout from before trimmed answers returns the whole
# lists, which are cut here to what a trimmed answer holds (its first entries and their count).
_SAMPLE, _LISTS, _TOTAL = 5, ("articles", "evidence", "dates", "titles"), "evidence_total"


def _canonical(res) -> str:
    """A result in a fixed order, without what one side may not have (the stored weight), its
    provenance lists cut to their first _SAMPLE entries and counted."""
    def plain(v):
        if hasattr(v, "nodes") and hasattr(v, "edges"):  # a Subgraph
            return {"nodes": sorted(map(plain, v.nodes), key=repr), "edges": sorted(map(plain, v.edges), key=repr),
                    "truncated": v.truncated, "omitted": v.omitted}
        if isinstance(v, dict) and isinstance(v.get("articles"), list):  # an edge, or a tracer row
            v = {_TOTAL: len(v["articles"]), **v}
            v.update({k: v[k][:_SAMPLE] for k in _LISTS if isinstance(v.get(k), list)})
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items() if k != "n_articles"}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        if isinstance(v, (set, frozenset)):
            return sorted(map(plain, v), key=repr)
        return v
    return json.dumps(plain(res), sort_keys=True, ensure_ascii=False, default=str)


def summary(path: str) -> str:
    """A markdown table of an output file: p50 / p95 ms per kind and side over every round, the
    after side's p95 over networkx's, the load averages, and whether the result hashes agree."""
    import statistics
    lines = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
    sides = list(dict.fromkeys(x["side"] for x in lines))

    def ms(side, kind):
        return sorted(v for x in lines if x["side"] == side for v in x["ms"][kind])

    def pct(v, q):
        return statistics.quantiles(v, n=100, method="inclusive")[q - 1] if len(v) > 1 else v[0]
    head = "| kind | " + " | ".join(f"{s} p50 / p95 ms" for s in sides) + (
        " | after p95 / networkx p95 |" if NETWORKX in sides else " |")
    out = [head, "|" + "---|" * (len(sides) + 1 + (NETWORKX in sides))]
    for kind in KINDS:
        cells = [f"{pct(ms(s, kind), 50):.1f} / {pct(ms(s, kind), 95):.1f}" for s in sides]
        if NETWORKX in sides:
            cells.append(f"{pct(ms('after', kind), 95) / max(pct(ms(NETWORKX, kind), 95), 1e-3):,.1f}")
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    loads = [x["load"] for x in lines]
    hashes = {x["side"]: x.get("results") for x in lines if x["side"] != NETWORKX}
    rounds = len({x["round"] for x in lines})
    out.append(f"\n{rounds} rounds, load {min(loads):.1f}–{max(loads):.1f}; results "
               + ("identical on both sides" if len(set(hashes.values())) == 1 else f"DIFFER: {hashes}"))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ab_neo4j", description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", help="the other checkout (e.g. git archive of a commit)")
    ap.add_argument("--after", default=str(Path(__file__).resolve().parents[1]), help="default: this checkout")
    ap.add_argument("--size", default="100k")
    ap.add_argument("--samples", type=int, default=20, help="calls per kind per process")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)  # a checkout: measure with its code
    ap.add_argument("--networkx", action="store_true", help="each round, the same calls answered by networkx too")
    ap.add_argument("--cold", action="store_true", help="no call finds edges cached by an earlier one")
    ap.add_argument("--summary", action="store_true", help="print the p50 / p95 table of --output and exit")
    args = ap.parse_args(argv)
    if args.summary:
        print(summary(args.output))
        return 0
    if not args.before:
        ap.error("--before is required")
    if args.worker:  # run as a script: bench and graph come from the worker's checkout
        sys.path.insert(0, args.worker)
    from bench.common import parse_sizes
    size = parse_sizes(args.size)[0]
    if args.worker:
        print(json.dumps(worker(size, args.samples, args.uri, args.cold)))
        return 0
    with open(args.output, "a", encoding="utf-8") as out:
        for i in range(1, args.rounds + 1):
            sides = [("before", args.before, args.uri), ("after", args.after, args.uri)]
            if args.networkx:
                sides.append((NETWORKX, args.after, NETWORKX))
            for side, repo, uri in sides:
                load = os.getloadavg()[0]
                cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", repo, "--size", args.size,
                       "--samples", str(args.samples), "--uri", uri, "--before", args.before, "-o", "-"] + (
                       ["--cold"] if args.cold else [])
                got = json.loads(subprocess.run(cmd, cwd=repo, check=True, stdout=subprocess.PIPE,
                                                text=True).stdout.splitlines()[-1])
                ms = got["ms"]
                out.write(json.dumps({"side": side, "round": i, "load": round(load, 2), "cold": args.cold, **got}) + "\n")
                out.flush()
                print(f"round {i} {side} (results {got['results']}): " + ", ".join(f"{k} p50 {sorted(v)[len(v) // 2]:.1f}"
                                                        for k, v in ms.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
