"""The tagger's spans in the analysis: cleaned to names, filtered, and put in place of the
rules' company/organization/project mentions."""
from __future__ import annotations

import re

import jieba

from ingest import gazetteer as gz
from ingest.analysis import Analysis, Mention, _freq, _specific, _tag, _units, post_owners
from ingest.coref import bare_forms, repeat_names, unify_companies
from ingest.learn.features import HEADS
from ingest.learn import known
from ingest.learn.bounds import company_bounds, rule_start, without_tail
from ingest.learn.owned import CONFIDENCE as OWNED_CONFIDENCE, brand_led, owned_projects
from ingest.learn.project_starts import after_legal_name, project_start, with_facility_lead
from ingest.learn.trim import BARE_HEADS, KIND_HEADS, after_clause_word, trim
from ingest.lexicon import (AFFILIATED, CJK, COMPANY_POSTS, COMPANY_SUFFIX, COORD, LIMITED_FORMS, POSTS, PROJECT_SUFFIX,
                            SECTOR_WORDS)
from ingest.officials import _person_name
from ingest.company_cues import brand_group, marked
from ingest.orgs import COMPANY_COUNT
from ingest.project_names import shape_projects

LEARNED = ("Company", "Organization", "Project")
# Institution names are head-final: a learned organization ends with the kind of institution it
# is (party and government bodies come from the rules, as the owners of posts)
ORG_HEAD = re.compile(r"(?:大学|学院|学校|中学|小学|幼儿园|党校|研究院|研究所|研究中心|科学院|工程院|设计院|实验室|"
                      r"医院|卫生院|法院|检察院|派出所|公安局|公安分局|中心|协会|学会|基金会|联合会|商会|工商联|"
                      r"银行|工作站|博物馆|图书馆|研究会|促进会|分会|组织)$")
# a clause, not a name: a copula, a linking verb or a cause inside (成渝客运专线是…, 汶九高速起于…,
# 群众因赶高铁), a list (甲、乙), a street address (中山南路142号), or a project's site office
# (…项目部, an organization), a contract won (甲公司中标乙工程), a superlative (亚洲最长隧道: a description),
# or a post (河南省委常委: an official's title read as a name)
POST = r"常委|书记|[省市县区州]长"  # a post ends an official's title, never a name
NOT_A_NAME = re.compile(rf"是|(?:{POST})$|起于|止于|[东南西北][接连]|中的|、|因|由于|为了|中标|承建|(?:路|街|大道|巷)\d+号|项目部$|最[长大高深宽早新]")
# a count or a pointer before a project, not a name (这两项工程, 两大特高压工程, 6条高速公路, 三大旅游板块项目,
# 一家燃煤电厂, 两家新工厂)
PROJECT_DETERMINER = re.compile(r"^(?:这|该|此|各|本|上述|所有|全部|其他|其它)|[\d两三四五六七八九十几多]+(?:条|项|大|个|批|座|家)|一[家座]")
# a body, not its project (上海铁路局, 中国铁道建筑工程总公司), nor a trade, a product, a price or a purchase
# (家电厂商, 手机芯片, 奥的斯电梯, 出厂价, 空调系统采购, 投影机招标项目); English words are a gloss in brackets (Chinese Train Control System), not a
# Chinese project name (one word may be: Robotaxi)
NOT_A_PROJECT = re.compile(r"(?:公司|集团|局|研究院|设计院|学院|大学|委员会|工程师|经理|厂商|供应商|制造商|生产商|开发商|运营商|"
                           r"芯片|软件|电梯|扶梯|手机|价|价格|采购|招标(?:项目)?|组委会|"
                           r"会|事故|事件|账款|证券部|型号|系列|阵营|政府|服务)$|^[A-Za-z]+(?:\s+[A-Za-z]+)+$")
