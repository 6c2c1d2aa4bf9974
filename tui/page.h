/* A page of paragraphs wrapped to the window's width in display columns,
 * and scrolled: the detail, help and history are pages. */
#ifndef FU_TUI_PAGE_H
#define FU_TUI_PAGE_H

#include "tui/lib_curses.h"
#include <stddef.h>

#include "tui/colors.h"
#include "tui/keys.h"

struct para {
    int style;             /* enum style of the text */
    int indent;            /* columns before the label or text */
    char *label;           /* NULL, or a label drawn before the text */
    int label_cols;        /* the label's column; continuation lines align after it */
    char *text;            /* sanitised; "" is a blank line */
};

struct page_line {
    size_t para;
    size_t start, len;     /* bytes of the paragraph's text */
    int first;             /* the paragraph's first line (draws the label) */
};

struct page {
    struct para *v;
    size_t n, cap;
    struct page_line *lines;   /* laid out for width */
    size_t nlines;
    int width;                 /* the width lines were laid out for, 0: stale */
    size_t top;                /* first line shown */
    int height;                /* rows last drawn */
};

/* p is the caller's: page_init empties it, page_fini frees what it owns. */
void page_init(struct page *p);
void page_fini(struct page *p);
/* Drops the paragraphs, keeps the scroll position. */
void page_clear(struct page *p);

/* Adds a paragraph (text is copied and sanitised; label may be NULL). */
void page_add(struct page *p, int style, int indent, const char *label, int label_cols,
              const char *text);
/* page_add with a printf format and no label. */
void page_addf(struct page *p, int style, int indent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Draws rows [y, y+h) of w, columns [x, x+cols). */
void page_draw(struct page *p, WINDOW *w, int y, int x, int h, int cols,
               const struct palette *pal);

/* Scrolls for a moving action; returns 1 when it was one. */
int page_scroll(struct page *p, enum action act);

struct app;
/* Opens a full-screen pager over the panes showing pg under title; the
 * pager takes pg's paragraphs (pg is left empty). Returns 0 or -1. */
int pager_open(struct app *a, const char *title, struct page *pg);

#endif
