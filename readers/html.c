/* Saved web page reader (libxml2's HTML parser): the encoding its <meta>
 * declares (GB2312 and GBK read as GB18030, their superset), the article
 * found as the element with the most running text (paragraphs of ten
 * characters or more, counted for their parent and half for their
 * grandparent; the usual CMS containers count a quarter more) after page
 * chrome is left out (scripts, styles, navigation, breadcrumbs, share
 * bars, headers, footers, forms); the portal's information table (索引号,
 * 发布机构, 成文日期, 发布日期, 文号, 来源 …) read into the metadata; the
 * page title (h1, else <title>) before the article when it lacks one. */
#include "readers/fmt.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/encoding.h"
#include "util/err.h"
#include "util/text.h"
#include "readers/lib_xml.h"
#include "readers/zipread.h"

#define MIN_ARTICLE 100    /* characters of running text an article has at least */

/* Metadata keys of portal information tables, as the parser knows them. */
static const char *const meta_keys[] = {
    "索引号", "发布机构", "发文机关", "发布单位", "发文单位", "成文日期", "发布日期",
    "发布时间", "文号", "发文字号", "政策文号", "来源", "信息来源", "标题", "主题分类",
    "有效性", "公开方式", NULL
};

static const char *const drop_tags[] = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "iframe", "object", "embed", "svg", "head", "map",
    "input", NULL
};

/* Tokens of id and class values that mark page chrome. */
static const char *const drop_tokens[] = {
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "share",
    "bdshare", "fenxiang", "footer", "foot", "header", "sidebar", "side", "copyright",
    "location", "position", "dqwz", "print", "toolbar", "tools", "related", "comment",
    "search", "login", "banner", "topbar", "qrcode", "ewm", "pager", "friendlink", NULL
};

static const char *const article_tokens[] = {
    "zoom", "trs_editor", "trs_ueditor", "ucap-content", "article-content", "articlecontent",
    "pages_content", "art_con", "content", "article", "ccontent", "main-content",
    "xxgk_content", "zwnr", "wzy_content", "news_content", "contenttext", "detail", NULL
};

static int in(const char *s, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (!strcasecmp(s, list[i])) return 1;
    return 0;
}

/* 1 when an id or class token of n is in list (tokens split on space, -, _;
 * the whole value is tried too). */
static int attr_token(const xmlNode *n, const char *const *list)
{
    static const char *const attrs[] = { "id", "class", NULL };
    size_t a;
    for (a = 0; attrs[a]; a++) {
        xmlChar *v = fmt_xml_attr(n, attrs[a]);
        char buf[256], *tok, *save = NULL;
        int hit = 0;
        if (!v) continue;
        snprintf(buf, sizeof buf, "%s", (const char *)v);
        xmlFree(v);
        if (in(buf, list)) return 1;
        for (tok = strtok_r(buf, " \t\n-_", &save); tok && !hit; tok = strtok_r(NULL, " \t\n-_", &save))
            hit = in(tok, list);
        if (hit) return 1;
    }
    return 0;
}

static int dropped(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE &&
           (in((const char *)n->name, drop_tags) || attr_token(n, drop_tokens));
}

static int is_block(const xmlNode *n)
{
    static const char *const blocks[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "tr", "td", "th", "tbody", "thead", "blockquote", "section", "article",
        "center", "pre", "br", "hr", "main", "body", NULL };
    return n->type == XML_ELEMENT_NODE && in((const char *)n->name, blocks);
}

/* Characters of s that count as running text (letters, digits, Han). */
static size_t text_chars(const char *s)
{
    size_t n = strlen(s), i = 0, c = 0;
    while (i < n) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (cp >= 0x2E80 || isalnum((int)cp)) c++;
    }
    return c;
}

/* ---- text with the source's line breaks between Han characters removed ---- */

struct tbuf { FILE *f; char *b; size_t n; uint32_t last; int pending; };

static int wide(uint32_t cp) { return cp >= 0x2E80; }

static void tb_put(struct tbuf *t, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == ' ' || cp == '\n' || cp == '\r' || cp == '\t' || cp == 0xA0) {
            t->pending = 1;
        } else {
            if (t->pending && t->last && !(wide(t->last) && wide(cp))) fputc(' ', t->f);
            t->pending = 0;
            fwrite(s + i, 1, k, t->f);
            t->last = cp;
        }
        i += k;
    }
}

