"""Project names around the tagger's span: the phase after it, the quotation marks in it
(ingest/project_names.py; sentences written for these tests)."""
from __future__ import annotations

import pytest

from ingest.extract import build_record
from ingest import project_names as names
from tests.ingest.analyses import tagged_project


@pytest.mark.parametrize("text, tagged, name", [
    ("丙丁重庆生产基地二期今日投产。", "丙丁重庆生产基地", "丙丁重庆生产基地二期"),
    ("庚辛物流园二期项目占地300亩。", "庚辛物流园", "庚辛物流园二期项目"),
    ("庚辛物流园占地300亩，二期明年开工。", "庚辛物流园", "庚辛物流园"),  # a phase of its own, further on
    # the first phase of a name that ends with its kind is that project (甲园一期竣工: 甲园's first phase),
    # unless named a project of its own (甲园一期项目: so written, so named, in the 10 written articles that have one)
    ("庚辛物流园一期工程占地300亩。", "庚辛物流园", "庚辛物流园"),
    ("庚辛物流园一期项目占地300亩。", "庚辛物流园", "庚辛物流园一期项目"),
    ("丙丁锂电年产10万吨正极材料项目一期建成投产。", "丙丁锂电年产10万吨正极材料项目一期", "丙丁锂电年产10万吨正极材料项目"),
    ("戊己阿尔卡迪亚一期开盘。", "戊己阿尔卡迪亚", "戊己阿尔卡迪亚一期"),  # a name without its kind keeps it
])
def test_a_phase_written_after_a_project_is_part_of_its_name(text, tagged, name):
    a = tagged_project(text, tagged)
    assert [m.name for m in a.mentions if m.label == "Project"] == [name]
    assert all(text[m.start:m.end] == m.text for m in a.mentions)


@pytest.mark.parametrize("text, tagged, name", [
    ("今年续建“东湖环线”工程。", "“东湖环线”工程", "东湖环线工程"),
    ("推进\"三横两纵\"项目建设。", "\"三横两纵\"项目", "三横两纵项目"),
    ("开工建设青松“绿廊”生态工程。", "青松“绿廊”生态工程", "青松绿廊生态工程"),
])
def test_a_quoted_project_name_is_named_without_its_marks_and_keeps_them_as_written(text, tagged, name):
    a = tagged_project(text, tagged)
    assert [(m.name, m.text) for m in a.mentions if m.label == "Project"] == [(name, tagged)]
    rec = build_record(a, text, name="t", title="", date=None, source=None, key="t")
    project = next(e for e in rec["entities"] if e["type"] == "Project")
    assert (project["name"], project["aliases"]) == (name, [tagged])


@pytest.mark.parametrize("name", ["“东湖环线工程", "东湖“环线”“工程", "“”项目"])
def test_a_name_whose_marks_do_not_pair_keeps_them(name):
    assert names.unquoted(name) == name


def test_the_rules_alone_name_a_project_with_its_phase_as_the_tagger_does(monkeypatch):
    from ingest.extract import extract_text
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("青山集团在徐州建设的电子信息产业基地二期今年投产。")
    assert [e["name"] for e in rec["entities"] if e["type"] == "Project"] == ["电子信息产业基地二期"]


@pytest.mark.parametrize("text, project, institution", [
    ("青川县人民医院新院区建设项目主体完工。青川县人民医院是全县规模最大的综合医院。", "青川县人民医院新院区建设项目",
     "青川县人民医院"),
    ("白水县实验中学新校区项目开工，白水县实验中学始建于1952年。", "白水县实验中学新校区项目", "白水县实验中学"),
    ("白水县第二人民医院迁建项目总投资3.8亿元。", "白水县第二人民医院迁建项目", None),
    ("青川县妇幼保健院迁建工程开工，青川县妇幼保健院始建于1958年。", "青川县妇幼保健院迁建工程", "青川县妇幼保健院"),
    ("同日，白水县第三中学扩建工程开工。", "白水县第三中学扩建工程", "白水县第三中学"),  # a school by its number
])
def test_a_new_campus_is_named_with_its_institution(text, project, institution):
    """The rules read the institution; its new campus or its move is a project of the whole name.
    The institution stays where it is named on its own (inside the name only, it is no mention)."""
    from ingest.extract import extract_text
    names = {(e["type"], e["name"]) for e in extract_text(text)["entities"]}
    assert ("Project", project) in names
    assert institution is None or ("Organization", institution) in names


def test_a_campus_tagged_whole_names_its_institution_too():
    a = tagged_project("青川县中医院新院区项目开工建设。", "青川县中医院新院区项目")
    assert [(m.label, m.name) for m in a.mentions] == [("Project", "青川县中医院新院区项目"), ("Organization", "青川县中医院")]


