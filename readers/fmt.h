/* The readers layer (DESIGN.md "Layers"): one module per input format turns
 * a file's bytes into one intermediate form, struct fmt_doc -- paragraphs in
 * reading order (headings are paragraphs too), tables kept as rows of cells,
 * and the metadata the container carries (docx core properties, a portal
 * page's info table). fmt_render() (readers/table.c) turns that form into
 * the text the core parser reads, so every improvement to the parser serves
 * every format. Readers may include libxml2, libzip, poppler-glib and libcsv
 * headers; core/ stays pure C.
 *
 * Every reader takes a buffer the caller owns and fills a zeroed fmt_doc;
 * on error it returns FU_ERR with one line in err (what is wrong and how to
 * mend it) and the caller still frees the doc with fmt_doc_fini(). */
#ifndef FU_FMT_H
#define FU_FMT_H

#include <stddef.h>
#include <stdio.h>

enum fmt_kind { FK_AUTO = 0, FK_TEXT, FK_DOCX, FK_ODT, FK_DOC, FK_PDF, FK_HTML,
                FK_XLSX, FK_CSV };

struct fmt_row {
    char **cells;          /* UTF-8, one line each; "" for an empty or covered cell */
    size_t ncells;
};

struct fmt_block {         /* a paragraph (text != NULL) or a table (text == NULL) */
    char *text;            /* one line, trimmed, never empty */
    struct fmt_row *rows;
    size_t nrows;
};

struct fmt_meta {          /* a "key: value" of the container, key as the portal prints it */
    char *key;             /* 索引号, 发布机构, 成文日期, 发布日期, 文号, 来源, 标题 ... */
    char *value;
};

struct fmt_doc {
    struct fmt_block *blocks;
    size_t nblocks, capblocks;
    struct fmt_meta *meta;
    size_t nmeta, capmeta;
    char *title;           /* the container's own title (docx/odt properties), or NULL */
    int whole_table;       /* the file is a task table (xlsx, csv): a header row is required */
};

/* Limits that keep a hostile file from taking the machine. */
#define FMT_MAX_INPUT   (64u * 1024u * 1024u)   /* bytes of a document file */
#define FMT_MAX_ENTRY   (64u * 1024u * 1024u)   /* uncompressed bytes of one zip member */
#define FMT_MAX_UNZIP   (128u * 1024u * 1024u)  /* uncompressed bytes read from one zip */
#define FMT_MAX_RATIO   200u                    /* uncompressed : compressed, per member */

/* ---- building the form (readers/fmt_doc.c); each returns 0 or -1 (out of memory) ---- */

/* Adds s[0..n) as a paragraph: control characters and runs of white space
 * become one space, both ends trimmed; nothing is added when it is empty. */
int fmt_add_para(struct fmt_doc *d, const char *s, size_t n);
/* Starts a new table; rows and cells go to the last table. */
int fmt_add_table(struct fmt_doc *d);
int fmt_add_row(struct fmt_doc *d);
/* Adds a cell (cleaned as a paragraph, may be empty) to the last row. */
int fmt_add_cell(struct fmt_doc *d, const char *s, size_t n);
/* Sets key to value (cleaned); the first value of a key wins. */
int fmt_add_meta(struct fmt_doc *d, const char *key, const char *value);
/* The meta value of key, or NULL. */
const char *fmt_meta_get(const struct fmt_doc *d, const char *key);
/* Frees everything d owns and zeroes it; safe on a zeroed doc. */
void fmt_doc_fini(struct fmt_doc *d);
/* The text of n in the counting style of fmt (Word's w:numFmt / ODF
 * style:num-format: decimal, chineseCounting, 一, upperLetter, …) into out. */
void fmt_number(int n, const char *fmt, char *out, size_t outlen);

/* ---- the readers (readers/<format>.c): FU_OK or FU_ERR, see above ---- */
int fmt_read_docx(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen);
int fmt_read_odt(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen);
int fmt_read_xlsx(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen);
/* csv: UTF-8 or GB18030 (as Excel saves it), comma or tab separated */
int fmt_read_csv(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen);
int fmt_read_html(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen);
int fmt_read_pdf(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen);
/* .doc/.wps through a converter (readers/convert.c); spawns a child process */
int fmt_read_doc(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen);

/* ---- task tables (readers/table.c) ---- */

/* Renders d's blocks as parser text appended to an open memstream: each
 * paragraph a line; a table whose header row names a task column and an
 * owner or due column becomes items "N.任务（牵头单位：…；配合单位：…；
 * 完成时限：…）" under "一、类别" headings; another table, one line a row.
 * Returns 0; 1 when d->whole_table and no table had a task header (err
 * filled); -1 out of memory. */
int fmt_render_blocks(const struct fmt_doc *d, FILE *out, char *err, size_t errlen);

/* 1 when the cells name a task table header (a task column and a lead,
 * support, responsible or due column). */
int fmt_is_task_header(char *const *cells, size_t n);

#endif
