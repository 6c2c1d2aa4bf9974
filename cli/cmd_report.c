/* report, review, remind: status reports, review rounds and ratings,
 * reminders. "Today" is $FOLLOWUP_TODAY when set (for reproducible
 * reports and tests), else the local date. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "util/err.h"
#include "report/report.h"
#include "host/priv.h"
#include "util/text.h"
#include "core/calendar.h"
#include "db/db_import.h"
#include "db/db_report.h"
#include "db/db_review.h"
#include "db/db_user.h"



static int all_digits(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* ---- report ------------------------------------------------------------------------ */

/* Takes --since-review [N] and --since-review=N out of argv (its value is
 * optional, which cli_args does not do). Returns an exit status. */
static int since_option(int *argc, char **argv, long long *since)
{
    int n = 0;
    *since = DB_ROUND_NONE;
    for (int i = 0; i < *argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            while (i < *argc)
                argv[n++] = argv[i++];
            break;
        }
        if (strcmp(a, "--since-review") && strncmp(a, "--since-review=", 15)) {
            argv[n++] = argv[i];
            continue;
        }
        const char *v = a[14] == '=' ? a + 15 : i + 1 < *argc && all_digits(argv[i + 1])
                                                   ? argv[++i] : NULL;
        if (v && (!all_digits(v) || strtoll(v, NULL, 10) <= 0))
            return cli_fail(FU_USAGE, "report: --since-review takes a round number, e.g. "
                            "--since-review 2; 'followup review list' shows them");
        *since = v ? strtoll(v, NULL, 10) : DB_ROUND_LATEST;
    }
    *argc = n;
    return FU_OK;
}

