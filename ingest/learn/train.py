"""Training the learned stage, and k-fold cross-validation on gold articles."""
from __future__ import annotations

import copy
import json
import random
import shutil
from pathlib import Path

from ingest.learn import crf, data, pairs, run
from ingest.learn import features as ft

CRF_FILE, PUBLIC_FILE, PAIRS_FILE, META_FILE = "spans.crfsuite", "public.crfsuite", "pairs.json", "meta.json"
PUBLIC_CORPORA = ("cluener_train.jsonl", "msra_val.jsonl", "peoples_daily_dev.jsonl")  # each with its own labels


class Prepared:
    """A gold article with its rule analysis computed once."""

    def __init__(self, doc: data.GoldDoc):
        self.doc = doc
        self.rules = run.rule_analysis(doc.text)

    def analysis(self):
        return copy.deepcopy(self.rules)


def span_sequences(items: list[Prepared], tagger: crf.SpanTagger):
    """Gold sentences as (features, tags); tagger supplies the public-model features."""
    for it in items:
        a, text = it.rules, it.doc.text
        lay = ft.layers(text, a.mentions)
        for s, e in a.sents:
            if e - s < 2 or not text[s:e].strip():
                continue
            spans = [(x, y, lab) for x, y, lab in it.doc.spans if s <= x and y <= e]
            yield tagger.features(text, s, e, lay), crf.bio(e - s, spans, s)


PUBLIC_LABELS = {"Company": "company", "Organization": "organization", "Project": "project"}
# The inner CV picks each cut on gold spans, cleaner than the tagger's; under six-deal CV on tagged
# spans cuts below these let in more wrong pairs than right ones (chosen there: MODEL_CARD.md).
MIN_CUT = {"HOSTS": 0.45, "INVESTS_IN": 0.35}


def _public_example(text: str, spans) -> tuple[list[list[str]], list[str]]:
    """One sentence for the public-corpus tagger: the features it reads (no rule labels) and its tags."""
    return ft.public_view(ft.sequence(text, 0, len(text), ft.layers(text, []))), crf.bio(len(text), spans)


def train_public(out: Path, files=None, limit=None, annotated: list[Prepared] = ()) -> int:
    """The public-corpus tagger (each corpus's own labels), trained once: it never sees the gold.
    The sentences of annotated corpus articles join it (company, organization and a project
    label of their own), so the span tagger reads what they teach as features and weighs it by
    the gold. L1 keeps it small."""
    seqs = []
    for f in files or [data.SHARED / "ner" / n for n in PUBLIC_CORPORA]:
        for text, spans in data.read_ner(Path(f), limit, mapping=None):
            seqs.append(_public_example(text, spans))
    for it in annotated:
        for s, e in it.rules.sents:
            text = it.doc.text[s:e]
            if e - s < 2 or not text.strip():
                continue
            spans = [(x - s, y - s, PUBLIC_LABELS[lab]) for x, y, lab in it.doc.spans if s <= x and y <= e]
            seqs.append(_public_example(text, spans))
    crf.train(seqs, out / PUBLIC_FILE, c1=0.2, c2=0.01, max_iterations=150)
    return len(seqs)


def _resolver(gold: dict):
    names = {}
    for e in gold.get("entities", []):
        for form in [e["name"], *e.get("aliases", [])]:
            names.setdefault(data._norm(form), e["name"])
    return lambda n: names.get(n, n)


def pair_examples(items: list[Prepared]) -> dict[str, list[tuple[dict, int]]]:
    """Pair features on gold spans, labelled by the gold relations (optional ones left out)."""
    out: dict[str, list] = {t: [] for t in pairs.PAIR_TYPES}
    for it in items:
        a = run.finish(it.analysis(), spans=[(s, e, lab, 1.0) for s, e, lab in it.doc.spans])
        res = _resolver(it.doc.gold)
        want, maybe = set(), set()
        for r in it.doc.gold.get("relations", []):
            key = (r["type"], res(data._norm(r["head"])), res(data._norm(r["tail"])))
            (maybe if r.get("optional") else want).add(key)
        import ingest.gazetteer as gz
        for (rtype, h, t), (f, _, _) in pairs.candidates(a, gz.load()).items():
            key = (rtype, res(h), res(t))
            if key in maybe and key not in want:
                continue
            out[rtype].append((f, int(key in want)))
    return out


