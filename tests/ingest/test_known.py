"""Companies known from the corpus (ingest/learn/known.py), on sentences and a corpus written for the test."""
from __future__ import annotations

import json

import jieba

from ingest.learn import features, known
from tests.conftest import need_shared


def marks(text: str, names) -> str:
    lab = known.layer(text, jieba.lcut(text), known.index(names))
    return "".join({"kc=B": "B", "kc=I": "I"}.get(x, ".") for x in lab)


def test_a_known_name_is_marked_where_it_is_written_as_whole_words():
    text = "据悉，蓝鲸证券与德尔塔在本市签约。"
    assert marks(text, ["蓝鲸证券", "德尔塔"]) == "...BIII.BII......"


def test_the_longest_known_name_wins_and_none_is_marked_inside_a_word():
    assert marks("蓝鲸证券公司成立。", ["蓝鲸证券", "蓝鲸证券公司"]) == "BIIIII..."
    assert marks("一只蓝鲸游过。", ["蓝鲸证"]) == "." * 7


def test_the_known_mark_is_a_rule_feature_the_public_tagger_never_reads():
    text = "德尔塔签约"
    marked = known.layer(text, jieba.lcut(text), known.index(["德尔塔"]))
    seq = features.sequence(text, 0, len(text), (*features.layers(text, [])[:-1], marked))
    assert [f for f in seq[0] if f.startswith("kc=")] == ["kc=B"]
    assert not any(f.startswith("kc=") for feats in features.public_view(seq) for f in feats)


def test_generic_vague_place_and_verb_first_names_are_not_known_companies():
    for name in ("子公司", "一家贸易公司", "上市公司", "江苏省", "日本", "继续加强", "市场研究公司", "县发改委"):
        assert not known.acceptable(name), name
    assert known.acceptable("蓝鲸证券股份有限公司")
    assert known.acceptable("辉煌电缆", coded=True)  # a stock code marked it


def test_build_reads_legal_names_and_their_bare_forms_and_skips_the_gold_articles(tmp_path):
    rows = [{"id": "a1", "title": "蓝鲸证券扩产", "date": "2011-05-01",
             "text": "蓝鲸证券股份有限公司昨日宣布，投资10亿元建设新基地。"},
            {"id": "a2", "title": "德尔塔化学落户", "date": "2011-05-02",
             "text": "德尔塔化学有限公司今天签约。"},
            {"id": "a3", "title": "另一篇", "date": "2011-05-03", "text": "海鹰光电有限公司今天签约。"}]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    names = known.build(corpus, skip_ids={"a2"}, skip_titles={"另一篇"})
    assert names.get("蓝鲸证券股份有限公司") == 1 and names.get("蓝鲸证券") == 1
    assert not any("德尔塔" in n or "海鹰" in n for n in names)


def test_the_shipped_list_is_what_the_command_builds_from_the_corpus(tmp_path):
    """known_companies.txt is reproducible: `python -m ingest.learn.known` over ../shared's corpus
    writes the same names (a rule change that alters them means rebuilding it, then the model)."""
    corpus, out = need_shared("corpus", "news_2011.jsonl"), tmp_path / "known.txt"
    assert known.main(["--corpus", str(corpus), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == known.PATH.read_text(encoding="utf-8")


def test_rebuild_writes_the_list_once_and_says_when_it_changed(tmp_path):
    row = {"id": "b1", "title": "扩产", "date": "2011-05-01", "text": "蓝鲸证券股份有限公司昨日宣布扩产。"}
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "known.txt"
    corpus.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    assert known.rebuild(corpus, out) == (2, True)  # the legal name and its bare form
    assert known.rebuild(corpus, out) == (2, False)
    assert "蓝鲸证券\t1" in out.read_text(encoding="utf-8").splitlines()


def test_training_elsewhere_leaves_the_shipped_list_alone(tmp_path):
    from ingest.train import _known_companies
    before = known.PATH.read_bytes()
    assert _known_companies(tmp_path) == sum(1 for x in before.decode("utf-8").splitlines() if x and x[0] != "#")
    assert known.PATH.read_bytes() == before


def test_major_groups_are_known_by_the_short_names_news_uses():
    text = "会上，中国中铁与鞍钢签约，壳牌也派员出席。"
    lab = known.layer(text, jieba.lcut(text))
    for name in ("中国中铁", "鞍钢", "壳牌"):
        s = text.index(name)
        assert lab[s:s + len(name)] == ["kc=B"] + ["kc=I"] * (len(name) - 1), name


def test_the_major_list_holds_no_place_no_generic_name_and_no_repeat():
    from ingest import gazetteer as gz
    from ingest.lexicon import GENERIC_NAMES
    names = [x for x in known.MAJOR.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    assert len(names) == len(set(names)) == known.count(known.MAJOR)
    g = gz.load()
    assert not [n for n in names if n in GENERIC_NAMES or g.is_place(n)]
