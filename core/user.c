/* The records of who acts (core/user.h). */
#include "core/user.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void user_fini(struct user *u)
{
    if (!u)
        return;
    mem_strv_free(u->depts, u->ndepts);
    u->depts = NULL;
    u->ndepts = 0;
}

void user_list_fini(struct user_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        user_fini(&l->v[i]);
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}

void dept_list_fini(struct dept_list *l)
{
    if (!l)
        return;
    mem_strv_free(l->v, l->n);
    l->v = NULL;
    l->n = 0;
}