# a class of projects, not one (重点旅游项目, 各类招商项目, 全线控制性工程, 亿元以上产业项目, 新能源产业项目,
# 补链强链项目), or a list cut short by 等 (甲至乙等高铁)
CLASS_OF_PROJECTS = re.compile(r"(?:重大|重点|各类|招商|控制性)[\u4e00-\u9fff]{0,4}(?:项目|工程)$|等(?!级)|"
                               r"(?:投产|开工|续建|在建|竣工|签约|包保|外资|内资|外商|引进|储备|领域|民生)项目$|[港澳台日韩德美法英欧外]资|"
                               r"[亿万]元以上|^[\u4e00-\u9fff]{0,4}产业项目$|^中小项目$|补链|强链|延链")
# a place and a year (某县2022年 of 某县2022年重大项目集中开工): a date, no name
DATED = re.compile(r"(?:\d{2,4}|[一二三四五六七八九〇零十]{2,4})年度?$")
# a zone that administers ground is a place, not a project (东吴港区, 某某经开区)
ZONE = re.compile(r"(?:港区|开发区|经开区|高新区|工业园区|产业园区|保税区)$")
LIMITED_END = re.compile(rf"(?:{LIMITED_FORMS})$")
# a name the next characters go on with: 工程 of 工程师, 项目 of 项目经理 (a person's post)
POST_AFTER = re.compile(r"(?<=工程)师|(?<=项目)(?:经理|负责人|总监)")
# a company's site tagged as the company (宁德时代福鼎基地): a project, with the 项目 after it
SITE = re.compile(r"(?:基地|产业园|生产线|物流城|物流园|物流中心|电站|综合体)$")
# a post, not a company (河南省省委常委, …集团董事长); a company's board is cut off (…控股董事局)
# a post; a department or a ministry (公关部, 事业部, 总部, 铁道部, 发改委, 办公厅), not a project's site office (项目部)
NOT_A_COMPANY = re.compile(rf"(?:{POST}|主任|董事长|总经理|(?<!项目)部|委|厅)$")


# a court, a procuratorate or a hospital named by its kind after the bare level of the article's place
INSTITUTION_KIND = re.compile(r"(?:中级|高级)?人民(?:法院|检察院)|人民医院|中医院")
BARE_LEVEL = re.compile(r"[省市县区州旗](?:中级|高级)?$")
AFTER_WORD = set("的了和及与在对向为由将把被从给")


PLACED_KIND = re.compile(r"[\u4e00-\u9fff]{1,4}?[县市区旗](?:第[一二三四五六七八九十]+)?(?:人民|中医|妇幼保健|中心|第[一二三四五六七八九十]人民)?"
                         r"(?:医院|卫生院|保健院|法院|检察院|中学|小学|实验中学|实验小学)")
# what a company invests, said right before what it builds (投资4.8亿元建设的 + 甲物流园, 投资8亿元在某县建设 + …):
# the rules' name there stays whatever the tagger thinks
INVESTED_BEFORE = re.compile(r"(?:投资|出资|斥资)[\d.]+[亿万]*(?:元|美元|港元|欧元)(?:在[\u4e00-\u9fff]{2,10}?)?(?:建设|新建|兴建|实施)的?$")
RULE_BELIEF = 0.3  # a rule span the tagger gives at least this probability stays beside its own spans
# a route named by its ends (大营至神池高速公路, 长治-临汾) stays whatever the tagger thinks, unless
# the words around its ends are the sentence's (武汉至上海的铁路, 项目东连…, 成都至九寨沟全程高速)
NOT_PLAIN_ROUTE = re.compile(r"的|全程|全线|一段|^(?:项目|工程)|[东南西北][连接起至]|网")
ROUTE_CONFIDENCE = 0.9  # 26 of the 29 such names the rules read in the dev and annotated texts are gold projects
# a tagged span whose characters are on average less likely in it than not is left out
MIN_SPAN = {"Project": 0.5}


def _with_bare_level(text: str, s: int) -> int:
    """州 + 中级人民法院, 县 + 人民医院: a court or a hospital named after the bare level of the
    article's place is that place's (where no place name stands before the level)."""
    m = BARE_LEVEL.search(text[max(0, s - 3):s])
    k = s - len(m.group()) if m else s
    return k if m and (k == 0 or not CJK.match(text[k - 1]) or text[k - 1] in AFTER_WORD) else s


