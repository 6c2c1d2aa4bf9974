/* Actions shared by the list and the detail. Every change first checks
 * the role (perm_check / perm_status) so that a refusal is said in the
 * status line before anything is asked; the database checks again and
 * its refusal (FU_PERM) or a stale version (FU_CONFLICT) is shown too. */
#include "tui/actions.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/editor.h"
#include "host/priv.h"
#include "util/text.h"
#include "core/calendar.h"
#include "tui/app.h"
#include "tui/bulk.h"
#include "tui/detail.h"
#include "tui/edit.h"
#include "tui/help.h"
#include "tui/i18n.h"
#include "tui/workflow_view.h"
#include "tui/input.h"
#include "tui/picker.h"
#include "tui/report_view.h"
#include "core/user.h"
#include "db/db_import.h"
#include "db/db_task.h"
#include "db/db_user.h"

/* What a change is about: the task as it was when the user asked. */
struct change_ctx {
    long long task_id, version;
    enum task_status from, to;
    char code[32];
    int own;
    int bulk;              /* change every marked task */
};

static void start_status(struct app *a);

/* The task under the cursor, if the user may take action act on it;
 * otherwise says why and returns NULL. */
static const struct task *target(struct app *a, enum task_action act)
{
    const struct task *t = model_current(&a->m);
    char why[FU_ERRLEN];
    if (!t) {
        app_msg(a, S_INFO, "%s", _("No task here."));
        return NULL;
    }
    if (db_readonly(a->db)) {
        app_msg(a, S_ERROR, "%s", _("The database is read-only here: nothing can be changed."));
        return NULL;
    }
    int own = a->bulk.nmarks ? 1 : app_owns(a, t);   /* marked: each is checked when applied */
    if (perm_check(a->user.role, act, own, why, sizeof why) != FU_OK) {
        app_msg(a, S_ERROR, "%s", _(why));
        return NULL;
    }
    return t;
}

static struct change_ctx *ctx_for(struct app *a, const struct task *t)
{
    struct change_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->task_id = t->id;
    c->version = t->version;
    c->from = t->status;
    c->own = app_owns(a, t);
    c->bulk = a->bulk.nmarks > 0;
    snprintf(c->code, sizeof c->code, "%s", t->code);
    return c;
}

/* After a change: reload, and on a conflict let the user choose again. */
static void settle(struct app *a, int rc, const char *err, void (*again)(struct app *),
                   const char *done_msg)
{
    struct db_outcome o;
    db_last_outcome(a->db, &o);
    if (rc == FU_OK && !o.changed) {
        app_msg(a, S_INFO, _("%s (unchanged)"), done_msg);
    } else if (rc == FU_OK) {
        app_refresh(a);
        app_msg(a, S_INFO, "%s", done_msg);
    } else if (rc == FU_CONFLICT) {
        app_refresh(a);
        app_msg(a, S_ERROR, "%s", err);   /* it says who changed what */
        if (again)
            again(a);
    } else {
        app_msg(a, S_ERROR, "%s", err);
    }
}

static void trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (isspace((unsigned char)s[i]))
        i++;
    memmove(s, s + i, n - i + 1);
}

/* ---- status -------------------------------------------------------------- */

static void apply_status(struct app *a, const struct change_ctx *c, const char *note)
{
    char msg[256];
    struct bulk_value v = {.field = BF_STATUS, .status = c->to, .note = note};
    if (c->bulk)
        snprintf(msg, sizeof msg, "%s", i18n_status(a->zh, c->to));
    else
        snprintf(msg, sizeof msg, _("%s: %s → %s"), c->code, i18n_status(a->zh, c->from),
                 i18n_status(a->zh, c->to));
    if (bulk_apply(a, c->bulk, c->task_id, c->version, &v, msg) == FU_CONFLICT)
        start_status(a);   /* it says who changed what: choose again */
}

static int reason_given(struct app *a, void *ctx, const char *text)
{
    char buf[INPUT_MAX + 1];
    snprintf(buf, sizeof buf, "%s", text);
    trim(buf);
    if (!buf[0]) {
        app_msg(a, S_ERROR, "%s", _("Say what the department must still do (Esc cancels)."));
        return 1;
    }
    apply_status(a, ctx, buf);
    return 0;
}

