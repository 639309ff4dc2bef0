"""Where a tagged name starts and ends (ingest/learn/trim.py; sentences written for these tests)."""
from __future__ import annotations

import pytest

from ingest.learn.trim import trim


@pytest.mark.parametrize("text,want", [
    ("由该公司对“清河湾湿地公园项目", "清河湾湿地公园项目"),
    ("和长丰新材料有限公司", "长丰新材料有限公司"),
    ("格力电器(重庆)有限公司", "格力电器(重庆)有限公司"),
    ("江门至湛江高速，开平段", None),
    # a date, a source, a post held or a construction verb before a name is not part of it
    ("5日奠基临河第二纺织厂", "临河第二纺织厂"),
    ("据东岭集团", "东岭集团"),
    ("时任宏远重工集团公司", "宏远重工集团公司"),
    ("三季度红星水泥厂", "红星水泥厂"),
    ("开工建设滨江快速路", "滨江快速路"),
    ("建设银行", "建设银行"),
    # the tail of a date the tagger cut through, a launching verb inside, a conjunction before
    ("年东湖隧道二期工程", "年东湖隧道二期工程"),
    ("省适时启动清江引水工程", "清江引水工程"),
    ("青川新区投建年产20GW光伏组件项目", "年产20GW光伏组件项目"),  # a verb of building before a capacity
    ("白鹭湾新城建设日处理3000吨污水处理厂项目", "日处理3000吨污水处理厂项目"),
    ("而青松城际铁路", "青松城际铁路"),
    ("另有青禾食品精深加工项目", "青禾食品精深加工项目"),  # what else there is: 另有, 还有
    ("还有白鹭湾污水处理厂", "白鹭湾污水处理厂"),
    # a conjunction jieba glued to an unknown name, an example marker, a launching verb
    ("但青禾集团", "青禾集团"),
    ("诸如金穗泉", "金穗泉"),
    ("青禾集团旗下白水湾8代面板项目", "白水湾8代面板项目"),  # what a group owns, named after 旗下
    ("全资子公司青禾新材料有限公司", "青禾新材料有限公司"),  # what the name is to the company before it
    ("合营企业白水湾轨道交通设备有限公司", "白水湾轨道交通设备有限公司"),
    ("事实上青禾公司", "青禾公司"),  # an idiom before the name
    ("该厅青山管理局", "青山管理局"),  # 该|厅: what 该 points to
    ("1987―1991年青山大学", "青山大学"),  # a résumé's span of dates
    ("2002.03―2004.05青山大学", "青山大学"),
    ("1-3号线工程", "1-3号线工程"),  # lines by number, no dates
    ("刘光军任青山研究院", "青山研究院"),  # a person and the post taken, jieba's 刘光|军任 or not
    ("赵建军任青山研究院", "青山研究院"),
    ("张强任职青山研究院", "张强任职青山研究院"),  # 任职 is one word: no post taken there
    ("与此同时青禾集团", "青禾集团"),
    ("上马青山纸浆项目", "青山纸浆项目"),
    ("新沅大桥", "新沅大桥"),  # 新 begins names as often as it means "new"
    # a subject and its 在, a sum, a determiner before the name; not 在 before a description
    ("青禾电器在河西屏南物流中心项目", "河西屏南物流中心项目"),
    ("禾州投资3.2亿元扩建纸浆生产线", "纸浆生产线"),
    ("新一轮滨江快速路", "滨江快速路"),
    ("青禾电器在南屏的纸浆生产线", "青禾电器在南屏的纸浆生产线"),
    # what 即 (namely) names; 即墨 is a place
    ("吸引物即青山湿地公园改扩建项目", "青山湿地公园改扩建项目"),
    ("即墨鹤山路立交工程", "即墨鹤山路立交工程"),
    ("设特大桥", "大桥"),  # 全线设 + 特大桥、大桥31座: what a road has, by kind (a kind alone names nothing)
])
def test_trim(text, want):
    cut = trim(text, 0, len(text))
    assert (text[cut[0]:cut[1]] if cut else None) == want


