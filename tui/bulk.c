/* Marks, bulk changes and undo (bulk.h). */
#include "tui/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "tui/app.h"
#include "tui/edit.h"
#include "tui/i18n.h"
#include "db/db_task.h"

#define MAX_SUPPORT 64

static void batch_free(struct undo_batch *u)
{
    for (size_t i = 0; i < u->n; i++) {
        free(u->v[i].old);
        free(u->v[i].now);
    }
    free(u->v);
    memset(u, 0, sizeof *u);
}

void bulk_fini(struct bulk *b)
{
    free(b->marks);
    for (int i = 0; i < b->nundo; i++)
        batch_free(&b->undo[i]);
    memset(b, 0, sizeof *b);
}

int bulk_is_marked(const struct bulk *b, long long id)
{
    for (size_t i = 0; i < b->nmarks; i++)
        if (b->marks[i] == id)
            return 1;
    return 0;
}

void bulk_toggle(struct app *a)
{
    struct bulk *b = &a->bulk;
    const struct task *t = model_current(&a->m);
    if (!t)
        return;
    long long id = t->id;
    size_t i = 0;
    while (i < b->nmarks && b->marks[i] != id)
        i++;
    if (i < b->nmarks) {
        b->marks[i] = b->marks[--b->nmarks];
    } else if (mem_grow((void **)&b->marks, b->nmarks, &b->cap, sizeof *b->marks) == 0) {
        b->marks[b->nmarks++] = id;
    }
    model_set_cursor(&a->m, a->m.cur + 1);
    if (b->nmarks)
        app_msg(a, S_INFO, b->nmarks == 1 ? _("1 task marked: s a o d change it; M clears")
                                          : _("%zu tasks marked: s a o d change them all; "
                                              "M clears"), b->nmarks);
    else
        app_msg(a, S_INFO, "%s", _("No task is marked."));
}

void bulk_clear(struct app *a)
{
    size_t n = a->bulk.nmarks;
    a->bulk.nmarks = 0;
    app_msg(a, S_INFO, n == 1 ? _("1 mark cleared.") : _("%zu marks cleared."), n);
}

/* ---- one task ---------------------------------------------------------------- */

/* The task's current value of field, as an undo item stores it; malloc'd. */
static char *old_value(const struct task *t, enum bulk_field f)
{
    if (f == BF_STATUS)
        return strdup(status_key(t->status));
    if (f == BF_LEAD)
        return strdup(t->lead ? t->lead : "");
    if (f == BF_DUE)
        return strdup(t->due);
    if (f == BF_NOTE)
        return strdup("");
    size_t len = 1;
    for (size_t i = 0; i < t->nsupport; i++)
        len += strlen(t->support[i]) + 1;
    char *s = calloc(1, len);
    for (size_t i = 0; s && i < t->nsupport; i++) {
        if (i)
            strcat(s, ",");
        strcat(s, t->support[i]);
    }
    return s;
}

static int write_value(struct app *a, long long id, long long expected,
                       const struct bulk_value *v, char *err, size_t errlen)
{
    switch (v->field) {
    case BF_STATUS:
        return db_task_set_status(a->db, a->actor, id, v->status, v->note, expected, err,
                                  errlen);
    case BF_LEAD:
        return db_task_assign(a->db, a->actor, id, v->lead, NULL, 0, 0, NULL, expected, err,
                              errlen);
    case BF_SUPPORT:
        return db_task_assign(a->db, a->actor, id, NULL, v->support, v->nsupport, 1, NULL,
                              expected, err, errlen);
    case BF_DUE:
        return db_task_assign(a->db, a->actor, id, NULL, NULL, 0, 0, v->due, expected, err,
                              errlen);
    default:
        return FU_OK;
    }
}

