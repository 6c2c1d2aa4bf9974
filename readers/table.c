/* Task tables (任务分解表) and the text the parser reads (contract in
 * readers/fmt.h): a header row naming a task column and an owner or due
 * column makes every row below it an item paragraph
 *     N.任务（牵头单位：…；配合单位：…；完成时限：…）
 * under "一、类别" headings taken from a category column or from label
 * rows (one merged cell across the row), so that a report received as a
 * table and as prose give the parser the same text. */
#include "readers/fmt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

enum col { C_NONE, C_SEQ, C_CAT, C_TASK, C_LEAD, C_RESP, C_SUPPORT, C_DUE, C_NCOLS };

/* Header words, matched inside a cell with its spaces removed. */
static const struct { const char *word; enum col c; } header_words[] = {
    {"序号", C_SEQ}, {"编号", C_SEQ},
    {"类别", C_CAT}, {"分类", C_CAT}, {"领域", C_CAT}, {"板块", C_CAT}, {"方面", C_CAT},
    {"牵头领导", C_NONE}, {"责任领导", C_NONE}, {"分管领导", C_NONE}, {"责任人", C_NONE},
    {"牵头", C_LEAD}, {"主责单位", C_LEAD}, {"主办单位", C_LEAD}, {"主责部门", C_LEAD},
    {"责任单位", C_RESP}, {"责任部门", C_RESP}, {"负责单位", C_RESP}, {"承办单位", C_RESP},
    {"配合", C_SUPPORT}, {"协办", C_SUPPORT}, {"参与单位", C_SUPPORT},
    {"协同单位", C_SUPPORT}, {"协助单位", C_SUPPORT},
    {"时限", C_DUE}, {"完成时间", C_DUE}, {"时间节点", C_DUE}, {"期限", C_DUE},
    {"时间安排", C_DUE},
    {"任务", C_TASK}, {"事项", C_TASK}, {"工作内容", C_TASK}, {"主要内容", C_TASK},
    {"具体内容", C_TASK}, {"工作措施", C_TASK}, {"具体措施", C_TASK}, {"内容", C_TASK},
    {"举措", C_TASK},
};

/* The header word's column for a cell, C_NONE when none. */
static enum col classify(const char *cell)
{
    char s[256];
    size_t i, o = 0;
    for (i = 0; cell[i] && o + 1 < sizeof s; i++)
        if (cell[i] != ' ') s[o++] = cell[i];
    s[o] = 0;
    if (!o || text_width(s) > 16) return C_NONE;     /* a header is a few words */
    for (i = 0; i < sizeof header_words / sizeof header_words[0]; i++)
        if (strstr(s, header_words[i].word)) return header_words[i].c;
    return C_NONE;
}

struct cols { int at[C_NCOLS]; int task2; };    /* column index of each kind, -1 none */

static int header_cols(char *const *cells, size_t n, struct cols *c)
{
    size_t i;
    for (i = 0; i < C_NCOLS; i++) c->at[i] = -1;
    c->task2 = -1;
    for (i = 0; i < n && i < 64; i++) {
        enum col k = classify(cells[i]);
        if (k == C_NONE) continue;
        if (k == C_TASK && c->at[C_TASK] >= 0 && c->task2 < 0) c->task2 = (int)i;
        if (c->at[k] < 0) c->at[k] = (int)i;
    }
    if (c->at[C_LEAD] < 0 && c->at[C_RESP] >= 0) {     /* 责任单位 alone leads */
        c->at[C_LEAD] = c->at[C_RESP];
        c->at[C_RESP] = -1;
    }
    return c->at[C_TASK] >= 0 &&
           (c->at[C_LEAD] >= 0 || c->at[C_SUPPORT] >= 0 || c->at[C_DUE] >= 0);
}

int fmt_is_task_header(char *const *cells, size_t n)
{
    struct cols c;
    return header_cols(cells, n, &c);
}

static const char *cell(const struct fmt_row *r, int i)
{
    return i >= 0 && (size_t)i < r->ncells ? r->cells[i] : "";
}

/* The one value a label row carries (every non-empty cell the same), or NULL. */
static const char *label_of(const struct fmt_row *r, const struct cols *c)
{
    const char *v = NULL;
    size_t i;
    for (i = 0; i < r->ncells; i++) {
        if (!r->cells[i][0]) continue;
        if (v && strcmp(v, r->cells[i])) return NULL;
        v = r->cells[i];
    }
    if (!v) return NULL;
    if (c->at[C_SEQ] >= 0 && !strcmp(cell(r, c->at[C_SEQ]), v) && r->ncells > 1) {
        /* only the number column filled: a label when it is not a number */
        const char *p = v;
        while (*p >= '0' && *p <= '9') p++;
        if (!*p) return NULL;
    }
    if (!strcmp(cell(r, c->at[C_TASK]), v) && c->at[C_SEQ] >= 0 &&
        !cell(r, c->at[C_SEQ])[0] && r->ncells > 2) {
        /* a task without number or owners may still be an item when it is
         * a sentence; a short text without an end mark is a label */
        size_t n = strlen(v);
        if (n >= 3 && !strcmp(v + n - 3, "。")) return NULL;
        return text_width(v) <= 60 ? v : NULL;
    }
    if (!strcmp(cell(r, c->at[C_TASK]), v) && c->at[C_SEQ] < 0) return NULL;
    return v;
}

