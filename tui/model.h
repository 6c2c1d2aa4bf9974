/* What the task list shows: one report's tasks as a tree, the filter,
 * which rows are collapsed, where the cursor is, and the counts. Pure
 * data on top of db/db.h: no curses here. */
#ifndef FU_TUI_MODEL_H
#define FU_TUI_MODEL_H

#include <stddef.h>
#include "db/db.h"
#include "core/task.h"
#include "core/workflow.h"
#include "db/db_index.h"
#include "util/haystack.h"

#define MODEL_NONE ((size_t)-1)

struct model_filter {
    char dept[128];        /* lead or supporting department, "" any */
    int status;            /* enum task_status, -1 any */
    int overdue;
    int mine;              /* only the tasks of the model's own departments (model_set_mine) */
};

#define MODEL_MINE 16      /* own departments kept for the "mine" filter */

enum due_light { DUE_NONE = 0, DUE_LATER, DUE_SOON, DUE_OVERDUE };

/* The list's order: the report's tree, or its items alone sorted by a key. */
enum model_sort { SORT_TREE = 0, SORT_DUE, SORT_STATUS, SORT_OVERDUE, SORT_UPDATED,
                  SORT_COUNT };

#define MODEL_CACHE 256    /* task rows kept, by task index modulo this */

struct model_row {         /* a task row read for the screen */
    size_t i;              /* its index, MODEL_NONE when the slot is empty */
    struct task t;
};

/* What search holds (tui/model_find.c): the code, text and body of every
 * task of the index, read a slice at a time while the interface waits for
 * keys (model_idle). */
struct model_texts {
    struct haystack hay;   /* record i: task index i's texts */
    int state;             /* 0 being read, 1 complete, -1 not usable: search asks the database */
    unsigned char *dmark;  /* per task, for one search: a department of it matches */
    unsigned char *dhit;   /* per department id, for one search: its name matches */
    size_t ndhit;
};

/* The shown report's tasks stay in the database: the model keeps an index
 * of them (db_task_index: place in the tree, status, lead, due; no texts)
 * and reads a task's row only when it is drawn (model_task), so that a
 * report of 100,000 tasks opens, filters and scrolls at once; for search
 * it reads the texts once, in the background, and searches them in memory
 * (model_texts). */
struct model {
    struct report_list reports;
    long long report_id;   /* the report shown, 0 when there is none */
    struct db *db;         /* where rows are read from (set by model_load) */
    struct task_index ix;  /* its tasks in tree order */
    size_t *parent;        /* per task: index of its parent, MODEL_NONE */
    unsigned char *match;  /* per task: matches the filter */
    unsigned char *shown;  /* per task: matches or has a matching descendant */
    unsigned char *kids;   /* per task: has shown children */
    size_t *rows;          /* the visible rows: task indices */
    size_t nrows;
    long long *flip;       /* ids whose expansion differs from the default */
    size_t nflip, capflip;
    enum model_sort sort;  /* not SORT_TREE: the items matching the filter, flat, sorted */
    long long *recent;     /* SORT_UPDATED: task ids, last changed first (model_load) */
    size_t nrecent;
    int fold;              /* the default: 0 sections open (all with a filter), 1 all open (zR),
                              2 all closed (zM) */
    struct model_filter filter;
    size_t cur, top;       /* cursor and first visible row (row numbers) */
    long long cur_id;      /* the task under the cursor, kept across reloads */
    int counts[ST_COUNT];  /* items matching the filter, by status */
    int nitems;
    int wcode, wlead;      /* widest code (indent and mark included) and lead name, columns */
    char today[11];        /* local date, for the due lights */
    char soon[11];         /* today + warn_days */
    int warn_days;
    struct model_row cache[MODEL_CACHE];
    struct task current;   /* the task under the cursor, read when it changes */
    int have_current;
    size_t reads;          /* task rows read from the database so far */
    size_t loads;          /* whole indexes read (model_load) so far */
    size_t refreshed;      /* tasks brought up to date one by one (model_refresh) */
    char mine[MODEL_MINE][128];   /* the user's departments, for filter.mine */
    size_t nmine;
    struct model_texts texts;
};

