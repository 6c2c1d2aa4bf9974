/* The task tree behind the list: loading, filter, expansion, cursor,
 * search. */
#include "tui/model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "core/err.h"

void model_init(struct model *m, int warn_days)
{
    memset(m, 0, sizeof *m);
    m->filter.status = -1;
    m->warn_days = warn_days >= 0 ? warn_days : 7;
    model_tick_today(m);
}

static void free_arrays(struct model *m)
{
    free(m->parent);
    free(m->match);
    free(m->shown);
    free(m->kids);
    free(m->rows);
    m->parent = NULL;
    m->match = m->shown = m->kids = NULL;
    m->rows = NULL;
    m->nrows = 0;
}

void model_fini(struct model *m)
{
    free_arrays(m);
    task_list_free(&m->all);
    report_list_free(&m->reports);
    free(m->flip);
    memset(m, 0, sizeof *m);
}

int model_tick_today(struct model *m)
{
    time_t now = time(NULL);
    struct tm tm;
    char today[11], soon[11];
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    tm.tm_mday += m->warn_days;
    tm.tm_isdst = -1;
    mktime(&tm);
    strftime(soon, sizeof soon, "%Y-%m-%d", &tm);
    int changed = strcmp(today, m->today) != 0;
    memcpy(m->today, today, sizeof today);
    memcpy(m->soon, soon, sizeof soon);
    return changed;
}

int model_filter_active(const struct model *m)
{
    return m->filter.dept[0] || m->filter.status >= 0 || m->filter.overdue;
}

enum due_light model_due_light(const struct model *m, const struct task *t)
{
    if (!t->due[0])
        return DUE_NONE;
    if (t->status == ST_DONE)
        return DUE_LATER;
    if (strcmp(t->due, m->today) < 0)
        return DUE_OVERDUE;
    if (strcmp(t->due, m->soon) <= 0)
        return DUE_SOON;
    return DUE_LATER;
}

/* ---- loading ------------------------------------------------------------ */

struct id_index {
    long long id;
    size_t i;
};

static int cmp_id(const void *a, const void *b)
{
    long long x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
    return x < y ? -1 : x > y;
}

static size_t lookup(const struct id_index *ix, size_t n, long long id)
{
    struct id_index key = {.id = id};
    const struct id_index *hit = bsearch(&key, ix, n, sizeof *ix, cmp_id);
    return hit ? hit->i : MODEL_NONE;
}

static void pick_report(struct model *m)
{
    for (size_t i = 0; i < m->reports.n; i++)
        if (m->reports.v[i].id == m->report_id)
            return;
    m->report_id = m->reports.n ? m->reports.v[0].id : 0;
}

/* Marks the tasks that the filter matches (all when there is none). */
static int apply_filter(struct model *m, struct db *db, const struct id_index *ix,
                        char *err, size_t errlen)
{
    size_t n = m->all.n;
    if (!model_filter_active(m)) {
        memset(m->match, 1, n);
        return FU_OK;
    }
    memset(m->match, 0, n);
    struct task_filter f;
    task_filter_init(&f);
    f.report_id = m->report_id;
    f.dept = m->filter.dept[0] ? m->filter.dept : NULL;
    f.status = m->filter.status;
    f.overdue = m->filter.overdue;
    f.today = m->today;
    struct task_list hits = {0};
    int rc = db_task_list(db, &f, &hits, err, errlen);
    if (rc != FU_OK)
        return rc;
    for (size_t k = 0; k < hits.n; k++) {
        size_t i = lookup(ix, n, hits.v[k].id);
        if (i != MODEL_NONE)
            m->match[i] = 1;
    }
    task_list_free(&hits);
    return FU_OK;
}

/* parent links, shown (matches or has a matching descendant), kids, counts. */
static void derive(struct model *m, const struct id_index *ix)
{
    size_t n = m->all.n;
    for (size_t i = 0; i < n; i++) {
        const struct task *t = &m->all.v[i];
        m->parent[i] = t->parent_id ? lookup(ix, n, t->parent_id) : MODEL_NONE;
        m->shown[i] = m->match[i];
        m->kids[i] = 0;
    }
    /* Parents come before their children: one backward pass carries
     * "shown" up the tree. */
    for (size_t i = n; i-- > 0;)
        if (m->shown[i] && m->parent[i] != MODEL_NONE) {
            m->shown[m->parent[i]] = 1;
            m->kids[m->parent[i]] = 1;
        }
    memset(m->counts, 0, sizeof m->counts);
    m->nitems = 0;
    for (size_t i = 0; i < n; i++) {
        const struct task *t = &m->all.v[i];
        if (t->kind == KIND_ITEM && m->match[i] && (unsigned)t->status < ST_COUNT) {
            m->counts[t->status]++;
            m->nitems++;
        }
    }
}

