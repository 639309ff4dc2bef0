"""Officials: posts and names, leader lists, the body a post belongs to."""
import pytest

from ingest.extract import extract_text
from tests.ingest.record_sets import names, rels


@pytest.mark.parametrize("text, official, place, title", [
    ("苏州市委书记顾海清出席会议。", "顾海清", "苏州市", "市委书记"),
    ("盛泽镇党委书记陆文斌表示,将全力服务项目。", "陆文斌", "盛泽镇", "党委书记"),
    ("会议由苏州市吴江区区长沈立新主持。", "沈立新", "吴江区", "区长"),
    ("合肥市委副书记、市长罗文杰出席开工仪式。", "罗文杰", "合肥市", "市委副书记、市长"),
    ("成都市双流区委书记唐志远,双流区区长冯清扬出席。", "唐志远", "双流区", "区委书记"),
    ("平顶山派出所所长王建国介绍了情况。", "王建国", "平顶山派出所", "所长"),
])
def test_title_splitting(text, official, place, title):
    rec = extract_text(text)
    assert official in names(rec, "Official")
    leads = {(r["head"], r["tail"]): r["title"] for r in rec["relations"] if r["type"] == "LEADS"}
    assert (official, place) in leads
    assert leads[(official, place)] == title


def test_leader_lists_and_implied_place():
    text = ("南京市召开项目推进会。南京市委书记韩立明出席,市委副书记、市长陈志强主持会议,"
            "市领导周文、吴海峰、郑小川参加。")
    rec = extract_text(text)
    assert {"韩立明", "陈志强", "周文", "吴海峰", "郑小川"} <= names(rec, "Official")
    assert ("陈志强", "南京市") in rels(rec, "LEADS")  # 市长 with no place: the article's city
    assert not any(h == "周文" for h, _ in rels(rec, "LEADS"))  # a bare 市领导 is no post


@pytest.mark.parametrize("text", [
    "本报记者 张伟 通讯员 李强\n扬州市广陵区召开会议。",
    "扬州市广陵区召开会议。\n责任编辑:刘洋",
    "扬州市广陵区召开会议。(记者 王芳)",
    "扬州市广陵区召开会议。\n遗失声明:赵磊遗失身份证一张,声明作废。",
])
def test_boilerplate_people_are_not_officials(text):
    rec = extract_text(text)
    assert names(rec, "Official") == set()
    assert "广陵区" in names(rec, "Place")


@pytest.mark.parametrize("text, official, org, title", [
    ("徐州市召开会议,市发改委主任张建国出席。", "张建国", "市发改委", "主任"),
    ("江苏省住房和城乡建设厅厅长周岚讲话。", "周岚", "江苏省住房和城乡建设厅", "厅长"),
    ("县扶贫和移民工作局局长洛桑次仁介绍情况。", "洛桑次仁", "县扶贫和移民工作局", "局长"),  # 扶贫, a verb in a body's name
    # verbs that belong to a body's name (发展, 改革, 监督, 管理) do not cut it short
    ("座谈会上，市发展和改革委员会主任钱立群作了发言。", "钱立群", "市发展和改革委员会", "主任"),
    ("座谈会上，县市场监督管理局局长孙文涛作了发言。", "孙文涛", "县市场监督管理局", "局长"),
    ("会议由省文化和旅游发展委员会主任郑海燕主持。", "郑海燕", "省文化和旅游发展委员会", "主任"),
    # ministries and their departments
    ("交通运输部部长韩振国出席会议。", "韩振国", "交通运输部", "部长"),
    ("国家发改委价格司司长林志远接受采访。", "林志远", "国家发改委价格司", "司长"),
    # civil-service ranks are posts too, the longer rank before the shorter post it starts with
    ("座谈会上，省交通运输厅主任科员马晓东作了发言。", "马晓东", "省交通运输厅", "主任科员"),
    ("座谈会上，市生态环境局二级巡视员王立新作了发言。", "王立新", "市生态环境局", "二级巡视员"),
    # a division between the department and the post is part of the post
    ("省农业厅畜牧业处处长李华介绍了生猪生产情况。", "李华", "省农业厅", "畜牧业处处长"),
    ("座谈会上，市水环境治理办公室城区处副处长顾明介绍，河道已治理。", "顾明", "市水环境治理办公室", "城区处副处长"),
    # a government's own centre, named after its place or level
    ("徐州市政府采购中心主任王立新说，今年采购规模扩大。", "王立新", "徐州市政府采购中心", "主任"),
    ("中央国家机关政府采购中心副主任张建国说，需求各不相同。", "张建国", "中央国家机关政府采购中心", "副主任"),
    # appointed, or removed from the post held till now
    ("会议决定，任命刘永清为省水利厅厅长。", "刘永清", "省水利厅", "厅长"),
    ("会议决定，免去高建民的省商务厅副厅长职务。", "高建民", "省商务厅", "副厅长"),
])
def test_department_posts_lead_the_department(text, official, org, title):
    rec = extract_text(text)
    leads = {(r["head"], r["tail"]): r["title"] for r in rec["relations"] if r["type"] == "LEADS"}
    assert leads.get((official, org)) == title
    assert org in names(rec, "Organization")


