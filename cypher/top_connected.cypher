// title: Top connected nodes by label
// description: Nodes of a label with the most relationships, MENTIONS not counted.
// param: label string Official — node label (Official, Place, Company, Organization, Project)
// param: limit int 20 — how many nodes
MATCH (n)-[r]-()
WHERE $label IN labels(n) AND type(r) <> 'MENTIONS'
WITH n, count(r) AS degree
RETURN n.name AS name, n.key AS key, degree
ORDER BY degree DESC, key
LIMIT $limit
