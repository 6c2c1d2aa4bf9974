-- list --search TEXT: a substring of the text, the item's sentences, the
-- code or the lead department, as an aligned table.
.headers off
.mode column
SELECT printf('%*s%s', 2 * t.depth, '', 'R' || t.report_id || ':' || t.code), t.status,
  coalesce(d.name, '-'), coalesce(t.due, '-'), t.text
FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
WHERE t.withdrawn = 0 AND (t.text LIKE '%{SEARCH}%' OR t.body LIKE '%{SEARCH}%'
  OR t.code LIKE '%{SEARCH}%' OR d.name LIKE '%{SEARCH}%')
ORDER BY t.report_id, t.seq;