@pytest.mark.parametrize("text, person", [
    ("中国机床协会副秘书长郑立文介绍了行业情况。", "郑立文"),
    ("北方农贸市场信息部副主任高洪亮预计，菜价将回落。", "高洪亮"),
    ("江海大学城市研究中心主任吴启明认为，房价仍将上涨。", "吴启明"),
    # a party post chained after an enterprise post is the enterprise's (SCHEMA.md)
    ("华东能源集团公司总经理、党组书记王海涛出席仪式。", "王海涛"),
])
def test_posts_in_associations_markets_and_research_centres_are_not_public(text, person):
    assert person not in names(extract_text(text), "Official")


def test_the_longest_post_is_read_first():
    """省长助理 is one post, not 省长 followed by a name starting 助理."""
    rec = extract_text("宁夏回族自治区召开会议，自治区主席助理李小河出席。")
    assert ("李小河", "宁夏回族自治区") in rels(rec, "LEADS")


@pytest.mark.parametrize("text", [
    "采购中心主任王立新介绍说，供应商很多。",            # whose centre, the text does not say
    "华润上华设计服务中心处长吴明表示，市场平稳。",      # a company's centre
])
def test_a_centre_no_government_is_named_for_leads_nothing(text):
    rec = extract_text(text)
    assert not [r for r in rec["relations"] if r["type"] == "LEADS"]
    assert not [n for n in names(rec, "Organization") if n.endswith("中心")]


def test_a_bare_committee_is_no_organization():
    rec = extract_text("委员会主任周庆和介绍了情况。")
    assert "委员会" not in names(rec, "Organization")


def test_a_municipality_s_mayors_lead_the_municipality():
    """北京, 天津, 上海, 重庆: a 市长 or 副市长 without a place is the municipality's (it has no prefecture above)."""
    rec = extract_text("天津市召开招商大会。天津市委副书记、市长林志远，市委常委、常务副市长赵明德，"
                       "副市长陈秀兰出席。")
    leads = {(r["head"], r["tail"]): r["title"] for r in rec["relations"] if r["type"] == "LEADS"}
    assert leads.get(("赵明德", "天津市")) == "市委常委、常务副市长"
    assert leads.get(("陈秀兰", "天津市")) == "副市长"


def test_autonomous_region_chair_leads_the_region():
    rec = extract_text("宁夏回族自治区召开会议,自治区主席马文出席。")
    assert ("马文", "宁夏回族自治区") in rels(rec, "LEADS")


def test_a_zone_body_s_post_does_not_lead_the_article_s_county():
    text = "河北固安县召开推介会。固安县委书记出席。来自西岭家居产业园管委会副主任孙立平介绍，产业园落户固安。"
    rec = extract_text(text)
    assert "孙立平" in names(rec, "Official")
    assert ("孙立平", "固安县") not in rels(rec, "LEADS")


