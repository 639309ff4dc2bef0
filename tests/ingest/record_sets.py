"""Names and relation pairs read from an extraction record, for the component tests."""


def names(rec, label):
    return {e["name"] for e in rec["entities"] if e["type"] == label and e.get("mentions", 1) > 0}


def rels(rec, rtype):
    return {(r["head"], r["tail"]) for r in rec["relations"] if r["type"] == rtype}
