/* Statuses, kinds, roles and the permission rules of the lifecycle. */
#include "core/task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"
#include "util/mem.h"

static const char *const kind_keys[] = {"section", "item", "statement"};

static const struct {
    const char *key, *zh, *en;
} statuses[ST_COUNT] = {
    [ST_TODO] = {"todo", "未启动", "Not started"},
    [ST_ACTIVE] = {"active", "推进中", "In progress"},
    [ST_ONGOING] = {"ongoing", "持续推进", "Ongoing"},
    [ST_DELAYED] = {"delayed", "滞后", "Delayed"},
    [ST_SUBMITTED] = {"submitted", "待审核", "Submitted"},
    [ST_DONE] = {"done", "已办结", "Done"},
};

static const char *const role_keys[] = {
    [ROLE_VIEWER] = "viewer", [ROLE_DEPARTMENT] = "department", [ROLE_COMMITTEE] = "committee"};

const char *kind_key(enum task_kind k)
{
    return (unsigned)k < 3 ? kind_keys[k] : "?";
}

const char *status_key(enum task_status s)
{
    return (unsigned)s < ST_COUNT ? statuses[s].key : "?";
}

const char *status_zh(enum task_status s)
{
    return (unsigned)s < ST_COUNT ? statuses[s].zh : "?";
}

const char *status_en(enum task_status s)
{
    return (unsigned)s < ST_COUNT ? statuses[s].en : "?";
}

const char *status_label(enum task_status s, int zh)
{
    return zh ? status_zh(s) : status_en(s);
}

const char *role_key(enum role r)
{
    return (unsigned)r < 3 ? role_keys[r] : "?";
}

int kind_parse(const char *s, enum task_kind *out)
{
    for (int i = 0; s && i < 3; i++)
        if (strcasecmp(s, kind_keys[i]) == 0) {
            *out = (enum task_kind)i;
            return 0;
        }
    return -1;
}

int status_parse(const char *s, enum task_status *out)
{
    for (int i = 0; s && i < ST_COUNT; i++)
        if (strcasecmp(s, statuses[i].key) == 0 || strcmp(s, statuses[i].zh) == 0 ||
            strcasecmp(s, statuses[i].en) == 0) {
            *out = (enum task_status)i;
            return 0;
        }
    return -1;
}

int role_parse(const char *s, enum role *out)
{
    for (int i = 0; s && i < 3; i++)
        if (strcasecmp(s, role_keys[i]) == 0) {
            *out = (enum role)i;
            return 0;
        }
    return -1;
}

static int deny(char *why, size_t whylen, const char *msg)
{
    if (why && whylen)
        snprintf(why, whylen, "%s", msg);
    return FU_PERM;
}

int perm_check(enum role r, enum task_action a, int own, char *why, size_t whylen)
{
    if (r == ROLE_COMMITTEE)
        return FU_OK;
    switch (a) {
    case ACT_INSTRUCT:
        if (r == ROLE_VIEWER)
            return FU_OK;
        return deny(why, whylen, "only committee and viewer users (the leaders) give "
                                 "instructions; add a progress note instead");
    case ACT_DECIDE:
        return deny(why, whylen, "only committee users approve or deny extension requests "
                                 "and set feedback cycles");
    case ACT_STATUS:
    case ACT_NOTE:
    case ACT_EXTEND:
    case ACT_ATTACH:
        if (r == ROLE_DEPARTMENT && own)
            return FU_OK;
        if (r == ROLE_DEPARTMENT)
            return deny(why, whylen,
                        "this task is not your department's: only its lead or supporting "
                        "departments and the committee may change it");
        return deny(why, whylen, "viewers may read but not change tasks; ask the committee "
                                 "office for a department or committee role");
    case ACT_IMPORT:
        return deny(why, whylen, "only committee users may import reports");
    case ACT_ASSIGN:
        return deny(why, whylen, "only committee users may assign departments and due dates");
    case ACT_MANAGE:
        return deny(why, whylen, "only committee users may manage users and departments");
    case ACT_REVIEW:
        return deny(why, whylen, "only committee users may run review rounds and rate tasks");
    case ACT_EDIT:
        return deny(why, whylen, "only committee users may correct reports and add, withdraw "
                                 "or move tasks; ask the committee office");
    }
    return deny(why, whylen, "not permitted");
}

int perm_status(enum role r, int own, enum task_status from, enum task_status to,
                char *why, size_t whylen)
{
    if ((unsigned)to >= ST_COUNT || (unsigned)from >= ST_COUNT) {
        if (why && whylen)
            snprintf(why, whylen, "unknown status");
        return FU_USAGE;
    }
    if (from == to) {
        if (why && whylen)
            snprintf(why, whylen, "the task is already %s (%s)", status_key(to), status_zh(to));
        return FU_USAGE;
    }
    int rc = perm_check(r, ACT_STATUS, own, why, whylen);
    if (rc != FU_OK || r == ROLE_COMMITTEE)
        return rc;
    if (to == ST_DONE)
        return deny(why, whylen, "only the committee accepts a task as done; "
                                 "set it to submitted to ask for acceptance");
    if (from == ST_SUBMITTED)
        return deny(why, whylen, "the task is submitted for review; only the committee "
                                 "may accept it or return it");
    if (from == ST_DONE)
        return deny(why, whylen, "the task is done; only the committee may reopen it");
    if (to == ST_SUBMITTED && own != OWN_LEAD)
        return deny(why, whylen, "only the lead department asks for acceptance; a supporting "
                                 "department reports its part with a progress note");
    return FU_OK;
}

/* ---- the records ------------------------------------------------------------ */

void task_fini(struct task *t)
{
    if (!t)
        return;
    free(t->text);
    free(t->body);
    free(t->lead);
    mem_strv_free(t->support, t->nsupport);
    free(t->suggested_owner);
    free(t->metrics);
    free(t->source);
    memset(t, 0, sizeof *t);
}

void task_list_fini(struct task_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        task_fini(&l->v[i]);
    if (l) {
        free(l->v);
        memset(l, 0, sizeof *l);
    }
}

void note_list_fini(struct note_list *l)
{
    for (size_t i = 0; l && i < l->n; i++) {
        free(l->v[i].author);
        free(l->v[i].text);
        free(l->v[i].struck_by);
        free(l->v[i].struck_reason);
    }
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}

void report_list_fini(struct report_list *l)
{
    for (size_t i = 0; l && i < l->n; i++) {
        struct report *r = &l->v[i];
        free(r->title);
        free(r->doc_no);
        free(r->issuer);
        free(r->published);
        free(r->addressee);
        free(r->signed_by);
        free(r->signed_on);
        free(r->lead_department);
        free(r->imported_at);
        free(r->intro);
        free(r->closing);
    }
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}
