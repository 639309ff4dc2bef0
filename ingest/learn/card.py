"""The model card written beside the model files (ingest/model/MODEL_CARD.md)."""
from __future__ import annotations

from ingest.learn import evaluate


def _extra(meta: dict) -> str:
    rows = meta.get("cv_extra")
    if not rows:
        return ""
    how = (f"The same cross-validation on the {meta['extra_articles']} annotated corpus articles that trained too"
           if meta.get("extra") else
           f"The same cross-validation on the {meta['annotated_articles']} annotated corpus articles that train the "
           f"pair model and the public-corpus tagger (never the span tagger; optimistic: the public-corpus tagger, "
           f"whose labels the span tagger reads, saw every one of them)" if meta.get("annotated") else
           f"Held-out check: the final model on the {meta['check_articles']} annotated corpus articles it never saw")
    return (f"{how} (`{_annotations(meta)}`: AI annotators, one pass; industry and construction "
            f"news of 2011, a third of it distractors):\n\n{evaluate.format_table(rows)}\n"
            f"{_spread(meta.get('cv_extra_repeats'))}")


def _repeats(meta: dict) -> str:
    n = meta.get("repeats", 1)
    return (f", repeated {n} times with the folds dealt anew (by name, then shuffled with seeds 1 to {n - 1}); "
            f"the counts are summed over the repeats" if n > 1 else "")


def _spread(repeats: list[dict] | None) -> str:
    """Each repeat's overall F1: how much the scores hang on one dealing of the folds."""
    if not repeats or len(repeats) < 2:
        return ""
    ents = " / ".join(f"{r.get('entity:ALL', 0):.3f}" for r in repeats)
    rels = " / ".join(f"{r.get('relation:ALL', 0):.3f}" for r in repeats)
    amts = " / ".join(f"{a}/{b}" for a, b in (r["amounts"] for r in repeats))
    return f"\nEach repeat: entity F1 {ents}; relation F1 {rels}; amounts {amts}.\n"


def _annotations(meta: dict) -> str | None:
    return meta.get("extra") or meta.get("annotated") or meta.get("check")


def _data(meta: dict, public: str) -> str:
    lines = [f"Data: the gold in `{meta['gold']}` ({meta['articles']} articles, read from shared/, never copied);"]
    if meta.get("extra"):
        lines.append(f"{meta['extra_articles']} corpus articles annotated for training (`{meta['extra']}`, texts read "
                     f"from shared/corpus);")
    if meta.get("annotated"):
        lines.append(f"the pair model also learns from {meta['annotated_articles']} annotated corpus articles "
                     f"(`{meta['annotated']}`, texts read from shared/corpus);")
    if meta.get("public_annotated"):
        lines.append("their sentences join the public-corpus tagger's corpus (company, organization and a project "
                     "label of their own);")
    return "\n".join(lines + [public])


def render(meta: dict) -> str:
    cv = meta.get("cv")
    n_extra = meta.get("extra_articles") or meta.get("annotated_articles")
    both = f" and the {n_extra} annotated ones, dealt into the same folds" if n_extra else ""
    scores = (f"{meta['folds']}-fold cross-validation over the {meta['articles']} gold articles{both} (no article "
              f"scored by a model that saw it; `shared/eval/score.py`){_repeats(meta)}, on the gold articles:\n\n"
              f"{evaluate.format_table(cv)}\n{_spread(meta.get('cv_repeats'))}"
              if cv else "No cross-validated scores: trained with `--folds 0`.\n")
    public = (f"the public-corpus tagger is trained on {', '.join(meta['public_corpora'])} (shared/ner, "
              f"CLUENER2020 train, MSRA validation and People's Daily 1998 dev as copied from "
              f"github.com/StanleySun233/ChineseNER at commit dc3c5cd2; each corpus's own labels; "
              f"{'all' if meta['public_limit'] < 0 else meta['public_limit']} sentences of each)"
              if meta.get("public_corpora") else "no public-corpus tagger")
    return f"""# govkg extraction model

What it is: the learned stage of `ingest/pipeline.cfg`.
- `spans.crfsuite`: a linear-chain CRF over characters (python-crfsuite) that tags Company,
  Organization and Project spans. Features: the characters around, the jieba word and tag, the
  nearest head noun to the right and cue word to the left, the label the rules gave, where a
  company known from the corpus is written (`ingest/learn/known_companies.txt`, built by the rules
  alone from the corpus less every article a gold line covers; `python -m ingest.train` rebuilds it
  before it trains the shipped model: {meta.get('known_companies', '?')} names) or a major group is
  (`ingest/learn/major_companies.txt`, hand-compiled from public lists of central state enterprises
  and the largest Chinese and foreign firms: {meta.get('major_companies', '?')} names), and
  the labels of the public-corpus tagger (`public.crfsuite`). Its spans replace the rules' spans of
  those three types; confidence = mean marginal probability of the span's tags.
- `pairs.json`: two logistic regressions (HOSTS: place → project; INVESTS_IN: company
  → project) over every pair in an article: distance, order, cue words between,
  rival mentions, place level, whether the rules linked them. Plain weights, no pickles.
  Thresholds {meta.get('train', {}).get('thresholds')} chosen by inner cross-validation on gold
  spans, with floors (`train.MIN_CUT`: {meta.get('train', {}).get('min_cut')}) chosen under the six-deal cross-validation on
  the tagger's spans, which are noisier than gold ones, so the scores below carry that one choice.
- `meta.json`: everything below, plus the rule priors: the measured precision of what the rules
  alone make (officials, places, LEADS), used as their confidence: {meta.get('priors')}.

{_data(meta, public)}.

Reproduce (offline, deterministic for a seed): `{meta['command']}` — commit {meta['created_from_commit']},
seed {meta['seed']}, {meta.get('seconds')} s on the machine that made it.

Display threshold (the app's and exports' default minimum confidence): {meta.get('display_min_confidence', 'n/a')}.
Under cross-validation the scored relations the app shows at it (the relation and both its ends at or above it) were {meta.get('display_precision', 'n/a')} precise
({(meta.get('display_shown') or ['n/a'])[0]} of {(meta.get('display_shown') or [0, 'n/a'])[1]}); the target is 0.9, and the
threshold is the lowest that reaches it, or, when none does, the most precise one that still shows a quarter.

## Scores

{scores}
{_extra(meta)}
## Limits

Trained on {meta['articles'] + meta.get('extra_articles', 0)} articles: company short names without a suffix, project names
without a head noun and relations across sentences are where it errs most. Never trained on the hidden set;
if the hidden set draws on the 2011 corpus, the annotated articles' ids (`{_annotations(meta)}`) say
which of its articles {"the model has seen" if meta.get('extra') or meta.get('annotated') else "were read for errors (never trained on)"}.
"""
