/* Reading tasks, notes and reports: list with filters (one query, no
 * per-row queries), find by code or UUID prefix, get by id. */
#include "db/internal.h"
#include "util/mem.h"
#include "core/calendar.h"
#include "core/cycle.h"
#include "core/doc.h"
#include "core/task.h"
#include "core/workflow.h"
#include "db/db_import.h"
#include "db/db_edit.h"
#include "db/db_task.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const stmt_kinds[] = {"commitment", "fact", "context"};

static enum stmt_kind stmt_kind_of(const char *s)
{
    for (int i = 0; s && i < 3; i++)
        if (strcmp(s, stmt_kinds[i]) == 0)
            return (enum stmt_kind)i;
    return STMT_COMMITMENT;
}

void task_filter_init(struct task_filter *f)
{
    memset(f, 0, sizeof *f);
    f->status = -1;
    f->kind = -1;
    f->warn_days = 7;
}

/* The light and feedback state of t on today; 0 when f wants only
 * feedback-overdue tasks and t is not one (skip it). */
static int task_state(struct task *t, const struct task_filter *f, const char *today)
{
    t->feedback_overdue = t->status != ST_DONE && t->status != ST_SUBMITTED &&
                          cycle_feedback_overdue(&t->cycle, today, t->last_note, NULL);
    t->light = (int)light_of(t->status, t->due, today, f ? f->warn_days : 7,
                             t->feedback_overdue);
    t->light = (int)light_with_target((enum light)t->light, &t->target, t->target.due, today);
    return !f || !f->feedback_overdue || t->feedback_overdue;
}

/* Support departments come back joined by DB_SEP in their assigned
 * order; nchildren/ndone count live direct children (tasks_parent index). */
/* A task's target, its latest value and the date it is held to: six
 * columns, and their joins. */
#define TARGET_COLS ", tg.value, tg.unit, tg.direction, pg.value, pg.at,"             \
    " CASE WHEN tg.task_id IS NULL THEN NULL ELSE coalesce(nullif(t.due, ''),"         \
    " (SELECT k.due FROM tasks k WHERE k.id = t.parent_id AND k.kind = 'item')) END"
#define TARGET_JOIN                                                                     \
    " LEFT JOIN targets tg ON tg.task_id = t.id"                                        \
    " LEFT JOIN progress pg ON pg.id = CASE WHEN tg.task_id IS NULL THEN NULL ELSE"     \
    " (SELECT max(p2.id) FROM progress p2 WHERE p2.task_id = t.id) END"

/* The TARGET_COLS at col into *ts. */
static void target_row(struct db_stmt *s, int col, struct target_state *ts)
{
    memset(ts, 0, sizeof *ts);
    if (db_col_isnull(s, col))
        return;
    ts->has = 1;
    ts->t.value = sqlite3_column_double(s->st, col);
    db_col_copy(s, col + 1, ts->t.unit, sizeof ts->t.unit);
    if (metric_dir_parse(db_col_text(s, col + 2), &ts->t.dir) != 0)
        ts->t.dir = METRIC_AT_LEAST;
    if (!db_col_isnull(s, col + 3)) {
        ts->reported = 1;
        ts->value = sqlite3_column_double(s->st, col + 3);
        db_col_copy(s, col + 4, ts->at, sizeof ts->at);
    }
    db_col_copy(s, col + 5, ts->due, sizeof ts->due);
}