def _threshold(rows, c: float, folds: int = 4, seed: int = 0) -> float:
    """The probability cut that maximises pair F1 under an inner cross-validation."""
    if sum(lab for _, lab in rows) < 4:
        return 0.5
    idx = list(range(len(rows)))
    random.Random(seed).shuffle(idx)
    scored = []
    for k in range(folds):
        test = set(idx[k::folds])
        w = pairs.fit({"x": [rows[i] for i in idx if i not in test]}, c)
        m = pairs.PairModel(w, {})
        scored += [(m.prob("x", rows[i][0]), rows[i][1]) for i in test]
    best, best_f = 0.5, -1.0
    for cut in [x / 20 for x in range(2, 20)]:
        tp = sum(1 for p, y in scored if p >= cut and y)
        fp = sum(1 for p, y in scored if p >= cut and not y)
        fn = sum(1 for p, y in scored if p < cut and y)
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best_f:
            best, best_f = cut, f
    return best


def train(items: list[Prepared], out: Path, public: Path | None = None, c: float = 0.1,
          crf_params: dict | None = None, seed: int = 0, pair_items: list[Prepared] | None = None) -> dict:
    """Fit the span CRF and the pair model on the given articles; write them to out/
    (public: a public-corpus model whose labels become features, copied beside them;
    pair_items: other articles for the pair model)."""
    out.mkdir(parents=True, exist_ok=True)
    if public is not None and public != out / PUBLIC_FILE:
        shutil.copy(public, out / PUBLIC_FILE)
    feats = crf.SpanTagger(None, out / PUBLIC_FILE if public is not None else None)
    seqs = list(span_sequences(items, feats))
    crf.train(seqs, out / CRF_FILE, **(crf_params or {}))
    ex = pair_examples(items if pair_items is None else pair_items)
    weights = pairs.fit(ex, c)
    thresholds = {t: max(_threshold(rows, c, seed=seed), MIN_CUT.get(t, 0.0)) for t, rows in ex.items()}
    model = pairs.PairModel(weights, thresholds)
    (out / PAIRS_FILE).write_text(json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True, indent=0),
                                  encoding="utf-8")
    return {"articles": len(items), "pair_articles": len(items if pair_items is None else pair_items),
            "sequences": len(seqs), "thresholds": thresholds, "min_cut": MIN_CUT,
            "pair_examples": {t: [len(r), sum(y for _, y in r)] for t, r in ex.items()}}


def predict(items: list[Prepared], model_dir: Path, use_pairs: bool = True, oracle_spans: bool = False) -> list[dict]:
    """Contract lines for the articles, extracted with the models in model_dir
    (oracle_spans: with the gold spans, to measure the pair model alone)."""
    from ingest.extract import build_record, contract_view
    pub = model_dir / PUBLIC_FILE
    tagger = crf.SpanTagger(model_dir / CRF_FILE, pub if pub.exists() else None)
    pm = pairs.PairModel.from_json(json.loads((model_dir / PAIRS_FILE).read_text(encoding="utf-8")))
    out = []
    for it in items:
        a = it.analysis()
        if oracle_spans:
            spans, beliefs = [(s, e, lab, 1.0) for s, e, lab in it.doc.spans], None
        else:
            spans, beliefs = tagger.read(a.text, a.sents, a.mentions)
        a = run.finish(a, spans=spans, beliefs=beliefs, pair_model=pm if use_pairs else None)
        for _, step in run.LATE:
            step(a)
        rec = build_record(a, it.doc.shown or it.doc.text, name=it.doc.name, title="", date=None, source=None, key=it.doc.name)
        out.append(contract_view(rec))
    return out


def folds_of(items: list[Prepared], k: int, deal: int = 0) -> list[int]:
    """Fold of each article: sorted by name, dealt round-robin (2011 and modern articles spread
    evenly); deal d > 0 shuffles the sorted articles with seed d first (a repeat of the CV)."""
    order = sorted(range(len(items)), key=lambda i: items[i].doc.name)
    if deal:
        random.Random(deal).shuffle(order)
    fold = [0] * len(items)
    for n, i in enumerate(order):
        fold[i] = n % k
    return fold


def cross_validate(items: list[Prepared], k: int, work: Path, oracle_spans: bool = False,
                   progress=None, pair_only: list[Prepared] = (), deal: int = 0, **kw) -> list[dict]:
    """Every article extracted by models trained on the other folds only (pair_only: articles
    dealt into the same folds that train the pair model alone; deal: which dealing of the folds)."""
    every = list(items) + list(pair_only)
    fold = folds_of(every, k, deal)
    out = []
    for f in range(k):
        if progress:
            progress(f)
        rest = [i for i, x in enumerate(fold) if x != f]
        spans_from = [every[i] for i in rest if i < len(items)]
        pairs_from = [every[i] for i in rest] if pair_only else None
        train(spans_from, work / f"fold{f}", pair_items=pairs_from, **kw)
        out += predict([it for it, x in zip(every, fold) if x == f], work / f"fold{f}", oracle_spans=oracle_spans)
    return out
