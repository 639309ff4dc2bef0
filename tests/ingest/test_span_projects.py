"""The span tagger's projects: what the rules keep whatever it thinks, where its project names
start and end, and kinds of project that are no names (sentences written for these tests)."""
from __future__ import annotations

import re

import pytest

from ingest import gazetteer as gz
from ingest.extract import extract_text
from ingest.learn import spans
from tests.ingest.analyses import analysis, places, tagged_project
from tests.ingest.record_sets import names


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


def test_a_chain_of_places_is_no_project():
    text = "线路经过宜宾—泸州—永川，全长三百公里。"
    a = analysis(text, [("宜宾", "Place", -1), ("泸州", "Place", -1), ("永川", "Place", -1)])
    spans.replace_spans(a, [(text.index("宜宾"), text.index("，"), "Project", 0.7)])
    assert sorted(m.name for m in a.mentions) == ["宜宾", "永川", "泸州"]


@pytest.mark.parametrize("phrase", ["滨江快速路是主城二环线", "宜昌北接沪渝高速", "城东污水厂、城西片区", "沿江铁路项目部",
                                    "华信集团中标滨海大道改造工程", "河西省委常委",
                                    # counted or pointed at, or a kind of project: not a name
                                    "这三项工程", "两大水利工程", "8条高速公路", "景区项目", "高质量项目", "家具产业园", "机床生产线",
                                    "石化项目", "城市更新项目", "港资医药项目",  # a trade's short word, whose money
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
    # what the place does there, and its 的
    ("江宁区实施的老城区有机更新项目今天开工。", "江宁区实施的老城区有机更新项目", "江宁区", "老城区有机更新项目"),
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


def test_a_project_named_after_shi_zhi_starts_after_it():
    text = "其中，一横是指北湖滨河大通道，全长约60公里。"
    a = tagged_project(text, "指北湖滨河大通道")
    assert [m.name for m in a.mentions] == ["北湖滨河大通道"]


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
    # what it puts a sum into, carries out, or signs an agreement for
    ("其中，台湾正丰精工股份有限公司投资1500万美元的精密模具项目已于8月开工建设。", ["精密模具项目"]),
    ("青松机械有限公司投资3.8亿元实施的精密铸件项目上月开工。", ["精密铸件项目"]),
    ("当天，开发区还与厦门青鹭光电科技有限公司签订了LED封装项目投资协议。", ["LED封装项目"]),
    ("由贵州青禾农业科技有限公司投资建设的蔬菜种质资源创新中心正式投入使用。", ["蔬菜种质资源创新中心"]),  # a centre
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
    ("在青铜峡工业园区，宁夏嘉川铝业科技有限公司年产20万吨高性能铝合金项目一期已建成投产。",
     "嘉川铝业科技有限公司年产20万吨高性能铝合金项目", "年产20万吨高性能铝合金项目"),
    ("凯川碳素（宁夏）有限公司年产2万吨石墨电极项目奠基。", "凯川碳素（宁夏）有限公司年产2万吨石墨电极项目", "年产2万吨石墨电极项目"),
])
def test_a_project_written_after_its_company_s_legal_name_is_named_without_it(text, tagged, name):
    a = tagged_project(text, tagged)
    assert [m.name for m in a.mentions if m.label == "Project"] == [name]


@pytest.mark.parametrize("text, project", [
    ("会上，宁城县投资建设乳品包装材料项目等12个项目现场签约。", "乳品包装材料项目"),
    ("赤峰市宁城县新建乳品包装材料项目，由一家深圳企业投资3亿元。", "乳品包装材料项目"),  # a chain of places
])
def test_a_project_read_with_its_site_and_what_is_done_there_starts_after_them(text, project):
    got = names(extract_text(text), "Project")
    assert project in got and not any(p.startswith(("宁城", "赤峰")) for p in got)


@pytest.mark.parametrize("text, kind", [
    ("今年全县共引进德资项目3个、港资项目5个。", "德资项目"),  # whose money, no name
    ("会上共签约文旅项目12个，总投资86亿元。", "文旅项目"),  # a sector, no name
    ("全区新开工医疗养老项目4个。", "医疗养老项目"),
])
def test_a_kind_of_project_is_no_project(text, kind):
    assert kind not in names(extract_text(text), "Project")


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


@pytest.mark.parametrize("tagged, legal", [("睿驰新能源汽车", False), ("睿驰新能源汽车有限公司", True)])
def test_a_brand_the_tagger_reads_at_the_start_of_a_rule_project_is_the_project_s_name(tagged, legal):
    project = "精密零部件生产基地项目"
    text = f"5月8日，{tagged}{project}奠基仪式在鹤山市共和镇举行。"
    whole = tagged + project
    a = analysis(text, [(whole, "Project", -1)])
    s = text.index(tagged)
    spans.replace_spans(a, [(s, s + len(tagged), "Company", 0.7)], beliefs={})
    got = {(m.label, m.name) for m in a.mentions if m.label in ("Company", "Project")}
    # a legal name is the company's, and the rule name that runs over it is no project's
    assert got == ({("Company", tagged)} if legal else {("Project", whole)})
