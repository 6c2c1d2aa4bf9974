/* parse/parse.h on the forms that failed on reports nobody had tuned the
 * parser on (issue 22): a speech's speaker, office and date; where the
 * issuer comes from; portal fields glued together or with their digits
 * run together; traditional characters; reports on follow-up work that
 * commit to nothing; tables flattened one cell a line; a chrome line above
 * the document's own title. Each text is shaped after a real document of
 * tests/corpus (named in the comment), shortened. */
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
#include "tests/parse_helpers.h"

static void assert_meta(const char *got, const char *want)
{
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
}

/* A speech to the standing committee (n03, n04, n11): the speaker line
 * gives the signer (the person) and the issuer (the office), the date
 * under it the signing date, and neither is the title. */
static void test_speech_speaker(void **state)
{
    struct doc d = parse_str(
        "汕头市潮阳区审计局局长 郑创平\n"
        "2023年9月28日\n"
        "主任、各位副主任、各位委员:\n"
        "我受区人民政府的委托,向区人大常委会报告审计情况,请予审议。\n"
        "一、审计发现的问题\n"
        "（一）预算执行方面。区财政局要加快整改，年底前完成。\n", NULL);
    (void)state;
    assert_meta(d.meta.title, NULL);
    assert_meta(d.meta.signed_by, "郑创平");
    assert_meta(d.meta.issuer, "汕头市潮阳区审计局");
    assert_meta(d.meta.signed_on, "2023-09-28");
    assert_meta(d.meta.addressee, "主任、各位副主任、各位委员");
    doc_fini(&d);

    d = parse_str(
        "关于2016年度苏州市本级预算执行和其他财政收支的审计工作报告\n"
        "——2017年6月27日在市十六届人大常委会第四次会议上\n"
        "市审计局局长 顾浩\n"
        "各位组成人员:\n"
        "我受市人民政府委托,向市人大常委会报告审计工作情况,请予审议。\n"
        "一、审计发现的问题\n"
        "（一）有关部门要加强管理，确保资金安全。\n", NULL);
    assert_meta(d.meta.title, "关于2016年度苏州市本级预算执行和其他财政收支的审计工作报告");
    assert_meta(d.meta.signed_by, "顾浩");
    assert_meta(d.meta.issuer, "市审计局");
    assert_meta(d.meta.addressee, "各位组成人员");
    assert_meta(d.meta.signed_on, "2017-06-27");
    doc_fini(&d);
}

/* The issuer: the title's X关于 prefix before a 来源 field that names a
 * site's office (n36), an organ's signature when nothing else names it
 * (c01); a 来源 that is a news site is no issuer (c10). */
static void test_issuer_sources(void **state)
{
    struct doc d = parse_str(
        "大竹县人民政府办公室关于对2016年民生实事进行重点督办的通知\n"
        "来源:信息公开办\n"
        "发布日期:2016-03-01\n"
        "各乡镇人民政府、街道办事处,县级各部门:\n"
        "一、加强领导\n"
        "各责任单位要加快推进，确保年底前完成。\n", NULL);
    (void)state;
    assert_meta(d.meta.issuer, "大竹县人民政府办公室");
    assert_meta(d.meta.published, "2016-03-01");
    doc_fini(&d);

    d = parse_str(
        "关于加强环境整治的通知\n"
        "各镇人民政府：\n"
        "一、加强领导\n"
        "各镇要加快推进，确保年底前完成。\n"
        "某某县人民政府办公室\n"
        "2016年5月28日\n", NULL);
    assert_meta(d.meta.signed_by, "某某县人民政府办公室");
    assert_meta(d.meta.issuer, "某某县人民政府办公室");
    doc_fini(&d);

    d = parse_str(
        "关于山东省2017年度省级预算执行的审计工作报告\n"
        "2018-07-24 15:33:00来源:大众网作者:\n"
        "一、审计发现的问题\n"
        "有关部门要加强管理，确保资金安全。\n", NULL);
    assert_meta(d.meta.issuer, NULL);
    assert_meta(d.meta.published, "2018-07-24");
    doc_fini(&d);
}

