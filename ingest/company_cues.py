"""Companies the context marks as such, whatever their suffix: a stock code or a trade noun before a
list (find_listed), a clause that says what they are (find_defined), an officer's post after the
name (find_officered), a list ended by 等…企业 (find_enumerated)."""
from __future__ import annotations

import re

import jieba

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import LEVEL_CHARS, NAME_VERBS, Analysis, _add, _freq, _specific, _tag, _units, _valid_name, walk_left


def marked(m) -> bool:
    """A company the text itself marks as one: by a stock code or a trade noun (sure), an
    officer's post or a list it stands in (listed), a list before 等…企业 (enumerated)."""
    return bool(m.extra.get("sure") or m.extra.get("listed") or m.extra.get("enumerated"))


# A stock code after a name marks a listed company (驰宏锌锗(600497), 杉杉股份（600884.SH）).
STOCK_CODE = re.compile(r"[(（](?:\d{6}|\d{4,5}\.HK)(?:\.S[HZ])?[)）]")
# Trade nouns that introduce a company's name (印刷电路厂商奥特斯, 施工方中铁隧道局, 台湾的厂商欣兴、键鼎)
TRADE = re.compile(r"(?:厂商|厂家|供应商|制造商|开发商|运营商|服务商|巨头|施工方|承建方|承建商|总承包方|投资方|车企|房企)")
LIST_NEXT = re.compile(r"[、(（]|和|与|及|以及|等")
NAME_END = re.compile(r"[、，,。；;：:！？!?\n“”\"（(]|等|在|与|和|及|是|将|已|也|都|的|为|于|以|对|从|向")


def find_listed(a: Analysis, g: gz.Gazetteer) -> None:
    """Companies the text marks as such without a legal suffix: by a stock code after the
    name, or by a trade noun right before it (and the names listed with it)."""
    text = a.text
    for m in STOCK_CODE.finditer(text):
        start = m.start()
        for w in reversed(jieba.lcut(text[max(0, start - 8):start])):
            if w in lx.STOP_WORDS or any(c in lx.PUNCT for c in w) or start - len(w) < m.start() - 8:
                break
            start -= len(w)  # a stock name is any word, known or not (恒达新材, 驰宏锌锗)
        start += len(re.match(r"[\d年月日号]*", text[start:m.start()]).group())
        name = text[start:m.start()]
        if 2 <= len(name) <= 8 and _valid_name(name) and not g.is_place(name):
            _add(a, start, m.start(), "Company", sure=True)
    for m in TRADE.finditer(text):
        pos = m.end()
        for _ in range(6):  # the name, and the names listed after it with 、
            stop = NAME_END.search(text, pos, pos + 9)
            end = stop.start() if stop else pos
            name = text[pos:end]
            # a name is followed by the list it heads or its own brackets (厂商甲、乙等; 厂商甲(AT&S))
            if not (2 <= len(name) <= 8) or not LIST_NEXT.match(text, end) or not _company_like(name, g):
                break
            _add(a, pos, end, "Company", listed=True)
            if end >= len(text) or text[end] != "、":
                break
            pos = end + 1


# the names a clause says are companies (驰宏锌锗和荣盛发展都是势大力沉的公司, 宝钢是国内最大的冷轧汽车板
# 生产企业): the subject from the clause's start, the kind of company ending the clause
DEFINED = re.compile(r"(?:^|(?<=[，,。；;：:！？!?\n“”\"]))([^，,。；;：:！？!?\n“”\"]{2,24}?)(?:都|均|也|同)?是"
                     r"[^，,。；;：:！？!?\n]{0,30}?(?:公司|企业|集团|厂商|供应商|制造商|生产商|开发商|运营商|巨头)"
                     r"(?:之一)?(?=[，,。；;！!？?\n])")


def find_defined(a: Analysis, g: gz.Gazetteer) -> None:
    """Companies a clause defines as such: each name of its subject, when every one is a
    company-like name (no pronoun, verb or place)."""
    for m in DEFINED.finditer(a.text):
        names = [(m.start(1) + x.start(), x.group()) for x in re.finditer(r"[^、和与及]+", m.group(1))]
        if not names or not all(_defined_like(n, g) for _, n in names):
            continue
        for s, n in names:
            _add(a, s, s + len(n), "Company", listed=True)


def _defined_like(name: str, g: gz.Gazetteer) -> bool:
    """A name the clause defines as a company's: looser than _company_like, since the clause says
    what it is (海南矿业, 荣盛发展), but no pronoun, adverb or verb (尤其, 另外日本瑞萨, 日产称得上)."""
    if not (2 <= len(name) <= 8) or not _valid_name(name) or g.is_place(name) or name in lx.GENERIC_NAMES \
            or any(c in lx.PUNCT for c in name):
        return False
    words = _units(jieba.lcut(name))
    if any(_tag(w).startswith(("r", "d", "p", "c", "u", "m", "t", "f", "q")) or (_tag(w) == "v" and w not in NAME_VERBS)
           for w in words):
        return False
    return any(_specific(w, strict=True) or _tag(w) == "x" or not lx.CJK.search(w) for w in words)


