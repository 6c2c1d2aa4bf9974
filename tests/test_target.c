/* parse/parse_target.c through parse_buffer(): the direction of a figure
 * from the words around it (at least, at most, about, fact); core/doc.c's
 * names for the directions; core/target.c's units, shares and standing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/doc.h"
#include "util/err.h"
#include "parse/parse.h"
#include "core/target.h"

/* The first metric of the first statement of a one-item report whose
 * statement is sentence. */
static enum metric_dir dir_of(const char *sentence, const char *figure)
{
    char buf[2048], err[FU_ERRLEN] = "";
    struct doc d;
    struct node *n;
    enum metric_dir r = (enum metric_dir)-1;
    snprintf(buf, sizeof buf, "关于2025年重点工作的通知\n\n一、重点任务\n（一）民生实事\n%s\n", sentence);
    assert_int_equal(parse_buffer(buf, strlen(buf), NULL, &d, err, sizeof err), FU_OK);
    assert_true(d.nnodes > 0);
    n = &d.nodes[0];
    while (n->nstmts == 0 && n->nchildren) n = &n->children[0];
    for (size_t i = 0; i < n->nstmts; i++)
        for (size_t j = 0; j < n->stmts[i].nmetrics; j++)
            if (strcmp(n->stmts[i].metrics[j].text, figure) == 0 && r == (enum metric_dir)-1)
                r = n->stmts[i].metrics[j].dir;
    if (r == (enum metric_dir)-1) fprintf(stderr, "no figure %s in %s\n", figure, sentence);
    doc_fini(&d);
    assert_int_not_equal(r, -1);
    return r;
}

static void test_directions(void **state)
{
    (void)state;
    assert_int_equal(dir_of("2025年新增30家示范型以上居家养老服务照料中心。", "30家"), METRIC_AT_LEAST);
    assert_int_equal(dir_of("创建20个无障碍社区。", "20个"), METRIC_AT_LEAST);
    assert_int_equal(dir_of("力争生产总值增长6%以上。", "6%"), METRIC_AT_LEAST);
    assert_int_equal(dir_of("确保研发投入强度达到2.3%。", "2.3%"), METRIC_AT_LEAST);
    assert_int_equal(dir_of("今年城镇调查失业率控制在3%以内。", "3%"), METRIC_AT_MOST);
    assert_int_equal(dir_of("确保单位能耗不超过0.5吨。", "0.5吨"), METRIC_AT_MOST);
    assert_int_equal(dir_of("重点引进和培养1万名左右高层次人才。", "1万名"), METRIC_ABOUT);
    assert_int_equal(dir_of("今年计划举办约200场招聘会。", "200场"), METRIC_ABOUT);
    /* a bound figure makes its sentence one of goals */
    assert_int_equal(dir_of("城镇调查失业率控制在5%左右，城镇新增就业50万人。", "50万人"),
                     METRIC_AT_LEAST);
    /* facts stay facts */
    assert_int_equal(dir_of("全区已累计建成养老服务中心1700多家。", "1700多家"), METRIC_FACT);
    assert_int_equal(dir_of("截至目前，完成改造120个，明年将新增30个。", "120个"), METRIC_FACT);
    /* a fact word earlier in the sentence, a past year before a later one */
    assert_int_equal(dir_of("目前，已累计投资8支子基金，认缴投资金额11.5亿元，2024年将持续加大投入。",
                            "11.5亿元"), METRIC_FACT);
    assert_int_equal(dir_of("2022年投入22.69亿元，较上一年增加71.9%，2024年将持续加大投入。",
                            "71.9%"), METRIC_FACT);
    assert_int_equal(dir_of("推荐4家载体申报，18家已经纳入市级培育体系。", "18家"), METRIC_FACT);
}

