/* .xlsx (SpreadsheetML) reader: the first worksheet as one table, cells
 * from the shared strings, inline strings and values (date-formatted
 * numbers written as YYYY-MM-DD), merged ranges: a range across a row
 * leaves its value in the first cell (a label row), a range down a column
 * repeats it in every row (a category). The file must hold a task table. */
#include "readers/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "readers/zipread.h"

#define MAXCOLS 64
#define MAXROWS 20000      /* rows of a task table; a sheet's grid is rows x MAXCOLS */

struct xlsx {
    char **ss;             /* shared strings */
    size_t nss;
    unsigned char *datefmt;/* per cellXfs index: 1 when it shows a date */
    size_t nxf;
    int oom;
};

/* Concatenated text of the t elements under si, phonetic runs (rPh) left out. */
static void si_text(const xmlNode *n, FILE *o)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next) {
        if (fmt_xml_is(c, "rPh")) continue;
        if (fmt_xml_is(c, "t")) {
            xmlChar *v = xmlNodeGetContent(c);
            if (v) fputs((const char *)v, o);
            xmlFree(v);
        } else if (c->type == XML_ELEMENT_NODE) {
            si_text(c, o);
        }
    }
}

static char *node_text(const xmlNode *n)
{
    char *b = NULL;
    size_t l = 0;
    FILE *o = open_memstream(&b, &l);
    if (!o) return NULL;
    si_text(n, o);
    fclose(o);
    return b;
}

static int shared_strings(struct xlsx *x, struct fmt_zip *z, char *err, size_t errlen)
{
    xmlDocPtr doc;
    const xmlNode *si;
    size_t n = 0;
    int rc = fmt_zip_xml(z, "xl/sharedStrings.xml", &doc, err, errlen);
    if (rc == FU_NOTFOUND) return FU_OK;
    if (rc != FU_OK) return rc;
    for (si = xmlDocGetRootElement(doc)->children; si; si = si->next) n += fmt_xml_is(si, "si");
    if (!(x->ss = calloc(n + 1, sizeof *x->ss))) x->oom = 1;
    for (si = xmlDocGetRootElement(doc)->children; si && !x->oom; si = si->next)
        if (fmt_xml_is(si, "si") && !(x->ss[x->nss++] = node_text(si))) x->oom = 1;
    xmlFreeDoc(doc);
    return FU_OK;
}

/* Which cell formats show dates (built-in ids 14-22, 27-36, 45-47, 50-58,
 * or a custom code with y, m or d outside quotes and brackets). */
static void date_styles(struct xlsx *x, struct fmt_zip *z)
{
    xmlDocPtr doc;
    char e[FU_ERRLEN];
    const xmlNode *root, *nf, *xf;
    int custom[512] = {0};
    size_t n = 0;
    if (fmt_zip_xml(z, "xl/styles.xml", &doc, e, sizeof e) != FU_OK) return;
    root = xmlDocGetRootElement(doc);
    for (nf = fmt_xml_child(fmt_xml_child(root, "numFmts"), "numFmt"); nf; nf = nf->next) {
        xmlChar *id = fmt_xml_attr(nf, "numFmtId"), *code = fmt_xml_attr(nf, "formatCode");
        int i = id ? atoi((const char *)id) : -1, q = 0;
        const char *p;
        for (p = code ? (const char *)code : ""; *p && i >= 0 && i < 512; p++) {
            if (*p == '"' || *p == '[' || *p == ']') q = *p == '"' ? !q : (*p == '[');
            else if (!q && (*p == 'y' || *p == 'd' || *p == 'm')) { custom[i] = 1; break; }
        }
        xmlFree(id);
        xmlFree(code);
    }
    xf = fmt_xml_child(root, "cellXfs");
    for (xf = xf ? xf->children : NULL; xf; xf = xf->next) n += fmt_xml_is(xf, "xf");
    if (!(x->datefmt = calloc(n + 1, 1))) { xmlFreeDoc(doc); return; }
    xf = fmt_xml_child(root, "cellXfs");
    for (xf = xf ? xf->children : NULL; xf; xf = xf->next) {
        xmlChar *id;
        int i;
        if (!fmt_xml_is(xf, "xf")) continue;
        id = fmt_xml_attr(xf, "numFmtId");
        i = id ? atoi((const char *)id) : 0;
        xmlFree(id);
        x->datefmt[x->nxf++] = (i >= 14 && i <= 22) || (i >= 27 && i <= 36) ||
                               (i >= 45 && i <= 47) || (i >= 50 && i <= 58) ||
                               (i >= 164 && i < 512 && custom[i]);
    }
    xmlFreeDoc(doc);
}