static int tb_open(struct tbuf *t)
{
    memset(t, 0, sizeof *t);
    t->f = open_memstream(&t->b, &t->n);
    return t->f ? 0 : -1;
}

static void tb_close(struct tbuf *t)
{
    if (t->f) fclose(t->f);
    t->f = NULL;
}

/* Inline text of n (block children and chrome left out when inline_only). */
static void inline_text(const xmlNode *n, struct tbuf *t, int inline_only)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            tb_put(t, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !dropped(c)) {
            if (inline_only && is_block(c)) continue;
            if (!strcmp((const char *)c->name, "br")) { t->pending = 1; continue; }
            inline_text(c, t, inline_only);
        }
    }
}

static char *node_text(const xmlNode *n, int inline_only)
{
    struct tbuf t;
    if (tb_open(&t) < 0) return NULL;
    inline_text(n, &t, inline_only);
    tb_close(&t);
    return t.b;
}

/* ---- the metadata table ---- */

/* The key a leaf text names ("索 引 号：" → 索引号) and where its value
 * starts after a colon (*rest, "" when none); -1 when none. */
static int leaf_key(const char *s, const char **rest)
{
    char k[64];
    size_t i = 0, o = 0, j;
    while (s[i] && o + 4 < sizeof k) {
        if (s[i] == ' ') { i++; continue; }
        if (!strncmp(s + i, "　", 3)) { i += 3; continue; }
        if (s[i] == ':' || !strncmp(s + i, "：", 3)) break;
        k[o++] = s[i++];
    }
    k[o] = 0;
    for (j = 0; meta_keys[j]; j++) if (!strcmp(k, meta_keys[j])) break;
    if (!meta_keys[j]) return -1;
    if (s[i] == ':') i++;
    else if (!strncmp(s + i, "：", 3)) i += 3;
    else if (s[i]) return -1;
    while (s[i] == ' ') i++;
    *rest = s + i;
    return (int)j;
}

struct leaves { char **v; size_t n, cap; const xmlNode **node; };

static void add_leaf(struct leaves *l, char *t, const xmlNode *n)
{
    char **nv;
    const xmlNode **nn;
    if (t && l->n < 4096 && (nv = realloc(l->v, (l->n + 1) * sizeof *nv))) {
        l->v = nv;
        if ((nn = realloc(l->node, (l->n + 1) * sizeof *nn))) {
            l->node = nn;
            l->v[l->n] = t;
            l->node[l->n++] = n;
            return;
        }
    }
    free(t);
}

/* An element whose children are only text and inline links or fonts. */
static int leaf_element(const xmlNode *c)
{
    static const char *const kinds[] = { "td", "th", "li", "span", "dt", "dd", "label", "b",
                                         "strong", "p", "em", "font", "div", NULL };
    const xmlNode *g;
    if (!in((const char *)c->name, kinds)) return 0;
    for (g = c->children; g; g = g->next)
        if (g->type == XML_ELEMENT_NODE && strcmp((const char *)g->name, "br") &&
            strcmp((const char *)g->name, "a") && strcmp((const char *)g->name, "font"))
            return 0;
    return 1;
}

/* The page's short texts in order: leaf elements, and the text an element
 * holds beside them ("<li><span>索引号：</span>1137…</li>"). */
static void collect_leaves(const xmlNode *n, struct leaves *l)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            struct tbuf t;
            if (tb_open(&t) < 0) continue;
            tb_put(&t, (const char *)c->content);
            tb_close(&t);
            if (t.b && *t.b && text_width(t.b) <= 200) add_leaf(l, t.b, n);
            else free(t.b);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (in((const char *)c->name, drop_tags) && strcmp((const char *)c->name, "header"))
            continue;
        if (leaf_element(c)) add_leaf(l, node_text(c, 0), c);
        else collect_leaves(c, l);
    }
}

/* Reads "KEY：VALUE" pairs from the page's leaves into d's metadata; the
 * nodes that carried them are remembered in *box (the information table)
 * so that the article leaves them out. */
