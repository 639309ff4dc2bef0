"""`python -m ingest --rebuild` / `--reextract`: the graph again from the article log."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.article_log import ArticleLog

REPO = Path(__file__).resolve().parents[2]


def _cli(*args, script=("-m", "ingest"), **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    return subprocess.run([sys.executable, *script, *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=600, env={**clean, "PYTHONPATH": str(REPO), **env})


def _ok(res: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert res.returncode == 0, res.stdout + res.stderr
    return res


def _dump(db=None, **kw):
    from graph.store import open_store
    with open_store(kw.pop("kind", "embedded"), db=str(db) if db else None, **kw) as store:
        return (sorted(store.iter_nodes(), key=lambda n: n["key"]),
                sorted(store.iter_edges(), key=lambda e: (e["type"], e["source"], e["target"])))


@pytest.fixture
def inputs(examples_dir, seed_paths) -> list[Path]:
    return [examples_dir, *seed_paths]


@pytest.fixture
def loaded(tmp_path, inputs):
    """An embedded file loaded in batches of 3 (several log segments), and its graph."""
    db = tmp_path / "g.lbug"
    _ok(_cli(*inputs, "--db", db, "--batch-size", "3"))
    graph = _dump(db)
    assert len(ArticleLog(tmp_path / "g.articles").segments()) > 1
    assert sum(n["label"] == "Article" for n in graph[0]) == ArticleLog(tmp_path / "g.articles").count() >= 9
    return db, graph


def test_a_destroyed_file_is_named_in_one_line_and_rebuilt_equal(loaded):
    db, before = loaded
    size = db.stat().st_size
    db.write_bytes(os.urandom(size))  # the file is gone to garbage; its log is beside it
    for args in (("-m", "ingest", "examples", "--db", db),
                 ("-m", "graph.export", "--format", "json", "-o", db.parent / "out.json", "--db", db)):
        res = _cli(*args[2:], script=args[:2])
        assert res.returncode > 0, res.stdout + res.stderr  # an error status, not a signal
        err = res.stderr.strip()
        assert "\n" not in err and "Traceback" not in err, err
        assert f"cannot open embedded database {db}" in err, err
        assert err.endswith(f"python -m ingest --rebuild --db {db}"), err
    _ok(_cli("--rebuild", "--db", db, "--batch-size", "4"))
    assert _dump(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["g.articles", "g.lbug"]
    again = _ok(_cli("examples", "--db", db))  # the log holds them: nothing new, nothing re-logged
    assert "loaded: 0" in again.stdout and len(ArticleLog(db.parent / "g.articles").segments()) > 1


def test_a_checkpoint_a_kill_left_half_done_is_cleared_by_rebuild(loaded):
    db, before = loaded
    stale = Path(f"{db}.wal.checkpoint")  # what a kill during a checkpoint leaves beside the file
    stale.write_bytes(os.urandom(4096))
    _ok(_cli("--rebuild", "--db", db, "--batch-size", "4"))
    assert not stale.exists()
    assert _dump(db) == before


def test_rebuild_moves_the_graph_into_neo4j(loaded, neo4j_store, neo4j_settings):
    db, before = loaded
    neo4j_store.load([])  # the fixture's empty database; --rebuild clears whatever it holds
    _ok(_cli("--rebuild", "--store", "neo4j", "--uri", neo4j_settings["uri"], "--log", db.parent / "g.articles",
             NEO4J_USER=neo4j_settings["user"], NEO4J_PASSWORD=neo4j_settings["password"]))
    assert _dump(kind="neo4j", uri=neo4j_settings["uri"], user=neo4j_settings["user"],
                 password=neo4j_settings["password"]) == before


def test_reextract_after_a_rule_change_equals_a_fresh_ingest_with_it(loaded, tmp_path, inputs):
    db, before = loaded
    changed = ("tests/ingest/changed_rule.py",)
    _ok(_cli("--reextract", "--db", db, script=changed))
    fresh = tmp_path / "fresh.lbug"
    _ok(_cli(*inputs, "--db", fresh, script=changed))
    after = _dump(db)
    assert after == _dump(fresh)
    leads = lambda g: {(e["source"], e["target"]) for e in g[1] if e["type"] == "LEADS"}  # noqa: E731
    assert leads(after) < leads(before)  # the rule mattered: the mayors' claims went
    from ingest.extract import extractor_version
    entries = list(ArticleLog(tmp_path / "g.articles").entries())
    assert len(entries) == sum(n["label"] == "Article" for n in after[0])
    assert {e["extractor"] for e in entries} == {extractor_version()}


def test_rebuild_without_a_log_says_so(tmp_path):
    res = _cli("--rebuild", "--db", tmp_path / "none.lbug")
    assert res.returncode == 2 and "none.articles is empty or missing" in res.stderr, res.stderr
    assert "\n" not in res.stderr.strip()


def test_rebuild_refuses_a_file_another_process_writes(loaded, hold_embedded):
    db, before = loaded
    holder = hold_embedded(db)
    res = _cli("--rebuild", "--db", db)
    assert res.returncode == 2 and "in use by another process" in res.stderr, res.stderr
    holder.release()
    assert _dump(db) == before