@pytest.mark.parametrize("text, person", [
    ("星海控股董事局主席陈立新表示，公司将扩大投资。", "陈立新"),    # a company's board
    ("中铁某局青川铁路项目部总工程师刘建华介绍了工期。", "刘建华"),  # a builder's site office
])
def test_a_post_on_a_company_board_or_in_a_site_office_is_not_public(text, person):
    assert person not in names(extract_text(text), "Official")


@pytest.mark.parametrize("text, official, body", [
    ("据市发改委主任张卫东介绍，项目进展顺利。", "张卫东", "市发改委"),
    ("会议由省交通厅厅长李振华主持。", "李振华", "省交通厅"),
])
def test_a_preposition_jieba_glues_to_the_level_is_no_part_of_the_body(text, official, body):
    rec = extract_text(text)
    assert (official, body) in rels(rec, "LEADS")
    assert not any(n.startswith(("据", "由")) for n in names(rec, "Organization"))


@pytest.mark.parametrize("text, official, body", [
    ("记者了解到，该厅青山管理局局长王江明表示，今年将新建公路。", "王江明", "青山管理局"),  # 该|厅: what 该 points to
    ("当记者问及是否因为新任青山铁路局局长李明远到任时。", "李明远", "青山铁路局"),
    ("时任青山铁路局局长李明远表示。", "李明远", "青山铁路局"),
])
def test_a_pointer_or_a_word_of_tenure_before_the_body_is_no_part_of_it(text, official, body):
    rec = extract_text(text)
    assert (official, body) in rels(rec, "LEADS")


@pytest.mark.parametrize("text, name, body", [
    # a spokesperson of a ministry or a government holds a public post
    ("交通运输部新闻发言人周立群在发布会上表示，项目将于年底开工。", "周立群", "交通运输部"),
    ("杭州市政府新闻发言人陈海波介绍了项目进展。", "陈海波", "杭州市"),
])
def test_a_government_spokesperson_is_an_official(text, name, body):
    rec = extract_text(text)
    assert name in names(rec, "Official")
    assert (name, body) in rels(rec, "LEADS")


@pytest.mark.parametrize("text, name", [
    ("据宏远汽车公司新闻发言人周立群介绍，工厂已经投产。", "周立群"),  # a company's spokesperson is none
    ("新闻发言人陈海波介绍了项目进展。", "陈海波"),  # nor one whose body the text does not name
])
def test_a_spokesperson_of_a_company_or_of_nobody_named_is_no_official(text, name):
    assert name not in names(extract_text(text), "Official")


def test_a_region_s_chair_is_titled_as_written_not_cut_inside_zizhiqu():
    rec = extract_text("宁夏回族自治区党委副书记、自治区主席马志明出席签约仪式。")
    leads = {(r["head"], r["tail"]): r["title"] for r in rec["relations"] if r["type"] == "LEADS"}
    assert leads.get(("马志明", "宁夏回族自治区")) == "自治区主席"


@pytest.mark.parametrize("text, leads", [
    # the elected, one by one and in lists, each clause with its own post
    ("青阳县召开人代会。孟书成当选为县人大常委会主任，褚文海、骆丽君当选为县人大常委会副主任；"
     "曾广田当选为青阳县人民政府县长，蒋晓川、温立波当选为副县长。",
     {("孟书成", "青阳县"), ("褚文海", "青阳县"), ("骆丽君", "青阳县"), ("曾广田", "青阳县"), ("蒋晓川", "青阳县"),
      ("温立波", "青阳县")}),
    # one 选举 for the whole sentence: the clauses after it name more of the elected
    ("大会选举葛振东为吴兴区人大常委会主任，邬立平、童海燕为吴兴区人大常委会副主任；选举骆志高为吴兴区人民政府区长，"
     "单明华、柏春雨为副区长。",
     {("葛振东", "吴兴区"), ("邬立平", "吴兴区"), ("童海燕", "吴兴区"), ("骆志高", "吴兴区"), ("单明华", "吴兴区"),
      ("柏春雨", "吴兴区")}),
    ("经研究决定，蔺红军任宁河区委书记。", {("蔺红军", "宁河区")}),
])
def test_who_is_elected_or_appointed_to_a_post_before_it(text, leads):
    assert leads <= rels(extract_text(text), "LEADS")


