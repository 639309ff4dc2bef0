"""Overview: mentions over time plotted as numbers by month; most-connected rows open the entity."""
from __future__ import annotations

import json

import pyarrow as pa


def chart(at) -> tuple[dict, "pd.DataFrame"]:
    """The mentions chart's spec and its data."""
    proto = at.get("vega_lite_chart")[0].proto
    data = pa.ipc.open_stream(proto.datasets[0].data.data).read_all().to_pandas()
    return json.loads(proto.spec), data


def check_overview(at, store) -> None:
    """Shared by the embedded and Neo4j tests."""
    spec, data = chart(at)
    assert spec["encoding"]["y"]["type"] == "quantitative", spec["encoding"]
    assert spec["encoding"]["x"]["type"] == "temporal", spec["encoding"]
    res = store.query("MATCH (a:Article)-[m:MENTIONS]->() WHERE a.date IS NOT NULL RETURN sum(m.count) AS n", {})
    assert float(data["mentions"].sum()) == float(res.rows[0][0]) > 0
    top = at.dataframe(key="top_Official").value
    at.session_state["top_Official"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    assert at.header and at.header[0].value.startswith(top["name"].iloc[0]), [h.value for h in at.header]


def test_mentions_over_time_is_numeric_and_rows_open_entities(open_app, handwritten_db, app_store):
    at = open_app(handwritten_db)
    _, data = chart(at)
    assert len(data) == 1  # both articles are from January 2023: one bar
    check_overview(at, app_store(handwritten_db))
