-- report --format text --by dept: the summary by status, the table of
-- departments by status, each department's lead and supporting items,
-- and the overdue items, as aligned text. The items are read once into a
-- temporary table.
.headers on
.mode column
CREATE TEMP TABLE items AS
  SELECT t.id, t.report_id, t.seq, t.code, t.text, t.status, t.due, t.lead_id,
    'R' || t.report_id || ':' || t.code AS ref,
    (t.due < '{TODAY}' AND t.status <> 'done') AS late
  FROM tasks t WHERE t.kind = 'item' AND t.withdrawn = 0
  ORDER BY t.report_id, t.seq;
CREATE INDEX temp.items_lead ON items(lead_id);
CREATE INDEX temp.items_id ON items(id);
SELECT status, count(*) AS items FROM items GROUP BY status;
SELECT dd.name AS department,
  (SELECT count(*) FROM items WHERE lead_id = dd.id) AS lead,
  (SELECT count(*) FROM task_support s JOIN items i ON i.id = s.task_id
    WHERE s.dept_id = dd.id) AS sup,
  (SELECT count(*) FROM items WHERE lead_id = dd.id AND status = 'todo') AS todo,
  (SELECT count(*) FROM items WHERE lead_id = dd.id AND status = 'active') AS active,
  (SELECT count(*) FROM items WHERE lead_id = dd.id AND status = 'ongoing') AS ongoing,
  (SELECT count(*) FROM items WHERE lead_id = dd.id AND status = 'delayed') AS delayed,
  (SELECT count(*) FROM items WHERE lead_id = dd.id AND status = 'submitted') AS submitted,
  (SELECT count(*) FROM items WHERE lead_id = dd.id AND status = 'done') AS done,
  (SELECT count(*) FROM items WHERE lead_id = dd.id AND late) AS late
FROM departments dd ORDER BY dd.id;
SELECT dd.name AS department, x.ref, x.role, x.status, coalesce(x.due, '-') AS due, x.text
FROM departments dd JOIN (
  SELECT lead_id AS dept, ref, 'Lead' AS role, status, due, text, report_id, seq FROM items
  UNION ALL
  SELECT s.dept_id, i.ref, 'Support', i.status, i.due, i.text, i.report_id, i.seq
  FROM items i JOIN task_support s ON s.task_id = i.id) x ON x.dept = dd.id
ORDER BY dd.id, x.report_id, x.seq;
SELECT ref, status, due, text FROM items WHERE late ORDER BY due, report_id, seq;
