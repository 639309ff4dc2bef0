"""The extractor never crashes on arbitrary text, and what it returns is a
loadable record: spans inside the text, relations between its entities,
amounts that are numbers."""
from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

WORDS = ["市委书记", "县委书记", "市长", "区长", "镇党委书记", "所长", "董事长", "有限公司", "集团", "项目",
         "产业园", "开发区", "高新区", "街道", "村", "徐州市", "睢宁县", "江苏省", "宋乐伟", "投资", "总投资",
         "落户", "签约", "建设", "在", "由", "及", "、", "和", "记者", "通讯员", "责编"]
PUNCT = list("，。、；：？！“”‘’（）《》【】…—·,.;:?!()[]{}<>\"'\\/|@#$%^&*_+=~`-\n\t\r\u3000\u00a0\u200b\ufeff")
NUMBERS = ["1.6", "3000", "0", "0.0", "００", "１.５", "99999999999999999999", "1e10", "-5", "一百", "十二",
           "三千五百", "2.5.3", ".5", "5.", "1,000", "NaN", "inf"]
UNITS = ["亿元", "万元", "元", "亿美元", "千万元", "万亿元", "亿", "万", "日元", "亿元人民币"]

mixed_scripts = st.text(alphabet=st.sampled_from(
    list("徐州市委书记宋乐伟睢宁县项目公司abcXYZ0123456789") + ["ع", "ب", "ж", "д", "ア", "한", "𠀀", "🙂", "\u202e"]),
    max_size=400)
punctuation = st.lists(st.sampled_from(PUNCT + WORDS[:6]), max_size=600).map("".join)
repeated = st.builds(lambda w, n: w * n, st.sampled_from(WORDS), st.integers(1, 2500))
amounts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(NUMBERS), st.sampled_from(UNITS)),
                   min_size=1, max_size=60).map(lambda parts: "".join(w + n + u for w, n, u in parts))
word_salad = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(NUMBERS),
                                st.sampled_from(UNITS)), max_size=300).map("".join)
arbitrary = st.one_of(st.text(max_size=800), mixed_scripts, punctuation, repeated, amounts, word_salad,
                      st.lists(st.one_of(word_salad, amounts, repeated), max_size=4).map("\n".join))


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=arbitrary)
@example(text="徐州")                      # a place at the very end of the text
@example(text="市委书记" * 2500)            # a huge repeated title
@example(text="总投资1.6亿元" * 500)
@example(text="")
def test_extract_text_returns_a_loadable_record(text):
    from graph.loading import validate_record
    from ingest.extract import extract_text
    rec = extract_text(text, name="fuzz.txt")
    body = rec["text"]
    assert isinstance(body, str)
    keys = {e["key"]: e for e in rec["entities"]}
    assert len(keys) == len(rec["entities"])  # one entity per key
    for s in rec["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(body), s
        assert s["key"] in keys and keys[s["key"]]["type"] == s["label"], s
    for r in rec["relations"]:
        assert r["head_key"] in keys and r["tail_key"] in keys, r
        assert keys[r["head_key"]]["name"] == r["head"] and keys[r["tail_key"]]["name"] == r["tail"], r
        if r.get("amount_cny") is not None:
            assert _number(r["amount_cny"]) and r["amount_cny"] >= 0, r
    for e in rec["entities"]:
        assert e["name"] and isinstance(e["name"], str), e
        if e.get("total_investment_cny") is not None:
            assert _number(e["total_investment_cny"]) and e["total_investment_cny"] >= 0, e
    validate_record(rec)
    json.dumps(rec, ensure_ascii=False, allow_nan=False)  # what the CLI prints must be valid JSON
