"""Run a Neo4j 5.26 Community server from Maven Central jars (no Docker).

    python -m graph.neo4j_server install [--port P] [--heap 1g] [--pagecache 1g]
    python -m graph.neo4j_server start [--port P] [--timeout 180]
    python -m graph.neo4j_server status | stop
    python -m graph.neo4j_server admin-import --home DIR --nodes [LABEL=]FILE... \\
        [--relationships [TYPE=]FILE...] [--database neo4j]
    python -m graph.neo4j_server admin-import --folder EXPORT_DIR   # a graph.export neo4j-admin folder

HOME is `--home`, else $GOVKG_NEO4J_HOME, else <repo>/.neo4j. The Bolt port is
`--port`, else $NEO4J_BOLT_PORT, else 7687; the password of user "neo4j" is
$NEO4J_PASSWORD, else "govkg-dev-password" (set before the first start).

A second, throw-away home (e.g. to prove CSV files import into an empty
database) shares the first home's jars:

    install(tmp, heap="512m", pagecache="256m")   # lib/ -> <default home>/lib
    admin_import(tmp, ["Place=places.csv"], ["PART_OF=part_of.csv"])
    start(tmp, port=free_port()); ...; stop(tmp)
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POM = Path(__file__).resolve().parent / "neo4j" / "pom.xml"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
FOLDERS = ("conf", "data", "logs", "plugins", "import", "run")
USER = "neo4j"
DEFAULT_PASSWORD = "govkg-dev-password"
DEFAULT_PORT = 7687
JARS_MARKER = ".govkg-complete"  # written last into lib/: its presence means the copy finished

# What `neo4j console` adds on Java 17, minus heap (taken from neo4j.conf).
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]

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

_children: dict[int, subprocess.Popen] = {}  # servers this process started, reaped in stop()


class ServerError(RuntimeError):
    """A problem the user can act on; its message is one line."""


# -- locations and settings ------------------------------------------------

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


# -- install ---------------------------------------------------------------

def jars_complete(home) -> bool:
    """True when HOME/lib holds the jars of the pinned version."""
    marker = _home(home) / "lib" / JARS_MARKER
    return marker.exists() and marker.read_text().strip() == neo4j_version()


def install(home=None, port: int | None = None, heap: str | None = None,
            pagecache: str | None = None, password: str | None = None,
            jars_from=None, quiet: bool = False) -> Path:
    """Create HOME (folders, neo4j.conf, jars, initial password); idempotent.

    Jars: HOME/lib becomes a symlink to `jars_from`'s lib when given, else to the
    default home's lib when that one is complete, else Maven copies them in.
    The password (default $NEO4J_PASSWORD) is set only before the first start.
    """
    home = _home(home)
    for folder in FOLDERS:
        (home / folder).mkdir(parents=True, exist_ok=True)
    write_conf(home, port, heap, pagecache)
    if not jars_complete(home):
        source = _home(jars_from) if jars_from is not None else default_home()
        if source != home and jars_complete(source):
            _link_jars(home, source / "lib")
        elif jars_from is not None:
            raise ServerError(f"{source}/lib holds no complete Neo4j {neo4j_version()} jars: "
                              f"run `python -m graph.neo4j_server install --home {source}` first")
        else:
            _fetch_jars(home, quiet)
    if not (home / "data" / "databases" / "system").exists():
        # neo4j-admin only records it; the server applies it when it creates the system database
        _admin_tool(home, ["dbms", "set-initial-password", password or default_password()],
                    heap="256m")
    return home


def _remove_lib(home: Path) -> None:
    lib = home / "lib"
    if lib.is_symlink() or lib.is_file():
        lib.unlink()
    elif lib.exists():
        shutil.rmtree(lib)


def _link_jars(home: Path, lib: Path) -> None:
    _remove_lib(home)
    (home / "lib").symlink_to(lib.resolve(), target_is_directory=True)


def _fetch_jars(home: Path, quiet: bool) -> None:
    """copy-dependencies (runtime scope) into HOME/lib.partial, then rename to HOME/lib."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError("mvn not found: install Maven 3.8+ (e.g. apt-get install maven)")
    partial, log_path = home / "lib.partial", home / "logs" / "install.log"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [mvn, "-B", "-Dstyle.color=never", "-f", str(POM), f"{DEPENDENCY_PLUGIN}:copy-dependencies",
           "-DincludeScope=runtime", f"-DoutputDirectory={partial}"]
    from tqdm import tqdm
    with open(log_path, "w", encoding="utf-8") as log, \
            tqdm(desc=f"fetching Neo4j {neo4j_version()} jars", unit=" files", disable=quiet) as bar:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, cwd=home)
        for line in proc.stdout:
            log.write(line)
            if "Downloaded from" in line:
                bar.update()
        code = proc.wait()
    if code != 0:
        errors = [ln for ln in log_path.read_text(encoding="utf-8").splitlines()
                  if ln.startswith("[ERROR]") and ln.strip() != "[ERROR]"]
        first = errors[0][8:] if errors else "no [ERROR] line"
        raise ServerError(f"mvn failed (exit {code}): {first[:300]} (full output: {log_path})")
    if not any(partial.glob("neo4j-command-line-*.jar")):
        raise ServerError(f"mvn copied no Neo4j jars into {partial} (see {log_path})")
    (partial / JARS_MARKER).write_text(neo4j_version() + "\n")
    _remove_lib(home)
    partial.rename(home / "lib")