#define TASK_COLS                                                                       \
    "SELECT t.id, t.uuid, t.report_id, coalesce(t.parent_id, 0), t.depth, t.code,"      \
    " t.kind, t.stmt_kind, t.text, t.body, t.status, d.name,"                           \
    " (SELECT group_concat(name, char(31)) FROM (SELECT sd.name AS name"                \
    "   FROM task_support s JOIN departments sd ON sd.id = s.dept_id"                   \
    "   WHERE s.task_id = t.id ORDER BY s.ord)),"                                       \
    " t.due, t.suggested_owner, t.suggested_due, t.metrics, t.version, t.withdrawn,"    \
    " t.updated_at,"                                                                    \
    " (SELECT count(*) FROM tasks c WHERE c.parent_id = t.id AND c.withdrawn = 0),"     \
    " (SELECT count(*) FROM tasks c WHERE c.parent_id = t.id AND c.withdrawn = 0"       \
    "   AND c.status = 'done'),"                                                        \
    " cy.period || ' day ' || cy.day || ' from ' || cy.start,"                          \
    " CASE WHEN cy.task_id IS NULL THEN NULL ELSE (SELECT max(x.at) FROM"                 \
    "   (SELECT n.at FROM notes n WHERE n.task_id = t.id AND n.struck_at IS NULL"         \
    "    UNION ALL SELECT n.at FROM tasks k JOIN notes n ON n.task_id = k.id"              \
    "    WHERE k.parent_id = t.id AND n.struck_at IS NULL) x) END, t.source"          \
    TARGET_COLS                                                                         \
    " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id"                         \
    " LEFT JOIN cycles cy ON cy.task_id = t.id" TARGET_JOIN

/* Columns 0-6, the same in TASK_COLS and EACH_COLS: id, uuid, report,
 * parent, depth, code, kind. */
static void row_head(struct db_stmt *s, struct task *t)
{
    enum task_kind k = KIND_ITEM;
    t->id = db_col_int(s, 0);
    db_col_copy(s, 1, t->uuid, sizeof t->uuid);
    t->report_id = db_col_int(s, 2);
    t->parent_id = db_col_int(s, 3);
    t->depth = (int)db_col_int(s, 4);
    db_col_copy(s, 5, t->code, sizeof t->code);
    kind_parse(db_col_text(s, 6), &k);
    t->kind = k;
}

/* Fills t from a TASK_COLS row; non-zero when out of memory. */
static int task_row(struct db_stmt *s, struct task *t)
{
    int oom = 0;
    enum task_status st = ST_TODO;
    memset(t, 0, sizeof *t);
    row_head(s, t);
    t->stmt_kind = stmt_kind_of(db_col_text(s, 7));
    t->text = db_col_dup(s, 8, &oom);
    t->body = db_col_dup(s, 9, &oom);
    status_parse(db_col_text(s, 10), &st);
    t->status = st;
    t->lead = db_col_dup(s, 11, &oom);
    if (db_split(db_col_text(s, 12), &t->support, &t->nsupport) != 0)
        oom = 1;
    db_col_copy(s, 13, t->due, sizeof t->due);
    t->suggested_owner = db_col_dup(s, 14, &oom);
    db_col_copy(s, 15, t->suggested_due, sizeof t->suggested_due);
    t->metrics = db_col_dup(s, 16, &oom);
    t->version = db_col_int(s, 17);
    t->withdrawn = (int)db_col_int(s, 18);
    db_col_copy(s, 19, t->updated_at, sizeof t->updated_at);
    t->nchildren = (int)db_col_int(s, 20);
    t->ndone = (int)db_col_int(s, 21);
    cycle_scan(db_col_text(s, 22), &t->cycle);
    cal_local(db_col_text(s, 23), CAL_DATE, t->last_note, sizeof t->last_note);
    t->source = db_col_dup(s, 24, &oom);
    target_row(s, 25, &t->target);
    if (!t->text)
        oom = 1;
    return oom;
}

int db_task_load(struct db *db, long long id, struct task *out, char *err, size_t errlen)
{
    struct db_stmt s;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, TASK_COLS " WHERE t.id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            rc = task_row(&s, out) ? db_errf(err, errlen, FU_ERR, "out of memory") : FU_OK;
        else if (rc == SQLITE_DONE)
            rc = db_errf(err, errlen, FU_NOTFOUND, "no task with id %lld", id);
    }
    db_finish(&s);
    if (rc != FU_OK)
        task_fini(out);
    return rc;
}

