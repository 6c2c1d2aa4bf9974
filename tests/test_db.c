/* db/: schema, bootstrap, import and re-import, list filters, find,
 * mutations with their history, permissions and conflicts. Each test gets
 * a fresh database in a temporary directory (tests/db_fixture.h). */
#include "tests/db_fixture.h"
#include "core/history.h"
#include "db/db_history.h"

/* The revision: 1.1.3 reworded, 1.2 gone, a new 2.1 pushes the old one to 2.2. */
static struct stmt r11[] = {
    {.code = "1.1.1", .kind = STMT_COMMITMENT, .text = "加快推动科技创新中心建设。",
     .metrics = m_fund, .nmetrics = 1, .depts = d_fin, .ndepts = 1, .due = "2024-12-31"},
    {.code = "1.1.2", .kind = STMT_FACT, .text = "已累计引进8支基金。"},
    {.code = "1.1.3", .kind = STMT_COMMITMENT, .text = "持续优化营商环境,提升服务。"},
};
static struct stmt r21[] = {
    {.code = "2.1.1", .kind = STMT_COMMITMENT, .text = "新增一项承诺。"},
};
static struct stmt r22[] = {
    {.code = "2.2.1", .kind = STMT_CONTEXT, .text = "科技金融是重大战略命题。"},
    {.code = "2.2.2", .kind = STMT_COMMITMENT, .text = "探索设立Fintech专项基金。"},
};
static struct node r1_children[] = {
    {.code = "1.1", .depth = 1, .title = "充分认识重要意义", .stmts = r11, .nstmts = 3},
};
static struct node r2_children[] = {
    {.code = "2.1", .depth = 1, .title = "新增事项", .stmts = r21, .nstmts = 1},
    {.code = "2.2", .depth = 1, .title = "推动科技金融融合", .owner = "区科委", .stmts = r22,
     .nstmts = 2},
};
static struct node nodes_v2[] = {
    {.code = "1", .title = "依据法定职责夯实工作基础", .children = r1_children, .nchildren = 1,
     .stmts = s1, .nstmts = 1},
    {.code = "2", .title = "打响科创服务品牌", .children = r2_children, .nchildren = 2},
};
static struct doc doc_v2 = {
    .meta = META_V1, .intro = intro, .nintro = 1, .nodes = nodes_v2, .nnodes = 2,
    .closing = closing, .nclosing = 1,
};

/* Another report with the same numbering, for ambiguous codes. */
static struct doc doc_other = {
    .meta = {.title = "另一份报告", .doc_no = "静府议〔2024〕9号"},
    .nodes = nodes_v1, .nnodes = 2,
};

static int count_kind(struct fx *f, int kind, int withdrawn)
{
    struct task_filter fl;
    struct task_list l;
    task_filter_init(&fl);
    fl.kind = kind;
    fl.include_withdrawn = withdrawn;
    assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
    int n = (int)l.n;
    task_list_fini(&l);
    return n;
}

/* ---- schema, bootstrap ------------------------------------------------------- */

static void schema_created(void **state)
{
    struct fx *f = *state;
    assert_int_equal(db_open(&f->db, f->path, 0, f->err, sizeof f->err), FU_NOTFOUND);
    assert_non_null(strstr(f->err, "no database at"));
    assert_int_equal(access(f->path, F_OK), -1);
    mode_t old = umask(0);
    int rc = db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err);
    umask(old);
    assert_int_equal(rc, FU_OK);
    assert_false(db_readonly(f->db));
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 11);
    assert_int_equal(raw_int(f->path, "PRAGMA application_id"), 0x464f4c55);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                             " AND name IN ('reports', 'departments', 'users', 'user_depts',"
                             " 'tasks', 'task_support', 'notes', 'history')"), 8);
    char journal[16] = "";
    sqlite3 *h;
    sqlite3_stmt *q;
    sqlite3_open(f->path, &h);
    sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &q, NULL);
    if (sqlite3_step(q) == SQLITE_ROW)
        snprintf(journal, sizeof journal, "%s", sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(h);
    assert_string_equal(journal, "wal");
    db_close(f->db);
    /* reopening migrates nothing and works read-only too */
    assert_int_equal(db_open(&f->db, f->path, DB_OPEN_READONLY, f->err, sizeof f->err), FU_OK);
    assert_true(db_readonly(f->db));
    assert_int_equal(db_bootstrap(f->db, "alice", depts, 3, f->err, sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "read-only"));
}

