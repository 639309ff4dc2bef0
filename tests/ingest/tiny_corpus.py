"""A tiny training set written for the tests (invented companies and projects in real counties)."""
from __future__ import annotations

import json
from pathlib import Path

# (company, county, project, amount in 亿元)
ROWS = [
    ("星河新材料有限公司", "肥西县", "高端膜材料生产基地项目", 5),
    ("蓝海智能装备有限公司", "宜兴市", "智能装备产业园项目", 8),
    ("青松生物科技有限公司", "桐庐县", "生物医药研发中心项目", 3),
    ("远航新能源有限公司", "长兴县", "储能电池生产线项目", 12),
    ("华泰精密机械有限公司", "昆山市", "精密零部件制造基地项目", 6),
    ("金禾食品有限公司", "寿光市", "冷链物流园项目", 4),
]


def article(company: str, county: str, project: str, amount: int) -> str:
    return (f"{county}签约重大产业项目\n2021-05-06\n\n"
            f"{company}投资{amount}亿元在{county}建设{project}。"
            f"该项目由{company}负责建设，计划明年投产。\n"
            f"{county}县委书记王明华出席签约仪式。\n")


def gold(name: str, company: str, county: str, project: str, amount: int) -> dict:
    return {"article": name,
            "entities": [{"type": "Company", "name": company}, {"type": "Place", "name": county},
                         {"type": "Project", "name": project, "total_investment_cny": amount * 100000000},
                         {"type": "Official", "name": "王明华", "optional": True}],
            "relations": [{"type": "HOSTS", "head": county, "tail": project},
                          {"type": "LEADS", "head": "王明华", "tail": county, "title": "县委书记"},
                          {"type": "INVESTS_IN", "head": company, "tail": project,
                           "amount_cny": amount * 100000000}]}


def write(folder: Path) -> tuple[Path, Path, Path]:
    """Texts, gold file and a public-corpus file in CLUENER's format, under folder."""
    texts = folder / "texts"
    texts.mkdir(parents=True)
    lines = []
    for n, row in enumerate(ROWS):
        name = f"t{n}.txt"
        (texts / name).write_text(article(*row), encoding="utf-8")
        lines.append(json.dumps(gold(name, *row), ensure_ascii=False))
    (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ner = []
    for company, county, _, _ in ROWS:
        text = f"记者从{county}获悉，{company}今年销售额增长两成。"
        s = text.index(company)
        ner.append(json.dumps({"text": text, "spans": [[s, s + len(company), "company"]]}, ensure_ascii=False))
    (folder / "ner.jsonl").write_text("\n".join(ner) + "\n", encoding="utf-8")
    return texts, folder / "gold.jsonl", folder / "ner.jsonl"
