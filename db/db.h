/* Storage: the only module that talks to SQLite. One struct db per open
 * database. Every function returns an enum fu_rc (util/err.h) and fills
 * the caller's err buffer (FU_ERRLEN) on failure; none prints or exits.
 * Every change runs in one transaction together with its history row. */
#ifndef FU_DB_H
#define FU_DB_H

#include <stddef.h>
#include "core/doc.h"
#include "core/task.h"
#include "core/workflow.h"

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

/* ---- who acts ---------------------------------------------------------- */

struct actor {
    char login[64];        /* the real Unix user */
    char as_user[64];      /* --as USER, "" when acting as oneself */
};

struct user {
    char login[64];
    enum role role;
    char **depts;          /* department names, owned */
    size_t ndepts;
    int known;             /* 0: not in the users table (treated as viewer) */
};
void user_fini(struct user *u);

/* The effective user (as_user when set, else login). A login not in the
 * table yields known=0, role viewer. --as by a non-committee user is
 * FU_PERM. */
int db_user_effective(struct db *db, const struct actor *a, struct user *out,
                      char *err, size_t errlen);

/* Committee only. Departments must exist. Re-adding a user updates role
 * and departments. */
int db_user_add(struct db *db, const struct actor *a, const char *login,
                enum role role, const char *const *depts, size_t ndepts,
                char *err, size_t errlen);
int db_user_remove(struct db *db, const struct actor *a, const char *login,
                   char *err, size_t errlen);

struct user_list { struct user *v; size_t n; };
int db_user_list(struct db *db, struct user_list *out, char *err, size_t errlen);
void user_list_free(struct user_list *l);

struct dept_list { char **v; size_t n; };
int db_dept_add(struct db *db, const struct actor *a, const char *name,
                char *err, size_t errlen);
int db_dept_list(struct db *db, struct dept_list *out, char *err, size_t errlen);
void dept_list_free(struct dept_list *l);

/* ---- reports and import ------------------------------------------------ */

struct report {
    long long id;          /* shown to people as "R<id>" */
    char *title, *doc_no, *issuer, *published, *addressee;
    char *signed_by, *signed_on, *lead_department;
    char *imported_at;     /* ISO 8601 UTC */
    char *intro, *closing; /* texts before the first heading and the closing
                            * paragraph(s), as imported; NULL when none */
};
struct report_list { struct report *v; size_t n; };
/* Every report, by id. Reads the reports table only (no task is counted:
 * the interface's first frame must not wait for a million of them). */
int db_report_list(struct db *db, struct report_list *out, char *err, size_t errlen);
void report_list_free(struct report_list *l);

struct import_stats {
    long long report_id;
    int created_report;    /* 1 when the report was new */
    long long added, updated, unchanged, withdrawn;
    long long marked;      /* tasks given a lead, support or due by a marker */
    char **new_depts;      /* departments added (would be, in a dry run), owned */
    size_t nnew_depts;
};

/* Frees what st owns (the new department names) and zeroes it. */
void import_stats_fini(struct import_stats *st);

/* Stores a parsed report (committee only). A report is the same report
 * when its doc_no (else its title) matches. Tasks are sections, items and
 * the items' commitment statements; tasks are matched to stored ones by
 * kind and text, then by code: matched tasks keep uuid, status and history;
 * vanished ones are marked withdrawn, never deleted. Importing an
 * identical report changes nothing. Suggested owners become the lead only
 * for new tasks, and only when the department exists; a responsibility
 * marker's lead, support and due are stored (adding departments the
 * database lacks), see db_import_mark in db/internal.h. One transaction. */
int db_import(struct db *db, const struct actor *a, const struct doc *d,
              struct import_stats *st, char *err, size_t errlen);

/* db_import, or with dry_run everything it would do (counts and the new
 * departments in st) and then rolled back: nothing is stored. The
 * caller frees st with import_stats_fini() in both cases. */
int db_import_opt(struct db *db, const struct actor *a, const struct doc *d, int dry_run,
                  struct import_stats *st, char *err, size_t errlen);

/* ---- tasks ------------------------------------------------------------- */