/* Portal fields: 时间: is the publication date, a date's digits may run
 * together before 日 (c10's ——2018724日), and no field line becomes text. */
static void test_portal_fields(void **state)
{
    struct doc d = parse_str(
        "2019年县政府工作报告三季度完成情况通报\n"
        "时间:2019-10-16 10:41  信息来源:灌云县[ ] 浏览次数: [ 打印 ]\n"
        "一、总体情况\n"
        "各相关部门要加快进度，确保年底前完成。\n", NULL);
    (void)state;
    assert_meta(d.meta.published, "2019-10-16");
    assert_null(d.intro);
    doc_fini(&d);

    d = parse_str(
        "关于某市2017年度预算执行的审计工作报告\n"
        "——20180724日在市人民代表大会常务委员会第四次会议上\n"
        "一、审计发现的问题\n"
        "有关部门要加强管理，确保资金安全。\n", NULL);
    assert_meta(d.meta.signed_on, "2018-07-24");
    doc_fini(&d);
    d = parse_str(
        "关于某市2017年度预算执行的审计工作报告\n"
        "——2018724日在市人民代表大会常务委员会第四次会议上\n"
        "一、审计发现的问题\n"
        "有关部门要加强管理，确保资金安全。\n", NULL);
    assert_meta(d.meta.signed_on, "2018-07-24");       /* 72/4 is no date: 7/24 */
    doc_fini(&d);
    d = parse_str(
        "关于某市2017年度预算执行的审计工作报告\n"
        "——2018111日在市人民代表大会常务委员会第四次会议上\n"
        "一、审计发现的问题\n"
        "有关部门要加强管理，确保资金安全。\n", NULL);
    assert_meta(d.meta.signed_on, NULL);               /* 1/11 or 11/1: not guessed */
    doc_fini(&d);
}

/* Traditional characters (n13, a portal mirror): read through a simplified
 * copy; texts come back as written, departments simplified. */
static void test_traditional(void **state)
{
    struct doc d = parse_str(
        "關於某市2017年度市級預算執行的審計工作報告\n"
        "市審計局局長 王建平\n"
        "主任、各位副主任、秘書長、各位委員:\n"
        "一、審計發現的問題\n"
        "（一）市財政局要加強預算管理，確保年底前完成整改。\n"
        "（二）市教育局要規範專項資金使用，年底前完成。\n", NULL);
    const struct node *n;
    (void)state;
    assert_meta(d.meta.title, "關於某市2017年度市級預算執行的審計工作報告");
    assert_meta(d.meta.signed_by, "王建平");
    assert_meta(d.meta.issuer, "市審計局");
    assert_meta(d.meta.addressee, "主任、各位副主任、秘書長、各位委員");
    n = node_of(&d, "1");
    assert_string_equal(n->title, "審計發現的問題");
    n = node_of(&d, "1.1");
    assert_non_null(n->owner);
    assert_string_equal(n->owner, "市财政局");                   /* stored simplified */
    assert_non_null(strstr(n->title, "市財政局要加強預算管理"));  /* shown as written */
    doc_fini(&d);
}

/* A report on follow-up work that commits to nothing (n08 办理情况, n41
 * 巡察整改进展) is imported with its paragraphs as items; a text that is
 * neither is still refused. */
static void test_follow_up_paragraphs(void **state)
{
    struct doc d = parse_str(
        "2020年人大建议、政协提案办理工作完成情况说明\n"
        "今年,由我局承办的议案建议共17件,其中主办建议12件。\n"
        "目前,答复意见已征得代表满意或基本满意,全部办理完毕。\n", NULL);
    struct doc e;
    char err[FU_ERRLEN];
    static const char plain[] = "关于某项工作的说明\n区人大常委会：\n这是一段叙述。没有列出任何事项。\n";
    (void)state;
    assert_int_equal(d.paragraphs, 2);
    assert_int_equal(d.nnodes, 2);
    doc_fini(&d);
    assert_int_equal(parse_buffer(plain, strlen(plain), NULL, &e, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, "commits to anything"));
}

