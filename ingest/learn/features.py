"""Character features for the span tagger: the characters around, the tokenizer's
word and its jieba tag, and the label the rules gave (the CRF learns when to trust them)."""
from __future__ import annotations

import os
import re

import jieba

from ingest.analysis import _freq, _tag
from ingest.learn import known
from ingest.lexicon import CLAUSE_BREAK

# Head nouns that end names, and verbs that come before them: the tagger sees the
# nearest one on each side, so it can find a name's boundaries beyond its window.
HEADS = re.compile("|".join(sorted(
    "项目 工程 基地 产业园 园区 工业园 科技园 产业城 公路 高速公路 高速 铁路 高铁 城际 轨道交通 地铁 线 隧道 大桥 桥 "
    "机场 港 港口 码头 航道 电站 电厂 水库 管道 生产线 厂 工厂 矿 煤矿 矿山 中心 综合体 小镇 基础设施 "
    "公司 有限公司 集团 银行 大学 学院 研究院 研究所 医院 局 委员会 委 厅 部 办 协会 学会 中学 小学 "
    "枢纽 立交 改造 扩建 一期 二期 三期".split(), key=len, reverse=True)))
CUES = re.compile("|".join(sorted(
    "建设 投资 签约 签订 签署 落户 开工 动工 奠基 竣工 投产 实施 推进 启动 新建 扩建 改建 兴建 承建 引进 规划 "
    "建成 通车 开通 完成 总投资 计划 拟 由 与 和 及 在 位于 为 的 是 将 对 把".split(), key=len, reverse=True)))


# Trade words that end a company's short name after a brand (燕京啤酒, 山西证券, 住友化学,
# 南玻股份): the tagger sees where a brand-like word meets one and learns how far to trust it.
TRADE_WORDS = frozenset(
    "汽车 轿车 啤酒 证券 银行 化学 电工 光电 重工 机械 钢铁 药业 控股 实业 股份 科技 电子 电气 轮胎 百货 "
    "地产 置业 能源 新材 技术 智能 创业 奶业 食品 乳业 水泥 建工 航空 物流 保险 信托 传媒 通信 电器 "
    "家电 制药 医药 化工 纺织 服装 矿业 煤业 电力 石化 造船 船舶 环保 水务 物产 商贸 集团 光伏 新能源".split())
BRAND_TAGS = frozenset("nz nr nrt nrfg x eng j nt ns".split())
BRAND_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}")


def _brand(w: str) -> bool:
    """A word that can be a brand: a proper noun, a rare noun, a Latin word, a place's
    bare name (山西证券; 徐州市医药 is an industry of a place, not a brand)."""
    if not BRAND_WORD.fullmatch(w) or w[-1] in "省市县区镇乡":
        return False
    t = _tag(w)
    return t in BRAND_TAGS or (t.startswith("n") and _freq(w) < 100) or w.isascii()


# Heads that a trade word can be the modifier of, inside a longer name
LONGER_NAME = frozenset("项目 工程 基地 产业园 园区 工业园 科技园 产业城 生产线 工厂 厂 综合体 小镇 公司 有限公司".split())


def _goes_on(words: list[str], k: int) -> bool:
    """The trade word is inside a longer name (比亚迪新能源汽车零部件项目): the nouns after it
    run on to a project's or a company's head, not to what the company has (LG化学偏光片业务)."""
    for w in words[k + 1:k + 5]:
        if w in LONGER_NAME:
            return True
        if not BRAND_WORD.match(w) or _tag(w).startswith(("v", "p", "c", "u", "d", "r", "t", "f", "y", "e", "o")):
            return False
    return False


def trade_layer(n: int, words: list[str]) -> list[str]:
    """Per character: B/I where a brand-like word is followed by a trade word, else '-'."""
    lab = ["tw=-"] * n
    i = 0
    for k, w in enumerate(words):
        if k and w in TRADE_WORDS and _brand(words[k - 1]) and not _goes_on(words, k):
            s = i - len(words[k - 1])
            lab[s] = "tw=B"
            for j in range(s + 1, i + len(w)):
                lab[j] = "tw=I"
        i += len(w)
    return lab


