/* Schema and migrations, keyed on PRAGMA user_version: migrations[v]
 * takes a database from version v-1 to v. Each script ends by setting
 * user_version, and all run in one write transaction. */
#include "db/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_migrate(struct db *db, char *err, size_t errlen);

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
};

static int user_version(struct db *db, long long *out, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare(db, &s, "PRAGMA user_version", err, errlen);
    if (rc == FU_OK) {
        rc = db_step(&s, err, errlen);
        *out = rc == SQLITE_ROW ? db_col_int(&s, 0) : 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
    long long v = 0;
    int rc = user_version(db, &v, err, errlen);
    if (rc != FU_OK || v == DB_SCHEMA_VERSION)
        return rc;
    if (db->readonly)
        return db_errf(err, errlen, FU_ERR, "%s has schema version %lld and needs an upgrade "
                       "to %d; open it once with write access", db->path, v, DB_SCHEMA_VERSION);
    rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = user_version(db, &v, err, errlen);   /* another process may have done it */
    /* Our own scripts may edit the schema (v3 and v5 do) and create
     * tables whose CHECKs call functions (v1): the defensive flag is off
     * and the schema trusted only while they run, hardened again after
     * (the schema was checked before they ran), both checked. */
    int def = -1, trusted = -1;
    if (rc == FU_OK && v < DB_SCHEMA_VERSION &&
        (sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 0, &def) != SQLITE_OK || def != 0 ||
         sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, &trusted) != SQLITE_OK ||
         trusted != 1))
        rc = db_errf(err, errlen, FU_ERR, "%s: cannot prepare the schema upgrade", db->path);
    for (long long next = v + 1; rc == FU_OK && next <= DB_SCHEMA_VERSION; next++) {
        char *msg = NULL;
        int src = sqlite3_exec(db->h, migrations[next], NULL, NULL, &msg);
        if (src != SQLITE_OK) {
            rc = db_sqlite_err(db, src, msg, migrations[next], err, errlen);
            if (rc == FU_ERR && (src & 0xff) != SQLITE_FULL && (src & 0xff) != SQLITE_READONLY)
                db_errf(err, errlen, FU_ERR, "%s: cannot create the schema (version %lld): %s",
                        db->path, next, msg ? msg : sqlite3_errstr(src));
        }
        sqlite3_free(msg);
    }
    if (db_harden(db->h) != SQLITE_OK && rc == FU_OK)
        rc = db_errf(err, errlen, FU_ERR, "%s: cannot harden the connection again", db->path);
    return db_end(db, rc, err, errlen);
}

/* ---- the schema this program creates -------------------------------------------- */

struct sobj { char *type, *name, *tbl, *sql; };
struct sobjs { struct sobj *v; size_t n; };

static void sobjs_free(struct sobjs *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].type);
        free(l->v[i].name);
        free(l->v[i].tbl);
        free(l->v[i].sql);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static char *dup_col(sqlite3_stmt *st, int col, int *oom)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    char *d = v ? strdup(v) : NULL;
    if (v && !d)
        *oom = 1;
    return d;
}

/* Every object of h's schema (autoindexes too), by name. */
static int read_schema(sqlite3 *h, struct sobjs *out)
{
    sqlite3_stmt *st = NULL;
    int oom = 0, src = sqlite3_prepare_v2(h, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                          " ORDER BY name", -1, &st, NULL);
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    while (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct sobj *v = realloc(out->v, ncap * sizeof *v);
            if (!v) {
                src = SQLITE_NOMEM;
                break;
            }
            out->v = v;
            cap = ncap;
        }
        struct sobj *o = &out->v[out->n++];
        o->type = dup_col(st, 0, &oom);
        o->name = dup_col(st, 1, &oom);
        o->tbl = dup_col(st, 2, &oom);
        o->sql = dup_col(st, 3, &oom);
        src = oom ? SQLITE_NOMEM : SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (src == SQLITE_DONE)
        return SQLITE_OK;
    sobjs_free(out);
    return src;
}

/* The schema migrations 1..upto create, in a :memory: database. */
static int reference_schema(long long upto, struct sobjs *out)
{
    sqlite3 *h = NULL;
    int src = sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE, NULL);
    for (long long v = 1; src == SQLITE_OK && v <= upto && v <= DB_SCHEMA_VERSION; v++)
        src = sqlite3_exec(h, migrations[v], NULL, NULL, NULL);
    if (src == SQLITE_OK)
        src = read_schema(h, out);
    sqlite3_close(h);
    return src;
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const struct sobj *find_obj(const struct sobjs *l, const char *name)
{
    for (size_t i = 0; name && i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0)
            return &l->v[i];
    return NULL;
}

/* ANALYZE's statistics steer query plans only. */
static int harmless(const struct sobj *o)
{
    return o->type && o->name && strcmp(o->type, "table") == 0 &&
           (strcmp(o->name, "sqlite_stat1") == 0 || strcmp(o->name, "sqlite_stat4") == 0);
}

static int compare(struct db *db, const struct sobjs *have, const struct sobjs *want,
                   char *err, size_t errlen)
{
    const char *mend = "refusing to open it; restore a backup made by followup";
    for (size_t i = 0; i < have->n; i++) {
        const struct sobj *o = &have->v[i], *r = find_obj(want, o->name);
        if (harmless(o))
            continue;
        if (!r)
            return db_errf(err, errlen, FU_ERR, "%s holds the %s '%s' (on %s), which followup "
                           "did not create; %s", db->path, o->type, o->name, o->tbl, mend);
        if (!same(o->type, r->type) || !same(o->tbl, r->tbl) || !same(o->sql, r->sql))
            return db_errf(err, errlen, FU_ERR, "%s: the %s '%s' is not the %s followup "
                           "created; %s", db->path, o->type, o->name, r->type, mend);
    }
    for (size_t i = 0; i < want->n; i++)
        if (!find_obj(have, want->v[i].name))
            return db_errf(err, errlen, FU_ERR, "%s lacks the %s '%s' followup creates; %s",
                           db->path, want->v[i].type, want->v[i].name, mend);
    return FU_OK;
}

int db_schema_check(struct db *db, char *err, size_t errlen)
{
    long long v = 0;
    struct sobjs have = {0}, want = {0};
    int rc = user_version(db, &v, err, errlen);
    if (rc != FU_OK)
        return rc;
    int src = read_schema(db->h, &have);
    if (src != SQLITE_OK)
        return db_sqlite_err(db, src, sqlite3_errmsg(db->h), "SELECT … FROM sqlite_schema",
                             err, errlen);
    src = reference_schema(v, &want);
    rc = src == SQLITE_OK ? compare(db, &have, &want, err, errlen)
                          : db_errf(err, errlen, FU_ERR, "cannot build the reference schema "
                                    "(%s)", sqlite3_errstr(src));
    sobjs_free(&have);
    sobjs_free(&want);
    return rc;
}