/* A table flattened one cell a line (n36): column names one a line, then
 * each row's number, task, departments and due become one item. */
static void test_vertical_table(void **state)
{
    struct doc d = parse_str(
        "关于2016年民生实事目标任务分解的通知\n"
        "序号\n民生实事\n责任单位\n完成时限\n"
        "1\n启动建设东柳河综合治理工程。\n县水务局\n县住建局\n县护城河指挥部\n12月底前\n"
        "2\n新建2座人行天桥。\n县住建局\n9月投入使用\n"
        "3\n建成县残疾人综合服务中心。\n县残联\n5月底前动工\n", NULL);
    const struct node *n;
    (void)state;
    assert_int_equal(d.nnodes, 3);
    n = node_of(&d, "1");
    assert_non_null(strstr(n->title, "启动建设东柳河综合治理工程"));
    assert_string_equal(n->owner, "县水务局");
    assert_int_equal(n->nsupport, 2);
    assert_string_equal(n->support[0], "县住建局");
    assert_string_equal(n->support[1], "县护城河指挥部");
    assert_string_equal(n->due, "2016-12-31");
    n = node_of(&d, "3");
    assert_string_equal(n->owner, "县残联");
    assert_int_equal(n->nsupport, 0);
    doc_fini(&d);
}

/* Page chrome above the document's own title (n35): 视窗, a masthead in
 * two languages, a column name; the 关于… line is the title. */
static void test_chrome_above_title(void **state)
{
    struct doc d = parse_str(
        "视窗\n"
        "loading...\n"
        "调兵山市人民政府 The People's Government of Diaobingshan Municipality\n"
        "政府信息公开\n"
        "关于铁岭市重点民生实事进展情况的督查专报\n"
        "来源:调兵山市政府办督查室 时间:2023-04-12\n"
        "一、总体情况\n"
        "各责任单位要加快推进，确保年底前完成。\n", NULL);
    (void)state;
    assert_meta(d.meta.title, "关于铁岭市重点民生实事进展情况的督查专报");
    assert_meta(d.meta.published, "2023-04-12");
    assert_meta(d.meta.issuer, "调兵山市政府办督查室");
    assert_null(d.intro);
    doc_fini(&d);
}

/* A notice as a portal gives it (the forms of issue 22): breadcrumb, a doc
 * number glued to the title in brackets, the addressee, the role forms
 * (A牵头，B配合), (A、B负责), (A、B按职责分工负责), a paragraph of demands
 * titled by its first clause, the signature and 此件公开发布. */
static void test_portal_notice(void **state)
{
    struct doc d = parse_str(
        "您当前所在位置：首页 > 政务公开 > 通知公告\n"
        "关于下达2021年重点工作任务的通知(某政发〔2021〕2号)\n"
        "各乡镇人民政府，县政府各部门、各直属机构：\n"
        "一、加快项目建设。（县发改局牵头，县财政局配合）\n"
        "二、推进招商引资。（县商务局、县投促中心负责）\n"
        "三、加强安全生产。（县应急局、县公安局按职责分工负责）\n"
        "四、各责任单位要高度重视，切实加强组织领导，确保各项任务落到实处。\n"
        "某某县人民政府\n"
        "2021年3月28日\n"
        "此件公开发布\n", NULL);
    const struct node *n;
    (void)state;
    assert_meta(d.meta.title, "关于下达2021年重点工作任务的通知");
    assert_meta(d.meta.doc_no, "某政发〔2021〕2号");
    assert_meta(d.meta.addressee, "各乡镇人民政府，县政府各部门、各直属机构");
    assert_meta(d.meta.signed_by, "某某县人民政府");
    assert_meta(d.meta.issuer, "某某县人民政府");
    assert_meta(d.meta.signed_on, "2021-03-28");
    assert_null(d.intro);
    n = node_of(&d, "1");
    assert_string_equal(n->owner, "县发改局");
    assert_string_equal(n->support[0], "县财政局");
    n = node_of(&d, "2");
    assert_string_equal(n->owner, "县商务局");
    assert_string_equal(n->support[0], "县投促中心");
    n = node_of(&d, "3");
    assert_string_equal(n->owner, "县应急局");
    n = node_of(&d, "4");
    assert_string_equal(n->title, "各责任单位要高度重视");
    assert_string_equal(n->stmts[0].text, "切实加强组织领导，确保各项任务落到实处。");
    assert_int_equal(d.nclosing, 0);
    doc_fini(&d);
}

