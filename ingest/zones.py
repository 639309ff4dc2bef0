"""Functional zones: a place and a zone suffix (吴江经济技术开发区), a bare proper name before one
(李渡工业园区), a city's short name written before a zone (天津宝坻经济开发区), and 开发区 alone
meaning the article's own zone."""
from __future__ import annotations

import re

from jieba import posseg

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import ZONE, Analysis, Mention, _add, _freq

ZONE_VERB = re.compile(r"建设|新建|打造|规划|设立|成立|建立")
SAID_AS = ("v", "p", "d", "c")  # a verb, a preposition, an adverb or a conjunction opens no zone's name


def find_zones(a: Analysis, g: gz.Gazetteer) -> None:
    """All of them, in order: each reads the places the ones before it found."""
    find_place_zones(a, g)
    find_town_zones(a, g)
    find_site_zones(a)
    find_named_zones(a)
    join_short_prefixes(a, g)
    resolve_generic_zones(a, g)


def find_place_zones(a: Analysis, g: gz.Gazetteer) -> None:
    """Functional zones the gazetteer lacks: a place name + modifiers + a zone suffix."""
    text = a.text
    places = sorted(a.by_label("Place"), key=lambda m: m.start)
    for m in lx.ZONE_NAME_SUFFIX.finditer(text):
        end = m.end()
        if any(p.start < end and m.start() < p.end and p.end >= end for p in places):
            continue  # already a known division
        # the nearest place mention that ends within 8 characters before the suffix
        prev = [p for p in places if p.end <= m.start() and m.start() - p.end <= 8]
        if not prev:
            continue
        p = prev[-1]
        mid = text[p.end:m.start()]
        # 在浦东建设新港区: a place and what is built there; 鲅鱼圈区区长某某介绍了开发区: a post and its holder
        if any(c in lx.PUNCT for c in mid) or any(w in mid for w in ("的", "和", "与", "及", "在", "是", "了")) \
                or ZONE_VERB.search(mid) or lx.TITLE.search(mid) or mid and posseg.lcut(mid)[0].flag in SAID_AS:
            continue  # (长春新区 + 作为国家级新区: what the place is, not a zone's name)
        if g.divisions[p.place].level in ("township", "village") if p.place >= 0 else False:
            continue
        known = _known_zone(g, p, mid + m.group())
        if known is not None:  # 天津市经济技术开发区: the zone 天津经济技术开发区, its city written in full
            a.mentions = [x for x in a.mentions if x is not p]
            men = _add(a, p.start, end, "Place", g.divisions[known].name)
            if men:
                men.place = known
            places = sorted(a.by_label("Place"), key=lambda m: m.start)
            continue
        parent, start = p.place, p.start
        if p.place >= 0 and g.divisions[p.place].level == "county" and p.text == g.divisions[p.place].name \
                and _township_of(g, mid, {g.divisions[p.place].short}) is not None:
            start = p.end  # 准格尔旗 + 大路工业园区: a county written in full stands apart from its town's zone
        elif mid and (p.place == ZONE or p.place >= 0 and g.divisions[p.place].level == "zone"):
            start = p.end  # 西宁经济技术开发区 + 南川工业园区: a zone inside a zone is named alone
            parent = p.extra.get("parent", -1) if p.place == ZONE else p.place
        else:
            a.mentions = [x for x in a.mentions if x is not p]
        name = text[start:end]
        men = _add(a, start, end, "Place", name)
        if men:
            men.place = ZONE
            men.extra["parent"] = parent
        places = sorted(a.by_label("Place"), key=lambda m: m.start)


def _township_of(g: gz.Gazetteer, form: str, counties) -> int | None:
    """The township named by form in one of the counties given by short name (by short name: the
    article's 神木县 is the gazetteer's 神木市 before 2017)."""
    return next((i for i, _ in g.forms.get(form, ()) if g.divisions[i].level == "township"
                 and g.divisions[g.divisions[i].parent].short in counties), None)