/* 1 when s starts with a heading marker of its own (一、 （一） (一) 1.). */
static int has_marker(const char *s)
{
    static const char *const open[] = { "（", "(", NULL };
    const char *p = s;
    size_t i;
    for (i = 0; open[i]; i++)
        if (!strncmp(p, open[i], strlen(open[i]))) { p += strlen(open[i]); break; }
    if (!strncmp(p, "一", 3) || !strncmp(p, "二", 3) || !strncmp(p, "三", 3) ||
        !strncmp(p, "四", 3) || !strncmp(p, "五", 3) || !strncmp(p, "六", 3) ||
        !strncmp(p, "七", 3) || !strncmp(p, "八", 3) || !strncmp(p, "九", 3) ||
        !strncmp(p, "十", 3)) {
        while (*p && (unsigned char)*p >= 0xE4 && strncmp(p, "、", 3) && strncmp(p, "）", 3))
            p += 3;
        return !strncmp(p, "、", 3) || !strncmp(p, "）", 3) || *p == ')';
    }
    return 0;
}

/* Departments of a cell written with 、 between them. */
static void put_depts(FILE *o, const char *s)
{
    static const char *const seps[] = { "、", "，", "；", "／", ",", ";", "/", " ", NULL };
    int sep = 0, any = 0;
    while (*s) {
        size_t i, l = 0;
        for (i = 0; seps[i]; i++)
            if (!strncmp(s, seps[i], strlen(seps[i]))) { l = strlen(seps[i]); break; }
        if (l) { sep = 1; s += l; continue; }
        if (sep && any) fputs("、", o);
        sep = 0;
        any = 1;
        fputc(*s++, o);
    }
}

static void put_field(FILE *o, int *first, const char *key, const char *v, int depts)
{
    if (!v[0]) return;
    fputs(*first ? "（" : "；", o);
    *first = 0;
    fputs(key, o);
    fputs("：", o);
    if (depts) put_depts(o, v);
    else fputs(v, o);
}

struct tstate { int section, item; char cat[256]; };

static void put_heading(FILE *o, struct tstate *t, const char *v)
{
    char num[40];
    t->item = 0;
    if (has_marker(v)) {             /* its own number; 一、 counts for the next */
        if (strncmp(v, "（", 3) && v[0] != '(') t->section++;
        fprintf(o, "%s\n", v);
        return;
    }
    fmt_number(++t->section, "chineseCounting", num, sizeof num);
    fprintf(o, "%s、%s\n", num, v);
}

static void put_item(FILE *o, struct tstate *t, const struct fmt_row *r, const struct cols *c)
{
    const char *seq = cell(r, c->at[C_SEQ]), *p = seq, *task = cell(r, c->at[C_TASK]);
    int first = 1;
    while (*p >= '0' && *p <= '9') p++;
    t->item++;
    if (*seq && !*p && p - seq < 6) fprintf(o, "%s.", seq);
    else fprintf(o, "%d.", t->item);
    fputs(task, o);
    if (c->task2 >= 0 && cell(r, c->task2)[0]) fprintf(o, "：%s", cell(r, c->task2));
    put_field(o, &first, "牵头单位", cell(r, c->at[C_LEAD]), 1);
    put_field(o, &first, "责任单位", cell(r, c->at[C_RESP]), 1);
    put_field(o, &first, "配合单位", cell(r, c->at[C_SUPPORT]), 1);
    put_field(o, &first, "完成时限", cell(r, c->at[C_DUE]), 0);
    fputs(first ? "\n" : "）\n", o);
}

/* A row as one line: its distinct non-empty cells. */
static void put_plain_row(FILE *o, const struct fmt_row *r)
{
    size_t i;
    const char *last = NULL;
    int any = 0;
    for (i = 0; i < r->ncells; i++) {
        if (!r->cells[i][0] || (last && !strcmp(last, r->cells[i]))) continue;
        fprintf(o, any ? " %s" : "%s", r->cells[i]);
        last = r->cells[i];
        any = 1;
    }
    if (any) fputc('\n', o);
}

/* Writes one table; 1 when it had a task header. */
static int put_table(FILE *o, const struct fmt_block *b)
{
    struct cols c;
    struct tstate t;
    size_t h, i;
    memset(&t, 0, sizeof t);
    for (h = 0; h < b->nrows && h < 8; h++)
        if (header_cols(b->rows[h].cells, b->rows[h].ncells, &c)) break;
    if (h >= b->nrows || h >= 8) {
        for (i = 0; i < b->nrows; i++) put_plain_row(o, &b->rows[i]);
        return 0;
    }
    for (i = 0; i < h; i++) put_plain_row(o, &b->rows[i]);   /* a title above the header */
    for (i = h + 1; i < b->nrows; i++) {
        const struct fmt_row *r = &b->rows[i];
        const char *lab = label_of(r, &c), *cat = cell(r, c.at[C_CAT]);
        struct cols again;
        if (header_cols(r->cells, r->ncells, &again) && !lab) continue;   /* a repeated header */
        if (lab) { put_heading(o, &t, lab); continue; }
        if (cat[0] && strcmp(cat, t.cat)) {
            snprintf(t.cat, sizeof t.cat, "%s", cat);
            put_heading(o, &t, cat);
        }
        if (cell(r, c.at[C_TASK])[0]) put_item(o, &t, r, &c);
    }
    return 1;
}

int fmt_render_blocks(const struct fmt_doc *d, FILE *out, char *err, size_t errlen)
{
    size_t i;
    int tasks = 0;
    for (i = 0; i < d->nblocks; i++) {
        if (d->blocks[i].text) fprintf(out, "%s\n", d->blocks[i].text);
        else tasks |= put_table(out, &d->blocks[i]);
    }
    if (ferror(out)) return -1;
    if (d->whole_table && !tasks) {
        snprintf(err, errlen, "no task table header row: name the columns in one of the "
                 "first rows, such as 序号, 任务, 牵头单位, 配合单位, 完成时限");
        return 1;
    }
    return 0;
}