static void status_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)v, (void)nv;
    struct change_ctx *c = ctx;
    char why[FU_ERRLEN];
    c->to = (enum task_status)value;
    if (c->bulk) {         /* each task is checked as it is changed */
        apply_status(a, c, NULL);
        return;
    }
    if (perm_status(a->user.role, c->own, c->from, c->to, why, sizeof why) != FU_OK) {
        app_msg(a, S_ERROR, "%s", _(why));
        return;
    }
    if (c->from == ST_SUBMITTED && c->to != ST_DONE) {
        /* the committee returns submitted work: say why */
        struct change_ctx *copy = malloc(sizeof *copy);
        if (!copy)
            return;
        *copy = *c;
        struct input_spec in = {.prompt = _("Reason for returning: "),
                                .accept = reason_given, .ctx = copy};
        input_open(a, &in);
        return;
    }
    apply_status(a, c, NULL);
}

static void start_status(struct app *a)
{
    const struct task *t = target(a, ACT_STATUS);
    if (!t)
        return;
    struct picker_item items[ST_COUNT];
    size_t n = 0;
    int bulk = a->bulk.nmarks > 0;
    for (int s = 0; s < ST_COUNT; s++) {
        if (!bulk && s == (int)t->status)
            continue;
        /* only what this user may choose is offered; a supporting department
         * sees submitted marked as the lead's, and is told why when it picks it */
        int own = app_owns(a, t), lead_only = 0;
        if (!bulk && perm_status(a->user.role, own, t->status, (enum task_status)s,
                                 NULL, 0) != FU_OK) {
            if (s != ST_SUBMITTED || own != OWN_SUPPORT ||
                perm_status(a->user.role, OWN_LEAD, t->status, ST_SUBMITTED, NULL, 0) != FU_OK)
                continue;
            lead_only = 1;
        }
        if (bulk && a->user.role != ROLE_COMMITTEE && s == ST_DONE)
            continue;
        items[n++] = (struct picker_item){.label = i18n_status(a->zh, (enum task_status)s),
                                          .alt = lead_only ? _("the lead department's only")
                                                 : a->zh ? status_en((enum task_status)s)
                                                         : status_zh((enum task_status)s),
                                          .value = s};
    }
    char title[160];
    if (bulk)
        snprintf(title, sizeof title, _("Status of the %zu marked tasks"), a->bulk.nmarks);
    else
        snprintf(title, sizeof title, _("Status of %s (now %s)"), t->code,
                 i18n_status(a->zh, t->status));
    if (!n) {
        app_msg(a, S_ERROR, _("%s is %s: only the committee may change it now."), t->code,
                i18n_status(a->zh, t->status));
        return;
    }
    struct picker_spec spec = {.title = title, .items = items, .n = n, .current = -1,
                               .done = status_picked, .ctx = ctx_for(a, t)};
    if (spec.ctx)
        picker_open(a, &spec);
}

/* ---- departments ---------------------------------------------------------- */

/* The departments as picker items (value = index into dl); *items is
 * malloc'd. With none_entry, a first item "(none)" with value -1. */
static size_t dept_items(struct app *a, struct dept_list *dl, struct picker_item **items,
                         int none_entry)
{
    char err[FU_ERRLEN];
    *items = NULL;
    if (db_dept_list(a->db, dl, err, sizeof err) != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return 0;
    }
    *items = calloc(dl->n + 1, sizeof **items);
    if (!*items)
        return 0;
    size_t n = 0;
    if (none_entry)
        (*items)[n++] = (struct picker_item){.label = _("(none)"), .value = -1};
    for (size_t i = 0; i < dl->n; i++)
        (*items)[n++] = (struct picker_item){.label = dl->v[i], .value = (int)i};
    return n;
}

struct dept_ctx {
    struct change_ctx c;
    struct dept_list dl;   /* names by picker value */
};

static void dept_ctx_free(void *p)
{
    struct dept_ctx *d = p;
    dept_list_fini(&d->dl);
    free(d);
}

static void start_dept(struct app *a, int support);

