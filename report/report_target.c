/* The report's targets section (issue 24): the targets of the covered
 * tasks by department (met, on track, behind) and one row a target, in
 * every layout (rpt_doc: text, Markdown, HTML with a bar, docx; xlsx as
 * a sheet with number cells; JSON). */
#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/mem.h"
#include "report/report_int.h"

struct rpt_target *rpt_add_target(struct rpt *r)
{
    if (mem_grow((void **)&r->targets, r->ntargets, &r->captargets, sizeof *r->targets) != 0)
        return NULL;
    struct rpt_target *t = &r->targets[r->ntargets++];
    memset(t, 0, sizeof *t);
    return t;
}

void rpt_targets_fini(struct rpt *r)
{
    for (size_t i = 0; i < r->ntargets; i++) {
        free(r->targets[i].title);
        free(r->targets[i].dept);
    }
    free(r->targets);
    r->targets = NULL;
    r->ntargets = r->captargets = 0;
}

enum target_standing rpt_target_standing(const struct rpt *r, size_t i)
{
    return target_standing(&r->targets[i].s, r->targets[i].due, r->today);
}

static const char *standing_lbl(const struct rpt *r, enum target_standing g)
{
    if (r->zh)
        return g == TGT_MET ? "已达标" : g == TGT_BEHIND ? "未达标（已过期限）" : "推进中";
    return target_standing_name(g);
}

static const char *dept_lbl(const struct rpt *r, const char *d)
{
    return d ? d : rpt_lbl(r, L_UNASSIGNED);
}

/* The departments of the targets, in the order they first appear, each
 * with its counts (met, on track, behind); *n of them. NULL when out of
 * memory or none. */
struct tdept { const char *name; long long n[3]; };
static struct tdept *by_dept(const struct rpt *r, size_t *n)
{
    struct tdept *v = r->ntargets ? calloc(r->ntargets, sizeof *v) : NULL;
    *n = 0;
    for (size_t i = 0; v && i < r->ntargets; i++) {
        const char *d = r->targets[i].dept;
        size_t k = 0;
        while (k < *n && !(d ? v[k].name && strcmp(v[k].name, d) == 0 : !v[k].name)) k++;
        if (k == *n) v[(*n)++].name = d;
        v[k].n[rpt_target_standing(r, i)]++;
    }
    return v;
}

void rpt_tab_target_depts(const struct rpt *r, struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_DEPT), r->zh ? "已达标" : "Met",
                          r->zh ? "推进中" : "On track", r->zh ? "未达标" : "Behind",
                          rpt_lbl(r, L_TOTAL)};
    size_t n = 0;
    struct tdept *v = by_dept(r, &n);
    rtab_init(t, 5, head);
    t->right = 0x1e;
    t->maxw[0] = 20;
    if (!v && r->ntargets) t->oom = 1;
    for (size_t k = 0; k < n; k++) {
        char c[4][24];
        long long total = v[k].n[0] + v[k].n[1] + v[k].n[2];
        snprintf(c[0], sizeof c[0], "%lld", v[k].n[TGT_MET]);
        snprintf(c[1], sizeof c[1], "%lld", v[k].n[TGT_ON_TRACK]);
        snprintf(c[2], sizeof c[2], "%lld", v[k].n[TGT_BEHIND]);
        snprintf(c[3], sizeof c[3], "%lld", total);
        const char *row[] = {dept_lbl(r, v[k].name), c[0], c[1], c[2], c[3]};
        rtab_row(t, row);
        rtab_num(t, 1, (double)v[k].n[TGT_MET]);
        rtab_num(t, 2, (double)v[k].n[TGT_ON_TRACK]);
        rtab_num(t, 3, (double)v[k].n[TGT_BEHIND]);
        rtab_num(t, 4, (double)total);
    }
    free(v);
}

