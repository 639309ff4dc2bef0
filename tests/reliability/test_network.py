"""Nothing listens beyond this machine: the Neo4j server and the app bind to
loopback only (checked on the running processes' sockets)."""
from __future__ import annotations

import ipaddress
import subprocess
import time
import tomllib
from urllib.parse import urlparse

import pytest

from reliability_tools import PY, REPO, cli_env


def _loopback(ip: str) -> bool:
    addr = ipaddress.ip_address(ip)
    return (getattr(addr, "ipv4_mapped", None) or addr).is_loopback


def _listening(pid: int) -> list:
    import psutil
    return [c.laddr for c in psutil.Process(pid).net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]


def test_neo4j_server_listens_on_loopback_only(neo4j_settings):
    import psutil
    uri = urlparse(neo4j_settings["uri"])
    if not _loopback(uri.hostname or "127.0.0.1"):
        pytest.skip("a remote Neo4j: its sockets are not ours to see")
    port = uri.port or 7687
    owners = {c.pid for c in psutil.net_connections(kind="inet")
              if c.status == psutil.CONN_LISTEN and c.laddr.port == port and c.pid}
    assert owners, f"no process of ours listens on {port}"
    for pid in owners:
        sockets = _listening(pid)  # every port of the server: Bolt, HTTP, backup ...
        assert sockets
        outside = [f"{a.ip}:{a.port}" for a in sockets if not _loopback(a.ip)]
        assert outside == [], f"Neo4j (pid {pid}) listens beyond loopback: {outside}"


def test_app_config_binds_to_loopback():
    conf = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert conf["server"]["address"] == "127.0.0.1"


@pytest.mark.slow
def test_running_app_listens_on_loopback_only(tmp_path):
    from graph.neo4j_server import free_port
    port = free_port()
    env = cli_env(GOVKG_DB=str(tmp_path / "empty.lbug"))
    proc = subprocess.Popen([PY, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, sockets = time.monotonic() + 90, []
        while time.monotonic() < deadline and not any(a.port == port for a in sockets):
            assert proc.poll() is None, "streamlit exited while starting"
            time.sleep(0.5)
            sockets = _listening(proc.pid)
        assert any(a.port == port for a in sockets), f"the app never listened on {port}"
        outside = [f"{a.ip}:{a.port}" for a in sockets if not _loopback(a.ip)]
        assert outside == [], f"the app listens beyond loopback: {outside}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
