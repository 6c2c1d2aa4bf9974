/* Word documents through libxml2's xmlTextWriter and libzip (contract in
 * report/docx_build.h). The package is small: content types, relationships,
 * the document, its styles (from the table below), fonts, settings, a
 * footer with the page number, and the core properties. */
#include "report/docx_build.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "readers/lib_xml.h"
#include "readers/lib_zip.h"
#include "util/err.h"
#include "util/text.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/"
#define NS_DOC "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WORD "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* A4 and the margins of GB/T 9704 in twentieths of a point. */
enum { PAGE_W = 11906, PAGE_H = 16838, MARGIN_TOP = 2098, MARGIN_BOTTOM = 1984,
       MARGIN_LEFT = 1587, MARGIN_RIGHT = 1474, TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT };

/* ---- the styles ---------------------------------------------------------------- */

struct style {
    const char *id, *name;
    const char *cjk;       /* East Asian font */
    const char *latin;     /* Latin font (English documents) */
    int size;              /* half-points: 三号 16 pt = 32 */
    int bold, center, first, left;   /* indents in hundredths of a character */
    int outline;           /* heading level from 0, -1 for none */
};

/* zh and en: the same styles, English with smaller type and no indents. */
static const struct style styles[2][DS_COUNT + 3] = {
    {
        [DS_TITLE] = {"Title", "Title", "方正小标宋简体", "Arial", 44, 0, 1, 0, 0, -1},
        [DS_HEADING1] = {"Heading1", "heading 1", "黑体", "Arial", 32, 0, 0, 200, 0, 0},
        [DS_HEADING2] = {"Heading2", "heading 2", "楷体", "Arial", 32, 0, 0, 200, 0, 1},
        [DS_BODY] = {"Normal", "Normal", "仿宋", "Times New Roman", 32, 0, 0, 200, 0, -1},
        [DS_FIELD] = {"Field", "Field", "仿宋", "Times New Roman", 32, 0, 0, 0, 0, -1},
        [DS_ENTRY] = {"Entry", "Entry", "仿宋", "Times New Roman", 32, 0, 0, 200, 200, -1},
        [DS_COUNT] = {"TableText", "Table Text", "仿宋", "Times New Roman", 21, 0, 0, 0, 0, -1},
        [DS_COUNT + 1] = {"TableHead", "Table Head", "黑体", "Arial", 21, 1, 1, 0, 0, -1},
        [DS_COUNT + 2] = {"Footer", "footer", "宋体", "Times New Roman", 28, 0, 1, 0, 0, -1},
    },
    {
        [DS_TITLE] = {"Title", "Title", "黑体", "Arial", 36, 1, 1, 0, 0, -1},
        [DS_HEADING1] = {"Heading1", "heading 1", "黑体", "Arial", 28, 1, 0, 0, 0, 0},
        [DS_HEADING2] = {"Heading2", "heading 2", "楷体", "Arial", 24, 1, 0, 0, 0, 1},
        [DS_BODY] = {"Normal", "Normal", "仿宋", "Times New Roman", 24, 0, 0, 0, 0, -1},
        [DS_FIELD] = {"Field", "Field", "仿宋", "Times New Roman", 24, 0, 0, 0, 0, -1},
        [DS_ENTRY] = {"Entry", "Entry", "仿宋", "Times New Roman", 24, 0, 0, 0, 300, -1},
        [DS_COUNT] = {"TableText", "Table Text", "仿宋", "Times New Roman", 20, 0, 0, 0, 0, -1},
        [DS_COUNT + 1] = {"TableHead", "Table Head", "黑体", "Arial", 20, 1, 1, 0, 0, -1},
        [DS_COUNT + 2] = {"Footer", "footer", "宋体", "Times New Roman", 24, 0, 1, 0, 0, -1},
    },
};
#define S_TABLE (DS_COUNT)
#define S_THEAD (DS_COUNT + 1)
#define S_FOOTER (DS_COUNT + 2)