int db_task_get(struct db *db, long long id, struct task *out, char *err, size_t errlen)
{
    return db_task_load(db, id, out, err, errlen);
}

/* ---- list ---------------------------------------------------------------- */

static int list_push(struct task_list *l)
{
    return mem_grow((void **)&l->v, l->n, &l->cap, sizeof *l->v);
}

/* The filter's WHERE clause, made of literal pieces for the filters that
 * are set (each bound, none formatted in), so that each can use its
 * index: the report through tasks_order (which also gives the order), a
 * department through tasks_lead and task_support_dept (SQLite's
 * multi-index OR), overdue through tasks_due, a search of three
 * characters or more through the trigram index task_fts (the LIKE after
 * it keeps the result exactly the scan's: ASCII letters without regard
 * to case). */
#define LIST_REPORT " AND t.report_id = :report"
#define LIST_STATUS " AND t.status = :status"
#define LIST_KIND " AND t.kind = :kind"
#define LIST_OVERDUE " AND t.due < :today AND t.status <> 'done'"
#define LIST_FTS " AND t.id IN (SELECT rowid FROM task_fts WHERE task_fts MATCH :match)"
#define LIST_LIKE                                                                       \
    " AND (t.text LIKE :search ESCAPE '\\' OR t.body LIKE :search ESCAPE '\\'"          \
    "      OR t.code LIKE :search ESCAPE '\\'"
#define LIST_LIKE_DEPT " OR d.name LIKE :search ESCAPE '\\'"
#define LIST_DEPT                                                                       \
    " AND (t.lead_id = :dept OR t.id IN (SELECT s2.task_id FROM task_support s2"       \
    "      WHERE s2.dept_id = :dept))"
#define LIST_ORDER " ORDER BY t.report_id, t.seq, t.id"

/* What db_task_each reads: the columns list and its formats print. */
#define EACH_COLS                                                                       \
    "SELECT t.id, t.uuid, t.report_id, coalesce(t.parent_id, 0), t.depth, t.code,"      \
    " t.kind, t.text, t.status, d.name,"                                                \
    " (SELECT group_concat(name, char(31)) FROM (SELECT sd.name AS name"                \
    "   FROM task_support s JOIN departments sd ON sd.id = s.dept_id"                   \
    "   WHERE s.task_id = t.id ORDER BY s.ord)),"                                       \
    " t.due, t.version, t.withdrawn,"                                                   \
    " cy.period || ' day ' || cy.day || ' from ' || cy.start,"                          \
    " CASE WHEN cy.task_id IS NULL THEN NULL ELSE (SELECT max(x.at) FROM"                 \
    "   (SELECT n.at FROM notes n WHERE n.task_id = t.id AND n.struck_at IS NULL"         \
    "    UNION ALL SELECT n.at FROM tasks k JOIN notes n ON n.task_id = k.id"              \
    "    WHERE k.parent_id = t.id AND n.struck_at IS NULL) x) END"  \
    TARGET_COLS                                                                         \
    " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id"                         \
    " LEFT JOIN cycles cy ON cy.task_id = t.id" TARGET_JOIN

struct list_q {
    long long dept;
    char today[16];
    struct db_search search;
    struct db_buf sql;
};

/* The statement for f over columns cols. */
static void list_sql(struct list_q *q, const struct task_filter *f, const char *cols)
{
    struct db_buf *b = &q->sql;
    db_buf_str(b, cols);
    db_buf_str(b, f->include_withdrawn ? " WHERE 1" : " WHERE t.withdrawn = 0");
    if (f->report_id)
        db_buf_str(b, LIST_REPORT);
    if (f->status >= 0 && f->status < ST_COUNT)
        db_buf_str(b, LIST_STATUS);
    if (f->kind >= 0 && f->kind <= KIND_STATEMENT)
        db_buf_str(b, LIST_KIND);
    if (f->overdue)
        db_buf_str(b, LIST_OVERDUE);
    if (q->search.match)
        db_buf_str(b, LIST_FTS);
    if (q->search.like) {
        db_buf_str(b, LIST_LIKE);
        db_buf_str(b, q->search.depts ? LIST_LIKE_DEPT ")" : ")");
    }
    if (q->dept)
        db_buf_str(b, LIST_DEPT);
    db_buf_str(b, LIST_ORDER);
}

