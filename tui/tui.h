/* The ncurses interface. */
#ifndef FU_TUI_H
#define FU_TUI_H

#include "host/config.h"
#include "db/db.h"
#include "core/user.h"

/* Runs the interface on db as actor until the user quits. Restores the
 * terminal on every exit path. Returns an exit status (0 normally). */
int tui_run(struct db *db, const struct actor *a, const struct config *cfg);

#endif
