"""The keys of a record set ranked by how many relations touch them (hubs first)."""


def by_degree(records, prefix: str) -> list[str]:
    """Keys starting with prefix, the most connected first (ties by key)."""
    deg: dict[str, int] = {}
    for rec in records:
        for r in rec["relations"]:
            for k in (r["head_key"], r["tail_key"]):
                deg[k] = deg.get(k, 0) + 1
    return sorted((k for k in deg if k.startswith(prefix)), key=lambda k: (-deg[k], k))
