"""The span tagger: a linear-chain CRF over characters (python-crfsuite)."""
from __future__ import annotations

from pathlib import Path

import pycrfsuite

from ingest.learn import features as ft


def bio(n: int, spans, offset: int = 0) -> list[str]:
    tags = ["O"] * n
    for s, e, lab in spans:
        s, e = s - offset, e - offset
        if 0 <= s < e <= n:
            tags[s] = "B-" + lab
            for k in range(s + 1, e):
                tags[k] = "I-" + lab
    return tags


def decode(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> (start, end, label); an I- without its B- starts a span."""
    spans, cur = [], None
    for i, t in enumerate(tags + ["O"]):
        if cur and (t == "O" or t.startswith("B-") or t[2:] != cur[2]):
            spans.append((cur[0], i, cur[2]))
            cur = None
        if t != "O" and cur is None:
            cur = [i, i + 1, t[2:]]
    return spans


def train(sequences, model_path: Path, c1: float = 0.0, c2: float = 0.3, max_iterations: int = 400,
          verbose: bool = False) -> None:
    """sequences: (features, tags) pairs. Deterministic: L-BFGS from zero weights."""
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


def _open(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


class SpanTagger:
    """Tags one analysed text sentence by sentence; each span gets the mean marginal
    probability of its tags as its confidence. With a public-corpus model, its
    labels are features of the main one (stacking)."""

    def __init__(self, model_path: Path | None, public_path: Path | None = None):
        self.tagger = _open(model_path) if model_path is not None else None  # None: features only
        # the types it can tag (a model trained on text without organizations has no B-Organization)
        self.types = {t[2:] for t in self.tagger.labels() if t != "O"} if self.tagger is not None else set()
        self.public = _open(public_path) if public_path is not None else None

    def features(self, text: str, s: int, e: int, lay) -> list[list[str]]:
        return ft.stacked(text, s, e, lay, self.public.tag) if self.public else ft.sequence(text, s, e, lay)

    def spans(self, text: str, sents, mentions) -> list[tuple[int, int, str, float]]:
        return self.read(text, sents, mentions)[0]

    def read(self, text: str, sents, mentions, labels=("Company", "Organization", "Project"), words=None):
        """(spans, beliefs): the tagged spans, and for each rule mention of the given labels
        the tagger's mean marginal probability of that very span ((start, end, label) -> p).
        words: the text's jieba words when the caller has them (the tokenizer's)."""
        lay = ft.layers(text, mentions, words)
        asked = set(labels) & self.types  # a type the CRF never learned has no belief to ask for
        out, beliefs = [], {}
        for s, e in sents:
            if e - s < 2 or not text[s:e].strip():
                continue
            tags = self.tagger.tag(self.features(text, s, e, lay))
            for a, b, lab in decode(tags):
                conf = sum(self.tagger.marginal(tags[k], k) for k in range(a, b)) / (b - a)
                out.append((s + a, s + b, lab, conf))
            for m in mentions:
                if m.label in asked and s <= m.start and m.end <= e:
                    k0 = m.start - s
                    p = self.tagger.marginal("B-" + m.label, k0) + sum(
                        self.tagger.marginal("I-" + m.label, k) for k in range(k0 + 1, m.end - s))
                    beliefs[(m.start, m.end, m.label)] = p / (m.end - m.start)
        return out, beliefs
