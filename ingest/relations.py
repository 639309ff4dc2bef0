"""Relations between mentions: LEADS, HOSTS, INVESTS_IN and project totals."""
from __future__ import annotations

import re
from collections import defaultdict

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import Analysis, Mention
from ingest.project_names import INSTITUTION
from ingest.projects import COUNTS
from ingest.referents import (ANAPHOR, BUILDS_AFTER, OPENING_ANAPHOR, REFERENT, antecedent, clause_builder, previous_project,
                              referred_companies, referred_project, said_outright)
from ingest.respective import listed_places, respective_sites, respective_totals
from ingest.sections import scene_place, section_place, specificity
from ingest.signing import signing_place


SITED = re.compile(r"(?:位于|坐落于|坐落在|地处|落户于|落户在|落户|选址于|选址在|选址)")
# what stands for the project before (该项目, 该基地, a hospital's or school's 新院区, 新校区)
SITE_ANAPHOR = re.compile(rf"(?:{REFERENT}|新院区|新校区|新厂区)$")


def _sited(a: Analysis, sent_mentions) -> list[tuple[Mention, list[Mention]]]:
    """A project followed by a site verb and places (X位于重庆市奉节县与巫山县交界, 项目位于…: the
    sentence's first project, or the last one before when a sentence opens with it): the places
    listed, the most specific of each chain (重庆市奉节县)."""
    out = []
    for cue in SITED.finditer(a.text):
        si = a.sent_of(cue.start())
        projects = [m for m in sent_mentions[si] if m.label == "Project" and m.end <= cue.start()]
        if not projects and SITE_ANAPHOR.fullmatch(a.text[a.sents[si][0]:cue.start()].strip()):
            projects = previous_project(a, cue.start())  # 签约甲项目。该项目选址…: the project named before
        opening = OPENING_ANAPHOR.match(a.text, *a.sents[si]) if not projects else None
        if opening:  # 该基地由甲公司投资建设，落户乙开发区: the sentence is about the project named before
            projects = [p for p in [antecedent(a, a.sents[si][0], opening["kind"])] if p is not None]
            if projects and not re.search(r"[，,]", a.text[opening.end():cue.start()]):
                projects = []  # (the clause right after the anaphor is the test above's)
        if not projects:
            continue
        p = projects[-1]
        gap = a.text[p.end:cue.start()]
        if len(gap) > 4 or any(c in lx.CLAUSE_BREAK for c in gap):
            clause = re.split(r"[，,；;：:]", a.text[a.sents[si][0]:cue.start()])[-1]
            subject = projects[0].start - a.sents[si][0] <= 2 and len(projects) == 1
            if not (SITE_ANAPHOR.search(clause) and len(clause) <= 4) and not (subject and not clause.strip()):
                continue
            p = projects[0]  # 小三峡隧道为…工程，项目位于… / 甲基地由乙公司投资建设，落户…: the sentence's subject
        sites = listed_places(a, cue.end())
        if sites:
            out.append((p, sites))
    return out


BUILD_CUE = re.compile(r"投资|出资|注资|建设|兴建|打造|开发|承建|新建|扩建|签约|签订|签署|落户|布局|设立|引进")


SITE_CUE = re.compile(r"(?:在|落户|落户于|位于|选址|落地|坐落于|布局)$")


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


def _list_end(p: Mention, in_sent: list[Mention], text: str) -> bool:
    """p ends a list of projects (甲项目、乙项目和丙项目): what follows is said of them all."""
    prev = max((q for q in in_sent if q.end <= p.start), key=lambda q: q.end, default=None)
    between = text[prev.end:p.start] if prev is not None else None
    return between is not None and bool(lx.COORD.fullmatch(between) or re.fullmatch(r"[，,\s]", between))


def _list_start(p: Mention, in_sent: list[Mention], text: str) -> bool:
    """p opens a list of projects (投资452亿元建设甲项目和乙项目): what comes before is said of them all."""
    return any(lx.COORD.fullmatch(text[p.end:q.start]) for q in in_sent if q.start >= p.end)


