/* report-meta, edit, withdraw, restore, strike, add, move, merge, split:
 * the committee makes the database match the document (issue 21). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/text.h"
#include "host/priv.h"
#include "core/calendar.h"
#include "db/db_edit.h"
#include "db/db_import.h"
#include "db/db_task.h"

/* "J2024:3" for a task of a register, else "R1:2.4". */
static void ref_of(struct cli *c, long long report_id, const char *code, char *out, size_t len)
{
    long long year = 0;
    char err[FU_ERRLEN];
    if (db_add_register_year(c->db, report_id, &year, err, sizeof err) == FU_OK && year)
        snprintf(out, len, "J%lld:%s", year, code);
    else
        snprintf(out, len, "R%lld:%s", report_id, code);
}

static void put_ref(struct cli *c, const struct task *t)
{
    char ref[64];
    ref_of(c, t->report_id, t->code, ref, sizeof ref);
    text_fputs(stdout, ref);
}

/* A date as people write it (2025年6月30日, 6月30日, +30d, 年底) into out;
 * "" stays "" (clears). An exit status. */
static int typed_date(const char *opt, const char *in, char out[11])
{
    char today[11];
    out[0] = '\0';
    if (!*in)
        return FU_OK;
    cli_today(today);
    const char *env = priv_test_getenv("FOLLOWUP_TODAY");
    if (env && cal_date_valid(env) == 0)
        snprintf(today, sizeof today, "%s", env);
    if (cal_parse_date(in, today, out) != 0)
        return cli_fail(FU_USAGE, "%s '%s' is not a date; write 2025-06-30, 2025年6月30日, "
                        "6月30日, 2025/6/30, +30d, 月底 or 年底", opt, in);
    return FU_OK;
}

/* Resolves TASK; an exit status. */
static int find(struct cli *c, const char *ref, struct task *t)
{
    return cli_find_task(c, ref, t);
}

/* ---- report-meta ------------------------------------------------------------------ */

static const char *const meta_opts[RF_COUNT] = {
    "title", "doc-no", "issuer", "published", "addressee", "signed-by", "signed-on", "lead-dept",
};

static const char *meta_value(const struct report *r, enum report_field f)
{
    const char *v[RF_COUNT] = {r->title, r->doc_no, r->issuer, r->published, r->addressee,
                               r->signed_by, r->signed_on, r->lead_department};
    return v[f];
}

static int load_report(struct cli *c, long long id, struct report_list *rl, struct report **r)
{
    char err[FU_ERRLEN] = "";
    *r = NULL;
    if (db_report_list(c->db, rl, err, sizeof err) != FU_OK)
        return cli_fail(FU_ERR, "%s", err);
    for (size_t i = 0; i < rl->n; i++)
        if (rl->v[i].id == id)
            *r = &rl->v[i];
    return *r ? FU_OK : cli_fail(FU_NOTFOUND, "no report R%lld", id);
}

static void print_meta(const struct report *r)
{
    printf("R%lld\n", r->id);
    for (int f = 0; f < RF_COUNT; f++) {
        printf("  %-10s ", meta_opts[f]);
        text_fputs(stdout, meta_value(r, f) && *meta_value(r, f) ? meta_value(r, f) : "-");
        putchar('\n');
    }
}

static int meta_dates(const char *v[RF_COUNT], char dates[2][11])
{
    int rc = FU_OK;
    if (v[RF_PUBLISHED] && (rc = typed_date("--published", v[RF_PUBLISHED], dates[0])) == FU_OK)
        v[RF_PUBLISHED] = dates[0];
    if (rc == FU_OK && v[RF_SIGNED_ON] &&
        (rc = typed_date("--signed-on", v[RF_SIGNED_ON], dates[1])) == FU_OK)
        v[RF_SIGNED_ON] = dates[1];
    return rc;
}

