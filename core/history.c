/* The audit trail's rows (core/history.h). */
#include "core/history.h"

#include <stdlib.h>
#include <string.h>

void history_list_fini(struct history_list *l)
{
    for (size_t i = 0; l && i < l->n; i++) {
        struct history_entry *e = &l->v[i];
        free(e->actor);
        free(e->as_user);
        free(e->task_ref);
        free(e->field);
        free(e->old_value);
        free(e->new_value);
        free(e->note);
    }
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}
