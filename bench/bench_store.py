"""Store benchmark: load rate, size on disk and query latency at 10 k / 100 k / 1 M relationships.

Every query goes through the GraphStore methods the app calls (ego, shortest_path,
company_trace, search), on a synthetic corpus from bench.synth.

    python -m bench.bench_store --store embedded --sizes 10k,100k,1M
    python -m bench.bench_store --store neo4j --sizes 10k

One result file per store and size: bench/results/store-<store>-<size>.json.
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from bench import synth
from bench.common import REPO, WORK, dir_bytes, parse_sizes, rng, size_label, summarize, time_calls, write_result

# How many calls of each kind, at scale 1 (--samples multiplies them).
SAMPLES = {"ego1": 200, "ego1_hub": 20, "ego2": 100, "ego2_hub": 20, "path": 50, "trace": 50,
           "trace_hub": 10, "search": 100}


WARMUP_ROUNDS = 5


def degrees(records: list[dict]) -> Counter:
    """Degree of every node over the distinct relationships the records make."""
    seen: set[tuple[str, str, str]] = set()
    for rec in records:
        seen.update(("MENTIONS", rec["key"], e["key"]) for e in rec["entities"])
        seen.update((r["type"], r["head_key"], r["tail_key"]) for r in rec["relations"])
    deg: Counter = Counter()
    for _, a, b in seen:
        deg[a] += 1
        deg[b] += 1
    return deg


def pick_samples(records: list[dict], scale: float = 1.0, seed: int = 7) -> dict:
    """Query arguments: ordinary nodes, hubs (highest degree), node pairs, companies, partial names."""
    r = rng(seed)
    deg = degrees(records)
    names = {e["key"]: e["name"] for rec in records for e in rec["entities"]}
    keys = sorted(k for k in deg if not k.startswith("article:"))
    n = {k: max(1, int(v * scale)) for k, v in SAMPLES.items()}
    by_degree = sorted(keys, key=lambda k: (-deg[k], k))
    hubs = by_degree[:max(n["ego1_hub"], n["ego2_hub"])]
    hub_set = set(hubs)
    ordinary = [k for k in keys if k not in hub_set]
    companies = [k for k in by_degree if k.startswith("company:")]
    search_terms = []
    for k in r.sample(ordinary, min(len(ordinary), n["search"])):
        name = names[k]
        # Partial names, as users type them: a surname plus one character, or two inner characters.
        search_terms.append(name[:2] if k.startswith("official:") or len(name) < 4 else name[1:3])
    return {
        "ego1": r.sample(ordinary, min(len(ordinary), n["ego1"])),
        "ego1_hub": hubs[:n["ego1_hub"]],
        "ego2": r.sample(ordinary, min(len(ordinary), n["ego2"])),
        "ego2_hub": hubs[:n["ego2_hub"]],
        "path": [tuple(r.sample(ordinary, 2)) for _ in range(n["path"])],
        "trace": r.sample(companies[n["trace_hub"]:] or companies, min(len(companies), n["trace"])),
        "trace_hub": companies[:n["trace_hub"]],
        "search": search_terms,
        "hub_degrees": [deg[k] for k in hubs[:5]],
    }


def neo4j_db_bytes(home: Path | None = None) -> int | None:
    """Bytes of the Neo4j database folders, if the server's home is found."""
    home = Path(home or os.environ.get("GOVKG_NEO4J_HOME") or REPO / ".neo4j")
    dirs = [home / "data" / "databases" / "neo4j", home / "data" / "transactions" / "neo4j"]
    if not dirs[0].exists():
        return None
    return sum(dir_bytes(d) for d in dirs if d.exists())


def open_bench_store(kind: str, rels: int, uri: str | None = None, work: Path | None = None):
    """A fresh store for a run: a new embedded file under `work`, or the Neo4j server."""
    from graph.store import open_store
    if kind == "embedded":
        work = Path(work or WORK)
        work.mkdir(parents=True, exist_ok=True)
        path = work / f"store-{size_label(rels)}.lbug"
        for p in (path, Path(f"{path}.wal")):  # a fresh file: measure a load, not a re-load
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
        return open_store("embedded", db=str(path)), path
    return open_store("neo4j", uri=uri), None