static int read_meta(const xmlNode *root, struct fmt_doc *d, const xmlNode **box)
{
    struct leaves l = {0};
    size_t i;
    int found = 0, rc = 0;
    *box = NULL;
    collect_leaves(root, &l);
    for (i = 0; i < l.n && rc == 0; i++) {
        const char *rest, *val = NULL;
        int k = leaf_key(l.v[i], &rest);
        if (k < 0) continue;
        if (*rest) val = rest;
        else if (i + 1 < l.n && leaf_key(l.v[i + 1], &rest) < 0) val = l.v[++i];
        if (!val || !*val || text_width(val) > 200) continue;
        rc = fmt_add_meta(d, meta_keys[k], val);
        if (++found == 2) {         /* the table: the nearest table, ul or dl around it */
            const xmlNode *p = l.node[i];
            while (p && p->type == XML_ELEMENT_NODE &&
                   strcmp((const char *)p->name, "table") && strcmp((const char *)p->name, "ul") &&
                   strcmp((const char *)p->name, "dl"))
                p = p->parent;
            if (p && p->type == XML_ELEMENT_NODE) *box = p;
        }
    }
    for (i = 0; i < l.n; i++) free(l.v[i]);
    free(l.v);
    free(l.node);
    return rc;
}

/* ---- finding the article ---- */

struct score { const xmlNode *node; double s; };
struct scores { struct score *v; size_t n, cap; };

/* Adds s to n's score; a node's place in the array is kept in its
 * _private field (libxml2 leaves it to the application), so that a large
 * page costs no search. */
static void add_score(struct scores *sc, xmlNode *n, double s)
{
    size_t i;
    if (!n || n->type != XML_ELEMENT_NODE) return;
    i = (size_t)(uintptr_t)n->_private;
    if (i > 0 && i <= sc->n && sc->v[i - 1].node == n) { sc->v[i - 1].s += s; return; }
    if (sc->n == sc->cap) {
        size_t cap = sc->cap ? sc->cap * 2 : 64;
        struct score *nv = realloc(sc->v, cap * sizeof *nv);
        if (!nv) return;
        sc->v = nv;
        sc->cap = cap;
    }
    sc->v[sc->n].node = n;
    sc->v[sc->n++].s = s;
    n->_private = (void *)(uintptr_t)sc->n;
}

static void score_tree(xmlNode *n, struct scores *sc, const xmlNode *box)
{
    xmlNode *c;
    for (c = n->children; c; c = c->next) {
        char *t;
        size_t len;
        if (c->type != XML_ELEMENT_NODE || dropped(c) || c == box) continue;
        t = node_text(c, 1);
        len = t ? text_chars(t) : 0;
        if (len >= 10 && t && (strstr(t, "，") || strstr(t, "。") || strstr(t, ",") || len >= 40)) {
            add_score(sc, c, (double)len);
            add_score(sc, c->parent, (double)len);
            if (c->parent) add_score(sc, c->parent->parent, len / 2.0);
        }
        free(t);
        score_tree(c, sc, box);
    }
}

static const xmlNode *find_article(xmlNode *root, const xmlNode *box, double *best)
{
    struct scores sc = {0};
    const xmlNode *win = NULL;
    size_t i;
    *best = 0;
    score_tree(root, &sc, box);
    for (i = 0; i < sc.n; i++) {
        double s = sc.v[i].s * (attr_token(sc.v[i].node, article_tokens) ? 1.25 : 1.0);
        if (!strcmp((const char *)sc.v[i].node->name, "body") ||
            !strcmp((const char *)sc.v[i].node->name, "html"))
            s *= 0.5;
        if (s > *best) { *best = s; win = sc.v[i].node; }
    }
    free(sc.v);
    return win;
}

/* ---- the article's paragraphs and tables ---- */

struct emit { struct fmt_doc *d; struct tbuf t; int oom; const xmlNode *box; };

static void flush(struct emit *e)
{
    tb_close(&e->t);
    if (e->t.b && fmt_add_para(e->d, e->t.b, e->t.n) < 0) e->oom = 1;
    free(e->t.b);
    if (tb_open(&e->t) < 0) e->oom = 1;
}

/* Rows of table t with two cells or more (*wide_rows) and whether a
 * table sits inside one of its cells (*nested). */
static void table_shape(const xmlNode *t, int *wide_rows, int *nested, int depth)
{
    const xmlNode *c;
    for (c = t->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!strcmp((const char *)c->name, "table") && depth > 0) { *nested = 1; continue; }
        if (!strcmp((const char *)c->name, "tr")) {
            const xmlNode *td;
            int cells = 0;
            for (td = c->children; td; td = td->next) {
                if (td->type != XML_ELEMENT_NODE) continue;
                cells += !strcmp((const char *)td->name, "td") || !strcmp((const char *)td->name, "th");
                table_shape(td, wide_rows, nested, depth + 1);
            }
            *wide_rows += cells >= 2;
        } else {
            table_shape(c, wide_rows, nested, depth + (strcmp((const char *)c->name, "td") == 0));
        }
    }
}

