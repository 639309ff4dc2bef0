"""Analyses built by hand for the learned stage's tests (sentences written for them)."""
from __future__ import annotations

from ingest.analysis import Analysis, Mention, split
from ingest.learn import spans


def analysis(text: str, mentions: list[tuple[str, str, int]]) -> Analysis:
    a = Analysis(text)
    split(a)
    for surface, label, place in mentions:
        s = text.index(surface)
        a.mentions.append(Mention(s, s + len(surface), label, surface, surface, place=place))
    return a


def division(g, name: str) -> int:
    return next(i for i, kind in g.forms[name] if kind == "full")


def places(g, *names: str) -> list[tuple[str, str, int]]:
    """Place mentions for analysis(), each resolved to its gazetteer division."""
    return [(n, "Place", division(g, n)) for n in names]


def tagged_project(text: str, tagged: str) -> Analysis:
    """text's analysis after the tagger read tagged (no rule mentions) as a project."""
    a = analysis(text, [])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Project", 0.8)])
    return a
