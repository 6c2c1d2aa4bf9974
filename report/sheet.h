/* Workbooks (.xlsx) through libxlsxwriter, for the task list (台账) and
 * the status report: a fixed set of cell styles, sheet names Excel
 * accepts, text made safe (control characters as placeholders, line
 * breaks kept), column widths by the display width of what was written
 * (a CJK character is two columns), long text wrapped, and the finished
 * file copied to a stream. Prefix sheet_. */
#ifndef FU_SHEET_H
#define FU_SHEET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SHEET_COLS 32      /* columns a sheet tracks widths for */
#define SHEET_WRAP 60      /* text wider than this many columns wraps */

enum sheet_style {
    SS_TEXT = 0,           /* plain text ("@": stays text when edited) */
    SS_CODE,               /* a code such as 2.10: text, never a number */
    SS_HEAD,               /* a table's header row: bold, shaded, bordered */
    SS_TITLE,              /* a sheet's title: large and bold */
    SS_LABEL,              /* a field's label: bold */
    SS_INT,                /* a whole number */
    SS_DEC,                /* a number shown with one decimal, 78.6 */
    SS_PCT,                /* a share 0..1 shown as 18.2% */
    SS_DATE,               /* a real date shown as 2024-07-01 */
    SS_RED, SS_YELLOW, SS_BLUE,   /* a light: the cell filled in its colour */
    SS_COUNT
};

struct sheet_book;

struct sheet {
    struct sheet_book *book;
    void *ws;              /* lxw_worksheet */
    uint32_t row;          /* the next free row, for the caller's use */
    int width[SHEET_COLS]; /* widest cell written per column, in display columns */
    uint32_t tall_row;     /* the row whose height was last raised, and to */
    int tall_lines;        /* how many lines of text */
};

/* Starts a workbook in a temporary file ($TMPDIR, else /tmp). With
 * streaming, rows must be written in order (constant memory, for long
 * lists). FU_OK or FU_ERR with err filled; *out is freed by
 * sheet_book_close. */
int sheet_book_new(struct sheet_book **out, int streaming, char *err, size_t errlen);

/* Adds a sheet named after name: characters Excel refuses ([]:*?/\) become
 * '_', cut to 31 UTF-16 units, made unique with " (2)" and so on. It
 * prints on A4, a page wide, numbered in the footer. NULL when out of
 * memory; the sheet belongs to the book. */
struct sheet *sheet_add(struct sheet_book *b, const char *name);

/* Writes a cell. Text is sanitised (line breaks kept, other controls as
 * visible placeholders), cut at Excel's 32,767 characters, and wraps when
 * wider than SHEET_WRAP, the row made tall enough for it (readers do not
 * all measure rows themselves); NULL writes nothing. sheet_date writes a real
 * date for a valid ISO date (its first 10 characters), else the text. */
void sheet_text(struct sheet *s, uint32_t row, int col, const char *text, enum sheet_style st);
/* A title or a paragraph in the first column from row on: it spills into
 * the empty cells on its right and leaves the column's width alone; a
 * long one is wrapped into rows of SHEET_LINE columns. Returns the rows
 * used. */
#define SHEET_LINE 90
uint32_t sheet_line(struct sheet *s, uint32_t row, const char *text, enum sheet_style st);
void sheet_num(struct sheet *s, uint32_t row, int col, double v, enum sheet_style st);
void sheet_date(struct sheet *s, uint32_t row, int col, const char *iso);

/* The style of a light (enum light, core/workflow.h): its colour's fill,
 * SS_TEXT for none. */
enum sheet_style sheet_light(int light);

/* Freezes the rows down to the header row hrow, prints it atop every
 * page, and puts an autofilter on it over columns 0..ncol-1 down to
 * last_row. */
void sheet_table_view(struct sheet *s, uint32_t hrow, int ncol, uint32_t last_row);

/* Sets every column's width from what was written (at least min, at
 * most SHEET_WRAP + 2), landscape when they are wide; call once, after
 * the cells. */
void sheet_fit(struct sheet *s, int min);

/* Finishes the workbook, copies it to out (when out is not NULL), removes
 * the temporary file and frees b. FU_OK or FU_ERR with err filled. */
int sheet_book_close(struct sheet_book *b, FILE *out, char *err, size_t errlen);

#endif
