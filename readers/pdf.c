/* PDF reader (poppler-glib; poppler-data carries the CJK CMaps): each
 * page's text in poppler's reading order with each character's box; page
 * numbers and the running headers and footers that repeat at the top or
 * bottom of the pages dropped; lines cut by the layout joined again (a
 * line that reaches the right edge continues on the next one unless that
 * is indented as a new paragraph), across pages too. A PDF without a text
 * layer (a scan) is refused: it needs OCR first. */
#include "readers/fmt.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poppler.h>

#include "util/err.h"
#include "util/text.h"

/* poppler-glib is opened when the first PDF is read, not linked: with
 * cairo, NSS, GLib and X11 behind it, it is 40 libraries that every
 * command would otherwise load before its first line (8 ms of a 15 ms
 * start). Only these functions are used, through this table. */
#define PDF_FUNCS(X)                                                                    \
    X(poppler_document_new_from_bytes) X(poppler_document_get_n_pages)                  \
    X(poppler_document_get_page) X(poppler_document_get_title) X(poppler_page_get_text) \
    X(poppler_page_get_text_layout) X(poppler_error_quark) X(g_free) X(g_object_unref)   \
    X(g_error_free) X(g_bytes_new_static) X(g_bytes_unref) X(g_utf8_strlen)
#define PDF_FIELD(f) __typeof__(&f) f;
static struct { PDF_FUNCS(PDF_FIELD) } pp;
#define PDF_LIBS {"libpoppler-glib.so.8", "libpoppler-glib.so"}

/* Opens poppler-glib once; 0 when every function is there. */
static int pdf_open(char *err, size_t errlen)
{
    static int state;      /* 0 not tried, 1 ready, -1 failed */
    static const char *const libs[] = PDF_LIBS;
    void *h = NULL;
    if (state)
        return state > 0 ? 0 : -1;
    for (size_t i = 0; !h && i < sizeof libs / sizeof *libs; i++)
        h = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
    state = h ? 1 : -1;
#define PDF_LOAD(f) if (h && !(*(void **)&pp.f = dlsym(h, #f))) state = -1;
    PDF_FUNCS(PDF_LOAD)
    if (state < 0)
        snprintf(err, errlen, "cannot read PDF files: the poppler-glib library is missing "
                 "(%s); install libpoppler-glib8 (scripts/deps.sh does)",
                 h ? "a function is missing" : dlerror());
    return state > 0 ? 0 : -1;
}
#define poppler_document_new_from_bytes pp.poppler_document_new_from_bytes
#define poppler_document_get_n_pages pp.poppler_document_get_n_pages
#define poppler_document_get_page pp.poppler_document_get_page
#define poppler_document_get_title pp.poppler_document_get_title
#define poppler_page_get_text pp.poppler_page_get_text
#define poppler_page_get_text_layout pp.poppler_page_get_text_layout
#define poppler_error_quark pp.poppler_error_quark
#define g_free pp.g_free
#define g_object_unref pp.g_object_unref
#define g_error_free pp.g_error_free
#define g_bytes_new_static pp.g_bytes_new_static
#define g_bytes_unref pp.g_bytes_unref
#define g_utf8_strlen pp.g_utf8_strlen

struct pline {
    char *text;
    double x0, x1;         /* left and right edge of the ink */
    double cw;             /* a character's width on the line */
    int page, edge;        /* edge: one of the first or last two lines of its page */
    int drop;
};

struct lines { struct pline *v; size_t n, cap; };

/* s[0..n) without the spaces poppler puts between a Han character and a
 * digit or Latin letter set in another font ("2021 年" is "2021年"). */
static char *squeeze(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    size_t i = 0, k = 0;
    uint32_t prev = 0;
    if (!o) return NULL;
    while (i < n) {
        uint32_t cp, next = 0;
        size_t len = utf8_decode(s + i, n - i, &cp), j = i + len;
        if (cp == ' ') {
            while (j < n && s[j] == ' ') j++;
            if (j < n) utf8_decode(s + j, n - j, &next);
            if (prev >= 0x2E80 || next >= 0x2E80) { i = j; continue; }
        }
        memcpy(o + k, s + i, len);
        k += len;
        prev = cp;
        i += len;
    }
    o[k] = 0;
    return o;
}

static int push(struct lines *l, const char *s, size_t n, double x0, double x1, double cw,
                int page)
{
    struct pline *p;
    char *t;
    size_t a = 0, b = n;
    while (a < b && (s[a] == ' ' || s[a] == '\r')) a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r')) b--;
    if (a == b) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        struct pline *nv = realloc(l->v, cap * sizeof *nv);
        if (!nv) return -1;
        l->v = nv;
        l->cap = cap;
    }
    if (!(t = squeeze(s + a, b - a))) return -1;
    p = &l->v[l->n++];
    memset(p, 0, sizeof *p);
    p->text = t;
    p->x0 = x0;
    p->x1 = x1;
    p->cw = cw > 0 ? cw : 10;
    p->page = page;
    return 0;
}

