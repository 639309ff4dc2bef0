"""Companies named side by side with a company (中国通号和中国中铁、中国铁建并称…; 燕京、嘉士伯等):
a name listed with a company is a company, when it reads as one company's name."""
from __future__ import annotations

import re

from ingest import gazetteer as gz
from ingest.analysis import NAME_VERBS, SINGLE_STOP, Analysis, Mention, _tag, post_owners, word_spans
from ingest.coref import unify_companies
from ingest.learn import known
from ingest.learn.known import acceptable
from ingest.lexicon import COMPANY_POSTS, COORD, POSTS, PROJECT_SUFFIX, PUNCT, ROLE_NOUNS

# the precision of the peers added under cross-validation (dev and annotated articles, six fold deals: 101 of 122)
PEER_CONFIDENCE = 0.83
MAJOR_CONFIDENCE = 0.83  # of the names it adds under cross-validation, 50 of 60 are gold or optional ones
# a word no name ends or starts with: an adverb, a preposition, a conjunction, a particle, a pronoun…
STOP_TAGS = ("d", "p", "c", "u", "r", "f", "y", "e", "o", "w", "m", "q", "t", "ad")  # t: 近日, 此前 (斯巴鲁近日)
# what listed companies do next, tagged as nouns by jieba (ARM合作, 国泰君安预测, 慈济合作)
NEXT_VERBS = {"合作", "合资", "联手", "携手", "预测", "有关", "争相"}
# a public body or a person's post is listed beside companies too (印度当地政府, 铁道部; …轮值主席);
# known.acceptable turns down the departments (…局, …委, …厅, …办)
NOT_PEER = re.compile(rf"(?:政府|部|署|院|所|会|中心)$|{'|'.join(COMPANY_POSTS)}|{POSTS}|委员|代表|所辖|"
                      r"高层|专家|厂商|车队|部分|地区$|产量|价格|"  # people and groups of them (四川公司高层, 部分日本厂商); an area, a figure
                      r"股权|[%％]|[A-Za-z]+\d+$|"  # a stake (…49%股权), a model (威麟G5)
                      r"^(?:东南亚|东亚|南亚|中东|北美|南美|拉美|欧洲|西欧|东欧|非洲|亚太|亚洲)$")  # a region
MAX_WORDS = 4


def _stops(w: str) -> bool:
    tag = _tag(w)
    if tag.startswith(("t", "ad")) and _major(w):
        return False  # 现代 is a time word and Hyundai
    return (not w.strip() or any(c in PUNCT for c in w) or w == "等" or w in NEXT_VERBS or bool(COORD.fullmatch(w)) or w.isdigit()
            or tag.startswith(STOP_TAGS) or (tag in ("v", "vd", "vg", "vi", "vq") and w not in NAME_VERBS and w != "控股"))


def _country_end(name: str, last: str) -> bool:
    """A country ends no company's name (目光投向 + 印度), save China after a brand's (大众中国)."""
    return last in gz.countries() and (last != "中国" or name == last)


def _major(w: str) -> bool:
    pattern = known.major()
    return pattern is not None and pattern.fullmatch(w) is not None


def _role(w: str) -> bool:
    """A role, not a name: 供应商, 批发商, 品牌拥有者 (what a list of companies names by kind)."""
    return w in ROLE_NOUNS or (len(w) >= 2 and w[-1] in "商者" and _tag(w).startswith("n"))


def _peer(words, k: int, step: int) -> tuple[int, int] | None:
    """The word span of the name that starts (step 1) or ends (step -1) at word k."""
    got = []
    while 0 <= k < len(words) and len(got) < MAX_WORDS and not _stops(words[k][2]):
        got.append(k)
        k += step
    got.sort()
    if not got or _role(words[got[-1]][2]):
        return None
    return words[got[0]][0], words[got[-1]][1]


def add_listed_companies(a: Analysis) -> None:
    """Each company's peers in a list (、 和 及 与), read word by word to either side."""
    if not a.words:
        return
    words = word_spans(a.words)
    at_start = {s: k for k, (s, _, _) in enumerate(words)}
    at_end = {e: k for k, (_, e, _) in enumerate(words)}
    taken = [(m.start, m.end) for m in a.mentions]
    loose = _loose_places(a)
    todo = [m for m in a.mentions if m.label == "Company"]
    while todo:
        m = todo.pop()
        for k, step in ((at_start.get(m.end), 1), (at_end.get(m.start), -1)):
            if k is None or not COORD.fullmatch(words[k][2]):
                continue
            span = _peer(words, k + step, step)
            if span is None:
                continue
            s, e = span
            name = a.text[s:e]
            # a place that opens the name is part of it (上海佳豪, 山西汾酒), as in the tagger's names
            inner = {(p.start, p.end): p for p in loose if s <= p.start and p.end < e}
            # not jieba's 局已 or 而惠氏, not a project (中石油和壳牌合资石化项目)
            if any(x < e and s < y for x, y in taken if (x, y) not in inner) \
                    or not 2 <= len(name) <= 10 or NOT_PEER.search(name) \
                    or {name[0], name[-1]} & SINGLE_STOP or PROJECT_SUFFIX.search(name) or not acceptable(name) \
                    or _country_end(name, words[at_end[e]][2]):
                continue
            peer = Mention(s, e, "Company", name, name, extra={"confidence": PEER_CONFIDENCE, "listed": True})
            gone = {id(p) for p in inner.values()}
            a.mentions = [x for x in a.mentions if id(x) not in gone]
            a.mentions.append(peer)
            taken.append((s, e))
            todo.append(peer)  # its own peers further along the list
    a.mentions.sort(key=lambda x: x.start)


def _loose_places(a: Analysis) -> list[Mention]:
    """Place mentions nothing leans on: no relation and no official's post reads them."""
    held = {id(r[k]) for r in a.relations for k in ("head", "tail") if k in r}
    held |= post_owners(a)
    return [m for m in a.mentions if m.label == "Place" and id(m) not in held]


def add_major_companies(a: Analysis) -> None:
    """A major group named bare (三星, 鞍钢, 中石化) is a company wherever it stands as whole
    words outside every other name: the list is hand-compiled, its names stand for one company."""
    pattern = known.major()
    if pattern is None or not a.words:
        return
    words = word_spans(a.words)
    starts, ends = {s for s, _, _ in words}, {e for _, e, _ in words}
    for m in pattern.finditer(a.text):
        s, e = m.span()
        if s in starts and e in ends and not any(x.start < e and s < x.end for x in a.mentions):
            a.mentions.append(Mention(s, e, "Company", m.group(), m.group(), extra={"confidence": MAJOR_CONFIDENCE}))
    a.mentions.sort(key=lambda x: x.start)
    unify_companies(a)  # 中石化 beside 中国石化集团: one company


def add_companies(a: Analysis) -> None:
    """The pipeline's govkg_peers: the major groups named bare, then every company's listed peers
    (theirs too: 韩国三星、住友化学、日东电工)."""
    add_major_companies(a)
    add_listed_companies(a)
