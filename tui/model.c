/* The task tree behind the list: loading the index, filter, expansion,
 * cursor, the rows read for the screen (search: tui/model_find.c). */
#include "tui/model.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/mem.h"
#include "util/text.h"
#include "util/err.h"
#include "core/cycle.h"
#include "core/task.h"
#include "core/workflow.h"
#include "db/db_import.h"
#include "db/db_index.h"
#include "db/db_task.h"

static void drop_rows(struct model *m)
{
    for (size_t k = 0; k < MODEL_CACHE; k++) {
        if (m->cache[k].i != MODEL_NONE)
            task_fini(&m->cache[k].t);
        m->cache[k].i = MODEL_NONE;
    }
    if (m->have_current)
        task_fini(&m->current);
    m->have_current = 0;
}

void model_init(struct model *m, int warn_days)
{
    memset(m, 0, sizeof *m);
    m->filter.status = -1;
    m->warn_days = warn_days >= 0 ? warn_days : 7;
    for (size_t k = 0; k < MODEL_CACHE; k++)
        m->cache[k].i = MODEL_NONE;
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
    model_texts_fini(m);
    free_arrays(m);
    drop_rows(m);
    task_index_fini(&m->ix);
    report_list_fini(&m->reports);
    free(m->flip);
    free(m->recent);
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
    return m->filter.dept[0] || m->filter.status >= 0 || m->filter.overdue || m->filter.mine;
}