def _kind(c: str) -> str:
    if "\u4e00" <= c <= "\u9fff":
        return "h"
    if c.isdigit():
        return "d"
    if c.isascii() and c.isalpha():
        return "a"
    return "p"


SPACES = re.compile(r"\r\n|\s")


def doc_words(doc, text: str) -> list[str] | None:
    """The jieba words of text as the spaCy tokenizer cut them (a space or a run of
    newlines it folded together are single words again), or None when they do not spell text."""
    words = []
    for t in doc:  # jieba gives each whitespace character a word of its own (\r\n one)
        words += SPACES.findall(t.text) if t.text.isspace() else [t.text]
        words += SPACES.findall(t.whitespace_)
    return words if "".join(words) == text else None


def segment(text: str) -> list[str]:
    """The text's words as the pipeline's tokenizer cuts them: jieba's, or pkuseg's when
    GOVKG_PKUSEG_MODEL picks it, so the tagger trains on the words it will read."""
    if os.environ.get("GOVKG_PKUSEG_MODEL"):
        from ingest.pipeline import nlp  # imported here: the pipeline imports this module
        words = doc_words(nlp().make_doc(text), text)
        if words is not None:
            return words
    return jieba.lcut(text, HMM=True)


def word_layer(text: str, words: list[str] | None = None) -> tuple[list[str], list[str], list[str], list[str]]:
    """Per character: its word, B/M/E/S position, the word's tag, and the previous
    and next words (as one string 'prev|next'); words: the tokenizer's words, if known."""
    n = len(text)
    word, pos, tag, ctx = [""] * n, [""] * n, [""] * n, [""] * n
    words = words if words is not None else segment(text)
    i = 0
    for k, w in enumerate(words):
        t = _tag(w)
        prev = words[k - 1] if k else "^"
        nxt = words[k + 1] if k + 1 < len(words) else "$"
        for j in range(len(w)):
            word[i + j] = w
            tag[i + j] = t
            pos[i + j] = "S" if len(w) == 1 else "B" if j == 0 else "E" if j == len(w) - 1 else "M"
            ctx[i + j] = prev + "|" + nxt
        i += len(w)
    return word, pos, tag, ctx


def _bucket(d: int) -> str:
    return str(d) if d < 4 else "4-7" if d < 8 else "8-15" if d < 16 else "far"


def reach_layer(text: str) -> list[str]:
    """Per character: the next head noun to the right and the last cue to the left in its clause."""
    n = len(text)
    right, left = ["nk=-"] * n, ["pc=-"] * n
    heads = [(m.start(), m.group()) for m in HEADS.finditer(text)]
    cues = [(m.end(), m.group()) for m in CUES.finditer(text)]
    nxt = None
    j = len(heads) - 1
    for i in range(n - 1, -1, -1):
        if text[i] in CLAUSE_BREAK:
            nxt = None
        while j >= 0 and heads[j][0] >= i:
            nxt = heads[j]
            j -= 1
        if nxt is not None and nxt[0] - i < 16:
            right[i] = f"nk={nxt[1]}:{_bucket(nxt[0] - i)}"
    last = None
    j = 0
    for i in range(n):
        if text[i] in CLAUSE_BREAK:
            last = None
        while j < len(cues) and cues[j][0] <= i:
            last = cues[j]
            j += 1
        if last is not None and i - last[0] < 16:
            left[i] = f"pc={last[1]}:{_bucket(i - last[0])}"
    return [r + "|" + l for r, l in zip(right, left)]


def rule_layer(n: int, mentions) -> list[str]:
    """Per character: the rules' label with B/I (O where they found nothing)."""
    lab = ["O"] * n
    for m in mentions:
        for k in range(m.start, min(m.end, n)):
            lab[k] = ("B-" if k == m.start else "I-") + m.label
    return lab


