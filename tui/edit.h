/* Correcting the report from the interface (issue 21): the task's text,
 * a sub-task or a sibling added, withdrawing and restoring, moving
 * (up, down, indent, outdent) and the report's metadata. Committee only:
 * other roles are refused in the status line with the reason before
 * anything is asked. Each change goes on the undo stack (u). */
#ifndef FU_TUI_EDIT_H
#define FU_TUI_EDIT_H

#include <stddef.h>

#include "tui/keys.h"

struct app;
struct undo_item;

/* Runs act if it is one of the corrections; returns 1 when it was. */
int edit_run(struct app *a, enum action act);

/* Puts back what correction it changed (for bulk_undo), refusing with the
 * reason in err when the task (or the report's field) changed since. */
int edit_undo(struct app *a, const struct undo_item *it, char *err, size_t errlen);

#endif