static void again_lead(struct app *a)
{
    start_dept(a, 0);
}

static void again_support(struct app *a)
{
    start_dept(a, 1);
}

static void lead_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)v, (void)nv;
    struct dept_ctx *d = ctx;
    const char *lead = value >= 0 && (size_t)value < d->dl.n ? d->dl.v[value] : "";
    char msg[256];
    struct bulk_value bv = {.field = BF_LEAD, .lead = lead};
    if (d->c.bulk)
        snprintf(msg, sizeof msg, "%s", *lead ? lead : _("(none)"));
    else
        snprintf(msg, sizeof msg, _("%s: lead department %s"), d->c.code,
                 *lead ? lead : _("(none)"));
    if (bulk_apply(a, d->c.bulk, d->c.task_id, d->c.version, &bv, msg) == FU_CONFLICT)
        again_lead(a);
}

static void support_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)value;
    struct dept_ctx *d = ctx;
    const char **names = calloc(nv + 1, sizeof *names);
    char msg[512];
    size_t n = 0;
    if (!names)
        return;
    for (size_t i = 0; i < nv; i++)
        if (v[i] >= 0 && (size_t)v[i] < d->dl.n)
            names[n++] = d->dl.v[v[i]];
    struct bulk_value bv = {.field = BF_SUPPORT, .support = names, .nsupport = n};
    if (d->c.bulk && n == 1)
        snprintf(msg, sizeof msg, "%s", _("1 supporting department"));
    else if (d->c.bulk)
        snprintf(msg, sizeof msg, _("%zu supporting departments"), n);
    else if (n == 1)
        snprintf(msg, sizeof msg, _("%s: 1 supporting department"), d->c.code);
    else
        snprintf(msg, sizeof msg, _("%s: %zu supporting departments"), d->c.code, n);
    if (bulk_apply(a, d->c.bulk, d->c.task_id, d->c.version, &bv, msg) == FU_CONFLICT)
        again_support(a);
    free(names);
}

static void start_dept(struct app *a, int support)
{
    const struct task *t = target(a, ACT_ASSIGN);
    if (!t)
        return;
    struct dept_ctx *d = calloc(1, sizeof *d);
    struct picker_item *items = NULL;
    if (!d)
        return;
    struct change_ctx *c = ctx_for(a, t);
    if (c)
        d->c = *c;
    free(c);
    size_t n = dept_items(a, &d->dl, &items, !support);
    if (!items) {
        dept_ctx_free(d);
        return;
    }
    int current = -1;
    for (size_t i = 0; !d->c.bulk && i < n; i++) {   /* marked: nothing is preset */
        const char *name = items[i].value >= 0 ? d->dl.v[items[i].value] : NULL;
        if (!name)
            continue;
        if (t->lead && !strcmp(name, t->lead))
            current = items[i].value;
        for (size_t k = 0; support && k < t->nsupport; k++)
            items[i].checked |= !strcmp(name, t->support[k]);
    }
    char title[160];
    if (d->c.bulk && support)
        snprintf(title, sizeof title, _("Supporting departments of the %zu marked tasks"),
                 a->bulk.nmarks);
    else if (d->c.bulk)
        snprintf(title, sizeof title, _("Lead department of the %zu marked tasks"),
                 a->bulk.nmarks);
    else if (support)
        snprintf(title, sizeof title, _("Supporting departments of %s"), t->code);
    else
        snprintf(title, sizeof title, _("Lead department of %s"), t->code);
    struct picker_spec spec = {.title = title, .items = items, .n = n, .multi = support,
                               .current = current,
                               .done = support ? support_picked : lead_picked, .ctx = d,
                               .ctx_free = dept_ctx_free};
    picker_open(a, &spec);
    free(items);
}

/* ---- due date and notes ------------------------------------------------------ */

static void start_due(struct app *a);

