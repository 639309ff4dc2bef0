"""Read articles from files: plain text, HTML, Markdown, JSON lines, folders.

Every problem becomes a ReadError whose message names the file and says
what is wrong, so one bad file never stops a batch.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ingest.sources import publisher_in_text

MAX_BYTES = int(os.environ.get("GOVKG_MAX_MB", "20")) * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".xhtml", ".md", ".markdown", ".jsonl", ".ndjson", ".json"}
BINARY_MAGIC = {b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip archive", b"%PDF": "a PDF document",
                b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
                b"\x7fELF": "an executable", b"\xd0\xcf\x11\xe0": "an Office document"}


class ReadError(Exception):
    """A file that cannot be read as an article; str() names file and reason."""


@dataclass
class Article:
    name: str          # file name, or "<file>#<id>" for a JSON-lines record
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    format: str = "text"
    publisher: str | None = None   # who to credit (ingest/sources.py)
    url: str | None = None


# ---- encodings ----------------------------------------------------------------------
def decode(data: bytes, name: str) -> str:
    """UTF-8, else GB18030 or Big5, whichever reads as more ordinary Chinese."""
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ReadError(f"{name}: binary file ({what}), not an article")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(f"{name}: broken UTF-16 text (starts with a byte-order mark)") from None
    if b"\x00" in data[:4096]:
        raise ReadError(f"{name}: binary file (contains NUL bytes), not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    best, best_score = None, -1.0
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _chinese_score(text)
        if score > best_score:
            best, best_score = text, score
    if best is not None and best_score > 0.5:
        return best
    # mostly UTF-8 with a few broken bytes: keep the text, mark the damage
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(3, len(text) // 200):
        return text
    raise ReadError(f"{name}: unknown text encoding (not UTF-8, GB18030/GBK or Big5: {utf8_error.reason} "
                    f"at byte {utf8_error.start})")


_COMMON = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
              "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
              "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道"
              "命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长"
              "求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色"
              "光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教"
              "速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记"
              "需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史"
              "感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育"
              "厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")


def _chinese_score(text: str) -> float:
    sample = text[:4000]
    han = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(c in _COMMON for c in han) / len(han) * 2 + 0.0


# ---- formats --------------------------------------------------------------------------
def html_to_article(raw: str, name: str, source: str | None) -> Article:
    from ingest.sources import read_page
    page = read_page(raw)
    return Article(name, page.text, page.title, page.date, source, "html", page.publisher, page.url)


def markdown_to_text(raw: str) -> tuple[str, str | None]:
    title = None
    lines = []
    for line in raw.splitlines():
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*)$", line)
        if m:
            line = m.group(1)
            title = title or line.strip()
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)            # images
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)        # links keep their text
        line = re.sub(r"(\*\*|__|\*|_|`)", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.|>)\s+", "", line)
        lines.append(line)
    return "\n".join(lines).strip(), title


DATE = re.compile(r"(20\d{2}|19\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")


def normalise_date(s: str | None) -> str | None:
    if not s:
        return None
    m = DATE.search(str(s))
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def date_in_text(text: str) -> str | None:
    """A full date near the top of the article (its dateline)."""
    return normalise_date(text[:400])


# ---- files and folders -------------------------------------------------------------------
def read_file(path: str | Path) -> list[Article]:
    """All articles in one file; raises ReadError for the whole file."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror or e})") from None
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        raise ReadError(f"{path}: JSON-lines files are read line by line (use iter_articles)")
    if size == 0:
        raise ReadError(f"{path}: empty file")
    if size > MAX_BYTES:
        raise ReadError(f"{path}: {size / 1048576:.1f} MB is over the {MAX_BYTES // 1048576} MB limit for one "
                        f"article (split it, or raise GOVKG_MAX_MB)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror or e})") from None
    raw = decode(data, str(path))
    if not raw.strip():
        raise ReadError(f"{path}: no text (only white space)")
    if suffix in (".htm", ".html", ".xhtml") or (suffix not in (".md", ".markdown") and
                                                  re.match(r"\s*(<!doctype html|<html)", raw[:200], re.I)):
        art = html_to_article(raw, name, str(path))
    elif suffix in (".md", ".markdown"):
        text, title = markdown_to_text(raw)
        art = Article(name, text, title, None, str(path), "markdown", publisher_in_text(text))
    elif suffix == ".json":
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            raise ReadError(f"{path}: not JSON ({e.msg} at line {e.lineno})") from None
        objs = obj if isinstance(obj, list) else [obj]
        return [_json_article(o, f"{name}#{i + 1}", str(path)) for i, o in enumerate(objs)]
    else:
        art = Article(name, raw.strip(), None, None, str(path), "text", publisher_in_text(raw))
    if not art.text.strip():
        raise ReadError(f"{path}: no article text left after removing markup")
    return [art]


def _json_article(obj, name: str, source: str) -> Article:
    if not isinstance(obj, dict):
        raise ReadError(f"{name}: expected an object with a \"text\" field")
    text = obj.get("text") or obj.get("content") or obj.get("body")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"{name}: no \"text\" field")
    ident = obj.get("id")
    if ident not in (None, ""):
        name = f"{name.split('#')[0]}#{ident}"
    url = obj.get("url") if isinstance(obj.get("url"), str) and obj["url"].strip() else None
    publisher = obj.get("publisher") if isinstance(obj.get("publisher"), str) else None
    return Article(name, text, obj.get("title") or None, normalise_date(obj.get("date")), source, "json",
                   publisher or publisher_in_text(text), url)


def iter_jsonl(path: Path) -> Iterator[tuple[str, Article | None, str | None]]:
    try:
        f = open(path, "rb")
    except OSError as e:
        yield path.name, None, f"{path}: cannot read ({e.strerror or e})"
        return
    with f:
        for n, line in enumerate(f, 1):
            label = f"{path.name}:{n}"
            if not line.strip():
                continue
            if len(line) > MAX_BYTES:
                yield label, None, f"{path}:{n}: line is over the {MAX_BYTES // 1048576} MB limit"
                continue
            try:
                obj = json.loads(decode(line, f"{path}:{n}"))
                yield label, _json_article(obj, f"{path.name}#{n}", str(path)), None
            except ReadError as e:
                yield label, None, f"{path}:{n}: {str(e).split(': ', 1)[-1]}"
            except json.JSONDecodeError as e:
                yield label, None, f"{path}:{n}: not JSON ({e.msg})"


def iter_articles(paths) -> Iterator[tuple[str, Article | None, str | None]]:
    """(name, article, None) or (name, None, reason) for files, folders and JSON lines."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            yield from iter_articles(files)
            continue
        if not p.exists():
            yield p.name, None, f"{p}: no such file or folder"
            continue
        if p.suffix.lower() in (".jsonl", ".ndjson"):
            yield from iter_jsonl(p)
            continue
        try:
            for art in read_file(p):
                yield art.name, art, None
        except ReadError as e:
            yield p.name, None, str(e)
