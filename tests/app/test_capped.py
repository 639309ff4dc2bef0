"""A capped read says so, and by how much: the ego view and the company tracer."""
from __future__ import annotations

import re

from tests.app.conftest import build_db
from tests.app.test_pages import XUZHOU

NUMBERS = re.compile(r"showing ([\d,]+) of ([\d,]+) \w+; ([\d,]+) omitted")


def shown_cap(at) -> tuple[int, int, int]:
    """(shown, of, omitted) from the page's "Capped: …" warning."""
    notes = [w.value for w in at.warning if w.value.startswith("Capped")]
    assert len(notes) == 1, [w.value for w in at.warning]
    return tuple(int(x.replace(",", "")) for x in NUMBERS.search(notes[0]).groups())


def test_ego_view_says_how_many_neighbours_the_cap_left_out(app, seeded_db, app_store):
    at = app("search", q=XUZHOU)
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()
    assert not [w for w in at.warning if w.value.startswith("Capped")]  # 300 holds them all
    at.number_input(key="ego_cap").set_value(10).run()
    assert not at.exception
    center = next(n for n in at.session_state["view"]["subgraph"].nodes if n["name"] == XUZHOU)
    # Every neighbour over the types and labels the page follows, read another way.
    nbrs = {r["other"]["key"] for r in app_store(seeded_db).relations(center["key"])
            if r["type"] != "MENTIONS" and r["other"].get("label") != "Article"}
    assert len(nbrs) > 9, "the seeds no longer give 徐州市 more neighbours than the cap"
    shown, total, omitted = shown_cap(at)
    assert shown == len(at.session_state["view"]["subgraph"].nodes) == 10
    assert total == len(nbrs) + 1 and omitted == total - shown  # the centre and all its neighbours


def test_tracer_says_how_many_projects_the_cap_left_out(open_app, tmp_path):
    from bench import synth
    from graph.store import TRACE_LIMIT
    records = synth.generate(10_000)
    projects: dict[str, set[str]] = {}
    for rec in records:
        for r in rec["relations"]:
            if r["type"] == "INVESTS_IN":
                projects.setdefault(r["head_key"], set()).add(r["tail_key"])
    hub, owned = max(projects.items(), key=lambda kv: len(kv[1]))
    assert len(owned) > TRACE_LIMIT
    name = next(e["name"] for rec in records for e in rec["entities"] if e["key"] == hub)
    at = open_app(build_db(tmp_path / "synth.lbug", records), "tracer", q=name)
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()
    assert not at.exception
    assert shown_cap(at) == (TRACE_LIMIT, len(owned), len(owned) - TRACE_LIMIT)
    assert set(at.dataframe[0].value["project_key"]) <= owned
    assert at.dataframe[0].value["project_key"].nunique() == TRACE_LIMIT
