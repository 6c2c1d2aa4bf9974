/* Building the readers' intermediate form (contract in readers/fmt.h). */
#include "readers/fmt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/text.h"

/* One line of s[0..n): C0/C1 controls, line ends and white space (ASCII,
 * U+3000 kept apart) become single spaces; both ends trimmed. malloc'ed. */
static char *clean(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    size_t i = 0, k = 0;
    int space = 0;
    if (!o) return NULL;
    while (i < n) {
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        int ws = cp < 0x20 || cp == ' ' || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
                 cp == 0xA0 || cp == 0xFEFF || cp == 0x200B || cp == 0x2028 || cp == 0x2029;
        if (ws) {
            space = 1;
        } else {
            if (space && k) o[k++] = ' ';
            space = 0;
            if (cp == 0xFFFD && l == 1) { memcpy(o + k, "?", 1); k++; }
            else { memcpy(o + k, s + i, l); k += l; }
        }
        i += l;
    }
    o[k] = 0;
    return o;
}

static int add_block(struct fmt_doc *d, char *text)
{
    struct fmt_block *b;
    if (mem_grow((void **)&d->blocks, d->nblocks, &d->capblocks, sizeof *d->blocks) < 0)
        return -1;
    b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->text = text;
    return 0;
}

int fmt_add_para(struct fmt_doc *d, const char *s, size_t n)
{
    char *t = clean(s, n);
    if (!t) return -1;
    if (!*t) { free(t); return 0; }
    if (add_block(d, t) < 0) { free(t); return -1; }
    return 0;
}

int fmt_add_table(struct fmt_doc *d)
{
    return add_block(d, NULL);
}

static struct fmt_block *last_table(struct fmt_doc *d)
{
    if (!d->nblocks || d->blocks[d->nblocks - 1].text) return NULL;
    return &d->blocks[d->nblocks - 1];
}

int fmt_add_row(struct fmt_doc *d)
{
    struct fmt_block *b = last_table(d);
    struct fmt_row *r;
    if (!b && (fmt_add_table(d) < 0 || !(b = last_table(d)))) return -1;
    r = realloc(b->rows, (b->nrows + 1) * sizeof *r);
    if (!r) return -1;
    b->rows = r;
    memset(&r[b->nrows++], 0, sizeof *r);
    return 0;
}

int fmt_add_cell(struct fmt_doc *d, const char *s, size_t n)
{
    struct fmt_block *b = last_table(d);
    struct fmt_row *r;
    char **c, *t;
    if ((!b || !b->nrows) && (fmt_add_row(d) < 0 || !(b = last_table(d)))) return -1;
    r = &b->rows[b->nrows - 1];
    if (!(t = clean(s, n))) return -1;
    c = realloc(r->cells, (r->ncells + 1) * sizeof *c);
    if (!c) { free(t); return -1; }
    r->cells = c;
    r->cells[r->ncells++] = t;
    return 0;
}

const char *fmt_meta_get(const struct fmt_doc *d, const char *key)
{
    size_t i;
    for (i = 0; i < d->nmeta; i++)
        if (!strcmp(d->meta[i].key, key)) return d->meta[i].value;
    return NULL;
}

int fmt_add_meta(struct fmt_doc *d, const char *key, const char *value)
{
    struct fmt_meta *m;
    char *v;
    if (fmt_meta_get(d, key)) return 0;
    if (!(v = clean(value, strlen(value)))) return -1;
    if (!*v) { free(v); return 0; }
    if (mem_grow((void **)&d->meta, d->nmeta, &d->capmeta, sizeof *d->meta) < 0) {
        free(v);
        return -1;
    }
    m = &d->meta[d->nmeta];
    m->key = strdup(key);
    if (!m->key) { free(v); return -1; }
    m->value = v;
    d->nmeta++;
    return 0;
}

void fmt_doc_fini(struct fmt_doc *d)
{
    size_t i, j, k;
    for (i = 0; i < d->nblocks; i++) {
        struct fmt_block *b = &d->blocks[i];
        free(b->text);
        for (j = 0; j < b->nrows; j++) {
            for (k = 0; k < b->rows[j].ncells; k++) free(b->rows[j].cells[k]);
            free(b->rows[j].cells);
        }
        free(b->rows);
    }
    free(d->blocks);
    for (i = 0; i < d->nmeta; i++) { free(d->meta[i].key); free(d->meta[i].value); }
    free(d->meta);
    free(d->title);
    memset(d, 0, sizeof *d);
}

