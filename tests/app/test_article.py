"""The article reader: the text with its evidence highlighted, the claims read from it,
and a citation for each."""
from __future__ import annotations

import hashlib

from tests.app.records import MEETING

KEY = "article:" + hashlib.sha1(MEETING.encode()).hexdigest()[:16]
SENTENCE = "徐州市委书记宋乐伟在大会上讲话。"


def check_article(at) -> None:
    """Shared by the embedded and Neo4j tests (both hold the hand-written corpus)."""
    assert at.header[0].value == "徐州召开高质量发展大会"
    assert any("徐州日报" in c.value and "2023-01-30" in c.value for c in at.caption)
    body = "".join(h.proto.body for h in at.html)
    assert f'<mark class="govkg-evidence">{SENTENCE}</mark>' in body
    assert body.count("<mark") == 2  # the two LEADS sentences; the opening sentence supports nothing
    claims = [m.value for m in at.markdown if "—LEADS→" in m.value]
    assert any("宋乐伟" in c and "市委书记" in c for c in claims), claims
    cite = next(b for b in at.button if b.key.startswith("cite_"))
    cite.click().run()
    cited = [c.value for c in at.code]
    assert any(c.startswith("「") and "」 — 徐州日报，《徐州召开高质量发展大会》，2023-01-30，"
               "https://www.xz.gov.cn/news/meeting.html" in c for c in cited), cited


def test_article_page_highlights_evidence_and_cites(open_app, handwritten_db):
    check_article(open_app(handwritten_db, "article", key=KEY))


def test_article_found_by_title_and_linked_from_details(open_app, handwritten_db):
    at = open_app(handwritten_db, "article")
    at.text_input(key="article_text").input("高质量发展").run()
    assert at.header[0].value == "徐州召开高质量发展大会"
    at = open_app(handwritten_db, "details", key="official:宋乐伟@徐州市")
    assert any(f"article?key={KEY.replace(':', '%3A')}" in c.value for c in at.caption)
