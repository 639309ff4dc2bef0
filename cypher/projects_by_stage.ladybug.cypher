// title: Projects by stage and year
// description: Projects whose latest stage is the one given (any: every project with a stage) and that have a stage event in the year given (0: any year), with their events in time order and the places hosting them.
// param: stage string any — signed, started, under_construction, completed, operating, or any
// param: year int 0 — a year with a stage event (0: any year)
// param: limit int 200 — at most this many rows
MATCH (j:Project)
WITH j, cast($year AS STRING) AS y
WHERE j.stage IS NOT NULL AND ($stage = 'any' OR j.stage = $stage)
  AND ($year = 0 OR any(d IN j.stage_dates WHERE d STARTS WITH y))
OPTIONAL MATCH (host:Place)-[:HOSTS]->(j)
WITH j, list_sort(collect(DISTINCT host.name)) AS places
RETURN j.name AS project, j.stage AS stage, j.stages AS stages, j.stage_dates AS stage_dates, places, j.key AS project_key
ORDER BY project_key
LIMIT $limit
