"""Places: canonical names, homonyms, and words that only look like places."""
import pytest

from ingest import gazetteer as gz
from ingest.extract import extract_text
from tests.ingest.record_sets import names, rels


@pytest.mark.parametrize("text, expected", [
    ("徐州召开大会,徐州市委书记出席。", {"徐州市"}),
    ("邳州召开工作例会。", {"邳州市"}),
    ("南京市鼓楼区召开会议。", {"南京市", "鼓楼区"}),
    ("苏州市吴江区盛泽镇举行签约仪式。", {"苏州市", "吴江区", "盛泽镇"}),
    ("合肥高新区召开招商大会。", {"合肥高新技术产业开发区"}),
    # a township's short form (于河) does not hide the province's full name after it
    ("这条铁路起于河南省周口市，止于安徽省阜阳市。", {"河南省", "周口市", "安徽省", "阜阳市"}),
    # ... nor its short name (位于河南)
    ("这条高铁位于河南、陕西两省境内。", {"河南省", "陕西省"}),
    # a province before its city (湖南岳阳) is no word across them (南岳)
    ("湖南岳阳召开交通工作会议。", {"湖南省", "岳阳市"}),
    # a border economic cooperation zone after its city
    ("位于东宁边境经济合作区的木业加工项目投产。", {"东宁边境经济合作区"}),
])
def test_places_resolve_to_canonical_names(text, expected):
    assert expected <= names(extract_text(text), "Place")


def test_homonym_takes_the_article_context():
    rec = extract_text("福州市召开会议。鼓楼区区长发言。")
    keys = {e["key"] for e in rec["entities"] if e["name"] == "鼓楼区"}
    assert keys == {"place:福建省/福州市/鼓楼区"}


def test_place_inside_a_company_name_is_not_a_place():
    rec = extract_text("项目由昆山佰斯拓机械设备有限公司投资建设。")
    assert "昆山市" not in names(rec, "Place")
    assert "昆山佰斯拓机械设备有限公司" in names(rec, "Company")


@pytest.mark.parametrize("text, absent", [
    ("市县两级和县乡政府要加强协调。", "和县"),
    ("全力营造山清水秀的自然生态。", "清水县"),
    ("做好84项城建重点工程。", "项城市"),
    # district names that are common nouns, written without their city
    ("西安市将预留新城区道路的发展空间。", "新城区"),
    ("老城区改造和郊区公路建设同步推进。", "老城区"),
    ("老城区改造和郊区公路建设同步推进。", "郊区"),
    # a short form that ends another word (昆士兰州, 金佛山, 加拿大同为)
    ("考察团访问了澳大利亚昆士兰州。", "兰州市"),
    ("游客乘车前往金佛山景区。", "佛山市"),
    ("美国、加拿大同为北约成员国。", "大同市"),
    # a county's full name out of other words, its city nowhere in the article (汉江|城区)
    ("安康市召开防汛会议，确保汉江城区段防洪安全。", "江城区"),
])
def test_words_that_look_like_places_are_not_places(text, absent):
    assert absent not in names(extract_text(text), "Place")


@pytest.mark.parametrize("text, expected", [("中国台湾的面板企业来此建厂。", "台湾"),
                                            ("中国香港的投资商来此建厂。", "香港特别行政区")])
def test_a_place_after_its_country_in_one_word_is_a_place(text, expected):
    assert expected in names(extract_text(text), "Place")


@pytest.mark.parametrize("text, expected", [
    # a municipality's districts by their short names: the municipality is their city
    ("重庆市今年开工两条铁路，万州和涪陵两地同步建设。", {"重庆市", "万州区", "涪陵区"}),
    ("天津市召开会议，天津滨海、武清两区签约。", {"天津市", "滨海新区", "武清区"}),
])
def test_a_municipality_backs_its_districts_short_names(text, expected):
    assert expected <= names(extract_text(text), "Place")


