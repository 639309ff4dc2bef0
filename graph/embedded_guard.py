"""Opening an embedded file that a killed writer left behind, without a native crash.

LadybugDB 0.22 can segfault when it reopens a file whose writer was killed inside
CHECKPOINT, or reopen it with node rows ahead of their MENTIONS edges (upstream
issue #714). A writer holds `<db>.writer` (locked) while it has the file open and
deletes it on a clean close; a marker nobody holds says the last writer died. Then
the file is first opened and checked in a child process: if that child crashes,
fails or finds such nodes, the caller gets one line naming `python -m ingest
--rebuild` (the article log holds every loaded article) instead of a segfault or a
silently wrong graph.
"""
from __future__ import annotations

import os
import subprocess
import sys

from graph.store import StoreError

# Exit 3 and a number: nodes whose mention_count is ahead of their MENTIONS edges, what a kill
# inside CHECKPOINT can leave (node rows written, edges not).
_PROBE = """
import sys, ladybug
db = ladybug.Database(sys.argv[1], read_only=sys.argv[2] == "1", buffer_pool_size=128 << 20)
conn = ladybug.Connection(db)
tables = conn.execute("CALL show_tables() RETURN name, type").get_all()
bad = 0
for (table, kind) in tables:
    if kind != "NODE":
        conn.execute(f"MATCH ()-[r:{table}]->() RETURN count(*)").get_all()
        continue
    conn.execute(f"MATCH (n:{table}) RETURN count(*)").get_all()
    if table != "Article" and ["MENTIONS", "REL"] in tables:
        try:
            bad += conn.execute(f"MATCH (n:{table}) OPTIONAL MATCH (n)<-[m:MENTIONS]-() WITH n, "
                                "coalesce(sum(m.count), 0) AS c WHERE coalesce(n.mention_count, 0) <> c "
                                "RETURN count(*)").get_all()[0][0]
        except RuntimeError:
            pass  # a table without mention counts
conn.close()
db.close()
if bad:
    print(bad)
    sys.exit(3)
"""


def rebuild_hint(db: str) -> str:
    return f"rebuild it from its article log: python -m ingest --rebuild --db {db}"


def unopenable(db: str, why: str) -> StoreError:
    return StoreError(f"cannot open embedded database {db}: {why}; {rebuild_hint(db)}")


class WriterMarker:
    """`<db>.writer`: present and locked while a writer has the file open."""

    def __init__(self, db: str):
        self.path, self.fd = f"{db}.writer", None

    def hold(self) -> None:
        if fcntl is None:  # Windows: no markers (LadybugDB's own lock still stops a second writer)
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return  # a read-only folder: LadybugDB's own error says more
        if not _try_lock(fd):
            os.close(fd)  # another writer: LadybugDB's lock refuses this one next
            return
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None

    def writer_died(self) -> bool:
        """A marker is left and no live process holds it."""
        return self.held() is False

    def held(self) -> bool | None:
        """Whether a live writer holds the marker; None when there is none."""
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return None
        try:
            return not _try_lock(fd, shared=True)
        finally:
            os.close(fd)


def check_reopen(db: str, read_only: bool) -> None:
    """After a writer died, open db in a child process first; StoreError (one line)
    when that child fails or crashes. A writable open that succeeds there has
    recovered the file, so its marker goes."""
    marker = WriterMarker(db)
    if not os.path.exists(db) or not marker.writer_died():
        return
    try:
        child = subprocess.run([sys.executable, "-c", _PROBE, db, "1" if read_only else "0"],
                               capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        raise unopenable(db, "reopening it after an interrupted write did not finish in 10 minutes") from None
    if child.returncode < 0:
        raise unopenable(db, f"LadybugDB crashed reopening it after an interrupted write "
                             f"(signal {-child.returncode})") from None
    if child.returncode == 3:
        raise unopenable(db, f"an interrupted write left {child.stdout.strip()} node(s) counting mentions "
                             f"their MENTIONS edges do not hold (LadybugDB issue #714)") from None
    if child.returncode != 0:
        lines = [ln for ln in child.stderr.strip().splitlines() if ln.strip()]
        raise unopenable(db, lines[-1] if lines else f"exit status {child.returncode}") from None
    if not read_only:
        try:
            os.unlink(marker.path)
        except OSError:
            pass


try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


def _try_lock(fd: int, shared: bool = False) -> bool:
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
