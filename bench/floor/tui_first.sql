-- The interface's first frame: the index of the first report's tasks
-- (their place in the tree, status, lead, due: what the tree, the filter
-- and the counts need), then the first screen of rows with their text.
SELECT count(*), sum(depth), sum(length(code)), count(lead_id), count(due), count(parent_id)
FROM (SELECT id, parent_id, seq, lead_id, depth, kind, status, code, due FROM tasks
      WHERE report_id = (SELECT min(id) FROM reports) AND withdrawn = 0 ORDER BY seq);
.headers off
.mode column
SELECT printf('%*s%s', 2 * t.depth, '', t.code), t.status, coalesce(d.name, '-'),
  coalesce(t.due, '-'), t.text
FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
WHERE t.report_id = (SELECT min(id) FROM reports) AND t.withdrawn = 0
ORDER BY t.seq LIMIT {ROWS};