/* A table of data (rows of two cells or more, no table in a cell), not one
 * that only lays the page out. */
static int data_table(const xmlNode *t)
{
    int wide_rows = 0, nested = 0;
    table_shape(t, &wide_rows, &nested, 0);
    return wide_rows >= 2 && !nested;
}

static void table_rows(struct emit *e, const xmlNode *n)
{
    const xmlNode *c;
    for (c = n->children; c && !e->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!strcmp((const char *)c->name, "tr")) {
            const xmlNode *td;
            if (fmt_add_row(e->d) < 0) { e->oom = 1; return; }
            for (td = c->children; td; td = td->next) {
                xmlChar *cs;
                int span, k;
                char *t;
                if (td->type != XML_ELEMENT_NODE || (strcmp((const char *)td->name, "td") &&
                                                     strcmp((const char *)td->name, "th")))
                    continue;
                t = node_text(td, 0);
                if (!t || fmt_add_cell(e->d, t, strlen(t)) < 0) e->oom = 1;
                free(t);
                cs = fmt_xml_attr(td, "colspan");
                span = cs ? atoi((const char *)cs) : 1;
                xmlFree(cs);
                for (k = 1; k < span && k < 64; k++)
                    if (fmt_add_cell(e->d, "", 0) < 0) e->oom = 1;
            }
        } else {
            table_rows(e, c);
        }
    }
}

static void walk(struct emit *e, const xmlNode *n)
{
    const xmlNode *c;
    for (c = n->children; c && !e->oom; c = c->next) {
        const char *nm = (const char *)c->name;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            tb_put(&e->t, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || dropped(c) || c == e->box) continue;
        if (!strcmp(nm, "br") || !strcmp(nm, "hr")) { flush(e); continue; }
        if (!strcmp(nm, "table") && data_table(c)) {
            flush(e);
            if (fmt_add_table(e->d) < 0) e->oom = 1;
            else table_rows(e, c);
            continue;
        }
        if (is_block(c)) {
            flush(e);
            walk(e, c);
            flush(e);
        } else {
            walk(e, c);
        }
    }
}

/* ---- the page ---- */

/* The charset the page declares in its first 4 KiB, or "". */
static void declared_charset(const char *buf, size_t len, char *out, size_t outlen)
{
    size_t n = len < 4096 ? len : 4096, i, o = 0;
    out[0] = 0;
    for (i = 0; i + 8 < n; i++) {
        if (strncasecmp(buf + i, "charset=", 8)) continue;
        i += 8;
        while (i < n && (buf[i] == '"' || buf[i] == '\'' || buf[i] == ' ')) i++;
        while (i < n && o + 1 < outlen && (isalnum((unsigned char)buf[i]) || buf[i] == '-' ||
                                          buf[i] == '_'))
            out[o++] = buf[i++];
        out[o] = 0;
        return;
    }
}

static char *page_title(const xmlNode *root)
{
    const xmlNode *c, *stack[256];
    size_t sp = 0;
    stack[sp++] = root;
    while (sp) {                       /* the first h1 outside the chrome */
        const xmlNode *n = stack[--sp];
        for (c = n->last; c; c = c->prev)
            if (c->type == XML_ELEMENT_NODE && !dropped(c) && sp < 256) stack[sp++] = c;
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "h1")) {
            char *t = node_text(n, 0);
            if (t && text_chars(t) >= 4) return t;
            free(t);
        }
    }
    return NULL;
}

/* <meta name="ArticleTitle" content="…">, the title the usual Chinese
 * government CMS (TRS) writes into every article page; malloc'ed or NULL. */
static char *meta_title(const xmlNode *n)
{
    const xmlNode *c;
    for (c = n ? n->children : NULL; c; c = c->next) {
        char *t;
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!strcasecmp((const char *)c->name, "meta")) {
            xmlChar *name = fmt_xml_attr(c, "name"), *content = fmt_xml_attr(c, "content");
            t = name && content && !strcasecmp((const char *)name, "ArticleTitle") && *content
                    ? strdup((const char *)content) : NULL;
            xmlFree(name);
            xmlFree(content);
            if (t) return t;
        }
        if ((t = meta_title(c))) return t;
    }
    return NULL;
}