/* m is the caller's: model_init empties it, model_fini frees what it owns. */
void model_init(struct model *m, int warn_days);
void model_fini(struct model *m);

/* (Re)reads the reports and the shown report's index from db (which the
 * model keeps using to read rows), applies the filter and the expansion
 * state, and puts the cursor back on the task it was on (or the nearest
 * row). */
int model_load(struct model *m, struct db *db, char *err, size_t errlen);

/* Brings the model up to date with what others (or this user) wrote
 * since it was read, reading only the tasks the history names since then
 * (db_task_index_update), or everything as model_load does when that is
 * not enough. Keeps the cursor, filter and expansion. */
int model_refresh(struct model *m, struct db *db, char *err, size_t errlen);

/* Applies a changed filter (m->filter) without reading anything. */
void model_refilter(struct model *m);

/* Tasks in the index. */
size_t model_count(const struct model *m);

/* Task index i's row (text, lead, support …), read from the database the
 * first time it is asked for; NULL when it cannot be read. Valid until the
 * next model_load or the next model_task call for an index equal modulo
 * MODEL_CACHE: use it at once. */
const struct task *model_task(struct model *m, size_t i);

/* Sets the order (reads the change order for SORT_UPDATED); keeps cur_id. */
int model_set_sort(struct model *m, enum model_sort sort, char *err, size_t errlen);

/* Recomputes the visible rows after an expansion change; keeps cur_id. */
void model_rebuild(struct model *m);

/* The report shown (NULL when none). Valid until the next model_load. */
const struct report *model_report(const struct model *m);

/* The task under the cursor, NULL when the list is empty. Valid until the
 * cursor moves or the next model_load. */
const struct task *model_current(struct model *m);

/* Moves the cursor to row r (clamped) and records its task. */
void model_set_cursor(struct model *m, size_t r);

/* Whether task index i shows its children, and setting it. */
int model_expanded(const struct model *m, size_t i);
void model_set_expanded(struct model *m, size_t i, int on);

/* Expands i's ancestors so that it is visible; returns its row or
 * MODEL_NONE when the filter hides it. */
size_t model_reveal(struct model *m, size_t i);

/* The row showing task index i, MODEL_NONE when hidden. */
size_t model_row_of(const struct model *m, size_t i);

/* Next task (dir 1) or previous (dir -1) after task index from whose code,
 * text, body or departments contain q (ASCII letters without regard to
 * case), among the tasks the filter shows, wrapping round; from itself is
 * tried last when include_from is 0, first otherwise. MODEL_NONE when none.
 * Searches the texts in memory (finishing reading them first when
 * model_idle has not), or asks the database when they cannot be held. */
size_t model_find(struct model *m, size_t from, int dir, int include_from, const char *q);

/* How many tasks the filter shows match q (as model_find matches), at
 * most cap; *before gets how many of them come at or before task index
 * upto in tree order (so the match at upto is "*before of total"). */
size_t model_count_matches(struct model *m, const char *q, size_t upto, size_t cap,
                           size_t *before);

/* Reads the next slice of the texts search needs, for about budget_ms
 * milliseconds (the interface calls it while no key waits). 1 when more
 * remain, 0 when they are all read (or cannot be). */
int model_idle(struct model *m, int budget_ms);

/* 1 while model_idle has texts to read. */
int model_idle_pending(const struct model *m);

/* Frees the texts and matches; the next model_idle reads them again (for
 * model_load's new index). */
void model_texts_fini(struct model *m);

/* 1 when any filter (status, department, overdue, mine …) hides rows. */
int model_filter_active(const struct model *m);

/* The departments the "mine" filter keeps (their tasks as lead or
 * supporting department, and the statements of their items); copied. */
void model_set_mine(struct model *m, char *const *names, size_t n);

/* The due-date light of t against today and warn_days. */
enum due_light model_due_light(const struct model *m, const struct task *t);

/* The light (红黄蓝灯, core/workflow.h) of t on m->today: red overdue,
 * yellow delayed or its feedback overdue, blue due within warn_days. */
enum light model_light(const struct model *m, const struct task *t);

/* Sets m->today to the local date; returns 1 when it changed. */
int model_tick_today(struct model *m);

#endif
