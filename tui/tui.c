/* Placeholder until the interface lands: the TUI helper replaces this file. */
#include "tui/tui.h"

#include <stdio.h>

int tui_run(struct db *db, const struct actor *a, const struct config *cfg)
{
    (void)db, (void)a, (void)cfg;
    fputs("followup: the interface is not built yet; use 'followup list'\n", stderr);
    return 1;
}
