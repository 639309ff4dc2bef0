"""Crash safety: a loader killed mid-batch (embedded) or a server stopped
mid-load (Neo4j) loses nothing; the re-run equals one clean run."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from itertools import islice

import pytest

from reliability_tools import PY, REPO, cli_env, dump, dump_diff, one_line_error, run_cli

pytestmark = pytest.mark.slow
ARTICLES, BATCH = 150, 25


@pytest.fixture(scope="module")
def corpus_file(shared_dir, tmp_path_factory):
    """150 articles of the 2011 corpus, written to a file of our own."""
    path = tmp_path_factory.mktemp("crash") / "news_150.jsonl"
    with open(shared_dir / "corpus" / "news_2011.jsonl", encoding="utf-8") as f:
        path.write_text("".join(islice(f, ARTICLES)), encoding="utf-8")
    return path


def _start_loader(corpus, *args, **env) -> subprocess.Popen:
    return subprocess.Popen([PY, "-m", "ingest", str(corpus), "--batch-size", str(BATCH), *args],
                            cwd=REPO, env=cli_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _wait_for_articles(proc: subprocess.Popen, count, at_least: int, timeout: float = 300) -> int:
    """Poll count() until at least that many articles are committed; the loader must still run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the loader ended before the kill:\n{proc.communicate()}"
        n = count()
        if n >= at_least:
            return n
        time.sleep(0.1)
    raise AssertionError(f"no {at_least} committed articles within {timeout} s")


def _embedded_articles(db: str) -> int:
    """Committed Article nodes, read from a read-only snapshot beside the writer."""
    from graph.embedded import EmbeddedStore
    from graph.store import StoreError
    try:
        store = EmbeddedStore(db, read_only=True, buffer_pool_mb=64)
    except StoreError:
        return 0  # not created yet
    try:
        return store.counts()["nodes"]["Article"]
    except RuntimeError:
        return 0  # tables not created yet
    finally:
        store.close()


@pytest.fixture(scope="module")
def clean_embedded(corpus_file, tmp_path_factory):
    """The graph of one uninterrupted load, and how long that load took (kill moments are drawn from it)."""
    from graph.store import open_store
    db = str(tmp_path_factory.mktemp("clean") / "clean.lbug")
    began = time.monotonic()
    result = run_cli("ingest", str(corpus_file), "--db", db, "--batch-size", str(BATCH))
    seconds = time.monotonic() - began
    assert result.returncode == 0, result.stdout + result.stderr
    with open_store("embedded", db=db) as store:
        return dump(store), seconds


@pytest.mark.parametrize("kills", [[1], [1, 2 * BATCH + 1]], ids=["after-first-batch", "killed-twice"])
def test_sigkill_mid_batch_then_rerun_equals_a_clean_run(tmp_path, corpus_file, clean_embedded, kills):
    from graph.store import open_store
    db = str(tmp_path / "crash.lbug")
    for at_least in kills:
        proc = _start_loader(corpus_file, "--db", db)
        try:
            seen = _wait_for_articles(proc, lambda: _embedded_articles(db), at_least)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        assert 0 < seen < ARTICLES  # it really died half way
    rerun = run_cli("ingest", str(corpus_file), "--db", db, "--batch-size", str(BATCH))
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    with open_store("embedded", db=db) as store:
        assert dump_diff(dump(store), clean_embedded[0]) == []


# Kills at arbitrary moments: each trial loads the 150 articles into a fresh file and is
# killed at a random moment of that load (stratified over the clean run's duration, so
# start-up, extraction, writes and checkpoints all get hit). GOVKG_CRASH_KILLS sets the
# number of trials (CI: 6; the note of issue 17 reports a longer run).
KILLS = int(os.environ.get("GOVKG_CRASH_KILLS", "6"))
SEED = int(os.environ.get("GOVKG_CRASH_SEED", "17"))


def test_sigkill_at_arbitrary_moments_then_reopen_or_rebuild_equals_a_clean_run(tmp_path, corpus_file,
                                                                                 clean_embedded):
    """After each kill the file either reopens consistent (every stored article in its log,
    mention counts matching their MENTIONS) or `--rebuild` restores it; the re-run then
    equals a clean run. Reopening happens in a child process, so a native crash there is
    counted, not fatal to the test."""
    from graph.store import open_store
    graph, seconds = clean_embedded
    rng = random.Random(SEED)
    outcomes = []
    for trial in range(KILLS):
        db = str(tmp_path / f"t{trial}" / "crash.lbug")
        delay = seconds * (trial + rng.random()) / KILLS
        proc = _start_loader(corpus_file, "--db", db)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        found = _check(db)
        outcome = "reopened consistent" if found == [] else f"rebuilt ({found[:2]})"
        if found:
            rebuild = run_cli("ingest", "--rebuild", "--db", db)
            assert rebuild.returncode == 0, rebuild.stdout + rebuild.stderr
            assert _check(db) == [], f"trial {trial}: --rebuild left problems"
        rerun = run_cli("ingest", str(corpus_file), "--db", db, "--batch-size", str(BATCH))
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        with open_store("embedded", db=db) as store:
            assert dump_diff(dump(store), graph) == [], f"trial {trial} (kill at {delay:.1f} s, {outcome})"
        outcomes.append(f"kill at {delay:.1f} s: {outcome}")
    print("\n".join(outcomes))  # shown with -s / -rA: how each trial went


