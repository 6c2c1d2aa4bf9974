-- The interface's search when the words match nothing: every task of the
-- report is read once, in tree order, looking for them.
SELECT t.seq FROM tasks t
WHERE t.report_id = (SELECT min(id) FROM reports) AND t.withdrawn = 0
  AND (t.code LIKE '%{TERM}%' ESCAPE '\' OR t.text LIKE '%{TERM}%' ESCAPE '\'
       OR t.body LIKE '%{TERM}%' ESCAPE '\')
ORDER BY t.seq LIMIT 32;
