/* The detail pane: everything about the task under the list's cursor.
 * Also the history screen (H), which shares its formatting. */
#ifndef FU_TUI_DETAIL_H
#define FU_TUI_DETAIL_H

#include "tui/app.h"

extern const struct view_ops detail_ops;

/* Fills the detail pane's private state; call once before use, and
 * detail_ops.close at the end. */
int detail_init(struct view *v);

/* Opens the full history of the task under the cursor (H). */
void detail_history_open(struct app *a);

#endif
