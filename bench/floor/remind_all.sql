-- remind --all: how many tasks are overdue and due within warn_days
-- (counted), and the first lines of the reminder: the most overdue.
SELECT coalesce(sum(due < '{TODAY}'), 0), coalesce(sum(due >= '{TODAY}'), 0) FROM tasks
WHERE due IS NOT NULL AND due <= '{HORIZON}' AND withdrawn = 0 AND status <> 'done';
.headers off
.mode column
SELECT t.due, 'R' || t.report_id || ':' || t.code, coalesce(d.name, '-'), t.text
FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
WHERE t.due IS NOT NULL AND t.due <= '{HORIZON}' AND t.withdrawn = 0 AND t.status <> 'done'
ORDER BY t.due, t.report_id, t.seq, t.id LIMIT 8;