void rpt_tab_targets(const struct rpt *r, struct rtab *t)
{
    const char *head[] = {rpt_lbl(r, L_CODE), rpt_lbl(r, L_LEAD_DEPT),
                          r->zh ? "目标" : "Target", r->zh ? "完成值" : "Reached",
                          r->zh ? "完成率" : "Share", r->zh ? "报送日期" : "Reported",
                          r->zh ? "情况" : "Standing", rpt_lbl(r, L_ITEM)};
    rtab_init(t, 8, head);
    t->right = (1u << 3) | (1u << 4);
    t->pct = t->bar = 1u << 4;
    t->code = 1;
    t->date = 1u << 5;
    t->flex = 7;
    t->maxw[1] = 14;
    for (size_t i = 0; i < r->ntargets; i++) {
        const struct rpt_target *g = &r->targets[i];
        char goal[96], num[40], reached[48] = "-", share[24] = "-", on[11] = "-";
        target_number(g->s.t.value, num, sizeof num);
        snprintf(goal, sizeof goal, "%s %s%s", num, g->s.t.unit,
                 g->s.t.dir == METRIC_AT_MOST ? (r->zh ? " 以内" : " at most")
                 : g->s.t.dir == METRIC_ABOUT ? (r->zh ? " 左右" : " about")
                                              : (r->zh ? " 以上" : " at least"));
        double sh = NAN;
        if (g->s.reported) {
            target_number(g->s.value, num, sizeof num);
            snprintf(reached, sizeof reached, "%s", num);
            sh = target_share(&g->s.t, g->s.value);
            long long pc = (long long)(100 * sh + 1e-9);
            snprintf(share, sizeof share, "%lld%%", sh < 0 ? 0 : pc);
            rpt_date_of(g->s.at, on);
        }
        const char *row[] = {g->code, dept_lbl(r, g->dept), goal, reached, share, on,
                             standing_lbl(r, rpt_target_standing(r, i)),
                             g->title ? g->title : ""};
        rtab_row(t, row);
        if (g->s.reported) {
            rtab_num(t, 3, g->s.value);
            rtab_num(t, 4, sh);
        }
    }
}

static void heading(struct rsink *s, int major, const char *text)
{
    char num[64];
    struct rbuf b = {0};
    rpt_num(s->r, 1, major, 0, num, sizeof num);
    rbuf_fmt(&b, "%s%s", num, text);
    s->heading(s, 1, rbuf_get(&b));
    rbuf_fini(&b);
}

void rpt_doc_targets(struct rsink *s, int major)
{
    const struct rpt *r = s->r;
    struct rtab t;
    size_t n[3] = {0, 0, 0};
    char buf[256];
    for (size_t i = 0; i < r->ntargets; i++) n[rpt_target_standing(r, i)]++;
    snprintf(buf, sizeof buf, r->zh ? "指标完成情况（%zu项）" : "Targets (%zu)", r->ntargets);
    heading(s, major, buf);
    snprintf(buf, sizeof buf, r->zh ? "已达标%zu项，推进中%zu项，未达标（已过期限）%zu项。"
                                    : "%zu met, %zu on track, %zu behind (not met by the due date).",
             n[TGT_MET], n[TGT_ON_TRACK], n[TGT_BEHIND]);
    s->para(s, buf);
    rpt_tab_target_depts(r, &t);
    s->table(s, &t);
    rtab_fini(&t);
    rpt_tab_targets(r, &t);
    s->table(s, &t);
    rtab_fini(&t);
}

static void json_num(FILE *out, double v)
{
    char num[40];
    target_number(v, num, sizeof num);
    fputs(num, out);
}

void rpt_json_targets(const struct rpt *r, FILE *out)
{
    size_t n = 0;
    struct tdept *v = by_dept(r, &n);
    fputs(",\"targets\":{\"by_department\":[", out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",{\"department\":" : "{\"department\":", out);
        json_str(out, v[k].name);
        fprintf(out, ",\"met\":%lld,\"on_track\":%lld,\"behind\":%lld}", v[k].n[TGT_MET],
                v[k].n[TGT_ON_TRACK], v[k].n[TGT_BEHIND]);
    }
    free(v);
    fputs("],\"tasks\":[", out);
    for (size_t i = 0; i < r->ntargets; i++) {
        const struct rpt_target *g = &r->targets[i];
        fputs(i ? ",{\"code\":" : "{\"code\":", out);
        json_str(out, g->code);
        fputs(",\"department\":", out), json_str(out, g->dept);
        fputs(",\"value\":", out), json_num(out, g->s.t.value);
        fputs(",\"unit\":", out), json_str(out, g->s.t.unit);
        fputs(",\"direction\":", out), json_str(out, metric_dir_name(g->s.t.dir));
        fputs(",\"reached\":", out);
        if (g->s.reported) json_num(out, g->s.value); else fputs("null", out);
        fputs(",\"share\":", out);
        if (g->s.reported) json_num(out, target_share(&g->s.t, g->s.value));
        else fputs("null", out);
        fputs(",\"reported_at\":", out), json_str(out, g->s.reported ? g->s.at : NULL);
        fputs(",\"due\":", out), json_str(out, g->due[0] ? g->due : NULL);
        fputs(",\"standing\":", out);
        json_str(out, target_standing_name(rpt_target_standing(r, i)));
        fputc('}', out);
    }
    fputs("]}", out);
}
