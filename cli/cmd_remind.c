/* remind: what each user needs first. For a department's liaison the
 * overdue and due-soon tasks, the feedback, instructions and extension
 * requests of the workflow (report/report.c), then the tasks the
 * committee returned and its decisions on extension requests; for the
 * committee the acceptance queue and the pending extension requests. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/text.h"
#include "core/calendar.h"
#include "report/report.h"
#include "db/db_remind.h"
#include "db/db_report.h"
#include "db/db_user.h"

#define REMIND_ROWS 8
#define REMIND_WIDTH 80

/* The label of a line: what happened, and when or to which date. */
static void event_what(const struct cli *c, const struct db_remind_event *e, char *out,
                       size_t len)
{
    switch (e->kind) {
    case DB_REMIND_RETURNED:
        snprintf(out, len, c->zh ? "退回（%s）" : "returned %s", e->on);
        break;
    case DB_REMIND_DECIDED:
        if (c->zh)
            snprintf(out, len, e->approved ? "延期已批准（至%s）" : "延期未批准（至%s）", e->due);
        else
            snprintf(out, len, e->approved ? "extension to %s approved"
                                           : "extension to %s denied", e->due);
        break;
    case DB_REMIND_SUBMITTED:
        snprintf(out, len, c->zh ? "申请办结（%s）" : "submitted %s", e->on);
        break;
    default:
        snprintf(out, len, c->zh ? "延期申请（至%s）" : "extension to %s asked", e->due);
        break;
    }
}

/* "  WHAT CODE LEAD TEXT", the columns as wide as the widest shown. */
static void events_lines(const struct cli *c, const struct db_remind_events *ev, int from,
                         int to)
{
    int ww = 1, wc = 1, wl = 1;
    char what[96], a[160], b[96], l[96], d[512];
    for (size_t i = 0; i < ev->n; i++) {
        const struct db_remind_event *e = &ev->v[i];
        if ((int)e->kind < from || (int)e->kind > to)
            continue;
        event_what(c, e, what, sizeof what);
        int w1 = text_width(what), w2 = text_width(e->code), w3 = e->lead ? text_width(e->lead) : 1;
        ww = w1 > ww ? (w1 > 34 ? 34 : w1) : ww;
        wc = w2 > wc ? (w2 > 16 ? 16 : w2) : wc;
        wl = w3 > wl ? (w3 > 14 ? 14 : w3) : wl;
    }
    for (size_t i = 0; i < ev->n; i++) {
        const struct db_remind_event *e = &ev->v[i];
        if ((int)e->kind < from || (int)e->kind > to)
            continue;
        event_what(c, e, what, sizeof what);
        text_fit(what, ww, 1, a, sizeof a);
        text_fit(e->code, wc, 1, b, sizeof b);
        text_fit(e->lead ? e->lead : "-", wl, 1, l, sizeof l);
        int rest = REMIND_WIDTH - 2 - ww - wc - wl - 3;
        text_fit(e->text ? e->text : "", rest > 10 ? rest : 10, 0, d, sizeof d);
        printf("  %s %s %s %s\n", a, b, l, d);
    }
}

/* A heading with the counts of kinds from..to, then their lines and what
 * was left out. Nothing when there is none. */
