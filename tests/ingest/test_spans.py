"""The tagger's spans made names: company and body bounds, coordination and the filters of
ingest/learn/spans.py (projects: test_span_projects.py; sentences written for these tests)."""
from __future__ import annotations

import pytest

from ingest.extract import extract_text
from ingest.learn import spans
from ingest.learn.trim import trim
from tests.ingest.analyses import analysis
from tests.ingest.record_sets import names


def test_company_keeps_its_place_and_drops_its_parent():
    text = "蓝鲸集团全资子公司苏州蓝鲸精工有限公司在相城区投资。"
    a = analysis(text, [("苏州", "Place", -1)])
    s = text.index("蓝鲸精工")
    got = spans.company_bounds(a, s, s + len("蓝鲸精工有限公司"))
    assert text[got[0]:got[1]] == "苏州蓝鲸精工有限公司"
    s = text.index("蓝鲸集团")
    got = spans.company_bounds(a, s, text.index("在"))
    assert text[got[0]:got[1]] == "苏州蓝鲸精工有限公司"


@pytest.mark.parametrize("parent", ["在华全资子公司", "旗下子公司", "下属企业"])
def test_a_legal_name_begun_after_a_trade_word_inside_it_starts_after_its_parent(parent):
    text = f"该基地由博泰集团{parent}博泰传动部件(上海)有限公司投资建设。"
    s = text.index("部件")
    got = spans.company_bounds(analysis(text, []), s, text.index("投资"))
    assert text[got[0]:got[1]] == "博泰传动部件(上海)有限公司"


@pytest.mark.parametrize("phrase, want", [
    ("蓝湾电子与蓝湾SDI", ["蓝湾电子", "蓝湾SDI"]), ("宏达集团、青禾科技及ABC", ["宏达集团", "青禾科技", "ABC"]),
    ("上海和黄药业", ["上海和黄药业"]),  # 和 inside a name stays
])
def test_coordinated_companies_are_one_span_each(phrase, want):
    got = spans._coordinated(phrase, 0, len(phrase), "Company", 0.8)
    assert [phrase[s:e] for s, e, _, _ in got] == want


@pytest.mark.parametrize("phrase, want", [
    ("青石湾码头二期及临港物流仓储中心项目", ["青石湾码头二期", "临港物流仓储中心项目"]),  # a phase ends a name
    ("3万吨级散货泊位及港口物流园", ["3万吨级散货泊位", "港口物流园"]),  # so does a berth
    ("白鹭湾污水处理及中水回用项目", ["白鹭湾污水处理及中水回用项目"]),  # a work, not a name, before 及
])
def test_coordinated_projects_are_one_span_each(phrase, want):
    got = spans._coordinated(phrase, 0, len(phrase), "Project", 0.8)
    assert [phrase[s:e] for s, e, _, _ in got] == want


def test_a_company_a_trade_noun_introduces_stays_whatever_the_tagger_says():
    text = "电路板厂商蓝湾(BW)在新港区建厂。"
    a = analysis(text, [("蓝湾", "Company", -1)])
    a.mentions[0].extra["listed"] = True  # what orgs.find_listed marks after 厂商
    spans.replace_spans(a, [], beliefs={})
    assert [m.name for m in a.mentions if m.label == "Company"] == ["蓝湾"]


def test_a_builder_is_named_without_its_site_office():
    text = "中铁十八局青松铁路项目部进场施工。"
    a = analysis(text, [])
    got = spans.company_bounds(a, 0, text.index("进场"))
    assert text[got[0]:got[1]] == "中铁十八局"


@pytest.mark.parametrize("span, name", [
    ("蓝鲸精工有限公司总经理", "蓝鲸精工有限公司"),       # a post after the legal form
    ("蓝鲸精工集团公司将加快", "蓝鲸精工集团公司"),       # an adverb after it
    ("蓝鲸精工集团有限责任公司", "蓝鲸精工集团有限责任公司"),  # the legal form goes on
    ("蓝鲸精工集团控股有限公司", "蓝鲸精工集团控股有限公司"),  # through a verb
])
def test_a_company_ends_at_its_legal_form_when_a_post_or_an_adverb_follows(span, name):
    text = span + "。"
    a = analysis(text, [])
    got = spans.company_bounds(a, 0, len(span))
    assert text[got[0]:got[1]] == name


