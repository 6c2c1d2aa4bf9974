/* extend, cycle, instruct: the 督办 workflow's commands (extension
 * requests, feedback cycles, leaders' instructions). Evidence files are
 * in cmd_attach.c. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/text.h"
#include "core/calendar.h"
#include "core/workflow.h"
#include "db/db_attach.h"
#include "db/db_workflow.h"

/* ---- extend ------------------------------------------------------------------------- */

static void print_request(struct cli *c, const struct extension *e, int with_task)
{
    char line[160], at[32];
    if (with_task) {
        printf("R%lld:%s  ", e->report_id, e->code);
        text_fit(e->lead ? e->lead : "-", 12, 1, line, sizeof line);
        fputs(line, stdout);
        fputs("  ", stdout);
    }
    cal_local(e->at, CAL_DATE, at, sizeof at);
    printf("%s → %s  %s  %s  ", e->old_due[0] ? e->old_due : "-", e->new_due,
           c->zh ? ext_state_zh(e->state) : ext_state_key(e->state), at);
    text_fputs(stdout, e->by);
    putchar('\n');
    fputs(c->zh ? "    理由：" : "    reason: ", stdout);
    text_fputs(stdout, e->reason);
    putchar('\n');
    if (e->state != EXT_PENDING) {
        cal_local(e->decided_at, CAL_DATE, at, sizeof at);
        printf(c->zh ? "    %s %s " : "    %s %s by ",
               c->zh ? ext_state_zh(e->state) : ext_state_key(e->state), at);
        text_fputs(stdout, e->decided_by);
        if (e->decision) {
            fputs(c->zh ? "：" : ": ", stdout);
            text_fputs(stdout, e->decision);
        }
        putchar('\n');
    }
}

static int extend_list(struct cli *c)
{
    struct extension_list l = {0};
    char err[FU_ERRLEN] = "";
    int rc = db_extensions(c->db, 0, &l, err, sizeof err);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    if (l.n == 0)
        fprintf(stderr, "%s\n", c->zh ? "没有待审批的延期申请" : "no pending extension requests");
    for (size_t i = 0; i < l.n; i++)
        print_request(c, &l.v[i], 1);
    extension_list_fini(&l);
    return FU_OK;
}