def test_a_municipality_alone_admits_no_common_word_as_its_district():
    assert "南岸区" not in names(extract_text("重庆市举行活动，长江南岸的广场开放。"), "Place")


def test_a_zone_name_holds_no_construction_verb():
    got = names(extract_text("上海市浦东新区签约。上海将在浦东建设新港区。"), "Place")
    assert not any("建设" in n for n in got)


def test_a_district_named_like_a_common_noun_counts_after_its_city():
    assert {"西安市", "新城区"} <= names(extract_text("西安市新城区今年新建学校三所。"), "Place")


def test_old_county_name_keeps_the_article_form():
    rec = extract_text("陕西省安康市旬阳县召开会议。")
    assert "旬阳县" in names(rec, "Place")


def test_a_place_inside_an_event_or_landform_name_is_no_mention():
    rec = extract_text("该企业曾是北京奥运会和广州亚运会的指定供应商，并在四川盆地勘探天然气，总部设在苏州。")
    places = names(rec, "Place")
    assert "苏州市" in places
    assert not {"北京市", "广州市", "四川省"} & places


@pytest.mark.parametrize("word, place", [("德国", True), ("韩国", True), ("安徽", True), ("沈阳市", True),
                                         ("太极", False), ("吉利", False), ("上市", False)])
def test_a_place_word_is_a_country_or_a_division_name_not_a_weak_form(word, place):
    assert gz.is_place_word(word) is place


def test_a_form_naming_a_city_and_its_county_is_the_city():
    got = names(extract_text("长沙市政府召开常务会议。长沙今年将新建两所学校。"), "Place")
    assert "长沙市" in got and "长沙县" not in got


@pytest.mark.parametrize("text, absent", [
    # a county whose short name is a common word (通道), with its city named elsewhere
    ("怀化市将完善西南地区铁路运输通道。", "通道侗族自治县"),
])
def test_a_county_named_by_a_common_word_needs_its_city_before_it(text, absent):
    assert absent not in names(extract_text(text), "Place")


@pytest.mark.parametrize("text, expected", [
    ("怀化市召开会议，怀化通道将新建一座机场。", {"怀化市", "通道侗族自治县"}),
    # a county right after its province needs no city (浙江萧山)
    ("今年以来，浙江萧山、福建南安两地新开工纺织项目。", {"萧山区", "南安市"}),
    # counties listed beside a kept place of their province (安溪 beside 同安, of 厦门)
    ("这条高速公路起于厦门，途经同安、安溪、永春，终于三明。", {"同安区", "安溪县", "永春县"}),
])
def test_a_county_without_its_city_counts_after_its_province_or_in_a_list(text, expected):
    assert expected <= names(extract_text(text), "Place")


@pytest.mark.parametrize("text, expected", [
    # an autonomous prefecture by its short name and 州, as news writes it
    ("恩施州委书记柳长青主持召开会议。", {"恩施土家族苗族自治州"}),
    ("湘西州投资50亿元建设一批产业园。", {"湘西土家族苗族自治州"}),
    # and the three whose short form is two characters of their own
    ("河北援建巴州两县的民生工程开工，克州和博州也在推进。",
     {"巴音郭楞蒙古自治州", "克孜勒苏柯尔克孜自治州", "博尔塔拉蒙古自治州"}),
])
def test_an_autonomous_prefecture_by_its_short_form(text, expected):
    assert expected <= names(extract_text(text), "Place")


def test_the_district_named_like_a_prefecture_abbreviation_keeps_its_city():
    rec = extract_text("四川省巴中市巴州区新建一座污水处理厂。")
    assert "巴州区" in names(rec, "Place") and "巴音郭楞蒙古自治州" not in names(rec, "Place")