def measure_queries(store, samples: dict, budget_s: float) -> dict:
    """Latency summaries per query kind (each kind stops after budget_s). Ego networks
    follow the factual relationships, as the app's default filters do."""
    from bench.nx_reference import FACTUAL  # graph.store.FACTUAL; here so older code can be measured too
    rel = list(FACTUAL)
    calls = {
        "ego1": (lambda k: store.ego(k, depth=1, rel_types=rel), "ego1"),
        "ego1_hub": (lambda k: store.ego(k, depth=1, rel_types=rel), "ego1_hub"),
        "ego2": (lambda k: store.ego(k, depth=2, rel_types=rel), "ego2"),
        "ego2_hub": (lambda k: store.ego(k, depth=2, rel_types=rel), "ego2_hub"),
        "path": (lambda a, b: store.shortest_path(a, b), "path"),
        "trace": (lambda k: store.company_trace(k), "trace"),
        "trace_hub": (lambda k: store.company_trace(k), "trace_hub"),
        "search": (lambda t: store.search(t), "search"),
    }
    return _measure(calls, samples, budget_s)


def measure_reference(records: list[dict], samples: dict, budget_s: float) -> dict:
    """The same kinds answered by networkx in memory (bench/nx_reference.py)."""
    from bench.nx_reference import Reference
    t = time.perf_counter()
    ref = Reference(records)
    build_s = time.perf_counter() - t
    calls = {
        "ego1": (lambda k: ref.ego(k, 1), "ego1"), "ego1_hub": (lambda k: ref.ego(k, 1), "ego1_hub"),
        "ego2": (lambda k: ref.ego(k, 2), "ego2"), "ego2_hub": (lambda k: ref.ego(k, 2), "ego2_hub"),
        "path": (lambda a, b: ref.path(a, b), "path"),
        "trace": (lambda k: ref.trace(k), "trace"), "trace_hub": (lambda k: ref.trace(k), "trace_hub"),
        "search": (lambda t: ref.search(t), "search"),
    }
    out = _measure(calls, samples, budget_s)
    out["build_s"] = round(build_s, 3)
    return out


def _measure(calls: dict, samples: dict, budget_s: float) -> dict:
    # The benchmark holds the synthetic corpus (millions of objects): a full garbage
    # collection walking it (~0.3 s at 100 k) would land in whichever sample triggers it.
    gc.collect()
    gc.freeze()
    out = {}
    for name, (fn, sample_key) in calls.items():
        args = [a if isinstance(a, tuple) else (a,) for a in samples[sample_key]]
        if not args:
            continue
        t = time.perf_counter()
        fn(*args[0])  # warm caches and the query planner once (the embedded store builds its adjacency)
        first_ms = (time.perf_counter() - t) * 1000
        ms, results = time_calls(fn, args, budget_s)
        summary = summarize(ms)
        summary["first_call_ms"] = round(first_ms, 1)
        summary["result_sizes_mean"] = round(sum(_size(x) for x in results) / max(1, len(results)), 1)
        summary["truncated"] = sum(1 for x in results if _omitted(x) > 0)
        summary["omitted_mean"] = round(sum(_omitted(x) for x in results) / max(1, len(results)), 1)
        out[name] = summary
    return out


def _omitted(result) -> int:
    """Nodes a capped result left out: a store's Subgraph (a trace's second item) or
    networkx's (nodes, omitted)."""
    if isinstance(result, tuple) and len(result) == 2:
        result = result[1]
    if isinstance(result, int):
        return result
    return getattr(result, "omitted", 0)


def _size(result) -> int:
    """Nodes in a Subgraph, rows of a trace, hits of a search (networkx: nodes, rows, hits)."""
    if hasattr(result, "nodes"):
        return len(result.nodes)
    if isinstance(result, tuple):
        return len(result[0])
    return len(result) if result is not None else 0