def _columns(text: str, start: int, end: int, layers) -> tuple[list[list[str]], list[list[str]]]:
    """The features of text[start:end] as columns (one list per feature, one entry per
    character): the 19 the public-corpus tagger reads too, the 3 rule labels, the trade-name mark and
    the known-company mark.
    Built a column at a time; a word's context features once per word."""
    word, pos, tag, ctx, rule, reach, trade, company = layers
    n = end - start
    chars = list(text[start:end])
    pad = ["^", "^", *chars, "$", "$"]          # pad[j + 2] is text[start + j]
    pairs = [a + b for a, b in zip(pad, pad[1:])]  # pairs[j] = pad[j] + pad[j + 1]
    kinds = [_kind(c) for c in pad]
    contexts: dict[str, tuple[str, str, str, str]] = {}  # a word's 'prev|next' -> its four features

    def context(c: str) -> tuple[str, str, str, str]:
        prev, _, nxt = c.partition("|")
        return "pw=" + prev, "nw=" + nxt, "pt=" + _tag(prev), "nt=" + _tag(nxt)

    around = [contexts.get(c) or contexts.setdefault(c, context(c)) for c in ctx[start:end]]
    pws, nws, pts, nts = map(list, zip(*around)) if around else ([], [], [], [])
    wps = ["wp=" + p for p in pos[start:end]]
    ts = ["t=" + t + p for t, p in zip(tag[start:end], pos[start:end])]
    words = ["w=" + w for w in word[start:end]]
    split: dict[str, list[str]] = {}
    reaches = [split.get(r) or split.setdefault(r, r.split("|")) for r in reach[start:end]]
    base = [
        ["c=" + c for c in chars], ["p1=" + c for c in pad[1:n + 1]], ["p2=" + c for c in pad[:n]],
        ["n1=" + c for c in pad[3:n + 3]], ["n2=" + c for c in pad[4:n + 4]],
        ["p1c=" + b for b in pairs[1:n + 1]], ["cn1=" + b for b in pairs[2:n + 2]],
        ["p2p1=" + b for b in pairs[:n]], ["n1n2=" + b for b in pairs[3:n + 3]],
        ["k=" + k + k1 + k2 for k, k1, k2 in zip(kinds[2:n + 2], kinds[1:n + 1], kinds[3:n + 3])],
        words, wps, ts, pws, nws, pts, nts,
        [r[0] for r in reaches], [r[1] for r in reaches],
    ]
    labels = rule[start:end]
    rules = [["r=" + r for r in labels], ["rp=" + r for r in ["^", *labels[:-1]]],
             ["rn=" + r for r in [*labels[1:], "$"]], trade[start:end], company[start:end]]
    return base, rules


def sequence(text: str, start: int, end: int, layers, rules: bool = True) -> list[list[str]]:
    """The feature lists of the characters text[start:end] (rules=False: without the
    rule labels, i.e. public_view of the same)."""
    base, rule_cols = _columns(text, start, end, layers)
    return list(map(list, zip(*base, *rule_cols))) if rules else list(map(list, zip(*base)))


def stacked(text: str, start: int, end: int, layers, public_tag) -> list[list[str]]:
    """with_public(sequence(...), public_tag(public_view(sequence(...)))), each list built once."""
    base, rule_cols = _columns(text, start, end, layers)
    tags = public_tag(list(zip(*base)))
    pub = [["pub=" + t for t in tags], ["pubp=" + t for t in ["^", *tags[:-1]]],
           ["pubn=" + t for t in [*tags[1:], "$"]]]
    return list(map(list, zip(*base, *rule_cols, *pub)))


def layers(text: str, mentions, words: list[str] | None = None) -> tuple:
    words = words if words is not None else segment(text)
    return (*word_layer(text, words), rule_layer(len(text), mentions), reach_layer(text),
            trade_layer(len(text), words), known.layer(text, words))


RULE_FEATURES = ("r=", "rp=", "rn=", "tw=", "kc=")


def public_view(seq: list[list[str]]) -> list[list[str]]:
    """The features the public-corpus tagger reads: no rule labels (its corpora have none)."""
    return [[f for f in feats if not f.startswith(RULE_FEATURES)] for feats in seq]


def with_public(seq: list[list[str]], tags: list[str]) -> list[list[str]]:
    """Add the public-corpus tagger's labels around each character as features."""
    n = len(tags)
    return [feats + ["pub=" + tags[i], "pubp=" + (tags[i - 1] if i else "^"),
                     "pubn=" + (tags[i + 1] if i + 1 < n else "$")] for i, feats in enumerate(seq)]
