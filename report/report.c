/* Status reports: ratings, dates, the model's lifetime, the computed
 * summaries, labels and the format dispatch (contract in report/report.h). */
#include "report/report.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"
#include "util/outfile.h"
#include "report/report_int.h"
#include "util/text.h"
#include "core/calendar.h"

int rpt_format_parse(const char *s, enum rpt_format *out)
{
    static const char *const names[] = {"text", "md", "csv", "html", "json", "xlsx", "docx"};
    for (int i = 0; s && i < 7; i++)
        if (strcasecmp(s, names[i]) == 0) {
            *out = (enum rpt_format)i;
            return 0;
        }
    if (s && (strcasecmp(s, "markdown") == 0 || strcasecmp(s, "txt") == 0)) {
        *out = strcasecmp(s, "txt") == 0 ? RPT_TEXT : RPT_MD;
        return 0;
    }
    return -1;
}

int rpt_format_binary(enum rpt_format f)
{
    return f == RPT_XLSX || f == RPT_DOCX;
}

/* ---- the model's lifetime ------------------------------------------------------- */

void rpt_init(struct rpt *r)
{
    memset(r, 0, sizeof *r);
    r->warn_days = 7;
}

/* ---- the items' storage --------------------------------------------------------- */

#define STRS_BLOCK 65536   /* bytes a block holds; a longer string gets its own */

struct strs_block { struct strs_block *prev; size_t used, cap; max_align_t data[]; };
struct rpt_strs {
    struct strs_block *top;
    char **names;          /* rpt_dept_str's table: open addressing, a power of two */
    size_t nnames, capnames;
};

static void strs_free(struct rpt_strs *s)
{
    if (!s)
        return;
    for (struct strs_block *b = s->top, *p; b; b = p) {
        p = b->prev;
        free(b);
    }
    free(s->names);
    free(s);
}

static struct rpt_strs *strs_of(struct rpt *r)
{
    if (!r->strs)
        r->strs = calloc(1, sizeof *r->strs);
    return r->strs;
}

void *rpt_alloc(struct rpt *r, size_t n)
{
    size_t a = sizeof(max_align_t);
    n = (n + a - 1) / a * a;
    if (!strs_of(r))
        return NULL;
    struct strs_block *b = r->strs->top;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > STRS_BLOCK / 4 ? n : STRS_BLOCK;
        struct strs_block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        if (b && n > STRS_BLOCK / 4) {   /* a big one goes under the current block */
            nb->prev = b->prev;
            b->prev = nb;
        } else {
            nb->prev = b;
            r->strs->top = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

char *rpt_str(struct rpt *r, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = rpt_alloc(r, n);
    return d ? memcpy(d, s, n) : NULL;
}

static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603ULL & (size_t)-1;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (1099511628211ULL & (size_t)-1);
    return h;
}

/* The slot of name in a table of cap (a power of two) slots: where it is,
 * or the free one it would go to. */
static size_t name_slot(char *const *v, size_t cap, const char *name)
{
    size_t h = name_hash(name) & (cap - 1);
    while (v[h] && strcmp(v[h], name) != 0)
        h = (h + 1) & (cap - 1);
    return h;
}

char *rpt_dept_str(struct rpt *r, const char *name)
{
    struct rpt_strs *s = name ? strs_of(r) : NULL;
    if (!s)
        return NULL;
    if (2 * (s->nnames + 1) > s->capnames) {    /* at most half full */
        size_t cap = s->capnames ? s->capnames * 2 : 256;
        char **v = calloc(cap, sizeof *v);
        if (!v)
            return NULL;
        for (size_t i = 0; i < s->capnames; i++)
            if (s->names[i])
                v[name_slot(v, cap, s->names[i])] = s->names[i];
        free(s->names);
        s->names = v;
        s->capnames = cap;
    }
    size_t h = name_slot(s->names, s->capnames, name);
    if (!s->names[h]) {
        if (!(s->names[h] = rpt_str(r, name)))
            return NULL;
        s->nnames++;
    }
    return s->names[h];
}

static void round_fini(struct rpt_round *ro)
{
    free(ro->name);
    memset(ro, 0, sizeof *ro);
}

void rpt_fini(struct rpt *r)
{
    rpt_targets_fini(r);
    for (size_t i = 0; i < r->nsources; i++) {
        free(r->sources[i].title);
        free(r->sources[i].doc_no);
    }
    free(r->sources);
    round_fini(&r->since);
    round_fini(&r->rated);
    for (size_t i = 0; i < r->nsections; i++)
        free(r->sections[i].title);
    free(r->sections);
    free(r->items);            /* their strings are in r->strs */
    for (size_t i = 0; i < r->nchanges; i++) {
        struct rpt_change *c = &r->changes[i];
        free(c->title);
        free(c->old_value);
        free(c->new_value);
        free(c->author);
        free(c->text);
    }
    free(r->changes);
    for (size_t i = 0; i < r->ndept_order; i++)
        free(r->dept_order[i]);
    free(r->dept_order);
    free(r->scope);
    for (size_t i = 0; i < r->ndepts; i++) {
        free(r->depts[i].name);
        free(r->depts[i].items);
    }
    free(r->depts);
    free(r->overdue);
    free(r->due_soon);
    free(r->ranked);
    free(r->fb_late);
    strs_free(r->strs);
    rpt_init(r);
}

/* Grows *v (elements of size sz) to hold at least need; 0 or -1. */
static int reserve(void **v, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*v, ncap * sz);
    if (!p)
        return -1;
    *v = p;
    *cap = ncap;
    return 0;
}