/* Navigation in spaced letters, an issue number before the title, a
 * flattened field table, an addressee of zones and offices, markers in
 * 〔〕 and 【】, a file's name and a 全文 label above the title. */
static void test_portal_bulletin(void **state)
{
    struct doc d = parse_str(
        "首 页 走进某区 政务公开\n"
        "全文\n"
        "督查通报〔2024〕第9期：关于全区重点工作推进情况的通报\n"
        "索引号：| 11371500MB | 发布机构：| 某区人民政府办公室 |\n"
        "某开发区，各街道办事处，各区直部门，各有关单位：\n"
        "一、进展情况\n"
        "1.推进老旧小区改造〔责任单位：区住建局〕\n"
        "2.完善养老服务体系【牵头单位：区民政局】\n"
        "关于全区重点工作推进情况的通报.docx\n", NULL);
    (void)state;
    assert_meta(d.meta.title, "关于全区重点工作推进情况的通报");
    assert_meta(d.meta.doc_no, "督查通报〔2024〕第9期");
    assert_meta(d.meta.issuer, "某区人民政府办公室");
    assert_meta(d.meta.addressee, "某开发区，各街道办事处，各区直部门，各有关单位");
    assert_null(d.intro);
    assert_string_equal(node_of(&d, "1.1")->owner, "区住建局");
    assert_string_equal(node_of(&d, "1.1")->title, "推进老旧小区改造");
    assert_string_equal(node_of(&d, "1.2")->owner, "区民政局");
    assert_int_equal(node_of(&d, "1.2")->nstmts, 0);           /* the file name is no text */
    assert_null(d.closing);
    doc_fini(&d);
}

/* Run-in headings (n50, n54, a 政府工作报告): the first clause is the title
 * where the paragraph goes on, or for 二是 inside a line; a heading alone on
 * its line, and a first clause that says how (按照…), keep their whole
 * sentence. The toolbar lines above the title are chrome; the issuer of
 * X政府工作报告 is X人民政府. */
static void test_run_in_titles(void **state)
{
    struct doc d = parse_str(
        "下载\n打印\n全屏\n【字号：\n加大\n还原\n减小\n】\n"
        "2026年吉林省政府工作报告\n"
        "省长 胡玉亭\n"
        "各位代表：\n"
        "一、工作任务\n"
        "（一）促进消费投资良性互动，主动服务融入新发展格局。突出内需主导，拓展增量。\n"
        "（二）重点任务。主要包括：一是构建现代化产业体系，巩固实体经济根基；二是全方位扩大内需，积极融入新发展格局。\n"
        "（三）实施校舍安全工程，完成加固校舍3万平方米。\n"
        "（四）按照国家统一部署，平稳实施养老保险统一政策。落实到位。\n", NULL);
    (void)state;
    assert_meta(d.meta.title, "2026年吉林省政府工作报告");
    assert_meta(d.meta.issuer, "吉林省人民政府");
    assert_meta(d.meta.signed_by, "胡玉亭");
    assert_meta(d.meta.addressee, "各位代表");
    assert_string_equal(node_of(&d, "1.1")->title, "促进消费投资良性互动");
    assert_string_equal(node_of(&d, "1.1")->stmts[0].text, "主动服务融入新发展格局。");
    assert_string_equal(node_of(&d, "1.2.1")->title, "构建现代化产业体系");
    assert_string_equal(node_of(&d, "1.2.2")->title, "全方位扩大内需");       /* the last one too */
    assert_string_equal(node_of(&d, "1.3")->title, "实施校舍安全工程，完成加固校舍3万平方米");
    assert_string_equal(node_of(&d, "1.4")->title, "按照国家统一部署，平稳实施养老保险统一政策");
    doc_fini(&d);
}