static void test_names(void **state)
{
    enum metric_dir d = METRIC_FACT;
    (void)state;
    assert_string_equal(metric_dir_name(METRIC_AT_LEAST), "at-least");
    assert_string_equal(metric_dir_name(METRIC_AT_MOST), "at-most");
    assert_string_equal(metric_dir_name(METRIC_ABOUT), "about");
    assert_string_equal(metric_dir_name(METRIC_FACT), "fact");
    assert_int_equal(metric_dir_parse("at-most", &d), 0);
    assert_int_equal(d, METRIC_AT_MOST);
    assert_int_equal(metric_dir_parse("min", &d), 0);
    assert_int_equal(d, METRIC_AT_LEAST);
    assert_int_equal(metric_dir_parse("more", &d), -1);
    assert_int_equal(metric_dir_parse(NULL, &d), -1);
}

static void test_units(void **state)
{
    double v = 0;
    char buf[160];
    (void)state;
    assert_int_equal(target_convert(9800, "名", "万名", &v), 0);
    assert_true(v > 0.97999 && v < 0.98001);
    assert_int_equal(target_convert(2.5, "亿元", "万元", &v), 0);
    assert_true(v == 25000);
    assert_int_equal(target_convert(1, "万亿元", "亿元", &v), 0);
    assert_true(v == 10000);
    assert_int_equal(target_convert(3, "家", "家", &v), 0);
    assert_true(v == 3);
    assert_int_equal(target_convert(3, "个", "家", &v), -1);
    assert_int_equal(target_convert(1, "万人", "名", &v), -1);
    assert_int_equal(target_convert(1, "个百分点", "%", &v), -1);
    assert_int_equal(target_convert(1, "千克", "克", &v), -1);     /* 千克 is a unit of its own */
    target_units_accepted("万名", buf, sizeof buf);
    assert_string_equal(buf, "名, 千名, 万名, 亿名");
    target_units_accepted("%", buf, sizeof buf);
    assert_string_equal(buf, "%");
    assert_int_equal(target_unit_check("家", buf, sizeof buf), 0);
    assert_int_equal(target_unit_check("", buf, sizeof buf), -1);
    assert_int_equal(target_unit_check("3家", buf, sizeof buf), -1);
    assert_int_equal(target_unit_check("a b", buf, sizeof buf), -1);
}

static void test_shares(void **state)
{
    struct target_state s = {.has = 1, .t = {.value = 30, .unit = "家", .dir = METRIC_AT_LEAST}};
    char buf[160];
    (void)state;
    target_progress_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "-/30 家");
    assert_int_equal(target_standing(&s, "2024-06-30", "2024-06-30"), TGT_ON_TRACK);
    assert_int_equal(target_standing(&s, "2024-06-30", "2024-07-01"), TGT_BEHIND);
    s.reported = 1;
    s.value = 18;
    target_progress_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "18/30 家 60 %");
    s.value = 29.99;
    target_progress_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "29.99/30 家 99 %");            /* rounded down: not yet 100 */
    assert_int_equal(target_met(&s.t, 29.99), 0);
    assert_int_equal(target_met(&s.t, 30), 1);
    s.value = 30;
    assert_int_equal(target_standing(&s, "2024-06-30", "2025-01-01"), TGT_MET);
    s.t.dir = METRIC_AT_MOST;
    s.t.value = 3;
    snprintf(s.t.unit, sizeof s.t.unit, "%%");
    s.value = 2.5;
    target_progress_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "2.5/3 % ≤ within");
    assert_int_equal(target_met(&s.t, 3.01), 0);
    s.t.dir = METRIC_ABOUT;
    assert_int_equal(target_met(&s.t, 2.9), 1);
    assert_int_equal(target_met(&s.t, 2.8), 0);
    target_format(&s.t, buf, sizeof buf);
    assert_string_equal(buf, "3 % about");
    target_number(0.1 + 0.2, buf, sizeof buf);
    assert_string_equal(buf, "0.3");
    assert_string_equal(target_standing_name(TGT_BEHIND), "behind");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_directions),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
