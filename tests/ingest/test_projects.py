import pytest

from ingest.analysis import Analysis
from ingest.extract import extract_text
from ingest.projects import find_by_capacity
from tests.ingest.record_sets import names


def rule_projects(monkeypatch, text: str) -> set[str]:
    """The projects the rules alone find in text."""
    from ingest.pipeline import nlp
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    return {m.name for m in nlp()(text)._.kg.mentions if m.label == "Project"}


@pytest.mark.parametrize("text, want", [
    ("集团投资6亿元建设日处理800吨生活垃圾焚烧发电项目。", ["日处理800吨生活垃圾焚烧发电项目"]),
    ("二期将建成年出栏50万头肉牛养殖和加工基地，明年投产。", ["年出栏50万头肉牛养殖和加工基地"]),
    ("公司拟建设年产2万吨负极材料生产线项目。", ["年产2万吨负极材料生产线项目"]),
    ("新建日产2×5000吨熟料水泥生产线。", ["日产2×5000吨熟料水泥生产线"]),
    # no name: the figure ends its clause, or a list of products, or what the plant makes is described
    ("公司年产10万吨纸浆，项目明年投产。", []),
    ("新线年产8万吨纸浆、3万吨纸板项目。", []),
    ("年产3万吨的药品生产线已经投产。", []),
])
def test_a_project_named_by_its_capacity_runs_from_the_figure_to_its_suffix(text, want):
    a = Analysis(text)
    find_by_capacity(a)
    assert [m.name for m in a.mentions] == want


@pytest.mark.parametrize("text, want", [
    ("一天之后，蓝海啤酒湖南娄底生产基地正式开工。", {"湖南娄底生产基地"}),  # a kind of site named by its place
    ("襄阳市重点项目建设加快。", set()),  # a rank of projects is no kind of site
])
def test_a_kind_of_site_keeps_the_place_that_names_it(monkeypatch, text, want):
    assert rule_projects(monkeypatch, text) == want


@pytest.mark.parametrize("text, want", [
    ("双方签订了碧螺古镇旅游区投资建设协议。", {"碧螺古镇旅游区"}),
    ("双方签订了雁鸣湖旅游度假区投资建设协议。", {"雁鸣湖旅游度假区"}),
])
def test_a_tourist_zone_or_a_service_area_is_a_project_by_its_suffix(monkeypatch, text, want):
    assert rule_projects(monkeypatch, text) == want


@pytest.mark.parametrize("text, want", [
    ("该集团将投资建设凤凰山国际旅游度假区。", {"凤凰山国际旅游度假区"}),  # 国际 after a name is in it
    ("长沙国际商贸城二期项目签约落户。", {"长沙国际商贸城二期项目"}),      # and so is the place before it
    ("公司将积极开拓国际市场，引进国际先进生产线项目。", set()),           # 国际 after a verb opens none
])
def test_guoji_after_a_name_is_part_of_the_project_name(monkeypatch, text, want):
    assert rule_projects(monkeypatch, text) == want


@pytest.mark.parametrize("text, want", [
    ("总投资15亿元的青松湖现代工业园二期项目开工。", {"青松湖现代工业园二期项目"}),
    ("白鹭洲生物医药产业园项目昨日签约。", {"白鹭洲生物医药产业园项目"}),
])
def test_a_kind_of_zone_inside_a_project_name_is_no_place_that_ends_it(monkeypatch, text, want):
    """工业园 and 产业园 are short forms of zones in the division tree; inside a name they are
    words of it, so the name runs on past them."""
    assert rule_projects(monkeypatch, text) == want


def test_a_standard_works_word_opens_a_project_name(monkeypatch):
    """标准化 is a verbal noun jieba tags vn; in 标准化厂房 it is part of the name."""
    assert "标准化厂房二期工程" in rule_projects(monkeypatch, "同日开工的还有颍东经济开发区标准化厂房二期工程，总投资2.2亿元。")


def test_a_project_name_never_runs_over_an_official_s_post():
    rec = extract_text("泸州市委常委、常务副市长王志刚通报上半年项目建设情况。")
    assert names(rec, "Official") == {"王志刚"}
    assert not names(rec, "Project")


@pytest.mark.parametrize("text, project", [
    # a part of town or a region that is no place of the article names the site with its kind
    ("由青禾环保有限公司投资2亿元建设的城西污水处理厂日处理污水3万吨。", "城西污水处理厂"),
    ("由丰安储运有限公司投资5亿元建设的冀南现代物流园将于明年投用。", "冀南现代物流园"),
])
def test_a_place_word_the_article_does_not_read_as_a_place_names_a_site(monkeypatch, text, project):
    assert project in rule_projects(monkeypatch, text)


def test_a_place_alone_before_project_names_no_project(monkeypatch):
    assert rule_projects(monkeypatch, "随着鲅鱼圈项目投产，集团的供矿比例将提高。") == set()