def run(kind: str, rels: int, records: list[dict] | None = None, scale: float = 1.0,
        budget_s: float = 60.0, uri: str | None = None, batch_size: int | None = None,
        work: Path | None = None, neo4j_home: Path | None = None,
        load_budget_s: float | None = None, warmup: int = 0) -> dict:
    """Load a synthetic corpus of `rels` relationships into a fresh store and time its queries.

    With warmup (Neo4j only), a corpus of that many relationships is loaded and cleared
    WARMUP_ROUNDS times first, so the timed load runs on a warm JVM.
    With load_budget_s, loading stops after that many seconds (at a batch boundary);
    the result says load_complete: false and the queries run on what was loaded."""
    from tqdm import tqdm

    from graph.store import LoadStats
    if records is None:
        records = synth.generate(rels)
    expected = synth.count_relationships(records)
    store, path = open_bench_store(kind, rels, uri, work)
    try:
        store.ensure_schema()
        if kind == "neo4j":
            # A server runs for days; its JIT-compiled load path is the one users meet. The
            # JIT keeps improving over the first loads (100 k rels: 14 k, 19 k, 17 k, 21 k rels/s).
            for _ in range(WARMUP_ROUNDS if warmup else 0):
                store.clear()
                store.load(synth.generate(warmup, seed=99))
            t = time.perf_counter()
            store.clear()
            clear_s = time.perf_counter() - t
        with tqdm(total=len(records), unit="article", desc=f"load {kind} {size_label(rels)}",
                  file=sys.stderr, leave=False) as bar:
            kwargs = {"batch_size": batch_size} if batch_size else {}
            t = time.perf_counter()
            if load_budget_s is None:  # one load() call, as a user's load is
                stats = store.load(records, progress=bar.update, **kwargs)
                done = len(records)
            else:  # slices of one batch each, so a slow store can stop after load_budget_s
                stats, done, step = LoadStats(), 0, batch_size or store.DEFAULT_BATCH
                while done < len(records) and time.perf_counter() - t < load_budget_s:
                    part = store.load(records[done:done + step], progress=bar.update, **kwargs)
                    done += step
                    for f in ("articles_loaded", "nodes_created", "rels_created"):
                        setattr(stats, f, getattr(stats, f) + getattr(part, f))
                    stats.articles_skipped += part.articles_skipped
            load_s = time.perf_counter() - t
        complete = done >= len(records)
        counts = store.counts()
        loaded = sum(counts["relationships"].values())
        samples = pick_samples(records[:done], scale)
        if kind == "embedded":  # queried as the app opens it: read-only, in a fresh connection
            store.close()
            from graph.store import open_store
            store = open_store("embedded", db=str(path), read_only=True)
        build_s = None
        if getattr(store, "use_adjacency", kind == "embedded"):  # its in-memory adjacency, timed alone
            t = time.perf_counter()
            store._adjacency()
            build_s = round(time.perf_counter() - t, 3)
        latency = measure_queries(store, samples, budget_s)
        reference = measure_reference(records[:done], samples, budget_s)
    finally:
        store.close()
    db_bytes = dir_bytes(path) + (dir_bytes(Path(f"{path}.wal")) if Path(f"{path}.wal").exists() else 0) \
        if path else neo4j_db_bytes(neo4j_home)
    result = {
        "store": kind, "size": size_label(rels), "target_rels": rels, "articles": len(records),
        "expected_rels": sum(expected.values()), "loaded_rels": loaded, "load_complete": complete,
        "nodes": sum(counts["nodes"].values()), "counts": counts, "adjacency_build_s": build_s,
        "load_s": round(load_s, 3), "load_rels_per_s": round(loaded / load_s, 1) if load_s else None,
        "load_stats": {"articles_loaded": stats.articles_loaded, "skipped": len(stats.articles_skipped),
                       "nodes_created": stats.nodes_created, "rels_created": stats.rels_created},
        "db_bytes": db_bytes, "db_mb": round(db_bytes / 2**20, 1) if db_bytes else None,
        "hub_degrees": samples["hub_degrees"], "latency_ms": latency,
        # networkx on the same graph, the same samples, in the same process and run
        "reference": "networkx", "reference_ms": reference,
        "ratio_p95": {k: round(v["p95"] / reference[k]["p95"], 1) for k, v in latency.items()
                      if v.get("n") and reference.get(k, {}).get("p95")},
    }
    if kind == "neo4j":
        result["clear_s"] = round(clear_s, 3)
    else:
        from graph.embedded import BUFFER_POOL_MB
        result["buffer_pool_mb"] = BUFFER_POOL_MB  # $GOVKG_BUFFER_POOL_MB
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_store", description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", choices=["embedded", "neo4j", "both"], default="both")
    ap.add_argument("--sizes", default="10k,100k,1M", help="relationship counts (default 10k,100k,1M)")
    ap.add_argument("--samples", type=float, default=1.0, help="multiply the number of calls per query kind")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per query kind before stopping early")
    ap.add_argument("--uri", default=None, help="Neo4j URI (default: $NEO4J_URI or bolt://127.0.0.1:7687)")
    ap.add_argument("--private-neo4j", action="store_true",
                    help="start a throw-away Neo4j in data/bench/neo4j (2 GB heap, 2 GB page cache) "
                         "on a free port, instead of using --uri; stopped at the end")
    ap.add_argument("--load-budget", type=float, default=None,
                    help="stop loading after this many seconds and measure the partial graph")
    ap.add_argument("--batch-size", type=int, default=None, help="store.load batch size (default: the store's)")
    ap.add_argument("--warmup", type=int, default=0,
                    help="Neo4j: load and clear a corpus of this many relationships (3 times) before each timed load "
                         "(JIT warm-up; default 0: a cold server)")
    ap.add_argument("--results", default=None, help="results folder (default bench/results)")
    args = ap.parse_args(argv)
    kinds = ["embedded", "neo4j"] if args.store == "both" else [args.store]
    home = None
    if "neo4j" in kinds and args.private_neo4j:
        home, args.uri = start_private_neo4j()
    try:
        _run_sizes(args, kinds, home)
    finally:
        if home is not None:
            from graph import neo4j_server
            neo4j_server.stop(home)
    return 0


