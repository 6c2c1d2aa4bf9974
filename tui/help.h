/* The help screen (?), generated from the key table. */
#ifndef FU_TUI_HELP_H
#define FU_TUI_HELP_H

struct app;

void help_open(struct app *a);

#endif