@pytest.mark.parametrize("name,kind", [("日本公司", True), ("外资公司", True), ("沈阳旅游集团", False),
                                       ("XYZ集团", False), ("ABC公司", False), ("德国公司", True),
                                       ("大韩民国公司", True), ("安徽上市公司", True),
                                       # brands jieba tags as places, but no gazetteer or country list knows them
                                       ("吉利集团", False), ("苏泊尔集团", False)])
def test_a_country_and_a_suffix_is_a_kind_of_company(name, kind):
    assert spans._kind_of_company(name) is kind


def test_replace_spans_keeps_officials_and_drops_places_inside_names():
    text = "昆山佰瑞机械有限公司负责人介绍，县长王立新出席。"
    a = analysis(text, [("昆山", "Place", -1), ("王立新", "Official", -1)])
    s = text.index("昆山佰瑞")
    spans.replace_spans(a, [(s, text.index("负责人"), "Company", 0.9),
                            (text.index("县长"), text.index("出席"), "Organization", 0.6)])
    got = {(m.label, m.name) for m in a.mentions}
    assert got == {("Company", "昆山佰瑞机械有限公司"), ("Official", "王立新")}


def test_organizations_end_with_what_kind_of_body_they_are():
    text = "东江理工大学与中部地区合作，副县长李海出席。"
    a = analysis(text, [])
    spans.replace_spans(a, [(0, text.index("与"), "Organization", 0.8),
                            (text.index("中部"), text.index("合作"), "Organization", 0.7)])
    assert [m.name for m in a.mentions] == ["东江理工大学"]


@pytest.mark.parametrize("name, ok", [("股份有限公司", False), ("集团有限公司", False), ("蓝鲸股份有限公司", True)])
def test_a_legal_form_alone_names_no_company(name, ok):
    assert spans._name_like("Company", name) is ok


@pytest.mark.parametrize("name, ok", [("蓝鲸集团公关部", False), ("蓝鲸电器事业部", False), ("蓝鲸总部", False),
                                      ("交通运输部", False), ("青川市发改委", False), ("蓝鲸集团办公厅", False),
                                      ("中铁九局", True), ("中铁九局青川项目部", True)])
def test_a_department_or_a_ministry_is_no_company(name, ok):
    """A company's department or a ministry, not a builder's site office (项目部) or a bureau's name."""
    assert spans._name_like("Company", name) is ok


def test_the_tagger_reads_the_tokenizer_words_as_jieba_cuts_them():
    import jieba

    from ingest.learn import features
    from ingest.pipeline import nlp
    text = "标题 第一行\n\n\n  徐州市 举行签约仪式，\r\n总投资 10亿元。"
    words = features.doc_words(nlp().make_doc(text), text)
    assert words == jieba.lcut(text, HMM=True)
    assert features.word_layer(text, words) == features.word_layer(text)


def test_a_post_is_no_company_and_a_board_is_cut_off():
    text = "河西省委常委出席。宏达控股董事局宣布增资。"
    a = analysis(text, [])
    post, board = text.index("河西省委常委"), text.index("宏达控股董事局")
    spans.replace_spans(a, [(post, post + 6, "Company", 0.8), (board, board + 7, "Company", 0.8)])
    assert [m.name for m in a.mentions] == ["宏达控股"]


@pytest.mark.parametrize("text, tagged, want", [
    ("宏达集团(下称宏达集团)称，电池制造商蓝湾科技股份有限公司签约；见宏达集团网站。",
     ["下称宏达集团", "电池制造商蓝湾科技股份有限公司", "宏达集团网站"], ["宏达集团", "蓝湾科技股份有限公司", "宏达集团"]),
    ("法院判被告蓝湾日化公司赔偿，其技术合作伙伴宏达电子公司未到庭。",  # a role; 电子公司 is no 子公司
     ["被告蓝湾日化公司", "技术合作伙伴宏达电子公司"], ["蓝湾日化公司", "宏达电子公司"]),
])
def test_what_introduces_or_belongs_to_a_company_is_cut_off(text, tagged, want):
    a = analysis(text, [])
    spans.replace_spans(a, [(text.index(t), text.index(t) + len(t), "Company", 0.8) for t in tagged])
    assert [m.name for m in a.mentions] == want


@pytest.mark.parametrize("run", ["至", "和", "项目", "公司", "A"])
def test_a_run_of_one_word_is_no_name_and_is_read_in_time(run):
    # trimming a tagged span word by word re-cut it each time: 3,000 至 took 51 s
    from ingest.extract import extract_text
    text = run * 3000
    assert trim(text, 0, len(text)) is None
    rec = extract_text(text)
    assert [e for e in rec["entities"] if e["type"] in ("Company", "Project", "Organization")] == []