static void setgid_dir_gives_group_mode(void **state)
{
    struct fx *f = *state;
    if (chmod(f->dir, 02770) != 0) {
        skip();
    }
    struct stat st;
    assert_int_equal(stat(f->dir, &st), 0);
    if (!(st.st_mode & S_ISGID))
        skip();   /* not a member of the directory's group */
    mode_t old = umask(077);
    int rc = db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err);
    umask(old);
    assert_int_equal(rc, FU_OK);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0660);
}

static void bootstrap_first_user(void **state)
{
    struct fx *f = *state;
    struct user_list ul;
    struct dept_list dl;
    struct user u;
    assert_int_equal(db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err), FU_OK);
    assert_int_equal(hist_rows(f), 0);
    assert_int_equal(db_bootstrap(f->db, "alice", depts, 3, f->err, sizeof f->err), FU_OK);
    long long rows = hist_rows(f);
    assert_int_equal(rows, 4);   /* the user and three departments */
    assert_int_equal(db_bootstrap(f->db, "zed", depts, 3, f->err, sizeof f->err), FU_OK);
    assert_int_equal(hist_rows(f), rows);
    assert_int_equal(db_user_list(f->db, &ul, f->err, sizeof f->err), FU_OK);
    assert_int_equal(ul.n, 1);
    assert_string_equal(ul.v[0].login, "alice");
    assert_int_equal(ul.v[0].role, ROLE_COMMITTEE);
    user_list_fini(&ul);
    assert_int_equal(db_dept_list(f->db, &dl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(dl.n, 3);
    assert_string_equal(dl.v[1], "区财政局");
    dept_list_fini(&dl);
    struct actor zed = who("zed", NULL);
    assert_int_equal(db_user_effective(f->db, &zed, &u, f->err, sizeof f->err), FU_OK);
    assert_int_equal(u.known, 0);
    assert_int_equal(u.role, ROLE_VIEWER);
    user_fini(&u);
}

static void users_and_departments(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL), bob = who("bob", NULL);
    struct user u;
    const char *both[] = {"区科委", "区财政局"}, *nope[] = {"区不存在局"};
    long long rows = hist_rows(f);
    assert_int_equal(db_dept_add(f->db, &bob, "区审改办", f->err, sizeof f->err), FU_PERM);
    assert_int_equal(db_user_add(f->db, &bob, "x", ROLE_VIEWER, NULL, 0, f->err, sizeof f->err),
                     FU_PERM);
    assert_int_equal(hist_rows(f), rows);
    assert_int_equal(db_dept_add(f->db, &alice, "  区审改办\t", f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_dept_add(f->db, &alice, "区审改办", f->err, sizeof f->err), FU_ERR);
    assert_int_equal(db_dept_add(f->db, &alice, "   ", f->err, sizeof f->err), FU_USAGE);
    assert_int_equal(db_dept_add(f->db, &alice, "区\033[2J局", f->err, sizeof f->err), FU_USAGE);
    assert_int_equal(db_dept_add(f->db, &alice,
                                 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                                 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                                 "一二三四五", f->err, sizeof f->err), FU_USAGE);
    assert_int_equal(hist_rows(f), rows + 1);
    assert_int_equal(db_user_add(f->db, &alice, "dan", ROLE_DEPARTMENT, nope, 1, f->err,
                                 sizeof f->err), FU_NOTFOUND);
    assert_non_null(strstr(f->err, "followup dept add"));
    assert_int_equal(db_user_add(f->db, &alice, "bob", ROLE_DEPARTMENT, both, 2, f->err,
                                 sizeof f->err), FU_OK);
    assert_int_equal(db_user_effective(f->db, &bob, &u, f->err, sizeof f->err), FU_OK);
    assert_int_equal(u.known, 1);
    assert_int_equal(u.ndepts, 2);
    user_fini(&u);
    assert_int_equal(db_user_remove(f->db, &alice, "alice", f->err, sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "last committee"));
    assert_int_equal(db_user_remove(f->db, &alice, "carol", f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_user_remove(f->db, &alice, "carol", f->err, sizeof f->err), FU_NOTFOUND);
    assert_int_equal(hist_rows(f), rows + 3);
}

/* ---- import ------------------------------------------------------------------ */

static void import_builds_tasks(void **state)
{
    struct fx *f = *state;
    struct task t;
    struct report_list rl;
    assert_int_equal(count_kind(f, KIND_SECTION, 0), 2);
    assert_int_equal(count_kind(f, KIND_ITEM, 0), 3);
    assert_int_equal(count_kind(f, KIND_STATEMENT, 0), 4);
    find(f, "1.1", &t);
    assert_int_equal(t.kind, KIND_ITEM);
    assert_string_equal(t.text, "充分认识重要意义");
    assert_string_equal(t.body, "加快推动科技创新中心建设。已累计引进8支基金。持续优化营商环境。");
    assert_string_equal(t.lead, "区科委");   /* the report's lead department */
    assert_string_equal(t.suggested_due, "2024-12-31");
    assert_string_equal(t.due, "");
    assert_int_equal(t.nchildren, 2);
    assert_int_equal(t.version, 1);
    assert_int_equal(strlen(t.uuid), 36);
    task_fini(&t);
    find(f, "1.1.1", &t);
    assert_int_equal(t.kind, KIND_STATEMENT);
    assert_int_equal(t.stmt_kind, STMT_COMMITMENT);
    assert_string_equal(t.lead, "区财政局");   /* named in the sentence */
    assert_non_null(strstr(t.metrics, "\"8支\""));
    assert_null(t.body);
    task_fini(&t);
    assert_int_equal(db_task_find(f->db, "1.1.2", &t, f->err, sizeof f->err), FU_NOTFOUND);
    find(f, "1", &t);
    assert_int_equal(t.kind, KIND_SECTION);
    assert_string_equal(t.body, "这是总述。");
    assert_int_equal(t.depth, 0);
    task_fini(&t);
    find(f, "2", &t);
    assert_null(t.body);
    task_fini(&t);
    assert_int_equal(db_report_list(f->db, &rl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(rl.n, 1);
    assert_string_equal(rl.v[0].doc_no, "静府议〔2024〕3号");
    assert_string_equal(rl.v[0].intro, "现将有关情况报告如下:");
    assert_string_equal(rl.v[0].closing, "区政府将始终坚持创新驱动。");
    report_list_fini(&rl);
    struct history_list hl;
    struct history_filter hf = {0};
    assert_int_equal(db_history(f->db, &hf, &hl, f->err, sizeof f->err), FU_OK);
    assert_string_equal(hl.v[hl.n - 1].field, "import");
    assert_non_null(strstr(hl.v[hl.n - 1].new_value, "9 added"));
    history_list_fini(&hl);
}

static void reimport_identical_changes_nothing(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    struct import_stats st;
    long long rows = hist_rows(f);
    long long vsum = raw_int(f->path, "SELECT sum(version) FROM tasks");
    assert_int_equal(db_import(f->db, &alice, &doc_v1, &st, f->err, sizeof f->err), FU_OK);
    assert_int_equal(st.created_report, 0);
    assert_int_equal(st.report_id, 1);
    assert_int_equal(st.added, 0);
    assert_int_equal(st.updated, 0);
    assert_int_equal(st.withdrawn, 0);
    assert_int_equal(st.unchanged, 9);
    assert_int_equal(hist_rows(f), rows);
    assert_int_equal(raw_int(f->path, "SELECT sum(version) FROM tasks"), vsum);
}

static void reimport_revised(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    struct import_stats st;
    struct task t;
    char uuid[37];
    find(f, "2.1.2", &t);
    assert_int_equal(db_task_set_status(f->db, &alice, t.id, ST_ACTIVE, NULL, 0, f->err,
                                        sizeof f->err), FU_OK);
    snprintf(uuid, sizeof uuid, "%s", t.uuid);
    task_fini(&t);
    assert_int_equal(db_import(f->db, &alice, &doc_v2, &st, f->err, sizeof f->err), FU_OK);
    assert_int_equal(st.created_report, 0);
    assert_int_equal(st.added, 2);       /* 2.1, 2.1.1 */
    assert_int_equal(st.updated, 4);     /* 1.1 body, 1.1.3 text, 2.2 and 2.2.2 codes */
    assert_int_equal(st.withdrawn, 2);   /* 1.2, 1.2.1 */
    assert_int_equal(st.unchanged, 3);
    find(f, "2.2.2", &t);   /* the old 2.1.2, renumbered */
    assert_string_equal(t.uuid, uuid);
    assert_int_equal(t.status, ST_ACTIVE);
    task_fini(&t);
    find(f, "2.1", &t);
    assert_string_equal(t.text, "新增事项");
    assert_int_equal(t.status, ST_TODO);
    task_fini(&t);
    find(f, "1.1.3", &t);
    assert_string_equal(t.text, "持续优化营商环境,提升服务。");
    struct history_list hl;
    struct history_filter hf = {.task_id = t.id};
    assert_int_equal(db_history(f->db, &hf, &hl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(hl.n, 2);   /* the import's "created" row first */
    assert_string_equal(hl.v[1].field, "text");
    assert_string_equal(hl.v[1].old_value, "持续优化营商环境。");
    assert_string_equal(hl.v[1].task_ref, "R1:1.1.3");
    history_list_fini(&hl);
    task_fini(&t);
    /* a withdrawn code still finds its task (never another one) */
    assert_int_equal(db_task_find(f->db, "1.2", &t, f->err, sizeof f->err), FU_OK);
    assert_int_equal(t.withdrawn, 1);
    task_fini(&t);
    assert_int_equal(count_kind(f, KIND_ITEM, 0), 3);
    assert_int_equal(count_kind(f, KIND_ITEM, 1), 4);
    /* and importing the revision again changes nothing */
    long long rows = hist_rows(f);
    assert_int_equal(db_import(f->db, &alice, &doc_v2, &st, f->err, sizeof f->err), FU_OK);
    assert_int_equal(st.unchanged, 9);
    assert_int_equal(hist_rows(f), rows);
    /* the original again: withdrawn 1.2 comes back with its uuid */
    assert_int_equal(db_import(f->db, &alice, &doc_v1, &st, f->err, sizeof f->err), FU_OK);
    assert_int_equal(st.added, 0);
    find(f, "1.2.1", &t);
    assert_int_equal(t.withdrawn, 0);
    task_fini(&t);
    long long head_rows = 0;
    assert_int_equal(db_verify(f->db, &head_rows, NULL, f->err, sizeof f->err), FU_OK);
}

static void import_is_committee_only_and_atomic(void **state)
{
    struct fx *f = *state;
    struct actor bob = who("bob", NULL), alice = who("alice", NULL);
    struct import_stats st;
    long long rows = hist_rows(f);
    assert_int_equal(db_import(f->db, &bob, &doc_other, &st, f->err, sizeof f->err), FU_PERM);
    struct report_list rl;
    assert_int_equal(db_report_list(f->db, &rl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(rl.n, 1);
    report_list_fini(&rl);
    /* two parts numbered alike: an error, and nothing stored */
    struct node twins[] = {
        {.code = "1", .title = "甲", .stmts = s12, .nstmts = 1},
        {.code = "1", .title = "乙"},
    };
    struct doc bad = {.meta = {.title = "坏报告", .doc_no = "坏1号"}, .nodes = twins, .nnodes = 2};
    assert_int_equal(db_import(f->db, &alice, &bad, &st, f->err, sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "two parts 1"));
    assert_int_equal(db_report_list(f->db, &rl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(rl.n, 1);
    report_list_fini(&rl);
    assert_int_equal(hist_rows(f), rows);
}

/* ---- list and find ---------------------------------------------------------------- */

static int list_n(struct fx *f, const struct task_filter *fl)
{
    struct task_list l;
    int rc = db_task_list(f->db, fl, &l, f->err, sizeof f->err);
    if (rc != FU_OK)
        fail_msg("list: %s", f->err);
    int n = (int)l.n;
    task_list_fini(&l);
    return n;
}

static void list_filters(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    struct task_filter fl;
    struct task t;
    const char *sup[] = {"区知识产权局"};
    find(f, "2.1", &t);
    assert_int_equal(db_task_assign(f->db, &alice, t.id, NULL, sup, 1, 1, "2024-06-30", 0,
                                    f->err, sizeof f->err), FU_OK);
    task_fini(&t);
    find(f, "1.1.3", &t);
    assert_int_equal(db_task_assign(f->db, &alice, t.id, NULL, NULL, 0, 0, "2025-01-31", 0,
                                    f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_task_set_status(f->db, &alice, t.id, ST_DONE, NULL, 0, f->err,
                                        sizeof f->err), FU_OK);
    task_fini(&t);
    task_filter_init(&fl);
    assert_int_equal(list_n(f, &fl), 9);
    /* order: report, then tree order */
    struct task_list l;
    assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_OK);
    const char *order[] = {"1", "1.1", "1.1.1", "1.1.3", "1.2", "1.2.1", "2", "2.1", "2.1.2"};
    for (size_t i = 0; i < 9; i++)
        assert_string_equal(l.v[i].code, order[i]);
    assert_int_equal(l.v[1].nchildren, 2);
    assert_int_equal(l.v[1].ndone, 1);
    assert_int_equal(l.v[7].nsupport, 1);
    assert_string_equal(l.v[7].support[0], "区知识产权局");
    task_list_fini(&l);
    fl.dept = "区知识产权局";    /* 1.2, 1.2.1 lead; 2.1 support */
    assert_int_equal(list_n(f, &fl), 3);
    fl.dept = "区不存在局";
    assert_int_equal(db_task_list(f->db, &fl, &l, f->err, sizeof f->err), FU_NOTFOUND);
    task_filter_init(&fl);
    fl.status = ST_DONE;
    assert_int_equal(list_n(f, &fl), 1);
    task_filter_init(&fl);
    fl.overdue = 1;
    fl.today = "2024-07-01";   /* 2.1 due 06-30 overdue; 1.1.3 is done */
    assert_int_equal(list_n(f, &fl), 1);
    fl.today = "2024-06-30";
    assert_int_equal(list_n(f, &fl), 0);
    task_filter_init(&fl);
    fl.search = "营商环境";   /* 1.1 body and 1.1.3 text */
    assert_int_equal(list_n(f, &fl), 2);
    fl.search = "FINTECH";    /* ASCII case folded: 2.1 body and 2.1.2 */
    assert_int_equal(list_n(f, &fl), 2);
    fl.search = "区财政局";    /* lead name: 1.1.1 */
    assert_int_equal(list_n(f, &fl), 1);
    fl.search = "1.2";        /* codes 1.2, 1.2.1 and 2.1.2 */
    assert_int_equal(list_n(f, &fl), 3);
    fl.search = "1.2.1";
    assert_int_equal(list_n(f, &fl), 1);
    fl.search = "'%_\"";      /* SQL characters are only text */
    assert_int_equal(list_n(f, &fl), 0);
    task_filter_init(&fl);
    fl.kind = KIND_ITEM;
    fl.report_id = 1;
    assert_int_equal(list_n(f, &fl), 3);
    fl.report_id = 2;
    assert_int_equal(list_n(f, &fl), 0);
}

static void find_references(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    struct import_stats st;
    struct task t, u;
    char prefix[16];
    find(f, "2.1.2", &t);
    find(f, "R1:2.1.2", &u);
    assert_int_equal(t.id, u.id);
    task_fini(&u);
    snprintf(prefix, sizeof prefix, "%.8s", t.uuid);
    for (char *p = prefix; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    find(f, prefix, &u);
    assert_int_equal(u.id, t.id);
    task_fini(&u);
    find(f, t.uuid, &u);
    assert_int_equal(u.id, t.id);
    task_fini(&u);
    task_fini(&t);
    assert_int_equal(db_task_find(f->db, "9.9", &t, f->err, sizeof f->err), FU_NOTFOUND);
    assert_int_equal(db_task_find(f->db, "R7:1", &t, f->err, sizeof f->err), FU_NOTFOUND);
    assert_int_equal(db_task_find(f->db, "", &t, f->err, sizeof f->err), FU_USAGE);
    assert_int_equal(db_task_find(f->db, "R1:", &t, f->err, sizeof f->err), FU_USAGE);
    assert_int_equal(db_import(f->db, &alice, &doc_other, &st, f->err, sizeof f->err), FU_OK);
    assert_int_equal(st.created_report, 1);
    assert_int_equal(st.report_id, 2);
    assert_int_equal(db_task_find(f->db, "2.1", &t, f->err, sizeof f->err), FU_USAGE);
    assert_string_equal(f->err, "2.1 is in R1 and R2; qualify it as R1:2.1 "
                                "(`followup reports` lists the reports)");
    find(f, "R2:2.1", &t);
    assert_int_equal(t.report_id, 2);
    task_fini(&t);
    raw_exec(f->path, "UPDATE tasks SET uuid = 'deadbeef-0000-4000-8000-00000000000' || id"
                      " WHERE id IN (1, 2)");
    assert_int_equal(db_task_find(f->db, "deadbeef", &t, f->err, sizeof f->err), FU_USAGE);
    find(f, "deadbeef-0000-4000-8000-000000000002", &t);
    assert_int_equal(t.id, 2);
    task_fini(&t);
    assert_int_equal(db_task_find(f->db, "0badcafe", &t, f->err, sizeof f->err), FU_NOTFOUND);
}

/* ---- changes ---------------------------------------------------------------------- */

static void assign_with_history(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    struct task t;
    const char *sup[] = {"区科委", " 区知识产权局 ", "区科委"}, *bad[] = {"区不存在局"};
    find(f, "1.2", &t);
    long long id = t.id, v = t.version, rows = hist_rows(f);
    task_fini(&t);
    assert_int_equal(db_task_assign(f->db, &alice, id, "区财政局", sup, 3, 1, "2026-06-30", v,
                                    f->err, sizeof f->err), FU_OK);
    /* three fields, and 1.2.1, which followed 1.2's lead, follows it again */
    assert_int_equal(hist_rows(f), rows + 4);
    find(f, "1.2.1", &t);
    assert_string_equal(t.lead, "区财政局");
    task_fini(&t);
    assert_int_equal(db_task_get(f->db, id, &t, f->err, sizeof f->err), FU_OK);
    assert_string_equal(t.lead, "区财政局");
    assert_int_equal(t.nsupport, 2);
    assert_string_equal(t.support[0], "区科委");
    assert_string_equal(t.support[1], "区知识产权局");
    assert_string_equal(t.due, "2026-06-30");
    assert_int_equal(t.version, v + 1);
    task_fini(&t);
    struct history_list hl;
    struct history_filter hf = {.task_id = id};
    assert_int_equal(db_history(f->db, &hf, &hl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(hl.n, 4);   /* the import's "created" row first */
    assert_string_equal(hl.v[1].field, "lead");
    assert_string_equal(hl.v[1].old_value, "区知识产权局");
    assert_string_equal(hl.v[1].new_value, "区财政局");
    assert_string_equal(hl.v[2].field, "support");
    assert_null(hl.v[2].old_value);
    assert_string_equal(hl.v[2].new_value, "区科委,区知识产权局");
    assert_string_equal(hl.v[3].field, "due");
    assert_string_equal(hl.v[3].actor, "alice");
    assert_null(hl.v[3].as_user);
    history_list_fini(&hl);
    /* the same again: nothing changes */
    assert_int_equal(db_task_assign(f->db, &alice, id, "区财政局", sup, 2, 1, "2026-06-30", 0,
                                    f->err, sizeof f->err), FU_OK);
    assert_int_equal(hist_rows(f), rows + 4);
    /* errors write nothing */
    assert_int_equal(db_task_assign(f->db, &alice, id, "区不存在局", NULL, 0, 0, NULL, 0, f->err,
                                    sizeof f->err), FU_NOTFOUND);
    assert_string_equal(f->err, "no department '区不存在局'; add it with `followup dept add "
                                "区不存在局`");
    assert_int_equal(db_task_assign(f->db, &alice, id, "", bad, 1, 1, NULL, 0, f->err,
                                    sizeof f->err), FU_NOTFOUND);
    assert_int_equal(db_task_assign(f->db, &alice, id, NULL, NULL, 0, 0, "2026-02-30", 0,
                                    f->err, sizeof f->err), FU_USAGE);
    assert_int_equal(hist_rows(f), rows + 4);
    /* clearing: "" lead (1.2.1 follows again), no support, "" due */
    assert_int_equal(db_task_assign(f->db, &alice, id, "", NULL, 0, 1, "", 0, f->err,
                                    sizeof f->err), FU_OK);
    assert_int_equal(hist_rows(f), rows + 8);
    assert_int_equal(db_task_get(f->db, id, &t, f->err, sizeof f->err), FU_OK);
    assert_null(t.lead);
    assert_int_equal(t.nsupport, 0);
    assert_string_equal(t.due, "");
    task_fini(&t);
}

static void status_and_notes(void **state)
{
    struct fx *f = *state;
    struct actor bob = who("bob", NULL), alice_as_bob = who("alice", "bob");
    struct task t;
    struct note_list nl;
    find(f, "2.1", &t);   /* lead 区科委 = bob's department */
    long long id = t.id, rows = hist_rows(f);
    task_fini(&t);
    assert_int_equal(db_task_set_status(f->db, &bob, id, ST_ACTIVE, "已召开推进会", 0, f->err,
                                        sizeof f->err), FU_OK);
    assert_int_equal(db_task_add_note(f->db, &alice_as_bob, id, "进展顺利", f->err,
                                      sizeof f->err), FU_OK);
    assert_int_equal(db_task_set_status(f->db, &bob, id, ST_SUBMITTED, NULL, 0, f->err,
                                        sizeof f->err), FU_OK);
    assert_int_equal(hist_rows(f), rows + 3);
    assert_int_equal(db_task_get(f->db, id, &t, f->err, sizeof f->err), FU_OK);
    assert_int_equal(t.status, ST_SUBMITTED);
    assert_int_equal(t.version, 4);
    task_fini(&t);
    assert_int_equal(db_note_list(f->db, id, &nl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(nl.n, 2);
    assert_string_equal(nl.v[0].text, "已召开推进会");
    assert_string_equal(nl.v[0].author, "bob");
    assert_string_equal(nl.v[1].author, "alice as bob");
    note_list_fini(&nl);
    struct history_list hl;
    struct history_filter hf = {.task_id = id};
    assert_int_equal(db_history(f->db, &hf, &hl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(hl.n, 4);   /* the import's "created" row first */
    assert_string_equal(hl.v[1].field, "status");
    assert_string_equal(hl.v[1].old_value, "todo");
    assert_string_equal(hl.v[1].new_value, "active");
    assert_string_equal(hl.v[1].note, "已召开推进会");
    assert_string_equal(hl.v[2].field, "note");
    assert_string_equal(hl.v[2].actor, "alice");
    assert_string_equal(hl.v[2].as_user, "bob");
    history_list_fini(&hl);
    hf.task_id = 0;
    hf.user = "bob";   /* actor or as_user */
    assert_int_equal(db_history(f->db, &hf, &hl, f->err, sizeof f->err), FU_OK);
    assert_int_equal(hl.n, 3);
    history_list_fini(&hl);
    /* bad notes */
    char *big = malloc(10002);
    memset(big, 'x', 10001);
    big[10001] = 0;
    assert_int_equal(db_task_add_note(f->db, &bob, id, big, f->err, sizeof f->err), FU_USAGE);
    big[10000] = 0;
    assert_int_equal(db_task_add_note(f->db, &bob, id, big, f->err, sizeof f->err), FU_OK);
    free(big);
    assert_int_equal(db_task_add_note(f->db, &bob, id, " \n", f->err, sizeof f->err), FU_USAGE);
    long long rows_before = hist_rows(f);
    assert_int_equal(db_task_set_status(f->db, &bob, id, ST_SUBMITTED, NULL, 0, f->err,
                                        sizeof f->err), FU_OK);  /* already: unchanged */
    struct db_outcome o;
    db_last_outcome(f->db, &o);
    assert_int_equal(o.changed, 0);
    assert_int_equal(hist_rows(f), rows_before);
    assert_int_equal(db_task_set_status(f->db, &bob, id, ST_ACTIVE, NULL, 0, f->err,
                                        sizeof f->err), FU_PERM);   /* out of submitted */
}

static void permission_denials_write_nothing(void **state)
{
    struct fx *f = *state;
    struct actor dave = who("dave", NULL), bob = who("bob", NULL),
                 bob_as = who("bob", "carol"), alice = who("alice", NULL);
    struct task own, other;
    find(f, "2.1", &own);     /* 区科委: bob's */
    find(f, "1.2.1", &other); /* 区知识产权局, and so is its item 1.2: not bob's */
    long long rows = hist_rows(f);
    long long notes = raw_int(f->path, "SELECT count(*) FROM notes");
    assert_int_equal(db_task_set_status(f->db, &dave, own.id, ST_ACTIVE, "x", 0, f->err,
                                        sizeof f->err), FU_PERM);
    assert_non_null(strstr(f->err, "viewer"));
    assert_int_equal(db_task_add_note(f->db, &dave, own.id, "x", f->err, sizeof f->err), FU_PERM);
    assert_int_equal(db_task_set_status(f->db, &bob, other.id, ST_ACTIVE, "x", 0, f->err,
                                        sizeof f->err), FU_PERM);
    assert_int_equal(db_task_add_note(f->db, &bob, other.id, "x", f->err, sizeof f->err),
                     FU_PERM);
    assert_int_equal(db_task_set_status(f->db, &bob, own.id, ST_DONE, "x", 0, f->err,
                                        sizeof f->err), FU_PERM);
    assert_int_equal(db_task_assign(f->db, &bob, own.id, "区财政局", NULL, 0, 0, NULL, 0,
                                    f->err, sizeof f->err), FU_PERM);
    assert_int_equal(db_task_set_status(f->db, &bob_as, own.id, ST_ACTIVE, NULL, 0, f->err,
                                        sizeof f->err), FU_PERM);
    assert_string_equal(f->err, "only committee users may act --as another user");
    struct user u;
    assert_int_equal(db_user_effective(f->db, &bob_as, &u, f->err, sizeof f->err), FU_PERM);
    assert_int_equal(hist_rows(f), rows);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM notes"), notes);
    assert_int_equal(raw_int(f->path, "SELECT max(version) FROM tasks"), 1);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM tasks WHERE status <> 'todo'"), 0);
    /* a committee user acting as a stranger is a viewer */
    struct actor alice_as = who("alice", "stranger");
    assert_int_equal(db_task_add_note(f->db, &alice_as, own.id, "x", f->err, sizeof f->err),
                     FU_PERM);
    /* the same change by its rightful owner works */
    assert_int_equal(db_task_set_status(f->db, &bob, own.id, ST_ACTIVE, NULL, 0, f->err,
                                        sizeof f->err), FU_OK);
    (void)alice;
    task_fini(&own);
    task_fini(&other);
}

static void version_conflict(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL), bob = who("bob", NULL);
    struct task t;
    find(f, "2.1", &t);
    long long v = t.version;
    assert_int_equal(db_task_set_status(f->db, &alice, t.id, ST_ACTIVE, NULL, v, f->err,
                                        sizeof f->err), FU_OK);
    long long rows = hist_rows(f);
    assert_int_equal(db_task_set_status(f->db, &bob, t.id, ST_DELAYED, NULL, v, f->err,
                                        sizeof f->err), FU_CONFLICT);
    assert_non_null(strstr(f->err, "task 2.1 was changed by alice at "));
    assert_non_null(strstr(f->err, "(status is now 推进中); reload and try again"));
    assert_int_equal(db_task_assign(f->db, &alice, t.id, NULL, NULL, 0, 0, "2026-01-01", v,
                                    f->err, sizeof f->err), FU_CONFLICT);
    assert_int_equal(hist_rows(f), rows);
    assert_int_equal(db_task_set_status(f->db, &bob, t.id, ST_DELAYED, NULL, v + 1, f->err,
                                        sizeof f->err), FU_OK);
    task_fini(&t);
}

static void withdrawn_tasks_are_frozen(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    struct import_stats st;
    struct task t;
    find(f, "1.2", &t);
    assert_int_equal(db_import(f->db, &alice, &doc_v2, &st, f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_task_set_status(f->db, &alice, t.id, ST_ACTIVE, NULL, 0, f->err,
                                        sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "withdrawn"));
    assert_int_equal(db_task_add_note(f->db, &alice, t.id, "x", f->err, sizeof f->err), FU_ERR);
    task_fini(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(schema_created, setup_empty, teardown),
        cmocka_unit_test_setup_teardown(setgid_dir_gives_group_mode, setup_empty, teardown),
        cmocka_unit_test_setup_teardown(bootstrap_first_user, setup_empty, teardown),
        cmocka_unit_test_setup_teardown(users_and_departments, setup, teardown),
        cmocka_unit_test_setup_teardown(import_builds_tasks, setup, teardown),
        cmocka_unit_test_setup_teardown(reimport_identical_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(reimport_revised, setup, teardown),
        cmocka_unit_test_setup_teardown(import_is_committee_only_and_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(find_references, setup, teardown),
        cmocka_unit_test_setup_teardown(assign_with_history, setup, teardown),
        cmocka_unit_test_setup_teardown(status_and_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(permission_denials_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(version_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(withdrawn_tasks_are_frozen, setup, teardown),
    };
    return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
