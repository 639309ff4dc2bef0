"""Companies: names listed before 等…企业, and generic phrases that are not names."""
import re

import pytest

from ingest.analysis import Analysis, _units, split
from ingest.extract import extract_text
from ingest.learn import spans
from tests.ingest.record_sets import names


def test_enumerated_companies_and_generic_phrases():
    rec = extract_text("会上,来自恒远集团、天纺科技、锦程纺织等18家企业的代表参加了签约。"
                       "要紧抓先进制造、总部经济、现代物流等优势产业项目。")
    assert {"恒远集团", "天纺科技", "锦程纺织"} <= names(rec, "Company")
    assert names(rec, "Project") == set()


def test_engineering_bureaus_of_state_groups_are_companies():
    rec = extract_text("滨江大桥由中铁十二局集团承建，中建三局负责主塔施工，市交通局局长到场检查。")
    assert {"中铁十二局集团", "中建三局"} <= names(rec, "Company")
    assert not any(n.endswith("交通局") for n in names(rec, "Company"))


def test_a_legal_name_keeps_the_place_in_its_brackets():
    rec = extract_text("由锦华(宜昌)电池科技有限公司投资建设的蓄电池项目昨日开工。")
    assert "锦华(宜昌)电池科技有限公司" in names(rec, "Company")


@pytest.mark.parametrize("text, name", [
    # a name jieba reads as one unknown word opening with 正 keeps the 正
    ("昨天，正鸿电器股份有限公司与该县签约。", "正鸿电器股份有限公司"),
    ("昨天，正澜科技股份有限公司与该县签约。", "正澜科技股份有限公司"),
])
def test_a_name_opening_with_a_function_character_keeps_it(text, name):
    assert name in names(extract_text(text), "Company")


def test_a_function_character_glued_onto_a_level_or_a_longer_name_is_split_off():
    assert _units(["据市", "发改委"])[:2] == ["据", "市"]
    assert _units(["据锦辉", "介绍"])[:2] == ["据", "锦辉"]


@pytest.mark.parametrize("phrase", ["上市公司", "军工集团公司", "安徽上市公司", "软件公司"])
def test_kinds_of_company_are_no_names(phrase):
    a = Analysis(phrase + "。")
    split(a)
    spans.replace_spans(a, [(0, len(phrase), "Company", 0.9)])
    assert a.mentions == []


@pytest.mark.parametrize("name", ["沈阳旅游集团", "国家电网公司", "格力集团", "宁夏石化公司"])
def test_a_place_and_a_trade_or_a_brand_is_a_name(name):
    a = Analysis(name + "。")
    split(a)
    spans.replace_spans(a, [(0, len(name), "Company", 0.9)])
    assert [m.name for m in a.mentions] == [name]


def _rule_names(text: str, label: str, monkeypatch) -> set[str]:
    from ingest.pipeline import nlp
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    return {m.name for m in nlp()(text)._.kg.mentions if m.label == label}


def test_a_stock_code_marks_a_listed_company(monkeypatch):
    got = _rule_names("据公告，2016年恒达新材(603218.SH)拟投资5亿元建设膜材料项目。", "Company", monkeypatch)
    assert "恒达新材" in got


def test_a_trade_noun_introduces_company_names(monkeypatch):
    got = _rule_names("全球显示面板厂商京鸿、天域光电等正在考察西部，零部件厂商落户重庆。", "Company", monkeypatch)
    assert {"京鸿", "天域光电"} <= got
    assert not any("落户" in n or "重庆" in n for n in got)


def _whole_and_alone(want: str, got: set[str]) -> bool:
    """want is found, and no other name found holds it (no longer or prefixed form beside it)."""
    return want in got and all(n == want or want not in n for n in got)


def _found(finder: str, text: str) -> set[str]:
    from ingest import company_cues
    from ingest import gazetteer as gz
    a = Analysis(text)
    getattr(company_cues, finder)(a, gz.load())
    return {m.name for m in a.mentions if m.label == "Company"}