# -- java ------------------------------------------------------------------

def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ServerError("java not found: install Java 17 or 21 (e.g. apt-get install openjdk-17-jre-headless)")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)', out)
    if not match or int(match.group(1)) < 17:
        raise ServerError(f"{java} is not Java 17+ ({out.splitlines()[0] if out else 'no version'}): "
                          "Neo4j 5.26 needs Java 17 or 21")
    return java


def _classpath(home: Path) -> str:
    return ":".join(str(home / d / "*") for d in ("plugins", "conf", "lib"))


def _need_jars(home: Path) -> None:
    if not jars_complete(home):
        raise ServerError(f"{home} is not installed: run `python -m graph.neo4j_server install --home {home}`")


# the 5% progress rows of an import, and Java stack traces (the last message line says it all)
_NOISE = re.compile(r"[-.]{10} |\s+at |\s*\.\.\. \d+ more")


def _admin_tool(home: Path, args: list[str], heap: str = "1g",
                echo: bool = False, cwd=None) -> str:
    """Run neo4j-admin (org.neo4j.cli.AdminTool) on HOME from its lib/, in cwd (default HOME); return its output."""
    _need_jars(home)
    cmd = [_java(), f"-Xmx{heap}", *JVM_FLAGS, "-cp", _classpath(home), "org.neo4j.cli.AdminTool", *args]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, cwd=cwd or home)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if echo and not _NOISE.match(line):
            print(line, end="", flush=True)
    code = proc.wait()
    if code != 0:
        useful = [ln.strip() for ln in lines if ln.strip() and not _NOISE.match(ln)]
        raise ServerError(f"neo4j-admin {' '.join(args[:3])} failed (exit {code}): "
                          f"{useful[-1][:300] if useful else 'no output'}")
    return "".join(lines)


# -- run -------------------------------------------------------------------

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


