/* Pickers: a framed list over the panes that filters as you type (a
 * substring of the label or its other-language label), Enter takes the
 * highlighted entry (or, with ticks, the ticked ones), Esc cancels. */
#ifndef FU_TUI_PICKER_H
#define FU_TUI_PICKER_H

#include <stddef.h>

struct app;

struct picker_item {
    const char *label;     /* shown first (copied) */
    const char *alt;       /* shown dimmed after it, also matched; may be NULL */
    int value;             /* handed to done */
    int checked;           /* multi: ticked at the start */
};

struct picker_spec {
    const char *title;
    const struct picker_item *items;   /* copied */
    size_t n;
    int multi;             /* Space ticks; Enter takes the ticked set */
    int current;           /* the value highlighted at the start, -1 none */
    /* Called after the picker has closed: value is the highlighted entry's
     * (single), values the ticked ones (multi). */
    void (*done)(struct app *a, void *ctx, int value, const int *values, size_t nvalues);
    void *ctx;             /* owned by the picker from now on: released when done */
    void (*ctx_free)(void *ctx);   /* how; NULL: free() */
};

/* Returns 0, -1 on failure (then ctx has been freed). */
int picker_open(struct app *a, const struct picker_spec *s);

#endif
