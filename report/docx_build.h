/* Word documents (.docx, Office Open XML) in the manner of Chinese
 * official documents (GB/T 9704): A4, margins 37/35/28/26 mm, title in
 * 小标宋 (黑体 where it is missing), body in 仿宋 三号 on a 28 pt line,
 * headings 一、 in 黑体 and （一） in 楷体, bordered tables whose header
 * row repeats on every page, and the page number "— 1 —" in the footer.
 * English documents keep the layout with Times New Roman and Arial for
 * Latin text. Every part is written with libxml2's xmlTextWriter (it
 * escapes; nothing here writes markup by hand) and zipped with libzip in
 * memory. Text is sanitised: control characters become visible
 * placeholders, line breaks become breaks. Prefix docx_. */
#ifndef FU_DOCX_H
#define FU_DOCX_H

#include <stddef.h>
#include <stdio.h>

enum docx_style {
    DS_TITLE = 0,          /* the document's title, centred */
    DS_HEADING1,           /* 一、 */
    DS_HEADING2,           /* （一） */
    DS_BODY,               /* a paragraph, first line indented two characters */
    DS_FIELD,              /* a header field ("文号：…"), not indented */
    DS_ENTRY,              /* an entry's lines, indented */
    DS_COUNT
};

struct docx;

/* A new document in Chinese (zh) or English; title goes into the
 * package's properties. libxml2 and libzip are loaded first (they are
 * not linked: readers/lib_xml.h). NULL with one line in err when one is
 * missing or memory is out. */
struct docx *docx_new(int zh, const char *title, char *err, size_t errlen);

/* A paragraph in style st: lead (may be NULL) in bold, then text. */
void docx_para(struct docx *d, enum docx_style st, const char *lead, const char *text);

/* A bordered table: ncol columns headed by head (a row that repeats on
 * each page), nrows rows of cells (row-major, NULL is empty); the columns
 * whose bit is set in right are aligned right. Widths follow the
 * columns' display widths. */
void docx_table(struct docx *d, int ncol, const char *const *head, const char *const *cells,
                size_t nrows, unsigned right);

/* Ends the document, writes the package to out and frees d. FU_OK, or
 * FU_ERR with err filled (out of memory, a library error, a write). */
int docx_finish(struct docx *d, FILE *out, char *err, size_t errlen);

#endif
