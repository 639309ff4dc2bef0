"""Re-ingest and load order change nothing: full dumps compared, both stores."""
from __future__ import annotations

import random
from itertools import islice

import pytest

from reliability_tools import dump, run_cli


@pytest.fixture(scope="module")
def corpus_file(shared_dir, tmp_path_factory):
    """The first 60 articles of the 2011 corpus, as a JSON-lines file of our own."""
    path = tmp_path_factory.mktemp("idem") / "news_60.jsonl"
    with open(shared_dir / "corpus" / "news_2011.jsonl", encoding="utf-8") as f:
        path.write_text("".join(islice(f, 60)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records(seed_paths, examples_dir, corpus_file) -> list[dict]:
    """Seeds, examples and corpus articles through the real extractor."""
    from ingest.extract import iter_extract
    out = [rec for _, rec, _ in iter_extract([*seed_paths, examples_dir, corpus_file]) if rec is not None]
    assert len(out) >= 60
    return out


def _check_sums(nodes, edges):
    """Node mention counts equal their MENTIONS edges; provenance lists stay aligned."""
    counts: dict[str, int] = {}
    for e in edges:
        if e["type"] == "MENTIONS":
            counts[e["target"]] = counts.get(e["target"], 0) + e["count"]
        else:
            assert len(e["articles"]) == len(e["evidence"]) == len(e["dates"]), e
            assert e["articles"] == sorted(set(e["articles"])), e
    for n in nodes:
        if n["label"] != "Article" and n["key"] in counts:
            assert n["mention_count"] == counts[n["key"]], n


def test_reloading_adds_and_changes_nothing(any_store, records):
    first = any_store.load(records)
    assert first.articles_loaded + first.articles_present == len(records)
    before = dump(any_store)
    _check_sums(*before)
    again = any_store.load(records, batch_size=7)
    assert (again.articles_loaded, again.articles_present) == (0, len(records))
    assert (again.nodes_created, again.nodes_updated, again.rels_created, again.rels_updated) == (0, 0, 0, 0)
    assert dump(any_store) == before


def test_load_order_and_batching_do_not_change_the_graph(any_store, records):
    any_store.load(records)
    reference = dump(any_store)
    counts = any_store.counts()
    orders = [(list(reversed(records)), 1), (random.Random(7).sample(records, len(records)), 5),
              (random.Random(11).sample(records, len(records)), 2000)]
    for order, batch_size in orders:
        any_store.clear()
        any_store.ensure_schema()
        half = len(order) // 2
        any_store.load(order[:half], batch_size=batch_size)
        any_store.load(order, batch_size=batch_size)  # the first half again, then the rest
        assert any_store.counts() == counts, batch_size
        assert dump(any_store) == reference, f"order differs (batch_size={batch_size})"


def test_cli_twice_and_in_another_order_gives_the_same_file_graph(tmp_path, seed_paths, examples_dir, corpus_file):
    from graph.store import open_store
    paths = [str(p) for p in (*seed_paths, examples_dir, corpus_file)]
    a, b = str(tmp_path / "a.lbug"), str(tmp_path / "b.lbug")
    first = run_cli("ingest", *paths, "--db", a, "--batch-size", "16")
    assert first.returncode == 0, first.stdout + first.stderr
    second = run_cli("ingest", *paths, "--db", a)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "loaded: 0" in second.stdout
    other = run_cli("ingest", *reversed(paths), "--db", b, "--batch-size", "3")
    assert other.returncode == 0, other.stdout + other.stderr
    with open_store("embedded", db=a) as sa, open_store("embedded", db=b) as sb:
        assert dump(sa) == dump(sb)


def test_mention_counts_count_only_what_the_article_names(any_store):
    """Implied ancestors (mentions 0) get a node but no MENTIONS edge and no count
    (docs/CONTRACTS.md), so re-deriving counts from edges agrees with the text."""
    from ingest.extract import extract_text
    rec = extract_text("2024年3月5日，徐州市委书记宋乐伟在睢宁县调研。", name="implied.txt")
    implied = {e["key"] for e in rec["entities"] if e["mentions"] == 0}
    assert implied, "the example must imply a province"
    any_store.load([rec])
    nodes, edges = dump(any_store)
    mentioned = {e["target"] for e in edges if e["type"] == "MENTIONS"}
    assert mentioned == {e["key"] for e in rec["entities"] if e["mentions"] > 0}
    for n in nodes:
        if n["key"] in implied:
            assert not n["mention_count"], n
    _check_sums(nodes, edges)
