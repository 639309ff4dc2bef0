"""The tagger's spans made names: company bounds, coordination and the filters
of ingest/learn/spans.py (sentences written for these tests)."""
from __future__ import annotations

import re

import pytest

from ingest import gazetteer as gz
from ingest.extract import extract_text
from ingest.learn import spans
from ingest.learn.trim import trim
from tests.ingest.analyses import analysis, places, tagged_project
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


@pytest.mark.parametrize("phrase, want", [
    ("青山煤矿和白水煤矿", ["青山煤矿", "白水煤矿"]),
    ("东湖隧道、西湖大桥及南湖码头", ["东湖隧道", "西湖大桥", "南湖码头"]),
    ("长江大桥和隧道", ["长江大桥和隧道"]),  # one side no name of its own: left whole
    ("滨海环线及高速公路建设项目", ["滨海环线及高速公路建设项目"]),  # one side only kinds of work: one project
    ("青川至白水高速公路控制性工程——云雾山隧道", ["青川至白水高速公路", "云雾山隧道"]),  # a road and its key works
    ("南川家具国际物流园及家具电商产业园项目", ["南川家具国际物流园", "家具电商产业园项目"]),  # a park, then a project
    ("樱桃沟康养小镇和县医院门急诊综合楼", ["樱桃沟康养小镇", "县医院门急诊综合楼"]),
])
def test_coordinated_project_names_are_one_span_each(phrase, want):
    got = spans._coordinated(phrase, 0, len(phrase), "Project", 0.8)
    assert [phrase[s:e] for s, e, _, _ in got] == want


@pytest.mark.parametrize("phrase, want", [
    ("蓝湾电子与蓝湾SDI", ["蓝湾电子", "蓝湾SDI"]), ("宏达集团、青禾科技及ABC", ["宏达集团", "青禾科技", "ABC"]),
    ("上海和黄药业", ["上海和黄药业"]),  # 和 inside a name stays
])
def test_coordinated_companies_are_one_span_each(phrase, want):
    got = spans._coordinated(phrase, 0, len(phrase), "Company", 0.8)
    assert [phrase[s:e] for s, e, _, _ in got] == want


def test_a_company_a_trade_noun_introduces_stays_whatever_the_tagger_says():
    text = "电路板厂商蓝湾(BW)在新港区建厂。"
    a = analysis(text, [("蓝湾", "Company", -1)])
    a.mentions[0].extra["listed"] = True  # what orgs.find_listed marks after 厂商
    spans.replace_spans(a, [], beliefs={})
    assert [m.name for m in a.mentions if m.label == "Company"] == ["蓝湾"]


@pytest.mark.parametrize("text, route, kept", [
    ("记者获悉，宁武至岢岚高速公路初步设计已通过评审。", "宁武至岢岚高速公路", True),
    ("今年开工的有忻州-保德、阳泉-盂县等项目。", "忻州-保德", True),
    ("这是一条武汉至上海的铁路。", "武汉至上海的铁路", False),  # the sentence's words around its ends
    ("项目东连宁武至岢岚高速公路。", "项目东连宁武至岢岚高速公路", False),
])
def test_a_route_named_by_its_ends_stays_whatever_the_tagger_says(text, route, kept):
    a = analysis(text, [(route, "Project", -1)])
    a.mentions[0].extra["kind"] = "route"  # what infrastructure.find_infrastructure marks
    spans.replace_spans(a, [], beliefs={})
    got = {m.name: m.extra["confidence"] for m in a.mentions if m.label == "Project"}
    assert got == ({route: spans.ROUTE_CONFIDENCE} if kept else {})


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


def test_a_chain_of_places_is_no_project():
    text = "线路经过宜宾—泸州—永川，全长三百公里。"
    a = analysis(text, [("宜宾", "Place", -1), ("泸州", "Place", -1), ("永川", "Place", -1)])
    spans.replace_spans(a, [(text.index("宜宾"), text.index("，"), "Project", 0.7)])
    assert sorted(m.name for m in a.mentions) == ["宜宾", "永川", "泸州"]


