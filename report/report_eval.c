/* The workflow in a status report: each item's light and feedback state,
 * the departments' lights, approved extensions and evaluation (考评) with
 * their ranking, the departments that did not report in the period, and
 * the reminders' workflow lines. Counted over the items a department
 * leads: the lead department answers for an item. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "util/text.h"

/* ---- computing -------------------------------------------------------------------- */

static void item_state(const struct rpt *r, struct rpt_item *it)
{
    it->fb_overdue = it->status != ST_DONE && it->status != ST_SUBMITTED &&
                     cycle_feedback_overdue(&it->cycle, r->today, it->last_note_on,
                                            it->fb_deadline);
    if (!it->fb_overdue)
        it->fb_deadline[0] = '\0';
    it->light = (int)light_of(it->status, it->due, r->today, r->warn_days, it->fb_overdue);
}

/* On time: done by the due date (or done with none); the base: items done
 * or past their due date (the ones that could be judged by today). */
static void count_eval(struct rpt_dept *d, const struct rpt_item *it, const char *today)
{
    d->lights[it->light]++;
    d->ext_approved += it->ext_approved;
    d->fb_late += it->fb_overdue != 0;
    if (it->status == ST_DONE) {
        d->ontime_base++;
        d->ontime += !it->due[0] || !it->done_on[0] || strcmp(it->done_on, it->due) <= 0;
    } else if (it->due[0] && strcmp(it->due, today) < 0) {
        d->ontime_base++;
    }
    d->fb_periods += it->fb_periods;
    d->fb_on_time += it->fb_on_time;
    int pts = eval_rating_points(it->rating);
    if (pts >= 0) {
        d->sat_points += pts;
        d->sat_n++;
    }
}

static void dept_eval(const struct rpt *r, struct rpt_dept *d)
{
    memset(d->lights, 0, sizeof d->lights);
    d->ext_approved = d->fb_late = d->ontime = d->ontime_base = 0;
    d->fb_periods = d->fb_on_time = 0;
    d->sat_points = d->sat_n = 0;
    for (size_t k = 0; k < d->nlead_items; k++)
        count_eval(d, &r->items[d->items[k]], r->today);
    d->eval.ontime = d->ontime_base ? (double)d->ontime / (double)d->ontime_base : -1;
    d->eval.feedback = d->fb_periods ? (double)d->fb_on_time / (double)d->fb_periods : -1;
    d->eval.satisfaction = d->sat_n ? (double)d->sat_points / (100.0 * (double)d->sat_n) : -1;
    if (!d->name)   /* the unassigned items answer to nobody: not ranked */
        d->eval.ontime = d->eval.feedback = d->eval.satisfaction = -1;
}

int rpt_compute_workflow(struct rpt *r)
{
    free(r->fb_late);
    free(r->ranked);
    r->fb_late = calloc(r->nitems + 1, sizeof *r->fb_late);
    r->ranked = calloc(r->ndepts + 1, sizeof *r->ranked);
    struct eval *ev = calloc(r->ndepts + 1, sizeof *ev);
    r->nfb_late = 0;
    memset(r->lights, 0, sizeof r->lights);
    r->ext_approved = 0;
    if (!r->fb_late || !r->ranked || !ev) {
        free(ev);
        return -1;
    }
    for (size_t i = 0; i < r->nitems; i++) {
        struct rpt_item *it = &r->items[i];
        item_state(r, it);
        r->lights[it->light]++;
        r->ext_approved += it->ext_approved;
        if (it->fb_overdue)
            r->fb_late[r->nfb_late++] = i;
    }
    for (size_t i = 0; i < r->ndepts; i++) {
        dept_eval(r, &r->depts[i]);
        ev[i] = r->depts[i].eval;
    }
    eval_rank(ev, r->ndepts, r->ranked);
    for (size_t i = 0; i < r->ndepts; i++)
        r->depts[i].eval = ev[i];
    free(ev);
    return 0;
}

/* ---- tables and sentences ----------------------------------------------------------- */

