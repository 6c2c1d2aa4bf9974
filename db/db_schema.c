/* Schema and migrations, keyed on PRAGMA user_version: migrations[v]
 * takes a database from version v-1 to v. Each script ends by setting
 * user_version, and all run in one write transaction (db/db_migrate.c).
 * This file is only the scripts: the build runs them once
 * (db/gen/schema_gen.c) to compile the schema each version has into the
 * program (build/gen/schema_ref.c), which db_schema_check compares a
 * database with. Append a step, bump DB_SCHEMA_VERSION; never edit one. */
#include "db/internal.h"

#include <stddef.h>

static const char *const migrations[DB_SCHEMA_VERSION + 1] = {
    [1] =
    "CREATE TABLE reports (\n"
    "  id INTEGER PRIMARY KEY,              -- shown as R<id>\n"
    "  uuid TEXT NOT NULL UNIQUE,\n"
    "  doc_no TEXT,                         -- 文号; a re-import matches on it\n"
    "  title TEXT NOT NULL DEFAULT '',\n"
    "  issuer TEXT, published TEXT, addressee TEXT,\n"
    "  signed_by TEXT, signed_on TEXT, lead_department TEXT,\n"
    "  intro TEXT, closing TEXT,            -- the texts before the first heading, after the last\n"
    "  source_hash TEXT NOT NULL,           -- SHA-256 of the parsed report\n"
    "  imported_at TEXT NOT NULL,\n"
    "  imported_by TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX reports_doc_no ON reports(doc_no);\n"
    "CREATE INDEX reports_title ON reports(title);\n"
    "CREATE TABLE departments (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE,\n"
    "  created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE users (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  login TEXT NOT NULL UNIQUE,\n"
    "  role TEXT NOT NULL CHECK (role IN ('viewer', 'department', 'committee')),\n"
    "  created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE user_depts (\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
    "  dept_id INTEGER NOT NULL REFERENCES departments(id),\n"
    "  PRIMARY KEY (user_id, dept_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX user_depts_dept ON user_depts(dept_id);\n"
    "CREATE TABLE tasks (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36 AND uuid = lower(uuid)),\n"
    "  report_id INTEGER NOT NULL REFERENCES reports(id),\n"
    "  parent_id INTEGER REFERENCES tasks(id),\n"
    "  seq INTEGER NOT NULL,                -- preorder position in its report\n"
    "  depth INTEGER NOT NULL CHECK (depth >= 0),\n"
    "  code TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('section', 'item', 'statement')),\n"
    "  stmt_kind TEXT CHECK (stmt_kind IN ('commitment', 'fact', 'context')),\n"
    "  text TEXT NOT NULL,\n"
    "  body TEXT,\n"
    "  status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN\n"
    "    ('todo', 'active', 'ongoing', 'delayed', 'submitted', 'done')),\n"
    "  lead_id INTEGER REFERENCES departments(id),\n"
    "  due TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "  suggested_owner TEXT,\n"
    "  suggested_due TEXT,\n"
    "  metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),\n"
    "  created_at TEXT NOT NULL,\n"
    "  updated_at TEXT NOT NULL\n"
    ");\n"
    "CREATE UNIQUE INDEX tasks_code ON tasks(report_id, code) WHERE withdrawn = 0;\n"
    "CREATE INDEX tasks_order ON tasks(report_id, seq);\n"
    "CREATE INDEX tasks_parent ON tasks(parent_id, withdrawn, status);\n"
    "CREATE INDEX tasks_lead ON tasks(lead_id, status);\n"
    "CREATE INDEX tasks_due ON tasks(due) WHERE due IS NOT NULL;\n"
    "CREATE INDEX tasks_bycode ON tasks(code);\n"
    "CREATE TABLE task_support (\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  ord INTEGER NOT NULL,                -- the order given when assigned\n"
    "  dept_id INTEGER NOT NULL REFERENCES departments(id),\n"
    "  PRIMARY KEY (task_id, ord),\n"
    "  UNIQUE (task_id, dept_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX task_support_dept ON task_support(dept_id);\n"
    "CREATE TABLE notes (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  at TEXT NOT NULL,\n"
    "  actor TEXT NOT NULL,\n"
    "  as_user TEXT,\n"
    "  text TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX notes_task ON notes(task_id, id);\n"
    "CREATE TABLE history (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  at TEXT NOT NULL,\n"
    "  actor TEXT NOT NULL,                 -- the real login\n"
    "  as_user TEXT,                        -- --as USER, else NULL\n"
    "  task_id INTEGER REFERENCES tasks(id),-- NULL for database-wide events\n"
    "  field TEXT NOT NULL,\n"
    "  old TEXT, new TEXT, note TEXT,\n"
    "  prev_hash TEXT NOT NULL,             -- '' for the first row\n"
    "  hash TEXT NOT NULL                   -- SHA-256 of this row and prev_hash\n"
    ");\n"
    "CREATE INDEX history_task ON history(task_id, id);\n"
    "CREATE INDEX history_at ON history(at);\n"
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history\n"
    "  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;\n"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history\n"
    "  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;\n"
    "PRAGMA application_id = 1179602005;   -- 0x464f4c55 \"FOLU\"\n"
    "PRAGMA user_version = 1;\n",
    [2] =
    "CREATE TABLE review_rounds (\n"
    "  id INTEGER PRIMARY KEY,              -- round N\n"
    "  name TEXT NOT NULL,\n"
    "  held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "  created_at TEXT NOT NULL,\n"
    "  actor TEXT NOT NULL,\n"
    "  as_user TEXT,\n"
    "  last_note_id INTEGER NOT NULL        -- notes after it were added since the round\n"
    ");\n"
    "CREATE TABLE review_snapshot (          -- every live task as the round found it\n"
    "  round_id INTEGER NOT NULL REFERENCES review_rounds(id),\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  status TEXT NOT NULL,\n"
    "  lead_id INTEGER REFERENCES departments(id),\n"
    "  due TEXT,\n"
    "  PRIMARY KEY (round_id, task_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TRIGGER review_snapshot_no_update BEFORE UPDATE ON review_snapshot\n"
    "  BEGIN SELECT RAISE(ABORT, 'a review snapshot is fixed'); END;\n"
    "CREATE TRIGGER review_snapshot_no_delete BEFORE DELETE ON review_snapshot\n"
    "  BEGIN SELECT RAISE(ABORT, 'a review snapshot is fixed'); END;\n"
    "CREATE TABLE review_ratings (           -- the committee's evaluation, one per item and round\n"
    "  round_id INTEGER NOT NULL REFERENCES review_rounds(id),\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  level TEXT NOT NULL CHECK (level IN ('satisfied', 'basic', 'unsatisfied')),\n"
    "  remark TEXT,\n"
    "  at TEXT NOT NULL,\n"
    "  actor TEXT NOT NULL,\n"
    "  as_user TEXT,\n"
    "  PRIMARY KEY (round_id, task_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX review_ratings_task ON review_ratings(task_id);\n"
    "PRAGMA user_version = 2;\n",
    /* tasks' CHECKs said kind, stmt_kind and status IN (…): SQLite builds
     * a temporary table for each such list on every row it writes, a third
     * of a large import's time. The same rules as OR chains cost nothing.
     * No row changes, so this is the schema edit SQLite documents for
     * changing CHECK constraints (lang_altertable.html#otheralter); a
     * database whose text differs keeps its IN lists, which mean the same. */
    [3] =
    "PRAGMA writable_schema = ON;\n"
    "UPDATE sqlite_schema SET sql = replace(replace(replace(sql,\n"
    "  'CHECK (kind IN (''section'', ''item'', ''statement''))',\n"
    "  'CHECK (kind = ''section'' OR kind = ''item'' OR kind = ''statement'')'),\n"
    "  'CHECK (stmt_kind IN (''commitment'', ''fact'', ''context''))',\n"
    "  'CHECK (stmt_kind = ''commitment'' OR stmt_kind = ''fact'' OR stmt_kind = ''context'')'),\n"
    "  'CHECK (status IN\n    (''todo'', ''active'', ''ongoing'', ''delayed'', ''submitted'', ''done''))',\n"
    "  'CHECK (status = ''todo'' OR status = ''active'' OR status = ''ongoing''\n"
    "    OR status = ''delayed'' OR status = ''submitted'' OR status = ''done'')')\n"
    "  WHERE type = 'table' AND name = 'tasks';\n"
    "PRAGMA writable_schema = RESET;\n"
    "PRAGMA user_version = 3;\n",
    /* The interface's index of a report (db_task_index) and the reports'
     * task counts read only this index: 6 MB for 100,000 tasks instead of
     * every row with its texts (60 MB), so a report opens in a quarter of
     * the time. */
    [4] =
    "CREATE INDEX IF NOT EXISTS tasks_tree ON tasks(report_id, withdrawn, seq, parent_id, depth,\n"
    "  kind, status, lead_id, due, code);\n"
    "PRAGMA user_version = 4;\n",
    /* Search (list --search, the interface's /) through a trigram index
     * of the texts the search reads, instead of reading every task's text:
     * an external-content FTS5 table over tasks (no second copy of the
     * texts). No triggers: import writes it in bulk and keeps it in step
     * (db/db_import.c, db/db_search.c); withdrawn tasks stay in it, as their
     * text stays in tasks. */
    [5] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS task_fts USING fts5(text, body, code, content='tasks',\n"
    "  content_rowid='id', tokenize='trigram');\n"
    "INSERT INTO task_fts(task_fts) VALUES ('rebuild');\n"
    "PRAGMA user_version = 5;\n",
    /* The 督办 workflow (issue 15): extension requests, evidence files,
     * feedback cycles and leaders' instructions. New tables only; every
     * row they hold is also told by a history row. */
    [6] =
    "CREATE TABLE IF NOT EXISTS extensions (              -- 延期申请\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  old_due TEXT,                        -- the due date when it was asked for\n"
    "  new_due TEXT NOT NULL CHECK (new_due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "  reason TEXT NOT NULL,\n"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, as_user TEXT,\n"
    "  state TEXT NOT NULL DEFAULT 'pending'\n"
    "    CHECK (state = 'pending' OR state = 'approved' OR state = 'denied'),\n"
    "  decided_at TEXT, decided_by TEXT, decided_as TEXT, decision TEXT\n"
    ");\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS extensions_pending ON extensions(task_id) WHERE state = 'pending';\n"
    "CREATE INDEX IF NOT EXISTS extensions_task ON extensions(task_id, id);\n"
    "CREATE TABLE IF NOT EXISTS attachments (             -- 佐证材料; data last, so listing reads no blob\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  name TEXT NOT NULL,\n"
    "  size INTEGER NOT NULL CHECK (size >= 0),\n"
    "  sha256 TEXT NOT NULL,\n"
    "  note TEXT,\n"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, as_user TEXT,\n"
    "  data BLOB NOT NULL\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS attachments_task ON attachments(task_id, id);\n"
    "CREATE TABLE IF NOT EXISTS cycles (                  -- 周期反馈: one per task\n"
    "  task_id INTEGER PRIMARY KEY REFERENCES tasks(id),\n"
    "  period TEXT NOT NULL CHECK (period = 'weekly' OR period = 'monthly' OR period = 'quarterly'),\n"
    "  day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),\n"
    "  start TEXT NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, as_user TEXT\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS instructions (            -- 领导批示\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  text TEXT NOT NULL,\n"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, as_user TEXT,\n"
    "  last_note_id INTEGER NOT NULL        -- notes with a higher id answer it\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS instructions_task ON instructions(task_id, id);\n"
    "PRAGMA user_version = 6;\n",
    /* Connections run with trusted_schema OFF (issue 13): a schema may
     * then call only innocuous functions, and this SQLite's json_valid is
     * not one, so every write to tasks failed. followup writes metrics
     * itself (valid JSON); the CHECK goes, by the same documented schema
     * edit as v3 (no row changes). */
    [7] =
    "PRAGMA writable_schema = ON;\n"
    "UPDATE sqlite_schema SET sql = replace(sql,\n"
    "  'metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),',\n"
    "  'metrics TEXT,                        -- JSON, as followup writes it')\n"
    "  WHERE type = 'table' AND name = 'tasks';\n"
    "PRAGMA writable_schema = RESET;\n"
    "PRAGMA user_version = 7;\n",
    /* A report's sections and items, and the reminders' counts, read
     * from indexes instead of every task: tasks_heads holds the live
     * sections and items in report order (a twentieth of the tasks);
     * tasks_due also carries what the reminders ask of a dated task, so
     * that counting them reads no task row. */
    [8] =
    "CREATE INDEX IF NOT EXISTS tasks_heads ON tasks(report_id, seq)\n"
    "  WHERE kind <> 'statement' AND withdrawn = 0;\n"
    "DROP INDEX IF EXISTS tasks_due;\n"
    "CREATE INDEX tasks_due ON tasks(due, withdrawn, status, lead_id) WHERE due IS NOT NULL;\n"
    "PRAGMA user_version = 8;\n",
    /* The office corrects what was imported and adds tasks by hand
     * (issue 21): registers of tasks from no report, where a hand-entered
     * task came from, what was set by hand (a re-import keeps it),
     * departments retired or merged into another, notes struck out. */
    [9] =
    "ALTER TABLE reports ADD COLUMN register INTEGER;   -- a register's year (交办事项 2024); NULL: a report\n"
    "ALTER TABLE reports ADD COLUMN hand INTEGER NOT NULL DEFAULT 0;  -- metadata set by hand (bit per field)\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS reports_register ON reports(register) WHERE register IS NOT NULL;\n"
    "ALTER TABLE tasks ADD COLUMN source TEXT;          -- where a task entered by hand came from\n"
    "ALTER TABLE tasks ADD COLUMN hand INTEGER NOT NULL DEFAULT 0;  -- set by hand: 1 added, 2 text, 4 place, 8 withdrawn\n"
    "ALTER TABLE departments ADD COLUMN retired_at TEXT;\n"
    "ALTER TABLE departments ADD COLUMN merged_into INTEGER;  -- the departments id it went to\n"
    "ALTER TABLE notes ADD COLUMN struck_at TEXT;       -- struck out (a note saved by mistake)\n"
    "ALTER TABLE notes ADD COLUMN struck_by TEXT;\n"
    "ALTER TABLE notes ADD COLUMN struck_reason TEXT;\n"
    "PRAGMA user_version = 9;\n",
    /* A department's own quota for evidence files (issue 25), set by the
     * committee with a history row; without one the system config's
     * [attachments] dept_mb applies. */
    [10] =
    "CREATE TABLE IF NOT EXISTS dept_quotas (\n"
    "  dept_id INTEGER PRIMARY KEY REFERENCES departments(id),\n"
    "  mb INTEGER NOT NULL CHECK (mb >= 1),\n"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, as_user TEXT\n"
    ");\n"
    "PRAGMA user_version = 10;\n",
    /* Targets (issue 24): the figure a task commits to (one a task), and
     * the values reported against it, in the target's unit (written: as
     * the department wrote it, 1.2 万名). */
    [11] =
    "CREATE TABLE IF NOT EXISTS targets (\n"
    "  task_id INTEGER PRIMARY KEY REFERENCES tasks(id),\n"
    "  value REAL NOT NULL,\n"
    "  unit TEXT NOT NULL,\n"
    "  direction TEXT NOT NULL CHECK (direction IN ('at-least', 'at-most', 'about')),\n"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, as_user TEXT\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS progress (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),\n"
    "  value REAL NOT NULL,\n"
    "  unit TEXT NOT NULL,\n"
    "  written TEXT NOT NULL,\n"
    "  note TEXT,\n"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, as_user TEXT\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS progress_task ON progress(task_id, id);\n"
    "PRAGMA user_version = 11;\n",
};

const char *db_schema_script(long long v)
{
    return v >= 1 && v <= DB_SCHEMA_VERSION ? migrations[v] : NULL;
}
