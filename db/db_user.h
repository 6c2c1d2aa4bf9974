/* Users, their roles and departments, and the department list, stored
 * (db/db_user.c). */
#ifndef FU_DB_USER_H
#define FU_DB_USER_H

#include <stddef.h>
#include "core/user.h"
#include "db/db.h"

/* The effective user (as_user when set, else login). A login not in the
 * table yields known=0, role viewer. --as by a non-committee user is
 * FU_PERM. */
int db_user_effective(struct db *db, const struct actor *a, struct user *out,
                      char *err, size_t errlen);

/* Committee only. Departments must exist. Re-adding a user updates role
 * and departments. */
int db_user_add(struct db *db, const struct actor *a, const char *login,
                enum role role, const char *const *depts, size_t ndepts,
                char *err, size_t errlen);
int db_user_remove(struct db *db, const struct actor *a, const char *login,
                   char *err, size_t errlen);

/* Every user, by login, into *out (the caller's; user_list_fini). */
int db_user_list(struct db *db, struct user_list *out, char *err, size_t errlen);

/* Committee only. Adds department name (checked and cleaned; one history
 * row); a name that exists already is FU_ERR. */
int db_dept_add(struct db *db, const struct actor *a, const char *name,
                char *err, size_t errlen);
/* Every department in use (not retired or merged), in the database's
 * order, into *out (the caller's; dept_list_fini). db_dept_states
 * (db/db_edit.h) lists them all. */
int db_dept_list(struct db *db, struct dept_list *out, char *err, size_t errlen);

#endif
