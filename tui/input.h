/* The one-line editor on the message line: notes, due dates, reasons,
 * search. Moves and deletes whole characters, measures in columns. */
#ifndef FU_TUI_INPUT_H
#define FU_TUI_INPUT_H

#include <stddef.h>

struct app;

#define INPUT_MAX 4000     /* bytes */

struct input_spec {
    const char *prompt;    /* e.g. "Note: " (copied) */
    const char *initial;   /* text to start with, NULL for none */
    int select;            /* initial is selected: typing replaces it, a move keeps it */
    /* Enter. The editor has already closed; return non-zero to have it
     * reopen with the same text (after setting a message saying why). */
    int (*accept)(struct app *a, void *ctx, const char *text);
    /* After every change (incremental search); may be NULL. */
    void (*change)(struct app *a, void *ctx, const char *text);
    /* Esc; may be NULL. The editor has already closed. */
    void (*cancel)(struct app *a, void *ctx);
    void *ctx;             /* owned by the editor from now on: free()d when done */
};

/* Opens the editor over the message line. Returns 0, -1 on failure
 * (then ctx has been freed). */
int input_open(struct app *a, const struct input_spec *s);

#endif
