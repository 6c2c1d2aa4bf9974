/* The pending extension requests screen and saving evidence files
 * (tui/workflow_view.h). */
#include "tui/workflow_view.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/text.h"
#include "host/priv.h"
#include "core/calendar.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/input.h"
#include "tui/picker.h"
#include "db/db_attach.h"
#include "db/db_workflow.h"

/* ---- the pending requests ------------------------------------------------------------ */

struct requests {
    struct extension_list l;
    size_t cur, top;
};

static void requests_load(struct app *a, struct requests *s)
{
    char err[FU_ERRLEN];
    extension_list_fini(&s->l);
    if (db_extensions(a->db, 0, &s->l, err, sizeof err) != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    if (s->cur >= s->l.n)
        s->cur = s->l.n ? s->l.n - 1 : 0;
}

static void request_row(WINDOW *w, struct app *a, int y, const struct extension *e, int cols,
                        attr_t base)
{
    char code[48], line[2048], at[32];
    snprintf(code, sizeof code, "R%lld:%s", e->report_id, e->code);
    cal_local(e->at, CAL_DATE, at, sizeof at);
    draw_fill(w, y, 0, cols, base);
    int x = draw_text(w, y, 1, code, 10, 1, base | a->pal.a[S_LABEL]) + 2;
    x += draw_text(w, y, x, e->lead ? e->lead : "-", 12, 1, base) + 1;
    snprintf(line, sizeof line, "%s → %s", e->old_due[0] ? e->old_due : "-", e->new_due);
    x += draw_text(w, y, x, line, 24, 1, base | a->pal.a[S_LIGHT_YELLOW]) + 1;
    snprintf(line, sizeof line, "%s %s", at, e->by ? e->by : "");
    if (x < cols)
        draw_text(w, y, x, line, cols - x, 0, base | a->pal.a[S_DIM]);
    draw_fill(w, y + 1, 0, cols, base);
    if (cols > 14)
        draw_text(w, y + 1, 13, e->reason ? e->reason : "", cols - 14, 0, base);
}

static void requests_draw(struct view *v, struct app *a)
{
    struct requests *s = v->state;
    WINDOW *w = v->win;
    int rows = getmaxy(w), cols = getmaxx(w);
    char title[256];
    werase(w);
    snprintf(title, sizeof title, _("Extension requests waiting (%zu): y approve  x deny  "
                                    "Enter go to the task  q back"), s->l.n);
    draw_fill(w, 0, 0, cols, a->pal.a[S_COLHEAD]);
    draw_text(w, 0, 0, title, cols, 0, a->pal.a[S_COLHEAD]);
    if (!s->l.n) {
        draw_text(w, 2, 2, _("No extension request is waiting for a decision."), cols - 4, 0,
                  A_NORMAL);
        return;
    }
    int h = (rows - 1) / 2 > 1 ? (rows - 1) / 2 : 1;   /* two lines a request */
    if (s->cur < s->top)
        s->top = s->cur;
    if (s->cur >= s->top + (size_t)h)
        s->top = s->cur - (size_t)h + 1;
    for (int y = 0; y < h && s->top + (size_t)y < s->l.n; y++) {
        size_t i = s->top + (size_t)y;
        request_row(w, a, 1 + 2 * y, &s->l.v[i], cols,
                    i == s->cur ? a->pal.a[S_CURSOR] : A_NORMAL);
    }
}

/* Goes to the request's task in the list (it must be in the report shown). */
static void requests_goto(struct app *a, const struct extension *e)
{
    struct model *m = &a->m;
    if (e->report_id != m->report_id) {
        app_msg(a, S_INFO, _("R%lld:%s is in another report; R switches report."),
                e->report_id, e->code);
        return;
    }
    for (size_t i = 0; i < model_count(m); i++)
        if (m->ix.v[i].id == e->task_id) {
            size_t r = model_reveal(m, i);
            if (r == MODEL_NONE) {
                app_msg(a, S_INFO, "%s", _("The filter hides that task (f changes it)."));
                return;
            }
            model_set_cursor(m, r);
            app_pop(a);
            return;
        }
}

struct decide_ctx { long long task_id; char code[48]; };

static void decided(struct app *a, int rc, const char *err, const struct decide_ctx *c,
                    int approve, const char *to)
{
    if (rc != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return;
    }
    app_refresh(a);
    if (approve)
        app_msg(a, S_INFO, _("%s: extension approved, due %s"), c->code, to);
    else
        app_msg(a, S_INFO, _("%s: extension denied"), c->code);
    struct view *top = app_top(a);
    if (top && top->ops->draw == requests_draw)
        requests_load(a, top->state);
}

static int deny_given(struct app *a, void *ctx, const char *text)
{
    struct decide_ctx *c = ctx;
    char err[FU_ERRLEN] = "", to[11] = "";
    if (!text[strspn(text, " \t")]) {
        app_msg(a, S_ERROR, "%s", _("Say why it is denied: the department reads the reason."));
        return 1;
    }
    int rc = db_extend_decide(a->db, a->actor, c->task_id, 0, text, to, err, sizeof err);
    decided(a, rc, err, c, 0, to);
    return 0;
}

static void requests_decide(struct app *a, struct requests *s, int approve)
{
    char why[FU_ERRLEN], err[FU_ERRLEN] = "", to[11] = "";
    if (!s->l.n)
        return;
    if (perm_check(a->user.role, ACT_DECIDE, 0, why, sizeof why) != FU_OK) {
        app_msg(a, S_ERROR, "%s", _(why));
        return;
    }
    const struct extension *e = &s->l.v[s->cur];
    struct decide_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->task_id = e->task_id;
    snprintf(c->code, sizeof c->code, "R%lld:%s", e->report_id, e->code);
    if (approve) {
        int rc = db_extend_decide(a->db, a->actor, c->task_id, 1, NULL, to, err, sizeof err);
        decided(a, rc, err, c, 1, to);
        free(c);
        return;
    }
    struct input_spec in = {.prompt = _("Reason for denying: "), .accept = deny_given, .ctx = c};
    input_open(a, &in);
}

static void requests_key(struct view *v, struct app *a, const struct keyev *k)
{
    struct requests *s = v->state;
    switch (keys_lookup(SC_PAGER | SC_REQUESTS, k)) {
    case DO_DOWN: s->cur += s->cur + 1 < s->l.n; break;
    case DO_UP: s->cur -= s->cur > 0; break;
    case DO_TOP: s->cur = 0; break;
    case DO_BOTTOM: s->cur = s->l.n ? s->l.n - 1 : 0; break;
    case DO_PGDN: s->cur = s->cur + 10 < s->l.n ? s->cur + 10 : (s->l.n ? s->l.n - 1 : 0); break;
    case DO_PGUP: s->cur = s->cur > 10 ? s->cur - 10 : 0; break;
    case DO_OPEN: if (s->l.n) requests_goto(a, &s->l.v[s->cur]); break;
    case DO_APPROVE: requests_decide(a, s, 1); break;
    case DO_DENY: requests_decide(a, s, 0); break;
    case DO_BACK: app_pop(a); break;
    case DO_REDRAW: clearok(curscr, TRUE); break;
    default:
        app_msg(a, S_INFO, "%s", _("That key does nothing here; ? shows the keys."));
        break;
    }
}

static void requests_close(struct view *v, struct app *a)
{
    (void)a;
    struct requests *s = v->state;
    if (s)
        extension_list_fini(&s->l);
    free(s);
    v->state = NULL;
}

static const struct view_ops requests_ops = {
    .name = "requests",
    .draw = requests_draw,
    .key = requests_key,
    .close = requests_close,
};

void workflow_requests_open(struct app *a)
{
    struct requests *s = calloc(1, sizeof *s);
    if (!s)
        return;
    requests_load(a, s);
    app_push(a, &requests_ops, s);
}

/* ---- saving an attachment ---------------------------------------------------------- */

struct save_ctx { long long id; };

/* "~/x" is under the user's home. The file is opened with the user's
 * own ids (the program's group is raised only around the team database,
 * host/priv.h). */
static void expand_path(const char *typed, char *out, size_t len)
{
    char homebuf[1024];
    const char *home = priv_home(homebuf, sizeof homebuf);
    if (typed[0] == '~' && typed[1] == '/' && home && *home)
        snprintf(out, len, "%s/%s", home, typed + 2);
    else
        snprintf(out, len, "%s", typed);
}

static int path_given(struct app *a, void *ctx, const char *text)
{
    struct save_ctx *c = ctx;
    char path[4096], err[FU_ERRLEN] = "";
    expand_path(text + strspn(text, " "), path, sizeof path);
    if (!path[0]) {
        app_msg(a, S_ERROR, "%s", _("Type the path of a new file to save it to."));
        return 1;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0644);
    if (fd < 0) {
        app_msg(a, S_ERROR, errno == EEXIST ? _("%s exists already; type a new name.")
                                            : _("Cannot create %s: %s"), path, strerror(errno));
        return 1;
    }
    struct attachment x;
    int rc = db_attachment_to_fd(a->db, c->id, fd, &x, err, sizeof err);
    if (close(fd) != 0 && rc == FU_OK)
        rc = FU_ERR, snprintf(err, sizeof err, "%.300s: %s", path, strerror(errno));
    if (rc != FU_OK) {
        unlink(path);
        app_msg(a, S_ERROR, "%s", err[0] ? err : _("Cannot write the file."));
        return 0;
    }
    app_msg(a, S_INFO, _("Attachment #%lld (%lld bytes) saved to %s"), x.id, x.size, path);
    attachment_fini(&x);
    return 0;
}

static void ask_path(struct app *a, const struct attachment *x)
{
    struct save_ctx *c = calloc(1, sizeof *c);
    char *name = text_sanitize_dup(x->name);
    if (!c || !name) {
        free(c);
        free(name);
        return;
    }
    c->id = x->id;
    struct input_spec in = {.prompt = _("Save to: "), .initial = name, .accept = path_given,
                            .ctx = c};
    input_open(a, &in);
    free(name);
}

static void attachment_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)ctx, (void)v, (void)nv;
    struct attachment x;
    char err[FU_ERRLEN];
    if (db_attachment_get(a->db, value, &x, err, sizeof err) != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return;
    }
    ask_path(a, &x);
    attachment_fini(&x);
}

