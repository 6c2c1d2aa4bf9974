/* Statuses, labels, roles and the lifecycle's permission rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "util/err.h"
#include "core/task.h"
#include "core/calendar.h"

static void labels_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < ST_COUNT; s++) {
        enum task_status out;
        assert_int_equal(status_parse(status_key(s), &out), 0);
        assert_int_equal(out, s);
        assert_int_equal(status_parse(status_zh(s), &out), 0);
        assert_int_equal(out, s);
        assert_int_equal(status_parse(status_en(s), &out), 0);
        assert_int_equal(out, s);
    }
    enum task_status st;
    assert_int_equal(status_parse("推进中", &st), 0);
    assert_int_equal(st, ST_ACTIVE);
    assert_int_equal(status_parse("ACTIVE", &st), 0);
    assert_int_equal(status_parse("finished", &st), -1);
    assert_int_equal(status_parse(NULL, &st), -1);
    assert_string_equal(status_zh(ST_DONE), "已办结");
    assert_string_equal(status_key(ST_SUBMITTED), "submitted");
    enum role r;
    assert_int_equal(role_parse("committee", &r), 0);
    assert_int_equal(r, ROLE_COMMITTEE);
    assert_int_equal(role_parse("admin", &r), -1);
    enum task_kind k;
    assert_int_equal(kind_parse("statement", &k), 0);
    assert_int_equal(k, KIND_STATEMENT);
}

static void committee_may_do_everything(void **state)
{
    (void)state;
    char why[256];
    for (int a = ACT_IMPORT; a <= ACT_REVIEW; a++)
        assert_int_equal(perm_check(ROLE_COMMITTEE, a, 0, why, sizeof why), FU_OK);
    assert_int_equal(perm_status(ROLE_COMMITTEE, 0, ST_SUBMITTED, ST_DONE, why, sizeof why), FU_OK);
    assert_int_equal(perm_status(ROLE_COMMITTEE, 0, ST_SUBMITTED, ST_ACTIVE, why, sizeof why), FU_OK);
    assert_int_equal(perm_status(ROLE_COMMITTEE, 0, ST_DONE, ST_ACTIVE, why, sizeof why), FU_OK);
}

static void department_rules(void **state)
{
    (void)state;
    char why[256];
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_NOTE, 1, why, sizeof why), FU_OK);
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_NOTE, 0, why, sizeof why), FU_PERM);
    assert_non_null(strstr(why, "not your department"));
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_ASSIGN, 1, why, sizeof why), FU_PERM);
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_IMPORT, 1, why, sizeof why), FU_PERM);
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_MANAGE, 1, why, sizeof why), FU_PERM);
    /* among the working statuses and to submitted: yes */
    assert_int_equal(perm_status(ROLE_DEPARTMENT, 1, ST_TODO, ST_ACTIVE, why, sizeof why), FU_OK);
    assert_int_equal(perm_status(ROLE_DEPARTMENT, 1, ST_ACTIVE, ST_DELAYED, why, sizeof why), FU_OK);
    assert_int_equal(perm_status(ROLE_DEPARTMENT, OWN_LEAD, ST_ONGOING, ST_SUBMITTED, why, sizeof why), FU_OK);
    /* a supporting department works on it but does not ask for acceptance */
    assert_int_equal(perm_status(ROLE_DEPARTMENT, OWN_SUPPORT, ST_TODO, ST_ACTIVE, why, sizeof why), FU_OK);
    assert_int_equal(perm_status(ROLE_DEPARTMENT, OWN_SUPPORT, ST_ONGOING, ST_SUBMITTED, why, sizeof why), FU_PERM);
    assert_non_null(strstr(why, "only the lead department"));
    assert_int_equal(perm_status(ROLE_COMMITTEE, OWN_NONE, ST_ACTIVE, ST_SUBMITTED, why, sizeof why), FU_OK);
    /* done, and out of submitted/done: no */
    assert_int_equal(perm_status(ROLE_DEPARTMENT, 1, ST_SUBMITTED, ST_DONE, why, sizeof why), FU_PERM);
    assert_non_null(strstr(why, "committee"));
    assert_int_equal(perm_status(ROLE_DEPARTMENT, 1, ST_SUBMITTED, ST_ACTIVE, why, sizeof why), FU_PERM);
    assert_int_equal(perm_status(ROLE_DEPARTMENT, 1, ST_DONE, ST_ACTIVE, why, sizeof why), FU_PERM);
    /* not theirs: no */
    assert_int_equal(perm_status(ROLE_DEPARTMENT, 0, ST_TODO, ST_ACTIVE, why, sizeof why), FU_PERM);
    /* no-op */
    assert_int_equal(perm_status(ROLE_DEPARTMENT, 1, ST_ACTIVE, ST_ACTIVE, why, sizeof why), FU_USAGE);
}

static void viewer_reads_only(void **state)
{
    (void)state;
    char why[256];
    for (int a = ACT_IMPORT; a <= ACT_REVIEW; a++)
        assert_int_equal(perm_check(ROLE_VIEWER, a, 1, why, sizeof why), FU_PERM);
    assert_int_equal(perm_status(ROLE_VIEWER, 1, ST_TODO, ST_ACTIVE, why, sizeof why), FU_PERM);
    assert_non_null(strstr(why, "viewer"));
}

static void dates(void **state)
{
    (void)state;
    assert_int_equal(cal_date_valid("2024-12-31"), 0);
    assert_int_equal(cal_date_valid("2024-02-29"), 0);
    assert_int_equal(cal_date_valid("2023-02-29"), -1);
    assert_int_equal(cal_date_valid("2000-02-29"), 0);
    assert_int_equal(cal_date_valid("1900-02-29"), -1);
    assert_int_equal(cal_date_valid("2024-13-01"), -1);
    assert_int_equal(cal_date_valid("2024-04-31"), -1);
    assert_int_equal(cal_date_valid("2024-4-1"), -1);
    assert_int_equal(cal_date_valid("2024-04-01x"), -1);
    assert_int_equal(cal_date_valid(""), -1);
    assert_int_equal(cal_date_valid(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(labels_round_trip),
        cmocka_unit_test(committee_may_do_everything),
        cmocka_unit_test(department_rules),
        cmocka_unit_test(viewer_reads_only),
        cmocka_unit_test(dates),
    };
    return cmocka_run_group_tests_name("task", tests, NULL, NULL);
}
