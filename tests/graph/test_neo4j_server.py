"""graph.neo4j_server: the CI server's settings, the CLI's errors, and an admin import
into a fresh home served on a second port."""
from __future__ import annotations

import ipaddress
import socket
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from graph import neo4j_server as ns

REPO = ns.REPO


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.neo4j_server", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


# -- the running server (started in CI by `python -m graph.neo4j_server start`) --

@pytest.fixture
def driver(neo4j_settings):
    from neo4j import GraphDatabase
    with GraphDatabase.driver(neo4j_settings["uri"],
                              auth=(neo4j_settings["user"], neo4j_settings["password"])) as d:
        yield d


def test_bolt_answers(driver):
    records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_server_listens_on_loopback_only(driver, neo4j_settings):
    records, _, _ = driver.execute_query(
        "CALL dbms.listConfig() YIELD name, value "
        "WHERE name IN $names RETURN name, value",
        names=["server.default_listen_address", "server.bolt.listen_address",
               "server.http.enabled", "server.https.enabled", "dbms.security.auth_enabled"])
    config = {r["name"]: r["value"] for r in records}
    assert config["server.default_listen_address"] == "127.0.0.1"
    assert config["server.bolt.listen_address"].rsplit(":", 1)[0] == "127.0.0.1"
    assert config["server.http.enabled"] == "false"
    assert config["server.https.enabled"] == "false"
    assert config["dbms.security.auth_enabled"] == "true"

    # and the sockets agree: whatever listens on the Bolt port listens on loopback
    uri = urlparse(neo4j_settings["uri"])
    if not ipaddress.ip_address(socket.gethostbyname(uri.hostname or "127.0.0.1")).is_loopback:
        return  # a remote server: its sockets are not ours to see
    import psutil
    listening = [c.laddr for c in psutil.net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == (uri.port or 7687)]
    assert listening, f"nothing listens on port {uri.port}"
    for addr in listening:
        ip = ipaddress.ip_address(addr.ip)
        ip = getattr(ip, "ipv4_mapped", None) or ip
        assert ip.is_loopback, f"Bolt also listens on {addr.ip}"


def test_wrong_password_is_refused(neo4j_settings):
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError
    with GraphDatabase.driver(neo4j_settings["uri"],
                              auth=(neo4j_settings["user"], neo4j_settings["password"] + "-wrong")) as d:
        with pytest.raises(AuthError):
            d.verify_connectivity()


# -- configuration and the command line, no server needed ----------------------

