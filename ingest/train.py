"""Train the learned stage: python -m ingest.train

    python -m ingest.train                  # 5-fold cross-validation on the dev gold, the final models
                                            # from all of it into ingest/model/; the annotated corpus
                                            # articles (ingest/learn/annotations) train the pair model
                                            # (dealt into the same folds) and the public-corpus tagger
    python -m ingest.train --folds 0        # the final models only (no cross-validated scores)
    python -m ingest.train --repeats 1      # one dealing of the folds (by name) instead of three
    python -m ingest.train --gold G --texts DIR --out DIR --public-limit 200 --annotated ''  # other data
    python -m ingest.train --extra ingest/learn/annotations/news_2011.jsonl   # they train the CRF too
    python -m ingest.train --annotated '' --check ingest/learn/annotations/news_2011.jsonl  # held out

Deterministic: the same data, seed and package versions give the same model files.
Reads the gold, the texts and the public NER corpora from ../shared; copies none of them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from ingest.learn import card, data, evaluate, known, train
from ingest.learn.components import MODEL_DIR


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _corpus_items(path: str, desc: str = "rules over the annotated corpus articles") -> list:
    """Annotated corpus articles (corpus_id lines) with the rules' reading of each."""
    return [train.Prepared(d) for d in tqdm(data.corpus_docs(Path(path)), desc=desc, unit="article")]


def _known_companies(out: Path) -> int:
    """The shipped model reads the known-companies list as a feature: training it rebuilds the
    list from the corpus first, so the one command reproduces both. Returns the list's length."""
    if out.resolve() == Path(MODEL_DIR).resolve() and data.CORPUS.exists():
        n, changed = known.rebuild(data.CORPUS, progress=lambda rows: tqdm(rows, desc="known companies", unit="article"))
        if changed:
            print(f"{known.PATH} rebuilt: the rules read another list from the corpus", file=sys.stderr)
        return n
    return known.count()


def run(args) -> dict:
    """Cross-validate, train and write the model; the process's environment is left as it was."""
    # the rules' own output is what the models are stacked on; restored after, so a process that
    # trains (a test, a notebook) goes on extracting with the model
    before = os.environ.get("GOVKG_NO_MODEL")
    os.environ["GOVKG_NO_MODEL"] = "1"
    try:
        return _run(args)
    finally:
        if before is None:
            del os.environ["GOVKG_NO_MODEL"]
        else:
            os.environ["GOVKG_NO_MODEL"] = before


