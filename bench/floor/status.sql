-- status TASK S: one write transaction that changes the status, bumps
-- the version and appends a history row chained to the previous row's
-- hash (SHA3 here, as the shell has it built in).
BEGIN IMMEDIATE;
UPDATE tasks SET status = CASE status WHEN 'active' THEN 'delayed' ELSE 'active' END,
  version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ') WHERE id = {ID};
INSERT INTO history (at, actor, task_id, field, old, new, prev_hash, hash)
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ'), 'bench', {ID}, 'status', NULL, t.status,
    coalesce(h.hash, ''), hex(sha3(coalesce(h.hash, '') || t.status || {ID}, 256))
  FROM tasks t LEFT JOIN (SELECT hash FROM history ORDER BY id DESC LIMIT 1) h
  WHERE t.id = {ID};
COMMIT;
