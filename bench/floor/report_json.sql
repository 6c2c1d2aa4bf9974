-- report --format json: the same document built by SQLite's JSON
-- functions: the summary by status, each department's lead and supporting
-- items by status with their codes, the sections, every item with its
-- supporting departments, sub-task counts and latest note, and the
-- overdue list. The items are read once into a temporary table.
.headers off
.mode list
CREATE TEMP TABLE items AS
  SELECT t.id, t.uuid, t.report_id, t.seq, t.code, t.text, t.status, t.due, t.lead_id,
    d.name AS lead, 'R' || t.report_id || ':' || t.code AS ref,
    (t.due < '{TODAY}' AND t.status <> 'done') AS late
  FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
  WHERE t.kind = 'item' AND t.withdrawn = 0
  ORDER BY t.report_id, t.seq;
CREATE INDEX temp.items_lead ON items(lead_id);
CREATE INDEX temp.items_id ON items(id);
SELECT json_object(
  'summary', (SELECT json_object('items', sum(n), 'by_status', json_group_object(status, n))
              FROM (SELECT status, count(*) AS n FROM items GROUP BY status)),
  'departments', (SELECT json_group_array(json_object('name', dd.name,
      'lead', (SELECT json_group_object(status, n) FROM
               (SELECT status, count(*) AS n FROM items WHERE lead_id = dd.id GROUP BY status)),
      'support', (SELECT json_group_object(status, n) FROM
               (SELECT i.status, count(*) AS n FROM items i JOIN task_support s ON s.task_id = i.id
                WHERE s.dept_id = dd.id GROUP BY i.status)),
      'overdue', (SELECT count(*) FROM items WHERE lead_id = dd.id AND late),
      'lead_items', (SELECT json_group_array(ref) FROM
               (SELECT ref FROM items WHERE lead_id = dd.id ORDER BY report_id, seq)),
      'support_items', (SELECT json_group_array(ref) FROM
               (SELECT i.ref FROM items i JOIN task_support s ON s.task_id = i.id
                WHERE s.dept_id = dd.id ORDER BY i.report_id, i.seq))))
    FROM departments dd),
  'sections', (SELECT json_group_array(json_object('code', 'R' || report_id || ':' || code,
      'title', text)) FROM (SELECT * FROM tasks WHERE kind = 'section' AND withdrawn = 0
      ORDER BY report_id, seq)),
  'items', (SELECT json_group_array(json_object('uuid', uuid, 'report', 'R' || report_id,
      'code', ref, 'title', text, 'status', status, 'lead', lead,
      'support', (SELECT json_group_array(sd.name) FROM task_support s
                  JOIN departments sd ON sd.id = s.dept_id WHERE s.task_id = i.id),
      'due', due, 'overdue', json(CASE WHEN late THEN 'true' ELSE 'false' END),
      'subtasks', (SELECT count(*) FROM tasks c WHERE c.parent_id = i.id AND c.withdrawn = 0),
      'subtasks_done', (SELECT count(*) FROM tasks c WHERE c.parent_id = i.id
                        AND c.withdrawn = 0 AND c.status = 'done'),
      'latest_note', (SELECT text FROM notes WHERE task_id = i.id ORDER BY id DESC LIMIT 1)))
    FROM (SELECT * FROM items ORDER BY report_id, seq) i),
  'overdue', (SELECT json_group_array(ref) FROM (SELECT ref FROM items WHERE late
      ORDER BY due, report_id, seq)));
