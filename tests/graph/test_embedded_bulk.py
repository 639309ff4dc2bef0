"""The embedded store's first load into an empty database: written straight into
the file (no transaction), guarded by the `<db>.bulk-load` marker."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store import StoreError, open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_store import expected_snapshot, many_records, snapshot  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def test_first_load_then_incremental_loads_equal_the_merge_rules(tmp_path):
    recs = many_records(300)
    with open_store("embedded", db=str(tmp_path / "a.lbug")) as store:
        store.ensure_schema()
        first = store.load(recs[:100])        # empty store: the direct write
        later = store.load(recs[100:], batch_size=50)  # transactions merging into stored rows
        assert (first.articles_loaded, later.articles_loaded) == (100, 200)
        assert later.nodes_updated > 0 and later.rels_updated > 0
        assert snapshot(store) == expected_snapshot(recs)
        assert not os.path.exists(store.path + ".bulk-load")


def test_a_failed_first_load_leaves_the_empty_store_it_found(tmp_path, monkeypatch):
    from graph import embedded, embedded_load
    calls = []

    def failing(self, plan, run):
        run("COPY Official FROM govkg_rows", embedded_load._arrow(plan.create_nodes["Official"],
                                                                 embedded_load.schema.node_props("Official")))
        calls.append(1)
        run("MATCH (n:NoSuchTable) RETURN n")  # Ladybug refuses this: the write fails half way

    with open_store("embedded", db=str(tmp_path / "b.lbug")) as store:
        store.ensure_schema()
        monkeypatch.setattr(embedded.EmbeddedStore, "_write_plan", failing)
        with pytest.raises(StoreError, match="loading into .*b.lbug failed"):
            store.load(many_records(50))
        assert calls == [1]
        assert sum(store.counts()["nodes"].values()) == 0
        assert not os.path.exists(store.path + ".bulk-load")
        monkeypatch.undo()
        store.load(many_records(50))  # usable, and the retry is a first load again
        assert snapshot(store) == expected_snapshot(many_records(50))


def test_a_marker_left_by_a_dead_loader_resets_the_database(tmp_path, capfd):
    db = str(tmp_path / "c.lbug")
    with open_store("embedded", db=db) as store:
        store.ensure_schema()
        store.load(many_records(20))
    Path(db + ".bulk-load").write_text("12345\n")  # as a killed first load leaves it
    with open_store("embedded", db=db, read_only=True) as reader:  # readers do not touch it
        assert reader.counts()["nodes"]["Article"] == 20
    with open_store("embedded", db=db) as store:
        store.ensure_schema()
        assert sum(store.counts()["nodes"].values()) == 0
    assert not os.path.exists(db + ".bulk-load")
    assert "interrupted first load" in capfd.readouterr().err


def test_a_marker_held_by_a_live_loader_is_not_touched(tmp_path):
    db = str(tmp_path / "d.lbug")
    marker = db + ".bulk-load"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('ready', flush=True); time.sleep(60)", marker],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            open_store("embedded", db=db)
        assert os.path.exists(marker)
    finally:
        holder.kill()
        holder.wait()


KILL_SCRIPT = r"""
import sys
from bench import synth
from graph.store import open_store
records = synth.generate(60_000)
store = open_store("embedded", db=sys.argv[1])
store.ensure_schema()
print("loading", flush=True)
store.load(records)
print("done", flush=True)
"""


@pytest.mark.slow
def test_sigkill_inside_the_first_load_then_rerun_equals_a_clean_load(tmp_path):
    from bench import synth
    records = synth.generate(60_000)
    clean = str(tmp_path / "clean.lbug")
    with open_store("embedded", db=clean) as store:
        store.ensure_schema()
        store.load(records)
        reference = snapshot(store)
    db = str(tmp_path / "killed.lbug")
    child = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, db], stdout=subprocess.PIPE, text=True,
                             env=ENV, cwd=REPO)
    try:
        assert child.stdout.readline().strip() == "loading"
        deadline = time.monotonic() + 120
        while not os.path.exists(db + ".bulk-load"):  # the direct write has begun
            assert child.poll() is None and time.monotonic() < deadline, "the load never started writing"
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert os.path.exists(db + ".bulk-load")  # it died inside the write
    with open_store("embedded", db=db) as store:
        store.ensure_schema()
        assert store.counts()["nodes"]["Article"] == 0
        store.load(records)
        assert snapshot(store) == reference


def test_a_failing_record_source_keeps_the_batches_read_before_it(tmp_path):
    recs = many_records(120)

    def source():
        yield from recs[:100]
        raise OSError("the input file went away")

    with open_store("embedded", db=str(tmp_path / "e.lbug")) as store:
        store.ensure_schema()
        with pytest.raises(OSError, match="went away"):
            store.load(source(), batch_size=50)
        assert store.counts()["nodes"]["Article"] == 100  # both full batches were written
        store.load(recs, batch_size=50)
        assert snapshot(store) == expected_snapshot(recs)
