/* The audit trail read back (db/db_history.c). */
#ifndef FU_DB_HISTORY_H
#define FU_DB_HISTORY_H

#include "core/history.h"
#include "db/db.h"

struct history_filter {
    long long task_id;     /* 0: all */
    const char *since;     /* ISO date or datetime, NULL: all */
    const char *user;      /* actor or as_user, NULL: all */
};
int db_history(struct db *db, const struct history_filter *f, struct history_list *out,
               char *err, size_t errlen);

#endif