def _plain_route(m: Mention) -> bool:
    return m.extra.get("kind") == "route" and not NOT_PLAIN_ROUTE.search(m.name)


def _name_like(label: str, name: str) -> bool:
    if label == "Organization":
        return bool(ORG_HEAD.search(name)) and not re.match(r"\d", name) and "的" not in name  # 鞍钢配套的研究所
    if label == "Project":  # a project in Chinese news is named in Chinese (Android, Bristol: a product, a town)
        return not (name in BARE_HEADS or NOT_A_NAME.search(name) or PROJECT_DETERMINER.search(name)
                    or _kind_of_project(name) or NOT_A_PROJECT.search(name) or CLASS_OF_PROJECTS.search(name)
                    or DATED.search(name) or ZONE.search(name)
                    or not CJK.search(name) or _headless(name))
    # legal forms alone (股份有限公司 of 组建股份有限公司, 公司公司…) name no company, nor a country
    return not (_kind_of_company(name) or NOT_A_COMPANY.search(name) or SUFFIX_RUN.fullmatch(name)
                or name in gz.countries() or any(COMPANY_COUNT.fullmatch(w) for w in jieba.lcut(name))
                or _trade_only(name))


# a post written before a name (集团总裁 + 郑某某, 董事长 + …)
POST_BEFORE = re.compile(rf"(?:{'|'.join(COMPANY_POSTS)}|{POSTS})$")


def _posted_person(text: str, s: int, name: str) -> bool:
    """The span is a person named after or before a post (集团总裁郑某某, 郑某某董事长), no company
    (a known one may read as a name: 马自达, 索尼)."""
    posted = POST_BEFORE.search(text, max(0, s - 5), s) or text.startswith(COMPANY_POSTS, s + len(name))
    return bool(posted) and _person_name(text, s) == name and not known.is_known(name)


# company suffixes one after another (股份有限公司, 公司公司, …(集团)有限公司), whole or ending a name
SUFFIX_RUN = re.compile(rf"{COMPANY_SUFFIX.pattern}+")
SUFFIX_RUN_END = re.compile(rf"{SUFFIX_RUN.pattern}$")
KIND_MODIFIERS = set("国际 外国 跨国 外资 内资 民营 国有 上市 大型 知名 相关 首届 当地 本地".split())


def _kind_of_company(name: str) -> bool:
    """军工集团公司, 上市公司, 安徽上市公司: a kind of company (one common noun, or a place and
    a modifier, before the suffix), not a name. A place and a trade is one (沈阳旅游集团)."""
    core = re.sub(r"(?:集团公司|集团|公司)$", "", name)
    if core == name:
        return False
    words = _units(jieba.lcut(core))
    if any(re.search(r"[A-Za-z]", w) for w in words):
        return False  # a brand in Latin letters names one (TCL集团, LG公司)
    rest = [w for w in words if w not in KIND_MODIFIERS]
    if len(rest) <= 1 and not any(_specific(w, strict=True) for w in rest):
        return True
    # 中国公司, 安徽上市公司; not 吉利集团 or 香江集团, whose words jieba calls places too
    return (len(rest) < len(words) or len(rest) == 1) and all(gz.is_place_word(w) for w in rest)


def _trade_only(name: str) -> bool:
    """食品股份有限公司, 资源集团有限公司: a common trade word and a legal form, what is left of a
    name whose start was lost; not a brand (五粮液股份公司, 攀钢集团有限公司)."""
    core = re.sub(r"[（(][^）)]*[)）]", "", SUFFIX_RUN_END.sub("", name))
    return (core != name and len(_units(jieba.lcut(core))) == 1 and _tag(core).startswith("n")
            and _freq(core) >= 1000 and not known.is_known(name) and not known.is_known(core))