static void list_bind(struct db_stmt *s, const struct task_filter *f, struct list_q *q)
{
    if (f->report_id)
        db_bind_int(s, ":report", f->report_id);
    if (f->status >= 0 && f->status < ST_COUNT)
        db_bind_text(s, ":status", status_key((enum task_status)f->status));
    if (f->kind >= 0 && f->kind <= KIND_STATEMENT)
        db_bind_text(s, ":kind", kind_key((enum task_kind)f->kind));
    if (f->overdue)
        db_bind_text(s, ":today", q->today);
    if (q->search.match)
        db_bind_text(s, ":match", q->search.match);
    if (q->search.like)
        db_bind_text(s, ":search", q->search.like);
    if (q->dept)
        db_bind_int(s, ":dept", q->dept);
}

static void list_q_fini(struct list_q *q)
{
    db_search_fini(&q->search);
    db_buf_fini(&q->sql);
}

/* The start both listings share: a default filter, the filter's values
 * and its statement over cols, bound. On FU_OK the caller steps s, then
 * finishes it and list_q_fini's q. */
static int list_start(struct db *db, const struct task_filter *f, struct db_stmt *s,
                      const char *cols, struct list_q *q, char *err, size_t errlen)
{
    struct task_filter all;
    int rc = FU_OK;
    memset(q, 0, sizeof *q);
    memset(s, 0, sizeof *s);
    if (!f) {
        task_filter_init(&all);
        f = &all;
    }
    if (f->dept && *f->dept)
        rc = db_dept_id(db, f->dept, &q->dept, err, errlen);
    if (rc == FU_OK && f->today && cal_date_valid(f->today) != 0)
        rc = db_errf(err, errlen, FU_USAGE, "'%s' is not a date; use YYYY-MM-DD", f->today);
    snprintf(q->today, sizeof q->today, "%s", f->today ? f->today : "");
    if (!f->today)
        db_today(q->today, sizeof q->today);
    if (rc == FU_OK)
        rc = db_search_plan(db, f->search, &q->search, err, errlen);
    if (rc == FU_OK) {
        list_sql(q, f, cols);
        rc = q->sql.oom ? db_errf(err, errlen, FU_ERR, "out of memory")
                        : db_prepare(db, s, q->sql.p, err, errlen);
    }
    if (rc == FU_OK)
        list_bind(s, f, q);
    if (rc != FU_OK) {
        db_finish(s);
        list_q_fini(q);
    }
    return rc;
}

int db_task_list(struct db *db, const struct task_filter *f, struct task_list *out,
                 char *err, size_t errlen)
{
    struct db_stmt s = {0};
    struct list_q q;
    memset(out, 0, sizeof *out);
    int rc = list_start(db, f, &s, TASK_COLS, &q, err, errlen);
    if (rc != FU_OK)
        return rc;
    while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        if (list_push(out) != 0 || task_row(&s, &out->v[out->n++]) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        if (!task_state(&out->v[out->n - 1], f, q.today))
            task_fini(&out->v[--out->n]);
    }
    rc = rc == SQLITE_DONE ? FU_OK : rc;
    db_finish(&s);
    list_q_fini(&q);
    if (rc != FU_OK)
        task_list_fini(out);
    return rc;
}

