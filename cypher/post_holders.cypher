// title: Who held a post over time
// description: The officials who held a title at a place or body (LEADS), in order of the first date each was seen in it, with the last date, how many articles, and the evidence: one "date article sentence" per article, in time order. Wordings of the post are joined: 县委书记 matches 睢宁县委书记 and 书记 written with 睢宁县; a title naming two posts (县委副书记、县长) counts for each.
// param: title string 市委书记 — the post (县委书记, 副市长, 书记 …)
// param: place string place:江苏省/徐州市 — key of the place or organization
// param: limit int 200 — at most this many rows
MATCH (o:Official)-[l:LEADS]->(p:Place|Organization {key: $place})
UNWIND range(0, size(l.articles) - 1) AS i
WITH o, p, l, i, coalesce(CASE WHEN l.titles[i] <> '' THEN l.titles[i] END, l.title, '') AS written
UNWIND split(replace(replace(replace(replace(replace(written, '，', '、'), ',', '、'), '；', '、'), ';', '、'), '兼', '、'), '、') AS part
WITH o, p, l, i, part, right(p.name, 1) AS suffix,
     CASE WHEN size(p.name) > 1 AND right(p.name, 1) IN ['省', '市', '县', '区', '州', '旗', '盟', '镇', '乡']
          THEN left(p.name, size(p.name) - 1) ELSE p.name END AS stem
WITH o, p, l, i, suffix, stem,
     CASE WHEN size(stem) > 1 AND size(part) > size(stem) AND part STARTS WITH stem
          THEN right(part, size(part) - size(stem)) ELSE part END AS part
WITH o, p, l, i, suffix, stem,
     CASE WHEN stem <> p.name AND part STARTS WITH (suffix + '人民政府') THEN right(part, size(part) - 1) ELSE part END AS part
WITH o, p, l, i, suffix, stem,
     CASE WHEN size(part) > 4 AND part STARTS WITH '人民政府' THEN right(part, size(part) - 4) ELSE part END AS part
WITH o, p, l, i, stem,
     CASE WHEN stem <> p.name AND part IN ['书记', '副书记', '常委']
          THEN (CASE WHEN suffix IN ['镇', '乡'] THEN '党委' ELSE suffix + '委' END) + part ELSE part END AS title
WHERE title = $title OR stem + title = $title
   OR (stem <> p.name AND $title IN ['书记', '副书记', '常委'] AND right(title, size($title)) = $title
       AND size(title) = size($title) + 2)
WITH o, l.articles[i] AS article, CASE WHEN l.dates[i] <> '' THEN l.dates[i] END AS date,
     coalesce(CASE WHEN l.dates[i] <> '' THEN l.dates[i] END, 'undated') + ' ' + l.articles[i] + ' ' + coalesce(l.evidence[i], '') AS entry
ORDER BY entry
RETURN o.name AS official, min(date) AS first, max(date) AS last, count(DISTINCT article) AS articles,
       collect(DISTINCT entry) AS evidence, o.key AS official_key
ORDER BY coalesce(first, '9999'), coalesce(last, '9999'), official_key
LIMIT $limit
