"""Export scopes (whole graph, ego network, named query), minimum confidence and
the command line, read back with networkx, python-igraph and pandas."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd
import pytest

from graph.export import EGO_LIMIT, ExportError, export_scope
from tests.graph.export_cases import (A1, A2, LH, N_EDGES, N_NODES, PZ, PZKF, RECORDS, SLW, SN, WM, XYD, XZ,
                                      expected, store, uncertain)  # noqa: F401

REPO = Path(__file__).resolve().parents[2]


# -- scopes ---------------------------------------------------------------------------
@pytest.mark.parametrize("ego,depth,kwargs", [
    ("宋乐伟", 1, {}),
    (SN, 2, {}),
    ("徐州", 2, {"labels": ["Place", "Project", "Official"], "types": ["PART_OF", "HOSTS", "LEADS"]}),
    ("徐工集团", 2, {"date_from": "2025-05-01", "date_to": "2025-05-31"}),
])
def test_ego_scope_matches_store_ego(store, tmp_path, ego, depth, kwargs):
    out = tmp_path / "ego.graphml"
    stats = export_scope(store, "graphml", out, ego=ego, depth=depth, **kwargs)
    key = ego if ":" in ego else store.search(ego, limit=1)[0]["key"]
    sg = store.ego(key, depth=depth, labels=kwargs.get("labels"), rel_types=kwargs.get("types"),
                   date_from=kwargs.get("date_from"), date_to=kwargs.get("date_to"), limit=EGO_LIMIT)
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == len(sg.node_keys()) == stats.nodes
    assert g.number_of_edges() == len(sg.edges) == stats.edges
    assert set(g.nodes) == sg.node_keys() and key in g
    h = ig.Graph.Read_GraphML(str(out))
    assert (h.vcount(), h.ecount()) == (stats.nodes, stats.edges)


def test_ego_depth_two_reaches_further(store, tmp_path):
    one = export_scope(store, "json", tmp_path / "1.json", ego=SLW, depth=1)
    two = export_scope(store, "json", tmp_path / "2.json", ego=SLW, depth=2)
    g = nx.node_link_graph(json.loads((tmp_path / "2.json").read_text(encoding="utf-8")))
    assert two.nodes > one.nodes and SN in g and PZ in g  # 宋乐伟 → 徐州市 ← 睢宁县/邳州市


def test_named_query_scope(store, tmp_path):
    from graph import named
    stats = export_scope(store, "gexf", tmp_path / "q.gexf", query="ego", params={"key": XZ})
    sg = named.run(store, "ego", {"key": XZ}).subgraph
    g = nx.read_gexf(tmp_path / "q.gexf")
    assert g.number_of_nodes() == len(sg.node_keys()) == stats.nodes == 6  # 徐州市 and its 5 neighbours
    assert g.number_of_edges() == len(sg.edges) == stats.edges == 5
    assert Counter(d["rel_type"] for *_, d in g.edges(data=True)) == {"MENTIONS": 2, "PART_OF": 2, "LEADS": 1}
    assert g.nodes[SLW]["label"] == "宋乐伟"
    with pytest.raises(ValueError, match="unknown parameter"):
        export_scope(store, "gexf", tmp_path / "q.gexf", query="ego", params={"kee": XZ})


def test_ego_limit_reports_truncation(store, tmp_path):
    full = export_scope(store, "json", tmp_path / "a.json", ego=XZ, depth=2)
    cut = export_scope(store, "json", tmp_path / "b.json", ego=XZ, depth=2, limit=3)
    assert not full.truncated and full.nodes == N_NODES
    assert cut.truncated == store.ego(XZ, depth=2, limit=3).truncated is True
    assert cut.nodes < full.nodes


def test_ego_errors(store, tmp_path):
    with pytest.raises(ExportError, match="no node named"):
        export_scope(store, "gexf", tmp_path / "x.gexf", ego="不存在的人")
    with pytest.raises(ExportError, match="need --ego|give --ego"):
        export_scope(store, "gexf", tmp_path / "x.gexf", date_from="2025-01-01")
    with pytest.raises(ExportError, match="unknown label"):
        export_scope(store, "gexf", tmp_path / "x.gexf", labels=["Person"])


def test_whole_graph_label_filter_drops_dangling_edges(store, tmp_path):
    stats = export_scope(store, "graphml", tmp_path / "p.graphml", labels=["Place"], types=["PART_OF", "HOSTS"])
    g = nx.read_graphml(tmp_path / "p.graphml")
    assert {d["node_type"] for _, d in g.nodes(data=True)} == {"Place"}
    assert g.number_of_nodes() == store.counts()["nodes"]["Place"] == 4
    assert Counter(d["rel_type"] for *_, d in g.edges(data=True)) == {"PART_OF": 3}
    assert stats.dropped_edges == 2  # the HOSTS edges end at projects, which are outside


# -- minimum confidence -------------------------------------------------------------------
def test_min_confidence_leaves_out_what_is_below(any_store, tmp_path):
    any_store.load(uncertain())
    everything = export_scope(any_store, "graphml", tmp_path / "all.graphml")
    assert (everything.nodes, everything.edges, everything.below_confidence) == (N_NODES, N_EDGES, 0)
    stats = export_scope(any_store, "graphml", tmp_path / "cut.graphml", min_confidence=0.5)
    assert (stats.nodes, stats.edges, stats.below_confidence, stats.dropped_edges) == \
        (N_NODES - 1, N_EDGES - 4, 5, 0)
    g = nx.read_graphml(tmp_path / "cut.graphml")
    assert PZKF in nx.read_graphml(tmp_path / "all.graphml") and PZKF not in g
    assert (WM, XYD) not in g.edges and {WM, XYD} <= set(g.nodes)  # the edge goes, its ends stay
    assert [d["confidence"] for u, v, d in g.edges(data=True) if (u, v) == (SLW, XZ)] == [0.9]
    assert g.nodes[XZ]["confidence"] == 1.0 and "confidence" not in g.nodes[A1]  # Articles carry none
    assert all(d.get("confidence", 1.0) >= 0.5 for *_, d in g.edges(data=True))
    ego = export_scope(any_store, "json", tmp_path / "ego.json", ego="王明", min_confidence=0.5)
    assert set(nx.node_link_graph(json.loads((tmp_path / "ego.json").read_text()))) == {WM, A1}
    assert ego.edges == 1  # MENTIONS only: LEADS 王明 → 徐州医科大学 is below



# -- the command line ----------------------------------------------------------------
@pytest.fixture
def db_file(tmp_path):
    from graph.store import open_store
    path = tmp_path / "cli.lbug"
    with open_store("embedded", db=str(path)) as s:
        s.ensure_schema()
        s.load(RECORDS)
    return path


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "graph.export", "--store", "embedded", *args],
                          cwd=REPO, capture_output=True, timeout=300)


def test_cli_whole_graph_to_stdout(db_file):
    r = _cli("--db", str(db_file), "--format", "gexf", "-o", "-")
    assert r.returncode == 0, r.stderr.decode()
    g = nx.read_gexf(io.BytesIO(r.stdout))
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_NODES, N_EDGES)
    assert f"wrote {N_NODES} nodes, {N_EDGES} edges" in r.stderr.decode()


def test_cli_ego_and_folder(db_file, tmp_path):
    r = _cli("--db", str(db_file), "--format", "csv", "--ego", "邳州市", "--depth", "1",
             "--type", "PART_OF", "--type", "LEADS", "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr.decode()
    edges_df = pd.read_csv(tmp_path / "out" / "edges.csv")
    assert sorted(edges_df["rel_type"]) == ["LEADS", "PART_OF", "PART_OF"]
    assert set(pd.read_csv(tmp_path / "out" / "nodes.csv")["Id"]) == {PZ, PZKF, XZ, LH}


def test_cli_named_query(db_file, tmp_path):
    r = _cli("--db", str(db_file), "--format", "json", "--query", "ego", "--param", f"key={PZ}", "-o", "-")
    assert r.returncode == 0, r.stderr.decode()
    g = nx.node_link_graph(json.loads(r.stdout))
    assert set(g.nodes) == {PZ, XZ, PZKF, LH, A2}


def test_cli_min_confidence(tmp_path):
    from graph.store import open_store
    db = tmp_path / "uncertain.lbug"
    with open_store("embedded", db=str(db)) as s:
        s.ensure_schema()
        s.load(uncertain())
    r = _cli("--db", str(db), "--format", "graphml", "--min-confidence", "0.5", "-o", str(tmp_path / "g.graphml"))
    assert r.returncode == 0, r.stderr.decode()
    assert "5 nodes and edges below --min-confidence 0.5 left out" in r.stderr.decode()
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_NODES - 1, N_EDGES - 4)
    r = _cli("--db", str(db), "--format", "graphml", "-o", str(tmp_path / "all.graphml"))
    assert nx.read_graphml(tmp_path / "all.graphml").number_of_edges() == N_EDGES  # default: no filter


def test_cli_errors_are_one_line(db_file, tmp_path):
    for args in (["--ego", "不存在的人"], ["--param", "novalue"], ["--label", "Person"], ["--min-confidence", "2"],
                 ["--query", "no_such_query"], ["--ego", "徐州", "--query", "ego"]):
        r = _cli("--db", str(db_file), "--format", "graphml", "-o", str(tmp_path / "x.graphml"), *args)
        err = r.stderr.decode().strip()
        assert r.returncode == 1 and err.startswith("error: ") and "\n" not in err, err


# -- the real extractor's output ----------------------------------------------------------
def test_seed_records_round_trip(any_store, seed_records, tmp_path):
    any_store.load(seed_records)
    nodes, rels = expected(any_store)
    assert sum(nodes.values()) > 0 and sum(rels.values()) > 0
    export_scope(any_store, "graphml", tmp_path / "s.graphml")
    g = nx.read_graphml(tmp_path / "s.graphml")
    assert Counter(d["node_type"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["rel_type"] for *_, d in g.edges(data=True)) == rels
    h = ig.Graph.Read_GraphML(str(tmp_path / "s.graphml"))
    assert (h.vcount(), h.ecount()) == (sum(nodes.values()), sum(rels.values()))
    export_scope(any_store, "csv", tmp_path / "s.zip")
    with zipfile.ZipFile(tmp_path / "s.zip") as z:
        edges_df = pd.read_csv(z.open("edges.csv"))
    assert Counter(edges_df["rel_type"]) == rels
    names = {n["key"]: n["name"] for n in any_store.iter_nodes()}
    assert all(g.nodes[k]["name"] == v for k, v in names.items())


def test_cli_store_running_out_of_memory_is_one_line(tmp_path):
    """A buffer pool too small for the export: a one-line error naming the variable, no traceback."""
    import os
    from bench import synth
    from graph.store import open_store
    path = tmp_path / "big.lbug"
    with open_store("embedded", db=str(path)) as s:
        s.ensure_schema()
        s.load(synth.generate(100_000))
    r = subprocess.run([sys.executable, "-m", "graph.export", "--store", "embedded", "--db", str(path),
                        "--format", "csv", "-o", str(tmp_path / "out.zip")], cwd=REPO, capture_output=True,
                       timeout=300, env={**os.environ, "GOVKG_BUFFER_POOL_MB": "8"})
    err = r.stderr.decode().strip().splitlines()
