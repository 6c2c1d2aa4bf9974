/* .docx (WordprocessingML) reader: word/document.xml in reading order,
 * list numbers Word generates from w:numPr (numbering.xml, also through
 * paragraph styles) written out, tracked changes taken as accepted (w:ins
 * kept, w:del dropped), footnotes and field codes dropped, tables kept as
 * rows of cells; the core properties' title. */
#include "readers/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "readers/zipread.h"

#define NLVL 9

struct lvl { int start; char fmt[40]; char text[64]; int legal; };
struct absnum { int id; struct lvl lvl[NLVL]; int count[NLVL]; };
struct num { int id, abs; int over[NLVL]; int has_over[NLVL]; int started; };
struct pstyle { char *id, *based; int numid, ilvl; };

struct docx {
    struct fmt_doc *d;
    struct absnum *abs;
    size_t nabs;
    struct num *nums;
    size_t nnums;
    struct pstyle *styles;
    size_t nstyles;
    FILE *para;            /* the paragraph being read */
    char *pbuf;
    size_t plen;
    int oom;
};

static int attr_int(const xmlNode *n, const char *name, int dflt)
{
    xmlChar *v = n ? fmt_xml_attr(n, name) : NULL;
    int r = v ? atoi((const char *)v) : dflt;
    xmlFree(v);
    return r;
}

/* w:val of the child element `name` of n, copied into out. */
static void child_val(const xmlNode *n, const char *name, char *out, size_t outlen)
{
    xmlNode *c = fmt_xml_child(n, name);
    xmlChar *v = c ? fmt_xml_attr(c, "val") : NULL;
    snprintf(out, outlen, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

/* ---- numbering.xml and styles.xml ---- */

static void read_abstract(struct absnum *a, const xmlNode *an)
{
    const xmlNode *l;
    int i;
    memset(a, 0, sizeof *a);
    a->id = attr_int(an, "abstractNumId", -1);
    for (i = 0; i < NLVL; i++) { a->lvl[i].start = 1; snprintf(a->lvl[i].fmt, 40, "decimal"); }
    for (l = an->children; l; l = l->next) {
        int il;
        if (!fmt_xml_is(l, "lvl")) continue;
        il = attr_int(l, "ilvl", -1);
        if (il < 0 || il >= NLVL) continue;
        a->lvl[il].start = attr_int(fmt_xml_child(l, "start"), "val", 1);
        child_val(l, "numFmt", a->lvl[il].fmt, sizeof a->lvl[il].fmt);
        child_val(l, "lvlText", a->lvl[il].text, sizeof a->lvl[il].text);
        a->lvl[il].legal = fmt_xml_child(l, "isLgl") != NULL;
    }
}

static void read_num(struct num *m, const xmlNode *nn)
{
    const xmlNode *o;
    memset(m, 0, sizeof *m);
    m->id = attr_int(nn, "numId", -1);
    m->abs = attr_int(fmt_xml_child(nn, "abstractNumId"), "val", -1);
    for (o = nn->children; o; o = o->next) {
        int il;
        if (!fmt_xml_is(o, "lvlOverride")) continue;
        il = attr_int(o, "ilvl", -1);
        if (il < 0 || il >= NLVL || !fmt_xml_child(o, "startOverride")) continue;
        m->over[il] = attr_int(fmt_xml_child(o, "startOverride"), "val", 1);
        m->has_over[il] = 1;
    }
}

static int read_numbering(struct docx *x, struct fmt_zip *z, char *err, size_t errlen)
{
    xmlDocPtr doc;
    const xmlNode *n;
    size_t na = 0, nn = 0;
    int rc = fmt_zip_xml(z, "word/numbering.xml", &doc, err, errlen);
    if (rc == FU_NOTFOUND) return FU_OK;
    if (rc != FU_OK) return rc;
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        na += fmt_xml_is(n, "abstractNum");
        nn += fmt_xml_is(n, "num");
    }
    x->abs = calloc(na + 1, sizeof *x->abs);
    x->nums = calloc(nn + 1, sizeof *x->nums);
    if (!x->abs || !x->nums) { xmlFreeDoc(doc); x->oom = 1; return FU_OK; }
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (fmt_xml_is(n, "abstractNum")) read_abstract(&x->abs[x->nabs++], n);
        else if (fmt_xml_is(n, "num")) read_num(&x->nums[x->nnums++], n);
    }
    xmlFreeDoc(doc);
    return FU_OK;
}

