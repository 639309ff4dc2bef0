"""The article log: durable segments, the latest entry wins, written before the store commits."""
from __future__ import annotations

import gzip
import json

import pytest

from graph.article_log import ArticleLog, ArticleLogError, log_path


def _dump(store):
    return (sorted(store.iter_nodes(), key=lambda n: n["key"]),
            sorted(store.iter_edges(), key=lambda e: (e["type"], e["source"], e["target"])))


def test_entries_round_trip_compressed_and_the_latest_wins(tmp_path, seed_records):
    log = ArticleLog(tmp_path / "g.articles", extractor="ingest-test")
    log.append(seed_records)
    changed = {**seed_records[0], "title": "a later extraction", "extractor": "ingest-newer"}
    log.append([changed])
    assert len(log.segments()) == 2 and not list(log.path.glob(".*"))  # no temporary file left
    entries = list(log.entries())
    assert [e["record"]["key"] for e in entries] == [r["key"] for r in seed_records[1:]] + [changed["key"]]
    assert entries[-1]["record"] == changed and entries[-1]["extractor"] == "ingest-newer"
    assert entries[0]["record"] == seed_records[1] and entries[0]["extractor"] == "ingest-test"
    assert log.count() == len(seed_records)
    raw = sum(len(json.dumps(r, ensure_ascii=False).encode()) for r in seed_records)
    assert log.size() < raw / 2  # compressed
    with gzip.open(log.segments()[0], "rt", encoding="utf-8") as f:  # a plain format: key TAB JSON lines
        key, _, entry = f.readline().partition("\t")
    assert key == seed_records[0]["key"] and json.loads(entry)["record"] == seed_records[0]


def test_replace_all_keeps_only_the_new_entries(tmp_path, seed_records):
    log = ArticleLog(tmp_path / "log")
    log.append(seed_records[:2])
    log.append(seed_records[2:])
    assert log.replace_all(iter(seed_records[:1]), per_segment=1) == 1
    assert [r["key"] for r in log.records()] == [seed_records[0]["key"]] and len(log.segments()) == 1


def test_default_places(monkeypatch):
    monkeypatch.delenv("GOVKG_LOG", raising=False)
    monkeypatch.delenv("GOVKG_DATA", raising=False)
    monkeypatch.delenv("GOVKG_DB", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert log_path("embedded", None) == "data/govkg.articles"
    assert log_path("embedded", "/x/my.lbug") == "/x/my.articles"
    assert log_path("neo4j", None) == "data/neo4j.articles"
    assert log_path("neo4j", None, "/elsewhere") == "/elsewhere"
    # one log per server: the project's own keeps the name logs had, another has its own
    assert log_path("neo4j", None, uri="neo4j://localhost:7687") == "data/neo4j.articles"
    assert log_path("neo4j", None, uri="bolt://db.example.org:7688") == "data/neo4j-db.example.org-7688.articles"
    assert log_path("neo4j", None, uri="bolt://127.0.0.1") == "data/neo4j.articles"
    assert log_path("neo4j", None, uri="bolt://localhost.lan:7687") == "data/neo4j-localhost.lan-7687.articles"
    monkeypatch.setenv("NEO4J_URI", "bolt://10.0.0.5:7687")
    assert log_path("neo4j", None) == "data/neo4j-10.0.0.5-7687.articles"
    monkeypatch.setenv("GOVKG_LOG", "/from/env")
    assert log_path("embedded", "/x/my.lbug") == "/from/env"


def test_only_articles_the_store_loads_are_logged_once(embedded_store, seed_records, tmp_path):
    embedded_store.article_log = log = ArticleLog(tmp_path / "log")
    embedded_store.load(seed_records[:2])
    # the same articles again (one twice in the batch, with another title) and a new one
    again = [*seed_records[:2], {**seed_records[2], "title": "first"}, {**seed_records[2], "title": "second"}]
    stats = embedded_store.load(again)
    assert stats.articles_loaded == 1
    assert len(log.segments()) == 2 and log.count() == 3
    assert [r.get("title") for r in log.records()][-1] == "first"  # the record the store kept
    assert embedded_store.node(seed_records[2]["key"])["name"] == "first"


def test_a_log_write_that_fails_leaves_the_store_unchanged(any_store, seed_records, tmp_path):
    any_store.article_log = ArticleLog(tmp_path / "log")
    any_store.load(seed_records[:2])
    before = _dump(any_store)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    any_store.article_log = ArticleLog(blocker / "log")  # mkdir fails: ENOTDIR, a real OSError
    with pytest.raises(ArticleLogError, match=r"a-file/log.*nothing of this batch was loaded"):
        any_store.load(seed_records[2:])
    assert _dump(any_store) == before
    any_store.article_log = ArticleLog(tmp_path / "log")  # the log works again: the batch loads
    assert any_store.load(seed_records[2:]).articles_loaded == len(seed_records) - 2
    assert ArticleLog(tmp_path / "log").count() == len(seed_records)
