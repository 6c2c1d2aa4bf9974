/* Task tables flattened into text: a header row of cells separated by |
 * or tabs that names a 牵头单位/责任单位 column, then rows. Each row becomes
 * one item line in the form the readers give task tables
 * (1.任务（牵头单位：X；配合单位：Y；完成时限：Z）), its other cells kept as
 * sentences, a category cell (四、教育文化) as a heading line of its own. */
#include "util/mem.h"
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col { C_OTHER, C_SEQ, C_TASK, C_LEAD, C_RESP, C_SUPPORT, C_DUE, C_LEADER, C_CATEGORY };

static const struct { const char *name; enum col col; } col_names[] = {
    {"序号", C_SEQ}, {"编号", C_SEQ},
    {"任务", C_TASK}, {"工作任务", C_TASK}, {"任务内容", C_TASK}, {"重点任务", C_TASK},
    {"主要任务", C_TASK}, {"具体任务", C_TASK}, {"目标任务", C_TASK}, {"工作内容", C_TASK},
    {"事项", C_TASK}, {"民生事项名称", C_TASK}, {"项目名称", C_TASK}, {"名称", C_TASK},
    {"整改任务", C_TASK}, {"整改措施", C_TASK}, {"问题", C_TASK},
    {"牵头单位", C_LEAD}, {"牵头部门", C_LEAD}, {"主责单位", C_LEAD},
    {"牵头组织实施单位", C_LEAD}, {"责任单位", C_RESP}, {"责任部门", C_RESP},
    {"配合单位", C_SUPPORT}, {"配合部门", C_SUPPORT}, {"协办单位", C_SUPPORT},
    {"参与单位", C_SUPPORT}, {"完成时限", C_DUE}, {"完成时间", C_DUE}, {"时限", C_DUE},
    {"完成期限", C_DUE}, {"时间节点", C_DUE}, {"分管领导", C_LEADER},
    {"责任领导", C_LEADER}, {"分管市领导", C_LEADER}, {"牵头领导", C_LEADER},
    {"类别", C_CATEGORY}, {"分类", C_CATEGORY}, {"领域", C_CATEGORY},
};
#define NCOLS (sizeof col_names / sizeof col_names[0])
#define MAXCELLS 24

struct cell { size_t a, b; };

static int is_sep(const char *s, size_t n, size_t i, size_t *len)
{
    if (s[i] == '|' || s[i] == '\t') { *len = 1; return 1; }
    if (scan_at(s, n, i, "｜")) { *len = strlen("｜"); return 1; }
    return 0;
}

/* Cells of line s (trimmed, trailing empty ones dropped); their count,
 * or 0 when the line has fewer than two separators. */
static size_t cells_of(const char *s, struct cell *v)
{
    size_t n = strlen(s), i = 0, start = 0, nc = 0, seps = 0, len, k;
    while (i <= n && nc < MAXCELLS) {
        if (i == n || is_sep(s, n, i, &len)) {
            size_t a = start, b = i;
            scan_trim(s, &a, &b);
            if (i < n) seps++;
            if (!(nc == 0 && a == b && i < n)) {     /* a leading bar opens no cell */
                v[nc].a = a;
                v[nc++].b = b;
            }
            if (i == n) break;
            i += len;
            start = i;
            continue;
        }
        scan_cp(s, n, i, &k);
        i += k;
    }
    while (nc > 0 && v[nc - 1].a == v[nc - 1].b) nc--;
    return seps >= 2 ? nc : 0;
}

static enum col col_of(const char *s, const struct cell *c)
{
    size_t j, l = c->b - c->a;
    for (j = 0; j < NCOLS; j++)
        if (strlen(col_names[j].name) == l && memcmp(s + c->a, col_names[j].name, l) == 0)
            return col_names[j].col;
    return C_OTHER;
}

struct table { enum col cols[MAXCELLS]; size_t ncols; int has_lead; };

/* A header row: cells naming the columns, a lead or responsible one. */
static int header_row(const char *s, struct table *t)
{
    struct cell v[MAXCELLS];
    size_t n = cells_of(s, v), i;
    int owners = 0, task = 0;
    t->has_lead = 0;
    for (i = 0; i < n; i++) {
        t->cols[i] = col_of(s, &v[i]);
        owners |= t->cols[i] == C_LEAD || t->cols[i] == C_RESP;
        task |= t->cols[i] == C_TASK;
        t->has_lead |= t->cols[i] == C_LEAD;
    }
    t->ncols = n;
    return n >= 2 && owners && task;
}

