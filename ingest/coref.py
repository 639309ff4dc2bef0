"""One project, one name: the ways news writes the same project inside one article
(抚州至吉安高速公路项目, 抚吉高速公路, 抚吉高速; X项目 and X工程) become one entity. One
company, one name: its short forms (中石油, 以下简称“中国通号”) take its full name, as soon as
the span tagger has read the companies, so the pair model sees one company."""
from __future__ import annotations

import re

from ingest.analysis import Analysis, Mention, _freq, word_spans
from ingest.lexicon import LEGAL_FORMS, NAME_AFTER
from ingest.project_names import short_place_names
from ingest.relations import fill_amounts

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
    the finished analysis: each variant's relations and total pass to the one entity. A name
    comes first as news writes it, with the place's short form glued before it."""
    short_place_names(a)
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
    if renamed and totals is not None:  # a variant's investor now invests in the named total
        fill_amounts(a)


# ---- companies ---------------------------------------------------------------------------------
# what a company's full name may add to the name news calls it by without naming another company
LEGAL_TAIL = re.compile(rf"(?:集团)?(?:{LEGAL_FORMS})|集团")  # not 分公司: a branch is another company
LEGAL_END = re.compile(rf"(?:{LEGAL_TAIL.pattern})$")
# a part of the full name that makes it a branch or subsidiary of the shorter one (中铝稀土(江苏)有限公司
# is not 中铝公司): a bracketed place, a branch word
BRANCH = re.compile(r"[(（]|分公司|子公司|分行|项目部|工厂|基地|研究院|事业部")
# the full name, then the short form it declares: 中国铁路通信信号集团公司(以下简称“中国通号”)
DECLARED = re.compile(r"\s*[(（](?P<word>以下简称|以下称|下称|简称)?[：:]?[“\"「]?(?P<short>[^()（）“”\"「」，,、]{2,12}?)[”\"」]?[)）]")


def _picked(short: str, full: str) -> bool:
    """short's characters stand in full in order (中石油 in 中国石油天然气集团公司)."""
    rest = iter(full)
    return all(c in rest for c in short)


def _same_company(short: str, full: str) -> bool:
    """full is the name written in full of the company news calls short: the full name plus
    nothing but a legal form (世纪瑞尔 / 世纪瑞尔公司), or the short form's characters picked out
    of it in order, as Chinese abbreviates (中石油 / 中国石油天然气集团公司, 山煤集团 /
    山西煤炭进出口集团), when what it adds is no branch. A name and a legal form around more
    is another company of the group (中金国泰集团 / 中金国泰文化旅游集团)."""
    if full.startswith(short):
        return LEGAL_TAIL.fullmatch(full[len(short):]) is not None
    bracketed = BRACKETED.search(full)
    if bracketed and bracketed.group(1) in short:  # 科尔班天津 of 科尔班汽车电子(天津)有限公司: the plant there
        full = full.replace(bracketed.group(), bracketed.group(1))
    if len(short) < 3 or short[0] != full[0] or BRANCH.search(full):
        return False
    tail = LEGAL_END.search(short)
    if tail and full.startswith(short[:tail.start()]) and full.endswith(tail.group()):
        return False
    return _picked(short, full)


# a word in brackets in a full name (a place: 科尔班汽车电子(天津)有限公司; 光明食品(集团)有限公司)
BRACKETED = re.compile(r"[(（]([\u4e00-\u9fff]{2,4})[)）]")


def bare_form(name: str) -> str | None:
    """A legal name less its legal form (甲乙啤酒 of 甲乙啤酒公司), when that leaves three
    characters or more and no bracketed place; None for any other name, and for a branch
    (…分公司), which news names in full."""
    if not LEGAL_END.search(name) or "(" in name or "（" in name or name.endswith("分公司"):
        return None
    short = LEGAL_END.sub("", name)
    return short if len(short) >= 3 else None


def bare_forms(a: Analysis) -> None:
    """A company found with its legal form (甲乙啤酒公司) is the one the article goes on to call
    甲乙啤酒: each such occurrence that is a word of its own and in no other name is a mention."""
    text = a.text
    bare = {}
    for m in a.mentions:
        short = bare_form(m.name) if m.label == "Company" else None
        if short:
            bare.setdefault(short, m)
    added = []
    for short, full in bare.items():
        for x in re.finditer(re.escape(short), text):
            s, e = x.span()
            if (s and text[s - 1] not in NAME_AFTER) or (e < len(text) and _freq(text[e - 1:e + 1]) > 50):
                continue  # part of another word or name
            if not any(m.start < e and s < m.end for m in a.mentions + added):
                conf = {k: v for k, v in full.extra.items() if k == "confidence"}  # as sure as the full name
                added.append(Mention(s, e, "Company", short, short, extra=conf))
    a.mentions = sorted(a.mentions + added, key=lambda m: m.start)


