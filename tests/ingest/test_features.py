"""The span tagger's features (ingest/learn/features.py), on sentences written for the test."""
from __future__ import annotations

import jieba

from ingest.learn import features


def marks(text: str) -> str:
    lab = features.trade_layer(len(text), jieba.lcut(text))
    return "".join({"tw=B": "B", "tw=I": "I"}.get(x, ".") for x in lab)


def test_a_brand_before_a_trade_word_is_marked_as_a_short_company_name():
    text = "蓝鲸证券与德尔塔化学昨日签约。"
    assert marks(text) == "BIII.BIIII....."


def test_a_common_word_or_a_place_written_in_full_before_a_trade_word_is_no_brand():
    assert set(marks("全市的汽车产量增长，我们的银行贷款增加，泰州市银行网点增多。")) == {"."}


def test_the_trade_mark_is_a_rule_feature_the_public_tagger_never_reads():
    text = "蓝鲸证券签约"
    seq = features.sequence(text, 0, len(text), features.layers(text, []))
    assert [f for f in seq[0] if f.startswith("tw=")] == ["tw=B"]
    assert not any(f.startswith("tw=") for feats in features.public_view(seq) for f in feats)


def test_a_trade_word_inside_a_longer_name_is_no_company_end():
    text = "海鹰新能源汽车零部件项目开工，蓝鲸证券分析师认为德尔塔化学偏光片业务增长。"
    assert marks(text) == "." * 15 + "BIII" + "." * 5 + "BIIII" + "." * 8
