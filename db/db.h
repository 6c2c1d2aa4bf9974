/* Storage: the only module that talks to SQLite. One struct db per open
 * database. Every function returns an enum fu_rc (util/err.h) and fills
 * the caller's err buffer (FU_ERRLEN) on failure; none prints or exits.
 * Every change runs in one transaction together with its history row.
 * This header is the connection; each concern has its own header
 * (db/db_task.h, db_user.h, db_import.h, db_index.h, db_history.h,
 * db_verify.h, db_workflow.h, db_attach.h, db_review.h, db_report.h):
 * include the ones you use. */
#ifndef FU_DB_H
#define FU_DB_H

#include <stddef.h>

struct db;

enum {
    DB_OPEN_CREATE = 1,    /* create the file and schema when missing */
    DB_OPEN_READONLY = 2
};

/* Opens (and migrates) the database at path. New files are mode 0600, or
 * 0660 when the directory is group-shared (setgid bit). *out is owned by
 * the caller, released with db_close(). */
int db_open(struct db **out, const char *path, int flags, char *err, size_t errlen);
void db_close(struct db *db);

/* 1 when the connection is read-only (opened so, or the file is). */
int db_readonly(const struct db *db);

/* Changes whenever another connection commits (PRAGMA data_version). */
int db_data_version(struct db *db, long long *out, char *err, size_t errlen);

/* On an empty users table, makes login its committee user, and adds the
 * given departments when the departments table is empty. Idempotent. */
int db_bootstrap(struct db *db, const char *login, const char *const *depts,
                 size_t ndepts, char *err, size_t errlen);


/* Who is writing (issue 25). A writer kept waiting for the write lock
 * (another process holds it) waits up to 20 s in all; after 2 s fn(ctx,
 * line) is called once from inside the waiting call with one line (not
 * sanitised) naming the holder as the registry of writers tells it
 * ("waiting for DB: wang (pid 1234, followup attach 2.4 a.pdf) has been
 * writing for 3 s and is stopped; root can end it …"). NULL fn: silence. */
typedef void (*db_wait_fn)(void *ctx, const char *line);
void db_on_wait(struct db *db, db_wait_fn fn, void *ctx);
/* What this process does, recorded with each write transaction for the
 * others to read ("followup attach 2.4 a.pdf"; the login comes from the
 * real uid). */
void db_set_label(struct db *db, const char *label);
/* The processes that have the database open for writing (host/writers.h:
 * writing, waiting, or between writes), writing ones first. */
struct writer_list;
int db_writers(struct db *db, struct writer_list *out, char *err, size_t errlen);
/* The longest write transaction of this connection so far, in ms. */
long long db_longest_write_ms(const struct db *db);

/* What the last db_task_assign, db_task_set_status or db_task_add_note
 * on db did. A value set to what it already is changes nothing: no
 * write, no history row, changed 0 (so two users setting the same status
 * at once both succeed). */
struct db_outcome {
    int changed;           /* 1 when anything was written */
    int cascaded;          /* sub-tasks whose lead followed the new lead */
    long long version;     /* the task's version afterwards */
};
void db_last_outcome(const struct db *db, struct db_outcome *out);


/* Several mutations as one transaction (a bulk change): every
 * db_task_* call between db_batch_begin and db_batch_end commits or
 * rolls back together. db_batch_end(db, rc, …) commits when rc is FU_OK,
 * else rolls back, and returns the final status. */
int db_batch_begin(struct db *db, char *err, size_t errlen);
int db_batch_end(struct db *db, int rc, char *err, size_t errlen);

/* Online copy of the whole database to path (SQLite backup API), safe
 * while others write. Refuses to overwrite an existing file. */
int db_backup(struct db *db, const char *path, char *err, size_t errlen);

#endif
