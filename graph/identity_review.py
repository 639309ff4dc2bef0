"""Duplicate candidates the automatic rules left to a person: similar company and project
names across articles, scored by rapidfuzz and by what the two nodes share in the graph."""
from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from graph import identity_match as m
from graph.identity import Identity

MIN_SIMILARITY = 75  # Indel similarity of the cores (0-100) a pair needs without other ties
SHARED_WEIGHT = 10   # score points per neighbour both nodes have (a place, project, official)
EVIDENCE_FOR = 300   # the best pairs by name whose neighbours are read


def candidates(store, ident: Identity, labels=("Company", "Project"), limit: int = 100) -> list[dict]:
    """Pairs to review, best first: {"a", "b", "a_name", "b_name", "label", "action"
    (merge|link), "score" (0-100), "name_score", "evidence" (a list of strings)}."""
    pairs = []
    for label in labels:
        nodes = [n for n in store.iter_nodes([label]) if ident.resolve(n["key"]) == n["key"]]
        pairs += _by_name(nodes, label, ident)
    pairs.sort(key=lambda p: -p["name_score"])
    pairs = pairs[:EVIDENCE_FOR]
    near: dict[str, set] = {}

    def neighbours(key):
        if key not in near:
            near[key] = {(r["other"] or {}).get("key") for r in store.relations(key)} - {None}
        return near[key]
    for p in pairs:
        shared = neighbours(p["a"]) & neighbours(p["b"])
        arts = sorted(k for k in shared if k.startswith("article:"))
        ties = sorted(k for k in shared if not k.startswith("article:"))
        p["evidence"] = ([f"named in {len(arts)} same article(s)"] if arts else []) + [f"both tied to {k}" for k in ties]
        p["score"] = min(100.0, p["name_score"] + SHARED_WEIGHT * (len(ties) + bool(arts)))
    pairs.sort(key=lambda p: (-p["score"], p["a"], p["b"]))
    return pairs[:limit]


def _by_name(nodes: list[dict], label: str, ident: Identity) -> list[dict]:
    cores = [m.core(n["name"], label) or n["name"] for n in nodes]
    if len(nodes) < 2:
        return []
    sim = process.cdist(cores, cores, scorer=Indel.normalized_similarity, dtype=np.float32, workers=1)
    out = []
    # abbreviations and subsidiaries need not look alike: 中石化 / 中国石油化工集团公司
    by_first: dict[str, list[int]] = {}
    for i, c in enumerate(cores):
        by_first.setdefault(c[0], []).append(i)
    for group in by_first.values():
        for i in group:
            for j in group:
                if i == j:
                    continue
                a, b = nodes[i], nodes[j]
                score = m.abbreviation(cores[i], cores[j]) if label == "Company" else \
                    m.project_variant(a["name"], b["name"])
                if score is not None:
                    out.append(_pair(a, b, label, score, "a short form"))
                elif label == "Company" and m.base_core(a["name"]) and m.base_core(a["name"]) == cores[j]:
                    out.append(_pair(a, b, label, 100.0, "a bracketed location", action="link"))
    for i, j in zip(*np.nonzero(np.triu(sim >= MIN_SIMILARITY / 100, k=1))):
        if label == "Company" and (m.bracketed(nodes[i]["name"]) or m.bracketed(nodes[j]["name"])):
            continue  # two subsidiaries, or a subsidiary and its parent: handled above
        out.append(_pair(nodes[i], nodes[j], label, 100 * float(sim[i, j]), "similar names"))
    seen, uniq = set(), []
    for p in out:
        pair = frozenset((p["a"], p["b"]))
        if pair not in seen and pair not in ident.decided:
            seen.add(pair)
            uniq.append(p)
    return uniq


def _pair(a: dict, b: dict, label: str, score: float, why: str, action: str = "merge") -> dict:
    if action == "merge" and len(a["name"]) > len(b["name"]):
        a, b = b, a  # the shorter name goes into the longer one
    return {"a": a["key"], "b": b["key"], "a_name": a["name"], "b_name": b["name"], "label": label,
            "action": action, "name_score": round(score, 1), "why": why}
