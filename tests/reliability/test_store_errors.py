"""A store that is down or misconfigured gives one actionable line: a
StoreError in Python, exit 2 and one stderr line from the loader."""
from __future__ import annotations

import subprocess
import time

import pytest

from reliability_tools import PY, REPO, cli_env, one_line_error, run_cli


def _closed_port() -> int:
    from graph.neo4j_server import free_port
    return free_port()


def _store_error(**kw) -> str:
    from graph.store import StoreError, open_store
    with pytest.raises(StoreError) as err:
        open_store(**kw).close()
    msg = str(err.value)
    assert msg and "\n" not in msg, msg
    return msg


def _cli_error(tmp_path, *args, **env) -> str:
    article = tmp_path / "a.txt"
    article.write_text("2024年3月5日，徐州市委书记宋乐伟在睢宁县调研。", encoding="utf-8")
    result = run_cli("ingest", str(article), *args, timeout=120, **env)
    assert result.returncode == 2, result.stdout + result.stderr
    return one_line_error(result)


# (uri, words the message must hold) — every one names the URI and what to do.
BAD_URIS = {
    "closed-port": (lambda: f"bolt://127.0.0.1:{_closed_port()}", ["cannot reach", "neo4j_server start"]),
    "closed-port-routing": (lambda: f"neo4j://127.0.0.1:{_closed_port()}", ["cannot reach", "neo4j_server start"]),
    "unknown-host": (lambda: "bolt://no-such-host.invalid:7687", ["cannot reach"]),
    "http-scheme": (lambda: "http://127.0.0.1:7687", ["bolt://"]),
    "not-a-uri": (lambda: "not a uri", ["bolt://"]),
}


@pytest.mark.parametrize("case", BAD_URIS)
def test_bad_neo4j_uri_is_one_actionable_line(tmp_path, case):
    make, words = BAD_URIS[case]
    uri = make()
    msg = _store_error(kind="neo4j", uri=uri, user="neo4j", password="whatever-password")
    assert uri in msg and all(w in msg for w in words), msg
    cli = _cli_error(tmp_path, "--store", "neo4j", "--uri", uri, NEO4J_PASSWORD="whatever-password")
    assert uri in cli and all(w in cli for w in words), cli


@pytest.mark.parametrize("who", ["password", "user"])
def test_wrong_credentials_are_one_actionable_line(tmp_path, neo4j_settings, who):
    user = neo4j_settings["user"] + ("-nobody" if who == "user" else "")
    password = neo4j_settings["password"] + ("-wrong" if who == "password" else "")
    msg = _store_error(kind="neo4j", uri=neo4j_settings["uri"], user=user, password=password)
    assert "credentials" in msg and "NEO4J_PASSWORD" in msg, msg
    cli = _cli_error(tmp_path, "--store", "neo4j", "--uri", neo4j_settings["uri"],
                     NEO4J_USER=user, NEO4J_PASSWORD=password)
    assert "credentials" in cli, cli


def test_unknown_store_kind_is_one_line(tmp_path):
    msg = _store_error(kind="sqlite")
    assert "'embedded' or 'neo4j'" in msg
    cli = _cli_error(tmp_path, GOVKG_STORE="sqlite")
    assert "embedded" in cli


HOLDER = """
import sys, time
from graph.store import open_store
store = open_store("embedded", db=sys.argv[1])
store.ensure_schema()
print("holding", flush=True)
time.sleep(300)
"""


def test_embedded_file_held_by_another_process(tmp_path):
    db = str(tmp_path / "held.lbug")
    holder = subprocess.Popen([PY, "-c", HOLDER, db], cwd=REPO, env=cli_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        msg = _store_error(kind="embedded", db=db)
        assert db in msg and "in use by another process" in msg and str(holder.pid) in msg, msg
        cli = _cli_error(tmp_path, "--db", db)
        assert db in cli and "another process" in cli, cli
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.2)
    result = run_cli("ingest", str(tmp_path / "a.txt"), "--db", db)  # free again: it loads
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", ["directory", "not-a-database", "parent-is-a-file"])
def test_bad_embedded_path_is_one_line(tmp_path, case):
    if case == "directory":
        db = tmp_path / "folder.lbug"
        db.mkdir()
    elif case == "not-a-database":
        db = tmp_path / "notes.lbug"
        db.write_bytes(b"these are my notes, not a database\n" * 200)
    else:
        (tmp_path / "plain.txt").write_text("a file", encoding="utf-8")
        db = tmp_path / "plain.txt" / "graph.lbug"
    msg = _store_error(kind="embedded", db=str(db))
    assert str(db) in msg, msg
    cli = _cli_error(tmp_path, "--db", str(db))
    assert str(db) in cli, cli
    if case == "not-a-database":  # and the user's file is left alone
        assert db.read_bytes() == b"these are my notes, not a database\n" * 200
