/* The detail pane and the history screen. */
#include "tui/detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/text.h"
#include "core/calendar.h"
#include "tui/actions.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/page.h"
#include "core/history.h"
#include "core/workflow.h"
#include "db/db_attach.h"
#include "db/db_history.h"
#include "db/db_task.h"
#include "db/db_workflow.h"

struct detail {
    struct page pg;
    long long task_id;     /* what pg shows */
    unsigned gen;          /* the reload it was built from */
    int zh;
};


static const char *kind_label(enum task_kind k)
{
    switch (k) {
    case KIND_SECTION: return _("section");
    case KIND_ITEM: return _("item");
    case KIND_STATEMENT: return _("statement");
    }
    return "?";
}

static const char *field_label(const char *field)
{
    static const struct {
        const char *key, *label;
    } map[] = {
        {"status", N_("status")}, {"lead", N_("lead")},   {"support", N_("support")},
        {"due", N_("due")},       {"note", N_("note")},   {"text", N_("text")},
        {"import", N_("import")}, {"create", N_("create")}, {"withdraw", N_("withdraw")},
        {"extension", N_("extension")}, {"attachment", N_("attachment")},
        {"cycle", N_("feedback cycle")}, {"instruction", N_("instruction")},
    };
    for (size_t i = 0; field && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(field, map[i].key))
            return _(map[i].label);
    return field ? field : "-";
}

/* A status key in a history row, as its label. */
static const char *value_label(const struct app *a, const char *field, const char *v)
{
    enum task_status st;
    if (!v)
        return "-";
    if (field && !strcmp(field, "status") && status_parse(v, &st) == 0)
        return i18n_status(a->zh, st);
    return v;
}

/* The "text" members of the metrics JSON array, joined by "、". */
static void metrics_text(const char *json, char *out, size_t outlen)
{
    size_t o = 0;
    out[0] = '\0';
    for (const char *p = json; p && (p = strstr(p, "\"text\"")) != NULL;) {
        p += 6;
        while (*p == ' ' || *p == ':')
            p++;
        if (*p != '"')
            continue;
        if (o && o + 4 < outlen)
            o += (size_t)snprintf(out + o, outlen - o, "、");
        for (p++; *p && *p != '"' && o + 5 < outlen; p++) {
            if (*p == '\\' && p[1]) {
                p++;
                if (*p == 'u' && strlen(p) >= 5) {
                    char hex[5];
                    memcpy(hex, p + 1, 4);
                    hex[4] = '\0';
                    o += utf8_encode((uint32_t)strtoul(hex, NULL, 16), out + o);
                    p += 4;
                    continue;
                }
            }
            out[o++] = *p;
        }
        out[o] = '\0';
    }
}

/* The labels' column: the widest label and two spaces. */
static int label_cols(void)
{
    const char *labels[] = {_("Status"), _("Lead"), _("Supporting"), _("Due"),
                            _("Suggested due"), _("Suggested lead"), _("Metrics"),
                            _("Progress"), _("Updated"), _("Latest note"), _("Light"),
                            _("Feedback"), _("Target")};
    int w = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        int lw = text_width(labels[i]);
        w = lw > w ? lw : w;
    }
    return w + 2;
}

static void add_field(struct page *pg, const char *label, const char *value, int style)
{
    page_add(pg, style, 0, label, label_cols(), value && *value ? value : "-");
}

/* The target: a bar of the share reached, the value over the target and
 * how it stands ("[######    ] 18/30 家 60 %  at least · on track"). */
static void add_target(struct app *a, struct page *pg, const struct task *t)
{
    const struct target_state *s = &t->target;
    char bar[16], line[160], buf[320], at[32] = "";
    if (!s->has)
        return;
    double share = s->reported ? target_share(&s->t, s->value) : 0;
    int fill = share <= 0 ? 0 : share >= 1 ? 10 : (int)(share * 10);
    for (int i = 0; i < 10; i++) bar[i] = i < fill ? '#' : ' ';
    bar[10] = 0;
    enum target_standing g = target_standing(s, s->due, a->m.today);
    const char *dir = s->t.dir == METRIC_AT_MOST ? _("at most")
                      : s->t.dir == METRIC_ABOUT ? _("about") : _("at least");
    const char *how = g == TGT_MET ? _("met") : g == TGT_BEHIND ? _("behind") : _("on track");
    target_progress_format(s, line, sizeof line);
    if (s->reported)
        cal_local(s->at, CAL_DATE, at, sizeof at);
    snprintf(buf, sizeof buf, "[%s] %s  %s · %s%s%s", bar, line, dir, how, at[0] ? " · " : "",
             at);
    add_field(pg, _("Target"), buf, g == TGT_BEHIND ? S_LIGHT_RED : S_NORMAL);
}

