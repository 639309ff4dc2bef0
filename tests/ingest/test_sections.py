"""Where a project is by the article's layout (ingest.sections): the scene a sentence sets."""
from ingest.extract import extract_text
from tests.ingest.record_sets import rels


def test_the_scene_a_sentence_sets_hosts_the_projects_of_the_clauses_after_its_semicolons():
    rec = extract_text("九龙坡区上半年重点项目进展顺利。在西彭镇，重庆青松冷链物流有限公司投资8.6亿元建设的渝西冷链物流园"
                       "一期投入运营；重庆白鹭铝业有限公司投资12亿元实施的高端铝板带生产线技改项目完成投资4.3亿元。")
    assert {h for h, t in rels(rec, "HOSTS") if t == "高端铝板带生产线技改项目"} == {"西彭镇"}


def test_a_clause_with_a_place_of_its_own_is_not_in_the_scene():
    rec = extract_text("在西彭镇，重庆青松冷链物流有限公司投资8.6亿元建设的渝西冷链物流园一期投入运营；"
                       "重庆白鹭铝业有限公司在铜罐驿镇投资12亿元建设的高端铝板带生产线项目完成投资4.3亿元。")
    assert {h for h, t in rels(rec, "HOSTS") if t == "高端铝板带生产线项目"} == {"铜罐驿镇"}


def test_a_sentence_that_turns_away_leaves_the_scene_its_paragraph_opened_with():
    """在某镇，…。此外，…: what 此外 adds is the article's county's, not the town's."""
    rec = extract_text("九龙坡区重点项目集中开工\n2021-03-02\n\n九龙坡区举行重点项目集中开工活动。\n"
                       "在西彭镇，重庆白鹭铝业有限公司投资12亿元建设的高端铝板带项目同步开工。"
                       "此外，由重庆九龙城市建设投资有限公司承建的华岩湿地公园工程同日开工。")
    hosts = {h for h, t in rels(rec, "HOSTS") if t == "华岩湿地公园工程"}
    assert "西彭镇" not in hosts and "九龙坡区" in hosts, hosts