# what stands before a zone named after its township: a break, a word that places, or a list
TOWN_ZONE_LEAD = re.compile(r"(?:在|于|到|赴|落户|入驻|进驻|位于|、|，|,|和|及|与|。|\n)$")


def find_town_zones(a: Analysis, g: gz.Gazetteer) -> None:
    """A zone named after a township of a county the article names (神木 + 锦界工业园区, 准格尔旗 + 大路工业园区):
    the township's short name before the suffix, after a break, a word that places or a list."""
    text = a.text
    places = a.by_label("Place")
    named = {g.divisions[j].short: j for m in places if m.place >= 0 for j in (m.place, *g.ancestors(m.place))}
    for m in lx.ZONE_NAME_SUFFIX.finditer(text):
        for k in (3, 2):
            s = m.start() - k
            if s < 0 or any(x.start < m.end() and s < x.end and not (x.start == s and x.end == m.start())
                            for x in a.mentions):
                continue
            town = _township_of(g, text[s:m.start()], named)
            before = any(x.label == "Place" and x.end == s for x in places)
            if town is None or not (before or s == 0 or TOWN_ZONE_LEAD.search(text, max(0, s - 2), s)):
                continue
            a.mentions = [x for x in a.mentions if not (x.start == s and x.end == m.start())]
            men = _add(a, s, m.end(), "Place", text[s:m.end()])
            if men:
                men.place = ZONE
                # (the county the article names: the town is no mention of its own)
                men.extra["parent"] = named[g.divisions[g.divisions[town].parent].short]
            break


def find_named_zones(a: Analysis) -> None:
    """Zones named by a proper noun alone after a break (在李渡工业园区, ，白涛化工园区): the name is
    a word jieba reads as a person's, a place's or another proper name; a trade (新材料产业园区) is none."""
    text = a.text
    for m in lx.ZONE_NAME_SUFFIX.finditer(text):
        words = posseg.lcut(text[max(0, m.start() - 6):m.start()])
        name = []
        while words and words[-1].flag in NAME_TAGS and sum(map(len, name)) + len(words[-1].word) <= 4:
            name.insert(0, words.pop().word)
        start = m.start() - sum(map(len, name))
        landform = LANDFORM_NAME.search(text, max(0, m.start() - 4), m.start()) if not name else None
        if landform and _freq(landform.group()) < 100:  # 芨芨湖, 五彩|湾, 仙人|岛: a place named by its land
            start, name = landform.start(), [landform.group()]
            words = posseg.lcut(text[max(0, start - 4):start])
        if not name or sum(map(len, name)) < 2 or (words and not (words[-1].word[0] in lx.PUNCT
                                                                  or words[-1].flag.startswith(("v", "p", "c", "u")))):
            continue
        kinds = [x for x in a.by_label("Place") if start <= x.start and x.end <= m.end() and gz.ZONE_KIND.fullmatch(x.name)]
        if any(x.start < m.end() and start < x.end for x in a.by_label("Place") if x not in kinds):
            continue
        a.mentions = [x for x in a.mentions if x not in kinds]  # 化工园区 of 白涛化工园区: a kind, inside the name
        men = _add(a, start, m.end(), "Place", text[start:m.end()])
        if men:
            men.place = ZONE


# suffixes only ground carries (a park of one trade is often a project: 物流园, 产业园)
GROUND_SUFFIX = re.compile(r"(?:工业园区|产业园区|化工园区|工业区|化工区|经济区|工业园)(?![\u4e00-\u9fff]{0,2}项目)")
# a word that places what follows (落户, 在, 位于), a clause break, or a list before it
SITE_LEAD = re.compile(r"(?:在|落户|入驻|进驻|位于|于|、|，|。|；|\n)")
# what a zone's own name leaves out: function words, words of number, kind and degree (各, 全, 多个, 重点)
NOT_IN_NAME = set("的和与及在是了将把对从为等各全该本这那个多几些其每均")
# the word classes that open no zone's own name: a modifier (省级, 重点), a number, a time, a verb
MODIFIER_TAGS = ("a", "ad", "b", "d", "m", "q", "r", "p", "c", "u", "f", "t", "v")
BUILT_BY = re.compile(r"共建|合建|援建")  # 两地共建产业园区: who builds a park, not its name


