"""Projects and companies referred back to (该项目, 项目, 该基地, 这条公路; 公司, 该企业): what the
anaphor stands for; and the clauses that say who builds what a sentence is about (由甲公司投资建设,
甲、乙等单位承建)."""
from __future__ import annotations

import re

from ingest import lexicon as lx
from ingest.analysis import Analysis, Mention

# a project referred back to (该项目, 项目, 该基地, 这条公路), and what a clause that opens with one
# goes on with (由…投资, 总投资…, 拟…)
# (工程 is a kind too: 工程总投资… is about the works named …工程 before, not a bridge of it named since)
REFERENT = (r"(?:(?:该|此|这个|本|整个)?项目|(?:该|此|这个|本|整个|这条|这座)?(?P<kind>工程|(?<=[该此个本条座])"
            r"(?:园区|产业园|物流园|生产线|基地|工厂|厂|中心|隧道|大桥|桥|公路|高速|铁路|电站|园)))")
CLAUSE_ANAPHOR = re.compile(rf"(?:其中[，,]?)?{REFERENT}(?=[由总计拟将已])")
OPENING_ANAPHOR = re.compile(rf"\s*(?:其中[，,]?)?{REFERENT}(?!部|经理|师|建设者)")
# who builds it, said in a clause of its own: 由 + the company + a building verb (由甲公司投资6.2亿元建设),
# or the companies opening the clause (甲、乙等单位分标段承建)
BUILDS_AFTER = re.compile(r"[^，,。；;：:]{0,12}?(?:投资|出资|建设|承建|施工|兴建|开发|投入|筹措|筹集)")
LINKS = ("、", "和", "与", "及")
# …, or that they own it or build it under contract (甲公司作为项目业主负责建设管理, 乙公司承担工程EPC总承包,
# 丙、丁等单位为施工方)
BUILT_BY_LIST = re.compile(r"(?:等(?:单位|企业|公司|施工单位)?)?(?:(?:分(?:[两三四五六七八九十\d]+个)?标段|分段|联合|共同|负责)?(?:承建|施工|参建|投资建设|出资建设)|"
                           r"作为(?:项目)?业主|为(?:施工方|施工单位|总承包方|承建方|建设方|投资方)|承担[^，,。；;]{0,8}(?:总承包|施工))")
# what opens the clause before the company: nothing, 由 (the project's, when named: 项目由, 该工程由; or the money's:
# 其余4600万元由; or its parent's: 由甲集团在华全资子公司, 由甲公司在大陆设立的独资企业——), or 其中
LEAD = re.compile(rf"(?:{REFERENT})?由(?:[^，,。；;]{{2,30}}?(?:(?:全资|控股)?子公司|旗下企业|下属企业|"
                  rf"(?:全资|独资|投资)?设立的(?:独资企业|全资子公司|子公司|企业)?)[—－-]*)?|其中|"
                  rf"(?:其余|剩余|余下)?(?:[\d.]+[万亿]*元)?(?:资金)?由")


def antecedent(a: Analysis, pos: int, kind: str | None) -> Mention | None:
    """The project an anaphor at pos refers to: the last one named before it in its paragraph, or
    in the paragraph before when its own names none (该基地, 工程: the last of that kind in these or
    the two paragraphs before, if any)."""
    pi = a.para_of(pos)
    before, of_kind = [], []
    for back in range(3):  # (or two paragraphs up, over one about something else: its history, its site)
        if pi < back:
            break
        end = pos if back == 0 else a.paras[pi - back + 1][0]
        named = [p for p in a.by_label("Project") if a.paras[pi - back][0] <= p.start < end]
        before = before or named
        of_kind = of_kind or [p for p in named if kind and p.name.endswith(kind)]
    return max(of_kind or before, key=lambda p: p.start) if before else None


def referred_project(a: Analysis, si: int, c: Mention) -> tuple[Mention, Mention] | None:
    """(the project, a stand-in for it at the anaphor) when a clause before the company opens
    with one and the paragraph named a project before it."""
    s = a.sents[si][0]
    ref = None
    for m in CLAUSE_ANAPHOR.finditer(a.text, s, c.start):
        if not a.text[s:m.start()].strip() or a.text[m.start() - 1] in "，,；;":
            ref = m
    p = antecedent(a, s, ref["kind"]) if ref is not None else None
    if p is None:
        return None
    k = ref.end() - 2
    return p, Mention(k, ref.end(), "Project", p.name, a.text[k:ref.end()])