@pytest.mark.parametrize("text, want", [
    ("业内人士说，鼎盛锌业和瑞恒发展都是实力雄厚的公司，两者均已上市。", {"鼎盛锌业", "瑞恒发展"}),
    ("湘江矿业是本省最大的矿石生产企业。", {"湘江矿业"}),
    ("蓝鲸精工是一家电池供应商之一，去年营收增长。", {"蓝鲸精工"}),
    # no name: an adverb, a pronoun, a verb before 是
    ("尤其是一些零部件生产企业，损失严重。", set()),
    ("该厂是本省最大的矿石生产企业。", set()),
    ("蓝鲸和瑞恒称得上是业内三巨头，市场份额过半。", set()),
])
def test_a_clause_that_says_what_its_subject_is_names_companies(text, want):
    assert _found("find_defined", text) == want


@pytest.mark.parametrize("text, want", [
    ("飞燕电动车副总裁李某对记者说，工厂明年投产。", {"飞燕电动车"}),
    ("据青川钢铁董事长王某介绍，新线已经试产。", {"青川钢铁"}),
    ("会上，星河电器中国区高级副总裁张某发言。", {"星河电器"}),
    # a brand that is a common noun before 集团 (松鼠集团), a founder's company
    ("会上，松鼠集团董事长王某致辞。", {"松鼠集团"}),
    ("，蜻蜓科技创始人李某表示，新品明年上市。", {"蜻蜓科技"}),
    # no name: a pronoun, a department, a place, a legal name found already, a post after a post
    ("该公司董事长表示，项目进展顺利。", set()),
    ("营销中心总经理李某说。", set()),
    ("襄阳市总经理协会成立。", set()),
    ("蓝海科技有限公司董事长王某出席。", set()),
    ("他担任总裁兼首席执行官。", set()),
    ("，汽车集团董事长出席。", set()),  # a frequent noun before 集团 is a trade, no brand
])
def test_an_officer_after_a_name_names_its_company(text, want):
    assert _found("find_officered", text) == want


def test_a_legal_name_before_an_officer_stays_whatever_the_tagger_says():
    from ingest import company_cues
    from ingest import gazetteer as gz
    from ingest.analysis import Mention
    text = "蓝海科技有限公司亚太区总裁王某表示。"
    a = Analysis(text)
    a.mentions = [Mention(0, 8, "Company", "蓝海科技有限公司", "蓝海科技有限公司")]
    company_cues.find_officered(a, gz.load())
    assert [(m.name, m.extra.get("listed")) for m in a.mentions] == [("蓝海科技有限公司", True)]


def test_a_brand_group_named_by_its_officer_stays_whatever_the_tagger_says():
    from ingest import company_cues
    from ingest import gazetteer as gz
    a = Analysis("会上，松鼠集团董事长王某致辞。")
    split(a)
    company_cues.find_officered(a, gz.load())
    spans.replace_spans(a, [])  # the tagger read no company there
    assert [(m.label, m.name) for m in a.mentions if m.label == "Company"] == [("Company", "松鼠集团")]


@pytest.mark.parametrize("text, label, want", [
    # a bank with its branch is a company (the rules' reading, which the tagger learns from)
    ("兴农发展银行江南省分行与市政府签署合作协议。", "Company", "兴农发展银行江南省分行"),
    ("兴业农商银行与市政府签约。", "Company", "兴业农商银行"),
    ("国家开发银行江南省分行为项目提供贷款。", "Company", "国家开发银行江南省分行"),
    # the central bank's branch and a multilateral bank are organizations
    ("中国人民银行滨海中心支行副行长出席会议。", "Organization", "中国人民银行滨海中心支行"),
    ("该项目获得亚洲开发银行贷款。", "Organization", "亚洲开发银行"),
])
def test_a_bank_and_its_branch_is_one_name(text, label, want, monkeypatch):
    assert want in _rule_names(text, label, monkeypatch)


def test_a_kind_of_bank_is_no_name(monkeypatch):
    assert not _rule_names("多家商业银行参与了银团贷款，两家公司中标。", "Company", monkeypatch)


@pytest.mark.parametrize("text, bad", [
    ("青松科技有限公司总经理李明代表集团签约。", "有限公司总经理李明代表集团"),
    ("三家企业分别代表军工集团公司、民营企业发言。", "代表军工集团公司"),
])
def test_who_acts_for_a_company_is_no_part_of_its_name(text, bad, monkeypatch):
    assert bad not in _rule_names(text, "Company", monkeypatch)


