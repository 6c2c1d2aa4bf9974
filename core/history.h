/* The audit trail's rows as people read them (db/db_history.h reads them;
 * db/db_verify.h checks the chain). */
#ifndef FU_HISTORY_H
#define FU_HISTORY_H

#include <stddef.h>

struct history_entry {
    long long id;
    char at[32];
    char *actor;           /* real login */
    char *as_user;         /* NULL unless --as */
    long long task_id;     /* 0 for database-wide events (users, depts, import) */
    char *task_ref;        /* "R1:2.1.3" or NULL */
    char *field;           /* "status", "lead", "support", "due", "note", "text", "import", … */
    char *old_value, *new_value, *note;   /* each may be NULL */
};
struct history_list { struct history_entry *v; size_t n; };
void history_list_fini(struct history_list *l);

#endif
