/* The interface's model (tui/model.c) over a report larger than its row
 * cache: the index holds the tasks db_task_list gives, in the same order;
 * rows are read from the database only when asked for, once while they
 * stay cached (scrolling by one row reads one row); the in-memory filter
 * marks exactly what the database's filter finds, with the same counts;
 * and the search, run in memory over the texts the model reads (issue 23),
 * finds what a walk over every task's texts finds, in either direction,
 * wrapping round, and what the database's LIKE scan finds, for words of
 * one character on, as they are typed and after other users' changes to
 * leads and supporting departments. No curses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "util/err.h"
#include "util/text.h"
#include "db/db.h"
#include "tui/model.h"
#include "tests/raw_sql.h"   /* a change behind db/'s back */
#include "core/doc.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_import.h"
#include "db/db_index.h"
#include "db/db_task.h"
#include "db/db_user.h"

#define NSEC 3
#define NITEM 20
#define NSTMT 5

static const char *const depts[] = {"区科委", "区财政局", "区知识产权局", "区商务委"};
static const char *const words[] = {"科技金融", "营商环境", "知识产权", "Fintech基金", "人才引进"};

struct fx {
    char dir[64], path[128];
    struct db *db;
    struct model m;
    char err[FU_ERRLEN];
    /* the generated report */
    struct node sec[NSEC], item[NSEC][NITEM];
    struct stmt st[NSEC][NITEM][NSTMT];
    char texts[NSEC][NITEM][NSTMT][96], titles[NSEC][NITEM][64], stitles[NSEC][32];
};

static struct actor alice(void)
{
    struct actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.login, sizeof a.login, "alice");
    return a;
}