static int due_given(struct app *a, void *ctx, const char *text)
{
    struct change_ctx *c = ctx;
    char typed[64], due[11] = "", msg[256];
    snprintf(typed, sizeof typed, "%s", text);
    trim(typed);
    if (typed[0] && cal_parse_date(typed, a->m.today, due) != 0) {
        app_msg(a, S_ERROR, _("'%s' is not a date: write 2025-06-30, 6月30日, +30d, 月底 "
                              "or 年底 (empty clears it)."), typed);
        return 1;
    }
    struct bulk_value bv = {.field = BF_DUE, .due = due};
    if (c->bulk)
        snprintf(msg, sizeof msg, "%s", due[0] ? due : _("(none)"));
    else
        snprintf(msg, sizeof msg, _("%s: due %s"), c->code, due[0] ? due : _("(none)"));
    if (bulk_apply(a, c->bulk, c->task_id, c->version, &bv, msg) == FU_CONFLICT)
        start_due(a);
    return 0;
}

static void start_due(struct app *a)
{
    const struct task *t = target(a, ACT_ASSIGN);
    if (!t)
        return;
    /* no due date yet: the one the report itself names is offered */
    int bulk = a->bulk.nmarks > 0;
    int suggested = !bulk && !t->due[0] && t->suggested_due[0];
    char prompt[128];
    if (bulk)
        snprintf(prompt, sizeof prompt, _("Due date of the %zu marked tasks: "), a->bulk.nmarks);
    else
        snprintf(prompt, sizeof prompt, "%s", suggested ? _("Due date (the report's suggestion): ")
                                                        : _("Due date (e.g. 6月30日, +30d, 月底): "));
    struct input_spec in = {.prompt = prompt,
                            .initial = bulk ? "" : suggested ? t->suggested_due : t->due,
                            .accept = due_given, .ctx = ctx_for(a, t)};
    if (in.ctx)
        input_open(a, &in);
}

static void add_note(struct app *a, long long task_id, const char *code, char *text)
{
    char err[FU_ERRLEN] = "", msg[256];
    trim(text);
    if (!text[0]) {
        app_msg(a, S_INFO, "%s", _("Empty note: nothing was added."));
        return;
    }
    int rc = db_task_add_note(a->db, a->actor, task_id, text, err, sizeof err);
    snprintf(msg, sizeof msg, _("%s: progress note added"), code);
    if (rc == FU_OK)
        bulk_note_added(a, task_id);
    settle(a, rc, err, NULL, msg);
}

static int note_given(struct app *a, void *ctx, const char *text)
{
    struct change_ctx *c = ctx;
    char *copy = strdup(text);
    if (copy)
        add_note(a, c->task_id, c->code, copy);
    free(copy);
    return 0;
}

static void start_note(struct app *a)
{
    const struct task *t = target(a, ACT_NOTE);
    if (!t)
        return;
    struct input_spec in = {.prompt = _("Progress note: "),
                            .accept = note_given, .ctx = ctx_for(a, t)};
    if (in.ctx)
        input_open(a, &in);
}

/* Runs $VISUAL, $EDITOR or vi on path (host/editor.c: the user's ids,
 * the signals of a shell) with the terminal given over. */
static int run_editor(struct app *a, const char *path)
{
    char err[256];
    app_suspend(a);
    int rc = editor_run(path, err, sizeof err);
    app_resume(a);
    return rc;
}

/* The file without its '#' lines; malloc'd, NULL on error. */
static char *read_note(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = INPUT_MAX * 4, n = 0;
    char *out = malloc(cap + 1), line[4096];
    while (out && fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (line[0] == '#' || n + len > cap)
            continue;
        memcpy(out + n, line, len);
        n += len;
    }
    if (out)
        out[n] = '\0';
    fclose(f);
    return out;
}

static void note_editor(struct app *a)
{
    const struct task *t = target(a, ACT_NOTE);
    if (!t)
        return;
    long long id = t->id;
    char code[32], path[1024];
    snprintf(code, sizeof code, "%s", t->code);
    const char *tmp = priv_getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/followup-note-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        app_msg(a, S_ERROR, _("Cannot make a temporary file in %s."), tmp ? tmp : "/tmp");
        return;
    }
    fprintf(f, "\n# %s R%lld:%s\n# %s\n", _("Progress note for"), t->report_id, code,
            _("Lines starting with # are left out; an empty note is not saved."));
    fclose(f);
    if (run_editor(a, path) != 0) {
        app_msg(a, S_ERROR, "%s", _("The editor failed; nothing was added ($EDITOR)."));
        unlink(path);
        return;
    }
    char *text = read_note(path);
    unlink(path);
    if (text)
        add_note(a, id, code, text);
    free(text);
}