int cmd_report_meta(struct cli *c, int argc, char **argv)
{
    const char *v[RF_COUNT] = {0}, *pos[1];
    int npos, help, rc, any = 0, changed = 0;
    struct cli_opt opts[RF_COUNT + 1];
    memset(opts, 0, sizeof opts);
    for (int f = 0; f < RF_COUNT; f++)
        opts[f] = (struct cli_opt){.name = meta_opts[f], .has_arg = 1, .value = &v[f]};
    if ((rc = cli_args("report-meta", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("report-meta");
    char dates[2][11];
    for (int f = 0; f < RF_COUNT; f++)
        any |= v[f] != NULL;
    if ((rc = meta_dates(v, dates)) != FU_OK || (rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    long long id;
    struct report_list before = {0}, after = {0};
    struct report *b, *a;
    char err[FU_ERRLEN] = "";
    if ((rc = cli_resolve_report(c, pos[0], &id)) != FU_OK ||
        (rc = load_report(c, id, &before, &b)) != FU_OK)
        return rc;
    if (!any) {
        print_meta(b);
        report_list_fini(&before);
        return FU_OK;
    }
    if ((rc = db_edit_report(c->db, &c->actor, id, v, &changed, err, sizeof err)) != FU_OK) {
        report_list_fini(&before);
        return cli_fail(rc, "%s", err);
    }
    if (!changed)
        printf("R%lld %s\n", id, c->zh ? "未改变（已是这些值）" : "unchanged (it already had these values)");
    if (changed && (rc = load_report(c, id, &after, &a)) == FU_OK)
        for (int f = 0; f < RF_COUNT; f++) {
            const char *o = meta_value(b, f), *n = meta_value(a, f);
            if (!strcmp(o ? o : "", n ? n : ""))
                continue;
            printf("R%lld %s: ", id, meta_opts[f]);
            text_fputs(stdout, o && *o ? o : "-");
            fputs(" → ", stdout);
            text_fputs(stdout, n && *n ? n : "-");
            putchar('\n');
        }
    report_list_fini(&before);
    report_list_fini(&after);
    return rc;
}

/* ---- edit, withdraw, restore, strike ------------------------------------------------- */

int cmd_edit(struct cli *c, int argc, char **argv)
{
    const char *body = NULL, *text = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "body", .has_arg = 1, .value = &body},
                             {.name = "text", .has_arg = 1, .value = &text}, {0}};
    if ((rc = cli_args("edit", argc, argv, opts, pos, 1, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("edit");
    if (npos == 2 && text)
        return cli_fail(FU_USAGE, "edit: give the new text once (as TEXT or --text)");
    if (npos == 2)
        text = pos[1];
    if (!text && !body)
        return cli_fail(FU_USAGE, "edit: nothing to change; usage: followup edit TASK TEXT "
                        "[--body TEXT]");
    struct task t;
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = find(c, pos[0], &t)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    struct db_outcome o;
    rc = db_edit_text(c->db, &c->actor, t.id, text, body, 0, err, sizeof err);
    db_last_outcome(c->db, &o);
    if (rc == FU_OK) {
        put_ref(c, &t);
        printf(" %s\n", !o.changed ? (c->zh ? "未改变（已是此内容）" : "unchanged (it already "
                                      "says so)") : c->zh ? "内容已更正" : "text changed");
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

static void print_count(struct cli *c, const struct task *t, const char *done, int count)
{
    put_ref(c, t);
    printf(" %s", done);
    if (count > 1 && c->zh)
        printf("（连同 %d 项下级任务）", count - 1);
    else if (count > 1)
        printf(" (and %d sub-task%s)", count - 1, count == 2 ? "" : "s");
    putchar('\n');
}

int cmd_withdraw(struct cli *c, int argc, char **argv)
{
    const char *reason = NULL, *pos[1];
    int npos, help, rc, count = 0;
    struct cli_opt opts[] = {{.name = "reason", .has_arg = 1, .value = &reason}, {0}};
    if ((rc = cli_args("withdraw", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("withdraw");
    if (!reason || !*reason)
        return cli_fail(FU_USAGE, "withdraw needs --reason TEXT: say why the task goes "
                        "(e.g. \"not a commitment: the portal's masthead\")");
    struct task t;
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = find(c, pos[0], &t)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    rc = db_edit_withdraw(c->db, &c->actor, t.id, reason, 0, &count, err, sizeof err);
    if (rc == FU_OK)
        print_count(c, &t, c->zh ? "已撤销" : "withdrawn", count);
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
    const char *note = NULL, *pos[1];
    int npos, help, rc, count = 0;
    struct cli_opt opts[] = {{.name = "note", .has_arg = 1, .value = &note}, {0}};
    if ((rc = cli_args("restore", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("restore");
    struct task t;
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = find(c, pos[0], &t)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    rc = db_edit_restore(c->db, &c->actor, t.id, note, &count, err, sizeof err);
    if (rc == FU_OK)
        print_count(c, &t, c->zh ? "已恢复" : "restored", count);
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

/* The note numbered n (1 the oldest) as show lists it, or with n 0 the
 * latest not struck out. */
static int pick_note(struct cli *c, const struct task *t, long n, long long *id, char **text)
{
    struct note_list nl = {0};
    char err[FU_ERRLEN] = "";
    *id = 0;
    *text = NULL;
    if (db_note_list(c->db, t->id, &nl, err, sizeof err) != FU_OK)
        return cli_fail(FU_ERR, "%s", err);
    for (size_t i = nl.n; n == 0 && i-- > 0;)
        if (!nl.v[i].struck_at[0]) {
            n = (long)i + 1;
            break;
        }
    if (n >= 1 && (size_t)n <= nl.n) {
        *id = nl.v[n - 1].id;
        *text = strdup(nl.v[n - 1].text);
    }
    note_list_fini(&nl);
    if (*id)
        return FU_OK;
    return cli_fail(FU_NOTFOUND, "R%lld:%s has no %s; `followup show %s` lists its notes "
                    "with their numbers", t->report_id, t->code, n ? "such note" : "note to "
                    "strike out", t->code);
}

int cmd_strike(struct cli *c, int argc, char **argv)
{
    const char *reason = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "reason", .has_arg = 1, .value = &reason}, {0}};
    if ((rc = cli_args("strike", argc, argv, opts, pos, 1, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("strike");
    char *end = NULL;
    long n = npos == 2 ? strtol(pos[1], &end, 10) : 0;
    if (npos == 2 && (!*pos[1] || *end || n < 1))
        return cli_fail(FU_USAGE, "strike: '%s' is not a note's number (1 is the oldest, as "
                        "`followup show` numbers them)", pos[1]);
    struct task t;
    if ((rc = cli_open_db(c, 0)) != FU_OK || (rc = find(c, pos[0], &t)) != FU_OK)
        return rc;
    long long id;
    char *text = NULL, err[FU_ERRLEN] = "", cut[200];
    if ((rc = pick_note(c, &t, n, &id, &text)) == FU_OK &&
        (rc = db_note_strike(c->db, &c->actor, id, reason, err, sizeof err)) != FU_OK) {
        rc = cli_fail(rc, "%s", err);
    } else if (rc == FU_OK) {
        put_ref(c, &t);
        text_fit(text ? text : "", 50, 0, cut, sizeof cut);
        printf(" %s", c->zh ? "进展已划去：" : "note struck out: ");
        text_fputs(stdout, cut);
        putchar('\n');
    }
    free(text);
    task_fini(&t);
    return rc;
}
