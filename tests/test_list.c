/* list, streamed: db_task_each gives the tasks, fields and order that
 * db_task_list gives for every filter; the streaming writer (list_out_*)
 * prints what list printed before it streamed (a stored table of the
 * sample, tests/fixtures/list-sample.txt, made by the loading version);
 * the fast path for clean text (text_is_clean) writes exactly what
 * sanitising and JSON escaping would; and schema v3's CHECKs (OR chains
 * for the IN lists, which made every write build temporary tables) refuse
 * what v2's refused, on new and migrated files; and the interface's index
 * (db_task_index) and search (db_task_search) agree with the loaded list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>   /* only to look at the schema behind db/'s back */

#include "cli/cli.h"
#include "host/config.h"
#include "util/err.h"
#include "util/json.h"
#include "parse/parse.h"
#include "util/text.h"
#include "db/db.h"
#include "db/db_import.h"
#include "db/db_index.h"
#include "db/db_task.h"
#include "db/db_verify.h"
#include "report/list_out.h"
#include "readers/read.h"

#define SAMPLE "data/jingan-2024-3.txt"

struct fx {
    char dir[64], path[128];
    struct db *db;
    struct config cfg;
    struct cli cli;
    char err[FU_ERRLEN];
};

static struct actor alice(void)
{
    struct actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.login, sizeof a.login, "alice");
    return a;
}

/* A second report whose texts need sanitising and escaping. */
static struct stmt hs[] = {
    {.code = "1.1.1", .kind = STMT_COMMITMENT, .text = "加快\x1b[31m红色\x1b[0m推进,\"引号\"。"},
    {.code = "1.1.2", .kind = STMT_COMMITMENT, .text = "=1+1 公式,逗号\\反斜杠。"},
    {.code = "1.1.3", .kind = STMT_COMMITMENT, .text = "双向\xe2\x80\xae覆盖\xe2\x80\xa8分行。"},
    {.code = "1.1.4", .kind = STMT_COMMITMENT, .text = "tab\there\rcr 与 DEL\x7f 和 C1\xc2\x9b。"},
};
static struct node hn_children[] = {
    {.code = "1.1", .depth = 1, .title = "引号\"与,逗号", .owner = "区科委", .stmts = hs,
     .nstmts = 4},
};
static struct node hn[] = {
    {.code = "1", .title = "-负号开头", .children = hn_children, .nchildren = 1},
};
static struct doc hostile = {
    .meta = {.title = "含特殊字符的报告", .doc_no = "静府议〔2024〕99号"},
    .nodes = hn, .nnodes = 1,
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct actor a = alice();
    struct doc d;
    struct parse_opts opts = {0};
    struct import_stats st;
    *state = f;
    snprintf(f->dir, sizeof f->dir, "/tmp/fu-list-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    if (config_load("config.ini", &f->cfg, f->err, sizeof f->err) != FU_OK)
        goto fail;
    config_parse_opts(&f->cfg, &opts);
    if (db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err) != FU_OK ||
        db_bootstrap(f->db, "alice", (const char *const *)f->cfg.departments,
                     f->cfg.ndepartments, f->err, sizeof f->err) != FU_OK ||
        fmt_parse_file(SAMPLE, FK_TEXT, &opts, &d, f->err, sizeof f->err) != FU_OK)
        goto fail;
    int rc = db_import(f->db, &a, &d, &st, f->err, sizeof f->err);
    doc_fini(&d);
    if (rc != FU_OK || db_import(f->db, &a, &hostile, &st, f->err, sizeof f->err) != FU_OK)
        goto fail;
    f->cli.db = f->db;
    f->cli.prog = "followup";
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
    config_fini(&f->cfg);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* Statuses, due dates, supporting departments and a withdrawn-free mix,
 * so that every column and filter has something to show. */
static void vary(struct fx *f)
{
    struct actor a = alice();
    struct task_list l;
    const char *sup[] = {"区财政局", "区知识产权局"};
    assert_int_equal(db_task_list(f->db, NULL, &l, f->err, sizeof f->err), FU_OK);
    for (size_t i = 0; i < l.n; i++) {
        const struct task *t = &l.v[i];
        if (i % 3 == 1)
            assert_int_equal(db_task_assign(f->db, &a, t->id, NULL, sup, 1 + i % 2, 1,
                                            i % 2 ? "2024-06-30" : "2026-01-31", 0, f->err,
                                            sizeof f->err), FU_OK);
        if (i % 4 == 2)
            assert_int_equal(db_task_set_status(f->db, &a, t->id, ST_ACTIVE, NULL, 0, f->err,
                                                sizeof f->err), FU_OK);
    }
    task_list_fini(&l);
}

/* ---- db_task_each against db_task_list ---------------------------------------- */

struct collected {
    struct task_list l;
};

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int collect(const struct task *t, void *ctx)
{
    struct collected *c = ctx;
    struct task_list *l = &c->l;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    struct task *o = &l->v[l->n++];
    *o = *t;                               /* scalars and fixed buffers */
    o->text = strdup(t->text);
    o->lead = dup_or_null(t->lead);
    o->body = o->suggested_owner = o->metrics = NULL;
    o->support = t->nsupport ? calloc(t->nsupport, sizeof *o->support) : NULL;
    for (size_t k = 0; k < t->nsupport; k++)
        o->support[k] = strdup(t->support[k]);
    return FU_OK;
}

static void same_tasks(const struct task_list *a, const struct task_list *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const struct task *x = &a->v[i], *y = &b->v[i];
        assert_int_equal(x->id, y->id);
        assert_string_equal(x->uuid, y->uuid);
        assert_int_equal(x->report_id, y->report_id);
        assert_int_equal(x->parent_id, y->parent_id);
        assert_int_equal(x->depth, y->depth);
        assert_string_equal(x->code, y->code);
        assert_int_equal(x->kind, y->kind);
        assert_string_equal(x->text, y->text);
        assert_int_equal(x->status, y->status);
        assert_true((!x->lead && !y->lead) || (x->lead && y->lead && !strcmp(x->lead, y->lead)));
        assert_int_equal(x->nsupport, y->nsupport);
        for (size_t k = 0; k < x->nsupport; k++)
            assert_string_equal(x->support[k], y->support[k]);
        assert_string_equal(x->due, y->due);
        assert_int_equal(x->version, y->version);
        assert_int_equal(x->withdrawn, y->withdrawn);
    }
}

