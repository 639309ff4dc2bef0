"""Run every benchmark, write bench/results/*.json and docs/bench-latency.png, print the tables.

    python -m bench.run_all                      # everything: 10k,100k,1M, both stores
    python -m bench.run_all --sizes 10k,100k     # smaller
    python -m bench.run_all --tables-only        # just print BENCHMARKS.md's tables from the results

Each benchmark runs in its own process, so one's memory never inflates another's.
A store that is not reachable (Neo4j not started) is skipped with a message.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench.common import REPO, RESULTS
from graph.neo4j_server import bolt_reachable



def _step(args: list[str]) -> bool:
    print("$ python -m " + " ".join(args), file=sys.stderr, flush=True)
    ok = subprocess.run([sys.executable, "-m", *args], cwd=REPO).returncode == 0
    if not ok:
        print(f"  (failed: python -m {' '.join(args)})", file=sys.stderr)
    return ok


def _load(results: Path, name: str) -> dict | None:
    p = results / f"{name}.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None


def _f(x, digits=0) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}"


def tables(results: Path = RESULTS) -> str:
    """Markdown tables of every result file present (what BENCHMARKS.md shows)."""
    results = Path(results)
    out = []
    ex = _load(results, "extract")
    if ex:
        out += ["| workers | articles | chars | seconds | chars/s | chars/s per worker | articles/s |",
                "|---|---|---|---|---|---|---|"]
        for r in ex["runs"]:
            out.append(f"| {r['workers']} | {r['articles']} | {_f(r['chars'])} | {r['seconds']} | "
                       f"{_f(r['chars_per_s'])} | {_f(r['chars_per_s_per_worker'])} | {r['articles_per_s']} |")
        if ex.get("baseline"):
            b = ex["baseline"]
            out.append(f"| jieba posseg alone | {b['articles']} | {_f(b['chars'])} | {b['seconds']} | "
                       f"{_f(b['chars_per_s'])} | {_f(b['chars_per_s'])} | — |")
        out.append("")
    stores = sorted(results.glob("store-*.json"), key=lambda p: (p.stem.split("-")[1],
                    json.loads(p.read_text(encoding="utf-8"))["loaded_rels"]))
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in stores]
    if runs:
        out += ["| store | size | articles | nodes | relationships | load s | rels/s | on disk MB |",
                "|---|---|---|---|---|---|---|---|"]
        for r in runs:
            if not r.get("load_complete", True):
                r["size"] += " (partial load)"
            out.append(f"| {r['store']} | {r['size']} | {_f(r['load_stats']['articles_loaded'])} | {_f(r['nodes'])} | "
                       f"{_f(r['loaded_rels'])} | {r['load_s']} | {_f(r['load_rels_per_s'])} | {_f(r['db_mb'], 1)} |")
        out.append("")
        kinds = ["ego1", "ego1_hub", "ego2", "ego2_hub", "path", "trace", "trace_hub", "search"]
        out += ["| store | size | query | n | p50 ms | p95 ms | networkx p95 ms | p95 ratio | mean result size "
                "| truncated (mean left out) |", "|---|---|---|---|---|---|---|---|---|---|"]
        for r in runs:
            ref = r.get("reference_ms") or {}
            for k in kinds:
                s = r["latency_ms"].get(k)
                if s and s.get("n"):
                    nx_p95 = (ref.get(k) or {}).get("p95")
                    ratio = (r.get("ratio_p95") or {}).get(k)
                    left = f" ({_f(s['omitted_mean'])})" if s.get("truncated") and "omitted_mean" in s else ""
                    out.append(f"| {r['store']} | {r['size']} | {k} | {s['n']} | {_f(s['p50'], 2)} | "
                               f"{_f(s['p95'], 2)} | {_f(nx_p95, 2)} | {_f(ratio, 1) if ratio else '—'} | "
                               f"{s['result_sizes_mean']} | {s['truncated']}{left} |")
        out.append("")
    exports = sorted(results.glob("export-*.json"),
                     key=lambda p: json.loads(p.read_text(encoding="utf-8"))["relationships"])
    if exports:
        out += ["| size | format | seconds | items/s | peak RSS MB | output MB |", "|---|---|---|---|---|---|"]
        for p in exports:
            e = json.loads(p.read_text(encoding="utf-8"))
            out.append(f"| {e['size']} | (open store only) | {e['baseline']['seconds']} | — | "
                       f"{e['baseline']['peak_rss_mb']} | — |")
            for fmt, r in e["formats"].items():
                out.append(f"| {e['size']} | {fmt} | {r['seconds']} | {_f(r['items_per_s'])} | "
                           f"{r['peak_rss_mb']} | {r['output_mb']} |")
            m = e.get("memory_split")
            if m:
                small = m["rss_with_256mb_buffer_pool"]
                failed = "" if small["returncode"] == 0 else " (failed: buffer pool full)"
                out.append(f"| {e['size']} | {m['format']}, 256 MB buffer pool{failed} | {small['seconds']} | — | "
                           f"{small['peak_rss_mb']} | — |")
                out.append(f"| {e['size']} | {m['format']}, Python heap peak (tracemalloc) | — | — | "
                           f"{m['python_peak_mb']} | — |")
        out.append("")
    for p in sorted(results.glob("browser-*.json")):
        b = json.loads(p.read_text(encoding="utf-8"))
        out += [f"Browser, {b['size']} relationships ({b['store']}), search submitted -> graph drawn and still:", "",
                "| search | n | p50 ms | p95 ms | nodes drawn | networkx ego p95 ms | p95 ratio |",
                "|---|---|---|---|---|---|---|"]
        for k, s in b["latency_ms"].items():
            if isinstance(s, dict) and s.get("n"):
                nodes = sorted(x["nodes"] for x in s["runs"] if "nodes" in x)
                out.append(f"| {k.replace('_depth', ', depth ')} | {s['n']} | {_f(s['p50'])} | {_f(s['p95'])} | "
                           f"{nodes[0]}–{nodes[-1]} | {_f(b['reference_ms'][k]['p95'], 2)} | "
                           f"{_f(b['ratio_p95'].get(k), 1)} |")
        out.append("")
    lg = _load(results, "log")
    if lg:
        out += ["| corpus | articles | log MB | plain JSON MB | size ratio | bytes/article | write s (plain) "
                "| read s (plain) |", "|---|---|---|---|---|---|---|---|"]
        rows = [("real (seeds+dev+2011)", lg["real"])] + [(f"synthetic {k}", v) for k, v in lg["synthetic"].items()]
        for name, r in rows:
            out.append(f"| {name} | {_f(r['articles'])} | {_f(r['log_bytes'] / 1e6, 1)} | "
                       f"{_f(r['plain_bytes'] / 1e6, 1)} | {r['size_ratio']} | {_f(r['bytes_per_article'])} | "
                       f"{r['write_s']} ({r['plain_write_s']}) | {r['read_s']} ({r['plain_read_s']}) |")
        ld = lg["real"]["load"]
        out += ["", f"Embedded load of the real corpus: {ld['without_log_s']} s without the log, "
                f"{ld['with_log_s']} s with it (x{ld['ratio']}).", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run_all", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10k,100k,1M")
    ap.add_argument("--workers", default="1,2", help="extraction worker counts (default 1,2)")
    ap.add_argument("--uri", default=None,
                    help="benchmark this running Neo4j (default: a private server in data/bench/neo4j)")
    ap.add_argument("--skip", action="append", default=[], choices=["extract", "embedded", "neo4j", "export", "log", "browser"],
                    help="leave a benchmark out (repeatable)")
    ap.add_argument("--tables-only", action="store_true")
    args = ap.parse_args(argv)
    if not args.tables_only:
        ok = True
        if "extract" not in args.skip:
            ok &= _step(["bench.bench_extract", "--workers", args.workers, "--baseline"])
        if "embedded" not in args.skip:
            ok &= _step(["bench.bench_store", "--store", "embedded", "--sizes", args.sizes])
        if "neo4j" not in args.skip:
            if args.uri is None:
                ok &= _step(["bench.bench_store", "--store", "neo4j", "--sizes", args.sizes, "--private-neo4j",
                              "--warmup", "100000"])
            elif bolt_reachable(args.uri):
                ok &= _step(["bench.bench_store", "--store", "neo4j", "--sizes", args.sizes, "--uri", args.uri])
            else:
                print(f"no Neo4j at {args.uri}: skipped (python -m graph.neo4j_server start)", file=sys.stderr)
        if "export" not in args.skip:
            ok &= _step(["bench.bench_export", "--sizes", args.sizes])
        if "log" not in args.skip:
            ok &= _step(["bench.bench_log", "--sizes", args.sizes.split(",")[-1]])
        if "browser" not in args.skip:
            ok &= _step(["bench.bench_browser", "--size", args.sizes.split(",")[-1]])
        ok &= _step(["bench.plot"])
        if not ok:
            print("some benchmarks failed (see above)", file=sys.stderr)
    print(tables())
    return 0


if __name__ == "__main__":
    sys.exit(main())