def test_officials_who_visit_two_projects_are_not_the_projects():
    rec = extract_text("宁城县召开会议。5月2日，县委书记乔立山、县长房国梁到两个项目施工现场调研。")
    assert {"乔立山", "房国梁"} == names(rec, "Official")
    assert not names(rec, "Project")


@pytest.mark.parametrize("text, leads", [
    ("宣城市召开会议。宣城市委常委、秘书长宁安平，广德市委书记庞建军、市长屠晓玲参加调研。",
     {("宁安平", "宣城市"), ("庞建军", "广德市"), ("屠晓玲", "广德市")}),
    ("泰安市召开会议。泰安市副市长贺志刚，新泰市委书记房立伟，市委副书记、市长闵海洋出席。",
     {("贺志刚", "泰安市"), ("房立伟", "新泰市"), ("闵海洋", "新泰市")}),
])
def test_a_bare_post_after_a_named_place_s_post_is_that_place_s(text, leads):
    """广德市委书记甲、市长乙: 乙 is 广德's mayor, not the article's prefecture's."""
    assert rels(extract_text(text), "LEADS") == leads


@pytest.mark.parametrize("text, official, village", [
    ("盘石村党支部书记郁长根介绍，全村今年增收两成。", "郁长根", "盘石村"),
    ("在城关镇枫林村党支部书记蔺小川家里，记者看到了新装的太阳能板。", "蔺小川", "枫林村"),
    ("石岗村村委会主任阚文亮说，合作社已经分红。", "阚文亮", "石岗村"),
])
def test_a_village_named_by_its_own_bodies_is_where_its_secretary_leads(text, official, village):
    rec = extract_text(text)
    assert village in names(rec, "Place")
    assert rels(rec, "LEADS") == {(official, village)}


def test_the_article_s_city_posts_before_a_zone_s_post_are_the_city_s():
    """市委常委、副市长、某开发区党工委书记甲 in an article about the city: 甲 leads both."""
    rec = extract_text("吴忠市召开会议。吴忠市委副书记、市长纳建华，市委常委、副市长、吴忠金积工业园区党工委书记邬海成出席。")
    assert {("邬海成", "吴忠市"), ("邬海成", "吴忠金积工业园区")} <= rels(rec, "LEADS")


@pytest.mark.parametrize("text, official, court", [
    ("鄞州区召开会议。区人民法院院长柴晓东、区人民检察院检察长屠建华列席会议。", "柴晓东", "区人民法院"),
    ("会议决定任命韦海英为衢州市中级人民法院副院长。", "韦海英", "衢州市中级人民法院"),
])
def test_a_court_s_or_a_procuratorate_s_head_leads_it(text, official, court):
    assert (official, court) in rels(extract_text(text), "LEADS")


@pytest.mark.parametrize("text, leads", [
    # who is named to a party committee's posts, with 同志 before 任
    ("宣布省委决定：阚立群同志任湘西州委委员、常委、书记。", {("阚立群", "湘西土家族苗族自治州")}),
    # a city's post written before a headquarters' post
    ("5月20日，清远市副市长、市三防指挥部副总指挥隋建明带领有关部门负责人到英德市检查防汛工作。", {("隋建明", "清远市")}),
    # a party committee's standing member heading its organization department
    ("黔东南州委常委、组织部部长栗光荣出席会议。", {("栗光荣", "黔东南苗族侗族自治州")}),
])
def test_posts_of_personnel_items_and_headquarters(text, leads):
    assert leads <= rels(extract_text(text), "LEADS")