void model_set_mine(struct model *m, char *const *names, size_t n)
{
    m->nmine = 0;
    for (size_t k = 0; k < n && m->nmine < MODEL_MINE; k++)
        snprintf(m->mine[m->nmine++], sizeof m->mine[0], "%s", names[k]);
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

enum light model_light(const struct model *m, const struct task *t)
{
    int fb = t->status != ST_DONE && t->status != ST_SUBMITTED &&
             cycle_feedback_overdue(&t->cycle, m->today, t->last_note, NULL);
    return light_with_target(light_of(t->status, t->due, m->today, m->warn_days, fb),
                             &t->target, t->target.due, m->today);
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

static long long dept_id(const struct model *m, const char *name)
{
    for (size_t k = 0; k < m->ix.ndepts; k++)
        if (!strcmp(m->ix.depts[k].name, name))
            return m->ix.depts[k].id;
    return -1;
}

static const char *dept_name(const struct model *m, long long id)
{
    for (size_t k = 0; k < m->ix.ndepts; k++)
        if (m->ix.depts[k].id == id)
            return m->ix.depts[k].name;
    return NULL;
}

static void apply_basic(struct model *m);

/* Keeps only the tasks of the user's departments (lead or supporting),
 * and the statements of their items. */
static void keep_mine(struct model *m)
{
    size_t n = m->ix.n;
    long long ids[MODEL_MINE];
    unsigned char *own = calloc(n ? n : 1, 1);
    size_t nid = 0;
    for (size_t k = 0; k < m->nmine; k++)
        if ((ids[nid] = dept_id(m, m->mine[k])) >= 0)
            nid++;
    if (!own) {
        memset(m->match, 0, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < nid && !own[i]; k++)
            own[i] = m->ix.v[i].lead == ids[k];
    for (size_t s = 0; s < m->ix.nsupport; s++)
        for (size_t k = 0; k < nid; k++)
            if (m->ix.support[s].dept == ids[k])
                own[m->ix.support[s].task] = 1;
    for (size_t i = 0; i < n; i++) {     /* parents come first */
        size_t p = m->parent[i];
        if (!own[i] && p != MODEL_NONE && m->ix.v[i].kind == KIND_STATEMENT &&
            m->ix.v[p].kind == KIND_ITEM && own[p])
            own[i] = 1;
        m->match[i] &= own[i];
    }
    free(own);
}

/* Marks the tasks that the filter matches (all when there is none), as
 * the database's filter would (lead or supporting department, status,
 * due before today and not done). */
static void apply_filter(struct model *m)
{
    size_t n = m->ix.n;
    const struct model_filter *f = &m->filter;
    if (!model_filter_active(m)) {
        memset(m->match, 1, n);
        return;
    }
    if (!f->dept[0] && f->status < 0 && !f->overdue)
        memset(m->match, 1, n);
    else
        apply_basic(m);
    if (f->mine)
        keep_mine(m);
}

/* The department, status and overdue parts of the filter. */
static void apply_basic(struct model *m)
{
    size_t n = m->ix.n;
    const struct model_filter *f = &m->filter;
    long long dept = f->dept[0] ? dept_id(m, f->dept) : 0;
    for (size_t i = 0; i < n; i++) {
        const struct task_node *t = &m->ix.v[i];
        m->match[i] = (f->status < 0 || t->status == f->status) &&
                      (!f->overdue || (t->due[0] && strcmp(t->due, m->today) < 0 &&
                                       t->status != ST_DONE)) &&
                      (!dept || t->lead == dept);
    }
    if (dept) {            /* or supporting it */
        for (size_t k = 0; k < m->ix.nsupport; k++) {
            const struct support_ref *r = &m->ix.support[k];
            const struct task_node *t = &m->ix.v[r->task];
            if (r->dept == dept && !m->match[r->task] &&
                (f->status < 0 || t->status == f->status) &&
                (!f->overdue || (t->due[0] && strcmp(t->due, m->today) < 0 &&
                                 t->status != ST_DONE)))
                m->match[r->task] = 1;
        }
    }
}

/* shown (matches or has a matching descendant), kids, counts. */
static void derive(struct model *m)
{
    size_t n = m->ix.n;
    for (size_t i = 0; i < n; i++) {
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
        const struct task_node *t = &m->ix.v[i];
        if (t->kind == KIND_ITEM && m->match[i] && t->status < ST_COUNT) {
            m->counts[t->status]++;
            m->nitems++;
        }
    }
}

/* Parent links and the widest code and lead, once a load. In tree order
 * a task's parent is the last task one level up (a stack of them); a
 * sorted id index answers the rest, if any. */
static int link(struct model *m)
{
    size_t n = m->ix.n, up[64], nix = 0;
    struct id_index *ix = NULL;
    long long lead_seen = 0;
    m->wcode = m->wlead = 0;
    for (size_t d = 0; d < 64; d++)
        up[d] = MODEL_NONE;
    for (size_t i = 0; i < n; i++) {
        const struct task_node *t = &m->ix.v[i];
        size_t d = (size_t)t->depth, p = MODEL_NONE;
        if (t->parent_id && d > 0 && d <= 64 && up[d - 1] != MODEL_NONE &&
            m->ix.v[up[d - 1]].id == t->parent_id)
            p = up[d - 1];
        else if (t->parent_id) {
            if (!ix) {
                if (!(ix = malloc((n ? n : 1) * sizeof *ix)))
                    return -1;
                for (size_t k = 0; k < n; k++)
                    ix[k] = (struct id_index){.id = m->ix.v[k].id, .i = k};
                qsort(ix, n, sizeof *ix, cmp_id);
                nix = n;
            }
            p = lookup(ix, nix, t->parent_id);
        }
        if (d < 64)
            up[d] = i;
        m->parent[i] = p;
        int w = 2 * t->depth + 2 + t->code_len;
        m->wcode = w > m->wcode ? w : m->wcode;
        if (t->lead && t->lead != lead_seen) {   /* leads come in runs */
            const char *name = dept_name(m, t->lead);
            w = name ? text_width(name) : 0;
            m->wlead = w > m->wlead ? w : m->wlead;
            lead_seen = t->lead;
        }
    }
    free(ix);
    return 0;
}

int model_load(struct model *m, struct db *db, char *err, size_t errlen)
{
    struct report_list rl = {0};
    struct task_index x = {0};
    int rc = db_report_list(db, &rl, err, errlen);
    if (rc != FU_OK)
        return rc;
    report_list_fini(&m->reports);
    m->reports = rl;
    m->loads++;
    m->db = db;
    pick_report(m);
    if (m->report_id && (rc = db_task_index(db, m->report_id, &x, err, errlen)) != FU_OK)
        return rc;
    free_arrays(m);
    drop_rows(m);
    model_texts_fini(m);   /* read again for the new index (model_idle) */
    task_index_fini(&m->ix);
    m->ix = x;
    size_t n = x.n, cap = n ? n : 1;
    m->parent = malloc(cap * sizeof *m->parent);
    m->match = malloc(cap);
    m->shown = malloc(cap);
    m->kids = malloc(cap);
    m->rows = malloc(cap * sizeof *m->rows);
    if (!m->parent || !m->match || !m->shown || !m->kids || !m->rows || link(m) != 0) {
        free_arrays(m);
        task_index_fini(&m->ix);
        snprintf(err, errlen, "out of memory loading %zu tasks", n);
        return FU_ERR;
    }
    apply_filter(m);
    derive(m);
    model_rebuild(m);
    return FU_OK;
}

/* The widest lead name, when a changed task's lead may be wider. */
static void widen_lead(struct model *m, const struct task_node *t)
{
    const char *name = t->lead ? dept_name(m, t->lead) : NULL;
    int w = name ? text_width(name) : 0;
    m->wlead = w > m->wlead ? w : m->wlead;
}

int model_refresh(struct model *m, struct db *db, char *err, size_t errlen)
{
    size_t *changed = NULL, n = 0;
    int full = 0;
    if (!m->report_id || !m->match)
        return model_load(m, db, err, errlen);
    int rc = db_task_index_update(db, m->report_id, &m->ix, &full, &changed, &n, err, errlen);
    if (rc != FU_OK || full)
        return rc != FU_OK ? rc : model_load(m, db, err, errlen);
    for (size_t k = 0; k < n; k++) {
        size_t i = changed[k];
        struct model_row *r = &m->cache[i % MODEL_CACHE];
        if (r->i == i) {          /* its row is read again when drawn */
            task_fini(&r->t);
            r->i = MODEL_NONE;
        }
        if (m->have_current && m->current.id == m->ix.v[i].id) {
            task_fini(&m->current);
            m->have_current = 0;
        }
        widen_lead(m, &m->ix.v[i]);
    }
    m->refreshed += n;
    free(changed);
    if (n)
        model_refilter(m);
    return FU_OK;
}

void model_refilter(struct model *m)
{
    if (!m->match)
        return;
    apply_filter(m);
    derive(m);
    model_rebuild(m);
}

size_t model_count(const struct model *m)
{
    return m->ix.n;
}

/* ---- rows read for the screen ---------------------------------------------- */

const struct task *model_task(struct model *m, size_t i)
{
    char err[FU_ERRLEN];
    if (i >= m->ix.n || !m->db)
        return NULL;
    struct model_row *r = &m->cache[i % MODEL_CACHE];
    if (r->i == i)
        return &r->t;
    if (r->i != MODEL_NONE)
        task_fini(&r->t);
    r->i = MODEL_NONE;
    m->reads++;
    if (db_task_get(m->db, m->ix.v[i].id, &r->t, err, sizeof err) != FU_OK)
        return NULL;
    r->i = i;
    return &r->t;
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
    const struct task_node *t = &m->ix.v[i];
    int def = m->fold == 1 ? 1 : m->fold == 2 ? 0
                                             : t->kind == KIND_SECTION || model_filter_active(m);
    return m->nflip && flip_pos(m, t->id) != MODEL_NONE ? !def : def;
}

void model_set_expanded(struct model *m, size_t i, int on)
{
    if (model_expanded(m, i) == !!on)
        return;
    long long id = m->ix.v[i].id;
    size_t k = flip_pos(m, id);
    if (k != MODEL_NONE) {
        m->flip[k] = m->flip[--m->nflip];
        return;
    }
    if (mem_grow((void **)&m->flip, m->nflip, &m->capflip, sizeof *m->flip) != 0)
        return;
    m->flip[m->nflip++] = id;
}

/* ---- sorted order ---------------------------------------------------------- */

struct sort_key {
    size_t i;
    enum model_sort by;
    int status, late;
    long long seq, rank;
    const char *due;
};

static int cmp_due(const char *a, const char *b)
{
    if (!*a || !*b)
        return !*a - !*b;              /* no due date last */
    return strcmp(a, b);
}

static int cmp_key(const void *pa, const void *pb)
{
    const struct sort_key *a = pa, *b = pb;
    int d = 0;
    switch (a->by) {
    case SORT_DUE: d = cmp_due(a->due, b->due); break;
    case SORT_STATUS: d = a->status - b->status; break;
    case SORT_OVERDUE:
        d = b->late - a->late;
        if (!d && a->late)
            d = cmp_due(a->due, b->due);
        break;
    case SORT_UPDATED: d = a->rank < b->rank ? -1 : a->rank > b->rank; break;
    default: break;
    }
    return d ? d : (a->seq > b->seq) - (a->seq < b->seq);
}

/* The items that match the filter, flat, in the order m->sort says. */
static void sort_rows(struct model *m)
{
    size_t n = m->ix.n, k = 0, nr = m->sort == SORT_UPDATED ? m->nrecent : 0;
    struct sort_key *v = malloc((n ? n : 1) * sizeof *v);
    struct id_index *rix = malloc((nr ? nr : 1) * sizeof *rix);   /* id -> its place */
    if (!v || !rix) {
        free(v);
        free(rix);
        return;
    }
    for (size_t r = 0; r < nr; r++)
        rix[r] = (struct id_index){.id = m->recent[r], .i = r};
    qsort(rix, nr, sizeof *rix, cmp_id);
    for (size_t i = 0; i < n; i++) {
        const struct task_node *t = &m->ix.v[i];
        if (!m->match[i] || t->kind != KIND_ITEM)
            continue;
        size_t place = nr ? lookup(rix, nr, t->id) : MODEL_NONE;
        long long rank = place == MODEL_NONE ? LLONG_MAX : (long long)place;
        v[k++] = (struct sort_key){.i = i, .by = m->sort, .status = t->status, .seq = t->seq,
                                   .rank = rank, .due = t->due,
                                   .late = t->due[0] && t->status != ST_DONE &&
                                           strcmp(t->due, m->today) < 0};
    }
    qsort(v, k, sizeof *v, cmp_key);
    for (size_t r = 0; r < k; r++)
        m->rows[r] = v[r].i;
    m->nrows = k;
    free(v);
    free(rix);
}

int model_set_sort(struct model *m, enum model_sort sort, char *err, size_t errlen)
{
    free(m->recent);
    m->recent = NULL;
    m->nrecent = 0;
    m->sort = sort;
    int rc = FU_OK;
    if (sort == SORT_UPDATED && m->db && m->report_id)
        rc = db_task_recent(m->db, m->report_id, &m->recent, &m->nrecent, err, errlen);
    if (m->match)
        model_rebuild(m);
    return rc;
}

void model_rebuild(struct model *m)
{
    size_t n = m->ix.n;
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
    if (m->sort != SORT_TREE)
        sort_rows(m);
    size_t r = MODEL_NONE;
    for (size_t k = 0; k < m->nrows && r == MODEL_NONE; k++)
        if (m->ix.v[m->rows[k]].id == m->cur_id)
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
    m->cur_id = m->ix.v[m->rows[m->cur]].id;
}

const struct task *model_current(struct model *m)
{
    char err[FU_ERRLEN];
    if (!m->nrows || !m->db)
        return NULL;
    long long id = m->ix.v[m->rows[m->cur]].id;
    if (m->have_current && m->current.id == id)
        return &m->current;
    if (m->have_current)
        task_fini(&m->current);
    m->reads++;
    m->have_current = db_task_get(m->db, id, &m->current, err, sizeof err) == FU_OK;
    return m->have_current ? &m->current : NULL;
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
    if (i >= m->ix.n || !m->shown[i])
        return MODEL_NONE;
    for (size_t p = m->parent[i]; p != MODEL_NONE; p = m->parent[p])
        model_set_expanded(m, p, 1);
    long long keep = m->cur_id;
    model_rebuild(m);
    m->cur_id = keep;
    return model_row_of(m, i);
}