static struct task_filter filter_no(int k)
{
    struct task_filter f;
    task_filter_init(&f);
    switch (k) {
    case 0: break;
    case 1: f.dept = "区科委"; break;
    case 2: f.dept = "区知识产权局"; f.status = ST_ACTIVE; break;
    case 3: f.status = ST_TODO; f.kind = KIND_STATEMENT; break;
    case 4: f.search = "科技"; break;
    case 5: f.search = "FINTECH"; break;
    case 6: f.search = "%_\\"; break;
    case 7: f.search = "1.2"; f.report_id = 1; break;
    case 8: f.overdue = 1; f.today = "2025-01-01"; break;
    case 9: f.report_id = 2; f.include_withdrawn = 1; break;
    case 10: f.search = "\"引号\""; break;
    default: f.dept = "区财政局"; f.search = "区"; break;
    }
    return f;
}
#define NFILTERS 12

static void each_equals_list(void **state)
{
    struct fx *f = *state;
    vary(f);
    for (int k = 0; k < NFILTERS; k++) {
        struct task_filter fl = filter_no(k);
        struct task_list l;
        struct collected c = {0};
        assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
        assert_int_equal(db_task_each(f->db, &fl, collect, &c, f->err, sizeof f->err), FU_OK);
        same_tasks(&l, &c.l);
        if (k == 0 || k == 4)
            assert_true(l.n > 0);
        task_list_fini(&l);
        task_list_fini(&c.l);
    }
}

static int stop_after_two(const struct task *t, void *ctx)
{
    (void)t;
    return ++*(int *)ctx == 2 ? FU_CONFLICT : FU_OK;
}

