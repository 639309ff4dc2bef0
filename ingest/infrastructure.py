"""Infrastructure names the suffix rule misses: routes between two places (大营至神池高速公路,
长治-临汾 in a list of highways), numbered roads (204国道改线工程, 省道394, G312), and named
lines, mines, tunnels and bridges (随岳高速公路, 豹子沟煤矿)."""
from __future__ import annotations

import re

from ingest import gazetteer as gz
from ingest import lexicon as lx
import jieba

from ingest.projects import find_shared_head
from ingest.analysis import NAME_VERBS, SINGLE_STOP, Analysis, _add, _freq, _tag, after_builder, _units, walk_left

MODES = ("高速公路|高速铁路|城际铁路|客运专线|铁路|高铁|高速|一级公路|二级公路|公路|快速路|快速通道|轨道交通|城际|"
         "输电工程|输变电工程|输电线路|输气管道|管道|运河|航道")
NAMED = ("高速公路|高速铁路|城际铁路|客运专线|铁路|高铁|高速|一级公路|大桥|特大桥|隧道|机场|煤矿|铁矿|金矿|铜矿|"
         "矿山|水库|水电站|电站|电厂|风电场|光伏电站|枢纽立交|立交|港区|码头|船闸")
# what may follow a line's name and still belong to it: a section (in brackets too), a new or second line, works
# (a reservoir's 除险加固, a plant's 增效扩容 only before 工程 or 项目)
EXTRA = re.compile(r"(?:[\u4e00-\u9fff\d]{2,10}?至[\u4e00-\u9fff\d]{2,10}?段|[\u4e00-\u9fff]{2,6}段|[(（][\u4e00-\u9fff]{2,8}段[)）])?"
                   r"(?:新线|二线|复线|迂回线|支线|连接线|接线)?"
                   r"(?:(?:增效扩容|扩容提升|改造提升|提升改造|提标改造|扩能改造|升级改造|除险加固|深部开采|技术改造|技改|扩能|扩容|加固|提升)"
                   r"(?=工程|项目)|"
                   r"改扩建|扩建|改建|拓宽|改线|改造)?(?:工程|项目(?!部))?")
ROUTE_LINK = re.compile(r"至|—|－|-|~")
NUMBERED = re.compile(r"(?<![\dA-Za-z])(?:[GS]\d{1,4}|\d{3}(?:国道|省道)|(?:国道|省道)\d{2,4}线?)")
NAMED_RE = re.compile(NAMED)
# a power line's voltage and kind between its far end and its head (皖南±1100千伏特高压直流输电工程)
VOLTAGE = r"(?:±?\d{3,4}(?:千伏|kV|KV))?(?:特高压)?(?:直流|交流)?"
MODE_AFTER = re.compile(rf"([\u4e00-\u9fff]{{2,6}}?){VOLTAGE}(?:{MODES})")
LINE_CONTEXT = re.compile(MODES)
# a line named by the first characters of its ends, each completed in brackets (黔（江）张（家界）常（德）铁路,
# 大(理)瑞(丽)铁路, 三(江)万(盛)南(川)改造项目): news writes railways so; the name is the characters outside
ABBREVIATED = re.compile(rf"(?:[\u4e00-\u9fff][(（][\u4e00-\u9fff]{{1,3}}[)）]){{2,}}(?=(?:{MODES}|线|改造|改扩建|扩建|项目|工程))")


def _placey(g: gz.Gazetteer, s: str, town: bool = False) -> bool:
    """A route end: a place name, or a place name followed or preceded by a local name (town: a
    township's short name too, 西湾子 of 西湾子至太子城公路)."""
    return any(g.is_place(f) for f in {s, s[:2], s[:3], s[-2:], s[-3:]}) or _end_place(g, s, town)


def _end_place(g: gz.Gazetteer, form: str, town: bool) -> bool:
    """A place's name, or (town) a township's short name that is no common word (西湾子, not 西南)."""
    return g.is_place(form) or (town and form in g.forms and _freq(form) < 100)


def _after_places(g: gz.Gazetteer, text: str, start: int, end: int) -> int:
    """Leading place names are context, not part of the name (蒲县豹子沟煤矿)."""
    for k in range(min(6, end - start - 2), 1, -1):
        if g.is_place(text[start:start + k]):
            return start + k
    return start


def _end(text: str, pos: int) -> int:
    m = EXTRA.match(text, pos)
    return m.end() if m else pos