@pytest.mark.parametrize("text, place, parent", [
    # a state-level new area, alone or after its province's or city's name, is a place in its own right
    ("雄安新区今年开工建设一批重大项目。", "雄安新区", "河北省"),
    ("重庆两江新区管委会与一家企业签约。", "两江新区", "重庆市"),
    ("杨凌示范区管委会主任李正华出席。", "杨凌农业高新技术产业示范区", "咸阳市"),
])
def test_a_national_new_area_is_a_place_under_its_division(text, place, parent):
    rec = extract_text(text)
    assert place in names(rec, "Place")
    assert (place, parent) in rels(rec, "PART_OF")


def test_every_national_zone_lies_in_a_known_division():
    g = gz.load()
    for name, (parent, _) in gz.NATIONAL_ZONES.items():
        idx = [i for i, k in g.forms[name] if k == "full" and g.divisions[i].level == "zone"]
        assert len(idx) == 1 and g.divisions[g.divisions[idx[0]].parent].name == parent, name


@pytest.mark.parametrize("text, place, official", [
    # a town named in full, though several counties have a town of that name
    ("金川镇党委书记杨福林介绍了项目进展。", "金川镇", "杨福林"),
    # a park with its own committee: a zone, which the committee's director leads
    ("宜宾家具产业园管委会副主任周立群介绍，园区已入驻企业120家。", "宜宾家具产业园", "周立群"),
])
def test_a_place_written_with_a_post_is_a_place_its_holder_leads(text, place, official):
    rec = extract_text(text)
    assert place in names(rec, "Place")
    assert (official, place) in rels(rec, "LEADS")


def test_a_town_name_cut_out_of_other_words_is_none():
    rec = extract_text("建设部已下发《关于公开城镇保障性安居工程建设信息的通知》。")
    assert "开城镇" not in names(rec, "Place")


@pytest.mark.parametrize("text, zone", [
    # a known zone written with its city's full name is that zone
    ("某某大厦位于天津市经济技术开发区内。", "天津经济技术开发区"),
    ("一批项目落户成都市高新区。", "成都高新技术产业开发区"),
])
def test_a_known_zone_after_its_city_s_full_name_takes_its_own_name(text, zone):
    assert zone in names(extract_text(text), "Place")


def test_taiwan_is_named_as_news_names_it_and_read_by_either_name():
    rec = extract_text("台湾省台北市举行展会，台湾的面板企业参展。")
    assert {"台湾", "台北市"} <= names(rec, "Place") and "台湾省" not in names(rec, "Place")


def test_a_town_word_alone_is_no_town():
    rec = extract_text("唐山市各镇(街道)、相关部门要加强对接。")
    assert "街道" not in names(rec, "Place")


@pytest.mark.parametrize("text, zone, kind", [
    ("一批项目落户莆田高新技术产业开发区。", "莆田高新技术产业开发区", "高新技术产业开发区"),
    ("成都市新津工业园区新引进项目12个。", "新津工业园区", "工业园区"),
    ("宁波保税区新引进企业12家。", "宁波保税区", "保税区"),
    ("厦门台商投资区新引进企业12家。", "厦门台商投资区", "台商投资区"),  # a zone of its own kind
])
def test_a_zone_after_a_place_is_one_name_though_the_tree_has_a_zone_named_by_its_kind(text, zone, kind):
    """The division tree names a few zones by their kind alone (工业园区 of 化德县): that word is no
    place of its own, so the place before it and the word are one zone."""
    got = names(extract_text(text), "Place")
    assert zone in got and kind not in got


@pytest.mark.parametrize("text, zone", [
    ("开工仪式在柳湾工业园区举行，各参建单位负责人出席。", "柳湾工业园区"),
    ("该项目位于长岭化工园区，建成后年产值8亿元。", "长岭化工园区"),
    ("副市长深入蔡家坡经济技术开发区调研企业生产。", "蔡家坡经济技术开发区"),
    # named by its land or water, which jieba reads as common words (鸬鹚|岛)
    ("青禾化工有限公司在鸬鹚岛化工园区建设丙烷脱氢项目。", "鸬鹚岛化工园区"),
])
def test_a_zone_named_by_a_proper_noun_alone_is_a_place(text, zone):
    """A zone's own name with no city before it (柳湾 + 工业园区) is a zone; the kind inside it
    (化工园区) is no place of its own."""
    rec = extract_text(text)
    assert zone in names(rec, "Place")
    assert "化工园区" not in names(rec, "Place")
    assert {e["level"] for e in rec["entities"] if e["name"] == zone} == {"zone"}


