"""Infrastructure names: routes between places, numbered roads, named lines and sites
(sentences written for these tests)."""
from __future__ import annotations

import pytest

from ingest.pipeline import nlp


@pytest.fixture(autouse=True)
def rules_only(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")


def projects(text: str) -> set[str]:
    return {m.text for m in nlp()(text)._.kg.mentions if m.label == "Project"}


def test_route_between_two_places():
    assert "阜阳至淮南高速公路" in projects("省交通厅表示，阜阳至淮南高速公路将于年底建成通车。")


def test_dashed_routes_in_a_list_of_highways():
    got = projects("今年开工的高速公路有宜宾-泸州、南充-达州等5个项目。")
    assert {"宜宾-泸州", "南充-达州"} <= got


def test_numbered_roads_keep_their_section_and_works():
    got = projects("国道318线林芝至拉萨段和105国道改线工程同时开工，省道207也在改造。")
    assert {"国道318线林芝至拉萨段", "105国道改线工程", "省道207"} <= got


def test_a_line_named_by_its_ends_first_characters_completed_in_brackets():
    # the name is what stands outside the brackets; a list after it is no part of it
    doc = nlp()("争取桂（林）柳（州）南（宁）铁路和西宁至成都铁路今年开工，与湘（潭）衡（阳）线相连。")
    got = {(m.text, m.name) for m in doc._.kg.mentions if m.label == "Project"}
    assert {("桂（林）柳（州）南（宁）铁路", "桂柳南铁路"), ("湘（潭）衡（阳）线", "湘衡线")} <= got
    assert not any("和" in text for text, _ in got)
    assert "清（远）韶（关）改扩建工程" in projects("清（远）韶（关）改扩建工程已纳入规划。")
    assert projects("他说（笑）着（急）也没用。") == set()  # brackets after characters, no line


def test_a_section_in_brackets_belongs_to_the_road():
    assert "东平高速公路（东岭段）改扩建工程" in projects("东平高速公路（东岭段）改扩建工程今天开工。")


def test_named_mine_drops_the_county_before_it():
    got = projects("近日，灵石县双龙沟煤矿和石门庄煤矿正式复工。")
    assert {"双龙沟煤矿", "石门庄煤矿"} <= got


def test_generic_lines_are_not_names():
    assert projects("全省高速公路通车里程突破六千公里，这条铁路全长两百公里。") == set()
    assert projects("长沙至北京的航班今天起恢复。") == set()


def _names(text: str, label: str) -> set[str]:
    return {m.name for m in nlp()(text)._.kg.mentions if m.label == label}


def test_names_sharing_one_head_after_a_count():
    # named with the head where the text writes it so (青港高速公路), else as written
    got = _names("今年全市先后启动青港、港城、城湾3条高速公路建设。青港高速公路全长50公里。", "Project")
    assert {"青港高速公路", "港城", "城湾"} <= got
    assert not any("3条" in n or "启动" in n for n in got)
    got = _names("募集资金投向云栖一期、云栖二期和云栖三期三个项目。", "Project")
    assert {"云栖一期", "云栖二期", "云栖三期"} <= got


def test_the_count_says_how_many_names_the_list_holds():
    # 以及 joins the list; a route's ends stay in its name; the words before the list are no item
    got = _names("今年本省要开工建设东山至西岭、南湖至北岸以及青港扩建3个高速公路项目。", "Project")
    assert {"东山至西岭", "南湖至北岸", "青港扩建"} <= got
    got = _names("要求加快和推进青港、港城两条高速公路建设。", "Project")
    assert {"青港", "港城"} <= got and not any("推进" in n or "加快" in n for n in got)


def test_a_count_that_does_not_match_the_list_shares_nothing():
    got = _names("今年全市启动青港、港城等5条高速公路建设。", "Project")
    assert "青港高速公路" not in got


def test_a_site_office_names_the_project_and_its_builder_is_a_company():
    a = nlp()("中铁十八局大岭隧道项目部负责人介绍，工程进展顺利。")._.kg
    assert "中铁十八局" in {m.name for m in a.mentions if m.label == "Company"}
    got = {m.name for m in a.mentions if m.label == "Project"}
    assert "大岭隧道" in got
    assert not any(n.startswith("中铁") or n.endswith("项目") for n in got)


def test_a_list_is_read_back_from_its_count_in_time_on_any_text():
    # a pattern for the whole list backtracked without end on a run of 和
    assert _names("和" * 3000 + "3条高速公路", "Project") == set()
    assert {"东山至西岭", "南湖"} <= _names("和" * 3000 + "，东山至西岭和南湖两条公路。", "Project")


@pytest.mark.parametrize("text, name", [
    # a power line: its voltage and kind stand between its far end and its head; its ends are often regions
    ("国网公司表示，河西至鄂东±800千伏特高压直流输电工程年内开工。", "河西至鄂东±800千伏特高压直流输电工程"),
    ("宁州至江阳1000千伏特高压交流输变电工程获得核准。", "宁州至江阳1000千伏特高压交流输变电工程"),
])
def test_a_power_line_between_two_ends_is_a_route(text, name):
    assert name in projects(text)


@pytest.mark.parametrize("text, route", [
    # ends jieba reads as words of other kinds (大同: an adverb; 安化: a verb) after 的
    ("总投资9亿元的大同至左云一级公路改建工程开工。", "大同至左云一级公路改建工程"),
    ("由湖南路桥集团承建的安化至桃江高速公路今天通车。", "安化至桃江高速公路"),
    # a 快速通道, and a 特区 named without its 特区 (六枝 of 六枝特区)
    ("六枝至岩脚快速通道今天开工。", "六枝至岩脚快速通道"),
])
def test_a_route_whose_ends_jieba_misreads_is_still_a_route(text, route):
    assert route in projects(text)


@pytest.mark.parametrize("text, route", [
    ("都安至巴马公路改扩建工程总投资21.6亿元。", "都安至巴马公路改扩建工程"),  # jieba cuts 都|安至: 都 is no adverb
    ("跑马坪至新营盘公路改建工程全长18公里。", "跑马坪至新营盘公路改建工程"),  # townships' short names
])
def test_a_route_starts_with_the_place_jieba_cut_into(text, route):
    assert route in projects(text)


@pytest.mark.parametrize("text", ["新寨至龙泉沟公路改建工程全长18公里。", "西南至华南地区铁路运输通道建设加快。"])
def test_a_route_needs_a_place_at_an_end(text):
    """Neither end a known place, or a direction that is a township's name too (西南): no route."""
    assert not any(p.startswith(("新寨", "西南")) for p in projects(text))


@pytest.mark.parametrize("text, project", [
    ("县里实施了东风水库除险加固工程，总投资3200万元。", "东风水库除险加固工程"),
    ("龙口水电站增效扩容工程完成投资800万元。", "龙口水电站增效扩容工程"),
    ("青山矿业公司投资3亿元的白石岭金矿深部开采工程开工。", "白石岭金矿深部开采工程"),  # a mine's works
    ("青银高速公路扩能改造工程全线开工。", "青银高速公路扩能改造工程"),
])
def test_a_named_site_takes_the_works_written_after_it(text, project):
    assert project in projects(text)


def test_works_words_without_a_project_word_stay_out_of_the_name():
    assert "东风水库" in projects("东风水库扩容后可增加供水。")