def _kind_of_project(name: str) -> bool:
    """景区项目, 家具产业园, 液晶面板生产线, 石化项目: one common noun before the head names a kind of project."""
    head = next((h for h in KIND_HEADS if name.endswith(h)), None)
    if head is None:
        return False
    words = _units(jieba.lcut(name[:-len(head)]))  # (石化, 城市更新: a trade's short word is a kind too)
    return len(words) == 1 and (_tag(words[0]) in ("n", "vn", "a", "an", "b")
                                or _tag(words[0]) in ("j", "nz") and head in ("项目", "工程"))


# what a project's name ends with, so that coordinated names can be told apart (A煤矿和B煤矿)
PROJECT_END_WORDS = r"项目|工程|基地|产业园|园区|园|生产线|码头|公路|铁路|高速|大桥|隧道|机场|水库|电站|电厂|煤矿|矿|厂|中心|线|综合楼|小镇|泊位|[一二三四五六七八九十]期"
PROJECT_END = re.compile(rf"(?:{PROJECT_END_WORDS})$")
# how the name of a work ends (a project without 项目: 某某隧道, 某某二期, 某某高铁, 抚州至吉安); read
# only as yes or no, so the order of the words is no matter
WORK_END = re.compile(rf"(?:{PROJECT_SUFFIX.pattern}|{PROJECT_END_WORDS}|园|城|路|桥|站|港|区|场|馆|库|田|带|网|道|楼|期|段|"
                      r"装置|平台|设施|系统|高铁|城际|客专|扩建|改造|整治)[)）]?$|[至\-—－\d]")


# the rest of a list of trades closed by 等 (新能源、新材料等领域, 教育、医疗、养老等民生项目): its items
# are what the projects are in, not projects
# (not names counted after it: 雅康、汶马等4条高速公路)
SECTOR_LIST = re.compile(r"(?:(?:、|和|及|与|以及)[^,;:，。；：、\n]{1,12})*等(?![\d一二三四五六七八九十两几多]+[条个座项处家批大])")


def _a_trade_listed(text: str, s: int, e: int) -> bool:
    return not WORK_END.search(text, s, e) and SECTOR_LIST.match(text, e) is not None


# a list closed by the sectors it names (电线电缆、农产品深加工等领域): trades, whatever the tagger reads
SECTORS_CLOSE = re.compile(rf"{SECTOR_LIST.pattern}[^,;:，。；：、\n]{{0,6}}?(?:{SECTOR_WORDS})")


def _trade_of_sectors(text: str, s: int, e: int) -> bool:
    return not COMPANY_SUFFIX.search(text, s, e) and SECTORS_CLOSE.match(text, e) is not None


def _headless(name: str) -> bool:
    """A name that ends like no work: a product or trade in common words (太阳能电池, 食用油) or
    a known company (苏泊尔), not a project."""
    if WORK_END.search(name):
        return False
    return known.is_known(name) or (re.fullmatch(r"[\u4e00-\u9fff]+", name) is not None
                                     and not any(_specific(w, strict=True) for w in _units(jieba.lcut(name))))


