/* readers/: list numbers, content detection, task tables rendered as the
 * parser's text (header below a title, merged label rows, a category
 * column, 责任单位 alone, a repeated header), a portal page's information
 * table and article, and the readers' refusals. The whole reports in every
 * format are tests/cli/formats.sh. Run from the repository's top directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/err.h"
#include "readers/fmt.h"
#include "readers/read.h"

static void test_numbers(void **state)
{
    char b[64];
    (void)state;
    fmt_number(1, "chineseCounting", b, sizeof b);      assert_string_equal(b, "一");
    fmt_number(10, "taiwaneseCountingThousand", b, sizeof b); assert_string_equal(b, "十");
    fmt_number(12, "chineseCounting", b, sizeof b);     assert_string_equal(b, "十二");
    fmt_number(20, "一, 二, 三, ...", b, sizeof b);     assert_string_equal(b, "二十");
    fmt_number(105, "chineseCounting", b, sizeof b);    assert_string_equal(b, "一百零五");
    fmt_number(3, "decimal", b, sizeof b);              assert_string_equal(b, "3");
    fmt_number(3, "decimalEnclosedCircle", b, sizeof b); assert_string_equal(b, "③");
    fmt_number(2, "ideographTraditional", b, sizeof b); assert_string_equal(b, "乙");
    fmt_number(28, "upperLetter", b, sizeof b);         assert_string_equal(b, "BB");
    fmt_number(14, "lowerRoman", b, sizeof b);          assert_string_equal(b, "xiv");
    fmt_number(4, "bullet", b, sizeof b);               assert_string_equal(b, "");
}

static void test_detect(void **state)
{
    static const char pdf[] = "%PDF-1.7\n", ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
    static const char page[] = "\xEF\xBB\xBF\n  <!DOCTYPE html><html><body>x</body></html>";
    static const char csv[] = "2025年任务分解表,,\n序号,任务名称,牵头单位,完成时限\n1,推进,市民政局,年内\n";
    static const char text[] = "一、总体要求\n一是推动工作，逗号,逗号,逗号。\n";
    enum fmt_kind k;
    (void)state;
    assert_int_equal(fmt_detect(pdf, sizeof pdf - 1), FK_PDF);
    assert_int_equal(fmt_detect(ole, sizeof ole - 1), FK_DOC);
    assert_int_equal(fmt_detect(page, sizeof page - 1), FK_HTML);
    assert_int_equal(fmt_detect(csv, sizeof csv - 1), FK_CSV);
    assert_int_equal(fmt_detect(text, sizeof text - 1), FK_TEXT);
    assert_int_equal(fmt_detect("PK\003\004xx", 6), FK_DOCX);   /* the docx reader says why */
    assert_int_equal(fmt_parse_name("WPS", &k), 0);
    assert_int_equal(k, FK_DOC);
    assert_int_equal(fmt_parse_name("rtf", &k), -1);
}

/* The parser's text for a table of rows given as "a|b|c" strings. */
static char *render_rows(const char *const *rows, int whole, int *rc)
{
    struct fmt_doc d;
    char *text = NULL, err[FU_ERRLEN] = "";
    size_t len, i;
    memset(&d, 0, sizeof d);
    d.whole_table = whole;
    assert_int_equal(fmt_add_table(&d), 0);
    for (i = 0; rows[i]; i++) {
        const char *p = rows[i];
        assert_int_equal(fmt_add_row(&d), 0);
        for (;;) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            assert_int_equal(fmt_add_cell(&d, p, n), 0);
            if (!bar) break;
            p = bar + 1;
        }
    }
    *rc = fmt_render(&d, &text, &len, err, sizeof err);
    fmt_doc_fini(&d);
    if (*rc != FU_OK) { free(text); return strdup(err); }
    return text;
}

