/* Search in the task list: model_find (the next match from a task) and
 * model_count_matches ("Match 3 of 17"). The texts of the report's tasks
 * (code, text, body) are read once, a slice at a time while the interface
 * waits for keys (model_idle), into a haystack (util/haystack.h), and each
 * key of a search scans that memory, from the first character, narrowing
 * the last word's matches when the word grows: no 1- or 2-character word
 * falls back to reading the report from the database. Departments are
 * matched by name against the index's leads and supporting departments,
 * which follow other users' changes. The answers are the database's
 * (LIKE '%word%': ASCII letters without regard to case); when the texts
 * cannot be held (out of memory, a text that is not UTF-8) or the word
 * holds a control character, the database is asked as before. */
#include "tui/model.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/err.h"
#include "util/text.h"
#include "db/db_index.h"

void model_texts_fini(struct model *m)
{
    struct model_texts *t = &m->texts;
    hay_fini(&t->hay);
    free(t->dmark);
    free(t->dhit);
    memset(t, 0, sizeof *t);
}

int model_idle_pending(const struct model *m)
{
    return m->db && m->report_id && m->texts.state == 0;
}

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

struct slice { struct model *m; long long until; size_t rows; int paused; };

/* One task's texts, in index order: the row must be the index's next. */
static int add_row(void *ctx, long long id, long long seq, const char *code, const char *text,
                   const char *body)
{
    struct slice *s = ctx;
    struct model_texts *t = &s->m->texts;
    size_t k = t->hay.n;
    const char *f[3] = {code, text, body};
    if (k >= s->m->ix.n || s->m->ix.v[k].id != id || s->m->ix.v[k].seq != seq ||
        hay_add(&t->hay, f, 3) != 0) {
        t->state = -1;     /* the report changed under us (a reload follows), or no memory */
        return 1;
    }
    s->paused = ++s->rows % 64 == 0 && now_us() >= s->until;
    return s->paused;
}

int model_idle(struct model *m, int budget_ms)
{
    struct model_texts *t = &m->texts;
    char err[FU_ERRLEN];
    if (!model_idle_pending(m))
        return 0;
    size_t n = m->ix.n;
    if (!t->dmark && !(t->dmark = malloc(n ? n : 1))) {
        t->state = -1;
        return 0;
    }
    if (t->hay.n < n) {
        struct slice s = {m, now_us() + (long long)budget_ms * 1000, 0, 0};
        if (db_task_texts(m->db, m->report_id, m->ix.v[t->hay.n].seq, add_row, &s, err,
                          sizeof err) != FU_OK)
            t->state = -1;
        if (t->state == 0 && t->hay.n < n && !s.paused)
            t->state = -1;     /* the rows ended before the index did */
    }
    if (t->state == 0 && t->hay.n == n)
        t->state = 1;
    return t->state == 0;
}

/* 1 when the texts are in memory (read to the end now if need be). */
static int texts_ready(struct model *m)
{
    while (model_idle(m, 1000))
        ;
    return m->texts.state == 1;
}

/* One search in memory: the word, and which tasks match through a
 * department (dmark, NULL when no department's name holds the word). */
struct hunt {
    struct model *m;
    struct hay_word w;
    const unsigned char *dmark;
};

/* Marks the tasks whose lead or a supporting department's name holds
 * q. 0 (h->dmark NULL when none), -1 out of memory. */
static int dept_marks(struct hunt *h, const char *q)
{
    struct model *m = h->m;
    struct model_texts *t = &m->texts;
    long long top = 0;
    size_t any = 0;
    h->dmark = NULL;
    for (size_t d = 0; d < m->ix.ndepts; d++)
        top = m->ix.depts[d].id > top ? m->ix.depts[d].id : top;
    if ((size_t)top + 1 > t->ndhit) {
        unsigned char *v = realloc(t->dhit, (size_t)top + 1);
        if (!v)
            return -1;
        t->dhit = v;
        t->ndhit = (size_t)top + 1;
    }
    memset(t->dhit, 0, t->ndhit);
    for (size_t d = 0; d < m->ix.ndepts; d++)
        if (m->ix.depts[d].id > 0 && text_contains_ci(m->ix.depts[d].name, q)) {
            t->dhit[m->ix.depts[d].id] = 1;
            any = 1;
        }
    if (!any)
        return 0;
    size_t n = m->ix.n;
#define HIT(id) ((id) > 0 && (size_t)(id) < t->ndhit && t->dhit[id])
    for (size_t i = 0; i < n; i++)
        t->dmark[i] = HIT(m->ix.v[i].lead);
    for (size_t k = 0; k < m->ix.nsupport; k++)
        if (m->ix.support[k].task < n && HIT(m->ix.support[k].dept))
            t->dmark[m->ix.support[k].task] = 1;
#undef HIT
    h->dmark = t->dmark;
    return 0;
}

/* Ready to search q in memory: 1, or 0 when the database must answer. */
static int hunt_init(struct hunt *h, struct model *m, const char *q)
{
    h->m = m;
    return hay_word_init(&h->w, q) == 0 && texts_ready(m) && dept_marks(h, q) == 0;
}

/* The first shown match in task indices [a, b), b when none. */
static size_t next_hit(const struct hunt *h, size_t a, size_t b)
{
    const struct model *m = h->m;
    const struct haystack *hay = &m->texts.hay;
    if (h->dmark) {        /* a department matches: most of its tasks are near */
        for (size_t k = a; k < b; k++)
            if (m->shown[k] && (h->dmark[k] || hay_has(hay, &h->w, k)))
                return k;
        return b;
    }
    for (size_t k = hay_next(hay, &h->w, a, b); k < b; k = hay_next(hay, &h->w, k + 1, b))
        if (m->shown[k])
            return k;
    return b;
}

