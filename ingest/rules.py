"""Rule-based extraction over one cleaned article text.

Each function reads and extends an ``Analysis`` (the shared state a spaCy
component carries on ``doc._.kg``). Mentions are character spans, so the
evidence sentence and the displaCy view both come from the same offsets.
"""
from __future__ import annotations

import bisect
import re
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import jieba

from ingest import gazetteer as gz
from ingest import lexicon as lx

jieba.setLogLevel(logging.WARNING)
jieba.initialize()


@dataclass
class Mention:
    start: int
    end: int
    label: str          # Official, Place, Company, Organization, Project
    name: str           # canonical name
    text: str           # surface form
    place: int = -1     # gazetteer index for places
    extra: dict = field(default_factory=dict)


@dataclass
class Analysis:
    text: str           # the text matched against (Simplified)
    sents: list[tuple[int, int]] = field(default_factory=list)
    paras: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    amounts: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    home: dict[str, int] = field(default_factory=dict)   # level -> gazetteer index
    zones: dict[str, tuple[str, int]] = field(default_factory=dict)  # zone name -> (canonical, parent idx)

    def by_label(self, label: str) -> list[Mention]:
        return [m for m in self.mentions if m.label == label]

    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right([s for s, _ in self.sents], pos) - 1)

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right([s for s, _ in self.paras], pos) - 1)

    def covered(self, start: int, end: int, labels=("Company", "Organization", "Project")) -> bool:
        return any(m.start <= start and end <= m.end and (m.start, m.end) != (start, end)
                   for m in self.mentions if m.label in labels)


# ---- segmentation --------------------------------------------------------------
def split(a: Analysis) -> None:
    text = a.text
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            a.paras.append((pos, pos + len(line)))
        pos += len(line) + 1
    for m in lx.SENT_SPLIT.finditer(text):
        if m.end() > m.start() and text[m.start():m.end()].strip():
            a.sents.append((m.start(), m.end()))
    if not a.sents:
        a.sents.append((0, len(text)))


def clause_start(text: str, pos: int, limit: int = 30) -> int:
    i = pos
    while i > 0 and pos - i < limit and text[i - 1] not in lx.CLAUSE_BREAK and text[i - 1] != "、":
        i -= 1
    return i


_TAGS = None


def _tag(tok: str) -> str:
    global _TAGS
    if _TAGS is None:
        import jieba.posseg
        jieba.initialize()
        _TAGS = jieba.posseg.dt.word_tag_tab
    return _TAGS.get(tok, "x")


def _freq(tok: str) -> int:
    return jieba.dt.FREQ.get(tok, 0)


# Verbs that occur inside project and company names (研发制造基地, 封装测试项目).
NAME_VERBS = set("制造 研发 生产 加工 封装 测试 装配 组装 冶炼 养殖 种植 储能 发电 孵化 仓储 检测 应用 开发 创新 "
                 "智造 再生 回收 利用 处理 改造 扩建 升级 提升 传感 测控 服务 物流 配送 交易 展示 体验 培训 "
                 "示范 育种 加氢 充电 换电 供热 供水 治理 修复 制药 医疗 康养 运营 营销 结算 设计 集成 封测 维修".split())
STOP_TAGS = ("v", "p", "c", "u", "r", "d", "f", "q", "z", "y", "e", "o", "ad", "ud", "uj", "ul", "uv", "uz", "ug")
SINGLE_STOP = set("在由与和及的将把对为向从是等了抓上好急谈新各该本此其这那并又也还都就才更再以有用让给被经至到于如像比自来即仍均已正")
SPECIFIC_TAGS = ("x", "nz", "nt", "nr", "nrt", "ns", "eng", "j")