@pytest.mark.parametrize("phrase", ["滨江快速路是主城二环线", "宜昌北接沪渝高速", "城东污水厂、城西片区", "沿江铁路项目部",
                                    "华信集团中标滨海大道改造工程", "河西省委常委",
                                    # counted or pointed at, or a kind of project: not a name
                                    "这三项工程", "两大水利工程", "8条高速公路", "景区项目", "高质量项目", "家具产业园", "机床生产线",
                                    # a body, or a gloss in Latin letters: no project either
                                    "江南铁路局", "华东水利工程总公司", "Smart Grid Project", "江南信号厂工程师",
                                    # no Chinese at all: a product, a person, a town named in Latin letters
                                    "Ultrabook", "GreenvilleWorks",
                                    # a class of projects, or a list cut short by 等
                                    "宁波市重点文旅项目", "各类文旅招商项目", "宁波至舟山等城际铁路",
                                    "甬舟铁路全线控制性工程"])
def test_clauses_and_site_offices_are_no_project_names(phrase):
    text = phrase + "。"
    a = analysis(text, [])
    spans.replace_spans(a, [(0, len(phrase), "Project", 0.7)])
    assert a.mentions == []


@pytest.mark.parametrize("name, ok", [("股份有限公司", False), ("集团有限公司", False), ("蓝鲸股份有限公司", True)])
def test_a_legal_form_alone_names_no_company(name, ok):
    assert spans._name_like("Company", name) is ok


@pytest.mark.parametrize("name, ok", [("蓝鲸集团公关部", False), ("蓝鲸电器事业部", False), ("蓝鲸总部", False),
                                      ("交通运输部", False), ("青川市发改委", False), ("蓝鲸集团办公厅", False),
                                      ("中铁九局", True), ("中铁九局青川项目部", True)])
def test_a_department_or_a_ministry_is_no_company(name, ok):
    """A company's department or a ministry, not a builder's site office (项目部) or a bureau's name."""
    assert spans._name_like("Company", name) is ok


def test_a_name_with_a_key_or_grade_word_inside_stays_a_project():
    assert spans._name_like("Project", "国家重点实验室扩建项目") and spans._name_like("Project", "沿海高等级公路")


@pytest.mark.parametrize("text, road", [
    ("新建的滨湖大道向北延伸，终点接云岭高速，全长十二公里。", "云岭高速"),
    ("枢纽建成后与沿海高速公路相交，形成互通。", "沿海高速公路"),
    ("收费站将迁至东郊，以减轻北环立交桥的交通压力。", "北环立交桥"),
    ("新线起于东郊，接云岭高速公路西岭北段，全长六十公里。", "云岭高速公路西岭北段"),  # with its section
])
def test_a_road_named_only_as_a_landmark_is_no_project(text, road):
    assert tagged_project(text, road).mentions == []


@pytest.mark.parametrize("text, tagged, want", [
    ("会同12万吨铝材加工项目开工。", "12万吨铝材加工项目", "会同12万吨铝材加工项目"),
    ("宏达公司年产30万吨纸浆项目投产。", "30万吨纸浆项目", "年产30万吨纸浆项目"),
    ("西岭水泥厂扩建工程开工。", "水泥厂扩建工程", "水泥厂扩建工程"),
    ("新建日产2×5000吨熟料水泥生产线。", "5000吨熟料水泥生产线", "日产2×5000吨熟料水泥生产线"),
])
def test_a_project_named_by_its_capacity_keeps_its_site_and_output_word(text, tagged, want):
    a = analysis(text, [("会同", "Place", -1)] if "会同" in text else [])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Project", 0.8)])
    assert [m.name for m in a.mentions if m.label == "Project"] == [want]


def test_a_road_built_beside_a_landmark_stays_a_project():
    a = tagged_project("东山隧道与西岭铁路一起开工建设，年内完工。", "西岭铁路")
    assert [m.name for m in a.mentions] == ["西岭铁路"]


def test_the_tagger_reads_the_tokenizer_words_as_jieba_cuts_them():
    import jieba

    from ingest.learn import features
    from ingest.pipeline import nlp
    text = "标题 第一行\n\n\n  徐州市 举行签约仪式，\r\n总投资 10亿元。"
    words = features.doc_words(nlp().make_doc(text), text)
    assert words == jieba.lcut(text, HMM=True)
    assert features.word_layer(text, words) == features.word_layer(text)


@pytest.mark.parametrize("text, tagged", [
    ("他曾任西岭水泥厂工程师。", "西岭水泥厂工程"),
    ("滨江大桥项目经理王刚介绍了进度。", "滨江大桥项目"),
])
def test_a_name_the_text_goes_on_with_into_a_post_is_no_project(text, tagged):
    assert tagged_project(text, tagged).mentions == []