def clause_builder(a: Analysis, c: Mention) -> bool:
    """The company opens a clause that says it invests in or builds what the sentence is about:
    由 + the company (由甲公司投资建设, 工程由乙公司施工), or a list of builders (甲、乙等单位分标段承建,
    丙公司作为项目业主负责建设管理)."""
    text, companies = a.text, a.by_label("Company")
    starts, ends = {m.start: m for m in companies}, {m.end: m for m in companies}
    first, end = c, c.end
    while text[first.start - 1:first.start] in LINKS and first.start - 1 in ends:  # 乙 of 甲、乙等单位承建
        first = ends[first.start - 1]
    while text[end:end + 1] in LINKS and end + 1 in starts:
        end = starts[end + 1].end
    s = a.sents[a.sent_of(c.start)][0]
    lead = text[max([s] + [text.rfind(x, s, first.start) + 1 for x in "，,；;：:"]):first.start]
    if lead and not LEAD.fullmatch(lead):
        return False
    return bool((BUILDS_AFTER if lead else BUILT_BY_LIST).match(text, end))


# a project referred back to: 该项目, or a bare 项目 / 工程 opening a clause (据公告，项目投资总额为…)
ANAPHOR = re.compile(r"(?:该|此|这个|本|整个|(?<![\u4e00-\u9fff]))(?:项目|工程)(?![\u4e00-\u9fff]*(?:项目|工程))")


def previous_project(a: Analysis, pos: int) -> list[Mention]:
    """The project an anaphor (该项目) refers to: the last one before pos in its paragraph."""
    p = antecedent(a, pos, None)
    return [p] if p else []


# a company referred back to at a clause's head, as the one that invests (公司投资5.2亿元建设的…, 该企业拟投资…,
# 公司在高新区投资…)
COMPANY_REFERENT = re.compile(r"(?<![\u4e00-\u9fff])(?:该|这家|此)?(?:公司|企业)"
                              r"(?=(?:计划|拟|将|已|共|累计|总)?(?:在[\u4e00-\u9fff]{2,10}?)?(?:投资|出资|斥资))")


def referred_companies(a: Analysis) -> list[tuple[Mention, Mention]]:
    """(the company, a stand-in for it at the anaphor) for each company referred back to: the last
    one named before it in its paragraph or the one before."""
    out = []
    companies = sorted(a.by_label("Company"), key=lambda m: m.start)
    for m in COMPANY_REFERENT.finditer(a.text):
        pi = a.para_of(m.start())
        ps = a.paras[max(0, pi - 1)][0]
        before = [c for c in companies if ps <= c.start and c.end <= m.start()]
        if before:
            c = before[-1]
            out.append((c, Mention(m.start(), m.end(), "Company", c.name, m.group())))
    return out


# a company's full legal name (…有限公司), not a short form
FULL_LEGAL_NAME = re.compile(rf"(?:{lx.LIMITED_FORMS}|株式会社)[)）]?$")
# what opens a clause whose subject is a company (a break, 其中，, 此外，) and what follows it up to what it builds
CLAUSE_OPENS = re.compile(r"(?:^|[。；;\n]|(?:其中|此外|另外|同时)[，,])$")
SUBJECT_BUILDS = re.compile(r"(?:将|拟|计划|则|还|也)?(?:分别)?(?:总)?投资[^，,。；;]{1,30}?元(?:人民币)?"
                            r"(?:[、和及][^，,。；;]{1,12}?元)*[，,]?(?:(?:在|于)[^，,。；;]{1,20}?)?(?:新建|建设|兴建|扩建)")
SIGNS = re.compile(r"(?:正式|现场|成功)?(?:签约|签订|签署)了?")


def said_outright(text: str, c: Mention, p: Mention) -> dict:
    """How the text ties company c to project p beyond doubt, if it does ({"via": …}, else {}): its legal
    name written right before it (甲有限公司年产…项目: adjacent), the subject of its clause with its money
    and what it builds said next (；甲公司分别投资…，在乙县建设丙…: subject), or the company a place signs
    with for the project named right after (甲区与乙公司签约丙项目: signed)."""
    if p.start == c.end and FULL_LEGAL_NAME.search(c.text):
        return {"via": "adjacent"}
    if CLAUSE_OPENS.search(text, 0, c.start) and SUBJECT_BUILDS.fullmatch(text, c.end, p.start):
        return {"via": "subject"}
    if text[c.start - 1:c.start] == "与" and SIGNS.fullmatch(text, c.end, p.start):
        return {"via": "signed"}
    return {}
