"""Money amounts: Chinese and Arabic numerals with their units and currencies."""
from __future__ import annotations

from ingest import lexicon as lx
from ingest.analysis import Analysis


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> float | None:
    """一百五十 -> 150, 三点五 -> 3.5; None when it is not a number."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_number(whole) if whole else 0
        if w is None or not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (cur or 1) * _CN_UNITS[c]
            cur = 0
        else:
            return None
    return float(total + cur)


def parse_amount(text: str) -> dict | None:
    """'1.6亿元' -> {'amount_cny': 160000000, 'amount_text': '1.6亿元'}; other currencies keep text only."""
    m = lx.AMOUNT.fullmatch(text.strip())
    if not m:
        return None
    return _amount(m)


def _amount(m) -> dict | None:
    num = m.group("num")
    if num[0].isdigit():
        value = float(num.replace(",", ""))
    else:
        value = cn_number(num)
        if value is None:
            return None
    value *= lx.UNIT[m.group("unit")]
    out = {"amount_text": m.group(0), "currency": "CNY" if m.group("cur") in ("元", "元人民币", "人民币") else m.group("cur")}
    if out["currency"] == "CNY":
        out["amount_cny"] = int(round(value)) if abs(value - round(value)) < 1e-6 else value
    return out


def find_amounts(a: Analysis) -> None:
    for m in lx.AMOUNT.finditer(a.text):
        amt = _amount(m)
        if amt:
            amt.update(start=m.start(), end=m.end())
            a.amounts.append(amt)
