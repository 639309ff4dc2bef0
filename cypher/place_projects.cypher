// title: Projects hosted in a place and below
// description: Projects a place, or any place inside it (PART_OF, up to 4 levels down), hosts, with their stated total investment.
// param: key string place:江苏省/徐州市 — key of the place
// param: limit int 200 — at most this many rows
MATCH (p:Place {key: $key})
MATCH (sub:Place)-[:PART_OF*0..4]->(p)
WITH DISTINCT sub
MATCH (sub)-[:HOSTS]->(j:Project)
RETURN j.name AS project, j.total_investment_cny AS total_investment_cny, sub.name AS place, sub.level AS level, j.key AS project_key, sub.key AS place_key
ORDER BY project_key, place_key
LIMIT $limit
