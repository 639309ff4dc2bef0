// title: Company projects across districts (tracer)
// description: A company's projects, the place hosting each, and the places that contain it (PART_OF, up to 4 levels up).
// param: key string company:昆山佰斯拓机械设备有限公司 — key of the company
// param: limit int 500 — at most this many rows
MATCH (c:Company {key: $key})-[i:INVESTS_IN]->(j:Project)
MATCH (host:Place)-[:HOSTS]->(j)
MATCH (host)-[:PART_OF*0..4]->(up:Place)
RETURN DISTINCT c.name AS company, j.name AS project, i.amount_cny AS amount_cny, host.name AS hosting_place, up.name AS place, up.level AS level, j.key AS project_key, up.key AS place_key
ORDER BY project_key, place_key, hosting_place
LIMIT $limit
