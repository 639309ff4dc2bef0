"""Browser benchmark: from "search submitted" to "graph drawn and still" in the real app.

`streamlit run app.py` on a synthetic graph (bench.synth) in the embedded store, driven
by Debian's Chromium through Playwright (as tests/app/test_browser.py). For ordinary
nodes and hubs, the name is typed into the Search page's box and Enter pressed; the
clock stops when the graph component draws that node as the centre and no node has
moved for STILL_MS (the time is taken when the positions stopped changing). Each
searched node is new to the app (no cached read). networkx answers the same ego
query in this process as the reference.

    python -m bench.bench_browser --size 1M            # builds data/bench/browser-1M.lbug once
    python -m bench.bench_browser --size 100k --repeats 3

    python -m bench.bench_browser --size 1M --uri bolt://127.0.0.1:7687   # the app on Neo4j

Result: bench/results/browser-<store>-<size>.json.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from bench import synth
from bench.common import REPO, WORK, parse_sizes, rng, size_label, summarize, write_result

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STILL_MS = 500  # no node moved for this long: the layout is over
# Inside the graph component's frame: once the node keyed args.key is drawn as the centre and
# the positions have not changed for args.still ms, {first, since, nodes, edges} (first: when
# the centre was first drawn; since: when the positions last changed); else false.
DRAWN_STILL = """(args) => {
  const cy = document.getElementById("cy")?._cyreg?.cy;
  if (!cy || !cy.nodes().some(n => n.id() === args.key && n.data("govkg_center"))) {
    window.__govkgStill = null; return false; }
  const sig = cy.nodes().map(n => n.id() + ":" + Math.round(n.position("x")) + ","
                                 + Math.round(n.position("y"))).join("|");
  const now = Date.now(), last = window.__govkgStill;
  if (!last || last.key !== args.key || last.sig !== sig) {
    const first = last && last.key === args.key ? last.first : now;
    window.__govkgStill = {key: args.key, sig: sig, since: now, first: first}; return false; }
  return now - last.since >= args.still
    ? {first: last.first, since: last.since, nodes: cy.nodes().length, edges: cy.edges().length} : false;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Until streamlit answers its health check (AssertionError if it exits or times out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"streamlit exited with {proc.returncode}: {proc.stdout.read()}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"streamlit did not answer at {url} within {timeout:.0f} s")


@contextmanager
def serve(db: Path, store: str = "embedded", uri: str | None = None):
    """`streamlit run app.py` on the given store; yields the base URL."""
    env = {**os.environ, "GOVKG_STORE": store, "GOVKG_DB": str(db)}
    if uri:
        env["NEO4J_URI"] = uri
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def build_db(records: list[dict], path: Path) -> Path:
    """The embedded graph file of the records (kept for later runs: --db reuses it)."""
    from tqdm import tqdm

    from graph.store import open_store
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_store("embedded", db=str(path)) as store, \
            tqdm(total=len(records), unit="article", desc=f"load {path.name}", file=sys.stderr) as bar:
        store.load(records, progress=bar.update)
    return path


def pick_nodes(records: list[dict], n: int, seed: int = 7) -> dict[str, list[tuple[str, str]]]:
    """(key, name) of ordinary nodes (3-20 factual neighbours) and hubs (most neighbours),
    each with a name no other node has, so the search box's exact match is that node."""
    from bench.nx_reference import FACTUAL
    names: dict[str, str] = {}
    keys_of: Counter = Counter()
    for rec in records:
        for e in rec["entities"]:
            if e["key"] not in names:
                names[e["key"]] = e["name"]
                keys_of[e["name"]] += 1
    nbrs: dict[str, set] = {}  # factual neighbours, as the Search page's default filters
    for rec in records:
        for r in rec["relations"]:
            if r["type"] in FACTUAL:
                nbrs.setdefault(r["head_key"], set()).add(r["tail_key"])
                nbrs.setdefault(r["tail_key"], set()).add(r["head_key"])
    unique = sorted(k for k in nbrs if keys_of[names[k]] == 1)
    ordinary = [k for k in unique if 3 <= len(nbrs[k]) <= 20]
    hubs = sorted(unique, key=lambda k: (-len(nbrs[k]), k))
    r = rng(seed)
    # One more ordinary node than asked: the first warms the app (the embedded adjacency build).
    picked = {"ordinary": r.sample(ordinary, min(len(ordinary), n + 1)), "hub": hubs[:n]}
    return {kind: [(k, names[k]) for k in keys] for kind, keys in picked.items()}


def measure(url: str, warm: tuple[str, str], plan: dict, timeout_s: float = 120) -> dict:
    """Per depth and kind: each search's ms from Enter to a still graph, and what it drew.
    plan: {depth: {"ordinary": [(key, name)…], "hub": […]}}; warm: a node searched first, untimed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright
    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            for depth, kinds in plan.items():
                t = time.perf_counter()
                page.goto(f"{url}/ego?q={quote(warm[1])}&depth={depth}", wait_until="domcontentloaded")
                _still(page, warm[0], timeout_s)
                out[f"warmup_depth{depth}_s"] = round(time.perf_counter() - t, 2)
                box = page.get_by_label("Search by name or alias")
                for kind, todo in kinds.items():
                    runs = []
                    for key, name in todo:
                        box.fill(name)
                        t0 = time.time() * 1000  # the browser's Date.now() reads the same clock
                        box.press("Enter")
                        try:
                            drawn = _still(page, key, timeout_s)
                        except PlaywrightTimeout:  # counted, not timed: the next search starts afresh
                            runs.append({"key": key, "timeout_s": timeout_s})
                            page.goto(f"{url}/ego?q={quote(warm[1])}&depth={depth}", wait_until="domcontentloaded")
                            _still(page, warm[0], timeout_s)
                            box = page.get_by_label("Search by name or alias")
                            continue
                        runs.append({"key": key, "ms": round(drawn["since"] - t0, 1),
                                     "first_drawn_ms": round(drawn["first"] - t0, 1),
                                     "nodes": drawn["nodes"], "edges": drawn["edges"]})
                    out[f"{kind}_depth{depth}"] = {**summarize([x["ms"] for x in runs if "ms" in x]),
                                                   "timeouts": sum("timeout_s" in x for x in runs), "runs": runs}
        finally:
            browser.close()
    return out


def _still(page, key: str, timeout_s: float) -> dict:
    page.wait_for_selector("iframe[title*='st_link_analysis']", timeout=timeout_s * 1000)
    frame = next(f for f in page.frames if "st_link_analysis" in f.url)
    return frame.wait_for_function(DRAWN_STILL, arg={"key": key, "still": STILL_MS}, polling=25,
                                   timeout=timeout_s * 1000).json_value()


def reference(records: list[dict], plan: dict) -> dict:
    """networkx's answer time (ms) to the same ego queries, in this process."""
    from bench.nx_reference import Reference
    ref = Reference(records)
    out = {}
    for depth, kinds in plan.items():
        for kind, todo in kinds.items():
            ms = []
            for key, _ in todo:
                t = time.perf_counter()
                ref.ego(key, depth)
                ms.append((time.perf_counter() - t) * 1000)
            out[f"{kind}_depth{depth}"] = summarize(ms)
    return out


def run(rels: int, repeats: int, depths: list[int], db: Path | None = None, uri: str | None = None) -> dict:
    """With uri: the app on that Neo4j server, which must hold the synthetic graph of `rels`
    (python -m bench.bench_store --store neo4j --sizes 1M --uri … leaves it loaded)."""
    records = synth.generate(rels)
    db = Path(db or WORK / f"browser-{size_label(rels)}.lbug")
    built_s = None
    if uri is None and not db.exists():
        t = time.perf_counter()
        build_db(records, db)
        built_s = round(time.perf_counter() - t, 1)
    nodes = pick_nodes(records, repeats * len(depths))
    # Each depth searches nodes of its own: no answer comes from the app's cache.
    plan = {d: {kind: keys[1 + i * repeats:1 + (i + 1) * repeats] if kind == "ordinary"
                else keys[i * repeats:(i + 1) * repeats] for kind, keys in nodes.items()}
            for i, d in enumerate(depths)}
    with serve(db, "neo4j" if uri else "embedded", uri) as url:
        latency = measure(url, nodes["ordinary"][0], plan)
    ref = reference(records, plan)
    return {"store": "neo4j" if uri else "embedded", "size": size_label(rels), "target_rels": rels,
            "articles": len(records), "db": uri or str(db), "build_s": built_s, "still_ms": STILL_MS, "depths": depths,
            "browser": "Debian chromium (Playwright)", "latency_ms": latency,
            "reference": "networkx ego (same nodes, cap 300)", "reference_ms": ref,
            "ratio_p95": {k: round(v["p95"] / ref[k]["p95"], 1) for k, v in latency.items()
                          if isinstance(v, dict) and v.get("n") and ref.get(k, {}).get("p95")}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_browser", description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="1M", help="relationships of the synthetic graph (default 1M)")
    ap.add_argument("--repeats", type=int, default=5, help="searches per kind and depth (each a new node)")
    ap.add_argument("--depths", default="1,2", help="ego depths to time (default 1,2)")
    ap.add_argument("--db", default=None, help="embedded graph file (default data/bench/browser-<size>.lbug; "
                                               "built from the synthetic corpus when missing)")
    ap.add_argument("--uri", default=None, help="time the app on this Neo4j server instead (it must hold the "
                                                "synthetic graph of --size)")
    ap.add_argument("--results", default=None, help="results folder (default bench/results)")
    args = ap.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"{CHROMIUM} is missing (scripts/setup.sh --browser installs it)")
    rels = parse_sizes(args.size)[0]
    depths = [int(d) for d in args.depths.split(",")]
    res = run(rels, args.repeats, depths, args.db, args.uri)
    path = write_result(f"browser-{res['store']}-{size_label(rels)}", res, args.results)
    for k, v in res["latency_ms"].items():
        if isinstance(v, dict):
            print(f"{k}: p50 {v.get('p50')} ms, p95 {v.get('p95')} ms, {v['timeouts']} timeouts (first drawn "
                  f"{[x.get('first_drawn_ms') for x in v['runs']]}), nodes "
                  f"{[x.get('nodes') for x in v['runs']]}", file=sys.stderr)
    print(f"-> {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
