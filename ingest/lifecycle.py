"""Project lifecycle events: a stage cue (签约, 开工, 封顶, 竣工, 投产…) in a sentence naming a
project, normalised to a stage, with the sentence's own date expression if it gives one.

Plans and negations are not events: 计划/将/预计/力争…年底竣工, 尚未开工, 建成后 are dropped
(a plan says nothing about the stage a project has reached). The cue belongs to the project
nearest to it in its clause (with the projects listed alongside it: A、B和C项目开工); a clause
naming none takes the project its sentence named before (A项目3月开工，目前已封顶)."""
from __future__ import annotations

import re

import jieba

from ingest import gazetteer as gz
from ingest import stage_dates
from ingest.analysis import Analysis

STAGES = ("signed", "started", "under_construction", "completed", "operating")  # lifecycle order
CUES = {
    "signed": "签约|签订|签署|正式签下",
    "started": "开工|动工|奠基|开建|破土|开钻|启动建设|开始建设|正式建设|开始施工|进场施工",
    "under_construction": "封顶|在建|正在建设|正在施工|建设中|施工中|加紧建设|全面施工|主体完工|主体竣工|合龙|合拢|贯通",
    "completed": "竣工|建成|完工|落成|交工|全面完成建设",
    "operating": "建成投产|建成投用|建成通车|竣工投产|投产|通车|投入运营|正式运营|开始运营|建成运营|开通运营|投运|投入使用|投用|试运行|试生产|试运营|"
                 "开业|开园|并网|通航|通水|开通|达产|正式运行|运行投产|点火|出钢|下线",
}
STAGE_OF = {cue: stage for stage, cues in CUES.items() for cue in cues.split("|")}
CUE = re.compile("|".join(sorted(STAGE_OF, key=len, reverse=True)))  # the longest cue first: 建成投产, 主体完工
# what makes a cue no event: a plan, wish or directive before it (加快推进…早投产), a negation right before it, 后/前 after it
PLAN = re.compile(r"(?:计划|预计|预期)(?!总?投资)|力争|争取|确保|拟|有望|可望|准备|打算|目标|要求|力促|必须|应当|应该|"
                  r"能够|方能|才能|一旦|如果|若|如期|按期|(?<![主重需只必纲])要|需(?!求)|将(?!近)|预(?=[\d一二三四五六七八九十])|"
                  r"待(?!遇)|把|具有|具备|可以|(?<!大)使(?!用)|加快|推进|推动|抓好|抓紧|促进|促成|加速|尽快|尽早|早日|早(?=[投开建竣签])")
NEGATION = re.compile(r"(?:未|尚未|没有|没|不|无法|不能|未能|仍未|还未|迟迟未)$")
AFTER_NOT = re.compile(r"后|以后|之后|前|之前|以前|时|率|面积|里程|总里程|项目数|仪式前|的目标|规模|总量|计划|目标|任务|"
                       r"期限|条件|进度|日期|时间|工期")
