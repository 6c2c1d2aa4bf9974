/* Review rounds and ratings stored (db/db_review.c). */
#ifndef FU_DB_REVIEW_H
#define FU_DB_REVIEW_H

#include <stddef.h>
#include "core/review.h"
#include "core/user.h"
#include "db/db.h"

/* Committee only. Records round name, held on date (YYYY-MM-DD): a
 * snapshot of the status, lead department and due date of every live task
 * of the reports under review (reports, nreports ids; none: every report),
 * with its history row (its note names the reports), in one transaction.
 * A report without live tasks is FU_USAGE. *out (may be NULL) receives
 * the round; release it with review_round_fini. A round covers the reports
 * its snapshot holds tasks of (review_round.reports): ratings go to the
 * latest round covering the item's report. */
int db_review_start(struct db *db, const struct actor *a, const char *name, const char *date,
                    const long long *reports, size_t nreports, struct review_round *out,
                    char *err, size_t errlen);
/* Every round, oldest first; released with review_list_fini. */
int db_review_list(struct db *db, struct review_list *out, char *err, size_t errlen);



/* Round id (0: the latest) into *round, and when items is not NULL the
 * items of its snapshot plus any rated in it, in report order.
 * FU_NOTFOUND when there is no such round (or none at all). */
int db_review_get(struct db *db, long long id, struct review_round *round,
                  struct review_entries *items, char *err, size_t errlen);

/* Committee only. Rates an item in the latest round covering its report
 * (FU_ERR naming the report when there is none) (level: enum rating,
 * remark may be NULL); rating it again replaces the rating. Rated
 * unsatisfied, a done or submitted item is reopened (status active).
 * One transaction with a history row for the rating and one for the
 * status. *round_id and *reopened may be NULL. */
int db_review_rate(struct db *db, const struct actor *a, long long task_id, int level,
                   const char *remark, long long *round_id, int *reopened,
                   char *err, size_t errlen);

#endif