def _check(db: str) -> list[str]:
    """Problems of the file as the next command finds it, from a process of its own."""
    check = subprocess.run([PY, "-c", _CHECK, db], cwd=REPO, env=cli_env(), capture_output=True, text=True)
    if check.returncode != 0:
        lines = check.stderr.strip().splitlines()
        return [f"reopening failed (exit {check.returncode}): {lines[-1] if lines else ''}"]
    return [ln for ln in check.stdout.splitlines() if ln.strip()]


_CHECK = """
import os, sys
sys.path.insert(0, "tests/reliability")
from reliability_tools import dump
from test_crash import _inconsistencies
from graph.article_log import ArticleLog
from graph.store import open_store
if os.path.exists(sys.argv[1]):
    with open_store("embedded", db=sys.argv[1]) as store:
        store.ensure_schema()
        graph = dump(store)
    logged = {r["key"] for r in ArticleLog(sys.argv[1][:-len(".lbug")] + ".articles").records()}
    print("\\n".join(_inconsistencies(graph) + [f"{n['key']} stored but not in the log" for n in graph[0]
                                               if n["label"] == "Article" and n["key"] not in logged]))
"""


def _inconsistencies(graph) -> list[str]:
    """Nodes whose mention_count is not the sum of their MENTIONS edges."""
    nodes, edges = graph
    sums: dict[str, int] = {}
    for e in edges:
        if e["type"] == "MENTIONS":
            sums[e["target"]] = sums.get(e["target"], 0) + e["count"]
    return [f"{n['key']} mention_count {n['mention_count']} but MENTIONS sum {sums.get(n['key'], 0)}"
            for n in nodes if n["label"] != "Article" and (n["mention_count"] or 0) != sums.get(n["key"], 0)]


# -- Neo4j: a throw-away server on a free port, stopped while the loader writes ----------

@pytest.fixture(scope="module")
def scratch_server(tmp_path_factory, neo4j_settings):
    """Our own Neo4j home and port (never the shared server)."""
    from graph import neo4j_server as ns
    home = tmp_path_factory.mktemp("neo4j_crash") / "home"
    ns.install(home, heap="512m", pagecache="128m", quiet=True)
    port = ns.free_port()
    ns.start(home, port=port, quiet=True)
    try:
        yield ns, home, port
    finally:
        ns.stop(home)


def test_neo4j_stopped_mid_load_reports_and_rerun_equals_a_clean_run(corpus_file, scratch_server, tmp_path):
    from graph.store import open_store
    ns, home, port = scratch_server
    uri, password = f"bolt://127.0.0.1:{port}", ns.default_password()
    # the server's own article log too, in the test's folder (the default, one per server, would
    # outlive the scratch server in the checkout's data folder)
    args = ["--store", "neo4j", "--uri", uri, "--log", str(tmp_path / "crash.articles")]
    env = {"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password}

    def articles() -> int:
        from neo4j import GraphDatabase
        with GraphDatabase.driver(uri, auth=("neo4j", password)) as d:
            return d.execute_query("MATCH (a:Article) RETURN count(a) AS n").records[0]["n"]

    proc = _start_loader(corpus_file, *args, **env)
    try:
        seen = _wait_for_articles(proc, articles, 1)
        ns.stop(home)  # the server goes away between or inside the loader's transactions
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert 0 < seen < ARTICLES
    assert proc.returncode == 2, out + err
    assert "Traceback" not in err, err
    msg = err.strip().splitlines()[-1]
    assert msg.startswith("error: ") and uri in msg and "neo4j_server start" in msg, err

    ns.start(home, port=port, quiet=True)
    rerun = run_cli("ingest", str(corpus_file), *args, "--batch-size", str(BATCH), **env)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    with open_store("neo4j", uri=uri, user="neo4j", password=password) as store:
        after_crash = dump(store)
        store.clear()
    clean_args = args[:-1] + [str(tmp_path / "clean.articles")]  # a clean run: a fresh store and log
    clean = run_cli("ingest", str(corpus_file), *clean_args, "--batch-size", str(BATCH), **env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    with open_store("neo4j", uri=uri, user="neo4j", password=password) as store:
        assert dump_diff(after_crash, dump(store)) == []
        assert store.counts()["nodes"]["Article"] > 0
    # last, so the data checks above run either way: the report was that one line only
    one_line_error(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