def start(home=None, port: int | None = None, timeout: float = 180, password: str | None = None,
          quiet: bool = False) -> int:
    """Start HOME's server detached and wait until Bolt accepts the password; return its pid.

    `port` rewrites the Bolt port in neo4j.conf. Already running: returns its pid.
    On failure raises ServerError (the server is stopped; logs stay in HOME/logs).
    """
    home = _home(home)
    _need_jars(home)
    pid = is_running(home)
    if pid:
        if not quiet:
            print(f"Neo4j already running: pid {pid}, {bolt_uri(home)}")
        return pid
    java = _java()
    settings = write_conf(home, port)
    port = bolt_port(settings)
    if not port_free(port):
        raise ServerError(f"port {port} on 127.0.0.1 is taken: stop what listens there "
                          "or choose another with --port / NEO4J_BOLT_PORT")
    for folder in FOLDERS:
        (home / folder).mkdir(exist_ok=True)
    cmd = [java, f"-Xms{settings['server.memory.heap.initial_size']}",
           f"-Xmx{settings['server.memory.heap.max_size']}", *JVM_FLAGS,
           "-cp", _classpath(home), "org.neo4j.server.CommunityEntryPoint",
           f"--home-dir={home}", f"--config-dir={home / 'conf'}"]
    console = home / "logs" / "console.log"
    with open(console, "ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=home, start_new_session=True)  # survives our exit and Ctrl-C
    _children[proc.pid] = proc
    _pid_file(home).write_text(f"{proc.pid}\n")
    try:
        _wait_for_bolt(home, proc, port, password or default_password(), timeout, quiet)
    except BaseException:
        stop(home, timeout=30)
        raise
    return proc.pid


def _wait_for_bolt(home: Path, proc: subprocess.Popen, port: int, password: str,
                   timeout: float, quiet: bool) -> None:
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, DriverError
    except ImportError:
        raise ServerError("the neo4j driver is missing: pip install -r requirements.txt") from None
    uri, deadline = f"bolt://127.0.0.1:{port}", time.monotonic() + timeout
    if not quiet:
        print(f"starting Neo4j {neo4j_version()} in {home} ", end="", file=sys.stderr, flush=True)
    while True:
        if proc.poll() is not None:
            raise ServerError(f"Neo4j exited with code {proc.returncode} while starting. {_log_tail(home)}")
        if not port_free(port):
            try:
                with GraphDatabase.driver(uri, auth=(USER, password), connection_timeout=5) as driver:
                    driver.verify_connectivity()
                break
            except AuthError:
                raise ServerError(f"Neo4j at {uri} refuses the password: HOME was initialised with another "
                                  "NEO4J_PASSWORD (delete HOME/data to start over)") from None
            except (Neo4jError, DriverError, OSError):
                pass  # listening but not serving yet
        if time.monotonic() > deadline:
            raise ServerError(f"Neo4j did not answer on {uri} within {timeout:.0f} s. {_log_tail(home)}")
        if not quiet:
            print(".", end="", file=sys.stderr, flush=True)
        time.sleep(1)
    if not quiet:
        print(" up", file=sys.stderr, flush=True)


def _log_tail(home: Path, lines: int = 15) -> str:
    """The last lines of the server's logs, for an error message."""
    parts = []
    for name in ("console.log", "neo4j.log"):
        path = home / "logs" / name
        if path.exists():
            tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            parts.append(f"--- {path} ---\n" + "\n".join(tail))
    return "\n".join(parts) if parts else f"(no logs in {home / 'logs'})"


def stop(home=None, timeout: float = 60) -> bool:
    """SIGTERM HOME's server, wait (SIGKILL after `timeout`), remove the pid file; False if not running."""
    home = _home(home)
    pid = is_running(home)
    if pid is None:
        _pid_file(home).unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while is_running(home) and time.monotonic() < deadline:
        time.sleep(0.5)
    if is_running(home):
        os.kill(pid, signal.SIGKILL)
        while is_running(home):
            time.sleep(0.2)
    child = _children.pop(pid, None)
    if child is not None:
        child.wait()
    _pid_file(home).unlink(missing_ok=True)
    return True


def status(home=None) -> dict:
    """{"running", "pid", "uri", "home", "version"} of HOME's server."""
    home = _home(home)
    pid = is_running(home)
    return {"running": pid is not None, "pid": pid, "uri": bolt_uri(home), "home": str(home),
            "version": neo4j_version()}


# -- import ----------------------------------------------------------------

_COUNTS = re.compile(r"Imported:\s+(\d+) nodes\s+(\d+) relationships\s+(\d+) properties")


def admin_import(home, nodes: list, relationships: list = (), database: str = "neo4j",
                 extra_args: list[str] = (), heap: str = "1g", max_off_heap: str = "1G",
                 echo: bool = False) -> dict:
    """`neo4j-admin database import full` of CSV files into HOME's (stopped) server.

    nodes / relationships: "[LABEL=]FILE[,FILE...]" strings or (LABEL, FILE) pairs;
    the header is the first file's first line. Replaces the database.
    Returns {"nodes", "relationships", "properties", "seconds", "report"}.
    """
    home = _home(home)
    if not nodes:
        raise ServerError("admin-import needs at least one --nodes file")
    sources = [f"--nodes={_import_source(s)}" for s in nodes]
    sources += [f"--relationships={_import_source(s)}" for s in relationships]
    _need_jars(home)
    if is_running(home):
        raise ServerError(f"Neo4j in {home} is running: stop it before importing "
                          f"(python -m graph.neo4j_server stop --home {home})")
    # the database goes first: --nodes/--relationships take every later non-option word
    # article text and evidence sentences hold line breaks: multiline fields are on
    # extra_args may set these two (a graph.export folder does: IMPORT_ARGS); an option twice is refused
    defaults = [d for d in ("--array-delimiter=;", "--multiline-fields=true")
                if not any(a.startswith(d.split("=")[0] + "=") for a in extra_args)]
    args = ["database", "import", "full", database, "--overwrite-destination=true", *defaults,
            f"--report-file={home / 'logs' / 'import.report'}", f"--max-off-heap-memory={max_off_heap}"]
    args += [*sources, *extra_args]
    began = time.monotonic()
    report = _admin_tool(home, args, heap=heap, echo=echo)
    match = _COUNTS.search(report)
    if not match:
        raise ServerError(f"neo4j-admin import printed no counts (see {home / 'logs' / 'import.report'})")
    n, r, p = map(int, match.groups())
    return {"nodes": n, "relationships": r, "properties": p,
            "seconds": round(time.monotonic() - began, 1), "report": report}


def _import_source(source) -> str:
    """"LABEL=a.csv,b.csv" with absolute paths; each file must exist."""
    if isinstance(source, (tuple, list)):
        name, files = source
    else:
        name, _, files = str(source).rpartition("=")
    paths = []
    for part in str(files).split(","):
        path = Path(part).expanduser()
        if not path.is_file():
            raise ServerError(f"{part}: no such CSV file")
        paths.append(str(path.resolve()))
    return f"{name}={','.join(paths)}" if name else ",".join(paths)


# -- command line ----------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", default=None,
                        help="Neo4j home (default: $GOVKG_NEO4J_HOME or <repo>/.neo4j)")
    parser = argparse.ArgumentParser(prog="python -m graph.neo4j_server", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("install", parents=[common], help="create HOME and fetch the jars")
    p.add_argument("--port", type=int, default=None, help="Bolt port (default: $NEO4J_BOLT_PORT or 7687)")
    p.add_argument("--heap", default=None, help="JVM heap, e.g. 1g")
    p.add_argument("--pagecache", default=None, help="page cache, e.g. 1g")
    p.add_argument("--jars-from", default=None, help="another home whose lib/ to share")
    p = sub.add_parser("start", parents=[common], help="start the server and wait for Bolt")
    p.add_argument("--port", type=int, default=None, help="Bolt port (rewrites neo4j.conf)")
    p.add_argument("--timeout", type=float, default=180, help="seconds to wait for Bolt")
    p = sub.add_parser("stop", parents=[common], help="stop the server")
    p.add_argument("--timeout", type=float, default=60, help="seconds before SIGKILL")
    sub.add_parser("status", parents=[common], help="exit 0 if running, 3 if not")
    p = sub.add_parser("admin-import", parents=[common], help="neo4j-admin database import full")
    p.add_argument("--nodes", nargs="+", action="extend", default=[], metavar="[LABEL=]FILE")
    p.add_argument("--relationships", nargs="+", action="extend", default=[], metavar="[TYPE=]FILE")
    p.add_argument("--folder", default=None, metavar="DIR",
                   help="every non-empty file of a `graph.export --format neo4j-admin` folder")
    p.add_argument("--database", default="neo4j")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _run(args) -> int:
    home = _home(args.home)
    if args.command == "install":
        began = time.monotonic()
        install(home, args.port, args.heap, args.pagecache, jars_from=args.jars_from)
        print(f"Neo4j {neo4j_version()} installed in {home} ({bolt_uri(home)}, "
              f"{time.monotonic() - began:.1f} s)")
    elif args.command == "start":
        began = time.monotonic()
        running = is_running(home)
        pid = start(home, args.port, args.timeout)
        if not running:
            print(f"Neo4j running: pid {pid}, {bolt_uri(home)} (user {USER}), "
                  f"started in {time.monotonic() - began:.1f} s")
    elif args.command == "stop":
        print(f"Neo4j in {home} stopped" if stop(home, args.timeout) else f"Neo4j in {home} was not running")
    elif args.command == "status":
        s = status(home)
        if not s["running"]:
            print(f"Neo4j in {home} is not running")
            return 3
        print(f"Neo4j {s['version']} running: pid {s['pid']}, {s['uri']}, home {home}")
    elif args.command == "admin-import":
        extra = []
        if args.folder:
            from graph.export.neo4j_admin import IMPORT_ARGS, import_files
            extra = IMPORT_ARGS
            if not os.path.isdir(args.folder):
                raise ServerError(f"{args.folder} is not a folder (unzip a .zip export first)")
            try:
                nodes, rels = import_files(args.folder)
            except ValueError as e:  # ExportError: a file of the export is missing
                raise ServerError(str(e)) from None
            args.nodes += [str(p) for p in nodes]
            args.relationships += [str(p) for p in rels]
        for source in args.nodes + args.relationships:
            _import_source(source)  # name a missing file before installing anything
        install(home)
        counts = admin_import(home, args.nodes, args.relationships, args.database, extra_args=extra, echo=True)
        print(f"imported {counts['nodes']} nodes, {counts['relationships']} relationships, "
              f"{counts['properties']} properties into {args.database} in {home} ({counts['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
