/* The workflow's pure rules (core/workflow.c): feedback cycles' period
 * arithmetic at month ends, in February and across years; lights at each
 * boundary; the evaluation's score and ranking with ties; and who may
 * take the workflow's actions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "util/err.h"
#include "core/workflow.h"

static struct cycle cyc(enum cycle_period p, int day, const char *start)
{
    struct cycle c = {.period = p, .day = day};
    strcpy(c.start, start);
    return c;
}

static void after(const struct cycle *c, const char *date, const char *want)
{
    char out[11] = "";
    assert_int_equal(cycle_deadline_after(c, date, out), 0);
    assert_string_equal(out, want);
}

static void monthly_deadlines(void **state)
{
    (void)state;
    struct cycle c = cyc(CYCLE_MONTHLY, 31, "2024-01-01");
    after(&c, "2024-01-01", "2024-01-31");
    after(&c, "2024-01-31", "2024-02-29");   /* leap year */
    after(&c, "2023-01-31", "2023-02-28");   /* common year */
    after(&c, "2024-03-31", "2024-04-30");
    after(&c, "2024-12-31", "2025-01-31");
    c.day = 30;
    after(&c, "2024-01-30", "2024-02-29");
    after(&c, "2024-02-29", "2024-03-30");
    c.day = 29;
    after(&c, "2100-01-31", "2100-02-28");   /* 2100 is not a leap year */
    after(&c, "2000-01-31", "2000-02-29");   /* 2000 is */
    c.day = 1;
    after(&c, "2024-01-01", "2024-02-01");
    char out[11];
    c = cyc(CYCLE_MONTHLY, 31, "2024-01-15");
    assert_int_equal(cycle_deadline_before(&c, "2024-01-30", out), -1);   /* none yet */
    assert_int_equal(cycle_deadline_before(&c, "2024-03-01", out), 0);
    assert_string_equal(out, "2024-02-29");
    assert_int_equal(cycle_deadline_before(&c, "2024-02-29", out), 0);
    assert_string_equal(out, "2024-02-29");
}

static void weekly_and_quarterly(void **state)
{
    (void)state;
    struct cycle w = cyc(CYCLE_WEEKLY, 5, "2024-06-17");   /* a Monday */
    after(&w, "2024-06-17", "2024-06-21");
    after(&w, "2024-06-21", "2024-06-28");
    w.day = 7;
    after(&w, "2024-12-30", "2025-01-05");
    struct cycle q = cyc(CYCLE_QUARTERLY, 31, "2024-01-01");
    after(&q, "2024-01-01", "2024-03-31");
    after(&q, "2024-03-31", "2024-06-30");
    after(&q, "2024-07-01", "2024-09-30");
    after(&q, "2024-10-01", "2024-12-31");
    after(&q, "2024-12-31", "2025-03-31");
    char out[11];
    assert_int_equal(cycle_deadline_before(&q, "2025-02-01", out), 0);
    assert_string_equal(out, "2024-12-31");
}

static void overdue_and_notes(void **state)
{
    (void)state;
    struct cycle c = cyc(CYCLE_MONTHLY, 31, "2024-01-15");
    char d[11];
    assert_int_equal(cycle_feedback_overdue(&c, "2024-01-31", "", d), 0);
    assert_string_equal(d, "2024-01-31");
    assert_int_equal(cycle_feedback_overdue(&c, "2024-02-01", "", d), 1);
    assert_string_equal(d, "2024-01-31");
    /* a note in the first period (from the start day on) answers it */
    assert_int_equal(cycle_feedback_overdue(&c, "2024-02-01", "2024-01-15", d), 0);
    assert_int_equal(cycle_feedback_overdue(&c, "2024-02-01", "2024-01-14", d), 1);
    /* on 2024-03-01 the missed period is 2024-02-01 .. 2024-02-29 */
    assert_int_equal(cycle_feedback_overdue(&c, "2024-03-01", "2024-01-31", d), 1);
    assert_string_equal(d, "2024-02-29");
    assert_int_equal(cycle_feedback_overdue(&c, "2024-03-01", "2024-02-01", d), 0);
    assert_string_equal(d, "2024-03-31");
    /* a late note (after the deadline) settles it too */
    assert_int_equal(cycle_feedback_overdue(&c, "2024-03-05", "2024-03-04", d), 0);
    struct cycle none = {0};
    assert_int_equal(cycle_feedback_overdue(&none, "2024-03-05", "", d), 0);
    long periods, on_time;
    char notes[][11] = {"2024-01-20", "2024-03-10", "2024-03-12"};
    cycle_punctuality(&c, "2024-05-01", notes, 3, &periods, &on_time);
    assert_int_equal(periods, 4);   /* Jan, Feb, Mar, Apr */
    assert_int_equal(on_time, 2);   /* Jan and Mar */
}

static void forms(void **state)
{
    (void)state;
    struct cycle c = cyc(CYCLE_QUARTERLY, 25, "2024-01-01"), back;
    char s[96];
    cycle_format(&c, s, sizeof s);
    assert_string_equal(s, "quarterly day 25 from 2024-01-01");
    assert_int_equal(cycle_scan(s, &back), 0);
    assert_int_equal(back.period, CYCLE_QUARTERLY);
    assert_int_equal(back.day, 25);
    assert_int_equal(cycle_scan("weekly day 8 from 2024-01-01", &back), -1);
    assert_int_equal(cycle_scan("monthly day 5 from 2024-02-30", &back), -1);
    assert_int_equal(cycle_scan("monthly day 5 from 2024-02-03 x", &back), -1);
    assert_int_equal(cycle_scan(NULL, &back), -1);
    enum cycle_period p;
    assert_int_equal(cycle_parse("每月", &p), 0);
    assert_int_equal(p, CYCLE_MONTHLY);
    assert_int_equal(cycle_parse("none", &p), 0);
    assert_int_equal(p, CYCLE_NONE);
    char why[160];
    assert_int_equal(cycle_day_check(CYCLE_WEEKLY, 7, why, sizeof why), 0);
    assert_int_equal(cycle_day_check(CYCLE_WEEKLY, 0, why, sizeof why), -1);
    assert_int_equal(cycle_day_check(CYCLE_MONTHLY, 32, why, sizeof why), -1);
}