@pytest.mark.parametrize("text, project", [
    # a park named by what it does, a verb before its kind included
    ("通远物流有限公司投资3亿元建设的通远公铁联运物流园明年投用。", "通远公铁联运物流园"),
    # demonstration and processing parks, and a site named by its size
    ("今年将建成万亩高山茶叶示范园。", "万亩高山茶叶示范园"),
    ("园区内规划建设竹木精深加工园。", "竹木精深加工园"),
])
def test_a_park_named_by_what_it_does_is_a_project(monkeypatch, text, project):
    assert project in rule_projects(monkeypatch, text)


@pytest.mark.parametrize("text", ["龙头带基地，基地带农户。", "今年新建示范园。"])
def test_a_verb_or_nothing_before_a_kind_names_no_project(monkeypatch, text):
    assert rule_projects(monkeypatch, text) == set()


@pytest.mark.parametrize("text, want", [
    # the renewal of a named part of town is a project named with it
    ("今年将实施城北片区棚户区改造项目和东三路老旧小区综合整治项目。", {"城北片区棚户区改造项目", "东三路老旧小区综合整治项目"}),
    ("青禾村城中村改造安置房项目开工。", {"青禾村城中村改造安置房项目"}),
    ("全县城区棚户区改造（三期）工程完工。", {"城区棚户区改造（三期）工程"}),
    # a name jieba cuts at the clause's start is taken whole; a place the words run into stands apart
    ("其中，沥滘旧村改造项目位于洛溪街道。", {"沥滘旧村改造项目"}),
    ("宁国市汪溪街道北门片区棚户区改造项目开工。", {"北门片区棚户区改造项目"}),
])
def test_the_renewal_of_a_named_part_of_town_is_a_project(monkeypatch, text, want):
    assert rule_projects(monkeypatch, text) == want


def test_the_renewal_of_a_named_part_of_town_stays_whatever_the_tagger_thinks():
    text = "云岩区推进城市更新\n2021-06-02\n\n今年，云岩区将实施中心城区老旧小区改造项目，惠及居民1.2万户。"
    assert "中心城区老旧小区改造项目" in names(extract_text(text), "Project")


@pytest.mark.parametrize("text, want", [
    # a county's short form glued before a kind of site, described or not, names it
    ("桐梓县委书记张仕伟出席。贵州恒远物流有限公司投资2亿元的桐梓商贸物流园当天开工。", "桐梓商贸物流园"),
    ("岳池县县长李文彬来到城关街道，察看了岳池综合物流园项目建设现场。", "岳池综合物流园项目"),
    ("会理县县长王德明介绍，公司将在鹿厂镇建设会理物流园。", "会理物流园"),
])
def test_a_site_named_by_its_county_short_form_is_a_project(text, want):
    assert want in names(extract_text(text), "Project")


@pytest.mark.parametrize("text, gone", [
    ("岳池县县长李文彬表示，集团将把岳池基地打造成最大的生产基地。", "岳池基地"),  # a plain base: a reference
    ("岳池县县长李文彬介绍，公司在岳池建设新型建材产业园。", "岳池建设新型建材产业园"),  # what is done there
])
def test_a_county_short_form_names_no_site_it_is_not_glued_to(monkeypatch, text, gone):
    assert gone not in rule_projects(monkeypatch, text)


@pytest.mark.parametrize("text, want", [
    # what a machine or a plant does is part of its name (抽水|蓄能, 起重|装备, 传动|部件)
    ("国网新源公司投资建设的青峰岭抽水蓄能电站开工。", "青峰岭抽水蓄能电站"),
    ("恒泰重工投资5亿元建设智能起重装备产业园。", "智能起重装备产业园"),
    ("泰和精工投资3亿元建设新能源汽车驱动电机零部件生产基地。", "新能源汽车驱动电机零部件生产基地"),
    # ... and what a water work is for (备用|水源, 应急|备用)
    ("同日在泾川县开工的还有县城备用水源工程及玉都镇集镇供水工程。", "县城备用水源工程"),
])
def test_a_verb_of_what_a_plant_does_stays_inside_its_name(monkeypatch, text, want):
    assert want in rule_projects(monkeypatch, text)


@pytest.mark.parametrize("text, want", [
    ("天元区与青禾新能源有限公司签约动力电池产业园项目。", "动力电池产业园项目"),  # 动力 is some village's short name
    ("此外，位于荔枝街道的区妇幼保健院迁建项目、江东街道的滨江路二期工程也同步开工。", "滨江路二期工程"),
])
def test_a_word_the_article_reads_as_no_place_starts_a_work_s_name(text, want):
    """A place's short form the article never reads as a place (动力, 滨江), before what names a work,
    is part of the name; one read as a place (岳池 + 基地) or written in full stands apart."""
    assert want in names(extract_text(text), "Project")


def test_what_is_done_to_a_work_is_part_of_its_name():
    """迁建, 扩能, 修缮: what is done to the work, inside its name as 扩建 is."""
    assert "海南西部中心医院迁建项目" in names(extract_text("三亚市加快推进海南西部中心医院迁建项目。"), "Project")


def test_a_time_word_before_the_word_for_projects_names_none():
    """当前正值项目建设的黄金季节: when it is, not a project."""
    assert not names(extract_text("市长强调，当前正值项目建设的黄金季节，各地要倒排工期。"), "Project")
