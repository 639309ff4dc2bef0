"""Both stores behind one interface: the same tests against each (any_store)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import schema
from graph.loading import RecordError
from graph.store import ReadOnlyError, StoreError, open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_loading import (BST, PROJ, QA, SN, SONG, SU, XZ, _load_sequence,  # noqa: E402
                          records)

REPO = Path(__file__).resolve().parents[2]


def snapshot(store) -> tuple[list, list]:
    nodes = sorted(store.iter_nodes(), key=lambda n: n["key"])
    edges = sorted(store.iter_edges(), key=lambda e: (e["type"], e["source"], e["target"]))
    return nodes, edges


def expected_snapshot(recs) -> tuple[list, list]:
    """What the merge rules say the store must hold, computed without a store."""
    from graph.loading import article_row, node_props_of
    from graph.store import full_edge, full_node
    nodes, rels = _load_sequence([recs])
    out_nodes = [full_node(n["label"], n) for n in nodes.values()]
    out_nodes += [full_node("Article", node_props_of(article_row(r))) for r in recs]
    out_edges = [full_edge(r["type"], r["source"], r["target"], r) for r in rels.values()]
    for r in recs:
        counts = {}
        for e in r["entities"]:
            counts[e["key"]] = counts.get(e["key"], 0) + e["mentions"]
        out_edges += [full_edge("MENTIONS", r["key"], k, {"count": c}) for k, c in counts.items()]
    return (sorted(out_nodes, key=lambda n: n["key"]),
            sorted(out_edges, key=lambda e: (e["type"], e["source"], e["target"])))


# -- loading -------------------------------------------------------------------------
def test_load_matches_the_merge_rules_and_reload_changes_nothing(any_store):
    stats = any_store.load(records())
    assert (stats.articles_read, stats.articles_loaded, stats.articles_present) == (3, 3, 0)
    first = snapshot(any_store)
    assert first == expected_snapshot(records())
    counts = any_store.counts()
    again = any_store.load(records())
    assert (again.articles_loaded, again.articles_present) == (0, 3)
    assert (again.nodes_created, again.nodes_updated, again.rels_created, again.rels_updated) == (0, 0, 0, 0)
    assert any_store.counts() == counts
    assert snapshot(any_store) == first


@pytest.mark.parametrize("order, batch_size", [((2, 1, 0), 1), ((1, 2, 0), 2), ((0, 2, 1), 1)])
def test_load_order_and_batches_give_identical_properties(any_store, order, batch_size):
    recs = records()
    stats = any_store.load([recs[i] for i in order], batch_size=batch_size)
    assert stats.articles_loaded == 3
    assert stats.nodes_updated > 0  # later batches really merged into stored rows
    assert snapshot(any_store) == expected_snapshot(recs)


def test_invalid_record_raises_and_writes_nothing(any_store):
    bad = records()
    bad[1]["relations"][0]["tail_key"] = "place:江苏省/南京市"
    with pytest.raises(RecordError, match="002_xugong.txt"):
        any_store.load(bad)
    assert sum(any_store.counts()["nodes"].values()) == 0


def test_counts_name_every_label_and_type(any_store):
    any_store.load(records()[:1])
    counts = any_store.counts()
    assert list(counts["nodes"]) == schema.node_labels()
    assert list(counts["relationships"]) == schema.rel_types()
    assert counts["nodes"]["Organization"] == 0 and counts["nodes"]["Place"] == 4
    assert counts["relationships"]["MENTIONS"] == 8 and counts["relationships"]["PART_OF"] == 3
    assert sum(1 for _ in any_store.iter_nodes()) == sum(counts["nodes"].values())
    assert sum(1 for _ in any_store.iter_edges()) == sum(counts["relationships"].values())


# -- reading --------------------------------------------------------------------------
@pytest.fixture
def loaded(any_store):
    any_store.load(records())
    return any_store


def test_search_finds_partial_names_and_aliases(loaded):
    hits = loaded.search("佰斯拓")
    keys = [h["key"] for h in hits]
    assert keys[0] == BST  # the alias 佰斯拓 matches exactly
    assert PROJ in keys
    assert [h["key"] for h in loaded.search("睢宁")][0] == SN
    assert [h["key"] for h in loaded.search("斯拓", labels=["Project"])] == [PROJ]
    assert loaded.search("南京") == []


def test_search_ranks_every_alias_match(any_store):
    """Thirty aliases contain the text: the most mentioned node comes first, though its long
    alias is what a full-text index scores lowest (a capped index query would miss it)."""
    ents = [{"type": "Project", "key": f"project:工程{i}", "name": f"工程{i}", "aliases": [f"测试{'长' * i}工程{i}"],
             "mentions": 5 if i == 29 else 1} for i in range(30)]
    any_store.load([{"article": "t.txt", "key": "article:00000000000000f1", "title": "简讯", "date": None,
                     "source": "t.txt", "text": "测试工程", "entities": ents, "relations": []}])
    assert [n["key"] for n in any_store.search("测试", limit=1)] == ["project:工程29"]
    assert len(any_store.search("测试", limit=30)) == 30


def test_node_and_relations(loaded):
    node = loaded.node(XZ)
    assert node["name"] == "徐州市" and node["aliases"] == ["徐州"] and node["mention_count"] == 5
    assert loaded.node("place:nowhere") is None
    leads = [r for r in loaded.relations(XZ) if r["type"] == "LEADS"]
    assert [r["other"]["name"] for r in leads] == ["宋乐伟"]
    assert leads[0]["evidence"] == ["徐州市委书记宋乐伟到睢宁县调研。", "徐州市委书记宋乐伟出席开工仪式。"]


def test_ego_depth_filters_and_cap(loaded):
    one = loaded.ego(SONG)
    assert XZ in one.node_keys() and SN not in one.node_keys()
    two = loaded.ego(SONG, depth=2)
    assert {SN, "project:徐工智能制造基地"} <= two.node_keys()
    edge_ends = {k for e in two.edges for k in (e["source"], e["target"])}
    assert edge_ends <= two.node_keys()
    places = loaded.ego(SONG, depth=2, labels=["Place"])
    assert {schema.label_of_key(k) for k in places.node_keys() - {SONG}} == {"Place"}
    leads_only = loaded.ego(SONG, depth=1, rel_types=["LEADS"])
    assert leads_only.node_keys() == {SONG, XZ}
    late = loaded.ego(SONG, date_from="2025-05-01")
    assert "article:00000000000000a1" not in late.node_keys()
    assert "article:00000000000000a2" in late.node_keys()
    capped = loaded.ego(XZ, depth=2, limit=3)
    assert capped.truncated and len(capped.nodes) == 3
    with pytest.raises(StoreError):
        loaded.ego(SONG, depth=4)


def test_shortest_path_is_factual_unless_mentions_are_asked_for(loaded):
    path = loaded.shortest_path(SONG, QA)  # leads 徐州市, which 睢宁县 and 庆安镇 are part of
    assert [(e["type"], e["source"], e["target"]) for e in path.edges] == [
        ("LEADS", SONG, XZ), ("PART_OF", SN, XZ), ("PART_OF", QA, SN)]
    assert [n["key"] for n in path.nodes] == [SONG, XZ, SN, QA]  # in order from the source
    assert path.edges[0]["evidence"] == ["徐州市委书记宋乐伟到睢宁县调研。", "徐州市委书记宋乐伟出席开工仪式。"]
    assert all(e["evidence"] for e in path.edges)  # each hop with its evidence
    via_article = loaded.shortest_path(SONG, QA, include_mentions=True)
    assert [e["type"] for e in via_article.edges] == ["MENTIONS", "MENTIONS"]  # both named in one article
    assert loaded.shortest_path(SONG, QA, max_hops=2).edges == []
    assert loaded.shortest_path(SONG, "place:nowhere").nodes == []


def test_company_trace_reaches_hosting_places_and_their_leaders(loaded):
    rows, graph = loaded.company_trace(BST)
    places = {r["place_key"] for r in rows}
    assert {QA, SN, XZ, "place:江苏省"} <= places
    assert {(r["place_key"], r["official_key"], r["title"]) for r in rows if r["official_key"]} == {
        (XZ, SONG, "市委书记"), (SN, SU, "县委书记")}
    assert {r["amount_cny"] for r in rows} == {160000000.0}
    assert {BST, PROJ, QA, SN, SONG} <= graph.node_keys()
    assert loaded.company_trace("company:nobody") == ([], graph.__class__())


# -- read-only queries --------------------------------------------------------------------
def test_query_returns_rows_and_subgraph(loaded):
    res = loaded.query("MATCH (o:Official)-[r:LEADS]->(p:Place) RETURN o, r, p.name AS place ORDER BY place")
    assert res.columns == ["o", "r", "place"]
    assert [row[2] for row in res.rows] == ["徐州市", "睢宁县"]
    assert res.rows[0][0]["key"] == SONG and res.rows[0][1]["target"] == XZ
    assert {SONG, SU, XZ, SN} <= res.subgraph.node_keys()
    assert len(res.subgraph.edges) == 2
    capped = loaded.query("MATCH (n:Place) RETURN n.key AS k ORDER BY k", limit=2)
    assert len(capped.rows) == 2 and capped.truncated
    lim = loaded.query("MATCH (n:Place) RETURN n.key AS k ORDER BY k LIMIT $n", {"n": 1})
    assert len(lim.rows) == 1 and not lim.truncated


WRITES = [
    "CREATE (n:Place {key: 'place:x', name: 'x'})",
    "MATCH (n:Place) SET n.name = 'x'",
    "MATCH (n:Place {key: 'place:江苏省'}) DETACH DELETE n",
    "MERGE (n:Place {key: 'place:y'})",
    "MATCH (n:Place) REMOVE n.level",
    "MATCH (n) RETURN n; MATCH (n) DETACH DELETE n",
    "COPY (MATCH (n) RETURN n.key) TO '/tmp/govkg-leak.csv'",
    "DROP TABLE Place",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL dbms.killQueries(['x'])",
    "match (n:Place) set n.name = 'lower case'",
    "MATCH (n:Place) FOREACH (x IN [1] | SET n.name = 'x')",
]


@pytest.mark.parametrize("cypher", WRITES)
def test_writes_are_refused_and_change_nothing(loaded, cypher):
    before = snapshot(loaded)
    with pytest.raises(ReadOnlyError):
        loaded.query(cypher)
    assert snapshot(loaded) == before
    assert not os.path.exists("/tmp/govkg-leak.csv")


def test_write_words_inside_strings_are_fine(loaded):
    res = loaded.query("MATCH (n:Place) WHERE n.name <> 'CREATE; DELETE' RETURN count(n) AS c")
    assert res.rows == [[4]]


def test_query_timeout_stops_a_runaway_query(any_store):
    any_store.load(many_records(300))
    with pytest.raises(StoreError) as err:
        # a four-way product of ~2,000 nodes (~10^13 rows): no machine finishes it in 0.5 s
        any_store.query("MATCH (a), (b), (c), (d) WHERE a.key < b.key AND b.key < c.key AND c.key < d.key "
                        "RETURN count(*) AS n", timeout=0.5)
    assert not isinstance(err.value, ReadOnlyError)
    assert any_store.query("MATCH (n:Place) RETURN count(n) AS n").rows == [[11]]  # still usable


# -- seeds (real extractor output) ---------------------------------------------------------
def test_seed_ego_and_tracer(any_store, seed_records):
    any_store.load(seed_records)
    song = [h for h in any_store.search("宋乐伟", labels=["Official"])]
    assert song, "宋乐伟 not found in the seed graph"
    assert "徐州市" in {n["name"] for n in any_store.ego(song[0]["key"]).nodes}
    company = any_store.search("昆山佰斯拓机械设备有限公司", labels=["Company"])[0]
    rows, _ = any_store.company_trace(company["key"])
    assert {"庆安镇", "睢宁县"} <= {r["place"] for r in rows}


# -- failures ---------------------------------------------------------------------------
CRASH_SCRIPT = r"""
import json, sys
from graph.store import open_store
args = json.loads(sys.argv[1])
sys.path.insert(0, args["tests"])
from test_store import many_records
store = open_store(args["kind"], db=args.get("db"), uri=args.get("uri"), user=args.get("user"),
                   password=args.get("password"))
