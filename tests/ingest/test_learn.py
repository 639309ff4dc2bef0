"""The learned stage's parts: span decoding, pair features, the display threshold and the
pair stage's decisions (sentences written for these tests)."""
from __future__ import annotations

import pytest

from ingest import gazetteer as gz
from ingest.analysis import Mention
from ingest.learn import crf, evaluate, pairs
from ingest.extract import extract_text
from tests.ingest.analyses import analysis, division, places
from tests.ingest.record_sets import rels


def test_bio_round_trip():
    spans = [(2, 5, "Company"), (7, 10, "Project")]
    tags = crf.bio(12, spans)
    assert tags[2] == "B-Company" and tags[4] == "I-Company" and tags[6] == "O"
    assert crf.decode(tags) == spans
    assert crf.decode(["I-Project", "I-Project", "O"]) == [(0, 2, "Project")]


def test_pair_features_see_the_cue_between():
    text = "启明电子有限公司投资建设智能终端产业园项目。"
    a = analysis(text, [("启明电子有限公司", "Company", -1), ("智能终端产业园项目", "Project", -1)])
    cands = pairs.candidates(a, gz.load())
    feats, head, tail = cands[("INVESTS_IN", "启明电子有限公司", "智能终端产业园项目")]
    assert feats["same_sent"] == 1 and feats["btw=投资"] == 1 and feats["order=hp"] == 1
    assert head.name == "启明电子有限公司" and tail.name == "智能终端产业园项目"


def test_pair_features_see_a_supplier_apart_from_an_investor():
    text = "启明电子有限公司为智能终端产业园项目提供监控系统。"
    a = analysis(text, [("启明电子有限公司", "Company", -1), ("智能终端产业园项目", "Project", -1)])
    feats, _, _ = pairs.candidates(a, gz.load())[("INVESTS_IN", "启明电子有限公司", "智能终端产业园项目")]
    assert feats["sent=提供"] == 1 and feats["sent=系统"] == 1 and "btw=投资" not in feats


def test_pair_model_round_trips_through_json():
    m = pairs.PairModel({"HOSTS": {"same_sent": 2.0, "__intercept__": -1.0}}, {"HOSTS": 0.5})
    again = pairs.PairModel.from_json(m.to_json())
    assert again.prob("HOSTS", {"same_sent": 1}) == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    assert again.prob("HOSTS", {}) < 0.5


def test_display_threshold_reaches_the_precision_asked():
    judged = [(0.95, True)] * 9 + [(0.9, False)] + [(0.6, True), (0.5, False), (0.4, False)]
    cut = evaluate.display_threshold(judged, 0.9)
    shown = [ok for c, ok in judged if c >= cut]
    assert sum(shown) / len(shown) >= 0.9 and cut == 0.6  # 10 of 11 right; at 0.5, 10 of 12
    # no cut reaches 0.9: the most precise one that still shows a quarter of them
    judged = [(0.8, True), (0.8, False), (0.6, True), (0.6, False), (0.6, False), (0.3, False)] * 2
    assert evaluate.display_threshold(judged, 0.9) == 0.8


def test_a_relation_is_judged_at_the_confidence_the_app_hides_it_by():
    """The lowest of the relation's and its ends' confidences, rule-made items at their prior."""
    gold = {"a": {"entities": [{"type": "Place", "name": "东川市"}, {"type": "Project", "name": "东川港二期工程"},
                               {"type": "Company", "name": "东川港务有限公司"}],
                  "relations": [{"type": "HOSTS", "head": "东川市", "tail": "东川港二期工程"},
                                {"type": "INVESTS_IN", "head": "东川港务有限公司", "tail": "东川港二期工程"}]}}
    pred = [{"article": "a",
             "entities": [{"type": "Place", "name": "东川市", "confidence": 1.0},
                          {"type": "Project", "name": "东川港二期工程", "confidence": 0.97},
                          {"type": "Company", "name": "东川港务有限公司", "confidence": 0.4}],
             "relations": [{"type": "HOSTS", "head": "东川市", "tail": "东川港二期工程", "confidence": 0.99},
                           {"type": "INVESTS_IN", "head": "东川港务有限公司", "tail": "东川港二期工程",
                            "confidence": 0.95}]}]
    evaluate.with_priors(pred, {"Place": 0.9})
    assert pred[0]["entities"][0]["confidence"] == 0.9 and pred[0]["entities"][1]["confidence"] == 0.97
    assert sorted(evaluate.judged_relations(gold, pred)) == [(0.4, True), (0.9, True)]