/* Room for one more after n. */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
    return reserve(v, cap, n + 1, sz);
}

int rpt_reserve_items(struct rpt *r, size_t n)
{
    if (r->nitems + n <= r->capitems)
        return 0;
    struct rpt_item *v = realloc(r->items, (r->nitems + n) * sizeof *v);
    if (!v)
        return -1;
    r->items = v;
    r->capitems = r->nitems + n;
    return 0;
}

struct rpt_item *rpt_add_item(struct rpt *r)
{
    if (grow((void **)&r->items, &r->capitems, r->nitems, sizeof *r->items) != 0)
        return NULL;
    struct rpt_item *it = &r->items[r->nitems++];
    memset(it, 0, sizeof *it);
    it->code = it->kind = it->note_at = it->instruction_at = "";
    it->section = -1;
    it->rating = -1;
    it->was = -1;
    return it;
}

struct rpt_change *rpt_add_change(struct rpt *r)
{
    if (grow((void **)&r->changes, &r->capchanges, r->nchanges, sizeof *r->changes) != 0)
        return NULL;
    struct rpt_change *c = &r->changes[r->nchanges++];
    memset(c, 0, sizeof *c);
    return c;
}

/* ---- computing ------------------------------------------------------------------ */

/* Departments by name: a sorted index for lookups while counting. */
struct dept_ix {
    const char *name;
    size_t dept;
};

static int ix_cmp(const void *x, const void *y)
{
    return strcmp(((const struct dept_ix *)x)->name, ((const struct dept_ix *)y)->name);
}

static int find_dept(const struct dept_ix *ix, size_t n, const char *name, size_t *out)
{
    struct dept_ix key = {name, 0};
    const struct dept_ix *hit = name ? bsearch(&key, ix, n, sizeof *ix, ix_cmp) : NULL;
    if (hit)
        *out = hit->dept;
    return hit != NULL;
}

/* Adds a department (name NULL: unassigned) unless present. */
static int add_dept(struct rpt *r, const char *name)
{
    for (size_t i = 0; i < r->ndepts; i++)
        if ((!name && !r->depts[i].name) ||
            (name && r->depts[i].name && strcmp(name, r->depts[i].name) == 0))
            return 0;
    struct rpt_dept *v = realloc(r->depts, (r->ndepts + 1) * sizeof *v);
    if (!v)
        return -1;
    r->depts = v;
    memset(&v[r->ndepts], 0, sizeof *v);
    if (name && !(v[r->ndepts].name = strdup(name)))
        return -1;
    r->ndepts++;
    return 0;
}