void workflow_save_attachment(struct app *a)
{
    const struct task *t = model_current(&a->m);
    struct attachment_list l = {0};
    char err[FU_ERRLEN];
    if (!t) {
        app_msg(a, S_INFO, "%s", _("No task here."));
        return;
    }
    if (db_attachments(a->db, t->id, &l, err, sizeof err) != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        return;
    }
    if (l.n == 0)
        app_msg(a, S_INFO, "%s", _("This task has no attachments (followup attach adds one)."));
    else if (l.n == 1)
        ask_path(a, &l.v[0]);
    struct picker_item *items = l.n > 1 ? calloc(l.n, sizeof *items) : NULL;
    char (*labels)[320] = l.n > 1 ? calloc(l.n, sizeof *labels) : NULL;
    for (size_t i = 0; items && labels && i < l.n; i++) {
        snprintf(labels[i], sizeof labels[i], "#%lld %s (%lld)", l.v[i].id, l.v[i].name,
                 l.v[i].size);
        items[i] = (struct picker_item){.label = labels[i], .value = (int)l.v[i].id};
    }
    if (items && labels) {
        struct picker_spec spec = {.title = _("Save which attachment?"), .items = items,
                                   .n = l.n, .current = -1, .done = attachment_picked};
        picker_open(a, &spec);
    }
    free(items);
    free(labels);
    attachment_list_fini(&l);
}