store.ensure_schema()
def progress(n):
    print("batch", flush=True)
store.load(many_records(), batch_size=40, progress=progress)
print("done", flush=True)
"""


def many_records(n: int = 600) -> list[dict]:
    """Synthetic articles sharing officials, places and projects (for crash tests)."""
    out = []
    for a in range(n):
        ents, rels = {}, []
        for j in range(6):
            i = (a * 7 + j * 13) % 97
            off, pl, pj = f"official:官员{i}@徐州市", f"place:江苏省/徐州市/区{i % 11}", f"project:项目{i % 31}"
            ents[off] = {"type": "Official", "key": off, "name": f"官员{i}", "aliases": [], "mentions": 1}
            ents[pl] = {"type": "Place", "key": pl, "name": f"区{i % 11}", "aliases": [f"别名{a % 3}"],
                        "mentions": 2, "level": "county"}
            ents[pj] = {"type": "Project", "key": pj, "name": f"项目{i % 31}", "aliases": [], "mentions": 1}
            rels.append({"type": "LEADS", "head_key": off, "tail_key": pl, "title": f"书记{a % 5}",
                         "evidence": f"句子{a}", "date": None})
            rels.append({"type": "HOSTS", "head_key": pl, "tail_key": pj, "evidence": f"句子{a}"})
        out.append({"article": f"{a:04d}.txt", "key": f"article:{a:016x}", "title": f"标题{a}",
                    "date": f"2025-{1 + a % 12:02d}-{1 + a % 28:02d}", "source": f"/data/{a:04d}.txt",
                    "text": f"正文{a}", "entities": list(ents.values()), "relations": rels})
    return out


def _store_args(store, tmp_path, request) -> dict:
    if store.kind == "embedded":
        return {"kind": "embedded", "db": store.path}
    settings = request.getfixturevalue("neo4j_settings")
    return {"kind": "neo4j", **settings}


@pytest.mark.slow
def test_killed_load_loses_nothing_and_rerun_completes(any_store, tmp_path, request):
    recs = many_records()
    any_store.load(recs, batch_size=40)
    reference = snapshot(any_store)
    any_store.clear()
    args = _store_args(any_store, tmp_path, request)
    if any_store.kind == "embedded":
        any_store.close()  # the child needs the file lock
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", CRASH_SCRIPT, json.dumps({**args, "tests": str(Path(__file__).parent)})],
                             stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
    batches = 0
    for line in child.stdout:
        batches += line.startswith("batch")
        if batches >= 3:
            child.send_signal(signal.SIGKILL)
            break
    child.wait()
    assert batches >= 3 and child.returncode == -signal.SIGKILL
    store = open_store(args["kind"], db=args.get("db"), uri=args.get("uri"), user=args.get("user"),
                       password=args.get("password"))
    try:
        partial = store.counts()["nodes"]["Article"]
        assert 120 <= partial < len(recs)  # at least the three reported batches survived
        stats = store.load(recs, batch_size=40)
        assert stats.articles_present == partial
        assert snapshot(store) == reference
    finally:
        if store.kind == "embedded":
            store.close()


def test_neo4j_errors_are_one_line(neo4j_settings):
    cases = [dict(neo4j_settings, password="wrong-password"),
             dict(neo4j_settings, uri="bolt://127.0.0.1:1"),
             dict(neo4j_settings, uri="http//not-a-uri")]
    for case in cases:
        with pytest.raises(StoreError) as err:
            open_store("neo4j", uri=case["uri"], user=case["user"], password=case["password"])
        assert "\n" not in str(err.value)
    assert "credentials" in _err(dict(neo4j_settings, password="wrong-password"))
    assert "cannot reach" in _err(dict(neo4j_settings, uri="bolt://127.0.0.1:1"))


def _err(case) -> str:
    try:
        open_store("neo4j", uri=case["uri"], user=case["user"], password=case["password"])
    except StoreError as e:
        return str(e)
    return ""


def test_locked_embedded_file_is_a_clear_error(tmp_path, hold_embedded):
    db = tmp_path / "locked.lbug"
    holder = hold_embedded(db)
    with pytest.raises(StoreError) as err:
        open_store("embedded", db=str(db))
    assert "in use by another process" in str(err.value) and "\n" not in str(err.value)
    holder.release()
    time.sleep(0.1)
    with open_store("embedded", db=str(db)) as store:  # usable again once the holder is gone
        assert store.counts()["nodes"]["Place"] == 0
