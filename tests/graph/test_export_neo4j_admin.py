"""neo4j-admin CSV exports, imported into an empty database by Neo4j's own
importer (graph.neo4j_server, on a throw-away home sharing the installed jars)."""
from __future__ import annotations

import importlib.util
import os
import zipfile
from pathlib import Path

import pytest

from graph.export import export_scope, write
from graph.export.neo4j_admin import ARRAY_DELIMITER, IMPORT_ARGS, import_command, import_files, nodes_file, rels_file
from graph import schema

# The hand-written records live beside the other export tests.
_spec = importlib.util.spec_from_file_location("export_cases", Path(__file__).with_name("test_export.py"))
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(neo4j_home_factory):
    from graph import neo4j_server as ns
    home = neo4j_home_factory("neo4j-import")
    yield home
    ns.stop(home)


@pytest.fixture
def store(any_store):
    any_store.load(cases.RECORDS)
    return any_store


def _import(home, folder):
    from graph import neo4j_server as ns
    nodes, rels = import_files(folder)
    # admin_import already passes --array-delimiter=; (our ARRAY_DELIMITER); add the rest
    assert ARRAY_DELIMITER == ";"
    extra = [a for a in IMPORT_ARGS if not a.startswith("--array-delimiter")]
    return ns.admin_import(home, nodes, rels, extra_args=extra, heap="512m")


def test_layout_and_headers(tmp_path):
    write("neo4j-admin", [], [], tmp_path / "e")
    names = sorted(p.name for p in (tmp_path / "e").iterdir())
    assert names == sorted([nodes_file(lb) for lb in schema.node_labels()]
                           + [rels_file(t) for t in schema.rel_types()])
    head = (tmp_path / "e" / nodes_file("Project")).read_text(encoding="utf-8").splitlines()[0].split(",")
    assert head[:2] == ["key:ID", ":LABEL"]
    assert {"aliases:string[]", "mention_count:long", "total_investment_cny:double"} <= set(head)
    head = (tmp_path / "e" / rels_file("INVESTS_IN")).read_text(encoding="utf-8").splitlines()[0].split(",")
    assert head[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"articles:string[]", "evidence:string[]", "dates:string[]", "amount_cny:double"} <= set(head)
    assert import_files(tmp_path / "e") == ([], [])  # header-only files are not passed


def test_zip_holds_the_same_files(store, tmp_path):
    export_scope(store, "neo4j-admin", tmp_path / "folder")
    export_scope(store, "neo4j-admin", tmp_path / "x.zip")
    with zipfile.ZipFile(tmp_path / "x.zip") as z:
        for name in z.namelist():
            assert z.read(name) == (tmp_path / "folder" / name).read_bytes()
    cmd = import_command(tmp_path / "folder")
    assert cmd[:3] == ["database", "import", "full"] and "--multiline-fields=true" in cmd
    assert sum(a.startswith("--relationships=") for a in cmd) == 5  # every type has rows


def test_import_into_empty_database(store, home, tmp_path):
    from neo4j import GraphDatabase
    from graph import neo4j_server as ns

    folder = tmp_path / "import"
    stats = export_scope(store, "neo4j-admin", folder)
    counts = store.counts()
    result = _import(home, folder)
    assert result["nodes"] == stats.nodes == sum(counts["nodes"].values()) == cases.N_NODES
    assert result["relationships"] == stats.edges == sum(counts["relationships"].values()) == cases.N_EDGES

    port = ns.free_port()
    ns.start(home, port=port, quiet=True)
    try:
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=(ns.USER, ns.default_password())) as drv:
            def rows(cypher, **params):
                return drv.execute_query(cypher, params, database_="neo4j").records

            got = {r["l"]: r["n"] for r in rows("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n")}
            assert got == {k: v for k, v in counts["nodes"].items() if v}
            got = {r["t"]: r["n"] for r in rows("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")}
            assert got == {k: v for k, v in counts["relationships"].items() if v}

            (xz,) = rows("MATCH (n:Place {key: $k}) RETURN n", k=cases.XZ)
            assert xz["n"]["name"] == "徐州市" and xz["n"]["aliases"] == ["徐州"]
            assert xz["n"]["level"] == "prefecture" and xz["n"]["mention_count"] == 3
            (p1,) = rows("MATCH (n:Project {key: $k}) RETURN n.total_investment_cny AS v", k=cases.P1)
            assert p1["v"] == 160000000.0 and isinstance(p1["v"], float)
            (a2,) = rows("MATCH (n:Article {key: $k}) RETURN n.text AS t", k=cases.A2)
            assert a2["t"] == cases.TEXT2  # line breaks survive (--multiline-fields)

            (inv,) = rows("MATCH (:Company {key: $c})-[r:INVESTS_IN]->(:Project {key: $p}) RETURN r",
                          c=cases.XG, p=cases.P2)
            r = inv["r"]
            assert r["amount_cny"] == 30000000.0 and r["amount_text"] == "3000万元"
            # an ASCII ';' inside an item would split the array: it comes back full-width
            assert r["evidence"] == ["徐工集团投资3000万元建设智能装备产业园项目； 项目位于邳州经济开发区。"]
            (leads,) = rows("MATCH (:Official {key: $o})-[r:LEADS]->(:Place {key: $p}) RETURN r",
                            o=cases.SLW, p=cases.XZ)
            assert leads["r"]["title"] == "市委书记"
            assert leads["r"]["articles"] == [cases.A1, cases.A2]
            assert leads["r"]["dates"] == ["2025-04-05", "2025-05-10"]
            (m,) = rows("MATCH (:Article {key: $a})-[r:MENTIONS]->(:Project {key: $p}) RETURN r.count AS c",
                        a=cases.A2, p=cases.P2)
            assert m["c"] == 2
    finally:
        ns.stop(home)


def test_seed_graph_imports_whole(embedded_store, seed_records, home, tmp_path):
    embedded_store.load(seed_records)
    counts = embedded_store.counts()
    export_scope(embedded_store, "neo4j-admin", tmp_path / "seed")
    result = _import(home, tmp_path / "seed")
    assert result["nodes"] == sum(counts["nodes"].values()) > 0
    assert result["relationships"] == sum(counts["relationships"].values()) > 0


def test_cli_imports_an_export_folder(embedded_store, home, tmp_path):
    import subprocess
    import sys
    embedded_store.load(cases.RECORDS)
    export_scope(embedded_store, "neo4j-admin", tmp_path / "dump")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    run = [sys.executable, "-m", "graph.neo4j_server", "admin-import", "--home", str(home)]
    r = subprocess.run(run + ["--folder", str(tmp_path / "dump")], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"imported {cases.N_NODES} nodes, {cases.N_EDGES} relationships" in r.stdout
    r = subprocess.run(run + ["--folder", str(tmp_path / "nowhere")], capture_output=True, text=True, env=env)
    assert r.returncode == 1 and r.stderr.strip().startswith("error: ") and "nowhere" in r.stderr