static void each_stops_and_fails_cleanly(void **state)
{
    struct fx *f = *state;
    struct task_filter fl;
    int n = 0;
    task_filter_init(&fl);
    assert_int_equal(db_task_each(f->db, &fl, stop_after_two, &n, f->err, sizeof f->err),
                     FU_CONFLICT);
    assert_int_equal(n, 2);
    fl.dept = "区不存在局";
    n = 0;
    assert_int_equal(db_task_each(f->db, &fl, stop_after_two, &n, f->err, sizeof f->err),
                     FU_NOTFOUND);
    assert_int_equal(n, 0);
    task_filter_init(&fl);
    fl.today = "soon";
    assert_int_equal(db_task_each(f->db, &fl, stop_after_two, &n, f->err, sizeof f->err),
                     FU_USAGE);
}

/* ---- the writer ------------------------------------------------------------------ */

/* The output of list for filter fl in format fmt, streamed (each = 1) or
 * through a loaded list; malloc'd. */
static char *render(struct fx *f, const struct task_filter *fl, enum list_format fmt, int each)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    if (each) {
        struct list_out *o = list_out_new(f->cli.zh, fmt, out);
        assert_non_null(o);
        int rc = db_task_each(f->db, fl, list_out_task, o, f->err, sizeof f->err);
        assert_int_equal(rc, FU_OK);
        assert_int_equal(list_out_end(o, 1), FU_OK);
    } else {
        struct task_list l;
        assert_int_equal(db_task_list(f->db, fl, &l, f->err, sizeof f->err), FU_OK);
        list_print(f->cli.zh, &l, fmt, out);
        task_list_fini(&l);
    }
    fclose(out);
    return buf;
}

static void stream_prints_what_list_printed(void **state)
{
    struct fx *f = *state;
    /* before anything changed: the stored table of the sample */
    struct task_filter fl;
    task_filter_init(&fl);
    fl.report_id = 1;
    FILE *fx = fopen("tests/fixtures/list-sample.txt", "r");
    assert_non_null(fx);
    char want[65536];
    size_t n = fread(want, 1, sizeof want - 1, fx);
    want[n] = '\0';
    fclose(fx);
    unsetenv("COLUMNS");
    char *got = render(f, &fl, FMT_TABLE, 1);
    if (getenv("FOLLOWUP_UPDATE_GOLDEN")) {   /* after an intended change of the sample */
        FILE *o = fopen("tests/fixtures/list-sample.txt", "w");
        assert_non_null(o);
        fputs(got, o);
        fclose(o);
        strcpy(want, got);
    }
    assert_string_equal(got, want);
    free(got);
    /* every format and filter: streamed == loaded */
    vary(f);
    for (int k = 0; k < NFILTERS; k++)
        for (int fmt = FMT_TABLE; fmt <= FMT_JSON; fmt++) {
            struct task_filter g = filter_no(k);
            char *a = render(f, &g, (enum list_format)fmt, 0);
            char *b = render(f, &g, (enum list_format)fmt, 1);
            assert_string_equal(a, b);
            free(a);
            free(b);
        }
    /* the hostile report: escapes sanitised in the table, quoted in CSV,
     * escaped in JSON, whatever the path */
    task_filter_init(&fl);
    fl.report_id = 2;
    char *t = render(f, &fl, FMT_TABLE, 1), *c = render(f, &fl, FMT_CSV, 1),
         *j = render(f, &fl, FMT_JSON, 1);
    assert_null(strchr(t, '\x1b'));
    assert_non_null(strstr(t, "^[[31m"));
    assert_non_null(strstr(t, "<U+202E>"));
    assert_non_null(strstr(c, "\"'=1+1 公式,逗号\\反斜杠。\""));
    assert_non_null(strstr(c, "\"引号\"\"与,逗号\""));
    assert_non_null(strstr(j, "\\u001b[31m"));
    assert_non_null(strstr(j, "\\u2028"));
    assert_non_null(strstr(j, "逗号\\\\反斜杠"));
    free(t);
    free(c);
    free(j);
}

/* An empty result: the CSV head, "[]" for JSON, nothing for the table;
 * and nothing at all when the writer ends with an error. */