@pytest.mark.parametrize("text, tagged, want", [
    ("据悉，蓝湾电网是该项目的投资方。", "蓝湾电网是", "蓝湾电网"),
    ("宏达重工称将扩大投资。", "宏达重工称", "宏达重工"),
    ("蓝湾汽车发布公告，宣布增资。", "蓝湾汽车发布", "蓝湾汽车"),
    ("宏达电子有关负责人介绍。", "宏达电子有关", "宏达电子"),
    # after its legal form, what it does (大力发展…), unless another legal form follows (…集团控股有限公司)
    ("蓝湾物流公司大力发展冷链运输。", "蓝湾物流公司大力发展冷链", "蓝湾物流公司"),
    ("蓝湾集团控股有限公司发布公告。", "蓝湾集团控股有限公司", "蓝湾集团控股有限公司"),
    # when it does it (蓝湾电子 + 近日), but not a word that only looks like a time (北京现代)
    ("蓝湾电子近日宣布扩产。", "蓝湾电子近日", "蓝湾电子"),
    ("北京现代宣布扩产。", "北京现代", "北京现代"),
    # the noun a pronoun stood before (该|公司 + 蓝湾物流集团)
    ("该公司蓝湾物流集团宣布扩产。", "公司蓝湾物流集团", "蓝湾物流集团"),
])
def test_what_a_company_says_or_does_after_its_name_is_cut_off(text, tagged, want):
    a = analysis(text, [])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Company", 0.8)])
    assert [m.name for m in a.mentions] == [want]


def test_a_name_ending_in_a_verb_of_its_trade_or_a_particle_stays_whole():
    text = "宏达控股与蓝湾发展、金地签约。"  # 金|地: no name of one character is left
    a = analysis(text, [])
    spans.replace_spans(a, [(0, 4, "Company", 0.8), (5, 9, "Company", 0.8), (10, 12, "Company", 0.8)])
    assert [m.name for m in a.mentions] == ["宏达控股", "蓝湾发展", "金地"]


@pytest.mark.parametrize("tagged, want", [
    ("江川茶叶协会和北湖茶叶交易中心", ["江川茶叶协会", "北湖茶叶交易中心"]),  # two bodies
    ("中国竹木和藤编工业协会", ["中国竹木和藤编工业协会"]),                  # one body's name with 和
])
def test_coordinated_bodies_are_one_span_each(tagged, want):
    text = f"据{tagged}统计，出口增长。"
    a = analysis(text, [])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Organization", 0.8)])
    assert [m.name for m in a.mentions] == want


def test_a_word_that_opens_a_post_after_a_company_is_cut_off():
    text = "宏达通号原董事长出庭。"
    a = analysis(text, [])
    spans.replace_spans(a, [(0, 5, "Company", 0.8)])
    assert [m.name for m in a.mentions] == ["宏达通号"]


@pytest.mark.parametrize("text, tagged, want", [
    ("2015年，李建国任北湖工程物理研究院副院长。", "李建国任北湖工程物理研究院", ["北湖工程物理研究院"]),  # who took the post
    ("宏达钢铁配套的炭素研究所已经投用。", "宏达钢铁配套的炭素研究所", []),                         # a description
])
def test_a_body_is_named_without_who_took_a_post_in_it_or_a_description(text, tagged, want):
    a = analysis(text, [])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Organization", 0.8)])
    assert [m.name for m in a.mentions] == want


@pytest.mark.parametrize("tagged, want", [
    ("壳牌和宝钢", ["壳牌", "宝钢"]),          # two companies the known lists name
    ("宏和精工", ["宏和精工"]),                # 和 inside a name
])
def test_two_known_companies_joined_by_he_are_one_span_each(tagged, want):
    text = f"{tagged}签署了合作协议。"
    a = analysis(text, [])
    spans.replace_spans(a, [(0, len(tagged), "Company", 0.8)])
    assert [m.name for m in a.mentions] == want


def test_a_person_named_after_a_post_is_no_company():
    text = "蓝湾集团总裁郑启明携高管团队予以接待。"
    a = analysis(text, [])
    s = text.index("郑启明")
    spans.replace_spans(a, [(s, s + 3, "Company", 0.8)])
    assert a.mentions == []


