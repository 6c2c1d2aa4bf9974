/* Who acts and who may: the Unix user behind a command (and --as), a
 * user's role and departments as stored, and the department list. The
 * domain's records; db/db_user.h reads and writes them. */
#ifndef FU_USER_H
#define FU_USER_H

#include <stddef.h>
#include "core/task.h"

struct actor {
    char login[64];        /* the real Unix user */
    char as_user[64];      /* --as USER, "" when acting as oneself */
};

struct user {
    char login[64];
    enum role role;
    char **depts;          /* department names, owned */
    size_t ndepts;
    int known;             /* 0: not in the users table (treated as viewer) */
};
void user_fini(struct user *u);

struct user_list { struct user *v; size_t n; };
/* user_fini on every user, then frees the array and zeroes l. */
void user_list_fini(struct user_list *l);

struct dept_list { char **v; size_t n; };
/* Frees the names and the array, and zeroes l. */
void dept_list_fini(struct dept_list *l);

#endif
