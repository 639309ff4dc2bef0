"""Where a project is by the article's layout: the place a section or paragraph is about, and the
scene a sentence sets (在某镇，…；…) for the clauses after its semicolons."""
from __future__ import annotations

import re

from ingest import gazetteer as gz
from ingest.analysis import Analysis, Mention


def level_specificity(level: str) -> int:
    """How specific a division of that level is; a zone, ranked with counties, one step more."""
    return gz.LEVEL_RANK[level] * 2 + (1 if level == "zone" else 0)


def specificity(g: gz.Gazetteer, m: Mention) -> int:
    """How specific a place mention is; one the gazetteer does not resolve ranks by its kind (village, zone)."""
    if m.place >= 0:
        return level_specificity(g.divisions[m.place].level)
    return {-3: 8, -4: 5, -2: 4}.get(m.place, 3)


TURN = re.compile(r"\s*(?:此外|另外|与此同时|[\u4e00-\u9fff]{2,6}方面)[，,]")


def section_place(a: Analysis, g: gz.Gazetteer, pos: int) -> Mention | None:
    """The place a section is about: a heading line that is just a place name,
    or the place that opens the paragraph (大庙街道党工委书记…)."""
    pi = a.para_of(pos)
    ps, pe = a.paras[pi]
    places = a.by_label("Place")
    opener = [m for m in places if ps <= m.start < ps + 2]
    # (在某镇，…。此外，…: a sentence that turns away leaves the scene its paragraph opened with)
    turned = a.text[ps:ps + 1] == "在" and TURN.match(a.text, a.sents[a.sent_of(pos)][0])
    if opener and specificity(g, opener[0]) >= 4 and not turned:
        return opener[0]
    for j in range(pi - 1, max(-1, pi - 8), -1):
        s, e = a.paras[j]
        line = a.text[s:e].strip()
        heads = [m for m in places if s <= m.start and m.end <= e]
        if heads and len(line) <= len(heads[0].text) + 2 and heads[0].start - s <= 1:
            return heads[0] if specificity(g, heads[0]) >= 4 else None
        if len(line) > 60:  # a body paragraph without a place opener ends the search
            opener = [m for m in places if s <= m.start < s + 2]
            if opener and a.text[s] == "在":
                return None  # 在某镇，…: where that paragraph's scene is, not a section over the next ones
            if opener:
                return opener[0] if specificity(g, opener[0]) >= 4 else None
    return None


def scene_place(a: Analysis, si: int) -> Mention | None:
    """The place a sentence opens with as its scene (在西彭镇，甲公司…；乙公司…) when sentence si goes on
    from it after semicolons and names no place of its own: the last of the chain (在九龙坡区西彭镇)."""
    k = si
    while k > 0 and a.text[a.sents[k][0] - 1:a.sents[k][0]] in ("；", ";") \
            and a.para_of(a.sents[k - 1][0]) == a.para_of(a.sents[k][0]):
        k -= 1
    s = a.sents[k][0]
    if k == si or not a.text[s:].lstrip().startswith("在"):
        return None
    pos = a.text.index("在", s) + 1
    starts = {m.start: m for m in a.by_label("Place")}
    place = None
    while pos in starts:
        place = starts[pos]
        pos = place.end
    return place if place is not None and a.text[pos:pos + 1] in ("，", ",") else None