static int read_styles(struct docx *x, struct fmt_zip *z, char *err, size_t errlen)
{
    xmlDocPtr doc;
    const xmlNode *s;
    int rc = fmt_zip_xml(z, "word/styles.xml", &doc, err, errlen);
    if (rc == FU_NOTFOUND) return FU_OK;
    if (rc != FU_OK) return rc;
    for (s = xmlDocGetRootElement(doc)->children; s; s = s->next) {
        const xmlNode *ppr = fmt_xml_child(s, "pPr"), *np = fmt_xml_child(ppr, "numPr");
        struct pstyle *ps, *grown;
        xmlChar *based;
        if (!fmt_xml_is(s, "style")) continue;
        based = fmt_xml_child(s, "basedOn") ? fmt_xml_attr(fmt_xml_child(s, "basedOn"), "val")
                                            : NULL;
        if (!np && !based) continue;
        grown = realloc(x->styles, (x->nstyles + 1) * sizeof *grown);
        if (!grown) { xmlFree(based); x->oom = 1; break; }
        x->styles = grown;
        ps = &x->styles[x->nstyles++];
        ps->id = (char *)fmt_xml_attr(s, "styleId");
        ps->based = (char *)based;
        ps->numid = attr_int(fmt_xml_child(np, "numId"), "val", -1);
        ps->ilvl = attr_int(fmt_xml_child(np, "ilvl"), "val", 0);
    }
    xmlFreeDoc(doc);
    return FU_OK;
}

/* numId and level a paragraph style gives (through basedOn), or -1. */
static int style_num(const struct docx *x, const char *id, int *ilvl)
{
    int hops;
    for (hops = 0; id && hops < 10; hops++) {
        size_t i;
        const struct pstyle *ps = NULL;
        for (i = 0; i < x->nstyles; i++)
            if (x->styles[i].id && !strcmp(x->styles[i].id, id)) { ps = &x->styles[i]; break; }
        if (!ps) return -1;
        if (ps->numid >= 0) { *ilvl = ps->ilvl; return ps->numid; }
        id = ps->based;
    }
    return -1;
}

/* The label of the next paragraph of list numid at level il ("一、"), or "". */
static void next_label(struct docx *x, int numid, int il, char *out, size_t outlen)
{
    struct num *m = NULL;
    struct absnum *a = NULL;
    size_t i;
    const char *t;
    char buf[256] = "";
    out[0] = 0;
    if (numid <= 0 || il < 0 || il >= NLVL) return;
    for (i = 0; i < x->nnums; i++) if (x->nums[i].id == numid) m = &x->nums[i];
    for (i = 0; m && i < x->nabs; i++) if (x->abs[i].id == m->abs) a = &x->abs[i];
    if (!a) return;
    if (!m->started) {         /* a start override restarts the shared list */
        int l;
        for (l = 0; l < NLVL; l++)
            if (m->has_over[l]) a->count[l] = 0;
        m->started = 1;
    }
    a->count[il] = a->count[il] ? a->count[il] + 1
                                : (m->has_over[il] ? m->over[il] : a->lvl[il].start);
    for (i = (size_t)il + 1; i < NLVL; i++) a->count[i] = 0;
    if (!strcmp(a->lvl[il].fmt, "bullet") || !strcmp(a->lvl[il].fmt, "none")) return;
    for (t = a->lvl[il].text; *t && strlen(buf) + 40 < sizeof buf; t++) {
        if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
            int l = t[1] - '1';
            char num[40];
            int v = a->count[l] ? a->count[l] : a->lvl[l].start;
            fmt_number(v, a->lvl[il].legal ? "decimal" : a->lvl[l].fmt, num, sizeof num);
            strcat(buf, num);
            t++;
        } else {
            size_t k = strlen(buf);
            buf[k] = *t;
            buf[k + 1] = 0;
        }
    }
    snprintf(out, outlen, "%s", buf);
}

