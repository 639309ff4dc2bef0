"""One project, one name: the ways news writes the same project inside one article
(抚州至吉安高速公路项目, 抚吉高速公路, 抚吉高速; X项目 and X工程) become one entity."""
from __future__ import annotations

import re

from ingest.analysis import Analysis

# what a project name may gain or lose without naming another project
TRAILING = re.compile(r"(?:建设)?(?:项目|工程)$")
# a route named by its ends (A至B高速公路) is written short with the first character of each (AB高速)
ROUTE = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,5}?)(?:至|到|—|－|-)(?P<b>[\u4e00-\u9fff]{2,5}?)"
                   r"(?P<kind>高速|铁路|高铁|城际铁路|城际|公路|快速路)(?P<rest>.*)")


def core(name: str) -> str:
    """The part of a project name its variants share: no 项目 / 工程 tail, 高速公路 as 高速."""
    prev = None
    while prev != name:
        prev, name = name, TRAILING.sub("", name)
    return name.replace("高速公路", "高速")


def short_route(key: str) -> str | None:
    """抚州至吉安高速 -> 抚吉高速: a route's name as news shortens it."""
    m = ROUTE.fullmatch(key)
    return m["a"][0] + m["b"][0] + m["kind"] + m["rest"] if m else None


def unify_projects(a: Analysis) -> None:
    """Project mentions whose names are variants of one another take the longest name
    (the one written in full); the others stay as they were written, as aliases. Run on
    the finished analysis: each variant's relations and total pass to the one entity."""
    names = sorted({m.name for m in a.mentions if m.label == "Project"}, key=lambda n: (-len(n), n))
    canon: dict[str, str] = {}
    for n in names:  # longest first: a name's full form is seen before its short forms
        k = core(n)
        if len(k) < 2:
            continue
        canon.setdefault(k, n)
        s = short_route(k)
        if s:
            canon.setdefault(s, canon[k])
    renamed = {}
    for m in a.mentions:
        if m.label == "Project":
            full = canon.get(core(m.name))
            if full and full != m.name:
                renamed[m.name] = full
                m.name = full
    totals = getattr(a, "totals", None)
    if totals:
        for old, full in renamed.items():
            if old in totals:
                totals.setdefault(full, totals.pop(old))
