/* Private to db/: the connection, the statement wrapper, transactions,
 * the history writer and small helpers shared by the files of db/.
 * Nothing outside db/ includes this header. */
#ifndef FU_DB_INTERNAL_H
#define FU_DB_INTERNAL_H

#include <stddef.h>
#include <sqlite3.h>

#include "util/err.h"
#include "db/db.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_import.h"
#include "report/report.h"
#include "host/writers.h"

#define DB_SCHEMA_VERSION 11
#define DB_UNTRUSTED_FROM 7             /* schemas from v7 parse with trusted_schema OFF */
#define DB_APPLICATION_ID 0x464f4c55   /* "FOLU" in the file header */
#define DB_CACHE_MAX 64
#define DB_NOTE_MAX 10000
#define DB_WAL_LIMIT (4LL * 1024 * 1024)  /* the WAL is cut back past this (db_end) */
#define DB_BUSY_MS 20000                /* how long a writer waits for the lock in all */
#define DB_WAIT_NOTE_MS 2000            /* ... before it says who holds it */
#define DB_DEPT_MAX_CHARS 64
#define DB_DEPT_BUF 260                   /* a checked name: 64 characters of up to 4 bytes */
#define DB_SEP "\x1f"                  /* group_concat separator (unit separator) */

struct db_cached {
    const char *sql;                   /* the literal; compared by address, then text */
    sqlite3_stmt *st;
    int busy;                          /* handed out and not yet finished */
};

struct db {
    sqlite3 *h;
    char *path;
    int readonly;
    int depth;                         /* transaction nesting count */
    int rollback;                      /* an inner level failed: roll back at the end */
    struct db_cached cache[DB_CACHE_MAX];
    size_t ncache;
    struct db_outcome outcome;         /* of the last task mutation (db_last_outcome) */
    int wal_pages;                     /* frames in the WAL after the last commit */
    struct writers reg;                /* the registry of writers (host/writers.h) */
    long long busy_ms;                 /* how long a statement waits for the lock */
    long long wait_from;               /* when the statement began to wait (monotonic ms) */
    int wait_told;                     /* db_on_wait's hook was called for this wait */
    db_wait_fn on_wait;
    void *wait_ctx;
    int writing;                       /* in a write transaction since tx_start */
    long long tx_start, tx_longest;    /* ms: its start; the longest one so far */
};

/* A prepared statement that remembers its SQL for error messages. */
struct db_stmt {
    struct db *db;
    sqlite3_stmt *st;
    const char *sql;
    struct db_cached *cached;          /* NULL: finalised by db_finish */
    int nstep;                         /* rows stepped so far (busy retry only before the first) */
    int rc;                            /* first bind error, reported by db_step */
    char bad[64];                      /* the parameter that failed to bind */
};

/* ---- errors -------------------------------------------------------------- */

