/* Commands whose output is small but whose matches may be a million keep
 * what they hold bounded: remind loads the rows it lists and counts the
 * rest (the same heading, counts and lines as loading them all); list's
 * table, which must see every row before it knows its column widths,
 * moves them to a temporary file past a bound and prints the same table
 * from there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/err.h"
#include "report/report.h"
#include "db/db.h"
#include "db/db_import.h"
#include "db/db_report.h"
#include "db/db_task.h"
#include "report/list_out.h"

#define NITEM 40
#define NSTMT 4

static const char *const depts[] = {"区科委", "区财政局", "区知识产权局"};

struct fx {
    char dir[64], path[128];
    struct db *db;
    char err[FU_ERRLEN];
    struct node sec, item[NITEM];
    struct stmt st[NITEM][NSTMT];
    char texts[NITEM][NSTMT][64], titles[NITEM][32];
};

static struct actor alice(void)
{
    struct actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.login, sizeof a.login, "alice");
    return a;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct actor a = alice();
    struct doc d = {0};
    struct import_stats st;
    *state = f;
    snprintf(f->dir, sizeof f->dir, "/tmp/fu-bounded-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    snprintf(f->sec.code, sizeof f->sec.code, "1");
    f->sec.title = "工作";
    f->sec.children = f->item;
    f->sec.nchildren = NITEM;
    for (int i = 0; i < NITEM; i++) {
        struct node *in = &f->item[i];
        snprintf(in->code, sizeof in->code, "1.%d", i + 1);
        snprintf(f->titles[i], sizeof f->titles[i], "第%d项", i + 1);
        in->title = f->titles[i];
        in->depth = 1;
        in->owner = (char *)depts[i % 3];
        in->stmts = f->st[i];
        in->nstmts = NSTMT;
        for (int k = 0; k < NSTMT; k++) {
            snprintf(f->st[i][k].code, sizeof f->st[i][k].code, "1.%d.%d", i + 1, k + 1);
            f->st[i][k].kind = STMT_COMMITMENT;
            snprintf(f->texts[i][k], sizeof f->texts[i][k], "推进第%d项第%d句。", i + 1, k + 1);
            f->st[i][k].text = f->texts[i][k];
        }
    }
    d.meta.title = "报告";
    d.nodes = &f->sec;
    d.nnodes = 1;
    if (db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err) != FU_OK ||
        db_bootstrap(f->db, "alice", depts, 3, f->err, sizeof f->err) != FU_OK ||
        db_import(f->db, &a, &d, &st, f->err, sizeof f->err) != FU_OK)
        goto fail;
    struct task_list l;
    if (db_task_list(f->db, NULL, &l, f->err, sizeof f->err) != FU_OK)
        goto fail;
    for (size_t i = 0; i < l.n; i++) {   /* due dates around 2025-06-30, some done */
        char due[11];
        snprintf(due, sizeof due, "2025-%02zu-%02zu", 5 + i % 3, 1 + (i * 7) % 28);
        if (i % 4 != 3 && db_task_assign(f->db, &a, l.v[i].id, NULL, NULL, 0, 0, due, 0,
                                         f->err, sizeof f->err) != FU_OK)
            goto fail;
        if (i % 9 == 4 && db_task_set_status(f->db, &a, l.v[i].id, ST_DONE, NULL, 0, f->err,
                                             sizeof f->err) != FU_OK)
            goto fail;
    }
    task_list_fini(&l);
    return 0;
fail:
    fprintf(stderr, "setup: %s\n", f->err);
    return -1;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char cmd[256];
    db_close(f->db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* remind's output with at most max items loaded. */
static char *remind_text(struct fx *f, size_t max, size_t shown, size_t *loaded)
{
    struct actor a = alice();
    struct rpt r;
    char *buf = NULL;
    size_t len = 0;
    rpt_init(&r);
    snprintf(r.today, sizeof r.today, "2025-06-30");
    r.warn_days = 7;
    assert_int_equal(db_remind(f->db, &a, 1, max, &r, f->err, sizeof f->err), FU_OK);
    assert_int_equal(rpt_compute(&r, f->err, sizeof f->err), FU_OK);
    *loaded = r.nitems;
    FILE *out = open_memstream(&buf, &len);
    rpt_write_remind(&r, out, shown);
    fclose(out);
    rpt_fini(&r);
    return buf;
}

static void remind_loads_what_it_lists(void **state)
{
    struct fx *f = *state;
    size_t all, few;
    char *whole = remind_text(f, 100000, 8, &all);
    char *bounded = remind_text(f, 8, 8, &few);
    assert_true(all > 30);                 /* many overdue and due soon */
    assert_int_equal(few, 8);              /* only the lines listed */
    assert_string_equal(bounded, whole);   /* the same heading, lines and "… more" */
    assert_non_null(strstr(whole, "more"));
    free(whole);
    free(bounded);
    /* more lines than overdue tasks: the first due-soon ones follow */
    whole = remind_text(f, 100000, 60, &all);
    bounded = remind_text(f, 60, 60, &few);
    assert_int_equal(few, 60);
    assert_string_equal(bounded, whole);
    free(whole);
    free(bounded);
}

/* The table printed through list_out, its rows spilled after bytes. */
static char *table_text(struct fx *f, const struct task_filter *fl, size_t bytes, int zh)
{
    struct cli c;
    char *buf = NULL;
    size_t len = 0;
    memset(&c, 0, sizeof c);
    c.db = f->db;
    c.prog = "followup";
    c.zh = zh;
    FILE *out = open_memstream(&buf, &len);
    struct list_out *o = list_out_new(c.zh, FMT_TABLE, out);
    assert_non_null(o);
    if (bytes != (size_t)-1)
        list_out_spill_after(o, bytes);
    assert_int_equal(db_task_each(f->db, fl, list_out_task, o, f->err, sizeof f->err), FU_OK);
    assert_int_equal(list_out_end(o, 1), FU_OK);
    fclose(out);
    return buf;
}

static void table_spills_the_same(void **state)
{
    struct fx *f = *state;
    struct task_filter fl;
    struct actor a = alice();
    struct doc d = {0};
    struct node sec = {.code = "1", .title = "另一份"};
    struct import_stats st;
    d.meta.title = "另一份报告";
    d.nodes = &sec;
    d.nnodes = 1;
    assert_int_equal(db_import(f->db, &a, &d, &st, f->err, sizeof f->err), FU_OK);
    task_filter_init(&fl);
    for (int zh = 0; zh < 2; zh++)
        for (int filtered = 0; filtered < 3; filtered++) {
            fl.status = filtered == 1 ? ST_DONE : -1;
            fl.report_id = filtered == 2 ? 1 : 0;   /* one report: codes unqualified */
            char *mem = table_text(f, &fl, (size_t)-1, zh);
            char *file = table_text(f, &fl, 0, zh);
            char *mid = table_text(f, &fl, 3000, zh);
            assert_true(strlen(mem) > 1000);
            assert_string_equal(file, mem);
            assert_string_equal(mid, mem);
            assert_true((strstr(mem, "R2:1") != NULL) == (filtered == 0));
            free(mem);
            free(file);
            free(mid);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(remind_loads_what_it_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(table_spills_the_same, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