struct task {
    long long id;
    char uuid[37];
    long long report_id;
    long long parent_id;   /* 0 for a top-level section */
    int depth;             /* 0 top */
    char code[32];         /* "2.1.3", unqualified */
    enum task_kind kind;
    enum stmt_kind stmt_kind;  /* statements only */
    char *text;            /* heading title (section, item) or the sentence */
    char *body;            /* items: all sentences of the item; else NULL */
    enum task_status status;
    char *lead;            /* NULL when unassigned */
    char **support;        /* supporting departments */
    size_t nsupport;
    char due[11];          /* "" when none */
    char *suggested_owner; /* from the parser, NULL when none */
    char suggested_due[11];
    char *metrics;         /* JSON array of the statement's metrics, or NULL */
    long long version;     /* bumped by every change */
    int withdrawn;
    char updated_at[32];   /* ISO 8601 UTC */
    int nchildren, ndone;  /* direct children, and how many of them are done */
    struct cycle cycle;    /* its feedback cycle (period CYCLE_NONE: none) */
    char last_note[11];    /* cycled tasks: local date of the latest note on it or
                            * its children, "" when none (or no cycle) */
    /* db_task_list and db_task_each, from the filter's today and warn_days: */
    int feedback_overdue;  /* 1 when its cycle's feedback is overdue */
    int light;             /* enum light */
};
void task_fini(struct task *t);

struct task_list { struct task *v; size_t n, cap; };
void task_list_free(struct task_list *l);

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

/* ---- the interface's index of one report (db/db_index.c) ------------- */

/* A task as a tree of 100,000 needs it in memory: no texts (db_task_get
 * reads those for the rows on screen). */
struct task_node {
    long long id;
    long long parent_id;   /* 0 at the top */
    long long seq;         /* position in the report, in tree order */
    long long lead;        /* the lead department's id, 0 when none */
    int depth;
    unsigned char kind;    /* enum task_kind */
    unsigned char status;  /* enum task_status */
    unsigned char code_len;/* bytes in code, at most 255 */
    char due[11];          /* "" when none */
};
struct dept_ref { long long id; char *name; };
struct support_ref { size_t task; long long dept; };   /* task: index in v */
struct task_index {
    struct task_node *v;   /* the live tasks of the report, in tree order */
    size_t n;
    struct dept_ref *depts;        /* every department, by id */
    size_t ndepts;
    struct support_ref *support;   /* supporting departments, by task index */
    size_t nsupport;
    long long seen;        /* the last history row it reflects */
};

/* Reads the index of report report_id in one read transaction (three
 * queries, no per-task query). *out is the caller's; task_index_free. */
int db_task_index(struct db *db, long long report_id, struct task_index *out,
                  char *err, size_t errlen);
void task_index_free(struct task_index *x);

/* Brings x, report report_id's index, up to date with what was written
 * since it was read (x->seen), reading only what changed: the history
 * rows after x->seen, then the row and supporting departments of each
 * task they name (status, lead, due, support …). *full is set instead
 * when that cannot be enough: an import, a withdrawn task, a new
 * department or user, a change that wrote no history row, or more rows
 * than are quicker read than the index; read the index again then (x is
 * left consistent but stale). changed (may be NULL) receives the indices
 * in x of the tasks updated (the caller frees it; NULL when *full). */
int db_task_index_update(struct db *db, long long report_id, struct task_index *x, int *full,
                         size_t **changed, size_t *nchanged, char *err, size_t errlen);

/* Positions (seq) of report report_id's live tasks with lo <= seq <= hi
 * whose code, text, body, lead or a supporting department contains q
 * (ASCII letters without regard to case), nearest first (ascending, or
 * descending when desc), at most max into seqs; *n gets how many. They
 * are the nearest matches, but fewer than max does not mean there are no
 * more: ask again from the last one; *n == 0 means none in lo..hi. Words
 * of three characters or more are looked up in the trigram index beyond
 * the nearest few hundred tasks, so a rare word costs no reading of the
 * whole report. */
