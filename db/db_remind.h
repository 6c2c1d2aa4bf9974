/* What waits for a user beyond the due dates (db/db_remind.c): for a
 * department's liaison the tasks the committee returned and the decisions
 * on extension requests; for the committee the acceptance queue and the
 * pending extension requests. */
#ifndef FU_DB_REMIND_H
#define FU_DB_REMIND_H

#include <stddef.h>
#include "core/user.h"
#include "db/db.h"

enum db_remind_kind {
    DB_REMIND_RETURNED,    /* returned (退回), not answered by a note or resubmitted */
    DB_REMIND_DECIDED,     /* an extension request approved or denied lately */
    DB_REMIND_SUBMITTED,   /* submitted for acceptance (申请办结), waiting */
    DB_REMIND_PENDING,     /* an extension request waiting for the committee */
    DB_REMIND_KINDS
};

struct db_remind_event {
    enum db_remind_kind kind;
    char code[48];         /* "2.4", or "R2:2.4" when the database has several reports */
    char *lead;            /* NULL when unassigned */
    char on[11];           /* local date it happened (returned, decided, submitted, asked) */
    char due[11];          /* extensions: the date asked for, else "" */
    int approved;          /* DB_REMIND_DECIDED: 1 approved, 0 denied */
    char *text;            /* the reason (return, decision, request), else the task's text */
};

struct db_remind_events {
    struct db_remind_event *v;     /* by kind, then oldest first */
    size_t n;
    size_t total[DB_REMIND_KINDS]; /* how many there are (v holds at most max_rows a kind) */
};

/* Fills out (owned by the caller; db_remind_events_fini) for the effective
 * user of a. A user with departments gets, for the tasks those lead or
 * support, the returned ones whose latest note is still the committee's
 * reason and that are not submitted again, and the extension requests
 * decided on or after since ("YYYY-MM-DD"). A committee user gets every
 * submitted task and the pending extension requests but those the
 * reminder's workflow lines name already: with all every one, else those
 * on the user's own departments' tasks. At most max_rows a kind are
 * loaded, every one counted. One read transaction. */
int db_remind_events(struct db *db, const struct actor *a, int all, const char *since,
                     size_t max_rows, struct db_remind_events *out, char *err, size_t errlen);

/* Frees what l owns and zeroes it. */
void db_remind_events_fini(struct db_remind_events *l);

#endif