static void stream_empty_and_error(void **state)
{
    struct fx *f = *state;
    struct task_filter fl;
    task_filter_init(&fl);
    fl.search = "没有这样的文字";
    char *t = render(f, &fl, FMT_TABLE, 1), *c = render(f, &fl, FMT_CSV, 1),
         *j = render(f, &fl, FMT_JSON, 1);
    assert_string_equal(t, "");
    assert_string_equal(c, "uuid,report,code,kind,text,status,lead,support,due,version,light\r\n");
    assert_string_equal(j, "[]\n");
    free(t);
    free(c);
    free(j);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    struct list_out *o = list_out_new(f->cli.zh, FMT_JSON, out);
    assert_int_equal(list_out_end(o, 0), FU_OK);
    fclose(out);
    assert_int_equal(len, 0);
    free(buf);
}

/* ---- the clean-text fast path ------------------------------------------------------ */

static void clean_text_is_what_sanitising_leaves(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "", "plain ascii", "中文,标点。", "\"quoted\"", "back\\slash", "tab\t", "nl\n",
        "esc\x1b[0m", "del\x7f", "c1\xc2\x9b", "nbsp\xc2\xa0", "bidi\xe2\x80\xae", "lre\xe2\x80\xaa",
        "pdf\xe2\x80\xac", "iso\xe2\x81\xa6", "ls\xe2\x80\xa8", "ps\xe2\x80\xa9", "zwj\xe2\x80\x8d",
        "bad\xff", "cut\xe4\xb8", "overlong\xc0\xaf", "surrogate\xed\xa0\x80", "emoji\xf0\x9f\x98\x80",
        "fffd\xef\xbf\xbd", "space ", "~\x7e", "\x1f", " \x20",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i];
        int plain = -1;
        char san[256];
        text_sanitize(s, san, sizeof san);
        int clean = text_is_clean(s, &plain);
        assert_int_equal(clean, strcmp(san, s) == 0);
        if (!clean)
            continue;
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        json_str(out, s);
        fclose(out);
        char want[300];
        snprintf(want, sizeof want, "\"%s\"", s);
        assert_int_equal(plain, strcmp(buf, want) == 0);
        free(buf);
    }
}

/* ---- the interface's index and search ------------------------------------------- */

static const char *dept_name(const struct task_index *x, long long id)
{
    for (size_t i = 0; i < x->ndepts; i++)
        if (x->depts[i].id == id)
            return x->depts[i].name;
    return NULL;
}

static int matches(const struct task *t, const char *q)
{
    if (text_contains_ci(t->code, q) || text_contains_ci(t->text, q) ||
        text_contains_ci(t->body, q) || text_contains_ci(t->lead, q))
        return 1;
    for (size_t k = 0; k < t->nsupport; k++)
        if (text_contains_ci(t->support[k], q))
            return 1;
    return 0;
}

/* The index holds what the loaded list holds, task for task; the search
 * finds exactly the tasks whose texts contain the words, in both orders,
 * within the range asked and no more than asked. */