@pytest.mark.parametrize("text, company, want", [
    # what the company is to another, written before its name (大股东, 新东家, 被收购方)
    ("大股东青禾集团", True, "青禾集团"),
    ("新东家白水湾控股集团", True, "白水湾控股集团"),
    ("被收购方禾田餐饮集团", True, "禾田餐饮集团"),
    ("区内企业青禾包装材料有限公司", True, "青禾包装材料有限公司"),  # where the company is, qualifying its role
    ("龙头企业禾丰种业有限公司", True, "禾丰种业有限公司"),
    ("中标社会资本方中交第九公路工程局有限公司", True, "中交第九公路工程局有限公司"),  # a party (方) jieba glues on
    ("企业家集团", True, "企业家集团"),  # 企业 inside a word is no role
    ("业主委员会", False, "业主委员会"),  # nor a role before a body's name
    ("企业家协会", False, "企业家协会"),
    # a foreign group is named without its country; a Chinese one keeps 中国
    ("德国青禾机械集团", True, "青禾机械集团"),
    ("中国青禾机械集团", True, "中国青禾机械集团"),
    # a company's name starts after a 由, and after a 的 that a place's name follows
    ("青禾商贸城由临沂禾丰置业有限公司", True, "临沂禾丰置业有限公司"),
    ("精细化工园区的甘肃禾丰化工有限公司", True, "甘肃禾丰化工有限公司"),
    ("美的禾丰电器有限公司", True, "美的禾丰电器有限公司"),  # a 的 inside a brand
])
def test_a_role_before_a_companys_name_is_cut_off(text, company, want):
    cut = trim(text, 0, len(text), company=company)
    assert text[cut[0]:cut[1]] == want


@pytest.mark.parametrize("text, span, want", [
    ("该建筑物即青禾研究基地改扩建项目开工。", "物即青禾研究基地改扩建项目", "青禾研究基地改扩建项目"),  # begun inside 建筑物
    ("检测机构瑞宁SGS公司出具报告。", "构瑞宁SGS公司", "瑞宁SGS公司"),  # inside 机构
    ("由青禾电器投资。", "青禾电器", "青禾电器"),  # where a word starts: kept
    ("其中国道318线青禾段改线工程已开工。", "中国道318线青禾段改线工程", "国道318线青禾段改线工程"),  # 其|中国 read across
])
def test_a_name_starts_where_a_word_does(text, span, want):
    s = text.index(span)
    cut = trim(text, s, s + len(span))
    assert text[cut[0]:cut[1]] == want


def test_a_date_tail_is_cut_only_after_a_digit():
    text = "2019年东湖隧道二期工程开工"
    cut = trim(text, text.index("年"), text.index("开工"))
    assert text[cut[0]:cut[1]] == "东湖隧道二期工程"
    text = "年产8万吨纸浆项目"  # output per year, part of the name
    assert trim(text, 0, len(text)) == (0, len(text))


@pytest.mark.parametrize("text, tagged, want", [
    ("据市场研究机构DisplaySearch公司统计，面板价格回落。", "isplaySearch公司", "DisplaySearch公司"),
    ("TCL集团今年扩产。", "CL集团", "TCL集团"),
])
def test_a_name_never_starts_or_ends_inside_a_latin_word(text, tagged, want):
    s = text.index(tagged)
    got = trim(text, s, s + len(tagged))
    assert text[got[0]:got[1]] == want


@pytest.mark.parametrize("text, want", [
    ("韩资青禾化学年产6万吨电解液项目", "青禾化学年产6万吨电解液项目"),
    ("德资蓝湾精密部件集团", "蓝湾精密部件集团"),
    ("外资项目", "外资项目"),  # nothing would be left: the words are the name (a class, which spans.py drops)
])
def test_where_the_money_is_from_is_no_part_of_a_name(text, want):
    s, e = trim(text, 0, len(text))
    assert text[s:e] == want


@pytest.mark.parametrize("text, span, name", [
    ("除县人民医院新院区外，还同步推进县城第二水厂工程建设。", "除县人民医院新院区", "县人民医院新院区"),
])
def test_except_is_no_part_of_a_name(text, span, name):
    s = text.index(span)
    cut = trim(text, s, s + len(span))
    assert cut is not None and text[cut[0]:cut[1]] == name


@pytest.mark.parametrize("text, span, want", [
    # a project's kind inside a company's name (…工程 + 局有限公司) names no project
    ("由中铁第九路桥工程局有限公司承建", "中铁第九路桥工程", None),
    ("由青禾项目公司负责运营", "青禾项目", None),
    ("青山大桥工程局部路段封闭", "青山大桥工程", "青山大桥工程"),  # 局部 is no bureau
])
def test_a_span_the_rest_of_a_company_s_name_follows_is_no_project(text, span, want):
    s = text.index(span)
    cut = trim(text, s, s + len(span))
    assert (text[cut[0]:cut[1]] if cut else None) == want


def test_the_programme_a_work_serves_is_no_name():
    """大桥是 + 县城东扩和旅游公路网 + 建设的控制性工程: what the work is built for, not a work."""
    text = "青石大桥是青石县城东扩和旅游公路网建设的控制性工程。"
    s, e = text.index("青石县城"), text.index("建设的")
    assert trim(text, s, e) is None
    assert trim("青石大桥是全县重点工程。", 0, 4) == (0, 4)


def test_a_road_network_ends_no_work_s_name():
    from ingest.lexicon import PROJECT_SUFFIX
    assert PROJECT_SUFFIX.search("旅游公路网") is None and PROJECT_SUFFIX.search("旅游公路") is not None
