"""Amounts and sites written respectively (ingest/respective.py; sentences written for these tests)."""
import pytest

from ingest.extract import extract_text
from tests.ingest.record_sets import rels


@pytest.mark.parametrize("text, totals", [
    # amounts written respectively: the n-th amount is the n-th project's
    ("平阳县举行签约仪式。青禾物流有限公司的青禾冷链物流园项目、泰和医药有限公司的中药饮片生产线项目及"
     "禾丰食品有限公司的中央厨房项目同日签约，投资额分别为6亿元、3亿元和9000万元。",
     {"青禾冷链物流园项目": 600000000, "中药饮片生产线项目": 300000000, "中央厨房项目": 90000000}),
    # the projects named in the sentence before (两个项目分别投资…)
    ("平阳县举行签约仪式。青禾物流有限公司签约青禾冷链物流园项目及中药饮片生产线项目。两个项目分别投资6亿元和3亿元。",
     {"青禾冷链物流园项目": 600000000, "中药饮片生产线项目": 300000000}),
    # the projects of the amounts' own clause, or those built after them
    ("平阳县举行签约。青禾物流有限公司投资8亿元建设青禾冷链物流园；泰和医药有限公司分别投资3亿元、1亿元，"
     "建设中药饮片产业园项目及康养中心项目；禾丰食品有限公司投资9000万元建设中央厨房项目。",
     {"青禾冷链物流园": 800000000, "中药饮片产业园项目": 300000000, "康养中心项目": 100000000, "中央厨房项目": 90000000}),
    # as many amounts as projects, or none is placed this way
    ("平阳县举行签约仪式。青禾冷链物流园项目、中药饮片生产线项目及中央厨房项目同日签约，投资额分别为6亿元和3亿元。", {}),
])
def test_amounts_written_respectively_go_to_the_projects_in_order(text, totals):
    rec = extract_text(text)
    got = {e["name"]: e.get("total_investment_cny") for e in rec["entities"] if e["type"] == "Project"}
    assert {k: v for k, v in got.items() if v} == totals


@pytest.mark.parametrize("text, hosts, not_hosts", [
    ("岳阳市举行签约仪式。青禾物流有限公司投资6亿元的青禾冷链物流园项目、泰和医药有限公司投资3亿元的中药饮片生产线项目及"
     "禾丰食品有限公司投资9000万元的中央厨房项目，分别落户汨罗市新市镇、临湘市和华容县。",
     {("新市镇", "青禾冷链物流园项目"), ("临湘市", "中药饮片生产线项目"), ("华容县", "中央厨房项目")},
     {("新市镇", "中药饮片生产线项目"), ("新市镇", "中央厨房项目"), ("临湘市", "中央厨房项目")}),
    ("桐庐县今年签约的青禾冷链物流园项目和中药饮片生产线项目分别位于富春江镇和横村镇。",
     {("富春江镇", "青禾冷链物流园项目"), ("横村镇", "中药饮片生产线项目")},
     {("富春江镇", "中药饮片生产线项目"), ("横村镇", "青禾冷链物流园项目")}),
])
def test_places_written_respectively_host_the_projects_in_order(text, hosts, not_hosts):
    got = rels(extract_text(text), "HOSTS")
    assert hosts <= got and not (not_hosts & got)
