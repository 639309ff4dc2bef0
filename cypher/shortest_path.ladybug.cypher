// title: Shortest path between two keys
// description: One shortest chain of relationships (any type, either direction) between two entities.
// param: source string official:宋乐伟@徐州市 — key of the first entity
// param: target string place:江苏省/徐州市/睢宁县 — key of the second entity
MATCH (a {key: $source})
MATCH (b {key: $target})
MATCH p = (a)-[* SHORTEST 1..6]-(b)
RETURN p, length(p) AS hops
LIMIT 1
