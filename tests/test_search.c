/* Search through the trigram index (schema v5's task_fts): list --search
 * and the interface's search (db_task_search) find exactly the tasks a
 * scan of their texts finds (ASCII letters without regard to case, LIKE's
 * own characters literal), for words of every length, before and after a
 * revised report is imported again (texts changed, tasks withdrawn, codes
 * shifted) and after a second report; the index passes FTS5's own
 * integrity check (it holds exactly the tasks' texts) after each; words of
 * three characters or more really are looked up in it; a database of
 * schema v4 gets it built when it is opened. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>   /* only to check and tamper with the index behind db/'s back */

#include "host/config.h"
#include "core/doc.h"
#include "util/err.h"
#include "parse/parse.h"
#include "db/db.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_import.h"
#include "db/db_index.h"
#include "db/db_task.h"
#include "readers/read.h"

#define SAMPLE "data/jingan-2024-3.txt"
#define ITEMS 30
#define STMTS 12       /* 30 items of 12 sentences: over 300 tasks in one report */

struct fx {
    char dir[64], path[128];
    struct db *db;
    struct config cfg;
    char err[FU_ERRLEN];
    struct node sec[2], items[ITEMS];
    struct stmt st[ITEMS][STMTS];
    struct doc big;
};

static struct actor alice(void)
{
    struct actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.login, sizeof a.login, "alice");
    return a;
}

static const char *const words[] = {"推动科技金融融合", "加快Fintech创新", "优化营商环境",
                                    "建设“数字孪生”城市", "落实50%的补贴"};

/* A large report: common words everywhere, a rare one near the end, and
 * (when revised) texts changed, items dropped and a section added in
 * front, so that codes shift. */