static void test_task_table(void **state)
{
    static const char *const merged[] = {
        "2025年民生实事任务分解表||||",
        "序号|任务内容|牵头单位|配合单位|完成时限",
        "一、兜牢民生底线||||",
        "1|完善养老服务体系。|市民政局|市财政局，各区|2025年6月底前",
        "2|推进保障性住房建设|市住房城乡建设委|||",
        "序号|任务内容|牵头单位|配合单位|完成时限",     /* repeated on a new page */
        "城市管理||||",
        "|加快推进垃圾分类|市绿化市容局 市城管执法局||年内",
        NULL };
    static const char *const bycat[] = {
        "序号|类别|工作任务|责任单位|完成时限",
        "1|稳增长|扩大有效投资|区发展改革委、区财政局|",
        "2|稳增长|促进消费|区商务委|三季度",
        "1|惠民生|办好民生实事|区民政局|",
        NULL };
    static const char *const none[] = { "姓名|电话", "张三|123", NULL };
    int rc;
    char *t;
    (void)state;
    t = render_rows(merged, 1, &rc);
    assert_int_equal(rc, FU_OK);
    assert_string_equal(t,
        "2025年民生实事任务分解表\n"
        "一、兜牢民生底线\n"
        "1.完善养老服务体系。（牵头单位：市民政局；配合单位：市财政局、各区；完成时限：2025年6月底前）\n"
        "2.推进保障性住房建设（牵头单位：市住房城乡建设委）\n"
        "二、城市管理\n"
        "1.加快推进垃圾分类（牵头单位：市绿化市容局、市城管执法局；完成时限：年内）\n");
    free(t);
    t = render_rows(bycat, 1, &rc);
    assert_int_equal(rc, FU_OK);
    assert_string_equal(t,
        "一、稳增长\n"
        "1.扩大有效投资（牵头单位：区发展改革委、区财政局）\n"
        "2.促进消费（牵头单位：区商务委；完成时限：三季度）\n"
        "二、惠民生\n"
        "1.办好民生实事（牵头单位：区民政局）\n");
    free(t);
    t = render_rows(none, 1, &rc);
    assert_int_equal(rc, FU_ERR);
    assert_non_null(strstr(t, "no task table header row"));
    free(t);
    t = render_rows(none, 0, &rc);           /* a table in a document: its rows as lines */
    assert_int_equal(rc, FU_OK);
    assert_string_equal(t, "姓名 电话\n张三 123\n");
    free(t);
}

static void test_portal_page(void **state)
{
    static const char page[] =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
        "<title>关于做好工作的通知_政务公开</title><style>p{color:red}</style>"
        "<script>var a='一、不是正文';</script></head><body>"
        "<div class=\"nav\"><a>首页</a><a>政务公开</a><a>办事服务</a></div>"
        "<div class=\"crumb\">当前位置：首页 &gt; 政务公开</div>"
        "<table class=\"xxgk\"><tr><td>索 引 号：</td><td>113701-2021-001</td>"
        "<td>发布机构：</td><td>区政府办公室</td></tr>"
        "<tr><td>成文日期：</td><td>2021-03-30</td><td>发布日期：</td><td>2021-04-01</td></tr>"
        "<tr><td>文　　号：</td><td>区政办〔2021〕3号</td><td>来源：</td><td>本网</td></tr></table>"
        "<h1>关于做好工作的通知</h1>"
        "<div id=\"zoom\"><p>各街道办事处，区政府各部门：</p>"
        "<p>一、高度重视，提高站位。各部门要进一步强化责任意识，对照任务逐项制定方案，确保落实到位。</p>"
        "<p>二、夯实责任，狠抓落实。各牵头单位要统筹推进，各配合单位要积极配合，形成工作合力。</p></div>"
        "<div class=\"bdshare\">分享到：微信 微博</div>"
        "<div class=\"footer\">版权所有：区人民政府办公室 地址：某路1号 电话：12345678</div>"
        "</body></html>";
    struct fmt_doc d;
    char *text = NULL, err[FU_ERRLEN] = "";
    size_t len;
    (void)state;
    assert_int_equal(fmt_read(page, sizeof page - 1, FK_AUTO, &d, err, sizeof err), FU_OK);
    assert_string_equal(fmt_meta_get(&d, "索引号"), "113701-2021-001");
    assert_string_equal(fmt_meta_get(&d, "发布机构"), "区政府办公室");
    assert_string_equal(fmt_meta_get(&d, "文号"), "区政办〔2021〕3号");
    assert_string_equal(fmt_meta_get(&d, "发布日期"), "2021-04-01");
    assert_int_equal(fmt_render(&d, &text, &len, err, sizeof err), FU_OK);
    assert_non_null(strstr(text, "关于做好工作的通知\n各街道办事处，区政府各部门：\n一、高度重视"));
    assert_null(strstr(text, "首页"));
    assert_null(strstr(text, "分享"));
    assert_null(strstr(text, "版权所有"));
    assert_null(strstr(text, "不是正文"));
    assert_null(strstr(text, "color"));
    free(text);
    fmt_doc_fini(&d);
}

/* The information table as a list with the values beside the labels, no
 * h1: the title from <meta name="ArticleTitle">; GBK bytes declared gb2312. */