NOT_STAGE = re.compile(r"建成区|建成为|开工率|运营商|运营中心|运营管理|运营模式|投产期|签约额|签约金额|新开工|试运营道路|台开工")
CHAINED = re.compile(rf"^(?:(?:并|和|及|、|正式|投入)?(?:{CUE.pattern}))+")
OBJECT_GAP = re.compile(r"(?:建设|施工|了|的|建设了|建设的)?$")
SPLIT = re.compile(r"[，,：:]")
LISTED = re.compile(r"^\s*(?:、|和|与|及|以及|跟|同)\s*$")
# 在(洪洞)X基地奠基: X is where, not what
LOCATIVE = re.compile(r"(?:在|于|落户|位于|入驻|进驻|落地)[^，,、。；]{0,6}$")


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in SPLIT.finditer(text, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    return out


def _is_event(text: str, cs: int, cue: re.Match) -> bool:
    before, after = text[cs:cue.start()], text[cue.end():cue.end() + 12]
    after = CHAINED.sub("", after, count=1)  # 建成投入运营后: what follows the last cue of a chain
    return not (NEGATION.search(before[-3:]) or PLAN.search(before) or AFTER_NOT.match(after))


def _group(text: str, chosen, projects) -> list:
    """The chosen project and the ones listed next to it (A、B和C)."""
    ordered = sorted(projects, key=lambda m: m.start)
    i = ordered.index(chosen)
    lo = hi = i
    while lo > 0 and LISTED.match(text[ordered[lo - 1].end:ordered[lo].start]):
        lo -= 1
    while hi + 1 < len(ordered) and LISTED.match(text[ordered[hi].end:ordered[hi + 1].start]):
        hi += 1
    return ordered[lo:hi + 1]


def _owner(text: str, cue: re.Match, clause: tuple[int, int], projects, earlier, others) -> list:
    """The project mentions a cue belongs to."""
    # a project after the cue is its object only right after it (开工建设X, 签订了X); else the cue
    # is the subject's (其投运对促进X开发: not X's)
    in_clause = [m for m in projects if clause[0] <= m.start and m.end <= clause[1]]
    inside = [m for m in in_clause if m.end <= cue.start()
              or m.start >= cue.end() and OBJECT_GAP.match(text[cue.end():m.start])]
    cands = [m for m in inside if not LOCATIVE.search(text[max(clause[0], m.start - 8):m.start])] or inside
    if cands:
        def distance(m):
            return (cue.start() - m.end, 0) if m.end <= cue.start() else (m.start - cue.end(), 1)
        return _group(text, min(cands, key=distance), in_clause)
    # a clause without a named project: its sentence's subject, unless it names another thing (全市在建项目)
    if not earlier or in_clause or "项目" in text[clause[0]:clause[1]] or any(
            clause[0] <= m.start < clause[1] for m in others):
        return []
    groups = {tuple(id(m) for m in _group(text, m, earlier)) for m in earlier}
    return _group(text, earlier[-1], earlier) if len(groups) == 1 else []


def _date_for(text: str, cue: re.Match, s: int, cues_before: list[int]):
    """The nearest date expression before the cue in its sentence with no other cue between
    (3月15日，A项目开工; A项目2009年开工，2011年投产); None: the article's date."""
    best = None
    for ds, de, parts in stage_dates.find_dates(text, s, cue.start()):
        if not any(de <= c < cue.start() for c in cues_before):
            best = parts
    return best


def find_stages(a: Analysis, g: gz.Gazetteer | None = None) -> None:
    """Attach `stage_events` to the analysis: {"mentions", "stage", "date_parts", "pos"}."""
    text = a.text
    projects = sorted(a.by_label("Project"), key=lambda m: m.start)
    covered = [(m.start, m.end) for m in a.mentions]
    others = [m for m in a.mentions if m.label in ("Company", "Organization")]
    events = []
    for s, e in a.sents:
        in_sent = [m for m in projects if s <= m.start and m.end <= e]
        if not in_sent:
            continue
        clauses = _clauses(text, s, e)
        cue_starts, bounds = [], None
        for cue in CUE.finditer(text, s, e):
            if any(ms <= cue.start() < me for ms, me in covered):
                continue  # inside a name (XX运营公司)
            if bounds is None:
                words = list(jieba.tokenize(text[s:e]))
                bounds = ({s + b for _, b, _ in words}, {s + x for _, _, x in words})
            if cue.start() not in bounds[0] and cue.end() not in bounds[1]:
                continue  # inside a word (南通航天, 现在建设), not its start or end (全线贯通)
            cue_starts.append(cue.start())
            if NOT_STAGE.search(text[max(s, cue.start() - 2):cue.end() + 3]):
                continue
            clause = next(c for c in clauses if c[0] <= cue.start() < c[1] + 1)
            if not _is_event(text, clause[0], cue):
                continue
            owners = _owner(text, cue, clause, in_sent, [m for m in in_sent if m.end <= clause[0]],
                            others)
            if owners:
                events.append({"mentions": owners, "stage": STAGE_OF[cue.group(0)], "cue": cue.group(0),
                               "date_parts": _date_for(text, cue, s, cue_starts[:-1]), "pos": cue.start()})
    a.stage_events = events


def attach(a: Analysis, ents: dict, mention_key: dict, article_date: str | None, sentence) -> None:
    """Add each project entity's `stages` ({"stage", "date", "evidence"}, in text order) to the
    record's entities: one event per stage, the first that gives its own date, else the first
    (投产，首批产品下线 is one start of operation); sentence(pos) gives the evidence."""
    chosen: dict[tuple[str, str], dict] = {}
    for ev in getattr(a, "stage_events", ()):
        for m in ev["mentions"]:
            k = mention_key.get(id(m))
            e = ents.get(k)
            if e is None or e["type"] != "Project":
                continue
            if ev["date_parts"] is not None and stage_dates.is_future(
                    stage_dates.resolve(ev["date_parts"], article_date), article_date):
                continue  # 2015年底建成通车 read in 2011: a plan, whatever its wording
            old = chosen.get((k, ev["stage"]))
            if old is None or old["date_parts"] is None and ev["date_parts"] is not None:
                chosen[(k, ev["stage"])] = ev
    for (k, stage), ev in sorted(chosen.items(), key=lambda kv: kv[1]["pos"]):
        date = stage_dates.resolve(ev["date_parts"], article_date)
        ents[k].setdefault("stages", []).append({"stage": stage, "date": date, "evidence": sentence(ev["pos"])})