# a project named again at the head of a clause is what the clause goes on about (A、B及C项目均落户…；
# 其中，A由甲公司投资…); its repeats elsewhere tie generic names to places and investors (dev, stop 41)
CLAUSE_OPEN = "，,。；;：:！？!?\n"


def repeat_names(a: Analysis) -> None:
    """A company named once is named wherever its name stands again as whole words outside
    every other name (the tagger often reads a name once, in the title or at its first cue):
    the pair model reads every sentence it is named in, as it learned on the gold spans. A
    project only where it opens a clause (CLAUSE_OPEN)."""
    if not a.words:
        return
    starts, ends = {s for s, _, _ in word_spans(a.words)}, {e for _, e, _ in word_spans(a.words)}
    text, seen, added, inside = a.text, set(), [], set()
    taken = bytearray(len(text) + 1)
    # a place only inside a project's name (骆驼城 of 骆驼城文化旅游产业园) is part of it, as where the tagger read it
    places = [o for o in a.mentions if o.label == "Place"]
    for o in a.mentions:
        if o.label != "Place":
            taken[o.start:o.end] = b"\x01" * (o.end - o.start)
    for m in [m for m in a.mentions if m.label in ("Company", "Project") and m.end - m.start >= 3]:
        form = text[m.start:m.end]
        if form in seen:
            continue
        seen.add(form)
        for x in re.finditer(re.escape(form), text):
            s, e = x.span()
            if m.label == "Project" and s and text[s - 1] not in CLAUSE_OPEN:
                continue
            crossed = [p for p in places if p.start < e and s < p.end]
            if (s in starts or text[s - 1] in NAME_AFTER) and e in ends and not any(taken[s:e]) \
                    and (not crossed or m.label == "Project"
                         and all(s <= p.start and p.end <= e and p.end - p.start < e - s for p in crossed)):
                conf = {k: v for k, v in m.extra.items() if k == "confidence"}
                added.append(Mention(s, e, m.label, m.name, form, extra=conf))
                taken[s:e] = b"\x01" * (e - s)
                inside.update(id(p) for p in crossed)
    a.mentions = sorted([m for m in a.mentions if id(m) not in inside] + added, key=lambda m: m.start)


def _whole_forms(a: Analysis) -> None:
    """A company read short of a form the article writes it in (中铁 of 中铁十一局 + 项目部, where
    中铁十一局 is read elsewhere) is that form, when nothing else is read there."""
    companies = [m for m in a.mentions if m.label == "Company"]
    forms = sorted({m.text for m in companies}, key=len, reverse=True)
    for m in companies:
        longer = next((f for f in forms if len(f) > len(m.text) and a.text.startswith(f, m.start)), None)
        if longer and not any(o is not m and o.start < m.start + len(longer) and m.end <= o.start for o in a.mentions):
            full = next(o for o in companies if o.text == longer)
            m.end, m.text, m.name = m.start + len(longer), longer, full.name


def unify_companies(a: Analysis) -> None:
    """A company's short forms take its full name when one full name in the article fits
    them (see _same_company) or the text declares the short form after the full one; the
    short forms stay as written, as aliases, so the pair model sees one company."""
    _whole_forms(a)
    names = {m.name for m in a.mentions if m.label == "Company"}
    canon: dict[str, str] = {}
    for m in a.mentions:
        d = DECLARED.match(a.text, m.end) if m.label == "Company" else None
        if d and d["short"] in names - {m.name} and (d["word"] or _picked(d["short"], m.name)):
            canon.setdefault(d["short"], m.name)
    def root(n: str) -> str:
        seen = {n}
        while canon.get(n, n) not in seen:
            n = canon[n]
            seen.add(n)
        return n

    # longest first: a middle form (国家电投集团) has found its full name before a shorter one (国家电投)
    # that fits both asks, and fits one company
    for short in sorted(names - set(canon), key=lambda n: (-len(n), n)):
        fulls = {root(f) for f in names if len(f) > len(short) and _same_company(short, f)}
        if len(fulls) == 1:
            canon[short] = fulls.pop()
    for m in a.mentions:
        if m.label == "Company":
            m.name = root(m.name)  # a short form of a short form: followed on