static void test_portal_list(void **state)
{
    static const char page[] =
        "<html><head><meta charset=\"gb2312\"><meta name=\"ArticleTitle\" content=\"\xb9\xd8\xd3\xda\xd7\xf6\xba\xc3\xb9\xa4\xd7\xf7\xb5\xc4\xcd\xa8\xd6\xaa\">"
        "</head><body><ul class=\"info\"><li><span>\xcb\xf7\xd2\xfd\xba\xc5\xa3\xba</span>"
        "113701-2021-001</li><li><span>\xb7\xa2\xb2\xbc\xc8\xd5\xc6\xda\xa3\xba</span>"
        "2021-04-01</li></ul><div class=\"con\"><p>"
        "\xd2\xbb\xa1\xa2\xb8\xdf\xb6\xc8\xd6\xd8\xca\xd3\xa3\xac\xcc\xe1\xb8\xdf\xd5\xbe\xce\xbb\xa1\xa3"
        "\xb8\xf7\xb2\xbf\xc3\xc5\xd2\xaa\xbd\xf8\xd2\xbb\xb2\xbd\xc7\xbf\xbb\xaf\xd4\xf0\xc8\xce\xd2\xe2"
        "\xca\xb6\xa3\xac\xb6\xd4\xd5\xd5\xc8\xce\xce\xf1\xd6\xf0\xcf\xee\xd6\xc6\xb6\xa8\xb7\xbd\xb0\xb8"
        "\xa3\xac\xc8\xb7\xb1\xa3\xc2\xe4\xca\xb5\xb5\xbd\xce\xbb\xa1\xa3\xb8\xf7\xb2\xbf\xc3\xc5\xd2\xaa"
        "\xbd\xf8\xd2\xbb\xb2\xbd\xc7\xbf\xbb\xaf\xd4\xf0\xc8\xce\xd2\xe2\xca\xb6\xa3\xac\xb6\xd4\xd5\xd5"
        "\xc8\xce\xce\xf1\xd6\xf0\xcf\xee\xd6\xc6\xb6\xa8\xb7\xbd\xb0\xb8\xa3\xac\xc8\xb7\xb1\xa3\xc2\xe4"
        "\xca\xb5\xb5\xbd\xce\xbb\xa1\xa3\xb8\xf7\xb2\xbf\xc3\xc5\xd2\xaa\xbd\xf8\xd2\xbb\xb2\xbd\xc7\xbf"
        "\xbb\xaf\xd4\xf0\xc8\xce\xd2\xe2\xca\xb6\xa3\xac\xb6\xd4\xd5\xd5\xc8\xce\xce\xf1\xd6\xf0\xcf\xee"
        "\xd6\xc6\xb6\xa8\xb7\xbd\xb0\xb8\xa3\xac\xc8\xb7\xb1\xa3\xc2\xe4\xca\xb5\xb5\xbd\xce\xbb\xa1\xa3"
        "</p></div></body></html>";
    struct fmt_doc d;
    char *text = NULL, err[FU_ERRLEN] = "";
    size_t len;
    (void)state;
    assert_int_equal(fmt_read(page, sizeof page - 1, FK_AUTO, &d, err, sizeof err), FU_OK);
    assert_string_equal(fmt_meta_get(&d, "索引号"), "113701-2021-001");
    assert_string_equal(fmt_meta_get(&d, "发布日期"), "2021-04-01");
    assert_int_equal(fmt_render(&d, &text, &len, err, sizeof err), FU_OK);
    assert_non_null(strstr(text, "关于做好工作的通知\n一、高度重视，提高站位。"));
    free(text);
    fmt_doc_fini(&d);
}

static void expect_refused(const char *buf, size_t len, enum fmt_kind k, const char *why)
{
    struct fmt_doc d;
    char err[FU_ERRLEN] = "";
    assert_int_equal(fmt_read(buf, len, k, &d, err, sizeof err), FU_ERR);
    if (!strstr(err, why)) fail_msg("'%s' lacks '%s'", err, why);
    assert_null(strchr(err, '\n'));
    fmt_doc_fini(&d);
}

static void test_refusals(void **state)
{
    static const char nav[] = "<html><body><ul><li><a>首页</a></li><li><a>通知</a></li></ul>"
                              "<div class=\"footer\">版权所有</div></body></html>";
    (void)state;
    expect_refused(nav, sizeof nav - 1, FK_HTML, "no article found");
    expect_refused("PK\003\004garbage", 11, FK_DOCX, "zip archive");
    expect_refused("%PDF-1.4\n%%EOF\n", 15, FK_PDF, "not a readable PDF");
    expect_refused("PK\003\004garbage", 11, FK_XLSX, "zip archive");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_task_table),
        cmocka_unit_test(test_portal_page),
        cmocka_unit_test(test_portal_list),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
