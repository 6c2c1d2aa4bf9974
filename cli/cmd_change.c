/* assign, status, note, accept, return, history: changing tasks and
 * reading the audit trail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "host/priv.h"
#include "core/calendar.h"
#include "core/history.h"
#include "db/db_history.h"
#include "db/db_task.h"
#include "util/text.h"

int cmd_assign(struct cli *c, int argc, char **argv)
{
    const char *support = NULL, *due = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "support", .has_arg = 1, .value = &support},
                             {.name = "due", .has_arg = 1, .value = &due},
                             {0}};
    if ((rc = cli_args("assign", argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("assign");
    char today[11], typed[11];
    cli_today(today);
    const char *env = priv_test_getenv("FOLLOWUP_TODAY");
    if (env && cal_date_valid(env) == 0)
        snprintf(today, sizeof today, "%s", env);
    if (due && *due) {
        if (cal_parse_date(due, today, typed) != 0)
            return cli_fail(FU_USAGE, "due date '%s' is not a date; write 2025-06-30, "
                            "2025年6月30日, 6月30日, 2025/6/30, +30d, 月底 or 年底", due);
        due = typed;
    }
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct task t;
    if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    char *sup = support ? strdup(support) : NULL;
    const char *names[64];
    size_t n = sup ? cli_split_names(sup, names, 64) : 0;
    const char *lead = strcmp(pos[1], "-") ? pos[1] : NULL;
    char err[FU_ERRLEN] = "";
    rc = db_task_assign(c->db, &c->actor, t.id, lead, names, n, support != NULL, due, 0, err,
                        sizeof err);
    free(sup);
    struct db_outcome o;
    db_last_outcome(c->db, &o);
    if (rc == FU_OK && !o.changed) {
        printf("R%lld:%s %s\n", t.report_id, t.code,
               c->zh ? "未改变（已是这些值）" : "unchanged (it already had these values)");
    } else if (rc == FU_OK) {
        printf("R%lld:%s ", t.report_id, t.code);
        text_fputs(stdout, c->zh ? "已交办" : "assigned");
        if (lead) {
            fputs(c->zh ? "：牵头单位 " : ": lead ", stdout);
            text_fputs(stdout, lead);
        }
        if (o.cascaded && c->zh)
            printf("（%d 项子任务随之改变）", o.cascaded);
        else if (o.cascaded)
            printf(" (and %d sub-task%s that followed it)", o.cascaded, o.cascaded == 1 ? "" : "s");
        putchar('\n');
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

/* Shared by status, accept and return. */
static int change_status(struct cli *c, const char *ref, enum task_status to, const char *note,
                         int need_submitted)
{
    int rc = cli_open_db(c, 0);
    if (rc != FU_OK)
        return rc;
    struct task t;
    if ((rc = cli_find_task(c, ref, &t)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    /* accepting a done task again changes nothing and says so below */
    if (need_submitted && t.status != ST_SUBMITTED && !(to == ST_DONE && t.status == ST_DONE)) {
        rc = cli_fail(FU_ERR, "R%lld:%s is %s, not submitted; only a submitted task can be "
                      "accepted or returned", t.report_id, t.code, status_key(t.status));
        task_fini(&t);
        return rc;
    }
    enum task_status from = t.status;
    rc = db_task_set_status(c->db, &c->actor, t.id, to, note, 0, err, sizeof err);
    struct db_outcome o;
    db_last_outcome(c->db, &o);
    if (rc == FU_OK && (from == to || !o.changed))
        printf("R%lld:%s %s %s%s\n", t.report_id, t.code, c->zh ? "状态未改变：" : "unchanged:",
               cli_status_label(c, to), note ? (c->zh ? "（已添加进展）" : " (note added)") : "");
    else if (rc == FU_OK)
        printf("R%lld:%s %s → %s\n", t.report_id, t.code, cli_status_label(c, from),
               cli_status_label(c, to));
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_status(struct cli *c, int argc, char **argv)
{
    const char *note = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "note", .has_arg = 1, .value = &note}, {0}};
    if ((rc = cli_args("status", argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("status");
    enum task_status st;
    if (status_parse(pos[1], &st) != 0)
        return cli_fail(FU_USAGE, "unknown status '%s'; use todo, active, ongoing, delayed, "
                                  "submitted or done", pos[1]);
    return change_status(c, pos[0], st, note, 0);
}

int cmd_accept(struct cli *c, int argc, char **argv)
{
    const char *note = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "note", .has_arg = 1, .value = &note}, {0}};
    if ((rc = cli_args("accept", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("accept");
    return change_status(c, pos[0], ST_DONE, note, 1);
}

int cmd_return(struct cli *c, int argc, char **argv)
{
    const char *reason = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "reason", .has_arg = 1, .value = &reason}, {0}};
    if ((rc = cli_args("return", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("return");
    if (!reason || !*reason)
        return cli_fail(FU_USAGE, "return needs --reason TEXT: say what the department must "
                                  "still do");
    return change_status(c, pos[0], ST_ACTIVE, reason, 1);
}

int cli_task_text(struct cli *c, const char *name, int argc, char **argv, cli_text_fn add,
                  const char *done)
{
    const char *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{0}};
    if ((rc = cli_args(name, argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help(name);
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct task t;
    if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    rc = add(c->db, &c->actor, t.id, pos[1], err, sizeof err);
    if (rc == FU_OK)
        printf("R%lld:%s %s\n", t.report_id, t.code, done);
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_note(struct cli *c, int argc, char **argv)
{
    return cli_task_text(c, "note", argc, argv, db_task_add_note,
                         c->zh ? "已添加进展" : "note added");
}

int cmd_history(struct cli *c, int argc, char **argv)
{
    const char *since = NULL, *user = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "since", .has_arg = 1, .value = &since},
                             {.name = "user", .has_arg = 1, .value = &user},
                             {0}};
    if ((rc = cli_args("history", argc, argv, opts, pos, 0, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("history");
    /* The whole value: a copy cut to 10 bytes let "2024-01-01xyz" through. */
    if (since && cal_date_valid(since) != 0)
        return cli_fail(FU_USAGE, "--since '%s' is not a YYYY-MM-DD date", since);
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct history_filter f = {.since = since, .user = user};
    if (npos) {
        struct task t;
        if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
            return rc;
        f.task_id = t.id;
        task_fini(&t);
    }
    struct history_list hl = {0};
    char err[FU_ERRLEN] = "";
    if ((rc = db_history(c->db, &f, &hl, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    for (size_t i = 0; i < hl.n; i++) {
        const struct history_entry *h = &hl.v[i];
        char at[32];
        cal_local(h->at, CAL_ISO, at, sizeof at);
        printf("%-5lld %s  ", h->id, at);
        text_fputs(stdout, h->actor);
        if (h->as_user) {
            fputs(" as ", stdout);
            text_fputs(stdout, h->as_user);
        }
        fputs("  ", stdout);
        text_fputs(stdout, h->task_ref ? h->task_ref : "-");
        printf("  %s: ", h->field);
        text_fputs(stdout, h->old_value ? h->old_value : "-");
        fputs(" → ", stdout);
        text_fputs(stdout, h->new_value ? h->new_value : "-");
        if (h->note) {
            fputs("  (", stdout);
            text_fputs(stdout, h->note);
            fputs(")", stdout);
        }
        putchar('\n');
    }
    history_list_fini(&hl);
    return FU_OK;
}
