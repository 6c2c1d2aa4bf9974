/* The task list pane: the report's tree with its columns. */
#ifndef FU_TUI_LIST_H
#define FU_TUI_LIST_H

#include "tui/app.h"

extern const struct view_ops list_ops;

#endif
