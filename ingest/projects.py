"""Projects: a name phrase before a project suffix (项目, 产业园, 基地…)."""
from __future__ import annotations

import re

import jieba
from jieba import posseg

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import (NAME_VERBS, SINGLE_STOP, Analysis, _add, _specific, _tag, _units, _valid_name,
                             after_builder, walk_left)
from ingest.project_names import names_by_short_form

DESCRIPTIVE_SUFFIXES = {"基地", "产业园", "科技园", "创新园", "产业城", "生产线", "综合体", "物流园", "接收站", "码头",
                        "物流中心", "数据中心", "配送中心", "物流城", "污水处理厂", "示范园", "加工园"}


AREA = re.compile(r"[百千万]亩")


def _generic_project(core: str, strict: bool = False, descriptive: bool = False) -> bool:
    """True when a project phrase has nothing that names it (优势产业项目, 冲刺项目)."""
    if re.search(r"[^\u4e00-\u9fff\d.A-Za-z·]", core) or re.search(r"\d+[个件类批项家]", core):
        return True
    words = _units(jieba.lcut(core))
    if len(words) == 1 and len(core) == 2 and _tag(core) == "x" and _tag(core[0]).startswith(("v", "d", "p")):
        return True  # 谈大, 聚力: a verb glued to a word, not a name
    if not words or (_tag(words[0]).startswith(("v", "a", "d", "r", "p", "m")) and words[0] not in NAME_VERBS
                     and _tag(words[0]) != "x" and not (descriptive and AREA.fullmatch(words[0]))):
        return True  # (万亩 + 设施蔬菜基地: a site named by its size)
    if descriptive:  # 智能装备产业园: a described park is named by its nouns
        return not any(_tag(w).startswith("n") and w not in lx.PROJECT_GENERIC for w in words) \
            and not any(_specific(w, strict) for w in words)
    return not any(_specific(w, strict) for w in words)


def _kind_of_site(core: str) -> bool:
    """生产, 物流, 化工: what a site does, in nouns and verbal nouns, none of them a word that
    ranks or counts projects (重点, 一批)."""
    words = _units(jieba.lcut(core))
    return all(_tag(w) in ("n", "vn", "nz") and w not in lx.PROJECT_GENERIC for w in words)