/* ---- document.xml ---- */

static void para_start(struct docx *x)
{
    x->pbuf = NULL;
    x->plen = 0;
    x->para = open_memstream(&x->pbuf, &x->plen);
    if (!x->para) x->oom = 1;
}

/* Ends the paragraph being read and adds it to the doc. */
static void para_end(struct docx *x)
{
    if (!x->para) return;
    fclose(x->para);
    x->para = NULL;
    if (fmt_add_para(x->d, x->pbuf, x->plen) < 0) x->oom = 1;
    free(x->pbuf);
    x->pbuf = NULL;
}

static void put(struct docx *x, const char *s)
{
    if (x->para) fputs(s, x->para);
}

/* Text of the runs under n, tracked deletions, field codes, footnote
 * references and fallback copies left out. A line break ends the paragraph
 * when split is set (else it stays a line end, as in a table cell). */
static void runs(struct docx *x, const xmlNode *n, int split)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next) {
        const char *nm = (const char *)c->name;
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!strcmp(nm, "t")) {
            xmlChar *v = xmlNodeGetContent(c);
            if (v) put(x, (const char *)v);
            xmlFree(v);
        } else if (!strcmp(nm, "tab") || !strcmp(nm, "ptab")) {
            put(x, " ");
        } else if (!strcmp(nm, "br") || !strcmp(nm, "cr")) {
            xmlChar *ty = fmt_xml_attr(c, "type");
            int page = ty && !strcmp((const char *)ty, "page");
            xmlFree(ty);
            if (page) continue;
            if (split) { para_end(x); para_start(x); }
            else put(x, "\n");
        } else if (!strcmp(nm, "del") || !strcmp(nm, "moveFrom") || !strcmp(nm, "delText") ||
                   !strcmp(nm, "instrText") || !strcmp(nm, "footnoteReference") ||
                   !strcmp(nm, "endnoteReference") || !strcmp(nm, "commentReference") ||
                   !strcmp(nm, "Fallback") || !strcmp(nm, "pPr") || !strcmp(nm, "rPr") ||
                   !strcmp(nm, "sectPr")) {
            continue;
        } else {
            runs(x, c, split);      /* r, ins, moveTo, hyperlink, smartTag, fldSimple, sdt … */
        }
    }
}

static void paragraph(struct docx *x, const xmlNode *p, int cell)
{
    const xmlNode *ppr = fmt_xml_child(p, "pPr"), *np = fmt_xml_child(ppr, "numPr");
    char label[256] = "";
    int numid = -1, il = 0;
    if (np) {
        numid = attr_int(fmt_xml_child(np, "numId"), "val", -1);
        il = attr_int(fmt_xml_child(np, "ilvl"), "val", 0);
    } else if (ppr && fmt_xml_child(ppr, "pStyle")) {
        xmlChar *sid = fmt_xml_attr(fmt_xml_child(ppr, "pStyle"), "val");
        numid = style_num(x, (const char *)sid, &il);
        xmlFree(sid);
    }
    if (numid > 0) next_label(x, numid, il, label, sizeof label);
    if (cell < 0) para_start(x);
    put(x, label);
    runs(x, p, cell < 0);
    if (cell < 0) para_end(x);
    else put(x, "\n");
}

static void table(struct docx *x, const xmlNode *tbl);

/* Text of a table cell: its paragraphs joined by line ends (into one cell). */
static void cell_text(struct docx *x, const xmlNode *tc)
{
    const xmlNode *c;
    for (c = tc->children; c; c = c->next) {
        if (fmt_xml_is(c, "p")) paragraph(x, c, 1);
        else if (fmt_xml_is(c, "tbl")) runs(x, c, 0);     /* a nested table, as text */
        else if (fmt_xml_is(c, "sdt") || fmt_xml_is(c, "sdtContent")) cell_text(x, c);
    }
}

