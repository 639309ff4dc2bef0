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
    env = {"NEO4J_URI": neo4j_settings["uri"], "NEO4J_USER": neo4j_settings["user"],
           "NEO4J_PASSWORD": neo4j_settings["password"]}
    to_neo4j = run_cli(*inputs, "--store", "neo4j", "--workers", "2", env_extra=env)
    assert to_neo4j.returncode == 0, to_neo4j.stderr
    to_embedded = run_cli(*inputs, "--db", tmp_path / "g.lbug")
    assert to_embedded.returncode == 0, to_embedded.stderr
    assert _store_counts(to_neo4j.stdout) == _store_counts(to_embedded.stdout)
    again = run_cli(*inputs, "--store", "neo4j", env_extra=env)
    assert _numbers(again.stdout)["already present"] == _numbers(to_neo4j.stdout)["loaded"]
