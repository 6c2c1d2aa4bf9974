/* What the keys do beyond moving: search, filter, report switch, help,
 * history, and the changes to the task under the cursor, each checked
 * against the user's role before anything is asked. */
#ifndef FU_TUI_ACTIONS_H
#define FU_TUI_ACTIONS_H

#include "tui/keys.h"

struct app;

/* Runs act if it is one of these (the same from the list and the
 * detail); returns 1 when it was. */
int actions_run(struct app *a, enum action act);

/* The name of list order sort (enum model_sort), translated. */
const char *actions_sort_name(int sort);

#endif