static void index_and_search(void **state)
{
    struct fx *f = *state;
    vary(f);
    for (long long r = 1; r <= 2; r++) {
        struct task_filter fl;
        struct task_list l;
        struct task_index x;
        task_filter_init(&fl);
        fl.report_id = r;
        assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
        assert_int_equal(db_task_index(f->db, r, &x, f->err, sizeof f->err), FU_OK);
        assert_int_equal(x.n, l.n);
        size_t k = 0;
        for (size_t i = 0; i < l.n; i++) {
            const struct task *t = &l.v[i];
            const struct task_node *nd = &x.v[i];
            assert_int_equal(nd->id, t->id);
            assert_int_equal(nd->parent_id, t->parent_id);
            assert_int_equal(nd->depth, t->depth);
            assert_int_equal(nd->kind, t->kind);
            assert_int_equal(nd->status, t->status);
            assert_int_equal(nd->code_len, strlen(t->code));
            assert_string_equal(nd->due, t->due);
            if (i)
                assert_true(nd->seq > x.v[i - 1].seq);
            if (t->lead)
                assert_string_equal(dept_name(&x, nd->lead), t->lead);
            else
                assert_int_equal(nd->lead, 0);
            for (size_t j = 0; j < t->nsupport; j++, k++) {
                assert_true(k < x.nsupport);
                assert_int_equal(x.support[k].task, i);
                assert_string_equal(dept_name(&x, x.support[k].dept), t->support[j]);
            }
        }
        assert_int_equal(k, x.nsupport);
        /* children, through tasks_parent */
        for (size_t i = 0; i < l.n; i++) {
            struct task_list ch;
            size_t j = 0;
            assert_int_equal(db_task_children(f->db, l.v[i].id, &ch, f->err, sizeof f->err),
                             FU_OK);
            assert_int_equal(ch.n, (size_t)l.v[i].nchildren);
            for (size_t c = 0; c < l.n; c++)
                if (l.v[c].parent_id == l.v[i].id) {
                    assert_true(j < ch.n);
                    assert_int_equal(ch.v[j++].id, l.v[c].id);
                }
            assert_int_equal(j, ch.n);
            task_list_fini(&ch);
        }
        static const char *const qs[] = {"科技", "区财政局", "fintech", "1.2", "%", "\\", "没有"};
        for (size_t qi = 0; qi < sizeof qs / sizeof qs[0]; qi++) {
            long long seqs[512];
            size_t n = 0, want = 0;
            assert_int_equal(db_task_search(f->db, r, 0, 1LL << 40, 0, qs[qi], seqs, 512, &n,
                                            f->err, sizeof f->err), FU_OK);
            for (size_t i = 0; i < l.n; i++)
                if (matches(&l.v[i], qs[qi])) {
                    assert_true(want < n);
                    assert_int_equal(seqs[want], x.v[i].seq);
                    want++;
                }
            assert_int_equal(n, want);
            if (n < 3)
                continue;
            /* descending from the middle, at most two */
            size_t got;
            long long back[2];
            assert_int_equal(db_task_search(f->db, r, 0, seqs[n - 1] - 1, 1, qs[qi], back, 2,
                                            &got, f->err, sizeof f->err), FU_OK);
            assert_int_equal(got, 2);
            assert_int_equal(back[0], seqs[n - 2]);
            assert_int_equal(back[1], seqs[n - 3]);
        }
        task_index_fini(&x);
        task_list_fini(&l);
    }
}

/* ---- schema v3: tasks' CHECKs without IN lists ---------------------------------- */

static char *tasks_sql(const char *path)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    char *sql = NULL;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema WHERE name = 'tasks'",
                                        -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        sql = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    assert_non_null(sql);
    return sql;
}

/* 1 when the raw statement fails (a CHECK refused it). */
static int refused(const char *path, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
    return rc != SQLITE_OK;
}

static void checks_hold(const char *path)
{
    char *sql = tasks_sql(path);
    assert_null(strstr(sql, " IN ('section'"));
    assert_null(strstr(sql, "IN\n    ('todo'"));
    assert_non_null(strstr(sql, "kind = 'section' OR kind = 'item' OR kind = 'statement'"));
    assert_non_null(strstr(sql, "status = 'todo' OR status = 'active'"));
    free(sql);
    assert_true(refused(path, "UPDATE tasks SET status = 'finished' WHERE id = 1"));
    assert_true(refused(path, "UPDATE tasks SET kind = 'chapter' WHERE id = 1"));
    assert_true(refused(path, "UPDATE tasks SET stmt_kind = 'wish' WHERE id = 1"));
    assert_false(refused(path, "UPDATE tasks SET status = 'delayed' WHERE id = 1"));
    /* v4: the interface's covering index */
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                        " AND name = 'tasks_tree'", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(h);
}

