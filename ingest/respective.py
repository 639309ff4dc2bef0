"""What is written respectively (分别) of projects listed before: 甲项目、乙项目和丙项目…，投资额分别为8亿元、
5亿元和2.6亿元 — the n-th amount is the n-th project's total: the projects its clause (…；) names after the
amounts, else all those it names, else those of the one before (两个项目分别投资…), the first of these as many
as the amounts. 甲、乙和丙分别落户A县、B区和C镇 — the n-th place is the n-th project's site."""
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


RESPECTIVE_SITE = re.compile(r"分别(?:落户|位于|落地|建在|选址|布局|坐落)(?:于|在)?")


def listed_places(a: Analysis, pos: int) -> list[Mention]:
    """The places listed from pos on (A县、B区和C镇), each the last of its chain (开平市 + 水口镇)."""
    si = a.sent_of(pos)
    sites = []
    for x in sorted((m for m in a.mentions if m.label == "Place" and m.start >= pos and a.sent_of(m.start) == si),
                    key=lambda m: m.start):
        between = a.text[pos:x.start]
        if between and between not in ("、", "与", "和", "及", "以及"):
            break
        if not between and sites:
            sites[-1] = x  # a chain: 重庆市 + 奉节县
        else:
            sites.append(x)
        pos = x.end
    return sites


def respective_sites(a: Analysis, projects: list[Mention]) -> list[tuple[Mention, Mention, list[Mention]]]:
    """(project, its site, the other sites listed) for each list of places after 分别落户 (位于, 建在…) as
    long as the list of projects its sentence names before it."""
    out = []
    for cue in RESPECTIVE_SITE.finditer(a.text):
        sites = listed_places(a, cue.end())
        si = a.sent_of(cue.start())
        named = _distinct([p for p in projects if a.sent_of(p.start) == si and p.end <= cue.start()])
        if len(sites) >= 2 and len(named) == len(sites):
            out += [(p, x, [o for o in sites if o is not x]) for p, x in zip(named, sites)]
    return out
