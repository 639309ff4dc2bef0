"""Readers: formats, encodings, and bad input that names the file."""
import json

import pytest

from ingest import readers
from ingest.extract import iter_extract

ARTICLE = "2024年3月12日,苏州市吴江区举行签约仪式。吴江区委书记顾海清出席。"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk"])
def test_encodings_simplified(tmp_path, encoding):
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    assert readers.read_file(p)[0].text == ARTICLE


def test_big5_traditional(tmp_path):
    text = "蘇州市吳江區舉行簽約儀式,吳江區委書記顧海清出席。"
    p = tmp_path / "b.txt"
    p.write_bytes(text.encode("big5"))
    assert readers.read_file(p)[0].text == text


def test_html_strips_scripts_and_navigation(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<html><head><title>标题</title><script>var x='记者 李四';</script></head>"
                 "<body><nav>首页 新闻</nav><p>" + ARTICLE + "</p><footer>版权</footer></body></html>")
    art = readers.read_file(p)[0]
    assert art.title == "标题" and "李四" not in art.text and "首页" not in art.text and "顾海清" in art.text


def test_markdown(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 吴江签约\n\n**" + ARTICLE + "** [链接](http://x)\n")
    art = readers.read_file(p)[0]
    assert art.title == "吴江签约" and "**" not in art.text and "链接" in art.text


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary file"),
    ("archive.txt", b"PK\x03\x04" + b"\x00" * 64, "binary file"),
    ("noise.txt", bytes(range(128, 256)) * 40, "unknown text encoding"),
])
def test_bad_files_name_the_file_and_the_problem(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(readers.ReadError) as err:
        readers.read_file(p)
    assert str(p) in str(err.value) and reason in str(err.value)


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1024)
    p = tmp_path / "big.txt"
    p.write_text(ARTICLE * 100)
    with pytest.raises(readers.ReadError, match="over the"):
        readers.read_file(p)


def test_batch_goes_on_past_bad_input(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    lines = [json.dumps({"id": "1", "title": "t", "date": "2024-03-12", "text": ARTICLE}), "{not json",
             json.dumps({"id": "3", "text": ""})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    results = list(iter_extract([tmp_path]))
    ok = [r for _, r, e in results if r]
    bad = [e for _, r, e in results if e]
    assert len(ok) == 2 and ok[0]["date"] == "2024-03-12"
    assert any("empty.txt: empty file" in e for e in bad)
    assert any("feed.jsonl:2: not JSON" in e for e in bad)
    assert any("feed.jsonl:3" in e and "text" in e for e in bad)


# ---- citable sources: saved pages of Chinese government and news sites (tests/ingest/html/) ----
HTML_DIR = __import__("pathlib").Path(__file__).parent / "html"
EXPECTED = json.loads((HTML_DIR / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_html_page_main_text_and_citation(page):
    want = EXPECTED[page]
    art = readers.read_file(HTML_DIR / page)[0]
    assert (art.title, art.date, art.publisher, art.url) == \
        (want["title"], want["date"], want["publisher"], want["url"])
    assert all(s in art.text for s in want["body"])
    assert [s for s in want["boilerplate"] if s in art.text] == []  # menus, related links, footers left out


@pytest.mark.parametrize("text, publisher", [
    ("2023-01-31 09:45:00  来源:徐州日报  \n正文。", "徐州日报"),
    ("正文第一段。\n正文第二段。\n来源：徐州发布", "徐州发布"),
    ("新华社南京1月30日电（记者 王某）江苏省工信厅30日介绍……", "新华社"),
    ("徐州日报讯（记者 李某）3月7日，邳州……", "徐州日报"),
    ("本报讯（记者 李某）3月7日，邳州……", None),          # a bare 本报讯 names no one
    ("项目资金来源：省级专项资金。", None),                   # not a source line
])
def test_publisher_in_text(tmp_path, text, publisher):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    assert readers.read_file(p)[0].publisher == publisher


def test_jsonl_url_and_publisher_reach_the_record(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text(json.dumps({"id": "x1", "title": "签约", "date": "2024-03-12", "url": "https://example.gov.cn/a.html",
                             "text": "新华社苏州3月12日电 " + ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    (name, rec, err), = list(iter_extract([p]))
    assert err is None
    assert (rec["url"], rec["publisher"], rec["article"]) == ("https://example.gov.cn/a.html", "新华社", "feed.jsonl#x1")