static int extend_decide(struct cli *c, const char *verb, const char *ref, const char *reason)
{
    int approve = !strcmp(verb, "approve");
    if (!approve && (!reason || !*reason))
        return cli_fail(FU_USAGE, "extend deny needs --reason TEXT: tell the department why");
    struct task t;
    int rc = cli_find_task(c, ref, &t);
    if (rc != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "", to[11] = "";
    rc = db_extend_decide(c->db, &c->actor, t.id, approve, reason, to, err, sizeof err);
    if (rc == FU_OK && approve)
        printf(c->zh ? "R%lld:%s 延期申请已批准：完成时限 %s → %s\n"
                     : "R%lld:%s extension approved: due %s → %s\n",
               t.report_id, t.code, t.due[0] ? t.due : "-", to);
    else if (rc == FU_OK)
        printf(c->zh ? "R%lld:%s 延期申请未获批准（完成时限仍为 %s）\n"
                     : "R%lld:%s extension denied (due stays %s)\n",
               t.report_id, t.code, t.due[0] ? t.due : "-");
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_extend(struct cli *c, int argc, char **argv)
{
    const char *to = NULL, *reason = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "to", .has_arg = 1, .value = &to},
                             {.name = "reason", .has_arg = 1, .value = &reason},
                             {0}};
    if ((rc = cli_args("extend", argc, argv, opts, pos, 1, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("extend");
    int decide = !strcmp(pos[0], "approve") || !strcmp(pos[0], "deny");
    int list = !strcmp(pos[0], "list");
    if ((decide && npos != 2) || (list && npos != 1) || (!decide && !list && npos != 1))
        return cli_fail(FU_USAGE, "extend: usage: followup extend TASK --to YYYY-MM-DD "
                        "--reason TEXT | extend approve|deny TASK [--reason TEXT] | extend list");
    if (!decide && !list && (!to || !reason))
        return cli_fail(FU_USAGE, "extend needs --to YYYY-MM-DD and --reason TEXT: the date "
                        "asked for and why");
    char today[11], day[11];
    if ((rc = cli_today_env(today)) != FU_OK)
        return rc;
    if (to && cal_parse_date(to, today, day) != 0)
        return cli_fail(FU_USAGE, "--to '%s' is not a date; write 2026-09-30, 9月30日, +30d or "
                        "月底", to);
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    if (list)
        return extend_list(c);
    if (decide)
        return extend_decide(c, pos[0], pos[1], reason);
    struct task t;
    if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    rc = db_extend_request(c->db, &c->actor, t.id, day, reason, today, err, sizeof err);
    if (rc == FU_OK)
        printf(c->zh ? "R%lld:%s 已申请延期至 %s（待督办审批）\n"
                     : "R%lld:%s extension to %s requested (waiting for the committee)\n",
               t.report_id, t.code, day);
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

/* ---- cycle -------------------------------------------------------------------------- */

static int cycle_options(const char *period, const char *day, const char *from,
                         const char *today, struct cycle *cy)
{
    char why[160], *end = NULL;
    memset(cy, 0, sizeof *cy);
    if (cycle_parse(period, &cy->period) != 0)
        return cli_fail(FU_USAGE, "unknown cycle '%s'; use weekly, monthly, quarterly or none",
                        period);
    if (cy->period == CYCLE_NONE)
        return (day || from) ? cli_fail(FU_USAGE, "cycle none takes neither --day nor --from")
                             : FU_OK;
    long n = day ? strtol(day, &end, 10) : cycle_default_day(cy->period);
    if (day && (!*day || *end))
        return cli_fail(FU_USAGE, "--day '%s' is not a number", day);
    if (cycle_day_check(cy->period, (int)n, why, sizeof why) != 0 || n > 31)
        return cli_fail(FU_USAGE, "%s", why);
    if (from && cal_parse_date(from, today, cy->start) != 0)
        return cli_fail(FU_USAGE, "--from '%s' is not a date; write 2026-01-01, 1月1日 or 今天",
                        from);
    cy->day = (int)n;
    if (!from)
        snprintf(cy->start, sizeof cy->start, "%s", today);
    return FU_OK;
}

int cmd_cycle(struct cli *c, int argc, char **argv)
{
    const char *day = NULL, *from = NULL, *pos[2];
    int npos, help, rc, changed = 0;
    struct cli_opt opts[] = {{.name = "day", .has_arg = 1, .value = &day},
                             {.name = "from", .has_arg = 1, .value = &from},
                             {0}};
    if ((rc = cli_args("cycle", argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("cycle");
    char today[11], err[FU_ERRLEN] = "", next[11] = "";
    struct cycle cy;
    struct task t;
    if ((rc = cli_today_env(today)) != FU_OK ||
        (rc = cycle_options(pos[1], day, from, today, &cy)) != FU_OK ||
        (rc = cli_open_db(c, 0)) != FU_OK || (rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    rc = db_cycle_set(c->db, &c->actor, t.id, &cy, &changed, err, sizeof err);
    if (rc == FU_OK && cy.period == CYCLE_NONE) {
        printf(c->zh ? "R%lld:%s 已取消周期反馈\n" : "R%lld:%s feedback cycle removed\n",
               t.report_id, t.code);
    } else if (rc == FU_OK) {
        char fmt[96];
        cycle_format(&cy, fmt, sizeof fmt);
        cycle_deadline_after(&cy, cy.start, next);
        printf(c->zh ? "R%lld:%s 周期反馈：%s%s（首个反馈期限 %s）\n"
                     : "R%lld:%s feedback cycle: %s%s (first deadline %s)\n",
               t.report_id, t.code, fmt, changed ? "" : (c->zh ? "，未变" : ", unchanged"),
               next);
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

/* ---- instruct ------------------------------------------------------------------------ */

int cmd_instruct(struct cli *c, int argc, char **argv)
{
    return cli_task_text(c, "instruct", argc, argv, db_instruct,
                         c->zh ? "已添加批示" : "instruction added");
}

/* ---- show's sections ------------------------------------------------------------------ */

void cli_show_instructions(struct cli *c, const struct task *t)
{
    struct instruction_list l = {0};
    char err[FU_ERRLEN];
    if (db_instructions(c->db, t->id, &l, err, sizeof err) != FU_OK || l.n == 0) {
        instruction_list_fini(&l);
        return;
    }
    printf("\n%s\n", c->zh ? "领导批示:" : "Leaders' instructions:");
    for (size_t i = 0; i < l.n; i++) {
        char at[32];
        cal_local(l.v[i].at, CAL_MINUTE, at, sizeof at);
        printf("  %s  ", at);
        text_fputs(stdout, l.v[i].by);
        if (!l.v[i].answered)
            fputs(c->zh ? "  （待落实：尚无其后的进展）" : "  (no progress note since)", stdout);
        putchar('\n');
        cli_wrap(stdout, l.v[i].text, 4, 78);
    }
    instruction_list_fini(&l);
}

static void show_cycle(struct cli *c, const struct task *t, const char *today)
{
    char fmt[96], deadline[11] = "";
    if (t->cycle.period == CYCLE_NONE)
        return;
    int late = t->status != ST_DONE && t->status != ST_SUBMITTED &&
               cycle_feedback_overdue(&t->cycle, today, t->last_note, deadline);
    cycle_format(&t->cycle, fmt, sizeof fmt);
    printf("\n%s %s\n", c->zh ? "周期反馈:" : "Feedback cycle:", fmt);
    if (late)
        printf(c->zh ? "  未按期反馈：期限 %s 已过，本周期无进展\n"
                     : "  feedback overdue: the deadline %s passed without a note\n", deadline);
    else if (deadline[0])
        printf(c->zh ? "  下一反馈期限 %s%s%s\n" : "  next deadline %s%s%s\n", deadline,
               t->last_note[0] ? (c->zh ? "；最近进展 " : "; latest note ") : "",
               t->last_note);
}

void cli_show_workflow(struct cli *c, const struct task *t)
{
    char today[11], err[FU_ERRLEN];
    if (cli_today_env(today) != FU_OK)
        return;
    int fb = t->status != ST_DONE && t->status != ST_SUBMITTED &&
             cycle_feedback_overdue(&t->cycle, today, t->last_note, NULL);
    enum light l = light_with_target(light_of(t->status, t->due, today, c->cfg.warn_days, fb),
                                     &t->target, t->target.due, today);
    if (l != LIGHT_NONE)
        printf("%s %s\n", c->zh ? "督办灯   " : "light     ", c->zh ? light_zh(l) : light_key(l));
    show_cycle(c, t, today);
    struct extension_list el = {0};
    if (db_extensions(c->db, t->id, &el, err, sizeof err) == FU_OK && el.n) {
        printf("\n%s\n", c->zh ? "延期申请:" : "Extension requests:");
        for (size_t i = 0; i < el.n; i++) {
            fputs("  ", stdout);
            print_request(c, &el.v[i], 0);
        }
    }
    extension_list_fini(&el);
    struct attachment_list al = {0};
    if (db_attachments(c->db, t->id, &al, err, sizeof err) == FU_OK && al.n) {
        printf("\n%s\n", c->zh ? "佐证材料:" : "Attachments:");
        for (size_t i = 0; i < al.n; i++) {
            char name[160], at[32];
            text_fit(al.v[i].name, 30, 0, name, sizeof name);
            cal_local(al.v[i].at, CAL_MINUTE, at, sizeof at);
            printf("  %-4lld %s  %lld %s  %s  ", al.v[i].id, name, al.v[i].size,
                   c->zh ? "字节" : "bytes", at);
            text_fputs(stdout, al.v[i].by);
            putchar('\n');
        }
    }
    attachment_list_fini(&al);
}