static int report_options(struct rpt *r, const char *format, const char *by,
                          enum rpt_format *f)
{
    if (format && rpt_format_parse(format, f) != 0)
        return cli_fail(FU_USAGE, "unknown format '%s'; use text, md, csv, html, json, xlsx or "
                        "docx", format);
    if (!format)
        *f = RPT_TEXT;
    if (!by || !strcmp(by, "dept") || !strcmp(by, "department"))
        r->by = RPT_BY_DEPT;
    else if (!strcmp(by, "section"))
        r->by = RPT_BY_SECTION;
    else
        return cli_fail(FU_USAGE, "unknown grouping '%s'; use --by dept or --by section", by);
    return FU_OK;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
    const char *format = NULL, *by = NULL, *output = NULL, *report = NULL, *pos[1];
    int excel = 0, npos, help, rc;
    long long since, report_id = 0;
    struct cli_opt opts[] = {{.name = "format", .has_arg = 1, .value = &format},
                             {.name = "by", .has_arg = 1, .value = &by},
                             {.name = "output", .short_name = 'o', .has_arg = 1, .value = &output},
                             {.name = "report", .has_arg = 1, .value = &report},
                             {.name = "excel", .flag = &excel},
                             {0}};
    if ((rc = since_option(&argc, argv, &since)) != FU_OK)
        return rc;
    if ((rc = cli_args("report", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("report");
    struct rpt r;
    enum rpt_format f = RPT_TEXT;
    if (format && rpt_format_parse(format, &f) == 0 && !output &&
        (rc = cli_binary_out(rpt_format_binary(f), format, "report")) != FU_OK)
        return rc;
    rpt_init(&r);
    r.zh = c->zh;
    r.excel = excel;
    r.warn_days = c->cfg.warn_days;
    cal_now(CAL_ISO, r.generated_at, sizeof r.generated_at);
    if ((rc = report_options(&r, format, by, &f)) != FU_OK ||
        (rc = cli_today_env(r.today)) != FU_OK || (rc = cli_open_db(c, 0)) != FU_OK ||
        (report && (rc = cli_resolve_report(c, report, &report_id)) != FU_OK)) {
        rpt_fini(&r);
        return rc;
    }
    char err[FU_ERRLEN] = "";
    rc = db_rpt_fill(c->db, &r, report_id, since, err, sizeof err);
    if (rc == FU_OK)
        rc = rpt_compute(&r, err, sizeof err);
    if (rc != FU_OK) {
        rpt_fini(&r);
        return cli_fail(rc, "%s", err);
    }
    if (output) {
        r.width = RPT_FILE_WIDTH;      /* a file is not a terminal: titles in full */
        rc = rpt_write_file(&r, f, output, err, sizeof err);
        if (rc != FU_OK) {
            rc = cli_fail(rc, "%s", err);
        } else {
            fputs(c->zh ? "报告已写入 " : "report written to ", stdout);
            text_fputs(stdout, output);
            putchar('\n');
        }
    } else if ((rc = rpt_write(&r, f, stdout, err, sizeof err)) != FU_OK) {
        rc = cli_fail(rc, "%s", err);
    }
    rpt_fini(&r);
    return rc;
}

/* ---- review ----------------------------------------------------------------------------- */

static void round_title(struct cli *c, const struct review_round *ro)
{
    if (c->zh)
        printf("第%lld轮 ", ro->id);
    else
        printf("round %lld \xe2\x80\x9c", ro->id);
    text_fputs(stdout, ro->name);
    printf(c->zh ? "（%s）" : "\xe2\x80\x9d (%s)", ro->held_on);
}

#define REVIEW_REPORTS_MAX 64

/* --report R1,R2 into ids (each once, in the order given). */
static int review_reports(struct cli *c, const char *arg, long long *ids, size_t *n)
{
    char buf[1024];
    const char *names[REVIEW_REPORTS_MAX];
    *n = 0;
    if (!arg)
        return FU_OK;
    snprintf(buf, sizeof buf, "%s", arg);
    size_t k = cli_split_names(buf, names, REVIEW_REPORTS_MAX);
    if (k == 0)
        return cli_fail(FU_USAGE, "--report needs the reports under review, e.g. "
                        "'--report R1,R2'; 'followup reports' lists them");
    for (size_t i = 0; i < k; i++) {
        long long id;
        int rc = cli_resolve_report(c, names[i], &id);
        if (rc != FU_OK)
            return rc;
        size_t j = 0;
        while (j < *n && ids[j] != id)
            j++;
        if (j == *n)
            ids[(*n)++] = id;
    }
    return FU_OK;
}

static int review_start(struct cli *c, int argc, char **argv)
{
    const char *date = NULL, *report = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "date", .has_arg = 1, .value = &date},
                             {.name = "report", .has_arg = 1, .value = &report}, {0}};
    if ((rc = cli_args("review", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("review");
    char day[11];
    if (!date && (rc = cli_today_env(day)) != FU_OK)
        return rc;
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    long long ids[REVIEW_REPORTS_MAX];
    size_t nids = 0;
    if ((rc = review_reports(c, report, ids, &nids)) != FU_OK)
        return rc;
    struct review_round ro;
    char err[FU_ERRLEN] = "";
    rc = db_review_start(c->db, &c->actor, pos[0], date ? date : day, ids, nids, &ro, err,
                         sizeof err);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    fputs(c->zh ? "已开始审议：" : "started review ", stdout);
    round_title(c, &ro);
    printf(c->zh ? "，记录了%lld项任务的状态（%s）\n" : ": %lld tasks recorded (%s)\n",
           ro.ntasks, ro.reports);
    review_round_fini(&ro);
    return FU_OK;
}

static int review_list(struct cli *c)
{
    int rc = cli_open_db(c, 0);
    if (rc != FU_OK)
        return rc;
    struct review_list l = {0};
    char err[FU_ERRLEN] = "";
    if ((rc = db_review_list(c->db, &l, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    if (l.n == 0)
        fprintf(stderr, "followup: no review rounds yet; the committee starts one with "
                "'followup review start NAME'\n");
    else
        printf("%s\n", c->zh ? "轮次  日期        任务  测评  报告        名称"
                             : "round date        tasks rated reports     name");
    for (size_t i = 0; i < l.n; i++) {
        const struct review_round *ro = &l.v[i];
        char reps[128];
        text_fit(ro->reports[0] ? ro->reports : "-", 11, 1, reps, sizeof reps);
        printf("%-5lld %-10s %5lld %5lld %s ", ro->id, ro->held_on, ro->ntasks, ro->nrated,
               reps);
        text_fputs(stdout, ro->name);
        fputs("  (", stdout);
        text_fputs(stdout, ro->by);
        char at[32];
        cal_local(ro->at, CAL_DATE, at, sizeof at);
        printf(" %s)\n", at);
    }
    review_list_fini(&l);
    return FU_OK;
}

static void show_summary(struct cli *c, const struct review_entries *e)
{
    long long n[ST_COUNT] = {0}, total = 0, rated[RATING_COUNT] = {0}, nrated = 0;
    for (size_t i = 0; i < e->n; i++) {
        if (e->v[i].status >= 0) {
            n[e->v[i].status]++;
            total++;
        }
        if (e->v[i].rating >= 0) {
            rated[e->v[i].rating]++;
            nrated++;
        }
    }
    printf(c->zh ? "审议时事项%lld项：" : "%lld items at the round:", total);
    for (int st = 0; st < ST_COUNT; st++)
        printf(c->zh ? "%s%s%lld" : "%s %s %lld", st ? (c->zh ? "，" : ",") : "",
               cli_status_label(c, (enum task_status)st), n[st]);
    putchar('\n');
    if (nrated == 0) {
        puts(c->zh ? "测评：尚未测评" : "Ratings: none yet");
        return;
    }
    printf(c->zh ? "测评%lld项：满意%lld，基本满意%lld，不满意%lld；满意率%.1f%%\n"
                 : "Rated %lld: satisfied %lld, basically %lld, unsatisfied %lld; "
                   "satisfied %.1f%%\n",
           nrated, rated[RATING_SATISFIED], rated[RATING_BASIC], rated[RATING_UNSATISFIED],
           100.0 * (double)rated[RATING_SATISFIED] / (double)nrated);
}

/* Writes s in cols columns (padded, cut with "…"), then a space. */
static void col(const char *s, int cols)
{
    char buf[512];
    text_fit(s, cols, 1, buf, sizeof buf);
    fputs(buf, stdout);
    putchar(' ');
}

static void show_entries(struct cli *c, const struct review_entries *e, int multi)
{
    enum { WCODE = 7, WST = 11, WLEAD = 12, WRATE = 11 };
    const int wtext = 80 - WCODE - 2 * WST - WLEAD - WRATE - 5;
    char ref[64], text[512];
    putchar('\n');
    col(c->zh ? "编号" : "No.", WCODE);
    col(c->zh ? "审议时" : "At round", WST);
    col(c->zh ? "现状态" : "Now", WST);
    col(c->zh ? "牵头单位" : "Lead", WLEAD);
    col(c->zh ? "测评" : "Rating", WRATE);
    puts(c->zh ? "事项" : "Item");
    for (size_t i = 0; i < e->n; i++) {
        const struct review_entry *v = &e->v[i];
        if (multi)
            snprintf(ref, sizeof ref, "R%lld:%s", v->report_id, v->code);
        else
            snprintf(ref, sizeof ref, "%s", v->code);
        col(ref, WCODE);
        col(v->status >= 0 ? cli_status_label(c, (enum task_status)v->status) : "-", WST);
        col(cli_status_label(c, v->status_now), WST);
        col(v->lead ? v->lead : "-", WLEAD);
        col(v->rating < 0 ? "-" : c->zh ? rating_zh((enum rating)v->rating)
                                        : rating_key((enum rating)v->rating), WRATE);
        text_fit(v->text, wtext, 0, text, sizeof text);
        puts(text);
        if (v->remark) {
            printf("%*s%s", WCODE + 1, "", c->zh ? "意见：" : "remark: ");
            text_fputs(stdout, v->remark);
            putchar('\n');
        }
    }
}

static int review_show(struct cli *c, const char *arg)
{
    long long id = 0;
    if (arg && (!all_digits(arg) || (id = strtoll(arg, NULL, 10)) <= 0))
        return cli_fail(FU_USAGE, "review show takes a round number, e.g. 'review show 2'; "
                        "'followup review list' shows them");
    int rc = cli_open_db(c, 0);
    if (rc != FU_OK)
        return rc;
    struct review_round ro;
    struct review_entries e;
    struct report_list rl = {0};
    char err[FU_ERRLEN] = "";
    if ((rc = db_review_get(c->db, id, &ro, &e, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    db_report_list(c->db, &rl, err, sizeof err);
    round_title(c, &ro);
    putchar('\n');
    char at[32];
    cal_local(ro.at, CAL_MINUTE, at, sizeof at);
    printf(c->zh ? "记录于 %s，" : "recorded %s by ", at);
    text_fputs(stdout, ro.by);
    printf(c->zh ? "；快照%lld项任务（%s）\n" : "; %lld tasks in its snapshot (%s)\n", ro.ntasks,
           ro.reports);
    show_summary(c, &e);
    show_entries(c, &e, rl.n > 1);
    report_list_fini(&rl);
    review_entries_fini(&e);
    review_round_fini(&ro);
    return FU_OK;
}

static int review_rate(struct cli *c, int argc, char **argv)
{
    const char *remark = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "remark", .has_arg = 1, .value = &remark}, {0}};
    if ((rc = cli_args("review", argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("review");
    enum rating lv;
    if (rating_parse(pos[1], &lv) != 0)
        return cli_fail(FU_USAGE, "unknown rating '%s'; use 满意, 基本满意 or 不满意 (satisfied, "
                        "basically, unsatisfied)", pos[1]);
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct task t;
    if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    long long round = 0;
    int reopened = 0;
    char err[FU_ERRLEN] = "";
    rc = db_review_rate(c->db, &c->actor, t.id, (int)lv, remark, &round, &reopened, err,
                        sizeof err);
    if (rc == FU_OK) {
        printf("R%lld:%s ", t.report_id, t.code);
        if (c->zh)
            printf("第%lld轮测评：%s%s\n", round, rating_zh(lv), reopened ? "；已重新打开（推进中）" : "");
        else
            printf("rated %s in round %lld%s\n", rating_key(lv), round,
                   reopened ? "; reopened (active)" : "");
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_review(struct cli *c, int argc, char **argv)
{
    if (argc < 1)
        return cli_fail(FU_USAGE, "review needs start, list, show or rate; see 'followup review "
                        "--help'");
    const char *sub = argv[0];
    if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
        return cli_help("review");
    if (!strcmp(sub, "start"))
        return review_start(c, argc - 1, argv + 1);
    if (!strcmp(sub, "rate"))
        return review_rate(c, argc - 1, argv + 1);
    if (!strcmp(sub, "list") && argc == 1)
        return review_list(c);
    if (!strcmp(sub, "show") && argc <= 2)
        return argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
                   ? cli_help("review") : review_show(c, argc == 2 ? argv[1] : NULL);
    return cli_fail(FU_USAGE, "review: unknown or malformed subcommand '%s'; use start, list, "
                    "show or rate (see 'followup review --help')", sub);
}
