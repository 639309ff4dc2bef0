"""Reopening an embedded file whose writer was killed: in a child process first."""
from __future__ import annotations

import os

import pytest

from graph.store import StoreError, open_store


def test_a_killed_writer_leaves_a_marker_and_the_next_open_recovers(tmp_path, hold_embedded, seed_records):
    db = str(tmp_path / "g.lbug")
    with open_store("embedded", db=db) as store:
        store.ensure_schema()
        store.load(seed_records)
        assert os.path.exists(db + ".writer")  # held while open
    assert not os.path.exists(db + ".writer")  # a clean close removes it
    holder = hold_embedded(db)
    assert os.path.exists(db + ".writer")
    holder.release()  # SIGKILL
    assert os.path.exists(db + ".writer")
    with open_store("embedded", db=db, read_only=True) as store:  # probed, read-only: the marker stays
        assert store.counts()["nodes"]["Article"] == len(seed_records)
    assert os.path.exists(db + ".writer")
    with open_store("embedded", db=db) as store:  # probed read-write: recovered, the marker goes
        assert store.counts()["nodes"]["Article"] == len(seed_records)
    assert not os.path.exists(db + ".writer")


def test_a_file_that_fails_in_the_child_is_one_line_naming_rebuild(tmp_path):
    db = tmp_path / "g.lbug"
    db.write_bytes(os.urandom(1 << 16))
    (tmp_path / "g.lbug.writer").write_text("")  # its writer died
    with pytest.raises(StoreError) as err:
        open_store("embedded", db=str(db))
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(f"cannot open embedded database {db}: ")
    assert msg.endswith(f"python -m ingest --rebuild --db {db}")


def test_mention_counts_ahead_of_their_edges_after_a_killed_writer_name_rebuild(tmp_path, seed_records):
    """The state a kill inside CHECKPOINT leaves (node rows ahead of MENTIONS), made by a real write."""
    db = str(tmp_path / "g.lbug")
    with open_store("embedded", db=db) as store:
        store.ensure_schema()
        store.load(seed_records)
        store._conn.execute("MATCH (n:Place) WITH n LIMIT 2 SET n.mention_count = n.mention_count + 1")
    (tmp_path / "g.lbug.writer").write_text("")  # its writer died
    with pytest.raises(StoreError, match=r"left 2 node\(s\) counting mentions .*--rebuild --db "):
        open_store("embedded", db=db, read_only=True)
