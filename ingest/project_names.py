"""Project names as news writes them around the tagger's span: a phase written after the name
(某基地 + 三期) is part of it; quotation marks (“南隧北桥”工程) are how it is written, not its name."""
from __future__ import annotations

import re

from ingest.analysis import Analysis

# a phase written after a project's name is part of it (某基地 + 三期, 某园 + 二期工程): another project
PHASE = re.compile(r"[一二三四五六七八九十\d]期(?:扩建|续建)?(?:工程|项目)?")
# a quoted name (“南隧北桥”工程, "三横两纵"项目): the marks go from the name, the written form stays an alias
QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")


def shape_projects(a: Analysis) -> None:
    """Every project mention takes the phase written after it and loses its quotation marks."""
    _with_phase(a)
    for m in a.mentions:
        if m.label == "Project":
            m.name = unquoted(m.name)


def unquoted(name: str) -> str:
    """甲“乙”工程 -> 甲乙工程; a name with an unpaired mark stays as it is."""
    bare = QUOTED.sub(lambda q: q.group(1) or q.group(2), name)
    return name if re.search(r"[“”\"]", bare) or len(bare) < 2 else bare


def _with_phase(a: Analysis) -> None:
    """A project name followed at once by its phase takes it (甲乙生产基地三期)."""
    starts = {m.start for m in a.mentions}
    for m in a.mentions:
        ph = PHASE.match(a.text, m.end) if m.label == "Project" else None
        if ph and not any(m.end <= k < ph.end() for k in starts):
            m.end = ph.end()
            m.name, m.text = m.name + ph.group(), m.text + ph.group()
