"""A Neo4j home: where it is, its neo4j.conf and Bolt address, the pinned version.

HOME, port and password defaults are described in graph.neo4j_server.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POM = Path(__file__).resolve().parent / "neo4j" / "pom.xml"
FOLDERS = ("conf", "data", "logs", "plugins", "import", "run")
USER = "neo4j"
DEFAULT_PASSWORD = "govkg-dev-password"
DEFAULT_PORT = 7687
JARS_MARKER = ".govkg-complete"  # written last into lib/: its presence means the copy finished

# neo4j.conf keys this script manages; other lines a user adds are kept.
BASE_SETTINGS = {
    "server.default_listen_address": "127.0.0.1",
    "server.bolt.listen_address": f"127.0.0.1:{DEFAULT_PORT}",
    "server.http.enabled": "false",
    "server.https.enabled": "false",
    "dbms.routing.enabled": "false",  # no second listener (7688) to clash between homes
    "dbms.security.auth_enabled": "true",
    "server.memory.heap.initial_size": "2g",  # 10,000-article load transactions fit (graph/neo4j_store.py)
    "server.memory.heap.max_size": "2g",
    "server.memory.pagecache.size": "1g",
    "dbms.usage_report.enabled": "false",
    "db.transaction.timeout": "15m",  # guard against a runaway query holding the server
}


class ServerError(RuntimeError):
    """A problem the user can act on; its message is one line."""


def default_home() -> Path:
    """$GOVKG_NEO4J_HOME, else <repo>/.neo4j."""
    return Path(os.environ.get("GOVKG_NEO4J_HOME") or REPO / ".neo4j").resolve()


def default_port() -> int:
    value = os.environ.get("NEO4J_BOLT_PORT") or DEFAULT_PORT
    try:
        return int(value)
    except ValueError:
        raise ServerError(f"NEO4J_BOLT_PORT={value!r} is not a port number") from None


def default_password() -> str:
    return os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD


def neo4j_version() -> str:
    """The pinned version, read from graph/neo4j/pom.xml."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    return ET.parse(POM).getroot().find("m:properties/m:neo4j.version", ns).text.strip()


def _home(home) -> Path:
    return Path(home).resolve() if home is not None else default_home()


def read_conf(home) -> dict[str, str]:
    """The key=value settings of HOME/conf/neo4j.conf ({} when absent)."""
    path = _home(home) / "conf" / "neo4j.conf"
    if not path.exists():
        return {}
    settings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            settings[key.strip()] = value.strip()
    return settings


def write_conf(home, port: int | None = None, heap: str | None = None,
               pagecache: str | None = None) -> dict[str, str]:
    """Write HOME/conf/neo4j.conf: defaults, then existing values, then the arguments."""
    home = _home(home)
    settings = {**BASE_SETTINGS, **read_conf(home)}
    settings["server.default_listen_address"] = "127.0.0.1"  # loopback only, whatever the file said
    if port is None:
        port = default_port() if os.environ.get("NEO4J_BOLT_PORT") else bolt_port(settings)
    settings["server.bolt.listen_address"] = f"127.0.0.1:{int(port)}"
    if heap:
        settings["server.memory.heap.initial_size"] = settings["server.memory.heap.max_size"] = heap
    if pagecache:
        settings["server.memory.pagecache.size"] = pagecache
    (home / "conf").mkdir(parents=True, exist_ok=True)
    text = "# Written by `python -m graph.neo4j_server install`; values changed here are kept.\n"
    text += "".join(f"{k}={v}\n" for k, v in settings.items())
    (home / "conf" / "neo4j.conf").write_text(text, encoding="utf-8")
    return settings


def bolt_port(settings: dict[str, str]) -> int:
    return int(settings.get("server.bolt.listen_address", f":{DEFAULT_PORT}").rsplit(":", 1)[1])


def bolt_uri(home=None) -> str:
    """bolt://127.0.0.1:PORT of HOME (port read from its neo4j.conf)."""
    settings = read_conf(home)
    return f"bolt://127.0.0.1:{bolt_port(settings) if settings else default_port()}"


def jars_complete(home) -> bool:
    """True when HOME/lib holds the jars of the pinned version."""
    marker = _home(home) / "lib" / JARS_MARKER
    return marker.exists() and marker.read_text().strip() == neo4j_version()
