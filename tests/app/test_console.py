"""Cypher console: a running indicator and Cancel; entity parameters picked by name;
results show names, not dicts."""
from __future__ import annotations

import time

from tests.app.test_pages import SONG, XUZHOU


def answered(at, rounds: int = 600):
    """Rerun until the running query has answered (the page polls while it runs)."""
    for _ in range(rounds):
        if "console_job" not in at.session_state:
            return at
        time.sleep(0.1)
        at.run()
    raise AssertionError("the query never answered")


def check_console(at) -> None:
    """Shared by the embedded and Neo4j tests: pick 宋乐伟 by name for the ego query, read names back."""
    at.selectbox(key="named_query").set_value("ego").run()
    at.text_input(key="param_ego_key_text").input("宋乐伟").run()
    assert SONG in at.selectbox(key="param_ego_key_hit").value
    at.button(key="named_run").click().run()
    answered(at)
    assert not at.error, [e.value for e in at.error]
    text = at.dataframe[0].value.to_csv()
    assert XUZHOU in text and "{" not in text, text[:500]


def test_named_query_takes_an_entity_by_name(app):
    check_console(app("console"))


def test_results_show_names_not_dicts(app):
    at = app("console")
    at.text_area(key="free_cypher").input("MATCH (o:Official)-[r:LEADS]->(p:Place) RETURN o, r, p")
    at.button(key="free_run").click().run()
    answered(at)
    rows = at.dataframe[0].value
    assert f"{SONG} (Official)" in set(rows.iloc[:, 0])
    assert f"{SONG} —LEADS→ {XUZHOU}" in set(rows.iloc[:, 1])


def test_a_long_query_shows_it_runs_and_can_be_cancelled(open_app, own_db):
    at = open_app(own_db, "console")
    at.number_input(key="console_timeout").set_value(5.0)
    at.text_area(key="free_cypher").input("MATCH p = (a)-[*1..12]-(b) RETURN count(*) AS n")
    at.button(key="free_run").click().run()
    assert "console_job" in at.session_state  # still running after the first look
    assert any(i.value.startswith("Running") for i in at.info), [i.value for i in at.info]
    at.button(key="console_cancel").click().run()
    assert "console_job" not in at.session_state
    assert any(e.value.startswith("Cancelled") for e in at.error), [e.value for e in at.error]
    assert not at.dataframe  # no answer shown
    time.sleep(5)  # the store ends the abandoned query at its timeout; it must not come back
    at.run()
    assert not at.dataframe and "console_answer" in at.session_state
    assert at.session_state["console_answer"]["error"].startswith("Cancelled")