static void share(char *buf, size_t len, double v)
{
    if (v < 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%.1f%%", 100.0 * v);
}

void rpt_eval_title(const struct rpt *r, char *buf, size_t len)
{
    snprintf(buf, len, "%s", r->zh ? "考评与督办灯" : "Evaluation and lights");
}

const char *rpt_eval_sub(const struct rpt *r, int lights)
{
    if (lights)
        return r->zh ? "督办灯与延期（牵头事项）" : "Lights and extensions (lead items)";
    return r->zh ? "单位考评排名" : "Ranking";
}

void rpt_lights_text(const struct rpt *r, char *buf, size_t len)
{
    if (r->zh)
        snprintf(buf, len, "红灯%lld项（逾期），黄灯%lld项（滞后或未按期反馈），蓝灯%lld项"
                 "（%d日内到期）；批准延期%lld次。", r->lights[LIGHT_RED], r->lights[LIGHT_YELLOW],
                 r->lights[LIGHT_BLUE], r->warn_days, r->ext_approved);
    else
        snprintf(buf, len, "%lld red (overdue), %lld yellow (delayed or feedback "
                 "overdue), %lld blue (due within %d days); %lld extension%s approved.",
                 r->lights[LIGHT_RED], r->lights[LIGHT_YELLOW], r->lights[LIGHT_BLUE],
                 r->warn_days, r->ext_approved, r->ext_approved == 1 ? "" : "s");
}

void rpt_eval_text(const struct rpt *r, char *buf, size_t len)
{
    if (r->zh)
        snprintf(buf, len, "按各单位牵头事项计算。得分 =（%d×按期办结率 + %d×按期反馈率 + %d×满意度）"
                 "×100 ÷ 有数据的各项权重之和。按期办结率：按期限办结的事项占已办结或已过期限事项的比例；"
                 "按期反馈率：周期反馈中按期反馈的期数占应反馈期数的比例；满意度：最近一轮测评，满意100分、"
                 "基本满意60分、不满意0分的平均分。得分相同（精确到0.1）的名次并列。",
                 EVAL_W_ONTIME, EVAL_W_FEEDBACK, EVAL_W_SATISFACTION);
    else
        snprintf(buf, len, "Over the items each department leads. Score = (%d × on time + %d × "
                 "feedback + %d × satisfaction) × 100 / the sum of the weights of the parts "
                 "with data. On time: items done by their due date, of those done or past "
                 "their due date; feedback: periods of the feedback cycles with a note in "
                 "time, of the periods due; satisfaction: the latest round's ratings, "
                 "satisfied 100, basically 60, unsatisfied 0 points, averaged. Equal scores "
                 "(to 0.1) share a rank.", EVAL_W_ONTIME, EVAL_W_FEEDBACK,
                 EVAL_W_SATISFACTION);
}

void rpt_tab_ranking(const struct rpt *r, struct rtab *t)
{
    const char *head[] = {r->zh ? "排名" : "Rank", rpt_lbl(r, L_DEPT),
                          r->zh ? "按期办结率" : "On time", r->zh ? "按期反馈率" : "Feedback",
                          r->zh ? "满意度" : "Satisfaction", r->zh ? "得分" : "Score"};
    rtab_init(t, 6, head);
    t->right = 0x3d;
    t->pct = 0x1c;
    t->maxw[1] = 14;
    for (size_t k = 0; k < r->ndepts; k++) {
        const struct rpt_dept *d = &r->depts[r->ranked[k]];
        const struct eval *e = &d->eval;
        char rank[16] = "-", c[3][16], score[16] = "-";
        if (e->rank)
            snprintf(rank, sizeof rank, "%d", e->rank);
        share(c[0], 16, e->ontime);
        share(c[1], 16, e->feedback);
        share(c[2], 16, e->satisfaction);
        if (e->score >= 0)
            snprintf(score, sizeof score, "%.1f", e->score);
        const char *row[] = {rank, rpt_dept_name(r, d), c[0], c[1], c[2], score};
        rtab_row(t, row);
        if (e->rank)
            rtab_num(t, 0, e->rank);
        if (e->ontime >= 0)
            rtab_num(t, 2, e->ontime);
        if (e->feedback >= 0)
            rtab_num(t, 3, e->feedback);
        if (e->satisfaction >= 0)
            rtab_num(t, 4, e->satisfaction);
        if (e->score >= 0)
            rtab_num(t, 5, (double)(long)(e->score * 10.0 + 0.5) / 10.0);
    }
}

void rpt_tab_lights(const struct rpt *r, struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_DEPT), r->zh ? "红灯" : "Red", r->zh ? "黄灯" : "Yellow",
                          r->zh ? "蓝灯" : "Blue", r->zh ? "批准延期" : "Extended",
                          r->zh ? "未按期反馈" : "Feedback late"};
    rtab_init(t, 6, head);
    t->right = 0x3e;
    t->maxw[0] = 14;
    for (size_t i = 0; i < r->ndepts; i++) {
        const struct rpt_dept *d = &r->depts[i];
        long long v[5] = {d->lights[LIGHT_RED], d->lights[LIGHT_YELLOW], d->lights[LIGHT_BLUE],
                          d->ext_approved, d->fb_late};
        char num[5][24];
        const char *row[6] = {rpt_dept_name(r, d)};
        for (int k = 0; k < 5; k++) {
            snprintf(num[k], sizeof num[k], "%lld", v[k]);
            row[k + 1] = num[k];
        }
        rtab_row(t, row);
        for (int k = 0; k < 5; k++)
            rtab_num(t, k + 1, (double)v[k]);
    }
}

