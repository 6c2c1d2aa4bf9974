-- A year of follow-up on freshly imported tasks, deterministic by id: statuses
-- spread (30% todo, 30% active, 15% ongoing, 8% delayed, 7% submitted, 10%
-- done), 60% of items and statements with a due date, one item in five with
-- a supporting department. Run by bench/bench.py with sqlite3 after import.
BEGIN;
UPDATE tasks SET status = CASE
    WHEN (id * 2654435761) % 100 < 30 THEN 'todo'
    WHEN (id * 2654435761) % 100 < 60 THEN 'active'
    WHEN (id * 2654435761) % 100 < 75 THEN 'ongoing'
    WHEN (id * 2654435761) % 100 < 83 THEN 'delayed'
    WHEN (id * 2654435761) % 100 < 90 THEN 'submitted'
    ELSE 'done' END,
  due = CASE WHEN kind <> 'section' AND (id * 40503) % 10 < 6
    THEN date('2024-03-01', '+' || ((id * 7919) % 700) || ' days') END,
  version = version + 1
WHERE kind <> 'section';
INSERT OR IGNORE INTO task_support (task_id, ord, dept_id)
  SELECT t.id, 1, d.id FROM tasks t JOIN departments d
    ON d.id = 1 + (t.id * 31) % (SELECT count(*) FROM departments)
  WHERE t.kind = 'item' AND t.id % 5 = 2 AND d.id IS NOT coalesce(t.lead_id, 0);
COMMIT;