def test_a_site_below_a_county_hosts_a_project_alone_but_a_city_or_county_shares_it_with_the_places_around():
    from ingest.learn.stage import _most_specific_hosts
    g = gz.load()

    def place(name):
        return Mention(0, len(name), "Place", name, name, place=division(g, name))

    line, plant = (Mention(0, 4, "Project", n, n) for n in ("青川高铁", "江汉化工园"))
    rels = [{"type": "HOSTS", "head": place(p), "tail": t}
            for p, t in (("河南省", line), ("湖北省", line), ("武汉市", line), ("徐州市", plant), ("金龙湖街道", plant))]
    kept = {(r["head"].name, r["tail"].name) for r in _most_specific_hosts(rels, g)}
    # a city does not pin a line's site: the province around it hosts it too, and so does the one
    # beside it; a street does pin the plant's, so the city around it adds nothing
    assert kept == {("河南省", "青川高铁"), ("湖北省", "青川高铁"), ("武汉市", "青川高铁"), ("金龙湖街道", "江汉化工园")}


def test_a_project_named_with_its_place_is_hosted_there_unless_the_place_ends_a_route():
    from ingest.learn.stage import NAMED_SITE_CONFIDENCE, apply_pairs
    g = gz.load()
    text = "宁波市与台州市签约。启明电子宁波智能终端基地今年投产，宁波至台州城际铁路同时开工。"
    a = analysis(text, [*places(g, "宁波市", "台州市"),
                         ("启明电子宁波智能终端基地", "Project", -1), ("宁波至台州城际铁路", "Project", -1)])
    never = pairs.PairModel({"HOSTS": {"__intercept__": -9.0}, "INVESTS_IN": {"__intercept__": -9.0}},
                            {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    apply_pairs(a, g, never)
    hosts = {(r["head"].name, r["tail"].name): r for r in a.relations if r["type"] == "HOSTS"}
    # the plant carries its city in its name; the railway only runs from one city to the other
    assert set(hosts) == {("宁波市", "启明电子宁波智能终端基地")}
    r = hosts[("宁波市", "启明电子宁波智能终端基地")]
    assert r["confidence"] == NAMED_SITE_CONFIDENCE and r["pos"] == text.index("启明电子")


def test_a_project_the_model_gave_no_host_takes_its_likeliest_place_near_the_threshold():
    from ingest.learn.stage import apply_pairs
    g = gz.load()
    text = "合肥市召开会议。芜湖市新建光伏组件基地。"
    a = analysis(text, [*places(g, "合肥市", "芜湖市"),
                         ("光伏组件基地", "Project", -1)])
    # in the same sentence p = 0.27 (under the 0.5 threshold, over the floor); elsewhere 0.08
    doubtful = pairs.PairModel({"HOSTS": {"__intercept__": -2.5, "same_sent": 1.5}, "INVESTS_IN": {}},
                               {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    apply_pairs(a, g, doubtful)
    hosts = [(r["head"].name, r["tail"].name, r["confidence"]) for r in a.relations if r["type"] == "HOSTS"]
    assert hosts == [("芜湖市", "光伏组件基地", 0.269)]


def test_a_project_name_rules_out_its_route_ends_and_places_off_its_named_site():
    from ingest.learn.stage import apply_pairs
    g = gz.load()
    text = "西宁市、兰州市和大同市的客商来访。星河电子西宁电池工厂开工，西宁至兰州快速路通车。"
    found = places(g, "西宁市", "兰州市", "大同市")
    a = analysis(text, found + [("星河电子西宁电池工厂", "Project", -1), ("西宁至兰州快速路", "Project", -1)])
    always = pairs.PairModel({"HOSTS": {"__intercept__": 9.0}, "INVESTS_IN": {"__intercept__": -9.0}},
                             {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    apply_pairs(a, g, always)
    hosts = {(r["head"].name, r["tail"].name) for r in a.relations if r["type"] == "HOSTS"}
    # the plant names its city, so the other two cities are not its site; the road only runs
    # between the two cities it names, and the third city lies around neither end
    assert hosts == {("西宁市", "星河电子西宁电池工厂")}


def test_a_route_named_by_its_ends_is_not_hosted_by_a_city_around_neither_end():
    from ingest.learn.stage import apply_pairs
    g = gz.load()
    text = "杭州市召开会议，温州市、丽水市和浙江省交通厅负责人参加，部署温州至丽水快速路建设。"
    found = places(g, "杭州市", "温州市", "丽水市", "浙江省")
    a = analysis(text, found + [("温州至丽水快速路", "Project", -1)])
    a.mentions.sort(key=lambda m: m.start)
    always = pairs.PairModel({"HOSTS": {"__intercept__": 9.0}, "INVESTS_IN": {"__intercept__": -9.0}},
                             {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    apply_pairs(a, g, always)
    hosts = {r["head"].name for r in a.relations if r["type"] == "HOSTS"}
    # the province around both ends stays; the capital that convened the meeting does not host the road
    assert hosts == {"浙江省"}


@pytest.mark.parametrize("core, name, end", [
    ("宁海", "宁海至象山快速路", True), ("象山", "宁海至象山快速路", True),
    ("宁海", "宁海西店至象山石浦公路", True),   # the end is a village of the county: still an end
    ("宁海", "甬台高速宁海段", False),           # the stretch the name is about
    ("宁海", "星河电子宁海工厂", False),
    ("宁海", "宁海TFT-LCD面板线", False)])      # a hyphen between Latin letters links no places
def test_a_place_in_a_route_name_is_an_end_unless_the_name_is_about_its_stretch(core, name, end):
    assert pairs.route_end(core, name) is end


def test_a_doubted_project_the_text_ties_to_nothing_is_left_out():
    from ingest.learn.stage import drop_orphan_projects
    text = "芜湖市建设光伏组件基地。会上提到重点产业工程。城北污水厂总投资3亿元。新材料产业园顺利推进。"
    a = analysis(text, [("芜湖市", "Place", -1), ("光伏组件基地", "Project", -1), ("重点产业工程", "Project", -1),
                         ("城北污水厂", "Project", -1), ("新材料产业园", "Project", -1)])
    for m in a.mentions:
        if m.label == "Project":  # the tagger's confidence; only the industrial park is sure
            m.extra["confidence"] = 0.95 if m.name == "新材料产业园" else 0.6
    by = {m.name: m for m in a.mentions}
    a.relations = [{"type": "HOSTS", "head": by["芜湖市"], "tail": by["光伏组件基地"], "pos": 0}]
    a.totals = {"城北污水厂": {"amount_text": "3亿元", "amount_cny": 300000000}}
    drop_orphan_projects(a)
    # tied to a place, given a total, or sure: kept; the phrase tied to nothing and doubted: gone
    assert [m.name for m in a.mentions if m.label == "Project"] == ["光伏组件基地", "城北污水厂", "新材料产业园"]


def test_a_lone_host_is_never_a_place_the_project_name_rules_out():
    from ingest.learn.stage import apply_pairs
    g = gz.load()
    text = "浙江省部署交通建设。温州市、丽水市负责人表示，温州至丽水快速路年内开工。"
    a = analysis(text, places(g, "浙江省", "温州市", "丽水市") + [("温州至丽水快速路", "Project", -1)])
    # every pair under the 0.5 threshold; the route's two ends, in its sentence, likelier than the province
    doubtful = pairs.PairModel({"HOSTS": {"__intercept__": -1.05, "same_sent": 0.5}, "INVESTS_IN": {}},
                               {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    apply_pairs(a, g, doubtful)
    assert [r["head"].name for r in a.relations if r["type"] == "HOSTS"] == ["浙江省"]


def test_a_project_naming_its_company_is_invested_in_by_no_other():
    from ingest.learn.stage import apply_pairs
    g = gz.load()
    text = "京华电子与星海集团签约，京华电子北京显示面板线年内投产。"
    a = analysis(text, [("京华电子", "Company", -1), ("星海集团", "Company", -1),
                         ("京华电子北京显示面板线", "Project", -1)])
    a.totals = {}
    always = pairs.PairModel({"HOSTS": {"__intercept__": -9.0}, "INVESTS_IN": {"__intercept__": 9.0}},
                             {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    apply_pairs(a, g, always)
    assert [r["head"].name for r in a.relations if r["type"] == "INVESTS_IN"] == ["京华电子"]
    # a legal name inside the project's names its company even when the text names it nowhere else
    text = "星海集团称，京华电子(苏州)有限公司显示面板线年内投产。"
    a = analysis(text, [("星海集团", "Company", -1), ("京华电子(苏州)有限公司显示面板线", "Project", -1)])
    a.totals = {}
    apply_pairs(a, g, always)
    assert [r for r in a.relations if r["type"] == "INVESTS_IN"] == []


def test_a_project_named_after_its_company_is_its_investment_whatever_the_distance():
    from ingest.learn.stage import NAMED_OWNER_CONFIDENCE, apply_pairs
    g = gz.load()
    text = "启明光电公司去年营收增长三成。业内人士认为面板价格仍将下降。启明光电合肥8代线今年投产，通信信号工程同期完工。"
    a = analysis(text, [("启明光电公司", "Company", -1), ("通信", "Company", -1),
                         ("启明光电合肥8代线", "Project", -1), ("通信信号工程", "Project", -1)])
    a.totals = {}
    never = pairs.PairModel({"HOSTS": {"__intercept__": -9.0}, "INVESTS_IN": {"__intercept__": -9.0}},
                            {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    apply_pairs(a, g, never)
    got = {(r["head"].name, r["tail"].name): r["confidence"] for r in a.relations if r["type"] == "INVESTS_IN"}
    # 通信 is a common word before a project's name, not the company it names
    assert got == {("启明光电公司", "启明光电合肥8代线"): NAMED_OWNER_CONFIDENCE}


@pytest.mark.parametrize("project, named", [
    ("启明光电合肥8代线", True),
    ("启明巴西工厂", True),          # written 启明公司: the name without its legal form
    ("启明光电获批项目", False),     # an event told of the company, not a project named after it
    ("启明光电14家工厂", False),     # a count of its plants
    ("启明光电项目", False),         # the company and a bare head
    ("启明光电和蓝鲸精工", False),   # a list
    ("启明光电s", False),            # a name cut short
])
def test_a_project_is_named_after_its_company_when_the_company_starts_a_name(project, named):
    from ingest.learn.stage import _named_owner
    assert _named_owner({"启明光电股份有限公司", "启明光电", "启明公司"}, project) is named


def test_projects_listed_side_by_side_share_their_investor_and_host():
    from ingest.learn.stage import LISTED_CONFIDENCE, _listed_projects
    g = gz.load()
    text = "星海集团投资建设云杉光伏电站、白桦储能电站和青松风电场，蓝湖物流园另行招商。芜湖市将建设城北水厂、徐州物流园及江南水厂。"
    a = analysis(text, [("星海集团", "Company", -1), ("云杉光伏电站", "Project", -1), ("白桦储能电站", "Project", -1),
                         ("青松风电场", "Project", -1), ("蓝湖物流园", "Project", -1), *places(g, "芜湖市"),
                         ("城北水厂", "Project", -1), ("徐州物流园", "Project", -1), ("江南水厂", "Project", -1)])
    by = {m.name: m for m in a.mentions}
    rels = [{"type": "INVESTS_IN", "head": by["星海集团"], "tail": by["云杉光伏电站"], "pos": 0, "confidence": 0.9},
            {"type": "HOSTS", "head": by["芜湖市"], "tail": by["城北水厂"], "pos": 0, "confidence": 0.5}]
    got = {(r["type"], r["head"].name, r["tail"].name): r["confidence"] for r in _listed_projects(a, rels, g)}
    # the list's other members, not the project after the comma; none that names a city of its own
    assert got == {("INVESTS_IN", "星海集团", "白桦储能电站"): LISTED_CONFIDENCE,
                   ("INVESTS_IN", "星海集团", "青松风电场"): LISTED_CONFIDENCE,
                   ("HOSTS", "芜湖市", "江南水厂"): 0.5}


def test_a_listed_project_whose_own_investor_is_named_takes_no_siblings():
    """甲基地、乙产业园均落户…；甲基地由A投资…；乙产业园由B投资…: A does not invest in 乙."""
    from ingest.learn.stage import _listed_projects
    text = "云杉储能基地、白桦产业园和青松物流园均落户芜湖。云杉储能基地由星海集团投资。白桦产业园由蓝湖公司投资。"
    a = analysis(text, [("云杉储能基地", "Project", -1), ("白桦产业园", "Project", -1), ("青松物流园", "Project", -1),
                         ("星海集团", "Company", -1), ("蓝湖公司", "Company", -1)])
    by = {m.name: m for m in a.mentions}
    rels = [{"type": "INVESTS_IN", "head": by["星海集团"], "tail": by["云杉储能基地"], "pos": 0, "confidence": 0.9},
            {"type": "INVESTS_IN", "head": by["蓝湖公司"], "tail": by["白桦产业园"], "pos": 0, "confidence": 0.9}]
    got = {(r["head"].name, r["tail"].name) for r in _listed_projects(a, rels, gz.load())}
    assert got == {("星海集团", "青松物流园"), ("蓝湖公司", "青松物流园")}


def test_a_place_said_of_one_listed_project_alone_sites_no_sibling():
    """甲位于某镇；乙由…。…甲、乙等项目: the town is 甲's alone; so is the one written before a later
    item (泾川县建设丙及玉都镇丁: 玉都镇 sites 丁 only); one written before the first sites them all."""
    from ingest.learn.stage import _listed_projects
    g = gz.load()
    text = ("云杉光伏电站位于玉都镇；白桦储能电站由星海集团建设。会上，云杉光伏电站、白桦储能电站等项目签约。"
            "泾川县建设城北水厂及玉都镇供水工程。泾川县红河水厂和青松水厂开工。")
    town, county = division(g, "玉都镇"), division(g, "泾川县")
    a = analysis(text, [])
    for surface, label, place, k in [("云杉光伏电站", "Project", -1, 0), ("玉都镇", "Place", town, 0),
                                     ("白桦储能电站", "Project", -1, 0), ("云杉光伏电站", "Project", -1, 1),
                                     ("白桦储能电站", "Project", -1, 1), ("泾川县", "Place", county, 0),
                                     ("城北水厂", "Project", -1, 0), ("玉都镇", "Place", town, 1),
                                     ("供水工程", "Project", -1, 0), ("泾川县", "Place", county, 1),
                                     ("红河水厂", "Project", -1, 0), ("青松水厂", "Project", -1, 0)]:
        s = [i for i in range(len(text)) if text.startswith(surface, i)][k]
        a.mentions.append(Mention(s, s + len(surface), label, surface, surface, place=place))
    ps = sorted(a.mentions, key=lambda m: m.start)
    host = [(ps[1], ps[0]), (ps[7], ps[8]), (ps[9], ps[10])]  # 玉都镇 of 云杉…, 玉都镇 of 供水工程, 泾川县 of 红河水厂
    rels = [{"type": "HOSTS", "head": h, "tail": t, "pos": t.start, "via": "site"} for h, t in host]
    got = {(r["head"].name, r["tail"].name) for r in _listed_projects(a, rels, g)}
    assert got == {("泾川县", "青松水厂")}


@pytest.mark.parametrize("part, name, inside", [
    ("宁波", "启明电子宁波智能终端基地", True),
    ("贡山", "高黎贡山隧道", False),   # a mountain's name, not the county's
    ("北京", "北京机场3号航站楼", True),  # the start of a word jieba keeps whole
])
def test_a_place_is_named_in_a_project_where_a_word_begins(part, name, inside):
    assert pairs.at_word_start(part, name) is inside


def test_a_county_written_inside_a_landform_s_name_is_not_inside_the_project_s_name():
    g = gz.load()
    text = "贡山召开会议。高黎贡山隧道和贡山县城污水厂今年完工。"
    a = analysis(text, [("贡山", "Place", division(g, "贡山独龙族怒族自治县")), ("高黎贡山隧道", "Project", -1),
                         ("贡山县城污水厂", "Project", -1)])
    a.mentions[0].name = "贡山独龙族怒族自治县"
    feats = {k[2]: f for k, (f, _, _) in pairs.candidates(a, g).items() if k[0] == "HOSTS"}
    assert feats["高黎贡山隧道"]["inside"] == 0 and feats["贡山县城污水厂"]["inside"] == 1


def test_a_place_written_inside_a_route_s_waypoint_is_a_waypoint_too():
    g = gz.load()
    text = "这条公路北起平度市，向南经莱西市店埠镇接青新高速，全长80公里。"
    a = analysis(text, places(g, "平度市", "莱西市", "店埠镇") + [("青新高速", "Project", -1)])
    feats = {k[1]: f for k, (f, _, _) in pairs.candidates(a, g).items() if k[0] == "HOSTS"}
    assert feats["莱西市"]["head_route"] == 1 and feats["店埠镇"]["head_route"] == 1


def test_a_company_that_supplies_a_project_does_not_invest_in_it():
    from ingest.learn.stage import apply_pairs
    g = gz.load()
    always = pairs.PairModel({"HOSTS": {"__intercept__": -9.0}, "INVESTS_IN": {"__intercept__": 9.0}},
                             {"HOSTS": 0.5, "INVESTS_IN": 0.5})
    text = "蓝湾电子为沪宁城际铁路提供通信设备。"
    a = analysis(text, [("蓝湾电子", "Company", -1), ("沪宁城际铁路", "Project", -1)])
    a.totals = {}
    apply_pairs(a, g, always)
    assert [r for r in a.relations if r["type"] == "INVESTS_IN"] == []
    # one that builds it and supplies it too stays its investor
    text = "蓝湾电子投资建设智能终端产业园项目，并为其提供配套设备。"
    a = analysis(text, [("蓝湾电子", "Company", -1), ("智能终端产业园项目", "Project", -1)])
    a.totals = {}
    apply_pairs(a, g, always)
    assert [r["head"].name for r in a.relations if r["type"] == "INVESTS_IN"] == ["蓝湾电子"]


def test_the_late_stages_a_models_extraction_runs_are_the_pipelines_last_components():
    """train.predict runs run.LATE after finish(): every component after the pair model (but the
    spans displaCy reads), in the pipeline's order, so cross-validation scores what the pipeline makes."""
    from ingest.learn import run
    from ingest.pipeline import nlp
    names = [n for n, _ in run.LATE]
    pipe = nlp().pipe_names
    k = pipe.index("govkg_pair_classifier") + 1
    assert pipe[k:] == names + ["govkg_spans"]


def test_a_host_written_with_its_town_right_after_is_sited_in_the_town():
    text = ("樊城区委书记调研重点项目\n2020-05-12\n\n5月11日，樊城区委书记李明远调研全区重点项目建设。\n"
            "随后，李明远来到樊城区牛首镇，实地察看恒达新材料锂电池隔膜生产基地建设现场。")
    got = rels(extract_text(text), "HOSTS")
    assert ("牛首镇", "恒达新材料锂电池隔膜生产基地") in got and ("樊城区", "恒达新材料锂电池隔膜生产基地") not in got