/* ---- search ------------------------------------------------------------------ */

struct search_ctx {
    size_t origin;         /* task index the search started from */
    long long origin_id;
    char miss[256];        /* a text that matched nothing ("" none): nor will its longer forms */
    char prev[256];        /* the search before this one, back on Esc */
};

#define SEARCH_CAP 1000    /* matches counted for "3 of 17" at most */

/* "Match 3 of 17 for '…'" in the message line, for the match under the cursor. */
static void say_match(struct app *a)
{
    size_t before = 0, cur = a->m.nrows ? a->m.rows[a->m.cur] : 0;
    size_t total = model_count_matches(&a->m, a->search, cur, SEARCH_CAP, &before);
    if (!total)
        return;
    if (total >= SEARCH_CAP)
        app_msg(a, S_INFO, _("Match %zu of %zu+ for '%s' (n next, N previous)"), before, total,
                a->search);
    else
        app_msg(a, S_INFO, _("Match %zu of %zu for '%s' (n next, N previous)"), before, total,
                a->search);
}

static void jump_to(struct app *a, size_t i)
{
    size_t r = model_reveal(&a->m, i);
    if (r != MODEL_NONE)
        model_set_cursor(&a->m, r);
}

static void search_change(struct app *a, void *ctx, const char *text)
{
    struct search_ctx *s = ctx;
    if (!text[0]) {
        jump_to(a, s->origin);
        return;
    }
    size_t miss = strlen(s->miss);
    size_t i = miss && !strncmp(text, s->miss, miss) ? MODEL_NONE
                                                    : model_find(&a->m, s->origin, 1, 1, text);
    if (i == MODEL_NONE) {
        if (strlen(text) < sizeof s->miss && (!miss || strncmp(text, s->miss, miss)))
            snprintf(s->miss, sizeof s->miss, "%s", text);
        app_msg(a, S_ERROR, _("No match for '%s'."), text);
        return;
    }
    s->miss[0] = '\0';
    a->msg[0] = '\0';
    snprintf(a->search, sizeof a->search, "%s", text);   /* highlighted as you type */
    jump_to(a, i);
}

static int search_done(struct app *a, void *ctx, const char *text)
{
    (void)ctx;
    snprintf(a->search, sizeof a->search, "%s", text);
    say_match(a);
    return 0;
}

static void search_cancel(struct app *a, void *ctx)
{
    struct search_ctx *s = ctx;
    snprintf(a->search, sizeof a->search, "%s", s->prev);
    jump_to(a, s->origin);
}

static void start_search(struct app *a)
{
    struct search_ctx *s = calloc(1, sizeof *s);
    if (!s)
        return;
    s->origin = a->m.nrows ? a->m.rows[a->m.cur] : 0;
    snprintf(s->prev, sizeof s->prev, "%s", a->search);
    struct input_spec in = {.prompt = "/", .accept = search_done, .change = search_change,
                            .cancel = search_cancel, .ctx = s};
    input_open(a, &in);
}

static void search_next(struct app *a, int dir)
{
    if (!a->search[0]) {
        app_msg(a, S_INFO, "%s", _("No search yet: / starts one."));
        return;
    }
    size_t from = a->m.nrows ? a->m.rows[a->m.cur] : 0;
    size_t i = model_find(&a->m, from, dir, 0, a->search);
    if (i == MODEL_NONE) {
        app_msg(a, S_ERROR, _("No match for '%s'."), a->search);
    } else {
        jump_to(a, i);
        say_match(a);
    }
}

/* ---- filter and reports ------------------------------------------------------- */

enum { F_DEPT, F_STATUS, F_OVERDUE, F_CLEAR };

static void refilter(struct app *a)
{
    a->m.nflip = 0;        /* expansion defaults change with the filter */
    a->m.fold = 0;
    model_refilter(&a->m); /* in memory: the index has what filters need */
    a->dirty = 1;
}