int db_task_children(struct db *db, long long parent_id, struct task_list *out,
                     char *err, size_t errlen)
{
    struct db_stmt s;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, TASK_COLS " WHERE t.parent_id = :p AND t.withdrawn = 0"
                               " ORDER BY t.seq, t.id", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":p", parent_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (list_push(out) != 0 || task_row(&s, &out->v[out->n++]) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        task_list_fini(out);
    return rc;
}

/* ---- streaming ------------------------------------------------------------ */

/* The supporting departments of the current row, split in place: one
 * buffer and one pointer array reused from row to row. */
struct each_support {
    char *buf, **v;
    size_t cap, capv;
};

static int split_support(struct each_support *sp, const char *joined, struct task *t)
{
    t->support = NULL;
    t->nsupport = 0;
    if (!joined)
        return 0;
    size_t len = strlen(joined), n = 1;
    for (const char *p = joined; *p; p++)
        n += *p == DB_SEP[0];
    if (len + 1 > sp->cap) {
        char *b = realloc(sp->buf, len + 1);
        if (!b)
            return -1;
        sp->buf = b;
        sp->cap = len + 1;
    }
    if (n > sp->capv) {
        char **v = realloc(sp->v, n * sizeof *v);
        if (!v)
            return -1;
        sp->v = v;
        sp->capv = n;
    }
    memcpy(sp->buf, joined, len + 1);
    sp->v[0] = sp->buf;
    for (char *p = sp->buf; *p; p++)
        if (*p == DB_SEP[0]) {
            *p = '\0';
            sp->v[++t->nsupport] = p + 1;
        }
    t->nsupport++;
    t->support = sp->v;
    return 0;
}

/* Fills t from an EACH_COLS row, borrowing the row's text. */
static int each_row(struct db_stmt *s, struct each_support *sp, struct task *t)
{
    enum task_status st = ST_TODO;
    row_head(s, t);
    const char *text = db_col_text(s, 7);
    t->text = (char *)(text ? text : "");
    status_parse(db_col_text(s, 8), &st);
    t->status = st;
    t->lead = (char *)db_col_text(s, 9);
    if (split_support(sp, db_col_text(s, 10), t) != 0)
        return -1;
    db_col_copy(s, 11, t->due, sizeof t->due);
    t->version = db_col_int(s, 12);
    t->withdrawn = (int)db_col_int(s, 13);
    cycle_scan(db_col_text(s, 14), &t->cycle);
    cal_local(db_col_text(s, 15), CAL_DATE, t->last_note, sizeof t->last_note);
    target_row(s, 16, &t->target);
    return 0;
}

int db_task_each(struct db *db, const struct task_filter *f, db_task_fn fn, void *ctx,
                 char *err, size_t errlen)
{
    struct db_stmt s = {0};
    struct each_support sp = {0};
    struct task t;
    struct list_q q;
    int rc = list_start(db, f, &s, EACH_COLS, &q, err, errlen);
    if (rc != FU_OK)
        return rc;
    memset(&t, 0, sizeof t);
    while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (each_row(&s, &sp, &t) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
        else if (!task_state(&t, f, q.today))
            continue;
        else if ((rc = fn(&t, ctx)) != 0)
            break;
        if (rc != FU_OK)
            break;
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    list_q_fini(&q);
    free(sp.buf);
    free(sp.v);
    return rc;
}

/* ---- find ---------------------------------------------------------------- */

/* A UUID prefix: only hex digits and '-', at least 8 hex digits. Writes
 * the lowercase form into out. */
static int uuid_prefix(const char *ref, char *out, size_t outlen)
{
    size_t n = strlen(ref), hex = 0;
    if (n >= outlen || n > 36)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int c = tolower((unsigned char)ref[i]);
        if (isxdigit(c))
            hex++;
        else if (c != '-')
            return 0;
        out[i] = (char)c;
    }
    out[n] = 0;
    return hex >= 8;
}

static int find_uuid(struct db *db, const char *prefix, long long *id, char *err,
                     size_t errlen)
{
    struct db_stmt s;
    char hi[40];
    int found = 0;
    snprintf(hi, sizeof hi, "%s", prefix);
    hi[strlen(hi) - 1]++;   /* the first string after every extension of prefix */
    int rc = db_prepare_cached(db, &s, "SELECT id FROM tasks WHERE uuid >= :lo AND uuid < :hi"
                         " ORDER BY uuid LIMIT 2", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":lo", prefix);
        db_bind_text(&s, ":hi", hi);
        while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW)
            if (found++ == 0)
                *id = db_col_int(&s, 0);
        rc = rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    if (rc == FU_OK && found == 0)
        rc = db_errf(err, errlen, FU_NOTFOUND, "no task with a UUID starting %s", prefix);
    else if (rc == FU_OK && found > 1)
        rc = db_errf(err, errlen, FU_USAGE, "%s is the start of several tasks' UUIDs; give "
                     "more digits", prefix);
    return rc;
}