/* The light and the feedback cycle with its state. */
static void add_light(struct app *a, struct page *pg, const struct task *t)
{
    static const int style[LIGHT_COUNT] = {S_NORMAL, S_LIGHT_BLUE, S_LIGHT_YELLOW, S_LIGHT_RED};
    const char *what[LIGHT_COUNT] = {"", _("blue: due within the warning days"),
                                     _("yellow: delayed or feedback overdue"),
                                     _("red: overdue or its target behind")};
    enum light l = model_light(&a->m, t);
    char buf[256], deadline[11] = "";
    if (l != LIGHT_NONE)
        add_field(pg, _("Light"), what[l], style[l]);
    if (t->cycle.period == CYCLE_NONE)
        return;
    int late = t->status != ST_DONE && t->status != ST_SUBMITTED &&
               cycle_feedback_overdue(&t->cycle, a->m.today, t->last_note, deadline);
    const char *per = t->cycle.period == CYCLE_WEEKLY ? _("weekly")
                      : t->cycle.period == CYCLE_MONTHLY ? _("monthly") : _("quarterly");
    if (late)
        snprintf(buf, sizeof buf, _("%s, day %d: overdue, no note since before %s"), per,
                 t->cycle.day, deadline);
    else if (deadline[0])
        snprintf(buf, sizeof buf, _("%s, day %d: next note due by %s"), per, t->cycle.day,
                 deadline);
    else
        snprintf(buf, sizeof buf, _("%s, day %d"), per, t->cycle.day);
    add_field(pg, _("Feedback"), buf, late ? S_LIGHT_YELLOW : S_NORMAL);
}

static void add_fields(struct app *a, struct page *pg, const struct task *t)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s (%s)", i18n_status(a->zh, t->status),
             a->zh ? status_en(t->status) : status_zh(t->status));
    add_field(pg, _("Status"), buf, S_STATUS0 + t->status);
    add_field(pg, _("Lead"), t->lead, S_NORMAL);
    buf[0] = '\0';
    for (size_t i = 0; i < t->nsupport; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, "%s%s", i ? "、" : "", t->support[i]);
    }
    add_field(pg, _("Supporting"), buf, S_NORMAL);
    enum due_light l = model_due_light(&a->m, t);
    snprintf(buf, sizeof buf, "%s%s", t->due[0] ? t->due : "-",
             l == DUE_OVERDUE ? _("  (overdue)") : l == DUE_SOON ? _("  (due soon)") : "");
    add_field(pg, _("Due"), buf,
              l == DUE_OVERDUE ? S_OVERDUE : l == DUE_SOON ? S_SOON : S_NORMAL);
    if (t->suggested_due[0] && strcmp(t->suggested_due, t->due))
        add_field(pg, _("Suggested due"), t->suggested_due, S_DIM);
    if (t->suggested_owner && (!t->lead || strcmp(t->lead, t->suggested_owner)))
        add_field(pg, _("Suggested lead"), t->suggested_owner, S_DIM);
    metrics_text(t->metrics, buf, sizeof buf);
    if (buf[0])
        add_field(pg, _("Metrics"), buf, S_NORMAL);
    add_target(a, pg, t);
    if (t->nchildren) {
        snprintf(buf, sizeof buf, _("%d of %d sub-tasks done"), t->ndone, t->nchildren);
        add_field(pg, _("Progress"), buf, S_NORMAL);
    }
    add_light(a, pg, t);
    cal_local(t->updated_at, CAL_MINUTE, buf, sizeof buf);
    add_field(pg, _("Updated"), buf, S_DIM);
}