def find_site_zones(a: Analysis) -> None:
    """A zone with a name of its own the gazetteer lacks, placed or opening a clause (在金山第二工业区,
    落户南大港产业园区, ，天津京滨工业园内): two to eight characters between the lead and a suffix only ground
    carries, no function word or word of number among them and not opened by a modifier (重点, 省级)."""
    text = a.text
    for m in GROUND_SUFFIX.finditer(text):
        if any(x.start < m.end() and m.start() < x.end and x.label == "Place" for x in a.mentions):
            continue
        leads = list(SITE_LEAD.finditer(text, max(0, m.start() - 9), m.start()))
        start = leads[-1].end() if leads else (0 if m.start() <= 8 else -1)
        within = list(lx.ZONE_NAME_SUFFIX.finditer(text, max(start, 0), m.start()))
        start = within[-1].end() if within and start >= 0 else start  # 高新区 + 希望工业园区: a zone inside a zone
        name = text[start:m.start()] if start >= 0 else ""
        if not 2 <= len(name) <= 8 or not all("\u4e00" <= c <= "\u9fff" and c not in NOT_IN_NAME for c in name) \
                or any(w.search(name) for w in (ZONE_VERB, BUILT_BY, lx.TITLE)) \
                or posseg.lcut(name)[0].flag in MODIFIER_TAGS:
            continue
        inside = [x for x in a.mentions if start <= x.start and x.end <= m.end()]
        if any(x.start < m.end() and start < x.end and x not in inside for x in a.mentions) \
                or any(x.label in ("Official", "Company", "Organization") for x in inside):
            continue
        parent = next((x.place for x in inside if x.label == "Place" and x.start == start and x.place >= 0), -1)
        a.mentions = [x for x in a.mentions if x not in inside]
        men = _add(a, start, m.end(), "Place", text[start:m.end()])
        if men:
            men.place = ZONE
            men.extra["parent"] = parent


def join_short_prefixes(a: Analysis, g: gz.Gazetteer) -> None:
    """A province's or a city's short name written right before a zone is part of the zone's name
    (天津宝坻经济开发区, 上海松江经济技术开发区); written in full (重庆市万盛经济技术开发区), it is not."""
    for z in sorted(a.by_label("Place"), key=lambda m: m.start):
        if not ((z.place >= 0 and g.divisions[z.place].level == "zone") or z.place == ZONE):
            continue
        p = next((x for x in a.by_label("Place") if x.end == z.start and x.place >= 0), None)
        if p is None or g.divisions[p.place].level not in ("province", "prefecture") \
                or a.text[p.start:p.end] != g.divisions[p.place].short:
            continue
        a.mentions.remove(p)
        z.start, z.name = p.start, a.text[p.start:z.end]
        z.text = z.name
        if z.place >= 0 and p.place not in g.ancestors(z.place):
            z.place = ZONE  # 长春 + 空港经济开发区: not the known zone of that name elsewhere
        parent = z.extra.get("parent")
        if z.place == ZONE and not (parent is not None and parent >= 0 and p.place in (parent, *g.ancestors(parent))):
            z.extra["parent"] = p.place  # 上海 + 杭州湾经济技术开发区: 上海's zone, not 杭州's