def _subject_project(a: Analysis, si: int, in_sent: list[Mention], carried: bool = False) -> Mention | None:
    """The project a sentence is about: named first (X项目是…) or referred back to at its start (该项目, 该产业园);
    carried: or, for a sentence that goes on after a semicolon naming none, the one before's."""
    s, e = a.sents[si]
    ref = OPENING_ANAPHOR.match(a.text, s, e)
    if ref:  # 该项目 / 项目 / 该产业园 + …: the last project (of that kind) before
        return antecedent(a, s, ref["kind"])
    first = min(in_sent, key=lambda p: p.start, default=None)
    if first is not None and first.start - s <= 2:
        return first
    if carried and not in_sent and si > 0 and a.text[s - 1:s] in "；;" and a.para_of(s) == a.para_of(a.sents[si - 1][0]):
        return _subject_project(a, si - 1, [p for p in a.by_label("Project") if a.sent_of(p.start) == si - 1])
    return None


# a total after a project's name nobody read (某某项目总投资…) or after a count of projects (共签约43个
# 项目，总投资…; 签约项目26个，总投资…; 项目共15个，总投资…; 15个重点项目集中开工 总投资…) is that
# project's or their sum, not the next project's
COUNTED = r"[\d一二三四五六七八九十两几]+[个项批][^，,。；]{0,8}(?:项目|工程)[^。；]{0,10}"
UNREAD_OR_SUM = re.compile(rf"(?:(?:项目|工程)(?:共计|共|合计)?(?:\d+[个项])?[，,]?|{COUNTED}){lx.TOTAL_WORDS}[^，,。；]{{0,3}}$")
COUNTED_SUM = re.compile(rf"{COUNTED}{lx.TOTAL_WORDS}[^，,。；]{{0,3}}$")


def _fronts(a: Analysis, place: Mention, p: Mention, sent: list[Mention]) -> bool:
    """The place stands right before the project, or before the list of projects it ends."""
    if place.end > p.start or a.text[p.start:p.start + 1] in "至到—-":  # 武汉至上海: a route
        return False
    between = list(a.text[place.end:p.start])
    listed = [x for x in sent if x.label == "Project" and place.end <= x.start and x.end <= p.start]
    for x in listed:
        between[x.start - place.end:x.end - place.end] = [""] * (x.end - x.start)
    rest = "".join(between)
    return rest == "" or (bool(listed) and re.fullmatch(r"[、和及与]+", rest) is not None)


