"""Export benchmark: time and peak memory of `python -m graph.export` per format and graph size.

Each export runs as its own process (the CLI a user runs) on the whole graph;
its peak RSS comes from wait4, so it is that process alone.  A flat peak RSS
from 10 k to 1 M relationships shows the exporters stream.

    python -m bench.bench_export --sizes 10k,100k,1M

Uses the embedded databases bench.bench_store leaves in data/bench/ (loads
the synthetic corpus when one is missing).  Writes bench/results/export-<size>.json.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bench.common import REPO, WORK, dir_bytes, parse_sizes, run_measured, size_label, write_result


def ensure_db(rels: int, work: Path | None = None) -> Path:
    """The embedded database of the synthetic corpus with `rels` relationships (loaded if missing)."""
    path = Path(work or WORK) / f"store-{size_label(rels)}.lbug"
    if path.exists():
        return path
    from tqdm import tqdm

    from bench import synth
    from bench.bench_store import open_bench_store
    records = synth.generate(rels)
    store, path = open_bench_store("embedded", rels, work=work)
    try:
        store.ensure_schema()
        with tqdm(total=len(records), unit="article", desc=f"load {size_label(rels)}", file=sys.stderr) as bar:
            store.load(records, progress=bar.update)
    finally:
        store.close()
    return path


def baseline_rss(db: Path) -> dict:
    """Peak RSS of a process that imports the exporters and opens the store, exporting nothing."""
    code = ("import graph.export; from graph.store import open_store; "
            f"s = open_store('embedded', db={str(db)!r}); s.counts(); s.close()")
    return run_measured([sys.executable, "-c", code], cwd=REPO)


_TRACED = """
import sys, tracemalloc
from graph.export import export_scope
from graph.store import open_store
tracemalloc.start()
with open_store("embedded", db=sys.argv[1]) as store:
    export_scope(store, sys.argv[2], sys.argv[3])
print(tracemalloc.get_traced_memory()[1])
"""


def memory_split(db: Path, fmt: str, out_dir: Path) -> dict:
    """Where an export's memory goes: Python objects (tracemalloc peak) and RSS with a small buffer pool.

    RSS alone mixes the exporter with LadybugDB's buffer pool, which caches the
    pages read (up to $GOVKG_BUFFER_POOL_MB); the Python peak is what streaming bounds."""
    import os
    import subprocess
    from graph.export import FORMATS
    out = out_dir / f"traced-{fmt}{FORMATS[fmt].extension}"
    proc = subprocess.run([sys.executable, "-c", _TRACED, str(db), fmt, str(out)], cwd=REPO,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"traced export {fmt} failed: {proc.stderr.strip().splitlines()[-1:]}")
    python_peak = int(proc.stdout.strip().splitlines()[-1])
    small = run_measured([sys.executable, "-m", "graph.export", "--store", "embedded", "--db", str(db),
                          "--format", fmt, "-o", str(out)], cwd=REPO,
                         env={**os.environ, "GOVKG_BUFFER_POOL_MB": "256"})
    return {"format": fmt, "python_peak_mb": round(python_peak / 2**20, 1),
            "rss_with_256mb_buffer_pool": {"seconds": small["seconds"], "peak_rss_mb": small["peak_rss_mb"],
                                           "returncode": small["returncode"]}}


def run(rels: int, formats: list[str] | None = None, work: Path | None = None) -> dict:
    """Export the whole graph of size `rels` in every format; seconds, peak RSS and bytes each."""
    from graph.export import FORMATS
    from graph.store import open_store
    db = ensure_db(rels, work)
    with open_store("embedded", db=str(db)) as store:
        counts = store.counts()
    out_dir = Path(work or WORK) / f"export-{size_label(rels)}"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    runs = {}
    for fmt in formats or list(FORMATS):
        out = out_dir / f"govkg-{fmt}{FORMATS[fmt].extension}"
        res = run_measured([sys.executable, "-m", "graph.export", "--store", "embedded", "--db", str(db),
                            "--format", fmt, "-o", str(out)], cwd=REPO)
        if res["returncode"] != 0:
            raise SystemExit(f"export {fmt} at {size_label(rels)} failed: {' | '.join(res['stderr_tail'])}")
        res["output_mb"] = round(dir_bytes(out) / 2**20, 2)
        res["items_per_s"] = round((sum(counts["nodes"].values()) + sum(counts["relationships"].values()))
                                   / res["seconds"], 1)
        runs[fmt] = res
        print(f"{size_label(rels)} {fmt}: {res['seconds']} s, peak {res['peak_rss_mb']} MB, "
              f"{res['output_mb']} MB out", file=sys.stderr)
    split = memory_split(db, "graphml" if "graphml" in runs else next(iter(runs)), out_dir)
    shutil.rmtree(out_dir, ignore_errors=True)  # the files are large and only their size matters here
    return {"size": size_label(rels), "target_rels": rels, "nodes": sum(counts["nodes"].values()),
            "relationships": sum(counts["relationships"].values()),
            "baseline": baseline_rss(db), "formats": runs, "memory_split": split}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_export", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10k,100k,1M", help="relationship counts (default 10k,100k,1M)")
    ap.add_argument("--format", action="append", dest="formats", help="only this format (repeatable)")
    ap.add_argument("--results", default=None, help="results folder (default bench/results)")
    args = ap.parse_args(argv)
    for rels in parse_sizes(args.sizes):
        print(write_result(f"export-{size_label(rels)}", run(rels, args.formats), args.results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