static void make_big(struct fx *f, int revised)
{
    static char texts[ITEMS][STMTS][96], titles[ITEMS][64];
    memset(&f->big, 0, sizeof f->big);
    memset(f->sec, 0, sizeof f->sec);
    for (int i = 0; i < ITEMS; i++) {
        struct node *it = &f->items[i];
        memset(it, 0, sizeof *it);
        snprintf(titles[i], sizeof titles[i], "第%d项工作%s", i + 1, revised && i == 3 ? "修订" : "");
        it->title = titles[i];
        it->depth = 1;
        for (int k = 0; k < STMTS; k++) {
            struct stmt *s = &f->st[i][k];
            memset(s, 0, sizeof *s);
            s->kind = STMT_COMMITMENT;
            if (i == ITEMS - 2 && k == 5)
                snprintf(texts[i][k], sizeof texts[i][k], "推进罕见词语QzX试点%s。",
                         revised ? "扩面" : "");
            else
                snprintf(texts[i][k], sizeof texts[i][k], "%s第%d句%s。",
                         words[(i + k) % 5], k + 1, revised && k == 2 ? "（修订）" : "");
            s->text = texts[i][k];
        }
        it->stmts = f->st[i];
        it->nstmts = STMTS;
    }
    int first = revised ? 1 : 0, n = revised ? ITEMS - 4 : ITEMS;   /* revised: 4 dropped */
    f->sec[0].title = "新增部分";
    f->sec[first].title = "大型报告的正文";
    f->sec[first].children = f->items + (revised ? 4 : 0);
    f->sec[first].nchildren = (size_t)n;
    for (int i = 0; i < n; i++) {
        struct node *it = &f->sec[first].children[i];
        snprintf(it->code, sizeof it->code, "%d.%d", first + 1, i + 1);
        for (int k = 0; k < STMTS; k++)
            snprintf(it->stmts[k].code, sizeof it->stmts[k].code, "%d.%d.%d", first + 1, i + 1,
                     k + 1);
    }
    for (int s = 0; s <= first; s++)
        snprintf(f->sec[s].code, sizeof f->sec[s].code, "%d", s + 1);
    f->big.meta.title = "大型报告";
    f->big.meta.doc_no = "静府议〔2024〕77号";
    f->big.nodes = f->sec;
    f->big.nnodes = (size_t)first + 1;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct actor a = alice();
    struct doc d;
    struct parse_opts opts = {0};
    struct import_stats st;
    *state = f;
    snprintf(f->dir, sizeof f->dir, "/tmp/fu-search-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    if (config_load("config.ini", &f->cfg, f->err, sizeof f->err) != FU_OK)
        goto fail;
    config_parse_opts(&f->cfg, &opts);
    make_big(f, 0);
    if (db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err) != FU_OK ||
        db_bootstrap(f->db, "alice", (const char *const *)f->cfg.departments,
                     f->cfg.ndepartments, f->err, sizeof f->err) != FU_OK ||
        db_import(f->db, &a, &f->big, &st, f->err, sizeof f->err) != FU_OK ||
        fmt_parse_file(SAMPLE, FK_TEXT, &opts, &d, f->err, sizeof f->err) != FU_OK)
        goto fail;
    int rc = db_import(f->db, &a, &d, &st, f->err, sizeof f->err);
    doc_fini(&d);
    if (rc != FU_OK)
        goto fail;
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

/* ---- the reference: a scan in C ------------------------------------------------ */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* needle in hay, ASCII letters without regard to case (as LIKE). */
static int contains(const char *hay, const char *needle)
{
    if (!hay)
        return 0;
    size_t n = strlen(needle);
    for (const char *h = hay; *h; h++) {
        size_t k = 0;
        while (k < n && h[k] && lower((unsigned char)h[k]) == lower((unsigned char)needle[k]))
            k++;
        if (k == n)
            return 1;
    }
    return n == 0;
}

static int list_matches(const struct task *t, const char *q)
{
    return contains(t->text, q) || contains(t->body, q) || contains(t->code, q) ||
           contains(t->lead, q);
}

static int tui_matches(const struct task *t, const char *q)
{
    if (list_matches(t, q))
        return 1;
    for (size_t k = 0; k < t->nsupport; k++)
        if (contains(t->support[k], q))
            return 1;
    return 0;
}

/* Every task, withdrawn ones too (list --search leaves them out). */
static void all_tasks(struct fx *f, struct task_list *l)
{
    struct task_filter fl;
    task_filter_init(&fl);
    fl.include_withdrawn = 1;
    assert_int_equal(db_task_list(f->db, &fl, l, f->err, sizeof f->err), FU_OK);
}

/* list --search q gives exactly the live tasks the scan finds, in order. */
static void list_agrees(struct fx *f, const struct task_list *all, const char *q)
{
    struct task_filter fl;
    struct task_list got;
    size_t k = 0;
    task_filter_init(&fl);
    fl.search = q;
    assert_int_equal(db_task_list(f->db, &fl, &got, f->err, sizeof f->err), FU_OK);
    for (size_t i = 0; i < all->n; i++) {
        const struct task *t = &all->v[i];
        if (t->withdrawn || !list_matches(t, q))
            continue;
        if (k >= got.n || got.v[k].id != t->id)
            fail_msg("search '%s': expected task %lld (%s) as match %zu", q, t->id, t->code, k);
        k++;
    }
    if (k != got.n)
        fail_msg("search '%s': %zu matches, the scan finds %zu", q, got.n, k);
    task_list_fini(&got);
}

/* db_task_search over a report agrees with the scan: every match
 * ascending from the start (asking again after the last, as the interface
 * does), and descending from the end. */
static void tui_agrees(struct fx *f, long long report, const char *q)
{
    struct task_filter fl;
    struct task_list l;
    struct task_index x;
    task_filter_init(&fl);
    fl.report_id = report;
    assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_task_index(f->db, report, &x, f->err, sizeof f->err), FU_OK);
    assert_int_equal(x.n, l.n);
    for (int desc = 0; desc <= 1; desc++) {
        long long lo = 0, hi = 1LL << 40;
        size_t want = 0;
        for (size_t j = 0; j < l.n; j++) {
            size_t i = desc ? l.n - 1 - j : j;
            if (!tui_matches(&l.v[i], q))
                continue;
            long long seq[3];
            size_t n = 0;
            assert_int_equal(db_task_search(f->db, report, lo, hi, desc, q, seq, 3, &n, f->err,
                                            sizeof f->err), FU_OK);
            if (n == 0 || seq[0] != x.v[i].seq)
                fail_msg("search '%s' (%s): expected %s next", q, desc ? "back" : "on",
                         l.v[i].code);
            if (desc)
                hi = seq[0] - 1;
            else
                lo = seq[0] + 1;
            want++;
        }
        long long seq[3];
        size_t n = 9;
        assert_int_equal(db_task_search(f->db, report, lo, hi, desc, q, seq, 3, &n, f->err,
                                        sizeof f->err), FU_OK);
        if (n != 0)
            fail_msg("search '%s': a match after the last one the scan finds", q);
        (void)want;
    }
    task_index_fini(&x);
    task_list_fini(&l);
}

