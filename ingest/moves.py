"""Official moves: one person named with posts in two prefectures, linked by a move cue.

Officials are keyed by name and prefecture (official:王立新@徐州市), so a namesake
elsewhere stays apart. A sentence that names one official, a move cue (调任, 原…任…,
现任 ...) and places in exactly two prefectures says the two keys are one person:
the official's entity gets `same_as` [{"key": the other prefecture's key, "cue",
"evidence": the sentence}], which graph/identity.py turns into a merge at load.
Conservative: a sentence naming two officials, or places in three prefectures, adds nothing.
"""
from __future__ import annotations

import re

CUES = re.compile(r"调任|(?<![上下回])调至|调往|调入|转任|改任|升任|出任|现任|履新|拟任|交流任")
SENTENCE = re.compile(r"[^。！？；!?;\n]+")


def _prefecture(place: dict) -> str | None:
    """The prefecture a place entity lies in, from its key (place:江苏省/苏州市/吴江区)."""
    path = place["key"].split(":", 1)[1].split("/")
    if place.get("level") == "prefecture":
        return path[-1]
    if place.get("level") in ("county", "township", "village", "zone") and len(path) >= 3:
        return path[1]
    return None


def _cue(sentence: str, pos: int) -> str | None:
    m = CUES.search(sentence)
    if m:
        return m.group(0)
    # 原睢宁县县委书记王立新任吴江区区委书记: 原 before the name, 任 after it
    if "原" in sentence[:pos] and re.search(r"(?<![主担责信兼继])任(?![务何期命])", sentence[pos:]):
        return "原…任"
    return None


def annotate(record: dict, text: str) -> dict:
    """Add `same_as` to the officials of record whose move text (simplified Chinese) states."""
    officials = [e for e in record.get("entities") or () if e["type"] == "Official" and "@" in e["key"]]
    if not officials:
        return record
    places = [(p, names) for p in record["entities"] if p["type"] == "Place" and p.get("mentions", 1) > 0
              and (pref := _prefecture(p)) for names in [[p["name"], *(p.get("aliases") or [])]]]
    for sm in SENTENCE.finditer(text):
        sent = sm.group(0)
        named = [o for o in officials if o["name"] in sent]
        if len({o["name"] for o in named}) != 1:
            continue
        prefs = {_prefecture(p) for p, names in places if any(n in sent for n in names)}
        if len(prefs) != 2:
            continue
        cue = _cue(sent, sent.index(named[0]["name"]))
        if cue is None:
            continue
        for o in named:
            own = o["key"].rsplit("@", 1)[1]
            if own not in prefs:
                continue
            (other,) = prefs - {own}
            key = f"official:{o['name']}@{other}"
            moves = o.setdefault("same_as", [])
            if all(mv["key"] != key for mv in moves):
                moves.append({"key": key, "cue": cue, "evidence": sent.strip()})
    return record
