"""The same queries as bench_store asks the stores, answered by networkx in memory.

Built from the synthetic records in the benchmark's process, so each store's
latency can be reported beside (and as a ratio of) a plain in-memory walk
measured in the same run on the same graph: the ratio is what transfers
between machines. Same rules as the stores: factual relationships, new
neighbours ranked by supporting articles and capped per hop, the tracer's
projects capped, search = substring over names and aliases.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

FACTUAL = ("LEADS", "HOSTS", "INVESTS_IN", "PART_OF")


class Reference:
    def __init__(self, records: list[dict]):
        support: Counter = Counter()
        names: dict[str, list[str]] = {}
        mentions: Counter = Counter()
        for rec in records:
            for e in rec["entities"]:
                forms = names.setdefault(e["key"], [e["name"]])
                forms += [a for a in [e["name"], *(e.get("aliases") or [])] if a not in forms]
                mentions[e["key"]] += e.get("mentions", 1) or 0
            for r in rec["relations"]:
                if r["type"] in FACTUAL:
                    support[(r["type"], r["head_key"], r["tail_key"])] += 1
        self.g = nx.DiGraph()
        for (t, s, d), w in support.items():
            self.g.add_edge(s, d, type=t, weight=w)
        self.u = self.g.to_undirected(as_view=True)
        self.names, self.mentions = names, mentions

    def ego(self, key: str, depth: int, limit: int = 300) -> tuple[set, int]:
        u = self.u
        kept, seen, frontier, omitted = [key], {key}, [key], 0
        for _ in range(depth):
            score: dict[str, float] = defaultdict(float)
            for a in frontier:
                for b, d in u[a].items():
                    if b not in seen:
                        score[b] += d["weight"]
            new = sorted(score, key=lambda k: (-score[k], k))[:limit - len(kept)]
            kept += new
            seen.update(new)
            omitted, frontier = len(score) - len(new), new
            if omitted or not new:
                break
        return seen, omitted

    def path(self, a: str, b: str):
        try:
            return nx.bidirectional_shortest_path(self.u, a, b)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None

    def trace(self, company: str, limit: int = 100) -> list[tuple]:
        g = self.g
        projects = sorted(g.successors(company), key=lambda p: (-g[company][p]["weight"], p))[:limit]
        rows = []
        for p in projects:
            hosts = [h for h in g.predecessors(p) if g[h][p]["type"] == "HOSTS"]
            todo, places = list(hosts), []
            while todo:
                x = todo.pop(0)
                if x not in places:
                    places.append(x)
                    todo += [y for y in g.successors(x) if g[x][y]["type"] == "PART_OF"]
            for place in places or [None]:
                leaders = [o for o in g.predecessors(place) if g[o][place]["type"] == "LEADS"] if place else []
                rows += [(p, place, o) for o in leaders or [None]]
        return rows

    def search(self, text: str, limit: int = 20) -> list[str]:
        hits = []
        for key, forms in self.names.items():
            if any(text in f for f in forms):
                cls = 0 if text in forms else 1 if any(f.startswith(text) for f in forms) else 2
                hits.append((cls, -self.mentions[key], len(forms[0]), key))
        return [h[-1] for h in sorted(hits)[:limit]]