/* The departments that have items: first in the database's order, then
 * any others by name, then the unassigned items. */
static int collect_depts(struct rpt *r)
{
    int unassigned = 0;
    char **seen = NULL;
    size_t nseen = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < r->nitems; i++) {
        const struct rpt_item *it = &r->items[i];
        unassigned |= !it->lead;
        for (size_t k = 0; rc == 0 && k <= it->nsupport; k++) {
            const char *n = k == 0 ? it->lead : it->support[k - 1];
            if (!n)
                continue;
            if (grow((void **)&seen, &cap, nseen, sizeof *seen) != 0)
                rc = -1;
            else
                seen[nseen++] = (char *)n;
        }
    }
    for (size_t i = 0; rc == 0 && i < r->ndept_order; i++)
        for (size_t k = 0; k < nseen; k++)
            if (strcmp(seen[k], r->dept_order[i]) == 0) {
                rc = add_dept(r, r->dept_order[i]);
                break;
            }
    for (size_t k = 0; rc == 0 && k < nseen; k++)
        rc = add_dept(r, seen[k]);   /* not in dept_order (or none given): appended */
    if (rc == 0 && unassigned)
        rc = add_dept(r, NULL);
    free(seen);
    return rc;
}

static void count_item(struct rpt_dept *d, const struct rpt_item *it, int lead)
{
    if (lead) {
        d->lead[it->status]++;
        d->nlead++;
    } else {
        d->support[it->status]++;
        d->nsupport++;
    }
    d->done += it->status == ST_DONE;
    d->overdue += it->overdue != 0;
}

/* Each department's items array at its size (counted first): a
 * department of a report of 63,000 items holds a few thousand, and an
 * array for every item each would be most of the report's memory. */
static int size_depts(struct rpt *r, const struct dept_ix *ix, size_t nix, size_t unassigned)
{
    for (size_t i = 0; i < r->nitems; i++) {
        const struct rpt_item *it = &r->items[i];
        size_t d = unassigned;
        if (it->lead ? find_dept(ix, nix, it->lead, &d) : d < r->ndepts)
            r->depts[d].nitems++;
        for (size_t k = 0; k < it->nsupport; k++)
            if (find_dept(ix, nix, it->support[k], &d))
                r->depts[d].nitems++;
    }
    for (size_t i = 0; i < r->ndepts; i++) {
        r->depts[i].items = malloc((r->depts[i].nitems + 1) * sizeof *r->depts[i].items);
        r->depts[i].nitems = 0;
        if (!r->depts[i].items)
            return -1;
    }
    return 0;
}

static int count_depts(struct rpt *r)
{
    struct dept_ix *ix = calloc(r->ndepts + 1, sizeof *ix);
    size_t nix = 0, unassigned = r->ndepts;
    if (!ix)
        return -1;
    for (size_t i = 0; i < r->ndepts; i++) {
        if (r->depts[i].name)
            ix[nix++] = (struct dept_ix){r->depts[i].name, i};
        else
            unassigned = i;
    }
    qsort(ix, nix, sizeof *ix, ix_cmp);
    if (size_depts(r, ix, nix, unassigned) != 0) {
        free(ix);
        return -1;
    }
    for (int pass = 0; pass < 2; pass++)   /* as lead first, then as support */
        for (size_t i = 0; i < r->nitems; i++) {
            const struct rpt_item *it = &r->items[i];
            size_t d = unassigned;
            for (size_t k = 0; pass == 1 && k < it->nsupport; k++)
                if (find_dept(ix, nix, it->support[k], &d)) {
                    count_item(&r->depts[d], it, 0);
                    r->depts[d].items[r->depts[d].nitems++] = i;
                }
            if (pass == 0 && (it->lead ? find_dept(ix, nix, it->lead, &d) : d < r->ndepts)) {
                count_item(&r->depts[d], it, 1);
                r->depts[d].items[r->depts[d].nitems++] = i;
                r->depts[d].nlead_items++;
            }
        }
    free(ix);
    return 0;
}

