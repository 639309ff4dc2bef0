"""Project lifecycle events on Project nodes: merged at load like relationship provenance.

A node's events are aligned lists stages[i] / stage_dates[i] / stage_articles[i] /
stage_evidence[i], sorted by (date, lifecycle order, article); an article's events are
one entry per (stage, date). Re-merging an article replaces its events, so loading in any
order, or the same article twice, gives the same lists. `stage` is the latest stage in
lifecycle order that any event reached (a later 签约 of a second phase does not undo 投产)."""
from __future__ import annotations

STAGES = ("signed", "started", "under_construction", "completed", "operating")
PROPS = ("stage", "stages", "stage_dates", "stage_articles", "stage_evidence")
_ORDER = {s: i for i, s in enumerate(STAGES)}


def problem(stages) -> str | None:
    """What is wrong with a record entity's `stages` field (None: nothing)."""
    if not isinstance(stages, list):
        return f"stages must be a list, not {type(stages).__name__}"
    for i, ev in enumerate(stages):
        if not isinstance(ev, dict):
            return f"stages[{i}] must be an object"
        if ev.get("stage") not in _ORDER:
            return f"stages[{i}] has unknown stage {ev.get('stage')!r} (known: {', '.join(STAGES)})"
        for f in ("date", "evidence"):
            if ev.get(f) is not None and not isinstance(ev[f], str):
                return f"stages[{i}].{f} must be text"
    return None


def article_events(stages: list[dict], article_date: str | None) -> list[tuple[str, str, str]]:
    """(stage, date, evidence) of one record entity's events, one per (stage, date)."""
    out: dict[tuple[str, str], str] = {}
    for ev in stages:
        k = (ev["stage"], ev.get("date") or article_date or "")
        out.setdefault(k, ev.get("evidence") or "")
    return [(s, d, e) for (s, d), e in out.items()]


def props(by_article: dict[str, list[tuple[str, str, str]]]) -> dict:
    """The node properties of {article key: [(stage, date, evidence)]}; all None without events."""
    events = sorted((d or "\uffff", _ORDER[s], a, s, d, e)
                    for a, evs in by_article.items() for s, d, e in evs)
    if not events:
        return dict.fromkeys(PROPS)
    return {"stage": STAGES[max(e[1] for e in events)], "stages": [e[3] for e in events],
            "stage_dates": [e[4] for e in events], "stage_articles": [e[2] for e in events],
            "stage_evidence": [e[5] for e in events]}


def by_article(row: dict) -> dict[str, list[tuple[str, str, str]]]:
    """A node row's events grouped by article (the inverse of props)."""
    out: dict[str, list] = {}
    lists = [row.get(p) or [] for p in PROPS[1:]]
    for s, d, a, e in zip(*lists):
        out.setdefault(a, []).append((s, d or "", e or ""))
    return out


def merge(a: dict, b: dict) -> dict:
    """The stage properties of two rows of one node; an article in both keeps b's events."""
    return props(by_article(a) | by_article(b))
