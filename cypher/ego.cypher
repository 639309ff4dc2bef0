// title: Ego network of an entity
// description: The entity and every node one relationship away, with the relationships.
// param: key string place:江苏省/徐州市 — key of the entity (e.g. official:宋乐伟@徐州市)
// param: limit int 200 — at most this many neighbours
MATCH (n {key: $key})-[r]-(m)
RETURN n, r, m
ORDER BY m.key
LIMIT $limit