int db_task_search(struct db *db, long long report_id, long long lo, long long hi, int desc,
                   const char *q, long long *seqs, size_t max, size_t *n,
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

/* The live tasks of report report_id, most recently changed first (for
 * the interface's "last updated" order); *ids is malloc'd (caller frees). */
int db_task_recent(struct db *db, long long report_id, long long **ids, size_t *n,
                   char *err, size_t errlen);

/* Several mutations as one transaction (a bulk change): every
 * db_task_* call between db_batch_begin and db_batch_end commits or
 * rolls back together. db_batch_end(db, rc, …) commits when rc is FU_OK,
 * else rolls back, and returns the final status. */
int db_batch_begin(struct db *db, char *err, size_t errlen);
int db_batch_end(struct db *db, int rc, char *err, size_t errlen);

struct note {
    long long id, task_id;
    char at[32];
    char *author;          /* "alice" or "alice as bob" */
    char *text;
};
struct note_list { struct note *v; size_t n; };
int db_note_list(struct db *db, long long task_id, struct note_list *out,
                 char *err, size_t errlen);
void note_list_free(struct note_list *l);
/* The latest progress note on task task_id or one of its direct
 * sub-tasks (as reports show it): its time as stored (UTC, ISO 8601; ""
 * when none; core/calendar.h shows it local) into at and
 * its text into *text (malloc'd, the caller frees; NULL when none). */
int db_task_latest_note(struct db *db, long long task_id, char at[32], char **text,
                        char *err, size_t errlen);

/* ---- history ----------------------------------------------------------- */

struct history_entry {
    long long id;
    char at[32];
    char *actor;           /* real login */
    char *as_user;         /* NULL unless --as */
    long long task_id;     /* 0 for database-wide events (users, depts, import) */
    char *task_ref;        /* "R1:2.1.3" or NULL */
    char *field;           /* "status", "lead", "support", "due", "note", "text", "import", … */
    char *old_value, *new_value, *note;   /* each may be NULL */
};
struct history_list { struct history_entry *v; size_t n; };

struct history_filter {
    long long task_id;     /* 0: all */
    const char *since;     /* ISO date or datetime, NULL: all */
    const char *user;      /* actor or as_user, NULL: all */
};
int db_history(struct db *db, const struct history_filter *f, struct history_list *out,
               char *err, size_t errlen);
void history_list_free(struct history_list *l);

/* ---- integrity ----------------------------------------------------------- */

/* History rows form a SHA-256 hash chain (libcrypto): each row's hash
 * covers its content and the previous row's hash. db_verify runs
 * PRAGMA integrity_check and walks the chain; on the first bad row it
 * returns FU_ERR naming the row id. rows/head receive the row count and
 * the chain head (64 hex digits, "" for an empty chain); either may be NULL. */
int db_verify(struct db *db, long long *rows, char head[65], char *err, size_t errlen);

/* What `verify` checks (db/db_verify.c), in one read transaction: the file
 * (PRAGMA quick_check, or integrity_check when full) and its foreign keys;
 * the hash chain; then the tables replayed from the history. Each
 * difference between the replay and the tables goes to diff: what (a task
 * as "R1:2.4", "user LOGIN", "department NAME", "review round N"), the
 * field, the value the history gives and the value found (NULL: none);
 * the strings are valid only during the call. head, when not NULL, is a
 * hex prefix (16 to 64 digits) looked up in the chain. Returns FU_OK when
 * the file and the chain are sound (differences are counted in
 * out->ndiff), FU_ERR naming the first fault otherwise. */
typedef void (*db_diff_fn)(void *ctx, const char *what, const char *field,
                           const char *want, const char *found);
struct verify_result {
    long long rows;            /* history rows */
    char head[65];             /* the chain head, "" when empty */
    long long head_row;        /* the row whose hash starts with head; 0: not in the chain */
    long long ndiff;           /* differences reported */
};
int db_verify_all(struct db *db, int full, const char *head, struct verify_result *out,
                  db_diff_fn diff, void *ctx, char *err, size_t errlen);

/* The current chain head and row count (cheap; for reports). */
int db_chain_head(struct db *db, long long *rows, char head[65], char *err, size_t errlen);

/* Online copy of the whole database to path (SQLite backup API), safe
 * while others write. Refuses to overwrite an existing file. */
int db_backup(struct db *db, const char *path, char *err, size_t errlen);

/* ---- the workflow: extensions, cycles, instructions (db/db_workflow.c) ---- */

enum ext_state { EXT_PENDING = 0, EXT_APPROVED, EXT_DENIED };

/* "pending" "approved" "denied"; 待审批 已批准 未批准. */
const char *ext_state_key(enum ext_state s);
const char *ext_state_zh(enum ext_state s);

struct extension {         /* an extension request (延期申请) */
    long long id, task_id, report_id;
    char code[32];         /* the task's code, unqualified */
    char *text;            /* the task's text */
    char *lead;            /* the task's lead department, NULL when none */
    char old_due[11];      /* the due date when it was asked for, "" none */
    char new_due[11];      /* the date asked for */
    char *reason;
    char at[32];           /* when it was asked for (ISO 8601 UTC) */
    char *by;              /* "alice" or "alice as bob" */
    enum ext_state state;
    char decided_at[32];   /* "" while pending */
    char *decided_by;      /* NULL while pending */
    char *decision;        /* the reason given with the decision, NULL when none */
};
struct extension_list { struct extension *v; size_t n; };
void extension_list_free(struct extension_list *l);

/* A department user (on a task of their departments) or the committee
 * asks for due date `to` (after the current due date and not before
 * today), with a reason. One pending request per task (FU_CONFLICT when
 * there is one); done tasks cannot be extended. History row "extension"
 * (old: the due date, new: the date asked, note: the reason). */
int db_extend_request(struct db *db, const struct actor *a, long long task_id,
                      const char *to, const char *reason, const char *today,
                      char *err, size_t errlen);
/* Committee only (checked first: FU_PERM). Approves (the due date moves to
 * the date asked, with its own "due" history row) or denies the task's
 * pending request (FU_NOTFOUND when none); reason may be NULL. History row
 * "extension" (old "pending", new "approved"/"denied", note the reason).
 * *new_due (may be NULL) receives the date asked. */
int db_extend_decide(struct db *db, const struct actor *a, long long task_id, int approve,
                     const char *reason, char new_due[11], char *err, size_t errlen);
/* The requests of task task_id, oldest first; task_id 0: every pending
 * request, in report order. Released with extension_list_free. */
int db_extensions(struct db *db, long long task_id, struct extension_list *out,
                  char *err, size_t errlen);

/* Committee only. Sets the task's feedback cycle (c->period CYCLE_NONE
 * removes it: FU_USAGE when it has none). Setting the same cycle again
 * changes nothing (*changed 0). History row "cycle" (old and new in
 * cycle_format's form, NULL for none). changed may be NULL. */
int db_cycle_set(struct db *db, const struct actor *a, long long task_id,
                 const struct cycle *c, int *changed, char *err, size_t errlen);

struct instruction {       /* a leader's instruction (领导批示) */
    long long id, task_id;
    char at[32];
    char *by;              /* "alice" or "alice as bob" */
    char *text;
    int answered;          /* a progress note on the task or its children came after it */
};
struct instruction_list { struct instruction *v; size_t n; };
void instruction_list_free(struct instruction_list *l);

/* Committee and (known) viewer users add an instruction to a task.
 * History row "instruction" (new: the text). */
int db_instruct(struct db *db, const struct actor *a, long long task_id, const char *text,
                char *err, size_t errlen);
/* The task's instructions, newest first. */
int db_instructions(struct db *db, long long task_id, struct instruction_list *out,
                    char *err, size_t errlen);

/* The ids of report report_id's live tasks whose feedback is overdue on
 * today (0 report: all), ascending, malloc'd into *ids (free()). */
int db_feedback_overdue_ids(struct db *db, long long report_id, const char *today,
                            long long **ids, size_t *n, char *err, size_t errlen);

/* ---- evidence files (db/db_attach.c) ----------------------------------------- */

struct attachment {
    long long id, task_id;
    char *name;            /* the file's name as given (sanitise it to show it) */
    long long size;        /* bytes */
    char sha256[65];
    char *note;            /* NULL when none */
    char at[32];
    char *by;              /* "alice" or "alice as bob" */
};
struct attachment_list { struct attachment *v; size_t n; };
void attachment_fini(struct attachment *x);
void attachment_list_free(struct attachment_list *l);

/* A department user (own tasks) or the committee stores size bytes read
 * from fd under name (a file name without '/', at most 255 bytes) with the
 * task: streamed into the database with SQLite's incremental blob I/O
 * (64 KiB at a time), hashed as it goes; the SHA-256 enters the audit
 * chain (history row "attachment": new the SHA-256, note a JSON object
 * with id, name, size and note). A size over max_bytes is refused before
 * anything is read (FU_ERR); a file that is shorter or longer than size
 * when read is FU_ERR; nothing is stored then. *out (may be NULL) receives
 * the stored attachment (attachment_fini). */
int db_attach(struct db *db, const struct actor *a, long long task_id, const char *name,
              int fd, long long size, long long max_bytes, const char *note,
              struct attachment *out, char *err, size_t errlen);
/* The task's attachments, oldest first (no bytes read). */
int db_attachments(struct db *db, long long task_id, struct attachment_list *out,
                   char *err, size_t errlen);

/* Streams attachment id's bytes to fn (64 KiB at a time; a non-zero return
 * stops and is returned), then checks them against the stored SHA-256
 * (FU_ERR when they differ). *meta (may be NULL) receives its row first
 * (attachment_fini). FU_NOTFOUND when there is no such attachment. */
typedef int (*db_bytes_fn)(const void *p, size_t n, void *ctx);
int db_attachment_read(struct db *db, long long id, struct attachment *meta, db_bytes_fn fn,
                       void *ctx, char *err, size_t errlen);
/* db_attachment_read into the file descriptor fd (written whole, retried
 * on EINTR); a failed write is FU_ERR naming the system's error. */
int db_attachment_to_fd(struct db *db, long long id, int fd, struct attachment *meta,
                        char *err, size_t errlen);
/* Reads only attachment id's row. */
int db_attachment_get(struct db *db, long long id, struct attachment *out, char *err,
                      size_t errlen);

/* ---- review rounds and ratings (db/db_review.c) ---------------------------- */

struct review_round {
    long long id;          /* round N */
    char *name;
    char held_on[11];      /* the meeting's date */
    char at[32];           /* when it was recorded, ISO 8601 UTC */
    char *by;              /* "alice" or "alice as bob" */
    long long ntasks;      /* tasks in its snapshot */
    long long nrated;      /* items rated in it */
    long long last_note_id;/* notes with a higher id were added after it */
};
struct review_list { struct review_round *v; size_t n; };
void review_round_fini(struct review_round *r);
void review_list_free(struct review_list *l);

/* Committee only. Records round name, held on date (YYYY-MM-DD): a
 * snapshot of every live task's status, lead department and due date,
 * with its history row, in one transaction. *out (may be NULL) receives
 * the round; release it with review_round_fini. */
int db_review_start(struct db *db, const struct actor *a, const char *name, const char *date,
                    struct review_round *out, char *err, size_t errlen);
/* Every round, oldest first; released with review_list_free. */
int db_review_list(struct db *db, struct review_list *out, char *err, size_t errlen);

struct review_entry {      /* an item in a round: its snapshot and its rating */
    long long task_id, report_id;
    char code[32];
    char *text;
    int status;            /* enum task_status at the round, -1: not in the snapshot */
    char *lead;            /* lead department at the round, NULL when none */
    char due[11];          /* due date at the round, "" when none */
    enum task_status status_now;
    int rating;            /* enum rating (report/report.h), -1 when not rated */
    char *remark;
    char *rated_by;        /* "alice" or "alice as bob", NULL when not rated */
};
struct review_entries { struct review_entry *v; size_t n; };
void review_entries_free(struct review_entries *l);

/* Round id (0: the latest) into *round, and when items is not NULL the
 * items of its snapshot plus any rated in it, in report order.
 * FU_NOTFOUND when there is no such round (or none at all). */
int db_review_get(struct db *db, long long id, struct review_round *round,
                  struct review_entries *items, char *err, size_t errlen);

/* Committee only. Rates an item in the latest round (level: enum rating,
 * remark may be NULL); rating it again replaces the rating. Rated
 * unsatisfied, a done or submitted item is reopened (status active).
 * One transaction with a history row for the rating and one for the
 * status. *round_id and *reopened may be NULL. */
int db_review_rate(struct db *db, const struct actor *a, long long task_id, int level,
                   const char *remark, long long *round_id, int *reopened,
                   char *err, size_t errlen);

/* ---- status reports and reminders (db/db_report.c) -------------------- */

struct rpt;                /* report/report.h */

enum { DB_ROUND_NONE = 0, DB_ROUND_LATEST = -1 };

/* Fills r (rpt_init'ed, with zh, by, today and warn_days set) with the
 * sources, sections and items of report report_id (0: every report), the
 * departments in the database's order, the chain head, the ratings of the
 * compared round (else of the latest round) and, unless since is
 * DB_ROUND_NONE, the changes since round since (DB_ROUND_LATEST: the
 * latest). One read transaction and a fixed number of set-based queries,
 * whatever the number of tasks. The caller then runs rpt_compute. */
int db_rpt_fill(struct db *db, struct rpt *r, long long report_id, long long since,
                char *err, size_t errlen);

/* Fills r (rpt_init'ed, with zh, today and warn_days set) for reminders:
 * the live tasks of any kind, led or supported by the effective user's
 * departments (all: every department; committee only), not done, due by
 * today + warn_days; without all, submitted tasks (waiting for the
 * committee) are left out. r->scope names the departments (NULL: all).
 * Only the first max_rows of them (most overdue first: what the reminder
 * lists) are loaded as items, the rest counted into r->more_overdue and
 * r->more_due_soon, so that memory stays small however many there are.
 * The caller then runs rpt_compute and rpt_write_remind(…, max_rows). */
int db_remind(struct db *db, const struct actor *a, int all, size_t max_rows, struct rpt *r,
              char *err, size_t errlen);

#endif
