"""Component tables: titles and names, amounts, aliases, boilerplate, projects."""
import pytest

from ingest import clean, rules
from ingest.extract import extract_text


def names(rec, label):
    return {e["name"] for e in rec["entities"] if e["type"] == label and e.get("mentions", 1) > 0}


def rels(rec, rtype):
    return {(r["head"], r["tail"]) for r in rec["relations"] if r["type"] == rtype}


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


@pytest.mark.parametrize("text, cny", [
    ("1.6亿元", 160000000), ("3000万元", 30000000), ("150亿元", 15000000000),
    ("12亿元", 1200000000), ("8.5亿元", 850000000), ("500万元", 5000000),
    ("一百五十亿元", 15000000000), ("2,500万元", 25000000), ("3.2万元", 32000),
])
def test_amounts_in_yuan(text, cny):
    assert rules.parse_amount(text)["amount_cny"] == cny


@pytest.mark.parametrize("text", ["2亿美元", "500万日元", "3000万欧元"])
def test_other_currencies_keep_text_only(text):
    amt = rules.parse_amount(text)
    assert amt["amount_text"] == text and "amount_cny" not in amt


@pytest.mark.parametrize("text", ["4.6万吨", "30000平方米", "很多钱"])
def test_non_money_is_not_an_amount(text):
    assert rules.parse_amount(text) is None


@pytest.mark.parametrize("text, expected", [
    ("徐州召开大会,徐州市委书记出席。", {"徐州市"}),
    ("邳州召开工作例会。", {"邳州市"}),
    ("南京市鼓楼区召开会议。", {"南京市", "鼓楼区"}),
    ("苏州市吴江区盛泽镇举行签约仪式。", {"苏州市", "吴江区", "盛泽镇"}),
    ("合肥高新区召开招商大会。", {"合肥高新技术产业开发区"}),
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


def test_project_investor_host_and_amounts():
    rec = extract_text("华纤新材料项目由江苏华纤新材料科技有限公司投资建设,总投资12亿元,"
                       "落户苏州市吴江区盛泽镇。")
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["华纤新材料项目"]["total_investment_cny"] == 1200000000
    inv = [r for r in rec["relations"] if r["type"] == "INVESTS_IN"]
    assert [(r["head"], r["tail"], r.get("amount_cny")) for r in inv] == [
        ("江苏华纤新材料科技有限公司", "华纤新材料项目", 1200000000)]
    assert ("盛泽镇", "华纤新材料项目") in rels(rec, "HOSTS")
    assert all(r["evidence"] for r in rec["relations"])


def test_enumerated_companies_and_generic_phrases():
    rec = extract_text("会上,来自恒远集团、天纺科技、锦程纺织等18家企业的代表参加了签约。"
                       "要紧抓先进制造、总部经济、现代物流等优势产业项目。")
    assert {"恒远集团", "天纺科技", "锦程纺织"} <= names(rec, "Company")
    assert names(rec, "Project") == set()


def test_traditional_text_is_matched_and_kept():
    text = "蘇州市吳江區舉行重大產業項目集中簽約儀式,蘇州市委書記顧海清出席。"
    rec = extract_text(text)
    assert "苏州市" in names(rec, "Place") and "顾海清" in names(rec, "Official")
    assert "蘇州" in rec["text"]  # the evidence keeps the original script


def test_article_key_is_stable_under_whitespace():
    assert clean.article_key("徐州 召开\n会议") == clean.article_key("徐州召开会议")


@pytest.mark.parametrize("text, official, org, title", [
    ("徐州市召开会议,市发改委主任张建国出席。", "张建国", "市发改委", "主任"),
    ("江苏省住房和城乡建设厅厅长周岚讲话。", "周岚", "江苏省住房和城乡建设厅", "厅长"),
])
def test_department_posts_lead_the_department(text, official, org, title):
    rec = extract_text(text)
    leads = {(r["head"], r["tail"]): r["title"] for r in rec["relations"] if r["type"] == "LEADS"}
    assert leads.get((official, org)) == title
    assert org in names(rec, "Organization")


def test_autonomous_region_chair_leads_the_region():
    rec = extract_text("宁夏回族自治区召开会议,自治区主席马文出席。")
    assert ("马文", "宁夏回族自治区") in rels(rec, "LEADS")


@pytest.mark.parametrize("text, absent", [
    ("市县两级和县乡政府要加强协调。", "和县"),
    ("全力营造山清水秀的自然生态。", "清水县"),
    ("做好84项城建重点工程。", "项城市"),
])
def test_words_that_look_like_places_are_not_places(text, absent):
    assert absent not in names(extract_text(text), "Place")


def test_old_county_name_keeps_the_article_form():
    rec = extract_text("陕西省安康市旬阳县召开会议。")
    assert "旬阳县" in names(rec, "Place")


def test_total_investment_before_the_project():
    rec = extract_text("投资20亿元的比亚迪新能源汽车零部件项目在襄阳开工。")
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["比亚迪新能源汽车零部件项目"]["total_investment_cny"] == 2000000000
