// title: An official's career
// description: Every post an official held (LEADS), one row per post × place or body, in time order: first and last date seen, how many articles, and the evidence: one "date article sentence" per article, in time order. A title naming two posts (市委副书记、市长) gives a row for each; wordings of one post are joined (县委书记, 睢宁县委书记, and 书记 written with 睢宁县), as on the app's career page.
// param: key string official:宋乐伟@徐州市 — key of the official
// param: limit int 200 — at most this many rows
MATCH (o:Official {key: $key})-[l:LEADS]->(p)
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
WITH p, title, l.articles[i] AS article, CASE WHEN l.dates[i] <> '' THEN l.dates[i] END AS date,
     coalesce(CASE WHEN l.dates[i] <> '' THEN l.dates[i] END, 'undated') + ' ' + l.articles[i] + ' ' + coalesce(l.evidence[i], '') AS entry
ORDER BY entry
RETURN title, p.name AS place, min(date) AS first, max(date) AS last, count(DISTINCT article) AS articles,
       collect(DISTINCT entry) AS evidence, p.key AS place_key
ORDER BY coalesce(first, '9999'), coalesce(last, '9999'), place_key, title
LIMIT $limit