static const struct rpt *sort_ctx;   /* qsort has no context argument */

static int by_late(const void *x, const void *y)
{
    const struct rpt_item *a = &sort_ctx->items[*(const size_t *)x];
    const struct rpt_item *b = &sort_ctx->items[*(const size_t *)y];
    if (a->late != b->late)
        return a->late > b->late ? -1 : 1;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;   /* report order */
}

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "out of memory");
    return FU_ERR;
}

int rpt_compute(struct rpt *r, char *err, size_t errlen)
{
    if (cal_date_valid(r->today) != 0) {
        snprintf(err, errlen, "'%s' is not a date for today; use YYYY-MM-DD", r->today);
        return FU_USAGE;
    }
    memset(r->by_status, 0, sizeof r->by_status);
    memset(r->by_rating, 0, sizeof r->by_rating);
    r->total = r->nrated = 0;
    free(r->overdue);
    free(r->due_soon);
    r->overdue = calloc(r->nitems + 1, sizeof *r->overdue);
    r->due_soon = calloc(r->nitems + 1, sizeof *r->due_soon);
    r->noverdue = r->ndue_soon = 0;
    if (!r->overdue || !r->due_soon)
        return oom(err, errlen);
    for (size_t i = 0; i < r->nitems; i++) {
        struct rpt_item *it = &r->items[i];
        long late = 0;
        if ((unsigned)it->status >= ST_COUNT)
            it->status = ST_TODO;
        r->by_status[it->status]++;
        r->total++;
        it->late = it->due[0] && cal_days_between(it->due, r->today, &late) == 0 ? late : 0;
        it->overdue = it->due[0] && it->status != ST_DONE && it->late > 0;
        it->due_soon = it->due[0] && it->status != ST_DONE && it->late <= 0 &&
                       -it->late <= r->warn_days;
        if (it->overdue)
            r->overdue[r->noverdue++] = i;
        if (it->due_soon)
            r->due_soon[r->ndue_soon++] = i;
        if (it->rating >= 0 && it->rating < RATING_COUNT) {
            r->by_rating[it->rating]++;
            r->nrated++;
        }
    }
    sort_ctx = r;
    qsort(r->overdue, r->noverdue, sizeof *r->overdue, by_late);
    qsort(r->due_soon, r->ndue_soon, sizeof *r->due_soon, by_late);   /* soonest first */
    sort_ctx = NULL;
    for (size_t i = 0; i < r->ndepts; i++) {
        free(r->depts[i].name);
        free(r->depts[i].items);
    }
    free(r->depts);
    r->depts = NULL;
    r->ndepts = 0;
    if (collect_depts(r) != 0 || count_depts(r) != 0 || rpt_compute_workflow(r) != 0)
        return oom(err, errlen);
    return FU_OK;
}

/* ---- labels ---------------------------------------------------------------------- */