def test_a_project_span_the_tagger_doubts_is_left_out():
    text = "青山水库工程和白水大桥工程同时开工。"
    a = analysis(text, [])
    spans.replace_spans(a, [(0, 6, "Project", 0.4), (7, 13, "Project", 0.6)])
    assert [m.name for m in a.mentions] == ["白水大桥工程"]


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


def test_a_place_word_after_a_project_head_is_cut_off_and_a_measure_of_roads_is_no_project():
    a = tagged_project("在西岭至东山高速中，桥隧占比最高。", "西岭至东山高速中")
    assert [m.name for m in a.mentions] == ["西岭至东山高速"]
    assert tagged_project("白水高速公路通车里程达到300公里。", "白水高速公路通车里程").mentions == []
    a = tagged_project("青山工业中心今年投产。", "青山工业中心")  # 中心 is a head, not 中
    assert [m.name for m in a.mentions] == ["青山工业中心"]


@pytest.mark.parametrize("tagged", ["东岭长江大桥主塔封顶", "西岭至东山高铁全线贯通", "青山水库正式开工"])
def test_what_happens_to_a_project_is_no_part_of_its_name(tagged):
    a = tagged_project(f"昨日，{tagged}。", tagged)
    assert [m.name for m in a.mentions] == [re.sub(r"(?:主塔封顶|全线贯通|正式开工)$", "", tagged)]


@pytest.mark.parametrize("text, tagged, site, want", [
    ("位于天府新区直管区的青禾科学城项目今天开工。", "天府新区直管区的青禾科学城项目", "天府新区", "青禾科学城项目"),
    ("江宁区的青禾科学城项目今天开工。", "江宁区的青禾科学城项目", "江宁区", "青禾科学城项目"),
    # a site the place mention does not cover ends as a site does (镇, 港区…): the name starts after its 的 too
    ("江宁区白水镇的青禾科学城项目今天开工。", "江宁区白水镇的青禾科学城项目", "江宁区", "青禾科学城项目"),
])
def test_a_project_span_that_opens_with_its_site_and_de_starts_after_it(text, tagged, site, want):
    from ingest import gazetteer as gz
    from tests.ingest.analyses import places
    a = analysis(text, places(gz.load(), site))
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Project", 0.9)])
    assert [m.name for m in a.mentions if m.label == "Project"] == [want]


def test_a_company_s_site_tagged_as_the_company_is_a_project():
    text = "青禾电池福鼎基地项目计划投资80亿元。"
    a = analysis(text, [])
    spans.replace_spans(a, [(0, text.index("项目"), "Company", 0.9)])
    assert [(m.label, m.name) for m in a.mentions] == [("Project", "青禾电池福鼎基地项目")]


@pytest.mark.parametrize("text, tagged", [
    ("地铁站换上了蓝鲸电梯。", "蓝鲸电梯"),
    ("蓝湾推出四核手机芯片。", "四核手机芯片"),
    ("宏达集团上调钢材出厂价。", "钢材出厂价"),
    ("一家日本家电厂商表示。", "日本家电厂商"),
    ("县医院发布病房楼空调系统采购公告。", "病房楼空调系统采购"),  # a purchase
    ("市里的投影机招标项目今日开标。", "投影机招标项目"),
    ("据悉，江口周边一家印染厂已经停产。", "江口周边一家印染厂"),  # someone's plant, unnamed
    ("华北唯一一家线性压缩机生产基地落成。", "唯一一家线性压缩机生产基地"),
])
def test_a_product_a_price_or_a_trade_is_no_project(text, tagged):
    assert tagged_project(text, tagged).mentions == []


def test_a_project_named_after_what_happens_to_it_keeps_its_name():
    a = tagged_project("青山开工纪念馆今年投产。", "青山开工纪念馆")
    assert [m.name for m in a.mentions] == ["青山开工纪念馆"]


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


def test_a_project_named_after_shi_zhi_starts_after_it():
    text = "其中，一横是指北湖滨河大通道，全长约60公里。"
    a = tagged_project(text, "指北湖滨河大通道")
    assert [m.name for m in a.mentions] == ["北湖滨河大通道"]


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


@pytest.mark.parametrize("text, tagged", [
    ("青川市将承办第五届青川博览会。", "第五届青川博览会"),  # an event
    ("白水湾电梯事故引发关注。", "白水湾电梯事故"),
    ("禾田集团推出新款食用油。", "食用油"),  # a product in common words
    ("禾田集团加大太阳能电池投入。", "太阳能电池"),
    ("青川县引进宝钢。", "宝钢"),  # a known company
])
def test_an_event_a_product_or_a_company_is_no_project(text, tagged):
    assert tagged_project(text, tagged).mentions == []