static void filter_status_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)ctx, (void)v, (void)nv;
    a->m.filter.status = value;
    refilter(a);
}

static void filter_dept_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)v, (void)nv;
    struct dept_ctx *d = ctx;
    snprintf(a->m.filter.dept, sizeof a->m.filter.dept, "%s",
             value >= 0 && (size_t)value < d->dl.n ? d->dl.v[value] : "");
    refilter(a);
}

static void filter_dept(struct app *a)
{
    struct dept_ctx *d = calloc(1, sizeof *d);
    struct picker_item *items = NULL;
    if (!d)
        return;
    size_t n = dept_items(a, &d->dl, &items, 1);
    if (!items) {
        dept_ctx_free(d);
        return;
    }
    items[0].label = _("(any department)");
    struct picker_spec spec = {.title = _("Filter: department"), .items = items, .n = n,
                               .current = -1, .done = filter_dept_picked, .ctx = d,
                               .ctx_free = dept_ctx_free};
    picker_open(a, &spec);
    free(items);
}

static void filter_status(struct app *a)
{
    struct picker_item items[ST_COUNT + 1];
    items[0] = (struct picker_item){.label = _("(any status)"), .value = -1};
    for (int s = 0; s < ST_COUNT; s++)
        items[s + 1] = (struct picker_item){
            .label = i18n_status(a->zh, (enum task_status)s),
            .alt = a->zh ? status_en((enum task_status)s) : status_zh((enum task_status)s),
            .value = s};
    struct picker_spec spec = {.title = _("Filter: status"), .items = items,
                               .n = ST_COUNT + 1, .current = a->m.filter.status,
                               .done = filter_status_picked};
    picker_open(a, &spec);
}

static void filter_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)ctx, (void)v, (void)nv;
    switch (value) {
    case F_DEPT: filter_dept(a); break;
    case F_STATUS: filter_status(a); break;
    case F_OVERDUE: a->m.filter.overdue = !a->m.filter.overdue; refilter(a); break;
    case F_CLEAR:
        a->m.filter.mine = 0;
        a->m.filter.dept[0] = '\0';
        a->m.filter.status = -1;
        a->m.filter.overdue = 0;
        refilter(a);
        break;
    }
}

static void start_filter(struct app *a)
{
    const struct picker_item items[] = {
        {.label = _("Department…"), .value = F_DEPT},
        {.label = _("Status…"), .value = F_STATUS},
        {.label = a->m.filter.overdue ? _("Overdue only [x]") : _("Overdue only [ ]"),
         .value = F_OVERDUE},
        {.label = _("Clear the filter"), .value = F_CLEAR},
    };
    struct picker_spec spec = {.title = _("Filter"), .items = items, .n = 4, .current = -1,
                               .done = filter_picked};
    picker_open(a, &spec);
}

static const char *const sort_names[SORT_COUNT] = {
    N_("the report's tree"), N_("due date"), N_("status"), N_("overdue first"),
    N_("last updated"),
};

const char *actions_sort_name(int sort)
{
    return sort >= 0 && sort < SORT_COUNT ? _(sort_names[sort]) : "";
}

static void sort_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)ctx, (void)v, (void)nv;
    char err[FU_ERRLEN] = "";
    if (value < 0 || value >= SORT_COUNT)
        return;
    if (model_set_sort(&a->m, (enum model_sort)value, err, sizeof err) != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    else if (value == SORT_TREE)
        app_msg(a, S_INFO, "%s", _("In the report's order (the tree)."));
    else
        app_msg(a, S_INFO, _("Items by %s (S changes the order)."), _(sort_names[value]));
    a->dirty = 1;
}

static void start_sort(struct app *a)
{
    struct picker_item items[SORT_COUNT];
    for (int s = 0; s < SORT_COUNT; s++)
        items[s] = (struct picker_item){.label = _(sort_names[s]), .value = s};
    struct picker_spec spec = {.title = _("Order"), .items = items, .n = SORT_COUNT,
                               .current = a->m.sort, .done = sort_picked};
    picker_open(a, &spec);
}