def _run(args) -> dict:
    t0 = time.time()
    docs = data.read_gold(Path(args.gold), Path(args.texts))
    items = [train.Prepared(d) for d in tqdm(docs, desc="rules over the gold texts", unit="article")]
    extra = _corpus_items(args.extra) if args.extra else []
    annotated = [] if extra or not args.annotated else _corpus_items(args.annotated)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    known_names = _known_companies(out)
    public = None
    if args.public_model:  # an existing public-corpus tagger (it never sees the gold, so reuse is safe)
        public = out / train.PUBLIC_FILE
        if Path(args.public_model).resolve() != public.resolve():
            shutil.copy(args.public_model, public)
    elif args.public_limit != 0:
        print("training the public-corpus tagger (CLUENER, MSRA, People's Daily) ...", file=sys.stderr)
        limit = None if args.public_limit < 0 else args.public_limit
        train.train_public(out, files=[Path(f) for f in args.public_corpus], limit=limit, annotated=annotated)
        public = out / train.PUBLIC_FILE
    root = Path(__file__).resolve().parents[1]
    meta = {"created_from_commit": _commit(), "command": "python -m " + " ".join(["ingest.train", *args.argv]),
            "gold": os.path.relpath(args.gold, root), "articles": len(items), "seed": args.seed,
            "extra": os.path.relpath(args.extra, root) if extra else None, "extra_articles": len(extra),
            "annotated": os.path.relpath(args.annotated, root) if annotated else None,
            "annotated_articles": len(annotated),
            "public_corpora": [Path(f).name for f in args.public_corpus] if public else [],
            "public_limit": args.public_limit,
            "public_annotated": len(annotated) if public and not args.public_model else 0,
            "known_companies": known_names, "major_companies": known.count(known.MAJOR)}
    if args.folds > 1:
        # cross-validations over both sets, the folds dealt anew each repeat: every article scored
        # by models that never saw it, and no score hangs on one dealing of the folds
        preds = []
        for deal in range(args.repeats):
            with tempfile.TemporaryDirectory() as work:
                preds.append(train.cross_validate(
                    items + extra, args.folds, Path(work), public=public, seed=args.seed, pair_only=annotated,
                    deal=deal, progress=lambda f: print(f"repeat {deal + 1}/{args.repeats}, fold {f + 1}/{args.folds}",
                                                        file=sys.stderr)))
        gold, mine = evaluate.pooled({it.doc.name: it.doc.gold for it in items}, preds)
        rows = evaluate.table(gold, mine)
        priors = evaluate.priors(rows)
        evaluate.with_priors(mine, priors)
        judged = evaluate.judged_relations(gold, mine)
        cut = evaluate.display_threshold(judged)
        shown_p, shown_n = evaluate.precision_at(judged, cut)
        meta.update(folds=args.folds, repeats=args.repeats, cv=rows, cv_repeats=evaluate.per_repeat(gold, mine),
                    priors=priors, display_min_confidence=cut, display_precision=round(shown_p, 3),
                    display_shown=[shown_n, len(judged)])
        print(f"\n{args.folds}-fold cross-validated scores, {args.repeats} repeats summed "
              f"({len(items)} gold articles):\n" + evaluate.format_table(rows))
        if extra or annotated:
            extra_gold, theirs = evaluate.pooled({it.doc.name: it.doc.gold for it in extra + annotated}, preds)
            meta["cv_extra"] = evaluate.table(extra_gold, theirs)
            meta["cv_extra_repeats"] = evaluate.per_repeat(extra_gold, theirs)
            print(f"\n... on the {len(extra + annotated)} annotated corpus articles:\n" + evaluate.format_table(meta["cv_extra"]))
    stats = train.train(items + extra, out, public=public, seed=args.seed,
                        pair_items=items + annotated if annotated else None)
    meta.update(train=stats)
    if args.check and not extra and not annotated:  # annotated corpus articles the final model never saw
        check = _corpus_items(args.check, "held-out check")
        check_gold = {it.doc.name: it.doc.gold for it in check}
        meta.update(check=os.path.relpath(args.check, root), check_articles=len(check),
                    cv_extra=evaluate.table(check_gold, train.predict(check, out)))
        print(f"\nheld-out check on {len(check)} annotated corpus articles:\n" + evaluate.format_table(meta["cv_extra"]))
    meta.update(seconds=round(time.time() - t0, 1))
    (out / train.META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(card.render(meta), encoding="utf-8")
    print(f"model written to {out} in {meta['seconds']} s", file=sys.stderr)
    return meta


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(prog="python -m ingest.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(data.SHARED / "dev" / "gold.jsonl"), help="gold lines (SCHEMA.md format)")
    ap.add_argument("--texts", default=str(data.SHARED / "dev" / "texts"), help="folder of the gold articles")
    ap.add_argument("--out", default=str(MODEL_DIR), help="where the model files go")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: none)")
    ap.add_argument("--repeats", type=int, default=3,
                    help="cross-validations, the folds dealt anew each time (by name, then shuffled with seeds 1, 2, ...)")
    ap.add_argument("--public-limit", type=int, default=-1,
                    help="sentences of the public corpus to use (-1: all, 0: no public-corpus tagger)")
    ap.add_argument("--public-corpus", nargs="+", default=[str(data.SHARED / "ner" / n) for n in train.PUBLIC_CORPORA],
                    help="the public NER corpus (JSON lines: text, spans)")
    ap.add_argument("--public-model", help="reuse this public-corpus tagger instead of training one")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--annotated", default=str(data.ANNOTATIONS),
                    help="annotated corpus articles (corpus_id lines) that train the pair model, dealt into "
                         "the cross-validation folds, and the public-corpus tagger ('': none)")
    ap.add_argument("--check", default="",
                    help="annotated corpus articles to score the final model on, when none of them trains")
    ap.add_argument("--extra", default="",
                    help="annotated corpus articles that train too, dealt into the cross-validation folds "
                         "(not the default: see ingest/learn/annotations/README.md)")
    args = ap.parse_args(argv)
    args.argv = argv
    if args.repeats < 1:
        print(f"python -m ingest.train: --repeats must be at least 1, not {args.repeats}", file=sys.stderr)
        return 2
    for p in (args.gold, args.texts, *(args.public_corpus if args.public_limit else ())):
        if not Path(p).exists():
            print(f"python -m ingest.train: {p} does not exist", file=sys.stderr)
            return 2
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
