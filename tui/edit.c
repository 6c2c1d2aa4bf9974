/* Corrections from the interface (edit.h): each checks the role first,
 * asks what it needs on the message line or in a picker, writes through
 * db/db_edit.h, and records an undo step. */
#include "tui/edit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/user.h"
#include "db/db_edit.h"
#include "db/db_task.h"
#include "tui/app.h"
#include "tui/bulk.h"
#include "tui/i18n.h"
#include "tui/input.h"
#include "tui/picker.h"

/* The task the change is about, as it was when the key was pressed. */
struct edit_ctx {
    long long id, version, report_id;
    char code[32];
    enum task_kind kind;
    int child;             /* add: under the task (else after it) */
    int field;             /* report metadata: enum report_field */
};

static void trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (isspace((unsigned char)s[i]))
        i++;
    memmove(s, s + i, n - i + 1);
}

/* May the user correct the report here? Says why not. */
static int may_edit(struct app *a)
{
    char why[FU_ERRLEN];
    if (db_readonly(a->db)) {
        app_msg(a, S_ERROR, "%s", _("The database is read-only here: nothing can be changed."));
        return 0;
    }
    if (perm_check(a->user.role, ACT_EDIT, 0, why, sizeof why) != FU_OK) {
        app_msg(a, S_ERROR, "%s", _(why));
        return 0;
    }
    return 1;
}

/* The task under the cursor, when the user may correct it. */
static const struct task *target(struct app *a)
{
    if (!may_edit(a))
        return NULL;
    const struct task *t = model_current(&a->m);
    if (!t)
        app_msg(a, S_INFO, "%s", _("No task here."));
    return t;
}

static struct edit_ctx *ctx_of(const struct task *t)
{
    struct edit_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->id = t->id;
    c->version = t->version;
    c->report_id = t->report_id;
    c->kind = t->kind;
    snprintf(c->code, sizeof c->code, "%s", t->code);
    return c;
}

/* The model read again with the cursor on task id (its parents opened). */
static void show_task(struct app *a, long long id)
{
    app_reload(a);
    for (size_t i = 0; i < a->m.ix.n; i++)
        if (a->m.ix.v[i].id == id) {
            size_t r = model_reveal(&a->m, i);
            if (r != MODEL_NONE)
                model_set_cursor(&a->m, r);
            break;
        }
    a->dirty = 1;
}

static void record(struct app *a, enum bulk_field f, long long id, const char *old,
                   const char *what)
{
    struct db_outcome o;
    db_last_outcome(a->db, &o);
    struct undo_item it = {.task_id = id, .version = o.version, .field = f,
                           .old = (char *)old};
    bulk_record(a, &it, what);
}

/* ---- text ------------------------------------------------------------------------- */