/* No live task has the code: a withdrawn one that had it (the latest
 * withdrawn when several did), so that an old code never gives another
 * task and `show` and `restore` still find it. */
static int find_withdrawn(struct db *db, long long report, const char *code, long long *id,
                          int *found, char *err, size_t errlen)
{
    struct db_stmt s;
    long long first = 0;
    int n = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id, report_id FROM tasks WHERE code = :code"
                               " AND withdrawn = 1 AND (:report = 0 OR report_id = :report)"
                               " ORDER BY report_id, updated_at DESC, id DESC", err, errlen);
    if (rc == FU_OK) {
        long long last_report = 0;
        db_bind_text(&s, ":code", code);
        db_bind_int(&s, ":report", report);
        while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            if (n == 0 || db_col_int(&s, 1) != last_report) {
                if (n++ == 0)
                    first = db_col_int(&s, 0);
                last_report = db_col_int(&s, 1);
            }
        }
        rc = rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    if (rc == FU_OK && n > 1)
        return db_errf(err, errlen, FU_USAGE, "%s was withdrawn in several reports; qualify "
                       "it as R1:%s", code, code);
    if (rc == FU_OK && n == 1) {
        *id = first;
        *found = 1;
    }
    return rc;
}

static int find_code(struct db *db, long long report, const char *code, long long *id,
                     char *err, size_t errlen)
{
    struct db_stmt s;
    struct db_buf where = {0};
    long long reports[10];
    int found = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id, report_id FROM tasks WHERE code = :code"
                         " AND withdrawn = 0 AND (:report = 0 OR report_id = :report)"
                         " ORDER BY report_id LIMIT 10", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":code", code);
        db_bind_int(&s, ":report", report);
        while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW && found < 10) {
            if (found == 0)
                *id = db_col_int(&s, 0);
            reports[found++] = db_col_int(&s, 1);
        }
        rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? FU_OK : rc;
    }
    db_finish(&s);
    int withdrawn = 0;
    if (rc == FU_OK && found == 0 &&
        ((rc = find_withdrawn(db, report, code, id, &withdrawn, err, errlen)) != FU_OK ||
         withdrawn))
        return rc;
    for (int i = 0; i < found; i++)   /* "R1, R2 and R3" */
        db_buf_fmt(&where, "%sR%lld", i == 0 ? "" : i == found - 1 ? " and " : ", ", reports[i]);
    if (rc == FU_OK && found == 0 && report)
        rc = db_errf(err, errlen, FU_NOTFOUND, "no task R%lld:%s; `followup list --report "
                     "R%lld` shows its codes, `followup reports` the reports", report, code,
                     report);
    else if (rc == FU_OK && found == 0)
        rc = db_errf(err, errlen, FU_NOTFOUND, "no task %s; `followup list` shows the codes",
                     code);
    else if (rc == FU_OK && found > 1)
        rc = db_errf(err, errlen, FU_USAGE, "%s is in %s; qualify it as R%lld:%s "
                     "(`followup reports` lists the reports)", code,
                     where.p ? where.p : "several reports", reports[0], code);
    db_buf_fini(&where);
    return rc;
}