def _facilities_led(a: Analysis, new: list[Mention], kept_rule: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """A rule's utility name that the words and place before it complete (龙潭镇 + 污水处理厂…) is
    a name as the tagger's are, unless a tagged span covers it: (new, the rule mentions left)."""
    text = a.text
    led = {id(m): with_facility_lead(a, m.start) for m in kept_rule if m.label == "Project"}
    new = new + [Mention(led[id(m)], m.end, m.label, text[led[id(m)]:m.end], text[led[id(m)]:m.end], extra=dict(m.extra))
                 for m in kept_rule if led.get(id(m), m.start) != m.start
                 and not any(n.start < m.end and m.start < n.end for n in new)]
    return new, [m for m in kept_rule if led.get(id(m), m.start) == m.start]


def _with_owned(a: Analysis, new: list[Mention], protected: list[Mention]) -> list[Mention]:
    """The tagger's spans plus the projects named after the company that builds them
    (ingest/learn/owned.py), each in place of a tagged span it ends with (部件生产基地项目 of
    新能源汽车精密传动部件生产基地项目)."""
    for s, e in owned_projects(a, [n for n in new if n.label == "Company"] + a.by_label("Company")):
        if not _name_like("Project", a.text[s:e]):
            continue
        inside = [n for n in new if n.label == "Project" and s <= n.start and n.end == e]
        if any(n.start < e and s < n.end for n in new + protected if n not in inside):
            continue
        conf = max([OWNED_CONFIDENCE] + [n.extra["confidence"] for n in inside])
        new = [n for n in new if n not in inside] + [Mention(s, e, "Project", a.text[s:e], a.text[s:e], extra={"confidence": conf})]
    return new


def _only_places(text: str, n: Mention, places: list[Mention]) -> bool:
    rest = list(text[n.start:n.end])
    inside = [p for p in places if n.start <= p.start and p.end <= n.end]
    for p in inside:
        for k in range(p.start, p.end):
            rest[k - n.start] = ""
    return len(inside) >= 2 and not "".join(rest).strip("—－-~、和及与至 ")


# after a project's head: a place word (兰州至成都高速 + 中), a measure of it (高速公路 + 通车里程), or
# what happens to it (某某大桥 + 主塔封顶, 某某铁路 + 全线贯通): the name ends at its head
AFTER_HEAD = re.compile(r"(?P<where>中|内|上|沿线)$|(?P<measure>通车里程|里程|规模|总量|面积|长度)$|(?:主体|土建)(?:工程|结构)$|"
                        r"(?:主塔|主体|主桥|主线|全线|桥面|顺利|正式|成功)?(?:封顶|合龙|贯通|通车|开工|竣工|投产|完工|"
                        r"建成|开通|运营|奠基|动工|启用|投用|开建)$")


def _kind_only(part: str) -> bool:
    """高速公路建设项目: a part made of kinds of work alone names nothing, so the span is one
    project described by its parts (喀什国省干线及高速公路建设项目)."""
    return not re.sub(r"建设|改造|扩建|新建", "", HEADS.sub("", part))


COMPANY_COORD = re.compile(r"与|及|、")
# a work named as another's key part (甲高速公路控制性工程——乙隧道, 甲铁路的标志性工程乙大桥)
KEY_WORKS = re.compile(r"的?(?:控制性|关键性|标志性|重点|骨干)工程(?:之一)?[—－-]*")


# the last two names of a list that share one head (…、诺拓智能终端及华晟日用瓷智能工厂项目), each begun by a name, not a figure
LAST_OF_LIST = re.compile(r"([^、和及与\d]{4,})(?:及|和|与|以及)(\D[^、和及与]{5,})")


def _parts(text: str, s: int, e: int, sep: re.Pattern) -> list[tuple[int, int]]:
    """The stretches of text[s:e] between the separators sep finds."""
    bounds = [s] + [x for m in sep.finditer(text, s, e) for x in (m.start(), m.end())] + [e]
    return list(zip(bounds[::2], bounds[1::2]))


def _coordinated(text: str, s: int, e: int, label: str, conf: float) -> list[tuple[int, int, str, float]]:
    """A span naming two or more projects (A煤矿和B煤矿), companies of two characters or more
    (三星电子与三星SDI) or bodies, each ending as one (甲协会和乙中心, not 中国石油和化学工业联合会),
    as one span each; any other span as it is."""
    if label in ("Company", "Organization"):
        parts = _parts(text, s, e, COMPANY_COORD if label == "Company" else COORD)
        if len(parts) > 1 and all(y - x >= 2 and (label == "Company" or ORG_HEAD.search(text[x:y])) for x, y in parts):
            return [(x, y, label, conf) for x, y in parts]
        heads = [(x, y) for x, y in parts if ORG_HEAD.search(text, x, y)]
        if label == "Organization" and len(parts) > 1 and heads and all(
                (x, y) in heads or ZONE.search(text, x, y) or gz.load().is_place(text[x:y]) for x, y in parts):
            # 浏阳经开区与湖南省人民医院: a place beside the institution, the institution alone
            return [(x, y, label, conf) for x, y in heads]
        parts = _parts(text, s, e, re.compile("和"))  # 壳牌和中石油: two known companies (not 西安天和)
        if label == "Company" and len(parts) > 1 and all(known.is_known(text[x:y]) for x, y in parts):
            return [(x, y, label, conf) for x, y in parts]
    if label != "Project":
        return [(s, e, label, conf)]
    parts = _parts(text, s, e, KEY_WORKS)  # 甲高速公路控制性工程——乙隧道: the road and its tunnel
    if len(parts) == 2 and all(y - x >= 3 and PROJECT_END.search(text[x:y]) for x, y in parts):
        return [(x, y, label, conf) for x, y in parts]
    parts = _parts(text, s, e, COORD)
    if len(parts) > 1 and all(y - x >= 3 and PROJECT_END.search(text[x:y]) and not _kind_only(text[x:y])
                              for x, y in parts):
        return [(x, y, label, conf) for x, y in parts]
    last = LAST_OF_LIST.fullmatch(text, s, e)  # 甲、乙及丙项目: 乙 and 丙项目, the list's last two
    if s and text[s - 1] == "、" and last:
        return [(s, last.end(1), label, conf), (last.start(2), e, label, conf)]
    return [(s, e, label, conf)]


def replace_spans(a: Analysis, spans, beliefs: dict | None = None) -> None:
    """spans: (start, end, label, confidence). Rule mentions of the learned types go;
    a place inside a learned span goes too (昆山 in a company name). Officials and the
    places and bodies their posts belong to stay, and spans over them are dropped."""
    text = a.text
    owners = post_owners(a)
    protected = [m for m in a.mentions if m.label == "Official" or id(m) in owners]
    believed = {k: p for k, p in (beliefs or {}).items() if p >= RULE_BELIEF}
    keep = [m for m in a.mentions if m.label not in LEARNED or id(m) in owners]
    # companies the text itself lists as such (甲、乙等18家企业) stay whatever the tagger thinks
    # as do a county's or a city's hospital, school or court (商水县人民医院, 蒲城县医院), named by its kind
    listed = {(m.start, m.end, m.label) for m in a.mentions
              if (m.label == "Company" and marked(m))
              or (m.label == "Project" and (m.extra.get("listed") or m.extra.get("by_place") or _plain_route(m)
                                            or m.extra.get("kind") == "renewal"
                                            or INVESTED_BEFORE.search(text, 0, m.start)))
              or (m.label == "Organization" and PLACED_KIND.fullmatch(m.name))}
    kept_rule = [m for m in a.mentions if m.label in LEARNED and id(m) not in owners
                 and ((m.start, m.end, m.label) in believed or (m.start, m.end, m.label) in listed)
                 and (_name_like(m.label, m.name) or (m.label == "Company" and m.extra.get("listed") and brand_group(m.name)))
                 and not (m.label == "Company" and _posted_person(text, m.start, m.name))]
    for m in kept_rule:
        m.extra["confidence"] = round((beliefs or {}).get((m.start, m.end, m.label), RULE_BELIEF), 3)
        if _plain_route(m):
            m.extra["confidence"] = max(m.extra["confidence"], ROUTE_CONFIDENCE)
    companies = [(s, e) for s, e, lab, _ in spans if lab == "Company"] + [(m.start, m.end) for m in a.by_label("Company")]
    new = []
    for s, e, lab, conf in [part for span in spans for part in _coordinated(text, *span)]:
        if conf < MIN_SPAN.get(lab, 0.0):
            continue
        if lab == "Organization" and LIMITED_END.search(text, s, e):  # …电子有限公司 tagged a body: a company
            lab = "Company"
        cut = trim(text, s, e, company=lab == "Company")
        if cut is None:
            continue
        if lab == "Company" and SITE.search(text, cut[0], cut[1]):  # 某某福鼎基地: a company's site
            lab, cut = "Project", (cut[0], cut[1] + (2 if text.startswith("项目", cut[1]) else 0))
        s, e = without_tail(text, *company_bounds(a, *cut)) if lab == "Company" else cut
        if lab == "Company":
            s = rule_start(a, s, e)
        if lab == "Organization" and INSTITUTION_KIND.fullmatch(text, s, e):
            s = _with_bare_level(text, s)
        if lab == "Organization" and text.endswith(("大学", "学院"), s, e) and (attached := AFFILIATED.match(text, e)):
            e = attached.end()  # 某大学 + 附属第一医院: one body
        name = text[s:e]
        if not _name_like(lab, name) or (lab == "Company" and (_posted_person(text, s, name) or _trade_of_sectors(text, s, e))):
            continue
        if not any("\u4e00" <= c <= "\u9fff" or c.isalpha() for c in name):
            continue
        if lab == "Project":
            after = AFTER_HEAD.search(name)
            if after and (PROJECT_END.search(name[:after.start()]) or name.endswith("高铁", 0, after.start())):
                if after["measure"]:
                    continue  # a figure about roads, no road
                e -= len(after.group())
                name = text[s:e]
            if POST_AFTER.match(text, e) or _a_trade_listed(text, s, e):
                continue
            legal = after_legal_name(text, s, e)
            if legal > s:  # 甲有限公司 + 年产…项目: the company who builds it is named too
                owner = after_clause_word(text, s, legal)  # 某园区的 + 甲有限公司: the company alone
                cs, ce = company_bounds(a, owner, legal)
                if not any(m.start < ce and cs < m.end for m in new + protected):
                    new.append(Mention(cs, ce, "Company", text[cs:ce], text[cs:ce], extra={"confidence": round(conf, 3)}))
            s = project_start(a, legal, e, companies)
            name = text[s:e]
        if any(m.start < s + len(name) and s < m.end for m in protected):
            continue
        new.append(Mention(s, s + len(name), lab, name, name, extra={"confidence": round(conf, 3)}))
    new, kept_rule = _facilities_led(a, new, kept_rule)
    new = brand_led(a, _with_owned(a, new, protected))
    # a route named by its ends the tagger cut short (浑源一级公路 of 大同至浑源一级公路) is the rules' whole name
    routes = [m for m in kept_rule if _plain_route(m)]
    new = [n for n in new if not any(m.start < n.start and n.end == m.end for m in routes)]
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
    roads = {}
    for m in keep + new:
        if m.label == "Project" and ROAD.search(m.name):
            roads[m.name] = roads.get(m.name, True) and _referred_to(text, m)
    a.mentions = sorted((m for m in keep + new if not roads.get(m.name if m.label == "Project" else None)),
                        key=lambda m: m.start)
    shape_projects(a)
    bare_forms(a)
    repeat_names(a)
    unify_companies(a)


# a road or bridge that is only a landmark for another (终点接青银高速, 与威青高速相交, 济青高速收费站):
# it exists already; the project is what connects to it
ROAD = re.compile(r"(?:高速|公路|铁路|国道|省道|立交|立交桥|大桥|隧道)(?:[\u4e00-\u9fff]{1,4}段)?$")
REFERRED_BEFORE = re.compile(r"(?:接|经|沿|至|连接|途经|减轻|穿过|跨越)$")
MEETS = re.compile(r"^[^，,。；;]{0,12}?(?:相交|相连|相接|交汇|交叉|互通|衔接)")
REFERRED_AFTER = re.compile(r"^(?:相交|相连|相接|交汇|交叉|收费站|互通|通车里程|沿线|以[东南西北])")


def _referred_to(text: str, m: Mention) -> bool:
    before = text[max(0, m.start - 2):m.start]
    return bool(REFERRED_BEFORE.search(before) or REFERRED_AFTER.match(text[m.end:m.end + 4])
                or (before.endswith("与") and MEETS.match(text[m.end:m.end + 16])))
