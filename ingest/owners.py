"""The place or body an official's post belongs to: written right before the post (徐州市委书记,
市发改委主任, 莲湖村党支部书记), coordinated with the post before it (海安市委书记甲、市长乙), or
implied by the post's level and the article's home places."""
from __future__ import annotations

import re
from collections import Counter

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import ZONE, Analysis, Mention, _add, walk_left


LEVEL_OF_POST = re.compile(r"(?:常务)?副?([省市县区州旗盟镇乡])")


def coordinated_owner(a: Analysis, pos: int, title: str) -> dict | None:
    """A bare post right after an official whose post names its place at the same level
    (海安市委书记甲、市长乙; 寿光市委书记甲，市委副书记、市长乙): that place's post too."""
    level = LEVEL_OF_POST.match(title)
    if level is None or a.text[pos - 1:pos] not in ("、", ",", "，"):
        return None
    before = next((x for x in a.mentions if x.label == "Official" and x.end == pos - 1), None)
    place = ((before.extra.get("owner") or {}).get("mention") if before is not None else None)
    if place is None or place.label != "Place" or not place.name.endswith(level.group(1)):
        return None
    return {"label": "Place", "mention": place}


DEPUTY = re.compile(r"(?:常务)?副(.{2,3})")
ASSEMBLY = re.compile(r"人大|政协")


def carried_owner(a: Analysis, pos: int, title: str) -> dict | None:
    """A bare deputy post after the head of its body in the sentence (人大常委会主任甲主持，副主任乙、
    丙出席; 选举甲为…主任，乙、丙为副主任): the head's place or body."""
    deputy = DEPUTY.fullmatch(title)
    if deputy is None:
        return None
    si = a.sent_of(pos)
    for x in sorted(a.by_label("Official"), key=lambda x: -x.end):
        head = x.extra.get("title", "")
        if x.end <= pos and a.sent_of(x.start) == si and head.endswith(deputy.group(1)) \
                and not head.endswith(title):
            owner = x.extra.get("owner") or {}
            if ASSEMBLY.search(head) and "implied" in owner:
                return None  # 县人大常委会主任甲，副主任乙: the assembly's deputies, of a county the text does not write
            return owner if "mention" in owner or "implied" in owner else None
    return None


def post_owner(a: Analysis, g: gz.Gazetteer, pos: int, title: str) -> dict | None:
    """The place or organization a post belongs to: written right before it,
    or implied by the post and the article's home places."""
    text = a.text
    if text.startswith(("地委", "行署"), pos):
        _prefecture_before(a, g, pos)
    for x in sorted(a.mentions, key=lambda m: -m.end):
        shared = x.end - pos  # 徐州市委书记: 徐州市 and 市委书记 share 市
        if x.start < pos <= x.end <= pos + 3 and (shared == 0 or x.text.endswith(text[pos:x.end])):
            if x.label == "Place":
                return {"label": "Place", "mention": x}
            if x.label == "Organization":
                return {"label": "Organization", "mention": x}
            if x.label == "Company":
                return {"company": True}
    body = VILLAGE_BODY.search(text, max(0, pos - 6), pos)  # 莲湖村 + 党支部 + 书记: the village's post
    village = body and next((x for x in a.mentions if x.label == "Place" and x.end == body.start()), None)
    if village:
        return {"label": "Place", "mention": village}
    dept = _department_before(a, pos)
    if dept is not None:
        return {"label": "Organization", "mention": dept[0], "unit": dept[1]}
    # a company a few characters before (某某公司党委书记) owns the post too
    if any(x.label == "Company" and 0 <= pos - x.end <= 2 for x in a.mentions):
        return {"company": True}
    if text[max(0, pos - 1):pos] in lx.PUNCT or pos == 0 or True:
        if text[max(0, pos - 2):pos + 1] == "自治区" or title.startswith("自治区"):
            idx = a.home.get("province")
            return {"label": "Place", "implied": idx} if idx is not None else None
        for pat, level in lx.BODY_LEVEL:
            if pat.search(title):
                if level == "zone":  # a zone's body, not the county's, whatever the article's county
                    idx = _home_zone(a, g)
                    return {"label": "Place", "implied": idx} if idx is not None else None
                idx = a.home.get(level)
                if level == "prefecture":
                    idx = _home_city(a, g, idx)
                if idx is not None:
                    return {"label": "Place", "implied": idx}
                break
    return None


