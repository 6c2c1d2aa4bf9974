/* .csv reader (libcsv): one table, UTF-8 or GB18030 as Excel saves it in
 * China, separated by commas, tabs or semicolons (the one the first line
 * holds most of). The file must hold a task table. */
#include "readers/fmt.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/dynlib.h"
#include "util/encoding.h"
#include "util/err.h"

/* libcsv is opened when the first table is read (util/dynlib.h), not
 * linked; only these functions are used, through this table. */
#define CSV_FUNCS(X) X(csv_init) X(csv_set_delim) X(csv_parse) X(csv_fini) X(csv_free)      \
    X(csv_error) X(csv_strerror)
#define CSV_FIELD(f) __typeof__(&f) f;
#define CSV_NAME(f) #f,
#define CSV_SLOT(f) (void **)&cv.f,
static struct { CSV_FUNCS(CSV_FIELD) } cv;
static const char *const cv_names[] = {CSV_FUNCS(CSV_NAME)};
static void **const cv_slots[] = {CSV_FUNCS(CSV_SLOT)};
#ifndef LIB_CSV_SONAME   /* the file the build linked against (Makefile: SONAMES) */
#error "LIB_CSV_SONAME is not defined: build with make"
#endif
static struct dynlib cv_lib = {"libcsv", "libcsv3", LIB_CSV_SONAME, cv_names, cv_slots,
                               sizeof cv_names / sizeof cv_names[0], 0, ""};
#define csv_init cv.csv_init
#define csv_set_delim cv.csv_set_delim
#define csv_parse cv.csv_parse
#define csv_fini cv.csv_fini
#define csv_free cv.csv_free
#define csv_error cv.csv_error
#define csv_strerror cv.csv_strerror

struct csvctx { struct fmt_doc *d; int newrow, oom; size_t rows; };

static void on_field(void *s, size_t n, void *data)
{
    struct csvctx *c = data;
    if (c->oom) return;
    if (c->newrow) {
        if (fmt_add_row(c->d) < 0) { c->oom = 1; return; }
        c->newrow = 0;
        c->rows++;
    }
    if (fmt_add_cell(c->d, s ? s : "", s ? n : 0) < 0) c->oom = 1;
}

static void on_row(int term, void *data)
{
    struct csvctx *c = data;
    (void)term;
    c->newrow = 1;
}

static unsigned char separator(const char *t, size_t n)
{
    const char *nl = memchr(t, '\n', n);
    size_t e = nl ? (size_t)(nl - t) : n, i, comma = 0, tab = 0, semi = 0;
    for (i = 0; i < e; i++) {
        comma += t[i] == ',';
        tab += t[i] == '\t';
        semi += t[i] == ';';
    }
    if (tab > comma && tab >= semi) return '\t';
    if (semi > comma) return ';';
    return ',';
}

int fmt_read_csv(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen)
{
    struct csv_parser p;
    struct csvctx c = {d, 1, 0, 0};
    char *text = NULL;
    size_t tlen = 0;
    int rc;
    d->whole_table = 1;
    if (dynlib_load(&cv_lib, "cannot read .csv tables", err, errlen) != 0)
        return FU_ERR;
    if (memchr(buf, 0, len)) {
        snprintf(err, errlen, "not a CSV table (it contains NUL bytes); save the table as "
                 "CSV (UTF-8) or give the .xlsx");
        return FU_ERR;
    }
    rc = enc_to_utf8(buf, len, ENC_AUTO, &text, &tlen, NULL, err, errlen);
    if (rc != FU_OK) return rc;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        free(text);
        snprintf(err, errlen, "out of memory reading the table");
        return FU_ERR;
    }
    csv_set_delim(&p, separator(text, tlen));
    if (fmt_add_table(d) < 0) c.oom = 1;
    if (!c.oom && csv_parse(&p, text, tlen, on_field, on_row, &c) != tlen) {
        snprintf(err, errlen, "cannot read the table (%s); save it again as CSV",
                 csv_strerror(csv_error(&p)));
        rc = FU_ERR;
    }
    if (rc == FU_OK) csv_fini(&p, on_field, on_row, &c);
    csv_free(&p);
    free(text);
    if (rc == FU_OK && c.oom) { snprintf(err, errlen, "out of memory reading the table"); rc = FU_ERR; }
    return rc;
}
