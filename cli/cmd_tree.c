/* add, move, merge, split: the committee puts the report's tree right
 * and enters tasks that came from no report (issue 21). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/text.h"
#include "host/priv.h"
#include "core/calendar.h"
#include "db/db_edit.h"
#include "db/db_task.h"

static void print_ref(struct cli *c, long long report_id, const char *code)
{
    long long year = 0;
    char err[FU_ERRLEN];
    if (db_add_register_year(c->db, report_id, &year, err, sizeof err) == FU_OK && year)
        printf("J%lld:", year);
    else
        printf("R%lld:", report_id);
    text_fputs(stdout, code);
}

/* The task a reference names, or id 0 for NULL; an exit status. */
static int task_id(struct cli *c, const char *ref, long long *id, struct task *t)
{
    memset(t, 0, sizeof *t);
    *id = 0;
    if (!ref)
        return FU_OK;
    int rc = cli_find_task(c, ref, t);
    if (rc == FU_OK)
        *id = t->id;
    return rc;
}

/* Today's year ($FOLLOWUP_TODAY when set). */
static int this_year(void)
{
    char today[11];
    if (cli_today_env(today) != FU_OK)
        cli_today(today);
    return atoi(today);
}

/* --kind, --due and --year; an exit status. */
static int add_values(const char *kind, const char *due, const char *year, struct task_new *n,
                      char typed[11])
{
    enum task_kind k;
    n->kind = -1;
    if (kind && kind_parse(kind, &k) != 0)
        return cli_fail(FU_USAGE, "add: unknown kind '%s'; use section, item or statement", kind);
    if (kind)
        n->kind = (int)k;
    if (due && *due) {
        char today[11];
        if (cli_today_env(today) != FU_OK)
            return FU_USAGE;
        if (cal_parse_date(due, today, typed) != 0)
            return cli_fail(FU_USAGE, "due date '%s' is not a date; write 2025-06-30, "
                            "2025年6月30日, 6月30日, 2025/6/30, +30d, 月底 or 年底", due);
        n->due = typed;
    }
    char *end = NULL;
    n->year = year ? (int)strtol(year, &end, 10) : this_year();
    if (year && (*end || n->year < 1900 || n->year > 9999))
        return cli_fail(FU_USAGE, "add: --year '%s' is not a year", year);
    return FU_OK;
}

static int add_place(struct cli *c, const char *under, const char *report, const char *before,
                     const char *after, struct task_new *n)
{
    struct task t;
    int rc = FU_OK;
    if ((under != NULL) + (report != NULL) > 1 || (before && after))
        return cli_fail(FU_USAGE, "add: give one of --under and --report, and --before or "
                        "--after, not both");
    if (report && (rc = cli_resolve_report(c, report, &n->report_id)) != FU_OK)
        return rc;
    if ((rc = task_id(c, under, &n->parent_id, &t)) != FU_OK)
        return rc;
    task_fini(&t);
    if ((rc = task_id(c, before, &n->before_id, &t)) != FU_OK)
        return rc;
    task_fini(&t);
    if ((rc = task_id(c, after, &n->after_id, &t)) != FU_OK)
        return rc;
    task_fini(&t);
    return FU_OK;
}