/* The fonts and what to use where one is missing (w:altName). */
static const char *const fonts[][2] = {
    {"方正小标宋简体", "黑体"}, {"黑体", "SimHei"}, {"楷体", "楷体_GB2312"},
    {"仿宋", "仿宋_GB2312"}, {"宋体", "SimSun"}, {"Times New Roman", NULL}, {"Arial", NULL},
};

/* ---- an XML writer that remembers failure ------------------------------------------ */

struct xw {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    int bad;
};

static int xw_open(struct xw *x)
{
    memset(x, 0, sizeof *x);
    if (!(x->buf = xmlBufferCreate()) || !(x->w = xmlNewTextWriterMemory(x->buf, 0))) {
        x->bad = 1;
        return -1;
    }
    if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", "yes") < 0)
        x->bad = 1;
    return x->bad ? -1 : 0;
}

/* Ends the document; the text stays in x->buf. */
static void xw_close(struct xw *x)
{
    if (x->w) {
        if (xmlTextWriterEndDocument(x->w) < 0)
            x->bad = 1;
        xmlFreeTextWriter(x->w);
        x->w = NULL;
    }
}

static void xw_free(struct xw *x)
{
    if (x->w)
        xmlFreeTextWriter(x->w);
    if (x->buf)
        xmlBufferFree(x->buf);
    memset(x, 0, sizeof *x);
}