def _units(tokens: list[str]) -> list[str]:
    """Join single characters to the unknown word after them (中/强茂 -> 中强茂):
    jieba splits out-of-vocabulary names that way."""
    out: list[str] = []
    split: list[str] = []
    for t in tokens:  # 及云创 -> 及 / 云创
        if len(t) >= 3 and t[0] in SINGLE_STOP and _tag(t) == "x":
            split.extend([t[0], t[1:]])
        else:
            split.append(t)
    tokens = split
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if len(t) == 1 and t not in SINGLE_STOP and i + 1 < len(tokens) and _tag(tokens[i + 1]) == "x" \
                and lx.CJK.match(t) and lx.CJK.match(tokens[i + 1][:1]):
            out.append(t + tokens[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def walk_left(text: str, end: int, limit: int = 20, stop_places: bool = False, g=None,
              keep_adj: bool = True) -> int:
    """Start of the name phrase that ends at ``end``: tokens leftwards until a
    stop word, a function word or verb, a break, or the limit."""
    s = clause_start(text, end, limit)
    tokens = _units(jieba.lcut(text[s:end], HMM=True))
    start = end
    for n, tok in enumerate(reversed(tokens)):
        if tok in NAME_VERBS and n < 6:
            start -= len(tok)
            continue
        if tok in lx.STOP_WORDS or not tok.strip() or (any(c in lx.PUNCT for c in tok)
                                                       and not re.fullmatch(r"\d+\.\d+", tok)):
            break
        tag = _tag(tok)
        if tok not in NAME_VERBS and tag != "x":
            if tag.startswith(STOP_TAGS) and not (tag == "vn" and n == 0):
                if not (tag == "t" or (tag == "m" and n > 0)):
                    break
            if tag == "a" and n > 0 and not keep_adj:
                break
            if tag == "m" and n == 0:
                break
        if len(tok) == 1 and tok in SINGLE_STOP:
            break
        if stop_places and g is not None and tok in g.forms and start != end:
            kinds = {k for _, k in g.forms[tok]}
            if kinds & {"full", "short"}:
                break
        start -= len(tok)
    # an address before the name (中山南路142号…) is not part of it
    m = re.search(r"\d+号", text[start:end])
    if m:
        start += m.end()
    return start


# ---- amounts ---------------------------------------------------------------------
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> float | None:
    """一百五十 -> 150, 三点五 -> 3.5; None when it is not a number."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_number(whole) if whole else 0
        if w is None or not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (cur or 1) * _CN_UNITS[c]
            cur = 0
        else:
            return None
    return float(total + cur)


def parse_amount(text: str) -> dict | None:
    """'1.6亿元' -> {'amount_cny': 160000000, 'amount_text': '1.6亿元'}; other currencies keep text only."""
    m = lx.AMOUNT.fullmatch(text.strip())
    if not m:
        return None
    return _amount(m)


def _amount(m) -> dict | None:
    num = m.group("num")
    if num[0].isdigit():
        value = float(num.replace(",", ""))
    else:
        value = cn_number(num)
        if value is None:
            return None
    value *= lx.UNIT[m.group("unit")]
    out = {"amount_text": m.group(0), "currency": "CNY" if m.group("cur").startswith("元") else m.group("cur")}
    if out["currency"] == "CNY":
        out["amount_cny"] = int(round(value)) if abs(value - round(value)) < 1e-6 else value
    return out


def find_amounts(a: Analysis) -> None:
    for m in lx.AMOUNT.finditer(a.text):
        amt = _amount(m)
        if amt:
            amt.update(start=m.start(), end=m.end())
            a.amounts.append(amt)


# ---- companies and organizations -------------------------------------------------
def _add(a: Analysis, start: int, end: int, label: str, name: str | None = None, **extra) -> Mention | None:
    surface = a.text[start:end]
    name = name or surface
    if len(name) < 2 or name in lx.GENERIC_NAMES:
        return None
    for m in a.mentions:  # an overlapping longer mention wins
        if m.start < end and start < m.end:
            if m.end - m.start >= end - start:
                return None
    a.mentions = [m for m in a.mentions if not (m.start < end and start < m.end)]
    men = Mention(start, end, label, name, surface, extra=extra)
    a.mentions.append(men)
    return men


def _valid_name(core: str) -> bool:
    return bool(core) and lx.CJK.search(core) is not None and not core.isdigit()


def find_orgs(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in lx.COMPANY_SUFFIX.finditer(text):
        start = walk_left(text, m.start(), limit=20)
        core = text[start:m.start()]
        if not _valid_name(core) or len(core) < 2 or core in lx.GENERIC_NAMES or core[-1] in "分子总母":
            continue
        words = _units(jieba.lcut(core))
        if len(words) == 1 and not _specific(words[0], strict=True):
            continue  # 软件公司, 投资公司: a kind of company, not a name
        if (_tag(words[0]).startswith(("v", "d", "p", "c", "r", "u")) and words[0] not in NAME_VERBS) \
                or words[0] in SINGLE_STOP or "和" in core[1:-1]:
            continue
        while words and words[0] in lx.ROLE_NOUNS:
            start += len(words.pop(0))
        _add(a, start, m.end(), "Company")
    for m in lx.ORG_SUFFIX.finditer(text):
        start = walk_left(text, m.start(), limit=16, keep_adj=False)
        start = _cut_person(text, start, m.start(), g)
        core = text[start:m.start()]
        if not _valid_name(core) or len(core) < 2 or _tag(core) in ("a", "v") or text[start:m.end()] in lx.GENERIC_NAMES:
            continue
        _add(a, start, m.end(), "Organization")
    find_enumerated(a, g)


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


def find_enumerated(a: Analysis, g: gz.Gazetteer) -> None:
    """Short names listed before 等…企业 / 等…项目 (来自徐工集团、卡特彼勒等26家企业)."""
    import re
    text = a.text
    pat = re.compile(r"等(?:\d+|[一二三四五六七八九十两几多]+)?(?:家|个|批|一批|多家|多个)?[“\"]?([\u4e00-\u9fff\d]{0,12}?)[”\"]?(企业|公司|项目|单位)")
    for m in pat.finditer(text):
        kind = m.group(2)
        label = "Project" if kind == "项目" else "Company" if kind in ("企业", "公司") else None
        if label is None:
            continue
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
            if not suffixed and not any(_specific(w, strict=True) for w in words):
                continue  # 先进制造、现代物流: kinds of industry, not names
            if surface in g.forms and any(k != "weak" for _, k in g.forms[surface]):
                continue  # a place in the list (河曲、临汾等项目), not a name
            if re.search(r"[-—~]", surface):
                continue
            _add(a, s0, s0 + len(surface), label, surface, enumerated=True)


def _specific(tok: str, strict: bool = False) -> bool:
    """A token that names something (an unknown word, a proper noun, a rare noun)."""
    if tok in lx.PROJECT_GENERIC or tok in lx.STOP_WORDS or not lx.CJK.search(tok):
        return bool(re.search(r"\d", tok)) and bool(lx.CJK.search(tok))
    tag = _tag(tok)
    if tag in SPECIFIC_TAGS:
        return True
    if strict:
        return _freq(tok) < 100 and tag.startswith("n")
    return tag.startswith("n") and _freq(tok) < 3000 and len(tok) <= 3


def _generic_project(core: str, strict: bool = False, descriptive: bool = False) -> bool:
    """True when a project phrase has nothing that names it (优势产业项目, 冲刺项目)."""
    if re.search(r"[^\u4e00-\u9fff\d.A-Za-z·]", core) or re.search(r"\d+[个件类批项家]", core):
        return True
    words = _units(jieba.lcut(core))
    if len(words) == 1 and len(core) == 2 and _tag(core) == "x" and _tag(core[0]).startswith(("v", "d", "p")):
        return True  # 谈大, 聚力: a verb glued to a word, not a name
    if not words or (_tag(words[0]).startswith(("v", "a", "d", "r", "p", "m")) and words[0] not in NAME_VERBS
                     and _tag(words[0]) != "x"):
        return True
    if descriptive:  # 智能装备产业园: a described park is named by its nouns
        return not any(_tag(w).startswith("n") and w not in lx.PROJECT_GENERIC for w in words) \
            and not any(_specific(w, strict) for w in words)
    return not any(_specific(w, strict) for w in words)


# ---- places ------------------------------------------------------------------------
def _common_word(word: str, threshold: int = 2000) -> bool:
    """Frequent dictionary words that are not place names (东方, 老城区…)."""
    return jieba.dt.FREQ.get(word, 0) > threshold and _tag(word) != "ns"


def _glued(text: str, s: int, e: int) -> bool:
    """A short form that is part of another word (84项城建, 长治久安)."""
    if (s > 0 and _freq(text[s - 1:s + 1]) > 50) or (e < len(text) and _freq(text[e - 1:e + 1]) > 50):
        return True
    return any(_freq(text[s:e + j]) > 20 and _tag(text[s:e + j]) != "ns" for j in (1, 2) if e + j <= len(text))


def find_places(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    raw = []
    for s, e, form in g.scan(text):
        if a.covered(s, e):
            continue
        raw.append((s, e, form, g.forms[form]))
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
    chosen: list[tuple[int, int, str, int, str]] = []
    for n, (s, e, form, cands) in enumerate(raw):
        best, best_score, kind, best_rank = -1, -1.0, "", None
        mine = own.get(form, Counter())
        for idx, k in cands:
            score = sum(support[j] - mine[j] for j in g.ancestors(idx)) + 0.5 * (support[idx] - mine[idx])
            # ties go to the stronger form and the higher level (长沙 is 长沙市 before 长沙镇)
            rank = (score, k != "weak", -g.divisions[idx].rank())
            if best_rank is None or rank > best_rank:
                best, best_score, kind, best_rank = idx, score, k, rank
        d = g.divisions[best]
        ambiguous = len(cands) > 1
        if kind == "weak":
            full = d.name
            if full not in fulls_in_article:
                continue
        elif kind == "short":
            local = sum(support[j] for j in g.ancestors(best) if g.divisions[j].level != "province")
            city = d.level == "county" and d.name.endswith("市") and not ambiguous
            if d.level in ("county", "zone", "township") and local <= 0 and not city:
                continue
            if _glued(text, s, e):
                continue  # 84项城建: the form is half of another word
            if _common_word(form) and best_score <= 0:
                continue
            if form in gz.GENERIC_ZONES:
                continue  # resolved below against the article's own zones
        elif d.level == "township":
            if (ambiguous or len(d.name) < 3) and best_score <= 0:
                continue
            if not gz.TOWN_SUFFIX.search(d.name):
                continue
        elif _common_word(form, 20) and best_score <= 0:
            continue  # 老城区, 新城区: words before they are places
        elif len(form) == 2 and best_score <= 0:
            continue  # 和县, 矿区: two-character names need the article's context
        name = d.name
        if kind == "short" and d.level == "county" and e < len(text) and text[e] in "县市区" \
                and form + text[e] != d.name:
            name, e = form + text[e], e + 1  # an old name (旬阳县, now 旬阳市) keeps the article's form
        if ambiguous and best_score <= 0 and d.level in ("county", "zone"):
            best = -2  # name known, parent not: keep the name without a path
        chosen.append((s, e, form, best, name))
    for s, e, form, idx, name in chosen:
        men = _add(a, s, e, "Place", name)
        if men:
            men.place = idx
    _home(a, g)
    find_villages(a, g)
    find_zones(a, g)
    resolve_generic_zones(a, g)


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


def find_villages(a: Analysis, g: gz.Gazetteer) -> None:
    import re
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
                    men.place = -3
                    men.extra["parent"] = names[name]
                break


def find_zones(a: Analysis, g: gz.Gazetteer) -> None:
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
        if any(c in lx.PUNCT for c in mid) or any(w in mid for w in ("的", "和", "与", "及", "在", "是")):
            continue
        if g.divisions[p.place].level in ("township", "village") if p.place >= 0 else False:
            continue
        name = text[p.start:end]
        if p.text != p.name and not mid:
            # 徐州经开区 style forms are in the gazetteer already; here keep the written form
            pass
        parent = p.place
        a.mentions = [x for x in a.mentions if x is not p]
        men = _add(a, p.start, end, "Place", name)
        if men:
            men.place = -4
            men.extra["parent"] = parent
            a.zones[name] = (name, parent)
        places = sorted(a.by_label("Place"), key=lambda m: m.start)


def resolve_generic_zones(a: Analysis, g: gz.Gazetteer) -> None:
    """经开区/开发区/高新区 alone mean the article's own zone of that kind."""
    import re
    zones = [m for m in a.by_label("Place")
             if (m.place >= 0 and g.divisions[m.place].level == "zone") or m.place == -4]
    for m in a.by_label("Place"):
        if m.place >= 0:
            for j in g.ancestors(m.place):
                if g.divisions[j].level == "zone":
                    zones.append(Mention(-1, -1, "Place", g.divisions[j].name, g.divisions[j].name, place=j))
    if not zones:
        return
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


# ---- projects ---------------------------------------------------------------------------
def find_projects(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in lx.PROJECT_SUFFIX.finditer(text):
        if any(x.start <= m.start() < x.end for x in a.mentions if x.label in ("Company", "Organization")):
            continue
        start = walk_left(text, m.start(), limit=24, stop_places=True, g=g)
        # leading places are context, not part of the name (吴江区新材料产业园)
        for p in a.by_label("Place"):
            if p.start <= start < p.end < m.start():
                start = p.end
        core = text[start:m.start()]
        for s, e, form in g.scan(core):
            if s == 0 and any(k in ("full", "short") for _, k in g.forms[form]):
                start += e
                core = core[e:]
            break
        year = re.match(r"(?:\d{4}年|\d{1,2}月)+", core)
        if year:
            start += year.end()
            core = core[year.end():]
        descriptive = m.group(0) in DESCRIPTIVE_SUFFIXES
        if not core or not _valid_name(core) or "等" in core or "企业" in core \
                or _units(jieba.lcut(core))[0] in SINGLE_STOP \
                or _generic_project(core, descriptive=descriptive):
            continue
        suffix = m.group(0)
        name = core + suffix
        # 项目 after a named base/park is the same project (…基地项目)
        _add(a, start, m.end(), "Project", name)


# ---- officials -------------------------------------------------------------------------
def _person_name(text: str, pos: int) -> str | None:
    """A 2–3 character Chinese name starting at pos, or None."""
    single, double = gz.surnames()
    window = text[pos:pos + 6]
    if len(window) < 2 or not lx.CJK.match(window[0]):
        return None
    sur = 2 if window[:2] in double else 1 if window[0] in single else 0
    if not sur:
        return None
    toks = jieba.lcut(window)
    first = toks[0]
    name = None
    if len(first) == 1 and len(toks) > 1 and 1 <= len(toks[1]) <= 2 and lx.CJK.fullmatch(toks[1][0]):
        name = first + toks[1]
    elif 2 <= len(first) <= 3:
        name = first
    if name is None or len(name) > 3 + (sur - 1):
        name = window[:3] if len(window) >= 3 and window[2] not in lx.NAME_END_CHARS else window[:2]
    # the name ends before a verb (刘雷表示): a 3-character guess gives back its last character
    if len(name) == 3 and sur == 1 and text.startswith(lx.FOLLOW_VERBS, pos + 2) and _tag(name) != "nr":
        name = name[:2]
    if any(not lx.CJK.match(c) for c in name):
        return None
    after = text[pos + len(name):pos + len(name) + 1]
    if name[sur:] and all(c in lx.NAME_END_CHARS for c in name[sur:]) and after not in lx.PUNCT:
        return None
    # 罗文杰出席: jieba cut 罗文/杰出/席; a following verb after the third character settles it
    if len(name) == 2 and lx.CJK.match(window[2:3] or "x") and text.startswith(lx.FOLLOW_VERBS, pos + 3) \
            and not text.startswith(lx.FOLLOW_VERBS, pos + 2):
        name = window[:3]
    # 谢进才、: jieba cut 谢进/才, but a list separator after three characters ends the name there
    if len(name) == 2 and len(window) >= 4 and window[3] in "、，,。；" and lx.CJK.match(window[2]) \
            and window[2] not in "等和与及的了在是":
        name = window[:3]
    if _freq(name) > 500 and _tag(name) != "nr":  # a dictionary word (主要, 相关), not a person
        return None
    return name


def _names_after(text: str, pos: int) -> list[tuple[int, str]]:
    """Names at pos, and after it joined by 、 (市领导李欣、姚桂梅、戴雷)."""
    out = []
    while True:
        name = _person_name(text, pos)
        if not name:
            break
        out.append((pos, name))
        nxt = pos + len(name)
        if nxt < len(text) and text[nxt] in "、和及":
            pos = nxt + 1
            continue
        break
    return out


def find_officials(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    for m in lx.TITLE.finditer(text):
        title = m.group(0)
        before = text[max(0, m.start() - 4):m.start()]
        if any(before.endswith(w) for w in lx.NOT_OFFICIAL_BEFORE):
            continue
        names = _names_after(text, m.end())
        if not names:
            continue
        owner = _post_owner(a, g, m.start(), title)
        if owner and owner.get("company"):
            continue  # a post inside an enterprise
        if owner and "mention" in owner:
            shared = owner["mention"].end - m.start()
            # 盛泽镇党委书记: the post is 党委书记; 徐州市委书记: the post keeps 市 (市委书记)
            rest = title[shared:]
            if shared > 0 and lx.TITLE.fullmatch(rest):
                title = rest  # 吴江区区长: the post is 区长
        for pos, name in names:
            men = _add(a, pos, pos + len(name), "Official", name, title=title, owner=owner)
    for m in lx.LEADER_LIST.finditer(text):
        for pos, name in _names_after(text, m.end()):
            _add(a, pos, pos + len(name), "Official", name)
    # name + post (习近平总书记, 张克常委)
    for m in re.finditer(r"(?:总书记|常委|同志)", text):
        for n in (3, 2):
            s0 = m.start() - n
            if s0 < 0 or (n == 2 and s0 > 0 and lx.CJK.match(text[s0 - 1]) and text[s0 - 1] not in "，。、；：！？“”"
                          and _person_name(text, s0 - 1) == text[s0 - 1:m.start()]):
                continue
            cand = text[s0:m.start()]
            if s0 > 0 and _freq(text[s0 - 1:s0 + 1]) > 100:
                continue  # 相关负责同志: the name would start inside a word
            if any(c in cand for c in "委市县区省党政府人大协会长记主任书") or not lx.CJK.fullmatch(cand[0]):
                continue
            name = _person_name(text, s0)
            if name == cand:
                _add(a, s0, m.start(), "Official", name)
                break
    _spread_official_mentions(a)


def _spread_official_mentions(a: Analysis) -> None:
    """Count later bare mentions of a known official's name (宋乐伟指出…)."""
    known = {m.name for m in a.by_label("Official")}
    taken = {(m.start, m.end) for m in a.mentions}
    for name in known:
        i = a.text.find(name)
        while i >= 0:
            if (i, i + len(name)) not in taken and not any(x.start < i + len(name) and i < x.end for x in a.mentions):
                a.mentions.append(Mention(i, i + len(name), "Official", name, name))
            i = a.text.find(name, i + len(name))


def _post_owner(a: Analysis, g: gz.Gazetteer, pos: int, title: str) -> dict | None:
    """The place or organization a post belongs to: written right before it,
    or implied by the post and the article's home places."""
    text = a.text
    for x in sorted(a.mentions, key=lambda m: -m.end):
        shared = x.end - pos  # 徐州市委书记: 徐州市 and 市委书记 share 市
        if x.start < pos <= x.end <= pos + 3 and (shared == 0 or x.text.endswith(text[pos:x.end])):
            if x.label == "Place":
                return {"label": "Place", "mention": x}
            if x.label == "Organization":
                return {"label": "Organization", "mention": x}
            if x.label == "Company":
                return {"company": True}
    dept = _department_before(a, pos)
    if dept is not None:
        return {"label": "Organization", "mention": dept}
    # a company a few characters before (某某公司党委书记) owns the post too
    if any(x.label == "Company" and 0 <= pos - x.end <= 2 for x in a.mentions):
        return {"company": True}
    if text[max(0, pos - 1):pos] in lx.PUNCT or pos == 0 or True:
        if text[max(0, pos - 2):pos + 1] == "自治区" or title.startswith("自治区"):
            idx = a.home.get("province")
            return {"label": "Place", "implied": idx} if idx is not None else None
        for pat, level in lx.BODY_LEVEL:
            if pat.search(title):
                if level == "zone":
                    idx = _home_zone(a, g)
                    if idx is not None:
                        return {"label": "Place", "implied": idx}
                    level = "county"
                idx = a.home.get(level)
                if idx is not None:
                    return {"label": "Place", "implied": idx}
                break
    return None


DEPT_END = re.compile(r"(?:委员会|办公室|管理局|局|委|厅|署|办)$")
PARTY_BODY = re.compile(r"(?:[省市县区州旗盟镇乡]委|党委|党工委|纪委|工委|党组)$")


def _department_before(a: Analysis, pos: int) -> Mention | None:
    """A government department written right before a post (市发改委主任, 市商务局局长)."""
    text = a.text
    head = text[max(0, pos - 16):pos]
    if not DEPT_END.search(head) or PARTY_BODY.search(head):
        return None
    start = walk_left(text, pos, limit=14, keep_adj=False)
    if start > 1 and text[start - 1] == "和":  # 住房和城乡建设厅
        start = walk_left(text, start - 1, limit=10, keep_adj=False)
    name = text[start:pos]
    if len(name) < 3 or not lx.CJK.fullmatch(name[0]) or name in lx.GENERIC_NAMES:
        return None
    existing = next((m for m in a.mentions if m.start == start and m.end == pos), None)
    return existing or _add(a, start, pos, "Organization", name)


def _home_zone(a: Analysis, g: gz.Gazetteer):
    zones = Counter()
    for m in a.by_label("Place"):
        if (m.place >= 0 and g.divisions[m.place].level == "zone") or m.place == -4:
            zones[(m.name, m.place)] += 1
    if zones:
        (name, idx), _ = zones.most_common(1)[0]
        return ("zone", name, idx)
    return None


# ---- relations -----------------------------------------------------------------------------
def _specificity(g: gz.Gazetteer, m: Mention) -> int:
    if m.place >= 0:
        return gz.LEVEL_RANK[g.divisions[m.place].level] * 2 + (1 if g.divisions[m.place].level == "zone" else 0)
    return {-3: 8, -4: 5, -2: 4}.get(m.place, 3)


def _section_place(a: Analysis, g: gz.Gazetteer, pos: int) -> Mention | None:
    """The place a section is about: a heading line that is just a place name,
    or the place that opens the paragraph (大庙街道党工委书记…)."""
    pi = a.para_of(pos)
    ps, pe = a.paras[pi]
    places = a.by_label("Place")
    opener = [m for m in places if ps <= m.start < ps + 2]
    if opener and _specificity(g, opener[0]) >= 4:
        return opener[0]
    for j in range(pi - 1, max(-1, pi - 8), -1):
        s, e = a.paras[j]
        line = a.text[s:e].strip()
        heads = [m for m in places if s <= m.start and m.end <= e]
        if heads and len(line) <= len(heads[0].text) + 2 and heads[0].start - s <= 1:
            return heads[0] if _specificity(g, heads[0]) >= 4 else None
        if len(line) > 60:  # a body paragraph without a place opener ends the search
            opener = [m for m in places if s <= m.start < s + 2]
            if opener:
                return opener[0] if _specificity(g, opener[0]) >= 4 else None
    return None


DESCRIPTIVE_SUFFIXES = {"基地", "产业园", "科技园", "创新园", "产业城", "生产线", "综合体", "物流园", "接收站", "码头"}


BUILD_CUE = re.compile(r"投资|出资|注资|建设|兴建|打造|开发|承建|新建|扩建|签约|签订|签署|落户|布局|设立|引进")


def _invested_project(a: Analysis, c: Mention, projects: list[Mention]) -> Mention | None:
    """The project a company invests in or builds, when the sentence ties them:
    由C投资建设 / C投资…建设P / C拟在…投资建设P / P由C承建."""
    text = a.text
    before_c = text[max(0, c.start - 3):c.start]
    others = [m for m in a.mentions if m.label == "Company" and m is not c]
    for p in sorted(projects, key=lambda x: abs(x.start - c.start)):
        if p.start >= c.end:  # C … P
            between = text[c.end:p.start]
            if len(between) > 40 or any(c.end <= o.start < p.start for o in others):
                continue
            if BUILD_CUE.search(between) or between in ("的", ""):
                return p
        else:  # P … C
            between = text[p.end:c.start]
            if len(between) > 30 or any(p.end <= o.start < c.start for o in others):
                continue
            if "由" in before_c or re.search(r"投资方|建设方|承建方|业主|开发商|投资主体", between):
                return p
    return None


def _previous_project(a: Analysis, pos: int) -> list[Mention]:
    """The project an anaphor (该项目) refers to: the last one before pos in its paragraph."""
    ps, _ = a.paras[a.para_of(pos)]
    before = [p for p in a.by_label("Project") if ps <= p.start < pos]
    return [max(before, key=lambda p: p.start)] if before else []


def find_relations(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    sent_mentions: dict[int, list[Mention]] = defaultdict(list)
    for m in sorted(a.mentions, key=lambda m: m.start):
        sent_mentions[a.sent_of(m.start)].append(m)
    # LEADS
    for m in a.by_label("Official"):
        owner = m.extra.get("owner")
        if not owner or "title" not in m.extra:
            continue
        rel = {"type": "LEADS", "head": m, "title": m.extra["title"], "pos": m.start}
        if "mention" in owner:
            rel["tail"] = owner["mention"]
        elif "implied" in owner:
            rel["tail_implied"] = owner["implied"]
        else:
            continue
        a.relations.append(rel)
    # HOSTS
    projects = a.by_label("Project")
    seen_hosts = set()
    for p in projects:
        si = a.sent_of(p.start)
        places = [x for x in sent_mentions[si] if x.label == "Place" and _specificity(g, x) >= 2
                  and not (x.place >= 0 and g.divisions[x.place].level == "province")]
        host = None
        if places:
            best = max(_specificity(g, x) for x in places)
            cands = [x for x in places if _specificity(g, x) == best]
            host = min(cands, key=lambda x: abs(x.start - p.start))
        else:
            host = _section_place(a, g, p.start)
        if host and (host.name, p.name) not in seen_hosts:
            seen_hosts.add((host.name, p.name))
            a.relations.append({"type": "HOSTS", "head": host, "tail": p, "pos": p.start})
    # INVESTS_IN and project totals
    totals: dict[str, dict] = {}
    for amt in a.amounts:
        before = text[max(0, amt["start"] - 10):amt["start"]]
        if "固定资产" in text[max(0, amt["start"] - 12):amt["start"]]:
            continue
        si = a.sent_of(amt["start"])
        in_sent = [p for p in projects if a.sent_of(p.start) == si]
        target = None
        after = [p for p in in_sent if p.start >= amt["end"] and p.start - amt["end"] <= 3
                 and "的" in text[amt["end"]:p.start + 1]]
        if not lx.TOTAL_CUE.search(before):
            # 投资20亿元的X项目: a plain 投资 with the project right after is its total too
            if after and re.search(r"投资[约达超逾近为共计]*$", before):
                totals.setdefault(after[0].name, amt)
            continue
        if after:
            target = after[0]
        elif [p for p in in_sent if p.end <= amt["start"]]:
            target = [p for p in in_sent if p.end <= amt["start"]][-1]
        elif in_sent:
            target = in_sent[0]
        elif re.search(r"(?:该|此|这个|本)项目", text[max(0, amt["start"] - 12):amt["start"]]):
            target = next(iter(_previous_project(a, amt["start"])), None)
        else:
            later = [p for p in projects if p.start > amt["end"] and a.sent_of(p.start) - si <= 3]
            if later:
                target = later[0]
        if target and target.name not in totals:
            totals[target.name] = amt
    a.totals = totals
    for c in a.by_label("Company"):
        si = a.sent_of(c.start)
        sent_projects = [p for p in sent_mentions[si] if p.label == "Project"]
        if not sent_projects and re.search(r"(?:该|此|这个|本)项目", text[a.sents[si][0]:a.sents[si][1]]):
            sent_projects = _previous_project(a, c.start)
        if not sent_projects:
            continue
        p = _invested_project(a, c, sent_projects)
        if p is None:
            continue
        rel = {"type": "INVESTS_IN", "head": c, "tail": p, "pos": c.start}
        amt = next((x for x in a.amounts if a.sent_of(x["start"]) == si and x["start"] > c.end
                    and lx.INVEST_CUE.search(text[max(0, x["start"] - 6):x["start"]])
                    and "固定资产" not in text[max(0, x["start"] - 8):x["start"]]), None)
        if amt:
            rel["amount"] = amt
        a.relations.append(rel)
    # a single investor's stake is the project's total
    investors = Counter(r["tail"].name for r in a.relations if r["type"] == "INVESTS_IN")
    for r in a.relations:
        if r["type"] == "INVESTS_IN" and "amount" not in r and investors[r["tail"].name] == 1 \
                and r["tail"].name in totals:
            r["amount"] = totals[r["tail"].name]