def start_private_neo4j(home: Path | None = None) -> tuple[Path, str]:
    """A Neo4j server of our own, so no test run clears the graph mid-benchmark."""
    from graph import neo4j_server
    home = Path(home or WORK / "neo4j")
    if home.exists() and not neo4j_server.is_running(home):
        # A fresh database each time: sizes on disk stay comparable, and no huge graph to clear().
        shutil.rmtree(home)
    neo4j_server.install(home, port=neo4j_server.free_port(), heap="2g", pagecache="2g", quiet=True)
    neo4j_server.start(home, quiet=True)
    return home, neo4j_server.bolt_uri(home)


def _run_sizes(args, kinds: list[str], home: Path | None) -> None:
    for rels in parse_sizes(args.sizes):
        print(f"generating {size_label(rels)} relationships …", file=sys.stderr)
        records = synth.generate(rels)
        for kind in kinds:
            res = run(kind, rels, records, args.samples, args.budget, args.uri, args.batch_size,
                      neo4j_home=home, load_budget_s=args.load_budget, warmup=args.warmup)
            if kind == "neo4j":
                res["warmup_rels"] = args.warmup
            if kind == "neo4j":
                res["neo4j_server"] = "private (bench, 2g heap / 2g page cache)" if home else args.uri
            path = write_result(f"store-{kind}-{size_label(rels)}", res, args.results)
            lat = res["latency_ms"]
            print(f"{kind} {res['size']}: {res['loaded_rels']} rels in {res['load_s']} s "
                  f"({res['load_rels_per_s']:.0f}/s), {res['db_mb']} MB; 2-hop p95 "
                  f"{lat.get('ego2', {}).get('p95')} ms, hub 2-hop p95 {lat.get('ego2_hub', {}).get('p95')} ms "
                  f"-> {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