/* Splits a page's text into lines with their horizontal extent. rects has
 * one box per character of text (nrects), or is NULL. */
static int page_lines(struct lines *l, const char *text, const PopplerRectangle *rects,
                      guint nrects, int page)
{
    size_t n = strlen(text), i = 0, start = 0, first = l->n, k;
    guint ci = 0;
    double x0 = 1e9, x1 = -1e9, wsum = 0;
    int wn = 0;
    while (i <= n) {
        uint32_t cp = 0;
        size_t len = i < n ? utf8_decode(text + i, n - i, &cp) : 1;
        if (i == n || cp == '\n') {
            if (push(l, text + start, i - start, x0, x1, wn ? wsum / wn : 0, page) < 0) return -1;
            start = i + 1;
            x0 = 1e9, x1 = -1e9, wsum = 0, wn = 0;
        } else if (rects && ci < nrects && cp != ' ') {
            const PopplerRectangle *r = &rects[ci];
            if (r->x1 < x0) x0 = r->x1;
            if (r->x2 > x1) x1 = r->x2;
            if (cp >= 0x2E80 && r->x2 > r->x1) { wsum += r->x2 - r->x1; wn++; }
        }
        ci++;
        i += len;
    }
    for (k = first; k < l->n; k++)
        l->v[k].edge = k < first + 2 || k + 2 >= l->n;
    return 0;
}

/* A line's text with digits as '#' and spaces removed, for comparing. */
static void shape(const char *s, char *out, size_t outlen)
{
    size_t o = 0;
    for (; *s && o + 1 < outlen; s++) {
        if (*s == ' ') continue;
        out[o++] = (*s >= '0' && *s <= '9') ? '#' : *s;
    }
    out[o] = 0;
}

/* A page number: digits with only dashes, 第 页 共 / of page and brackets. */
static int page_number(const char *s)
{
    static const char *const allowed[] = { "第", "页", "共", "—", "–", "－", "-", "/", "(",
                                           ")", "（", "）", "·", ".", "Page", "page", "of",
                                           " ", NULL };
    int digits = 0;
    while (*s) {
        size_t i;
        if (*s >= '0' && *s <= '9') { s++; digits++; continue; }
        for (i = 0; allowed[i]; i++)
            if (!strncmp(s, allowed[i], strlen(allowed[i]))) break;
        if (!allowed[i]) return 0;
        s += strlen(allowed[i]);
    }
    return digits > 0 && digits <= 8;
}

/* 1 when line i, at the top of its page, starts the text of the next
 * lines of the page: a running header repeating the title, which a
 * one-page document cannot show by repetition. A cut-off end (…) is
 * allowed. */
static int repeats_below(const struct lines *l, size_t i)
{
    char head[1024], below[4096] = "";
    size_t n, j;
    if (i > 0 && l->v[i - 1].page == l->v[i].page) return 0;   /* the first line only */
    snprintf(head, sizeof head, "%s", l->v[i].text);
    n = strlen(head);
    while (n >= 3 && (!strcmp(head + n - 3, "…") || !strcmp(head + n - 3, "\xEF\xBF\xBD")))
        head[n -= 3] = 0;
    if (text_width(head) < 8) return 0;
    for (j = i + 1; j < l->n && j <= i + 4 && l->v[j].page == l->v[i].page; j++)
        if (strlen(below) + strlen(l->v[j].text) + 1 < sizeof below) strcat(below, l->v[j].text);
    return strlen(below) >= n && !strncmp(below, head, n);
}

/* Marks page numbers and the edge lines that repeat on most pages. */
static void mark_chrome(struct lines *l, int pages)
{
    size_t i, j;
    for (i = 0; i < l->n; i++) {
        char a[512], b[512];
        int on = 0, last = -1;
        if (!l->v[i].edge) continue;
        if (page_number(l->v[i].text)) { l->v[i].drop = 1; continue; }
        if (pages < 2) continue;
        shape(l->v[i].text, a, sizeof a);
        for (j = 0; j < l->n; j++) {
            if (!l->v[j].edge || l->v[j].page == last) continue;
            shape(l->v[j].text, b, sizeof b);
            if (!strcmp(a, b)) { on++; last = l->v[j].page; }
        }
        if (on >= 2 && on * 10 >= pages * 6) l->v[i].drop = 1;
    }
    for (i = 0; i < l->n; i++)
        if (l->v[i].edge && !l->v[i].drop && repeats_below(l, i)) l->v[i].drop = 1;
}

static int wide_at_end(const char *s)
{
    size_t n = strlen(s), i = n;
    uint32_t cp;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
    if (i > 0) i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    utf8_decode(s + i, n - i, &cp);
    return cp >= 0x2E80;
}

