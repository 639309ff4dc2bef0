"""Network-file exports, read back by readers nobody here wrote (networkx,
python-igraph, pandas) and compared with what the store says it holds."""
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

from graph.export import EGO_LIMIT, FORMATS, ExportError, export_scope, write

REPO = Path(__file__).resolve().parents[2]

A1, A2 = "article:00000000000000a1", "article:00000000000000a2"
XZ, SN = "place:江苏省/徐州市", "place:江苏省/徐州市/睢宁县"
PZ, PZKF = "place:江苏省/徐州市/邳州市", "place:江苏省/徐州市/邳州市/邳州经济开发区"
SLW, WM, LH = "official:宋乐伟@徐州市", "official:王明@徐州市", "official:李华@徐州市"
BST, XG = "company:昆山佰斯拓机械设备有限公司", "company:徐工集团"
P1, P2 = "project:佰斯拓工业风机研发制造项目", "project:智能装备产业园项目"
XYD = "org:徐州医科大学"

TEXT1 = ("徐州市委书记宋乐伟到睢宁县调研。昆山佰斯拓机械设备有限公司投资1.6亿元建设"
         "佰斯拓工业风机研发制造项目，项目落户睢宁县。徐州医科大学校长王明参加调研。")
TEXT2 = ("邳州市副市长李华与徐工集团签约。徐工集团投资3000万元建设智能装备产业园项目; "
         "项目位于邳州经济开发区。\n徐州市委书记宋乐伟出席签约仪式。")


def _rel(rtype, head, tail, evidence, date, **props):
    return {"type": rtype, "head": head.split(":", 1)[1].split("/")[-1].split("@")[0],
            "tail": tail.split(":", 1)[1].split("/")[-1].split("@")[0],
            "head_key": head, "tail_key": tail, "evidence": evidence, "date": date, **props}


# Two hand-written extraction records in the docs/CONTRACTS.md format.
RECORDS = [
    {"article": "a1.txt", "key": A1, "title": "宋乐伟到睢宁县调研", "date": "2025-04-05",
     "source": "/data/a1.txt", "text": TEXT1,
     "entities": [
         {"type": "Place", "key": XZ, "name": "徐州市", "aliases": ["徐州"], "level": "prefecture", "mentions": 2},
         {"type": "Place", "key": SN, "name": "睢宁县", "aliases": ["睢宁"], "level": "county", "mentions": 2},
         {"type": "Official", "key": SLW, "name": "宋乐伟", "aliases": [], "mentions": 1},
         {"type": "Official", "key": WM, "name": "王明", "aliases": [], "mentions": 1},
         {"type": "Organization", "key": XYD, "name": "徐州医科大学", "aliases": [], "mentions": 1},
         {"type": "Company", "key": BST, "name": "昆山佰斯拓机械设备有限公司", "aliases": [], "mentions": 1},
         {"type": "Project", "key": P1, "name": "佰斯拓工业风机研发制造项目", "aliases": [], "mentions": 1,
          "total_investment_cny": 160000000, "total_investment_text": "1.6亿元"}],
     "relations": [
         _rel("LEADS", SLW, XZ, "徐州市委书记宋乐伟到睢宁县调研。", "2025-04-05", title="市委书记"),
         _rel("LEADS", WM, XYD, "徐州医科大学校长王明参加调研。", "2025-04-05", title="校长"),
         _rel("INVESTS_IN", BST, P1, "昆山佰斯拓机械设备有限公司投资1.6亿元建设佰斯拓工业风机研发制造项目",
              "2025-04-05", amount_cny=160000000, amount_text="1.6亿元"),
         _rel("HOSTS", SN, P1, "项目落户睢宁县。", "2025-04-05"),
         _rel("PART_OF", SN, XZ, "gazetteer", "2025-04-05")]},
    {"article": "a2.txt", "key": A2, "title": "邳州与徐工集团签约", "date": "2025-05-10",
     "source": "/data/a2.txt", "text": TEXT2,
     "entities": [
         {"type": "Place", "key": XZ, "name": "徐州市", "aliases": [], "level": "prefecture", "mentions": 1},
         {"type": "Place", "key": PZ, "name": "邳州市", "aliases": ["邳州"], "level": "county", "mentions": 2},
         {"type": "Place", "key": PZKF, "name": "邳州经济开发区", "aliases": [], "level": "zone", "mentions": 1},
         {"type": "Official", "key": SLW, "name": "宋乐伟", "aliases": [], "mentions": 1},
         {"type": "Official", "key": LH, "name": "李华", "aliases": [], "mentions": 1},
         {"type": "Company", "key": XG, "name": "徐工集团", "aliases": ["徐工"], "mentions": 2},
         {"type": "Project", "key": P2, "name": "智能装备产业园项目", "aliases": [], "mentions": 2,
          "total_investment_cny": 30000000, "total_investment_text": "3000万元"}],
     "relations": [
         _rel("LEADS", LH, PZ, "邳州市副市长李华与徐工集团签约。", "2025-05-10", title="副市长"),
         _rel("LEADS", SLW, XZ, "徐州市委书记宋乐伟出席签约仪式。", "2025-05-10", title="市委书记"),
         _rel("INVESTS_IN", XG, P2, "徐工集团投资3000万元建设智能装备产业园项目; 项目位于邳州经济开发区。",
              "2025-05-10", amount_cny=30000000, amount_text="3000万元"),
         _rel("HOSTS", PZKF, P2, "项目位于邳州经济开发区。", "2025-05-10"),
         _rel("PART_OF", PZKF, PZ, "gazetteer", "2025-05-10"),
         _rel("PART_OF", PZ, XZ, "gazetteer", "2025-05-10")]},
]
N_NODES = 14   # 12 distinct entities + 2 articles
N_EDGES = 10 + 14  # distinct (type, head, tail) relations + MENTIONS (one per entity per article)


