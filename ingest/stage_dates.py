"""Dates in a stage sentence (2019年3月15日, 3月15日, 2019年底, 去年, 昨天) and their resolution
against the article's date, to ISO text of the precision the sentence gives (2019, 2019-12, 2019-03-15)."""
from __future__ import annotations

import re
from datetime import date as Date, timedelta

_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
NUM = r"[\d〇零一二三四五六七八九十]"
DATE = re.compile(
    rf"(?:(?P<year>(?:19|20)\d\d|[一二〇零][〇零一二三四五六七八九]{{3}})年|(?P<rel>今年|本年|去年|上年|前年|明年))?"
    rf"(?:(?P<month>{NUM}{{1,3}}) ?月(?:份)?(?:(?P<day>{NUM}{{1,3}}) ?[日号])?"
    r"|(?P<part>底|末|初|中|上半年|下半年))?"
    r"|(?P<near>昨天|昨日|前天|今天|今日|日前|近日|目前|当天|当日|上月|本月|此前)")


def _num(s: str) -> int | None:
    """Arabic or Chinese numerals (3, 三, 十五, 二十三, 二〇一一)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    if all(c in _CN for c in s):
        return int("".join(str(_CN[c]) for c in s))
    return None


def find_dates(text: str, start: int, end: int) -> list[tuple[int, int, dict]]:
    """(start, end, parts) of each date expression in text[start:end]."""
    out = []
    for m in DATE.finditer(text, start, end):
        if m.end() == m.start():
            continue
        parts = {k: v for k, v in m.groupdict().items() if v}
        if parts.keys() <= {"rel"} and parts.get("rel") is None:
            continue
        if set(parts) == {"part"}:  # 底 alone is no date; 年底 is (below)
            continue
        out.append((m.start(), m.end(), parts))
    # 年底 / 年初 / 年中 without a year: this year
    for m in re.finditer(r"(?<![\d〇零一二三四五六七八九年今明去前上本])年(底|末|初|中)", text[start:end]):
        out.append((start + m.start(), start + m.end(), {"rel": "今年", "part": m.group(1)}))
    return sorted(out, key=lambda d: d[0])


def _parse(article_date: str | None) -> Date | None:
    try:
        return Date.fromisoformat((article_date or "")[:10])
    except ValueError:
        return None


def resolve(parts: dict | None, article_date: str | None) -> str:
    """The ISO date a sentence's date expression names, read against the article's date;
    the article's own date when parts is None or cannot be read ("" when neither is known)."""
    art = _parse(article_date)
    fallback = art.isoformat() if art else (article_date or "")
    if not parts:
        return fallback
    near = parts.get("near")
    if near:
        if art is None:
            return fallback
        if near in ("昨天", "昨日"):
            return (art - timedelta(days=1)).isoformat()
        if near == "前天":
            return (art - timedelta(days=2)).isoformat()
        if near == "上月":
            y, mo = (art.year, art.month - 1) if art.month > 1 else (art.year - 1, 12)
            return f"{y:04d}-{mo:02d}"
        if near == "本月":
            return f"{art.year:04d}-{art.month:02d}"
        return art.isoformat()
    year = _num(parts["year"]) if parts.get("year") else None
    rel = parts.get("rel")
    if year is None and rel and art:
        year = art.year + {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}[rel]
    month = _num(parts["month"]) if parts.get("month") else None
    day = _num(parts["day"]) if parts.get("day") else None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return fallback
    part = parts.get("part")
    if part and year:
        month = {"底": 12, "末": 12, "初": 1, "中": 6}.get(part)
        return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    if year is None:
        if art is None or month is None and day is None:
            return fallback
        year = art.year
        if month is None:  # 15日: this month, or the last one when the day is still to come
            month = art.month
            if day > art.day:
                month, year = (month - 1, year) if month > 1 else (12, year - 1)
        # a reported event is past: 12月20日 read in a January article is last December's
        elif (month, day or 1) > (art.month, art.day) and (month - art.month) % 12 > 1:
            year -= 1
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def is_future(iso: str, article_date: str | None) -> bool:
    """Whether the period iso names (2015, 2011-05, 2011-05-03) starts after the article's date."""
    art = _parse(article_date)
    if art is None or not iso:
        return False
    start = (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]
    return start > art.isoformat()