/* A speech as a news site gives it (n52, n56): a photo's caption between
 * the speaker and the opening, or a news lead before the opening; the
 * issuer of X政府工作报告(2023年) is the government, not the site's office. */
static void test_speech_on_news_pages(void **state)
{
    struct doc d = parse_str(
        "2026年山西省政府工作报告\n"
        "省长 卢东亮\n"
        "省长卢东亮在省十四届人大五次会议上作政府工作报告。\n"
        "各位代表：\n"
        "一、工作任务\n"
        "（一）加快转型发展，年底前完成。\n", NULL);
    (void)state;
    assert_meta(d.meta.signed_by, "卢东亮");
    assert_meta(d.meta.addressee, "各位代表");
    assert_meta(d.meta.issuer, "山西省人民政府");
    doc_fini(&d);
    d = parse_str(
        "重庆市渝中区人民政府工作报告(2023年)\n"
        "来源:渝中区人民政府办公室 发布时间:2023-02-03 23:23\n"
        "2月3日，区第十八届人民代表大会第三次会议开幕。\n"
        "各位代表：\n"
        "一、工作任务\n"
        "（一）加快转型发展，年底前完成。\n", NULL);
    assert_meta(d.meta.issuer, "重庆市渝中区人民政府");
    assert_meta(d.meta.addressee, "各位代表");
    assert_int_equal(d.nintro, 1);                     /* the lead stays text */
    doc_fini(&d);
}

/* The signature, its date and 此件公开发布 on one line are metadata. */
static void test_signature_line(void **state)
{
    struct doc d = parse_str(
        "关于某项工作的通知\n"
        "一、加强督查，确保年底前完成。\n"
        "某区人民政府 2023年3月28日 此件公开发布\n", NULL);
    (void)state;
    assert_meta(d.meta.signed_by, "某区人民政府");
    assert_meta(d.meta.signed_on, "2023-03-28");
    assert_null(d.closing);
    assert_int_equal(node_of(&d, "1")->nstmts, 0);
    doc_fini(&d);
}

/* Fragments that are no departments: 委员 (a member), 中心工作, 专业镇,
 * a railway's 镇; the departments beside them are still found. */
static void test_department_fragments(void **state)
{
    struct doc d = parse_str(
        "关于某项工作的报告\n"
        "一、加强协调\n"
        "1.省政协委员提出建议，区委区政府中心工作稳步推进，县发改局要加快推动专业镇发展。\n"
        "2.加快连淮扬镇铁路建设，县交通局负责。\n", NULL);
    const struct node *n = node_of(&d, "1.1");
    size_t i;
    (void)state;
    for (i = 0; i < n->ndepts; i++) {
        assert_null(strstr(n->depts[i], "委员"));
        assert_null(strstr(n->depts[i], "中心"));
        assert_null(strstr(n->depts[i], "镇"));
    }
    for (i = 0; i < n->nstmts; i++) {
        size_t j;
        for (j = 0; j < n->stmts[i].ndepts; j++) {
            assert_null(strstr(n->stmts[i].depts[j], "政协委"));
            assert_null(strstr(n->stmts[i].depts[j], "政府中心"));
            assert_null(strstr(n->stmts[i].depts[j], "专业镇"));
        }
    }
    n = node_of(&d, "1.2");
    for (i = 0; i < n->ndepts; i++) assert_null(strstr(n->depts[i], "扬镇"));
    doc_fini(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_speech_speaker),
        cmocka_unit_test(test_issuer_sources),
        cmocka_unit_test(test_portal_fields),
        cmocka_unit_test(test_traditional),
        cmocka_unit_test(test_follow_up_paragraphs),
        cmocka_unit_test(test_vertical_table),
        cmocka_unit_test(test_chrome_above_title),
        cmocka_unit_test(test_portal_notice),
        cmocka_unit_test(test_portal_bulletin),
        cmocka_unit_test(test_run_in_titles),
        cmocka_unit_test(test_department_fragments),
        cmocka_unit_test(test_signature_line),
        cmocka_unit_test(test_speech_on_news_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