void rpt_no_feedback_title(const struct rpt *r, char *buf, size_t len)
{
    snprintf(buf, len, r->zh ? "未按期反馈的单位（截至%s）" : "Departments that did not "
             "report in the period (as of %s)", r->today);
}

void rpt_tab_no_feedback(const struct rpt *r, struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_DEPT), rpt_lbl(r, L_CODE), r->zh ? "反馈期限" : "Deadline",
                          rpt_lbl(r, L_ITEM)};
    rtab_init(t, 4, head);
    t->flex = 3;
    t->maxw[0] = 14;
    t->code = 1u << 1;
    t->date = 1u << 2;
    for (size_t i = 0; i < r->ndepts; i++) {
        const struct rpt_dept *d = &r->depts[i];
        for (size_t k = 0; k < d->nlead_items; k++) {
            const struct rpt_item *it = &r->items[d->items[k]];
            if (!it->fb_overdue)
                continue;
            const char *row[] = {rpt_dept_name(r, d), it->code, it->fb_deadline, it->title};
            rtab_row(t, row);
        }
    }
}

/* ---- the report's sections -------------------------------------------------------------- */

static void heading(struct rsink *s, int level, int major, int minor, const char *text)
{
    char num[64];
    struct rbuf b = {0};
    rpt_num(s->r, level, major, minor, num, sizeof num);
    rbuf_fmt(&b, "%s%s", num, text);
    s->heading(s, level, rbuf_get(&b));
    rbuf_fini(&b);
}