static void start(struct xw *x, const char *name)
{
    if (!x->bad && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
        x->bad = 1;
}

static void end(struct xw *x)
{
    if (!x->bad && xmlTextWriterEndElement(x->w) < 0)
        x->bad = 1;
}

static void attr(struct xw *x, const char *name, const char *value)
{
    if (!x->bad && xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0)
        x->bad = 1;
}

static void attr_int(struct xw *x, const char *name, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    attr(x, name, buf);
}

/* <name a0="v0" a1="v1" …/>: pairs of attribute names and values, NULL ends. */
static void leaf(struct xw *x, const char *name, ...)
{
    va_list ap;
    const char *a;
    start(x, name);
    va_start(ap, name);
    while ((a = va_arg(ap, const char *)) != NULL)
        attr(x, a, va_arg(ap, const char *));
    va_end(ap);
    end(x);
}

static void text(struct xw *x, const char *s)
{
    if (!x->bad && xmlTextWriterWriteString(x->w, BAD_CAST s) < 0)
        x->bad = 1;
}

/* ---- the document ------------------------------------------------------------------ */

struct docx {
    int zh;
    char *title;
    struct xw doc;
};

struct docx *docx_new(int zh, const char *title, char *err, size_t errlen)
{
    static const char what[] = "cannot write .docx files";
    if (lib_xml_load(what, err, errlen) != 0 || lib_zip_load(what, err, errlen) != 0)
        return NULL;
    struct docx *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    d->zh = zh != 0;
    d->title = text_sanitize_dup(title ? title : "");
    if (!d->title || xw_open(&d->doc) != 0) {
        xw_free(&d->doc);
        free(d->title);
        free(d);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    start(&d->doc, "w:document");
    attr(&d->doc, "xmlns:w", NS_W);
    attr(&d->doc, "xmlns:r", NS_R);
    start(&d->doc, "w:body");
    return d;
}

/* A run of s, sanitised line by line; lines are joined by breaks. */
static void run(struct xw *x, const char *s, int bold)
{
    start(x, "w:r");
    if (bold) {
        start(x, "w:rPr");
        leaf(x, "w:b", NULL);
        end(x);
    }
    for (const char *p = s ? s : ""; ;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, len), *clean = line ? text_sanitize_dup(line) : NULL;
        free(line);
        if (!clean) {
            x->bad = 1;
            break;
        }
        start(x, "w:t");
        attr(x, "xml:space", "preserve");
        text(x, clean);
        end(x);
        free(clean);
        if (!nl)
            break;
        leaf(x, "w:br", NULL);
        p = nl + 1;
    }
    end(x);
}

static void para_start(struct xw *x, int style, int right)
{
    start(x, "w:p");
    start(x, "w:pPr");
    leaf(x, "w:pStyle", "w:val", styles[0][style].id, NULL);
    if (right)
        leaf(x, "w:jc", "w:val", "right", NULL);
    end(x);
}

void docx_para(struct docx *d, enum docx_style st, const char *lead, const char *s)
{
    para_start(&d->doc, st, 0);
    if (lead)
        run(&d->doc, lead, 1);
    if (s && *s)
        run(&d->doc, s, 0);
    end(&d->doc);
}

static void cell(struct xw *x, long width, const char *s, int head, int right)
{
    start(x, "w:tc");
    start(x, "w:tcPr");
    start(x, "w:tcW");
    attr_int(x, "w:w", width);
    attr(x, "w:type", "dxa");
    end(x);
    if (head)
        leaf(x, "w:shd", "w:val", "clear", "w:color", "auto", "w:fill", "D9D9D9", NULL);
    end(x);
    para_start(x, head ? S_THEAD : S_TABLE, right && !head);
    run(x, s, 0);
    end(x);
    end(x);
}

/* Column widths in twips: each column's widest cell (display columns,
 * capped) as its share of the text width. */
static void widths(int ncol, const char *const *head, const char *const *cells, size_t nrows,
                   long *w)
{
    long total = 0;
    for (int c = 0; c < ncol; c++) {
        int m = text_width(head[c] ? head[c] : "");
        m = m > 4 ? 4 : m;   /* a header may wrap after two characters; data does not */
        for (size_t i = 0; i < nrows; i++) {
            const char *s = cells[i * (size_t)ncol + (size_t)c];
            int cw = s ? text_width(s) : 0;
            m = cw > m ? cw : m;
        }
        w[c] = (m < 4 ? 4 : m > 40 ? 40 : m) + 3;   /* and the cell's margins */
        total += w[c];
    }
    for (int c = 0; c < ncol; c++)
        w[c] = total ? w[c] * TEXT_W / total : TEXT_W / ncol;
}

static void table_props(struct xw *x)
{
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right",
                                        "w:insideH", "w:insideV"};
    start(x, "w:tblPr");
    leaf(x, "w:tblW", "w:w", "5000", "w:type", "pct", NULL);
    start(x, "w:tblBorders");
    for (size_t i = 0; i < sizeof sides / sizeof *sides; i++)
        leaf(x, sides[i], "w:val", "single", "w:sz", "4", "w:space", "0", "w:color", "000000",
             NULL);
    end(x);
    leaf(x, "w:tblLayout", "w:type", "fixed", NULL);
    start(x, "w:tblCellMar");
    leaf(x, "w:left", "w:w", "45", "w:type", "dxa", NULL);
    leaf(x, "w:right", "w:w", "45", "w:type", "dxa", NULL);
    end(x);
    end(x);
}

void docx_table(struct docx *d, int ncol, const char *const *head, const char *const *cells,
                size_t nrows, unsigned right)
{
    struct xw *x = &d->doc;
    long w[64];
    if (ncol <= 0 || ncol > 64)
        return;
    widths(ncol, head, cells, nrows, w);
    start(x, "w:tbl");
    table_props(x);
    start(x, "w:tblGrid");
    for (int c = 0; c < ncol; c++) {
        start(x, "w:gridCol");
        attr_int(x, "w:w", w[c]);
        end(x);
    }
    end(x);
    for (size_t i = 0; i <= nrows; i++) {
        start(x, "w:tr");
        start(x, "w:trPr");
        leaf(x, "w:cantSplit", NULL);
        if (i == 0)
            leaf(x, "w:tblHeader", NULL);   /* repeated on every page */
        end(x);
        for (int c = 0; c < ncol; c++)
            cell(x, w[c], i == 0 ? head[c] : cells[(i - 1) * (size_t)ncol + (size_t)c], i == 0,
                 (right >> c) & 1);
        end(x);
    }
    end(x);
    para_start(x, S_TABLE, 0);   /* tables never touch: a small paragraph between */
    end(x);
}

