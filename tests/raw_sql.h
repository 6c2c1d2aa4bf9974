/* Raw SQL on a database file, bypassing db/: for the tests' checks and
 * for changes made behind the program's back (tampering, another
 * process). Include after cmocka.h. */
#ifndef FU_TESTS_RAW_SQL_H
#define FU_TESTS_RAW_SQL_H

#include <sqlite3.h>

/* The first column of the first row of sql, -1 when there is none. */
__attribute__((unused)) static long long raw_int(const char *path, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    long long v = -1;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

/* Runs sql (any number of statements); fails the test on an error. */
__attribute__((unused)) static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

#endif