static void schema_v3_checks(void **state)
{
    struct fx *f = *state;
    checks_hold(f->path);
    /* a version 2 file, as made before: its IN lists back, then opened */
    db_close(f->db);
    f->db = NULL;
    sqlite3 *h;
    assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
        "DROP TABLE progress; DROP TABLE targets;"                              /* v11's */
        "DROP INDEX tasks_tree; DROP TABLE task_fts; DROP TABLE extensions;"   /* v4-6's */
        "DROP TABLE dept_quotas;"                                               /* v10's */
        "DROP INDEX reports_register; ALTER TABLE reports DROP COLUMN register;"   /* v9's */
        " ALTER TABLE reports DROP COLUMN hand; ALTER TABLE tasks DROP COLUMN source;"
        " ALTER TABLE tasks DROP COLUMN hand; ALTER TABLE departments DROP COLUMN retired_at;"
        " ALTER TABLE departments DROP COLUMN merged_into; ALTER TABLE notes DROP COLUMN struck_at;"
        " ALTER TABLE notes DROP COLUMN struck_by; ALTER TABLE notes DROP COLUMN struck_reason;"
        "DROP TABLE attachments; DROP TABLE cycles; DROP TABLE instructions;"
        "DROP INDEX tasks_heads; DROP INDEX tasks_due;"                         /* v8's */
        "CREATE INDEX tasks_due ON tasks(due) WHERE due IS NOT NULL;"
        "PRAGMA writable_schema = ON;"
        "UPDATE sqlite_schema SET sql = replace(replace(replace(sql,"
        " 'CHECK (kind = ''section'' OR kind = ''item'' OR kind = ''statement'')',"
        " 'CHECK (kind IN (''section'', ''item'', ''statement''))'),"
        " 'CHECK (stmt_kind = ''commitment'' OR stmt_kind = ''fact'' OR stmt_kind = ''context'')',"
        " 'CHECK (stmt_kind IN (''commitment'', ''fact'', ''context''))'),"
        " 'CHECK (status = ''todo'' OR status = ''active'' OR status = ''ongoing''\n"
        "    OR status = ''delayed'' OR status = ''submitted'' OR status = ''done'')',"
        " 'CHECK (status IN\n    (''todo'', ''active'', ''ongoing'', ''delayed'', ''submitted'', ''done''))')"
        " WHERE name = 'tasks';"
        /* and v5's metrics CHECK back */
        "UPDATE sqlite_schema SET sql = replace(sql,"
        " 'metrics TEXT,                        -- JSON, as followup writes it',"
        " 'metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),') WHERE name = 'tasks';"
        "PRAGMA writable_schema = RESET; PRAGMA user_version = 2;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    char *old = tasks_sql(f->path);
    assert_non_null(strstr(old, "CHECK (status IN\n    ('todo'"));
    free(old);
    assert_int_equal(db_open(&f->db, f->path, 0, f->err, sizeof f->err), FU_OK);
    checks_hold(f->path);
    long long rows;
    char head[65];
    assert_int_equal(db_verify(f->db, &rows, head, f->err, sizeof f->err), FU_OK);
}

/* Each command is a short connection: the WAL stays between them (no
 * disk syncs to delete and remake it), checkpointed and cut to 4 MiB. */
static void wal_kept_small(void **state)
{
    struct fx *f = *state;
    char wal[160];
    struct stat st;
    db_close(f->db);
    f->db = NULL;
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    assert_int_equal(stat(wal, &st), 0);
    assert_true(st.st_size <= 4194304);
    assert_int_equal(db_open(&f->db, f->path, 0, f->err, sizeof f->err), FU_OK);
    struct task_list l;
    assert_int_equal(db_task_list(f->db, NULL, &l, f->err, sizeof f->err), FU_OK);
    assert_true(l.n > 50);
    task_list_fini(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_equals_list, setup, teardown),
        cmocka_unit_test_setup_teardown(each_stops_and_fails_cleanly, setup, teardown),
        cmocka_unit_test_setup_teardown(stream_prints_what_list_printed, setup, teardown),
        cmocka_unit_test_setup_teardown(stream_empty_and_error, setup, teardown),
        cmocka_unit_test(clean_text_is_what_sanitising_leaves),
        cmocka_unit_test_setup_teardown(schema_v3_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(index_and_search, setup, teardown),
        cmocka_unit_test_setup_teardown(wal_kept_small, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