/* ---- the other parts ------------------------------------------------------------- */

/* The section: A4, the margins, the footer with the page number. */
static void section(struct xw *x)
{
    start(x, "w:sectPr");
    leaf(x, "w:footerReference", "w:type", "default", "r:id", "rIdFooter", NULL);
    start(x, "w:pgSz");
    attr_int(x, "w:w", PAGE_W);
    attr_int(x, "w:h", PAGE_H);
    end(x);
    start(x, "w:pgMar");
    attr_int(x, "w:top", MARGIN_TOP);
    attr_int(x, "w:right", MARGIN_RIGHT);
    attr_int(x, "w:bottom", MARGIN_BOTTOM);
    attr_int(x, "w:left", MARGIN_LEFT);
    attr(x, "w:header", "851");
    attr(x, "w:footer", "992");
    attr(x, "w:gutter", "0");
    end(x);
    end(x);
}

static void fonts_of(struct xw *x, const struct style *st)
{
    leaf(x, "w:rFonts", "w:ascii", st->latin, "w:hAnsi", st->latin, "w:eastAsia", st->cjk,
         "w:cs", st->latin, NULL);
}

static void one_style(struct xw *x, const struct style *st, int zh, int dflt)
{
    start(x, "w:style");
    attr(x, "w:type", "paragraph");
    attr(x, "w:styleId", st->id);
    if (dflt)
        attr(x, "w:default", "1");
    leaf(x, "w:name", "w:val", st->name, NULL);
    if (!dflt)
        leaf(x, "w:basedOn", "w:val", "Normal", NULL);
    leaf(x, "w:qFormat", NULL);
    start(x, "w:pPr");
    if (st->outline >= 0) {
        leaf(x, "w:keepNext", NULL);
        start(x, "w:outlineLvl");
        attr_int(x, "w:val", st->outline);
        end(x);
    }
    start(x, "w:spacing");   /* 三号 on a fixed 28 pt line, 22 lines a page */
    attr(x, "w:before", st == &styles[!zh][DS_TITLE] ? "0" : zh ? "0" : "60");
    attr(x, "w:after", st == &styles[!zh][DS_TITLE] ? "560" : zh ? "0" : "60");
    attr(x, "w:line", st->size >= 32 && zh ? "560" : "300");
    attr(x, "w:lineRule", st->size >= 32 && zh ? "exact" : "auto");
    end(x);
    start(x, "w:ind");
    attr_int(x, "w:firstLineChars", st->first);
    attr_int(x, "w:leftChars", st->left);
    attr_int(x, "w:firstLine", st->first * st->size / 10);
    attr_int(x, "w:left", st->left * st->size / 10);
    end(x);
    leaf(x, "w:jc", "w:val", st->center ? "center" : st->outline >= 0 || st->first
                                                    || st->left ? "both" : "left", NULL);
    end(x);
    start(x, "w:rPr");
    fonts_of(x, st);
    if (st->bold)
        leaf(x, "w:b", NULL);
    start(x, "w:sz");
    attr_int(x, "w:val", st->size);
    end(x);
    start(x, "w:szCs");
    attr_int(x, "w:val", st->size);
    end(x);
    leaf(x, "w:lang", "w:val", zh ? "en-US" : "en-GB", "w:eastAsia", "zh-CN", NULL);
    end(x);
    end(x);
}

static void styles_part(struct xw *x, int zh)
{
    const struct style *set = styles[!zh];
    start(x, "w:styles");
    attr(x, "xmlns:w", NS_W);
    one_style(x, &set[DS_BODY], zh, 1);
    for (int i = 0; i < DS_COUNT + 3; i++)
        if (i != DS_BODY)
            one_style(x, &set[i], zh, 0);
    end(x);
}