static int has_para(const struct fmt_doc *d, const char *s)
{
    size_t i;
    for (i = 0; i < d->nblocks && i < 3; i++)
        if (d->blocks[i].text && !strcmp(d->blocks[i].text, s)) return 1;
    return 0;
}

static int extract(xmlNode *root, struct fmt_doc *d, char *err, size_t errlen)
{
    const xmlNode *box, *art;
    struct emit e;
    double best;
    char *title = NULL;
    if (read_meta(root, d, &box) < 0) goto oom;
    art = find_article(root, box, &best);
    if (!art || best < MIN_ARTICLE) {
        snprintf(err, errlen, "no article found on the page (no block of running text); save "
                 "the page that shows the report itself, or copy its text into a .txt file");
        return FU_ERR;
    }
    memset(&e, 0, sizeof e);
    e.d = d;
    e.box = box;
    if (tb_open(&e.t) < 0) goto oom;
    walk(&e, art);
    flush(&e);
    tb_close(&e.t);
    free(e.t.b);
    if (e.oom) goto oom;
    title = page_title(root);
    if (!title) title = meta_title(root);
    if (title) {
        struct fmt_block *b;
        char *clean_title = NULL;
        if (fmt_add_para(d, title, strlen(title)) < 0) goto oom;
        /* the title as it came out, moved to the front unless already there */
        b = &d->blocks[d->nblocks - 1];
        clean_title = b->text;
        d->nblocks--;
        if (has_para(d, clean_title)) {
            free(clean_title);
        } else {
            memmove(d->blocks + 1, d->blocks, d->nblocks * sizeof *d->blocks);
            d->blocks[0].text = clean_title;
            d->blocks[0].rows = NULL;
            d->blocks[0].nrows = 0;
            d->nblocks++;
        }
        free(title);
        title = NULL;
    }
    return FU_OK;
oom:
    free(title);
    snprintf(err, errlen, "out of memory reading the page");
    return FU_ERR;
}

/* The title key of the information table repeats the title line, which
 * the parser reads as the title: drop the key, keep the line. */
static void drop_title_key(struct fmt_doc *d)
{
    size_t i;
    for (i = 0; i < d->nmeta; i++) {
        if (strcmp(d->meta[i].key, "标题")) continue;
        if (d->nblocks && d->blocks[0].text) {
            free(d->meta[i].key);
            free(d->meta[i].value);
            memmove(d->meta + i, d->meta + i + 1, (d->nmeta - i - 1) * sizeof *d->meta);
            d->nmeta--;
        }
        return;
    }
}

int fmt_read_html(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen)
{
    char cs[40], *text = NULL;
    size_t tlen = 0;
    const char *enc = "UTF-8";
    htmlDocPtr doc;
    xmlNode *root;
    int rc, opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                   HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;
    if (lib_xml_load("cannot read web pages (.html)", err, errlen) != 0)
        return FU_ERR;
    declared_charset(buf, len, cs, sizeof cs);
    if (!cs[0] || !strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8") ||
        !strncasecmp(cs, "gb", 2) || !strcasecmp(cs, "x-gbk")) {
        enum enc_kind k = !cs[0] ? ENC_AUTO : (strncasecmp(cs, "gb", 2) && strcasecmp(cs, "x-gbk"))
                                                  ? ENC_UTF8 : ENC_GB18030;
        rc = enc_to_utf8(buf, len, k, &text, &tlen, NULL, err, errlen);
        if (rc != FU_OK) return rc;
        opts |= HTML_PARSE_IGNORE_ENC;
    } else {
        enc = cs;                      /* another charset: libxml2 converts it */
    }
    if (tlen > 0x7FFFFFFF || len > 0x7FFFFFFF) { free(text); snprintf(err, errlen, "too large"); return FU_ERR; }
    doc = htmlReadMemory(text ? text : buf, (int)(text ? tlen : len), "page.html", enc, opts);
    free(text);
    if (!doc || !(root = xmlDocGetRootElement(doc))) {
        if (doc) xmlFreeDoc(doc);
        snprintf(err, errlen, "cannot read the page as HTML (charset %s); save it again as a "
                 "complete web page", cs[0] ? cs : "not declared");
        return FU_ERR;
    }
    rc = extract(root, d, err, errlen);
    if (rc == FU_OK) drop_title_key(d);
    xmlFreeDoc(doc);
    return rc;
}
