"""Officials' careers, read from LEADS: every post (title × place or body) an official
held, with its first and last date and the articles that say so.

A LEADS relationship keeps one entry per supporting article (articles/evidence/
dates/titles, aligned). One article's title may name several posts (市委副书记、市长):
each is a post of its own. Titles are compared in a canonical form relative to the
place, so 县委书记, 睢宁县委书记 and 书记 (written with 睢宁县) are one post of 睢宁县.
An article that gave no title counts for the relationship's title (a store loaded
before `titles` existed has only that one).
"""
from __future__ import annotations

import re

# Between posts in one title: 市委副书记、市长; 县委常委，副县长; 市委常委兼秘书长.
_SPLIT = re.compile(r"[、，,；;]|兼")
# The last character of a division's name (睢宁县) and the party committee it has (县委).
_COMMITTEE = {c: c + "委" for c in "省市县区州旗盟"} | {"镇": "党委", "乡": "党委"}
_BARE = ("书记", "副书记", "常委")  # posts written without their committee when the place is named
_GOVERNMENT = "人民政府"  # 人民政府副省长 is the 副省长
UNDATED = "9999"  # sorts undated posts last


def canonical(title: str, place_name: str | None = None) -> str:
    """One post's title as compared: without the place's name, with its committee."""
    part = (title or "").strip()
    name = place_name or ""
    committee = _COMMITTEE.get(name[-1:]) if len(name) > 1 else None
    stem = name[:-1] if committee else name
    if len(stem) > 1 and part.startswith(stem) and len(part) > len(stem):
        part = part[len(stem):]          # 睢宁县委书记 -> 县委书记
    if committee and part.startswith(name[-1] + _GOVERNMENT):
        part = part[1:]                  # 省人民政府副省长 -> 人民政府副省长
    if part.startswith(_GOVERNMENT) and len(part) > len(_GOVERNMENT):
        part = part[len(_GOVERNMENT):]   # 人民政府副省长 -> 副省长
    if committee and part in _BARE:
        part = committee + part          # 书记 of 睢宁县 -> 县委书记
    return part


def post_titles(title: str | None, place_name: str | None = None) -> list[str]:
    """The posts one title names, canonical, in order (市委副书记、市长 -> two)."""
    out = []
    for part in _SPLIT.split(title or ""):
        c = canonical(part, place_name)
        if c and c not in out:
            out.append(c)
    return out


def _entries(edge: dict) -> list[tuple[str, str, str, str]]:
    """(article, date, evidence, title) per supporting article."""
    arts = edge.get("articles") or []
    dates, sents, titles = (list(edge.get(k) or []) + [""] * len(arts) for k in ("dates", "evidence", "titles"))
    return [(a, dates[i] or "", sents[i] or "", titles[i] or edge.get("title") or "") for i, a in enumerate(arts)]


def posts(leads: list[dict], officials: dict[str, dict], places: dict[str, dict]) -> list[dict]:
    """The posts LEADS edges tell of, one per official × place × canonical title,
    each with its first/last date and aligned articles, dates, evidence and titles
    (as written; `written` lists each wording once);
    ordered by first date (undated last)."""
    out: dict[tuple, dict] = {}
    for e in leads:
        place = places.get(e["target"]) or {"key": e["target"]}
        official = officials.get(e["source"]) or {"key": e["source"]}
        for art, date, sentence, title in _entries(e):
            for post in post_titles(title, place.get("name")) or [""]:
                k = (e["source"], e["target"], post)
                p = out.get(k)
                if p is None:
                    p = out[k] = {"official": e["source"], "official_name": official.get("name"),
                                  "place": e["target"], "place_name": place.get("name"),
                                  "place_label": place.get("label"), "title": post, "written": [],
                                  "first": None, "last": None, "articles": [], "dates": [], "evidence": [],
                                  "titles": [], "confidence": e.get("confidence")}
                if art in p["articles"]:
                    continue
                for f, v in (("articles", art), ("dates", date), ("evidence", sentence), ("titles", title)):
                    p[f].append(v)
                if date:
                    p["first"] = min(p["first"] or date, date)
                    p["last"] = max(p["last"] or date, date)
    for p in out.values():  # each post's evidence in time order, and its wordings
        order = sorted(range(len(p["articles"])), key=lambda i: (p["dates"][i] or UNDATED, p["articles"][i]))
        for f in ("articles", "dates", "evidence", "titles"):
            p[f] = [p[f][i] for i in order]
        p["written"] = list(dict.fromkeys(x for x in p["titles"] if x))
    return sorted(out.values(), key=lambda p: (p["first"] or UNDATED, p["last"] or UNDATED,
                                               p["place_name"] or p["place"], p["title"], p["official"]))


def _leads(store, key: str, min_confidence: float, outgoing: bool) -> tuple[list[dict], dict[str, dict]]:
    """The LEADS edges leaving (an official) or entering (a place) key, and their far
    nodes; the store's primitives (a BaseStore), as graph/tracer.py uses them."""
    leads = store._edges([key], ["LEADS"], "out" if outgoing else "in", min_confidence)
    return leads, store._nodes_by_keys({e["target"] if outgoing else e["source"] for e in leads})


def career(store, key: str, min_confidence: float = 0.0) -> list[dict]:
    """An official's posts in time order (see posts); [] for an unknown key."""
    node = store.node(key)
    if node is None:
        return []
    leads, others = _leads(store, key, min_confidence, outgoing=True)
    return posts(leads, {key: node}, others)


def posts_at(store, place: str, min_confidence: float = 0.0) -> list[dict]:
    """Every post of a place or body: {"title", "holders", "articles"}, the most held first."""
    node = store.node(place)
    if node is None:
        return []
    leads, others = _leads(store, place, min_confidence, outgoing=False)
    count: dict[str, list] = {}
    for p in posts(leads, others, {place: node}):
        c = count.setdefault(p["title"], [0, 0])
        c[0] += 1
        c[1] += len(p["articles"])
    return [{"title": t, "holders": h, "articles": a}
            for t, (h, a) in sorted(count.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))]


def post_holders(store, title: str, place: str, min_confidence: float = 0.0) -> list[dict]:
    """Who held one post (a title at a place or body, key) over time: the posts of
    every official whose canonical title matches, ordered by first date."""
    node = store.node(place)
    if node is None:
        return []
    want = set(post_titles(title, node.get("name")))
    leads, others = _leads(store, place, min_confidence, outgoing=False)
    return [p for p in posts(leads, others, {place: node}) if p["title"] in want]