static const char *const labels[L_COUNT][2] = {
    [L_TITLE] = {"Follow-up status report", "督办工作情况报告"},
    [L_SOURCE] = {"Report", "报告"},
    [L_DOC_NO] = {"Document no.", "文号"},
    [L_AS_OF] = {"As of", "统计日期"},
    [L_GENERATED] = {"Generated", "生成时间"},
    [L_COMPARED] = {"Compared with", "对照轮次"},
    [L_NO_ROUND] = {"no review round", "无"},
    [L_CHAIN] = {"Audit trail", "审计链"},
    [L_CHAIN_HEAD] = {"Chain head", "链头"},
    [L_SUMMARY] = {"Summary", "总体情况"},
    [L_STATUS] = {"Status", "状态"},
    [L_ITEMS] = {"Items", "项数"},
    [L_SHARE] = {"Share", "占比"},
    [L_TOTAL] = {"Total", "合计"},
    [L_BY_DEPT] = {"By department", "各单位办理情况"},
    [L_BY_SECTION] = {"By section", "分项办理情况"},
    [L_DEPT] = {"Department", "单位"},
    [L_LEAD] = {"Lead", "牵头"},
    [L_SUPPORT] = {"Sup.", "配合"},
    [L_RATE] = {"Done %", "办结率"},
    [L_LATE] = {"Late", "逾期"},
    [L_LEAD_DEPT] = {"Lead", "牵头单位"},
    [L_SUPPORT_DEPTS] = {"Supporting", "配合单位"},
    [L_DUE] = {"Due", "完成时限"},
    [L_CODE] = {"No.", "编号"},
    [L_ITEM] = {"Item", "事项"},
    [L_ROLE] = {"Role", "角色"},
    [L_SUB] = {"Sub-tasks done", "子项办结"},
    [L_NOTE] = {"Latest progress", "最新进展"},
    [L_UNASSIGNED] = {"(no lead department)", "（未明确牵头单位）"},
    [L_NO_SECTION] = {"(outside the sections)", "（未归入章节）"},
    [L_OVERDUE_TITLE] = {"Overdue and due soon", "逾期及临期事项"},
    [L_OVERDUE] = {"Overdue", "逾期事项"},
    [L_DUE_SOON] = {"Due soon", "临期事项"},
    [L_DAYS_LATE] = {"Days late", "逾期天数"},
    [L_DAYS_LEFT] = {"Days left", "剩余天数"},
    [L_NONE] = {"None.", "无。"},
    [L_NO_CHANGES] = {"No changes.", "无变化。"},
    [L_BEFORE] = {"Was", "原"},
    [L_AFTER] = {"Now", "现"},
    [L_WHEN] = {"Date", "日期"},
    [L_WHO] = {"By", "填报人"},
    [L_RATING] = {"Rating", "测评"},
    [L_REMARK] = {"Remark", "意见"},
    [L_NOT_RATED] = {"No item has been rated in this round yet.", "本轮尚未测评。"},
    [L_CHART] = {"Progress", "进度"},
};

const char *rpt_lbl(const struct rpt *r, enum rpt_label l)
{
    return (unsigned)l < L_COUNT ? labels[l][r->zh ? 1 : 0] : "?";
}

const char *rpt_status_lbl(const struct rpt *r, enum task_status s)
{
    return r->zh ? status_zh(s) : status_en(s);
}

const char *rpt_rating_lbl(const struct rpt *r, int rating)
{
    if (rating < 0 || rating >= RATING_COUNT)
        return "";
    return r->zh ? rating_zh((enum rating)rating) : rating_en((enum rating)rating);
}

const char *rpt_change_lbl(const struct rpt *r, enum rpt_change_kind k)
{
    static const char *const names[RPT_CH_COUNT][2] = {
        [RPT_CH_STATUS] = {"Status changed", "状态变化"},
        [RPT_CH_LEAD] = {"Lead department changed", "牵头单位调整"},
        [RPT_CH_DUE] = {"Due date changed", "完成时限调整"},
        [RPT_CH_NEW] = {"New tasks", "新增任务"},
        [RPT_CH_WITHDRAWN] = {"Withdrawn tasks", "撤销任务"},
        [RPT_CH_NOTE] = {"Progress notes added", "新增进展"},
    };
    return (unsigned)k < RPT_CH_COUNT ? names[k][r->zh ? 1 : 0] : "?";
}

/* ---- formatting ------------------------------------------------------------------- */

void rpt_pct(char *buf, size_t len, long long part, long long whole)
{
    if (whole <= 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%.1f%%", 100.0 * (double)part / (double)whole);
}

char *rpt_clean(const char *s)
{
    if (!s)
        s = "";
    size_t cap = strlen(s) * 4 + 16;   /* a placeholder is at most 8 bytes for 2 */
    char *buf = malloc(cap);
    if (buf)
        text_sanitize(s, buf, cap);
    return buf;
}

char *rpt_join(char *const *v, size_t n, const char *sep)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(v[i]) + strlen(sep);
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = 0;
    for (size_t i = 0, o = 0; i < n; i++) {
        o += (size_t)snprintf(out + o, len - o, "%s%s", i ? sep : "", v[i]);
    }
    return out;
}