@pytest.mark.parametrize("text, tagged", [
    ("青川至白水高速公路开工。", "青川至白水高速公路"),
    ("青川高铁全线贯通。", "青川高铁"),
    ("宝钢湛江基地开工。", "宝钢湛江基地"),  # a company's work named with its head
])
def test_a_work_named_by_its_head_stays_a_project(text, tagged):
    assert [m.name for m in tagged_project(text, tagged).mentions] == [tagged]


@pytest.mark.parametrize("name", ["建成投产项目", "续建项目", "县级领导包保项目", "新引进外资项目", "高端装备领域项目",
                                  "青川县2022年", "白水县二〇二二年度", "10亿元以上产业项目", "新能源产业项目", "补链强链项目",
                                  "中小项目"])
def test_a_class_of_projects_or_a_place_and_a_year_is_no_project(name):
    """What counts projects (建成投产项目, 包保项目) or dates a list of them (青川县2022年 of
    青川县2022年重大项目集中开工) names none."""
    assert not spans._name_like("Project", name)


def test_a_capacity_lead_the_tagger_cut_in_two_stays_whole():
    a = tagged_project("青川县年处理20万吨秸秆颗粒燃料项目开工。", "处理20万吨秸秆颗粒燃料项目")
    assert [m.name for m in a.mentions] == ["年处理20万吨秸秆颗粒燃料项目"]


def test_the_main_works_of_a_project_are_no_part_of_its_name():
    a = tagged_project("青川县人民医院迁建项目主体工程完工。", "青川县人民医院迁建项目主体工程")
    assert [m.name for m in a.by_label("Project")] == ["青川县人民医院迁建项目"]


def test_a_plant_s_size_before_its_name_is_part_of_it():
    a = tagged_project("青川县200兆瓦光伏发电基地并网。", "光伏发电基地")
    assert [m.name for m in a.mentions] == ["200兆瓦光伏发电基地"]


@pytest.mark.parametrize("text, tagged, want", [
    # the last two of a list that share one head: two names
    ("签约项目有禾田精密轴承、青禾智能终端及蓝湾日用瓷智能工厂项目。", "青禾智能终端及蓝湾日用瓷智能工厂项目",
     ["青禾智能终端", "蓝湾日用瓷智能工厂项目"]),
    # one begun by a figure is one name (a plant's outputs)
    ("建设5万吨/年粗铜、8万吨/年电锌及渣综合利用工程。", "8万吨/年电锌及渣综合利用工程", ["8万吨/年电锌及渣综合利用工程"]),
])
def test_the_last_two_of_a_list_of_projects_are_two_names(text, tagged, want):
    assert [m.name for m in tagged_project(text, tagged).mentions] == want


def test_a_project_read_from_inside_its_company_s_name_starts_with_the_name():
    """禾田新|材料年产…: the tagger cut the company's short name, which the article writes in full."""
    text = "在青川县，禾田新材料年产5万吨碳纤维项目开工，该项目由四川禾田新材料科技有限公司投资建设。"
    a = analysis(text, [])
    p, c = text.index("材料年产"), text.index("四川禾田")
    spans.replace_spans(a, [(p, text.index("开工"), "Project", 0.8), (c, c + len("四川禾田新材料科技有限公司"), "Company", 0.9)])
    assert [m.name for m in a.by_label("Project")] == ["禾田新材料年产5万吨碳纤维项目"]


def test_a_site_and_de_before_a_project_are_no_part_of_its_name():
    a = tagged_project("位于白沙港区的宏达10万吨级通用码头工程完工。", "白沙港区的宏达10万吨级通用码头工程")
    assert [m.name for m in a.mentions] == ["宏达10万吨级通用码头工程"]


@pytest.mark.parametrize("name", ["白沙港区", "青川经开区", "禾田工业园区"])
def test_a_zone_is_no_project(name):
    assert not spans._name_like("Project", name)


