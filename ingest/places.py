"""Places: gazetteer matches resolved by the article's context, townships, villages (zones: ingest/zones.py)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import jieba

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest import zones
from ingest.analysis import TOWN, VILLAGE, Analysis, _add, _freq, _tag, word_spans


def _common_word(word: str, threshold: int = 2000) -> bool:
    """Frequent dictionary words that are not place names (东方, 老城区…)."""
    return jieba.dt.FREQ.get(word, 0) > threshold and _tag(word) != "ns"


# district names that are common nouns too (the old town, the suburbs, the mining area)
GENERIC_DISTRICT = re.compile(r"(?:[新老旧东西南北]?城区|郊区|矿区)$")
CITY_OR_COUNTY = re.compile(r"^[\u4e00-\u9fff]{2,}[市县旗盟州]$")
# what follows a place inside the name of an event, a landform or an idea (北京奥运会, 四川盆地,
# 大庆精神): the place is part of that name, not a mention of its own
NAMED_AFTER = ("奥运会", "世博会", "世园会", "园博会", "博览会", "亚运会", "运动会", "精神", "盆地", "平原", "模式",
               "经验", "片区")


def _glued(text: str, s: int, e: int, bounds: tuple[set, set] = (set(), set())) -> bool:
    """A short form that is part of another word (84项城建, 长治久安, 金佛山) or name (北京奥运会).
    bounds: where province and prefecture forms start and end; a place beside one (湖南岳阳)
    is no word across them (南岳)."""
    starts, ends = bounds
    if (s > 0 and s not in ends and _freq(text[s - 1:s + 1]) > 50) \
            or (e < len(text) and e not in starts and _freq(text[e - 1:e + 1]) > 50):
        return True
    if text.startswith(NAMED_AFTER, e):
        return True
    if s > 0 and _freq(text[s - 1:e]) > 20 and _tag(text[s - 1:e]) != "ns":
        return True
    return any(_freq(text[s:e + j]) > 20 and _tag(text[s:e + j]) != "ns" for j in (1, 2) if e + j <= len(text))


def _inside_words(a: Analysis) -> dict[int, int]:
    """Offsets inside a word of the text (not where one begins) -> where that word begins."""
    return {k: s for s, e, _ in word_spans(a.words or jieba.lcut(a.text)) for k in range(s + 1, e)}


def _half_of_word(g: gz.Gazetteer, text: str, s: int, inside: dict[int, int]) -> bool:
    """The form at s is the second half of a word (贡山 of 高黎贡山, 兰州 of 昆士兰州), not a
    place after a place the word joins it to (中国台湾)."""
    if s not in inside:
        return False
    before = text[inside[s]:s]
    return not (g.is_place(before) or before in gz.countries())


def find_places(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    raw = []
    for s, e, form in g.scan(text):
        if a.covered(s, e):
            continue
        raw.append((s, e, form, g.at_date(g.forms[form], a.date)))
    # Anchors: unambiguous province/prefecture/county mentions (with their ancestors).
    support: Counter = Counter()
    own: dict[str, Counter] = defaultdict(Counter)  # what each name adds, so it never supports itself
    for n, (s, e, form, cands) in enumerate(raw):
        full = [c for c in cands if c[1] != "weak"]
        if len(full) == 1 and (g.divisions[full[0][0]].level in ("province", "prefecture", "county", "zone")
                               or (full[0][1] == "full" and gz.TOWN_SUFFIX.search(form) and len(form) >= 3)):
            idx = full[0][0]
            if full[0][1] == "short" and (_common_word(form) or g.divisions[idx].level not in ("province", "prefecture")):
                continue
            if len(form) == 2 and g.divisions[idx].level not in ("province", "prefecture"):
                continue  # 和县, 矿区 anchor nothing until the context backs them
            for j in (idx, *g.ancestors(idx)):
                support[j] += 1
                own[form][j] += 1
    fulls_in_article = {form for _, _, form, c in raw if any(k == "full" for _, k in c)}
    upper = [(s, e) for s, e, _, c in raw
             if any(k != "weak" and g.divisions[i].level in ("province", "prefecture") for i, k in c)]
    bounds = ({s for s, _ in upper}, {e for _, e in upper})
    inside_word = _inside_words(a)
    chosen: list[tuple[int, int, str, int, str]] = []
    listed: list[tuple[int, int, str, int, str]] = []  # counties named without their city
    ends: dict[int, set[int]] = defaultdict(set)  # where each scanned form ends: what it may be
    for _, e, _, cands in raw:
        ends[e].update(i for i, _ in cands)
    for n, (s, e, form, cands) in enumerate(raw):
        best, best_score, kind, best_rank = -1, -1.0, "", None
        mine = own.get(form, Counter())
        for idx, k in cands:
            score = sum(support[j] - mine[j] for j in g.ancestors(idx)) + 0.5 * (support[idx] - mine[idx])
            # ties go to the stronger form and the higher level (长沙 is 长沙市 before 长沙镇)
            rank = (score, k != "weak", -g.divisions[idx].rank())
            if best_rank is None or rank > best_rank:
                best, best_score, kind, best_rank = idx, score, k, rank
        # a form that names a city and a county inside it (长沙: 长沙市, 长沙县) is the city's:
        # the county is written with its suffix. Its parent's support would otherwise win it.
        above = [i for i, k in cands if k != "weak" and i in g.ancestors(best)]
        if above:
            best, kind = above[0], next(k for i, k in cands if i == above[0])
        d = g.divisions[best]
        ambiguous = len(cands) > 1
        if kind == "weak":
            full = d.name
            if full not in fulls_in_article:
                continue
        elif kind == "short":
            local = sum(support[j] for j in g.ancestors(best) if g.divisions[j].level != "province")
            # a municipality (重庆市) is its districts' city as well as their province; its
            # support alone admits no short form that is also a common word (南岸, 和平)
            town = sum(support[j] for j in g.ancestors(best)
                       if g.divisions[j].level == "province" and g.divisions[j].name.endswith("市"))
            city = d.level == "county" and d.name.endswith("市") and not ambiguous
            if _glued(text, s, e, bounds) or (s not in bounds[1] and _half_of_word(g, text, s, inside_word)):
                continue  # 84项城建, 高黎贡山 (贡山): the form is half of another word
            after_parent = bool(ends[s] & set(g.ancestors(best)))  # 浙江萧山, 怀化通道
            if d.level in ("county", "zone", "township") and local <= 0 and not city and not after_parent \
                    and (town <= 0 or _common_word(form, 300)):
                if d.level == "county" and best_score > 0 and not _common_word(form, 300):
                    listed.append((s, e, form, best, d.name))  # kept if listed beside its peers
                continue
            if _common_word(form) and (best_score <= 0 or d.level in ("county", "zone") and not after_parent):
                continue  # 通道 (a channel) is 通道县 only written after its city (怀化通道)
            if form in gz.GENERIC_ZONES:
                continue  # resolved below against the article's own zones
        elif d.level == "township":
            # a town's full name stays without the article's support (金川镇党委书记), unless it
            # is cut out of other words (公|开城镇) or short; its county is then left open
            if best_score <= 0 and (len(d.name) < 3 or ambiguous and _glued(text, s, e, bounds)
                                    or _half_of_word(g, text, s, inside_word)):  # (部|分乡镇)
                continue
            if not gz.TOWN_SUFFIX.search(d.name):
                continue
        elif GENERIC_DISTRICT.match(form) and not ends[s] & set(g.ancestors(best)):
            continue  # 老城区, 郊区: words, unless written after their city (西安市新城区)
        elif _common_word(form, 20) and best_score <= 0 and not CITY_OR_COUNTY.search(form):
            continue  # words before they are places (a city's or county's full name is none: 大同市)
        elif len(form) == 2 and best_score <= 0:
            continue  # 和县, 矿区: two-character names need the article's context
        elif best_score <= 0 and d.level == "county" and _half_of_word(g, text, s, inside_word):
            continue  # 汉|江城区|段: a county's full name out of words, the article's places none of its own
        name = d.name
        if kind == "short" and d.level == "county" and e < len(text) and text[e] in "县市区" \
                and form + text[e] != d.name:
            name, e = form + text[e], e + 1  # an old name (旬阳县, now 旬阳市) keeps the article's form
        if ambiguous and best_score <= 0 and d.level in ("county", "zone", "township"):
            best = -2  # name known, parent not: keep the name without a path
        chosen.append((s, e, form, best, name))
    chosen += _listed_peers(text, g, chosen, listed)
    for s, e, form, idx, name in chosen:
        men = _add(a, s, e, "Place", name)
        if men:
            men.place = idx
    _home(a, g)
    find_towns(a, g)
    find_villages(a, g)
    zones.find_zones(a, g)


def _listed_peers(text: str, g: gz.Gazetteer, chosen, listed) -> list:
    """Counties named without their city but listed (、) beside a place of their province that
    was kept (途经同安、安溪、永春、德化): the list is their context."""
    def province(idx: int) -> int | None:
        return next((j for j in [idx, *g.ancestors(idx)] if g.divisions[j].level == "province"), None)

    kept, out, grew = list(chosen), [], True
    while grew:
        grew = False
        for c in listed:
            s, e, _, idx, _ = c
            if c not in out and any(k[3] >= 0 and province(k[3]) == province(idx) and (
                    (k[1] + 1 == s and text[k[1]] == "、") or (e + 1 == k[0] and text[e] == "、")) for k in kept):
                out.append(c)
                kept.append(c)
                grew = True
    return out


MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def _home(a: Analysis, g: gz.Gazetteer) -> None:
    """The article's home division at each level: the most mentioned one."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for m in a.by_label("Place"):
        if m.place < 0:
            continue
        for j in [m.place, *g.ancestors(m.place)]:
            counts[g.divisions[j].level][j] += 1 if j != m.place else 2
    for level, c in counts.items():
        (idx, n), *rest = c.most_common(2) + [(None, 0)]
        if idx is not None and (not rest or rest[0][1] < n):
            a.home[level] = idx
    # a municipality's 市长 and 市委 are the province's own (重庆市副市长)
    prov = a.home.get("province")
    if "prefecture" not in a.home and prov is not None and g.divisions[prov].name in MUNICIPALITIES:
        a.home["prefecture"] = prov


