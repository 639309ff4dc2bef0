"""neo4j-admin CSV exports, imported into an empty database by Neo4j's own
importer with the command the export writes into IMPORT.txt (on a throw-away
home sharing the installed jars), then read back and compared with the store."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graph import schema
from graph.export import ExportError, export_scope, write
from graph.export.neo4j_admin import NOTE_FILE, import_command, import_files, nodes_file, rels_file
from graph.store import open_store
from tests.graph import export_cases as cases
from tests.graph.export_cases import store  # noqa: F401

pytestmark = pytest.mark.slow

A3 = "article:00000000000000a3"
# An undated article: one relationship it alone supports has dates [""] (one empty string), one it
# shares has ["2025-05-10", ""]; its evidence holds an ASCII ';' and a quote.
UNDATED = {
    "article": "a3.txt", "key": A3, "title": "邳州市项目签约", "date": None, "source": "/data/a3.txt",
    "text": "邳州市副市长李华出席。\n邳州市签约新材料项目; 项目\"落户\"邳州市。",
    "entities": [
        {"type": "Place", "key": cases.PZ, "name": "邳州市", "aliases": ["邳州"], "level": "county", "mentions": 2},
        {"type": "Official", "key": cases.LH, "name": "李华", "aliases": [], "mentions": 1},
        {"type": "Project", "key": "project:新材料项目", "name": "新材料项目", "aliases": [], "mentions": 1}],
    "relations": [
        cases._rel("LEADS", cases.LH, cases.PZ, "邳州市副市长李华出席。", None, title="副市长"),
        cases._rel("HOSTS", cases.PZ, "project:新材料项目", "邳州市签约新材料项目; 项目\"落户\"邳州市。", None)]}


@pytest.fixture(scope="module")
def home(neo4j_home_factory):
    from graph import neo4j_server as ns
    home = neo4j_home_factory("neo4j-import")
    yield home
    ns.stop(home)


def _note_command(folder: Path) -> list[str]:
    """The neo4j-admin arguments IMPORT.txt tells a user to run from the folder."""
    text = (folder / NOTE_FILE).read_text(encoding="utf-8")
    (line,) = [ln for ln in text.splitlines() if ln.startswith("neo4j-admin database import full")]
    return shlex.split(line)[1:]


def _import(home, folder: Path) -> dict:
    """Run the note's command, as written, from the export folder, with the stock neo4j-admin."""
    from graph import neo4j_server as ns
    report = ns._admin_tool(Path(home), _note_command(folder), heap="512m", cwd=folder)
    n, r, p = map(int, ns._COUNTS.search(report).groups())
    return {"nodes": n, "relationships": r, "properties": p}


def test_layout_headers_and_note(tmp_path):
    write("neo4j-admin", [], [], tmp_path / "e")
    names = sorted(p.name for p in (tmp_path / "e").iterdir())
    assert names == sorted([nodes_file(lb) for lb in schema.node_labels()]
                           + [rels_file(t) for t in schema.rel_types()] + [NOTE_FILE])
    head = (tmp_path / "e" / nodes_file("Project")).read_text(encoding="utf-8").splitlines()[0].split(",")
    assert head[:2] == ["key:ID", ":LABEL"]
    assert {"aliases:string[]", "mention_count:long", "total_investment_cny:double"} <= set(head)
    head = (tmp_path / "e" / rels_file("INVESTS_IN")).read_text(encoding="utf-8").splitlines()[0].split(",")
    assert head[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"articles:string[]", "evidence:string[]", "dates:string[]", "amount_cny:double"} <= set(head)
    assert import_files(tmp_path / "e") == ([], [])  # header-only files are not passed


def test_zip_holds_the_same_files_and_the_note_the_command(store, tmp_path):
    export_scope(store, "neo4j-admin", tmp_path / "folder")
    export_scope(store, "neo4j-admin", tmp_path / "x.zip")
    with zipfile.ZipFile(tmp_path / "x.zip") as z:
        assert NOTE_FILE in z.namelist()
        for name in z.namelist():
            assert z.read(name) == (tmp_path / "folder" / name).read_bytes()
    cmd = import_command(tmp_path / "folder")
    assert cmd[:4] == ["database", "import", "full", "neo4j"]  # --nodes takes every later word
    assert {"--multiline-fields=true", "--array-delimiter=U+001F", "--trim-strings=true"} <= set(cmd)
    assert sum(a.startswith("--relationships=") for a in cmd) == 5  # every type has rows
    note = _note_command(tmp_path / "folder")
    assert [a for a in note if not a.startswith("--nodes=") and not a.startswith("--relationships=")] == \
        [a for a in cmd if not a.startswith("--nodes=") and not a.startswith("--relationships=")]
    assert sorted(a.split("=", 1)[1] for a in note if "=" in a and a.startswith("--nodes")) == \
        sorted(Path(a.split("=", 1)[1]).name for a in cmd if a.startswith("--nodes"))