def find_projects(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in lx.PROJECT_SUFFIX.finditer(text):
        if any(x.start <= m.start() < x.end for x in a.mentions if x.label in ("Company", "Organization")):
            continue
        start = walk_left(text, m.start(), limit=24, stop_places=True, g=g, does=m.group(0).endswith("园"))
        before = jieba.lcut(text[max(0, start - 6):start])[-1:] if start and m.group(0) in DESCRIPTIVE_SUFFIXES else []
        if before and before[0] in g.forms and not any(p.end == start for p in a.by_label("Place")) \
                and (start == m.start() or _generic_project(text[start:m.start()], descriptive=True)):
            start -= len(before[0])  # a form the article does not read as a place, before a kind (冀南 + 现代物流园)
        # (a walk that stops inside a place's name takes the whole place: 五|都|镇 + 污水处理厂)
        start = next((p.start for p in a.by_label("Place") if p.start < start < p.end), start)
        # leading places are context, not part of the name (吴江区新材料产业园)
        for p in a.by_label("Place"):
            if p.start <= start < p.end < m.start() and not text.startswith(lx.INNER_SCOPE, p.end):
                start = p.end  # (成都国际商贸城 keeps its place: 国际 after it makes one name)
        start = after_builder(a, start, m.start())
        # a walk stopped inside a company's name (陕西|华岐…有限公司 + 重卡车桥扩能项目): the name starts after it
        start = next((c.end for c in a.by_label("Company") if c.start < start < c.end < m.start()), start)
        # a company's full name before the project (某某有限公司 + 年产…项目) is whose it is, no part of its
        # name, unless the rest names nothing (泰州LG公司 + 线性压缩机项目)
        owner_end = max([start] + [c.end for c in a.by_label("Company") if start < c.end <= m.start()])
        rest = text[owner_end:m.start()]
        descriptive = m.group(0) in DESCRIPTIVE_SUFFIXES
        if owner_end > start and (not rest or not _generic_project(rest, descriptive=descriptive)):
            start = owner_end
        core = text[start:m.start()]
        for s, e, form in g.scan(core):
            if s == 0 and any(k in ("full", "short") for _, k in g.forms[form]) and not core.startswith(lx.INNER_SCOPE, e):
                # (a form the article does not read as a place names the project: 城南 + 污水处理厂)
                # (动力 + 电池产业园项目: a short form the article reads nowhere as a place, before what
                # names a work, is part of the name)
                rest_names = bool(core[e:]) and not _generic_project(core[e:], descriptive=True)
                apart = rest_names if descriptive else not rest_names or any(k == "full" for _, k in g.forms[form]) \
                    or any(p.text == form for p in a.by_label("Place"))
                if apart or any(p.start == start for p in a.by_label("Place")):
                    start += e
                    core = core[e:]
            break
        year = re.match(r"(?:\d{4}年|\d{1,2}月)+", core)
        if year:
            start += year.end()
            core = core[year.end():]
        # 惠水 + 商贸物流园, 东胜国际 + 物流园: a site news names by its place's short form
        led = descriptive and (core or len(m.group(0)) >= 3) and _generic_project(core, descriptive=True) \
            and not DOING.search(core) and _short_place(a, g, start)
        by_place = led or not core and len(m.group(0)) >= 4 and a.place_run_start(start) < start
        if descriptive and (by_place or core and _generic_project(core, descriptive=True) and _kind_of_site(core)):
            # 娄底生产基地, 黄水镇污水处理厂: a kind of site named by its place is a name with the place
            start = led.start if led else a.place_run_start(start)
            core = text[start:m.start()]
        if not core or not _valid_name(core) or "等" in core or "企业" in core or lx.TITLE.search(core) or not by_place and (
                _units(jieba.lcut(core))[0] in SINGLE_STOP or _generic_project(core, descriptive=descriptive)):
            continue
        if text.startswith("项目部", m.start()):  # a builder's site office: the project is what it is for
            if len(core) >= 4:
                _add(a, start, m.start(), "Project", core)
            continue
        # 项目 after a named base/park is the same project (…基地项目)
        end = m.end() + (2 if by_place and m.group(0) != "项目" and text.startswith("项目", m.end()) else 0)
        _add(a, start, end, "Project", text[start:end], **({"by_place": True} if by_place else {}))
    find_by_capacity(a)
    find_renewals(a)


# what is done at a site, written between its place and its name (高新区 + 建设 + …产业园): no part of a name
DOING = re.compile(r"建设|新建|兴建|扩建|打造|实施|引进|投资|开工|签约|落户|推进")


def _short_place(a: Analysis, g: gz.Gazetteer, start: int):
    """The place written in its short form right before or at start (惠水 + 商贸物流园, 高要 + 综合物流园):
    news names a site by it, and writes the place in full when it only says where (惠水县 + …)."""
    return next((p for p in a.by_label("Place") if start in (p.start, p.end)
                 and names_by_short_form(a, g, p) and _opens_phrase(a.text, p.start)), None)


def _opens_phrase(text: str, k: int) -> bool:
    """Nothing of a name runs on before k: a break, a function word or a verb (建设 + 东胜…), not 联盛制药 + 海口…"""
    if k == 0 or text[k - 1] in lx.NAME_AFTER:
        return True
    return _tag(jieba.lcut(text[max(0, k - 6):k])[-1]).startswith("v")


# a project named by its capacity (日处理800吨垃圾焚烧发电项目, 年出栏50万头肉牛养殖和加工基地): the
# figure and its output run on to the suffix, verbs and lists of products included
CAPACITY_NAME = re.compile(rf"(?:{'|'.join(lx.CAPACITY_LEAD)})(?:能力)?(?:约|达|为)?"
                           rf"(?:{lx.CAPACITY_TIMES})?[\d.]+(?:万|亿|千|百)?"  # the figure
                           rf"(?:(?!的)[\u4e00-\u9fff]){{1,3}}?"  # the unit
                           rf"[^，,。；;：:！？!?\n“”\"的、（）()]{{2,20}}?{lx.PROJECT_SUFFIX.pattern}(?:项目)?")


def find_by_capacity(a: Analysis) -> None:
    for m in CAPACITY_NAME.finditer(a.text):
        _add(a, m.start(), m.end(), "Project")


# the renewal of a named part of town (某某片区棚户区改造项目, 城区老旧小区改造工程, 某路老旧小区综合
# 整治项目, 某片区城市更新项目, 某村城中村改造安置房项目): named by the part of town before what is done
RENEWAL = re.compile(r"(?:(?:老旧小区|棚户区|城中村|旧村|旧城)(?:综合)?(?:改造|整治|提升|更新)|城市更新|有机更新)"
                     r"(?:安置房)?(?:[（(]?[一二三四五六七八九十\d]期[）)]?)?(?:工程|项目)")
# the part of town: a quarter, a street, a village, the town centre or one side of it
PART_OF_TOWN = re.compile(r"(?:片区|路|街|村|城区|城[东南西北])$")


def find_renewals(a: Analysis) -> None:
    """Renewals named by a part of town: the words before what is done, up to three, back to a verb or a link."""
    text = a.text
    for m in RENEWAL.finditer(text):
        lo = max(0, m.start() - 10)
        words = posseg.lcut(text[lo:m.start()])
        taken = []
        while words and len(taken) < 3 and (words[-1].flag.startswith(("n", "m", "x", "s", "f", "b"))
                                              and words[-1].word not in lx.STOP_WORDS and lx.CJK.search(words[-1].word)
                                              or not taken):
            taken.insert(0, words.pop().word)  # 开发|梅岭|片区, 和|西二路: what is done, or a link, ends the name
        start = m.start() - len("".join(taken))
        if start and lx.CJK.match(text, start - 1) and text[start - 1] not in lx.STOP_WORDS \
                and (start == 1 or text[start - 2] in "，,。；;：:、\n"):
            start -= 1  # 叠|滘旧村, 勺|湖片区: a name jieba cut, the whole clause's start
        # a place the walk cut into: written in full it stands apart (汪溪街道 + 南山片区), a short form
        # names the part of town (谢家|湾片区 of 谢家湾街道)
        cut = next((p for p in a.by_label("Place") if p.start < start <= p.end <= m.start()), None)
        if cut is not None:
            start = cut.start if cut.text != cut.name else cut.end
        name = text[start:m.start()]
        if PART_OF_TOWN.search(name) or (name and m.group().startswith(("城中村", "旧村"))):  # (某村 + 城中村改造)
            _add(a, start, m.end(), "Project", kind="renewal")


# 随岳、岳常、石华3条高速公路, 甲至乙、丙-丁以及戊扩建3个高速公路项目: names that share the head
# written once after them, with a count. Read back from the count (a pattern for the whole list
# would backtrack without end on a run of 和)
COUNT_HEAD = re.compile(r"([\d一二三四五六七八九十两]+)(?:条|个|座|项|处)"
                        r"(高速公路|高速铁路|铁路|公路|高速|项目|工程|水库|电站|机场|港口|码头|隧道|大桥)")
LINK = re.compile(r"、|以及|及|和|与")
ITEM = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\-—－]{1,11}")
FIRST_ITEM = re.compile(ITEM.pattern + "$")  # the first item: the end of what stands before its link
ROUTE_LINKS = {"至", "到", "-", "—", "－"}
COUNTS = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}


