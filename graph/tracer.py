"""The company tracer: a company's projects, their hosts up the PART_OF chain and the
officials leading those places, over the primitives every store has."""
from __future__ import annotations

from graph.provenance import TOTAL
from graph.store import TRACE_LIMIT, Subgraph
from graph.traverse import Filters


def company_trace(store, key: str, min_confidence: float, limit: int = TRACE_LIMIT,
                  prov: int | None = None) -> tuple[list[dict], Subgraph]:
    """See GraphStore.company_trace (prov: provenance entries kept per edge, None: all)."""
    center = store._center(key, min_confidence)
    if center is None:
        return [], Subgraph()
    # A hub company invests in thousands of projects: only the limit best are read.
    projects, total = store._expand([key], {key}, int(limit), _invest(min_confidence))
    invests, hosts, part_of, leads, nodes = store._trace_reads(key, projects, min_confidence, prov,
                                                               {key: center} if center else {})
    invests = sorted((e for e in invests if e["source"] == key), key=lambda e: e["target"])
    company = nodes.get(key)
    if company is None:  # deleted since the store found it (another writer)
        return [], Subgraph()
    host_of: dict[str, list[str]] = {}
    for e in hosts:
        host_of.setdefault(e["target"], []).append(e["source"])
    parents: dict[str, list[str]] = {k: [] for k in [e["source"] for e in hosts] + [e["target"] for e in part_of]}
    for e in part_of:
        parents[e["source"]].append(e["target"])
    leaders: dict[str, list[dict]] = {}
    for e in leads:
        leaders.setdefault(e["target"], []).append(e)

    def chain(place):
        out, todo = [], [place]
        while todo:
            p = todo.pop(0)
            if p not in out:
                out.append(p)
                todo.extend(sorted(parents.get(p, [])))
        return out

    rows = []
    for inv in invests:
        proj = nodes.get(inv["target"], {})
        base = {"company": company["name"], "company_key": key, "project": proj.get("name"),
                "project_key": inv["target"], "amount_cny": inv.get("amount_cny"),
                "amount_text": inv.get("amount_text"), "evidence": inv.get("evidence"),
                "articles": inv.get("articles"), **({TOTAL: inv.get(TOTAL)} if prov is not None else {})}
        places = [(host, place) for host in sorted(host_of.get(inv["target"], [])) for place in chain(host)]
        if not places:  # a project no article places anywhere is still the company's project
            rows.append({**base, "place": None, "place_key": None, "place_level": None,
                         "hosting_place": None, "official": None, "official_key": None, "title": None})
        for host, place in places:
            pl = nodes.get(place, {})
            at = {**base, "place": pl.get("name"), "place_key": place, "place_level": pl.get("level"),
                  "hosting_place": nodes.get(host, {}).get("name")}
            offs = sorted(leaders.get(place, []), key=lambda e: e["source"])
            if not offs:
                rows.append({**at, "official": None, "official_key": None, "title": None})
            for e in offs:
                rows.append({**at, "official": nodes.get(e["source"], {}).get("name"),
                             "official_key": e["source"], "title": e.get("title")})
    edges = {(e["type"], e["source"], e["target"]): e for e in [*invests, *hosts, *part_of, *leads]}
    omitted = total - len(projects)
    return rows, Subgraph(nodes=list(nodes.values()), edges=list(edges.values()),
                          truncated=omitted > 0, omitted=omitted)


def _invest(min_confidence: float) -> Filters:
    return Filters(types=("INVESTS_IN",), min_confidence=min_confidence)


def trace_reads(store, key: str, projects: list[str], min_confidence: float, prov: int | None,
                known: dict[str, dict]) -> tuple[list[dict], list[dict], list[dict], list[dict], dict[str, dict]]:
    """The tracer's edges (INVESTS_IN from key to projects; HOSTS, PART_OF and LEADS above
    them: _places_of) and every node they reach (known: read already), over the primitives."""
    invests = store._edges_among([key], projects, _invest(min_confidence), prov)
    hosts, part_of, leads = store._places_of(projects, min_confidence, prov)
    keys = {key, *projects} | {e["source"] for e in hosts + leads} | {e["target"] for e in part_of}
    return invests, hosts, part_of, leads, {**known, **store._nodes_by_keys(keys - known.keys())}


def places_of(store, projects: list[str], min_confidence: float,
              prov: int | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """The HOSTS edges into projects, the PART_OF edges above their hosts (climbed to the
    top) and the LEADS edges into every place reached: a query per PART_OF hop."""
    hosts = store._edges(projects, ["HOSTS"], "in", min_confidence, prov)
    reached: set[str] = set()
    part_of: list[dict] = []
    frontier = sorted({e["source"] for e in hosts})
    while frontier:  # the reached set stops cycles
        reached.update(frontier)
        ups = store._edges(frontier, ["PART_OF"], "out", min_confidence, prov)
        part_of += ups
        frontier = sorted({e["target"] for e in ups} - reached)
    return hosts, part_of, store._edges(sorted(reached), ["LEADS"], "in", min_confidence, prov)
