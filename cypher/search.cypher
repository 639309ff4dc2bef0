// title: Search by name
// description: Entities whose name or an alias contains the text (partial names work).
// param: text string 徐州 — part of a name
// param: limit int 50 — at most this many rows
MATCH (n)
WHERE NOT n:Article AND (n.name CONTAINS $text OR any(a IN n.aliases WHERE a CONTAINS $text))
RETURN n.name AS name, labels(n)[0] AS label, n.key AS key, n.mention_count AS mentions
ORDER BY mentions DESC, key
LIMIT $limit