@pytest.mark.parametrize("text, want", [
    ("项目业主为江南省交通投资集团有限责任公司。", "江南省交通投资集团有限责任公司"),
    ("由滨海市城市建设投资集团有限公司投资建设。", "滨海市城市建设投资集团有限公司"),
    ("湘江控股集团与市政府签约。", "湘江控股集团"),
    ("博森(中国)投资有限公司将在园区设立总部。", "博森(中国)投资有限公司"),
])
def test_a_trade_before_the_suffix_is_part_of_the_name(text, want, monkeypatch):
    assert want in _rule_names(text, "Company", monkeypatch)


@pytest.mark.parametrize("text", ["当地新成立了汽车销售公司。", "另一家黄金投资公司也在洽谈。", "该公司在当地投资公司。"])
def test_a_kind_of_company_with_a_trade_is_no_name(text, monkeypatch):
    assert not _rule_names(text, "Company", monkeypatch)


@pytest.mark.parametrize("text, want", [
    ("据华远控股集团介绍，新厂明年投产。", "华远控股集团"),
    ("全资子公司宏达电子材料有限公司负责运营。", "宏达电子材料有限公司"),
    ("签约企业恒通电气有限公司落户园区。", "恒通电气有限公司"),
])
def test_what_stands_before_a_company_is_no_part_of_its_name(text, want, monkeypatch):
    got = _rule_names(text, "Company", monkeypatch)
    assert _whole_and_alone(want, got)


@pytest.mark.parametrize("text, want", [
    ("会上，中钢西非公司宣布追加投资。", "中钢西非公司"),
    ("中金国泰文旅集团与市政府签约。", "中金国泰文旅集团"),
])
def test_a_name_that_begins_with_zhong_keeps_it(text, want, monkeypatch):
    assert want in _rule_names(text, "Company", monkeypatch)


def test_zhong_after_a_noun_is_in_not_a_name(monkeypatch):
    assert _rule_names("在合作过程中蓝海集团表现突出。", "Company", monkeypatch) == {"蓝海集团"}


def test_a_trade_after_a_name_verb_is_part_of_the_name(monkeypatch):
    got = _rule_names("北岭高等级公路建设开发有限责任公司负责施工。", "Company", monkeypatch)
    assert got == {"北岭高等级公路建设开发有限责任公司"}


def test_a_kind_of_company_with_a_trade_and_a_service_is_no_name(monkeypatch):
    assert not _rule_names("当地新成立了汽车销售服务有限公司。", "Company", monkeypatch)


@pytest.mark.parametrize("text, want", [
    ("据中国竹木制品工业协会统计，今年出口增长一成。", "中国竹木制品工业协会"),
    ("江川市茶叶行业商会会长在会上发言。", "江川市茶叶行业商会"),
    ("国际轻轨运输协会的专家考察了线路。", "国际轻轨运输协会"),
    ("全国工商联副主席出席签约仪式。", "全国工商联"),
    ("中国纸业协会生活用纸分会发布了报告。", "中国纸业协会生活用纸分会"),
    ("世界气象组织的代表参加了论坛。", "世界气象组织"),
    ("永春县柑橘院士工作站昨日揭牌。", "永春县柑橘院士工作站"),
])
def test_associations_and_chambers_are_organizations(text, want, monkeypatch):
    got = _rule_names(text, "Organization", monkeypatch)
    assert _whole_and_alone(want, got)


@pytest.mark.parametrize("text, want", [
    ("1983―1987年青川大学化学系学习", "青川大学"),
    ("2001―2005年青川省农业科学研究院技术员、副所长", "青川省农业科学研究院"),
    ("副院长(其间：2006.09―2008.07北岭理工学院管理学院在职研究生学习)", "北岭理工学院"),
    # the walk's limit falls in the date (…2002|年青川省…): the date's tail goes too
    ("1998―2002年青川省机械工业科学研究院总体研究所副所长", "青川省机械工业科学研究院总体研究所"),
    ("2002―2005年青川省工程物理研究院政治部主任", "青川省工程物理研究院政治部"),  # a department's walk
])
def test_a_span_of_dates_in_a_resume_is_no_part_of_the_name(text, want, monkeypatch):
    got = _rule_names(text, "Organization", monkeypatch)
    assert any(n.startswith(want) for n in got) and not any(re.match(r"[\d―.]", n) for n in got)


@pytest.mark.parametrize("text", [
    "各行业协会和社会组织积极参与，由县政府组织实施。",
    "俄罗斯行业协会和国际环保组织表示关注。",
    "相信会有更多的上游供应商会来投资。",
    "代表们在北湖大学会见了客人。",
])
def test_kinds_of_body_and_split_words_are_no_associations(text, monkeypatch):
    assert not {n for n in _rule_names(text, "Organization", monkeypatch) if n.endswith(("会", "组织"))}


