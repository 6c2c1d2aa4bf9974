/* The report parser's entry points: input checks (size, binary, encoding),
 * then frame (metadata, signature, addressee), structure and owners.
 * See parse/parse.h; the pieces are parse_lines.c, parse_struct.c,
 * parse_stmt.c and parse_dept.c. */
#include "parse/parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/encoding.h"
#include "util/err.h"
#include "parse/parse_int.h"

/* Binary: a NUL byte, or more than one control byte in ten among the
 * first 8 KiB (tabs, line ends and form feeds are text). */
static const char *binary_reason(const char *buf, size_t len)
{
    size_t i, n = len < 8192 ? len : 8192, ctl = 0;
    if (memchr(buf, 0, len)) return "it contains NUL bytes";
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
            ctl++;
    }
    if (ctl * 10 > n) return "it is mostly control characters";
    return NULL;
}

static int only_space(const char *s, size_t n)
{
    size_t a = 0, b = n;
    scan_trim(s, &a, &b);
    return a >= b;
}

static void free_line_array(struct pctx *c)
{
    size_t i;
    for (i = 0; i < c->nlines; i++) free(c->lines[i].text);
    free(c->lines);
    c->lines = NULL;
    c->nlines = 0;
}

static void free_lines(struct pctx *c)
{
    free_line_array(c);
    free(c->body);
    parse_lines_fini_drops(c);
    parse_marker_fini(c);
    parse_lexicon_fini(c);
}

/* The lead department named by the introduction, else the department
 * whose own plan the title names, else the signing department of a report
 * that speaks of itself (我局). */
static int find_lead(struct pctx *c)
{
    struct doc *d = c->doc;
    size_t i;
    for (i = 0; i < d->nintro && !d->meta.lead_department; i++)
        d->meta.lead_department = parse_dept_lead(c, d->intro[i].text, 0, strlen(d->intro[i].text));
    if (!d->meta.lead_department) d->meta.lead_department = parse_dept_title_owner(c);
    if (!d->meta.lead_department) d->meta.lead_department = parse_dept_self_owner(c);
    return FU_OK;
}

/* Parses text (len bytes, UTF-8), which it frees as soon as the lines
 * are split off it, as it frees the lines once the body is joined: a
 * large report is held about twice at the most, not four times. */
static int parse_text(char *text, size_t len, const struct parse_opts *opts,
                      struct doc *out, char *err, size_t errlen)
{
    struct pctx c;
    struct hant_map hm;
    char *simp = NULL;
    int rc, hant = 0;
    memset(&c, 0, sizeof c);
    memset(&hm, 0, sizeof hm);
    if (parse_hant_detect(text, len)) {          /* read a simplified copy */
        hant = parse_hant_to_simp(text, len, &simp);
        if (hant > 0 && parse_hant_map_init(&hm, text, len, simp) < 0) hant = -1;
        if (hant < 0) {
            if (!hm.orig) free(text);
            parse_hant_map_fini(&hm);
            free(simp);
            snprintf(err, errlen, "out of memory reading traditional characters");
            return FU_ERR;
        }
        if (hant > 0) {
            text = strdup(simp);
            len = strlen(simp);
            if (!text) {
                parse_hant_map_fini(&hm);
                free(simp);
                snprintf(err, errlen, "out of memory reading traditional characters");
                return FU_ERR;
            }
        }
    }
    c.opts = opts;
    c.err = err;
    c.errlen = errlen;
    c.doc = out;
    rc = parse_lines_split(&c, text, len);
    free(text);
    if (rc == FU_OK) rc = parse_frame_build(&c);
    if (rc == FU_OK && parse_lines_give_drops(&c) < 0) {
        snprintf(err, errlen, "out of memory reading the report");
        rc = FU_ERR;
    }
    free_line_array(&c);
    if (rc == FU_OK && (parse_lexicon_init(&c) < 0 || parse_lexicon_learn_places(&c) < 0)) {
        snprintf(err, errlen, "out of memory reading departments");
        rc = FU_ERR;
    }
    if (rc == FU_OK) rc = parse_struct_build(&c);
    if (rc == FU_OK) rc = find_lead(&c);
    if (rc == FU_OK) rc = parse_dept_owners(&c);
    free_lines(&c);
    if (hant > 0) {
        if (rc == FU_OK && parse_hant_restore(&hm, out) < 0) {
            snprintf(err, errlen, "out of memory reading traditional characters");
            rc = FU_ERR;
        }
        parse_hant_map_fini(&hm);
        free(simp);
    }
    return rc;
}

/* The input checks and the conversion to UTF-8: *text (malloc'd, *tlen
 * bytes) on FU_OK. */
static int decode(const char *buf, size_t len, const struct parse_opts *opts, char **text,
                  size_t *tlen, char *err, size_t errlen)
{
    enum enc_kind enc;
    size_t max = opts && opts->max_bytes ? opts->max_bytes : PARSE_MAX_BYTES;
    const char *why;
    int rc;

    if (enc_parse_name(opts ? opts->encoding : NULL, &enc) < 0) {
        snprintf(err, errlen, "unknown encoding '%s'; use auto, utf-8 or gb18030",
                 opts->encoding);
        return FU_USAGE;
    }
    if (len == 0 || !buf) {
        snprintf(err, errlen, "the file is empty; give a report text file");
        return FU_ERR;
    }
    if (len > max) {
        snprintf(err, errlen, "too large (%zu bytes, the limit is %zu); give one report's text",
                 len, max);
        return FU_ERR;
    }
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
        snprintf(err, errlen, "the text is UTF-16, which is not supported; save it as UTF-8");
        return FU_ERR;
    }
    if ((why = binary_reason(buf, len)) != NULL) {
        snprintf(err, errlen, "not a text file (%s); give a report text file", why);
        return FU_ERR;
    }
    rc = enc_to_utf8(buf, len, enc, text, tlen, NULL, err, errlen);
    if (rc != FU_OK) return rc;
    if (only_space(*text, *tlen)) {
        free(*text);
        *text = NULL;
        snprintf(err, errlen, "the file has no text, only white space; give a report text file");
        return FU_ERR;
    }
    return FU_OK;
}

int parse_buffer(const char *buf, size_t len, const struct parse_opts *opts,
                 struct doc *out, char *err, size_t errlen)
{
    char *text = NULL;
    size_t tlen = 0;
    memset(out, 0, sizeof *out);
    int rc = decode(buf, len, opts, &text, &tlen, err, errlen);
    if (rc == FU_OK) rc = parse_text(text, tlen, opts, out, err, errlen);
    if (rc != FU_OK) doc_fini(out);
    return rc;
}
