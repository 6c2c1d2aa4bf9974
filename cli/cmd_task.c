/* list and show: reading tasks. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "util/err.h"
#include "util/outfile.h"
#include "util/text.h"
#include "core/history.h"
#include "db/db_history.h"
#include "db/db_edit.h"
#include "db/db_task.h"
#include "core/workflow.h"
#include "db/db_attach.h"
#include "report/list_out.h"

static int parse_format(const char *s, enum list_format *f)
{
    if (!s || !strcmp(s, "table"))
        *f = FMT_TABLE;
    else if (!strcmp(s, "csv"))
        *f = FMT_CSV;
    else if (!strcmp(s, "json"))
        *f = FMT_JSON;
    else if (!strcmp(s, "xlsx"))
        *f = FMT_XLSX;
    else
        return cli_fail(FU_USAGE, "unknown format '%s'; use table, csv, json or xlsx", s);
    return FU_OK;
}

struct list_job {
    struct cli *c;
    const struct task_filter *f;
    enum list_format fmt;
    size_t rows;
};

/* A workbook row's latest progress note and evidence count, from the
 * database (a list_extra_fn). */
static int list_extra_of(const struct task *t, struct list_extra *e, void *ctx, char *err,
                         size_t errlen)
{
    struct cli *c = ctx;
    char utc[32];
    struct attachment_list al = {0};
    int rc = db_task_latest_note(c->db, t->id, utc, &e->note, err, errlen);
    if (rc == FU_OK)
        rc = db_attachments(c->db, t->id, &al, err, errlen);
    cal_local(utc, CAL_MINUTE, e->at, sizeof e->at);
    e->nattach = al.n;
    attachment_list_fini(&al);
    return rc;
}

/* The tasks in the job's format to out (stdout, or the -o file). */
static int list_write(FILE *out, void *ctx, char *err, size_t errlen)
{
    struct list_job *j = ctx;
    int rc;
    if (j->fmt == FMT_XLSX) {
        struct list_xlsx *x = list_xlsx_new(j->c->zh, list_extra_of, j->c, err, errlen);
        if (!x)
            return FU_ERR;
        rc = db_task_each(j->c->db, j->f, list_xlsx_task, x, err, errlen);
        int end = list_xlsx_end(x, out, rc == FU_OK, &j->rows, err, errlen);
        return rc != FU_OK ? rc : end;
    }
    struct list_out *o = list_out_new(j->c->zh, j->fmt, out);
    if (!o) {
        snprintf(err, errlen, "out of memory");
        return FU_ERR;
    }
    rc = db_task_each(j->c->db, j->f, list_out_task, o, err, errlen);
    if (rc == FU_ERR && !err[0])
        snprintf(err, errlen, "out of memory");
    int end = list_out_end(o, rc == FU_OK);
    if (rc == FU_OK && end != FU_OK)
        snprintf(err, errlen, "out of memory");
    return rc != FU_OK ? rc : end;
}