@pytest.mark.parametrize("text", ["据了解，滨海市一家物流有限公司也在洽谈。", "江南另一家稀土冶炼公司已经停产。"])
def test_a_company_counted_in_passing_is_no_name(text, monkeypatch):
    assert not _rule_names(text, "Company", monkeypatch)


def test_a_branch_of_an_association_written_with_de_is_no_name_of_its_own(monkeypatch):
    got = _rule_names("江川市茶叶行业商会的分会也将成立。", "Organization", monkeypatch)
    assert got == {"江川市茶叶行业商会"}


@pytest.mark.parametrize("text, label, want", [
    ("宏泰国际信托有限公司将投资该项目。", "Company", "宏泰国际信托有限公司"),
    ("他曾在中欧国际工商学院进修。", "Organization", "中欧国际工商学院"),
])
def test_guoji_after_a_name_is_part_of_the_name(text, label, want, monkeypatch):
    assert want in _rule_names(text, label, monkeypatch)


def test_another_source_is_no_part_of_a_name(monkeypatch):
    assert not any(n.startswith("另据") for n in _rule_names("另据国际数据公司统计，销量增长。", "Company", monkeypatch))


@pytest.mark.parametrize("text, want", [
    # 总公司 and 分公司 are legal forms: the name before them is the company's (a branch is one too)
    ("华信物资总公司在江宁投资建设的钢材物流中心项目开工。", "华信物资总公司"),
    ("华信物资总公司苏州分公司负责人表示，项目进展顺利。", "华信物资总公司苏州分公司"),
])
def test_head_offices_and_branches_are_companies(text, want, monkeypatch):
    assert want in _rule_names(text, "Company", monkeypatch)


@pytest.mark.parametrize("text", ["该公司上海分公司负责人表示，项目进展顺利。", "华信物资有关分公司负责人表示，项目进展顺利。"])
def test_a_branch_named_by_its_place_or_a_word_for_which_names_no_company(text, monkeypatch):
    assert not any(n.endswith("分公司") for n in _rule_names(text, "Company", monkeypatch))


@pytest.mark.parametrize("text, want", [
    ("中国社科院发布报告称，西部地区投资增速加快。", "中国社科院"),
    ("浙江省农科院与该县签订合作协议。", "浙江省农科院"),
])
def test_academies_by_their_short_names_are_organizations(text, want, monkeypatch):
    assert want in _rule_names(text, "Organization", monkeypatch)


@pytest.mark.parametrize("text, want", [
    ("26日，青海省海北藏族自治州工业和信息化局副局长马文表示。", "海北藏族自治州工业和信息化局"),
    ("1995―2002年中华人民共和国青川省农业机械化科学研究院技术员", "青川省农业机械化科学研究院"),
])
def test_a_name_cut_by_the_walks_limit_starts_at_a_word(text, want, monkeypatch):
    """Where the walk to a body's name stops at its limit inside a word (青海|省…, 中|华人民…),
    the name starts at the next word, not inside this one."""
    got = _rule_names(text, "Organization", monkeypatch)
    assert want in got and not any(n[0] in "省华年" for n in got)


@pytest.mark.parametrize("text, want", [
    ("青禾股份拟与大股东青禾集团旗下公司合作。", "青禾集团"),
    ("白水湾公司已向新东家禾田控股集团预售了一批货。", "禾田控股集团"),
])
def test_a_role_before_a_company_is_no_part_of_its_name(text, want, monkeypatch):
    got = _rule_names(text, "Company", monkeypatch)
    assert want in got and not any(n.startswith(("大股东", "新东家", "股东", "东家")) for n in got)


def test_a_count_of_companies_is_no_company(monkeypatch):
    assert not any("两大" in n for n in _rule_names("成品油市场仍在青川石油、白水石化两大集团手中。", "Company", monkeypatch))


@pytest.mark.parametrize("text, trade", [
    ("下半年，园区将重点引进包装、冷链、食品机械等配套企业。", "冷链"),
    ("产业园已引进果汁、果酒等加工企业8家。", "果酒"),
    ("此次签约项目涵盖新能源材料、智能装备、电线电缆、农产品深加工等领域。", "电线电缆"),
])
def test_the_trades_a_list_of_firms_or_sectors_names_are_no_companies(text, trade):
    assert trade not in names(extract_text(text), "Company")