/* Joins the kept lines into paragraphs and adds them to d. */
static int paragraphs(struct lines *l, struct fmt_doc *d)
{
    double right[4096] = {0}, left[4096];
    size_t i;
    FILE *o = NULL;
    char *buf = NULL;
    size_t blen = 0;
    int prev_full = 0, rc = 0;
    for (i = 0; i < 4096; i++) left[i] = 1e9;
    for (i = 0; i < l->n; i++) {
        int p = l->v[i].page % 4096;
        if (l->v[i].drop || l->v[i].x1 < l->v[i].x0) continue;
        if (l->v[i].x1 > right[p]) right[p] = l->v[i].x1;
        if (l->v[i].x0 < left[p]) left[p] = l->v[i].x0;
    }
    for (i = 0; i < l->n && rc == 0; i++) {
        const struct pline *ln = &l->v[i];
        int p = ln->page % 4096, indented, full;
        if (ln->drop) continue;
        full = ln->x0 < ln->x1 && ln->x1 >= right[p] - ln->cw * 1.5;
        /* a new paragraph starts indented; a centred line (a title's second
         * line) is as far from both edges */
        indented = ln->x0 < ln->x1 && ln->x0 > left[p] + ln->cw * 0.9 &&
                   !(ln->x1 < right[p] - ln->cw * 1.5 &&
                     fabs((ln->x0 - left[p]) - (right[p] - ln->x1)) < ln->cw * 1.5);
        if (o && (!prev_full || indented)) {
            fclose(o);
            o = NULL;
            rc = fmt_add_para(d, buf, blen);
            free(buf);
            buf = NULL;
        }
        if (!o) {
            buf = NULL;
            blen = 0;
            if (!(o = open_memstream(&buf, &blen))) return -1;
        } else if (blen && buf && !wide_at_end(buf) && (unsigned char)ln->text[0] < 0xE2) {
            fputc(' ', o);
        }
        fputs(ln->text, o);
        fflush(o);
        prev_full = full;
    }
    if (o) {
        fclose(o);
        if (rc == 0) rc = fmt_add_para(d, buf, blen);
        free(buf);
    }
    return rc;
}

/* Poppler reports damage on stderr: quiet while it reads the file. */
static int quiet_begin(void)
{
    int saved = dup(2), nul = open("/dev/null", O_WRONLY);
    fflush(stderr);
    if (saved >= 0 && nul >= 0) dup2(nul, 2);
    if (nul >= 0) close(nul);
    return saved;
}

static void quiet_end(int saved)
{
    fflush(stderr);
    if (saved >= 0) { dup2(saved, 2); close(saved); }
}

static int read_pages(PopplerDocument *doc, struct lines *l, size_t *chars)
{
    int pages = poppler_document_get_n_pages(doc), i;
    for (i = 0; i < pages; i++) {
        PopplerPage *pg = poppler_document_get_page(doc, i);
        PopplerRectangle *rects = NULL;
        guint nrects = 0;
        char *text;
        int rc;
        if (!pg) continue;
        text = poppler_page_get_text(pg);
        if (text && !poppler_page_get_text_layout(pg, &rects, &nrects)) rects = NULL;
        if (rects && nrects != (guint)g_utf8_strlen(text, -1)) { g_free(rects); rects = NULL; }
        rc = text ? page_lines(l, text, rects, nrects, i) : 0;
        if (text) {
            const char *s;
            for (s = text; *s; s++) *chars += *s != ' ' && *s != '\n' && *s != '\r';
        }
        g_free(rects);
        g_free(text);
        g_object_unref(pg);
        if (rc < 0) return -1;
    }
    return pages;
}

int fmt_read_pdf(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen)
{
    if (pdf_open(err, errlen) != 0)
        return FU_ERR;
    GBytes *bytes = g_bytes_new_static(buf, len);
    GError *ge = NULL;
    PopplerDocument *doc;
    struct lines l = {0};
    size_t chars = 0, i;
    int pages = 0, rc = FU_OK, q = quiet_begin();
    doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
    if (!doc) {
        if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
            snprintf(err, errlen, "the PDF is encrypted (it asks for a password); save or "
                     "print it again as a PDF without a password");
        else
            snprintf(err, errlen, "not a readable PDF (%s): the file is damaged or truncated; "
                     "download or export it again", ge ? ge->message : "unknown error");
        rc = FU_ERR;
    } else {
        pages = read_pages(doc, &l, &chars);
        if (pages < 0) rc = -1;
        else if (!chars) {
            snprintf(err, errlen, "no text layer; run OCR first (the PDF is a scan: e.g. "
                     "ocrmypdf -l chi_sim FILE.pdf OUT.pdf, then import OUT.pdf)");
            rc = FU_ERR;
        } else {
            gchar *title = poppler_document_get_title(doc);
            mark_chrome(&l, pages);
            if (paragraphs(&l, d) < 0) rc = -1;
            if (title && *title && !(d->title = strdup(title))) rc = -1;
            g_free(title);
        }
        g_object_unref(doc);
    }
    quiet_end(q);
    if (rc < 0) { snprintf(err, errlen, "out of memory reading the PDF"); rc = FU_ERR; }
    if (ge) g_error_free(ge);
    g_bytes_unref(bytes);
    for (i = 0; i < l.n; i++) free(l.v[i].text);
    free(l.v);
    return rc;
}
