"""Companies and organizations: suffixed names (…有限公司, …银行, …研究院), associations, and the
names the context marks as companies (ingest.company_cues)."""
from __future__ import annotations

import re

import jieba

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import (NAME_VERBS, SINGLE_STOP, Analysis, _add, _specific, _tag, _units,
                             _valid_name, bracket_start, role_lead, walk_left, word_ends)
from ingest.company_cues import find_defined, find_enumerated, find_listed, find_officered, place_before
from ingest.officials import _person_name
from ingest.owners import past_appointee


TRADE_VERBS = ("投资", "建设", "控股", "运营", "销售", "经营")  # stop words before a name, trades before a suffix
DIGITS = set("0123456789.．")
# the name of a Japanese or Korean company, with its country, before 株式会社: no function word inside
JAPANESE_OR_KOREAN = re.compile(r"(?:日本|韩国)(?:(?![的与和及在是为、])[\u4e00-\u9fff]){2,8}$")


def find_orgs(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in lx.SOE_BUREAU.finditer(text):
        _add(a, m.start(), m.end(), "Company", sure=True)
    for m in lx.COMPANY_SUFFIX.finditer(text):
        start = _name_start(text, m.start())
        foreign = JAPANESE_OR_KOREAN.search(text, max(0, m.start() - 10), m.start()) if m.group() == "株式会社" else None
        if foreign and (start is None or foreign.start() <= start):
            start = foreign.start()  # 韩国|大成|精工 + 株式会社: jieba's verb or number inside the name ends no walk
        if start is not None and not (m.group().endswith("分公司") and _no_parent(text[start:m.start()], g)):
            _add(a, start, m.end(), "Company", **({"sure": True} if foreign else {}))  # (a form the tagger never saw)
    for m in lx.BANK.finditer(text):
        start = _name_start(text, m.start())
        if start is not None:  # a bank is a company; a central or multilateral one is none
            _add(a, start, m.end(), "Organization" if lx.PUBLIC_BANK.search(text, start, m.end()) else "Company")
    for m in lx.ORG_SUFFIX.finditer(text):
        numbered = NUMBERED.search(text, max(0, m.start() - 6), m.start())  # 某集团公司 + 第七研究所: the group's institute
        group = numbered and next((c for c in a.mentions if c.label == "Company" and c.end == numbered.start()), None)
        if group:
            a.mentions.remove(group)
            _add(a, group.start, m.end(), "Organization")
            continue
        ordinal = ORDINAL.search(text, max(0, m.start() - 5), m.start())  # 上杭县 + 第二 + 中学: the walk starts before it
        start = walk_left(text, ordinal.start() if ordinal else m.start(), limit=16, keep_adj=False)
        if ordinal and start == ordinal.start():
            continue  # (县第二中学: a school the text does not name)
        while 0 < start < m.start() and text[start - 1] in DIGITS and text[start] in DIGITS:
            start += 1  # the walk's limit fell inside a number
        start += len(lx.DATE_LEAD.match(text, start, m.start()).group())
        start = _cut_person(text, start, m.start(), g)
        start += text.startswith("除", start) and bool(lx.EXCEPT_END.match(text, m.end()))  # 除 + 县人民医院 + 新院区外
        start = past_appointee(text, start, m.start())
        core = text[start:m.start()]
        if not _valid_name(core) or len(core) < 2 or _tag(core) in ("a", "v") or text[start:m.end()] in lx.GENERIC_NAMES:
            continue
        attached = lx.AFFILIATED.match(text, m.end()) if m.group().endswith(("大学", "学院")) else None
        _add(a, start, attached.end() if attached else m.end(), "Organization")  # 某大学 + 附属第一医院: one body
    find_associations(a)
    find_enumerated(a, g)
    find_listed(a, g)
    find_defined(a, g)
    find_officered(a, g)


ORDINAL = re.compile(r"第[一二三四五六七八九十]+(?:人民|中医)?$")


def find_associations(a: Analysis) -> None:
    """Associations, chambers and the like (lx.ASSOCIATION): the name before the suffix, when the
    suffix starts a word (not 供应商|会, 南开大学|会) and the name is more than a kind (行业协会)."""
    text = a.text
    for m in lx.ASSOCIATION.finditer(text):
        start = _wide_start(text, walk_left(text, m.start(), limit=16, keep_adj=False))
        if m.group() == "分会":  # a branch is named with its association (…协会生活用纸分会)
            start = next((x.start for x in a.mentions if x.label == "Organization" and x.end <= start
                          and m.start() - x.end <= 8 and not BETWEEN_BODIES.search(text, x.end, m.start())), start)
        core = text[start:m.start()]
        if not _valid_name(core) or len(core) < 2 or _splits_word(text, start, m.start(), m.end()) \
                or text.startswith("分会场", m.start()):
            continue  # (在某镇分会场: a venue of a ceremony)
        if m.group() == "组织" and not lx.WORLD_BODY.match(core):
            continue  # 组织 is a verb, and 党组织, 社会组织 are kinds
        words = _units(jieba.lcut(core))
        while len(words) > 1 and (words[0] in ASSOCIATION_LEAD or _tag(words[0]) == "t"):
            start += len(words.pop(0))  # 另据, 近期: what is said of the body, no part of its name
        if m.group() != "工商联" and (len(words) == 1 and not _specific(words[0], strict=True)
                                      or _kind_of_association(words)):
            continue
        _add(a, start, m.end(), "Organization")


ASSOCIATION_LEAD = {"前述", "上述", "另"}  # (据, 另据 stop the walk)
BETWEEN_BODIES = re.compile(rf"[的和与及{re.escape(''.join(sorted(lx.PUNCT)))}]")  # a branch and its association are apart
KINDS_OF_BODY = {"行业", "产业", "慈善", "环保", "民间", "社会", "有关", "相关", "各类", "国际"}


def _kind_of_association(words: list[str]) -> bool:
    """俄罗斯行业协会, 国际环保组织: a place or scope and a kind, no name."""
    return words[-1] in KINDS_OF_BODY and all(gz.is_place_word(w) or WIDE.match(w) for w in words[:-1])


# the scope an association's name opens with (全国工商联, 国际重载运输协会), which the name walk
# stops at as a stop word, or before a verb in the name (重载)
WIDE = re.compile(r"(?:中国|全国|国际|世界|中华)[\u4e00-\u9fff]{0,6}$")


def _wide_start(text: str, start: int) -> int:
    """The start of an association's name: the walk's, or a scope word one word before it
    when that word is no function word."""
    wide = WIDE.search(text, max(0, start - 8), start)
    if wide is None:
        return start
    between = _units(jieba.lcut(text[wide.start() + 2:start]))
    function = [w for w in between if w in lx.STOP_WORDS or w in SINGLE_STOP or any(c in lx.PUNCT for c in w)
                or _tag(w).startswith(("p", "c", "u", "r", "d", "m", "t"))]
    return start if len(between) > 1 or function else wide.start()


def _splits_word(text: str, start: int, pos: int, end: int) -> bool:
    """Whether a word of text[start:end] runs from before pos to inside the suffix at pos."""
    ends = [start + k for k in word_ends(jieba.lcut(text[start:end]))]
    return any(b < pos < e < end for b, e in zip([start] + ends, ends))


# who acts for a company, written before the company's kind: what follows names no company
ACTS_FOR = re.compile(r".*(?:代表|总经理|董事长|总裁)")
# how many companies, not a name (多家商业银行, 两大集团, 另一家): a word of its own
COMPANY_COUNT = re.compile(r"另?[\d多几数各一两二三四五六七八九十百千]+[家大]")


def _name_start(text: str, suffix: int) -> int | None:
    """Where the name before a legal suffix (…有限公司, …银行) starts; None when what stands
    there is no name (a kind of company, a verb phrase, two names joined by 和)."""
    start = bracket_start(text, walk_left(text, suffix, limit=20, lead=TRADE_VERBS))
    # ；上海 + 瑞驰 + 汽车电子有限公司: a place and the brand jieba cut off it (上|海瑞|驰: its first word no word)
    placed_at = place_before(text, start) if lx.LEGAL_NAME_END.match(text, suffix) else start
    placed, start = placed_at < start, placed_at
    start += len(lx.DATE_LEAD.match(text, start).group())
    cut = ACTS_FOR.match(text, start, suffix)  # 总经理某某代表集团, 分别代表军工集团公司
    start = cut.end() if cut else start
    core = text[start:suffix]
    if not _valid_name(core) or len(core) < 2 or core in lx.GENERIC_NAMES or (
            core[-1] in "分子总母" and text.startswith("公司", suffix) and not core.endswith("电子")):
        return None  # (甲分|公司: a branch, read as such; 甲电子|有限公司 is a name)
    words = _units(jieba.lcut(core))
    if any(COMPANY_COUNT.fullmatch(w) for w in words):
        return None  # 多家商业银行, 北京一家石油销售有限公司: how many of a kind, and where
    kind = _before_trade(words)
    if len(kind) == 1 and not _specific(kind[0], strict=True):
        return None  # 软件公司, 投资公司, 汽车销售服务公司: a kind of company, not a name
    if not placed and ((_tag(words[0]).startswith(("v", "d", "p", "c", "r", "u")) and words[0] not in NAME_VERBS)
                       or words[0] in SINGLE_STOP) or "和" in core[1:-1]:
        return None
    while words and (words[0] in lx.ROLE_NOUNS or _tag(words[0]) == "t" or re.fullmatch(lx.OWNERSHIP, words[0])):  # 央企, 月初, 港资
        start += len(words.pop(0))
    return role_lead(text, start, suffix) or start  # 大股东 + 鞍钢集团


def _no_parent(core: str, g: gz.Gazetteer) -> bool:
    """A branch named by its place alone (上海分公司) or by a word for which (有关分公司): it names
    no company, whose branch it is."""
    pronoun_noun = lx.PRONOUN_NOUN.match(core)  # 该|公司上海分公司
    core = core[pronoun_noun.end():] if pronoun_noun else core
    return not core or g.is_place(core) or bool(re.search(r"(?:有关|相关|各|下属|所属|当地)$", core))


def _before_trade(words: list[str]) -> list[str]:
    """The words before the trade a name ends with and the trade's verbs (汽车 of 汽车|销售|服务);
    all the words when it ends with no trade."""
    k = len(words)
    while k > 1 and (words[k - 1] in TRADE_VERBS or words[k - 1] in NAME_VERBS):
        k -= 1
    return words[:k] if any(w in TRADE_VERBS for w in words[k:]) else words


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


# a numbered institute after its group (某集团公司 + 第七研究所)
NUMBERED = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,4}$")