@pytest.mark.parametrize("text, person", [
    ("王志强董事长出席仪式。", "王志强"),
    ("双方达成共识。王志强董事长向考察团介绍了情况。", "王志强"),
])
def test_a_person_named_before_a_company_post_is_no_company(text, person):
    assert person not in names(extract_text(text), "Company")


def test_a_known_company_before_a_post_stays_a_company():
    assert "海尔" in names(extract_text("签约仪式上，海尔董事长致辞。"), "Company")


def test_a_country_is_no_company():
    text = "蓝湾电子的产品销往美国、德国。"
    a = analysis(text, [])
    spans.replace_spans(a, [(text.index("美国"), text.index("美国") + 2, "Company", 0.8),
                            (text.index("德国"), text.index("德国") + 2, "Company", 0.8)])
    assert a.mentions == []


@pytest.mark.parametrize("name", ["三大汽车集团", "青川两大电缆集团", "食品股份有限公司", "资源集团有限公司"])
def test_a_count_of_companies_or_a_trade_and_legal_form_is_no_company(name):
    """两大集团 counts companies; 食品股份有限公司 is what is left of a name whose start was lost."""
    text = f"据悉，{name}表示销量增长。"
    a = analysis(text, [])
    s = text.index(name)
    spans.replace_spans(a, [(s, s + len(name), "Company", 0.9)])
    assert a.mentions == []


@pytest.mark.parametrize("name", ["青禾食品股份有限公司", "五粮液股份公司"])
def test_a_brand_before_a_legal_form_stays_a_company(name):
    text = f"据悉，{name}表示销量增长。"
    a = analysis(text, [])
    s = text.index(name)
    spans.replace_spans(a, [(s, s + len(name), "Company", 0.9)])
    assert [m.name for m in a.mentions] == [name]


def test_a_limited_company_tagged_as_a_body_is_a_company():
    text = "该项目由深圳市青禾电子有限公司投资建设。"
    a = analysis(text, [])
    s = text.index("深圳市")
    spans.replace_spans(a, [(s, s + len("深圳市青禾电子有限公司"), "Organization", 0.6)])
    assert [(m.label, m.name) for m in a.mentions if m.label != "Place"] == [("Company", "深圳市青禾电子有限公司")]


@pytest.mark.parametrize("name", ["青川县人民医院", "白水县医院", "青川县第二中学"])
def test_a_county_s_hospital_or_school_stays_whatever_the_tagger_thinks(name):
    text = f"调研组来到{name}，察看了门诊楼建设。"
    a = analysis(text, [])
    s = text.index(name)
    a.mentions.append(spans.Mention(s, s + len(name), "Organization", name, name))
    spans.replace_spans(a, [], beliefs={(s, s + len(name), "Organization"): 0.05})
    assert [(m.label, m.name) for m in a.mentions if m.label != "Place"] == [("Organization", name)]


@pytest.mark.parametrize("text, tagged, name", [
    ("会议还审议了州中级人民法院关于行政审判工作情况的报告。", "人民法院", "州中级人民法院"),
    ("会后，县人民医院的专家开展义诊。", "人民医院", "县人民医院"),
    ("徐州市人民医院扩建工程开工。", "人民医院", "人民医院"),  # a place name before the level: not a bare level
])
def test_a_court_or_hospital_after_a_bare_level_is_named_with_it(text, tagged, name):
    s = text.index(tagged)
    assert text[spans._with_bare_level(text, s):s + len(tagged)] == name


def test_the_company_whose_legal_name_stands_before_its_project_invests_in_it(monkeypatch):
    """，宁夏甲铝业科技有限公司年产20万吨…项目: the company (with its province) and its project."""
    monkeypatch.setenv("GOVKG_NO_MODEL", "0")
    rec = extract_text("在青铜峡工业园区，宁夏嘉川铝业科技有限公司年产20万吨高性能铝合金项目（总投资9.6亿元）一期已建成投产。")
    assert "宁夏嘉川铝业科技有限公司" in names(rec, "Company")
    assert ("宁夏嘉川铝业科技有限公司", "年产20万吨高性能铝合金项目") in {
        (r["head"], r["tail"]) for r in rec["relations"] if r["type"] == "INVESTS_IN"}


