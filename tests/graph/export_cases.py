"""The hand-written extraction records and node/edge dicts the export tests share."""
from __future__ import annotations

import json
from collections import Counter

import pytest

A1, A2 = "article:00000000000000a1", "article:00000000000000a2"
XZ, SN = "place:江苏省/徐州市", "place:江苏省/徐州市/睢宁县"
PZ, PZKF = "place:江苏省/徐州市/邳州市", "place:江苏省/徐州市/邳州市/邳州经济开发区"
SLW, WM, LH = "official:宋乐伟@徐州市", "official:王明@徐州市", "official:李华@徐州市"
BST, XG = "company:昆山佰斯拓机械设备有限公司", "company:徐工集团"
P1, P2 = "project:佰斯拓工业风机研发制造项目", "project:智能装备产业园项目"
XYD = "org:徐州医科大学"

TEXT1 = ("徐州市委书记宋乐伟到睢宁县调研。昆山佰斯拓机械设备有限公司投资1.6亿元建设"
         "佰斯拓工业风机研发制造项目，项目落户睢宁县。徐州医科大学校长王明参加调研。")
TEXT2 = ("邳州市副市长李华与徐工集团签约。徐工集团投资3000万元建设智能装备产业园项目; "
         "项目位于邳州经济开发区。\n徐州市委书记宋乐伟出席签约仪式。")


def _rel(rtype, head, tail, evidence, date, **props):
    return {"type": rtype, "head": head.split(":", 1)[1].split("/")[-1].split("@")[0],
            "tail": tail.split(":", 1)[1].split("/")[-1].split("@")[0],
            "head_key": head, "tail_key": tail, "evidence": evidence, "date": date, **props}


# Two hand-written extraction records in the docs/CONTRACTS.md format.
RECORDS = [
    {"article": "a1.txt", "key": A1, "title": "宋乐伟到睢宁县调研", "date": "2025-04-05",
     "source": "/data/a1.txt", "text": TEXT1,
     "entities": [
         {"type": "Place", "key": XZ, "name": "徐州市", "aliases": ["徐州"], "level": "prefecture", "mentions": 2},
         {"type": "Place", "key": SN, "name": "睢宁县", "aliases": ["睢宁"], "level": "county", "mentions": 2},
         {"type": "Official", "key": SLW, "name": "宋乐伟", "aliases": [], "mentions": 1},
         {"type": "Official", "key": WM, "name": "王明", "aliases": [], "mentions": 1},
         {"type": "Organization", "key": XYD, "name": "徐州医科大学", "aliases": [], "mentions": 1},
         {"type": "Company", "key": BST, "name": "昆山佰斯拓机械设备有限公司", "aliases": [], "mentions": 1},
         {"type": "Project", "key": P1, "name": "佰斯拓工业风机研发制造项目", "aliases": [], "mentions": 1,
          "total_investment_cny": 160000000, "total_investment_text": "1.6亿元"}],
     "relations": [
         _rel("LEADS", SLW, XZ, "徐州市委书记宋乐伟到睢宁县调研。", "2025-04-05", title="市委书记"),
         _rel("LEADS", WM, XYD, "徐州医科大学校长王明参加调研。", "2025-04-05", title="校长"),
         _rel("INVESTS_IN", BST, P1, "昆山佰斯拓机械设备有限公司投资1.6亿元建设佰斯拓工业风机研发制造项目",
              "2025-04-05", amount_cny=160000000, amount_text="1.6亿元"),
         _rel("HOSTS", SN, P1, "项目落户睢宁县。", "2025-04-05"),
         _rel("PART_OF", SN, XZ, "gazetteer", "2025-04-05")]},
    {"article": "a2.txt", "key": A2, "title": "邳州与徐工集团签约", "date": "2025-05-10",
     "source": "/data/a2.txt", "text": TEXT2,
     "entities": [
         {"type": "Place", "key": XZ, "name": "徐州市", "aliases": [], "level": "prefecture", "mentions": 1},
         {"type": "Place", "key": PZ, "name": "邳州市", "aliases": ["邳州"], "level": "county", "mentions": 2},
         {"type": "Place", "key": PZKF, "name": "邳州经济开发区", "aliases": [], "level": "zone", "mentions": 1},
         {"type": "Official", "key": SLW, "name": "宋乐伟", "aliases": [], "mentions": 1},
         {"type": "Official", "key": LH, "name": "李华", "aliases": [], "mentions": 1},
         {"type": "Company", "key": XG, "name": "徐工集团", "aliases": ["徐工"], "mentions": 2},
         {"type": "Project", "key": P2, "name": "智能装备产业园项目", "aliases": [], "mentions": 2,
          "total_investment_cny": 30000000, "total_investment_text": "3000万元",
          "stages": [{"stage": "signed", "date": "2025-05-10", "evidence": "邳州市副市长李华与徐工集团签约。"}]}],
     "relations": [
         _rel("LEADS", LH, PZ, "邳州市副市长李华与徐工集团签约。", "2025-05-10", title="副市长"),
         _rel("LEADS", SLW, XZ, "徐州市委书记宋乐伟出席签约仪式。", "2025-05-10", title="市委书记"),
         _rel("INVESTS_IN", XG, P2, "徐工集团投资3000万元建设智能装备产业园项目; 项目位于邳州经济开发区。",
              "2025-05-10", amount_cny=30000000, amount_text="3000万元"),
         _rel("HOSTS", PZKF, P2, "项目位于邳州经济开发区。", "2025-05-10"),
         _rel("PART_OF", PZKF, PZ, "gazetteer", "2025-05-10"),
         _rel("PART_OF", PZ, XZ, "gazetteer", "2025-05-10")]},
]
N_NODES = 14   # 12 distinct entities + 2 articles
N_EDGES = 10 + 14  # distinct (type, head, tail) relations + MENTIONS (one per entity per article)


