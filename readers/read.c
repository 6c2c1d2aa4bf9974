/* Format recognition and the way from a file to the parser (contract in
 * readers/read.h). */
#include "readers/read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/encoding.h"
#include "util/err.h"
#include "readers/userfile.h"
#include "readers/zipread.h"

static const struct { const char *name; enum fmt_kind k; } names[] = {
    {"auto", FK_AUTO}, {"text", FK_TEXT}, {"txt", FK_TEXT}, {"docx", FK_DOCX},
    {"odt", FK_ODT}, {"doc", FK_DOC}, {"wps", FK_DOC}, {"pdf", FK_PDF},
    {"html", FK_HTML}, {"htm", FK_HTML}, {"xlsx", FK_XLSX}, {"csv", FK_CSV},
};

int fmt_parse_name(const char *name, enum fmt_kind *out)
{
    size_t i;
    if (!name || !*name) { *out = FK_AUTO; return 0; }
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(name, names[i].name)) { *out = names[i].k; return 0; }
    return -1;
}

const char *fmt_name(enum fmt_kind k)
{
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].k == k) return names[i].name;
    return "auto";
}

static enum fmt_kind zip_kind(const char *buf, size_t len)
{
    struct fmt_zip z;
    char e[FU_ERRLEN];
    enum fmt_kind k = FK_DOCX;
    if (fmt_zip_open(&z, buf, len, e, sizeof e) != FU_OK) return FK_DOCX;
    if (fmt_zip_has(&z, "word/document.xml")) k = FK_DOCX;
    else if (fmt_zip_has(&z, "xl/workbook.xml")) k = FK_XLSX;
    else if (fmt_zip_has(&z, "content.xml")) k = FK_ODT;
    fmt_zip_close(&z);
    return k;
}

/* An HTML page: a tag such as <html, <!doctype html, <head, <body or
 * <meta among the first bytes, after white space and a byte-order mark. */
static int looks_html(const char *buf, size_t len)
{
    static const char *const tags[] = { "<!doctype html", "<html", "<head", "<body",
                                        "<meta", "<title", NULL };
    size_t n = len < 4096 ? len : 4096, i, j;
    for (i = 0; i + 5 < n; i++) {
        if (buf[i] != '<') continue;
        for (j = 0; tags[j]; j++)
            if (i + strlen(tags[j]) <= n && !strncasecmp(buf + i, tags[j], strlen(tags[j])))
                return 1;
    }
    return 0;
}

/* A CSV: one of the first lines (UTF-8 or GB18030) splits on commas or
 * tabs into a task header. */
static int looks_csv(const char *raw, size_t rawlen)
{
    size_t n = rawlen < 8192 ? rawlen : 8192, i = 0;
    char *buf = NULL, msg[FU_ERRLEN];
    int line, found = 0;
    while (n < rawlen && n > 0 && raw[n - 1] != '\n') n--;     /* whole lines only */
    if (!n || memchr(raw, 0, n) ||
        enc_to_utf8(raw, n, ENC_AUTO, &buf, &n, NULL, msg, sizeof msg) != FU_OK)
        return 0;
    for (line = 0; line < 8 && i < n && !found; line++) {
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - buf) : n, k, nc = 0;
        char row[2048], *cells[64], *p;
        char sep = memchr(buf + i, '\t', e - i) ? '\t' : ',';
        if (e - i >= sizeof row) { i = e + 1; continue; }
        memcpy(row, buf + i, e - i);
        row[e - i] = 0;
        for (p = row, k = 0; nc < 64; k++) {
            char *s = strchr(p, sep);
            cells[nc++] = p;
            if (!s) break;
            *s = 0;
            p = s + 1;
        }
        for (k = 0; k < nc; k++) {           /* unquote, drop a CR */
            char *c = cells[k];
            size_t l = strlen(c);
            if (l && c[l - 1] == '\r') c[--l] = 0;
            if (l >= 2 && c[0] == '"' && c[l - 1] == '"') { c[l - 1] = 0; cells[k] = c + 1; }
        }
        found = nc >= 3 && fmt_is_task_header(cells, nc);
        i = e + 1;
    }
    free(buf);
    return found;
}

enum fmt_kind fmt_detect(const char *buf, size_t len)
{
    static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    size_t i, n = len < 1024 ? len : 1024;
    if (len >= 4 && !memcmp(buf, "PK\003\004", 4)) return zip_kind(buf, len);
    if (len >= 8 && !memcmp(buf, ole2, 8)) return FK_DOC;
    for (i = 0; i + 5 <= n; i++)
        if (!memcmp(buf + i, "%PDF-", 5)) return FK_PDF;
    if (looks_html(buf, len)) return FK_HTML;
    if (looks_csv(buf, len)) return FK_CSV;
    /* a zip whose first member is not at the start (self-extracting, or
     * with a prefix) is still refused as a zip */
    for (i = len > 65557 ? len - 65557 : 0; len >= 22 && i + 4 <= len; i++)
        if (!memcmp(buf + i, "PK\005\006", 4)) return FK_DOCX;
    return FK_TEXT;
}

