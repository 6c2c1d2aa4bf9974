/* The report screen (r): the status report of the report shown, as
 * `followup report` makes it (report/report.h): the summary by department
 * with progress bars, the overdue and due-soon items, and export to a
 * file in any format, chosen by the extension of the path typed. */
#ifndef FU_TUI_REPORT_VIEW_H
#define FU_TUI_REPORT_VIEW_H

struct app;

/* Builds the report and opens the screen over the panes. */
void report_view_open(struct app *a);

#endif
