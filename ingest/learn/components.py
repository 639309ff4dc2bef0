"""The learned stage as spaCy components: ``govkg_span_tagger`` (after the rule
mentions) and ``govkg_pair_classifier`` (after the rule relations). Models are
data files in ``ingest/model/`` loaded at ``initialize``, saved with ``to_disk``."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ingest import gazetteer as gz
from ingest.learn import crf, pairs, peers, spans, stage
from ingest.learn.train import CRF_FILE, META_FILE, PAIRS_FILE, PUBLIC_FILE

MODEL_DIR = Path(__file__).resolve().parents[1] / "model"


def enabled() -> bool:
    """GOVKG_NO_MODEL=1 runs the rules alone (training reads the rules' output that way)."""
    return os.environ.get("GOVKG_NO_MODEL", "") in ("", "0")


class _ModelStep:
    files: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str, model: str):
        self.name = name
        self.path = Path(model) if Path(model).is_absolute() else MODEL_DIR.parent / model
        self.loaded = False

    def initialize(self, get_examples=None, nlp=None):
        self.loaded = False  # loaded at first use: training reads the rules before any model exists

    def _load(self):
        missing = [f for f in self.files if not (self.path / f).exists()]
        if missing:
            raise FileNotFoundError(f"{self.path}: model file(s) {', '.join(missing)} missing; "
                                    "rebuild with `python -m ingest.train` or set GOVKG_NO_MODEL=1")
        self.load(self.path)
        self.loaded = True

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for f in self.files + (META_FILE, PUBLIC_FILE):
            if (self.path / f).exists():
                shutil.copy(self.path / f, path / f)

    def from_disk(self, path, exclude=()):
        self.path = Path(path)
        self.initialize()
        return self

    def __call__(self, doc: Doc) -> Doc:
        if enabled() and doc._.kg is not None:
            if not self.loaded:
                self._load()
            self.apply(doc._.kg, doc)
        return doc


class SpanTaggerStep(_ModelStep):
    files = (CRF_FILE,)

    def load(self, path):
        public = path / PUBLIC_FILE
        self.tagger = crf.SpanTagger(path / CRF_FILE, public if public.exists() else None)

    def apply(self, a, doc):
        spans.replace_spans(a, *self.tagger.read(a.text, a.sents, a.mentions, words=a.words))


class PairStep(_ModelStep):
    files = (PAIRS_FILE,)

    def load(self, path):
        self.model = pairs.PairModel.from_json(json.loads((path / PAIRS_FILE).read_text(encoding="utf-8")))
        meta = path / META_FILE
        self.priors = json.loads(meta.read_text(encoding="utf-8")).get("priors", {}) if meta.exists() else {}

    def apply(self, a, doc):
        stage.apply_pairs(a, gz.load(), self.model)
        a.priors = dict(self.priors)


@Language.factory("govkg_span_tagger", default_config={"model": "model"})
def make_span_tagger(nlp: Language, name: str, model: str):
    return SpanTaggerStep(nlp, name, model)


@Language.factory("govkg_pair_classifier", default_config={"model": "model"})
def make_pair_classifier(nlp: Language, name: str, model: str):
    return PairStep(nlp, name, model)


@Language.component("govkg_orphans")
def govkg_orphans(doc: Doc) -> Doc:
    """After coreference: the projects the text ties to nothing that the tagger doubts go."""
    if enabled() and doc._.kg is not None:
        stage.drop_orphan_projects(doc._.kg)
    return doc


@Language.component("govkg_peers")
def govkg_peers(doc: Doc) -> Doc:
    """Last: major groups named bare and the names listed with a company are companies (after
    the relations, which they join none of)."""
    if doc._.kg is not None:
        peers.add_companies(doc._.kg)
    return doc
