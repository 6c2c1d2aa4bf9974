/* libFuzzer target for the report parser: parse_buffer() on arbitrary
 * bytes, then doc_write_json() and doc_write_tree() on what it returns;
 * the same bytes through the readers (readers/read.h: the format found by
 * content -- zip/docx/odt/xlsx, pdf, html, csv -- read, rendered as text
 * and parsed; a .doc, which needs a converter process, is skipped);
 * the outline of every doc (doc_write_outline) read back by
 * parse_outline(), and the bytes themselves read as an outline;
 * and the terminal text utilities (text_sanitize, text_fit, text_wrap)
 * on the same bytes, as the interface meets them from the database.
 * Built by `make fuzz` (mk/sanitize.mk) with clang
 * -fsanitize=fuzzer,address,undefined. tests/test_hostile.c includes this
 * file and replays tests/fuzz/crashes/ and tests/fuzz/seeds/ through it in
 * every `make test`.
 *
 * Besides the sanitizers' own checks it aborts when an error message is
 * not one line, when the JSON or the tree carries a raw terminal control
 * (C0 but newline, DEL, C1 U+0080-009F, an invisible or bidi-control code
 * point), when sanitised
 * text carries any, or when fitted or wrapped text is wider than asked. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "util/err.h"
#include "parse/parse.h"
#include "util/text.h"
#include "readers/read.h"

static const char *const fuzz_depts[] = {
    "区科委", "区知识产权局", "区审改办", "区行政服务中心", "区财政局",
    "区发展改革委", "区商务委", "区数据局",
};
static const struct route fuzz_routes[] = {
    { "知识产权", "区知识产权局" }, { "科普", "区科协" }, { "招引", "区投资促进办" },
};

/* 1 when s (n bytes) holds a byte sequence a terminal would act on, or a
 * code point it would show as nothing (text_cp_hidden). */
static int fuzz_raw_control(const char *s, size_t n)
{
    size_t i, k;
    for (i = 0; i < n; i += k) {
        const unsigned char *u = (const unsigned char *)s + i;
        uint32_t cp;
        k = 1;
        if ((u[0] < 0x20 && u[0] != '\n') || u[0] == 0x7F) return 1;
        if (u[0] < 0x80) continue;
        k = utf8_decode(s + i, n - i, &cp);
        if ((cp >= 0x80 && cp <= 0x9F) || text_cp_hidden(cp)) return 1;
    }
    return 0;
}

static void fuzz_check_output(const struct doc *d, int json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) abort();
    if ((json ? doc_write_json(d, f) : doc_write_tree(d, f)) != FU_OK) abort();
    fclose(f);
    if (fuzz_raw_control(buf, len)) abort();
    free(buf);
}

/* The outline of d, which must carry no raw control (its escapes say
 * them), read back: a one-line error, or a doc whose own outline is as
 * clean (depth 0 goes round once more). */
static void fuzz_outline_of(const struct doc *d, const struct parse_opts *o, int depth)
{
    char *buf = NULL, err[FU_ERRLEN] = "";
    size_t len = 0;
    struct doc back;
    FILE *f = open_memstream(&buf, &len);
    if (!f) abort();
    if (doc_write_outline(d, NULL, f) != FU_OK) abort();
    fclose(f);
    if (fuzz_raw_control(buf, len)) abort();
    int rc = parse_outline(buf, len, o, &back, err, sizeof err);
    free(buf);
    if (rc != FU_OK) {
        if (!err[0] || strchr(err, '\n')) abort();
        return;
    }
    if (depth == 0) fuzz_outline_of(&back, o, 1);
    doc_fini(&back);
}

/* The bytes as an outline someone wrote. */
static void fuzz_outline(const uint8_t *data, size_t size, const struct parse_opts *o)
{
    struct doc d;
    char err[FU_ERRLEN] = "";
    if (parse_outline((const char *)data, size, o, &d, err, sizeof err) != FU_OK) {
        if (!err[0] || strchr(err, '\n')) abort();
        return;
    }
    fuzz_check_output(&d, 1);
    fuzz_outline_of(&d, o, 1);
    doc_fini(&d);
}

struct fuzz_wrap { int cols; };

static void fuzz_wrap_line(void *ctx, const char *start, size_t len)
{
    const struct fuzz_wrap *w = ctx;
    char line[4200];
    if (len >= sizeof line) abort();
    memcpy(line, start, len);
    line[len] = '\0';
    /* a character wider than the line gets a line of its own */
    if (text_width(line) > (w->cols > 2 ? w->cols : 2)) abort();
}

/* The text utilities on the first bytes of the input (up to a NUL), at a
 * width taken from the input's first byte. */
static void fuzz_text(const uint8_t *data, size_t size)
{
    char s[4097], out[4 * 4097 * 3], fit[4 * 4097 * 3];
    size_t n = size < 4096 ? size : 4096, o;
    int cols = size ? data[0] % 90 : 10, used;
    struct fuzz_wrap w;

    memcpy(s, data, n);
    s[n] = '\0';
    o = text_sanitize(s, out, sizeof out);
    if (o != strlen(out) || fuzz_raw_control(out, o) || memchr(out, '\n', o)) abort();
    used = text_fit(s, cols, (int)n & 1, fit, sizeof fit);
    if (used > cols || used < 0 || text_width(fit) != used) abort();
    if (fuzz_raw_control(fit, strlen(fit))) abort();
    w.cols = cols;
    text_wrap(out, cols, fuzz_wrap_line, &w);
}

/* The readers on the bytes, as the format they look like. */
static void fuzz_formats(const uint8_t *data, size_t size, const struct parse_opts *o)
{
    enum fmt_kind k = fmt_detect((const char *)data, size);
    struct doc d;
    char err[FU_ERRLEN] = "";
    if (k == FK_TEXT || k == FK_DOC) return;
    if (fmt_parse_buffer((const char *)data, size, k, o, &d, err, sizeof err) != FU_OK) {
        if (!err[0] || strchr(err, '\n')) abort();
        return;
    }
    fuzz_check_output(&d, 1);
    fuzz_check_output(&d, 0);
    doc_fini(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct parse_opts o;
    struct doc d;
    char err[FU_ERRLEN];

    memset(&o, 0, sizeof o);
    o.departments = fuzz_depts;
    o.ndepartments = sizeof fuzz_depts / sizeof fuzz_depts[0];
    o.routes = fuzz_routes;
    o.nroutes = sizeof fuzz_routes / sizeof fuzz_routes[0];
    fuzz_text(data, size);
    err[0] = '\0';
    if (parse_buffer((const char *)data, size, &o, &d, err, sizeof err) != FU_OK) {
        if (!err[0] || strchr(err, '\n')) abort();   /* one line */
    } else {
        fuzz_check_output(&d, 1);
        fuzz_check_output(&d, 0);
        fuzz_outline_of(&d, &o, 0);
        doc_fini(&d);
    }
    fuzz_outline(data, size, &o);
    fuzz_formats(data, size, &o);
    return 0;
}
