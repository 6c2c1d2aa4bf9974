/* reports: the reports in the database, with their counts. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/json.h"
#include "util/text.h"
#include "db/db_import.h"

/* The date a report carries: its publication, else its signature's, else
 * the day it was imported. */
static const char *report_date(const struct report *r, char buf[11])
{
    const char *d = r->published && *r->published ? r->published
                  : r->signed_on && *r->signed_on ? r->signed_on : NULL;
    if (d)
        return d;
    snprintf(buf, 11, "%.10s", r->imported_at ? r->imported_at : "");
    return buf;
}

static void reports_json(const struct report_list *rl, const struct db_report_counts *cn)
{
    fputs("[", stdout);
    for (size_t i = 0; i < rl->n; i++) {
        const struct report *r = &rl->v[i];
        const struct db_report_count *k = db_report_count_of(cn, r->id);
        char buf[11];
        printf("%s\n  {\"report\": \"R%lld\", \"title\": ", i ? "," : "", r->id);
        json_str(stdout, r->title ? r->title : "");
        fputs(", \"doc_no\": ", stdout);
        json_str(stdout, r->doc_no ? r->doc_no : "");
        fputs(", \"date\": ", stdout);
        json_str(stdout, report_date(r, buf));
        printf(", \"tasks\": %lld, \"items\": %lld, \"overdue\": %lld, \"submitted\": %lld}",
               k ? k->tasks : 0, k ? k->items : 0, k ? k->overdue : 0, k ? k->submitted : 0);
    }
    fputs(rl->n ? "\n]\n" : "]\n", stdout);
}

static void reports_table(const struct cli *c, const struct report_list *rl,
                          const struct db_report_counts *cn)
{
    int wdoc = text_width(c->zh ? "文号" : "doc no");
    for (size_t i = 0; i < rl->n; i++) {
        int w = rl->v[i].doc_no ? text_width(rl->v[i].doc_no) : 1;
        if (w > wdoc)
            wdoc = w > 24 ? 24 : w;
    }
    char cell[256];
    printf(c->zh ? "报告  日期        任务  事项  逾期  待审核  " : "rep.  date        tasks items overdue submitted  ");
    text_fit(c->zh ? "文号" : "doc no", wdoc, 1, cell, sizeof cell);
    printf("%s  %s\n", cell, c->zh ? "标题" : "title");
    for (size_t i = 0; i < rl->n; i++) {
        const struct report *r = &rl->v[i];
        const struct db_report_count *k = db_report_count_of(cn, r->id);
        char buf[11], rid[24];
        snprintf(rid, sizeof rid, "R%lld", r->id);
        text_fit(report_date(r, buf), 10, 1, cell, sizeof cell);
        printf("%-5s %s %5lld %5lld ", rid, cell, k ? k->tasks : 0, k ? k->items : 0);
        printf(c->zh ? "%5lld  %6lld  " : "%7lld %9lld  ", k ? k->overdue : 0,
               k ? k->submitted : 0);
        text_fit(r->doc_no && *r->doc_no ? r->doc_no : "-", wdoc, 1, cell, sizeof cell);
        fputs(cell, stdout);
        fputs("  ", stdout);
        text_fputs(stdout, r->title && *r->title ? r->title : "-");
        putchar('\n');
    }
}

int cmd_reports(struct cli *c, int argc, char **argv)
{
    const char *format = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "format", .has_arg = 1, .value = &format}, {0}};
    if ((rc = cli_args("reports", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("reports");
    if (format && strcmp(format, "table") && strcmp(format, "json"))
        return cli_fail(FU_USAGE, "unknown format '%s'; use table or json", format);
    char today[11], err[FU_ERRLEN] = "";
    if ((rc = cli_today_env(today)) != FU_OK || (rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct report_list rl = {0};
    struct db_report_counts cn = {0};
    if ((rc = db_report_list(c->db, &rl, err, sizeof err)) != FU_OK ||
        (rc = db_report_counts(c->db, NULL, today, &cn, err, sizeof err)) != FU_OK) {
        report_list_fini(&rl);
        return cli_fail(rc, "%s", err);
    }
    if (format && !strcmp(format, "json"))
        reports_json(&rl, &cn);
    else if (rl.n == 0)
        fprintf(stderr, c->zh ? "followup：尚无报告；督办用户用 'followup import FILE' 导入\n"
                              : "followup: no reports yet; the committee imports one with "
                                "'followup import FILE'\n");
    else
        reports_table(c, &rl, &cn);
    db_report_counts_fini(&cn);
    report_list_fini(&rl);
    return FU_OK;
}