/* 1..99 in Chinese numerals ("十二"); digits beyond. */
static void zh_number(int n, char *buf, size_t len)
{
    static const char *const d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n > 99)
        snprintf(buf, len, "%d", n);
    else if (n < 10)
        snprintf(buf, len, "%s", d[n]);
    else
        snprintf(buf, len, "%s十%s", n / 10 == 1 ? "" : d[n / 10], d[n % 10]);
}

void rpt_num(const struct rpt *r, int level, int major, int minor, char *buf, size_t len)
{
    char n[32];
    if (level <= 1) {
        zh_number(major, n, sizeof n);
        if (r->zh)
            snprintf(buf, len, "%s、", n);
        else
            snprintf(buf, len, "%d. ", major);
    } else {
        zh_number(minor, n, sizeof n);
        if (r->zh)
            snprintf(buf, len, "（%s）", n);
        else               /* "3.1" would read as task 3.1: English sub-headings go plain */
            snprintf(buf, len, "%s", "");
    }
}

void rpt_days_lbl(const struct rpt *r, long days, char *buf, size_t len)
{
    if (r->zh)
        snprintf(buf, len, "%ld天", days);
    else
        snprintf(buf, len, "%ld day%s", days, days == 1 ? "" : "s");
}

void rpt_late_phrase(const struct rpt *r, const struct rpt_item *it, char *buf, size_t len)
{
    if (!it->due[0] || it->status == ST_DONE)
        snprintf(buf, len, "%s", "");
    else if (it->late > 0 && r->zh)
        snprintf(buf, len, "逾期%ld天", it->late);
    else if (it->late > 0)
        snprintf(buf, len, "%ld day%s overdue", it->late, it->late == 1 ? "" : "s");
    else if (it->late == 0)
        snprintf(buf, len, "%s", r->zh ? "今日到期" : "due today");
    else if (r->zh)
        snprintf(buf, len, "%ld天后到期", -it->late);
    else
        snprintf(buf, len, "due in %ld day%s", -it->late, it->late == -1 ? "" : "s");
}

void rpt_round_lbl(const struct rpt *r, const struct rpt_round *ro, char *buf, size_t len)
{
    if (!ro->id)
        snprintf(buf, len, "%s", rpt_lbl(r, L_NO_ROUND));
    else if (r->zh)
        snprintf(buf, len, "第%lld轮 %s（%s）", ro->id, ro->name ? ro->name : "", ro->held_on);
    else
        snprintf(buf, len, "round %lld \xe2\x80\x9c%s\xe2\x80\x9d (%s)", ro->id,
                 ro->name ? ro->name : "", ro->held_on);
}

void rpt_date_of(const char *iso, char out[11])
{
    snprintf(out, 11, "%.10s", iso ? iso : "");
}

/* ---- strings --------------------------------------------------------------------- */