# a village named by its own bodies (莲湖村党支部书记, 上桥村村委会): a village whatever the gazetteer knows
VILLAGE_BODY = re.compile(rf"(?<=村)(?:{lx.VILLAGE_BODIES}|两委)")


def _villages_by_body(a: Analysis) -> None:
    for m in VILLAGE_BODY.finditer(a.text):
        end = m.start()
        words = jieba.lcut(a.text[max(0, end - 4):end - 1])
        name = words[-1] if words else ""
        if len(name) == 1 and len(words) > 1 and len(words[-2]) == 1 and lx.CJK.match(words[-2]):
            name = words[-2] + name  # 上|桥 + 村
        if not (2 <= len(name) <= 3) or not lx.CJK.fullmatch(name[0]) or _tag(name).startswith(("v", "p", "d", "r", "m")):
            continue
        start = end - len(name) - 1
        # the body read whole (东风村党支部): the village is the place its posts belong to
        a.mentions = [x for x in a.mentions if not (x.label == "Organization" and x.start <= start and x.end == m.end())]
        if a.covered(start, end, ("Company", "Organization", "Project", "Place")):
            continue
        men = _add(a, start, end, "Place", name + "村")
        if men:
            men.place = VILLAGE


# a township's kind (某县 + 乃琼 + 镇); 乡 and 镇 that open a word (乡村, 镇江) are none
TOWN_SUFFIX = re.compile(r"镇(?![江压痛静守])|乡(?![村镇亲土愁间下])|街道(?!办)")


