"""Bad input: each bad file is named with its reason, the rest of the batch
loads, and the exit status says whether anything was skipped."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from reliability_tools import run_cli

# Hand-written articles (not publisher text).
ARTICLE = ("2024年3月5日，江苏省徐州市委书记宋乐伟在睢宁县调研。昆山佰斯拓机械设备有限公司投资1.6亿元，"
           "在睢宁县建设佰斯拓工业风机研发制造项目。")
ARTICLE_4BYTE = ARTICLE + "项目所在村名为𠀀村。"   # a character only GB18030 (not GBK) encodes
BIG5_ARTICLE = "2024年3月5日，新北市市長侯友宜在板橋區視察，台灣積體電路製造股份有限公司投資新廠。"
NO_ENTITIES = "今天天气很好，我们去公园散步，然后吃了一碗面。"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", ARTICLE)
    return buf.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder mixing every kind of bad input with good ones, plus the
    paths given on the command line beside it.

    Returns (folder, extra paths, {bad path: reason words}, good article count)."""
    root = tmp_path_factory.mktemp("bad_input")
    d = root / "mixed"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text(" \n\t\n　\n", encoding="utf-8")
    (d / "picture.txt").write_bytes(PNG)                 # binary under a text name
    (d / "archive.txt").write_bytes(_zip())
    (d / "nul.txt").write_bytes(ARTICLE.encode("utf-8")[:30] + b"\x00\x01\x02" * 50)
    (d / "garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 64)
    (d / "gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (d / "gb18030.txt").write_bytes(ARTICLE_4BYTE.encode("gb18030"))
    (d / "big5.txt").write_bytes(BIG5_ARTICLE.encode("big5"))
    cut = ARTICLE.index("昆山")  # broken bytes between two sentences
    (d / "broken_utf8.txt").write_bytes(ARTICLE[:cut].encode() + b"\xff\xc3" + ARTICLE[cut:].encode())
    (d / "page.html").write_text(
        "<!doctype html><html><head><title>睢宁新闻</title>"
        "<script>var x = '恶意脚本内容'; document.write(x);</script>"
        "<style>body{font-family:'宋体'}</style></head>"
        f"<body><p>{ARTICLE}</p><script src='a.js'>alert('脚本二')</script></body></html>",
        encoding="utf-8")
    (d / "no_entities.txt").write_text(NO_ENTITIES, encoding="utf-8")
    (d / "feed.jsonl").write_text(
        json.dumps({"id": "ok1", "title": "睢宁招商", "date": "2024-03-06",
                    "text": ARTICLE.replace("3月5日", "3月6日")}, ensure_ascii=False) + "\n"
        + '{"id": "bad", "text": "没有结束的引号}\n'
        + json.dumps({"id": "ok2", "text": NO_ENTITIES + "明天也是晴天。"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    huge = d / "huge.txt"
    with open(huge, "wb") as f:  # 50 MB, generated here: never committed
        block = (ARTICLE * 200).encode("utf-8")
        while f.tell() < 50 * 1024 * 1024:
            f.write(block)
    png = root / "photo.png"
    png.write_bytes(PNG)
    zipped = root / "articles.zip"
    zipped.write_bytes(_zip())
    missing = root / "does_not_exist.txt"
    bad = {d / "empty.txt": ["empty"], d / "blank.txt": ["no text"], d / "picture.txt": ["png"],
           d / "archive.txt": ["zip"], d / "nul.txt": ["binary"], d / "garbage.txt": ["encoding"],
           huge: ["mb", "limit"], png: ["png"], zipped: ["zip"], missing: ["no such file"],
           d / "feed.jsonl": ["not json"]}
    # gbk, gb18030, big5, broken_utf8, page.html, no_entities, feed.jsonl lines 1 and 3
    return d, [png, zipped, missing], bad, 8


def _reason_lines(stream: str, path) -> list[str]:
    return [ln for ln in stream.splitlines() if str(path) in ln]


def test_extract_cli_names_each_bad_file_on_stderr(corpus):
    folder, extra, bad, good = corpus
    result = run_cli("ingest.extract", str(folder), *map(str, extra))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for path, words in bad.items():
        lines = _reason_lines(result.stderr, path)
        assert lines, f"no message names {path}:\n{result.stderr}"
        assert any(all(w in ln.lower() for w in words) for ln in lines), (path, lines)
    assert ":2" in _reason_lines(result.stderr, bad_jsonl(bad))[0]  # the bad line is named
    records = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert len(records) == good
    assert all(str(p) not in result.stdout for p in bad)


def bad_jsonl(bad):
    return next(p for p in bad if p.suffix == ".jsonl")


def test_extract_cli_exits_0_when_nothing_is_skipped(corpus):
    folder = corpus[0]
    result = run_cli("ingest.extract", str(folder / "gbk.txt"), str(folder / "no_entities.txt"))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_encodings_decode_to_the_same_article(corpus):
    from ingest.extract import extract_file, extract_text
    folder = corpus[0]
    gbk = extract_file(folder / "gbk.txt")
    for path, text in ((folder / "gbk.txt", ARTICLE), (folder / "gb18030.txt", ARTICLE_4BYTE),
                       (folder / "big5.txt", BIG5_ARTICLE)):
        rec, ref = extract_file(path), extract_text(text)
        assert (rec["key"], rec["text"]) == (ref["key"], ref["text"]), path
    assert "視察" in extract_file(folder / "big5.txt")["text"]  # the original script is kept
    names = {e["name"] for e in gbk["entities"]}
    assert {"宋乐伟", "徐州市", "睢宁县"} <= names
    broken = extract_file(folder / "broken_utf8.txt")
    assert "宋乐伟" in broken["text"] and "佰斯拓工业风机研发制造项目" in broken["text"]
    assert "宋乐伟" in {e["name"] for e in broken["entities"]}


def test_html_scripts_and_styles_are_not_article_text(corpus):
    from ingest.extract import extract_file
    rec = extract_file(corpus[0] / "page.html")
    assert "宋乐伟" in rec["text"]
    for word in ("恶意脚本内容", "document.write", "脚本二", "font-family"):
        assert word not in rec["text"]


def test_an_article_without_entities_is_loaded_not_skipped(corpus):
    from ingest.extract import extract_file
    rec = extract_file(corpus[0] / "no_entities.txt")
    assert rec["entities"] == [] and rec["relations"] == [] and rec["spans"] == []


@pytest.mark.parametrize("name", ["empty.txt", "picture.txt", "archive.txt", "garbage.txt", "huge.txt",
                                  "nul.txt", "blank.txt"])
def test_extract_file_raises_read_error_naming_the_file(corpus, name):
    from ingest.extract import extract_file
    from ingest.readers import ReadError
    path = corpus[0] / name
    with pytest.raises(ReadError) as err:
        extract_file(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.fixture(params=["embedded", "neo4j"])
def cli_target(request, tmp_path):
    """(CLI store arguments, env, a function opening the store it loaded into)."""
    from graph.store import open_store
    if request.param == "embedded":
        db = str(tmp_path / "cli.lbug")
        return ["--db", db], {}, lambda: open_store("embedded", db=db)
    settings = request.getfixturevalue("neo4j_settings")
    request.getfixturevalue("neo4j_store")  # cleared before and after
    env = {"NEO4J_USER": settings["user"], "NEO4J_PASSWORD": settings["password"]}
    return (["--store", "neo4j", "--uri", settings["uri"]], env,
            lambda: open_store("neo4j", uri=settings["uri"], user=settings["user"],
                               password=settings["password"]))


def test_ingest_cli_loads_the_rest_and_exits_1(corpus, cli_target):
    from ingest.extract import iter_extract
    folder, extra, bad, good = corpus
    args, env, opener = cli_target
    result = run_cli("ingest", str(folder), *map(str, extra), *args, **env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for path, words in bad.items():  # the reasons go to stderr, where errors belong
        lines = _reason_lines(result.stderr, path)
        assert lines and any(all(w in ln.lower() for w in words) for ln in lines), \
            f"stderr does not name {path} with {words}:\n{result.stderr}"
    expected = {rec["key"] for _, rec, _ in iter_extract([folder]) if rec is not None}
    with opener() as store:
        stored = {n["key"] for n in store.iter_nodes(["Article"])}
        projects = {n["name"] for n in store.iter_nodes(["Project"])}
    assert stored == expected  # every good article (duplicates count once), nothing else
    assert "佰斯拓工业风机研发制造项目" in projects


def test_ingest_cli_exits_0_when_nothing_is_skipped(corpus, cli_target):
    folder = corpus[0]
    args, env, opener = cli_target
    result = run_cli("ingest", str(folder / "gbk.txt"), str(folder / "big5.txt"),
                     str(folder / "no_entities.txt"), *args, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    with opener() as store:
        assert store.counts()["nodes"]["Article"] == 3
    again = run_cli("ingest", str(folder / "gbk.txt"), *args, **env)
    assert again.returncode == 0, again.stdout + again.stderr  # already present is not skipped