static void rbuf_add(struct rbuf *b, const char *s, size_t n)
{
    if (b->oom || reserve((void **)&b->p, &b->cap, b->n + n + 1, 1) != 0) {
        b->oom = 1;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

void rbuf_str(struct rbuf *b, const char *s)
{
    if (s)
        rbuf_add(b, s, strlen(s));
}

void rbuf_fmt(struct rbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || b->oom || reserve((void **)&b->p, &b->cap, b->n + (size_t)n + 1, 1) != 0) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

const char *rbuf_get(const struct rbuf *b)
{
    return b->p && !b->oom ? b->p : "";
}

void rbuf_fini(struct rbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* ---- tables --------------------------------------------------------------------- */

void rtab_init(struct rtab *t, int ncol, const char *const *head)
{
    memset(t, 0, sizeof *t);
    t->ncol = ncol > RTAB_MAX ? RTAB_MAX : ncol;
    t->flex = -1;
    for (int i = 0; i < t->ncol; i++) {
        t->head[i] = t->ownhead[i] = strdup(head[i] ? head[i] : "");
        if (!t->ownhead[i]) {
            t->head[i] = "";
            t->oom = 1;
        }
    }
}

void rtab_row(struct rtab *t, const char *const *cells)
{
    if (t->oom)
        return;
    if (reserve((void **)&t->cells, &t->cap, (t->nrows + 1) * (size_t)t->ncol,
                sizeof *t->cells) != 0) {
        t->oom = 1;
        return;
    }
    if (reserve((void **)&t->num, &t->capnum, (t->nrows + 1) * (size_t)t->ncol,
                sizeof *t->num) != 0) {
        t->oom = 1;
        return;
    }
    for (int i = 0; i < t->ncol; i++) {
        char *c = strdup(cells[i] ? cells[i] : "");
        if (!c)
            t->oom = 1;
        t->cells[t->nrows * (size_t)t->ncol + (size_t)i] = c;
        t->num[t->nrows * (size_t)t->ncol + (size_t)i] = NAN;
    }
    t->nrows++;
}

void rtab_num(struct rtab *t, int col, double v)
{
    if (!t->oom && t->nrows > 0 && col >= 0 && col < t->ncol)
        t->num[(t->nrows - 1) * (size_t)t->ncol + (size_t)col] = v;
}

double rtab_numval(const struct rtab *t, size_t row, int col)
{
    return t->num ? t->num[row * (size_t)t->ncol + (size_t)col] : NAN;
}

const char *rtab_cell(const struct rtab *t, size_t row, int col)
{
    const char *c = t->cells[row * (size_t)t->ncol + (size_t)col];
    return c ? c : "";
}

void rtab_fini(struct rtab *t)
{
    for (size_t i = 0; i < t->nrows * (size_t)t->ncol; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->num);
    for (int i = 0; i < t->ncol; i++)
        free(t->ownhead[i]);
    memset(t, 0, sizeof *t);
}

/* ---- writing --------------------------------------------------------------------- */

int rpt_write(const struct rpt *r, enum rpt_format f, FILE *out, char *err, size_t errlen)
{
    struct rsink s = {.r = r, .out = out};
    switch (f) {
    case RPT_XLSX:
        if (rpt_write_xlsx(r, out, err, errlen) != FU_OK)
            return FU_ERR;
        break;
    case RPT_DOCX:
        if (rpt_write_docx(r, out, err, errlen) != FU_OK)
            return FU_ERR;
        break;
    case RPT_CSV:
        rpt_write_csv(r, out);
        break;
    case RPT_JSON:
        rpt_write_json(r, out);
        break;
    case RPT_MD:
        rpt_sink_md(&s);
        rpt_doc(&s);
        break;
    case RPT_HTML:
        rpt_sink_html(&s);
        rpt_doc(&s);
        break;
    default:
        rpt_sink_text(&s);
        rpt_doc(&s);
        break;
    }
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errlen, "cannot write the report (disk full or output closed?)");
        return FU_ERR;
    }
    return FU_OK;
}

struct write_ctx {
    const struct rpt *r;
    enum rpt_format f;
};

static int write_to(FILE *out, void *ctx, char *err, size_t errlen)
{
    const struct write_ctx *w = ctx;
    return rpt_write(w->r, w->f, out, err, errlen);
}

int rpt_write_file(const struct rpt *r, enum rpt_format f, const char *path, char *err,
                   size_t errlen)
{
    struct write_ctx w = {r, f};
    return outfile_write(path, write_to, &w, err, errlen);
}

int rpt_format_for_path(const char *path, enum rpt_format *out)
{
    static const struct {
        const char *ext;
        enum rpt_format f;
    } exts[] = {{".txt", RPT_TEXT}, {".text", RPT_TEXT}, {".md", RPT_MD},
                {".markdown", RPT_MD}, {".csv", RPT_CSV}, {".html", RPT_HTML},
                {".htm", RPT_HTML}, {".json", RPT_JSON}, {".xlsx", RPT_XLSX},
                {".docx", RPT_DOCX}};
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return -1;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (strcasecmp(dot, exts[i].ext) == 0) {
            *out = exts[i].f;
            return 0;
        }
    return -1;
}

/* ---- reminders --------------------------------------------------------------------- */

struct remind_cols { int late, code, lead; };

static void remind_line(const struct rpt *r, const struct rpt_item *it,
                        const struct remind_cols *w, FILE *out)
{
    char late[64], a[96], b[96], c[96], d[512];
    rpt_late_phrase(r, it, late, sizeof late);
    text_fit(late, w->late, 1, a, sizeof a);
    text_fit(it->code, w->code, 1, b, sizeof b);
    text_fit(it->lead ? it->lead : "-", w->lead, 1, c, sizeof c);
    int rest = RPT_TEXT_WIDTH - 2 - w->late - w->code - w->lead - 3;
    text_fit(it->title ? it->title : "", rest > 10 ? rest : 10, 0, d, sizeof d);
    fprintf(out, "  %s %s %s %s\n", a, b, c, d);
}

/* Column widths from the rows shown. */
static void remind_widths(const struct rpt *r, size_t max_rows, struct remind_cols *w)
{
    size_t shown = 0;
    w->late = w->code = w->lead = 1;
    for (size_t pass = 0; pass < 2; pass++) {
        const size_t *ix = pass ? r->due_soon : r->overdue;
        size_t n = pass ? r->ndue_soon : r->noverdue;
        for (size_t i = 0; i < n && shown < max_rows; i++, shown++) {
            const struct rpt_item *it = &r->items[ix[i]];
            char late[64];
            rpt_late_phrase(r, it, late, sizeof late);
            int lw = text_width(late), cw = text_width(it->code);
            int dw = it->lead ? text_width(it->lead) : 1;
            w->late = lw > w->late ? lw : w->late;
            w->code = cw > w->code ? cw : w->code;
            w->lead = dw > w->lead ? dw : w->lead;
        }
    }
    w->late = w->late > 18 ? 18 : w->late;
    w->code = w->code > 16 ? 16 : w->code;
    w->lead = w->lead > 14 ? 14 : w->lead;
}

size_t rpt_write_remind(const struct rpt *r, FILE *out, size_t max_rows)
{
    size_t late = r->noverdue + r->more_overdue, soon = r->ndue_soon + r->more_due_soon;
    size_t n = late + soon, shown = 0, extra[3];
    size_t m = rpt_remind_workflow_count(r, extra);
    if (n + m == 0)
        return 0;
    char scope[256];
    text_fit(r->scope ? r->scope : (r->zh ? "全部单位" : "all departments"), 40, 0, scope,
             sizeof scope);
    if (r->zh)
        fprintf(out, "督办提醒（%s）：逾期%zu项，%d日内到期%zu项", scope, late,
                r->warn_days, soon);
    else
        fprintf(out, "Follow-up reminder (%s): %zu overdue, %zu due within %d day%s", scope,
                late, soon, r->warn_days, r->warn_days == 1 ? "" : "s");
    rpt_remind_workflow_head(r, extra, out);
    struct remind_cols w;
    remind_widths(r, max_rows, &w);
    for (size_t i = 0; i < r->noverdue && shown < max_rows; i++, shown++)
        remind_line(r, &r->items[r->overdue[i]], &w, out);
    for (size_t i = 0; i < r->ndue_soon && shown < max_rows; i++, shown++)
        remind_line(r, &r->items[r->due_soon[i]], &w, out);
    if (shown < n) {
        if (r->zh)
            fprintf(out, "  另有%zu项未列出（followup list --overdue 列出全部逾期任务）\n",
                    n - shown);
        else
            fprintf(out, "  … and %zu more (followup list --overdue lists every overdue "
                    "task)\n", n - shown);
    }
    rpt_remind_workflow(r, out, max_rows);
    return n + m;
}
