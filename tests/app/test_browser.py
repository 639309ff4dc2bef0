"""The real app in a real browser: `streamlit run app.py` driven by Chromium (Playwright).

Opens the ego network of 宋乐伟 through a deep link, reads the drawn graph out of
the cytoscape.js instance inside the component's iframe, and saves a screenshot
(artifacts/ego-network.png, copied to docs/ego-network.png for the README)."""
from __future__ import annotations

import os
import shutil
import time
from urllib.parse import quote
from pathlib import Path

import pytest

from bench.bench_browser import CHROMIUM, CHROMIUM_ARGS, serve  # the benchmark's app server and browser

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# The drawn elements, read from the cytoscape instance st-link-analysis keeps on #cy.
DRAWN_NAMES = """() => { const cy = document.getElementById("cy")?._cyreg?.cy;
                         return cy ? cy.nodes().map(n => n.data("name")) : []; }"""
# The drawn nodes' positions, rounded to whole pixels: [name, x, y].
POSITIONS = """() => { const cy = document.getElementById("cy")?._cyreg?.cy;
                       return cy ? cy.nodes().map(n => [n.data("name"), Math.round(n.position("x")),
                                                        Math.round(n.position("y"))]) : []; }"""
# Every page, by its url path, for the screenshots in docs/ (the README links them).
PAGES = {"overview": "", "ego": "ego?q=宋乐伟&depth=2", "details": "details?key=official:宋乐伟@徐州市",
         "paths": "paths?from=宋乐伟&to=庆安镇", "tracer": "tracer?q=昆山佰斯拓机械设备有限公司",
         "cypher": "cypher", "ingest": "ingest", "export": "export",
         "career": "career?key=official:宋乐伟@徐州市", "holders": "holders?key=place:江苏省/徐州市&title=市委书记"}


def _need_browser():
    if not os.path.exists(CHROMIUM):
        msg = f"{CHROMIUM} is missing (apt-get install -y chromium)"
        pytest.fail(msg) if IN_CI else pytest.skip(msg)
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture
def served_app(tmp_path, db_factory):
    """`streamlit run app.py` on a seeded graph of its own; yields the base URL."""
    with serve(db_factory(tmp_path / "browser.lbug")) as url:
        yield url


def test_ego_network_drawn_in_chromium(served_app):
    sync_api = _need_browser()
    artifacts = REPO / "artifacts"
    artifacts.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1350})
            started = time.perf_counter()
            page.goto(f"{served_app}/ego?q=宋乐伟&depth=2", wait_until="domcontentloaded")
            page.wait_for_selector("iframe[title*='st_link_analysis']", timeout=90_000)
            frame = next(f for f in page.frames if "st_link_analysis" in f.url)
            frame.wait_for_function(f"({DRAWN_NAMES})().length > 0", timeout=90_000)
            drawn_after = time.perf_counter() - started
            names = set(frame.evaluate(DRAWN_NAMES))
            assert {"宋乐伟", "徐州市"} <= names, sorted(names)[:20]
            # the default rings layout reached the browser: the centre in the middle, the rest around it
            frame.wait_for_function(f"({POSITIONS})().some(p => p[0] === '宋乐伟' && p[1] === 0 && p[2] === 0)",
                                    timeout=30_000)
            assert min(abs(x) + abs(y) for n, x, y in frame.evaluate(POSITIONS) if n != "宋乐伟") > 0
            page.wait_for_timeout(1500)  # let the page's charts settle before the picture
            shot = artifacts / "ego-network.png"
            page.screenshot(path=str(shot))
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
    shutil.copyfile(shot, REPO / "docs" / "ego-network.png")
    print(f"ego network of 宋乐伟 (depth 2, {len(names)} nodes) drawn {drawn_after:.2f} s after navigation")


def _spread(frame) -> bool:
    """Whether every drawn node sits on a position of its own (no pile-up)."""
    pos = frame.evaluate(POSITIONS)
    return len(pos) > 1 and len({(x, y) for _, x, y in pos}) == len(pos)


def _graph_frame(page, name: str):
    """The graph component's frame once it draws `name`."""
    page.wait_for_selector("iframe[title*='st_link_analysis']", timeout=90_000)
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    frame.wait_for_function(f"({DRAWN_NAMES})().includes({name!r})", timeout=90_000)
    return frame


def test_second_search_is_laid_out_and_named(served_app):
    """Search A, then B (a hub): B's nodes each get a position of their own, and the match box names B."""
    sync_api = _need_browser()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(f"{served_app}/ego?q=宋乐伟", wait_until="domcontentloaded")
            frame = _graph_frame(page, "宋乐伟")
            first = len(frame.evaluate(DRAWN_NAMES))
            box = page.get_by_label("Search by name or alias")
            box.fill("徐州市")  # a hub: most of its nodes are new to the drawing
            box.press("Enter")
            frame = _graph_frame(page, "徐州市")
            frame.wait_for_function(f"({DRAWN_NAMES})().length > {first}", timeout=90_000)
            # Without a new layout the new nodes stay piled where they were added.
            frame.wait_for_function(f"(() => {{ const p = ({POSITIONS})(); return p.length > 1 && "
                                    "new Set(p.map(q => q[1] + ',' + q[2])).size === p.length; })()",
                                    timeout=30_000)
            assert _spread(frame)
            names = {n for n, _, _ in frame.evaluate(POSITIONS)}
            assert len(names) > 5, sorted(names)
            matches = page.locator("[data-testid='stSelectbox']").filter(has_text="match(es)")
            assert matches.first.locator("input").input_value().startswith("徐州市 · Place")
        finally:
            browser.close()


def _song_article(records) -> str:
    """The key of the seed article that says 宋乐伟 leads 徐州市."""
    return next(r["key"] for r in records
                if any(x["type"] == "LEADS" and x["head"] == "宋乐伟" for x in r["relations"]))


def test_article_page_highlights_the_evidence(served_app, app_records):
    sync_api = _need_browser()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{served_app}/article?key={quote(_song_article(app_records), safe='')}",
                      wait_until="domcontentloaded")
            page.wait_for_selector("mark.govkg-evidence", timeout=90_000)
            marks = page.locator("mark.govkg-evidence").all_inner_texts()
            assert any("宋乐伟" in m for m in marks), marks
            # Each mark is a whole sentence of the article (ends at a full stop).
            assert all(m.rstrip().endswith(("。", "！", "？", "”")) for m in marks), marks
        finally:
            browser.close()


def test_screenshot_of_every_page(served_app, app_records):
    """One picture per page in docs/ (linked from the README)."""
    sync_api = _need_browser()
    shots = {}
    pages = PAGES | {"article": f"article?key={quote(_song_article(app_records), safe='')}"}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name, path in pages.items():
                page.goto(f"{served_app}/{path}", wait_until="domcontentloaded")
                page.wait_for_selector("h1", timeout=90_000)
                page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                       timeout=90_000)  # the script has finished running
                page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')",
                                       timeout=90_000)  # every element is drawn
                if page.locator("iframe[title*='st_link_analysis']").count():
                    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
                    frame.wait_for_function(f"({DRAWN_NAMES})().length > 0", timeout=90_000)
                page.wait_for_timeout(1500)  # let layouts and charts settle before the picture
                assert not page.locator("[data-testid='stException']").count(), name
                shots[name] = REPO / "docs" / f"page-{name}.png"
                page.screenshot(path=str(shots[name]), full_page=True)
        finally:
            browser.close()
    assert all(s.stat().st_size > 10_000 for s in shots.values())
