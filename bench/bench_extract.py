"""Extraction throughput (chars/s, articles/s) over the 2011 news corpus, with 1 and N workers.

Reads ../shared/corpus/news_2011.jsonl in place (never copied into the repository)
and runs it through ingest.extract.iter_extract, the API the CLI uses.

    python -m bench.bench_extract --workers 1,2
    python -m bench.bench_extract --limit 50 --baseline     # a quick look, plus jieba posseg alone
    python -m bench.bench_extract --workers 1 --breakdown   # plus where one process spends its time

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


def run_breakdown(path: Path, limit: int | None = None) -> dict:
    """Seconds per step over the same articles in this process: reading and cleaning, the
    tokenizer, each pipeline component, and inside the span tagger its feature layers
    (jieba words, cue reach), the public-corpus CRF, the main CRF and the span clean-up."""
    import time as _t
    from collections import defaultdict
    from ingest import clean, readers
    from ingest.extract import build_record
    from ingest.learn import features, spans
    from ingest.pipeline import nlp
    spent: dict[str, float] = defaultdict(float)

    def timed(key, fn):
        def wrapper(*a, **kw):
            t0 = _t.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[key] += _t.perf_counter() - t0
        return wrapper
    pipe = nlp()
    pipe.get_pipe("govkg_span_tagger")(pipe.make_doc("预热。"))  # model loading is start-up, not per article
    patches = [(features, "word_layer", "span tagger: jieba word layer"),
               (features, "reach_layer", "span tagger: head/cue reach layer"),
               (spans, "replace_spans", "span tagger: span clean-up")]
    saved = [(mod, attr, getattr(mod, attr)) for mod, attr, _ in patches]
    for mod, attr, key in patches:
        setattr(mod, attr, timed(key, getattr(mod, attr)))
    tagger = pipe.get_pipe("govkg_span_tagger").tagger
    public, main = tagger.public, tagger.tagger
    tagger.public = _Timed(public, spent, "span tagger: public-corpus CRF") if public else None
    tagger.tagger = _Timed(main, spent, "span tagger: main CRF + marginals")
    chars = n = 0
    try:
        for art in readers.iter_articles([str(path)]):
            name, a, err = art
            if err:
                continue
            t0 = _t.perf_counter()
            body = clean.strip_markers(clean.strip_boilerplate(a.text))
            simple = clean.fold_width(clean.to_simplified(body))
            t1 = _t.perf_counter()
            doc = pipe.make_doc(simple)
            t2 = _t.perf_counter()
            spent["read: boilerplate + simplified"] += t1 - t0
            spent["tokenizer (jieba)"] += t2 - t1
            for pname, proc in pipe.pipeline:
                t = _t.perf_counter()
                doc = proc(doc)
                spent[pname] += _t.perf_counter() - t
            t = _t.perf_counter()
            build_record(doc._.kg, body, name=name, title=a.title or "", date=a.date, source=a.source, key=name)
            spent["build_record"] += _t.perf_counter() - t
            chars += len(a.text) + len(a.title or "")
            n += 1
            if limit is not None and n >= limit:
                break
    finally:
        for mod, attr, fn in saved:
            setattr(mod, attr, fn)
        tagger.public, tagger.tagger = public, main
    total = sum(v for k, v in spent.items() if not k.startswith("span tagger:"))
    return {"articles": n, "chars": chars, "seconds": round(total, 3), "chars_per_s": round(chars / total, 1),
            "steps_s": {k: round(v, 3) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])}}


class _Timed:
    """A pycrfsuite tagger whose tag/marginal calls are timed."""

    def __init__(self, tagger, spent, key):
        self._tagger, self._spent, self._key = tagger, spent, key

    def __getattr__(self, attr):
        fn = getattr(self._tagger, attr)

        def call(*a, **kw):
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self._spent[self._key] += time.perf_counter() - t0
        return call


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_extract", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS), help="JSON-lines corpus (default ../shared/corpus/news_2011.jsonl)")
    ap.add_argument("--workers", default=f"1,{os.cpu_count() or 1}", help="worker counts to try (default 1,nproc)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--baseline", action="store_true", help="also time jieba posseg alone")
    ap.add_argument("--breakdown", action="store_true", help="also time each pipeline step in one process")
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
    if args.breakdown:
        data["breakdown"] = run_breakdown(path, args.limit)
        for k, v in data["breakdown"]["steps_s"].items():
            print(f"  {k:40} {v:8.2f} s", file=sys.stderr)
    print(write_result(args.name, data, args.results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
