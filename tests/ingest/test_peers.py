"""Companies listed side by side with a company are companies (ingest/learn/peers.py)."""
import jieba
import pytest

from ingest.analysis import Analysis, Mention
from ingest.learn.peers import PEER_CONFIDENCE, add_companies, add_listed_companies


def _peers(text: str, company: str = "华光集团") -> dict[str, float]:
    """The companies add_listed_companies adds beside the one company mentioned, with their confidence."""
    a = Analysis(text, words=jieba.lcut(text))
    k = text.index(company)
    a.mentions = [Mention(k, k + len(company), "Company", company, company)]
    add_listed_companies(a)
    return {m.name: m.extra["confidence"] for m in a.mentions if m.name != company}


@pytest.mark.parametrize("text, peers", [
    ("华光集团、江南重工和天宇电机三家企业昨日签约。", {"江南重工", "天宇电机"}),  # and along the list
    ("与江南重工、华光集团相比，其他企业的订单少得多。", {"江南重工"}),  # before it
    ("华光集团和嘉德隆都表示将扩大产能。", {"嘉德隆"}),
    ("华光集团和英达中国都表示将扩大产能。", {"英达中国"}),  # a brand's China arm
    ("华光集团和江南重工近日相继发布公告。", {"江南重工"}),  # a time word ends the name
    ("华光集团和江南重工正式签约。", {"江南重工"}),  # an adverb too
    ("华光集团和嘉德隆合作研发机床。", {"嘉德隆"}),  # what they do next is no part of it
])
def test_names_listed_with_a_company_are_companies(text, peers):
    assert _peers(text) == {p: PEER_CONFIDENCE for p in peers}


@pytest.mark.parametrize("text", [
    "华光集团与省交通厅签署合作协议。",  # a public body
    "华光集团和部分日本厂商参加了展会。",  # a group of companies
    "华光集团和江南重工董事长出席仪式。",  # a post
    "华光集团和苏州市签署协议。",  # a place
    "华光集团将联合江南重工开发机床。",  # no list: a verb between
    "华光集团和4家企业签约。",  # a count
    "华光集团和东南亚的客户签约。",  # a region
    "华光集团和蓝鲸X5的销量都在增长。",  # a product's model
    "把目光投向印度、华光集团等供应商。",  # a phrase that ends in a country
    "华光集团和批发商都受到了影响。",  # a role, not a name
    "华光集团和品牌拥有者之间的纠纷。",
])
def test_bodies_groups_posts_places_and_counts_are_no_peers(text):
    assert _peers(text) == {}


def _major(text: str, mentions=()) -> list[str]:
    a = Analysis(text, words=jieba.lcut(text))
    a.mentions = [Mention(text.index(n), text.index(n) + len(n), lab, n, n) for n, lab in mentions]
    add_companies(a)
    return [m.name for m in a.mentions if m.label == "Company"]


def test_a_major_group_named_bare_is_a_company_and_seeds_its_list():
    """三星 is on the hand-compiled list; 青禾光电, listed with it, is its peer."""
    assert _major("青川新材料的对手有三星、青禾光电两家。") == ["三星", "青禾光电"]


@pytest.mark.parametrize("text, mentions", [
    ("游客在三星堆博物馆参观。", ()),  # inside a word
    ("三星电子在青川设厂。", [("三星电子", "Company")]),  # inside a name already read
    ("青川华为路改造工程开工。", [("青川华为路改造工程", "Project")]),
])
def test_a_major_groups_name_inside_a_word_or_a_name_is_none_of_its_own(text, mentions):
    assert _major(text, mentions) == [n for n, lab in mentions if lab == "Company"]


def _with_place(text: str, place: str, related: bool = False):
    a = Analysis(text, words=jieba.lcut(text))
    k, p = text.index("华光集团"), text.index(place)
    company = Mention(k, k + 4, "Company", "华光集团", "华光集团")
    where = Mention(p, p + len(place), "Place", place, place)
    a.mentions = sorted([company, where], key=lambda m: m.start)
    if related:
        a.relations = [{"type": "HOSTS", "head": where, "tail": company}]
    add_listed_companies(a)
    return [(m.label, m.name) for m in a.mentions if m is not company]


def test_a_place_that_opens_a_listed_name_is_part_of_it():
    """山西 of 山西青禾酒业 is no place of its own (as inside the tagger's names)."""
    assert _with_place("华光集团和山西青禾酒业都表示将扩大产能。", "山西") == [("Company", "山西青禾酒业")]


def test_a_place_a_relation_reads_stays_and_an_area_is_no_peer():
    assert _with_place("华光集团和山西青禾酒业都表示将扩大产能。", "山西", related=True) == [("Place", "山西")]
    assert _with_place("华光集团和海珠区青禾地区的商户签约。", "海珠区") == [("Place", "海珠区")]
