"""A Neo4j server whose transaction memory limit is below one batch: load() splits
the batch until it fits (the graph equals the embedded store's), and clear() deletes
in smaller transactions."""
from __future__ import annotations

import pytest

from bench import synth
from graph import neo4j_server as ns
from graph.store import open_store

pytestmark = pytest.mark.slow
LIMIT = "4m"  # refuses the 152-article batch below; its 19-article parts fit


@pytest.fixture(scope="module")
def small_server(neo4j_home_factory):
    home = neo4j_home_factory("neo4j-small")
    with open(home / "conf" / "neo4j.conf", "a", encoding="utf-8") as f:
        f.write(f"db.memory.transaction.max={LIMIT}\n")
    port = ns.free_port()
    ns.start(home, port=port, quiet=True)
    store = open_store("neo4j", uri=f"bolt://127.0.0.1:{port}", password=ns.default_password())
    store.ensure_schema()
    yield store
    store.close()
    ns.stop(home)


def _snapshot(store):
    return (sorted(store.iter_nodes(), key=lambda n: n["key"]),
            sorted(store.iter_edges(), key=lambda e: (e["type"], e["source"], e["target"])))


def test_batches_over_the_memory_limit_are_split_and_load_everything(small_server, embedded_store):
    recs = synth.generate(3000)
    calls = []
    stats = small_server.load(recs, batch_size=len(recs), progress=calls.append)
    assert len(calls) > 1 and sum(calls) == len(recs)  # split: one progress step per transaction
    assert (stats.articles_read, stats.articles_loaded, stats.articles_present) == (len(recs), len(recs), 0)
    embedded_store.load(recs)
    assert small_server.counts() == embedded_store.counts()
    assert _snapshot(small_server) == _snapshot(embedded_store)
    again = small_server.load(recs, batch_size=len(recs))
    assert (again.articles_present, again.nodes_created, again.rels_created, again.rels_updated) == (len(recs), 0, 0, 0)
    small_server.clear()  # 10,000-row delete transactions are over the limit too: smaller ones
    counts = small_server.counts()
    assert sum(counts["nodes"].values()) == sum(counts["relationships"].values()) == 0
