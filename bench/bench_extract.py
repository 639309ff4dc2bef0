"""Extraction throughput (chars/s, articles/s) over the 2011 news corpus, with 1 and N workers.

Reads ../shared/corpus/news_2011.jsonl in place (never copied into the repository)
and runs it through ingest.extract.iter_extract, the API the CLI uses.

    python -m bench.bench_extract --workers 1,2
    python -m bench.bench_extract --limit 50 --baseline     # a quick look, plus jieba posseg alone

Writes bench/results/extract.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.common import CORPUS, write_result


def corpus_stats(path: Path, limit: int | None = None) -> tuple[int, int]:
    """(articles, characters of text) in a JSON-lines corpus."""
    articles = chars = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            if limit is not None and articles >= limit:
                break
            rec = json.loads(line)
            articles += 1
            chars += len(rec.get("text") or "") + len(rec.get("title") or "")
    return articles, chars


def _subset(path: Path, limit: int, tmpdir: str) -> Path:
    """The first `limit` articles, in a temporary file (outside the repository)."""
    out = Path(tmpdir) / f"{path.stem}-first{limit}.jsonl"
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        n = 0
        for line in src:
            if line.strip():
                dst.write(line)
                n += 1
                if n >= limit:
                    break
    return out


def run_extract(path: Path, workers: int, limit: int | None = None) -> dict:
    """Time iter_extract over the corpus (or its first `limit` articles) with `workers` processes."""
    from tqdm import tqdm
    try:
        from ingest.extract import iter_extract
    except ImportError as e:
        raise SystemExit(f"ingest.extract is not importable ({e}): the extractor is needed for this benchmark")
    articles, chars = corpus_stats(path, limit)
    with tempfile.TemporaryDirectory() as tmp:
        src = _subset(path, limit, tmp) if limit else path
        ok = failed = entities = relations = 0
        first = None
        t = time.perf_counter()
        for _, rec, _reason in tqdm(iter_extract([str(src)], workers=workers), total=articles,
                                    unit="article", desc=f"extract x{workers}", file=sys.stderr, leave=False):
            if first is None:  # model loading and worker start-up
                first = time.perf_counter() - t
            if rec is None:
                failed += 1
            else:
                ok += 1
                entities += len(rec.get("entities") or [])
                relations += len(rec.get("relations") or [])
        seconds = time.perf_counter() - t
    return {"workers": workers, "articles": articles, "chars": chars, "seconds": round(seconds, 3),
            "first_record_s": round(first or 0, 3), "chars_per_s": round(chars / seconds, 1), "articles_per_s": round(articles / seconds, 2),
            "chars_per_s_per_worker": round(chars / seconds / workers, 1),
            # Without start-up (models loading, workers forking): the rate a long run approaches.
            "warm_chars_per_s": round(chars / (seconds - first), 1) if first and seconds > first else None,
            "ok": ok, "failed": failed, "entities": entities, "relations": relations}


def run_baseline(path: Path, limit: int | None = None) -> dict:
    """jieba posseg alone over the same text: the floor any extractor built on it pays."""
    import jieba
    import jieba.posseg as pseg
    jieba.setLogLevel(60)
    jieba.initialize()
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                texts.append((rec.get("title") or "") + (rec.get("text") or ""))
                if limit is not None and len(texts) >= limit:
                    break
    t = time.perf_counter()
    words = sum(1 for text in texts for _ in pseg.cut(text))
    seconds = time.perf_counter() - t
    chars = sum(map(len, texts))
    return {"what": "jieba.posseg.cut, one process", "articles": len(texts), "chars": chars,
            "words": words, "seconds": round(seconds, 3), "chars_per_s": round(chars / seconds, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_extract", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS), help="JSON-lines corpus (default ../shared/corpus/news_2011.jsonl)")
    ap.add_argument("--workers", default=f"1,{os.cpu_count() or 1}", help="worker counts to try (default 1,nproc)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--baseline", action="store_true", help="also time jieba posseg alone")
    ap.add_argument("--results", default=None, help="results folder (default bench/results)")
    ap.add_argument("--name", default="extract", help="result file name (default extract)")
    args = ap.parse_args(argv)
    path = Path(args.corpus)
    if not path.is_file():
        raise SystemExit(f"{path}: corpus not found (it lives in ../shared/corpus/)")
    try:
        workers = sorted({int(w) for w in args.workers.split(",")})
    except ValueError:
        raise SystemExit(f"--workers: {args.workers!r} is not a list of numbers") from None
    runs = []
    for w in workers:
        res = run_extract(path, w, args.limit)
        print(f"workers={w}: {res['chars_per_s']:.0f} chars/s, {res['articles_per_s']:.1f} articles/s "
              f"({res['failed']} failed)", file=sys.stderr)
        runs.append(res)
    data = {"corpus": path.name, "runs": runs, "target_chars_per_s_per_core": 50000}
    if args.baseline:
        data["baseline"] = run_baseline(path, args.limit)
        print(f"jieba posseg alone: {data['baseline']['chars_per_s']:.0f} chars/s", file=sys.stderr)
    print(write_result(args.name, data, args.results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
