"""Where a company span the tagger read starts and ends: with its place and brand (or where the
rules read it from a place), after its parent or what introduces it, at its legal form, before its
board, what it owns and what it says."""
from __future__ import annotations

import re

import jieba
from jieba import posseg

from ingest import gazetteer as gz
from ingest.analysis import Analysis, _tag, bracket_start
from ingest.lexicon import (CLOSING_VERBS, COMPANY_POSTS, COMPANY_SUFFIX, LIMITED_FORMS, OWNERSHIP, PRONOUN_NOUN,
                            SOE_BUREAU, STOP_WORDS)
from ingest.company_cues import BRAND_STOP, DOMESTIC, TRADE, place_before

BOARD = re.compile(r"(?:董事局|董事会|监事会|股东大会)$")
LEGAL = re.compile(rf"(?:{LIMITED_FORMS}|集团公司|总公司)$")
OFFICE = re.compile(r"(?:项目部|项目经理部|指挥部)$")  # a builder's site office
PARENT = re.compile(r".*(?:全资子公司|控股子公司|(?<!电)子公司|旗下|下属)")  # not 电子公司
# what introduces a company (下称宝钢集团, 央企中国铁路通信信号集团公司, 商用车制造商北汽福田, 港资企业…, 被告…) and
# what it owns (通号集团网站, 佳讯飞鸿股价) are no part of its name
INTRODUCED = re.compile(rf"企业|[\u4e00-\u9fff]{{0,6}}?(?:{TRADE.pattern}|央企|国企|民企|外企|(?:{OWNERSHIP})企业|下称|简称|被告|原告|合作伙伴|竞争对手)")
OWNED = re.compile(r"(?:网站|官网|股价|股票|公告|官方微博)$")


def company_bounds(a: Analysis, s: int, e: int) -> tuple[int, int]:
    """A legal name starts with its place (重庆 + 中金国泰旅游发展有限公司) and after the
    parent it is introduced by (艾迪西全资子公司 + 嘉兴艾迪西暖通科技有限公司); it ends at its
    legal form when a company post, an adverb, a preposition or a conjunction follows
    (…有限公司 + 总经理…, …公司 + 将…). The start of a name the rules are sure of is that name."""
    around = [m for m in a.mentions if m.label == "Company" and m.extra.get("sure") and m.start == s and e <= m.end]
    if around:  # 韩国海晟食品 of 韩国海晟食品株式会社, 中铁 of 中铁二十一局集团有限公司: cut short
        return around[0].start, around[0].end
    if OFFICE.search(a.text, s, e):  # 中铁隧道局 + 大瑞铁路项目部: the builder, not its site office
        bureau = SOE_BUREAU.match(a.text, s, e)
        sure = [m.end for m in a.mentions if m.label == "Company" and m.extra.get("sure") and m.start == s and m.end < e]
        if bureau or sure:
            return s, bureau.end() if bureau else max(sure)
    board = BOARD.search(a.text, s, e)
    if board and board.start() - s >= 2:
        e = board.start()
    owned = OWNED.search(a.text, s, e)
    if owned and owned.start() - s >= 2:
        e = owned.start()
    legal = COMPANY_SUFFIX.search(a.text, s, e)
    if legal and legal.start() - s >= 2 and legal.end() < e:
        first = posseg.lcut(a.text[legal.end():e])[0]
        # a verb may go on with the legal name (…集团控股有限公司, …集团供销有限公司): not cut there;
        # what a company does goes (…公司 + 大力发展汽车), when no legal form follows
        if first.word in COMPANY_POSTS or first.flag.startswith(("d", "p", "c")) \
                or ({first.word, first.word[:2]} & STOP_WORDS and not COMPANY_SUFFIX.search(a.text, legal.end(), e)):
            e = legal.end()
    pronoun_noun = PRONOUN_NOUN.match(a.text, s)
    if pronoun_noun and e - s >= 6:  # 该|公司 + 某某集团
        s = pronoun_noun.end()
    s = bracket_start(a.text, s)  # (a tagged span that starts inside a bracket starts before the name)
    for pattern, rest in ((PARENT, 4), (INTRODUCED, 2)):
        m = pattern.match(a.text, s, e)
        if m and e - m.end() >= rest:
            return m.end(), e
    if LEGAL.search(a.text[s:e]):
        for p in a.mentions:
            if p.label == "Place" and p.end == s and p.end - p.start <= 6 and "市委" not in p.text:
                return p.start, e
        return _after_parent(a.text, s) or place_before(a.text, s), e
    return s, e


# what a company does or says after its name, the words that open a post after it (中国通号 + 原董事长),
# and when it does it (…近日, …时: time words by list, as jieba tags 北京|现代 a time too)
TAIL_VERBS = {*CLOSING_VERBS, "有", "有关", "称", "系", "发布", "原", "前任", "现任", "时任", "很",
              "时", "近日", "日前", "目前", "此前", "今年", "去年", "昨日", "昨天", "今天"}


def without_tail(text: str, s: int, e: int) -> tuple[int, int]:
    """A company span less the verbs, function and time words it ends with: what a company does or
    says after its name, and when (南方电网是, 东芝称, 比亚迪发布, 某某近日), is no part of it."""
    words = jieba.lcut(text[s:e])
    while len(words) > 1 and e - s - len(words[-1]) >= 2 \
            and (words[-1] in TAIL_VERBS or _tag(words[-1]).startswith(("p", "c", "u", "r", "y", "d"))):
        e -= len(words.pop())
    return s, e


def rule_start(a: Analysis, s: int, e: int) -> int:
    """A learned company's start, or the rules' when they read the same legal name from a place
    of the country (贵州 + 大织高速公路 + 开发有限公司, 中国 + 水利水电第十四 + 工程局有限公司): the
    tagger cuts long names after a numeral or a trade word, or inside the place (上|海瑞驰…)."""
    g = gz.load()
    starts = [m.start for m in a.mentions if m.label == "Company" and m.end == e and m.start < s
              and not NOT_OF_NAME.search(a.text, m.start, s)
              and (a.text.startswith("中国", m.start) or g.forms_starting(a.text[m.start:e], DOMESTIC))]
    return min(starts + [s])


# what the rules' walk takes before a name and no name holds: a role (港资企业, 汽车制造商, 子公司),
# or a second name (甲及乙集团)
NOT_OF_NAME = re.compile(r"企业|公司|集团|资|配套|旗下|下属|所属|商|巨头|厂家|伙伴|[及和与、]")


PARENT_END = re.compile(r"(?:全资子公司|控股子公司|(?<!电)子公司|(?:旗下|下属)(?:企业|公司)?)"
                        r"(?P<brand>(?:(?!公司|企业|旗下|下属|[%s])[\u4e00-\u9fff]){1,8})$" % BRAND_STOP)


def _after_parent(text: str, s: int) -> int | None:
    """A legal name the tagger began after a trade word inside it (子公司克劳森传动 + 部件(上海)有限公司)
    starts after the parent that introduces it: where that is, when it is in the same clause."""
    m = PARENT_END.search(text, max(0, s - 14), s)
    return m.start("brand") if m else None
