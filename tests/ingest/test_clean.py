"""Cleaning: Traditional text matched as Simplified, stable article keys."""
from ingest import clean
from ingest.extract import extract_text
from tests.ingest.record_sets import names


def test_traditional_text_is_matched_and_kept():
    text = "蘇州市吳江區舉行重大產業項目集中簽約儀式,蘇州市委書記顧海清出席。"
    rec = extract_text(text)
    assert "苏州市" in names(rec, "Place") and "顾海清" in names(rec, "Official")
    assert "蘇州" in rec["text"]  # the evidence keeps the original script


def test_a_name_written_in_traditional_characters_is_an_alias_of_its_simplified_name():
    rec = extract_text("蘇州市委書記顧海清出席會議。東岳精密機械有限公司將在蘇州投資興建新廠，產業發展進入新階段。")
    company = next(e for e in rec["entities"] if e["type"] == "Company")
    official = next(e for e in rec["entities"] if e["type"] == "Official")
    assert company["name"] == "东岳精密机械有限公司" and "東岳精密機械有限公司" in company["aliases"]
    assert official["name"] == "顾海清" and official["aliases"] == ["顧海清"]
    simple = extract_text("东岳精密机械有限公司将在苏州投资兴建新厂。")
    assert next(e["key"] for e in simple["entities"] if e["type"] == "Company") == company["key"]  # one node


def test_article_key_is_stable_under_whitespace():
    assert clean.article_key("徐州 召开\n会议") == clean.article_key("徐州召开会议")


def test_width_folding_keeps_offsets():
    text = "（集团）２０２３年ＡＢ，…"
    folded = clean.fold_width(text)
    assert folded == "(集团)2023年AB,…"  # … would be three characters under NFKC: kept
    assert len(folded) == len(text)


def test_names_are_output_as_written():
    """The rules read full-width brackets and digits folded, the names keep the article's own."""
    rec = extract_text("甘肃祁连建材化工（集团）股份有限公司表示，将在兰州新建水泥生产线。")
    assert "甘肃祁连建材化工（集团）股份有限公司" in names(rec, "Company")
    assert rec["text"].startswith("甘肃祁连建材化工（集团）")
    assert all(e["key"] != "company:甘肃祁连建材化工（集团）股份有限公司" for e in rec["entities"])  # one key either way


def test_link_markers_inside_names_are_dropped_and_the_key_is_kept():
    text = "雅安(微博)市与恒远通信（微博）签约，在石棉县建设光缆项目。"
    rec = extract_text(text)
    assert "雅安市" in names(rec, "Place") and "(微博)" not in rec["text"] and "（微博）" not in rec["text"]
    assert rec["key"] == clean.article_key(text)  # an article loaded before the markers were dropped