static void add_children(struct app *a, struct page *pg, const struct task *t)
{
    struct model *m = &a->m;
    int any = 0;
    size_t p = m->nrows ? m->rows[m->cur] : MODEL_NONE, n = model_count(m);
    if (p == MODEL_NONE || m->ix.v[p].id != t->id)
        return;
    /* its descendants follow it in tree order; read the children's rows */
    for (size_t i = p + 1; i < n && m->ix.v[i].depth > m->ix.v[p].depth; i++) {
        if (m->parent[i] != p)
            continue;
        const struct task *c = model_task(m, i);
        if (!c)
            continue;
        if (!any++) {
            page_add(pg, S_NORMAL, 0, NULL, 0, "");
            page_add(pg, S_TITLE, 0, NULL, 0, _("Sub-tasks"));
        }
        char label[96], text[4096];
        snprintf(label, sizeof label, "%s", c->code);
        snprintf(text, sizeof text, "[%s] %s", i18n_status(a->zh, c->status), c->text);
        page_add(pg, S_NORMAL, 1, label, label_cols() - 1, text);
    }
}

/* Leaders' instructions (批示), newest first, apart from the notes. */
static void add_instructions(struct app *a, struct page *pg, const struct task *t)
{
    struct instruction_list l = {0};
    char err[FU_ERRLEN];
    if (db_instructions(a->db, t->id, &l, err, sizeof err) != FU_OK || !l.n) {
        instruction_list_fini(&l);
        return;
    }
    page_add(pg, S_NORMAL, 0, NULL, 0, "");
    page_add(pg, S_TITLE, 0, NULL, 0, _("Leaders' instructions"));
    for (size_t i = 0; i < l.n; i++) {
        char head[256], at[32];
        cal_local(l.v[i].at, CAL_MINUTE, at, sizeof at);
        snprintf(head, sizeof head, "%s  %s%s", at, l.v[i].by ? l.v[i].by : "",
                 l.v[i].answered ? "" : _("  (no progress note since)"));
        page_add(pg, l.v[i].answered ? S_LABEL : S_LIGHT_YELLOW, 1, NULL, 0, head);
        page_add(pg, S_NORMAL, 3, NULL, 0, l.v[i].text);
    }
    instruction_list_fini(&l);
}

static void add_extensions(struct app *a, struct page *pg, const struct task *t)
{
    struct extension_list l = {0};
    char err[FU_ERRLEN];
    if (db_extensions(a->db, t->id, &l, err, sizeof err) != FU_OK || !l.n) {
        extension_list_fini(&l);
        return;
    }
    const char *state[] = {_("pending"), _("approved"), _("denied")};
    page_add(pg, S_NORMAL, 0, NULL, 0, "");
    page_add(pg, S_TITLE, 0, NULL, 0, _("Extension requests"));
    for (size_t i = 0; i < l.n; i++) {
        const struct extension *e = &l.v[i];
        char at[32];
        cal_local(e->at, CAL_DATE, at, sizeof at);
        page_addf(pg, e->state == EXT_PENDING ? S_LIGHT_YELLOW : S_LABEL, 1,
                  _("%s → %s  %s  (%s, %s)"), e->old_due[0] ? e->old_due : "-", e->new_due,
                  state[e->state], e->by ? e->by : "", at);
        page_add(pg, S_NORMAL, 3, NULL, 0, e->reason);
        if (e->decision)
            page_add(pg, S_DIM, 3, NULL, 0, e->decision);
    }
    extension_list_fini(&l);
}

static void add_attachments(struct app *a, struct page *pg, const struct task *t)
{
    struct attachment_list l = {0};
    char err[FU_ERRLEN];
    if (db_attachments(a->db, t->id, &l, err, sizeof err) != FU_OK || !l.n) {
        attachment_list_fini(&l);
        return;
    }
    page_add(pg, S_NORMAL, 0, NULL, 0, "");
    page_add(pg, S_TITLE, 0, NULL, 0, _("Attachments (w saves one)"));
    for (size_t i = 0; i < l.n; i++) {
        const struct attachment *x = &l.v[i];
        char at[32], label[32];
        cal_local(x->at, CAL_DATE, at, sizeof at);
        snprintf(label, sizeof label, "#%lld", x->id);
        char line[1024];
        snprintf(line, sizeof line, _("%s  (%lld bytes, %s, %s)"), x->name, x->size,
                 x->by ? x->by : "", at);
        page_add(pg, S_NORMAL, 1, label, 7, line);
        if (x->note)
            page_add(pg, S_DIM, 8, NULL, 0, x->note);
    }
    attachment_list_fini(&l);
}

