"""The Neo4j before/after script once at a tiny size, so it cannot rot (no timing assertions)."""
from __future__ import annotations

import json


def test_ab_neo4j_runs_both_checkouts_alternately(neo4j_store, neo4j_settings, tmp_path):
    """bench/ab_neo4j.py once at 3 k, the smallest size bench_store samples (this checkout on both sides)."""
    from bench import ab_neo4j, synth
    from bench.common import REPO
    neo4j_store.load(synth.generate(3000))
    out = tmp_path / "ab.jsonl"
    assert ab_neo4j.main(["--before", str(REPO), "--size", "3k", "--samples", "2", "--rounds", "1",
                          "--uri", neo4j_settings["uri"], "-o", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["side"] for x in lines] == ["before", "after"]
    for x in lines:
        assert set(x["ms"]) == set(ab_neo4j.KINDS) and all(len(v) == 2 for v in x["ms"].values())
