// title: Officials leading a place and its sub-places
// description: Officials with a LEADS relationship to the place or to any place inside it (PART_OF, up to 4 levels down).
// param: key string place:江苏省/徐州市 — key of the place
// param: limit int 200 — at most this many rows
MATCH (p:Place {key: $key})
MATCH (sub:Place)-[:PART_OF*0..4]->(p)
WITH DISTINCT sub
MATCH (o:Official)-[l:LEADS]->(sub)
RETURN o.name AS official, l.title AS title, sub.name AS place, sub.level AS level, o.key AS official_key, sub.key AS place_key
ORDER BY place_key, official_key
LIMIT $limit
