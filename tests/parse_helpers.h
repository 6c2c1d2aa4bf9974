#include "core/doc.h"
#include "readers/read.h"
#include "parse/parse.h"
/* Helpers shared by the parser's test files (tests/test_parse*.c): parse
 * a file that must parse, and find a node by its code. Static functions:
 * each test file has its own copy. */
#ifndef FU_TESTS_PARSE_HELPERS_H
#define FU_TESTS_PARSE_HELPERS_H

#define FIX "tests/fixtures/"

static inline struct doc parse_ok(const char *path, const struct parse_opts *o)
{
    struct doc d;
    char err[FU_ERRLEN] = "";
    int rc = fmt_parse_file(path, FK_TEXT, o, &d, err, sizeof err);
    if (rc != FU_OK) fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, FU_OK);
    return d;
}

/* Parses text that must parse (a NUL-terminated string), with options o. */
static inline struct doc parse_str(const char *text, const struct parse_opts *o)
{
    struct doc d;
    char err[FU_ERRLEN] = "";
    int rc = parse_buffer(text, strlen(text), o, &d, err, sizeof err);
    if (rc != FU_OK) fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, FU_OK);
    return d;
}

static inline const struct node *find_in(const struct node *v, size_t n, const char *code)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const struct node *r;
        if (strcmp(v[i].code, code) == 0) return &v[i];
        if ((r = find_in(v[i].children, v[i].nchildren, code)) != NULL) return r;
    }
    return NULL;
}

static inline const struct node *node_of(const struct doc *d, const char *code)
{
    const struct node *n = find_in(d->nodes, d->nnodes, code);
    if (!n) fprintf(stderr, "no node %s\n", code);
    assert_non_null(n);
    return n;
}

#endif
