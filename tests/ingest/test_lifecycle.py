"""Stage events read from sentences written for these tests (ingest/lifecycle.py)."""
from __future__ import annotations

import pytest

from ingest import stage_dates
from ingest.extract import extract_text

DATE = "2021-06-10"
PARK = "光伏新材料产业园项目"


class _ByName(dict):
    """Project name -> [(stage, date)]; looked up by a part of the name (the extractor decides
    whether a leading place belongs to it)."""

    def __getitem__(self, part):
        hits = [v for k, v in self.items() if part in k]
        assert len(hits) == 1, f"{part!r} among {list(self)}"
        return hits[0]

    def get(self, part, default=None):
        return self[part] if any(part in k for k in self) else default


def _stages(text: str, date: str | None = DATE) -> _ByName:
    rec = extract_text(text, date=date)
    return _ByName({e["name"]: [(s["stage"], s["date"]) for s in e.get("stages", [])]
                    for e in rec["entities"] if e["type"] == "Project"})


@pytest.mark.parametrize("text, stage", [
    ("青松县光伏新材料产业园项目昨日正式开工。", "started"),
    ("青松县光伏新材料产业园项目今天举行奠基仪式。", "started"),
    ("青松县光伏新材料产业园项目日前破土动工。", "started"),
    ("青松县光伏新材料产业园项目主体结构已全面封顶。", "under_construction"),
    ("青松县光伏新材料产业园项目近日顺利竣工。", "completed"),
    ("青松县光伏新材料产业园项目已正式投产。", "operating"),
    ("青松县光伏新材料产业园项目在县城举行签约仪式。", "signed"),
])
def test_a_cue_gives_its_stage(text, stage):
    assert [s for s, _ in _stages(text)[PARK]] == [stage]


@pytest.mark.parametrize("text", [
    "青松县光伏新材料产业园项目计划于今年年底竣工投产。",   # a plan
    "青松县光伏新材料产业园项目力争明年上半年建成。",        # a wish
    "青松县光伏新材料产业园项目预计2022年开工。",            # a forecast
    "青松县光伏新材料产业园项目至今尚未开工。",              # a negation
    "项目建成后，青松县光伏新材料产业园项目年产值可达10亿元。",  # after completion: a prospect
    "青松县光伏新材料产业园项目2023年底建成通车。",            # a date after the article's: a plan
    "青松县光伏新材料产业园项目建成投入运营后将带动就业。",      # 后 after a chain of cues
])
def test_plans_and_negations_are_no_events(text):
    assert _stages(text).get(PARK) == []


def test_the_sentence_date_is_read_against_the_article_date():
    got = _stages("青松县光伏新材料产业园项目于去年3月15日正式开工，2019年底签约的红岭储能电站项目昨天并网发电。")
    assert got[PARK] == [("started", "2020-03-15")]
    # 签约 took the date before it; 并网 the one nearest before it with no other cue between
    assert sorted(got["红岭储能电站项目"]) == [("operating", "2021-06-09"), ("signed", "2019-12")]


def test_each_cue_goes_to_its_own_project_and_lists_share_it():
    got = _stages("6月8日，白鹭湾锂电池生产基地项目、红岭储能电站项目同时开工，蓝湖物流园项目签约。")
    assert got["白鹭湾锂电池生产基地项目"] == [("started", "2021-06-08")]
    assert got["红岭储能电站项目"] == [("started", "2021-06-08")]
    assert got["蓝湖物流园项目"] == [("signed", DATE)]


def test_a_project_after_the_cue_is_its_object_only_right_after_it():
    got = _stages("青松县开工建设红岭储能电站项目。其投产对促进白鹭湾锂电池生产基地项目意义重大。")
    assert got["红岭储能电站项目"] == [("started", DATE)]
    assert got["白鹭湾锂电池生产基地项目"] == []


def test_a_list_after_the_cue_shares_it():
    got = _stages("双方签订了红岭储能电站项目、白鹭湾锂电池生产基地项目两个投资协议。")
    assert got["红岭储能电站项目"] == got["白鹭湾锂电池生产基地项目"] == [("signed", DATE)]


def test_a_clause_without_a_project_takes_the_sentence_subject():
    got = _stages("白鹭湾锂电池生产基地项目2019年底签约，目前已建成投产。")
    assert got["白鹭湾锂电池生产基地项目"] == [("signed", "2019-12"), ("operating", DATE)]


def test_no_date_anywhere_gives_an_empty_date():
    assert _stages("青松县光伏新材料产业园项目已正式投产。", date=None)[PARK] == [("operating", "")]


@pytest.mark.parametrize("parts, date, want", [
    ({"month": "12", "day": "20"}, "2021-01-05", "2020-12-20"),   # reported in January: last December
    ({"month": "3"}, "2021-06-10", "2021-03"),
    ({"rel": "今年", "part": "底"}, "2021-06-10", "2021-12"),
    ({"year": "二〇一九", "month": "十一", "day": "二十三"}, "2021-06-10", "2019-11-23"),
    ({"near": "上月"}, "2021-01-10", "2020-12"),
    ({"day": "28"}, "2021-06-10", "2021-05-28"),
    (None, "2021-06-10", "2021-06-10"),
])
def test_resolve(parts, date, want):
    assert stage_dates.resolve(parts, date) == want


def test_a_cue_inside_a_word_is_none():
    # 在建 inside 现在建设 (as 通航 inside 南通航天)
    assert _stages("青松县光伏新材料产业园项目现在建设条件已经具备。")[PARK] == []


def test_a_place_the_project_is_built_in_is_not_the_project():
    got = _stages("8月1日，青松集团年产60万吨烯烃项目在青松县红岭化工产业示范基地奠基。", date="2021-08-05")
    assert got["烯烃项目"] == [("started", "2021-08-01")]
    assert got["红岭化工产业示范基地"] == []


def test_a_clause_naming_other_projects_does_not_fall_back():
    got = _stages("目前投产线路包括白鹭湾铁路、红岭铁路，在建线路包括蓝湖铁路。")
    assert len(got) == 3 and all(v == [] for v in got.values())


def test_a_potential_is_no_event():
    assert _stages("论证认为青松县光伏新材料产业园项目具有建成大型基地的潜力。")[PARK] == []