static void make_doc(struct fx *f, struct doc *d)
{
    memset(d, 0, sizeof *d);
    d->meta.title = "生成的报告";
    d->meta.doc_no = "静府议〔2025〕1号";
    d->nodes = f->sec;
    d->nnodes = NSEC;
    for (int s = 0; s < NSEC; s++) {
        struct node *sn = &f->sec[s];
        snprintf(sn->code, sizeof sn->code, "%d", s + 1);
        snprintf(f->stitles[s], sizeof f->stitles[s], "第%d部分", s + 1);
        sn->title = f->stitles[s];
        sn->children = f->item[s];
        sn->nchildren = NITEM;
        for (int i = 0; i < NITEM; i++) {
            struct node *in = &f->item[s][i];
            snprintf(in->code, sizeof in->code, "%d.%d", s + 1, i + 1);
            in->depth = 1;
            snprintf(f->titles[s][i], sizeof f->titles[s][i], "推进%s第%d项", words[(s + i) % 5],
                     i + 1);
            in->title = f->titles[s][i];
            in->owner = (char *)depts[(s * NITEM + i) % 4];
            in->stmts = f->st[s][i];
            in->nstmts = NSTMT;
            for (int k = 0; k < NSTMT; k++) {
                struct stmt *st = &f->st[s][i][k];
                snprintf(st->code, sizeof st->code, "%d.%d.%d", s + 1, i + 1, k + 1);
                st->kind = STMT_COMMITMENT;
                snprintf(f->texts[s][i][k], sizeof f->texts[s][i][k], "加快%s建设第%d条。",
                         words[(s * 7 + i * 3 + k) % 5], s * 100 + i * 10 + k);
                st->text = f->texts[s][i][k];
            }
        }
    }
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct actor a = alice();
    struct doc d;
    struct import_stats st;
    *state = f;
    snprintf(f->dir, sizeof f->dir, "/tmp/fu-model-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    make_doc(f, &d);
    if (db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err) != FU_OK ||
        db_bootstrap(f->db, "alice", depts, 4, f->err, sizeof f->err) != FU_OK ||
        db_import(f->db, &a, &d, &st, f->err, sizeof f->err) != FU_OK) {
        fprintf(stderr, "setup: %s\n", f->err);
        return -1;
    }
    /* statuses, due dates and supporting departments spread over it */
    struct task_list l;
    if (db_task_list(f->db, NULL, &l, f->err, sizeof f->err) != FU_OK)
        return -1;
    for (size_t i = 0; i < l.n; i++) {
        const char *sup[] = {depts[(i + 1) % 4]};
        int rc = FU_OK;
        if (i % 7 == 3)
            rc = db_task_assign(f->db, &a, l.v[i].id, NULL, sup, 1, 1,
                                i % 2 ? "2020-01-31" : "2999-12-31", 0, f->err, sizeof f->err);
        if (rc == FU_OK && i % 3 == 1)
            rc = db_task_set_status(f->db, &a, l.v[i].id, i % 2 ? ST_ACTIVE : ST_DONE, NULL, 0,
                                    f->err, sizeof f->err);
        if (rc != FU_OK) {
            fprintf(stderr, "setup: %s\n", f->err);
            return -1;
        }
    }
    task_list_fini(&l);
    model_init(&f->m, 7);
    if (model_load(&f->m, f->db, f->err, sizeof f->err) != FU_OK) {
        fprintf(stderr, "setup: %s\n", f->err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char cmd[256];
    model_fini(&f->m);
    db_close(f->db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static void load_list(struct fx *f, struct task_list *l)
{
    struct task_filter fl;
    task_filter_init(&fl);
    fl.report_id = f->m.report_id;
    assert_int_equal(db_task_list(f->db, &fl, l, f->err, sizeof f->err), FU_OK);
}

/* ---- the index and the rows -------------------------------------------------- */

static void index_is_the_list(void **state)
{
    struct fx *f = *state;
    struct task_list l;
    load_list(f, &l);
    assert_true(l.n > MODEL_CACHE);
    assert_int_equal(model_count(&f->m), l.n);
    for (size_t i = 0; i < l.n; i++) {
        const struct task *t = model_task(&f->m, i);
        assert_non_null(t);
        assert_int_equal(t->id, l.v[i].id);
        assert_string_equal(t->text, l.v[i].text);
        assert_int_equal(f->m.ix.v[i].status, l.v[i].status);
        assert_int_equal(f->m.parent[i] == MODEL_NONE ? 0 : f->m.ix.v[f->m.parent[i]].id,
                         l.v[i].parent_id);
    }
    assert_null(model_task(&f->m, l.n));
    task_list_fini(&l);
}

static void rows_are_read_when_shown(void **state)
{
    struct fx *f = *state;
    struct model *m = &f->m;
    assert_int_equal(m->reads, 0);            /* opening reads no row */
    for (size_t r = 0; r < 30 && r < m->nrows; r++)
        model_task(m, m->rows[r]);
    assert_int_equal(m->reads, 30);           /* a screen: its rows */
    for (size_t r = 0; r < 30; r++)
        model_task(m, m->rows[r]);
    assert_int_equal(m->reads, 30);           /* drawn again: nothing */
    for (size_t r = 1; r < 31; r++)
        model_task(m, m->rows[r]);
    assert_int_equal(m->reads, 31);           /* one row down: one row */
    model_set_cursor(m, 5);
    assert_non_null(model_current(m));
    assert_non_null(model_current(m));
    assert_int_equal(m->reads, 32);           /* the cursor's task, once */
}

/* ---- the filter ------------------------------------------------------------------ */

static void filter_is_the_databases(void **state)
{
    struct fx *f = *state;
    struct model *m = &f->m;
    struct { const char *dept; int status, overdue; } cases[] = {
        {"", ST_ACTIVE, 0}, {"", ST_DONE, 0}, {"区财政局", -1, 0}, {"区科委", ST_ACTIVE, 0},
        {"", -1, 1}, {"区知识产权局", -1, 1}, {"区不存在局", -1, 0}, {"", -1, 0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        snprintf(m->filter.dept, sizeof m->filter.dept, "%s", cases[c].dept);
        m->filter.status = cases[c].status;
        m->filter.overdue = cases[c].overdue;
        model_refilter(m);
        struct task_filter fl;
        struct task_list l = {0};
        task_filter_init(&fl);
        fl.report_id = m->report_id;
        fl.dept = cases[c].dept[0] ? cases[c].dept : NULL;
        fl.status = cases[c].status;
        fl.overdue = cases[c].overdue;
        fl.today = m->today;
        int rc = db_task_list(f->db, &fl, &l, f->err, sizeof f->err);
        assert_true(rc == FU_OK || (rc == FU_NOTFOUND && c == 6));
        size_t k = 0, matched = 0;
        int counts[ST_COUNT] = {0};
        for (size_t i = 0; i < model_count(m); i++) {
            int want = k < l.n && l.v[k].id == m->ix.v[i].id;
            assert_int_equal(m->match[i], want);
            if (want) {
                k++;
                matched++;
                if (m->ix.v[i].kind == KIND_ITEM)
                    counts[m->ix.v[i].status]++;
            }
        }
        assert_int_equal(k, l.n);
        assert_memory_equal(counts, m->counts, sizeof counts);
        if (c == 0 || c == 2 || c == 4)
            assert_true(matched > 0);
        task_list_fini(&l);
    }
}

/* ---- the search ------------------------------------------------------------------- */

static int has(const struct task *t, const char *q)
{
    if (text_contains_ci(t->code, q) || text_contains_ci(t->text, q) ||
        text_contains_ci(t->body, q) || text_contains_ci(t->lead, q))
        return 1;
    for (size_t k = 0; k < t->nsupport; k++)
        if (text_contains_ci(t->support[k], q))
            return 1;
    return 0;
}

/* The walk model_find stands for: from from, wrapping round. */
static size_t walk(const struct model *m, const struct task_list *l, size_t from, int dir,
                   int include_from, const char *q)
{
    size_t n = l->n;
    for (size_t step = include_from ? 0 : 1; step <= n; step++) {
        size_t i = dir > 0 ? (from + step) % n : (from + n - step % n) % n;
        if (m->shown[i] && has(&l->v[i], q))
            return i;
    }
    return MODEL_NONE;
}

static void search_is_a_walk(void **state)
{
    struct fx *f = *state;
    struct model *m = &f->m;
    struct task_list l;
    load_list(f, &l);
    static const char *const qs[] = {"科技金融", "fintech", "区财政", "2.17", "第105条",
                                     "没有这句", "%", "营商"};
    for (int filtered = 0; filtered < 2; filtered++) {
        m->filter.status = filtered ? ST_ACTIVE : -1;
        model_refilter(m);
        for (size_t qi = 0; qi < sizeof qs / sizeof qs[0]; qi++)
            for (size_t from = 0; from < l.n; from += 37)
                for (int dir = -1; dir <= 1; dir += 2)
                    for (int inc = 0; inc < 2; inc++)
                        assert_int_equal(model_find(m, from, dir, inc, qs[qi]),
                                         walk(m, &l, from, dir, inc, qs[qi]));
    }
    task_list_fini(&l);
}

/* What the database's LIKE scan (db_task_search) finds for q: the task
 * indices, ascending, into out; how many. */
static size_t db_answer(struct fx *f, const char *q, size_t *out)
{
    struct model *m = &f->m;
    long long seqs[64], lo = 0;
    size_t n = 0, got = 0, i = 0;
    /* a batch holds the nearest matches: ask again after the last one */
    while (db_task_search(f->db, m->report_id, lo, LLONG_MAX, 0, q, seqs, 64, &n, f->err,
                          sizeof f->err) == FU_OK && n > 0) {
        for (size_t k = 0; k < n; k++) {
            while (i < m->ix.n && m->ix.v[i].seq < seqs[k])
                i++;
            assert_true(i < m->ix.n && m->ix.v[i].seq == seqs[k]);
            assert_true(got < 4096);
            out[got++] = i;
        }
        lo = seqs[n - 1] + 1;
    }
    return got;
}

/* The model's answer for q (all shown) is the database's: the count, the
 * place of every match, the first match from several tasks. */
static void same_as_db(struct fx *f, const char *q)
{
    struct model *m = &f->m;
    size_t want[4096], nw = db_answer(f, q, want), before = 0;
    assert_int_equal(model_count_matches(m, q, m->ix.n, 1u << 30, &before), nw);
    assert_int_equal(m->texts.state, 1);     /* answered from memory */
    assert_int_equal(before, nw);
    for (size_t k = 0; k < nw; k++) {
        assert_int_equal(model_count_matches(m, q, want[k], 1u << 30, &before), nw);
        assert_int_equal(before, k + 1);
    }
    for (size_t from = 0; from < m->ix.n; from += 29) {
        size_t k = 0;
        while (k < nw && want[k] < from)
            k++;
        size_t next = nw == 0 ? MODEL_NONE : k < nw ? want[k] : want[0];
        assert_int_equal(model_find(m, from, 1, 1, q), next);
    }
}

static void search_in_memory_is_the_databases(void **state)
{
    struct fx *f = *state;
    struct model *m = &f->m;
    struct actor a = alice();
    /* the words as typed, one character at a time, and back */
    static const char *const typed[] = {"科", "科技", "科技金", "科技金融", "科技", "科",
                                        "区", "区财", "区财政", "区财政局", "局", "知识产权局",
                                        "F", "Fi", "fin", "FINTECH", "1", "1.", "2.1", "第",
                                        "第10", "条。", "。", "%", "_", "没", "没有这句"};
    for (size_t k = 0; k < sizeof typed / sizeof *typed; k++)
        same_as_db(f, typed[k]);
    /* another user makes 区商务委 support a task and leads one by 区财政局:
     * the departments' part follows the refresh, the texts stay */
    struct task_list l;
    load_list(f, &l);
    const char *sup[] = {"区商务委"};
    assert_int_equal(db_task_assign(f->db, &a, l.v[5].id, "区财政局", sup, 1, 1, NULL, 0, f->err,
                                    sizeof f->err), FU_OK);
    task_list_fini(&l);
    size_t loads = m->loads;
    assert_int_equal(model_refresh(m, f->db, f->err, sizeof f->err), FU_OK);
    assert_int_equal(m->loads, loads);       /* one task read again, not the index */
    same_as_db(f, "区商务");
    same_as_db(f, "财政");
    /* a word with a control character goes to the database, as before */
    assert_int_equal(model_find(m, 0, 1, 1, "科\t技"), MODEL_NONE);
}

/* ---- following other users' changes -------------------------------------------- */

/* m holds what a model read afresh holds: every node, every supporting
 * department, the filter's marks and counts. */
static void same_as_fresh(struct fx *f, struct model *m)
{
    struct model fresh;
    model_init(&fresh, 7);
    fresh.report_id = m->report_id;
    fresh.filter = m->filter;
    assert_int_equal(model_load(&fresh, f->db, f->err, sizeof f->err), FU_OK);
    assert_int_equal(m->ix.n, fresh.ix.n);
    for (size_t i = 0; i < m->ix.n; i++) {
        const struct task_node *a = &m->ix.v[i], *b = &fresh.ix.v[i];
        assert_int_equal(a->id, b->id);
        assert_int_equal(a->status, b->status);
        assert_int_equal(a->lead, b->lead);
        assert_string_equal(a->due, b->due);
        assert_int_equal(a->parent_id, b->parent_id);
        assert_int_equal(m->match[i], fresh.match[i]);
        assert_int_equal(m->shown[i], fresh.shown[i]);
    }
    assert_int_equal(m->ix.nsupport, fresh.ix.nsupport);
    for (size_t k = 0; k < m->ix.nsupport; k++) {
        assert_int_equal(m->ix.support[k].task, fresh.ix.support[k].task);
        assert_int_equal(m->ix.support[k].dept, fresh.ix.support[k].dept);
    }
    assert_memory_equal(m->counts, fresh.counts, sizeof m->counts);
    assert_int_equal(m->nrows, fresh.nrows);
    assert_true(m->wlead >= fresh.wlead);
    model_fini(&fresh);
}

/* Another process changes a status, a lead, supporting departments, a
 * due date and adds a note: the model reads those five tasks again and
 * nothing else (no whole index), and then holds what a fresh read holds,
 * under a filter that the changes move tasks in and out of; rows already
 * drawn are read again. What the history cannot carry (a new department,
 * a change that wrote no history row, a revised report) reads it all. */
static void refresh_reads_what_changed(void **state)
{
    struct fx *f = *state;
    struct model *m = &f->m;
    struct db *other;
    struct actor a = alice();
    struct task_list l;
    load_list(f, &l);
    assert_int_equal(db_open(&other, f->path, 0, f->err, sizeof f->err), FU_OK);
    snprintf(m->filter.dept, sizeof m->filter.dept, "区商务委");
    model_refilter(m);
    const struct task *t = model_task(m, 10);
    assert_non_null(t);
    enum task_status was = t->status;
    size_t loads = m->loads, reads = m->reads;
    long long seen = m->ix.seen;
    const char *sup[] = {"区商务委", "区财政局"};
    enum task_status to = was == ST_DELAYED ? ST_ACTIVE : ST_DELAYED;
    assert_int_equal(db_task_set_status(other, &a, l.v[10].id, to, NULL, 0, f->err,
                                        sizeof f->err), FU_OK);
    const char *lead = l.v[20].lead && !strcmp(l.v[20].lead, "区商务委") ? "区财政局" : "区商务委";
    assert_int_equal(db_task_assign(other, &a, l.v[20].id, lead, NULL, 0, 0, NULL, 0, f->err,
                                    sizeof f->err), FU_OK);
    assert_int_equal(db_task_assign(other, &a, l.v[30].id, NULL, sup, 2, 1, NULL, 0, f->err,
                                    sizeof f->err), FU_OK);
    assert_int_equal(db_task_assign(other, &a, l.v[40].id, NULL, NULL, 0, 0, "2001-02-03", 0,
                                    f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_task_add_note(other, &a, l.v[50].id, "进展顺利", f->err,
                                      sizeof f->err), FU_OK);
    assert_int_equal(model_refresh(m, f->db, f->err, sizeof f->err), FU_OK);
    assert_int_equal(m->loads, loads);                 /* no whole index */
    /* those tasks (and the lead's, which its sentences follow), each once */
    char q[160];
    snprintf(q, sizeof q, "SELECT count(DISTINCT task_id) FROM history WHERE id > %lld", seen);
    long long named = raw_int(f->path, q);
    assert_true(named >= 5);
    assert_int_equal(m->refreshed, named);
    same_as_fresh(f, m);
    t = model_task(m, 10);
    assert_int_equal(t->status, to);                   /* the row drawn is read again */
    assert_int_equal(m->reads, reads + 1);
    /* a department, a raw change, a revised report: all of it again */
    assert_int_equal(db_dept_add(other, &a, "区新设局", f->err, sizeof f->err), FU_OK);
    assert_int_equal(model_refresh(m, f->db, f->err, sizeof f->err), FU_OK);
    assert_int_equal(m->loads, loads + 1);
    same_as_fresh(f, m);
    db_close(other);
    raw_exec(f->path, "UPDATE tasks SET status = 'done' WHERE id % 5 = 0");
    assert_int_equal(model_refresh(m, f->db, f->err, sizeof f->err), FU_OK);
    assert_int_equal(m->loads, loads + 2);
    same_as_fresh(f, m);
    task_list_fini(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(index_is_the_list, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_are_read_when_shown, setup, teardown),
        cmocka_unit_test_setup_teardown(filter_is_the_databases, setup, teardown),
        cmocka_unit_test_setup_teardown(search_is_a_walk, setup, teardown),
        cmocka_unit_test_setup_teardown(search_in_memory_is_the_databases, setup, teardown),
        cmocka_unit_test_setup_teardown(refresh_reads_what_changed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
