"""A tiny hand-written corpus in the extraction-record format (docs/CONTRACTS.md).

The sentences are written for these tests (not copied from any article); the
facts mirror the seed articles so the same assertions hold on both."""
from __future__ import annotations

import hashlib

JIANGSU, XUZHOU = "place:江苏省", "place:江苏省/徐州市"
SUINING, QINGAN = "place:江苏省/徐州市/睢宁县", "place:江苏省/徐州市/睢宁县/庆安镇"
SONG, WANG = "official:宋乐伟@徐州市", "official:王剑锋@徐州市"
BSITUO = "company:昆山佰斯拓机械设备有限公司"
FAN = "project:佰斯拓工业风机研发制造项目"

MEETING = ("徐州召开全市高质量发展大会。徐州市委书记宋乐伟在大会上讲话。"
           "市委副书记、市长王剑锋主持大会。")
SIGNING = ("睢宁县庆安镇迎来一个新项目。昆山佰斯拓机械设备有限公司将在庆安镇投资建设"
           "佰斯拓工业风机研发制造项目,总投资1.6亿元。")


def _record(name, title, date, text, entities, relations):
    spans = []
    for e in entities:
        for form in [e["name"], *e.get("aliases", [])]:
            start = text.find(form)
            while start >= 0:
                spans.append({"start": start, "end": start + len(form), "label": e["type"], "key": e["key"]})
                start = text.find(form, start + len(form))
    # Longest span wins where forms overlap (徐州 inside 徐州市).
    spans.sort(key=lambda s: (s["start"], -(s["end"] - s["start"])))
    kept, end = [], -1
    for s in spans:
        if s["start"] >= end:
            kept.append(s)
            end = s["end"]
    for e in entities:
        e.setdefault("aliases", [])
        e["mentions"] = sum(1 for s in kept if s["key"] == e["key"]) or 1
    for r in relations:
        r.setdefault("date", date)
    return {"article": name, "key": "article:" + hashlib.sha1(text.encode()).hexdigest()[:16],
            "title": title, "date": date, "source": f"/tests/{name}", "text": text, "spans": kept,
            "publisher": "徐州日报", "url": f"https://www.xz.gov.cn/news/{name.split('.')[0]}.html",
            "entities": entities, "relations": relations}


def _place(key, name, level, aliases=()):
    return {"type": "Place", "key": key, "name": name, "level": level, "aliases": list(aliases)}


def _part_of(child, parent, names):
    return {"type": "PART_OF", "head": names[child], "tail": names[parent], "head_key": child,
            "tail_key": parent, "evidence": "gazetteer"}


NAMES = {JIANGSU: "江苏省", XUZHOU: "徐州市", SUINING: "睢宁县", QINGAN: "庆安镇"}


def records() -> list[dict]:
    meeting = _record(
        "meeting.txt", "徐州召开高质量发展大会", "2023-01-30", MEETING,
        [_place(XUZHOU, "徐州市", "prefecture", ["徐州"]),
         {"type": "Official", "key": SONG, "name": "宋乐伟"},
         {"type": "Official", "key": WANG, "name": "王剑锋"}],
        [{"type": "LEADS", "head": "宋乐伟", "tail": "徐州市", "head_key": SONG, "tail_key": XUZHOU,
          "title": "市委书记", "evidence": "徐州市委书记宋乐伟在大会上讲话。"},
         {"type": "LEADS", "head": "王剑锋", "tail": "徐州市", "head_key": WANG, "tail_key": XUZHOU,
          "title": "市委副书记、市长", "evidence": "市委副书记、市长王剑锋主持大会。"}])
    signing = _record(
        "signing.txt", "庆安镇签约工业风机项目", "2023-01-26", SIGNING,
        [_place(JIANGSU, "江苏省", "province"), _place(XUZHOU, "徐州市", "prefecture", ["徐州"]),
         _place(SUINING, "睢宁县", "county", ["睢宁"]), _place(QINGAN, "庆安镇", "township"),
         {"type": "Company", "key": BSITUO, "name": "昆山佰斯拓机械设备有限公司"},
         {"type": "Project", "key": FAN, "name": "佰斯拓工业风机研发制造项目",
          "total_investment_cny": 160000000, "total_investment_text": "1.6亿元"}],
        [{"type": "INVESTS_IN", "head": "昆山佰斯拓机械设备有限公司", "tail": "佰斯拓工业风机研发制造项目",
          "head_key": BSITUO, "tail_key": FAN, "amount_cny": 160000000, "amount_text": "1.6亿元",
          "evidence": "昆山佰斯拓机械设备有限公司将在庆安镇投资建设佰斯拓工业风机研发制造项目,总投资1.6亿元。"},
         {"type": "HOSTS", "head": "庆安镇", "tail": "佰斯拓工业风机研发制造项目", "head_key": QINGAN,
          "tail_key": FAN,
          "evidence": "昆山佰斯拓机械设备有限公司将在庆安镇投资建设佰斯拓工业风机研发制造项目,总投资1.6亿元。"},
         _part_of(QINGAN, SUINING, NAMES), _part_of(SUINING, XUZHOU, NAMES), _part_of(XUZHOU, JIANGSU, NAMES)])
    return [meeting, signing]