static void toggle_mine(struct app *a)
{
    if (!a->m.nmine) {
        a->m.filter.mine = 0;
        app_msg(a, S_INFO, "%s", _("You belong to no department: every task is shown."));
        return;
    }
    a->m.filter.mine = !a->m.filter.mine;
    refilter(a);
    app_msg(a, S_INFO, "%s", a->m.filter.mine ? _("Your departments' tasks (A shows all).")
                                               : _("All tasks (A shows only your departments')."));
}

static void report_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)ctx, (void)v, (void)nv;
    if (value < 0 || (size_t)value >= a->m.reports.n)
        return;
    a->m.report_id = a->m.reports.v[value].id;
    a->m.cur = a->m.top = 0;
    a->m.cur_id = 0;
    a->m.nflip = 0;
    app_reload(a);
}

static void start_reports(struct app *a)
{
    const struct report_list *rl = &a->m.reports;
    if (rl->n < 2) {
        app_msg(a, S_INFO, "%s", _("There is only one report in the database."));
        return;
    }
    struct picker_item *items = calloc(rl->n, sizeof *items);
    char (*labels)[160] = calloc(rl->n, sizeof *labels);
    int current = -1;
    /* each report's counts, counted when the picker opens (not for every frame) */
    struct db_report_counts cn = {0};
    char err[FU_ERRLEN];
    if (db_report_counts(a->db, a->actor, a->m.today, &cn, err, sizeof err) != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    for (size_t i = 0; items && labels && i < rl->n; i++) {
        const struct db_report_count *k = db_report_count_of(&cn, rl->v[i].id);
        const char *no = rl->v[i].doc_no && *rl->v[i].doc_no ? rl->v[i].doc_no : NULL;
        int w = snprintf(labels[i], sizeof labels[i], "R%lld%s%s", rl->v[i].id, no ? " " : "",
                         no ? no : "");
        if (k && w > 0 && (size_t)w < sizeof labels[i])
            snprintf(labels[i] + w, sizeof labels[i] - (size_t)w,
                     _(" · %lld items, %lld overdue, %lld submitted"), k->items, k->overdue,
                     k->submitted);
        if (k && a->m.nmine && strlen(labels[i]) + 40 < sizeof labels[i])
            snprintf(labels[i] + strlen(labels[i]), sizeof labels[i] - strlen(labels[i]),
                     _(", %lld yours"), k->mine);
        items[i] = (struct picker_item){.label = labels[i], .alt = rl->v[i].title,
                                        .value = (int)i};
        if (rl->v[i].id == a->m.report_id)
            current = (int)i;
    }
    db_report_counts_fini(&cn);
    if (items && labels) {
        struct picker_spec spec = {.title = _("Report"), .items = items, .n = rl->n,
                                   .current = current, .done = report_picked};
        picker_open(a, &spec);
    }
    free(items);
    free(labels);
}

int actions_run(struct app *a, enum action act)
{
    switch (act) {
    case DO_SEARCH: start_search(a); return 1;
    case DO_NEXT: search_next(a, 1); return 1;
    case DO_PREV: search_next(a, -1); return 1;
    case DO_FILTER: start_filter(a); return 1;
    case DO_REPORTS: start_reports(a); return 1;
    case DO_REPORT: report_view_open(a); return 1;
    case DO_HISTORY: detail_history_open(a); return 1;
    case DO_HELP: help_open(a); return 1;
    case DO_STATUS: start_status(a); return 1;
    case DO_LEAD: start_dept(a, 0); return 1;
    case DO_SUPPORT: start_dept(a, 1); return 1;
    case DO_DUE: start_due(a); return 1;
    case DO_NOTE: start_note(a); return 1;
    case DO_NOTE_EDITOR: note_editor(a); return 1;
    case DO_REDRAW: clearok(curscr, TRUE); return 1;
    case DO_CLEAR_MARKS: bulk_clear(a); return 1;
    case DO_MINE: toggle_mine(a); return 1;
    case DO_SORT: start_sort(a); return 1;
    case DO_UNDO: bulk_undo(a); return 1;
    case DO_PENDING: workflow_requests_open(a); return 1;
    case DO_SAVE_ATTACH: workflow_save_attachment(a); return 1;
    default: return edit_run(a, act);
    }
}
