"""The articles written for the repository (ingest/learn/written): every line reads back against
its own text, and the scoring command scores the extractor's output."""
import json

import pytest

from ingest.learn import data, written
from tests.ingest.test_annotations import assert_reads_back


@pytest.mark.parametrize("path", written.FILES, ids=lambda p: p.name)
def test_every_written_article_holds_its_required_names(path):
    docs = data.inline_docs(path)
    assert len(docs) == len({d.name for d in docs}) >= 40
    for d in docs:
        assert_reads_back(d)


def test_a_line_without_its_text_is_refused(tmp_path):
    f = tmp_path / "w.jsonl"
    f.write_text(json.dumps({"article": "w/1", "entities": [], "relations": []}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="w.jsonl: line 1 has no text"):
        data.inline_docs(f)


def test_the_written_articles_are_scored_as_the_dev_set_is(tmp_path):
    line = {"article": "w/1", "text": "青川县云杉储能基地开工\n2021-05-09\n\n5月9日，青川县委书记王青山出席云杉储能基地开工仪式。",
            "entities": [{"type": "Official", "name": "王青山"}, {"type": "Place", "name": "青川县"},
                         {"type": "Project", "name": "云杉储能基地"}],
            "relations": [{"type": "LEADS", "head": "王青山", "tail": "青川县", "title": "县委书记"}]}
    f = tmp_path / "w.jsonl"
    f.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    rows = written.score(f)
    assert rows["entity:Official"]["tp"] == 1 and rows["relation:LEADS"]["tp"] == 1
