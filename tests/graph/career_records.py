"""Hand-written multi-article records of officials' posts (sentences written for
these tests): 李明远 is 睢宁县's 县委书记 in two articles, then 徐州市's 副市长 in a
third; 睢宁县's 县委书记 is later 赵文杰 (before: 县委副书记、县长), then 陈思源."""
from __future__ import annotations

import hashlib

XUZHOU, SUINING = "place:江苏省/徐州市", "place:江苏省/徐州市/睢宁县"
LI, ZHAO, CHEN = "official:李明远@徐州市", "official:赵文杰@徐州市", "official:陈思源@徐州市"
NAMES = {XUZHOU: "徐州市", SUINING: "睢宁县", LI: "李明远", ZHAO: "赵文杰", CHEN: "陈思源"}

# (date, text, [(official, place, title as written, evidence)])
ARTICLES = [
    ("2019-03-02", "睢宁县委书记李明远到乡村调研秸秆综合利用。县委副书记、县长赵文杰陪同。",
     [(LI, SUINING, "县委书记", "睢宁县委书记李明远到乡村调研秸秆综合利用。"),
      (ZHAO, SUINING, "县委副书记、县长", "县委副书记、县长赵文杰陪同。")]),
    ("2020-06-15", "睢宁县召开防汛工作会议，书记李明远要求各镇压实责任。",
     [(LI, SUINING, "书记", "睢宁县召开防汛工作会议，书记李明远要求各镇压实责任。")]),
    ("2021-09-10", "徐州市副市长李明远出席物流园区开园仪式。",
     [(LI, XUZHOU, "副市长", "徐州市副市长李明远出席物流园区开园仪式。")]),
    ("2021-11-20", "睢宁县委书记赵文杰会见来访的客商代表。",
     [(ZHAO, SUINING, "睢宁县委书记", "睢宁县委书记赵文杰会见来访的客商代表。")]),
    ("2022-05-01", "在睢宁县的劳动节座谈会上，县委书记陈思源向一线职工致以问候。",
     [(CHEN, SUINING, "县委书记", "在睢宁县的劳动节座谈会上，县委书记陈思源向一线职工致以问候。")]),
]


def record(date: str, text: str, leads: list[tuple]) -> dict:
    keys = {k for o, p, _, _ in leads for k in (o, p)}
    ents = [{"type": "Official" if k.startswith("official:") else "Place", "key": k, "name": NAMES[k]}
            for k in sorted(keys)]
    for e in ents:
        if e["type"] == "Place":
            e["level"] = "county" if e["key"] == SUINING else "prefecture"
    rels = [{"type": "LEADS", "head": NAMES[o], "tail": NAMES[p], "head_key": o, "tail_key": p,
             "title": title, "evidence": ev} for o, p, title, ev in leads]
    return {"article": f"career-{date}", "key": "article:" + hashlib.sha1(text.encode()).hexdigest()[:16],
            "title": text[:12], "date": date, "source": f"/tests/career-{date}.txt", "text": text,
            "entities": ents, "relations": rels}


def records() -> list[dict]:
    return [record(*a) for a in ARTICLES]