int db_task_find(struct db *db, const char *ref, struct task *out, char *err, size_t errlen)
{
    char buf[64], uuid[40];
    long long id = 0, report = 0;
    memset(out, 0, sizeof *out);
    size_t n = ref ? strlen(ref) : 0;
    while (n && isspace((unsigned char)ref[n - 1]))
        n--;
    while (n && isspace((unsigned char)*ref))
        ref++, n--;
    if (n == 0 || n >= sizeof buf)
        return db_errf(err, errlen, FU_USAGE, "a task is a code (2.1.3, R2:2.1.3) or a UUID "
                       "prefix of at least 8 hex digits");
    memcpy(buf, ref, n);
    buf[n] = 0;
    const char *code = buf;
    int rc;
    if ((buf[0] == 'R' || buf[0] == 'r') && isdigit((unsigned char)buf[1])) {
        char *end;
        report = strtoll(buf + 1, &end, 10);
        if (*end != ':' || !end[1] || report <= 0)
            return db_errf(err, errlen, FU_USAGE, "'%s' is not a task reference; write "
                           "R2:2.1.3", buf);
        code = end + 1;
    } else if ((buf[0] == 'J' || buf[0] == 'j') && isdigit((unsigned char)buf[1])) {
        char *end;       /* J2024:3, a task of the register of 2024 */
        long long year = strtoll(buf + 1, &end, 10);
        if (*end != ':' || !end[1] || year < 1900 || year > 9999)
            return db_errf(err, errlen, FU_USAGE, "'%s' is not a task reference; write "
                           "J2024:3 for the third task of the register of 2024", buf);
        if ((rc = db_add_register(db, (int)year, &report, err, errlen)) != FU_OK)
            return rc;
        if (!report)
            return db_errf(err, errlen, FU_NOTFOUND, "no register for %lld yet; `followup add "
                           "TEXT` starts it", year);
        code = end + 1;
    }
    if (!report && uuid_prefix(buf, uuid, sizeof uuid))
        rc = find_uuid(db, uuid, &id, err, errlen);
    else
        rc = find_code(db, report, code, &id, err, errlen);
    if (rc == FU_OK)
        rc = db_task_load(db, id, out, err, errlen);
    return rc;
}

/* ---- notes --------------------------------------------------------------- */

int db_note_list(struct db *db, long long task_id, struct note_list *out,
                 char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, "SELECT id, task_id, at, actor || coalesce(' as ' || as_user,"
                         " ''), text, struck_at, struck_by, struck_reason FROM notes"
                         " WHERE task_id = :task ORDER BY id", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":task", task_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        int oom = 0;
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        struct note *nt = &out->v[out->n++];
        nt->id = db_col_int(&s, 0);
        nt->task_id = db_col_int(&s, 1);
        db_col_copy(&s, 2, nt->at, sizeof nt->at);
        nt->author = db_col_dup(&s, 3, &oom);
        nt->text = db_col_dup(&s, 4, &oom);
        db_col_copy(&s, 5, nt->struck_at, sizeof nt->struck_at);
        nt->struck_by = db_col_dup(&s, 6, &oom);
        nt->struck_reason = db_col_dup(&s, 7, &oom);
        if (oom)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        note_list_fini(out);
    return rc;
}