def test_a_bare_party_department_is_its_committee_s():
    rec = extract_text("浙江省委常委、宣传部部长王立新出席会议并讲话。")
    assert ("王立新", "浙江省") in rels(rec, "LEADS")
    assert "宣传部" not in names(rec, "Organization")


def test_an_appointment_to_a_district_committee_named_with_its_city_leads_the_district():
    rec = extract_text("会议宣读了省委决定：刘建华同志任中共南京市江宁区委员会委员、常委、书记。")
    assert ("刘建华", "江宁区") in rels(rec, "LEADS")
    assert ("刘建华", "南京市") not in rels(rec, "LEADS")


@pytest.mark.parametrize("text, leads", [
    # the prefecture is no 市: a bare 市长 is the county-level city's
    ("西昌市召开项目推进会。州委常委、西昌市委书记李建明出席，市委副书记、市长马文强主持会议。", ("马文强", "西昌市")),
    # the article names its county-level city more often than the prefecture
    ("孝义市召开经济工作会议。吕梁市委常委、孝义市委书记郝志勇讲话，市长任建平部署孝义市全年工作。", ("任建平", "孝义市")),
])
def test_a_bare_city_post_in_an_article_about_a_county_level_city_is_that_city_s(text, leads):
    assert leads in rels(extract_text(text), "LEADS")


def test_a_bare_city_post_under_a_headline_about_the_prefecture_is_the_prefecture_s():
    """The county-level city named more often, as one of the prefecture's venues: the headline says whose
    article it is."""
    rec = extract_text("榆林市重点项目集中开工\n2021-04-16\n\n神木市分会场同步开工，神木市大保当镇的物流园项目落地，"
                       "神木市委书记李建国出席。市委书记王振东宣布项目开工。")
    assert {("李建国", "神木市"), ("王振东", "榆林市")} <= rels(rec, "LEADS")


@pytest.mark.parametrize("text, leads", [
    ("阿里地委书记普布次仁出席。", ("普布次仁", "阿里地区")),  # a 地区's party committee
    ("和田行署专员艾力·买买提主持会议。", ("艾力·买买提", "和田地区")),  # its administrative office
])
def test_a_prefecture_s_committee_or_office_leads_the_prefecture(text, leads):
    assert leads in rels(extract_text(text), "LEADS")


@pytest.mark.parametrize("text, leads", [
    # a list after 任命：, one clause to each
    ("会议经表决，决定任命：庞建国为昌吉回族自治州人民政府副州长；古丽娜·阿布都为州教育局局长；吴海峰为州商务局局长。",
     {("庞建国", "昌吉回族自治州"), ("古丽娜·阿布都", "州教育局"), ("吴海峰", "州商务局")}),
    # a list of removals, each from the post held till now
    ("决定免去：艾力·买买提的州民政局局长职务；阚东的州财政局局长职务。",
     {("艾力·买买提", "州民政局"), ("阚东", "州财政局")}),
    # the appointed are no part of the body's name (not 会议任命张岚为市交通运输局)
    ("会议任命张岚为市交通运输局局长。", {("张岚", "市交通运输局")}),
    ("大会选举特木尔为赤峰市人民检察院检察长。", {("特木尔", "赤峰市人民检察院")}),
    ("会议任命哈那提·阿合买提为州中级人民法院副院长。", {("哈那提·阿合买提", "州中级人民法院")}),
])
def test_lists_of_appointments_and_the_bodies_appointed_to(text, leads):
    assert rels(extract_text(text), "LEADS") == leads