int fmt_read(const char *buf, size_t len, enum fmt_kind kind, struct fmt_doc *d,
             char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    if (kind == FK_AUTO) kind = fmt_detect(buf, len);
    switch (kind) {
    case FK_DOCX: return fmt_read_docx(buf, len, d, err, errlen);
    case FK_ODT: return fmt_read_odt(buf, len, d, err, errlen);
    case FK_DOC: return fmt_read_doc(buf, len, d, err, errlen);
    case FK_PDF: return fmt_read_pdf(buf, len, d, err, errlen);
    case FK_HTML: return fmt_read_html(buf, len, d, err, errlen);
    case FK_XLSX: return fmt_read_xlsx(buf, len, d, err, errlen);
    case FK_CSV: return fmt_read_csv(buf, len, d, err, errlen);
    default:
        snprintf(err, errlen, "plain text has no reader; parse it as text");
        return FU_USAGE;
    }
}

int fmt_render(const struct fmt_doc *d, char **text, size_t *len, char *err, size_t errlen)
{
    FILE *o;
    size_t i;
    int r;
    *text = NULL;
    *len = 0;
    if (!(o = open_memstream(text, len))) goto oom;
    for (i = 0; i < d->nmeta; i++) fprintf(o, "%s：%s\n", d->meta[i].key, d->meta[i].value);
    r = fmt_render_blocks(d, o, err, errlen);
    if (fclose(o) != 0 || r < 0) goto oom;
    if (r > 0) { free(*text); *text = NULL; return FU_ERR; }
    return FU_OK;
oom:
    free(*text);
    *text = NULL;
    snprintf(err, errlen, "out of memory converting the document to text");
    return FU_ERR;
}

static const char *kind_noun(enum fmt_kind k)
{
    switch (k) {
    case FK_DOCX: return "Word document";
    case FK_ODT: return "OpenDocument text";
    case FK_DOC: return "Word/WPS document";
    case FK_PDF: return "PDF";
    case FK_HTML: return "web page";
    case FK_XLSX: return "spreadsheet";
    case FK_CSV: return "CSV table";
    default: return "file";
    }
}

int fmt_parse_buffer(const char *buf, size_t len, enum fmt_kind kind,
                     const struct parse_opts *opts, struct doc *out, char *err, size_t errlen)
{
    struct fmt_doc d;
    char *text = NULL, e[FU_ERRLEN] = "";
    size_t tlen = 0;
    int rc;
    memset(out, 0, sizeof *out);
    if (kind == FK_AUTO) kind = fmt_detect(buf, len);
    if (kind == FK_TEXT) return parse_buffer(buf, len, opts, out, err, errlen);
    rc = fmt_read(buf, len, kind, &d, e, sizeof e);
    if (rc == FU_OK) rc = fmt_render(&d, &text, &tlen, e, sizeof e);
    if (rc == FU_OK && tlen == 0) {
        snprintf(e, sizeof e, "the %s has no text", kind_noun(kind));
        rc = FU_ERR;
    }
    if (rc == FU_OK) {
        struct parse_opts o = opts ? *opts : (struct parse_opts){0};
        o.encoding = "utf-8";               /* the readers give UTF-8 */
        rc = parse_buffer(text, tlen, &o, out, e, sizeof e);
    }
    if (rc == FU_OK && !out->meta.title && d.title && !(out->meta.title = strdup(d.title))) {
        snprintf(e, sizeof e, "out of memory");
        rc = FU_ERR;
    }
    if (rc != FU_OK) {
        doc_fini(out);
        snprintf(err, errlen, "%s (read as %s)", e, kind_noun(kind));
    }
    free(text);
    fmt_doc_fini(&d);
    return rc;
}

int fmt_parse_file(const char *path, enum fmt_kind kind, const struct parse_opts *opts,
                   struct doc *out, char *err, size_t errlen)
{
    char *buf = NULL, e[FU_ERRLEN] = "";
    size_t len = 0;
    int rc;
    memset(out, 0, sizeof *out);
    rc = fmt_user_read(path, FMT_MAX_INPUT, &buf, &len, err, errlen);
    if (rc != FU_OK) return rc;
    rc = fmt_parse_buffer(buf, len, kind, opts, out, e, sizeof e);
    free(buf);
    if (rc != FU_OK) snprintf(err, errlen, "%s: %s", path, e);
    return rc;
}

int fmt_parse_outline_file(const char *path, const struct parse_opts *opts, struct doc *out,
                           char *err, size_t errlen)
{
    char *buf = NULL, e[FU_ERRLEN] = "";
    size_t len = 0;
    int rc;
    memset(out, 0, sizeof *out);
    rc = fmt_user_read(path, PARSE_MAX_BYTES, &buf, &len, err, errlen);
    if (rc != FU_OK) return rc;
    rc = parse_outline(buf, len, opts, out, e, sizeof e);
    free(buf);
    if (rc != FU_OK) snprintf(err, errlen, strncmp(e, "line ", 5) ? "%s: %s" : "%s %s", path, e);
    return rc;
}
