"""The place that signs for a project (甲县与乙公司签约丙项目, 乙公司与甲县签约建设丙项目): the
project's host, as a site said outright is."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ingest import gazetteer as gz
from ingest.analysis import Analysis, Mention
from ingest.sections import specificity

# the clause before the project, each mention written as its label's letter (P place, C company,
# X another project of a list): a place and the companies it signs with, either way round, the
# signing verb, and what may stand between it and the project (建设, 的, the projects listed before)
SIGNING = re.compile(r"(?:(?P<first>P+)(?:与|同|和)C(?:[、和及与]C)*|C(?:[、和及与]C)*(?:与|同|和)(?P<second>P+))"
                     r"(?:共同|分别|正式|成功|现场|集中|顺利)?(?:签约|签订|签署)了?"
                     r"(?:合作|投资|建设|投资建设|共建)?的?(?:X[、和及与])*$")
LETTER = {"Place": "P", "Company": "C", "Project": "X"}
BREAKS = "，,。；;：:！？!?\n"


def _skeleton(a: Analysis, start: int, end: int) -> tuple[str, list[Mention | None]]:
    """text[start:end] with each mention of LETTER's labels as one letter, and what each character stands for."""
    out, what = [], []
    inside = sorted((m for m in a.mentions if start <= m.start and m.end <= end and m.label in LETTER),
                    key=lambda m: m.start)
    k = start
    for m in inside:
        out.append(a.text[k:m.start])
        what += [None] * (m.start - k)
        out.append(LETTER[m.label])
        what.append(m)
        k = m.end
    out.append(a.text[k:end])
    what += [None] * (end - k)
    return "".join(out), what


def signing_place(a: Analysis, g: gz.Gazetteer, p: Mention, places: Iterable[Mention] = ()) -> Mention | None:
    """The place that signs with the companies for p in p's own clause (the last of a chain:
    株洲市攸县), when it is a prefecture or below and none of places (the sentence's) more specific
    stands after it before a semicolon (甲市与乙公司签约丙基地，将在甲市经济开发区建设…: that site)."""
    lo = max(a.text.rfind(c, 0, p.start) for c in BREAKS) + 1
    skeleton, what = _skeleton(a, lo, p.start)
    m = SIGNING.search(skeleton)
    if m is None:
        return None
    place = what[m.end("first" if m.group("first") else "second") - 1]
    if place.place >= 0 and gz.LEVEL_RANK[g.divisions[place.place].level] <= gz.LEVEL_RANK["province"]:
        return None  # a province signs for what one of its cities will host
    if any(x.start > place.start and specificity(g, x) > specificity(g, place)
           and not re.search(r"[；;]", a.text[place.end:x.start]) for x in places):
        return None
    return place
