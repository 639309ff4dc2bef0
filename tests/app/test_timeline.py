"""Time: the ego view's time slider keeps undated relationships on request; an
entity's timeline lists its relationships by month with their evidence."""
from __future__ import annotations

import datetime as dt

from tests.app.test_pages import SONG, XUZHOU, view_names

D = dt.date


def test_time_slider_narrows_the_ego_network(open_app, handwritten_db):
    at = open_app(handwritten_db, "search", q=SONG, depth="2")
    assert {XUZHOU, "睢宁县"} <= view_names(at)  # LEADS on 01-30, PART_OF on 01-26
    at.checkbox(key="ego_by_time").check().run()
    slider = at.slider(key="ego_time")
    assert slider.value == (D(2023, 1, 26), D(2023, 1, 30))  # the drawn relationships' first and last days
    slider.set_value((D(2023, 1, 29), D(2023, 1, 30))).run()
    assert XUZHOU in view_names(at) and "睢宁县" not in view_names(at)
    at.slider(key="ego_time").set_value((D(2023, 1, 26), D(2023, 1, 27))).run()
    assert XUZHOU not in view_names(at)  # 宋乐伟's only tie to it is dated 01-30
    assert view_names(at) == {SONG}


def test_undated_relationships_are_counted_and_kept_on_request(open_app, tmp_path):
    from tests.app.conftest import build_db
    from tests.app.records import records
    recs = records()
    recs[0]["date"] = None  # the meeting article gives no date: its two LEADS are undated
    for r in recs[0]["relations"]:
        r["date"] = None
    db = build_db(tmp_path / "undated.lbug", recs)
    at = open_app(db, "search", q=SONG, depth="2")
    before = view_names(at)
    at.checkbox(key="ego_by_time").check().run()
    keep = at.checkbox(key="ego_undated")
    assert keep.value is True and "2 undated" in keep.label
    assert view_names(at) == before  # nothing dropped silently
    assert any("plus 2 undated" in c.value for c in at.caption)
    keep.uncheck().run()
    assert view_names(at) == {SONG}
    assert any("2 undated left out" in c.value for c in at.caption)


def check_timeline(at) -> None:
    """Shared by the embedded and Neo4j tests: the details page of 徐州市 (hand-written corpus)."""
    exp = next(e for e in at.expander if e.label.startswith("Timeline"))
    assert exp.get("vega_lite_chart"), "no chart of relationships by month"
    months = [e.label for e in at.expander if e.label.startswith("2023-01")]
    assert months and months[0].endswith(")"), months
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert any("宋乐伟在大会上讲话" in q for q in quotes)


def test_entity_timeline_by_month_with_evidence(open_app, handwritten_db):
    check_timeline(open_app(handwritten_db, "details", key="place:江苏省/徐州市"))
