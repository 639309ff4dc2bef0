"""Many embedded stores open in one process (the app keeps one per database it has shown)."""
from __future__ import annotations

from graph.embedded import EmbeddedStore


def test_twenty_stores_open_at_once_in_one_process(tmp_path):
    # at LadybugDB's default each would reserve 8 TB of address space: 20 are more than a process has
    stores = []
    try:
        for i in range(20):
            stores.append(EmbeddedStore(str(tmp_path / f"g{i}.lbug"), buffer_pool_mb=64))
            stores[-1].ensure_schema()
        assert all(s.counts()["nodes"].get("Article", 0) == 0 for s in stores)
    finally:
        for s in stores:
            s.close()