/* Filters from the options into f; an exit status. */
static int list_filter(struct cli *c, struct task_filter *f, const char *report,
                       const char *status, const char *kind)
{
    enum task_status st;
    enum task_kind k;
    if (status && status_parse(status, &st) != 0)
        return cli_fail(FU_USAGE, "unknown status '%s'; use todo, active, ongoing, delayed, "
                                  "submitted or done", status);
    if (kind && kind_parse(kind, &k) != 0)
        return cli_fail(FU_USAGE, "unknown kind '%s'; use section, item or statement", kind);
    int rc = cli_open_db(c, 0);
    if (rc != FU_OK)
        return rc;
    if (report && (rc = cli_resolve_report(c, report, &f->report_id)) != FU_OK)
        return rc;
    f->status = status ? (int)st : -1;
    f->kind = kind ? (int)k : -1;
    return FU_OK;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
    const char *report = NULL, *dept = NULL, *status = NULL, *kind = NULL, *search = NULL,
               *format = NULL, *output = NULL, *pos[1];
    int overdue = 0, withdrawn = 0, fb = 0, npos, help, rc;
    char today[11];
    struct cli_opt opts[] = {{.name = "report", .has_arg = 1, .value = &report},
                             {.name = "dept", .has_arg = 1, .value = &dept},
                             {.name = "status", .has_arg = 1, .value = &status},
                             {.name = "kind", .has_arg = 1, .value = &kind},
                             {.name = "search", .has_arg = 1, .value = &search},
                             {.name = "format", .has_arg = 1, .value = &format},
                             {.name = "output", .short_name = 'o', .has_arg = 1, .value = &output},
                             {.name = "overdue", .flag = &overdue},
                             {.name = "withdrawn", .flag = &withdrawn},
                             {.name = "feedback-overdue", .flag = &fb},
                             {0}};
    if ((rc = cli_args("list", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("list");
    struct task_filter f;
    struct list_job job = {.c = c, .f = &f, .fmt = FMT_TABLE};
    task_filter_init(&f);
    if ((rc = parse_format(format, &job.fmt)) != FU_OK ||
        (!output && (rc = cli_binary_out(job.fmt == FMT_XLSX, format, "list")) != FU_OK) ||
        (rc = cli_today_env(today)) != FU_OK ||
        (rc = list_filter(c, &f, report, status, kind)) != FU_OK)
        return rc;
    f.today = today;
    f.warn_days = c->cfg.warn_days;
    f.feedback_overdue = fb;
    f.dept = dept;
    f.overdue = overdue;
    f.search = search;
    f.include_withdrawn = withdrawn;
    char err[FU_ERRLEN] = "";
    if (!output) {
        rc = list_write(stdout, &job, err, sizeof err);
        return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
    }
    if ((rc = outfile_write(output, list_write, &job, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    if (job.fmt == FMT_XLSX)
        printf(c->zh ? "%zu项任务已写入 " : "%zu tasks written to ", job.rows);
    else
        fputs(c->zh ? "任务列表已写入 " : "task list written to ", stdout);
    text_fputs(stdout, output);
    putchar('\n');
    return FU_OK;
}

static void field(struct cli *c, const char *en, const char *zh, const char *value)
{
    char label[64];
    text_fit(c->zh ? zh : en, 10, 1, label, sizeof label);
    printf("%s ", label);
    text_fputs(stdout, value && *value ? value : "-");
    putchar('\n');
}

static void show_children(struct cli *c, const struct task *t)
{
    struct task_list l = {0};
    char err[FU_ERRLEN];
    if (db_task_children(c->db, t->id, &l, err, sizeof err) != FU_OK)
        return;
    int any = 0;
    for (size_t i = 0; i < l.n; i++) {
        const struct task *ch = &l.v[i];
        if (!any++)
            printf("\n%s\n", c->zh ? "下级任务:" : "Sub-tasks:");
        char code[48], st[64], buf[512];
        text_fit(ch->code, 8, 1, code, sizeof code);
        text_fit(cli_status_label(c, ch->status), 12, 1, st, sizeof st);
        text_fit(ch->text, 56, 0, buf, sizeof buf);
        printf("  %s %s %s\n", code, st, buf);
    }
    task_list_fini(&l);
}

static void show_notes_history(struct cli *c, const struct task *t)
{
    char err[FU_ERRLEN];
    struct note_list nl = {0};
    if (db_note_list(c->db, t->id, &nl, err, sizeof err) == FU_OK && nl.n) {
        printf("\n%s\n", c->zh ? "进展情况:" : "Progress notes:");
        for (size_t i = 0; i < nl.n; i++) {
            char at[32];
            cal_local(nl.v[i].at, CAL_MINUTE, at, sizeof at);
            printf("  %zu  %s  ", i + 1, at);
            text_fputs(stdout, nl.v[i].author);
            if (nl.v[i].struck_at[0]) {
                cal_local(nl.v[i].struck_at, CAL_MINUTE, at, sizeof at);
                fputs(c->zh ? "  [已划去：" : "  [struck out by ", stdout);
                text_fputs(stdout, nl.v[i].struck_by ? nl.v[i].struck_by : "?");
                printf(" %s", at);
                if (nl.v[i].struck_reason) {
                    fputs(c->zh ? "，" : ": ", stdout);
                    text_fputs(stdout, nl.v[i].struck_reason);
                }
                putchar(']');
            }
            putchar('\n');
            cli_wrap(stdout, nl.v[i].text, 4, 78);
        }
    }
    note_list_fini(&nl);
    struct history_list hl = {0};
    struct history_filter hf = {.task_id = t->id};
    if (db_history(c->db, &hf, &hl, err, sizeof err) == FU_OK && hl.n) {
        printf("\n%s\n", c->zh ? "办理记录:" : "History:");
        for (size_t i = 0; i < hl.n; i++) {
            const struct history_entry *h = &hl.v[i];
            char at[32];
            cal_local(h->at, CAL_MINUTE, at, sizeof at);
            printf("  %s  ", at);
            text_fputs(stdout, h->actor);
            if (h->as_user) {
                fputs(" as ", stdout);
                text_fputs(stdout, h->as_user);
            }
            printf("  %s: ", h->field);
            text_fputs(stdout, h->old_value ? h->old_value : "-");
            fputs(" → ", stdout);
            text_fputs(stdout, h->new_value ? h->new_value : "-");
            putchar('\n');
        }
    }
    history_list_fini(&hl);
}

/* Why a withdrawn task went, and the task it was merged into. */
static void show_withdrawn(struct cli *c, const struct task *t)
{
    struct history_list hl = {0};
    struct history_filter hf = {.task_id = t->id};
    char err[FU_ERRLEN];
    long long into = 0;
    const char *why = NULL;
    if (db_history(c->db, &hf, &hl, err, sizeof err) == FU_OK)
        for (size_t i = 0; i < hl.n; i++)
            if (!strcmp(hl.v[i].field, "withdrawn") && hl.v[i].new_value &&
                !strcmp(hl.v[i].new_value, "1"))
                why = hl.v[i].note;
    fputs(c->zh ? "  已撤销：" : "  withdrawn: ", stdout);
    text_fputs(stdout, why ? why : "-");
    putchar('\n');
    struct task m;
    if (db_edit_merged_into(c->db, t->id, &into, err, sizeof err) == FU_OK && into &&
        db_task_get(c->db, into, &m, err, sizeof err) == FU_OK) {
        printf(c->zh ? "  已并入 R%lld:%s：" : "  merged into R%lld:%s: ", m.report_id, m.code);
        text_fputs(stdout, m.text);
        putchar('\n');
        task_fini(&m);
    }
    history_list_fini(&hl);
}

int cmd_show(struct cli *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{0}};
    if ((rc = cli_args("show", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("show");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct task t;
    if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    long long year = 0;
    char err[FU_ERRLEN] = "";
    if (db_add_register_year(c->db, t.report_id, &year, err, sizeof err) == FU_OK && year)
        printf("J%lld:%s (R%lld:%s)", year, t.code, t.report_id, t.code);
    else
        printf("R%lld:%s", t.report_id, t.code);
    printf("  %s%s\n", kind_key(t.kind), t.withdrawn ? (c->zh ? " (已撤销)" : " (withdrawn)") : "");
    if (t.withdrawn)
        show_withdrawn(c, &t);
    cli_wrap(stdout, t.text, 2, 78);
    cli_show_instructions(c, &t);
    if (t.body && *t.body) {
        putchar('\n');
        cli_wrap(stdout, t.body, 2, 78);
    }
    putchar('\n');
    char status[96], support[1024] = "", due[64];
    snprintf(status, sizeof status, "%s (%s)", status_key(t.status),
             c->zh ? status_zh(t.status) : status_en(t.status));
    for (size_t i = 0; i < t.nsupport; i++) {
        size_t used = strlen(support);
        snprintf(support + used, sizeof support - used, "%s%s", i ? "、" : "", t.support[i]);
    }
    snprintf(due, sizeof due, "%s", t.due);
    if (t.suggested_due[0] && strcmp(t.due, t.suggested_due))
        snprintf(due, sizeof due, "%s (%s %s)", t.due[0] ? t.due : "-",
                 c->zh ? "建议" : "suggested", t.suggested_due);
    field(c, "uuid", "编号", t.uuid);
    field(c, "status", "状态", status);
    field(c, "lead", "牵头单位", t.lead);
    field(c, "support", "配合单位", support);
    field(c, "due", "完成时限", due);
    if (t.source)
        field(c, "source", "来源", t.source);
    if (t.suggested_owner && (!t.lead || strcmp(t.lead, t.suggested_owner)))
        field(c, "suggested", "建议牵头", t.suggested_owner);
    if (t.metrics && strcmp(t.metrics, "[]"))
        field(c, "metrics", "指标", t.metrics);
    char today[11];
    if (cli_today_env(today) == FU_OK)
        cli_show_target(c, &t, today);
    if (t.nchildren) {
        char prog[64];
        snprintf(prog, sizeof prog, "%d/%d", t.ndone, t.nchildren);
        field(c, "done", "已办结", prog);
    }
    cli_show_workflow(c, &t);
    show_children(c, &t);
    show_notes_history(c, &t);
    task_fini(&t);
    return FU_OK;
}
