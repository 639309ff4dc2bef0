"""Search by pinyin: full, from a later syllable, or initials; on both stores."""
from __future__ import annotations

import pytest

from tests.app.test_pages import SONG, XUZHOU, view_names


@pytest.mark.parametrize("typed", ["songlewei", "Song Lewei", "lewei", "slw"])
def test_search_by_pinyin(app, typed):
    at = app("search", q=typed)
    assert SONG in at.selectbox(key="ego_hit").value
    assert {SONG, XUZHOU} <= view_names(at)


def test_pinyin_that_names_nothing(app):
    at = app("search", q="zzzqqq")
    assert any("Nothing in the graph matches" in i.value for i in at.info)