@pytest.mark.parametrize("text, tagged, project, place", [
    # a feature of the county named by its own name: the county is where it is, not part of the name
    ("会东县鲹鱼河水库工程正式开工。", "会东县鲹鱼河水库工程", "鲹鱼河水库工程", "会东县"),
    ("松桃苗族自治县乌罗至寨英旅游公路建成通车。", "松桃苗族自治县乌罗至寨英旅游公路", "乌罗至寨英旅游公路",
     "松桃苗族自治县"),
    # the county's own works keep it: its town, its hospital, a route from the county, a kind of works
    ("会东县城第二水厂项目正式开工。", "会东县城第二水厂项目", "会东县城第二水厂项目", None),
    ("会东县人民医院新院区建设项目正式开工。", "会东县人民医院新院区建设项目", "会东县人民医院新院区建设项目", None),
    ("会东县至会理市高速公路正式开工。", "会东县至会理市高速公路", "会东县至会理市高速公路", None),
    ("会东县高速公路连接线工程正式开工。", "会东县高速公路连接线工程", "会东县高速公路连接线工程", None),
])
def test_a_county_before_a_named_feature_is_a_place_of_its_own(text, tagged, project, place):
    a = tagged_project(text, tagged)
    assert [m.name for m in a.mentions if m.label == "Project"] == [project]
    assert [m.name for m in a.mentions if m.label == "Place"] == ([place] if place else [])
    assert all(text[m.start:m.end] == m.text for m in a.mentions)


def test_the_county_before_its_named_feature_hosts_it():
    from ingest.extract import extract_text
    rec = extract_text("会东县鲹鱼河水库工程正式开工，总投资12亿元。")
    hosts = {(r["head"], r["tail"]) for r in rec["relations"] if r["type"] == "HOSTS"}
    assert ("会东县", "鲹鱼河水库工程") in hosts


@pytest.mark.parametrize("text, tagged, projects", [
    # a tunnel named after the road it is on: the tunnel alone, and the road between two places
    ("岚县至兴县高速公路石家岭隧道今日贯通。", "岚县至兴县高速公路石家岭隧道", ["岚县至兴县高速公路", "石家岭隧道"]),
    # what the works are to the road (控制性工程) and the line that is through are no part of its name
    ("全线控制性工程马鞍岭特大桥顺利合龙。", "全线控制性工程马鞍岭特大桥", ["马鞍岭特大桥"]),
    ("江口至印江旅游公路控制性工程——青崖隧道左线贯通。", "江口至印江旅游公路控制性工程——青崖隧道左线",
     ["江口至印江旅游公路", "青崖隧道"]),
    # a bridge named by its place alone stays whole
    ("青崖跨江大桥开工。", "青崖跨江大桥", ["青崖跨江大桥"]),
])
def test_a_tunnel_or_bridge_on_a_road_is_named_alone(text, tagged, projects):
    a = tagged_project(text, tagged)
    assert [m.name for m in a.mentions if m.label == "Project"] == projects
    assert all(text[m.start:m.end] == m.text for m in a.mentions)


def test_a_place_s_short_form_glued_before_a_project_is_part_of_its_name():
    from ingest.extract import extract_text
    rec = extract_text("遂宁市推进项目建设。射洪锂电新材料产业园今年开工。")
    assert "射洪锂电新材料产业园" in {e["name"] for e in rec["entities"] if e["type"] == "Project"}
    # (and the place is still a mention of its own, which hosts the project)
    assert ("射洪市", "射洪锂电新材料产业园") in {(r["head"], r["tail"]) for r in rec["relations"] if r["type"] == "HOSTS"}


@pytest.mark.parametrize("place", ["射洪市", "四川"])
def test_a_place_in_full_or_a_province_before_a_project_stands_apart(place):
    """Written in full, the place stands apart; a province's short form says where, not what."""
    from ingest import gazetteer as gz
    from tests.ingest.analyses import analysis
    g = gz.load()
    text = f"{place}锂电新材料产业园今年开工。"
    idx = next(i for i, _ in g.forms[place])
    a = analysis(text, [(place, "Place", idx), ("锂电新材料产业园", "Project", -1)])
    a.mentions[0].name = g.divisions[idx].name
    names.short_place_names(a)
    assert [m.name for m in a.mentions if m.label == "Project"] == ["锂电新材料产业园"]


@pytest.mark.parametrize("text, tagged, project, place", [
    # a town's full name before a project named by its size or capacity is where the project is
    ("会东县铅锌镇50兆瓦光伏电站并网发电。", "铅锌镇50兆瓦光伏电站", "50兆瓦光伏电站", "铅锌镇"),
    ("会东县铅锌镇年产3万吨饲料生产线投产。", "铅锌镇年产3万吨饲料生产线", "年产3万吨饲料生产线", "铅锌镇"),
    # named otherwise, the town stays in the name
    ("会东县铅锌镇污水处理厂投用。", "铅锌镇污水处理厂", "铅锌镇污水处理厂", None),
])
def test_a_town_before_a_project_named_by_its_size_is_a_place_of_its_own(text, tagged, project, place):
    a = tagged_project(text, tagged)
    assert [m.name for m in a.mentions if m.label == "Project"] == [project]
    assert [m.name for m in a.mentions if m.label == "Place"] == ([place] if place else [])
