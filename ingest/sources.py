"""What a reporter needs to cite an article: its publisher, title, date and URL.

The publisher comes from the page's own metadata (ContentSource, og:site_name),
a news agency's dateline (新华社南京1月30日电), a 来源：… line, or a paper's
own 「…报讯」; HTML pages are read by trafilatura (main text, title, date,
site name, URL)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# 新华社南京1月30日电 / 中新网北京3月2日电: the agency wrote it, whoever republished it.
_AGENCY = re.compile(r"(新华社|中新社|中新网|人民网|央视网|中国日报网)[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日(?:专)?电")
# 来源：徐州日报 (at a line start or after white space or a date: not 资金来源：…).
_SOURCE = re.compile(r"(?:^|[\s\u3000|])(?:来源|稿源|信息来源)\s*[:：]\s*([\u4e00-\u9fffA-Za-z0-9·（）()]{2,24})",
                     re.M)
# 徐州日报讯 (a named paper's own report); a bare 本报讯 names no one.
_PAPER = re.compile(r"([\u4e00-\u9fff]{2,10}?(?:日报|晚报|晨报|商报|时报))讯")
_NOT_NAMES = {"本站", "本网", "网络", "互联网"}


def publisher_in_text(text: str) -> str | None:
    """The publisher a story's own text names, or None."""
    head = text[:600]
    for pattern in (_AGENCY, _PAPER):
        m = pattern.search(head)
        if m:
            return m.group(1)
    for m in _SOURCE.finditer(text):
        name = m.group(1).strip()
        if name not in _NOT_NAMES:
            return name
    return None


@dataclass
class Page:
    text: str
    title: str | None
    date: str | None
    publisher: str | None
    url: str | None


def _meta(raw: str, *names: str) -> str | None:
    """The content of the first <meta name|property=…> among names."""
    for name in names:
        m = re.search(r"<meta\b[^>]*?(?:name|property)\s*=\s*[\"']" + re.escape(name) +
                      r"[\"'][^>]*?content\s*=\s*[\"']([^\"']+)", raw, re.I) or \
            re.search(r"<meta\b[^>]*?content\s*=\s*[\"']([^\"']+)[\"'][^>]*?(?:name|property)\s*=\s*[\"']" +
                      re.escape(name) + r"[\"']", raw, re.I)
        if m and m.group(1).strip():
            return m.group(1).strip()
    return None


def read_page(raw: str) -> Page:
    """Main text and citation fields of an HTML page (trafilatura).

    Tables are left out of the text: county sites lay whole pages out in
    tables, and trafilatura then returns the body as one line with the
    page furniture glued to it."""
    import trafilatura
    from ingest.readers import normalise_date
    # Precision first (keeps navigation out of short pages); recall when that finds nothing
    # (a county page laid out in tables).
    for precise in (True, False):
        doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False,
                                          favor_precision=precise)
        if doc and (doc.text or "").strip():
            break
    text = (doc.text if doc else "") or ""
    title = _meta(raw, "ArticleTitle") or (doc.title if doc else None)
    date = normalise_date(_meta(raw, "PubDate")) or normalise_date(doc.date if doc else None)
    url = _meta(raw, "og:url") or (doc.url if doc else None)
    site = _meta(raw, "og:site_name", "SiteName")
    if not site and doc and doc.sitename and "." not in doc.sitename:  # a host name is no publisher
        site = doc.sitename
    publisher = _meta(raw, "ContentSource", "source") or publisher_in_text(text) or \
        publisher_in_text(trafilatura.html2txt(raw) or "") or site  # the whole page only when needed
    return Page(text, title, date, publisher, url)