/* ---- list numbers ---- */

static const char *const cn_digit[] = { "〇", "一", "二", "三", "四", "五", "六", "七",
                                        "八", "九" };

/* 1..9999 in Chinese counting (十一, 二十, 一百零五). */
static void chinese(int n, char *out, size_t outlen)
{
    static const char *const unit[] = { "", "十", "百", "千" };
    char buf[64] = "";
    int digits[4], i, zero = 0, started = 0;
    for (i = 0; i < 4; i++) { digits[i] = n % 10; n /= 10; }
    for (i = 3; i >= 0; i--) {
        if (!digits[i]) { zero = started; continue; }
        if (zero) strcat(buf, "零");
        zero = 0;
        if (!(i == 1 && digits[i] == 1 && !started)) strcat(buf, cn_digit[digits[i]]);
        strcat(buf, unit[i]);
        started = 1;
    }
    snprintf(out, outlen, "%s", buf);
}

static void letters(int n, int upper, char *out, size_t outlen)
{
    char buf[16];
    int reps = (n - 1) / 26 + 1, i;
    if (reps > 15) reps = 15;
    for (i = 0; i < reps; i++) buf[i] = (char)((upper ? 'A' : 'a') + (n - 1) % 26);
    buf[reps] = 0;
    snprintf(out, outlen, "%s", buf);
}

static void roman(int n, int upper, char *out, size_t outlen)
{
    static const struct { int v; const char *s; } r[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"} };
    char buf[64] = "";
    size_t i, k;
    for (i = 0; i < sizeof r / sizeof r[0]; i++)
        while (n >= r[i].v && strlen(buf) + 3 < sizeof buf) { strcat(buf, r[i].s); n -= r[i].v; }
    if (upper)
        for (k = 0; buf[k]; k++) buf[k] = (char)(buf[k] - 'a' + 'A');
    snprintf(out, outlen, "%s", buf);
}

void fmt_number(int n, const char *f, char *out, size_t outlen)
{
    static const char *const heavenly[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛",
                                            "壬", "癸" };
    static const char *const circled[] = { "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨",
                                           "⑩" };
    if (n < 0) n = 0;
    if (n > 9999) n = 9999;
    if (!f || !*f || !strcmp(f, "decimal") || !strcmp(f, "1")) {
        snprintf(out, outlen, "%d", n);
    } else if (!strcmp(f, "none") || !strcmp(f, "bullet")) {
        snprintf(out, outlen, "%s", "");
    } else if (strstr(f, "hinese") || strstr(f, "aiwanese") || strstr(f, "ideograph") ||
               strstr(f, "japaneseCounting") || !strncmp(f, "一", 3)) {
        if (!strcmp(f, "ideographTraditional") || !strncmp(f, "甲", 3))
            snprintf(out, outlen, "%s", n >= 1 && n <= 10 ? heavenly[n - 1] : "");
        else if (n == 0)
            snprintf(out, outlen, "%s", cn_digit[0]);
        else
            chinese(n, out, outlen);
    } else if (!strcmp(f, "ideographTraditional") || !strncmp(f, "甲", 3)) {
        snprintf(out, outlen, "%s", n >= 1 && n <= 10 ? heavenly[n - 1] : "");
    } else if (!strcmp(f, "decimalEnclosedCircle") || !strncmp(f, "①", 3)) {
        if (n >= 1 && n <= 10) snprintf(out, outlen, "%s", circled[n - 1]);
        else snprintf(out, outlen, "%d", n);
    } else if (!strcmp(f, "lowerLetter") || !strcmp(f, "a")) {
        letters(n, 0, out, outlen);
    } else if (!strcmp(f, "upperLetter") || !strcmp(f, "A")) {
        letters(n, 1, out, outlen);
    } else if (!strcmp(f, "lowerRoman") || !strcmp(f, "i")) {
        roman(n, 0, out, outlen);
    } else if (!strcmp(f, "upperRoman") || !strcmp(f, "I")) {
        roman(n, 1, out, outlen);
    } else {
        snprintf(out, outlen, "%d", n);
    }
}