# a spokesperson's post (新闻发言人), which speaks for a body only when the text names it
SPOKESPERSON = re.compile(r"发言人$")
# what owns a post that is not public (中国电梯协会副秘书长, 北大…研究中心主任, 周谷堆市场信息部副主任)
NON_PUBLIC = re.compile(r"(?:协会|学会|商会|联合会|研究会|促进会|基金会|联盟|[模奶钢]协|市场(?!监)|公司|集团|研究中心|商务中心|"
                        r"研究院|研究所|大学|学院|医院|报社|杂志社|事务所)[^，。、；：“”]{0,8}$")
DEPT_END = re.compile(r"(?:委员会|办公室|管理局|局|委|厅|署|办|[^采销购售营业目]部|司|人民法院|人民检察院|"
                      r"(?:采购|交易|服务|管理|监测|检验|检疫|调度|指挥|信息)中心)$")  # 财政部, 价格司, 政府采购中心
# how a government's own centre is named: after its place or its level (北京市政府采购中心, 中央国家机关…)
PUBLIC_LEAD = re.compile(r"(?:国家|中央|省|市|县|区)")
# a division of a department, written between it and the post (省农业厅 + 畜牧业处 + 处长)
DIVISION = re.compile(r"[\u4e00-\u9fff]{2,6}?处$")
VILLAGE_BODY = re.compile(rf"(?:{lx.VILLAGE_BODIES})$")
BARE_PARTY_DEPT = re.compile(r"(?:组织|宣传|统战|统一战线工作|政法|纪检)[部委]")
PARTY_BODY = re.compile(r"(?:[省市县区州旗盟镇乡]委|党委|党工委|纪委|工委|党组)$")


def _department_before(a: Analysis, pos: int) -> tuple[Mention, str] | None:
    """A government department written right before a post (市发改委主任, 市商务局局长), and the
    division of it the post is in, when one stands between them (省农业厅畜牧业处处长: 畜牧业处)."""
    text = a.text
    head = text[max(0, pos - 16):pos]
    body = DEPT_END.search(head)
    unit = DIVISION.search(head) if body is None else None
    if unit:
        for k in range(unit.end() - 2, unit.start(), -1):  # the department ends inside: 省农业厅|畜牧业处
            if DEPT_END.search(head[:k]):
                dept = _department_before(a, pos - len(head) + k)
                return (dept[0], head[k:]) if dept else None
        return None
    if body is None or PARTY_BODY.search(head):
        return None
    if body.group().startswith("人民"):  # a court is its place's (衢州市中级人民法院, 区人民检察院)
        k = pos - len(body.group()) - (2 if text.endswith(("中级", "高级"), 0, pos - len(body.group())) else 0)
        place = next((m for m in a.mentions if m.label == "Place" and m.end == k), None)
        start = place.start if place is not None else k - 1 if text[k - 1:k] in "省市县区州旗" else None
        if start is None:
            return None
        found = next((m for m in a.mentions if m.start == start and m.end == pos), None) \
            or _add(a, start, pos, "Organization", text[start:pos])
        return (found, "") if found is not None else None
    # a centre's function is a verb or noun the walk would stop at (政府 + 采购中心)
    end = pos - len(body.group()) if body.group().endswith("中心") else pos
    start = walk_left(text, end, limit=14, keep_adj=False, body=True)
    if start > 1 and text[start - 1] == "和":  # 住房和城乡建设厅
        start = walk_left(text, start - 1, limit=10, keep_adj=False, body=True)
    start += len(lx.DATE_LEAD.match(text, start, end).group())  # a résumé's 2002―2004年 + 某某部
    start = past_appointee(text, start, end)
    name = text[start:pos]
    if len(name) < 3 or not lx.CJK.fullmatch(name[0]) or name in lx.GENERIC_NAMES or end == start \
            or BARE_PARTY_DEPT.fullmatch(name):
        return None  # 采购中心主任, 市委常委、组织部部长: whose centre or department the text does not say
    if end != pos and not (PUBLIC_LEAD.match(name) or any(m.label == "Place" and m.place >= 0 and m.start == start
                                                         for m in a.mentions)):
        return None  # a centre that is not a government's (某电信公司终端管理中心, 华润上华设计服务中心)
    existing = next((m for m in a.mentions if m.start == start and m.end == pos), None)
    found = existing or _add(a, start, pos, "Organization", name)
    return (found, "") if found is not None else None


