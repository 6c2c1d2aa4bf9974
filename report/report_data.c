/* The data formats of a status report: CSV (RFC 4180, one row per item,
 * or per department and item with --by dept) and JSON (the whole model). */
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "report/report_int.h"

/* ---- CSV -------------------------------------------------------------------------- */

/* One field: sanitised; a cell a spreadsheet would take for a formula
 * (= + - @) gets a leading '; quoted when it holds a comma or a quote. */
static void csv_field(FILE *out, const char *s, int first)
{
    char *clean = rpt_clean(s);
    if (!first)
        fputc(',', out);
    if (!clean)
        return;
    int neutral = strchr("=+-@", clean[0]) && clean[0];
    if (strpbrk(clean, ",\"\r\n") || clean[0] == ' ') {
        fputc('"', out);
        if (neutral)
            fputc('\'', out);
        for (const char *p = clean; *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        if (neutral)
            fputc('\'', out);
        fputs(clean, out);
    }
    free(clean);
}

static const char *const csv_item_cols[] = {
    "section_code", "section", "uuid", "report", "code", "kind", "text", "status",
    "status_label", "lead", "support", "due", "days_late", "days_left", "subtasks_done",
    "subtasks", "latest_note", "latest_note_at", "rating", "rating_label", "remark",
    "status_at_round", "light",
};
#define CSV_ITEM_COLS (sizeof csv_item_cols / sizeof *csv_item_cols)

/* The same columns named in Chinese: the header follows the report's language. */
static const char *const csv_item_cols_zh[CSV_ITEM_COLS] = {
    "章节编号", "章节", "UUID", "报告", "编号", "类型", "内容", "状态键", "状态", "牵头单位",
    "配合单位", "完成时限", "逾期天数", "剩余天数", "子项办结", "子项", "最新进展",
    "最新进展时间", "测评键", "测评", "意见", "审议时状态", "督办灯",
};

static void csv_item(const struct rpt *r, const struct rpt_item *it, FILE *out, int first)
{
    char rep[32], late[32] = "", left[32] = "", sd[32], sn[32];
    char *support = rpt_join(it->support, it->nsupport, ";");
    const struct rpt_section *sec = it->section >= 0 && (size_t)it->section < r->nsections
                                        ? &r->sections[it->section] : NULL;
    snprintf(rep, sizeof rep, "R%lld", it->report_id);
    if (it->overdue)
        snprintf(late, sizeof late, "%ld", it->late);
    if (it->due_soon)
        snprintf(left, sizeof left, "%ld", -it->late);
    snprintf(sd, sizeof sd, "%d", it->nsubdone);
    snprintf(sn, sizeof sn, "%d", it->nsub);
    const char *v[CSV_ITEM_COLS] = {
        sec ? sec->code : "", sec ? sec->title : "", it->uuid, rep, it->code, it->kind,
        it->title, status_key(it->status), rpt_status_lbl(r, it->status), it->lead,
        support ? support : "", it->due, late, left, sd, sn, it->note, it->note_at,
        it->rating >= 0 ? rating_key((enum rating)it->rating) : "",
        rpt_rating_lbl(r, it->rating), it->remark,
        it->was >= 0 ? status_key((enum task_status)it->was) : "",
        light_key((enum light)it->light),
    };
    for (size_t i = 0; i < CSV_ITEM_COLS; i++)
        csv_field(out, v[i], first && i == 0);
    fputs("\r\n", out);
    free(support);
}

void rpt_write_csv(const struct rpt *r, FILE *out)
{
    if (r->excel)
        fputs("\xEF\xBB\xBF", out);   /* so that Excel reads UTF-8 */
    int dept = r->by == RPT_BY_DEPT;
    if (dept)
        fputs(r->zh ? "单位,角色," : "dept,role,", out);
    for (size_t i = 0; i < CSV_ITEM_COLS; i++)
        fprintf(out, "%s%s", i ? "," : "", r->zh ? csv_item_cols_zh[i] : csv_item_cols[i]);
    fputs("\r\n", out);
    if (!dept) {
        for (size_t i = 0; i < r->nitems; i++)
            csv_item(r, &r->items[i], out, 1);
        return;
    }
    for (size_t d = 0; d < r->ndepts; d++) {
        const struct rpt_dept *dp = &r->depts[d];
        for (size_t k = 0; k < dp->nitems; k++) {
            csv_field(out, dp->name ? dp->name : "", 1);
            csv_field(out, !dp->name ? "" : k < dp->nlead_items ? (r->zh ? "牵头" : "lead")
                                                                 : (r->zh ? "配合" : "support"), 0);
            fputc(',', out);
            csv_item(r, &r->items[dp->items[k]], out, 1);
        }
    }
}

/* ---- JSON ------------------------------------------------------------------------- */

static void key(FILE *out, const char *k, int *first)
{
    fputs(*first ? "" : ",", out);
    *first = 0;
    json_str(out, k);
    fputc(':', out);
}

static void ratio(FILE *out, long long part, long long whole)
{
    if (whole <= 0)
        fputs("null", out);
    else
        fprintf(out, "%.4f", (double)part / (double)whole);
}

static void statuses(FILE *out, const long long *n)
{
    int first = 1;
    fputc('{', out);
    for (int st = 0; st < ST_COUNT; st++) {
        key(out, status_key((enum task_status)st), &first);
        fprintf(out, "%lld", n[st]);
    }
    fputc('}', out);
}

static void round_json(FILE *out, const struct rpt_round *ro)
{
    int f = 1;
    if (!ro->id) {
        fputs("null", out);
        return;
    }
    fputc('{', out);
    key(out, "round", &f), fprintf(out, "%lld", ro->id);
    key(out, "name", &f), json_str(out, ro->name);
    key(out, "held_on", &f), json_str(out, ro->held_on);
    key(out, "recorded_at", &f), json_str(out, ro->at);
    key(out, "tasks", &f), fprintf(out, "%lld", ro->ntasks);
    key(out, "ratings", &f), fprintf(out, "%lld", ro->nrated);
    fputc('}', out);
}

static void codes(FILE *out, const struct rpt *r, const size_t *ix, size_t from, size_t to)
{
    fputc('[', out);
    for (size_t i = from; i < to; i++) {
        fputs(i > from ? "," : "", out);
        json_str(out, r->items[ix[i]].code);
    }
    fputc(']', out);
}

/* An item's light, feedback cycle, extensions and latest instruction. */
static void item_workflow_json(FILE *out, const struct rpt_item *it, int *f)
{
    char cyc[96];
    cycle_format(&it->cycle, cyc, sizeof cyc);
    key(out, "light", f), json_str(out, light_key((enum light)it->light));
    key(out, "cycle", f), json_str(out, cyc[0] ? cyc : NULL);
    key(out, "feedback_overdue", f), fputs(it->fb_overdue ? "true" : "false", out);
    key(out, "feedback_deadline", f), json_str(out, it->fb_overdue ? it->fb_deadline : NULL);
    key(out, "feedback_periods", f), fprintf(out, "%ld", it->fb_periods);
    key(out, "feedback_on_time", f), fprintf(out, "%ld", it->fb_on_time);
    key(out, "extensions_approved", f), fprintf(out, "%d", it->ext_approved);
    key(out, "attachments", f), fprintf(out, "%d", it->nattach);
    key(out, "extension_pending", f), json_str(out, it->ext_pending[0] ? it->ext_pending : NULL);
    key(out, "instruction", f);
    if (!it->instruction) {
        fputs("null", out);
        return;
    }
    int g = 1;
    fputc('{', out);
    key(out, "text", &g), json_str(out, it->instruction);
    key(out, "at", &g), json_str(out, it->instruction_at);
    key(out, "by", &g), json_str(out, it->instruction_by);
    key(out, "answered", &g), fputs(it->instruction_open ? "false" : "true", out);
    fputc('}', out);
}

/* A share in 0..1, or null when negative (no data). */
static void share(FILE *out, double v)
{
    if (v < 0)
        fputs("null", out);
    else
        fprintf(out, "%.4f", v);
}

/* A department's lights, extensions and evaluation (rank 0: null). */
static void dept_eval_json(FILE *out, const struct rpt_dept *d, int *f)
{
    const struct eval *e = &d->eval;
    int g = 1;
    key(out, "lights", f), fputc('{', out);
    for (int l = LIGHT_BLUE; l < LIGHT_COUNT; l++)
        key(out, light_key((enum light)l), &g), fprintf(out, "%lld", d->lights[l]);
    fputc('}', out);
    key(out, "extensions_approved", f), fprintf(out, "%lld", d->ext_approved);
    key(out, "feedback_overdue", f), fprintf(out, "%lld", d->fb_late);
    key(out, "rank", f);
    if (e->rank)
        fprintf(out, "%d", e->rank);
    else
        fputs("null", out);
    key(out, "score", f);
    if (e->score >= 0)
        fprintf(out, "%.1f", e->score);
    else
        fputs("null", out);
    key(out, "on_time", f), share(out, e->ontime);
    key(out, "feedback", f), share(out, e->feedback);
    key(out, "satisfaction", f), share(out, e->satisfaction);
    key(out, "on_time_items", f), fprintf(out, "[%lld,%lld]", d->ontime, d->ontime_base);
    key(out, "feedback_periods", f), fprintf(out, "[%ld,%ld]", d->fb_on_time, d->fb_periods);
    key(out, "rated_items", f), fprintf(out, "%lld", d->sat_n);
}

static void item_json(FILE *out, const struct rpt *r, const struct rpt_item *it)
{
    int f = 1;
    char rep[32];
    snprintf(rep, sizeof rep, "R%lld", it->report_id);
    fputs("\n  {", out);
    key(out, "uuid", &f), json_str(out, it->uuid);
    key(out, "report", &f), json_str(out, rep);
    key(out, "code", &f), json_str(out, it->code);
    key(out, "kind", &f), json_str(out, it->kind);
    key(out, "section", &f);
    json_str(out, it->section >= 0 && (size_t)it->section < r->nsections
                      ? r->sections[it->section].code : NULL);
    key(out, "title", &f), json_str(out, it->title);
    key(out, "status", &f), json_str(out, status_key(it->status));
    key(out, "lead", &f), json_str(out, it->lead);
    key(out, "support", &f), fputc('[', out);
    for (size_t k = 0; k < it->nsupport; k++) {
        fputs(k ? "," : "", out);
        json_str(out, it->support[k]);
    }
    fputc(']', out);
    key(out, "due", &f), json_str(out, it->due[0] ? it->due : NULL);
    key(out, "overdue", &f), fputs(it->overdue ? "true" : "false", out);
    key(out, "due_soon", &f), fputs(it->due_soon ? "true" : "false", out);
    key(out, "days_late", &f);
    if (it->due[0] && it->status != ST_DONE)
        fprintf(out, "%ld", it->late);
    else
        fputs("null", out);
    key(out, "subtasks", &f), fprintf(out, "%d", it->nsub);
    key(out, "subtasks_done", &f), fprintf(out, "%d", it->nsubdone);
    key(out, "latest_note", &f);
    if (it->note) {
        int g = 1;
        fputc('{', out);
        key(out, "at", &g), json_str(out, it->note_at);
        key(out, "text", &g), json_str(out, it->note);
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    key(out, "rating", &f), json_str(out, it->rating >= 0 ? rating_key((enum rating)it->rating)
                                                          : NULL);
    key(out, "remark", &f), json_str(out, it->remark);
    key(out, "status_at_round", &f);
    json_str(out, it->was >= 0 ? status_key((enum task_status)it->was) : NULL);
    item_workflow_json(out, it, &f);
    fputc('}', out);
}

static void dept_json(FILE *out, const struct rpt *r, const struct rpt_dept *d)
{
    int f = 1;
    fputs("\n  {", out);
    key(out, "name", &f), json_str(out, d->name);
    key(out, "lead", &f), statuses(out, d->lead);
    key(out, "support", &f), statuses(out, d->support);
    key(out, "items_lead", &f), fprintf(out, "%lld", d->nlead);
    key(out, "items_support", &f), fprintf(out, "%lld", d->nsupport);
    key(out, "done", &f), fprintf(out, "%lld", d->done);
    key(out, "completion", &f), ratio(out, d->done, d->nlead + d->nsupport);
    key(out, "overdue", &f), fprintf(out, "%lld", d->overdue);
    key(out, "lead_items", &f), codes(out, r, d->items, 0, d->nlead_items);
    key(out, "support_items", &f), codes(out, r, d->items, d->nlead_items, d->nitems);
    dept_eval_json(out, d, &f);
    fputc('}', out);
}

static void change_json(FILE *out, const struct rpt_change *c)
{
    static const char *const kinds[RPT_CH_COUNT] = {"status", "lead", "due", "new",
                                                    "withdrawn", "note"};
    int f = 1;
    fputs("\n  {", out);
    key(out, "kind", &f), json_str(out, kinds[c->kind]);
    key(out, "code", &f), json_str(out, c->code);
    key(out, "task_kind", &f), json_str(out, c->task_kind);
    key(out, "title", &f), json_str(out, c->title);
    switch (c->kind) {
    case RPT_CH_STATUS:
        key(out, "from", &f), json_str(out, status_key(c->from));
        key(out, "to", &f), json_str(out, status_key(c->to));
        break;
    case RPT_CH_LEAD:
    case RPT_CH_DUE:
        key(out, "from", &f), json_str(out, c->old_value);
        key(out, "to", &f), json_str(out, c->new_value);
        break;
    case RPT_CH_NOTE:
        key(out, "at", &f), json_str(out, c->at);
        key(out, "author", &f), json_str(out, c->author);
        key(out, "text", &f), json_str(out, c->text);
        break;
    default:
        key(out, "status", &f), json_str(out, status_key(c->to));
        break;
    }
    fputc('}', out);
}

static void head_json(FILE *out, const struct rpt *r, int *f)
{
    key(out, "format", f), json_str(out, "followup-report-1");
    key(out, "title", f), json_str(out, rpt_lbl(r, L_TITLE));
    key(out, "language", f), json_str(out, r->zh ? "zh" : "en");
    key(out, "by", f), json_str(out, r->by == RPT_BY_DEPT ? "dept" : "section");
    key(out, "today", f), json_str(out, r->today);
    key(out, "generated_at", f), json_str(out, r->generated_at);
    key(out, "warn_days", f), fprintf(out, "%d", r->warn_days);
    key(out, "sources", f), fputc('[', out);
    for (size_t i = 0; i < r->nsources; i++) {
        int g = 1;
        char rep[32];
        snprintf(rep, sizeof rep, "R%lld", r->sources[i].id);
        fputs(i ? ",{" : "{", out);
        key(out, "report", &g), json_str(out, rep);
        key(out, "title", &g), json_str(out, r->sources[i].title);
        key(out, "doc_no", &g), json_str(out, r->sources[i].doc_no);
        fputc('}', out);
    }
    fputc(']', out);
    key(out, "compared_with", f), round_json(out, &r->since);
    key(out, "audit", f);
    fprintf(out, "{\"rows\":%lld,\"head\":", r->chain_rows);
    json_str(out, r->chain_head);
    fputc('}', out);
    key(out, "summary", f);
    int g = 1;
    fputc('{', out);
    key(out, "items", &g), fprintf(out, "%lld", r->total);
    key(out, "by_status", &g), statuses(out, r->by_status);
    key(out, "completion", &g), ratio(out, r->by_status[ST_DONE], r->total);
    key(out, "overdue", &g), fprintf(out, "%zu", r->noverdue);
    key(out, "due_soon", &g), fprintf(out, "%zu", r->ndue_soon);
    key(out, "lights", &g), fprintf(out, "{\"blue\":%lld,\"yellow\":%lld,\"red\":%lld}",
                                   r->lights[LIGHT_BLUE], r->lights[LIGHT_YELLOW],
                                   r->lights[LIGHT_RED]);
    key(out, "feedback_overdue", &g), fprintf(out, "%zu", r->nfb_late);
    key(out, "extensions_approved", &g), fprintf(out, "%lld", r->ext_approved);
    fputc('}', out);
}

static void ratings_json(FILE *out, const struct rpt *r)
{
    int g = 1;
    if (!r->rated.id) {
        fputs("null", out);
        return;
    }
    fputc('{', out);
    key(out, "round", &g), round_json(out, &r->rated);
    key(out, "rated", &g), fprintf(out, "%lld", r->nrated);
    for (int k = 0; k < RATING_COUNT; k++)
        key(out, rating_key((enum rating)k), &g), fprintf(out, "%lld", r->by_rating[k]);
    key(out, "satisfied_share", &g), ratio(out, r->by_rating[RATING_SATISFIED], r->nrated);
    key(out, "satisfied_or_basic_share", &g);
    ratio(out, r->by_rating[RATING_SATISFIED] + r->by_rating[RATING_BASIC], r->nrated);
    fputc('}', out);
}

void rpt_write_json(const struct rpt *r, FILE *out)
{
    int f = 1;
    fputc('{', out);
    head_json(out, r, &f);
    key(out, "departments", &f), fputc('[', out);
    for (size_t i = 0; i < r->ndepts; i++) {
        fputs(i ? "," : "", out);
        dept_json(out, r, &r->depts[i]);
    }
    fputs("]", out);
    key(out, "sections", &f), fputc('[', out);
    for (size_t i = 0; i < r->nsections; i++) {
        int g = 1;
        fputs(i ? ",\n  {" : "\n  {", out);
        key(out, "code", &g), json_str(out, r->sections[i].code);
        key(out, "title", &g), json_str(out, r->sections[i].title);
        fputc('}', out);
    }
    fputs("]", out);
    key(out, "items", &f), fputc('[', out);
    for (size_t i = 0; i < r->nitems; i++) {
        fputs(i ? "," : "", out);
        item_json(out, r, &r->items[i]);
    }
    fputs("]", out);
    key(out, "overdue", &f), codes(out, r, r->overdue, 0, r->noverdue);
    key(out, "due_soon", &f), codes(out, r, r->due_soon, 0, r->ndue_soon);
    key(out, "feedback_overdue", &f), codes(out, r, r->fb_late, 0, r->nfb_late);
    char formula[2048];
    rpt_eval_text(r, formula, sizeof formula);
    key(out, "evaluation", &f), fputs("{\"formula\":", out), json_str(out, formula);
    fputs(",\"weights\":", out);
    fprintf(out, "{\"on_time\":%d,\"feedback\":%d,\"satisfaction\":%d}", EVAL_W_ONTIME,
            EVAL_W_FEEDBACK, EVAL_W_SATISFACTION);
    fputs(",\"ranking\":[", out);
    for (size_t i = 0; i < r->ndepts; i++) {
        const struct rpt_dept *d = &r->depts[r->ranked[i]];
        fprintf(out, "%s{\"rank\":", i ? "," : "");
        if (d->eval.rank)
            fprintf(out, "%d", d->eval.rank);
        else
            fputs("null", out);
        fputs(",\"name\":", out), json_str(out, d->name);
        fputc('}', out);
    }
    fputs("]}", out);
    key(out, "changes", &f);
    if (!r->since.id) {
        fputs("null", out);
    } else {
        fputc('[', out);
        for (size_t i = 0; i < r->nchanges; i++) {
            fputs(i ? "," : "", out);
            change_json(out, &r->changes[i]);
        }
        fputc(']', out);
    }
    key(out, "ratings", &f), ratings_json(out, r);
    rpt_json_targets(r, out);
    fputs("}\n", out);
}