@pytest.mark.parametrize("item,why", [("甲\x1f乙", "U+001F"), (" 前空格", "whitespace"), ("后换行\n", "whitespace")])
def test_items_the_importer_would_alter_are_refused(tmp_path, item, why):
    node = {"key": cases.XZ, "label": "Place", "name": "徐州市", "aliases": ["徐州", item]}
    with pytest.raises(ExportError, match=re.escape(f"node '{cases.XZ}' aliases: ") + f".*{re.escape(why)}"):
        write("neo4j-admin", [node], [], tmp_path / "e")


def test_import_equals_the_store(store, home, tmp_path):
    from graph import neo4j_server as ns

    store.load([UNDATED])
    folder = tmp_path / "import"
    stats = export_scope(store, "neo4j-admin", folder)
    nodes = {n["key"]: n for n in store.iter_nodes()}
    edges = {(e["type"], e["source"], e["target"]): e for e in store.iter_edges()}
    assert edges[("HOSTS", cases.PZ, "project:新材料项目")]["dates"] == [""]   # what the importer used to drop
    assert edges[("LEADS", cases.LH, cases.PZ)]["dates"] == ["2025-05-10", ""]
    result = _import(home, folder)
    assert result["nodes"] == stats.nodes == len(nodes) == cases.N_NODES + 2
    assert result["relationships"] == stats.edges == len(edges)

    port = ns.free_port()
    ns.start(home, port=port, quiet=True)
    try:
        with open_store("neo4j", uri=f"bolt://127.0.0.1:{port}", user=ns.USER,
                        password=ns.default_password()) as imported:
            got_nodes = {n["key"]: n for n in imported.iter_nodes()}
            got_edges = {(e["type"], e["source"], e["target"]): e for e in imported.iter_edges()}
    finally:
        ns.stop(home)
    assert got_nodes.keys() == nodes.keys() and got_edges.keys() == edges.keys()
    for want, got in [*((nodes[k], got_nodes[k]) for k in nodes), *((edges[k], got_edges[k]) for k in edges)]:
        for prop, value in want.items():
            if value == []:  # the importer stores no empty arrays: left unset
                assert got[prop] is None, (want, prop)
            else:
                assert got[prop] == value and type(got[prop]) is type(value), (want, prop, got[prop])
    inv = got_edges[("INVESTS_IN", cases.XG, cases.P2)]
    assert inv["evidence"] == ["徐工集团投资3000万元建设智能装备产业园项目; 项目位于邳州经济开发区。"]  # ';' as written
    assert got_nodes[cases.A2]["text"] == cases.TEXT2  # line breaks survive (--multiline-fields)


def test_seed_graph_imports_whole(embedded_store, seed_records, home, tmp_path):
    embedded_store.load(seed_records)
    counts = embedded_store.counts()
    export_scope(embedded_store, "neo4j-admin", tmp_path / "seed")
    result = _import(home, tmp_path / "seed")
    assert result["nodes"] == sum(counts["nodes"].values()) > 0
    assert result["relationships"] == sum(counts["relationships"].values()) > 0


def test_cli_imports_an_export_folder(embedded_store, home, tmp_path):
    embedded_store.load(cases.RECORDS)
    embedded_store.load([UNDATED])
    export_scope(embedded_store, "neo4j-admin", tmp_path / "dump")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    run = [sys.executable, "-m", "graph.neo4j_server", "admin-import", "--home", str(home)]
    r = subprocess.run(run + ["--folder", str(tmp_path / "dump")], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert f"imported {cases.N_NODES + 2} nodes, {cases.N_EDGES + 4} relationships" in r.stdout
    r = subprocess.run(run + ["--folder", str(tmp_path / "nowhere")], capture_output=True, text=True, env=env)
    assert r.returncode == 1 and r.stderr.strip().startswith("error: ") and "nowhere" in r.stderr