int db_task_latest_note(struct db *db, long long task_id, char at[32], char **text,
                        char *err, size_t errlen)
{
    struct db_stmt s;
    int oom = 0;
    at[0] = 0;
    *text = NULL;
    int rc = db_prepare_cached(db, &s,
        "SELECT at, text FROM (SELECT id, at, text FROM notes WHERE task_id = :task"
        " AND struck_at IS NULL UNION ALL SELECT n.id, n.at, n.text FROM tasks c"
        " JOIN notes n ON n.task_id = c.id WHERE c.parent_id = :task AND n.struck_at IS NULL)"
        " ORDER BY id DESC LIMIT 1", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":task", task_id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            db_col_copy(&s, 0, at, 32);
            *text = db_col_dup(&s, 1, &oom);
            rc = oom ? db_errf(err, errlen, FU_ERR, "out of memory") : FU_OK;
        } else if (rc == SQLITE_DONE) {
            rc = FU_OK;
        }
    }
    db_finish(&s);
    return rc;
}

/* ---- reports ------------------------------------------------------------- */

static int report_row(struct db_stmt *s, struct report *r)
{
    int oom = 0;
    memset(r, 0, sizeof *r);
    r->id = db_col_int(s, 0);
    r->title = db_col_dup(s, 1, &oom);
    r->doc_no = db_col_dup(s, 2, &oom);
    r->issuer = db_col_dup(s, 3, &oom);
    r->published = db_col_dup(s, 4, &oom);
    r->addressee = db_col_dup(s, 5, &oom);
    r->signed_by = db_col_dup(s, 6, &oom);
    r->signed_on = db_col_dup(s, 7, &oom);
    r->lead_department = db_col_dup(s, 8, &oom);
    r->imported_at = db_col_dup(s, 9, &oom);
    r->intro = db_col_dup(s, 10, &oom);
    r->closing = db_col_dup(s, 11, &oom);
    return oom;
}

int db_report_list(struct db *db, struct report_list *out, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, "SELECT r.id, r.title, r.doc_no, r.issuer, r.published,"
                         " r.addressee, r.signed_by, r.signed_on, r.lead_department,"
                         " r.imported_at, r.intro, r.closing FROM reports r ORDER BY r.id",
                         err, errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        if (report_row(&s, &out->v[out->n++]) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        report_list_fini(out);
    return rc;
}

void db_report_counts_fini(struct db_report_counts *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

int db_report_counts(struct db *db, const struct actor *a, const char *today,
                     struct db_report_counts *out, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    long long uid = 0;
    memset(out, 0, sizeof *out);
    int rc = FU_OK;
    if (a) {
        struct user u;
        rc = db_user_load(db, a, &u, &uid, err, errlen);
        if (rc == FU_OK)
            user_fini(&u);
    }
    if (rc == FU_OK)
        rc = db_prepare_cached(db, &s, "SELECT r.id, count(t.id),"
                         " coalesce(sum(t.kind = 'item'), 0),"
                         " coalesce(sum(t.due < :today AND t.status <> 'done'), 0),"
                         " coalesce(sum(t.status = 'submitted'), 0),"
                         " coalesce(sum(t.lead_id IN (SELECT dept_id FROM user_depts"
                         "   WHERE user_id = :uid) OR EXISTS (SELECT 1 FROM task_support sp"
                         "   JOIN user_depts ud ON ud.dept_id = sp.dept_id"
                         "   WHERE sp.task_id = t.id AND ud.user_id = :uid)), 0)"
                         " FROM reports r LEFT JOIN tasks t"
                         " ON t.report_id = r.id AND t.withdrawn = 0"
                         " GROUP BY r.id ORDER BY r.id", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":today", today);
        db_bind_int(&s, ":uid", uid);
    }
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        struct db_report_count *c = &out->v[out->n++];
        c->report_id = db_col_int(&s, 0);
        c->tasks = db_col_int(&s, 1);
        c->items = db_col_int(&s, 2);
        c->overdue = db_col_int(&s, 3);
        c->submitted = db_col_int(&s, 4);
        c->mine = db_col_int(&s, 5);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        db_report_counts_fini(out);
    return rc;
}

const struct db_report_count *db_report_count_of(const struct db_report_counts *l,
                                                 long long report_id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].report_id == report_id)
            return &l->v[i];
    return NULL;
}