struct buf { char *p; size_t n, cap; int oom; };

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *q = realloc(b->p, cap);
        if (!q) { b->oom = 1; return; }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

/* Appends a sentence: the cell's text and an end mark unless it has one. */
static void sentence(struct buf *b, const char *s, const struct cell *c)
{
    size_t k;
    if (c->b <= c->a) return;
    put(b, s + c->a, c->b - c->a);
    if (!scan_is_term(scan_cp(s, c->b, scan_back(s, c->b), &k))) puts_(b, "。");
}

static void field(struct buf *b, int *first, const char *key, const char *s, const struct cell *c)
{
    if (c->b <= c->a) return;
    puts_(b, *first ? "（" : "；");
    puts_(b, key);
    put(b, s + c->a, c->b - c->a);
    *first = 0;
}

/* The item line of one row; a category cell goes first on a line of its
 * own. NULL when out of memory. */
static char *row_line(const struct table *t, const char *s, char **category)
{
    struct cell v[MAXCELLS];
    size_t n = cells_of(s, v), i, off = n < t->ncols ? t->ncols - n : 0;
    struct buf b = {0};
    int first = 1;
    enum col want[] = {C_LEAD, C_RESP, C_SUPPORT, C_DUE, C_LEADER};
    static const char *const keys[] = {"牵头单位：", "责任单位：", "配合单位：", "完成时限：",
                                       "责任领导："};
    size_t w;
    *category = NULL;
    for (i = 0; i < n; i++) {             /* the number, the task and its other cells */
        enum col c = i + off < t->ncols ? t->cols[i + off] : C_OTHER;
        if (c == C_CATEGORY) {
            *category = scan_dup_trim(s, v[i].a, v[i].b);
            continue;
        }
        if (c == C_SEQ) {
            put(&b, s + v[i].a, v[i].b - v[i].a);
            puts_(&b, ".");
        } else if (c == C_TASK || c == C_OTHER) {
            sentence(&b, s, &v[i]);
        }
    }
    for (w = 0; w < sizeof want / sizeof *want; w++)
        for (i = 0; i < n; i++)
            if (i + off < t->ncols && t->cols[i + off] == want[w])
                field(&b, &first, keys[w], s, &v[i]);
    if (!first) puts_(&b, "）");
    if (b.oom) { free(b.p); free(*category); *category = NULL; return NULL; }
    return b.p ? b.p : scan_dup("");
}

static int insert_line(struct pctx *c, size_t at, char *text)
{
    size_t cap = c->nlines;
    if (mem_grow((void **)&c->lines, c->nlines, &cap, sizeof *c->lines) < 0) return -1;
    memmove(&c->lines[at + 1], &c->lines[at], (c->nlines - at) * sizeof *c->lines);
    memset(&c->lines[at], 0, sizeof *c->lines);
    c->lines[at].text = text;
    c->lines[at].src = at < c->nlines ? c->lines[at + 1].src : 0;   /* the row it heads */
    c->nlines++;
    return 0;
}

int parse_table_tables(struct pctx *c)
{
    size_t i = 0;
    while (i < c->nlines) {
        struct table t;
        if (!header_row(c->lines[i].text, &t)) { i++; continue; }
        free(c->lines[i].text);                 /* the column names go */
        memmove(&c->lines[i], &c->lines[i + 1], (c->nlines - i - 1) * sizeof *c->lines);
        c->nlines--;
        while (i < c->nlines) {
            struct cell v[MAXCELLS];
            const char *s = c->lines[i].text;
            char *cat, *line;
            if (parse_header_is_meta_line(s) || cells_of(s, v) < 2) break;
            if (!(line = row_line(&t, s, &cat))) return -1;
            free(c->lines[i].text);
            c->lines[i].text = line;
            if (cat && *cat) {
                if (insert_line(c, i, cat) < 0) { free(cat); return -1; }
                i++;
            } else {
                free(cat);
            }
            i++;
        }
    }
    return 0;
}