/* Formats a one-line message into err and returns rc. */
int db_errf(char *err, size_t errlen, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Describes SQLite result code src (with message msg) for db as one line,
 * naming sql when given; returns FU_ERR. Never says "database is locked". */
int db_sqlite_err(struct db *db, int src, const char *msg, const char *sql,
                  char *err, size_t errlen);

/* ---- statements ---------------------------------------------------------- */

/* Prepares sql (a string literal). db_prepare_cached keeps the compiled statement
 * in the connection for reuse; both must be ended with db_finish on every
 * path (it is safe on a zeroed or failed stmt). */
int db_prepare(struct db *db, struct db_stmt *s, const char *sql, char *err, size_t errlen);
int db_prepare_cached(struct db *db, struct db_stmt *s, const char *sql, char *err, size_t errlen);
void db_finish(struct db_stmt *s);

/* Binds by name (":name"). A NULL text binds SQL NULL. Errors are sticky
 * and reported by the next db_step. */
void db_bind_text(struct db_stmt *s, const char *name, const char *v);
void db_bind_int(struct db_stmt *s, const char *name, long long v);
void db_bind_null(struct db_stmt *s, const char *name);
/* Binds NULL when v is 0, else v (for optional ids). */
void db_bind_id(struct db_stmt *s, const char *name, long long v);

/* Steps: SQLITE_ROW, SQLITE_DONE, or an fu_rc (> 0, < 100) with err set.
 * Retries with backoff while SQLite reports BUSY before the first row. */
int db_step(struct db_stmt *s, char *err, size_t errlen);

/* A list of row ids (caller storage: zero it; free(v) when done). */
struct db_ids { long long *v; size_t n, cap; };
/* Steps s to its end, appending each row's first column to out. FU_OK,
 * or the step's error ("out of memory" too); s is not finished. */
int db_step_ids(struct db_stmt *s, struct db_ids *out, char *err, size_t errlen);
/* Steps a statement that returns no rows (or ignores them): FU_OK or error. */
int db_run(struct db_stmt *s, char *err, size_t errlen);

const char *db_col_text(struct db_stmt *s, int col);    /* NULL for SQL NULL */
long long db_col_int(struct db_stmt *s, int col);
int db_col_isnull(struct db_stmt *s, int col);
/* strdup of a column; *oom set to 1 when allocation fails. NULL stays NULL. */
char *db_col_dup(struct db_stmt *s, int col, int *oom);
/* Copies a text column into a fixed buffer ("" for NULL), truncating. */
void db_col_copy(struct db_stmt *s, int col, char *out, size_t outlen);

/* Runs one literal SQL statement with no parameters and no result. */
int db_exec(struct db *db, const char *sql, char *err, size_t errlen);

/* ---- transactions -------------------------------------------------------- */

/* db_begin starts a write transaction (BEGIN IMMEDIATE, so writers
 * serialise and every read inside sees the latest commit) or nests in the
 * current one. db_end(db, rc, ...) closes one level: the outermost level
 * commits when every level passed rc == FU_OK, else rolls back. Returns
 * rc when non-zero, else the outcome of the commit. */
int db_begin(struct db *db, char *err, size_t errlen);
int db_end(struct db *db, int rc, char *err, size_t errlen);
/* A read transaction (one consistent snapshot); ended with db_end. */
int db_begin_read(struct db *db, char *err, size_t errlen);

/* Sleeps a little longer each attempt; 0 when the time budget is spent. */
int db_backoff(int attempt);

/* ---- hardening (db/db.c) ----------------------------------------------------------- */

/* Turns on SQLITE_DBCONFIG_DEFENSIVE and turns off trusted schema,
 * extension loading and the fts3 tokenizer, each checked; on every
 * connection before its first read. An SQLite result code. */
int db_harden(sqlite3 *h);

/* ---- the schema (db/db_schema.c, db/db_migrate.c, db/db_schema_check.c) ---- */

/* The script that takes a database from schema version v-1 to v (a
 * static literal), or NULL when v is not in 1..DB_SCHEMA_VERSION. */
const char *db_schema_script(long long v);

/* The database's PRAGMA user_version into *out. FU_OK or an error. */
int db_schema_version(struct db *db, long long *out, char *err, size_t errlen);

/* Runs the scripts after the database's version, in one write
 * transaction, the connection hardened again after; refuses (one line)
 * a read-only connection that needs them. FU_OK or an error. */
int db_migrate(struct db *db, char *err, size_t errlen);

/* Compares the database's schema (sqlite_schema) with the one this
 * program's migrations create for its version: first with the rows the
 * build compiled in (db_schema_refs), and only when they differ with the
 * migrations run again in a :memory: database. An object it did not
 * create, one that differs, or one that is missing is refused with one
 * line naming it. */
int db_schema_check(struct db *db, char *err, size_t errlen);

/* *same = 1 when h's schema is, object for object in name order, the one
 * the build compiled for version v (db_schema_refs[v]), ANALYZE's tables
 * aside; 0 when anything differs or v is unknown. An SQLite result code. */
int db_schema_same_as_built(sqlite3 *h, long long v, int *same);

/* The schema each version 0..DB_SCHEMA_VERSION has, generated at build
 * time by db/gen/schema_gen.c into build/gen/schema_ref.c: one row of
 * sqlite_schema (sql NULL for an automatic index), and for each version
 * the indexes into db_schema_ref_rows of its rows in name order. */
struct db_schema_row { const char *type, *name, *tbl, *sql; };
struct db_schema_ref { const unsigned short *rows; size_t n; };
extern const struct db_schema_row db_schema_ref_rows[];
extern const struct db_schema_ref db_schema_refs[];
extern const long long db_schema_ref_count;

/* ---- helpers ------------------------------------------------------------- */

/* "2026-11-24T10:00:00Z" into out (>= 21 bytes). */
void db_now(char *out, size_t outlen);
/* Local date "2026-11-24" into out (>= 11 bytes). */
void db_today(char *out, size_t outlen);
/* The --as user to record, or NULL when acting as oneself. */
const char *db_as_user(const struct actor *a);
/* Binds who did it and when, as most tables record it: :at, :actor (the
 * real login) and :as (the --as user or NULL). at must outlive the step. */
void db_bind_stamp(struct db_stmt *s, const struct actor *a, const char *at);
/* A new lowercase UUID (libuuid) into out[37]. */
void db_uuid(char out[37]);
/* n new lowercase random (version 4) UUIDs, from one getrandom() call per
 * 64 (libuuid formats them): for bulk inserts, where uuid_generate's
 * per-call system calls and reseeding show. */
void db_uuids(char (*out)[37], size_t n);

/* Growable byte string. */
struct db_buf { char *p; size_t n, cap; int oom; };
void db_buf_add(struct db_buf *b, const char *s, size_t n);
void db_buf_str(struct db_buf *b, const char *s);
void db_buf_fmt(struct db_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void db_buf_fini(struct db_buf *b);

/* Splits a DB_SEP-joined group_concat into a string array (NULL s: none). */
int db_split(const char *s, char ***out, size_t *n);

/* ---- SHA-256 (libcrypto) ------------------------------------------------- */

/* A SHA-256 in progress: db_hash_init starts it (0, or -1 when libcrypto
 * fails), fields are added, db_hash_hex ends it. */
struct db_hash { void *ctx; int failed; };
int db_hash_init(struct db_hash *h);
/* Adds one field: a type tag and 8-byte length before the bytes, so no two
 * different field sequences serialise alike. NULL is its own tag. */
void db_hash_str(struct db_hash *h, const char *s);
void db_hash_int(struct db_hash *h, long long v);
/* Adds raw bytes, no tag or length (a file's plain SHA-256). */
void db_hash_bytes(struct db_hash *h, const void *p, size_t n);
/* Finishes into 64 lowercase hex digits; 0 on success. Frees the context. */
int db_hash_hex(struct db_hash *h, char out[65]);
/* Drops a hash that will not be finished (frees the context). */
void db_hash_abort(struct db_hash *h);
/* After a failed db_hash_init or db_hash_hex: one line in err (the
 * library that could not be loaded and what to install, or that
 * libcrypto failed); returns FU_ERR. */
int db_hash_fail(char *err, size_t errlen);

/* ---- users and departments (db/db_user.c) ----------------------------------- */

/* The effective user for a (see db_user_effective), plus its row id. */
int db_user_load(struct db *db, const struct actor *a, struct user *u, long long *uid,
                 char *err, size_t errlen);
/* Department id by name (trimmed); FU_NOTFOUND with a mending hint. */
int db_dept_id(struct db *db, const char *name, long long *id, char *err, size_t errlen);
/* The department an import means by clean (db/db_dept.c): its own row,
 * or the one it was merged into; retired ones too. *id 0 when none; name
 * (len bytes, may be NULL) gets the name used. */
int db_dept_resolve(struct db *db, const char *clean, long long *id, char *name, size_t len,
                    char *err, size_t errlen);
/* Validates and trims a department name into out (DB_DEPT_BUF bytes). */
int db_dept_name_check(const char *name, char *out, size_t outlen, char *err, size_t errlen);

/* ---- history (db/db_history.c) ---------------------------------------------- */

/* Appends one history row inside the current write transaction, chained to
 * the previous row's hash. task_id 0 for database-wide events. */
/* Inserts a department of a name db_dept_name_check passed; *added is 0
 * when it existed already. No history row (the caller writes one). */
int db_dept_insert(struct db *db, const char *clean, int *added, char *err, size_t errlen);

/* The responsibility marker of an imported task (db/db_import_mark.c): lead,
 * supporting departments and due ("YYYY-MM-DD" or "ongoing") from the
 * report's 牵头单位/配合单位/完成时限. Departments the database lacks are
 * added, each with a history row, and their names appended to st. A fresh
 * task (just inserted) takes every field; a stored one only the fields it
 * has none of yet (the committee's own assignment stands), each with a
 * history row. */
struct import_mark {
    const char *lead;
    const char *const *support;
    size_t nsupport;
    const char *due;
};
int db_import_mark(struct db *db, const struct actor *a, long long task_id, int fresh,
                   const struct import_mark *mk, struct import_stats *st,
                   char *err, size_t errlen);

/* Appends a history row (inside the caller's transaction) chained to the
 * previous row's hash: who (a), the task (0: database-wide), the field,
 * the old and new values and a note (each may be NULL). */
int db_history_add(struct db *db, const struct actor *a, long long task_id,
                   const char *field, const char *old_value, const char *new_value,
                   const char *note, char *err, size_t errlen);

/* ---- search and its index (db/db_search.c) ---------------------------------- */

/* "%q%" with LIKE's own characters escaped; NULL when q is NULL or empty
 * (*oom set when allocation fails). The caller frees it. */
char *db_like_pattern(const char *q, int *oom);

/* How to look for a search text: like is the LIKE pattern (NULL: no
 * search); match the FTS5 phrase for task_fts, NULL when the trigram index
 * cannot be used (fewer than 3 characters, or a department's name contains
 * the text) and the texts must be scanned; depts is 1 when some
 * department's name contains it. */
struct db_search { char *like, *match; int depts; };
int db_search_plan(struct db *db, const char *q, struct db_search *out, char *err,
                   size_t errlen);
void db_search_fini(struct db_search *s);

/* Keeping task_fts in step, inside the caller's write transaction:
 * db_fts_forget removes task id as indexed (its text, body and code as
 * they were: the index keeps no copy); db_fts_add indexes tasks
 * from_id..to_id as they are now stored, in one statement. A task whose
 * text, body or code changes is forgotten with its old values before or
 * after the change and added again after it. */
int db_fts_forget(struct db *db, long long id, const char *text, const char *body,
                  const char *code, char *err, size_t errlen);
int db_fts_add(struct db *db, long long from_id, long long to_id, char *err, size_t errlen);
/* ---- changes (db/db_change.c) ------------------------------------------------ */

/* Inside a write transaction: loads the live task task_id into *t and the
 * effective user into *u (both to be released by the caller, also on
 * failure), and sets *own when the task (or, for a statement, its item)
 * is led or supported by one of the user's departments. A withdrawn task
 * is FU_USAGE. */
int db_change_load(struct db *db, const struct actor *a, long long task_id, struct task *t,
                   struct user *u, int *own, char *err, size_t errlen);
/* FU_OK when expected is 0 or t's version; else FU_CONFLICT naming who
 * changed the task last. */
int db_change_check_version(struct db *db, const struct task *t, long long expected,
                            char *err, size_t errlen);
/* Bumps the task's version and updated_at: db_task_bump for the task a
 * change is about (recorded in the outcome), db_task_touch for others it
 * carries along (descendants, the task merged into). */
int db_task_bump(struct db *db, long long task_id, char *err, size_t errlen);
int db_task_touch(struct db *db, long long task_id, char *err, size_t errlen);
/* Non-empty (not only white space) and at most DB_NOTE_MAX bytes; what
 * names the text in the message ("note", "reason"). */
int db_text_check(const char *text, const char *what, char *err, size_t errlen);

/* ---- corrections (db/db_edit.c) ---------------------------------------------------- */

/* A copy of s without leading and trailing white space (ASCII, U+3000,
 * NBSP); malloc'd, NULL when out of memory. */
char *db_trim_dup(const char *s);
/* in trimmed into *out (malloc'd; NULL in gives NULL): FU_USAGE naming
 * what when it is empty (unless may_be_empty) or longer than DB_NOTE_MAX. */
int db_text_value(const char *in, const char *what, int may_be_empty, char **out, char *err,
                  size_t errlen);
/* FU_OK when the effective user may edit (committee), else FU_PERM. */
int db_edit_perm(struct db *db, const struct actor *a, char *err, size_t errlen);
/* A "report" history row for a metadata field of report report_id (note
 * "R1 title"); "" values are recorded as NULL. */
int db_report_history(struct db *db, const struct actor *a, long long report_id,
                      const char *field, const char *old_value, const char *new_value,
                      char *err, size_t errlen);
/* An import's metadata for report report_id (fresh: just inserted): a
 * "report" row for each field doc changes, except the fields set by hand,
 * whose stored values go to kept[f] (malloc'd, the caller frees; NULL:
 * take doc's). doc[f] in enum report_field order (db/db_edit.h). */
int db_report_import_meta(struct db *db, const struct actor *a, long long report_id, int fresh,
                          const char *const doc[], char *kept[], char *err, size_t errlen);
/* Sets task id's withdrawn flag (marked as set by hand), bumps it (is_main:
 * as the change's own task) and writes its "withdrawn" row with note. */
int db_edit_set_withdrawn(struct db *db, const struct actor *a, long long id, int withdrawn,
                          const char *note, int is_main, char *err, size_t errlen);

/* ---- a report's tree in memory (db/db_tree.c) ------------------------------------ */

#define DB_NONE ((size_t)-1)            /* no node: the top of the report */

struct ixs { size_t *v; size_t n, cap; };   /* node indexes */
/* Inserts x at position at (at most l->n); -1 when out of memory. */
int db_ixs_insert(struct ixs *l, size_t at, size_t x);
/* x's position in l, DB_NONE when absent. */
size_t db_ixs_find(const struct ixs *l, size_t x);

struct tnode {
    long long id, parent_id, seq;      /* as stored (id 0: a task still to insert) */
    int depth, withdrawn;
    enum task_kind kind;
    char code[32], uuid[37];
    size_t parent;                     /* index, DB_NONE at the top */
    struct ixs kids;                   /* in order */
    long long nseq;                    /* as db_tree_write numbers it */
    int ndepth;
};
struct tree {
    long long report_id;
    struct tnode *v;
    size_t n, cap;
    struct ixs roots;
    size_t *byid;                      /* indexes sorted by id */
};
/* Every task of the report (withdrawn ones too), linked under their
 * parents in seq order; the caller's, released with db_tree_fini. */
int db_tree_load(struct db *db, long long report_id, struct tree *t, char *err,
                 size_t errlen);
void db_tree_fini(struct tree *t);
/* Numbers the tree in preorder and writes seq, depth and parent of every
 * stored task whose values changed. */
int db_tree_write(struct db *db, struct tree *t, char *err, size_t errlen);
/* The kids of node parent (DB_NONE: the top level). */
struct ixs *db_tree_kids(struct tree *t, size_t parent);
/* Task id's node: FU_USAGE when it is not in t's report or withdrawn
 * (role names it in the message: "parent", "sibling"). */
int db_tree_node(const struct tree *t, long long id, const char *role, size_t *out,
                 char *err, size_t errlen);
/* FU_OK when a task of kind child may stand under node parent. */
int db_tree_may_hold(const struct tree *t, size_t parent, enum task_kind child, char *err,
                     size_t errlen);
/* Task id's node index, DB_NONE when it is not in the tree. */
size_t db_tree_find(const struct tree *t, long long id);
/* Puts node x under node parent (DB_NONE: the top), just after node after
 * (DB_NONE, or not among parent's kids: first); -1 when out of memory. */
int db_tree_place(struct tree *t, size_t x, size_t parent, size_t after);
/* The next code under node parent no task of the report ever had. */
void db_tree_next_code(const struct tree *t, size_t parent, char out[32]);

/* ---- the workflow in reports (db/db_workflow.c) -------------------------------- */

struct rpt;
/* For the items of r (filled, report report_id or 0 for all) that have a
 * feedback cycle: the periods due by r->today and those met, from the
 * notes on each item and its sub-tasks (one query). */
int db_rpt_punctuality(struct db *db, struct rpt *r, long long report_id, char *err,
                       size_t errlen);

/* PRAGMA quick_check (integrity_check when full) and foreign_key_check:
 * FU_OK or FU_ERR naming the fault. db_integrity_file runs only the first
 * (verify reports broken references as differences). */
int db_integrity(struct db *db, int full, char *err, size_t errlen);
int db_integrity_file(struct db *db, int full, char *err, size_t errlen);

/* The notes a status history row carries that explain it and were never
 * stored as progress notes: the program's own words, DB_NOTE_MARK and
 * DB_NOTE_REOPEN (with its round). db_note_explains says 1 for exactly
 * those (db/db_history.c); verify's replay and db_task_set_status, which
 * refuses them as a user's note, rely on it. */
#define DB_NOTE_MARK "import: responsibility marker"
#define DB_NOTE_REOPEN "review round %lld: rated unsatisfied, reopened"
int db_note_explains(const char *note);

/* Walks the hash chain: FU_ERR naming the first row that does not match.
 * rows/head get the count and the head; when find is a hex prefix, *found
 * gets the id of the first row whose hash starts with it (0: none). */
int db_chain_walk(struct db *db, const char *find, long long *found, long long *rows,
                  char head[65], char *err, size_t errlen);

/* "LOGIN ROLE [D1,D2]" as the history records a user (malloc'd, NULL when
 * out of memory or u is unknown). */
char *db_user_desc(const struct user *u);

/* ---- tasks (db/db_task.c) --------------------------------------------------- */

/* Reads the task with this id (withdrawn ones too) inside the caller's
 * transaction; FU_NOTFOUND when there is none. */
int db_task_load(struct db *db, long long id, struct task *out, char *err, size_t errlen);

#endif