@pytest.mark.parametrize("text, zone, project", [
    ("华兴机械有限公司在洛河装备制造工业园区投资建设年产2万台农机项目。", "洛河装备制造工业园区", "年产2万台农机项目"),
    ("锦程纺织有限公司在青山第三工业区新建的高档面料项目投产。", "青山第三工业区", "高档面料项目"),
    ("光明食品有限公司投资3亿元建设的冷冻食品加工项目落户白鹭港产业园区。", "白鹭港产业园区", "冷冻食品加工项目"),
])
def test_a_zone_named_after_a_word_that_places_is_a_place(text, zone, project):
    """A zone the gazetteer lacks, its own name between 在/落户 and a suffix only ground carries
    (工业区, 产业园区), is a place, and hosts what is built in it."""
    rec = extract_text(text)
    assert zone in names(rec, "Place")
    assert (zone, project) in rels(rec, "HOSTS")


@pytest.mark.parametrize("text", ["两市共建产业园区，推动产业转移。", "全省工业园区亩均产值提高一成。",
                                  "在省级工业园区建设标准厂房。", "在各个产业园区开展安全检查。"])
def test_who_builds_a_park_or_how_many_there_are_is_no_zone_name(text):
    assert not any(n.endswith(("园区", "工业区")) for n in names(extract_text(text), "Place"))


def test_a_company_after_its_zone_and_de_is_named_alone():
    rec = extract_text("位于白鹭港化工园区的东海新材料有限公司年产5万吨磷酸铁项目开工。")
    assert "东海新材料有限公司" in names(rec, "Company")
    assert "白鹭港化工园区" in names(rec, "Place")


def test_a_trade_before_a_zone_kind_is_no_zone_name():
    assert not any(n.endswith("产业园区") for n in names(extract_text("在新材料产业园区建设研发中心。"), "Place"))


@pytest.mark.parametrize("text, town", [
    ("墨竹工卡县雅堆乡新建牧业基地。", "雅堆乡"),  # right after its county
    ("公司投资2亿元在洛波镇建设茶叶加工厂。", "洛波镇"),  # after a word that places
    ("工作组先后来到坎布拉镇、沃卡乡察看灾情。", "沃卡乡"),  # in a list
    ("茶叶加工厂选址洛波镇东部。", "洛波镇"),  # after 选址 or 落户
    ("茶叶加工厂将落户洛波镇。", "洛波镇"),
])
def test_a_township_the_gazetteer_lacks_is_read_by_its_kind(text, town):
    rec = extract_text(text)
    assert town in names(rec, "Place")
    assert {e["level"] for e in rec["entities"] if e["name"] == town} == {"township"}


@pytest.mark.parametrize("text", ["全县加快美丽乡村建设。", "推进城乡统筹发展，每乡镇建一所学校。", "他从金乡出发。"])
def test_words_before_a_township_kind_are_no_township(text):
    assert not any(n.endswith(("乡", "镇")) for n in names(extract_text(text), "Place"))


@pytest.mark.parametrize("text, zone, city", [
    ("新材料项目落户天津宝坻经济开发区。", "天津宝坻经济开发区", "天津市"),  # a known zone, its city's short name before
    ("物流项目落户长春空港经济开发区。", "长春空港经济开发区", "长春市"),  # a zone of that name elsewhere is not it
])
def test_a_city_s_short_name_before_a_zone_is_part_of_its_name(text, zone, city):
    rec = extract_text(text)
    assert zone in names(rec, "Place")
    assert not any(n != zone and n.endswith("经济开发区") for n in names(rec, "Place"))
    up, chain = dict(rels(rec, "PART_OF")), [zone]
    while chain[-1] in up:
        chain.append(up[chain[-1]])
    assert city in chain