# the words a zone's bare name is made of (what jieba tags a person's, a place's or another proper name);
# a break, a verb, a preposition, a conjunction or 的 stands before it
NAME_TAGS = {"nr", "ns", "nz", "nrt", "nrfg"}
# or two to four characters ending in a word for land or water (湖, 湾, 岛, 山, 港…), no function word among them
LANDFORM_NAME = re.compile(r"(?:(?![的在和与及了是为将从对])[\u4e00-\u9fff]){1,3}[湖湾岛山河港滩沟岭坪洲峡泉塘坝]$")


def _known_zone(g: gz.Gazetteer, p, rest: str) -> int | None:
    """The known zone a place's short name and the rest of the written name form (天津 + 经济技术开发区)."""
    short = g.divisions[p.place].short if p.place >= 0 else ""
    found = [i for i, kind in g.forms.get(short + rest, ()) if kind == "full"] if len(short) >= 2 else []
    return min(found, key=lambda i: g.divisions[i].level != "zone") if found else None


def resolve_generic_zones(a: Analysis, g: gz.Gazetteer) -> None:
    """经开区/开发区/高新区 alone mean the article's own zone of that kind."""
    zones = [m for m in a.by_label("Place")
             if (m.place >= 0 and g.divisions[m.place].level == "zone") or m.place == ZONE]
    for m in a.by_label("Place"):
        if m.place >= 0:
            for j in g.ancestors(m.place):
                if g.divisions[j].level == "zone":
                    zones.append(Mention(-1, -1, "Place", g.divisions[j].name, g.divisions[j].name, place=j))
    if not zones:
        return
    _one_name(a, zones)
    _bare_tails(a, g, zones)
    pat = re.compile("|".join(sorted(gz.GENERIC_ZONES, key=len, reverse=True)))
    for m in pat.finditer(a.text):
        if any(x.start <= m.start() and m.end() <= x.end for x in a.mentions):
            continue
        # 高新区 after a place name is a zone of that place, handled by find_zones
        wants = gz.GENERIC_ZONES[m.group(0)]
        cands = {z.name: z for z in zones if any(z.name.endswith(w) for w in wants)
                 and not (m.group(0) == "开发区" and z.name.endswith("高新技术产业开发区"))}
        if len(cands) == 1:
            z = next(iter(cands.values()))
            men = _add(a, m.start(), m.end(), "Place", z.name)
            if men:
                men.place = z.place
                men.extra.update(z.extra)


def _one_name(a: Analysis, zones: list[Mention]) -> None:
    """鞍山高新区 beside 鞍山高新技术产业开发区: one zone, named in full as the article names it (not as
    the tree names a zone of that short form: 宜春经开区, 宜春经济技术开发区)."""
    for m in zones:
        for short in ("高新区", "经开区"):
            stem = m.text[:-len(short)] if m.text.endswith(short) else None
            # (宜宾临港经济技术开发区, then 临港经开区: the city's short name left out)
            full = stem and next((z for z in zones if z.name != m.name and any(
                z.name.endswith(stem + kind) and len(z.name) - len(stem + kind) in (0, 2, 3)
                for kind in gz.GENERIC_ZONES[short])), None)
            if full:
                m.name, m.place = full.name, full.place
                m.extra.update(full.extra)


def _bare_tails(a: Analysis, g: gz.Gazetteer, zones: list[Mention]) -> None:
    """漳州台商投资区, then 台商投资区 alone: the zone's name without its city is the same zone."""
    for z in [z for z in zones if z.start >= 0]:
        k = next((k for k in (4, 3, 2) if z.name[:k] in g.forms and len(z.name) - k >= 3), None)
        tail = z.name[k:] if k else ""
        if not tail or tail in gz.GENERIC_ZONES or not lx.ZONE_NAME_SUFFIX.search(tail) or tail in lx.GENERIC_NAMES:
            continue
        for m in re.finditer(re.escape(tail), a.text):
            if not any(x.start <= m.start() and m.end() <= x.end for x in a.mentions):
                men = _add(a, m.start(), m.end(), "Place", z.name)
                if men:
                    men.place = z.place
                    men.extra.update(z.extra)
