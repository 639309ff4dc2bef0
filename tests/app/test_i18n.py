"""The interface in Simplified Chinese beside English, chosen in the sidebar."""
from __future__ import annotations

from tests.app.test_pages import SONG, view_names


def test_chinese_interface_from_the_sidebar(app):
    at = app("search", q=SONG)
    assert at.title[0].value == "Search & ego network"
    at.sidebar.radio(key="lang").set_value("zh-CN").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "搜索与关系网"
    assert at.text_input(key="ego_text").label == "按名称或别名搜索"
    assert at.selectbox(key="ego_hit").label.endswith("个匹配")
    assert at.sidebar.slider(key="min_confidence").label == "最低置信度"
    assert SONG in view_names(at)  # the same entity, drawn in either language
    at.switch_page("app_pages/details.py").run()
    assert at.title[0].value == "实体详情"  # the choice holds across pages
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Entity details"


def test_default_language_from_the_environment(app, monkeypatch):
    monkeypatch.setenv("GOVKG_LANG", "zh-CN")
    at = app("overview")
    assert at.title[0].value == "概览"
