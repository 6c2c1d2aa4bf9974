-- list --status S: the same rows as an aligned table (sqlite3 sizes the
-- columns over all rows, as followup does).
.headers off
.mode column
SELECT printf('%*s%s', 2 * t.depth, '', 'R' || t.report_id || ':' || t.code), t.status,
  coalesce(d.name, '-'), coalesce(t.due, '-'), t.text
FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
WHERE t.withdrawn = 0 AND t.status = '{STATUS}'
ORDER BY t.report_id, t.seq;
