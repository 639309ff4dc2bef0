"""Each benchmark once at the smallest size, so the scripts cannot rot.

No timing assertions: only that they run and report what BENCHMARKS.md reads.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from bench import synth
from bench.common import summarize, write_result
from graph.loading import validate_record

LATENCY_KINDS = {"ego1", "ego1_hub", "ego2", "ego2_hub", "path", "trace", "trace_hub", "search"}


@pytest.fixture(scope="module")
def records():
    return synth.generate(1000)


def test_synth_is_deterministic_valid_and_sized(records):
    assert synth.generate(1000) == records
    assert synth.generate(1000, seed=1) != records
    for rec in records:
        validate_record(rec)
    counts = synth.count_relationships(records)
    assert set(counts) == {"LEADS", "HOSTS", "INVESTS_IN", "PART_OF", "MENTIONS"}
    total = sum(counts.values())
    last = len(records[-1]["entities"]) + len(records[-1]["relations"])
    assert 1000 <= total < 1000 + last  # stops right after reaching the target


def test_synth_places_are_real_and_chained(records):
    gaz = {p[0]: p for level in synth.gazetteer().values() for p in level}
    assert gaz["place:江苏省/徐州市/睢宁县"][1] == "睢宁县"
    places = {e["key"]: e for r in records for e in r["entities"] if e["type"] == "Place"}
    assert places and all(k in gaz for k in places)
    for rec in records:
        for rel in rec["relations"]:
            if rel["type"] == "PART_OF":
                assert gaz[rel["head_key"]][3] == rel["tail_key"]  # the gazetteer's parent


def test_synth_degrees_follow_a_power_law():
    from bench.bench_store import degrees
    deg = degrees(synth.generate(20000))
    values = sorted((v for k, v in deg.items() if not k.startswith("article:")), reverse=True)
    median = values[len(values) // 2]
    assert values[0] >= 50 * median  # hubs exist
    hubs = [k.split(":")[0] for k, _ in Counter({k: v for k, v in deg.items()
                                                 if not k.startswith("article:")}).most_common(60)]
    assert {"place", "company", "official"} <= set(hubs)


def test_synth_cli_writes_jsonl(tmp_path):
    out = tmp_path / "s.jsonl"
    assert synth.main(["--rels", "500", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and json.loads(lines[0]) == synth.generate(500)[0]


def test_summarize_percentiles():
    s = summarize([float(i) for i in range(1, 101)])
    assert (s["n"], s["p50"], s["p95"], s["p99"], s["max"]) == (100, 50.0, 95.0, 99.0, 100.0)


def _check_store_result(res, records):
    assert res["loaded_rels"] == res["expected_rels"] == sum(synth.count_relationships(records).values())
    assert res["articles"] == len(records) and res["nodes"] > 0
    assert res["load_s"] > 0 and res["load_rels_per_s"] > 0
    assert set(res["latency_ms"]) == LATENCY_KINDS
    for kind, s in res["latency_ms"].items():
        assert s["n"] >= 1 and 0 < s["p50"] <= s["p95"] <= s["p99"], kind
    assert res["latency_ms"]["ego1"]["result_sizes_mean"] > 1  # ego networks are not empty
    assert res["latency_ms"]["ego2_hub"]["result_sizes_mean"] > res["latency_ms"]["ego1"]["result_sizes_mean"]
    ref = res["reference_ms"]  # networkx on the same graph: the same answers, so comparable times
    assert set(ref) - {"build_s"} == LATENCY_KINDS and set(res["ratio_p95"]) == LATENCY_KINDS
    for kind in ("ego1", "ego1_hub", "ego2", "ego2_hub", "trace", "trace_hub"):
        mine, theirs = res["latency_ms"][kind], ref[kind]
        assert (mine["result_sizes_mean"], mine["omitted_mean"]) == (theirs["result_sizes_mean"],
                                                                     theirs["omitted_mean"]), kind


def test_bench_store_embedded_plot_and_tables(records, tmp_path):
    from bench import bench_store, plot, run_all
    res = bench_store.run("embedded", 1000, records, scale=0.05, budget_s=30, work=tmp_path)
    _check_store_result(res, records)
    assert res["db_bytes"] > 0
    results = tmp_path / "results"
    write_result("store-embedded-1k", res, results)
    png = plot.plot(plot.load_runs(results), tmp_path / "latency.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = run_all.tables(results)
    assert "| embedded | 1k |" in table and "| ego2_hub |" in table


def test_bench_store_neo4j(records, neo4j_settings, tmp_path):
    from bench import bench_store
    res = bench_store.run("neo4j", 1000, records, scale=0.05, budget_s=30, uri=neo4j_settings["uri"],
                          work=tmp_path)
    _check_store_result(res, records)


def test_bench_export(tmp_path):
    from bench import bench_export
    from graph.export import FORMATS
    res = bench_export.run(1000, work=tmp_path)
    assert res["relationships"] >= 1000 and res["nodes"] > 0
    assert res["baseline"]["peak_rss_mb"] > 0
    assert set(res["formats"]) == set(FORMATS)
    for fmt, r in res["formats"].items():
        assert r["returncode"] == 0, fmt
        assert r["seconds"] > 0 and r["peak_rss_mb"] > 0 and r["output_mb"] > 0, fmt


def test_bench_extract(tmp_path):
    from tests.conftest import need_shared

    from bench import bench_extract
    corpus = need_shared("corpus", "news_2011.jsonl")
    articles, chars = bench_extract.corpus_stats(corpus, limit=3)
    assert articles == 3 and chars > 0
    for workers in (1, 2):
        res = bench_extract.run_extract(corpus, workers, limit=3)
        assert res["articles"] == 3 and res["ok"] + res["failed"] == 3 and res["ok"] >= 1
        assert res["chars_per_s"] > 0 and res["articles_per_s"] > 0 and res["entities"] > 0
    base = bench_extract.run_baseline(corpus, limit=3)
    assert base["chars"] == chars and base["words"] > 0 and base["chars_per_s"] > 0


def test_bench_log_measures_both_formats(records, tmp_path):
    from bench.bench_log import measure
    r = measure(records, tmp_path / "log")
    assert r["articles"] == len(records) and r["segments"] == 1
    assert 0 < r["log_bytes"] < r["plain_bytes"] and r["size_ratio"] == round(r["log_bytes"] / r["plain_bytes"], 3)
    assert not (tmp_path / "log").exists()  # its files are removed
