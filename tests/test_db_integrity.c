/* db/: the hash chain, backup, bad files, other writers and concurrent
 * writers. Each test gets a fresh database (tests/db_fixture.h). */
#include "tests/db_fixture.h"
#include "db/internal.h"

/* ---- integrity ------------------------------------------------------------------- */

static void verify_detects_tampering(void **state)
{
    struct fx *f = *state;
    struct actor alice = who("alice", NULL);
    struct task t;
    long long rows = 0, rows2 = 0;
    char head[65], head2[65];
    find(f, "2.1", &t);
    assert_int_equal(db_task_add_note(f->db, &alice, t.id, "第一条", f->err, sizeof f->err), FU_OK);
    task_fini(&t);
    assert_int_equal(db_verify(f->db, &rows, head, f->err, sizeof f->err), FU_OK);
    assert_int_equal(strlen(head), 64);
    assert_int_equal(db_chain_head(f->db, &rows2, head2, f->err, sizeof f->err), FU_OK);
    assert_int_equal(rows, rows2);
    assert_string_equal(head, head2);
    /* the table refuses plain edits; a determined editor drops the trigger */
    sqlite3 *h;
    assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(h, "UPDATE history SET new = 'x' WHERE id = 3", NULL,
                                      NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    raw_exec(f->path, "DROP TRIGGER history_no_update;"
                      " UPDATE history SET new = '区假冒局' WHERE id = 3");
    assert_int_equal(db_verify(f->db, NULL, NULL, f->err, sizeof f->err), FU_ERR);
    assert_string_equal(f->err, "history row 3 does not match its hash: the audit trail was "
                                "altered");
}

static void verify_detects_removed_row(void **state)
{
    struct fx *f = *state;
    raw_exec(f->path, "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = 2");
    assert_int_equal(db_verify(f->db, NULL, NULL, f->err, sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "history row 3 does not follow row 1"));
}

static void backup_copies(void **state)
{
    struct fx *f = *state;
    char copy[160];
    struct db *b;
    long long rows = 0, brows = 0;
    char head[65], bhead[65];
    snprintf(copy, sizeof copy, "%s/copy.db", f->dir);
    assert_int_equal(db_backup(f->db, copy, f->err, sizeof f->err), FU_OK);
    struct stat st;
    assert_int_equal(stat(copy, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(db_backup(f->db, copy, f->err, sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "exists"));
    assert_int_equal(db_open(&b, copy, 0, f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_verify(b, &brows, bhead, f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_verify(f->db, &rows, head, f->err, sizeof f->err), FU_OK);
    assert_int_equal(rows, brows);
    assert_string_equal(head, bhead);
    struct task t;
    assert_int_equal(db_task_find(b, "1.1.3", &t, f->err, sizeof f->err), FU_OK);
    task_fini(&t);
    db_close(b);
    /* from a read-only connection, as `followup backup` opens it */
    snprintf(copy, sizeof copy, "%s/copy2.db", f->dir);
    assert_int_equal(db_open(&b, f->path, DB_OPEN_READONLY, f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_backup(b, copy, f->err, sizeof f->err), FU_OK);
    db_close(b);
    assert_int_equal(raw_int(copy, "SELECT count(*) FROM tasks"), 9);
}

static void data_version_sees_other_writers(void **state)
{
    struct fx *f = *state;
    struct db *other;
    struct actor alice = who("alice", NULL);
    long long v1 = 0, v2 = 0;
    assert_int_equal(db_open(&other, f->path, 0, f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_data_version(f->db, &v1, f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_dept_add(other, &alice, "区审改办", f->err, sizeof f->err), FU_OK);
    assert_int_equal(db_data_version(f->db, &v2, f->err, sizeof f->err), FU_OK);
    assert_true(v1 != v2);
    db_close(other);
}

static void bad_files(void **state)
{
    struct fx *f = *state;
    FILE *fp = fopen(f->path, "w");
    for (int i = 0; i < 200; i++)
        fputs("this is not a database at all\n", fp);
    fclose(fp);
    assert_int_equal(db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "not a followup database"));
    assert_null(strchr(f->err, '\n'));
    assert_null(f->db);
    unlink(f->path);
    assert_int_equal(db_open(&f->db, f->path, DB_OPEN_CREATE, f->err, sizeof f->err), FU_OK);
    db_close(f->db);
    f->db = NULL;
    raw_exec(f->path, "PRAGMA user_version = 99");
    assert_int_equal(db_open(&f->db, f->path, 0, f->err, sizeof f->err), FU_ERR);
    char want[300];
    snprintf(want, sizeof want, "%s: database schema version 99 is newer than this followup "
             "knows (11); upgrade followup", f->path);
    assert_string_equal(f->err, want);
    /* somebody else's SQLite file */
    char other[160];
    snprintf(other, sizeof other, "%s/other.db", f->dir);
    raw_exec(other, "CREATE TABLE t(x)");
    assert_int_equal(db_open(&f->db, other, 0, f->err, sizeof f->err), FU_ERR);
    assert_non_null(strstr(f->err, "another program"));
}

/* ---- the schema check's compiled reference (issue 23) -------------------------- */

/* The rows the build compiled in are, for every version, what the
 * migrations create: a stale or wrong build/gen/schema_ref.c fails here. */
static void schema_reference_is_the_migrations(void **state)
{
    (void)state;
    assert_int_equal(db_schema_ref_count, DB_SCHEMA_VERSION + 1);
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    for (long long v = 0; v <= DB_SCHEMA_VERSION; v++) {
        if (v > 0)
            assert_int_equal(sqlite3_exec(h, db_schema_script(v), NULL, NULL, NULL), SQLITE_OK);
        sqlite3_stmt *st;
        size_t i = 0;
        assert_int_equal(sqlite3_prepare_v2(h, "SELECT type, name, tbl_name, sql FROM "
                                            "sqlite_schema ORDER BY name", -1, &st, NULL),
                         SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            assert_true(i < db_schema_refs[v].n);
            const struct db_schema_row *r = &db_schema_ref_rows[db_schema_refs[v].rows[i++]];
            assert_string_equal(sqlite3_column_text(st, 0), r->type);
            assert_string_equal(sqlite3_column_text(st, 1), r->name);
            assert_string_equal(sqlite3_column_text(st, 2), r->tbl);
            if (r->sql)
                assert_string_equal(sqlite3_column_text(st, 3), r->sql);
            else
                assert_int_equal(sqlite3_column_type(st, 3), SQLITE_NULL);
        }
        sqlite3_finalize(st);
        assert_int_equal(i, db_schema_refs[v].n);
        int same = 0;
        assert_int_equal(db_schema_same_as_built(h, v, &same), SQLITE_OK);
        assert_int_equal(same, 1);
        if (v > 0) {   /* and not the version before's */
            assert_int_equal(db_schema_same_as_built(h, v - 1, &same), SQLITE_OK);
            assert_int_equal(same, 0);
        }
    }
    sqlite3_close(h);
}

static int same_on_file(const char *path)
{
    sqlite3 *h;
    int same = -1;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_schema_same_as_built(h, DB_SCHEMA_VERSION, &same), SQLITE_OK);
    sqlite3_close(h);
    return same;
}

/* A database followup made passes the quick comparison; ANALYZE's table
 * does not spoil it; a foreign, a changed and a missing object each fail
 * it and are then named by the full check. */
static void schema_quick_check(void **state)
{
    struct fx *f = *state;
    db_close(f->db);
    f->db = NULL;
    assert_int_equal(same_on_file(f->path), 1);
    raw_exec(f->path, "ANALYZE");
    assert_int_equal(same_on_file(f->path), 1);
    assert_int_equal(db_open(&f->db, f->path, 0, f->err, sizeof f->err), FU_OK);
    db_close(f->db);
    f->db = NULL;
    static const struct { const char *sql, *named; } bad[] = {
        {"CREATE TRIGGER evil AFTER INSERT ON notes BEGIN SELECT 1; END",
         "holds the trigger 'evil' (on notes), which followup did not create"},
        {"DROP INDEX tasks_bycode; CREATE INDEX tasks_bycode ON tasks(text)",
         "the index 'tasks_bycode' is not the index followup created"},
        {"DROP INDEX notes_task", "lacks the index 'notes_task' followup creates"},
    };
    char copy[200];
    snprintf(copy, sizeof copy, "%s/bad.db", f->dir);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char cmd[1000];
        snprintf(cmd, sizeof cmd, "cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", f->path, copy,
                 copy, copy);
        assert_int_equal(system(cmd), 0);
        raw_exec(copy, bad[i].sql);
        assert_int_equal(same_on_file(copy), 0);
        struct db *b = NULL;
        assert_int_equal(db_open(&b, copy, 0, f->err, sizeof f->err), FU_ERR);
        assert_null(b);
        assert_non_null(strstr(f->err, bad[i].named));
    }
}

/* ---- concurrency --------------------------------------------------------------- */

#define NPROC 8
#define NOPS 50

static int child(const char *path, int i, long long own, long long shared)
{
    struct db *db;
    char err[FU_ERRLEN];
    struct actor alice = who("alice", NULL);
    if (db_open(&db, path, 0, err, sizeof err) != FU_OK) {
        fprintf(stderr, "child %d: %s\n", i, err);
        return 1;
    }
    for (int j = 0; j < NOPS; j++) {
        char note[64];
        int rc;
        snprintf(note, sizeof note, "进程%d第%d条", i, j);
        if (j % 2 == 0)
            rc = db_task_set_status(db, &alice, own, (j / 2) % 2 ? ST_DELAYED : ST_ACTIVE,
                                    note, 0, err, sizeof err);
        else
            rc = db_task_add_note(db, &alice, shared, note, err, sizeof err);
        if (rc != FU_OK) {
            fprintf(stderr, "child %d op %d: %s\n", i, j, err);
            db_close(db);
            return 1;
        }
    }
    db_close(db);
    return 0;
}

static void concurrent_writers(void **state)
{
    struct fx *f = *state;
    struct task_list l;
    long long ids[9];
    assert_int_equal(db_task_list(f->db, NULL, &l, f->err, sizeof f->err), FU_OK);
    assert_int_equal(l.n, 9);
    for (int i = 0; i < 9; i++)
        ids[i] = l.v[i].id;
    task_list_fini(&l);
    long long rows = hist_rows(f);
    db_close(f->db);
    f->db = NULL;
    pid_t pids[NPROC];
    for (int i = 0; i < NPROC; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0)
            _exit(child(f->path, i, ids[i], ids[8]));
    }
    int failed = 0;
    for (int i = 0; i < NPROC; i++) {
        int status = 0;
        waitpid(pids[i], &status, 0);
        failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    assert_int_equal(failed, 0);
    assert_int_equal(db_open(&f->db, f->path, 0, f->err, sizeof f->err), FU_OK);
    assert_int_equal(hist_rows(f), rows + NPROC * NOPS);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM notes"), NPROC * NOPS);
    char q[128];
    snprintf(q, sizeof q, "SELECT version FROM tasks WHERE id = %lld", ids[8]);
    assert_int_equal(raw_int(f->path, q), 1 + NPROC * NOPS / 2);
    long long vrows = 0;
    int rc = db_verify(f->db, &vrows, NULL, f->err, sizeof f->err);
    if (rc != FU_OK)
        fail_msg("verify: %s", f->err);
    assert_int_equal(vrows, rows + NPROC * NOPS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(verify_detects_tampering, setup, teardown),
        cmocka_unit_test_setup_teardown(verify_detects_removed_row, setup, teardown),
        cmocka_unit_test_setup_teardown(backup_copies, setup, teardown),
        cmocka_unit_test_setup_teardown(data_version_sees_other_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_files, setup_empty, teardown),
        cmocka_unit_test(schema_reference_is_the_migrations),
        cmocka_unit_test_setup_teardown(schema_quick_check, setup, teardown),
        cmocka_unit_test_setup_teardown(concurrent_writers, setup, teardown),
    };
    return cmocka_run_group_tests_name("db-integrity", tests, NULL, NULL);
}
