"""One node per real-world entity: merge, keep-apart and link decisions, replayed at every load.

Decisions are data, kept with the graph: `decisions.jsonl` inside the store's article
log folder (graph/article_log.py), so `--rebuild` and `--reextract` replay them. Each
line: {"id", "kind", "a", "b", "reason", "score", "source": auto|user|article, "time",
"article"?, "evidence"?, "cancels"?}.
- merge a -> b: every record's key a becomes b; the node keeps a's names as aliases
  and all of a's provenance (graph/loading.py folds both keys' rows into one);
- link a -> b: Company a is a subsidiary of b (its `parent` property);
- keep_apart a, b: never merged automatically;
- undo: cancels the decision `cancels`; its pair stays decided, so no rule redoes it.
A store loaded without an article log has nowhere to keep decisions: records load as they are.
Merging nodes already stored takes a rebuild from the log (`settle`).
"""
from __future__ import annotations

import json
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Iterable

from graph import identity_match as m
from graph.article_log import ArticleLogError
from graph.store import StoreError

FILE = "decisions.jsonl"
KINDS = ("merge", "keep_apart", "link", "undo")


class DecisionLog:
    """The decisions file of one article log folder (append-only JSON lines)."""

    def __init__(self, folder: str | os.PathLike):
        self.path = Path(folder) / FILE

    def read(self) -> list[dict]:
        if not self.path.exists():
            return []
        out = []
        with open(self.path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        out.append(json.loads(line))
                    except ValueError:
                        if n < sum(1 for _ in open(self.path, encoding="utf-8")):
                            raise StoreError(f"{self.path} line {n} is not JSON") from None
                        # a last line cut by a crash: the decision was never acted on
        return out

    def append(self, decisions: list[dict]) -> None:
        if not decisions:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in decisions))
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:  # the decisions file is the article log folder's
            raise ArticleLogError(f"cannot write the decisions file {self.path}: {e.strerror or e}") from None


def decision(kind: str, a: str, b: str | None = None, reason: str = "", score: float = 100.0,
             source: str = "user", **extra) -> dict:
    if kind not in KINDS:
        raise ValueError(f"unknown decision kind {kind!r} (known: {', '.join(KINDS)})")
    return {"id": uuid.uuid4().hex[:12], "kind": kind, "a": a, "b": b, "reason": reason, "score": score,
            "source": source, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **extra}


def active(decisions: list[dict]) -> list[dict]:
    """The decisions no undo cancels (undos themselves left out)."""
    cancelled = {d.get("cancels") for d in decisions if d["kind"] == "undo"}
    return [d for d in decisions if d["kind"] != "undo" and d["id"] not in cancelled]


