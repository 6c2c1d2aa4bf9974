/* The help screen (?), generated from the key table. */
#ifndef FU_TUI_HELP_H
#define FU_TUI_HELP_H

struct app;

/* Opens the help page over the panes: each group of the key table with
 * its keys, then the legend of marks and colours. */
void help_open(struct app *a);

#endif