@pytest.mark.parametrize("text, leads", [
    # deputies after the head of their body carry its place
    ("保定市人大常委会主任韩卫东主持会议，副主任马春燕、杜立强出席。",
     {("韩卫东", "保定市"), ("马春燕", "保定市"), ("杜立强", "保定市")}),
    # the later clauses of one vote: the deputies elected after the head
    ("大会选举严光明为邵东县人民代表大会常务委员会主任，谭红、曾祥为副主任。",
     {("严光明", "邵东县"), ("谭红", "邵东县"), ("曾祥", "邵东县")}),
    # a deputy secretary-general and a deputy banner head are posts of their government
    ("湖北省政府副秘书长邓志刚出席签约仪式。", {("邓志刚", "湖北省")}),
    ("阿鲁科尔沁旗副旗长包金花陪同调研。", {("包金花", "阿鲁科尔沁旗")}),
    # a city's full name that is also a dictionary word (焦作市) is the city
    ("焦作市委书记钱国栋出席会议。", {("钱国栋", "焦作市")}),
    # a chained post in a department with a long name: the city's post still stands
    ("岳阳市委书记刘安平，副市长、市防汛抗旱指挥部常务副总指挥孔德成出席会议。",
     {("刘安平", "岳阳市"), ("孔德成", "岳阳市")}),
])
def test_deputies_and_posts_of_a_government(text, leads):
    assert leads <= rels(extract_text(text), "LEADS")


def test_a_later_clause_of_a_vote_keeps_the_appointee_out_of_the_body_s_name():
    rec = extract_text("大会选举欧阳坤为邵东县人民法院院长，胡建为邵东县人民检察院检察长。")
    assert "邵东县人民检察院" in names(rec, "Organization")
    assert not any("胡建" in n for n in names(rec, "Organization"))


@pytest.mark.parametrize("text, leads", [
    # a zone's name without its city, once the article names it in full
    ("淮安台商投资区举行签约仪式。台商投资区党工委书记方志华致辞。", ("方志华", "淮安台商投资区")),
    # a zone's short form beside its full name: one zone, and its committee's posts are its
    ("株洲高新区召开大会。株洲高新技术产业开发区今年新签项目10个。市委常委、高新区党工委书记龙建军讲话。",
     ("龙建军", "株洲高新技术产业开发区")),
    # a zone the division tree counts as a county is the article's zone for a committee's post
    ("天府新区召开项目推进会，党工委委员、管委会副主任廖小梅主持会议。", ("廖小梅", "天府新区")),
])
def test_a_zone_s_committee_posts_lead_the_article_s_zone(text, leads):
    assert leads in rels(extract_text(text), "LEADS")


def test_the_deputies_of_an_assembly_lead_the_county_only_when_the_text_writes_it():
    implied = extract_text("青川县召开人大常委会会议\n\n县人大常委会主任罗德明主持会议，副主任杜春华、王建刚出席。县长侯志军列席。")
    assert not {("杜春华", "青川县"), ("王建刚", "青川县")} & rels(implied, "LEADS")
    written = extract_text("青川县人大常委会主任罗德明主持会议，副主任杜春华、王建刚出席。")
    assert {("杜春华", "青川县"), ("王建刚", "青川县")} <= rels(written, "LEADS")


@pytest.mark.parametrize("text, name", [
    ("入汛以来，全县长江干堤全线进入警戒状态。", None),  # 县长 runs into 长江: no official
    ("县委书记周明来到白湖镇长江大堤险段察看汛情。", None),
    ("台州市质监局局长江传文出席。", "江传文"),  # a surname after 长
    ("白湖镇党委书记张正明、湖口镇镇长谭敏作交流发言。", "谭敏"),  # 作交流 closes a name
])
def test_a_name_after_a_post_ending_in_zhang(text, name):
    got = names(extract_text(text), "Official")
    assert (name in got) if name else not any(n.startswith("江") for n in got)


@pytest.mark.parametrize("text, name", [
    ("景洪市委书记岩温、市长玉香出席开工仪式。", "岩温"),  # Dai names
    ("多吉镇党委书记卓玛介绍，新校区明年投用。", "卓玛"),  # a name of one part, before a verb
    ("凉山州委常委、副州长沙马日体宣布开工。", "沙马日体"),  # Yi
])
def test_names_of_one_or_more_parts_of_another_language(text, name):
    assert name in names(extract_text(text), "Official")
