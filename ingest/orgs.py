"""Companies and organizations: suffixed names, and short names listed before 等…企业."""
from __future__ import annotations

import re

import jieba

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import (NAME_VERBS, SINGLE_STOP, Analysis, _add, _specific, _tag, _units, _valid_name,
                             bracket_start, walk_left)
from ingest.officials import _person_name


def find_orgs(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in lx.SOE_BUREAU.finditer(text):
        _add(a, m.start(), m.end(), "Company", sure=True)
    for m in lx.COMPANY_SUFFIX.finditer(text):
        start = bracket_start(text, walk_left(text, m.start(), limit=20))
        core = text[start:m.start()]
        if not _valid_name(core) or len(core) < 2 or core in lx.GENERIC_NAMES or core[-1] in "分子总母":
            continue
        words = _units(jieba.lcut(core))
        if len(words) == 1 and not _specific(words[0], strict=True):
            continue  # 软件公司, 投资公司: a kind of company, not a name
        if (_tag(words[0]).startswith(("v", "d", "p", "c", "r", "u")) and words[0] not in NAME_VERBS) \
                or words[0] in SINGLE_STOP or "和" in core[1:-1]:
            continue
        while words and words[0] in lx.ROLE_NOUNS:
            start += len(words.pop(0))
        _add(a, start, m.end(), "Company")
    for m in lx.ORG_SUFFIX.finditer(text):
        start = walk_left(text, m.start(), limit=16, keep_adj=False)
        start = _cut_person(text, start, m.start(), g)
        core = text[start:m.start()]
        if not _valid_name(core) or len(core) < 2 or _tag(core) in ("a", "v") or text[start:m.end()] in lx.GENERIC_NAMES:
            continue
        _add(a, start, m.end(), "Organization")
    find_enumerated(a, g)


def _cut_person(text: str, start: int, end: int, g) -> int:
    """丁某某江苏省…学校 (a name list): the institution starts at the place."""
    for off in (2, 3):
        form_start = start + off
        if form_start >= end:
            break
        for k in range(6, 1, -1):
            form = text[form_start:form_start + k]
            if form in g.forms and any(kind != "weak" and g.divisions[i].level in ("province", "prefecture")
                                       for i, kind in g.forms[form]) or form.startswith(("中国", "国家")):
                if _person_name(text, start) == text[start:form_start]:
                    return form_start
    return start


def _enumeration_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of the items of 'A、B、C' ending at e (the position of 等)."""
    items = []
    for m in re.finditer(r"[^、和及\n]+", text[s:e]):
        part_s, part_e = s + m.start(), s + m.end()
        part = text[part_s:part_e]
        paren = re.search(r"[(（][^)）]*[)）]?$", part)  # 智慧城市产业园(地铁4号线…)
        if paren:
            part_e = part_s + paren.start()
        items.append((part_s, part_e))
    return items


def find_enumerated(a: Analysis, g: gz.Gazetteer) -> None:
    """Short names listed before 等…企业 / 等…项目 (来自徐工集团、卡特彼勒等26家企业)."""
    import re
    text = a.text
    pat = re.compile(r"等(?:\d+|[一二三四五六七八九十两几多]+)?(?:家|个|批|一批|多家|多个)?[“\"]?([\u4e00-\u9fff\d]{0,12}?)[”\"]?(企业|公司|项目|单位)")
    for m in pat.finditer(text):
        kind = m.group(2)
        label = "Project" if kind == "项目" else "Company" if kind in ("企业", "公司") else None
        if label is None:
            continue
        # the list runs back over 、 separators to the start of its clause
        s = m.start()
        i = s
        while i > 0 and s - i < 200:
            if text[i - 1] == "\n":
                j = i - 1
                while j > 0 and text[j - 1] in "\n \t":
                    j -= 1
                if j > 0 and text[j - 1] == "、":  # a list broken over lines
                    i = j
                    continue
                break
            if text[i - 1] in lx.CLAUSE_BREAK and text[i - 1] not in "()（）":
                break
            i -= 1
        items = _enumeration_items(text, i, s)
        if not items:
            continue
        # the first item starts after the verb that introduces the list
        fs, fe = items[0]
        items[0] = (walk_left(text, fe, limit=fe - fs), fe)
        for (s0, e0) in items:
            surface = text[s0:e0].strip()
            for tail in ("项目",):
                if label == "Project" and surface.endswith(tail) and len(surface) > len(tail):
                    surface = surface[: -len(tail)]
            if not (2 <= len(surface) <= 16) or not _valid_name(surface):
                continue
            if any(w in surface for w in ("的", "了", "和", "与", "及", "等")) or surface.endswith(("企业", "单位")):
                continue
            words = _units(jieba.lcut(surface))
            stop = ("v", "d", "r", "t", "p", "c")
            if _tag(words[0]).startswith(stop) or any(_tag(w).startswith(stop) and w not in NAME_VERBS
                                                      for w in words[1:-1]):
                continue
            suffixed = label == "Company" and lx.COMPANY_SUFFIX.search(surface)
            if not suffixed and not any(_specific(w, strict=True) for w in words):
                continue  # 先进制造、现代物流: kinds of industry, not names
            if surface in g.forms and any(k != "weak" for _, k in g.forms[surface]):
                continue  # a place in the list (河曲、临汾等项目), not a name
            if re.search(r"[-—~]", surface):
                continue
            _add(a, s0, s0 + len(surface), label, surface, enumerated=True)
