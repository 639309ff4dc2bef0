"""Projects: a name phrase before a project suffix (项目, 产业园, 基地…)."""
from __future__ import annotations

import re

import jieba

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import NAME_VERBS, SINGLE_STOP, Analysis, _add, _specific, after_builder, _tag, _units, _valid_name, walk_left

DESCRIPTIVE_SUFFIXES = {"基地", "产业园", "科技园", "创新园", "产业城", "生产线", "综合体", "物流园", "接收站", "码头"}


def _generic_project(core: str, strict: bool = False, descriptive: bool = False) -> bool:
    """True when a project phrase has nothing that names it (优势产业项目, 冲刺项目)."""
    if re.search(r"[^\u4e00-\u9fff\d.A-Za-z·]", core) or re.search(r"\d+[个件类批项家]", core):
        return True
    words = _units(jieba.lcut(core))
    if len(words) == 1 and len(core) == 2 and _tag(core) == "x" and _tag(core[0]).startswith(("v", "d", "p")):
        return True  # 谈大, 聚力: a verb glued to a word, not a name
    if not words or (_tag(words[0]).startswith(("v", "a", "d", "r", "p", "m")) and words[0] not in NAME_VERBS
                     and _tag(words[0]) != "x"):
        return True
    if descriptive:  # 智能装备产业园: a described park is named by its nouns
        return not any(_tag(w).startswith("n") and w not in lx.PROJECT_GENERIC for w in words) \
            and not any(_specific(w, strict) for w in words)
    return not any(_specific(w, strict) for w in words)


def find_projects(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in lx.PROJECT_SUFFIX.finditer(text):
        if any(x.start <= m.start() < x.end for x in a.mentions if x.label in ("Company", "Organization")):
            continue
        start = walk_left(text, m.start(), limit=24, stop_places=True, g=g)
        # leading places are context, not part of the name (吴江区新材料产业园)
        for p in a.by_label("Place"):
            if p.start <= start < p.end < m.start():
                start = p.end
        start = after_builder(a, start, m.start())
        core = text[start:m.start()]
        for s, e, form in g.scan(core):
            if s == 0 and any(k in ("full", "short") for _, k in g.forms[form]):
                start += e
                core = core[e:]
            break
        year = re.match(r"(?:\d{4}年|\d{1,2}月)+", core)
        if year:
            start += year.end()
            core = core[year.end():]
        descriptive = m.group(0) in DESCRIPTIVE_SUFFIXES
        if not core or not _valid_name(core) or "等" in core or "企业" in core \
                or _units(jieba.lcut(core))[0] in SINGLE_STOP \
                or _generic_project(core, descriptive=descriptive):
            continue
        if text.startswith("项目部", m.start()):  # a builder's site office: the project is what it is for
            if len(core) >= 4:
                _add(a, start, m.start(), "Project", core)
            continue
        # 项目 after a named base/park is the same project (…基地项目)
        _add(a, start, m.end(), "Project", core + m.group(0))