def find_towns(a: Analysis, g: gz.Gazetteer) -> None:
    """Townships the gazetteer lacks, written right after their county (抚远市抓吉镇), after a word that
    places (在乃琼镇, 位于古荣乡) or in a list of them: a name that is one rare word, not a kind (全乡,
    城乡) or a common word (美丽乡村)."""
    text = a.text
    counties = {p.end: p.place for p in a.by_label("Place") if p.place >= 0 and g.divisions[p.place].level == "county"}
    for m in TOWN_SUFFIX.finditer(text):
        for s in (m.start() - 2, m.start() - 3):
            name = text[max(0, s):m.start()]
            if s < 0 or any(p.start < m.end() and s < p.end for p in a.by_label("Place")):
                break  # a known place ends there (马桥 of 马桥镇)
            if s not in counties and not TOWN_LEAD.search(text, max(0, s - 2), s):
                continue
            if jieba.lcut(name) != [name] or _freq(name) >= 1000 or _tag(name).startswith(("v", "a", "d", "r", "m", "t")) \
                    or name[0] in NOT_TOWN_START or name[-1] in "等乡镇":
                continue
            men = _add(a, s, m.end(), "Place", text[s:m.end()])
            if men:
                men.place = TOWN
                men.extra["parent"] = counties.get(s, -1)
            break


# what stands before a township's bare name: a word that places, or a list
TOWN_LEAD = re.compile(r"(?:在|于|到|赴|选址|落户|、|，|,)$")
NOT_TOWN_START = set("全各每本该此从对以时向在于等和与及把被将为了的")  # a kind, or a word before the name


def find_villages(a: Analysis, g: gz.Gazetteer) -> None:
    _villages_by_body(a)
    towns = {m.place for m in a.by_label("Place") if m.place >= 0 and g.divisions[m.place].level == "township"}
    if not towns:
        return
    names = {}
    for t in towns:
        for v in g.villages.get(t, ()):
            names.setdefault(v, t)
    for m in re.finditer(r"[\u4e00-\u9fff]{1,6}?(?:村|社区)", a.text):
        # try every start so 大庙街道孤山村 finds 孤山村
        for s in range(m.start(), m.end() - 1):
            name = a.text[s:m.end()]
            if name in names and not a.covered(s, m.end(), ("Company", "Organization", "Project", "Place")):
                men = _add(a, s, m.end(), "Place", name)
                if men:
                    men.place = VILLAGE
                    men.extra["parent"] = names[name]
                break