/* A note as it was written: each of its lines (from $EDITOR) a paragraph. */
static void add_lines(struct page *pg, int indent, const char *text)
{
    char line[4096];
    for (const char *p = text ? text : ""; *p;) {
        size_t n = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        page_add(pg, S_NORMAL, indent, NULL, 0, line[0] ? line : " ");
        p += n + (p[n] == '\n');
    }
}

/* The latest note, among the fields at the top: what was done last. */
static void add_latest(struct page *pg, const struct note_list *nl)
{
    if (!nl->n)
        return;
    const struct note *n = &nl->v[nl->n - 1];
    char buf[4096], at[32];
    cal_local(n->at, CAL_DATE, at, sizeof at);
    snprintf(buf, sizeof buf, "%s  %s", at, n->text ? n->text : "");
    buf[strcspn(buf, "\n")] = '\0';                /* its first line; all of it below */
    page_add(pg, S_NORMAL, 0, _("Latest note"), label_cols(), buf);
}

static void add_notes(struct page *pg, const struct note_list *nl, const char *err)
{
    page_add(pg, S_NORMAL, 0, NULL, 0, "");
    page_add(pg, S_TITLE, 0, NULL, 0, _("Progress notes"));
    if (err) {
        page_add(pg, S_ERROR, 1, NULL, 0, err);
        return;
    }
    if (!nl->n)
        page_add(pg, S_DIM, 1, NULL, 0, _("none yet (c adds one)"));
    for (size_t i = 0; i < nl->n; i++) {
        char head[256], at[32];
        cal_local(nl->v[i].at, CAL_MINUTE, at, sizeof at);
        snprintf(head, sizeof head, "%s  %s", at, nl->v[i].author ? nl->v[i].author : "");
        page_add(pg, S_LABEL, 1, NULL, 0, head);
        add_lines(pg, 3, nl->v[i].text);
    }
}

/* History rows of task_id, newest last; at most limit (0: all). */
static void add_history(struct app *a, struct page *pg, long long task_id, size_t limit)
{
    struct history_list hl = {0};
    struct history_filter f = {.task_id = task_id};
    char err[FU_ERRLEN];
    if (db_history(a->db, &f, &hl, err, sizeof err) != FU_OK) {
        page_add(pg, S_ERROR, 1, NULL, 0, err);
        return;
    }
    if (!hl.n)
        page_add(pg, S_DIM, 1, NULL, 0, _("no changes yet"));
    size_t from = limit && hl.n > limit ? hl.n - limit : 0;
    if (from)
        page_addf(pg, S_DIM, 1, _("… %zu earlier (H shows all)"), from);
    for (size_t i = from; i < hl.n; i++) {
        const struct history_entry *h = &hl.v[i];
        char who[160], line[4096], at[32];
        cal_local(h->at, CAL_MINUTE, at, sizeof at);
        if (h->as_user)
            snprintf(who, sizeof who, _("%s as %s"), h->actor, h->as_user);
        else
            snprintf(who, sizeof who, "%s", h->actor ? h->actor : "");
        snprintf(line, sizeof line, "%s  %s  %s: %s → %s", at, who,
                 field_label(h->field), value_label(a, h->field, h->old_value),
                 value_label(a, h->field, h->new_value));
        page_add(pg, S_NORMAL, 1, NULL, 0, line);
        if (h->note && *h->note)
            page_add(pg, S_DIM, 3, NULL, 0, h->note);
    }
    history_list_fini(&hl);
}

