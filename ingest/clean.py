"""Boilerplate removal and script normalisation.

Bylines, editor lines and classified-ad blocks go before extraction, so the
people named in them never become entities.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

# Whole lines that are page furniture, not article text.
BOILERPLATE_LINE = re.compile(
    r"^\s*(?:[(（【\[]?\s*)?(?:本报记者|本报通讯员|记者|通讯员|实习生|见习记者|特约记者|融媒体记者|"
    r"责编|责任编辑|编辑|审核|审校|校对|终审|初审|复审|一审|二审|三审|监制|制作|策划|统筹|摄影|摄像|图片|图|文|"
    r"来源|稿源|作者|出品|供稿|转载|原标题|点击|扫码|听新闻|分享到|字号|打印|关闭窗口)"
    r"(?:\s*[|｜:：/]|\s+|$).{0,60}$")
INLINE_BYLINE = re.compile(
    r"[(（【\[]\s*(?:本报)?(?:记者|通讯员|实习生|融媒体记者|见习记者)[^)）】\]]{0,40}[)）】\]]"
    r"|本报讯|(?:本报|据)?(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3})*\s*(?:报道|摄|讯)")
FURNITURE = re.compile(
    r"^\s*(?:[\w\-.]+\.(?:jpg|jpeg|png|gif|webp)|[(（]?资料图片?[^)）]{0,12}[)）]?|\d{1,2}|"
    r"\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:来源[:：]\s*\S+)?\s*)\s*$", re.I)
# Sina's link markers after a name it links to Weibo (阿坝(微博)州, 中国电信(微博)): not the text
WEIBO_MARK = re.compile(r"[(（]微博[)）]")
AD_LINE = re.compile(r"(声明作废|遗失声明|挂失|作废声明|注销公告|减资公告|清算公告|寻人启事|招聘启事|分类广告|联系电话[:：]?\s*\d)")


@lru_cache(maxsize=4096)
def _folded(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII (NFKC, one character for one, so an
    offset into the folded text is an offset into the text as written)."""
    table = {ord(c): f for c in set(text) if ord(c) > 127 and (f := _folded(c)) != c}
    return text.translate(table) if table else text


def strip_boilerplate(text: str) -> str:
    """Drop byline/editor/furniture lines and classified-ad blocks; what is kept stays as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    lines = text.split("\n")
    ad_run = 0
    for i, line in enumerate(lines):
        s = fold_width(line).strip()
        if not s:
            out.append("")
            continue
        if AD_LINE.search(s):
            ad_run = 3  # an ad block: this line and short neighbours after it
            continue
        if ad_run and len(s) < 60:
            ad_run -= 1
            continue
        ad_run = 0
        if len(s) <= 80 and BOILERPLATE_LINE.match(s):
            continue
        if FURNITURE.match(s):
            continue
        out.append(INLINE_BYLINE.sub("", line))
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(out))
    return cleaned.strip()


def strip_markers(text: str) -> str:
    """Drop the site's link markers inside sentences. Run after the article key is taken, so
    an article loaded before keeps its key."""
    return WEIBO_MARK.sub("", text)


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError as e:  # pragma: no cover - listed in requirements.txt
        raise RuntimeError("opencc is missing: pip install opencc-python-reimplemented") from e
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset:
    """Characters whose Simplified form differs (from opencc's own table)."""
    conv = _t2s()
    table = getattr(conv, "_dict_init_done", None)  # noqa: F841 - opencc loads lazily
    sample = "國會們發這說為時來對開區華經濟發與業產進車將實學應現點問題還種軍長過關當樣變體麼後從義務錢鐵"
    return frozenset(c for c in sample if conv.convert(c) != c)


def is_traditional(text: str) -> bool:
    trad = _traditional_chars()
    sample = text[:3000]
    hits = sum(c in trad for c in sample)
    return hits >= 3 and hits / max(1, len(sample)) > 0.002


def to_simplified(text: str) -> str:
    """Simplified text of the same length (char by char), so offsets stay valid."""
    if not is_traditional(text):
        return text
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(s := conv.convert(c)) != 1 else s for c in text)


def article_key(text: str) -> str:
    """Stable key: sha1 of the text with white space and punctuation width folded."""
    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return "article:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
