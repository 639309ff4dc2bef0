"""Official moves (ingest/moves.py) through the real extractor: a 调任 sentence joins an
official's keys in two prefectures; a sentence that could mean two people does not."""
from __future__ import annotations

from ingest.extract import extract_text


def _officials(text):
    return {e["key"]: e for e in extract_text(text)["entities"] if e["type"] == "Official"}


def test_a_move_sentence_names_the_other_key():
    offs = _officials("2011年3月5日\n原睢宁县县委书记王立新调任苏州市吴江区区委书记。王立新表示将尽快熟悉工作。")
    (wang,) = offs.values()
    assert wang["key"] == "official:王立新@徐州市"
    (move,) = wang["same_as"]
    assert move["key"] == "official:王立新@苏州市" and move["cue"] == "调任"
    assert "调任苏州市吴江区" in move["evidence"]


def test_no_move_without_a_cue_or_with_two_officials():
    offs = _officials("2011年3月5日\n睢宁县县委书记王立新与吴江区区委书记张志强在苏州市座谈。")
    assert offs and all("same_as" not in o for o in offs.values())
    offs = _officials("2011年3月5日\n睢宁县县委书记王立新在苏州市吴江区考察。")
    assert all("same_as" not in o for o in offs.values())