void rpt_doc_evaluation(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char buf[1024];
    struct rtab t;
    rpt_eval_title(r, buf, sizeof buf);
    heading(s, 1, major, 0, buf);
    if (r->ndepts == 0) {
        s->para(s, rpt_lbl(r, L_NONE));
        return;
    }
    heading(s, 2, major, 1, rpt_eval_sub(r, 0));
    rpt_eval_text(r, buf, sizeof buf);
    s->para(s, buf);
    rpt_tab_ranking(r, &t);
    s->table(s, &t);
    rtab_fini(&t);
    heading(s, 2, major, 2, rpt_eval_sub(r, 1));
    rpt_lights_text(r, buf, sizeof buf);
    s->para(s, buf);
    rpt_tab_lights(r, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

void rpt_doc_no_feedback(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    char buf[512];
    struct rtab t;
    rpt_no_feedback_title(r, buf, sizeof buf);
    heading(s, 1, major, 0, buf);
    if (r->nfb_late == 0) {
        s->para(s, r->zh ? "各单位均已按期反馈。" : "Every department reported in time.");
        return;
    }
    rpt_tab_no_feedback(r, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

/* ---- reminders ------------------------------------------------------------------------- */

size_t rpt_remind_workflow_count(const struct rpt *r, size_t n[3])
{
    n[0] = r->nfb_late;
    n[1] = n[2] = 0;
    for (size_t i = 0; i < r->nitems; i++) {
        n[1] += r->items[i].instruction_open != 0;
        n[2] += r->items[i].ext_pending[0] != '\0';
    }
    return n[0] + n[1] + n[2];
}

void rpt_remind_workflow_head(const struct rpt *r, const size_t n[3], FILE *out)
{
    static const char *const zh[] = {"未按期反馈%zu项", "待落实批示%zu项", "延期申请待审批%zu项"};
    static const char *const en[] = {"%zu feedback overdue", "%zu instruction%s to answer",
                                     "%zu extension request%s pending"};
    int first = 1;
    fputc('\n', out);
    for (int k = 0; k < 3; k++) {
        if (!n[k])
            continue;
        fputs(first ? "  " : r->zh ? "，" : ", ", out);
        fprintf(out, r->zh ? zh[k] : en[k], n[k], n[k] == 1 ? "" : "s");
        first = 0;
    }
    if (!first)
        fputc('\n', out);
}

/* Which workflow reminder item i makes in pass 0 (feedback), 1
 * (instruction) or 2 (extension), with its label in what; 0 for none. */
static int remind_what(const struct rpt *r, const struct rpt_item *it, int pass, char *what,
                       size_t len)
{
    if (pass == 0 && it->fb_overdue)
        snprintf(what, len, r->zh ? "未按期反馈（期限%s）" : "feedback overdue (%s)",
                 it->fb_deadline);
    else if (pass == 1 && it->instruction_open)
        snprintf(what, len, "%s", r->zh ? "领导批示待落实" : "instruction");
    else if (pass == 2 && it->ext_pending[0])
        snprintf(what, len, r->zh ? "延期待审批（至%s）" : "extension to %s pending",
                 it->ext_pending);
    else
        return 0;
    return 1;
}

/* Lines of what, code, lead and text (the instruction's, else the
 * item's), in columns as wide as the widest shown, cut to the width. */
void rpt_remind_workflow(const struct rpt *r, FILE *out, size_t max_rows)
{
    size_t shown = 0, total = 0;
    int ww = 1, wc = 1, wl = 1;
    char what[96], a[160], b[96], c[96], d[512];
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < r->nitems; i++) {
            const struct rpt_item *it = &r->items[i];
            if (!remind_what(r, it, pass, what, sizeof what) || total++ >= max_rows)
                continue;
            int w1 = text_width(what), w2 = text_width(it->code);
            int w3 = it->lead ? text_width(it->lead) : 1;
            ww = w1 > ww ? w1 : ww;
            wc = w2 > wc ? w2 : wc;
            wl = w3 > wl ? w3 : wl;
        }
    ww = ww > 32 ? 32 : ww;
    wc = wc > 16 ? 16 : wc;
    wl = wl > 14 ? 14 : wl;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < r->nitems && shown < max_rows; i++) {
            const struct rpt_item *it = &r->items[i];
            if (!remind_what(r, it, pass, what, sizeof what))
                continue;
            shown++;
            text_fit(what, ww, 1, a, sizeof a);
            text_fit(it->code, wc, 1, b, sizeof b);
            text_fit(it->lead ? it->lead : "-", wl, 1, c, sizeof c);
            int rest = RPT_TEXT_WIDTH - 2 - ww - wc - wl - 3;
            text_fit(pass == 1 ? it->instruction : it->title, rest > 10 ? rest : 10, 0, d,
                     sizeof d);
            fprintf(out, "  %s %s %s %s\n", a, b, c, d);
        }
    if (total > shown)
        fprintf(out, r->zh ? "  另有%zu项未列出（followup list --feedback-overdue、extend list）\n"
                           : "  … and %zu more (followup list --feedback-overdue, extend list)\n",
                total - shown);
}
