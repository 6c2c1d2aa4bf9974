/* Shared by the db/ tests: a hand-built report, per-test state (a fresh
 * database in a temporary directory) and raw SQL helpers. Test-only. */
#ifndef FU_TEST_DB_FIXTURE_H
#define FU_TEST_DB_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>


#include "core/doc.h"
#include "util/err.h"
#include "core/task.h"
#include "db/db.h"
#include "tests/raw_sql.h"
#include "core/user.h"
#include "db/db_import.h"
#include "db/db_task.h"
#include "db/db_user.h"
#include "db/db_verify.h"

#define FX_UNUSED __attribute__((unused))

/* ---- fixtures: hand-built reports ------------------------------------------ */

static char *d_fin[] = {"区财政局"};
static struct metric m_fund[] = {{.text = "8支", .value = 8, .unit = "支"}};

static struct stmt s1[] = {
    {.code = "1.0.1", .kind = STMT_CONTEXT, .text = "这是总述。"},
};
static struct stmt s11[] = {
    {.code = "1.1.1", .kind = STMT_COMMITMENT, .text = "加快推动科技创新中心建设。",
     .metrics = m_fund, .nmetrics = 1, .depts = d_fin, .ndepts = 1, .due = "2024-12-31"},
    {.code = "1.1.2", .kind = STMT_FACT, .text = "已累计引进8支基金。"},
    {.code = "1.1.3", .kind = STMT_COMMITMENT, .text = "持续优化营商环境。"},
};
static struct stmt s12[] = {
    {.code = "1.2.1", .kind = STMT_COMMITMENT, .text = "加强知识产权保护。"},
};
static struct stmt s21[] = {
    {.code = "2.1.1", .kind = STMT_CONTEXT, .text = "科技金融是重大战略命题。"},
    {.code = "2.1.2", .kind = STMT_COMMITMENT, .text = "探索设立Fintech专项基金。"},
};
static struct node n1_children[] = {
    {.code = "1.1", .depth = 1, .title = "充分认识重要意义", .stmts = s11, .nstmts = 3},
    {.code = "1.2", .depth = 1, .title = "强化知识产权", .owner = "区知识产权局",
     .stmts = s12, .nstmts = 1},
};
static struct node n2_children[] = {
    {.code = "2.1", .depth = 1, .title = "推动科技金融融合", .owner = "区科委", .stmts = s21,
     .nstmts = 2},
};
static struct node nodes_v1[] = {
    {.code = "1", .title = "依据法定职责夯实工作基础", .children = n1_children, .nchildren = 2,
     .stmts = s1, .nstmts = 1},
    {.code = "2", .title = "打响科创服务品牌", .children = n2_children, .nchildren = 1},
};
static struct stmt intro[] = {
    {.code = "I.1", .kind = STMT_CONTEXT, .text = "现将有关情况报告如下:"},
};
static struct stmt closing[] = {
    {.code = "C.1", .kind = STMT_COMMITMENT, .text = "区政府将始终坚持创新驱动。"},
};
#define META_V1                                                                        \
    {.title = "关于落实审议意见的报告", .doc_no = "静府议〔2024〕3号", .issuer = "区审计局", \
     .addressee = "区人大常委会", .signed_by = "上海市静安区人民政府",                   \
     .signed_on = "2024-02-18", .lead_department = "区科委"}

static struct doc doc_v1 = {
    .meta = META_V1, .intro = intro, .nintro = 1, .nodes = nodes_v1, .nnodes = 2,
    .closing = closing, .nclosing = 1,
};

static const char *const depts[] = {"区科委", "区财政局", "区知识产权局"};

/* ---- per-test state --------------------------------------------------------- */

struct fx {
    char dir[64], path[128];
    struct db *db;
    char err[FU_ERRLEN];
};

FX_UNUSED static struct actor who(const char *login, const char *as)
{
    struct actor a;
    memset(&a, 0, sizeof a);
    snprintf(a.login, sizeof a.login, "%s", login);
    snprintf(a.as_user, sizeof a.as_user, "%s", as ? as : "");
    return a;
}

FX_UNUSED static int setup_empty(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/fu-db-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    *state = f;
    return 0;
}

/* alice (committee, first user), bob (区科委), carol (区财政局); v1 imported. */
FX_UNUSED static int setup(void **state)
{
    if (setup_empty(state) != 0)
        return -1;
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    const char *kw[] = {"区科委"}, *cz[] = {"区财政局"};
    struct import_stats st;
    if (db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err) != FU_OK ||
        db_bootstrap(f->db, "alice", depts, 3, f->err, sizeof f->err) != FU_OK ||
        db_user_add(f->db, &alice, "bob", ROLE_DEPARTMENT, kw, 1, f->err, sizeof f->err) ||
        db_user_add(f->db, &alice, "carol", ROLE_DEPARTMENT, cz, 1, f->err, sizeof f->err) ||
        db_import(f->db, &alice, &doc_v1, &st, f->err, sizeof f->err) != FU_OK) {
        fprintf(stderr, "setup: %s\n", f->err);
        return -1;
    }
    return 0;
}

FX_UNUSED static int teardown(void **state)
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

FX_UNUSED static long long hist_rows(struct fx *f)
{
    long long rows = -1;
    char head[65];
    assert_int_equal(db_chain_head(f->db, &rows, head, f->err, sizeof f->err), FU_OK);
    return rows;
}

FX_UNUSED static void find(struct fx *f, const char *ref, struct task *t)
{
    int rc = db_task_find(f->db, ref, t, f->err, sizeof f->err);
    if (rc != FU_OK)
        fail_msg("find %s: %s", ref, f->err);
}

#endif