# a company named by its officer (甲电器副总裁某某, 乙钢铁董事长): the name before a company post, less
# what qualifies the post (高级, 常务, 中国区, 新任). Only the posts no office or department has
# (lx.COMPANY_POSTS has 经理, 董事 too: 项目经理, 独立董事)
RARE = 1000  # jieba's count under which a common noun alone may be a brand's name (小米, 格力; not 汽车)
OFFICER = re.compile(r"(?:副?董事长|董事局主席|副?总裁|副?总经理|首席执行官|CEO|(?:联合)?创始人)")
POST_QUALIFIER = re.compile(r"(?:高级|常务|执行|新任|前任|现任|董事|兼|(?:中国|大中华|亚太|全球|北美|欧洲|亚洲|华东|华南|华北"
                            r"|华中|西南|西北|东北)区?|区域|业务)+$")
OFFICER_LEFT = re.compile(rf"[^{lx.NAME_AFTER}]{{2,8}}$")
NOT_A_FIRM = re.compile(r"(?:区|部|处|科|室|组|中心|机构|办|局|委|厅|站|所|[省市县镇乡村官员师人长]|运营|营销|销售|市场)$|[其该此]|协会|学会|商会|大厂|兼|部门|企业|^\d")


def find_officered(a: Analysis, g: gz.Gazetteer) -> None:
    """Companies named by an officer's post right after the name (甲电器副总裁, 乙钢铁董事长):
    what stands between the post and the clause's last break or function word, when it is
    name-like (no place, department, pronoun or adverb; one word only if a rare one). A
    suffixed name the rules found already stays whatever the span tagger thinks of it."""
    text = a.text
    for m in OFFICER.finditer(text):
        end = m.start()
        q = POST_QUALIFIER.search(text, max(0, end - 8), end)
        end = q.start() if q else end
        left = OFFICER_LEFT.search(text, max(0, end - 8), end)
        if not left or (left.start() and text[left.start() - 1] not in lx.NAME_AFTER):
            continue  # a name starts after a break: eight characters cut off mid-word are none
        start, name = left.start(), left.group()
        found = next((x for x in a.mentions if (x.start, x.end, x.label) == (start, end, "Company")), None)
        if found is not None:  # a legal name the suffix rule found: the post says it is one
            found.extra["listed"] = True
            continue
        if (lx.COMPANY_SUFFIX.search(name) and not brand_group(name)) or NOT_A_FIRM.search(name) or TRADE.search(name) \
                or a.covered(start, end) or not _officer_like(name, g):
            continue
        _add(a, start, end, "Company", listed=True)


def brand_group(name: str) -> bool:
    """小米集团, 蚂蚁集团 before an officer's post: a brand that is also a rarer common noun, which
    the suffix rule reads as a kind of company; a frequent one is a trade (汽车集团, 能源公司)."""
    core = re.sub(r"(?:集团公司|集团|公司)$", "", name)
    return core != name and len(_units(jieba.lcut(core))) == 1 and _tag(core).startswith(("n", "x", "eng")) \
        and _freq(core) < RARE and core not in lx.PROJECT_GENERIC and core not in lx.ROLE_NOUNS


def _officer_like(name: str, g: gz.Gazetteer) -> bool:
    """A company's name, not a phrase: its first word no pronoun, adverb, number or time, its
    others no verb or function word, not places alone, a single word only if a rare one."""
    if not _valid_name(name) or g.is_place(name) or name in lx.GENERIC_NAMES:
        return False
    words = _units(jieba.lcut(name))
    if (words[0] in lx.STOP_WORDS and len(words[0]) > 1) \
            or _tag(words[0]).startswith(("r", "d", "p", "c", "u", "q", "m", "t", "f")) \
            or (len(words[0]) == 1 and _tag(words[0]).startswith("v")) \
            or any(_tag(w).startswith(("v", "r", "d", "p", "c", "u")) and w not in NAME_VERBS for w in words[1:]) \
            or all(g.is_place(w) for w in words):
        return False
    return len(words) > 1 or (_specific(words[0], strict=True) and _freq(name) < RARE) or not lx.CJK.search(name)


ARRIVING = {"落户", "前来", "前往", "入驻", "投资", "建设", "合作", "考察", "参与", "配套", "进驻"}


def _company_like(name: str, g: gz.Gazetteer) -> bool:
    """A short company name: specific words (a brand, a foreign name), no verb, no place alone."""
    if g.is_place(name) or TRADE.search(name) or any(c in lx.PUNCT for c in name):
        return False
    if not (_valid_name(name) or re.fullmatch(r"[A-Za-z][A-Za-z&.\-]+", name)):
        return False
    words = _units(jieba.lcut(name))
    if any(w in ARRIVING or g.is_place(w) or _tag(w) == "ns"
           or (_tag(w).startswith(("v", "d", "p", "c", "r", "u", "m", "q", "t", "f")) and w not in NAME_VERBS)
           for w in words):
        return False
    return any(_specific(w, strict=True) or _tag(w) == "x" or not lx.CJK.search(w) for w in words)


