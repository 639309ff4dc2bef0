"""Is a home's server alive, and which local ports are free."""
from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

from graph.neo4j_conf import DEFAULT_PORT, _home

_children: dict[int, subprocess.Popen] = {}  # servers this process started, reaped in stop()


def _pid_file(home: Path) -> Path:
    return home / "run" / "neo4j.pid"


def is_running(home=None) -> int | None:
    """The pid of HOME's server when it is alive, else None."""
    home = _home(home)
    try:
        pid = int(_pid_file(home).read_text().strip())
    except (OSError, ValueError):
        return None
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    proc = Path(f"/proc/{pid}")
    if proc.exists():  # the pid may have been reused by something else
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return None
        if state == "Z" or f"--home-dir={home}" not in cmdline.split("\0"):
            return None
    return pid


def bolt_reachable(uri: str) -> bool:
    """True when something accepts TCP connections at the URI's host and port."""
    from urllib.parse import urlparse
    u = urlparse(uri)
    try:
        with socket.create_connection((u.hostname or "127.0.0.1", u.port or DEFAULT_PORT), timeout=2):
            return True
    except OSError:
        return False


def port_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:PORT."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # like Neo4j, ignore TIME_WAIT
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port nothing listens on now (for a second server)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
