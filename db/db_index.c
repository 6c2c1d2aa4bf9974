/* The interface's index of a report: every live task's place in the tree,
 * status, lead and due date in a compact array, loaded with three queries
 * whatever the size, and the search that walks the report in tree order
 * (tasks_order index) instead of the interface reading every text. */
#include "db/internal.h"
#include "util/mem.h"
#include "core/task.h"
#include "db/db_index.h"

#include <stdlib.h>
#include <string.h>

void task_index_fini(struct task_index *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->ndepts; i++)
        free(x->depts[i].name);
    free(x->v);
    free(x->depts);
    free(x->support);
    memset(x, 0, sizeof *x);
}


/* The stored keys are exact (the schema's CHECKs): plain comparisons,
 * not status_parse's case-insensitive and translated ones. */
static enum task_kind kind_of(const char *s)
{
    for (int k = 0; s && k <= KIND_STATEMENT; k++)
        if (!strcmp(s, kind_key((enum task_kind)k)))
            return (enum task_kind)k;
    return KIND_ITEM;
}

static enum task_status status_of(const char *s)
{
    for (int k = 0; s && k < ST_COUNT; k++)
        if (!strcmp(s, status_key((enum task_status)k)))
            return (enum task_status)k;
    return ST_TODO;
}

static int load_nodes(struct db *db, long long report_id, struct task_index *x,
                      char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id, coalesce(parent_id, 0), seq,"
                               " coalesce(lead_id, 0), depth, kind, status, length(code), due"
                               " FROM tasks WHERE report_id = :r AND withdrawn = 0"
                               " ORDER BY seq", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":r", report_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&x->v, x->n, &cap, sizeof *x->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory reading the report's tasks");
            break;
        }
        struct task_node *t = &x->v[x->n++];
        long long len = db_col_int(&s, 7);
        const char *due = db_col_text(&s, 8);
        t->id = db_col_int(&s, 0);
        t->parent_id = db_col_int(&s, 1);
        t->seq = db_col_int(&s, 2);
        t->lead = db_col_int(&s, 3);
        t->depth = (int)db_col_int(&s, 4);
        t->kind = (unsigned char)kind_of(db_col_text(&s, 5));
        t->status = (unsigned char)status_of(db_col_text(&s, 6));
        t->code_len = (unsigned char)(len > 255 ? 255 : len);
        t->due[0] = '\0';
        if (due && strlen(due) < sizeof t->due)
            memcpy(t->due, due, strlen(due) + 1);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