def _prefecture_before(a: Analysis, g: gz.Gazetteer, pos: int) -> None:
    """喀什地委, 和田行署: the short name before a 地区's committee or office is that 地区, whatever
    else the name could be."""
    if any(m.label == "Place" and m.end == pos for m in a.mentions):
        return
    for k in (k for k in (4, 3, 2) if k <= pos):
        short = a.text[pos - k:pos]
        idx = next((i for i, _ in (*g.forms.get(short, ()), *g.forms.get(short + "地区", ()))
                    if g.divisions[i].name.endswith("地区")), None)
        if idx is not None:
            men = _add(a, pos - k, pos, "Place", g.divisions[idx].name)
            if men:
                men.place = idx
            return


def _home_city(a: Analysis, g: gz.Gazetteer, prefecture: int | None) -> int | None:
    """The city a bare 市 post is of: the article's prefecture, or its county-level city (孝义市, 西昌市)
    when the prefecture is no 市 (凉山彝族自治州) or the article names the county-level city more often."""
    county = a.home.get("county")
    if county is None or not g.divisions[county].name.endswith("市"):
        return prefecture
    own = Counter(m.place for m in a.by_label("Place"))
    # (a headline that names the prefecture and not the county is the prefecture's article)
    title = {m.place for m in a.by_label("Place") if m.end <= a.text.find("\n")}
    if prefecture is None or not g.divisions[prefecture].name.endswith("市") \
            or (own[county] > own[prefecture] and not (prefecture in title and county not in title)):
        return county
    return prefecture


ZONE_END = re.compile(rf"(?:{lx.ZONE_NAME_SUFFIX.pattern})$")


def _home_zone(a: Analysis, g: gz.Gazetteer):
    zones, counted = Counter(), Counter()  # (a zone the tree counts as a county: 兰州新区, 天府新区)
    for m in a.by_label("Place"):
        if (m.place >= 0 and g.divisions[m.place].level == "zone") or m.place == ZONE:
            zones[(m.name, m.place)] += 1
        elif m.place >= 0 and g.divisions[m.place].level == "county" and ZONE_END.search(m.name):
            counted[(m.name, m.place)] += 1
    zones = zones or counted
    if zones:
        (name, idx), _ = zones.most_common(1)[0]
        return ("zone", name, idx)
    return None


def past_appointee(text: str, start: int, end: int) -> int:
    """Where a body's name starts when a walk to start took in who is named to it (任命甲为 +
    某市中级人民法院, 选举乙为 + 某市人民检察院): after the 为 that follows the appointing verb
    in the span or before it in its clause (…·阿合买提为 + 州中级人民法院)."""
    verb = max(lx.APPOINT.finditer(text, max(0, start - 12), end), key=lambda v: v.start(), default=None)
    if verb is None or any(c in lx.CLAUSE_BREAK for c in text[verb.end():start]):
        # a later clause of the same vote (选举甲为某县人民法院院长，乙为 + 某县人民检察院检察长)
        verb = max(lx.APPOINT.finditer(text, max(0, start - 80), end), key=lambda v: v.start(), default=None)
        link = text.find("为", start, end)
        if verb is None or any(c in "。！？\n" for c in text[verb.end():start]) or not 2 <= link - start <= 4 \
                or text[start - 1:start] not in "，；,;":
            return start
        return link + 1
    link = text.find("为", verb.end(), end)
    return link + 1 if link >= start else start
