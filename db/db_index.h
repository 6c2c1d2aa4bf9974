/* The interface's index of one report: the tree of a report of 100,000
 * tasks in memory, kept up to date, and searched (db/db_index.c,
 * db/db_search.c). */
#ifndef FU_DB_INDEX_H
#define FU_DB_INDEX_H

#include <stddef.h>
#include "db/db.h"

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
 * queries, no per-task query). *out is the caller's; task_index_fini. */
int db_task_index(struct db *db, long long report_id, struct task_index *out,
                  char *err, size_t errlen);
void task_index_fini(struct task_index *x);

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

/* Calls fn for report report_id's live tasks at positions from_seq and
 * after, in tree order, with each one's id, position, code, text and body
 * (NULL when none; valid during the call only), until fn returns nonzero
 * or the tasks end (the interface reads its search texts so, a slice at a
 * time). FU_OK or an error. */
int db_task_texts(struct db *db, long long report_id, long long from_seq,
                  int (*fn)(void *ctx, long long id, long long seq, const char *code,
                            const char *text, const char *body),
                  void *ctx, char *err, size_t errlen);

#endif
