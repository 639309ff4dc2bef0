"""The training path end to end on a tiny set written for the test: train, cross-validate,
write the model and its card, load it in the pipeline, extract."""
from __future__ import annotations

import json
import os

import pytest

from ingest import train as train_cli
from ingest.learn import crf, data, run
from ingest.pipeline import nlp
from tests.ingest.tiny_corpus import write


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    texts, gold, ner = write(folder)
    out = folder / "model"
    extra = folder / "extra.jsonl"  # two annotated corpus articles (texts read from the corpus)
    extra.write_text("\n".join(data.ANNOTATIONS.read_text(encoding="utf-8").splitlines()[:2]) + "\n",
                     encoding="utf-8")
    argv = ["--gold", str(gold), "--texts", str(texts), "--out", str(out), "--folds", "2",
            "--public-corpus", str(ner), "--public-limit", "6", "--annotated", "", "--check", str(extra)]
    before = os.environ.get("GOVKG_NO_MODEL")
    assert train_cli.main(argv) == 0
    # training reads the rules alone, and leaves the process as it found it (tests after it extract with the model)
    assert os.environ.get("GOVKG_NO_MODEL") == before
    return out, argv


def test_training_writes_model_meta_and_card(tiny_model):
    out, _ = tiny_model
    for f in ("spans.crfsuite", "public.crfsuite", "pairs.json", "meta.json", "MODEL_CARD.md"):
        assert (out / f).stat().st_size > 0, f
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["articles"] == 6 and meta["folds"] == 2
    assert set(meta["cv"]) >= {"entity:ALL", "relation:ALL", "amounts"}
    assert 0 <= meta["display_min_confidence"] <= 1
    cuts = json.loads((out / "pairs.json").read_text(encoding="utf-8"))["thresholds"]
    assert cuts["INVESTS_IN"] >= 0.35 and cuts["HOSTS"] >= 0.45  # the floors over the inner CV's cuts on gold spans
    assert "--folds 2" in (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert meta["repeats"] == 3 and len(meta["cv_repeats"]) == 3
    assert all("relation:ALL" in r and len(r["amounts"]) == 2 for r in meta["cv_repeats"])
    # the summed table counts each gold article once per repeat
    asked = sum(r["amounts"][1] for r in meta["cv_repeats"])
    assert meta["cv"]["amounts"]["asked"] == asked and asked % 3 == 0
    assert "repeated 3 times" in (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert meta["check_articles"] == 2 and "entity:ALL" in meta["cv_extra"]
    assert "2 annotated corpus articles it never saw" in (out / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_training_is_deterministic(tiny_model, tmp_path):
    out, argv = tiny_model
    again = tmp_path / "again"
    argv = [a if a != str(out) else str(again) for a in argv]
    assert train_cli.main(argv) == 0
    for f in ("spans.crfsuite", "public.crfsuite", "pairs.json"):
        assert (again / f).read_bytes() == (out / f).read_bytes(), f


def test_trained_model_runs_in_the_pipeline(tiny_model, monkeypatch):
    out, _ = tiny_model
    monkeypatch.setenv("GOVKG_MODEL", str(out))
    monkeypatch.delenv("GOVKG_NO_MODEL", raising=False)
    nlp.cache_clear()
    try:
        from ingest.extract import extract_text
        rec = extract_text("东辰光电有限公司投资9亿元在肥西县建设光学镜头生产基地项目。"
                           "该项目由东辰光电有限公司负责建设。", name="new.txt")
    finally:
        nlp.cache_clear()
    names = {(e["type"], e["name"]) for e in rec["entities"]}
    assert ("Company", "东辰光电有限公司") in names
    assert any(t == "Project" and n.endswith("生产基地项目") for t, n in names)
    assert all(0 < e["confidence"] <= 1 for e in rec["entities"])
    rels = {(r["type"], r["head"]): r for r in rec["relations"]}
    assert ("HOSTS", "肥西县") in rels and ("INVESTS_IN", "东辰光电有限公司") in rels
    assert rels[("INVESTS_IN", "东辰光电有限公司")]["amount_cny"] == 900000000
    assert all(0 < r["confidence"] <= 1 for r in rec["relations"])


def test_no_repeat_is_a_clear_error(tmp_path, capsys):
    assert train_cli.main(["--repeats", "0", "--out", str(tmp_path / "m")]) == 2
    assert "--repeats must be at least 1" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_missing_gold_is_a_clear_error(tmp_path, capsys):
    assert train_cli.main(["--gold", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "m")]) == 2
    assert "none.jsonl does not exist" in capsys.readouterr().err


def test_annotated_corpus_articles_can_train_and_are_scored_apart(tiny_model, tmp_path):
    out, argv = tiny_model
    extra = argv[argv.index("--check") + 1]
    argv = [a if a != str(out) else str(tmp_path / "m") for a in argv] + ["--extra", extra]
    assert train_cli.main(argv) == 0
    meta = json.loads((tmp_path / "m" / "meta.json").read_text(encoding="utf-8"))
    assert meta["extra_articles"] == 2 and meta["train"]["articles"] == 8
    assert "cv_extra" in meta and "check" not in meta


def test_annotated_corpus_articles_train_the_pair_model_and_the_public_tagger(tiny_model, tmp_path):
    out, argv = tiny_model
    extra = argv[argv.index("--check") + 1]
    argv = [a if a != str(out) else str(tmp_path / "m") for a in argv]
    argv[argv.index("--annotated") + 1] = extra
    assert train_cli.main(argv) == 0
    meta = json.loads((tmp_path / "m" / "meta.json").read_text(encoding="utf-8"))
    assert meta["annotated_articles"] == 2 and meta["extra_articles"] == 0
    assert meta["train"]["articles"] == 6 and meta["train"]["pair_articles"] == 8
    assert meta["public_annotated"] == 2  # their sentences joined the public corpus
    assert (tmp_path / "m" / "public.crfsuite").read_bytes() != (out / "public.crfsuite").read_bytes()
    assert "cv_extra" in meta and "check" not in meta  # scored under the cross-validation, not held out
    assert "train the pair model" in (tmp_path / "m" / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_each_repeat_deals_the_folds_anew():
    from ingest.learn import train

    class Item:
        def __init__(self, name):
            self.doc = type("Doc", (), {"name": name})()
    items = [Item(f"a{i:02d}") for i in range(20)]
    deals = [train.folds_of(items, 5, deal) for deal in range(3)]
    assert deals[0] == [i % 5 for i in range(20)]  # the first: sorted by name, dealt round-robin
    assert deals[1] != deals[0] and deals[2] != deals[1]
    for fold in deals:  # each a partition into five folds of four
        assert sorted(fold.count(f) for f in range(5)) == [4] * 5
    assert train.folds_of(items, 5, 1) == deals[1]  # a repeat is the same for the same seed


def test_a_model_without_a_type_reads_text_the_rules_find_it_in(tiny_model, monkeypatch):
    out, _ = tiny_model
    tagger = crf.SpanTagger(out / "spans.crfsuite", out / "public.crfsuite")
    assert "Organization" not in tagger.types and "Company" in tagger.types  # the tiny gold has no organization
    text = "中国科学院与东辰光电有限公司在肥西县共建光学研究院项目。"
    assert any(m.label == "Organization" for m in run.rule_analysis(text).mentions)
    monkeypatch.setenv("GOVKG_MODEL", str(out))
    monkeypatch.delenv("GOVKG_NO_MODEL", raising=False)
    nlp.cache_clear()
    try:
        from ingest.extract import extract_text
        rec = extract_text(text, name="org.txt")  # was: RuntimeError, no B-Organization in the model
    finally:
        nlp.cache_clear()
    assert ("Company", "东辰光电有限公司") in {(e["type"], e["name"]) for e in rec["entities"]}
