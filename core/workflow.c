/* Lights, the evaluation formula and the workflow's records (core/workflow.h). */
#include "core/workflow.h"
#include "core/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* ---- lights ------------------------------------------------------------------------ */

enum light light_with_target(enum light l, const struct target_state *s, const char *due,
                             const char *today)
{
    return s && s->has && target_standing(s, due, today) == TGT_BEHIND ? LIGHT_RED : l;
}

enum light light_of(enum task_status st, const char *due, const char *today, int warn_days,
                    int feedback_overdue)
{
    long days = 0;
    int dated = due && *due && cal_days_between(today, due, &days) == 0;
    if (st == ST_DONE)
        return LIGHT_NONE;
    if (dated && days < 0)
        return LIGHT_RED;
    if (st == ST_DELAYED || feedback_overdue)
        return LIGHT_YELLOW;
    if (dated && days <= warn_days)
        return LIGHT_BLUE;
    return LIGHT_NONE;
}

const char *light_key(enum light l)
{
    static const char *const keys[] = {NULL, "blue", "yellow", "red"};
    return (unsigned)l < LIGHT_COUNT ? keys[l] : NULL;
}

const char *light_zh(enum light l)
{
    static const char *const zh[] = {"", "蓝灯", "黄灯", "红灯"};
    return (unsigned)l < LIGHT_COUNT ? zh[l] : "";
}

char light_letter(enum light l)
{
    return "\x20" "BYR"[(unsigned)l < LIGHT_COUNT ? l : 0];
}

/* ---- evaluation -------------------------------------------------------------------- */

int eval_rating_points(int rating)
{
    static const int points[] = {100, 60, 0};   /* satisfied, basic, unsatisfied */
    return rating >= 0 && rating < 3 ? points[rating] : -1;
}

double eval_score(const struct eval *e)
{
    double sum = 0, w = 0;
    if (e->ontime >= 0)
        sum += EVAL_W_ONTIME * e->ontime, w += EVAL_W_ONTIME;
    if (e->feedback >= 0)
        sum += EVAL_W_FEEDBACK * e->feedback, w += EVAL_W_FEEDBACK;
    if (e->satisfaction >= 0)
        sum += EVAL_W_SATISFACTION * e->satisfaction, w += EVAL_W_SATISFACTION;
    return w > 0 ? sum * 100.0 / w : -1.0;
}

static const struct eval *rank_ctx;   /* qsort has no context argument */

static long tenths(double score)
{
    return score < 0 ? -1 : (long)(score * 10.0 + 0.5);
}

static int by_score(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    long sa = tenths(rank_ctx[a].score), sb = tenths(rank_ctx[b].score);
    if (sa != sb)
        return sa > sb ? -1 : 1;
    return a < b ? -1 : 1;   /* stable: the given order */
}

void eval_rank(struct eval *v, size_t n, size_t *order)
{
    for (size_t i = 0; i < n; i++) {
        v[i].score = eval_score(&v[i]);
        order[i] = i;
    }
    rank_ctx = v;
    qsort(order, n, sizeof *order, by_score);
    rank_ctx = NULL;
    for (size_t i = 0; i < n; i++) {
        struct eval *e = &v[order[i]];
        if (e->score < 0)
            e->rank = 0;
        else if (i > 0 && tenths(v[order[i - 1]].score) == tenths(e->score))
            e->rank = v[order[i - 1]].rank;
        else
            e->rank = (int)i + 1;
    }
}

/* ---- records ------------------------------------------------------------------------ */

static const char *const ext_keys[] = {"pending", "approved", "denied"};
static const char *const ext_zh[] = {"待审批", "已批准", "未批准"};

const char *ext_state_key(enum ext_state s)
{
    return (unsigned)s < 3 ? ext_keys[s] : "?";
}

int ext_state_parse(const char *s, enum ext_state *out)
{
    for (int i = 0; s && i < 3; i++)
        if (strcmp(s, ext_keys[i]) == 0) {
            *out = (enum ext_state)i;
            return 0;
        }
    return -1;
}

const char *ext_state_zh(enum ext_state s)
{
    return (unsigned)s < 3 ? ext_zh[s] : "?";
}

void extension_list_fini(struct extension_list *l)
{
    for (size_t i = 0; l && i < l->n; i++) {
        struct extension *e = &l->v[i];
        free(e->text);
        free(e->lead);
        free(e->reason);
        free(e->by);
        free(e->decided_by);
        free(e->decision);
    }
    if (l) {
        free(l->v);
        memset(l, 0, sizeof *l);
    }
}

void instruction_list_fini(struct instruction_list *l)
{
    for (size_t i = 0; l && i < l->n; i++) {
        free(l->v[i].by);
        free(l->v[i].text);
    }
    if (l) {
        free(l->v);
        memset(l, 0, sizeof *l);
    }
}

void attachment_fini(struct attachment *x)
{
    if (!x)
        return;
    free(x->name);
    free(x->note);
    free(x->by);
    memset(x, 0, sizeof *x);
}

void attachment_list_fini(struct attachment_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        attachment_fini(&l->v[i]);
    if (l) {
        free(l->v);
        memset(l, 0, sizeof *l);
    }
}

void dept_usage_list_fini(struct dept_usage_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].dept);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}
