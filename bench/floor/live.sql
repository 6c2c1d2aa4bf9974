-- Another user's change, as the interface reads it: the history rows
-- after the last one it had seen, then the place, status, lead and due
-- date of each task they name, and its supporting departments.
SELECT id, task_id, field FROM history WHERE id > {SEEN} ORDER BY id LIMIT 2001;
SELECT t.report_id, t.seq, t.withdrawn, t.parent_id, t.depth, t.kind, t.status, t.lead_id,
  t.due, length(t.code), (SELECT group_concat(dept_id) FROM task_support WHERE task_id = t.id)
FROM tasks t WHERE t.id IN (SELECT task_id FROM history WHERE id > {SEEN});
