"""The contract command on the seed articles, scored by ../shared/eval/score.py."""
import json
import subprocess
import sys

from tests.conftest import REPO, need_shared

ENTITY_BAR, RELATION_BAR = 0.85, 0.75


def test_seed_score_does_not_regress(tmp_path):
    seeds = sorted(need_shared("seeds").glob("*.txt"))
    gold = need_shared("eval", "gold", "seeds.jsonl")
    out = tmp_path / "pred.jsonl"
    with open(out, "w") as f:
        subprocess.run([sys.executable, "-m", "ingest.extract", *map(str, seeds)], cwd=REPO, stdout=f, check=True)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == len(seeds)
    assert all(set(d) >= {"article", "entities", "relations"} for d in lines)
    score = subprocess.run([sys.executable, str(need_shared("eval", "score.py")), str(gold), str(out), "--json"],
                           capture_output=True, text=True, check=True)
    rows = json.loads(score.stdout)
    assert rows["entity:ALL"]["f1"] >= ENTITY_BAR, rows
    assert rows["relation:ALL"]["f1"] >= RELATION_BAR, rows
    assert rows["amounts"]["right"] == rows["amounts"]["asked"] == 2


def test_contract_output_is_clean_json_lines(tmp_path, examples_dir):
    proc = subprocess.run([sys.executable, "-m", "ingest.extract", str(examples_dir)], cwd=REPO,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]  # no banner on stdout
    assert {d["article"] for d in docs} >= {"01_wujiang_project.txt", "02_hefei_park.html"}
    assert all(e.get("mentions", 1) for d in docs for e in d["entities"])
