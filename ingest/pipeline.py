"""The spaCy pipeline: a blank Chinese model with jieba segmentation and the
govkg rule components, described by ingest/pipeline.cfg."""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ingest import gazetteer as gz
from ingest import (amounts, analysis, coref, infrastructure, lifecycle, officials, orgs, places, project_names,
                    projects, readers, relations)
from ingest.learn import components  # noqa: F401  (registers the learned components)
from ingest.learn import features

CONFIG = Path(__file__).with_name("pipeline.cfg")

if not Doc.has_extension("kg"):
    Doc.set_extension("kg", default=None)


class _Step:
    """A component that runs one rule function over doc._.kg."""

    fn = None

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.gazetteer: gz.Gazetteer | None = None

    def initialize(self, get_examples=None, nlp=None):
        self.gazetteer = gz.load()

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            self.initialize()
        if doc._.kg is None:
            # the reader's date, else the dateline (training texts carry theirs)
            doc._.kg = analysis.Analysis(doc.text, date=doc.user_data.get("date") or readers.date_in_text(doc.text))
            analysis.split(doc._.kg)
            doc._.kg.words = features.doc_words(doc, doc.text)
        type(self).fn(doc._.kg, self.gazetteer)
        return doc


def _register(name: str, fn):
    cls = type(f"Step_{name}", (_Step,), {"fn": staticmethod(fn)})

    @Language.factory(name)
    def make(nlp: Language, name: str):
        return cls(nlp, name)
    return make


_register("govkg_amounts", lambda a, g: amounts.find_amounts(a))
_register("govkg_orgs", orgs.find_orgs)
_register("govkg_places", places.find_places)
_register("govkg_projects", projects.find_projects)
_register("govkg_infrastructure", infrastructure.find_infrastructure)
_register("govkg_project_names", lambda a, g: project_names.shape_projects(a))  # the tagger's are shaped alike
_register("govkg_officials", officials.find_officials)
_register("govkg_relations", relations.find_relations)
_register("govkg_stages", lifecycle.find_stages)
_register("govkg_coref", lambda a, g: coref.unify_projects(a))  # after the pair model: see ingest/coref.py


@Language.component("govkg_spans")
def govkg_spans(doc: Doc) -> Doc:
    """Expose mentions as doc.spans["govkg"] (token-aligned, for displaCy and spaCy users)."""
    spans = []
    for m in sorted(doc._.kg.mentions, key=lambda m: m.start):
        span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["govkg"] = spans
    return doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The configured pipeline (jieba by default; pkuseg when GOVKG_PKUSEG_MODEL names a model folder;
    the learned stage from ingest/model/, or GOVKG_MODEL's folder; GOVKG_NO_MODEL=1: rules alone)."""
    from spacy import util
    import jieba
    jieba.setLogLevel(logging.WARNING)
    config = util.load_config(CONFIG)
    learned = os.environ.get("GOVKG_MODEL")  # a model folder from `python -m ingest.train --out DIR`
    if learned:
        for name in ("govkg_span_tagger", "govkg_pair_classifier"):
            config["components"][name]["model"] = str(Path(learned).resolve())
    model = os.environ.get("GOVKG_PKUSEG_MODEL")
    if model:
        config["nlp"]["tokenizer"]["segmenter"] = "pkuseg"
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    if model:
        nlp.tokenizer.initialize(pkuseg_model=model)
    for _, proc in nlp.pipeline:
        if hasattr(proc, "initialize"):
            proc.initialize()
    return nlp