/* Applies v to one task; on a change, adds its undo item to u. */
static int apply_one(struct app *a, long long id, long long expected, const struct bulk_value *v,
                     struct undo_batch *u, int *changed, char *err, size_t errlen)
{
    struct task t;
    int rc = db_task_get(a->db, id, &t, err, errlen);
    if (rc != FU_OK)
        return rc;
    char *old = old_value(&t, v->field);
    char code[40];
    snprintf(code, sizeof code, "%s", t.code);
    task_fini(&t);
    if (!old)
        return FU_ERR;
    rc = write_value(a, id, expected, v, err, errlen);
    struct db_outcome o;
    db_last_outcome(a->db, &o);
    *changed = rc == FU_OK && o.changed;
    if (*changed && mem_grow((void **)&u->v, u->n, &u->cap, sizeof *u->v) == 0) {
        u->v[u->n++] = (struct undo_item){.task_id = id, .version = o.version,
                                          .field = v->field, .old = old};
        return FU_OK;
    }
    if (rc != FU_OK && rc != FU_CONFLICT && code[0]) {
        char why[FU_ERRLEN];
        snprintf(why, sizeof why, "%s: %s", code, err);
        snprintf(err, errlen, "%s", why);
    }
    free(old);
    return rc;
}

/* The task left the list: the cursor goes to the row that followed it. */
static void stay_after(struct model *m, size_t at)
{
    if (at == MODEL_NONE || m->sort != SORT_TREE)
        return;                        /* sorted: the row number already is the next */
    for (size_t r = 0; r < m->nrows; r++)
        if (m->rows[r] > at) {
            model_set_cursor(m, r);
            return;
        }
}

static void push_undo(struct app *a, struct undo_batch *u)
{
    struct bulk *b = &a->bulk;
    if (b->nundo == BULK_UNDO) {           /* the oldest step goes */
        batch_free(&b->undo[0]);
        memmove(b->undo, b->undo + 1, (BULK_UNDO - 1) * sizeof *b->undo);
        b->nundo--;
    }
    b->undo[b->nundo++] = *u;
    memset(u, 0, sizeof *u);
}

static const char *field_name(enum bulk_field f)
{
    switch (f) {
    case BF_STATUS: return _("status");
    case BF_LEAD: return _("lead department");
    case BF_SUPPORT: return _("supporting departments");
    case BF_DUE: return _("due date");
    default: return _("progress note");
    }
}

int bulk_apply(struct app *a, int marked, long long id, long long expected,
               const struct bulk_value *v, const char *label)
{
    char err[FU_ERRLEN] = "";
    struct undo_batch u = {0};
    size_t n = marked ? a->bulk.nmarks : 1;
    long long *ids = malloc(n * sizeof *ids);
    if (!ids)
        return FU_ERR;
    memcpy(ids, marked ? a->bulk.marks : &id, n * sizeof *ids);
    size_t at = a->m.nrows ? a->m.rows[a->m.cur] : MODEL_NONE;   /* in tree order */
    int nchanged = 0, rc = db_batch_begin(a->db, err, sizeof err);
    for (size_t i = 0; rc == FU_OK && i < n; i++) {
        int changed = 0;
        rc = apply_one(a, ids[i], marked ? 0 : expected, v, &u, &changed, err, sizeof err);
        nchanged += changed;
    }
    free(ids);
    rc = db_batch_end(a->db, rc, err, sizeof err);
    if (rc != FU_OK) {
        batch_free(&u);
        app_refresh(a);
        if (marked)
            app_msg(a, S_ERROR, _("%s; nothing was changed."), err);
        else
            app_msg(a, S_ERROR, "%s", err);
        return rc;
    }
    int unchanged = (int)n - nchanged;
    snprintf(u.what, sizeof u.what, "%s", field_name(v->field));
    if (u.n)
        push_undo(a, &u);
    app_refresh(a);
    if (!marked && !nchanged)
        app_msg(a, S_INFO, _("%s (unchanged)"), label);
    else if (!marked && a->m.cur_id != id) {   /* the filter hides it now: say so */
        stay_after(&a->m, at);
        app_msg(a, S_INFO, _("%s; it left the view (the filter hides it)"), label);
    }
    else if (!marked)
        app_msg(a, S_INFO, "%s", label);
    else
        app_msg(a, S_INFO, _("%s → %s: %d of %zu marked tasks changed, %d already so; u undoes"),
                field_name(v->field), label, nchanged, n, unchanged);
    return FU_OK;
}

