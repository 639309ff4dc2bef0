"""Where a tagged project's name starts: with its size, its capacity and its site before the
figure (200兆瓦 + 光伏发电基地, 会泽 + 16万吨…), with its company's name the tagger cut (睿达新|材料…),
without the legal name of its company before it (甲有限公司 + 年产…项目),
with a utility's place and number (龙潭镇 + 污水处理厂…); after its builder and after a site and 的."""
from __future__ import annotations

import re

from ingest import gazetteer as gz
from ingest.analysis import Analysis, after_builder
from ingest.lexicon import CAPACITY_LEAD, CAPACITY_TIMES, LEGAL_NAME_END, NAME_AFTER


def project_start(a: Analysis, s: int, e: int, companies: list[tuple[int, int]]) -> int:
    """The start of the project name tagged at s..e, after its company's legal name (after_legal_name,
    which the caller reads first to name the company too); companies: (start, end) of the article's
    company names."""
    s = _with_capacity(a, _with_size(a, after_builder(a, s, e)))
    return with_facility_lead(a, _with_owner(a.text, _after_site(a, s, e), companies))


def after_legal_name(text: str, s: int, e: int) -> int:
    """After a company's legal name written before what it builds (宁夏甲铝业科技有限公司 + 年产20万吨…项目):
    the gold names the project without it (as its canonical name, or an alias beside the long one)."""
    ends = [m.end() for m in LEGAL_NAME_END.finditer(text, s, e) if e - m.end() >= 4]
    return ends[-1] if ends else s


# a plant's size before its name (200兆瓦 + 光伏发电基地, 万亩 + 设施农业示范基地, 百万千瓦 + …基地)
SIZE = re.compile(r"(?:\d+(?:\.\d+)?|[百千万十])[百千万]?(?:千瓦|兆瓦|吉瓦|GW|MW|吨|亩|头|羽|台|套|辆|平方米|立方米|千伏)$")


def _with_size(a: Analysis, s: int) -> int:
    """A project the tagger read after its size takes the size (the figure and its unit)."""
    m = SIZE.search(a.text, max(0, s - 10), s)
    if m is None or (m.start() and (a.text[m.start() - 1].isdigit() or a.text[m.start() - 1] in ".×xX*")):
        return s
    return m.start()


def _with_capacity(a: Analysis, s: int) -> int:
    """A project named by its capacity takes the words before the figure: the output it is
    counted in and its site (会泽 + 16万吨铅锌冶炼项目, 年产 + 45万吨合成氨项目, 日产2× + 5000吨…)."""
    text = a.text
    lead = next((w for w in CAPACITY_LEAD if text.startswith(w[1:], s) and text.endswith(w[0], 0, s)), None)
    if lead and text[s + len(lead) - 1:s + len(lead)].isdigit():  # 年|处理20万吨…: the tagger cut inside the lead
        return s - 1
    if not (text[s:s + 1].isdigit() or text[s:s + 1] == "±"):
        return s
    times = re.search(CAPACITY_TIMES + "$", text[max(0, s - 6):s])
    s -= len(times.group()) if times else 0
    lead = next((w for w in CAPACITY_LEAD if text.endswith(w, 0, s)), "")
    s -= len(lead)
    site = next((m for m in a.mentions if m.label == "Place" and m.end == s), None)
    return site.start if site is not None else s


SITE_LEAD = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:港区|园区|开发区|新区|街道|[区县市镇乡村])的")


# what a place does with a project after its name in a span the tagger read whole (某县 + 投资建设 + …项目,
# 某街道 + 实施的 + …项目)
BUILT = re.compile(r"(?:投资|计划|拟|将|开工)?(?:建设|新建|兴建|打造|实施|引进)的?")


def _after_site(a: Analysis, s: int, e: int) -> int:
    """A project span that opens with its site and 的 (天府新区直管区的 + 成都科学城项目) or with what is
    done there (克东县投资建设 + 乳制品包装材料项目) starts after them: the place is where it is, not its name."""
    k = a.text.find("的", s, e)
    if SITE_LEAD.match(a.text, s, e) and e - k >= 4:  # 东吴港区的 + …码头工程: a site the gazetteer lacks
        return k + 1
    site = next((m for m in a.mentions if m.label == "Place" and m.start == s), None)
    while site is not None and (more := next((m for m in a.mentions if m.label == "Place" and m.start == site.end), None)):
        site = more  # 齐齐哈尔市 + 克东县: the chain of places
    built = BUILT.match(a.text, site.end) if site is not None else None
    if built and e - built.end() >= 4:  # 克东县投资建设 + 乳制品包装材料项目: where, and what is done there
        return built.end()
    if site is None or k < 0 or e - k < 4 or not re.fullmatch(r"(?:直管区|境内|辖区|片区|[东南西北]部|核心区|起步区|内)?",
                                                              a.text[site.end:k]):
        return s
    return k + 1


def _with_owner(text: str, s: int, companies: list[tuple[int, int]]) -> int:
    """A project the tagger read from inside its company's name (睿达新|材料年产…项目, where the
    article names 福建睿达新材料科技有限公司 elsewhere) starts where that name does."""
    for k in range(4, 1, -1):
        piece = text[max(0, s - k):s + 2]
        if s - k >= 1 and text[s - k - 1] in NAME_AFTER and any(
                piece in text[x:y] and text[s:s + 4] not in text[x:y] and re.search("(?:公司|集团)$", text[x:y])
                for x, y in companies if y <= s - k or x >= s):  # a legal name that goes on otherwise
            return s - k
    return s


# a town's or a county's utility, named with where it serves and its number (龙潭镇 + 污水处理厂提标改造工程,
# 城东 + 水厂扩建工程, 县第二 + 自来水厂扩建工程)
# and its hospital's, school's or avenue's (泰和县 + 人民医院门诊楼项目, 城东 + 大道延伸段工程)
FACILITY = re.compile(r"污水处理厂|污水厂|自来水厂|净水厂|水厂|垃圾处理厂|垃圾焚烧发电厂|供水工程|污水管网|大道|"
                      r"(?:人民|妇幼保健)?医院|中医院|(?:实验)?(?:中学|小学)")
FACILITY_LEAD = re.compile(r"(?:城[东南西北]|城区|县城)?(?:第[一二三四五六七八九十]+)?$")


def with_facility_lead(a: Analysis, s: int) -> int:
    """A utility's span that starts with its kind (污水处理厂…) takes the words and place before it."""
    if not FACILITY.match(a.text, s):
        return s
    k = FACILITY_LEAD.search(a.text, max(0, s - 6), s).start()
    place = next((m for m in a.mentions if (m.label == "Place" and m.end == k)
                  or (m.label == "Organization" and m.start < k and s < m.end)), None)  # 泰和县人民医院
    if place is not None:
        return place.start
    named = gz.load().forms_ending(a.text, k, 8, ("full",))  # a county named only inside the institution's name
    if named:
        return named[0][0]
    return k - 1 if k and a.text[k - 1] in "县市" and (k == 1 or a.text[k - 2] in NAME_AFTER) else k
