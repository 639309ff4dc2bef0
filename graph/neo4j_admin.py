"""The JVM a home's jars run on, neo4j-admin, and `neo4j-admin database import full`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from graph.neo4j_conf import ServerError, _home, jars_complete
from graph.neo4j_process import is_running

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