def test_a_post_and_what_its_holder_did_are_no_zone_name():
    rec = extract_text("鲅鱼圈区区长孙德峰介绍了开发区的投资环境。")
    assert not any("孙德峰" in n for n in names(rec, "Place"))
    assert "孙德峰" in names(rec, "Official")



@pytest.mark.parametrize("text, zone, county, town", [
    ("濉溪县召开项目推进会。在临涣工业园区，年产30万吨焦化项目建成投产。", "临涣工业园区", "濉溪县", "临涣镇"),
    ("广丰县召开项目推进会。在芦林工业园区，年产30万吨白卡纸项目建成投产。", "芦林工业园区", "广丰县", "芦林街道"),
])
def test_a_zone_named_after_a_township_of_the_article_s_county_is_a_zone(text, zone, county, town):
    rec = extract_text(text)
    assert zone in names(rec, "Place")
    assert (zone, county) in rels(rec, "PART_OF")
    assert town not in names(rec, "Place")  # the town is no mention of its own



@pytest.mark.parametrize("text, county, zone", [
    ("年产40万吨煤制油项目落户神木县锦界工业园区。", "神木县", "锦界工业园区"),
    ("年产40万吨甲醇项目落户准格尔旗大路工业园区。", "准格尔旗", "大路工业园区"),
])
def test_a_county_written_in_full_stands_apart_from_its_town_s_zone(text, county, zone):
    rec = extract_text(text)
    assert {county, zone} <= names(rec, "Place")
    assert (zone, county) in rels(rec, "PART_OF")


@pytest.mark.parametrize("text, zone", [
    ("签约项目落户株洲高新技术产业开发区，株洲高新区将做好服务。", "株洲高新技术产业开发区"),
    # the article's full name, not the name the tree gives the short form (宜春经开区)
    ("项目落户宜春经济技术开发区。该公司还与宜春经开区签订了协议。", "宜春经济技术开发区"),
])
def test_a_zone_s_short_form_is_the_zone_the_article_names_in_full(text, zone):
    rec = extract_text(text)
    assert zone in names(rec, "Place")
    assert not {"株洲高新区", "宜春经济开发区"} & names(rec, "Place")


def test_a_zone_inside_a_zone_is_named_alone_and_hosts_what_is_built_there():
    rec = extract_text("8月3日，恒瑞精密轴承项目在株洲高新技术产业开发区董家塅工业园区开工。")
    assert {"株洲高新技术产业开发区", "董家塅工业园区"} <= names(rec, "Place")
    assert ("董家塅工业园区", "恒瑞精密轴承项目") in rels(rec, "HOSTS")


def test_what_a_zone_is_said_to_be_is_no_zone_of_its_own():
    assert names(extract_text("长春新区作为国家级新区，今年引进项目42个。"), "Place") == {"长春新区"}


def test_a_town_read_from_inside_a_word_is_no_place_unless_the_article_backs_it():
    assert "分乡镇" not in names(extract_text("受强降雨影响，部分乡镇出现内涝。"), "Place")
    assert "分乡镇" in names(extract_text("夷陵区委书记到分乡镇调研。"), "Place")


def test_a_zone_s_short_form_without_its_city_is_the_zone_the_article_named_in_full():
    """泸州临港经济技术开发区, then 临港经开区: the same zone, not the tree's 临港经济开发区 of 江阴."""
    rec = extract_text("签约仪式在泸州临港经济技术开发区举行。临港经开区党工委书记王强出席。某公司在临港经开区建设智能终端产业园。")
    assert "临港经济开发区" not in names(rec, "Place")
    assert ("王强", "泸州临港经济技术开发区") in rels(rec, "LEADS")
