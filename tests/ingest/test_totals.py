"""A project's total investment: which amount is its own, and which is a sum of several (ingest.relations)."""
import pytest

from ingest.extract import extract_text
from tests.ingest.record_sets import rels


def test_total_investment_before_the_project():
    rec = extract_text("投资20亿元的比亚迪新能源汽车零部件项目在襄阳开工。")
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["比亚迪新能源汽车零部件项目"]["total_investment_cny"] == 2000000000


def test_total_of_the_project_a_sentence_is_about(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("记者了解到，东湖隧道项目是全省重点工程。该项目东接三环线，终点接二环路高架，"
                       "全长9公里，概算总投资42亿元。")
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["东湖隧道项目"]["total_investment_cny"] == 4200000000


@pytest.mark.parametrize("later", ["据公告，项目投资总额为3.6亿元。", "工程总投资3.6亿元。"])
def test_a_bare_project_or_works_refers_back_to_the_last_project(monkeypatch, later):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("江城公司近日启动东湖隧道项目，全长9公里。" + later)
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["东湖隧道项目"]["total_investment_cny"] == 360000000


def test_total_written_right_after_the_project(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("年内开工的白沙洲大桥项目投资15亿元，全长12公里。")
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["白沙洲大桥项目"]["total_investment_cny"] == 1500000000


@pytest.mark.parametrize("text, project, total", [
    ("长江啤酒公司将投资12亿元建设荆门啤酒生产基地项目。", "啤酒生产基地项目", 1200000000),  # what the money builds
    ("光华集团计划投资80亿元，最终建成年出栏50万头肉牛养殖基地。", "肉牛养殖基地", 8000000000),
    ("滨河快速路项目全长20公里，投资估算36.5亿元。", "滨河快速路项目", 3650000000),
])
def test_total_of_what_an_investment_builds_and_of_an_estimate(monkeypatch, text, project, total):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    totals = {e["name"]: e.get("total_investment_cny") for e in extract_text(text)["entities"] if e["type"] == "Project"}
    assert [t for name, t in totals.items() if name.endswith(project)] == [total], totals


@pytest.mark.parametrize("text", [
    "今年开工的有东湖隧道项目、白沙洲大桥项目和滨河快速路项目，总投资120亿元。",
    "会上，东湖隧道项目和白沙洲大桥项目总投资56亿元。",
])
def test_the_sum_of_a_list_of_projects_is_no_project_s_total(monkeypatch, text):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    projects = [e for e in extract_text(text)["entities"] if e["type"] == "Project"]
    assert len(projects) >= 2 and not any(e.get("total_investment_cny") for e in projects)


@pytest.mark.parametrize("text", [
    "本次推介会共签约12个项目，总投资达156亿元。其中，青松光伏组件生产基地项目落户高新区。",
    "会上共签约12个工业项目，总投资156亿元。青松新材料产业园项目当天开工。",
])
def test_the_sum_of_the_projects_signed_is_not_the_next_project_s_total(text):
    projects = [e for e in extract_text(text)["entities"] if e["type"] == "Project"]
    assert len(projects) == 1 and not projects[0].get("total_investment_cny")


@pytest.mark.parametrize("model", [True, False])
def test_an_estimate_after_a_project_is_not_the_next_project_s_total(model, monkeypatch):
    """…建设项目概算投资102亿元: that project's estimate (概算投资, 计划投资 are total cues too), never
    the total of the project the next clause names."""
    if not model:
        monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    text = "援建青川国省干线及高速公路建设项目概算投资102亿元全面铺开;白水湾环城高速公路东线近日开工。"
    totals = {e["name"]: e.get("total_investment_cny") for e in extract_text(text)["entities"] if e["type"] == "Project"}
    assert not any(t for n, t in totals.items() if "环城" in n)


def test_a_project_s_own_total_wins_over_a_sum_written_before_it():
    text = ("开发区举行项目签约仪式，共签约项目18个，总投资96亿元。其中，由青松电子有限公司投资建设的"
            "智能终端产业园项目，总投资20亿元，选址科技新城。")
    projects = [e for e in extract_text(text)["entities"] if e["type"] == "Project"]
    assert {e["name"]: e.get("total_investment_cny") for e in projects} == {"智能终端产业园项目": 2_000_000_000}


def test_an_investment_in_a_list_of_projects_is_no_one_s_total_nor_amount():
    text = "青禾能源科技股份有限公司拟投资约60亿元，在白鹭湾新城建设年产20GW光伏组件项目和年产10GW电池片项目。"
    rec = extract_text(text)
    projects = [e for e in rec["entities"] if e["type"] == "Project"]
    assert len(projects) == 2 and not any(e.get("total_investment_cny") for e in projects)
    assert not any(r.get("amount_cny") for r in rec["relations"] if r["type"] == "INVESTS_IN")


def test_a_sum_over_a_count_of_projects_goes_on_no_project(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("青川县12个重点项目集中开工 总投资23.6亿元\n\n主会场设在云杉储能基地项目现场。")
    totals = {e["name"]: e.get("total_investment_cny") for e in rec["entities"] if e["type"] == "Project"}
    assert totals == {"云杉储能基地项目": None}


def test_money_put_into_work_on_a_project_is_no_total(monkeypatch):
    """投入…进行技术改造 is spent on a project, not the project's total."""
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("青川县云杉储能基地项目今日投产。该项目由四川星海能源科技有限公司投入4.2亿元进行技术改造。")
    totals = {e["name"]: e.get("total_investment_cny") for e in rec["entities"] if e["type"] == "Project"}
    assert totals == {"云杉储能基地项目": None}


def test_a_sum_over_a_count_of_projects_is_not_the_one_project_named_before_it():
    rec = extract_text("会上，青峰智慧冷链物流园项目等一批项目集中签约，5个项目总投资12.6亿元。")
    projects = [e for e in rec["entities"] if e["type"] == "Project"]
    assert [e["name"] for e in projects] == ["青峰智慧冷链物流园项目"]
    assert not projects[0].get("total_investment_cny")


def test_a_builder_under_contract_puts_in_no_money():
    rec = extract_text("青川县人民医院新院区项目位于乔庄镇，由青川县城市建设投资有限公司投资建设，"
                       "中国建筑第八工程局有限公司承建，总投资6.8亿元。")
    amounts = {r["head"]: r.get("amount_cny") for r in rec["relations"] if r["type"] == "INVESTS_IN"}
    assert amounts == {"青川县城市建设投资有限公司": 680_000_000, "中国建筑第八工程局有限公司": None}


def test_works_referred_back_to_as_gong_cheng_are_the_last_named_gong_cheng():
    # 工程 opening a paragraph is the works named …工程 before, not the tunnel named since
    text = ("青川至剑阁公路改建工程开工\n2019-04-02\n\n4月1日，青川至剑阁公路改建工程开工仪式在青川县乔庄镇举行。\n"
            "公路全长62公里，按二级公路标准建设，其中云杉岭隧道长2.4公里，为全线控制性工程。\n"
            "工程总投资18.5亿元，由广元交通投资集团有限公司投资建设，计划工期3年。")
    rec = extract_text(text)
    totals = {e["name"]: e.get("total_investment_cny") for e in rec["entities"] if e["type"] == "Project"}
    assert totals.get("青川至剑阁公路改建工程") == 1850000000
    assert ("广元交通投资集团有限公司", "青川至剑阁公路改建工程") in rels(rec, "INVESTS_IN")
