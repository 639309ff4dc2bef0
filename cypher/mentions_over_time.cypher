// title: Mentions over time (per month)
// description: How many articles mention the entity, and how often, per month of the article date.
// param: key string place:江苏省/徐州市 — key of the entity
MATCH (a:Article)-[m:MENTIONS]->(n {key: $key})
WHERE a.date IS NOT NULL
RETURN left(a.date, 7) AS month, count(a) AS articles, sum(m.count) AS mentions
ORDER BY month
