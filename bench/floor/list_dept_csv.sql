-- list --dept D --format csv: the same rows, columns and order as CSV.
.headers on
.mode csv
SELECT t.uuid, 'R' || t.report_id AS report, t.code, t.kind, t.text, t.status, d.name AS lead,
  (SELECT group_concat(sd.name, ';') FROM task_support s JOIN departments sd ON sd.id = s.dept_id
    WHERE s.task_id = t.id) AS support,
  t.due, t.version
FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
WHERE t.withdrawn = 0
  AND (t.lead_id = {DEPT} OR t.id IN (SELECT task_id FROM task_support WHERE dept_id = {DEPT}))
ORDER BY t.report_id, t.seq;
