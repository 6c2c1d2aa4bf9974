/* Help: every group of the key table with the keys bound to each action,
 * then what the colours and marks mean. */
#include "tui/help.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/page.h"

/* "j, Down" for an action within scope. */
static void key_names(enum action act, unsigned scope, char *out, size_t outlen)
{
    size_t n, nseen = 0;
    const struct keybind *t = keys_table(&n);
    const char *seen[16];
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (t[i].act != act || !(t[i].scope & scope) || !t[i].name)
            continue;
        int dup = 0;     /* a name bound in several rows (scopes) shows once */
        for (size_t k = 0; k < nseen; k++)
            dup |= !strcmp(seen[k], t[i].name);
        if (dup || nseen == 16)
            continue;
        seen[nseen++] = t[i].name;
        size_t used = strlen(out);
        snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", t[i].name);
    }
}

static void legend(struct app *a, struct page *pg)
{
    page_add(pg, S_NORMAL, 0, NULL, 0, "");
    page_add(pg, S_TITLE, 0, NULL, 0, _("Marks and colours"));
    page_add(pg, S_OVERDUE, 2, "!", 4, _("overdue: the due date has passed"));
    char buf[256];
    snprintf(buf, sizeof buf, _("due within %d days"), a->m.warn_days);
    page_add(pg, S_SOON, 2, "*", 4, buf);
    page_add(pg, S_NORMAL, 2, "+ / -", 8, _("collapsed / expanded"));
    for (int s = 0; s < ST_COUNT; s++) {
        snprintf(buf, sizeof buf, "%s  %s  (%s)", status_zh((enum task_status)s),
                 status_en((enum task_status)s), status_key((enum task_status)s));
        page_add(pg, S_STATUS0 + s, 2, NULL, 0, buf);
    }
    page_add(pg, S_NORMAL, 0, NULL, 0, "");
    snprintf(buf, sizeof buf, _("You are %s, role %s."), a->user.login,
             i18n_role(a->user.role));
    page_add(pg, S_NORMAL, 0, NULL, 0, buf);
}

void help_open(struct app *a)
{
    struct page pg;
    size_t ng;
    const struct key_group *g = keys_groups(&ng);
    page_init(&pg);
    int kc = 0;                           /* the key column: widest key list */
    for (size_t i = 0; i < ng; i++)
        for (int act = DO_NONE + 1; act < DO_COUNT; act++) {
            if (!(keys_action_groups(act) & 1u << i))
                continue;
            char keys[160];
            key_names(act, g[i].scope, keys, sizeof keys);
            int w = text_width(keys);
            kc = w > kc ? w : kc;
        }
    kc = kc > 24 ? 24 : kc;
    for (size_t i = 0; i < ng; i++) {
        if (i)
            page_add(&pg, S_NORMAL, 0, NULL, 0, "");
        page_add(&pg, S_TITLE, 0, NULL, 0, _(g[i].title));
        for (int act = DO_NONE + 1; act < DO_COUNT; act++) {
            if (!(keys_action_groups(act) & 1u << i))
                continue;
            char keys[160];
            key_names(act, g[i].scope, keys, sizeof keys);
            page_add(&pg, S_NORMAL, 2, keys, kc + 2, _(keys_action_help(act)));
        }
    }
    legend(a, &pg);
    pager_open(a, _("Help — q or Esc goes back"), &pg);
}
