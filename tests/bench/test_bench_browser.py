"""The browser benchmark once at a tiny size, so the script cannot rot (no timing assertions)."""
from __future__ import annotations

import json
import os

import pytest

from tests.app.conftest import IN_CI

pytestmark = pytest.mark.browser


def test_browser_bench_times_searches_and_draws_what_the_store_reads(tmp_path):
    from bench import bench_browser
    if not os.path.exists(bench_browser.CHROMIUM):
        msg = f"{bench_browser.CHROMIUM} is missing (apt-get install -y chromium)"
        pytest.fail(msg) if IN_CI else pytest.skip(msg)
    pytest.importorskip("playwright.sync_api")
    db = tmp_path / "b.lbug"
    assert bench_browser.main(["--size", "2k", "--repeats", "1", "--depths", "1", "--db", str(db),
                               "--results", str(tmp_path)]) == 0
    res = json.loads((tmp_path / "browser-embedded-2k.json").read_text(encoding="utf-8"))
    lat = res["latency_ms"]
    assert set(lat) == {"warmup_depth1_s", "ordinary_depth1", "hub_depth1"}
    assert set(res["ratio_p95"]) == {"ordinary_depth1", "hub_depth1"}
    assert res["reference_ms"]["hub_depth1"]["n"] == 1

    from graph.store import FACTUAL, open_store
    from app_pages.widgets import entity_labels
    with open_store("embedded", db=str(db), read_only=True) as store:
        for kind in ("ordinary", "hub"):
            (run,) = lat[f"{kind}_depth1"]["runs"]
            assert 0 < run["first_drawn_ms"] <= run["ms"]
            # What the browser drew is the Search page's ego read of that node.
            sub = store.ego(run["key"], depth=1, labels=entity_labels(), rel_types=list(FACTUAL))
            assert run["nodes"] == len(sub.nodes) > 1
            assert run["edges"] == len(sub.edges)
    assert lat["hub_depth1"]["runs"][0]["nodes"] > lat["ordinary_depth1"]["runs"][0]["nodes"]