class Identity:
    """The decisions of one log folder, applied to records; the load's automatic rules add to them."""

    def __init__(self, log: DecisionLog | None = None, auto: bool = True):
        self.log, self.auto = log, auto
        self.decisions = log.read() if log else []
        self.index: dict[tuple[str, str], list] = {}  # (label, core) -> the keys bearing it
        self.hosts: dict[str, set] = {}  # project key -> prefectures of its hosts ("江苏省/徐州市")
        self.added: list[dict] = []
        self._lock = threading.Lock()
        self._replay()

    def _replay(self) -> None:
        """The redirects and links of the decisions no undo cancels."""
        self.redirect: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.why: dict[str, str] = {}  # key merged away -> "key (source: reason: evidence)"
        self.decided = {frozenset((d["a"], d.get("b"))) for d in self.decisions}
        for d in active(self.decisions):
            self._apply(d)

    @classmethod
    def of_store(cls, store) -> "Identity | None":
        if store.decisions is not None:
            return cls(store.decisions)
        log = store.article_log
        return cls(DecisionLog(log.path)) if log is not None else None

    # -- applying -----------------------------------------------------------------
    def resolve(self, key: str) -> str:
        seen = set()
        while key in self.redirect and key not in seen:
            seen.add(key)
            key = self.redirect[key]
        return key

    def _apply(self, d: dict) -> None:
        if d["kind"] == "merge":
            a, b = self.resolve(d["a"]), self.resolve(d["b"])
            if a != b:
                self.redirect[a] = b
                ev = f": {d['evidence']}" if d.get("evidence") else ""
                self.why[d["a"]] = f"{d['a']} ({d.get('source')}: {d.get('reason')}{ev})"
        elif d["kind"] == "link":
            self.parent[d["a"]] = d["b"]

    def add(self, d: dict) -> dict:
        """Record a decision (written to the log first) and apply it."""
        if d["kind"] == "undo":
            target = next((x for x in self.decisions if x["id"] == d.get("cancels")), None)
            if target is None:
                raise StoreError(f"no decision {d.get('cancels')!r} to undo")
        if self.log is not None:
            self.log.append([d])
        self.decisions.append(d)
        self.added.append(d)
        self.decided.add(frozenset((d["a"], d.get("b"))))
        if d["kind"] == "undo":
            self._replay()  # without the cancelled one
        else:
            self._apply(d)
        return d

    def entity(self, ent: dict) -> dict:
        key = self.resolve(ent["key"])
        parent = self.parent.get(key)
        if key == ent["key"] and parent is None:
            return ent
        out = {**ent, "key": key}
        if key != ent["key"]:
            out["merged_from"] = [self.why.get(ent["key"]) or ent["key"]]
        if parent is not None:
            out["parent"] = self.resolve(parent)
        return out

    def relation(self, rel: dict) -> dict | None:
        """The relation between the surviving keys; None when a merge made it a loop."""
        h, t = self.resolve(rel["head_key"]), self.resolve(rel["tail_key"])
        if h == rel["head_key"] and t == rel["tail_key"]:
            return rel
        return None if h == t else {**rel, "head_key": h, "tail_key": t}

    def merged_away(self) -> list[str]:
        return sorted(self.redirect)

    # -- automatic rules ----------------------------------------------------------
    def seed(self, nodes: Iterable[dict], hosts: Iterable[dict] = ()) -> None:
        """Know the names of stored nodes (their cores point at their keys) and the
        prefectures hosting stored projects (HOSTS edges)."""
        for n in nodes:
            for name in [n.get("name"), *(n.get("aliases") or [])]:
                c = m.core(name, n["label"]) if name else None
                if c:
                    self.index.setdefault((n["label"], c), []).append(n["key"])
        for e in hosts:
            self.hosts.setdefault(self.resolve(e["target"]), set()).add(_prefecture(e["source"]))

    def observe(self, records: Iterable[dict]) -> None:
        """Add the automatic decisions a batch of records supports (before it is folded)."""
        if not self.auto:
            return
        with self._lock:
            try:
                for rec in records:
                    self._observe(rec)
            except ArticleLogError as e:  # observed before the batch is written: none of it is
                raise ArticleLogError(f"{e}; nothing of this batch was loaded") from None

    def _merge(self, a: str, b: str, reason: str, score: float, source: str, rec: dict, **extra) -> None:
        ra, rb = self.resolve(a), self.resolve(b)
        if ra == rb or frozenset((a, b)) in self.decided or frozenset((ra, rb)) in self.decided:
            return
        self.add(decision("merge", a, b, reason, score, source, article=rec["key"], **extra))

    def _observe(self, rec: dict) -> None:
        ents = [e for e in rec.get("entities") or () if e["type"] in ("Company", "Project", "Official")]
        comps = [e for e in ents if e["type"] == "Company"]
        # an official's other post, named with a move cue (ingest/moves.py)
        for e in ents:
            for move in e.get("same_as") or ():
                self._merge(move["key"], e["key"], f"moved: {move.get('cue', '')}".strip(), 100.0, "article",
                            rec, evidence=move.get("evidence"))
        # the same company or project once legal suffixes are dropped (any article); a project
        # also needs a host in the same prefecture (光伏电站 is many plants)
        here: dict[str, set] = {}
        for r in rec.get("relations") or ():
            if r["type"] == "HOSTS":
                here.setdefault(r["tail_key"], set()).add(_prefecture(r["head_key"]))
        for e in ents:
            if e["type"] == "Official":
                continue
            if e["type"] == "Project":
                self.hosts.setdefault(self.resolve(e["key"]), set()).update(here.get(e["key"], ()))
            for name in [e["name"], *(e.get("aliases") or [])]:
                c = m.core(name, e["type"])
                if not c:
                    continue
                keys = self.index.setdefault((e["type"], c), [])
                known = next((k for k in keys if e["type"] != "Project"
                              or here.get(e["key"], set()) & self.hosts.get(self.resolve(k), set())), None)
                if known is None:
                    keys.append(e["key"])
                elif known != e["key"] and not m.listed_and_group(name, known):
                    # found by a short form the article gives beside the full name: the full name stays
                    gone, kept = (known, e["key"]) if name != e["name"] else (e["key"], known)
                    self._merge(gone, kept, f"same name without legal suffixes: {c}", 100.0, "auto", rec)
        # a short form beside its full name in one article (徐工 / 徐州工程机械集团有限公司)
        for short in comps:
            sc = m.core(short["name"], "Company")
            if not sc or m.bracketed(short["name"]):
                continue
            hits = [(m.abbreviation(sc, lc), long) for long in comps if long is not short
                    and not m.bracketed(long["name"]) and not m.listed_and_group(short["name"], long["name"])
                    and (lc := m.core(long["name"], "Company"))]
            hits = [h for h in hits if h[0] is not None]
            if len(hits) == 1:
                self._merge(short["key"], hits[0][1]["key"], f"abbreviation of {hits[0][1]['name']} in one article",
                            hits[0][0], "auto", rec)
        # a project named with and without its owner in one article
        projs = [e for e in ents if e["type"] == "Project"]
        for short in projs:
            hits = [(m.project_variant(short["name"], long["name"]), long) for long in projs if long is not short]
            hits = [h for h in hits if h[0] is not None]
            if len(hits) == 1:
                self._merge(short["key"], hits[0][1]["key"], f"short form of {hits[0][1]['name']} in one article",
                            hits[0][0], "auto", rec)
        # a bracketed location: a subsidiary of the company without it, when that one is known
        for e in comps:
            bc = m.base_core(e["name"])
            parent = (self.index.get(("Company", bc)) or [None])[0] if bc else None
            if parent and frozenset((e["key"], parent)) not in self.decided:
                self.add(decision("link", e["key"], parent, f"bracketed location: a subsidiary of {bc}", 100.0,
                                  "auto", article=rec["key"]))


def _prefecture(place_key: str) -> str:
    """place:江苏省/徐州市/睢宁县 -> 江苏省/徐州市 (a province stays itself)."""
    return "/".join(place_key.split(":", 1)[-1].split("/")[:2])


def stale(store, ident: Identity) -> list[str]:
    """Stored nodes the decisions disagree with: keys merged away, subsidiaries without
    their parent, and parents whose link was undone. A rebuild from the log puts them right."""
    keys = ident.merged_away()
    out = sorted(store._nodes_by_keys(keys)) if keys else []
    for n in store.iter_nodes(["Company"]):
        want = ident.parent.get(n["key"])
        if (n.get("parent") or None) != (ident.resolve(want) if want else None):
            out.append(n["key"])
    return out
