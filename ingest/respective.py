"""Amounts written respectively (分别): 甲项目、乙项目和丙项目…，投资额分别为8亿元、5亿元和2.6亿元 — the
n-th amount is the n-th project's total: the projects its clause (…；) names after the amounts, else all
those it names, else those of the one before (两个项目分别投资…), the first of these as many as the
amounts."""
from __future__ import annotations

import re

from ingest.analysis import Analysis, Mention

RESPECTIVELY = re.compile(r"分别(?:为|是|达|约|计划|拟)*(?:总投资|投资额|投资|投入|出资)?(?:为|约|达)*")
BETWEEN = re.compile(r"[、，,]|和|及|与|以及")


def respective_totals(a: Analysis, projects: list[Mention]) -> dict[str, dict]:
    """Project name -> its amount, for each run of amounts after 分别 that matches the projects."""
    out: dict[str, dict] = {}
    amounts = sorted(a.amounts, key=lambda x: x["start"])
    for cue in RESPECTIVELY.finditer(a.text):
        run = [x for x in amounts if x["start"] == cue.end()]
        while run:
            nxt = next((x for x in amounts if x["start"] > run[-1]["end"]), None)
            if nxt is None or not BETWEEN.fullmatch(a.text[run[-1]["end"]:nxt["start"]]):
                break
            run.append(nxt)
        if len(run) < 2:
            continue
        si = a.sent_of(cue.start())  # (a sentence ends at ；: it is the clause)
        groups = ([p for p in projects if cue.end() <= p.start < a.sents[si][1]],  # 分别投资…，建设甲及乙
                  [p for p in projects if a.sent_of(p.start) == si],
                  [p for p in projects if a.sent_of(p.start) == si - 1])
        named = next((g for g in map(_distinct, groups) if len(g) == len(run)), None)  # the nearest that fits
        if named:
            out.update({p.name: amt for p, amt in zip(named, run)})
    return out


def _distinct(projects: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for p in sorted(projects, key=lambda p: p.start):
        if p.name not in seen:
            seen.add(p.name)
            out.append(p)
    return out
