"""The state every rule reads and extends (``Analysis``, carried on ``doc._.kg``),
and the segmentation and name-phrase helpers the rule modules share."""
from __future__ import annotations

import bisect
import itertools
import re
import logging
from dataclasses import dataclass, field

import jieba

from ingest import lexicon as lx

jieba.setLogLevel(logging.WARNING)
jieba.initialize()


# a place the gazetteer lacks, by what it is (Mention.place): a village, a zone, a township
VILLAGE, ZONE, TOWN = -3, -4, -5


@dataclass
class Mention:
    """A character span, so the evidence sentence and the displaCy view come from the same offsets."""
    start: int
    end: int
    label: str          # Official, Place, Company, Organization, Project
    name: str           # canonical name
    text: str           # surface form
    place: int = -1     # gazetteer index for places (or VILLAGE, ZONE, TOWN)
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
    priors: dict[str, float] = field(default_factory=dict)  # measured precision of rule-made items, by type
    date: str | None = None  # the article's date (YYYY-MM-DD): which division names were in use
    words: list[str] | None = None  # the tokenizer's words, when the pipeline cut the text

    def by_label(self, label: str) -> list[Mention]:
        return [m for m in self.mentions if m.label == label]

    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right([s for s, _ in self.sents], pos) - 1)

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right([s for s, _ in self.paras], pos) - 1)

    def without_mentions(self, start: int, end: int, labels=None) -> str:
        """text[start:end] with the mentions inside it (of labels, or all) taken out
        (甲公司、乙公司和 -> 、和; 建设荆门 -> 建设)."""
        out = list(self.text[start:end])
        for m in self.mentions:
            if start <= m.start and m.end <= end and (labels is None or m.label in labels):
                out[m.start - start:m.end - start] = [""] * (m.end - m.start)
        return "".join(out)

    def place_run_start(self, end: int) -> int:
        """Where the run of place mentions that ends at end starts (重庆市奉节县 before …); end
        itself when no place ends there."""
        starts = {m.end: m.start for m in self.mentions if m.label == "Place"}
        while end in starts:
            end = starts[end]
        return end

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
                 "示范 育种 加氢 充电 换电 供热 供水 治理 修复 制药 医疗 康养 运营 营销 结算 设计 集成 封测 维修 "
                 "标准化 现代化 工业化 "
                 # what a machine or a plant does, inside its name (传动部件, 抽水蓄能, 起重装备, 农光互补)
                 "传动 输送 驱动 起重 抽水 互补 制冷 冷冻 变电 输电 供电 灌溉 过滤 焊接 铸造 锻造 压铸 注塑 冲压 涂装 "
                 "印刷 包装 烘焙 酿造 提取 萃取 洗选 采选 拆解 联运 转化 储运 装卸 中转 集散 脱硫 备用 应急 调蓄 引水 排涝 防洪 "
                 "迁建 搬迁 扩容 扩能 扩产 复建 修缮".split())
# Verbs that are part of a government body's name (发展和改革委员会, 市场监督管理局, 自然资源和规划局).
BODY_VERBS = set("发展 改革 管理 监督 规划 保护 促进 建设 执法 审计 监察 统计 招商 合作 服务 运输 应急 投资 扶贫 开发".split())
LEVEL_CHARS = set("省市县区州盟旗乡镇")  # 县 + 市场监督管理局
STOP_TAGS = ("v", "p", "c", "u", "r", "d", "f", "q", "z", "y", "e", "o", "ad", "ud", "uj", "ul", "uv", "uz", "ug")
SINGLE_STOP = set("在由与和及的将把对为向从是等了设抓上好急谈新各该本此其这那并又也还都就才更再以有用让给被经至到于如像比自来即仍均已正而继接但据")
# a function character that opens brands' names of two (正泰, 正邦, 正立) more often than it glues
# onto the next word (新, 以, 有, 接 glue: 新签, 以满足, 有过); over the corpus, only 正
NAME_OPENERS = set("正")
SPECIFIC_TAGS = ("x", "nz", "nt", "nr", "nrt", "ns", "eng", "j")


def _units(tokens: list[str]) -> list[str]:
    """Join single characters to the unknown word after them (中/强茂 -> 中强茂):
    jieba splits out-of-vocabulary names that way."""
    out: list[str] = []
    split: list[str] = []
    for t in tokens:  # 及云创 -> 及 / 云创; 据市 (+ 发改委) -> 据 / 市; 据锦辉 -> 据 / 锦辉; not 正泰, 以岭
        if len(t) >= 2 and _tag(t) == "x" and t[0] in SINGLE_STOP and not (len(t) == 2 and t[0] in NAME_OPENERS):
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



