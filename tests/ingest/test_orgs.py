"""Companies: names listed before 等…企业, and generic phrases that are not names."""
from ingest.extract import extract_text
from tests.ingest.record_sets import names


def test_enumerated_companies_and_generic_phrases():
    rec = extract_text("会上,来自恒远集团、天纺科技、锦程纺织等18家企业的代表参加了签约。"
                       "要紧抓先进制造、总部经济、现代物流等优势产业项目。")
    assert {"恒远集团", "天纺科技", "锦程纺织"} <= names(rec, "Company")
    assert names(rec, "Project") == set()
