"""Project names as news writes them around the tagger's span: a phase written after the name
(某基地 + 三期) is part of it; quotation marks (“南隧北桥”工程) are how it is written, not its name;
a hospital's or a school's new campus is named with the institution (某县人民医院 + 新院区建设项目)."""
from __future__ import annotations

import re

from jieba import posseg

from ingest import gazetteer as gz
from ingest.analysis import Analysis, Mention, _freq
from ingest.lexicon import CAPACITY_LEAD

# a phase written after a project's name is part of it (某基地 + 三期, 某园 + 二期工程): another project
PHASE = re.compile(r"[一二三四五六七八九十\d]期(?:扩建|续建)?(?:工程|项目)?")
# the first phase after a name that ends with its kind (甲项目 + 一期, 乙产业基地 + 一期工程)
KIND_END = re.compile(r"(?:项目|基地|产业园|园|工程|生产线|中心|工厂)$")
FIRST_PHASE = re.compile(r"一期(?:工程)?$")  # (某产业园一期项目: a project of its own name)
# a quoted name (“南隧北桥”工程, "三横两纵"项目): the marks go from the name, the written form stays an alias
QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")


# an institution whose works news names after it: a new campus, a move, a new building
INSTITUTIONS = r"(?:医院|卫生院|保健院|中学|小学|学校|学院|大学|幼儿园)"
INSTITUTION = re.compile(rf"{INSTITUTIONS}$")
CAMPUS = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:新院区|院区|新校区|校区|分院)(?:建设|扩建|新建)?(?:项目|工程)?|"
                    r"(?:迁建|改扩建|扩建|新建|整体搬迁)(?:项目|工程)|"
                    r"(?:门急诊|住院|医技|教学|综合|科研)[\u4e00-\u9fff]{0,4}?楼(?:项目|工程)?")

CAMPUS_OF = re.compile(rf"(?P<institution>[\u4e00-\u9fff]{{2,12}}?{INSTITUTIONS})(?:{CAMPUS.pattern})")


def shape_projects(a: Analysis) -> None:
    """Every project mention takes the phase written after it and loses its quotation marks."""
    _campuses(a)
    _with_phase(a)
    _place_led(a)
    _works_on_route(a)
    for m in a.mentions:
        if m.label == "Project":
            m.name = unquoted(m.name)


def unquoted(name: str) -> str:
    """甲“乙”工程 -> 甲乙工程; a name with an unpaired mark stays as it is."""
    bare = QUOTED.sub(lambda q: q.group(1) or q.group(2), name)
    return name if re.search(r"[“”\"]", bare) or len(bare) < 2 else bare


def _with_phase(a: Analysis) -> None:
    """A project name followed at once by its phase takes it (甲乙生产基地三期); the first phase of a
    name that ends with its kind is that project itself (甲项目一期建成投产, 乙产业园一期工程竣工)."""
    starts = {m.start for m in a.mentions}
    for m in a.mentions:
        if m.label != "Project":
            continue
        first = FIRST_PHASE.search(m.text)
        if first and m.name == m.text and first.start() >= 4 and KIND_END.search(m.text, 0, first.start()):
            m.end -= len(first.group())
            m.name = m.text = m.text[:first.start()]
            continue
        ph = PHASE.match(a.text, m.end)
        first = ph and ph.group().startswith("一期") and not ph.group().endswith("项目")
        if ph and not any(m.end <= k < ph.end() for k in starts) and not (first and KIND_END.search(m.name)):
            m.end = ph.end()
            m.name, m.text = m.name + ph.group(), m.text + ph.group()


def _campuses(a: Analysis) -> None:
    """An institution followed at once by its new campus or building (县人民医院新院区建设项目,
    某中学新校区, 某医院迁建项目) is a project of that whole name, beside the institution (named
    too when the tagger read the whole as a project); a project span the tagger cut inside it
    (院区建设项目…) goes."""
    added, institutions = [], []
    orgs = {m.start for m in a.mentions if m.label == "Organization"}
    for m in a.mentions:
        works = CAMPUS.match(a.text, m.end) if m.label == "Organization" and INSTITUTION.search(m.name) else None
        if works:
            end = works.end()
            added.append(Mention(m.start, end, "Project", a.text[m.start:end], a.text[m.start:end],
                                 extra={"confidence": m.extra.get("confidence", 0.8)}))
        named = CAMPUS_OF.fullmatch(m.text) if m.label == "Project" and m.start not in orgs else None
        if named:  # 甲县人民医院新院区项目 tagged whole: the hospital is named too
            k = m.start + len(named["institution"])
            institutions.append(Mention(m.start, k, "Organization", named["institution"], named["institution"],
                                        extra={"confidence": m.extra.get("confidence", 0.8)}))
    a.mentions = sorted(a.mentions + institutions, key=lambda x: x.start)
    if added:
        a.mentions = sorted([x for x in a.mentions if not (x.label == "Project" and any(
            x.start < n.end and n.start < x.end for n in added))] + added, key=lambda x: x.start)