@pytest.mark.parametrize("text, want", [
    ("由贵州青禾光电科技有限公司投资建设的精密光学镜片加工项目正式投产。", ["精密光学镜片加工项目"]),
    ("贵州青禾医疗器械有限公司出资5200万元，在园区建设一次性医用耗材生产基地。", ["一次性医用耗材生产基地"]),
    # the names listed after it are built too
    ("黎平县与青禾重工集团有限公司签约，将建设智能起重装备产业园、起重机械检测中心及配套精密铸造项目。",
     ["智能起重装备产业园", "起重机械检测中心", "配套精密铸造项目"]),
    # a bridge its builder names, and what happens to it after (已完成主体工程) is no part of it
    ("由贵州桥梁建设集团有限责任公司承建的清水江特大桥已完成主体工程。", ["清水江特大桥"]),
])
def test_a_descriptive_name_built_by_a_company_named_before_it_is_a_project(monkeypatch, text, want):
    """Names of common words (精密光学镜片加工项目) after the company that builds them: the builder
    vouches for them whatever the tagger reads."""
    monkeypatch.setenv("GOVKG_NO_MODEL", "0")
    assert [e["name"] for e in extract_text(text)["entities"] if e["type"] == "Project"] == want


def test_a_name_built_by_no_company_is_left_to_the_tagger():
    a = analysis("黎平县今年将建设智能起重装备产业园。", [])
    assert spans._with_owned(a, [], []) == []


def test_a_route_the_tagger_cut_short_is_the_rules_whole_name():
    text = "总投资9亿元的大同至左云一级公路改建工程开工。"
    a = analysis(text, [])
    s, e = text.index("大同"), text.index("开工")
    a.mentions.append(spans.Mention(s, e, "Project", text[s:e], text[s:e], extra={"kind": "route"}))
    spans.replace_spans(a, [(text.index("左云"), e, "Project", 0.9)])
    assert [m.name for m in a.by_label("Project")] == ["大同至左云一级公路改建工程"]


@pytest.mark.parametrize("text, tagged, want", [
    ("投资4000万元的德化镇污水处理厂提标改造工程开工。", "污水处理厂提标改造工程", "德化镇污水处理厂提标改造工程"),
    ("投资1.2亿元的城北水厂扩建工程开工。", "水厂扩建工程", "城北水厂扩建工程"),
    ("此外，县第三自来水厂扩建工程也在推进。", "自来水厂扩建工程", "县第三自来水厂扩建工程"),
])
def test_a_utility_is_named_with_its_place_and_number(text, tagged, want):
    g = gz.load()
    a = analysis(text, places(g, "德化镇") if "德化镇" in text else [])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Project", 0.8)])
    assert [m.name for m in a.by_label("Project")] == [want]


def test_a_name_that_opens_its_clause_built_by_the_company_after_it_is_a_project(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "0")
    rec = extract_text("民生领域，黎平县第三污水处理厂由黎平县城市建设投资有限公司投资建设，总投资2亿元。")
    assert ("黎平县城市建设投资有限公司", "黎平县第三污水处理厂") in {
        (r["head"], r["tail"]) for r in rec["relations"] if r["type"] == "INVESTS_IN"}


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


@pytest.mark.parametrize("text, sector", [
    ("全市今年安排重点项目120个，重点推进新能源、新材料、电子信息等领域项目建设。", "电子信息"),
    ("一批教育、医疗、养老等民生项目相继建成。", "养老"),
    ("今天，一批智能制造、生物医药等产业项目集中开工。", "生物医药"),
])
def test_the_trades_of_a_list_closed_by_deng_are_no_projects(text, sector):
    assert sector not in names(extract_text(text), "Project")


def test_names_counted_after_deng_are_not_a_list_of_trades():
    assert spans.SECTOR_LIST.match("、汶川、马尔康等3条高速公路") is None
    assert spans.SECTOR_LIST.match("、新材料等领域") is not None


@pytest.mark.parametrize("text, tagged, name", [
    # the county named only inside its hospital's or school's name is the project's too
    ("民生方面，安福县人民医院住院综合楼项目总投资1.8亿元。", "人民医院住院综合楼项目", "安福县人民医院住院综合楼项目"),
    ("民生方面，永丰县中医院康复大楼项目总投资1.2亿元。", "中医院康复大楼项目", "永丰县中医院康复大楼项目"),
    ("同日，县第三中学扩建工程开工。", "中学扩建工程", "县第三中学扩建工程"),
    ("与之同步推进的还有城西大道改造工程。", "大道改造工程", "城西大道改造工程"),
])
def test_a_hospital_school_or_avenue_project_takes_the_place_before_it(text, tagged, name):
    a = tagged_project(text, tagged)
    assert [m.name for m in a.mentions if m.label == "Project"] == [name]


