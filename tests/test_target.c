/* parse/parse_target.c through parse_buffer(): the direction of a figure
 * from the words around it (at least, at most, about, fact), and
 * core/doc.c's names for the directions. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_directions),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
