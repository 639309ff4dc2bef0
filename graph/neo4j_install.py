"""Install a Neo4j home: folders, neo4j.conf, jars (shared or fetched by Maven), initial password."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from graph.neo4j_admin import _admin_tool
from graph.neo4j_conf import (FOLDERS, JARS_MARKER, POM, ServerError, _home, default_home,
                              default_password, jars_complete, neo4j_version, write_conf)

DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"


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