static void fonts_part(struct xw *x)
{
    start(x, "w:fonts");
    attr(x, "xmlns:w", NS_W);
    for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++) {
        start(x, "w:font");
        attr(x, "w:name", fonts[i][0]);
        if (fonts[i][1]) {
            leaf(x, "w:altName", "w:val", fonts[i][1], NULL);
            leaf(x, "w:charset", "w:val", "86", NULL);
        }
        end(x);
    }
    end(x);
}

static void settings_part(struct xw *x, int zh)
{
    start(x, "w:settings");
    attr(x, "xmlns:w", NS_W);
    leaf(x, "w:defaultTabStop", "w:val", "420", NULL);
    leaf(x, "w:characterSpacingControl", "w:val", "compressPunctuation", NULL);
    start(x, "w:compat");
    leaf(x, "w:compatSetting", "w:name", "compatibilityMode", "w:uri",
         "http://schemas.microsoft.com/office/word", "w:val", "15", NULL);
    end(x);
    leaf(x, "w:themeFontLang", "w:val", zh ? "en-US" : "en-GB", "w:eastAsia", "zh-CN", NULL);
    end(x);
}

/* The page number, "— 1 —", centred. */
static void footer_part(struct xw *x)
{
    start(x, "w:ftr");
    attr(x, "xmlns:w", NS_W);
    attr(x, "xmlns:r", NS_R);
    para_start(x, S_FOOTER, 0);
    run(x, "\xe2\x80\x94 ", 0);
    start(x, "w:fldSimple");
    attr(x, "w:instr", " PAGE ");
    run(x, "1", 0);
    end(x);
    run(x, " \xe2\x80\x94", 0);
    end(x);
    end(x);
}