LEAD = re.compile(r"(?:\d{4}年|[\d一二三四五六七八九十几多]+条|全程|全线)+")


def _name_start(g: gz.Gazetteer, text: str, start: int, end: int) -> int | None:
    """Where the name starts: after years, counts and leading verbs or prepositions
    (起于映汶高速 -> 映汶高速); None when what is left is no name (武汉至上海的铁路)."""
    m = LEAD.match(text, start, end)
    if m:
        start = m.end()
    pos, cut = start, start
    for w in _units(jieba.lcut(text[start:end])):  # after the last verb or function word
        pos += len(w)
        if not g.is_place(w) and w not in NAME_VERBS and (
                w in SINGLE_STOP or _tag(w).startswith(("v", "p", "d", "c", "r", "u"))):
            cut = pos
    # a place the cut falls inside is the name's first word (都|安 of 都安至巴马公路)
    start = next((start for k in (4, 3, 2) if start < cut <= start + k and g.is_place(text[start:start + k])), cut)
    if end - start < 2 or "的" in text[start:end]:
        return None
    return start


def _generic(core: str) -> bool:
    """Nothing in it names a line or site (全省, 这条, 新建, 农村)."""
    if core[0] in "这那该此其各全本每某" or not lx.CJK.fullmatch(core[-1]):
        return True
    words = _units(jieba.lcut(core))
    return all(w in lx.PROJECT_GENERIC or _tag(w).startswith(("v", "a", "d", "r", "p", "m", "q", "c", "u", "f", "t"))
               for w in words)


def find_infrastructure(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in ROUTE_LINK.finditer(text):
        start = walk_left(text, m.start(), limit=8, keep_adj=False)
        # an end jieba reads as a word of another kind (大同: an adverb, 安化: a verb), or cuts (都|安至巴马)
        start = min(start, next((m.start() - k for k in (4, 3, 2) if k <= m.start()
                                 and _end_place(g, text[m.start() - k:m.start()], m.group() == "至")), start))
        left = text[start:m.start()]
        if not 2 <= len(left) <= 8 or not lx.CJK.fullmatch(left[-1]):
            continue
        right = MODE_AFTER.match(text, m.end())
        if right and not any(c in lx.PUNCT for c in right.group(0)):
            core = right.group(1)
            start = _name_start(g, text, start, m.start())
            power = "输" in right.group(0)[len(core):]  # a power line's ends are often regions (准东, 皖南)
            if start is None or not (power or _placey(g, text[start:m.start()], m.group() == "至") or _placey(g, core)):
                continue
            _add(a, start, _end(text, right.end()), "Project", kind="route")
            continue
        # 长治-临汾: two places joined by a dash, in a sentence about highways or railways
        if m.group(0) == "至":
            continue
        s, e = a.sents[a.sent_of(m.start())]
        pm = re.match(r"[\u4e00-\u9fff]{2,4}?(?=[、，,。；及和等\s]|拓宽|扩建|改建|$)", text[m.end():e])
        if pm and LINE_CONTEXT.search(text[s:e]) and g.is_place(left[-2:]) and g.is_place(pm.group(0)):
            _add(a, m.start() - 2 if len(left) > 2 else start, _end(text, m.end() + pm.end()), "Project", kind="route")
    for m in ABBREVIATED.finditer(text):
        head = re.match(rf"(?:{MODES}|线)?", text[m.end():]).group()
        end = m.end() + len(head)
        end = end if re.search(r"[和及与、]", text[end:_end(text, end)]) else _end(text, end)
        if end > m.end():
            _add(a, m.start(), end, "Project", re.sub(r"[(（][^)）]*[)）]", "", text[m.start():end]), kind="route")
    for m in NUMBERED.finditer(text):
        _add(a, m.start(), _end(text, m.end()), "Project", kind="numbered")
    for m in NAMED_RE.finditer(text):
        if any(x.start <= m.start() < x.end for x in a.mentions if x.label in ("Company", "Organization")):
            continue  # 隧道 in 中铁隧道局: a builder's name
        start = walk_left(text, m.start(), limit=8, keep_adj=False)
        start = _name_start(g, text, _after_places(g, text, start, m.start()), m.start())
        if start is None:
            continue
        start = after_builder(a, start, m.start())
        if _generic(text[start:m.start()]):
            continue
        _add(a, start, _end(text, m.end()), "Project", kind="named")
    find_shared_head(a, g)