def word_spans(words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word of a text cut into words."""
    out, i = [], 0
    for w in words:
        out.append((i, i + len(w), w))
        i += len(w)
    return out

DEMONSTRATIVES = {"该", "本", "此", "这", "其"}


def points_to(word: str, after: str) -> bool:
    """word is a pointer and after the one character it points to (该|厅 + 公路管理局): neither
    is part of the name after them."""
    return word in DEMONSTRATIVES and len(after) == 1


def walk_left(text: str, end: int, limit: int = 20, stop_places: bool = False, g=None,
              keep_adj: bool = True, body: bool = False, lead: tuple = (), does: bool = False) -> int:
    """Start of the name phrase that ends at ``end``: tokens leftwards until a
    stop word, a function word or verb, a break, or the limit (body: the name of a
    government body, whose verbs are part of it; lead: words taken where the walk starts,
    with the name verbs among them, stop words elsewhere; does: the word where the walk starts
    may be a verb, what a site does: 联运 + 物流园). A 中 that jieba cut off the name's start is
    taken back."""
    s = clause_start(text, end, limit)
    if s and text[s - 1] not in lx.CLAUSE_BREAK and text[s - 1] != "、":
        s = _word_start_after(text, s, end)
    tokens = _units(jieba.lcut(text[s:end], HMM=True))
    start = end
    leading = True
    glued = False
    rev = tokens[::-1]
    for n, tok in enumerate(rev):
        if n and tok == lx.INNER_SCOPE and n + 1 < len(rev) and _names(rev[n + 1]):
            start -= len(tok)  # 高黎贡山|国际|旅游度假区, 北京|国际|信托: inside a name, after a name
            glued = True
            continue
        leading = leading and bool(lead) and (tok in lead or tok in NAME_VERBS)  # 交通|投资, 建设|开发
        if leading or (tok in NAME_VERBS and n < 6) or (body and (tok in BODY_VERBS or tok in LEVEL_CHARS)):
            start -= len(tok)
            continue
        if tok == "中" and n > 0 and _opens(rev[n + 1] if n + 1 < len(rev) else None):
            start -= 1  # 中|铝, 中|金国|泰文: a name that begins with 中, which jieba cut off
            continue
        if tok in lx.STOP_WORDS or not tok.strip() or (any(c in lx.PUNCT for c in tok)
                                                       and not re.fullmatch(r"\d+\.\d+", tok)):
            if n and points_to(tok, rev[n - 1]) and start < end - 1:
                start += 1
            break
        tag = _tag(tok)
        if tok not in NAME_VERBS and tag != "x":
            if tag.startswith(STOP_TAGS) and not ((tag == "vn" or does and tag == "v" and len(tok) > 1)
                                                  and (n == 0 or body)):
                if not (tag == "t" or (tag == "m" and n > 0)):
                    break
            if tag == "a" and n > 0 and not keep_adj:
                break
            if tag == "m" and n == 0:
                break
        if len(tok) == 1 and tok in SINGLE_STOP:
            break
        if stop_places and g is not None and tok in g.forms and start != end \
                and not (glued and rev[n - 1] == lx.INNER_SCOPE):
            kinds = {k for _, k in g.forms[tok]}
            if kinds & {"full", "short"}:
                break
        start -= len(tok)
    # an address before the name (中山南路142号…) is not part of it
    m = re.search(r"\d+号", text[start:end])
    if m:
        start += m.end()
    return start


def _word_start_after(text: str, s: int, end: int) -> int:
    """The first word start at or after s, the words read with what stands before s: a
    walk's limit inside a word (青海|省海南藏族自治州…, 1998|年中国…) starts at the next word."""
    c = clause_start(text, s, 6)
    starts = [c + k for k in (0, *word_ends(jieba.lcut(text[c:end], HMM=True)))]
    return next((k for k in starts if k >= s), s)


def post_owners(a: Analysis) -> set[int]:
    """ids of the mentions an official's post belongs to (the place or body of 某某市市长)."""
    return {id(m.extra["owner"]["mention"]) for m in a.mentions
            if m.label == "Official" and "mention" in (m.extra.get("owner") or {})}


def word_ends(words: list[str]) -> list[int]:
    """Where each word ends, counted from the start of the first."""
    return list(itertools.accumulate(len(w) for w in words))


def role_lead(text: str, s: int, e: int) -> int | None:
    """Where a company's name starts after the role written before it (大股东 + 鞍钢集团), when the
    role ends where a word does (not 企业 of 企业家) and a name of two characters or more is left."""
    role = lx.ROLE_LEAD.match(text, s, e)
    # (a party, 方, ends its word whatever jieba glues to it: 社会资本|方中交…)
    if role and e - role.end() >= 2 and (role.group().endswith("方")
                                         or role.end() - s in word_ends(jieba.lcut(text[s:e]))):
        return role.end()
    return None


def _names(w: str) -> bool:
    """w names something a scope word may follow inside a name (a place, a proper noun)."""
    return w not in lx.STOP_WORDS and (_tag(w) == "ns" or _specific(w, strict=True))


def _opens(w: str | None) -> bool:
    """The token w before another lets a name begin there: nothing, a break, a stop word, a
    preposition, a verb or a conjunction (在|中铝; not 过程|中, where 中 is 'in')."""
    if w is None:
        return True
    return (any(c in lx.PUNCT for c in w) or not w.strip() or w in lx.STOP_WORDS or w in SINGLE_STOP
            or _tag(w) == "v" or _tag(w).startswith(("p", "c", "u")))


def bracket_start(text: str, start: int) -> int:
    """A legal name with its place in brackets inside it (锦辉(荆州)硅能科技有限公司): given the
    start found after the bracket, the start of the whole name."""
    if start < 4 or text[start - 1] not in ")）":
        return start
    m = re.search(r"[(（]([\u4e00-\u9fff]{2,6})$", text[max(0, start - 9):start - 1])
    if not m:
        return start
    opening = start - 1 - len(m.group(0))
    head = walk_left(text, opening, limit=8)
    return head if opening - head >= 2 else start


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


def after_builder(a: Analysis, start: int, end: int) -> int:
    """A project's name starts after the builder written before it (中铁隧道局 + 大瑞铁路项目部)."""
    return max([start] + [m.end for m in a.mentions if m.label == "Company" and m.extra.get("sure")
                          and m.start <= start < m.end < end - 1])


def _valid_name(core: str) -> bool:
    return bool(core) and lx.CJK.search(core) is not None and not core.isdigit()


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