static void types_part(struct xw *x)
{
    static const char *const parts[][2] = {
        {"/word/document.xml", CT_WORD "document.main+xml"},
        {"/word/styles.xml", CT_WORD "styles+xml"},
        {"/word/fontTable.xml", CT_WORD "fontTable+xml"},
        {"/word/settings.xml", CT_WORD "settings+xml"},
        {"/word/footer1.xml", CT_WORD "footer+xml"},
        {"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
    };
    start(x, "Types");
    attr(x, "xmlns", NS_PKG "content-types");
    leaf(x, "Default", "Extension", "rels", "ContentType",
         "application/vnd.openxmlformats-package.relationships+xml", NULL);
    leaf(x, "Default", "Extension", "xml", "ContentType", "application/xml", NULL);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        leaf(x, "Override", "PartName", parts[i][0], "ContentType", parts[i][1], NULL);
    end(x);
}

/* Relationships: n triples of id, type (after NS_DOC) and target. */
static void rels_part(struct xw *x, const char *const (*rel)[3], size_t n)
{
    start(x, "Relationships");
    attr(x, "xmlns", NS_PKG "relationships");
    for (size_t i = 0; i < n; i++) {
        char type[256];
        snprintf(type, sizeof type, "%s%s", strncmp(rel[i][1], "http", 4) ? NS_DOC : "",
                 rel[i][1]);
        leaf(x, "Relationship", "Id", rel[i][0], "Type", type, "Target", rel[i][2], NULL);
    }
    end(x);
}

static void core_part(struct xw *x, const char *title)
{
    start(x, "cp:coreProperties");
    attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    start(x, "dc:title");
    text(x, title);
    end(x);
    start(x, "dc:creator");
    text(x, "followup");
    end(x);
    end(x);
}

/* ---- the package ------------------------------------------------------------------ */

enum { P_TYPES, P_RELS, P_DOC_RELS, P_STYLES, P_FONTS, P_SETTINGS, P_FOOTER, P_CORE, P_COUNT };

static const char *const part_names[P_COUNT] = {
    [P_TYPES] = "[Content_Types].xml", [P_RELS] = "_rels/.rels",
    [P_DOC_RELS] = "word/_rels/document.xml.rels", [P_STYLES] = "word/styles.xml",
    [P_FONTS] = "word/fontTable.xml", [P_SETTINGS] = "word/settings.xml",
    [P_FOOTER] = "word/footer1.xml", [P_CORE] = "docProps/core.xml",
};

static void make_part(struct xw *x, int part, const struct docx *d)
{
    static const char *const pkg[][3] = {
        {"rIdDoc", "officeDocument", "word/document.xml"},
        {"rIdCore", NS_PKG "relationships/metadata/core-properties", "docProps/core.xml"},
    };
    static const char *const doc[][3] = {
        {"rIdStyles", "styles", "styles.xml"}, {"rIdFonts", "fontTable", "fontTable.xml"},
        {"rIdSettings", "settings", "settings.xml"}, {"rIdFooter", "footer", "footer1.xml"},
    };
    if (xw_open(x) != 0)
        return;
    switch (part) {
    case P_TYPES: types_part(x); break;
    case P_RELS: rels_part(x, pkg, 2); break;
    case P_DOC_RELS: rels_part(x, doc, 4); break;
    case P_STYLES: styles_part(x, d->zh); break;
    case P_FONTS: fonts_part(x); break;
    case P_SETTINGS: settings_part(x, d->zh); break;
    case P_FOOTER: footer_part(x); break;
    default: core_part(x, d->title); break;
    }
    xw_close(x);
}

/* Zips the parts (document.xml after the types and relationships) in
 * memory and copies the archive to out. */
static int zip_parts(struct xw *parts, struct xw *doc, FILE *out, char *err, size_t errlen)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    int ok = za != NULL;
    if (za)
        zip_source_keep(src);   /* it outlives the archive, which writes into it */
    for (int i = 0; ok && i <= P_COUNT; i++) {
        struct xw *x = i == P_COUNT ? doc : &parts[i];
        const char *name = i == P_COUNT ? "word/document.xml" : part_names[i];
        zip_source_t *zs = zip_source_buffer(za, xmlBufferContent(x->buf),
                                             (zip_uint64_t)xmlBufferLength(x->buf), 0);
        if (!zs || zip_file_add(za, name, zs, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(zs);
            ok = 0;
        }
    }
    if (za && (!ok || zip_close(za) != 0)) {
        snprintf(err, errlen, "cannot make the document's zip: %s", zip_strerror(za));
        zip_discard(za);
        ok = 0;
    } else if (!za) {
        snprintf(err, errlen, "cannot make the document's zip: %s", zip_error_strerror(&ze));
    }
    char buf[65536];
    zip_int64_t n = 0;
    if (ok && zip_source_open(src) == 0) {
        while (ok && (n = zip_source_read(src, buf, sizeof buf)) > 0)
            ok = fwrite(buf, 1, (size_t)n, out) == (size_t)n;
        zip_source_close(src);
        if (!ok || n < 0)
            snprintf(err, errlen, "cannot write the document (disk full or output closed?)");
        ok = ok && n == 0;
    } else if (ok) {
        snprintf(err, errlen, "cannot read the document's zip back");
        ok = 0;
    }
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    return ok ? FU_OK : FU_ERR;
}

int docx_finish(struct docx *d, FILE *out, char *err, size_t errlen)
{
    struct xw parts[P_COUNT];
    int rc = FU_OK, bad;
    section(&d->doc);
    end(&d->doc);   /* w:body */
    end(&d->doc);   /* w:document */
    xw_close(&d->doc);
    bad = d->doc.bad;
    for (int i = 0; i < P_COUNT; i++) {
        make_part(&parts[i], i, d);
        bad |= parts[i].bad;
    }
    if (bad) {
        snprintf(err, errlen, "cannot write the document's XML (out of memory?)");
        rc = FU_ERR;
    } else {
        rc = zip_parts(parts, &d->doc, out, err, errlen);
    }
    for (int i = 0; i < P_COUNT; i++)
        xw_free(&parts[i]);
    xw_free(&d->doc);
    free(d->title);
    free(d);
    return rc;
}