/* FTS5's own check: the index holds exactly what tasks holds. */
static void index_in_step(const char *path)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    int rc = sqlite3_exec(h, "INSERT INTO task_fts(task_fts) VALUES ('integrity-check')",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fail_msg("the search index is out of step with the tasks: %s", sqlite3_errmsg(h));
    sqlite3_close(h);
}

static void raw(const char *path, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

/* Words to look for: pieces of 1 to 7 characters cut from the tasks'
 * texts and codes at several places, with ASCII case changed, plus words
 * that need care (every stride-th task). Calls check(f, all, word) for each. */
static void each_word(struct fx *f, const struct task_list *all, size_t stride,
                      void (*check)(struct fx *, const struct task_list *, const char *))
{
    static const char *const extra[] = {
        "fintech", "FINTECH", "FinTech创新", "qzx", "罕见词语QZX", "50%", "%的补", "_", "\\",
        "\"数字", "“数字孪生”", "区科委", "区财政局", "科委", "1.2", "2.1.", "R1:", "没有的词语",
        "数字孪生城", "a\"b", "NEAR", "AND", "*",
    };
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
        check(f, all, extra[i]);
    for (size_t i = 0; i < all->n; i += stride) {
        const char *src = i % 2 ? all->v[i].text : all->v[i].code;
        size_t len = strlen(src);
        for (size_t chars = 1; chars <= 7; chars += 2) {
            char w[64];
            size_t start = len / 3, o = 0, c = 0;
            while (start > 0 && ((unsigned char)src[start] & 0xc0) == 0x80)
                start--;
            for (size_t p = start; p < len && o + 5 < sizeof w; p++) {
                if (((unsigned char)src[p] & 0xc0) != 0x80 && c++ == chars)
                    break;
                w[o++] = (char)(i % 3 == 0 && src[p] >= 'a' && src[p] <= 'z' ? src[p] - 32
                                                                               : src[p]);
            }
            w[o] = '\0';
            if (o)
                check(f, all, w);
        }
    }
}

static void check_list(struct fx *f, const struct task_list *all, const char *q)
{
    list_agrees(f, all, q);
}

static void check_tui(struct fx *f, const struct task_list *all, const char *q)
{
    (void)all;
    tui_agrees(f, 1, q);
}

static void agree_everywhere(struct fx *f)
{
    struct task_list all;
    all_tasks(f, &all);
    each_word(f, &all, 7, check_list);
    each_word(f, &all, 41, check_tui);
    static const char *const tui_words[] = {"科技金融", "罕见词语QzX", "qzx试点", "第3句",
                                            "Fintech", "2.3", "区科委", "没有的词语", "营商"};
    for (size_t i = 0; i < sizeof tui_words / sizeof *tui_words; i++)
        tui_agrees(f, 1, tui_words[i]);
    task_list_fini(&all);
    index_in_step(f->path);
}

static void search_equals_scan(void **state)
{
    agree_everywhere(*state);
}

/* A revised report: changed texts, dropped items (withdrawn), a new
 * section in front (every code shifts); then the first version again
 * (withdrawn tasks come back). The index follows each. */
static void kept_in_step_on_reimport(void **state)
{
    struct fx *f = *state;
    struct actor a = alice();
    struct import_stats st;
    make_big(f, 1);
    assert_int_equal(db_import(f->db, &a, &f->big, &st, f->err, sizeof f->err), FU_OK);
    assert_true(st.withdrawn > 0 && st.updated > 0 && st.added > 0);
    agree_everywhere(f);
    make_big(f, 0);
    assert_int_equal(db_import(f->db, &a, &f->big, &st, f->err, sizeof f->err), FU_OK);
    assert_true(st.updated > 0);
    agree_everywhere(f);
}

/* With the index emptied behind db/'s back, words of three characters or
 * more are no longer found (they were looked up in it), shorter ones
 * still are (they are scanned for). */
static void long_words_use_the_index(void **state)
{
    struct fx *f = *state;
    struct task_filter fl;
    struct task_list l;
    long long seq[4];
    size_t n;
    task_filter_init(&fl);
    raw(f->path, "INSERT INTO task_fts(task_fts) VALUES ('delete-all')");
    fl.search = "罕见词语";
    assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
    assert_int_equal(l.n, 0);
    task_list_fini(&l);
    fl.search = "罕见";     /* the sentence and its item (whose body holds it) */
    assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
    assert_int_equal(l.n, 2);
    task_list_fini(&l);
    /* the interface reads its nearest tasks itself, the rest from the index */
    assert_int_equal(db_task_search(f->db, 1, 0, 1LL << 40, 0, "罕见词语", seq, 4, &n, f->err,
                                    sizeof f->err), FU_OK);
    assert_int_equal(n, 0);
    assert_int_equal(db_task_search(f->db, 1, 0, 1LL << 40, 0, "罕见", seq, 4, &n, f->err,
                                    sizeof f->err), FU_OK);
    assert_int_equal(n, 2);
    /* rebuilt, it finds them again */
    raw(f->path, "INSERT INTO task_fts(task_fts) VALUES ('rebuild')");
    fl.search = "罕见词语";
    assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
    assert_int_equal(l.n, 2);
    task_list_fini(&l);
}

/* A database of schema v4 (no index) gets it when opened. */
static void built_on_upgrade(void **state)
{
    struct fx *f = *state;
    db_close(f->db);
    f->db = NULL;
    /* as v4 was: without v5's index, v6's tables, v7's schema edit, v8's indexes,
     * v9's columns, v10's and v11's tables */
    raw(f->path, "DROP TABLE progress; DROP TABLE targets;"                   /* v11's */
        " DROP TABLE task_fts; DROP TABLE extensions; DROP TABLE attachments;"
        "DROP TABLE dept_quotas;"                                               /* v10's */
        "DROP INDEX reports_register; ALTER TABLE reports DROP COLUMN register;"   /* v9's */
        " ALTER TABLE reports DROP COLUMN hand; ALTER TABLE tasks DROP COLUMN source;"
        " ALTER TABLE tasks DROP COLUMN hand; ALTER TABLE departments DROP COLUMN retired_at;"
        " ALTER TABLE departments DROP COLUMN merged_into; ALTER TABLE notes DROP COLUMN struck_at;"
        " ALTER TABLE notes DROP COLUMN struck_by; ALTER TABLE notes DROP COLUMN struck_reason;"
        " DROP TABLE cycles; DROP TABLE instructions; DROP INDEX tasks_heads;"
        " DROP INDEX tasks_due; CREATE INDEX tasks_due ON tasks(due) WHERE due IS NOT NULL;"
        " PRAGMA writable_schema = ON;"
        " UPDATE sqlite_schema SET sql = replace(sql,"
        " 'metrics TEXT,                        -- JSON, as followup writes it',"
        " 'metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),') WHERE name = 'tasks';"
        " PRAGMA writable_schema = RESET; PRAGMA user_version = 4;");
    assert_int_equal(db_open(&f->db, f->path, 0, f->err, sizeof f->err), FU_OK);
    agree_everywhere(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(search_equals_scan, setup, teardown),
        cmocka_unit_test_setup_teardown(kept_in_step_on_reimport, setup, teardown),
        cmocka_unit_test_setup_teardown(long_words_use_the_index, setup, teardown),
        cmocka_unit_test_setup_teardown(built_on_upgrade, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
