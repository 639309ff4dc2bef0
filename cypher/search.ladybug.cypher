// title: Search by name
// description: Entities whose name or an alias contains the text (partial names work).
// param: text string 徐州 — part of a name
// param: limit int 50 — at most this many rows
MATCH (n)
WITH n, $text AS t
WHERE label(n) <> 'Article' AND (n.name CONTAINS t OR any(a IN n.aliases WHERE a CONTAINS t))
RETURN n.name AS name, label(n) AS label, n.key AS key, n.mention_count AS mentions
ORDER BY mentions DESC, key
LIMIT $limit
