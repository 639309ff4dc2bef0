"""Fixtures of the app tests: a seeded embedded graph and an AppTest pointed at it."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # the app imports app_pages/ and graph/ from the repo root

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _extractor_ready() -> bool:
    try:
        from ingest.extract import extract_file  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="session")
def app_records(request) -> list[dict]:
    """The seed articles through the real extractor; until it exists (never in CI)
    the hand-written corpus in tests/app/records.py."""
    if _extractor_ready() or IN_CI:
        return request.getfixturevalue("seed_records")
    from tests.app.records import records
    return records()


def build_db(path: Path, records: list[dict]) -> Path:
    from graph.store import open_store
    with open_store("embedded", db=str(path)) as store:
        store.ensure_schema()
        store.load(records)
    return path


@pytest.fixture(scope="session")
def db_factory(app_records):
    """db_factory(path): a new embedded graph file at path holding the app records."""
    return lambda path: build_db(Path(path), app_records)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, app_records) -> Path:
    """Read by every read-only page test (the app keeps it open for the session)."""
    return build_db(tmp_path_factory.mktemp("seeded") / "graph.lbug", app_records)


@pytest.fixture(scope="session")
def handwritten_db(tmp_path_factory) -> Path:
    """The hand-written corpus (dated articles, known amounts) on its own."""
    from tests.app.records import records
    return build_db(tmp_path_factory.mktemp("handwritten") / "graph.lbug", records())


@pytest.fixture
def own_db(tmp_path, app_records) -> Path:
    """A seeded graph of this test's own, for tests that try to change it."""
    return build_db(tmp_path / "graph.lbug", app_records)


@pytest.fixture
def empty_db(tmp_path) -> Path:
    return tmp_path / "empty.lbug"


def run_page(page: str | None, query: dict):
    """An AppTest of app.py on the store the environment names, run on that page."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
        at.query_params.update(query)
        at.run()
    assert not at.exception, at.exception
    return at


def app_on_either_store(request, monkeypatch, records: list[dict], db_fixture: str):
    """For a fixture with params ["embedded", "neo4j"]: yields open(page, **query), an AppTest of
    app.py on the store request.param names (the embedded file db_fixture gives, or the test
    Neo4j loaded with records)."""
    from app_pages.widgets import _release, forget_cached_reads
    if request.param == "embedded":
        monkeypatch.setenv("GOVKG_STORE", "embedded")
        monkeypatch.setenv("GOVKG_DB", str(request.getfixturevalue(db_fixture)))
    else:
        settings = request.getfixturevalue("neo4j_settings")
        request.getfixturevalue("neo4j_store").load(records)
        for name, value in (("GOVKG_STORE", "neo4j"), ("NEO4J_URI", settings["uri"]),
                            ("NEO4J_USER", settings["user"]), ("NEO4J_PASSWORD", settings["password"])):
            monkeypatch.setenv(name, value)
    forget_cached_reads()
    yield lambda page, **query: run_page(page, query)
    if request.param == "embedded":
        _release()  # each embedded file the app keeps open reserves address space: close this one


def _make_app(monkeypatch, db: Path, page: str | None, query: dict):
    monkeypatch.setenv("GOVKG_STORE", "embedded")
    monkeypatch.setenv("GOVKG_DB", str(db))
    return run_page(page, query)


@pytest.fixture
def open_app(monkeypatch):
    """open_app(db, "search", q="宋乐伟"): an AppTest of app.py on db, run on that page."""
    return lambda db, page=None, **query: _make_app(monkeypatch, db, page, query)


@pytest.fixture
def app(open_app, seeded_db):
    """open_app bound to the seeded graph: app("search", q="宋乐伟")."""
    return lambda page=None, **query: open_app(seeded_db, page, **query)


@pytest.fixture
def app_store():
    """app_store(db): the very store object the app opened for db (no cache in between)."""
    def get(db):
        from app_pages.widgets import _open, store_config
        return _open("embedded", os.path.abspath(db), store_config()[2])
    return get