/* The last shown match in task indices [a, b), b when none. */
static size_t prev_hit(const struct hunt *h, size_t a, size_t b)
{
    const struct model *m = h->m;
    const struct haystack *hay = &m->texts.hay;
    if (h->dmark) {
        for (size_t k = b; k-- > a;)
            if (m->shown[k] && (h->dmark[k] || hay_has(hay, &h->w, k)))
                return k;
        return b;
    }
    for (size_t hi = b, k; (k = hay_prev(hay, &h->w, a, hi)) < hi; hi = k)
        if (m->shown[k])
            return k;
    return b;
}

/* The walk of model_find in memory: from from in direction dir, wrapping
 * round, from itself first or last. */
static size_t walk(const struct hunt *h, size_t from, int dir, int include_from)
{
    size_t n = h->m->ix.n, k;
    int here = next_hit(h, from, from + 1) == from;
    if (include_from && here)
        return from;
    if (dir > 0) {
        if ((k = next_hit(h, from + 1, n)) < n || (k = next_hit(h, 0, from)) < from)
            return k;
    } else {
        if ((k = prev_hit(h, 0, from)) < from || (k = prev_hit(h, from + 1, n)) < n)
            return k;
    }
    return here ? from : MODEL_NONE;
}

/* ---- through the database ------------------------------------------------------ */

/* The task at position seq (index order is seq order). */
static size_t index_of_seq(const struct model *m, long long seq)
{
    size_t lo = 0, hi = m->ix.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->ix.v[mid].seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->ix.n && m->ix.v[lo].seq == seq ? lo : MODEL_NONE;
}

/* The first shown match in positions [lo, hi], nearest to lo (or to hi
 * when desc), asking the database a batch at a time. */
static size_t find_in(const struct model *m, long long lo, long long hi, int desc,
                      const char *q)
{
    long long seqs[32];
    size_t n;
    char err[FU_ERRLEN];
    while (lo <= hi) {
        if (db_task_search(m->db, m->report_id, lo, hi, desc, q, seqs, 32, &n, err,
                           sizeof err) != FU_OK || n == 0)
            return MODEL_NONE;
        for (size_t k = 0; k < n; k++) {
            size_t i = index_of_seq(m, seqs[k]);
            if (i != MODEL_NONE && m->shown[i])
                return i;
        }
        if (desc)
            hi = seqs[n - 1] - 1;
        else
            lo = seqs[n - 1] + 1;
    }
    return MODEL_NONE;
}

static size_t db_find(const struct model *m, size_t from, int dir, int include_from,
                      const char *q)
{
    size_t n = m->ix.n, i = MODEL_NONE;
    if (from >= n)
        from = dir > 0 ? n - 1 : 0;
    long long at = m->ix.v[from].seq;
    /* the order of a walk from from, wrapping round */
    if (include_from)
        i = find_in(m, at, at, 0, q);
    if (i == MODEL_NONE)
        i = dir > 0 ? find_in(m, at + 1, LLONG_MAX, 0, q) : find_in(m, 0, at - 1, 1, q);
    if (i == MODEL_NONE)
        i = dir > 0 ? find_in(m, 0, at - 1, 0, q) : find_in(m, at + 1, LLONG_MAX, 1, q);
    if (i == MODEL_NONE && !include_from)
        i = find_in(m, at, at, 0, q);
    return i;
}

static size_t db_count(const struct model *m, const char *q, size_t upto, size_t cap,
                       size_t *before)
{
    long long seqs[64], lo = 0, at = upto < m->ix.n ? m->ix.v[upto].seq : LLONG_MAX;
    size_t n, total = 0;
    char err[FU_ERRLEN];
    while (total < cap && db_task_search(m->db, m->report_id, lo, LLONG_MAX, 0, q, seqs, 64, &n,
                                         err, sizeof err) == FU_OK && n) {
        for (size_t k = 0; k < n && total < cap; k++) {
            size_t i = index_of_seq(m, seqs[k]);
            if (i == MODEL_NONE || !m->shown[i])
                continue;
            total++;
            if (seqs[k] <= at)
                (*before)++;
        }
        lo = seqs[n - 1] + 1;
    }
    return total;
}

/* ---- the entry points ------------------------------------------------------------- */

size_t model_find(struct model *m, size_t from, int dir, int include_from, const char *q)
{
    struct hunt h;
    size_t n = m->ix.n;
    if (!n || !q || !*q || !m->db)
        return MODEL_NONE;
    if (from >= n)
        from = dir > 0 ? n - 1 : 0;
    if (hunt_init(&h, m, q))
        return walk(&h, from, dir, include_from);
    return db_find(m, from, dir, include_from, q);
}

size_t model_count_matches(struct model *m, const char *q, size_t upto, size_t cap,
                           size_t *before)
{
    struct hunt h;
    size_t total = 0, n = m->ix.n;
    *before = 0;
    if (!q || !*q || !m->db || !n)
        return 0;
    if (!hunt_init(&h, m, q))
        return db_count(m, q, upto, cap, before);
    for (size_t k = next_hit(&h, 0, n); k < n && total < cap; k = next_hit(&h, k + 1, n)) {
        total++;
        if (k <= upto)
            (*before)++;
    }
    return total;
}
