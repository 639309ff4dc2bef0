"""Name forms (graph/identity_match.py): cores, abbreviations, bracketed subsidiaries."""
from __future__ import annotations

import pytest

from graph import identity_match as m


@pytest.mark.parametrize("name,core", [
    ("徐州工程机械集团有限公司", "徐州工程机械"), ("徐工集团", "徐工"), ("徐工", "徐工"),
    ("紫金矿业集团股份有限公司", "紫金矿业"), ("格力电器(重庆)有限公司", "格力电器(重庆)"),
    ("格力电器（重庆）有限公司", "格力电器(重庆)"), ("LG Display公司", "LG Display"),
    ("Organization", None), ("公司", None),
    ("光明食品(集团)有限公司", "光明食品"), ("奥特斯(AT&S)", "奥特斯"),  # brackets that hold no location
])
def test_company_core(name, core):
    assert m.core(name, "Company") == core


def test_project_core_drops_the_trailing_word():
    assert m.core("抚吉高速项目", "Project") == m.core("抚吉高速", "Project") == "抚吉高速"


@pytest.mark.parametrize("short,long,hit", [
    ("徐工", "徐州工程机械", True), ("中石化", "中国石油化工", True),
    ("徐工", "徐工重型机械", False),  # a prefix run: as often a subsidiary
    ("格力", "珠海格力电器", False), ("中石化", "中石化", False),
])
def test_abbreviation(short, long, hit):
    assert (m.abbreviation(short, long) is not None) == hit


def test_listed_company_and_group_stay_for_review():
    assert m.listed_and_group("中色股份", "中色集团")
    assert not m.listed_and_group("紫金矿业集团", "紫金矿业集团股份有限公司")  # the group's own full name
    assert not m.listed_and_group("徐工", "徐工集团")


def test_bracket_names_the_parent():
    assert m.base_core("格力电器(重庆)有限公司") == "格力电器"
    assert m.base_core("格力电器有限公司") is None


def test_project_variant_needs_the_long_name_to_end_with_the_short():
    assert m.project_variant("锂电池生产基地项目", "恒通锂电池生产基地项目") is not None
    assert m.project_variant("锂电池生产基地项目", "恒通锂电池项目") is None
    assert m.project_variant("基地项目", "恒通基地项目") is None  # too short to tell