static int load_depts(struct db *db, struct task_index *x, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id, name FROM departments ORDER BY id", err,
                               errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        int oom = 0;
        rc = FU_OK;
        if (mem_grow((void **)&x->depts, x->ndepts, &cap, sizeof *x->depts) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory reading the departments");
            break;
        }
        struct dept_ref *d = &x->depts[x->ndepts];
        d->id = db_col_int(&s, 0);
        d->name = db_col_dup(&s, 1, &oom);
        if (oom || !d->name)
            rc = db_errf(err, errlen, FU_ERR, "out of memory reading the departments");
        else
            x->ndepts++;
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

/* Supporting departments in task order: matched to v by a merge on seq. */
static int load_support(struct db *db, long long report_id, struct task_index *x,
                        char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0, i = 0;
    /* CROSS JOIN: from the few supporting rows to their tasks, not from
     * every task to its (mostly absent) supporting rows */
    int rc = db_prepare_cached(db, &s, "SELECT t.seq, s.dept_id FROM task_support s"
                               " CROSS JOIN tasks t ON t.id = s.task_id"
                               " WHERE t.report_id = :r AND t.withdrawn = 0"
                               " ORDER BY t.seq, s.ord", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":r", report_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        long long seq = db_col_int(&s, 0);
        rc = FU_OK;
        while (i < x->n && x->v[i].seq < seq)
            i++;
        if (i == x->n || x->v[i].seq != seq)
            continue;      /* cannot happen within one snapshot */
        if (mem_grow((void **)&x->support, x->nsupport, &cap, sizeof *x->support) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory reading the departments");
            break;
        }
        x->support[x->nsupport++] = (struct support_ref){.task = i, .dept = db_col_int(&s, 1)};
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

static int last_history(struct db *db, long long *id, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT coalesce(max(id), 0) FROM history", err, errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        *id = db_col_int(&s, 0);
        rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

int db_task_index(struct db *db, long long report_id, struct task_index *out,
                  char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = last_history(db, &out->seen, err, errlen);
    if (rc == FU_OK)
        rc = load_nodes(db, report_id, out, err, errlen);
    if (rc == FU_OK)
        rc = load_depts(db, out, err, errlen);
    if (rc == FU_OK)
        rc = load_support(db, report_id, out, err, errlen);
    rc = db_end(db, rc, err, errlen);
    if (rc != FU_OK)
        task_index_fini(out);
    return rc;
}

/* ---- following the history ---------------------------------------------------- */

/* History rows read at most for one update: beyond, reading the index
 * again is as quick. */
#define DELTA_MAX 2000

/* Fields of history rows that change only what a task's own row and its
 * supporting departments hold; anything else (an import, a withdrawn
 * task, new texts or codes, users and departments) means reading the
 * whole index again. */
static int row_only(const char *field)
{
    static const char *const ok[] = {"status", "lead", "support", "due", "note", "rating",
                                     "extension", "cycle", "attachment", "instruction"};
    for (size_t i = 0; field && i < sizeof ok / sizeof *ok; i++)
        if (!strcmp(field, ok[i]))
            return 1;
    return 0;
}

/* The task ids the history names after x->seen (sorted, unique) into
 * ids; *full when the rows ask for more than that. */
static int changed_ids(struct db *db, struct task_index *x, long long **ids, size_t *n,
                       int *full, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0, rows = 0;
    long long last = x->seen;
    int rc = db_prepare_cached(db, &s, "SELECT id, coalesce(task_id, 0), field FROM history"
                               " WHERE id > :seen ORDER BY id LIMIT :max", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":seen", x->seen);
        db_bind_int(&s, ":max", DELTA_MAX + 1);
    }
    while (rc == FU_OK && !*full && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        long long task = db_col_int(&s, 1);
        rc = FU_OK;
        last = db_col_int(&s, 0);
        if (++rows > DELTA_MAX || !task || !row_only(db_col_text(&s, 2))) {
            *full = 1;
        } else if (mem_grow((void **)ids, *n, &cap, sizeof **ids) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
        } else {
            (*ids)[(*n)++] = task;
        }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    /* a change that left no history row (somebody's raw SQL): read it all */
    if (rc == FU_OK && rows == 0)
        *full = 1;
    x->seen = last;
    return rc;
}

/* The index of the task at position seq (index order is seq order). */
static size_t at_seq(const struct task_index *x, long long seq)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->v[mid].seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->n && x->v[lo].seq == seq ? lo : (size_t)-1;
}

/* Task id's row into its node of x, found by its place: *i its index,
 * (size_t)-1 when it is not in this report's index and need not be. *full
 * when it moved (withdrawn, elsewhere in the tree). */
static int reread_row(struct db *db, long long report_id, struct task_index *x, long long id,
                      size_t *i, int *full, char *err, size_t errlen)
{
    struct db_stmt s;
    *i = (size_t)-1;
    int rc = db_prepare_cached(db, &s, "SELECT report_id, seq, withdrawn, coalesce(parent_id, 0),"
                               " depth, kind, status, coalesce(lead_id, 0), due, length(code)"
                               " FROM tasks WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", id);
        rc = db_step(&s, err, errlen);
    }
    if (rc == SQLITE_ROW) {
        size_t k = db_col_int(&s, 0) == report_id ? at_seq(x, db_col_int(&s, 1)) : (size_t)-1;
        struct task_node *t = k != (size_t)-1 && x->v[k].id == id ? &x->v[k] : NULL;
        int live = !db_col_int(&s, 2);
        rc = FU_OK;
        if (db_col_int(&s, 0) == report_id && live != (t != NULL))
            *full = 1;     /* withdrawn, or back, or moved */
        else if (t && (db_col_int(&s, 3) != t->parent_id || db_col_int(&s, 4) != t->depth ||
                       db_col_int(&s, 9) != t->code_len))
            *full = 1;
        else if (t) {
            const char *due = db_col_text(&s, 8);
            t->kind = (unsigned char)kind_of(db_col_text(&s, 5));
            t->status = (unsigned char)status_of(db_col_text(&s, 6));
            t->lead = db_col_int(&s, 7);
            t->due[0] = '\0';
            if (due && strlen(due) < sizeof t->due)
                memcpy(t->due, due, strlen(due) + 1);
            *i = k;
        }
    } else if (rc == SQLITE_DONE) {
        rc = FU_OK;        /* not there: nothing of ours */
    }
    db_finish(&s);
    return rc;
}

/* Task index i's supporting departments read again, in place of the old
 * ones, keeping x->support in task order. */
static int reread_support(struct db *db, struct task_index *x, long long id, size_t i,
                          char *err, size_t errlen)
{
    struct db_stmt s;
    size_t at = 0, keep = 0;
    while (at < x->nsupport && x->support[at].task < i)
        at++;
    for (size_t k = at; k < x->nsupport; k++)
        if (x->support[k].task != i)
            x->support[at + keep++] = x->support[k];
    x->nsupport = at + keep;
    int rc = db_prepare_cached(db, &s, "SELECT dept_id FROM task_support WHERE task_id = :id"
                               " ORDER BY ord", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":id", id);
    size_t cap = x->nsupport;
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&x->support, x->nsupport, &cap, sizeof *x->support) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        memmove(&x->support[at + 1], &x->support[at],
                (x->nsupport - at) * sizeof *x->support);
        x->support[at++] = (struct support_ref){.task = i, .dept = db_col_int(&s, 0)};
        x->nsupport++;
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static int update_tx(struct db *db, long long report_id, struct task_index *x, int *full,
                     size_t **changed, size_t *nchanged, char *err, size_t errlen)
{
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    int rc = changed_ids(db, x, &ids, &n, full, err, errlen);
    if (rc == FU_OK && !*full)
        qsort(ids, n, sizeof *ids, cmp_ll);
    for (size_t k = 0; rc == FU_OK && !*full && k < n; k++) {
        size_t i;
        if (k && ids[k] == ids[k - 1])
            continue;
        rc = reread_row(db, report_id, x, ids[k], &i, full, err, errlen);
        if (rc != FU_OK || *full || i == (size_t)-1)
            continue;
        rc = reread_support(db, x, ids[k], i, err, errlen);
        if (rc == FU_OK && changed) {
            if (mem_grow((void **)changed, *nchanged, &cap, sizeof **changed) != 0)
                rc = db_errf(err, errlen, FU_ERR, "out of memory");
            else
                (*changed)[(*nchanged)++] = i;
        }
    }
    free(ids);
    return rc;
}

int db_task_index_update(struct db *db, long long report_id, struct task_index *x, int *full,
                         size_t **changed, size_t *nchanged, char *err, size_t errlen)
{
    *full = 0;
    if (changed) {
        *changed = NULL;
        *nchanged = 0;
    }
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = update_tx(db, report_id, x, full, changed, nchanged, err, errlen);
    rc = db_end(db, rc, err, errlen);
    if ((rc != FU_OK || *full) && changed) {
        free(*changed);
        *changed = NULL;
        *nchanged = 0;
    }
    return rc;
}

/* ---- search ---------------------------------------------------------------- */

int db_task_texts(struct db *db, long long report_id, long long from_seq,
                  int (*fn)(void *ctx, long long id, long long seq, const char *code,
                            const char *text, const char *body),
                  void *ctx, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT id, seq, code, text, body FROM tasks"
                               " WHERE report_id = :r AND withdrawn = 0 AND seq >= :from"
                               " ORDER BY seq", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":r", report_id);
        db_bind_int(&s, ":from", from_seq);
    }
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (fn(ctx, db_col_int(&s, 0), db_col_int(&s, 1), db_col_text(&s, 2),
               db_col_text(&s, 3), db_col_text(&s, 4)))
            break;
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

#define SEARCH_SQL(order)                                                              \
    "SELECT t.seq FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id"             \
    " WHERE t.report_id = :r AND t.withdrawn = 0 AND t.seq BETWEEN :lo AND :hi"         \
    " AND (t.code LIKE :p ESCAPE '\\' OR t.text LIKE :p ESCAPE '\\'"                    \
    "  OR t.body LIKE :p ESCAPE '\\' OR d.name LIKE :p ESCAPE '\\'"                     \
    "  OR EXISTS (SELECT 1 FROM task_support s JOIN departments sd ON sd.id = s.dept_id" \
    "   WHERE s.task_id = t.id AND sd.name LIKE :p ESCAPE '\\'))"                       \
    " ORDER BY t.seq " order " LIMIT :max"
/* When no department's name contains the words (the usual case), the
 * departments need not be joined to every task. */
#define SEARCH_TEXT_SQL(order)                                                         \
    "SELECT t.seq FROM tasks t"                                                         \
    " WHERE t.report_id = :r AND t.withdrawn = 0 AND t.seq BETWEEN :lo AND :hi"         \
    " AND (t.code LIKE :p ESCAPE '\\' OR t.text LIKE :p ESCAPE '\\'"                    \
    "  OR t.body LIKE :p ESCAPE '\\')"                                                  \
    " ORDER BY t.seq " order " LIMIT :max"
/* The tasks whose texts hold the words, from the trigram index (CROSS
 * JOIN: from its few rows to their tasks, never the report's every task);
 * the LIKE keeps the answer exactly the scan's. */
#define SEARCH_FTS_SQL(order)                                                          \
    "SELECT t.seq FROM task_fts f CROSS JOIN tasks t ON t.id = f.rowid"                 \
    " WHERE task_fts MATCH :m AND t.report_id = :r AND t.withdrawn = 0"                 \
    " AND t.seq BETWEEN :lo AND :hi"                                                    \
    " AND (t.code LIKE :p ESCAPE '\\' OR t.text LIKE :p ESCAPE '\\'"                    \
    "  OR t.body LIKE :p ESCAPE '\\')"                                                  \
    " ORDER BY t.seq " order " LIMIT :max"

/* Tasks read in tree order before the index is asked: a word that is
 * common is met within them at once (the index would hand back all its
 * thousands of tasks to be sorted); a rare one costs this much reading. */
#define SEARCH_NEAR 256

static int search_run(struct db *db, int how, int desc, long long report_id, long long lo,
                      long long hi, const struct db_search *q, long long *seqs, size_t max,
                      size_t *n, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc;
    if (how == 2)
        rc = desc ? db_prepare_cached(db, &s, SEARCH_FTS_SQL("DESC"), err, errlen)
                  : db_prepare_cached(db, &s, SEARCH_FTS_SQL("ASC"), err, errlen);
    else if (how == 1)
        rc = desc ? db_prepare_cached(db, &s, SEARCH_SQL("DESC"), err, errlen)
                  : db_prepare_cached(db, &s, SEARCH_SQL("ASC"), err, errlen);
    else
        rc = desc ? db_prepare_cached(db, &s, SEARCH_TEXT_SQL("DESC"), err, errlen)
                  : db_prepare_cached(db, &s, SEARCH_TEXT_SQL("ASC"), err, errlen);
    if (rc != FU_OK)
        return rc;
    db_bind_int(&s, ":r", report_id);
    db_bind_int(&s, ":lo", lo);
    db_bind_int(&s, ":hi", hi);
    db_bind_text(&s, ":p", q->like);
    if (how == 2)
        db_bind_text(&s, ":m", q->match);
    db_bind_int(&s, ":max", (long long)max);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (*n < max)
            seqs[(*n)++] = db_col_int(&s, 0);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

int db_task_search(struct db *db, long long report_id, long long lo, long long hi, int desc,
                   const char *q, long long *seqs, size_t max, size_t *n,
                   char *err, size_t errlen)
{
    struct db_search plan;
    *n = 0;
    if (!q || !*q || max == 0 || lo > hi)
        return FU_OK;
    int rc = db_search_plan(db, q, &plan, err, errlen);
    if (rc != FU_OK)
        return rc;
    if (!plan.match) {
        rc = search_run(db, plan.depts, desc, report_id, lo, hi, &plan, seqs, max, n, err,
                        errlen);
        db_search_fini(&plan);
        return rc;
    }
    /* the nearest SEARCH_NEAR positions by scanning, the rest through the index */
    long long near_lo = lo, near_hi = hi;
    if (!desc && hi - lo > SEARCH_NEAR)
        near_hi = lo + SEARCH_NEAR - 1;
    else if (desc && hi - lo > SEARCH_NEAR)
        near_lo = hi - SEARCH_NEAR + 1;
    rc = search_run(db, 0, desc, report_id, near_lo, near_hi, &plan, seqs, max, n, err,
                    errlen);
    if (rc == FU_OK && *n == 0 && (near_lo != lo || near_hi != hi))
        rc = search_run(db, 2, desc, report_id, desc ? lo : near_hi + 1,
                        desc ? near_lo - 1 : hi, &plan, seqs, max, n, err, errlen);
    db_search_fini(&plan);
    return rc;
}