@pytest.fixture
def store(any_store):
    any_store.load(RECORDS)
    return any_store


def expected(store) -> tuple[Counter, Counter]:
    c = store.counts()
    return (Counter({k: v for k, v in c["nodes"].items() if v}),
            Counter({k: v for k, v in c["relationships"].items() if v}))


def test_records_load_as_written(store):
    nodes, rels = expected(store)
    assert sum(nodes.values()) == N_NODES
    assert sum(rels.values()) == N_EDGES
    assert rels["LEADS"] == 3 and rels["MENTIONS"] == 14


# -- each format, whole graph ------------------------------------------------------
def test_graphml_whole_graph(store, tmp_path):
    out = tmp_path / "g.graphml"
    stats = export_scope(store, "graphml", out)
    nodes, rels = expected(store)
    assert (stats.nodes, stats.edges, stats.dropped_edges) == (N_NODES, N_EDGES, 0)

    g = nx.read_graphml(out)
    assert Counter(d["label"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["type"] for *_, d in g.edges(data=True)) == rels
    assert g.nodes[XZ]["name"] == "徐州市"
    assert json.loads(g.nodes[XZ]["aliases"]) == ["徐州"]
    assert g.nodes[XZ]["level"] == "prefecture"
    assert g.nodes[P1]["total_investment_cny"] == 160000000.0
    assert isinstance(g.nodes[SLW]["mention_count"], int)
    inv = [d for u, v, d in g.edges(data=True) if (u, v) == (XG, P2)]
    assert len(inv) == 1 and inv[0]["amount_cny"] == 30000000.0 and inv[0]["amount_text"] == "3000万元"
    assert json.loads(inv[0]["evidence"]) == ["徐工集团投资3000万元建设智能装备产业园项目; 项目位于邳州经济开发区。"]
    leads = [d for u, v, d in g.edges(data=True) if (u, v) == (SLW, XZ)]
    assert leads[0]["title"] == "市委书记"
    assert json.loads(leads[0]["articles"]) == [A1, A2]
    assert json.loads(leads[0]["dates"]) == ["2025-04-05", "2025-05-10"]
    assert "宋乐伟" in g.nodes[A2]["text"] and "\n" in g.nodes[A2]["text"]

    h = ig.Graph.Read_GraphML(str(out))
    assert (h.vcount(), h.ecount()) == (N_NODES, N_EDGES)
    assert h.is_directed()
    assert Counter(h.vs["label"]) == nodes and Counter(h.es["type"]) == rels
    v = h.vs.find(id=P1)
    assert v["name"] == "佰斯拓工业风机研发制造项目" and v["total_investment_cny"] == 160000000.0
    e = h.es.find(_source=h.vs.find(id=BST).index, _target=v.index)
    assert e["amount_text"] == "1.6亿元" and e["amount_cny"] == 160000000.0


def test_gexf_whole_graph(store, tmp_path):
    out = tmp_path / "g.gexf"
    export_scope(store, "gexf", out)
    nodes, rels = expected(store)
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == N_NODES and g.number_of_edges() == N_EDGES
    assert Counter(d["node_type"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["rel_type"] for *_, d in g.edges(data=True)) == rels
    assert all(d["label"] == d["rel_type"] for *_, d in g.edges(data=True))
    assert g.nodes[SLW]["label"] == "宋乐伟"          # Gephi shows the Chinese name
    assert g.nodes[XG]["name"] == "徐工集团" and json.loads(g.nodes[XG]["aliases"]) == ["徐工"]
    assert g.nodes[P2]["total_investment_cny"] == 30000000.0
    (inv,) = [d for u, v, d in g.edges(data=True) if (u, v) == (BST, P1)]
    assert inv["amount_cny"] == 160000000.0 and inv["amount_text"] == "1.6亿元"
    assert json.loads(inv["evidence"])[0].startswith("昆山佰斯拓")
    assert json.loads(inv["dates"]) == ["2025-04-05"] and json.loads(inv["articles"]) == [A1]
    (lh,) = [d for u, v, d in g.edges(data=True) if (u, v) == (LH, PZ)]
    assert lh["title"] == "副市长"


@pytest.mark.parametrize("target", ["folder", "g.zip"])
def test_csv_whole_graph(store, tmp_path, target):
    out = tmp_path / target
    export_scope(store, "csv", out)
    if target.endswith(".zip"):
        with zipfile.ZipFile(out) as z:
            assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
            z.extractall(tmp_path / "unzipped")
        out = tmp_path / "unzipped"
    nodes_df = pd.read_csv(out / "nodes.csv", dtype={"key": str})
    edges_df = pd.read_csv(out / "edges.csv")
    nodes, rels = expected(store)
    assert Counter(nodes_df["label"]) == nodes and Counter(edges_df["type"]) == rels
    row = nodes_df.set_index("key").loc[P1]
    assert row["name"] == "佰斯拓工业风机研发制造项目" and row["total_investment_cny"] == 160000000.0
    assert json.loads(nodes_df.set_index("key").loc[SN, "aliases"]) == ["睢宁"]
    inv = edges_df[(edges_df.source == XG) & (edges_df.target == P2)].iloc[0]
    assert inv["amount_cny"] == 30000000.0
    assert "; 项目位于" in json.loads(inv["evidence"])[0]

    # igraph names vertices by the first column and keeps "name" for itself
    h = ig.Graph.DataFrame(edges_df, directed=True, use_vids=False,
                           vertices=nodes_df.rename(columns={"name": "zh_name"}))
    assert (h.vcount(), h.ecount()) == (N_NODES, N_EDGES)
    assert h.vs.find(name=SLW)["label"] == "Official" and h.vs.find(name=SLW)["zh_name"] == "宋乐伟"
    # into 徐州市: LEADS from 宋乐伟 (one edge, two articles), PART_OF ×2, MENTIONS ×2
    assert h.degree(h.vs.find(name=XZ).index, mode="in") == 5


def test_node_link_json_whole_graph(store, tmp_path):
    out = tmp_path / "g.json"
    export_scope(store, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="links")
    nodes, rels = expected(store)
    assert g.is_directed() and g.is_multigraph()
    assert Counter(d["label"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["type"] for *_, d in g.edges(data=True)) == rels
    assert g.nodes[XZ]["aliases"] == ["徐州"] and g.nodes[P2]["total_investment_cny"] == 30000000.0
    (leads,) = [d for u, v, d in g.edges(data=True) if (u, v) == (SLW, XZ)]
    assert leads["articles"] == [A1, A2] and leads["evidence"][1] == "徐州市委书记宋乐伟出席签约仪式。"

    h = ig.Graph.DictList(data["nodes"], data["links"], directed=True, vertex_name_attr="id",
                          edge_foreign_keys=("source", "target"))
    assert (h.vcount(), h.ecount()) == (N_NODES, N_EDGES)
    assert h.vs.find(id=WM)["name"] == "王明"


def test_cytoscape_whole_graph(store, tmp_path):
    out = tmp_path / "g.cyjs"
    export_scope(store, "cytoscape", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    els = data["elements"]
    nodes, rels = expected(store)
    assert Counter(n["data"]["label"] for n in els["nodes"]) == nodes
    assert Counter(e["data"]["label"] for e in els["edges"]) == rels
    assert len({e["data"]["id"] for e in els["edges"]}) == N_EDGES  # Cytoscape.js needs unique ids
    g = nx.cytoscape_graph(data)
    assert g.number_of_nodes() == N_NODES and g.number_of_edges() == N_EDGES
    assert g.nodes[XYD]["name"] == "徐州医科大学"


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
    g = nx.node_link_graph(json.loads((tmp_path / "2.json").read_text(encoding="utf-8")), edges="links")
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
    assert {d["label"] for _, d in g.nodes(data=True)} == {"Place"}
    assert g.number_of_nodes() == store.counts()["nodes"]["Place"] == 4
    assert Counter(d["type"] for *_, d in g.edges(data=True)) == {"PART_OF": 3}
    assert stats.dropped_edges == 2  # the HOSTS edges end at projects, which are outside


# -- minimum confidence -------------------------------------------------------------------
def _uncertain() -> list[dict]:
    """RECORDS with confidences: two items below 0.5, the rest at or above it (or none: 1.0)."""
    recs = json.loads(json.dumps(RECORDS))
    recs[0]["relations"][0]["confidence"] = 0.9   # LEADS 宋乐伟 → 徐州市 (a2 gives 0.6)
    recs[1]["relations"][1]["confidence"] = 0.6
    recs[0]["relations"][1]["confidence"] = 0.2   # LEADS 王明 → 徐州医科大学: below
    recs[1]["entities"][2]["confidence"] = 0.3    # 邳州经济开发区: below, and its 3 edges with it
    return recs


def test_min_confidence_leaves_out_what_is_below(any_store, tmp_path):
    any_store.load(_uncertain())
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
    assert set(nx.node_link_graph(json.loads((tmp_path / "ego.json").read_text()), edges="links")) == {WM, A1}
    assert ego.edges == 1  # MENTIONS only: LEADS 王明 → 徐州医科大学 is below


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
            assert text["rels_PART_OF.csv"].splitlines()[1].endswith(",0.625")
        return
    data = buf.getvalue()
    if fmt in ("graphml", "gexf"):
        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
        assert g.nodes[SN]["confidence"] == 0.25 and next(iter(g.edges(data=True)))[2]["confidence"] == 0.625
    else:
        doc = json.loads(data)
        items = doc["elements"]["nodes"] + doc["elements"]["edges"] if fmt == "cytoscape" else \
            doc["nodes"] + doc["links"]
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
AWKWARD_NODES = [
    {"key": "project:甲<乙>&\"丙\"", "label": "Project", "name": "甲<乙>&\"丙\"项目", "aliases": ["a;b", "c,d"],
     "first_seen": None, "last_seen": "2025-01-02", "mention_count": 1, "total_investment_cny": None,
     "total_investment_text": None},
    {"key": "company:丁公司", "name": "丁公司", "aliases": [], "mention_count": 3},  # label from the key
    {"key": "article:ffffffffffffffff", "label": "Article", "name": "控制\x01字符", "date": None,
     "source": None, "text": "第一行\n第二行\x0b"},
]
AWKWARD_EDGES = [
    {"type": "INVESTS_IN", "source": "company:丁公司", "target": "project:甲<乙>&\"丙\"",
     "articles": ["article:ffffffffffffffff"], "evidence": ["投资5亿美元; 建设"], "dates": [None],
     "title": None, "amount_cny": None, "amount_text": "5亿美元", "value_article": None},
    {"type": "MENTIONS", "source": "article:ffffffffffffffff", "target": "company:丁公司", "count": 2},
    {"type": "MENTIONS", "source": "article:ffffffffffffffff", "target": "place:不在导出里", "count": 1},
]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cytoscape"])
def test_awkward_values_survive(tmp_path, fmt):
    out = tmp_path / f"x{FORMATS[fmt].extension}"
    stats = write(fmt, iter(AWKWARD_NODES), iter(AWKWARD_EDGES), out)
    assert (stats.nodes, stats.edges, stats.dropped_edges) == (3, 2, 1)
    if fmt == "graphml":
        g = nx.read_graphml(out)
    elif fmt == "gexf":
        g = nx.read_gexf(out)
    elif fmt == "json":
        g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    else:
        g = nx.cytoscape_graph(json.loads(out.read_text(encoding="utf-8")))
    p = g.nodes['project:甲<乙>&"丙"']
    assert p["name"] == '甲<乙>&"丙"项目'
    aliases = p["aliases"] if fmt in ("json", "cytoscape") else json.loads(p["aliases"])
    assert aliases == ["a;b", "c,d"]
    assert "first_seen" not in p and "total_investment_cny" not in p  # None is left out
    assert g.nodes["company:丁公司"][{"gexf": "node_type"}.get(fmt, "label")] == "Company"
    assert g.nodes["article:ffffffffffffffff"]["text"].startswith("第一行\n第二行")
    (inv,) = [d for u, v, d in g.edges(data=True) if v.startswith("project:")]
    assert inv["amount_text"] == "5亿美元" and "amount_cny" not in inv


def test_csv_awkward_values(tmp_path):
    write("csv", AWKWARD_NODES, AWKWARD_EDGES, tmp_path / "c")
    nodes_df = pd.read_csv(tmp_path / "c" / "nodes.csv", keep_default_na=False)
    assert list(nodes_df["label"]) == ["Project", "Company", "Article"]
    assert json.loads(nodes_df.loc[0, "aliases"]) == ["a;b", "c,d"] and nodes_df.loc[0, "first_seen"] == ""
    assert nodes_df.loc[2, "text"] == "第一行\n第二行\x0b"   # CSV keeps what XML cannot
    edges_df = pd.read_csv(tmp_path / "c" / "edges.csv")
    assert len(edges_df) == 2 and json.loads(edges_df.loc[0, "evidence"]) == ["投资5亿美元; 建设"]


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
    assert sorted(edges_df["type"]) == ["LEADS", "PART_OF", "PART_OF"]
    assert set(pd.read_csv(tmp_path / "out" / "nodes.csv")["key"]) == {PZ, PZKF, XZ, LH}


def test_cli_named_query(db_file, tmp_path):
    r = _cli("--db", str(db_file), "--format", "json", "--query", "ego", "--param", f"key={PZ}", "-o", "-")
    assert r.returncode == 0, r.stderr.decode()
    g = nx.node_link_graph(json.loads(r.stdout), edges="links")
    assert set(g.nodes) == {PZ, XZ, PZKF, LH, A2}


def test_cli_min_confidence(tmp_path):
    from graph.store import open_store
    db = tmp_path / "uncertain.lbug"
    with open_store("embedded", db=str(db)) as s:
        s.ensure_schema()
        s.load(_uncertain())
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
    assert Counter(d["label"] for _, d in g.nodes(data=True)) == nodes
    assert Counter(d["type"] for *_, d in g.edges(data=True)) == rels
    h = ig.Graph.Read_GraphML(str(tmp_path / "s.graphml"))
    assert (h.vcount(), h.ecount()) == (sum(nodes.values()), sum(rels.values()))
    export_scope(any_store, "csv", tmp_path / "s.zip")
    with zipfile.ZipFile(tmp_path / "s.zip") as z:
        edges_df = pd.read_csv(z.open("edges.csv"))
    assert Counter(edges_df["type"]) == rels
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
    assert r.returncode == 1, err
    assert err[-1].startswith("error: ") and "GOVKG_BUFFER_POOL_MB" in err[-1], err
    assert not any("Traceback" in line for line in err), err
