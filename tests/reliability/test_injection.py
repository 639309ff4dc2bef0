"""Injection: hostile text given to search, query parameters and key lookups
is data. The only outcome is "no result"; the graph is unchanged."""
from __future__ import annotations

import pytest

from reliability_tools import dump

HOSTILE = {
    "quote": "'",
    "double-quote": '"',
    "backtick": "`",
    "backslash": "\\",
    "trailing-backslash": "徐州\\",
    "close-map": "x'}) MATCH (n) DETACH DELETE n //",
    "close-map-bare": "}) MATCH (n) DETACH DELETE n //",
    "sql-or": "' OR 1=1 --",
    "sql-or-double": '" OR ""="',
    "string-break": "徐州' OR '1'='1",
    "backtick-break": "`) DETACH DELETE n //",
    "statement": "'; MATCH (n) DETACH DELETE n; //",
    "param-sigil": "$q",
    "lucene-wildcard": "*",
    "lucene-syntax": "name:* OR key:* AND NOT (a~ b^2)",
    "lucene-escape": '\\" OR *:* \\"',
    "regex": ".*",
    "nul": "徐\x00州",
    "newlines": "\n\r\u2028\u2029",
    "rtl-emoji": "\u202e徐州🙂",
    "long-chinese": "宋" * 100_000,
    "long-quotes": "a'\"`" * 25_000,
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_text_is_data(loaded_store, case):
    text = HOSTILE[case]
    store = loaded_store
    before = dump(store)
    assert store.search(text) == []
    assert store.search(text, labels=["Place", "Official"], limit=5) == []
    assert store.query("MATCH (n:Place) WHERE n.name = $q OR n.key = $q RETURN n.key", {"q": text}).rows == []
    assert store.query("MATCH (n:Company) WHERE n.name CONTAINS $q RETURN n.key", {"q": text}).rows == []
    assert store.query("MATCH (n:Official) WHERE $q IN n.aliases RETURN n.key LIMIT $n",
                       {"q": text, "n": 5}).rows == []
    echoed = store.query("RETURN $q AS q", {"q": text}).rows
    assert echoed == [[text]]  # the value comes back exactly as given
    for key in (text, "place:" + text, "official:" + text):
        assert store.node(key) is None
    assert store.relations("place:" + text) == []
    assert store.ego("official:" + text).nodes == []
    assert store.shortest_path("place:" + text, "place:江苏省").nodes == []
    assert dump(store) == before


def test_hostile_text_finds_nothing_but_real_names_still_work(loaded_store):
    # control: the same calls do find a real node, so "no result" above means something
    hits = loaded_store.search("顾海清")
    assert [h["name"] for h in hits][:1] == ["顾海清"]
    key = hits[0]["key"]
    assert loaded_store.query("MATCH (n:Official) WHERE n.name = $q OR n.key = $q RETURN n.key",
                              {"q": "顾海清"}).rows == [[key]]
    assert loaded_store.node(key)["name"] == "顾海清"
