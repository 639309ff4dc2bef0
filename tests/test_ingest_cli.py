"""`python -m ingest`: extract, load, summarise; exit 0 / 1 (skipped input) / 2 (store error)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args, env_extra=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "ingest", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=600)


def _numbers(out: str) -> dict[str, int]:
    """The summary's "name: number" pairs (before the store counts)."""
    head = out.split("in the store:")[0]
    return {k: int(v) for k, v in re.findall(r"([a-z][a-z ]*): (\d+)", head)}


def _store_counts(out: str) -> str:
    return out[out.index("in the store:"):]


@pytest.fixture
def inputs(examples_dir, seed_paths) -> list[Path]:
    paths = sorted(p for p in examples_dir.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    assert paths, f"no example articles in {examples_dir}"
    return paths + seed_paths


def test_embedded_load_then_reload(tmp_path, inputs):
    db = tmp_path / "g.lbug"
    first = run_cli(*inputs, "--db", db, "--batch-size", "3")
    assert first.returncode == 0, first.stderr
    n = _numbers(first.stdout)
    assert n["articles read"] == n["loaded"] >= len(inputs) and n["skipped"] == 0
    assert n["relationships created"] > 0
    assert "Traceback" not in first.stderr
    second = run_cli(*inputs, "--db", db)
    assert second.returncode == 0, second.stderr
    m = _numbers(second.stdout)
    assert (m["loaded"], m["already present"]) == (0, n["loaded"])
    assert (m["nodes created"], m["relationships created"]) == (0, 0)
    assert _store_counts(second.stdout) == _store_counts(first.stdout)


def test_skipped_input_exits_1_and_names_it(tmp_path, examples_dir):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = run_cli(empty, examples_dir / "01_wujiang_project.txt", "--db", tmp_path / "g.lbug")
    assert res.returncode == 1, res.stderr
    assert re.search(r"skipped empty\.txt: .*empty", res.stdout)
    assert _numbers(res.stdout)["loaded"] == 1


def test_store_errors_exit_2_with_one_line(tmp_path, examples_dir):
    res = run_cli(examples_dir, "--store", "neo4j", "--uri", "bolt://127.0.0.1:1")
    assert res.returncode == 2
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach Neo4j"), res.stderr


def test_locked_database_exits_2(tmp_path, examples_dir, hold_embedded):
    db = tmp_path / "locked.lbug"
    holder = hold_embedded(db)
    res = run_cli(examples_dir / "01_wujiang_project.txt", "--db", db)
    holder.release()
    assert res.returncode == 2
    assert "in use by another process" in res.stderr and "Traceback" not in res.stderr


def test_neo4j_and_embedded_load_the_same(tmp_path, inputs, neo4j_store, neo4j_settings):
    from urllib.parse import urlsplit
    env = {"NEO4J_URI": neo4j_settings["uri"], "NEO4J_USER": neo4j_settings["user"],
           "NEO4J_PASSWORD": neo4j_settings["password"], "GOVKG_DATA": str(tmp_path)}
    # no --log: the default, the test server's own log in the test's data folder
    to_neo4j = run_cli(*inputs, "--store", "neo4j", "--workers", "2", env_extra=env)
    assert to_neo4j.returncode == 0, to_neo4j.stderr
    to_embedded = run_cli(*inputs, "--db", tmp_path / "g.lbug")
    assert to_embedded.returncode == 0, to_embedded.stderr
    assert _store_counts(to_neo4j.stdout) == _store_counts(to_embedded.stdout)
    again = run_cli(*inputs, "--store", "neo4j", env_extra=env)
    assert _numbers(again.stdout)["already present"] == _numbers(to_neo4j.stdout)["loaded"]
    port = urlsplit(neo4j_settings["uri"]).port
    assert (tmp_path / f"neo4j-127.0.0.1-{port}.articles").is_dir()  # its own, not every server's
    assert not (tmp_path / "neo4j.articles").exists()


def test_a_run_that_loads_nothing_still_applies_the_merges_a_killed_run_left(tmp_path):
    """A loader killed after its last batch, before it rebuilt the graph for the merges decided
    late (徐工, stored alone, is the short form of a company named later), leaves stale nodes;
    the next run over the same input loads nothing and puts them right."""
    from graph.article_log import ArticleLog
    from graph.store import open_store
    from ingest import replay
    from ingest.extract import extract_file
    texts = ["徐工投资建设青川智能装备产业园\n2021-05-06\n\n5月6日，徐工在青川县投资建设智能装备产业园项目，总投资20亿元。\n",
             "徐州工程机械集团有限公司在徐州签约\n2021-06-06\n\n6月6日，徐州工程机械集团有限公司（简称“徐工”）"
             "与徐州经济技术开发区签约，投资建设高端零部件产业园项目。\n"]
    paths = []
    for n, text in enumerate(texts):
        paths.append(tmp_path / f"a{n}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    db, log = tmp_path / "g.lbug", ArticleLog(tmp_path / "g.articles")
    with open_store("embedded", db=str(db)) as store:  # the loads of the killed run, one batch each
        store.article_log = log
        store.ensure_schema()
        for p in paths:
            store.load([extract_file(p)])
    assert replay.stale(log, "embedded", str(db)) == ["company:徐工"]
    rerun = run_cli(*paths, "--db", db)
    assert rerun.returncode == 0, rerun.stderr
    assert _numbers(rerun.stdout)["loaded"] == 0
    assert replay.stale(log, "embedded", str(db)) == []
    with open_store("embedded", db=str(db)) as store:
        assert store.node("company:徐工") is None and store.node("company:徐州工程机械集团有限公司") is not None
