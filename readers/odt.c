/* .odt (OpenDocument text) reader: content.xml in reading order; list
 * numbers generated from the list styles (style:num-format, prefix and
 * suffix, as LibreOffice shows them) written out; tracked changes taken as
 * accepted (the deletions kept in text:tracked-changes are skipped), notes
 * (footnotes) dropped; tables as rows of cells; meta.xml's title. */
#include "readers/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "readers/zipread.h"

#define NLVL 10

struct liststyle { char *name; char fmt[NLVL][40], pre[NLVL][16], suf[NLVL][16];
                   int start[NLVL], display[NLVL]; };

struct odt {
    struct fmt_doc *d;
    struct liststyle *ls;
    size_t nls;
    int count[NLVL];       /* the current list's counters */
    struct liststyle outline;  /* text:outline-style: numbers of headings (text:h) */
    int ocount[NLVL];
    const struct liststyle *cur;
    FILE *para;
    char *pbuf;
    size_t plen;
    int oom;
};

static void attr_copy(const xmlNode *n, const char *name, char *out, size_t outlen)
{
    xmlChar *v = fmt_xml_attr(n, name);
    snprintf(out, outlen, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

static int attr_int(const xmlNode *n, const char *name, int dflt)
{
    xmlChar *v = fmt_xml_attr(n, name);
    int r = v ? atoi((const char *)v) : dflt;
    xmlFree(v);
    return r;
}

/* Collects every text:list-style under n (styles and automatic styles). */
static void collect_styles(struct odt *x, const xmlNode *n)
{
    const xmlNode *c, *l;
    for (c = n ? n->children : NULL; c && !x->oom; c = c->next) {
        struct liststyle *s, *g;
        if (c->type != XML_ELEMENT_NODE) continue;
        if (fmt_xml_is(c, "outline-style")) {
            s = &x->outline;
        } else if (fmt_xml_is(c, "list-style")) {
            if (!(g = realloc(x->ls, (x->nls + 1) * sizeof *g))) { x->oom = 1; return; }
            x->ls = g;
            s = &x->ls[x->nls++];
            s->name = NULL;
        } else {
            collect_styles(x, c);
            continue;
        }
        xmlFree(s->name);
        memset(s, 0, sizeof *s);
        s->name = (char *)fmt_xml_attr(c, "name");
        for (l = c->children; l; l = l->next) {
            int lv = attr_int(l, "level", 0) - 1;
            if (lv < 0 || lv >= NLVL) continue;
            if (!fmt_xml_is(l, "list-level-style-number") && !fmt_xml_is(l, "outline-level-style")) {
                snprintf(s->fmt[lv], 40, "none");
                continue;
            }
            attr_copy(l, "num-format", s->fmt[lv], 40);
            if (!s->fmt[lv][0]) snprintf(s->fmt[lv], 40, "none");
            attr_copy(l, "num-prefix", s->pre[lv], 16);
            attr_copy(l, "num-suffix", s->suf[lv], 16);
            s->start[lv] = attr_int(l, "start-value", 1);
            s->display[lv] = attr_int(l, "display-levels", 1);
        }
    }
}

static const struct liststyle *find_style(const struct odt *x, const char *name)
{
    size_t i;
    for (i = 0; name && i < x->nls; i++)
        if (x->ls[i].name && !strcmp(x->ls[i].name, name)) return &x->ls[i];
    return NULL;
}

static void put(struct odt *x, const char *s)
{
    if (x->para) fputs(s, x->para);
}

static void para_start(struct odt *x)
{
    x->pbuf = NULL;
    x->plen = 0;
    if (!(x->para = open_memstream(&x->pbuf, &x->plen))) x->oom = 1;
}

static void para_end(struct odt *x)
{
    if (!x->para) return;
    fclose(x->para);
    x->para = NULL;
    if (fmt_add_para(x->d, x->pbuf, x->plen) < 0) x->oom = 1;
    free(x->pbuf);
    x->pbuf = NULL;
}

/* Text under n: spans, links, spaces; notes, annotations and change marks
 * left out; a line break ends the paragraph when split is set. */
static void spans(struct odt *x, const xmlNode *n, int split)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            put(x, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (fmt_xml_is(c, "s")) {
            int k = attr_int(c, "c", 1);
            while (k-- > 0 && k < 64) put(x, " ");
        } else if (fmt_xml_is(c, "tab")) {
            put(x, " ");
        } else if (fmt_xml_is(c, "line-break")) {
            if (split) { para_end(x); para_start(x); }
            else put(x, "\n");
        } else if (fmt_xml_is(c, "note") || fmt_xml_is(c, "annotation") ||
                   fmt_xml_is(c, "change") || fmt_xml_is(c, "change-start") ||
                   fmt_xml_is(c, "change-end") || fmt_xml_is(c, "bookmark-ref") ||
                   fmt_xml_is(c, "tracked-changes")) {
            continue;
        } else {
            spans(x, c, split);
        }
    }
}

/* The label of a paragraph at level lv of list style s, whose counters
 * are count (advanced here). */
static void label(const struct liststyle *s, int *count, int lv, char *out, size_t outlen)
{
    char buf[256] = "", num[40];
    int i, from;
    out[0] = 0;
    if (!s || lv < 0 || lv >= NLVL || !strcmp(s->fmt[lv], "none") || !s->fmt[lv][0]) return;
    count[lv] = count[lv] ? count[lv] + 1 : s->start[lv];
    for (i = lv + 1; i < NLVL; i++) count[i] = 0;
    from = lv - (s->display[lv] > 1 ? s->display[lv] - 1 : 0);
    if (from < 0) from = 0;
    for (i = from; i <= lv; i++) {
        fmt_number(count[i] ? count[i] : s->start[i], s->fmt[i], num, sizeof num);
        if (strlen(buf) + strlen(num) + 2 >= sizeof buf) break;
        if (i > from) strcat(buf, ".");
        strcat(buf, num);
    }
    snprintf(out, outlen, "%s%s%s", s->pre[lv], buf, s->suf[lv]);
}

static void blocks(struct odt *x, const xmlNode *n, int lv);

static void paragraph(struct odt *x, const xmlNode *p, int lv, int cell)
{
    char lab[300] = "";
    int outline = fmt_xml_is(p, "h") ? attr_int(p, "outline-level", 0) : 0;
    xmlChar *header = fmt_xml_attr(p, "is-list-header");
    if (header && !strcmp((const char *)header, "true")) outline = 0;
    xmlFree(header);
    if (lv >= 0 && x->cur) label(x->cur, x->count, lv, lab, sizeof lab);
    else if (outline > 0) label(&x->outline, x->ocount, outline - 1, lab, sizeof lab);
    if (!cell) para_start(x);
    put(x, lab);
    spans(x, p, !cell);
    if (!cell) para_end(x);
    else put(x, "\n");
}

static void list(struct odt *x, const xmlNode *l, int lv)
{
    const xmlNode *it, *c;
    xmlChar *sn = fmt_xml_attr(l, "style-name"), *cont = fmt_xml_attr(l, "continue-numbering");
    xmlChar *contlist = fmt_xml_attr(l, "continue-list");
    if (lv < 0) {               /* a new top-level list restarts unless it continues */
        const struct liststyle *s = find_style(x, (const char *)sn);
        int keep = (cont && !strcmp((const char *)cont, "true")) || contlist;
        if (!keep || s != x->cur) memset(x->count, 0, sizeof x->count);
        x->cur = s;
    } else if (sn && find_style(x, (const char *)sn)) {
        x->cur = find_style(x, (const char *)sn);
    }
    xmlFree(sn);
    xmlFree(cont);
    xmlFree(contlist);
    for (it = l->children; it && !x->oom; it = it->next) {
        int header = fmt_xml_is(it, "list-header"), first = 1;
        if (!fmt_xml_is(it, "list-item") && !header) continue;
        for (c = it->children; c && !x->oom; c = c->next) {
            if ((fmt_xml_is(c, "p") || fmt_xml_is(c, "h")) && first && !header)
                paragraph(x, c, lv + 1, 0);
            else if (fmt_xml_is(c, "p") || fmt_xml_is(c, "h"))
                paragraph(x, c, -1, 0);
            else if (fmt_xml_is(c, "list"))
                list(x, c, lv + 1);
            else
                blocks(x, c, lv);
            if (c->type == XML_ELEMENT_NODE) first = 0;
        }
    }
}

static void cell_text(struct odt *x, const xmlNode *tc)
{
    const xmlNode *c;
    for (c = tc->children; c; c = c->next) {
        if (fmt_xml_is(c, "p") || fmt_xml_is(c, "h")) paragraph(x, c, -1, 1);
        else if (c->type == XML_ELEMENT_NODE) cell_text(x, c);   /* lists, sections */
    }
}

static void rows(struct odt *x, const xmlNode *t)
{
    const xmlNode *r, *c;
    for (r = t->children; r && !x->oom; r = r->next) {
        if (fmt_xml_is(r, "table-header-rows") || fmt_xml_is(r, "table-rows") ||
            fmt_xml_is(r, "table-row-group")) {
            rows(x, r);
            continue;
        }
        if (!fmt_xml_is(r, "table-row")) continue;
        if (fmt_add_row(x->d) < 0) { x->oom = 1; return; }
        for (c = r->children; c && !x->oom; c = c->next) {
            int rep, k;
            if (!fmt_xml_is(c, "table-cell") && !fmt_xml_is(c, "covered-table-cell")) continue;
            rep = attr_int(c, "number-columns-repeated", 1);
            if (rep > 64) rep = 1;                  /* trailing empty columns */
            x->pbuf = NULL;
            x->plen = 0;
            if (!(x->para = open_memstream(&x->pbuf, &x->plen))) { x->oom = 1; return; }
            if (fmt_xml_is(c, "table-cell")) cell_text(x, c);
            fclose(x->para);
            x->para = NULL;
            for (k = 0; k < rep && !x->oom; k++)
                if (fmt_add_cell(x->d, x->pbuf ? x->pbuf : "", x->plen) < 0) x->oom = 1;
            free(x->pbuf);
            x->pbuf = NULL;
        }
    }
}

static void blocks(struct odt *x, const xmlNode *n, int lv)
{
    const xmlNode *c;
    for (c = n->children; c && !x->oom; c = c->next) {
        if (fmt_xml_is(c, "p") || fmt_xml_is(c, "h")) {
            paragraph(x, c, -1, 0);
        } else if (fmt_xml_is(c, "list")) {
            list(x, c, lv);
        } else if (fmt_xml_is(c, "table")) {
            if (fmt_add_table(x->d) < 0) x->oom = 1;
            else rows(x, c);
        } else if (fmt_xml_is(c, "section") || fmt_xml_is(c, "index-body") ||
                   fmt_xml_is(c, "table-of-content") || fmt_xml_is(c, "text")) {
            blocks(x, c, lv);
        }
    }
}

int fmt_read_odt(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen)
{
    struct fmt_zip z;
    struct odt x;
    xmlDocPtr content = NULL, styles = NULL;
    const xmlNode *text;
    size_t i;
    int rc = fmt_zip_main(&z, buf, len, "content.xml", "an OpenDocument text",
                          "an .odt saved by LibreOffice or WPS", &content, err, errlen);
    if (rc != FU_OK) return rc;
    memset(&x, 0, sizeof x);
    x.d = d;
    if (rc == FU_OK) {
        char e[FU_ERRLEN];
        if (fmt_zip_xml(&z, "styles.xml", &styles, e, sizeof e) == FU_OK)
            collect_styles(&x, xmlDocGetRootElement(styles));
        collect_styles(&x, xmlDocGetRootElement(content));
        text = fmt_xml_child(fmt_xml_child(xmlDocGetRootElement(content), "body"), "text");
        if (!text) {
            snprintf(err, errlen, "content.xml has no text body: not a text document (a "
                     "spreadsheet or presentation?); give an .odt");
            rc = FU_ERR;
        } else {
            blocks(&x, text, -1);
            d->title = fmt_zip_title(&z, "meta.xml", "meta");
        }
    }
    if (rc == FU_OK && x.oom) { snprintf(err, errlen, "out of memory reading the document"); rc = FU_ERR; }
    for (i = 0; i < x.nls; i++) xmlFree(x.ls[i].name);
    xmlFree(x.outline.name);
    free(x.ls);
    xmlFreeDoc(content);
    xmlFreeDoc(styles);
    fmt_zip_close(&z);
    return rc;
}
