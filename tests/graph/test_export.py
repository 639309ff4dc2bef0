"""Network-file exports, read back by readers nobody here wrote (networkx,
python-igraph, pandas) and compared with what the store says it holds.
Gephi, Cytoscape.js and neo4j-admin read them in test_export_gephi.py,
test_export_cytoscape_js.py and test_export_neo4j_admin.py."""
from __future__ import annotations

import io
import json
import zipfile
from collections import Counter

import igraph as ig
import networkx as nx
import pandas as pd
import pytest

from graph import schema
from graph.export import EGO_LIMIT, FORMATS, ExportError, export_scope, write
from graph.export.base import edge_id
from tests.graph.export_cases import (A1, A2, AWKWARD_EDGES, AWKWARD_NODES, BST, LH, N_EDGES, N_NODES, P1,
                                      P2, PZ, SLW, SN, WM, XG, XYD, XZ, expected, store)  # noqa: F401


def test_records_load_as_written(store):
    nodes, rels = expected(store)
    assert sum(nodes.values()) == N_NODES
    assert sum(rels.values()) == N_EDGES
    assert rels["LEADS"] == 3 and rels["MENTIONS"] == 14


def _ids(store) -> dict[tuple, str]:
    return {(e["type"], e["source"], e["target"]): edge_id(e) for e in store.iter_edges()}


