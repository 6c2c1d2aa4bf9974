/* The workflow's screens: the pending extension requests (P; the
 * committee approves with y or denies with x, a reason asked for), and
 * saving an evidence file of the task under the cursor to a typed path
 * (w). */
#ifndef FU_TUI_WORKFLOW_H
#define FU_TUI_WORKFLOW_H

struct app;

/* Opens the pending requests over the panes. */
void workflow_requests_open(struct app *a);

/* Asks which attachment (a picker when there are several) and where to
 * save it, then writes it byte for byte; never overwrites a file. */
void workflow_save_attachment(struct app *a);

#endif