static size_t events_block(const struct cli *c, const struct db_remind_events *ev, int from,
                           int to)
{
    static const char *const zh[] = {"被退回%zu项", "延期申请已答复%zu项", "申请办结待审核%zu项",
                                     "延期申请待审批%zu项"};
    static const char *const en[] = {"%zu returned", "%zu extension decision%s",
                                     "%zu submitted for acceptance",
                                     "%zu extension request%s pending"};
    size_t n = 0, loaded = 0;
    for (int k = from; k <= to; k++)
        n += ev->total[k];
    if (n == 0)
        return 0;
    fputs(from == DB_REMIND_RETURNED ? (c->zh ? "本单位待办：" : "For your departments: ")
                                     : (c->zh ? "待督办办理：" : "Waiting for the committee: "),
          stdout);
    for (int k = from, first = 1; k <= to; k++) {
        if (!ev->total[k])
            continue;
        fputs(first ? "" : c->zh ? "，" : ", ", stdout);
        printf(c->zh ? zh[k] : en[k], ev->total[k], ev->total[k] == 1 ? "" : "s");
        first = 0;
    }
    putchar('\n');
    events_lines(c, ev, from, to);
    for (size_t i = 0; i < ev->n; i++)
        loaded += (int)ev->v[i].kind >= from && (int)ev->v[i].kind <= to;
    if (n > loaded)
        printf(c->zh ? "  另有%zu项未列出（followup list --status submitted、extend list）\n"
                     : "  … and %zu more (followup list --status submitted, extend list)\n",
               n - loaded);
    return n;
}

/* Returned tasks, decisions, the acceptance queue, pending requests. */
static int remind_events(struct cli *c, int all, const char *today, size_t *said)
{
    char since[11], err[FU_ERRLEN] = "";
    int days = c->cfg.warn_days > 0 ? c->cfg.warn_days : 0;
    if (cal_date_add(today, -days, since) != 0)
        snprintf(since, sizeof since, "%s", today);
    struct db_remind_events ev;
    int rc = db_remind_events(c->db, &c->actor, all, since, REMIND_ROWS, &ev, err, sizeof err);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    size_t mine = ev.total[DB_REMIND_RETURNED] + ev.total[DB_REMIND_DECIDED];
    if (*said && (mine || ev.total[DB_REMIND_SUBMITTED] || ev.total[DB_REMIND_PENDING]))
        putchar('\n');
    *said += events_block(c, &ev, DB_REMIND_RETURNED, DB_REMIND_DECIDED);
    if (mine && (ev.total[DB_REMIND_SUBMITTED] || ev.total[DB_REMIND_PENDING]))
        putchar('\n');
    *said += events_block(c, &ev, DB_REMIND_SUBMITTED, DB_REMIND_PENDING);
    db_remind_events_fini(&ev);
    return FU_OK;
}

int cmd_remind(struct cli *c, int argc, char **argv)
{
    const char *pos[1];
    int all = 0, npos, help, rc;
    struct cli_opt opts[] = {{.name = "all", .flag = &all}, {0}};
    if ((rc = cli_args("remind", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("remind");
    struct rpt r;
    char err[FU_ERRLEN] = "";
    rpt_init(&r);
    r.zh = c->zh;
    r.warn_days = c->cfg.warn_days;
    if ((rc = cli_today_env(r.today)) != FU_OK || (rc = cli_open_db(c, 0)) != FU_OK) {
        rpt_fini(&r);
        return rc;
    }
    rc = db_remind(c->db, &c->actor, all, REMIND_ROWS, &r, err, sizeof err);
    if (rc == FU_OK)
        rc = rpt_compute(&r, err, sizeof err);
    if (rc != FU_OK) {
        rpt_fini(&r);
        return cli_fail(rc, "%s", err);
    }
    size_t said = rpt_write_remind(&r, stdout, REMIND_ROWS);
    rc = remind_events(c, all, r.today, &said);
    struct user u = {0};
    if (rc == FU_OK && !said && !all &&
        db_user_effective(c->db, &c->actor, &u, err, sizeof err) == FU_OK &&
        u.role == ROLE_COMMITTEE && !u.ndepts)
        puts(c->zh ? "没有待审核的任务，也没有待审批的延期申请；'followup remind --all' 列出所有"
                     "单位已逾期和临期的任务。"
                   : "Nothing waits for the committee: no task submitted for acceptance, no "
                     "extension request pending; 'followup remind --all' shows every "
                     "department's overdue and due-soon tasks.");
    user_fini(&u);
    rpt_fini(&r);
    return rc;
}
