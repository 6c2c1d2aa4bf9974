/* Filling a status report's model and the reminders (db/db_report.c). */
#ifndef FU_DB_REPORT_H
#define FU_DB_REPORT_H

#include <stddef.h>
#include "core/user.h"
#include "db/db.h"

struct rpt;                /* report/report.h */

enum { DB_ROUND_NONE = 0, DB_ROUND_LATEST = -1 };

/* Fills r (rpt_init'ed, with zh, by, today and warn_days set) with the
 * sources, sections and items of report report_id (0: every report), the
 * departments in the database's order, the chain head, the ratings of the
 * compared round (else of the latest round) and, unless since is
 * DB_ROUND_NONE, the changes since round since (DB_ROUND_LATEST: the
 * latest). One read transaction and a fixed number of set-based queries,
 * whatever the number of tasks. The caller then runs rpt_compute. */
int db_rpt_fill(struct db *db, struct rpt *r, long long report_id, long long since,
                char *err, size_t errlen);

/* Fills r (rpt_init'ed, with zh, today and warn_days set) for reminders:
 * the live tasks of any kind, led or supported by the effective user's
 * departments (all: every department; committee only), not done, due by
 * today + warn_days; without all, submitted tasks (waiting for the
 * committee) are left out. r->scope names the departments (NULL: all).
 * Only the first max_rows of them (most overdue first: what the reminder
 * lists) are loaded as items, the rest counted into r->more_overdue and
 * r->more_due_soon, so that memory stays small however many there are.
 * The caller then runs rpt_compute and rpt_write_remind(…, max_rows). */
int db_remind(struct db *db, const struct actor *a, int all, size_t max_rows, struct rpt *r,
              char *err, size_t errlen);

#endif
