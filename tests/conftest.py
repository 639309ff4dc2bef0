"""Shared fixtures: the shared/ data, extracted seed records, and stores."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.neo4j_server import bolt_reachable

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need_shared(*parts: str) -> Path:
    """A path under ../shared/; skip outside CI when it is absent, fail in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI must have ../shared/ beside the checkout")
        pytest.skip(f"{path} not present (tests read the seed articles from ../shared/)")
    return path


@pytest.fixture(scope="session")
def neo4j_home_factory(tmp_path_factory):
    """make(name): a fresh Neo4j home (small heap) sharing the installed jars; fails in CI without them."""
    from graph import neo4j_server as ns

    def make(name: str) -> Path:
        if not ns.jars_complete(ns.default_home()):
            msg = f"no Neo4j jars in {ns.default_home()} (run: python -m graph.neo4j_server install)"
            if IN_CI:
                pytest.fail(msg)
            pytest.skip(msg)
        return ns.install(tmp_path_factory.mktemp(name), heap="512m", pagecache="128m", quiet=True)
    return make


class _LockHolder:
    """Another process holding an embedded database open for writing (its file lock)."""

    def __init__(self, db):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import sys, time; from graph.store import open_store; "
             "s = open_store('embedded', db=sys.argv[1]); s.ensure_schema(); print('ready', flush=True); "
             "time.sleep(60)", str(db)],
            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert self.proc.stdout.readline().strip() == "ready"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@pytest.fixture
def hold_embedded():
    """hold_embedded(db) starts a _LockHolder; every holder is released at the end."""
    holders = []

    def start(db) -> _LockHolder:
        holders.append(_LockHolder(db))
        return holders[-1]
    yield start
    for holder in holders:
        holder.release()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return need_shared()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(need_shared("seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_records(seed_paths) -> list[dict]:
    """The seed articles run through the real extractor (cached per session)."""
    from ingest.extract import extract_file
    return [extract_file(p) for p in seed_paths]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"



@pytest.fixture(scope="session")
def neo4j_settings() -> dict:
    """Connection settings of the running Neo4j; CI must have one (never skip there)."""
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    if not bolt_reachable(uri):
        msg = f"no Neo4j answering at {uri} (start one: python -m graph.neo4j_server start)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return {"uri": uri, "user": os.environ.get("NEO4J_USER", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD", "govkg-dev-password")}


@pytest.fixture
def embedded_store(tmp_path):
    from graph.store import open_store
    store = open_store("embedded", db=str(tmp_path / "test.lbug"))
    store.ensure_schema()
    yield store
    store.close()


@pytest.fixture
def neo4j_store(neo4j_settings):
    from graph.store import open_store
    store = open_store("neo4j", uri=neo4j_settings["uri"], user=neo4j_settings["user"],
                       password=neo4j_settings["password"])
    store.ensure_schema()
    store.clear()
    yield store
    store.clear()
    store.close()


@pytest.fixture(params=["embedded", "neo4j"])
def any_store(request):
    """The same test against both stores."""
    return request.getfixturevalue(f"{request.param}_store")