static void lights(void **state)
{
    (void)state;
    const char *t = "2024-06-20";
    assert_int_equal(light_of(ST_ACTIVE, "2024-06-19", t, 7, 0), LIGHT_RED);
    assert_int_equal(light_of(ST_SUBMITTED, "2024-06-19", t, 7, 0), LIGHT_RED);
    assert_int_equal(light_of(ST_DELAYED, "2024-06-19", t, 7, 1), LIGHT_RED);
    assert_int_equal(light_of(ST_ACTIVE, "2024-06-20", t, 7, 0), LIGHT_BLUE);
    assert_int_equal(light_of(ST_ACTIVE, "2024-06-27", t, 7, 0), LIGHT_BLUE);
    assert_int_equal(light_of(ST_ACTIVE, "2024-06-28", t, 7, 0), LIGHT_NONE);
    assert_int_equal(light_of(ST_ACTIVE, "2024-06-20", t, 0, 0), LIGHT_BLUE);
    assert_int_equal(light_of(ST_ACTIVE, "2024-06-21", t, 0, 0), LIGHT_NONE);
    assert_int_equal(light_of(ST_DELAYED, "", t, 7, 0), LIGHT_YELLOW);
    assert_int_equal(light_of(ST_DELAYED, "2024-06-25", t, 7, 0), LIGHT_YELLOW);
    assert_int_equal(light_of(ST_TODO, "", t, 7, 1), LIGHT_YELLOW);
    assert_int_equal(light_of(ST_DONE, "2024-06-19", t, 7, 1), LIGHT_NONE);
    assert_int_equal(light_of(ST_TODO, NULL, t, 7, 0), LIGHT_NONE);
    assert_string_equal(light_key(LIGHT_RED), "red");
    assert_null(light_key(LIGHT_NONE));
    assert_string_equal(light_zh(LIGHT_YELLOW), "黄灯");
    assert_int_equal(light_letter(LIGHT_BLUE), 'B');
}

static void ranking(void **state)
{
    (void)state;
    struct eval v[5] = {
        {.ontime = 0.5, .feedback = -1, .satisfaction = 1.0},    /* (20+30)/70 = 71.4 */
        {.ontime = 1.0, .feedback = 1.0, .satisfaction = 1.0},   /* 100 */
        {.ontime = -1, .feedback = -1, .satisfaction = -1},      /* not ranked */
        {.ontime = 1.0, .feedback = 0.0, .satisfaction = 0.6},   /* (40+0+18) = 58 */
        {.ontime = 0.5, .feedback = -1, .satisfaction = 1.0},    /* a tie with [0] */
    };
    size_t order[5];
    eval_rank(v, 5, order);
    assert_int_equal(order[0], 1);
    assert_int_equal(v[1].rank, 1);
    assert_int_equal(v[0].rank, 2);
    assert_int_equal(v[4].rank, 2);   /* ties ranked equal */
    assert_int_equal(v[3].rank, 4);   /* the next rank skips */
    assert_int_equal(v[2].rank, 0);
    assert_int_equal(order[4], 2);    /* the unranked last */
    assert_true(v[0].score > 71.4 && v[0].score < 71.5);
    assert_true(v[3].score > 57.99 && v[3].score < 58.01);
    assert_int_equal(eval_rating_points(0), 100);
    assert_int_equal(eval_rating_points(1), 60);
    assert_int_equal(eval_rating_points(2), 0);
}

static void permissions(void **state)
{
    (void)state;
    char why[256];
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_EXTEND, 1, why, sizeof why), FU_OK);
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_EXTEND, 0, why, sizeof why), FU_PERM);
    assert_int_equal(perm_check(ROLE_VIEWER, ACT_EXTEND, 1, why, sizeof why), FU_PERM);
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_ATTACH, 1, why, sizeof why), FU_OK);
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_DECIDE, 1, why, sizeof why), FU_PERM);
    assert_int_equal(perm_check(ROLE_VIEWER, ACT_DECIDE, 1, why, sizeof why), FU_PERM);
    assert_int_equal(perm_check(ROLE_COMMITTEE, ACT_DECIDE, 0, why, sizeof why), FU_OK);
    assert_int_equal(perm_check(ROLE_VIEWER, ACT_INSTRUCT, 0, why, sizeof why), FU_OK);
    assert_int_equal(perm_check(ROLE_DEPARTMENT, ACT_INSTRUCT, 1, why, sizeof why), FU_PERM);
    assert_non_null(strstr(why, "leaders"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(monthly_deadlines),
        cmocka_unit_test(weekly_and_quarterly),
        cmocka_unit_test(overdue_and_notes),
        cmocka_unit_test(forms),
        cmocka_unit_test(lights),
        cmocka_unit_test(ranking),
        cmocka_unit_test(permissions),
    };
    return cmocka_run_group_tests_name("workflow", tests, NULL, NULL);
}