#define MAXCOLS 64
static void table(struct docx *x, const xmlNode *tbl)
{
    const xmlNode *tr, *tc;
    char *above[MAXCOLS] = {0};     /* vertically merged cells repeat the value above */
    int i;
    if (fmt_add_table(x->d) < 0) { x->oom = 1; return; }
    for (tr = tbl->children; tr && !x->oom; tr = tr->next) {
        int col = 0;
        if (!fmt_xml_is(tr, "tr")) continue;
        if (fmt_add_row(x->d) < 0) { x->oom = 1; break; }
        for (tc = tr->children; tc && !x->oom; tc = tc->next) {
            const xmlNode *pr = fmt_xml_child(tc, "tcPr"), *vm = fmt_xml_child(pr, "vMerge");
            int span = attr_int(fmt_xml_child(pr, "gridSpan"), "val", 1), cont = 0, k;
            xmlChar *vv = vm ? fmt_xml_attr(vm, "val") : NULL;
            if (!fmt_xml_is(tc, "tc")) continue;
            cont = vm && (!vv || strcmp((const char *)vv, "restart"));
            xmlFree(vv);
            x->pbuf = NULL;
            x->plen = 0;
            if (!(x->para = open_memstream(&x->pbuf, &x->plen))) { x->oom = 1; break; }
            if (!cont) cell_text(x, tc);
            fclose(x->para);
            x->para = NULL;
            if (cont && col < MAXCOLS && above[col]) {
                free(x->pbuf);
                x->pbuf = strdup(above[col]);
                x->plen = x->pbuf ? strlen(x->pbuf) : 0;
            }
            if (!x->pbuf || fmt_add_cell(x->d, x->pbuf, x->plen) < 0) x->oom = 1;
            if (col < MAXCOLS && x->pbuf) { free(above[col]); above[col] = strdup(x->pbuf); }
            free(x->pbuf);
            x->pbuf = NULL;
            for (k = 1; k < span && k < MAXCOLS; k++)
                if (fmt_add_cell(x->d, "", 0) < 0) x->oom = 1;
            col += span > 0 ? span : 1;
        }
    }
    for (i = 0; i < MAXCOLS; i++) free(above[i]);
}

static void body(struct docx *x, const xmlNode *n)
{
    const xmlNode *c;
    for (c = n->children; c && !x->oom; c = c->next) {
        if (fmt_xml_is(c, "p")) {
            paragraph(x, c, -1);
        } else if (fmt_xml_is(c, "tbl")) {
            table(x, c);
        } else if (fmt_xml_is(c, "sdt") || fmt_xml_is(c, "sdtContent") ||
                   fmt_xml_is(c, "customXml") || fmt_xml_is(c, "ins") ||
                   fmt_xml_is(c, "smartTag")) {
            body(x, c);
        }
    }
}

static void docx_free(struct docx *x)
{
    size_t i;
    for (i = 0; i < x->nstyles; i++) { xmlFree(x->styles[i].id); xmlFree(x->styles[i].based); }
    free(x->styles);
    free(x->abs);
    free(x->nums);
}

int fmt_read_docx(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen)
{
    struct fmt_zip z;
    struct docx x;
    xmlDocPtr doc = NULL;
    const xmlNode *b;
    int rc = fmt_zip_main(&z, buf, len, "word/document.xml", "a Word document",
                          "a .docx saved by Word, WPS or LibreOffice", &doc, err, errlen);
    if (rc != FU_OK) return rc;
    memset(&x, 0, sizeof x);
    x.d = d;
    if (rc == FU_OK) rc = read_numbering(&x, &z, err, errlen);
    if (rc == FU_OK) rc = read_styles(&x, &z, err, errlen);
    if (rc == FU_OK) {
        b = fmt_xml_child(xmlDocGetRootElement(doc), "body");
        if (!b) {
            snprintf(err, errlen, "word/document.xml has no body; the document is damaged");
            rc = FU_ERR;
        } else {
            body(&x, b);
            d->title = fmt_zip_title(&z, "docProps/core.xml", NULL);
        }
    }
    if (rc == FU_OK && x.oom) { snprintf(err, errlen, "out of memory reading the document"); rc = FU_ERR; }
    xmlFreeDoc(doc);
    docx_free(&x);
    fmt_zip_close(&z);
    return rc;
}
