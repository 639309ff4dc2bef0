"""Cleaning: Traditional text matched as Simplified, stable article keys."""
from ingest import clean
from ingest.extract import extract_text
from tests.ingest.record_sets import names


def test_traditional_text_is_matched_and_kept():
    text = "蘇州市吳江區舉行重大產業項目集中簽約儀式,蘇州市委書記顧海清出席。"
    rec = extract_text(text)
    assert "苏州市" in names(rec, "Place") and "顾海清" in names(rec, "Official")
    assert "蘇州" in rec["text"]  # the evidence keeps the original script


def test_article_key_is_stable_under_whitespace():
    assert clean.article_key("徐州 召开\n会议") == clean.article_key("徐州召开会议")
