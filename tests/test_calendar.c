/* core/calendar.h: local times of stored UTC stamps, dates typed by people. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/calendar.h"

static void test_local(void **state)
{
    char out[32];
    (void)state;
    setenv("TZ", "CST-8", 1);      /* UTC+8 without tzdata */
    tzset();
    cal_local("2024-03-01T22:05:09Z", CAL_MINUTE, out, sizeof out);
    assert_string_equal(out, "2024-03-02 06:05");
    cal_local("2024-03-01T22:05:09Z", CAL_DATE, out, sizeof out);
    assert_string_equal(out, "2024-03-02");
    cal_local("2024-03-01T22:05:09Z", CAL_ISO, out, sizeof out);
    assert_string_equal(out, "2024-03-02T06:05:09+08:00");
    setenv("TZ", "UTC0", 1);
    tzset();
    cal_local("2024-03-01T22:05:09Z", CAL_ISO, out, sizeof out);
    assert_string_equal(out, "2024-03-01T22:05:09+00:00");
    cal_local("not a time", CAL_MINUTE, out, sizeof out);
    assert_string_equal(out, "not a time");
    cal_local(NULL, CAL_DATE, out, sizeof out);
    assert_string_equal(out, "");
    cal_now(CAL_ISO, out, sizeof out);
    assert_int_equal(strlen(out), 25);
    assert_string_equal(out + 19, "+00:00");
}

static void expect_date(const char *in, const char *want)
{
    char out[11];
    int rc = cal_parse_date(in, "2026-11-30", out);
    if (!want) {
        if (rc != -1)
            fail_msg("'%s' gave %s, wanted an error", in, out);
        assert_string_equal(out, "");
        return;
    }
    if (rc != 0)
        fail_msg("'%s' was refused, wanted %s", in, want);
    assert_string_equal(out, want);
}

static void test_typed(void **state)
{
    (void)state;
    expect_date("2025-06-30", "2025-06-30");
    expect_date(" 2025-6-3 ", "2025-06-03");
    expect_date("2025/6/30", "2025-06-30");
    expect_date("2025.6.30", "2025-06-30");
    expect_date("2025年6月30日", "2025-06-30");
    expect_date("２０２５年６月３０日", "2025-06-30");
    expect_date("6月30日", "2026-06-30");
    expect_date("12月1号", "2026-12-01");
    expect_date("6/30", "2026-06-30");
    expect_date("15日", "2026-11-15");
    expect_date("+30d", "2026-12-30");
    expect_date("+30天", "2026-12-30");
    expect_date("+2w", "2026-12-14");
    expect_date("+3m", "2027-02-28");   /* the 30th does not exist in February */
    expect_date("+1个月", "2026-12-30");
    expect_date("今天", "2026-11-30");
    expect_date("明天", "2026-12-01");
    expect_date("月底", "2026-11-30");
    expect_date("下月底", "2026-12-31");
    expect_date("年底", "2026-12-31");
    expect_date("季度末", "2026-12-31");
    expect_date("2024-02-29", "2024-02-29");
    expect_date("2025-02-29", NULL);
    expect_date("2025-13-01", NULL);
    expect_date("2025-06-30x", NULL);
    expect_date("2025-06/30", NULL);
    expect_date("13/1", NULL);
    expect_date("+d", NULL);
    expect_date("+30x", NULL);
    expect_date("下周", NULL);
    expect_date("", NULL);
    expect_date("   ", NULL);
    char out[11];
    assert_int_equal(cal_parse_date("2025-06-30", "bad", out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_local),
        cmocka_unit_test(test_typed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
