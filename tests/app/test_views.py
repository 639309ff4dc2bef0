"""Saved views and deep links: the address restores the whole ego view (entity, depth,
filters, expansions, hidden nodes, time range); a view saved by name reopens it."""
from __future__ import annotations

import datetime as dt
import json

from tests.app.test_pages import SONG, XUZHOU, view_names


def _shaped(at):
    """An ego view worth restoring: depth 2, an expansion, a hidden node, a time range."""
    at.slider(key="ego_depth").set_value(2).run()
    xuzhou = next(n["key"] for n in at.session_state["view"]["subgraph"].nodes if n["name"] == XUZHOU)
    at.selectbox(key="ego_focus").set_value(xuzhou)
    at.button(key="ego_expand").click().run()
    other = next(n["key"] for n in at.session_state["view"]["subgraph"].nodes if n["name"] == "王剑锋")
    at.selectbox(key="ego_focus").set_value(other)
    at.button(key="ego_hide").click().run()
    at.checkbox(key="ego_by_time").check().run()
    at.slider(key="ego_time").set_value((dt.date(2023, 1, 29), dt.date(2023, 1, 30))).run()
    return xuzhou, other


def state(at) -> dict:
    return {"names": view_names(at), "expanded": list(at.session_state["ego_expanded"]),
            "hidden": list(at.session_state["ego_hidden"]), "depth": at.slider(key="ego_depth").value,
            "range": at.slider(key="ego_time").value, "hit": at.selectbox(key="ego_hit").value}


def test_the_address_restores_the_view(open_app, handwritten_db):
    at = open_app(handwritten_db, "search", q=SONG)
    xuzhou, other = _shaped(at)
    shown = state(at)
    assert shown["expanded"] == [xuzhou] and shown["hidden"] == [other] and "王剑锋" not in shown["names"]
    link = {k: at.query_params[k] for k in at.query_params}
    again = open_app(handwritten_db, "search", **link)  # a new session opened on that address
    assert state(again) == shown


def test_saved_view_is_listed_and_reopens(open_app, handwritten_db, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_VIEWS", str(tmp_path / "views.json"))
    at = open_app(handwritten_db, "search", q=SONG)
    _shaped(at)
    shown = state(at)
    at.text_input(key="view_name").input("徐州 leaders")
    at.button(key="view_save").click().run()
    stored = json.loads((tmp_path / "views.json").read_text(encoding="utf-8"))
    assert list(stored) == ["徐州 leaders"] and stored["徐州 leaders"]["link"].startswith("ego?")

    later = open_app(handwritten_db, "search", q="王剑锋")  # another session, another entity
    assert "王剑锋" in later.selectbox(key="ego_hit").value
    assert later.selectbox(key="view_pick").options[0].startswith("徐州 leaders")
    later.button(key="view_open").click().run()
    assert state(later) == shown


def test_a_link_to_another_entity_starts_without_the_old_expansions(open_app, handwritten_db):
    at = open_app(handwritten_db, "search", q=SONG)
    _shaped(at)
    at.switch_page("app_pages/details.py").run()
    at.text_input(key="details_text").input("王剑锋").run()
    at.button(key="details_draw").click().run()  # "Draw its ego network"
    assert "王剑锋" in at.selectbox(key="ego_hit").value
    assert at.session_state["ego_expanded"] == [] and at.session_state["ego_hidden"] == []


def test_a_damaged_link_still_opens(open_app, handwritten_db):
    at = open_app(handwritten_db, "search", q=SONG, depth="9", labels=["Nope", "Place"], layout="x", cap="abc")
    assert not at.exception
    assert at.slider(key="ego_depth").value == 1 and at.multiselect(key="ego_labels").value == ["Place"]
    assert XUZHOU in view_names(at)
