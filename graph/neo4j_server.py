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

This module starts, stops and reports on a server, and is the CLI; the rest is
in graph.neo4j_conf (HOME, neo4j.conf), graph.neo4j_install, graph.neo4j_admin
(the JVM, neo4j-admin, CSV import) and graph.neo4j_process (pid, ports).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.neo4j_admin import JVM_FLAGS, _classpath, _import_source, _java, _need_jars, admin_import
from graph.neo4j_conf import (FOLDERS, USER, ServerError, _home, bolt_port, bolt_uri, default_password,
                              neo4j_version, write_conf)
from graph.neo4j_install import install
from graph.neo4j_process import _children, _pid_file, is_running, port_free

# Re-exported: scripts, benchmarks and tests import these from graph.neo4j_server.
from graph.neo4j_admin import _COUNTS, _admin_tool  # noqa: F401
from graph.neo4j_conf import (BASE_SETTINGS, DEFAULT_PASSWORD, DEFAULT_PORT, JARS_MARKER,  # noqa: F401
                              POM, REPO, default_home, default_port, jars_complete, read_conf)
from graph.neo4j_install import DEPENDENCY_PLUGIN  # noqa: F401
from graph.neo4j_process import bolt_reachable, free_port  # noqa: F401


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