int model_load(struct model *m, struct db *db, char *err, size_t errlen)
{
    struct report_list rl = {0};
    struct task_list tl = {0};
    int rc = db_report_list(db, &rl, err, errlen);
    if (rc != FU_OK)
        return rc;
    report_list_free(&m->reports);
    m->reports = rl;
    pick_report(m);
    if (m->report_id) {
        struct task_filter f;
        task_filter_init(&f);
        f.report_id = m->report_id;
        if ((rc = db_task_list(db, &f, &tl, err, errlen)) != FU_OK)
            return rc;
    }
    free_arrays(m);
    task_list_free(&m->all);
    m->all = tl;
    size_t n = tl.n, cap = n ? n : 1;
    m->parent = malloc(cap * sizeof *m->parent);
    m->match = malloc(cap);
    m->shown = malloc(cap);
    m->kids = malloc(cap);
    m->rows = malloc(cap * sizeof *m->rows);
    struct id_index *ix = malloc(cap * sizeof *ix);
    if (!m->parent || !m->match || !m->shown || !m->kids || !m->rows || !ix) {
        free(ix);
        free_arrays(m);
        task_list_free(&m->all);
        snprintf(err, errlen, "out of memory loading %zu tasks", n);
        return FU_ERR;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = (struct id_index){.id = tl.v[i].id, .i = i};
    qsort(ix, n, sizeof *ix, cmp_id);
    rc = apply_filter(m, db, ix, err, errlen);
    if (rc != FU_OK)
        memset(m->match, 1, n);   /* show everything rather than nothing */
    derive(m, ix);
    free(ix);
    model_rebuild(m);
    return rc;
}

/* ---- expansion and rows --------------------------------------------------- */

static size_t flip_pos(const struct model *m, long long id)
{
    for (size_t k = 0; k < m->nflip; k++)
        if (m->flip[k] == id)
            return k;
    return MODEL_NONE;
}

int model_expanded(const struct model *m, size_t i)
{
    const struct task *t = &m->all.v[i];
    int def = t->kind == KIND_SECTION || model_filter_active(m);
    return flip_pos(m, t->id) == MODEL_NONE ? def : !def;
}

void model_set_expanded(struct model *m, size_t i, int on)
{
    if (model_expanded(m, i) == !!on)
        return;
    long long id = m->all.v[i].id;
    size_t k = flip_pos(m, id);
    if (k != MODEL_NONE) {
        m->flip[k] = m->flip[--m->nflip];
        return;
    }
    if (m->nflip == m->capflip) {
        size_t cap = m->capflip ? m->capflip * 2 : 32;
        long long *v = realloc(m->flip, cap * sizeof *v);
        if (!v)
            return;
        m->flip = v;
        m->capflip = cap;
    }
    m->flip[m->nflip++] = id;
}

void model_rebuild(struct model *m)
{
    size_t n = m->all.n;
    m->nrows = 0;
    unsigned char *vis = malloc(n ? n : 1);
    if (!vis)
        return;
    for (size_t i = 0; i < n; i++) {
        size_t p = m->parent[i];
        vis[i] = m->shown[i] && (p == MODEL_NONE || (vis[p] && model_expanded(m, p)));
        if (vis[i])
            m->rows[m->nrows++] = i;
    }
    free(vis);
    size_t r = MODEL_NONE;
    for (size_t k = 0; k < m->nrows && r == MODEL_NONE; k++)
        if (m->all.v[m->rows[k]].id == m->cur_id)
            r = k;
    if (r == MODEL_NONE)
        r = m->cur < m->nrows ? m->cur : (m->nrows ? m->nrows - 1 : 0);
    model_set_cursor(m, r);
}

void model_set_cursor(struct model *m, size_t r)
{
    if (!m->nrows) {
        m->cur = m->top = 0;
        return;
    }
    m->cur = r < m->nrows ? r : m->nrows - 1;
    m->cur_id = m->all.v[m->rows[m->cur]].id;
}

const struct task *model_current(const struct model *m)
{
    return m->nrows ? &m->all.v[m->rows[m->cur]] : NULL;
}

const struct report *model_report(const struct model *m)
{
    for (size_t i = 0; i < m->reports.n; i++)
        if (m->reports.v[i].id == m->report_id)
            return &m->reports.v[i];
    return NULL;
}

size_t model_row_of(const struct model *m, size_t i)
{
    for (size_t r = 0; r < m->nrows; r++)
        if (m->rows[r] == i)
            return r;
    return MODEL_NONE;
}

size_t model_reveal(struct model *m, size_t i)
{
    if (i >= m->all.n || !m->shown[i])
        return MODEL_NONE;
    for (size_t p = m->parent[i]; p != MODEL_NONE; p = m->parent[p])
        model_set_expanded(m, p, 1);
    long long keep = m->cur_id;
    model_rebuild(m);
    m->cur_id = keep;
    return model_row_of(m, i);
}

/* ---- search --------------------------------------------------------------- */

static int task_matches(const struct task *t, const char *q)
{
    if (text_contains_ci(t->code, q) || text_contains_ci(t->text, q) || text_contains_ci(t->body, q) ||
        text_contains_ci(t->lead, q))
        return 1;
    for (size_t k = 0; k < t->nsupport; k++)
        if (text_contains_ci(t->support[k], q))
            return 1;
    return 0;
}

size_t model_find(const struct model *m, size_t from, int dir, int include_from, const char *q)
{
    size_t n = m->all.n;
    if (!n || !q || !*q)
        return MODEL_NONE;
    if (from >= n)
        from = dir > 0 ? n - 1 : 0;
    for (size_t step = include_from ? 0 : 1; step <= n; step++) {
        size_t i = dir > 0 ? (from + step) % n : (from + n - step % n) % n;
        if (m->shown[i] && task_matches(&m->all.v[i], q))
            return i;
    }
    return MODEL_NONE;
}