# -- each format, whole graph ------------------------------------------------------
def test_graphml_whole_graph(store, tmp_path):
    out = tmp_path / "g.graphml"
    stats = export_scope(store, "graphml", out)
    nodes, rels = expected(store)
    assert (stats.nodes, stats.edges, stats.dropped_edges) == (N_NODES, N_EDGES, 0)

    g = nx.read_graphml(out, force_multigraph=True)
    assert Counter(d["node_type"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["rel_type"] for *_, d in g.edges(data=True)) == rels
    assert all(d["label"] == d["rel_type"] for *_, d in g.edges(data=True))
    assert g.nodes[XZ]["label"] == g.nodes[XZ]["name"] == "徐州市"   # Gephi's Label: the Chinese name
    assert g.nodes[XZ]["color"] == schema.color("Place")
    assert json.loads(g.nodes[XZ]["aliases"]) == ["徐州"]
    assert g.nodes[XZ]["level"] == "prefecture"
    assert g.nodes[P1]["total_investment_cny"] == 160000000.0
    assert g.nodes[P2]["stage"] == "signed" and json.loads(g.nodes[P2]["stage_articles"]) == [A2]
    assert isinstance(g.nodes[SLW]["mention_count"], int)
    inv = [d for u, v, d in g.edges(data=True) if (u, v) == (XG, P2)]
    assert len(inv) == 1 and inv[0]["amount_cny"] == 30000000.0 and inv[0]["amount_text"] == "3000万元"
    assert json.loads(inv[0]["evidence"]) == ["徐工集团投资3000万元建设智能装备产业园项目; 项目位于邳州经济开发区。"]
    (key, leads), = [(k, d) for u, v, k, d in g.edges(keys=True, data=True) if (u, v) == (SLW, XZ)]
    assert key == _ids(store)[("LEADS", SLW, XZ)]  # networkx keys edges by their stable id
    assert leads["title"] == "市委书记" and leads["weight"] == 2  # two supporting articles
    assert json.loads(leads["articles"]) == [A1, A2]
    assert json.loads(leads["dates"]) == ["2025-04-05", "2025-05-10"]
    (m,) = [d for u, v, d in g.edges(data=True) if (u, v) == (A2, P2)]
    assert m["weight"] == m["count"] == 2
    assert "宋乐伟" in g.nodes[A2]["text"] and "\n" in g.nodes[A2]["text"]

    h = ig.Graph.Read_GraphML(str(out))
    assert (h.vcount(), h.ecount()) == (N_NODES, N_EDGES)
    assert h.is_directed()
    assert Counter(h.vs["node_type"]) == nodes and Counter(h.es["rel_type"]) == rels
    v = h.vs.find(id=P1)
    assert v["label"] == v["name"] == "佰斯拓工业风机研发制造项目" and v["total_investment_cny"] == 160000000.0
    e = h.es.find(_source=h.vs.find(id=BST).index, _target=v.index)
    assert e["amount_text"] == "1.6亿元" and e["amount_cny"] == 160000000.0 and e["weight"] == 1


@pytest.mark.parametrize("fmt", ["gexf", "gexf-dynamic"])
def test_gexf_whole_graph(store, tmp_path, fmt):
    out = tmp_path / "g.gexf"
    export_scope(store, fmt, out)
    nodes, rels = expected(store)
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == N_NODES and g.number_of_edges() == N_EDGES
    assert g.graph["mode"] == ("dynamic" if fmt == "gexf-dynamic" else "static")
    assert Counter(d["node_type"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["rel_type"] for *_, d in g.edges(data=True)) == rels
    assert all(d["label"] == d["rel_type"] for *_, d in g.edges(data=True))
    assert g.nodes[SLW]["label"] == "宋乐伟"          # Gephi shows the Chinese name
    assert g.nodes[XG]["name"] == "徐工集团" and json.loads(g.nodes[XG]["aliases"], strict=False) == ["徐工"]
    assert g.nodes[P2]["total_investment_cny"] == 30000000.0
    assert g.nodes[P2]["stage"] == "signed" and json.loads(g.nodes[P2]["stages"]) == ["signed"]
    r, gr, b = (int(schema.color("Company")[i:i + 2], 16) for i in (1, 3, 5))
    assert g.nodes[XG]["viz"]["color"] == {"r": r, "g": gr, "b": b, "a": 1.0}
    assert g.nodes[XZ]["viz"]["size"] > g.nodes[SLW]["viz"]["size"]  # 3 mentions against 2
    (inv,) = [d for u, v, d in g.edges(data=True) if (u, v) == (BST, P1)]
    assert inv["amount_cny"] == 160000000.0 and inv["amount_text"] == "1.6亿元"
    assert json.loads(inv["evidence"], strict=False)[0].startswith("昆山佰斯拓")
    assert json.loads(inv["dates"]) == ["2025-04-05"] and json.loads(inv["articles"]) == [A1]
    (leads,) = [d for u, v, d in g.edges(data=True) if (u, v) == (SLW, XZ)]
    assert leads["weight"] == 2.0 and leads["id"] == _ids(store)[("LEADS", SLW, XZ)]
    (lh,) = [d for u, v, d in g.edges(data=True) if (u, v) == (LH, PZ)]
    assert lh["title"] == "副市长"
    if fmt == "gexf-dynamic":
        assert (g.nodes[SLW]["start"], g.nodes[SLW]["end"]) == ("2025-04-05", "2025-05-10")
        assert (g.nodes[A2]["start"], g.nodes[A2]["end"]) == ("2025-05-10", "2025-05-10")
        assert leads["spells"] == [("2025-04-05", "2025-04-05"), ("2025-05-10", "2025-05-10")]
        (m,) = [d for u, v, d in g.edges(data=True) if (u, v) == (A1, SLW)]
        assert m["spells"] == [("2025-04-05", "2025-04-05")]  # a mention is dated by its article


@pytest.mark.parametrize("target", ["folder", "g.zip"])
def test_csv_whole_graph(store, tmp_path, target):
    out = tmp_path / target
    export_scope(store, "csv", out)
    if target.endswith(".zip"):
        with zipfile.ZipFile(out) as z:
            assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
            z.extractall(tmp_path / "unzipped")
        out = tmp_path / "unzipped"
    nodes_df = pd.read_csv(out / "nodes.csv")
    edges_df = pd.read_csv(out / "edges.csv")
    assert list(nodes_df.columns[:3]) == ["Id", "Label", "node_type"]
    assert list(edges_df.columns[:7]) == ["Source", "Target", "Type", "Id", "Label", "rel_type", "Weight"]
    assert "source" not in nodes_df.columns and "article_source" in nodes_df.columns  # Gephi: not an edge table
    nodes, rels = expected(store)
    assert Counter(nodes_df["node_type"]) == nodes and Counter(edges_df["rel_type"]) == rels
    assert set(edges_df["Type"]) == {"Directed"} and (edges_df["Label"] == edges_df["rel_type"]).all()
    assert set(edges_df["Id"]) == set(_ids(store).values())
    row = nodes_df.set_index("Id").loc[P1]
    assert row["Label"] == "佰斯拓工业风机研发制造项目" and row["total_investment_cny"] == 160000000.0
    assert json.loads(nodes_df.set_index("Id").loc[SN, "aliases"]) == ["睢宁"]
    assert json.loads(nodes_df.set_index("Id").loc[P2, "stage_dates"]) == ["2025-05-10"]
    assert nodes_df.set_index("Id").loc[A1, "article_source"] == "/data/a1.txt"
    inv = edges_df[(edges_df.Source == XG) & (edges_df.Target == P2)].iloc[0]
    assert inv["amount_cny"] == 30000000.0 and inv["Weight"] == 1
    assert "; 项目位于" in json.loads(inv["evidence"])[0]

    # igraph names vertices by the first column (Id); no column clashes with its "name"
    h = ig.Graph.DataFrame(edges_df, directed=True, use_vids=False, vertices=nodes_df)
    assert (h.vcount(), h.ecount()) == (N_NODES, N_EDGES)
    assert h.vs.find(name=SLW)["node_type"] == "Official" and h.vs.find(name=SLW)["Label"] == "宋乐伟"
    # into 徐州市: LEADS from 宋乐伟 (one edge, two articles), PART_OF ×2, MENTIONS ×2
    assert h.degree(h.vs.find(name=XZ).index, mode="in") == 5


def test_node_link_json_whole_graph(store, tmp_path):
    out = tmp_path / "g.json"
    export_scope(store, "json", out)
    with open(out, encoding="utf-8") as f:
        g = nx.node_link_graph(json.load(f))  # networkx 3.6's defaults, no arguments
    nodes, rels = expected(store)
    assert g.is_directed() and g.is_multigraph()
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_NODES, N_EDGES)
    assert Counter(d["node_type"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["rel_type"] for *_, d in g.edges(data=True)) == rels
    assert g.nodes[XZ]["aliases"] == ["徐州"] and g.nodes[P2]["total_investment_cny"] == 30000000.0
    assert g.nodes[P2]["stages"] == ["signed"] and g.nodes[P2]["stage_evidence"] == ["邳州市副市长李华与徐工集团签约。"]
    assert g.nodes[P1].get("stage") is None  # a project without events
    assert g.nodes[WM]["label"] == "王明"
    ids = _ids(store)
    assert {k for *_, k in g.edges(keys=True)} == set(ids.values())
    (leads,) = [d for u, v, d in g.edges(data=True) if (u, v) == (SLW, XZ)]
    assert leads["articles"] == [A1, A2] and leads["evidence"][1] == "徐州市委书记宋乐伟出席签约仪式。"
    assert leads["weight"] == 2

    data = json.loads(out.read_text(encoding="utf-8"))
    h = ig.Graph.DictList(data["nodes"], data["edges"], directed=True, vertex_name_attr="id",
                          edge_foreign_keys=("source", "target"))
    assert (h.vcount(), h.ecount()) == (N_NODES, N_EDGES)
    assert h.vs.find(id=WM)["name"] == "王明"


def test_cytoscape_whole_graph(store, tmp_path):
    out = tmp_path / "g.cyjs"
    export_scope(store, "cytoscape", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    els = data["elements"]
    nodes, rels = expected(store)
    assert Counter(n["data"]["node_type"] for n in els["nodes"]) == nodes
    assert Counter(e["data"]["interaction"] for e in els["edges"]) == rels
    assert {e["data"]["id"] for e in els["edges"]} == set(_ids(store).values())
    byid = {n["data"]["id"]: n["data"] for n in els["nodes"]}
    assert byid[XYD]["label"] == "徐州医科大学"
    assert byid[P2]["stage"] == "signed" and byid[P2]["stage_dates"] == ["2025-05-10"]
    selectors = {s["selector"]: s["style"] for s in data["style"]}
    assert selectors['node[node_type = "Place"]']["background-color"] == schema.color("Place")
    assert selectors['edge[rel_type = "LEADS"]']["line-color"] == schema.color("LEADS")
    g = nx.cytoscape_graph(data)
    assert g.number_of_nodes() == N_NODES and g.number_of_edges() == N_EDGES
    assert g.nodes[XYD]["name"] == "徐州医科大学"


def test_edge_ids_are_the_same_in_every_format_and_scope(store, tmp_path):
    ids = _ids(store)
    assert len(set(ids.values())) == N_EDGES
    export_scope(store, "json", tmp_path / "all.json")
    export_scope(store, "cytoscape", tmp_path / "ego.cyjs", ego=SLW, depth=2)
    export_scope(store, "gexf", tmp_path / "ego.gexf", ego=XG, depth=1)
    whole = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    got = {(e["rel_type"], e["source"], e["target"]): e["key"] for e in whole["edges"]}
    assert got == ids
    cy = json.loads((tmp_path / "ego.cyjs").read_text(encoding="utf-8"))["elements"]["edges"]
    assert all(ids[(e["data"]["interaction"], e["data"]["source"], e["data"]["target"])] == e["data"]["id"]
               for e in cy) and len(cy) > 3
    gexf = nx.read_gexf(tmp_path / "ego.gexf")
    assert all(ids[(d["rel_type"], u, v)] == d["id"] for u, v, d in gexf.edges(data=True))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_confidence_is_a_column_of_every_format(fmt, tmp_path):
    nodes = [{"key": XZ, "label": "Place", "name": "徐州市", "confidence": 0.75},
             {"key": SN, "label": "Place", "name": "睢宁县", "confidence": 0.25}]
    edges = [{"type": "PART_OF", "source": SN, "target": XZ, "articles": [A1], "confidence": 0.625}]
    buf = io.BytesIO()
    write(fmt, nodes, edges, buf)
    if FORMATS[fmt].multi_file:
        with zipfile.ZipFile(buf) as z:
            text = {n: z.read(n).decode("utf-8") for n in z.namelist()}
        if fmt == "csv":
            assert list(pd.read_csv(io.StringIO(text["nodes.csv"]))["confidence"]) == [0.75, 0.25]
            assert list(pd.read_csv(io.StringIO(text["edges.csv"]))["confidence"]) == [0.625]
        else:  # neo4j-admin: a typed column
            assert "confidence:double" in text["nodes_Place.csv"].splitlines()[0]
            rels = pd.read_csv(io.StringIO(text["rels_PART_OF.csv"]), dtype=str)
            assert rels["confidence:double"].tolist() == ["0.625"]
        return
    data = buf.getvalue()
    if fmt in ("graphml", "gexf", "gexf-dynamic"):
        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
        assert g.nodes[SN]["confidence"] == 0.25 and next(iter(g.edges(data=True)))[2]["confidence"] == 0.625
    else:
        doc = json.loads(data)
        items = doc["elements"]["nodes"] + doc["elements"]["edges"] if fmt == "cytoscape" else \
            doc["nodes"] + doc["edges"]
        assert [i.get("data", i)["confidence"] for i in items] == [0.75, 0.25, 0.625]


def test_min_confidence_bad_values_are_refused(tmp_path):
    for bad in (-0.5, 1.5):
        with pytest.raises(ExportError, match="not a number from 0 to 1"):
            write("json", [], [], tmp_path / "x.json", min_confidence=bad)


# -- the app's in-memory download -------------------------------------------------------
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_write_to_bytesio(store, fmt):
    sg = store.ego(XZ, depth=1, limit=EGO_LIMIT)
    buf = io.BytesIO()
    stats = write(fmt, sg.nodes, sg.edges, buf)
    assert not buf.closed and stats.nodes == len(sg.node_keys()) and stats.edges == len(sg.edges)
    cls = FORMATS[fmt]
    assert cls.extension.startswith(".") and "/" in cls.mime
    data = buf.getvalue()
    if cls.multi_file:
        assert cls.extension == ".zip" and cls.mime == "application/zip"
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            text = "".join(z.read(n).decode("utf-8") for n in z.namelist())
    else:
        text = data.decode("utf-8")
    assert "徐州市" in text and "宋乐伟" in text


# -- edge cases, on node/edge dicts shaped like the stores' ---------------------------
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "gexf-dynamic", "json", "cytoscape"])
def test_awkward_values_survive(tmp_path, fmt):
    out = tmp_path / f"x{FORMATS[fmt].extension}"
    stats = write(fmt, iter(AWKWARD_NODES), iter(AWKWARD_EDGES), out)
    assert (stats.nodes, stats.edges, stats.dropped_edges) == (3, 2, 1)
    if fmt == "graphml":
        g = nx.read_graphml(out)
    elif fmt.startswith("gexf"):
        g = nx.read_gexf(out)
    elif fmt == "json":
        g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")))
    else:
        g = nx.cytoscape_graph(json.loads(out.read_text(encoding="utf-8")))
    p = g.nodes['project:甲<乙>&"丙"']
    assert p["name"] == '甲<乙>&"丙"项目'
    aliases = p["aliases"] if fmt in ("json", "cytoscape") else json.loads(p["aliases"], strict=False)
    assert aliases == ["a;b", "c,d"]
    assert "first_seen" not in p and "total_investment_cny" not in p  # None is left out
    assert g.nodes["company:丁公司"]["node_type"] == "Company"
    assert g.nodes["article:ffffffffffffffff"]["text"].startswith("第一行\n第二行")
    (inv,) = [d for u, v, d in g.edges(data=True) if v.startswith("project:")]
    assert inv["amount_text"] == "5亿美元" and "amount_cny" not in inv


def test_gexf_lists_are_gephi_liststrings(tmp_path):
    """Gephi parses ["a", "b"] with \\ escaping quotes and backslashes; JSON reads the same text."""
    node = {"key": "company:甲", "label": "Company", "name": "甲", "aliases": ['引"号', "反\\斜", "换\n行", ""]}
    write("gexf", [node], [], tmp_path / "x.gexf")
    g = nx.read_gexf(tmp_path / "x.gexf")
    assert json.loads(g.nodes["company:甲"]["aliases"], strict=False) == node["aliases"]
    assert 'type="liststring"' in (tmp_path / "x.gexf").read_text(encoding="utf-8")


def test_csv_awkward_values(tmp_path):
    write("csv", AWKWARD_NODES, AWKWARD_EDGES, tmp_path / "c")
    nodes_df = pd.read_csv(tmp_path / "c" / "nodes.csv", keep_default_na=False)
    assert list(nodes_df["node_type"]) == ["Project", "Company", "Article"]
    assert json.loads(nodes_df.loc[0, "aliases"]) == ["a;b", "c,d"] and nodes_df.loc[0, "first_seen"] == ""
    assert nodes_df.loc[2, "text"] == "第一行\n第二行\x0b"   # CSV keeps what XML cannot
    edges_df = pd.read_csv(tmp_path / "c" / "edges.csv")
    assert len(edges_df) == 2 and json.loads(edges_df.loc[0, "evidence"]) == ["投资5亿美元; 建设"]
    assert list(edges_df["Weight"]) == [1, 2]


def test_bad_targets(tmp_path):
    with pytest.raises(ExportError, match="unknown format"):
        write("dot", [], [], tmp_path / "x.dot")
    with pytest.raises(ExportError, match="binary file object"):
        write("graphml", [], [], io.StringIO())
    with pytest.raises(ExportError, match="is a folder"):
        write("gexf", [], [], tmp_path)
    (tmp_path / "f").write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        write("csv", [], [], tmp_path / "f")
    with pytest.raises(ExportError, match="not in schema.yaml"):
        write("graphml", [{"key": "x:1", "label": "Person", "name": "x"}], [], tmp_path / "x.graphml")
