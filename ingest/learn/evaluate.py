"""Scoring contract lines against gold with the project's scorer (shared/eval/score.py),
and what the scores set: rule priors and the display threshold for relations."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

from ingest.learn import data

SCORED = ("LEADS", "HOSTS", "INVESTS_IN")


@lru_cache(maxsize=1)
def scorer():
    path = data.SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("govkg_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def table(gold: dict[str, dict], pred: list[dict]) -> dict:
    """The scorer's summary: per type precision, recall, F1, counts; amounts."""
    sc = scorer()
    tallies, amounts, _ = sc.score(gold, {p["article"]: p for p in pred})
    return sc.summary(tallies, amounts)


def pooled(gold: dict[str, dict], preds: list[list[dict]]) -> tuple[dict[str, dict], list[dict]]:
    """The gold and the predictions of several cross-validations as one set: each article once per
    repeat, keyed "repeat/article", so tallies and thresholds count every repeat."""
    g, p = {}, []
    for r, pred in enumerate(preds):
        for x in pred:
            if x["article"] in gold:
                key = f"{r}/{x['article']}"
                g[key] = gold[x["article"]]
                p.append({**x, "article": key})
    return g, p


def per_repeat(gold: dict[str, dict], pred: list[dict]) -> list[dict[str, float]]:
    """F1 per type in each repeat of a pooled set: how much a score hangs on the folds' dealing."""
    repeats = sorted({k.split("/", 1)[0] for k in gold}, key=int)
    out = []
    for r in repeats:
        rows = table({k: v for k, v in gold.items() if k.startswith(r + "/")},
                     [x for x in pred if x["article"].startswith(r + "/")])
        out.append({k: round(v["f1"], 3) for k, v in rows.items() if k != "amounts"}
                   | {"amounts": [rows["amounts"]["right"], rows["amounts"]["asked"]]})
    return out


def format_table(rows: dict) -> str:
    lines = [f"| {'type':22} | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for name, r in rows.items():
        if name != "amounts":
            lines.append(f"| {name:22} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} "
                         f"| {r['tp']} | {r['fp']} | {r['fn']} |")
    a = rows["amounts"]
    lines.append(f"\namounts right: {a['right']}/{a['asked']}")
    return "\n".join(lines)


def priors(rows: dict) -> dict[str, float]:
    """Precision of what the rules alone make, as their confidence."""
    out = {}
    for t, row in (("Official", "entity:Official"), ("Place", "entity:Place"), ("LEADS", "relation:LEADS")):
        r = rows.get(row)
        if r and r["tp"] + r["fp"]:
            out[t] = round(r["precision"], 3)
    out["PART_OF"] = out.get("Place", 1.0)
    return out


def with_priors(pred: list[dict], priors: dict[str, float]) -> None:
    """Give rule-made items their prior, as at run time: cross-validation predicts before the
    priors are measured, so what the rules made carries 1.0 there."""
    for p in pred:
        for item in p.get("entities", []) + p.get("relations", []):
            if item["type"] in priors and item.get("confidence", 1.0) == 1.0:
                item["confidence"] = priors[item["type"]]


def judged_relations(gold: dict[str, dict], pred: list[dict]) -> list[tuple[float, bool]]:
    """(confidence, right) of every scored predicted relation that the gold does not call optional.
    The confidence is what a threshold sees in the app: the lowest of the relation's and its two
    ends' (a relation whose end is hidden is hidden too)."""
    sc = scorer()
    out = []
    for p in pred:
        g = gold.get(p["article"])
        if g is None:
            continue
        names = sc.alias_map(g)
        ends = {}
        for e in p.get("entities", []):
            for n in (e["name"], *e.get("aliases", [])):
                ends.setdefault(n, float(e.get("confidence", 1.0)))

        def key(r):
            return r["type"], sc.resolve(names, r["head"]), sc.resolve(names, r["tail"])
        want = {key(r) for r in g.get("relations", []) if not r.get("optional")}
        maybe = {key(r) for r in g.get("relations", []) if r.get("optional")}
        seen = set()
        for r in p.get("relations", []):
            k = key(r)
            if r["type"] in SCORED and k not in seen and (k not in maybe or k in want):
                seen.add(k)
                c = min(float(r.get("confidence", 1.0)), ends.get(r["head"], 1.0), ends.get(r["tail"], 1.0))
                out.append((c, k in want))
    return out


def display_threshold(judged: list[tuple[float, bool]], precision: float = 0.9, min_shown: float = 0.25) -> float:
    """The lowest confidence at which the relations shown are at least `precision` right; when
    no cut reaches it, the most precise cut that still shows `min_shown` of them."""
    cuts = sorted({round(c, 2) for c, _ in judged})
    best, best_p = 1.0, -1.0
    for cut in cuts:
        shown = [ok for c, ok in judged if c >= cut]
        p = sum(shown) / len(shown) if shown else 0.0
        if shown and p >= precision:
            return cut
        if len(shown) >= min_shown * len(judged) and p > best_p:
            best, best_p = cut, p
    return best


def precision_at(judged: list[tuple[float, bool]], cut: float) -> tuple[float, int]:
    """(precision, count) of the relations at or above cut."""
    shown = [ok for c, ok in judged if c >= cut]
    return (sum(shown) / len(shown) if shown else 0.0), len(shown)
