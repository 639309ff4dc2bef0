"""Article-log benchmark: size on disk and write/read time of graph/article_log.py.

The reference, measured in the same run on the same records: plain JSON lines
(no compression), written with the same fsync per batch and read back with
json.loads. For the real corpus (seeds + dev + news_2011, 1,249 articles) it also
times an embedded load with and without the log.

    python -m bench.bench_log --sizes 1M       # the real corpus, then synthetic corpora

Writes bench/results/log.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from bench.common import SHARED, WORK, parse_sizes, size_label, write_result
from graph.article_log import ArticleLog

BATCH = 20_000  # the embedded store's default batch: one segment per batch


def real_records() -> list[dict]:
    """Seeds, dev and the 2011 corpus through the extractor; one record per article."""
    from ingest.extract import iter_extract
    paths = [SHARED / "seeds", SHARED / "dev" / "texts", SHARED / "corpus" / "news_2011.jsonl"]
    seen, out = set(), []
    for _, rec, _ in iter_extract([p for p in paths if p.exists()], workers=os.cpu_count() or 1):
        if rec is not None and rec["key"] not in seen:
            seen.add(rec["key"])
            out.append(rec)
    return out


def measure(records, work: Path) -> dict:
    """Write records to a log and to plain JSON lines, batch by batch, then read both back."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    log, plain = ArticleLog(work / "log", extractor="bench"), work / "plain.jsonl"
    t_log = t_plain = 0.0
    n, batch = 0, []

    def flush():
        nonlocal t_log, t_plain
        t = time.perf_counter()
        log.append(batch)
        t_log += time.perf_counter() - t
        t = time.perf_counter()
        with open(plain, "a", encoding="utf-8") as f:
            f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch))
            f.flush()
            os.fsync(f.fileno())
        t_plain += time.perf_counter() - t
        batch.clear()

    for rec in records:
        batch.append(rec)
        n += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    t = time.perf_counter()
    read_log = sum(1 for _ in log.records())
    r_log = time.perf_counter() - t
    t = time.perf_counter()
    with open(plain, encoding="utf-8") as f:
        read_plain = sum(1 for line in f if json.loads(line))
    r_plain = time.perf_counter() - t
    assert read_log == read_plain == n
    out = {"articles": n, "segments": len(log.segments()),
           "log_bytes": log.size(), "plain_bytes": plain.stat().st_size,
           "write_s": round(t_log, 3), "plain_write_s": round(t_plain, 3),
           "read_s": round(r_log, 3), "plain_read_s": round(r_plain, 3)}
    out["size_ratio"] = round(out["log_bytes"] / out["plain_bytes"], 3)
    out["bytes_per_article"] = round(out["log_bytes"] / n)
    shutil.rmtree(work, ignore_errors=True)
    return out


def load_overhead(records, work: Path, rounds: int = 3) -> dict:
    """An embedded load of the records into an empty file with and without the log
    (seconds, the best of `rounds` alternated runs: the first load of a process is slower)."""
    from graph.store import open_store
    out = {}
    for _ in range(rounds):
        for name, logged in (("without_log_s", False), ("with_log_s", True)):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            with open_store("embedded", db=str(work / "g.lbug")) as store:
                store.ensure_schema()
                if logged:
                    store.article_log = ArticleLog(work / "g.articles")
                t = time.perf_counter()
                store.load(records)
                out[name] = min(out.get(name, 1e9), round(time.perf_counter() - t, 3))
    shutil.rmtree(work, ignore_errors=True)
    out["ratio"] = round(out["with_log_s"] / out["without_log_s"], 3)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_log", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1M", help="synthetic corpora by relationships (default 1M; '' for none)")
    args = ap.parse_args(argv)
    from bench import synth
    work = Path(WORK) / "log"
    result = {"real": None, "synthetic": {}}
    real = real_records()
    print(f"real corpus: {len(real)} articles", file=sys.stderr)
    result["real"] = {**measure(real, work), "load": load_overhead(real, work)}
    print(json.dumps(result["real"]), file=sys.stderr)
    for rels in parse_sizes(args.sizes) if args.sizes else []:
        result["synthetic"][size_label(rels)] = {"relationships": rels, **measure(synth.iter_records(rels), work)}
        print(json.dumps(result["synthetic"][size_label(rels)]), file=sys.stderr)
    print(write_result("log", result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