void bulk_note_added(struct app *a, long long task_id)
{
    struct undo_batch u = {0};
    u.v = calloc(1, sizeof *u.v);
    if (!u.v)
        return;
    u.v[0] = (struct undo_item){.task_id = task_id, .field = BF_NOTE, .old = NULL};
    u.n = 1;
    snprintf(u.what, sizeof u.what, "%s", field_name(BF_NOTE));
    push_undo(a, &u);
}

void bulk_record(struct app *a, const struct undo_item *it, const char *what)
{
    struct undo_batch u = {0};
    if (!(u.v = calloc(1, sizeof *u.v)))
        return;
    u.v[0] = *it;
    u.v[0].old = it->old ? strdup(it->old) : NULL;
    u.v[0].now = it->now ? strdup(it->now) : NULL;
    u.n = 1;
    snprintf(u.what, sizeof u.what, "%s", what);
    push_undo(a, &u);
}

/* ---- undo ----------------------------------------------------------------------- */

static int undo_one(struct app *a, const struct undo_item *it, char *err, size_t errlen)
{
    struct bulk_value v = {.field = it->field};
    char buf[4096];
    const char *names[MAX_SUPPORT];
    switch (it->field) {
    case BF_STATUS: status_parse(it->old, &v.status); break;
    case BF_LEAD: v.lead = it->old; break;
    case BF_DUE: v.due = it->old; break;
    case BF_SUPPORT:
        snprintf(buf, sizeof buf, "%s", it->old);
        for (char *p = buf, *e; *p && v.nsupport < MAX_SUPPORT; p = e) {
            e = p + strcspn(p, ",");
            if (*e)
                *e++ = '\0';
            names[v.nsupport++] = p;
        }
        v.support = names;
        break;
    default: break;
    }
    int rc = it->field >= BF_TEXT ? edit_undo(a, it, err, errlen)
                                  : write_value(a, it->task_id, it->version, &v, err, errlen);
    if (rc == FU_OK && it->task_id) {     /* the task is as the step below left it: that step may be undone */
        struct db_outcome o;
        db_last_outcome(a->db, &o);
        for (int k = a->bulk.nundo - 2; k >= 0; k--) {
            struct undo_batch *u = &a->bulk.undo[k];
            size_t i = 0;
            while (i < u->n && u->v[i].task_id != it->task_id)
                i++;
            if (i == u->n)
                continue;
            if (u->v[i].version == it->version - 1)
                u->v[i].version = o.version;
            break;
        }
    }
    if (rc == FU_CONFLICT) {
        char *tail = strstr(err, "; reload");
        if (tail)
            *tail = '\0';     /* undo cannot be tried again */
    }
    return rc;
}

void bulk_undo(struct app *a)
{
    struct bulk *b = &a->bulk;
    char err[FU_ERRLEN] = "";
    if (!b->nundo) {
        app_msg(a, S_INFO, "%s", _("Nothing to undo: you have changed nothing here yet."));
        return;
    }
    struct undo_batch *u = &b->undo[b->nundo - 1];
    if (u->n && u->v[0].field == BF_NOTE) {
        app_msg(a, S_ERROR, "%s", _("A progress note cannot be taken back; add a note that "
                                    "corrects it."));
        batch_free(u);
        b->nundo--;
        return;
    }
    int rc = db_batch_begin(a->db, err, sizeof err);
    for (size_t i = u->n; rc == FU_OK && i-- > 0;)
        rc = undo_one(a, &u->v[i], err, sizeof err);
    rc = db_batch_end(a->db, rc, err, sizeof err);
    size_t n = u->n;
    char what[160];
    snprintf(what, sizeof what, "%s", u->what);
    batch_free(u);
    b->nundo--;
    app_refresh(a);
    if (rc != FU_OK)
        app_msg(a, S_ERROR, _("Not undone: %s since."), err);
    else if (n == 1)
        app_msg(a, S_INFO, _("Undone: the %s change (recorded in the history)."), what);
    else
        app_msg(a, S_INFO, _("Undone: the %s of %zu tasks (recorded in the history)."), what, n);
}
