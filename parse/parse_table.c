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
    {"民生实事", C_TASK}, {"实事项目", C_TASK}, {"项目", C_TASK}, {"工作事项", C_TASK},
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

/* ---- tables flattened one cell a line ---- */

/* A document viewer's copy of a table gives each cell a line of its own:
 * the column names (序号, 民生实事, 责任单位, 完成时限), then per row its
 * number, the task, one line per department and the due. Such a table is
 * rewritten as the |-separated rows above, which then become items. */

static enum col line_col(const char *s)
{
    struct cell w = {0, strlen(s)};
    scan_trim(s, &w.a, &w.b);
    return col_of(s, &w);
}

/* Column names one a line from lines[i]: how many (0 when these are no
 * such header: it needs the number first, a task and an owner column). */
static size_t vertical_header(const struct pctx *c, size_t i, struct table *t)
{
    size_t j;
    int owners = 0, task = 0;
    t->ncols = 0;
    for (j = i; j < c->nlines && t->ncols < MAXCELLS; j++) {
        enum col k = line_col(c->lines[j].text);
        if (k == C_OTHER) break;
        t->cols[t->ncols++] = k;
        owners |= k == C_LEAD || k == C_RESP;
        task |= k == C_TASK;
    }
    return t->ncols >= 3 && owners && task && t->cols[0] == C_SEQ ? t->ncols : 0;
}

static int is_serial(const char *s, int k)
{
    char want[16];
    size_t a = 0, b = strlen(s);
    scan_trim(s, &a, &b);
    snprintf(want, sizeof want, "%d", k);
    return b - a == strlen(want) && memcmp(s + a, want, b - a) == 0;
}

static int has_stop(const char *s)
{
    size_t n = strlen(s), i, k;
    for (i = 0; i < n; i += k) {
        uint32_t cp = scan_cp(s, n, i, &k);
        if (cp == 0x3002 || cp == 0xFF1B || cp == ';' || scan_is_colon(cp)) return 1;
    }
    return 0;
}

static size_t chars_of(const char *s)
{
    size_t n = strlen(s), i, k, c = 0;
    for (i = 0; i < n; i += k, c++) scan_cp(s, n, i, &k);
    return c;
}

/* A due cell: 12月底前, 9月投入使用, 2024年6月, 长期坚持. */
static int due_cell(const char *s)
{
    return !has_stop(s) && strlen(s) <= 60 &&
           (strstr(s, "月") || strstr(s, "年") || strstr(s, "长期") || strstr(s, "持续"));
}

/* The lines of row k from lines[r] (its number): up to the next number,
 * or for the last row, the task, the departments and the due. */
static size_t row_end(const struct pctx *c, size_t r, int k, int has_due)
{
    size_t j, last;
    for (j = r + 1; j < c->nlines && j <= r + 16; j++)
        if (is_serial(c->lines[j].text, k + 1)) return j;
    last = r + 2;                                  /* the number and the task */
    for (j = r + 2; j < c->nlines && j <= r + 12; j++) {
        const char *s = c->lines[j].text;
        if (has_stop(s) || chars_of(s) > 30) break;
        last = j + 1;
        if (has_due && due_cell(s)) break;
    }
    return last < c->nlines ? last : c->nlines;
}

/* Row lines[r..e) as one |-separated line in the columns of t. */
static char *row_cells(const struct pctx *c, const struct table *t, size_t r, size_t e)
{
    struct buf b = {0};
    size_t j, col, task_end = r + 2, due = e;
    int has_due = 0;
    for (col = 0; col < t->ncols; col++) has_due |= t->cols[col] == C_DUE;
    while (task_end < e && task_end < r + 4 && !has_stop(c->lines[task_end - 1].text) &&
           has_stop(c->lines[task_end].text))
        task_end++;                                /* a task cut over lines */
    if (has_due)
        for (j = task_end; j < e; j++)
            if (due_cell(c->lines[j].text)) { due = j; break; }
    for (col = 0; col < t->ncols; col++) {
        if (col) puts_(&b, "|");
        if (t->cols[col] == C_SEQ) puts_(&b, c->lines[r].text);
        else if (t->cols[col] == C_TASK)
            for (j = r + 1; j < task_end && j < e; j++) puts_(&b, c->lines[j].text);
        else if (t->cols[col] == C_LEAD || t->cols[col] == C_RESP)
            for (j = task_end; j < due; j++) {
                if (j > task_end) puts_(&b, "、");
                puts_(&b, c->lines[j].text);
            }
        else if (t->cols[col] == C_DUE && due < e) puts_(&b, c->lines[due].text);
    }
    for (j = due + 1; j < e; j++) {                /* what else the row holds */
        puts_(&b, "|");
        puts_(&b, c->lines[j].text);
    }
    puts_(&b, "|");
    if (b.oom) { free(b.p); return NULL; }
    return b.p;
}

/* Replaces lines[a..e) by text (owned). */
static void replace_lines(struct pctx *c, size_t a, size_t e, char *text)
{
    size_t j;
    for (j = a; j < e; j++) free(c->lines[j].text);
    c->lines[a].text = text;
    memmove(&c->lines[a + 1], &c->lines[e], (c->nlines - e) * sizeof *c->lines);
    c->nlines -= e - a - 1;
}

static int vertical_table(struct pctx *c, size_t i, const struct table *t, size_t nh)
{
    struct buf h = {0};
    size_t j, r = i + nh;
    int k = 1, has_due = 0;
    for (j = 0; j < nh; j++) {
        if (j) puts_(&h, "|");
        puts_(&h, c->lines[i + j].text);
        has_due |= t->cols[j] == C_DUE;
    }
    puts_(&h, "|");
    if (h.oom) { free(h.p); return -1; }
    replace_lines(c, i, i + nh, h.p);
    for (r = i + 1; r < c->nlines && is_serial(c->lines[r].text, k); k++) {
        size_t e = row_end(c, r, k, has_due);
        char *line = row_cells(c, t, r, e);
        if (!line) return -1;
        replace_lines(c, r, e, line);
        r++;
    }
    return 0;
}

int parse_table_vertical(struct pctx *c)
{
    size_t i;
    for (i = 0; i < c->nlines; i++) {
        struct table t;
        size_t nh = vertical_header(c, i, &t);
        if (nh && i + nh < c->nlines && is_serial(c->lines[i + nh].text, 1) &&
            vertical_table(c, i, &t, nh) < 0)
            return -1;
    }
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