def _enumeration_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of the items of 'A、B、C' ending at e (the position of 等)."""
    items = []
    for m in re.finditer(r"[^、和及\n]+", text[s:e]):
        part_s, part_e = s + m.start(), s + m.end()
        part = text[part_s:part_e]
        paren = re.search(r"[(（][^)）]*[)）]?$", part)  # 智慧城市产业园(地铁4号线…)
        if paren:
            part_e = part_s + paren.start()
        items.append((part_s, part_e))
    return items


SECTORS = re.compile(rf"{lx.SECTOR_WORDS}|民生")
# what 等…企业 says the items are when it names a trade, not a rank (龙头, 知名: names)
TRADES = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:配套|加工|上下游|相关|领域|行业|制造|生产)")
COUNTED = re.compile(r"等[\d一二三四五六七八九十两几多]")


def find_enumerated(a: Analysis, g: gz.Gazetteer) -> None:
    """Short names listed before 等…企业 / 等…项目 (来自徐工集团、卡特彼勒等26家企业)."""
    import re
    text = a.text
    pat = re.compile(r"等(?:\d+|[一二三四五六七八九十两几多]+)?(?:家|个|批|一批|多家|多个)?[“\"]?([\u4e00-\u9fff\d]{0,12}?)[”\"]?(企业|公司|项目|单位|厂商|厂家|大厂|巨头|供应商|制造商|车企|房企|药企)")
    for m in pat.finditer(text):
        kind = m.group(2)
        label = "Project" if kind == "项目" else None if kind == "单位" else "Company"
        if label is None or (label == "Project" and SECTORS.search(m.group(1)) and not COUNTED.match(m.group())):
            continue  # 新能源、电子信息等领域项目: the trades the projects are in (甲、乙等5个产业项目: names)
        # the list runs back over 、 separators to the start of its clause
        s = m.start()
        i = s
        while i > 0 and s - i < 200:
            if text[i - 1] == "\n":
                j = i - 1
                while j > 0 and text[j - 1] in "\n \t":
                    j -= 1
                if j > 0 and text[j - 1] == "、":  # a list broken over lines
                    i = j
                    continue
                break
            if text[i - 1] in lx.CLAUSE_BREAK and text[i - 1] not in "()（）":
                break
            i -= 1
        items = _enumeration_items(text, i, s)
        if not items:
            continue
        # the first item starts after the verb that introduces the list
        fs, fe = items[0]
        items[0] = (walk_left(text, fe, limit=fe - fs), fe)
        for (s0, e0) in items:
            surface = text[s0:e0].strip()
            for tail in ("项目",):
                if label == "Project" and surface.endswith(tail) and len(surface) > len(tail):
                    surface = surface[: -len(tail)]
            if not (2 <= len(surface) <= 16) or not _valid_name(surface):
                continue
            if any(w in surface for w in ("的", "了", "和", "与", "及", "等")) or surface.endswith(("企业", "单位")):
                continue
            words = _units(jieba.lcut(surface))
            stop = ("v", "d", "r", "t", "p", "c")
            if _tag(words[0]).startswith(stop) or any(_tag(w).startswith(stop) and w not in NAME_VERBS
                                                      for w in words[1:-1]):
                continue
            suffixed = label == "Company" and lx.COMPANY_SUFFIX.search(surface)
            if not suffixed and (not any(_specific(w, strict=True) for w in words)
                                or (label == "Company" and TRADES.fullmatch(m.group(1)))):
                continue  # 先进制造、现代物流: kinds of industry, not names (包装、冷链等配套企业)
            if g.is_place(surface):
                continue  # a place in the list (河曲、临汾等项目), not a name
            if re.search(r"[-—~]", surface):
                continue
            _add(a, s0, s0 + len(surface), label, surface, enumerated=True)


DOMESTIC = ("province", "prefecture", "county")  # the levels a company's name may open with


def place_before(text: str, s: int) -> int:
    """Where a place name read nowhere else stands after a break right before a legal name (，宁夏 +
    嘉瑞铝业科技有限公司), or before the brand jieba cut off it (；银川 + 天和 + 精密机床有限公司,
    深圳市 + 联创 + 精密电路…): the name's start."""
    g = gz.load()
    for brand in (0, 2, 3):
        chars = text[max(0, s - brand):s]
        if brand and (not re.fullmatch(r"[\u4e00-\u9fff]{%d}" % brand, chars) or chars[0] in BRAND_STOP or chars[0] in LEVEL_CHARS
                      or set(chars[1:]) & set(BRAND_STOP.replace("和", ""))):
            continue
        for k, divisions in g.forms_ending(text, s - brand, 6, ("full", "short")):
            if (k == 0 or not lx.CJK.match(text[k - 1])) and any(g.divisions[i].level in DOMESTIC for i in divisions):
                return k
    return s


# a word between a place and a name, no brand (和 may end one: 天和); nor does one open with a level (长垣|市和)
BRAND_STOP = "的在与及和是为了将把被对向从由等"
