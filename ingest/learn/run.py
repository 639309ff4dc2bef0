"""Running the pipeline in stages, so training and cross-validation can swap in
gold spans or a fold's models between the rule components."""
from __future__ import annotations

from ingest import gazetteer as gz
from ingest import lifecycle, relations
from ingest.analysis import Analysis
from ingest.coref import unify_projects
from ingest.learn import peers, stage
from ingest.learn.spans import replace_spans

RULES_BEFORE = ("govkg_amounts", "govkg_orgs", "govkg_places", "govkg_projects", "govkg_infrastructure",
                "govkg_project_names", "govkg_officials")
# the pipeline's last components, in its order, and the function each runs: what a model's
# extraction does after finish() (train.predict), as the pipeline does after the pair model
LATE = (("govkg_stages", lifecycle.find_stages), ("govkg_coref", unify_projects),
        ("govkg_orphans", stage.drop_orphan_projects), ("govkg_peers", peers.add_companies))


def rule_analysis(text: str) -> Analysis:
    """The rules' mentions before relations are read (what the span tagger sees)."""
    from ingest.pipeline import nlp
    pipe = nlp()
    doc = pipe.make_doc(text)
    for name in RULES_BEFORE:
        doc = pipe.get_pipe(name)(doc)
    return doc._.kg


def finish(a: Analysis, spans=None, pair_model=None, beliefs=None) -> Analysis:
    """Spans (if given) replace the learned types, the rule relations run, and the
    pair model (if given) decides HOSTS / INVESTS_IN."""
    g = gz.load()
    if spans is not None:
        replace_spans(a, spans, beliefs)
    relations.find_relations(a, g)
    if pair_model is not None:
        stage.apply_pairs(a, g, pair_model)
    return a