def find_relations(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    sent_mentions: dict[int, list[Mention]] = defaultdict(list)
    for m in sorted(a.mentions, key=lambda m: m.start):
        sent_mentions[a.sent_of(m.start)].append(m)
    # LEADS
    for m in a.by_label("Official"):
        if "title" not in m.extra:
            continue
        # its post, and the earlier posts of a chain (市委常委、副市长 of the article's city; 市委常委、组织部部长
        # of a department the text does not name)
        for title, owner in [(m.extra["title"], m.extra.get("owner") or {}), *m.extra.get("also", ())]:
            if "mention" in owner or "implied" in owner:
                a.relations.append({"type": "LEADS", "head": m, "title": title, "pos": m.start,
                                    **({"tail": owner["mention"]} if "mention" in owner
                                       else {"tail_implied": owner["implied"]})})
    # HOSTS
    projects = a.by_label("Project")
    seen_hosts = set()
    for p, site, others in respective_sites(a, projects):  # 甲、乙分别落户A县和B镇
        seen_hosts.add((site.name, p.name))
        seen_hosts.update((o.name, p.name) for o in others)  # (no other site listed hosts it)
        a.relations.append({"type": "HOSTS", "head": site, "tail": p, "pos": p.start, "via": "site",
                            "not": [o.name for o in others]})
    for p, sites in _sited(a, sent_mentions):  # X位于河南、湖北两省境内: each listed place
        for host in sites:
            if (host.name, p.name) not in seen_hosts:
                seen_hosts.add((host.name, p.name))
                a.relations.append({"type": "HOSTS", "head": host, "tail": p, "pos": p.start, "via": "site"})
    for p in projects:
        si = a.sent_of(p.start)
        places = [x for x in sent_mentions[si] if x.label == "Place" and specificity(g, x) >= 2
                  and not (x.place >= 0 and g.divisions[x.place].level == "province")
                  and not bound_elsewhere(a, x, p)]
        host, via = None, "sentence"
        if places:
            best = max(specificity(g, x) for x in places)
            cands = [x for x in places if specificity(g, x) == best]
            host = min(cands, key=lambda x: abs(x.start - p.start))
            # the place written before the names (蒲县豹子沟煤矿和万家庄煤矿), or the one that signs for them
            # (甲县与乙公司签约丙项目)
            front = next((x for x in places if _fronts(a, x, p, sent_mentions[si])), None) \
                or signing_place(a, g, p, places)
            if front is not None:
                host, via = front, "site"
            else:
                chain = a.place_run_start(host.start)  # 在睢宁县庆安镇: the cue stands before the places that contain the host
                if SITE_CUE.search(text[max(0, chain - 3):chain]):
                    via = "site"  # 在/落户/位于 + the place: where the project is, said outright
        elif (scene := scene_place(a, si)) is not None:  # 在甲镇，…；乙公司…建设的丙项目: the scene set before
            host, via = scene, "site"
        else:
            host, via = section_place(a, g, p.start), "section"
        if host and (host.name, p.name) not in seen_hosts:
            seen_hosts.add((host.name, p.name))
            a.relations.append({"type": "HOSTS", "head": host, "tail": p, "pos": p.start, "via": via})
    # INVESTS_IN and project totals
    totals: dict[str, dict] = respective_totals(a, projects)
    ahead: dict[str, dict] = {}  # totals read before their project is named: each yields to the project's own
    for amt in a.amounts:
        if any(t is amt for t in totals.values()):
            continue
        before = text[max(0, amt["start"] - 10):amt["start"]]
        if "固定资产" in text[max(0, amt["start"] - 12):amt["start"]]:
            continue
        si = a.sent_of(amt["start"])
        if COUNTED_SUM.search(text, a.sents[si][0], amt["start"]):
            continue  # 三个项目总投资…: their sum, whoever was named before
        in_sent = [p for p in projects if a.sent_of(p.start) == si]
        target = None
        after = [p for p in in_sent if p.start >= amt["end"] and p.start - amt["end"] <= 3
                 and "的" in text[amt["end"]:p.start + 1]]
        plain = re.search(r"(?:投资|斥资|耗资|出资|投入)[约达超逾近为共计]*$", before)
        # X项目(总)投资20亿元: the project written right before the cue
        right_before = [p for p in in_sent if p.end <= amt["start"] and amt["start"] - p.end <= 8
                        and re.fullmatch(r"(?:总|计划|预计|拟|概算)?(?:总)?投资(?:总额)?[约达超逾近为共计]*",
                                         text[p.end:amt["start"]])]
        subject = _subject_project(a, si, in_sent)
        # 投资27亿元建设X项目: what the money builds
        built = [p for p in in_sent if p.start >= amt["end"]
                 and re.fullmatch(r"(?:人民币)?[，,]?(?:最终|逐步|并|将)?(?:用于|用来|来)?(?:在|于)?(?:建设|兴建|新建|扩建|打造|建成|建)",
                                  a.without_mentions(amt["end"], p.start, ("Place",)))]
        last = max((p for p in in_sent if p.end <= amt["start"]), key=lambda p: p.end, default=None)
        if last is not None and not after and not built and _list_end(last, in_sent, text):
            continue  # 甲项目、乙项目，总投资…: the sum of a list is no project's total
        said_of = after or built  # the projects the amount is said of, written right after it
        if said_of and _list_start(said_of[0], in_sent, text):
            continue  # 投资…建设甲项目和乙项目: the sum of a list again
        if not lx.TOTAL_CUE.search(before):
            # 投资20亿元的X项目: a plain 投资 with the project right after is its total too
            if said_of and plain:
                totals.setdefault(said_of[0].name, amt)
            elif right_before and plain:
                totals.setdefault(right_before[-1].name, amt)
            continue
        if after:
            target = after[0]
        elif right_before:
            target = right_before[-1]
        elif subject is not None:
            target = subject
        elif [p for p in in_sent if p.end <= amt["start"]]:
            target = [p for p in in_sent if p.end <= amt["start"]][-1]
        elif in_sent:  # (the first of a list shares the sum with the others: no one's)
            target = None if _list_start(in_sent[0], in_sent, text) else in_sent[0]
        elif ANAPHOR.search(text, max(0, amt["start"] - 12), amt["start"]):
            target = next(iter(previous_project(a, amt["start"])), None)
        elif not UNREAD_OR_SUM.search(text, a.sents[si][0], amt["start"]):
            later = [p for p in projects if p.start > amt["end"] and a.sent_of(p.start) - si <= 3]
            if later:
                ahead.setdefault(later[0].name, amt)
        if target and target.name not in totals:
            totals[target.name] = amt
    for name, amt in ahead.items():
        if not any(t is amt for t in totals.values()):
            totals.setdefault(name, amt)
    a.totals = totals
    for c in a.by_label("Company"):
        si = a.sent_of(c.start)
        sent_projects = [p for p in sent_mentions[si] if p.label == "Project"]
        listed = [p for p in sent_projects if p.end <= c.start]
        if listed and ALL_BY.search(text, max(0, c.start - 3), c.start) and BUILDS_AFTER.match(text, c.end):
            for p in listed:  # 甲工程和乙工程…，均由丙公司投资建设: each of them
                a.relations.append({"type": "INVESTS_IN", "head": c, "tail": p, "pos": c.start})
            continue
        # 该产业园占地…，由甲公司投资建设，主要建设乙生产线: 甲 builds what the sentence is about
        subject = _subject_project(a, si, sent_projects, carried=True) if clause_builder(a, c) else None
        if subject is not None and not any(q.start < c.start and q is not subject for q in sent_projects):
            via = {} if subject in sent_projects else {"via": "anaphor"}
            a.relations.append({"type": "INVESTS_IN", "head": c, "tail": subject, "pos": c.start, **via})
            continue
        if not sent_projects and (named := _plural_referent(a, c)):
            for p in named:  # 两项工程均由甲公司…: each of the two named last
                a.relations.append({"type": "INVESTS_IN", "head": c, "tail": p, "pos": c.start, "via": "anaphor"})
            continue
        if not sent_projects:
            ref = referred_project(a, si, c)
            if ref is not None and _invested_project(a, c, [ref[1]]) is not None:
                a.relations.append({"type": "INVESTS_IN", "head": c, "tail": ref[0], "pos": c.start, "via": "anaphor"})
            continue
        p = _invested_project(a, c, sent_projects)
        if p is None:
            continue
        a.relations.append({"type": "INVESTS_IN", "head": c, "tail": p, "pos": c.start, **said_outright(text, c, p)})
    for c, stand in referred_companies(a):  # 企业负责人介绍，公司投资5.2亿元建设的甲项目…
        p = _invested_project(a, stand, [m for m in sent_mentions[a.sent_of(stand.start)] if m.label == "Project"])
        if p is not None:
            a.relations.append({"type": "INVESTS_IN", "head": c, "tail": p, "pos": stand.start, "via": "anaphor"})
    for o in a.by_label("Organization"):  # 由县人民医院投资建设的门诊综合楼: an institution builds its own works
        p = _invested_project(a, o, [m for m in sent_mentions[a.sent_of(o.start)] if m.label == "Project"]) \
            if INSTITUTION.search(o.name) else None
        if p is not None:
            a.relations.append({"type": "INVESTS_IN", "head": o, "tail": p, "pos": o.start, "via": "institution"})
    fill_amounts(a)


PLURAL_REFERENT = re.compile(r"([两二三四234])(?:个|项|大)?(?:项目|工程)(?:[均都]|全部)?由$")


def _plural_referent(a: Analysis, c: Mention) -> list[Mention]:
    """The projects 两项工程均由 + the company refers to: as many as it counts, the last named before."""
    m = PLURAL_REFERENT.search(a.text, max(0, c.start - 10), c.start)
    if m is None:
        return []
    last = {p.name: p for p in sorted(a.by_label("Project"), key=lambda p: p.start) if p.end <= m.start()}
    n = int(m.group(1)) if m.group(1).isdigit() else COUNTS[m.group(1)]
    named = sorted(last.values(), key=lambda p: p.start)[-n:]
    return named if len(named) == n else []


def bound_project(a: Analysis, place: Mention) -> Mention | None:
    """The project a place is bound to by 的 (位于新河镇的 + 甲基地): that project's site."""
    if place.end < 0 or not a.text.startswith("的", place.end):
        return None
    return next((q for q in a.mentions if q.label == "Project" and q.start == place.end + 1), None)


def bound_elsewhere(a: Analysis, place: Mention, p: Mention) -> bool:
    """The place is bound by 的 to a project other than p (位于新河镇的 + 甲基地): that one's site."""
    bound = bound_project(a, place)
    return bound is not None and bound.name != p.name


def bound_to_another(a: Analysis, place: Mention, p: Mention) -> bool:
    """The place is bound by 的 to another project that p is listed after in its sentence (位于新河镇的
    + 甲基地、乙项目): it is the first one's site alone."""
    bound = bound_project(a, place)
    si = a.sent_of(place.start)
    return bound_elsewhere(a, place, p) and any(
        x.label == "Project" and x.name == p.name and x.start > bound.end and a.sent_of(x.start) == si for x in a.mentions)


def fill_amounts(a: Analysis) -> None:
    """The amount of each INVESTS_IN without one: the project's total when it has a single
    investor, else an investment amount after a mention of the investor in a sentence that
    names the project (not another project's total)."""
    text = a.text
    rels = [r for r in a.relations if r["type"] == "INVESTS_IN"]
    heads = defaultdict(set)
    for r in rels:
        heads[r["tail"].name].add(r["head"].name)
    for r in rels:
        if "amount" in r or _builds_only(a, r):
            continue
        if _one_investor(heads[r["tail"].name]) and r["tail"].name in a.totals:
            r["amount"] = a.totals[r["tail"].name]
            continue
        project_sents = {a.sent_of(m.start) for m in a.mentions if m.name == r["tail"].name}
        if r.get("via") == "anaphor":  # 该项目由甲公司投资4.2亿元建设: the sentence names it by the anaphor
            project_sents.add(a.sent_of(r["pos"]))
        for c in (m for m in a.mentions if m.name == r["head"].name):
            si = a.sent_of(c.start)
            amt = next((x for x in a.amounts if a.sent_of(x["start"]) == si and x["start"] > c.end
                        and not any(t is x for name, t in a.totals.items() if name != r["tail"].name)
                        and lx.INVEST_CUE.search(text[max(0, x["start"] - 6):x["start"]])
                        and "其中" not in text[c.end:x["start"]]  # 甲与乙共同出资，其中丙出资…: another's
                        and "固定资产" not in text[max(0, x["start"] - 8):x["start"]]), None)
            if amt and si in project_sents and not _sums_a_list(a, amt, si):
                r["amount"] = amt
                break


# what a builder under contract does after its name (甲公司承建, 乙、丙等单位分标段施工): it puts in no money
BUILDS_FOR = re.compile(r"(?:等(?:单位|企业|公司)?)?(?:分[^，,。；;]{0,6}?)?(?:负责)?(?:承建|施工|总承包)")


def _builds_only(a: Analysis, r: dict) -> bool:
    """In the sentences that name the project, the company only builds it under contract."""
    sents = {a.sent_of(m.start) for m in a.mentions if m.name == r["tail"].name}
    cs = [c for c in a.mentions if c.name == r["head"].name and a.sent_of(c.start) in sents]
    return bool(cs) and all(BUILDS_FOR.match(a.text, c.end) for c in cs)


STAKE = re.compile(r"(?:投资|出资)[约达超逾近为共计]*$")
ALL_BY = re.compile(r"(?:均|都|全部|皆)由$")  # 甲工程和乙工程均由 + the company that builds both


def project_totals(a: Analysis) -> dict[str, dict]:
    """Each project's total: the one the text states, else its sole investor's stake in yuan
    (甲公司拟出资2.2亿元建设…, 由甲公司投资12亿元建设: the gold counts it the total too)."""
    totals = dict(getattr(a, "totals", {}))
    heads, stakes = defaultdict(set), {}
    for r in a.relations:
        if r["type"] == "INVESTS_IN" and "tail" in r:
            heads[r["tail"].name].add(r["head"].name)
            amt = r.get("amount", {})
            # 投资 / 出资 a sum, not 投入 it into work on something (投入3亿元进行环保改造, 投入1亿多元研发)
            if amt.get("amount_cny") is not None and STAKE.search(a.text, max(0, amt["start"] - 6), amt["start"]):
                stakes.setdefault(r["tail"].name, amt)
    for name, amt in stakes.items():
        if name not in totals and _one_investor(heads[name]):
            totals[name] = amt
    return totals


def _sums_a_list(a: Analysis, amt: dict, si: int) -> bool:
    """The amount comes before a list of projects in its sentence (投资452亿元建设甲项目和乙项目): their sum."""
    after = [m for m in a.mentions if m.label == "Project" and a.sent_of(m.start) == si and m.start > amt["end"]]
    return any(_list_start(m, after, a.text) for m in after)


def _one_investor(names: set[str]) -> bool:
    """The names are one company's: each begins the longest (华润雪花 and 华润雪花啤酒)."""
    longest = max(names, key=len)
    return all(longest.startswith(n) for n in names)