# a feature of a county named by its own proper name: a reservoir, river, mountain, valley, road or
# bridge (瓦洛水库, 黑水河, 定军山, 富源路), or a route from one of its places (西江至郎德)
FEATURE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?:水库|河|江|湖|山|沟|谷|峡|岛|湾|路|大道|大桥|特大桥|至)")
# what the county's own works are named by (县城…, 县第三中学, 县人民医院, 县中心…): the county stays
COUNTY_WORKS = ("城", "县", "第", "人民", "中心", "新", "老", "至")
PROPER = ("ns", "nr", "nrt", "nz")


def _place_led(a: Analysis) -> None:
    """A county's full name before a project named after a feature of it (某县 + 瓦洛水库工程, 某县 +
    西江至郎德旅游公路), or a town's before one named by its size (某镇 + 200兆瓦光伏发电基地), says
    where the project is: it is a place of its own, not part of the name."""
    g = gz.load()
    for m in [m for m in a.mentions if m.label == "Project" and m.name == m.text]:
        for k in range(min(len(m.text) - 4, 9), 2, -1):
            cands = [i for i, kind in g.forms.get(m.text[:k], ()) if kind == "full"
                     and g.divisions[i].level in ("county", "township")]
            if len(cands) > 1:
                cands = [i for i in cands if set(a.home.values()) & set(g.ancestors(i))] or cands
            if cands:
                break
        else:
            continue
        rest = m.text[k:]
        if g.divisions[cands[0]].level == "county":
            if len(cands) != 1 or rest.startswith(COUNTY_WORKS) or not _named_feature(rest):
                continue
        elif not SIZED.match(rest):
            continue
        place = cands[0] if len(cands) == 1 else -2  # (a town of that name in a county the text does not say)
        a.mentions.append(Mention(m.start, m.start + k, "Place", g.divisions[cands[0]].name, m.text[:k], place=place))
        m.start += k
        m.name = m.text = rest
    a.mentions.sort(key=lambda x: x.start)


# a project named by its size: a figure or a capacity first (200兆瓦…, 年产5万吨…, 2000亩…)
SIZED = re.compile(rf"\d|[一二三四五六七八九十百千万]+亩|{'|'.join(CAPACITY_LEAD)}")


def _named_feature(rest: str) -> bool:
    """rest starts with a proper name (瓦洛|水库, 黑水河, 西湾子|至…), not a kind of works (高速公路, 旅游|公路)."""
    words = posseg.lcut(rest)
    if words[0].flag in PROPER:
        return True
    feature = FEATURE.match(rest)
    if feature is None:
        return False
    # the name ends where a word does, before the kind (者纳 + 水库), never inside one (高速|公路)
    k = len(feature["name"])
    ends = {sum(len(w.word) for w in words[:j]) for j in range(1, len(words) + 1)}
    return k in ends and _freq(rest[:k]) < 5000  # (工业|大道: a common word names nothing)


# a tunnel or a bridge on a road (某至某高速公路 + 控制性工程 + —— + 某某山隧道 + 左线): a project of its own
ROUTE_WORKS = re.compile(r"(?P<route>.*?(?:高速公路|公路|铁路|高速|快速通道|通道))?(?:[^，。]*?控制性工程)?[—-]*"
                         r"(?P<works>[\u4e00-\u9fff]{2,8}?(?:隧道|特大桥|大桥))(?:[左右双]线|[左右双]幅)?")


def _works_on_route(a: Analysis) -> None:
    """A tunnel or a bridge named after the road it is on, or after what it is to the road (控制性工程),
    is named alone; the road, when it runs between two places (甲至乙高速公路), is a project of its own."""
    for m in [m for m in a.mentions if m.label == "Project" and m.name == m.text]:
        parts = ROUTE_WORKS.fullmatch(m.text)
        if parts is None or parts.span("works") == (0, len(m.text)):
            continue
        route = parts.group("route") or ""
        works = parts.group("works")
        start = m.start + parts.start("works")
        if "至" in route and parts.start("route") == 0 and len(route) >= 6:
            a.mentions.append(Mention(m.start, m.start + len(route), "Project", route, route,
                                      extra={"confidence": m.extra.get("confidence", 0.8)}))
        m.start, m.end = start, start + len(works)
        m.name = m.text = works
    a.mentions.sort(key=lambda x: x.start)


def short_place_names(a: Analysis) -> None:
    """A place's short form glued before a project's name (南溪 + 食品精深加工园, 玉门 + 抽水蓄能电站) is
    part of the name, as news names the project; written in full (南溪区 + …), the place stands apart.
    Run after the pair model, which reads the names as the tagger cut them."""
    g = gz.load()
    before = {p.end: p for p in a.by_label("Place") if names_by_short_form(a, g, p)}
    for m in [m for m in a.mentions if m.label == "Project" and m.name == m.text and m.start in before]:
        m.name = before[m.start].text + m.name  # (the place stays a mention of its own: it hosts the project)


def names_by_short_form(a: Analysis, g: gz.Gazetteer, p: Mention) -> bool:
    """The place is written in a short form that names what follows it (玉门 + 抽水蓄能电站): not in
    full (玉门市 + …), not a province (四川 + …), not after another place (江苏 + 南京 + …): those say where."""
    return p.text != p.name and any(kind == "short" for _, kind in g.forms.get(p.text, ())) \
        and not (p.place >= 0 and g.divisions[p.place].level == "province") and a.place_run_start(p.start) == p.start