static void build(struct app *a, struct detail *s, const struct task *t)
{
    page_clear(&s->pg);
    if (s->task_id != t->id)
        s->pg.top = 0;
    s->task_id = t->id;
    s->gen = a->gen;
    struct note_list nl = {0};
    char err[FU_ERRLEN];
    int notes_ok = db_note_list(a->db, t->id, &nl, err, sizeof err) == FU_OK;
    page_add(&s->pg, t->kind == KIND_SECTION ? S_SECTION : S_TITLE, 0, NULL, 0, t->text);
    add_instructions(a, &s->pg, t);   /* a leader's instruction comes first */
    page_add(&s->pg, S_NORMAL, 0, NULL, 0, "");
    /* what a clerk looks for first, above the report's own words */
    add_fields(a, &s->pg, t);
    add_latest(&s->pg, &nl);
    add_extensions(a, &s->pg, t);
    add_attachments(a, &s->pg, t);
    if (t->body && *t->body && strcmp(t->body, t->text)) {
        page_add(&s->pg, S_NORMAL, 0, NULL, 0, "");
        page_add(&s->pg, S_NORMAL, 0, NULL, 0, t->body);
    }
    add_notes(&s->pg, &nl, notes_ok ? NULL : err);
    note_list_fini(&nl);
    add_children(a, &s->pg, t);
    page_add(&s->pg, S_NORMAL, 0, NULL, 0, "");
    page_add(&s->pg, S_TITLE, 0, NULL, 0, _("History"));
    add_history(a, &s->pg, t->id, 8);
}

static void detail_draw(struct view *v, struct app *a)
{
    struct detail *s = v->state;
    WINDOW *w = v->win;
    int rows = getmaxy(w), cols = getmaxx(w), x = 0;
    const struct task *t = model_current(&a->m);
    werase(w);
    if (a->split) {
        wattrset(w, a->pal.a[S_BORDER]);
        mvwvline(w, 0, 0, ACS_VLINE, rows);
        wattrset(w, A_NORMAL);
        x = 2;
    }
    int focused = a->focus_detail;
    attr_t head = focused ? a->pal.a[S_CURSOR] : a->pal.a[S_COLHEAD];
    draw_fill(w, 0, x, cols - x, head);
    if (!t) {
        draw_text(w, 0, x, _("Detail"), cols - x, 0, head);
        return;
    }
    if (s->task_id != t->id || s->gen != a->gen)
        build(a, s, t);
    char title[160];
    snprintf(title, sizeof title, "R%lld:%s  %s%s", t->report_id, t->code, kind_label(t->kind),
             focused || !a->split ? "" : _("  (Tab to scroll)"));
    draw_text(w, 0, x, title, cols - x, 0, head);
    page_draw(&s->pg, w, 1, x, rows - 1, cols - x - (a->split ? 0 : 1), &a->pal);
}

static void detail_key(struct view *v, struct app *a, const struct keyev *k)
{
    struct detail *s = v->state;
    enum action act = keys_lookup(SC_DETAIL, k);
    if (page_scroll(&s->pg, act))
        return;
    switch (act) {
    case DO_BACK:
    case DO_FOCUS:
        a->focus_detail = 0;
        app_layout(a);
        return;
    default:
        break;
    }
    if (!actions_run(a, act))
        app_msg(a, S_INFO, "%s", _("That key does nothing here; ? shows the keys."));
}

static void detail_close(struct view *v, struct app *a)
{
    (void)a;
    struct detail *s = v->state;
    if (s)
        page_fini(&s->pg);
    free(s);
    v->state = NULL;
}

const struct view_ops detail_ops = {
    .name = "detail",
    .draw = detail_draw,
    .key = detail_key,
    .close = detail_close,
};

int detail_init(struct view *v)
{
    struct detail *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    page_init(&s->pg);
    s->task_id = -1;
    v->ops = &detail_ops;
    v->state = s;
    return 0;
}

void detail_history_open(struct app *a)
{
    const struct task *t = model_current(&a->m);
    if (!t) {
        app_msg(a, S_INFO, "%s", _("No task here."));
        return;
    }
    struct page pg;
    char title[256];
    page_init(&pg);
    snprintf(title, sizeof title, _("History of R%lld:%s"), t->report_id, t->code);
    page_add(&pg, S_TITLE, 0, NULL, 0, t->text);
    page_add(&pg, S_NORMAL, 0, NULL, 0, "");
    add_history(a, &pg, t->id, 0);
    pager_open(a, title, &pg);
}