static int text_given(struct app *a, void *ctx, const char *text)
{
    struct edit_ctx *c = ctx;
    struct task t;
    char err[FU_ERRLEN] = "", buf[INPUT_MAX + 1];
    snprintf(buf, sizeof buf, "%s", text);
    trim(buf);
    if (!buf[0]) {
        app_msg(a, S_ERROR, "%s", _("A task's text cannot be empty (Esc keeps it)."));
        return 1;
    }
    if (db_task_get(a->db, c->id, &t, err, sizeof err) != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return 0;
    }
    int rc = db_edit_text(a->db, a->actor, c->id, buf, NULL, c->version, err, sizeof err);
    struct db_outcome o;
    db_last_outcome(a->db, &o);
    if (rc == FU_OK && o.changed)
        record(a, BF_TEXT, c->id, t.text, _("text"));
    task_fini(&t);
    app_refresh(a);
    if (rc != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    else
        app_msg(a, S_INFO, o.changed ? _("%s: text corrected; u undoes") : _("%s (unchanged)"),
                c->code);
    return 0;
}

static void start_text(struct app *a)
{
    const struct task *t = target(a);
    if (!t)
        return;
    char prompt[96];
    snprintf(prompt, sizeof prompt, _("Text of %s: "), t->code);
    struct input_spec in = {.prompt = prompt, .initial = t->text, .accept = text_given,
                            .ctx = ctx_of(t)};
    if (in.ctx)
        input_open(a, &in);
}

/* ---- add ------------------------------------------------------------------------ */

static int add_given(struct app *a, void *ctx, const char *text)
{
    struct edit_ctx *c = ctx;
    char err[FU_ERRLEN] = "", code[32], buf[INPUT_MAX + 1];
    snprintf(buf, sizeof buf, "%s", text);
    trim(buf);
    if (!buf[0]) {
        app_msg(a, S_INFO, "%s", _("Empty text: nothing was added."));
        return 0;
    }
    struct task_new n = {.kind = c->child ? -1 : (int)c->kind, .text = buf};
    if (c->child)
        n.parent_id = c->id;
    else
        n.after_id = c->id;
    long long id = 0;
    int rc = db_add_task(a->db, a->actor, &n, &id, code, err, sizeof err);
    if (rc != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return 0;
    }
    struct undo_item it = {.task_id = id, .version = 1, .field = BF_ADDED};
    bulk_record(a, &it, _("addition"));
    show_task(a, id);
    app_msg(a, S_INFO, _("%s added; a s o d assign it, u takes it back"), code);
    return 0;
}

static void start_add(struct app *a, int child)
{
    const struct task *t = target(a);
    if (!t)
        return;
    if (child && t->kind == KIND_STATEMENT) {
        app_msg(a, S_ERROR, "%s", _("A statement holds no tasks: add under its item, or i "
                                    "adds a statement after it."));
        return;
    }
    struct edit_ctx *c = ctx_of(t);
    if (!c)
        return;
    c->child = child;
    char prompt[128];
    if (child)
        snprintf(prompt, sizeof prompt, t->kind == KIND_ITEM ? _("New statement under %s: ")
                                                             : _("New item under %s: "), t->code);
    else
        snprintf(prompt, sizeof prompt, _("New %s after %s: "),
                 t->kind == KIND_SECTION ? _("section") : t->kind == KIND_ITEM ? _("item")
                                                                               : _("statement"),
                 t->code);
    struct input_spec in = {.prompt = prompt, .accept = add_given, .ctx = c};
    input_open(a, &in);
}

/* ---- withdraw, restore ------------------------------------------------------------ */

static int reason_given(struct app *a, void *ctx, const char *text)
{
    struct edit_ctx *c = ctx;
    char err[FU_ERRLEN] = "", buf[INPUT_MAX + 1];
    int count = 0;
    snprintf(buf, sizeof buf, "%s", text);
    trim(buf);
    if (!buf[0]) {
        app_msg(a, S_ERROR, "%s", _("Say why the task goes (Esc keeps it)."));
        return 1;
    }
    size_t at = a->m.nrows ? a->m.cur : 0;
    int rc = db_edit_withdraw(a->db, a->actor, c->id, buf, c->version, &count, err, sizeof err);
    if (rc == FU_OK)
        record(a, BF_WITHDRAWN, c->id, NULL, _("withdrawal"));
    app_refresh(a);
    if (rc != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return 0;
    }
    model_set_cursor(&a->m, at);
    if (count > 1)
        app_msg(a, S_INFO, _("%s withdrawn with %d sub-tasks; u or U brings them back"),
                c->code, count - 1);
    else
        app_msg(a, S_INFO, _("%s withdrawn; u or U brings it back"), c->code);
    return 0;
}

static void start_withdraw(struct app *a)
{
    const struct task *t = target(a);
    if (!t)
        return;
    char prompt[128];
    snprintf(prompt, sizeof prompt, t->nchildren ? _("Withdraw %s and its sub-tasks; why? ")
                                                 : _("Withdraw %s; why? "), t->code);
    struct input_spec in = {.prompt = prompt, .accept = reason_given, .ctx = ctx_of(t)};
    if (in.ctx)
        input_open(a, &in);
}

static int restore_given(struct app *a, void *ctx, const char *text)
{
    struct edit_ctx *c = ctx;
    char err[FU_ERRLEN] = "", ref[96], buf[64];
    struct task t;
    int count = 0;
    snprintf(buf, sizeof buf, "%s", text);
    trim(buf);
    if (!buf[0])
        return 0;
    if (strchr(buf, ':') || strlen(buf) >= 8)
        snprintf(ref, sizeof ref, "%s", buf);
    else                               /* a bare code: of the report shown */
        snprintf(ref, sizeof ref, "R%lld:%s", c->report_id, buf);
    if (db_task_find(a->db, ref, &t, err, sizeof err) != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return 1;                      /* mend the code */
    }
    int rc = db_edit_restore(a->db, a->actor, t.id, NULL, &count, err, sizeof err);
    if (rc == FU_OK) {
        record(a, BF_RESTORED, t.id, NULL, _("restore"));
        show_task(a, t.id);
        app_msg(a, S_INFO, _("%s restored; u withdraws it again"), t.code);
    } else {
        app_msg(a, S_ERROR, "%s", err);
    }
    task_fini(&t);
    return 0;
}

static void start_restore(struct app *a)
{
    if (!may_edit(a))
        return;
    struct edit_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->report_id = a->m.report_id;
    struct input_spec in = {.prompt = _("Restore the withdrawn task (code): "),
                            .accept = restore_given, .ctx = c};
    input_open(a, &in);
}

/* ---- move ----------------------------------------------------------------------- */

static void move_task(struct app *a, enum tree_move how)
{
    static const char *const done[] = {
        [MOVE_UP] = N_("%s moved up"), [MOVE_DOWN] = N_("%s moved down"),
        [MOVE_INDENT] = N_("%s moved under the task before it"),
        [MOVE_OUTDENT] = N_("%s moved out of its parent"),
    };
    const struct task *t = target(a);
    if (!t)
        return;
    if (a->m.sort != SORT_TREE) {
        app_msg(a, S_ERROR, "%s", _("Tasks move in the report's order: S shows the tree."));
        return;
    }
    struct undo_item it = {.task_id = t->id, .field = BF_PLACE};
    char err[FU_ERRLEN] = "", code[32];
    long long id = t->id;
    snprintf(code, sizeof code, "%s", t->code);
    int rc = db_tree_neighbours(a->db, id, &it.parent, &it.prev, &it.next, err, sizeof err);
    if (rc == FU_OK)
        rc = db_tree_move(a->db, a->actor, id, how, 0, t->version, err, sizeof err);
    struct db_outcome o;
    db_last_outcome(a->db, &o);
    if (rc != FU_OK) {
        app_refresh(a);
        app_msg(a, S_ERROR, "%s", err);
        return;
    }
    it.version = o.version;
    if (o.changed)
        bulk_record(a, &it, _("move"));
    show_task(a, id);
    app_msg(a, S_INFO, _(done[how]), code);
}

/* ---- the report's metadata ---------------------------------------------------------- */

static const char *const meta_names[RF_COUNT] = {
    N_("title"), N_("document number (文号)"), N_("issuer"), N_("published"),
    N_("addressee"), N_("signed by"), N_("signed on"), N_("lead department"),
};

static const char *meta_value(const struct report *r, int f)
{
    const char *v[RF_COUNT] = {r->title, r->doc_no, r->issuer, r->published, r->addressee,
                               r->signed_by, r->signed_on, r->lead_department};
    return f >= 0 && f < RF_COUNT && v[f] ? v[f] : "";
}

static int meta_given(struct app *a, void *ctx, const char *text)
{
    struct edit_ctx *c = ctx;
    const struct report *r = model_report(&a->m);
    char err[FU_ERRLEN] = "", buf[INPUT_MAX + 1], date[11], old[INPUT_MAX + 1];
    const char *v[RF_COUNT] = {0};
    int changed = 0;
    snprintf(buf, sizeof buf, "%s", text);
    trim(buf);
    snprintf(old, sizeof old, "%s", r ? meta_value(r, c->field) : "");
    v[c->field] = buf;
    if ((c->field == RF_PUBLISHED || c->field == RF_SIGNED_ON) && buf[0]) {
        if (cal_parse_date(buf, a->m.today, date) != 0) {
            app_msg(a, S_ERROR, _("'%s' is not a date: write 2024-02-18 or 2024年2月18日."), buf);
            return 1;
        }
        v[c->field] = date;
    }
    int rc = db_edit_report(a->db, a->actor, c->report_id, v, &changed, err, sizeof err);
    if (rc != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return 1;
    }
    if (changed) {
        struct undo_item it = {.field = BF_META, .old = old, .now = (char *)v[c->field],
                               .parent = c->report_id, .meta = c->field};
        bulk_record(a, &it, _("metadata"));
    }
    app_reload(a);
    app_msg(a, S_INFO, changed ? _("R%lld: %s corrected; u undoes") : _("R%lld: %s (unchanged)"),
            c->report_id, _(meta_names[c->field]));
    return 0;
}

static void meta_picked(struct app *a, void *ctx, int value, const int *vs, size_t nv)
{
    (void)ctx, (void)vs, (void)nv;
    const struct report *r = model_report(&a->m);
    if (!r || value < 0 || value >= RF_COUNT)
        return;
    struct edit_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->report_id = r->id;
    c->field = value;
    char prompt[96];
    snprintf(prompt, sizeof prompt, _("R%lld %s: "), r->id, _(meta_names[value]));
    struct input_spec in = {.prompt = prompt, .initial = meta_value(r, value),
                            .accept = meta_given, .ctx = c};
    input_open(a, &in);
}

static void start_meta(struct app *a)
{
    const struct report *r = model_report(&a->m);
    if (!may_edit(a))
        return;
    if (!r) {
        app_msg(a, S_INFO, "%s", _("No report here."));
        return;
    }
    struct picker_item items[RF_COUNT];
    for (int f = 0; f < RF_COUNT; f++)
        items[f] = (struct picker_item){.label = _(meta_names[f]), .alt = meta_value(r, f),
                                        .value = f};
    char title[64];
    snprintf(title, sizeof title, _("R%lld: correct which field?"), r->id);
    struct picker_spec spec = {.title = title, .items = items, .n = RF_COUNT, .current = 0,
                               .done = meta_picked};
    picker_open(a, &spec);
}

/* ---- undo --------------------------------------------------------------------------- */

static int undo_meta(struct app *a, const struct undo_item *it, char *err, size_t errlen)
{
    const char *v[RF_COUNT] = {0};
    int changed = 0;
    for (size_t i = 0; i < a->m.reports.n; i++) {
        const struct report *r = &a->m.reports.v[i];
        if (r->id == it->parent && strcmp(meta_value(r, it->meta), it->now ? it->now : ""))
            return snprintf(err, errlen, _("R%lld's %s was changed again"), r->id,
                            _(meta_names[it->meta])), FU_CONFLICT;
    }
    v[it->meta] = it->old ? it->old : "";
    return db_edit_report(a->db, a->actor, it->parent, v, &changed, err, errlen);
}

static int undo_withdrawal(struct app *a, const struct undo_item *it, char *err, size_t errlen)
{
    struct task t;
    int count = 0, rc = db_task_get(a->db, it->task_id, &t, err, errlen);
    if (rc == FU_OK && t.version != it->version)
        rc = FU_CONFLICT, snprintf(err, errlen, _("%s was changed by someone"), t.code);
    if (rc == FU_OK)
        rc = db_edit_restore(a->db, a->actor, it->task_id, _("undone"), &count, err, errlen);
    task_fini(&t);
    return rc;
}

int edit_undo(struct app *a, const struct undo_item *it, char *err, size_t errlen)
{
    int count = 0;
    switch (it->field) {
    case BF_TEXT:
        return db_edit_text(a->db, a->actor, it->task_id, it->old, NULL, it->version, err,
                            errlen);
    case BF_WITHDRAWN:
        return undo_withdrawal(a, it, err, errlen);
    case BF_RESTORED:
    case BF_ADDED:
        return db_edit_withdraw(a->db, a->actor, it->task_id, _("undone"), it->version, &count,
                                err, errlen);
    case BF_PLACE:
        return db_tree_move(a->db, a->actor, it->task_id,
                            it->prev ? MOVE_AFTER : it->next ? MOVE_BEFORE : MOVE_UNDER,
                            it->prev ? it->prev : it->next ? it->next : it->parent,
                            it->version, err, errlen);
    case BF_META:
        return undo_meta(a, it, err, errlen);
    default:
        return FU_OK;
    }
}

int edit_run(struct app *a, enum action act)
{
    switch (act) {
    case DO_EDIT_TEXT: start_text(a); return 1;
    case DO_ADD_CHILD: start_add(a, 1); return 1;
    case DO_ADD_SIBLING: start_add(a, 0); return 1;
    case DO_WITHDRAW: start_withdraw(a); return 1;
    case DO_RESTORE: start_restore(a); return 1;
    case DO_MOVE_UP: move_task(a, MOVE_UP); return 1;
    case DO_MOVE_DOWN: move_task(a, MOVE_DOWN); return 1;
    case DO_INDENT: move_task(a, MOVE_INDENT); return 1;
    case DO_OUTDENT: move_task(a, MOVE_OUTDENT); return 1;
    case DO_REPORT_META: start_meta(a); return 1;
    default: return 0;
    }
}