@pytest.fixture
def store(any_store):
    """A store (embedded, then Neo4j) holding RECORDS; import it into a test module to use it."""
    any_store.load(RECORDS)
    return any_store


def expected(store) -> tuple[Counter, Counter]:
    c = store.counts()
    return (Counter({k: v for k, v in c["nodes"].items() if v}),
            Counter({k: v for k, v in c["relationships"].items() if v}))


def uncertain() -> list[dict]:
    """RECORDS with confidences: two items below 0.5, the rest at or above it (or none: 1.0)."""
    recs = json.loads(json.dumps(RECORDS))
    recs[0]["relations"][0]["confidence"] = 0.9   # LEADS 宋乐伟 → 徐州市 (a2 gives 0.6)
    recs[1]["relations"][1]["confidence"] = 0.6
    recs[0]["relations"][1]["confidence"] = 0.2   # LEADS 王明 → 徐州医科大学: below
    recs[1]["entities"][2]["confidence"] = 0.3    # 邳州经济开发区: below, and its 3 edges with it
    return recs


AWKWARD_NODES = [
    {"key": "project:甲<乙>&\"丙\"", "label": "Project", "name": "甲<乙>&\"丙\"项目", "aliases": ["a;b", "c,d"],
     "first_seen": None, "last_seen": "2025-01-02", "mention_count": 1, "total_investment_cny": None,
     "total_investment_text": None},
    {"key": "company:丁公司", "name": "丁公司", "aliases": [], "mention_count": 3},  # label from the key
    {"key": "article:ffffffffffffffff", "label": "Article", "name": "控制\x01字符", "date": None,
     "source": None, "text": "第一行\n第二行\x0b"},
]
AWKWARD_EDGES = [
    {"type": "INVESTS_IN", "source": "company:丁公司", "target": "project:甲<乙>&\"丙\"",
     "articles": ["article:ffffffffffffffff"], "evidence": ["投资5亿美元; 建设"], "dates": [None],
     "title": None, "amount_cny": None, "amount_text": "5亿美元", "value_article": None},
    {"type": "MENTIONS", "source": "article:ffffffffffffffff", "target": "company:丁公司", "count": 2},
    {"type": "MENTIONS", "source": "article:ffffffffffffffff", "target": "place:不在导出里", "count": 1},
]