int cmd_add(struct cli *c, int argc, char **argv)
{
    const char *under = NULL, *report = NULL, *before = NULL, *after = NULL, *kind = NULL,
               *lead = NULL, *support = NULL, *due = NULL, *source = NULL, *year = NULL,
               *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {
        {.name = "under", .has_arg = 1, .value = &under},
        {.name = "report", .has_arg = 1, .value = &report},
        {.name = "before", .has_arg = 1, .value = &before},
        {.name = "after", .has_arg = 1, .value = &after},
        {.name = "kind", .has_arg = 1, .value = &kind},
        {.name = "lead", .has_arg = 1, .value = &lead},
        {.name = "support", .has_arg = 1, .value = &support},
        {.name = "due", .has_arg = 1, .value = &due},
        {.name = "source", .has_arg = 1, .value = &source},
        {.name = "year", .has_arg = 1, .value = &year}, {0}};
    if ((rc = cli_args("add", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("add");
    struct task_new n;
    char typed[11] = "", err[FU_ERRLEN] = "", code[32];
    memset(&n, 0, sizeof n);
    n.text = pos[0];
    n.source = source;
    n.lead = lead && *lead ? lead : NULL;
    if ((rc = add_values(kind, due, year, &n, typed)) != FU_OK)
        return rc;
    if ((rc = cli_open_db(c, 0)) != FU_OK ||
        (rc = add_place(c, under, report, before, after, &n)) != FU_OK)
        return rc;
    char *sup = support ? strdup(support) : NULL;
    const char *names[64];
    n.support = names;
    n.nsupport = sup ? cli_split_names(sup, names, 64) : 0;
    long long id = 0;
    rc = db_add_task(c->db, &c->actor, &n, &id, code, err, sizeof err);
    free(sup);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    struct task t;
    if (db_task_get(c->db, id, &t, err, sizeof err) != FU_OK)
        return cli_fail(FU_ERR, "%s", err);
    print_ref(c, t.report_id, t.code);
    printf(" %s", c->zh ? "已新增" : "added");
    if (t.parent_id) {
        struct task p;
        if (db_task_get(c->db, t.parent_id, &p, err, sizeof err) == FU_OK) {
            fputs(c->zh ? "，位于 " : " under ", stdout);
            print_ref(c, p.report_id, p.code);
            task_fini(&p);
        }
    }
    putchar('\n');
    task_fini(&t);
    return FU_OK;
}

/* ---- move, merge, split ----------------------------------------------------------- */

struct move_opt {
    const char *name;
    enum tree_move how;
    int needs_task;
    const char *en, *zh;       /* what was done, before and after the target */
};
static const struct move_opt move_opts[] = {
    {"under", MOVE_UNDER, 1, "moved under ", "已移至其下："},
    {"before", MOVE_BEFORE, 1, "moved before ", "已移至其前："},
    {"after", MOVE_AFTER, 1, "moved after ", "已移至其后："},
    {"top", MOVE_UNDER, 0, "moved to the top level", "已移至顶层"},
    {"up", MOVE_UP, 0, "moved up", "已上移"},
    {"down", MOVE_DOWN, 0, "moved down", "已下移"},
    {"indent", MOVE_INDENT, 0, "moved under the task before it", "已移入上一项之下"},
    {"outdent", MOVE_OUTDENT, 0, "moved out of its parent", "已移出上级"},
};
#define NMOVE (sizeof move_opts / sizeof move_opts[0])

int cmd_move(struct cli *c, int argc, char **argv)
{
    const char *val[NMOVE] = {0}, *pos[1];
    int flag[NMOVE] = {0}, npos, help, rc, given = 0;
    struct cli_opt opts[NMOVE + 1];
    memset(opts, 0, sizeof opts);
    for (size_t i = 0; i < NMOVE; i++)
        opts[i] = move_opts[i].needs_task
            ? (struct cli_opt){.name = move_opts[i].name, .has_arg = 1, .value = &val[i]}
            : (struct cli_opt){.name = move_opts[i].name, .flag = &flag[i]};
    if ((rc = cli_args("move", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("move");
    size_t which = NMOVE;
    for (size_t i = 0; i < NMOVE; i++)
        if (val[i] || flag[i]) {
            given++;
            which = i;
        }
    if (given != 1)
        return cli_fail(FU_USAGE, "move: say where, once: --under TASK, --top, --before TASK, "
                        "--after TASK, --up, --down, --indent or --outdent");
    struct task t, target;
    long long target_id = 0;
    char err[FU_ERRLEN] = "";
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    if ((rc = task_id(c, val[which], &target_id, &target)) != FU_OK) {
        task_fini(&t);
        return rc;
    }
    rc = db_tree_move(c->db, &c->actor, t.id, move_opts[which].how, target_id, 0, err,
                      sizeof err);
    struct db_outcome o;
    db_last_outcome(c->db, &o);
    if (rc == FU_OK) {
        print_ref(c, t.report_id, t.code);
        if (!o.changed)
            fputs(c->zh ? " 未移动（已在该处）" : " unchanged (it is there already)", stdout);
        else
            printf(" %s", c->zh ? move_opts[which].zh : move_opts[which].en);
        if (o.changed && target_id)
            print_ref(c, target.report_id, target.code);
        putchar('\n');
    }
    task_fini(&t);
    task_fini(&target);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_merge(struct cli *c, int argc, char **argv)
{
    const char *into = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "into", .has_arg = 1, .value = &into}, {0}};
    if ((rc = cli_args("merge", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("merge");
    if (!into)
        return cli_fail(FU_USAGE, "merge needs --into TASK: the task that stays");
    struct task f, i;
    char err[FU_ERRLEN] = "";
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = cli_find_task(c, pos[0], &f)) != FU_OK)
        return rc;
    if ((rc = cli_find_task(c, into, &i)) != FU_OK) {
        task_fini(&f);
        return rc;
    }
    rc = db_tree_merge(c->db, &c->actor, f.id, i.id, err, sizeof err);
    if (rc == FU_OK) {
        print_ref(c, f.report_id, f.code);
        fputs(c->zh ? " 已并入 " : " merged into ", stdout);
        print_ref(c, i.report_id, i.code);
        fputs(c->zh ? "（原任务已撤销，进展和附件随之转入）\n"
                    : " (its notes and attachments with it; it is withdrawn)\n", stdout);
    }
    task_fini(&f);
    task_fini(&i);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_split(struct cli *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{0}};
    if ((rc = cli_args("split", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("split");
    struct task t;
    char err[FU_ERRLEN] = "";
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    rc = db_tree_split(c->db, &c->actor, t.id, err, sizeof err);
    if (rc == FU_OK) {
        print_ref(c, t.report_id, t.code);
        fputs(c->zh ? " 已拆分为单独事项\n" : " is an item of its own now\n", stdout);
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}