def test_a_japanese_company_is_named_with_its_legal_form():
    rec = extract_text("凯川碳素(宁夏)有限公司是日本凯川株式会社在华设立的全资子公司。")
    assert "日本凯川株式会社" in names(rec, "Company")


@pytest.mark.parametrize("text, company", [
    ("项目由县属国有企业富川县兴川投资开发有限公司投资建设。", "富川县兴川投资开发有限公司"),
    ("其余资金由项目业主陕西汉巴交通投资有限公司筹措。", "陕西汉巴交通投资有限公司"),
    ("施工单位福建金川建设工程有限公司负责施工。", "福建金川建设工程有限公司"),
])
def test_a_company_s_role_before_its_name_is_no_part_of_it(text, company):
    assert names(extract_text(text), "Company") == {company}


@pytest.mark.parametrize("text, org, company", [
    ("由浏阳经开区与湖南省人民医院合作共建的湘东健康管理中心总投资3.8亿元。", "湖南省人民医院", None),
    ("高新区管委会与中国电子科技集团公司第七研究所签署战略合作协议。", "中国电子科技集团公司第七研究所", "中国电子科技集团公司"),
])
def test_an_institution_beside_a_place_or_numbered_in_its_group(text, org, company):
    rec = extract_text(text)
    assert org in names(rec, "Organization")
    assert company is None or company not in names(rec, "Company")


def test_a_company_that_invests_and_operates_is_named_whole():
    """投资经营: both trades of the name (…国有资产投资经营集团有限公司), not a verb that ends it."""
    got = names(extract_text("项目由云溪区国有资产投资经营集团有限公司负责建设。"), "Company")
    assert "云溪区国有资产投资经营集团有限公司" in got


@pytest.mark.parametrize("text, name", [
    ("港资企业恒通供应链(香港)有限公司投资1.5亿美元建设冷链物流园。", "恒通供应链(香港)有限公司"),
    ("中外合资企业华兴汽车零部件有限公司年内投产。", "华兴汽车零部件有限公司"),
])
def test_whose_money_a_company_is_no_part_of_its_name(monkeypatch, text, name):
    assert name in _rule_names(text, "Company", monkeypatch)


@pytest.mark.parametrize("text, company, project", [
    ("考察组来到青海雪莲乳业有限公司年产5万吨奶粉项目建设现场。", "青海雪莲乳业有限公司", "年产5万吨奶粉项目"),
    ("副市长先后察看了甘肃金禾农业科技有限公司高原夏菜冷链物流园项目。", "甘肃金禾农业科技有限公司", "高原夏菜冷链物流园项目"),
])
def test_a_company_written_before_its_project_keeps_its_whole_name(text, company, project):
    rec = extract_text(text)
    assert company in names(rec, "Company")
    assert project in names(rec, "Project")


def test_a_venue_of_a_ceremony_is_no_branch_of_an_association():
    rec = extract_text("长兴县各乡镇项目集中开工。在泗安镇分会场，新型墙体材料项目同步开工。")
    assert not any(n.endswith("分会") for n in names(rec, "Organization"))
    assert "泗安镇" in names(rec, "Place")


@pytest.mark.parametrize("text, company", [
    ("韩国大成精工株式会社投资5000万美元建设汽车零部件项目。", "韩国大成精工株式会社"),  # jieba: 大成 a verb
    ("今年，韩国海晟食品株式会社在园区投资建设泡菜加工项目。", "韩国海晟食品株式会社"),  # the tagger cut it short
])
def test_a_japanese_or_korean_company_is_named_with_its_country(text, company):
    assert company in names(extract_text(text), "Company")


@pytest.mark.parametrize("text, company", [
    # jieba reads 上|海锐|驰: the place and the brand it cut off are the name's start
    ("；上海锐驰汽车电子有限公司投资12亿元建设智能座舱电子产品项目。", "上海锐驰汽车电子有限公司"),
    ("会上，青松光电子有限公司与开发区签约。", "青松光电子有限公司"),  # 电子 + 有限公司 is no 子公司
])
def test_the_rules_read_a_legal_name_jieba_cuts_oddly(monkeypatch, text, company):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    assert company in names(extract_text(text), "Company")