@pytest.mark.parametrize("text, tagged, name", [
    ("会议还审议了州中级人民法院关于行政审判工作情况的报告。", "人民法院", "州中级人民法院"),
    ("会后，县人民医院的专家开展义诊。", "人民医院", "县人民医院"),
    ("徐州市人民医院扩建工程开工。", "人民医院", "人民医院"),  # a place name before the level: not a bare level
])
def test_a_court_or_hospital_after_a_bare_level_is_named_with_it(text, tagged, name):
    s = text.index(tagged)
    assert text[spans._with_bare_level(text, s):s + len(tagged)] == name


@pytest.mark.parametrize("text, tagged, name", [
    ("在青铜峡工业园区，宁夏嘉川铝业科技有限公司年产20万吨高性能铝合金项目一期已建成投产。",
     "嘉川铝业科技有限公司年产20万吨高性能铝合金项目", "年产20万吨高性能铝合金项目"),
    ("凯川碳素（宁夏）有限公司年产2万吨石墨电极项目奠基。", "凯川碳素（宁夏）有限公司年产2万吨石墨电极项目", "年产2万吨石墨电极项目"),
])
def test_a_project_written_after_its_company_s_legal_name_is_named_without_it(text, tagged, name):
    a = tagged_project(text, tagged)
    assert [m.name for m in a.mentions if m.label == "Project"] == [name]


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


@pytest.mark.parametrize("text, project", [
    ("会上，宁城县投资建设乳品包装材料项目等12个项目现场签约。", "乳品包装材料项目"),
    ("赤峰市宁城县新建乳品包装材料项目，由一家深圳企业投资3亿元。", "乳品包装材料项目"),  # a chain of places
])
def test_a_project_read_with_its_site_and_what_is_done_there_starts_after_them(text, project):
    got = names(extract_text(text), "Project")
    assert project in got and not any(p.startswith(("宁城", "赤峰")) for p in got)


def test_what_a_company_invests_in_right_after_its_amount_stays_whatever_the_tagger_thinks():
    """投资4.8亿元建设的 + 甲物流园: the rules' name after the investment stays, though the tagger
    gives it no span of its own."""
    text = "甘肃雪域冷链物流有限公司投资4.8亿元建设的雪域冷链物流园累计完成投资2.6亿元。"
    assert "雪域冷链物流园" in names(extract_text(text), "Project")


@pytest.mark.parametrize("text, kind", [
    ("今年全县共引进德资项目3个、港资项目5个。", "德资项目"),  # whose money, no name
    ("会上共签约文旅项目12个，总投资86亿元。", "文旅项目"),  # a sector, no name
    ("全区新开工医疗养老项目4个。", "医疗养老项目"),
])
def test_a_kind_of_project_is_no_project(text, kind):
    assert kind not in names(extract_text(text), "Project")


def test_a_company_tagged_from_inside_its_bracket_loses_its_kind_of_enterprise():
    text = "在保税区分会场，港资企业恒通供应链（香港）有限公司投资1.5亿美元建设的恒通冷链物流园同步开工。"
    assert "恒通供应链（香港）有限公司" in names(extract_text(text), "Company")


@pytest.mark.parametrize("text, project", [
    ("县水务投资有限公司投资8000万元建设龙潭镇污水处理厂。", "龙潭镇污水处理厂"),  # a works named by its town
    ("新疆果业集团有限公司将在阿克苏市投资2亿元建设果品冷链物流中心。", "果品冷链物流中心"),
    ("京东集团投资3亿元在经开区建设华中智能配送中心。", "华中智能配送中心"),
])
def test_plants_and_centres_of_logistics_are_projects(text, project):
    assert project in names(extract_text(text), "Project")


def test_a_project_written_after_its_zone_and_nei_de_starts_after_them():
    text = "郴州华鑫冶炼有限公司投资8亿元建设的郴州有色金属产业园区内的年产5万吨精锌项目开工。"
    rec = extract_text(text)
    assert "年产5万吨精锌项目" in names(rec, "Project")
    assert not any("内的" in n for n in names(rec, "Project"))


@pytest.mark.parametrize("text, project", [
    ("香港恒昌国际投资有限公司将投资1亿美元建设伊宁国际商贸物流城。", "伊宁国际商贸物流城"),
    ("新加坡丰益国际投资有限公司将投资1亿美元建设霍尔果斯国际商贸物流城。", "霍尔果斯国际商贸物流城"),
])
def test_a_site_tagged_as_a_company_is_a_project(text, project):
    rec = extract_text(text)
    assert project in names(rec, "Project")
    assert project not in names(rec, "Company")
