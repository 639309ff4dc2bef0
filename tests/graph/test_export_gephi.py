"""The exports opened by the Gephi Toolkit 0.10.1 (Maven Central, fetched by
scripts/setup.sh), headless: one JVM reads every file with Gephi's own
importers (tests/graph/gephi/GephiRead.java) and reports what Gephi made of it."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from graph import schema
from graph.export import export_scope
from graph.export.base import edge_id
from graph.store import open_store
from tests.conftest import IN_CI
from tests.graph.export_cases import A1, A2, N_EDGES, N_NODES, RECORDS, SLW, XZ

REPO = Path(__file__).resolve().parents[2]
JAR = REPO / ".gephi" / "gephi-toolkit-0.10.1-all.jar"
READER = Path(__file__).with_name("gephi") / "GephiRead.java"
FILES = {"gexf": "g.gexf", "gexf-dynamic": "d.gexf", "graphml": "g.graphml", "csv": "csv"}

pytestmark = pytest.mark.slow


def _need(ok: bool, msg: str) -> None:
    if not ok:
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="module")
def gephi(tmp_path_factory):
    """(what Gephi read per format, the store's nodes, the store's edges), from one JVM run."""
    _need(JAR.is_file(), f"{JAR} is missing (run: scripts/setup.sh --readers)")
    _need(shutil.which("javac") is not None, "javac is missing (a JDK: scripts/setup.sh --readers)")
    tmp = tmp_path_factory.mktemp("gephi")
    with open_store("embedded", db=str(tmp / "g.lbug")) as store:
        store.ensure_schema()
        store.load(RECORDS)
        for fmt, name in FILES.items():
            export_scope(store, fmt, tmp / name)
        nodes = {n["key"]: n for n in store.iter_nodes()}
        edges = {edge_id(e): e for e in store.iter_edges()}
    subprocess.run(["javac", "-encoding", "UTF-8", "-cp", str(JAR), "-d", str(tmp / "classes"), str(READER)],
                   check=True, capture_output=True, timeout=300)
    inputs = [str(tmp / n) for n in ("g.gexf", "d.gexf", "g.graphml")] + \
        [f"{tmp / 'csv' / 'nodes.csv'}+{tmp / 'csv' / 'edges.csv'}"]
    run = subprocess.run(["java", "-Djava.awt.headless=true", "-Xmx1g", "-cp", f"{JAR}:{tmp / 'classes'}",
                          "GephiRead", *inputs], capture_output=True, timeout=600)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")[-2000:]
    lines = run.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(inputs), run.stderr.decode("utf-8", "replace")[-2000:]
    return dict(zip(FILES, map(json.loads, lines))), nodes, edges


@pytest.mark.parametrize("fmt", list(FILES))
def test_gephi_reads_every_node_and_edge(gephi, fmt):
    read, nodes, edges = gephi
    got = read[fmt]
    assert (len(got["nodes"]), len(got["edges"])) == (N_NODES, N_EDGES) == (len(nodes), len(edges))
    assert {n["id"] for n in got["nodes"]} == set(nodes)
    assert {e["id"] for e in got["edges"]} == set(edges)  # the stable ids survive Gephi
    assert got["directed"] and all(e["directed"] for e in got["edges"])
    for n in got["nodes"]:  # Gephi's Label is the Chinese name; node_type is a column to colour by
        assert n["label"] == nodes[n["id"]]["name"]
        assert n["attrs"]["node_type"] == nodes[n["id"]]["label"]
    for e in got["edges"]:
        want = edges[e["id"]]
        assert (e["source"], e["target"], e["label"]) == (want["source"], want["target"], want["type"])
        assert e["attrs"]["rel_type"] == want["type"]
        assert e["weight"] == (want["count"] if want["type"] == "MENTIONS" else len(want["articles"]))
    assert got["node_columns"]["node_type"] == got["edge_columns"]["rel_type"] == "String"


@pytest.mark.parametrize("fmt", ["gexf", "gexf-dynamic", "graphml"])
def test_gephi_colours_nodes_by_type(gephi, fmt):
    read, nodes, _ = gephi
    for n in read[fmt]["nodes"]:
        hexcolor = schema.color(nodes[n["id"]]["label"])
        assert n["color"] == [int(hexcolor[i:i + 2], 16) for i in (1, 3, 5)], n


def test_gephi_gexf_sizes_lists_and_kinds(gephi):
    read, nodes, edges = gephi
    got = read["gexf"]
    assert not got["dynamic"]
    size = {n["id"]: n["size"] for n in got["nodes"]}
    assert size[XZ] > size[SLW] > size[A1]  # 3 mentions, 2, an article (none)
    attrs = {n["id"]: n["attrs"] for n in got["nodes"]}
    assert got["node_columns"]["aliases"] == "String[]" and attrs[XZ]["aliases"] == ["徐州"]
    assert got["node_columns"]["mention_count"] == "Long" and attrs[XZ]["mention_count"] == 3
    by_id = {e["id"]: e for e in got["edges"]}
    for eid, e in by_id.items():
        assert e["kind"] == edges[eid]["type"]
        if edges[eid]["type"] != "MENTIONS":
            assert e["attrs"]["articles"] == edges[eid]["articles"]
            assert e["attrs"]["evidence"] == edges[eid]["evidence"]


def test_gephi_dynamic_gexf_has_time(gephi):
    read, nodes, edges = gephi
    got = read["gexf-dynamic"]
    assert got["dynamic"] is True
    day = 86_400_000  # Gephi keeps dates as milliseconds since 1970
    by_id = {n["id"]: n for n in got["nodes"]}
    (start, end), = by_id[SLW]["intervals"]
    assert (end - start) // day == 35 and by_id[A2]["intervals"][0][0] == end  # 2025-04-05 to 05-10
    for e in got["edges"]:
        want = edges[e["id"]]
        n = 1 if want["type"] == "MENTIONS" else len(set(want["dates"]))
        assert len(e["intervals"]) == n, (e, want)


def test_gephi_spreadsheet_import_of_the_csv_pair(gephi):
    read, nodes, _ = gephi
    got = read["csv"]
    assert Counter(n["attrs"]["node_type"] for n in got["nodes"]) == Counter(n["label"] for n in nodes.values())
    cols = got["node_columns"]
    assert cols["mention_count"] == "Integer" and cols["total_investment_cny"] == "Double"
    assert got["edge_columns"]["Weight"] == "Double"
    assert "article_source" in cols and "source" not in cols
