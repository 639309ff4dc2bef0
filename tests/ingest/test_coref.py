"""One project written several ways in one article is one entity."""
import pytest

from ingest import coref
from ingest import lexicon as lx
from ingest.extract import extract_text


@pytest.mark.parametrize("name, core", [
    ("宁远至兴安高速公路项目", "宁远至兴安高速"),
    ("宁兴高速公路", "宁兴高速"),
    ("青山水库建设工程", "青山水库"),
    ("青山水库", "青山水库"),
])
def test_core_drops_the_tails_variants_differ_by(name, core):
    assert coref.core(name) == core


def test_a_route_is_written_short_with_the_first_character_of_each_end():
    assert coref.short_route("宁远至兴安高速") == "宁兴高速"
    assert coref.short_route("宁远至兴安铁路北段") == "宁兴铁路北段"
    assert coref.short_route("青山水库") is None


def test_an_articles_variants_of_one_project_are_one_entity(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("宁远至兴安高速公路项目总投资80亿元，由湘桂路桥有限公司投资建设。"
                       "宁兴高速建成后，两地车程缩短一半。宁兴高速公路全长90公里。")
    projects = [e for e in rec["entities"] if e["type"] == "Project"]
    assert [e["name"] for e in projects] == ["宁远至兴安高速公路项目"]
    assert projects[0]["total_investment_cny"] == 8000000000
    assert set(projects[0]["aliases"]) >= {"宁兴高速"}
    assert {r["tail"] for r in rec["relations"] if r["type"] == "INVESTS_IN"} == {"宁远至兴安高速公路项目"}


def test_projects_that_differ_by_more_than_a_tail_stay_apart(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("青山水库一期工程明年完工，青山水库二期工程同时开工。")
    names = sorted(e["name"] for e in rec["entities"] if e["type"] == "Project")
    assert len(names) == 2 and names[0] != names[1]


# ---- companies: short forms take the full name (sentences written for these tests) -------------
def _companies(text: str, *names: str):
    """text's analysis with every occurrence of each name as a company mention, unified."""
    from ingest.analysis import Analysis, Mention, split
    a = Analysis(text)
    split(a)
    for n in names:
        s = text.find(n)
        while s >= 0:
            if not any(m.start <= s < m.end for m in a.mentions):
                a.mentions.append(Mention(s, s + len(n), "Company", n, n))
            s = text.find(n, s + len(n))
    a.mentions.sort(key=lambda m: m.start)
    coref.unify_companies(a)
    return {m.text: m.name for m in a.mentions}


def test_a_short_form_picked_out_of_the_full_name_is_the_same_company():
    got = _companies("东岭重型机械集团有限公司今天签约。东岭重机表示，新厂年内开工。", "东岭重型机械集团有限公司", "东岭重机")
    assert got == {"东岭重型机械集团有限公司": "东岭重型机械集团有限公司", "东岭重机": "东岭重型机械集团有限公司"}


def test_a_name_and_the_same_name_with_its_legal_form_are_one_company():
    got = _companies("宏达集团在当地投资。宏达将扩大产能。", "宏达集团", "宏达")
    assert got["宏达"] == "宏达集团"


def test_no_legal_form_starts_another():
    """So the patterns built from lexicon.LEGAL_FORMS match the same whatever the forms' order."""
    forms = lx.LEGAL_FORMS.split("|") + ["分公司"] + ["集团" + f for f in lx.LIMITED_FORMS.split("|")]
    assert not [(f, g) for f in forms for g in forms if f != g and g.startswith(f)]
    assert coref.LEGAL_TAIL.fullmatch("集团有限公司") and not coref.LEGAL_TAIL.fullmatch("分公司")


def test_a_short_form_of_a_short_form_is_the_same_company():
    """青峰电投 fits both 青峰电投集团 and the full name; the first is the full name's too."""
    text = "青峰电力投资集团有限公司与市政府签约。青峰电投集团将建设光伏电站，青峰电投表示年内开工。"
    got = _companies(text, "青峰电力投资集团有限公司", "青峰电投集团", "青峰电投")
    assert set(got.values()) == {"青峰电力投资集团有限公司"}


def test_a_short_form_the_text_declares_is_the_same_company():
    got = _companies("北方华联电子股份有限公司（以下简称“华联”）新建工厂。华联计划明年投产。", "北方华联电子股份有限公司", "华联")
    assert got["华联"] == "北方华联电子股份有限公司"


def test_a_bracketed_name_that_is_no_abbreviation_stays_apart():
    got = _companies("东岭重型机械集团有限公司（南方机械）新建工厂。南方机械表示支持。", "东岭重型机械集团有限公司", "南方机械")
    assert got["南方机械"] == "南方机械"


@pytest.mark.parametrize("text, names", [
    # another company of the group: the name and the legal form around more words
    ("宏达集团与宏达文化旅游集团分别签约。", ("宏达集团", "宏达文化旅游集团")),
    # a branch: a bracketed place
    ("华联公司与华联(江苏)电子有限公司分别签约。", ("华联公司", "华联(江苏)电子有限公司")),
    # two full names fit the short one: no telling which
    ("中石油与中国石油天然气集团公司、中国海洋石油公司分别签约。", ("中石油", "中国石油天然气集团公司", "中国海洋石油公司")),
])
def test_companies_that_may_be_others_stay_apart(text, names):
    got = _companies(text, *names)
    assert got == {n: n for n in names}



@pytest.mark.parametrize("text, bare", [
    # the full name, then the name without its legal form after a break or a function word
    ("青岚啤酒公司宣布扩产。消息人士说，青岚啤酒将投资5亿元。", ["青岚啤酒"]),
    ("华川电动车有限公司开业，华川电动车的新厂在城东。", ["华川电动车"]),
    # not inside another name or word (新华川电动车), not two characters alone (美的)
    ("华川电动车有限公司开业，新华川电动车品牌上市。", []),
    ("美的公司签约，风景很美的小镇。", []),
])
def test_a_company_found_with_its_legal_form_is_found_where_the_article_drops_it(text, bare):
    from ingest.analysis import Analysis, Mention
    a = Analysis(text)
    full = text[:text.index("公司") + 2]
    a.mentions = [Mention(0, len(full), "Company", full, full, extra={"confidence": 0.9})]
    coref.bare_forms(a)
    assert [m.text for m in a.mentions[1:]] == bare
    assert all(m.extra["confidence"] == 0.9 for m in a.mentions)


def test_a_company_named_once_is_named_wherever_its_name_stands_again():
    """The tagger read 江南重工 in the title only; its other whole-word occurrences are mentions
    of it, with its confidence, not the one inside 江南重工业园区 or inside another name."""
    import jieba
    from ingest.analysis import Analysis, Mention
    text = "江南重工发布公告。江南重工将在青川投资建厂，江南重工业园区同时开工。青川江南重工集团回应。"
    a = Analysis(text, words=jieba.lcut(text))
    k = text.index("青川江南重工集团")
    a.mentions = [Mention(0, 4, "Company", "江南重工", "江南重工", extra={"confidence": 0.8}),
                  Mention(k, k + 8, "Company", "青川江南重工集团", "青川江南重工集团")]
    coref.repeat_names(a)
    found = [m.start for m in a.mentions if m.name == "江南重工"]
    assert found == [0, text.index("江南重工将")]
    assert all(m.extra["confidence"] == 0.8 for m in a.mentions if m.name == "江南重工")


def test_a_project_named_again_at_the_head_of_a_clause_is_a_mention_there_only():
    """A list of projects, then each described (…均落户…；其中，甲由…): the repeat that opens a
    clause is the project; one inside a longer phrase is not."""
    import jieba
    from ingest.analysis import Analysis, Mention
    text = "青松储能基地和白桦产业园均落户青川。其中,青松储能基地由星海公司投资。扩建青松储能基地配套道路。"
    a = Analysis(text, words=jieba.lcut(text))
    a.mentions = [Mention(0, 6, "Project", "青松储能基地", "青松储能基地", extra={"confidence": 0.7})]
    coref.repeat_names(a)
    assert [m.start for m in a.mentions] == [0, text.index("青松储能基地由")]


def test_a_project_named_again_over_a_place_inside_its_name_takes_the_place_in():
    """骆驼城 read as a town's short form at the repeat of 骆驼城文化产业园: the project's name, as
    where the tagger read it; a company's repeat leaves places be."""
    import jieba
    from ingest.analysis import Analysis, Mention
    text = "签约项目有骆驼城文化产业园。\n骆驼城文化产业园位于骆驼城镇。\n骆驼城重工发布公告。骆驼城重工将扩产。"
    a = Analysis(text, words=jieba.lcut(text))
    second, k = text.index("骆驼城文化产业园位于"), text.index("骆驼城重工将")
    a.mentions = [Mention(5, 13, "Project", "骆驼城文化产业园", "骆驼城文化产业园", extra={"confidence": 0.7}),
                  Mention(second, second + 3, "Place", "骆驼城镇", "骆驼城"),
                  Mention(text.index("骆驼城镇"), text.index("骆驼城镇") + 4, "Place", "骆驼城镇", "骆驼城镇"),
                  Mention(text.index("骆驼城重工"), text.index("骆驼城重工") + 5, "Company", "骆驼城重工", "骆驼城重工"),
                  Mention(k, k + 3, "Place", "骆驼城镇", "骆驼城")]
    coref.repeat_names(a)
    assert [(m.label, m.start) for m in a.mentions if m.start in (second, k)] == [("Project", second), ("Place", k)]


def test_a_company_read_short_of_a_form_the_article_writes_is_that_form():
    """中铁 read before 十一局武道高速项目部, where 中铁十一局 is read elsewhere: 中铁十一局."""
    from ingest.analysis import Analysis, Mention
    text = "由中铁十一局集团有限公司承建。中铁十一局、中交二公局参建。中铁十一局武道高速项目部经理说。"
    a = Analysis(text)
    full, short, cut = text.index("中铁十一局集团"), text.index("中铁十一局、"), text.index("中铁十一局武道")
    a.mentions = [Mention(full, full + 12, "Company", "中铁十一局集团有限公司", "中铁十一局集团有限公司"),
                  Mention(short, short + 5, "Company", "中铁十一局", "中铁十一局"),
                  Mention(cut, cut + 2, "Company", "中铁", "中铁")]
    coref.unify_companies(a)
    assert [(m.start, m.text, m.name) for m in a.mentions if m.start == cut] == [(cut, "中铁十一局", "中铁十一局集团有限公司")]


def test_a_short_form_with_the_bracketed_place_of_the_full_name_is_the_same_company():
    text = "科林斯汽车电子(苏州)有限公司二期工厂投产。科林斯苏州是德国科林斯集团的独资企业。"
    got = _companies(text, "科林斯汽车电子(苏州)有限公司", "科林斯苏州")
    assert got["科林斯苏州"] == "科林斯汽车电子(苏州)有限公司"


def test_a_short_form_without_the_bracketed_place_is_another_company_of_the_group():
    text = "中科稀土(江苏)有限公司成立。中科公司表示将扩大投资。"
    got = _companies(text, "中科稀土(江苏)有限公司", "中科公司")
    assert got["中科公司"] == "中科公司"