@pytest.mark.parametrize("text, rule, tagged, want", [
    # the rules read the name from a place of the country; the tagger cut it after a trade word
    ("由四川宜叙高速公路开发有限公司负责投资。", "四川宜叙高速公路开发有限公司", "开发有限公司", "四川宜叙高速公路开发有限公司"),
    ("中国水利水电第九工程局有限公司承担施工。", "中国水利水电第九工程局有限公司", "工程局有限公司", "中国水利水电第九工程局有限公司"),
    # what the rules take before the name and no name holds stays out: a role, a second name
    ("港资企业香港华利纺织有限公司投资建设。", "港资企业香港华利纺织有限公司", "香港华利纺织有限公司", "香港华利纺织有限公司"),
    ("云南英华及华泰控股集团投资建设。", "云南英华及华泰控股集团", "华泰控股集团", "华泰控股集团"),
    # no place opens the rules' longer reading: the tagger's stays
    ("远大施泰精密部件有限公司投资建设。", "远大施泰精密部件有限公司", "施泰精密部件有限公司", "施泰精密部件有限公司"),
])
def test_a_company_the_tagger_cut_short_takes_the_rules_start_from_a_place(text, rule, tagged, want):
    a = analysis(text, [(rule, "Company", -1)])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Company", 0.9)])
    assert [m.name for m in a.mentions if m.label == "Company"] == [want]


def test_a_long_company_name_is_read_whole_end_to_end():
    text = "项目由省交通投资集团有限公司与中国铁建股份有限公司共同出资组建的四川宜叙高速公路开发有限公司负责投资、建设和运营管理。"
    assert "四川宜叙高速公路开发有限公司" in names(extract_text(text), "Company")


@pytest.mark.parametrize("text, tagged, want", [
    ("；银川天和精密机床有限公司投资建设。", "精密机床有限公司", "银川天和精密机床有限公司"),  # 天|和: jieba cut the brand
    ("，深圳市联创精密电路有限公司在当地投资。", "精密电路有限公司", "深圳市联创精密电路有限公司"),
    ("，长垣市与中原起重装备集团有限公司签约。", "中原起重装备集团有限公司", "中原起重装备集团有限公司"),  # 与: two parties
    ("，营口中板是中国五矿集团公司的子公司。", "中国五矿集团公司", "中国五矿集团公司"),  # 是: a clause
    # the kind of enterprise it was introduced by goes; 企业 inside a name stays
    ("，外商独资企业海南恒晖石化有限公司投资建设。", "外商独资企业海南恒晖石化有限公司", "海南恒晖石化有限公司"),
    ("，企业海南恒晖石化有限公司投资建设。", "企业海南恒晖石化有限公司", "海南恒晖石化有限公司"),
    ("，海南企业管理有限公司投资建设。", "海南企业管理有限公司", "海南企业管理有限公司"),
])
def test_a_company_starts_with_its_place_and_brand_and_after_its_kind_of_enterprise(text, tagged, want):
    s = text.index(tagged)
    got = spans.company_bounds(analysis(text, []), s, s + len(tagged))
    assert text[got[0]:got[1]] == want


def test_what_a_company_invests_in_right_after_its_amount_stays_whatever_the_tagger_thinks():
    """投资4.8亿元建设的 + 甲物流园: the rules' name after the investment stays, though the tagger
    gives it no span of its own."""
    text = "甘肃雪域冷链物流有限公司投资4.8亿元建设的雪域冷链物流园累计完成投资2.6亿元。"
    assert "雪域冷链物流园" in names(extract_text(text), "Project")


def test_a_company_tagged_from_inside_its_bracket_loses_its_kind_of_enterprise():
    text = "在保税区分会场，港资企业恒通供应链（香港）有限公司投资1.5亿美元建设的恒通冷链物流园同步开工。"
    assert "恒通供应链（香港）有限公司" in names(extract_text(text), "Company")


def test_a_legal_name_the_tagger_began_inside_its_place_is_the_rules_name():
    text = "；上海锐驰汽车电子有限公司投资12亿元。"
    a = analysis(text, [("上海锐驰汽车电子有限公司", "Company", -1)])
    s = text.index("海锐驰")
    spans.replace_spans(a, [(s, text.index("投资"), "Company", 0.9)], beliefs={})
    assert [m.name for m in a.mentions if m.label == "Company"] == ["上海锐驰汽车电子有限公司"]


@pytest.mark.parametrize("text, body", [
    ("青州医学院附属第二医院专家到县医院坐诊。", "青州医学院附属第二医院"),
    ("禾山大学附属中学新校区开工。", "禾山大学附属中学"),
])
def test_a_universitys_hospital_or_school_is_one_body_with_it(text, body):
    assert body in names(extract_text(text), "Organization")