def test_conf_is_loopback_and_keeps_user_edits(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_BOLT_PORT", raising=False)
    ns.write_conf(tmp_path, port=17999, pagecache="256m")
    conf = tmp_path / "conf" / "neo4j.conf"
    # a user opens it to listen everywhere and to add a setting of their own
    conf.write_text(conf.read_text().replace("server.default_listen_address=127.0.0.1",
                                             "server.default_listen_address=0.0.0.0")
                    + "db.logs.query.enabled=OFF\n")

    settings = ns.write_conf(tmp_path)

    assert settings == ns.read_conf(tmp_path)
    assert settings["server.default_listen_address"] == "127.0.0.1"
    assert settings["server.bolt.listen_address"] == "127.0.0.1:17999"
    assert settings["server.memory.pagecache.size"] == "256m"
    assert settings["db.logs.query.enabled"] == "OFF"
    assert settings["server.http.enabled"] == settings["server.https.enabled"] == "false"
    assert settings["dbms.usage_report.enabled"] == "false"
    assert ns.bolt_uri(tmp_path) == "bolt://127.0.0.1:17999"

    monkeypatch.setenv("NEO4J_BOLT_PORT", "17998")
    assert ns.write_conf(tmp_path)["server.bolt.listen_address"] == "127.0.0.1:17998"


def test_pinned_version_is_a_526_patch():
    major, minor, patch = ns.neo4j_version().split(".")
    assert (major, minor) == ("5", "26") and patch.isdigit()


def test_cli_status_of_a_stopped_home_exits_3(tmp_path):
    result = _cli("status", "--home", str(tmp_path))
    assert result.returncode == 3
    assert "not running" in result.stdout


def test_cli_start_of_an_uninstalled_home_is_a_one_line_error(tmp_path):
    result = _cli("start", "--home", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "install --home" in result.stderr


def test_cli_admin_import_of_a_missing_file_names_it(tmp_path):
    result = _cli("admin-import", "--home", str(tmp_path / "h"),
                  "--nodes", f"Place={tmp_path / 'absent.csv'}")
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'absent.csv'}: no such CSV file"


def test_stop_of_a_home_with_a_stale_pid_file(tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "neo4j.pid").write_text("999999999\n")  # above Linux's pid_max
    assert ns.is_running(tmp_path) is None
    assert ns.stop(tmp_path) is False
    assert not (tmp_path / "run" / "neo4j.pid").exists()


# -- a fresh home: admin import, serve on a free port, count, stop -------------

@pytest.mark.slow
def test_admin_import_into_a_fresh_home_then_serve_it(tmp_path):
    home = tmp_path / "neo4j"
    ns.install(home, heap="512m", pagecache="128m", quiet=True)
    assert ns.jars_complete(home)
    if ns.jars_complete(ns.default_home()) and home != ns.default_home():
        assert (home / "lib").is_symlink()  # shares the jars, no second download

    places = tmp_path / "places.csv"
    places.write_text("key:ID,name,aliases:string[],level\n"
                      "place:江苏省/徐州市,徐州市,徐州;彭城,prefecture\n"
                      "place:江苏省/徐州市/睢宁县,睢宁县,,county\n", encoding="utf-8")
    officials = tmp_path / "officials.csv"
    officials.write_text("key:ID,name\nofficial:宋乐伟@徐州市,宋乐伟\n", encoding="utf-8")
    part_of = tmp_path / "part_of.csv"
    part_of.write_text(":START_ID,:END_ID,evidence:string[]\n"
                       "place:江苏省/徐州市/睢宁县,place:江苏省/徐州市,gazetteer\n", encoding="utf-8")
    leads = tmp_path / "leads.csv"
    leads.write_text(":START_ID,:END_ID,:TYPE,title\n"
                     "official:宋乐伟@徐州市,place:江苏省/徐州市,LEADS,市委书记\n", encoding="utf-8")

    counts = ns.admin_import(home, [("Place", places), f"Official={officials}"],
                             [f"PART_OF={part_of}", str(leads)])
    assert (counts["nodes"], counts["relationships"]) == (3, 2)

    port = ns.free_port()
    pid = ns.start(home, port=port, quiet=True)
    try:
        assert ns.is_running(home) == pid
        assert ns.status(home)["uri"] == f"bolt://127.0.0.1:{port}"
        from neo4j import GraphDatabase
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}",
                                  auth=(ns.USER, ns.default_password())) as d:
            labels = {r["label"]: r["n"] for r in d.execute_query(
                "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n").records}
            types = {r["type"]: r["n"] for r in d.execute_query(
                "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n").records}
            xuzhou = d.execute_query("MATCH (p:Place {key: $key}) RETURN p", key="place:江苏省/徐州市"
                                     ).records[0]["p"]
            title = d.execute_query("MATCH (:Official)-[r:LEADS]->(:Place) RETURN r.title AS t").records[0]["t"]
        assert labels == {"Place": 2, "Official": 1}
        assert types == {"PART_OF": 1, "LEADS": 1}
        assert xuzhou["name"] == "徐州市" and xuzhou["aliases"] == ["徐州", "彭城"]
        assert title == "市委书记"
    finally:
        stopped = ns.stop(home)
    assert stopped
    assert ns.is_running(home) is None
    assert ns.port_free(port)
    assert not (home / "run" / "neo4j.pid").exists()