def _count(s: str) -> int:
    return int(s) if s.isdigit() else COUNTS.get(s, -1) if len(s) == 1 else -1


def find_shared_head(a: Analysis, g: gz.Gazetteer) -> None:
    """Each listed name (the count says how many: the words before them are no item) is a
    project: named with the shared head when the text writes it so somewhere (随岳 ->
    随岳高速公路), else as written (寻乌至全南), as names occur in the text."""
    text = a.text
    for m in COUNT_HEAD.finditer(text):
        n = _count(m.group(1))
        lo = max((text.rfind(c, 0, m.start()) for c in "，,。；;：:！？!?\n"), default=-1) + 1
        links = list(LINK.finditer(text, lo, m.start()))
        if n < 2 or len(links) < n - 1:
            continue
        own = links[len(links) - n + 1:]  # the n-1 links between the n items
        ends = [x.start() for x in own[1:]] + [m.start()]
        first = FIRST_ITEM.search(text, links[len(links) - n].end() if len(links) >= n else lo, own[0].start())
        if first is None or any(not ITEM.fullmatch(text, x.end(), y) for x, y in zip(own, ends)):
            continue
        first_start = first_end = own[0].start()
        for k, w in enumerate(reversed(_units(jieba.lcut(text[first.start():first_end])))):
            if k and w not in ROUTE_LINKS and (w in lx.STOP_WORDS or _tag(w).startswith(("v", "p", "d", "c", "u", "r", "t"))):
                break  # the verb that introduces the list (投向, 启动); 至 joins a route's ends
            first_start -= len(w)
        spans = [(first_start, first_end)] + [(x.end(), y) for x, y in zip(own, ends)]
        items = [text[x:y] for x, y in spans]
        if any(len(it) < 2 or not _valid_name(it) or _tag(it).startswith(("v", "d", "r", "p", "c")) for it in items) \
                or any(lx.TITLE.search(it) for it in items):
            continue  # 县委书记甲、县长乙到两个项目: officials who visit, no names of works
        # the last name with the count and the head (石华5条高速公路) is no name of its own
        last = spans[-1]
        a.mentions = [x for x in a.mentions if not (last[0] <= x.start < last[1] and x.end > last[1])]
        head = m.group(2)
        for (x, y), item in zip(spans, items):
            full = item if head in ("项目", "工程") else item + head
            _add(a, x, y, "Project", full if full in text else item, listed=True)
