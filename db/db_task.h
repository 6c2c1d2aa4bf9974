/* Tasks: listing, finding, changing them, and their notes (db/db_task.c,
 * db/db_change.c). */
#ifndef FU_DB_TASK_H
#define FU_DB_TASK_H

#include <stddef.h>
#include "core/task.h"
#include "core/user.h"
#include "db/db.h"

struct task_filter {
    long long report_id;   /* 0: all reports */
    const char *dept;      /* lead or supporting department, NULL: any */
    int status;            /* enum task_status, -1: any */
    int kind;              /* enum task_kind, -1: any */
    int overdue;           /* due < today and not done */
    const char *today;     /* "YYYY-MM-DD" used for overdue; NULL: local today */
    const char *search;    /* substring of text, body, code or lead */
    int include_withdrawn;
    int warn_days;         /* blue light horizon (default 7) */
    int feedback_overdue;  /* only tasks whose feedback is overdue */
};
/* A filter that matches everything. */
void task_filter_init(struct task_filter *f);

/* Tasks matching f in report order (report, then tree order). */
int db_task_list(struct db *db, const struct task_filter *f, struct task_list *out,
                 char *err, size_t errlen);

/* The same tasks in the same order, streamed: fn(t, ctx) is called once
 * a task, in constant memory whatever their number. t and every string
 * in it belong to db_task_each and are valid only during that call (copy
 * what must outlive it; never task_fini it). Only what list prints is
 * filled: id, uuid, report_id, parent_id, depth, code, kind, text,
 * status, lead, support, due, version, withdrawn; body, metrics and the
 * suggestions are NULL and nchildren, ndone 0. A non-zero return from fn
 * stops the walk and is returned. */
typedef int (*db_task_fn)(const struct task *t, void *ctx);
int db_task_each(struct db *db, const struct task_filter *f, db_task_fn fn, void *ctx,
                 char *err, size_t errlen);

/* The live direct children of task parent_id, in tree order (the
 * tasks_parent index: as fast for a report of 100,000 tasks as of 50). */
int db_task_children(struct db *db, long long parent_id, struct task_list *out,
                     char *err, size_t errlen);

/* Resolves a reference: "2.1.3", "R2:2.1.3" or a UUID prefix of >= 8 hex
 * digits. A bare code that exists in several reports is FU_USAGE
 * ("ambiguous: qualify it as R1:2.1"); none is FU_NOTFOUND. */
int db_task_find(struct db *db, const char *ref, struct task *out,
                 char *err, size_t errlen);
int db_task_get(struct db *db, long long id, struct task *out, char *err, size_t errlen);

/* Mutations. expected_version 0 skips the check; otherwise a task whose
 * version differs is FU_CONFLICT with the newer value and who set it in
 * err. Permissions are checked against the effective user. */
int db_task_assign(struct db *db, const struct actor *a, long long task_id,
                   const char *lead, const char *const *support, size_t nsupport,
                   int set_support, const char *due, long long expected_version,
                   char *err, size_t errlen);
int db_task_set_status(struct db *db, const struct actor *a, long long task_id,
                       enum task_status st, const char *note,
                       long long expected_version, char *err, size_t errlen);
int db_task_add_note(struct db *db, const struct actor *a, long long task_id,
                     const char *text, char *err, size_t errlen);



/* The live tasks of report report_id, most recently changed first (for
 * the interface's "last updated" order); *ids is malloc'd (caller frees). */
int db_task_recent(struct db *db, long long report_id, long long **ids, size_t *n,
                   char *err, size_t errlen);

/* Task task_id's progress notes, oldest first, into *out (the caller's;
 * note_list_fini). */
int db_note_list(struct db *db, long long task_id, struct note_list *out,
                 char *err, size_t errlen);
/* The latest progress note on task task_id or one of its direct
 * sub-tasks (as reports show it): its time as stored (UTC, ISO 8601; ""
 * when none; core/calendar.h shows it local) into at and
 * its text into *text (malloc'd, the caller frees; NULL when none). */
int db_task_latest_note(struct db *db, long long task_id, char at[32], char **text,
                        char *err, size_t errlen);

#endif
