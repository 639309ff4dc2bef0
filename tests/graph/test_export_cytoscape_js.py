"""Cytoscape exports loaded by Cytoscape.js itself (node + the npm package that
scripts/setup.sh installs into tests/js), headless, as a web page would."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graph import schema
from graph.export import export_scope
from tests.conftest import IN_CI
from tests.graph.export_cases import N_EDGES, N_NODES, SLW, XZ, store  # noqa: F401

JS = Path(__file__).resolve().parents[1] / "js"


def _cytoscape_js(*files) -> dict:
    if shutil.which("node") is None or not (JS / "node_modules" / "cytoscape").is_dir():
        msg = "node or Cytoscape.js is missing (run: scripts/setup.sh --readers)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    run = subprocess.run(["node", str(JS / "read_cytoscape.js"), *map(str, files)],
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    return json.loads(run.stdout)


def _rgb(hexcolor: str) -> str:
    return "rgb({},{},{})".format(*(int(hexcolor[i:i + 2], 16) for i in (1, 3, 5)))


def test_whole_graph_with_names_and_colours(store, tmp_path):
    export_scope(store, "cytoscape", tmp_path / "g.cyjs")
    got = _cytoscape_js(tmp_path / "g.cyjs")
    assert (len(got["nodes"]), len(got["edges"])) == (N_NODES, N_EDGES)
    names = {n["key"]: n["name"] for n in store.iter_nodes()}
    for n in got["nodes"]:
        assert n["label"] == n["shown"] == names[n["id"]]  # the style draws the Chinese name
        assert n["color"] == _rgb(schema.color(n["node_type"]))
    types = {e["type"] for e in store.iter_edges()}
    assert {e["interaction"] for e in got["edges"]} == types
    assert all(e["color"] == _rgb(schema.color(e["interaction"])) for e in got["edges"])


def test_two_ego_exports_merged_keep_every_edge(store, tmp_path):
    one = export_scope(store, "cytoscape", tmp_path / "a.cyjs", ego=SLW)   # 宋乐伟 and his 徐州市
    two = export_scope(store, "cytoscape", tmp_path / "b.cyjs", ego=XZ)    # 徐州市: shares one edge
    got = _cytoscape_js(tmp_path / "a.cyjs", tmp_path / "b.cyjs")

    def triples(path):
        doc = json.loads(path.read_text(encoding="utf-8"))["elements"]["edges"]
        return {(e["data"]["interaction"], e["data"]["source"], e["data"]["target"]) for e in doc}

    a, b = triples(tmp_path / "a.cyjs"), triples(tmp_path / "b.cyjs")
    assert len(a) == one.edges and len(b) == two.edges and a & b and b - a  # overlapping, each adds some
    assert {(e["interaction"], e["source"], e["target"]) for e in got["edges"]} == a | b
    assert len(got["edges"]) == len(a | b) and got["added"] == [one.nodes + one.edges, len(got["nodes"]) - one.nodes
                                                               + len(b - a)]
