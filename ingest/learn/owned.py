"""Projects named right after the company that builds them (由甲公司投资建设的 + 精密铝压铸件项目,
甲公司出资5200万元，在园区建设 + 一次性医用耗材生产基地): descriptive names, which the tagger,
trained mostly on names with a proper noun in front, misses or cuts. The builder before them
vouches for them."""
from __future__ import annotations

import re

from ingest.analysis import Analysis, Mention
from ingest.lexicon import LEGAL_NAME_END
from ingest.referents import COMPANY_REFERENT

HEAD = r"(?:项目|生产线|生产基地|基地|产业园|工程|工厂|特大桥|大桥|隧道|电站|水库|码头)"
# 建设 / 投资建设 / 新建 + (的) + a name running to its head, the longest head of the run of characters
CHARS = r"[^\s，,。；;：:、！？“”\"（）()的和及与在将并]"
# (or carries out: 实施的 + …项目; puts a sum into: 投资1500万美元的 + 精密模具项目; signs an agreement for: 签订了 +
# LED封装项目 + 投资协议; a centre is a head here too: …创新中心)
BUILT = re.compile(rf"(?:(?:投资|出资)?(?:建设|新建|兴建|扩建|投建|实施)(?:的)?|(?:承建|施工)的|(?:投资|出资)[\d.]+[万亿]*(?:美元|欧元|港元|元)的|"
                   rf"(?:签订|签署)了?(?=[^，,。；;]{{2,24}}?项目(?:投资|合作)?(?:协议|合同)))"
                   rf"(?P<name>{CHARS}{{2,24}}?(?:{HEAD}|中心))(?!{CHARS}{{0,3}}(?:{HEAD}|中心))")
# the names listed after one (…产业园、起重机械检测中心及配套零部件精密铸造项目)
LISTED = re.compile(rf"(?:、|及|和|与|以及)(?P<name>{CHARS}{{2,24}}?(?:{HEAD}|中心))(?!{CHARS}{{0,3}}(?:{HEAD}|中心))")
# a name that opens its clause and is built by the company after 由 (…，第二污水处理厂由甲公司投资建设)
BUILT_BY = re.compile(rf"(?:^|(?<=[，,。；;：:\n的]))(?P<name>{CHARS}{{2,24}}?(?:{HEAD}|厂|中心))由(?=[^，,。；;]{{2,30}}?"
                      rf"(?:投资|出资)?(?:建设|承建|兴建|新建|扩建|施工))")
NEAR = 30  # characters between the company and the building verb, at most
CONFIDENCE = 0.6


def owned_projects(a: Analysis, companies: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of each name built by one of the companies (or by a company referred back to:
    公司投资…建设的): named before it in its sentence, or right after the name and 由."""
    text, out = a.text, []
    companies = companies + [Mention(m.start(), m.end(), "Company", m.group(), m.group())  # 公司投资…建设的
                             for m in COMPANY_REFERENT.finditer(text)]
    for m in BUILT.finditer(text):
        s, e = m.span("name")
        si = a.sent_of(m.start())
        ss = a.sents[si][0]
        if any(ss <= c.start and c.end <= m.start() and m.start() - c.end <= NEAR for c in companies):
            out.append((s, e))
            while (more := LISTED.match(text, e)) is not None:
                s, e = more.span("name")
                out.append((s, e))
    for m in BUILT_BY.finditer(text):
        if any(c.start == m.end() for c in companies):
            out.append(m.span("name"))
    return out


def brand_led(a: Analysis, new: list[Mention]) -> list[Mention]:
    """A company the tagger read at the start of a project the rules read whole (菲斯特新能源汽车 +
    精密零部件生产基地项目), not by its legal name, is the project's name: the gold names a project
    with its brand, and a company named only inside a project name is optional."""
    rule_projects = [m for m in a.mentions if m.label == "Project"]
    for n in [n for n in new if n.label == "Company" and not LEGAL_NAME_END.search(n.name)]:
        whole = next((m for m in rule_projects if m.start == n.start and m.end - n.end >= 4), None)
        if whole is None or any(x is not n and x.start < whole.end and whole.start < x.end for x in new):
            continue
        new = [x for x in new if x is not n] + [Mention(whole.start, whole.end, "Project", whole.name, whole.text,
                                                        extra={"confidence": n.extra.get("confidence", CONFIDENCE)})]
    return new
