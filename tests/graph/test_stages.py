"""A project's lifecycle across articles: stage events merged at load, on both stores
(graph/stages.py); the articles are written for these tests and read by the real extractor."""
from __future__ import annotations

import pytest

from graph import loading
from graph.loading import RecordError

# one project reported at 开工, then 封顶, then 投产, in three dated articles (given out of order)
ARTICLES = [
    ("2011-09-02", "白鹭湾锂电池生产基地项目投产", "白鹭湾锂电池生产基地项目昨天正式投产，首批产品下线。"),
    ("2010-03-16", "白鹭湾锂电池生产基地项目开工", "3月15日，总投资12亿元的白鹭湾锂电池生产基地项目在青松县开工。"),
    ("2010-11-20", "白鹭湾锂电池生产基地项目封顶", "记者从青松县获悉，白鹭湾锂电池生产基地项目主厂房日前封顶。"),
]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    from ingest.extract import extract_text
    return [extract_text(text, name=f"a{i}.txt", title=title, date=date)
            for i, (date, title, text) in enumerate(ARTICLES)]


def _project(store) -> dict:
    hits = [n for n in store.iter_nodes(["Project"]) if "白鹭湾锂电池生产基地" in n["name"]]
    assert len(hits) == 1, hits
    return hits[0]


def test_three_articles_make_one_project_at_its_latest_stage(any_store, records):
    any_store.load(records)
    p = _project(any_store)
    assert p["stage"] == "operating"
    assert p["stages"] == ["started", "under_construction", "operating"]
    assert p["stage_dates"] == ["2010-03-15", "2010-11-20", "2011-09-01"]
    by_date = {r["date"]: r["key"] for r in records}
    assert p["stage_articles"] == [by_date["2010-03-16"], by_date["2010-11-20"], by_date["2011-09-02"]]
    assert "封顶" in p["stage_evidence"][1]


def test_reloading_and_load_order_change_nothing(any_store, records):
    any_store.load(records[:1])
    any_store.load(records[1:])
    first = _project(any_store)
    any_store.load(records)  # the same articles again: nothing added
    again = _project(any_store)
    assert again == first and len(first["stages"]) == 3
    nodes, _ = _fold([list(reversed(records))])
    assert {k: v for k, v in nodes[first["key"]].items() if k.startswith("stage")} == \
        {k: first[k] for k in ("stage", "stages", "stage_dates", "stage_articles", "stage_evidence")}


def _fold(batches):
    nodes, done = {}, set()
    for recs in batches:
        batch, fresh = loading.prepare(loading.drop_articles(recs, done))
        p = loading.plan(batch, nodes, {})
        for group in (p.create_nodes, p.update_nodes):
            for label, rows in group.items():
                nodes.update({r["key"]: {**r, "label": label} for r in rows})
        done.update(fresh)
    return nodes, done


def test_re_merging_an_article_replaces_its_events(records):
    nodes, _ = _fold([records])
    key = next(k for k, n in nodes.items() if n.get("stage"))
    row = nodes[key]
    newer = {**row, "stages": ["completed"], "stage_dates": ["2010-12-01"],
             "stage_articles": [records[2]["key"]], "stage_evidence": ["……竣工。"]}
    merged = loading.merge_node(row, newer)
    assert merged["stages"] == ["started", "completed", "operating"]
    assert merged["stage"] == "operating"


@pytest.mark.parametrize("stages, words", [
    ([{"stage": "finished", "date": "2011-01-01"}], "unknown stage 'finished'"),
    ("operating", "stages must be a list"),
])
def test_a_bad_stage_list_names_the_article(records, stages, words):
    rec = {**records[0], "entities": [dict(e) for e in records[0]["entities"]]}
    proj = next(e for e in rec["entities"] if e["type"] == "Project")
    proj["stages"] = stages
    with pytest.raises(RecordError, match=words) as err:
        loading.validate_record(rec)
    assert "a0.txt" in str(err.value)


@pytest.mark.parametrize("values, found", [
    ({}, True), ({"stage": "operating"}, True), ({"stage": "operating", "year": 2010}, True),
    ({"stage": "signed"}, False), ({"year": 2012}, False), ({"stage": "completed", "year": 2011}, False)])
def test_projects_by_stage_named_query(any_store, records, values, found):
    from graph import named
    any_store.load(records)
    res = named.run(any_store, "projects_by_stage", values)
    rows = [dict(zip(res.columns, r)) for r in res.rows]
    assert bool(rows) is found
    if found:
        (row,) = rows
        assert row["stage"] == "operating" and row["stages"] == ["started", "under_construction", "operating"]
        assert row["stage_dates"] == ["2010-03-15", "2010-11-20", "2011-09-01"]
