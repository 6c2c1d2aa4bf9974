-- The interface's first screen: the first rows of the first report, in
-- tree order, with what a row shows.
.headers off
.mode column
SELECT printf('%*s%s', 2 * t.depth, '', t.code), t.status, coalesce(d.name, '-'),
  coalesce(t.due, '-'), t.text
FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
WHERE t.report_id = (SELECT min(id) FROM reports) AND t.withdrawn = 0
ORDER BY t.seq LIMIT {ROWS};
