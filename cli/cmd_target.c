/* target, progress: the figure a task commits to and the values reported
 * against it (issue 24), and show's target line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/text.h"
#include "core/calendar.h"
#include "core/target.h"
#include "db/db_target.h"

/* "30", "2.5", "-1" with its unit after it or in unit_arg ("30家", "30 家",
 * "1.2万名"): the value into *v, the unit (NULL when none) into unit.
 * Returns 0, or -1 when s opens with no number. */
static int value_arg(const char *s, const char *unit_arg, double *v, char unit[32],
                     const char **unit_out)
{
    const char *p = s;
    double val = 0, scale = 1;
    int digits = 0, neg = 0;
    if (*p == '-') { neg = 1; p++; }
    for (; *p >= '0' && *p <= '9'; p++, digits++) val = val * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) val += (*p - '0') * (scale /= 10);
    if (!digits || digits > 15) return -1;
    while (*p == ' ') p++;
    if (*p && unit_arg) return -1;
    *v = neg ? -val : val;
    *unit_out = NULL;
    if (*p || unit_arg) {
        snprintf(unit, 32, "%s", *p ? p : unit_arg);
        *unit_out = unit;
    }
    return 0;
}

int cmd_target(struct cli *c, int argc, char **argv)
{
    const char *pos[3];
    int npos, help, rc, least = 0, most = 0, about = 0, changed = 0;
    struct cli_opt opts[] = {{.name = "at-least", .flag = &least},
                             {.name = "at-most", .flag = &most},
                             {.name = "about", .flag = &about},
                             {0}};
    if ((rc = cli_args("target", argc, argv, opts, pos, 2, 3, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("target");
    if (least + most + about > 1)
        return cli_fail(FU_USAGE, "give one of --at-least, --at-most and --about");
    struct target tg, *tp = &tg;
    const char *unit = NULL;
    memset(&tg, 0, sizeof tg);
    if (npos == 2 && strcmp(pos[1], "none") == 0) {
        if (least + most + about)
            return cli_fail(FU_USAGE, "target TASK none takes no direction");
        tp = NULL;
    } else if (value_arg(pos[1], npos == 3 ? pos[2] : NULL, &tg.value, tg.unit, &unit) != 0) {
        return cli_fail(FU_USAGE, "'%s' is not a target; write a number and its unit: "
                        "target TASK 30 家 --at-least (or none to remove it)", pos[1]);
    } else if (!unit) {
        return cli_fail(FU_USAGE, "the target %s has no unit; write it after the number: "
                        "target TASK %s 家 (个, 名, %%, 亿元 …)", pos[1], pos[1]);
    }
    tg.dir = most ? METRIC_AT_MOST : about ? METRIC_ABOUT : METRIC_AT_LEAST;
    char err[FU_ERRLEN] = "", fmt[96];
    struct task t;
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    rc = db_target_set(c->db, &c->actor, t.id, tp, &changed, err, sizeof err);
    if (rc == FU_OK && !tp) {
        printf(c->zh ? "R%lld:%s 已取消目标\n" : "R%lld:%s target removed\n", t.report_id, t.code);
    } else if (rc == FU_OK) {
        target_format(&tg, fmt, sizeof fmt);
        printf(c->zh ? "R%lld:%s 目标：" : "R%lld:%s target: ", t.report_id, t.code);
        text_fputs(stdout, fmt);
        fputs(changed ? "\n" : (c->zh ? "，未变\n" : ", unchanged\n"), stdout);
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_progress(struct cli *c, int argc, char **argv)
{
    const char *pos[3], *note = NULL, *unit = NULL;
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "note", .has_arg = 1, .value = &note}, {0}};
    if ((rc = cli_args("progress", argc, argv, opts, pos, 2, 3, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("progress");
    double v = 0, stored = 0;
    char ubuf[32], err[FU_ERRLEN] = "", line[160];
    if (value_arg(pos[1], npos == 3 ? pos[2] : NULL, &v, ubuf, &unit) != 0)
        return cli_fail(FU_USAGE, "'%s' is not a value; write a number, with its unit when it "
                        "differs from the target's: progress TASK 18 (or 1.2 万名)", pos[1]);
    struct task t;
    struct target_state s;
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    rc = db_progress_add(c->db, &c->actor, t.id, v, unit, note, &stored, err, sizeof err);
    if (rc == FU_OK && (rc = db_target_get(c->db, t.id, &s, err, sizeof err)) == FU_OK) {
        target_progress_format(&s, line, sizeof line);
        printf(c->zh ? "R%lld:%s 进度：" : "R%lld:%s progress: ", t.report_id, t.code);
        text_fputs(stdout, line);
        putchar('\n');
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

void cli_show_target(struct cli *c, const struct task *t, const char *today)
{
    struct target_state s;
    char err[FU_ERRLEN], line[160], at[32], label[64];
    if (db_target_get(c->db, t->id, &s, err, sizeof err) != FU_OK || !s.has)
        return;
    enum target_standing g = target_standing(&s, s.due, today);
    target_progress_format(&s, line, sizeof line);
    text_fit(c->zh ? "目标" : "target", 10, 1, label, sizeof label);
    printf("%s ", label);
    text_fputs(stdout, line);
    printf("  (%s", metric_dir_name(s.t.dir));
    if (s.reported) {
        cal_local(s.at, CAL_DATE, at, sizeof at);
        printf(c->zh ? "，%s 报送" : ", reported %s", at);
    }
    printf(", %s)\n", target_standing_name(g));
}