/* "B12" → column 1, row 11 (zero-based); -1 when malformed. */
static int cell_ref(const char *r, int *col, int *row)
{
    int c = 0, w = 0;
    while (*r >= 'A' && *r <= 'Z' && c < 100000) c = c * 26 + (*r++ - 'A' + 1);
    while (*r >= '0' && *r <= '9' && w < 10000000) w = w * 10 + (*r++ - '0');
    if (!c || !w || *r) return -1;
    *col = c - 1;
    *row = w - 1;
    return 0;
}

/* Excel's day number (1900 system) as YYYY-MM-DD. */
static void serial_date(double v, char *out, size_t outlen)
{
    long days = (long)v - 25569;            /* days since 1970-01-01 */
    long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    snprintf(out, outlen, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* The text of cell c. malloc'ed. */
static char *cell_value(struct xlsx *x, const xmlNode *c)
{
    xmlChar *t = fmt_xml_attr(c, "t"), *s = fmt_xml_attr(c, "s"), *v = NULL;
    const xmlNode *vn = fmt_xml_child(c, "v");
    char *out = NULL;
    if (vn) v = xmlNodeGetContent(vn);
    if (t && !strcmp((const char *)t, "inlineStr") && fmt_xml_child(c, "is")) {
        out = node_text(fmt_xml_child(c, "is"));
    } else if (t && !strcmp((const char *)t, "s")) {
        long i = v ? strtol((const char *)v, NULL, 10) : -1;
        out = strdup(i >= 0 && (size_t)i < x->nss && x->ss[i] ? x->ss[i] : "");
    } else if (v && (!t || !strcmp((const char *)t, "n")) && s &&
               (size_t)atoi((const char *)s) < x->nxf && x->datefmt[atoi((const char *)s)]) {
        char date[96];
        double d = strtod((const char *)v, NULL);
        if (d >= 1 && d < 2958466) { serial_date(d, date, sizeof date); out = strdup(date); }
        else out = strdup((const char *)v);
    } else {
        out = strdup(v ? (const char *)v : "");
    }
    xmlFree(t);
    xmlFree(s);
    xmlFree(v);
    return out;
}

#define MAXSHEETS 32

/* The worksheets' member names in the workbook's order, through its
 * relations (names[i] holds 512 bytes); their count. */
static int sheet_names(struct fmt_zip *z, char (*names)[512], int max)
{
    xmlDocPtr wb = NULL, rels = NULL;
    char e[FU_ERRLEN];
    const xmlNode *s, *r;
    int n = 0;
    if (fmt_zip_xml(z, "xl/workbook.xml", &wb, e, sizeof e) != FU_OK) return 0;
    if (fmt_zip_xml(z, "xl/_rels/workbook.xml.rels", &rels, e, sizeof e) != FU_OK) rels = NULL;
    for (s = fmt_xml_child(fmt_xml_child(xmlDocGetRootElement(wb), "sheets"), "sheet");
         s && n < max; s = s->next) {
        xmlChar *rid = fmt_xml_is(s, "sheet") ? fmt_xml_attr(s, "id") : NULL;
        for (r = rels && rid ? xmlDocGetRootElement(rels)->children : NULL; r; r = r->next) {
            xmlChar *id = fmt_xml_attr(r, "Id"), *tg = fmt_xml_attr(r, "Target");
            if (id && tg && !strcmp((const char *)id, (const char *)rid)) {
                const char *t = (const char *)tg;
                if (t[0] == '/') snprintf(names[n++], 512, "%s", t + 1);
                else snprintf(names[n++], 512, "xl/%s", t);
            }
            xmlFree(id);
            xmlFree(tg);
        }
        xmlFree(rid);
    }
    if (!n) snprintf(names[n++], 512, "xl/worksheets/sheet1.xml");
    xmlFreeDoc(rels);
    xmlFreeDoc(wb);
    return n;
}

struct grid { char **cell; int rows, cols; };

static char **at(struct grid *g, int r, int c) { return &g->cell[(size_t)r * MAXCOLS + c]; }

static void grid_free(struct grid *g)
{
    int k;
    for (k = 0; g->cell && k < g->rows * MAXCOLS; k++) free(g->cell[k]);
    free(g->cell);
    memset(g, 0, sizeof *g);
}

/* Repeats a merged range's value down its column (a category over rows). */
static void merges(struct grid *g, const xmlNode *ws)
{
    const xmlNode *m;
    for (m = fmt_xml_child(fmt_xml_child(ws, "mergeCells"), "mergeCell"); m; m = m->next) {
        xmlChar *ref;
        char a[32] = "", *colon;
        int c0, r0, c1, r1, r;
        if (!fmt_xml_is(m, "mergeCell")) continue;
        ref = fmt_xml_attr(m, "ref");
        if (ref) snprintf(a, sizeof a, "%s", (const char *)ref);
        xmlFree(ref);
        if (!(colon = strchr(a, ':'))) continue;
        *colon = 0;
        if (cell_ref(a, &c0, &r0) < 0 || cell_ref(colon + 1, &c1, &r1) < 0) continue;
        if (c0 >= MAXCOLS || r0 >= g->rows || !*at(g, r0, c0)) continue;
        for (r = r0 + 1; r <= r1 && r < g->rows; r++) {
            char **dst = at(g, r, c0);
            if (!*dst) *dst = strdup(*at(g, r0, c0));
        }
    }
}

/* The row number (zero-based) of a row element: its r, else next. */
static int row_number(const xmlNode *row, int next)
{
    xmlChar *v = fmt_xml_attr(row, "r");
    long r = v ? strtol((const char *)v, NULL, 10) - 1 : next;
    xmlFree(v);
    return r >= 0 && r < MAXROWS ? (int)r : -1;
}

static void fill_row(struct xlsx *x, struct grid *g, const xmlNode *row, int r)
{
    const xmlNode *c;
    int next = 0;
    for (c = row->children; c && !x->oom; c = c->next) {
        xmlChar *ref;
        int col = next, rr;
        if (!fmt_xml_is(c, "c")) continue;
        ref = fmt_xml_attr(c, "r");
        if (ref && cell_ref((const char *)ref, &col, &rr) < 0) col = next;
        xmlFree(ref);
        next = col + 1;
        if (col >= MAXCOLS || *at(g, r, col)) continue;
        if (!(*at(g, r, col) = cell_value(x, c))) x->oom = 1;
        if (col + 1 > g->cols) g->cols = col + 1;
    }
}

/* Reads worksheet member name into *g (rows at their own numbers). */
static int load_sheet(struct xlsx *x, struct fmt_zip *z, const char *name, struct grid *g,
                      char *err, size_t errlen)
{
    xmlDocPtr doc;
    const xmlNode *ws, *row, *data;
    int rc, next = 0, r;
    memset(g, 0, sizeof *g);
    if ((rc = fmt_zip_xml(z, name, &doc, err, errlen)) != FU_OK) return rc;
    ws = xmlDocGetRootElement(doc);
    data = fmt_xml_child(ws, "sheetData");
    for (row = data ? data->children : NULL; row; row = row->next) {
        if (!fmt_xml_is(row, "row") || (r = row_number(row, next)) < 0) continue;
        next = r + 1;
        if (next > g->rows) g->rows = next;
    }
    if (!(g->cell = calloc((size_t)g->rows * MAXCOLS + 1, sizeof *g->cell))) x->oom = 1;
    next = 0;
    for (row = data && g->cell ? data->children : NULL; row && !x->oom; row = row->next) {
        if (!fmt_xml_is(row, "row") || (r = row_number(row, next)) < 0) continue;
        next = r + 1;
        fill_row(x, g, row, r);
    }
    if (g->cell) merges(g, ws);
    xmlFreeDoc(doc);
    return FU_OK;
}

static int has_header(struct grid *g)
{
    char *cells[MAXCOLS];
    int r, k;
    for (r = 0; r < g->rows && r < 8; r++) {
        for (k = 0; k < g->cols; k++) cells[k] = *at(g, r, k) ? *at(g, r, k) : "";
        if (fmt_is_task_header(cells, (size_t)g->cols)) return 1;
    }
    return 0;
}

static void add_grid(struct xlsx *x, struct grid *g, struct fmt_doc *d)
{
    int r, k;
    if (fmt_add_table(d) < 0) { x->oom = 1; return; }
    for (r = 0; r < g->rows && !x->oom; r++) {
        if (fmt_add_row(d) < 0) { x->oom = 1; break; }
        for (k = 0; k < g->cols; k++) {
            const char *v = *at(g, r, k) ? *at(g, r, k) : "";
            if (fmt_add_cell(d, v, strlen(v)) < 0) { x->oom = 1; break; }
        }
    }
}

/* The first worksheet with a task header (else the first) as one table. */
static int sheets(struct xlsx *x, struct fmt_zip *z, struct fmt_doc *d, char *err, size_t errlen)
{
    char names[MAXSHEETS][512];
    int n = sheet_names(z, names, MAXSHEETS), i, rc = FU_OK, chosen = -1;
    for (i = 0; i < n && chosen < 0 && !x->oom; i++) {
        struct grid g;
        if ((rc = load_sheet(x, z, names[i], &g, err, errlen)) == FU_OK && has_header(&g)) {
            chosen = i;
            add_grid(x, &g, d);
        }
        grid_free(&g);
        if (rc != FU_OK && rc != FU_NOTFOUND) return rc;
    }
    if (chosen < 0 && !x->oom) {            /* none: the first, for the message */
        struct grid g;
        if ((rc = load_sheet(x, z, names[0], &g, err, errlen)) == FU_OK) add_grid(x, &g, d);
        grid_free(&g);
    }
    return rc;
}

int fmt_read_xlsx(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen)
{
    struct fmt_zip z;
    struct xlsx x;
    size_t i;
    int rc = fmt_zip_open(&z, buf, len, err, errlen);
    if (rc != FU_OK) return rc;
    memset(&x, 0, sizeof x);
    d->whole_table = 1;
    if (!fmt_zip_has(&z, "xl/workbook.xml")) {
        snprintf(err, errlen, "a zip archive without xl/workbook.xml is not an Excel workbook; "
                 "give an .xlsx saved by Excel, WPS or LibreOffice");
        rc = FU_ERR;
    }
    if (rc == FU_OK) rc = shared_strings(&x, &z, err, errlen);
    if (rc == FU_OK) {
        date_styles(&x, &z);
        rc = sheets(&x, &z, d, err, errlen);
    }
    if (rc == FU_NOTFOUND) {
        snprintf(err, errlen, "the workbook has no worksheet; give an .xlsx with the task table "
                 "on its first sheet");
        rc = FU_ERR;
    }
    if (rc == FU_OK && x.oom) { snprintf(err, errlen, "out of memory reading the workbook"); rc = FU_ERR; }
    for (i = 0; i < x.nss; i++) free(x.ss[i]);
    free(x.ss);
    free(x.datefmt);
    fmt_zip_close(&z);
    return rc;
}
