"""The tagger's spans in the analysis: cleaned to names, filtered, and put in place of the
rules' company/organization/project mentions."""
from __future__ import annotations

import re

import jieba

from ingest.analysis import SINGLE_STOP, Analysis, Mention, _tag, _units

LEARNED = ("Company", "Organization", "Project")
OPENERS = ("p", "c", "r", "d", "u")  # a name does not start with a preposition, conjunction, pronoun…
CLAUSE = re.compile(r"[，,。；;：:！？!?\n]")


PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", "】": "【", "》": "《", ")": "(", "）": "（"}


def trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The name inside a tagged span: no clause break in it, nothing before an
    unopened closing quote, no leading function word (由该平台公司对”万盛… -> 万盛…)."""
    if CLAUSE.search(text[s:e]):
        return None
    for k in range(e - 1, s - 1, -1):
        c = text[k]
        if c in PAIRS and PAIRS[c] not in text[s:k]:
            s = k + 1
            break
    opens = {v: k for k, v in PAIRS.items()}
    for k in range(e - 1, s - 1, -1):  # an opening quote never closed in the span: the name is inside
        c = text[k]
        if c in opens and opens[c] not in text[k:e]:
            s = k + 1
            break
    while s < e and text[s] in "\"' ":
        s += 1
    while s < e:
        words = _units(jieba.lcut(text[s:e]))
        first = words[0]
        if len(words) > 1 and ((len(first) == 1 and first in SINGLE_STOP) or _tag(first).startswith(OPENERS)):
            s += len(first)
            continue
        break
    return (s, e) if e - s >= 2 else None


# Institution names are head-final: a learned organization ends with the kind of institution it
# is (party and government bodies come from the rules, as the owners of posts)
ORG_HEAD = re.compile(r"(?:大学|学院|学校|中学|小学|幼儿园|党校|研究院|研究所|研究中心|科学院|工程院|设计院|实验室|"
                      r"医院|卫生院|法院|检察院|派出所|公安局|公安分局|中心|协会|学会|基金会|联合会|商会|工商联|"
                      r"银行|工作站|博物馆|图书馆|研究会|促进会)$")
# a clause, not a name: a copula or a linking verb inside (成渝客运专线是…, 汶九高速起于…),
# a list (甲、乙), or a project's site office (…项目部, an organization)
NOT_A_NAME = re.compile(r"是|起于|止于|[东南西北][接连]|中的|、|项目部$")
LEGAL = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|集团公司|总公司)$")
PARENT = re.compile(r".*(?:全资子公司|控股子公司|子公司|旗下|下属)")


def company_bounds(a: Analysis, s: int, e: int) -> tuple[int, int]:
    """A legal name starts with its place (重庆 + 中金国泰旅游发展有限公司) and after the
    parent it is introduced by (艾迪西全资子公司 + 嘉兴艾迪西暖通科技有限公司)."""
    m = PARENT.match(a.text, s, e)
    if m and e - m.end() >= 4:
        return m.end(), e
    if LEGAL.search(a.text[s:e]):
        for p in a.mentions:
            if p.label == "Place" and p.end == s and p.end - p.start <= 6 and "市委" not in p.text:
                return p.start, e
    return s, e


RULE_BELIEF = 0.3  # a rule span the tagger gives at least this probability stays beside its own spans


def _name_like(label: str, name: str) -> bool:
    if label == "Organization":
        return bool(ORG_HEAD.search(name)) and not re.match(r"\d", name)
    return not (label == "Project" and NOT_A_NAME.search(name))


def _only_places(text: str, n: Mention, places: list[Mention]) -> bool:
    rest = list(text[n.start:n.end])
    inside = [p for p in places if n.start <= p.start and p.end <= n.end]
    for p in inside:
        for k in range(p.start, p.end):
            rest[k - n.start] = ""
    return len(inside) >= 2 and not "".join(rest).strip("—－-~、和及与至 ")


def replace_spans(a: Analysis, spans, beliefs: dict | None = None) -> None:
    """spans: (start, end, label, confidence). Rule mentions of the learned types go;
    a place inside a learned span goes too (昆山 in a company name). Officials and the
    places and bodies their posts belong to stay, and spans over them are dropped."""
    text = a.text
    owners = {id(m.extra["owner"]["mention"]) for m in a.mentions
              if m.label == "Official" and "mention" in (m.extra.get("owner") or {})}
    protected = [m for m in a.mentions if m.label == "Official" or id(m) in owners]
    believed = {k: p for k, p in (beliefs or {}).items() if p >= RULE_BELIEF}
    keep = [m for m in a.mentions if m.label not in LEARNED or id(m) in owners]
    # companies the text itself lists as such (甲、乙等18家企业) stay whatever the tagger thinks
    listed = {(m.start, m.end, m.label) for m in a.mentions if m.label == "Company" and m.extra.get("enumerated")}
    kept_rule = [m for m in a.mentions if m.label in LEARNED and id(m) not in owners
                 and ((m.start, m.end, m.label) in believed or (m.start, m.end, m.label) in listed)
                 and _name_like(m.label, m.name)]
    for m in kept_rule:
        m.extra["confidence"] = round((beliefs or {}).get((m.start, m.end, m.label), RULE_BELIEF), 3)
    new = []
    for s, e, lab, conf in spans:
        cut = trim(text, s, e)
        if cut is None:
            continue
        s, e = company_bounds(a, *cut) if lab == "Company" else cut
        name = text[s:e]
        if not _name_like(lab, name):
            continue
        if not any("\u4e00" <= c <= "\u9fff" or c.isalpha() for c in name):
            continue
        if any(m.start < s + len(name) and s < m.end for m in protected):
            continue
        new.append(Mention(s, s + len(name), lab, name, name, extra={"confidence": round(conf, 3)}))
    # a place strictly inside a learned name goes; a learned span that is a place, or cuts one, goes;
    # so does one made of places alone (长寿—涪陵—南川: a route described, not a name)
    places = [m for m in keep if m.label == "Place"]
    new = [n for n in new if not _only_places(text, n, places)]
    new = [n for n in new if not any(p.start < n.end and n.start < p.end
                                     and not (n.start <= p.start and p.end <= n.end and (p.start, p.end) != (n.start, n.end))
                                     for p in places)]
    keep = [m for m in keep if not any(n.start <= m.start and m.end <= n.end for n in new)]
    new = [n for n in new if not any(m.start < n.end and n.start < m.end for m in keep)]
    keep += [m for m in kept_rule if not any(n.start < m.end and m.start < n.end for n in new + keep)]
    a.mentions = sorted(keep + new, key=lambda m: m.start)
