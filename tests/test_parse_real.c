/* parse/parse.h on real reports (issue 11): responsibility markers as
 * fields, reports without numbered headings, the department lexicon and
 * its false hits, jurisdiction of routing rules. Run from the
 * repository's top directory (tests/run.sh does). */
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

/* ---- responsibility markers ---- */

static void check_fields(const struct doc *d, const char *code, const char *lead,
                         const char *support, const char *due)
{
    const struct node *n = node_of(d, code);
    char joined[512] = "";
    size_t i;
    for (i = 0; i < n->nsupport; i++) {
        if (i) strcat(joined, ",");
        strcat(joined, n->support[i]);
    }
    if (lead) {
        assert_non_null(n->owner);
        assert_string_equal(n->owner, lead);
        assert_int_equal(n->owner_src, OWNER_MARKER);
    }
    assert_string_equal(joined, support);
    assert_string_equal(n->due, due);
}

/* Every form of marker gives the item's lead, support and due, and its
 * text is kept on the item (n->marker) but is no statement. */
static void test_markers(void **state)
{
    struct doc d = parse_ok(FIX "parse-markers.txt", NULL);
    const struct node *n;
    size_t i;
    (void)state;
    /* the form task tables arrive in (engineer 12's readers) */
    check_fields(&d, "1.1.1", "市民政局", "市财政局,各区", "2025-06-30");
    assert_string_equal(node_of(&d, "1.1.1")->title, "完善养老服务体系");
    /* half-width, 年内 in the report's year, a place kept whole */
    check_fields(&d, "1.1.2", "市住房城乡建设委", "市规划资源局,各区、县（市）", "2025-12-31");
    /* on lines of their own after the item: the first 责任单位 leads */
    check_fields(&d, "1.1.3", "市委组织部", "各区", "ongoing");
    /* the marker beats the department the sentence names as actor */
    assert_null(node_of(&d, "1.1.3")->stmts);
    /* the role form */
    check_fields(&d, "1.1.4", "市人力资源社会保障局", "市财政局,团市委", "2025-09-30");
    /* numbering run together after a bracketed marker */
    check_fields(&d, "1.2.1", "市绿化市容局", "", "");
    check_fields(&d, "1.2.2", NULL, "", "2025-09-30");
    assert_string_equal(node_of(&d, "1.2.2")->title, "全面推进城市更新");
    /* a section's marker: its own lead */
    check_fields(&d, "1.1", "市民政局", "", "");
    /* no marker: the actor, not the guiding body */
    n = node_of(&d, "1.2.3");
    assert_string_equal(n->owner, "区知识产权局");
    assert_int_equal(n->owner_src, OWNER_ACTOR);
    assert_null(n->marker);
    /* the marker's text is kept, and in no statement */
    n = node_of(&d, "1.1.1");
    assert_string_equal(n->marker, "（牵头单位：市民政局；配合单位：市财政局、各区；"
                        "完成时限：2025年6月底前）");
    for (i = 0; i < n->nstmts; i++) assert_null(strstr(n->stmts[i].text, "牵头单位"));
    n = node_of(&d, "1.1.3");
    assert_string_equal(n->marker, "责任单位：市委组织部、各区 完成时限：长期坚持");
    doc_fini(&d);
}

/* A marker beats a [routing] rule and the actor the sentence names; the
 * section's marker passes to items that have none. */
static void test_marker_beats_guesses(void **state)
{
    static const char text[] =
        "关于重点任务分工的通知\n"
        "一、科技创新（牵头单位：市科委）\n"
        "1.区财政局加大科技投入力度。\n"
        "2.推进知识产权运营。（责任单位：市知识产权局、市财政局）\n";
    struct route r = {"知识产权", "区知识产权局"};
    struct parse_opts o = {.routes = &r, .nroutes = 1};
    struct doc d;
    char err[FU_ERRLEN];
    (void)state;
    assert_int_equal(parse_buffer(text, sizeof text - 1, &o, &d, err, sizeof err), FU_OK);
    check_fields(&d, "1.1", "市科委", "", "");
    check_fields(&d, "1.2", "市知识产权局", "市财政局", "");
    doc_fini(&d);
}

/* Words that look like keys but are no marker stay text. */
static void test_marker_lookalikes(void **state)
{
    static const char text[] =
        "关于工作的报告\n"
        "一、加强协调\n"
        "1.各牵头单位：要加强统筹。责任单位要主动作为，配合单位要积极支持。\n"
        "2.推动市场发展（包括市民服务）。\n";
    struct doc d;
    char err[FU_ERRLEN];
    (void)state;
    assert_int_equal(parse_buffer(text, sizeof text - 1, NULL, &d, err, sizeof err), FU_OK);
    assert_null(node_of(&d, "1.1")->marker);
    assert_null(node_of(&d, "1.2")->marker);
    assert_int_equal(node_of(&d, "1.1")->nsupport, 0);
    assert_int_not_equal(node_of(&d, "1.1")->owner_src, OWNER_MARKER);
    doc_fini(&d);
}

/* A report written as paragraphs (督查通报): each paragraph that commits
 * is an item, the others stay text; nothing is refused. */
static void test_paragraphs(void **state)
{
    static const char text[] =
        "关于环境卫生整治情况的通报\n"
        "各镇人民政府：\n"
        "4月21日，县委督查室对各乡镇环境卫生整治情况进行了督查。大部分乡镇行动迅速。\n"
        "针对督查发现的问题，各乡镇要立即组织整改，确保5月底前全部整改到位。\n"
        "下一步，县委督查室将适时开展复查，对整改不力的单位予以通报。\n"
        "特此通报。\n";
    struct doc d;
    char err[FU_ERRLEN];
    (void)state;
    assert_int_equal(parse_buffer(text, sizeof text - 1, NULL, &d, err, sizeof err), FU_OK);
    assert_int_equal(d.paragraphs, 1);
    assert_int_equal(d.nnodes, 2);
    assert_string_equal(d.nodes[0].code, "1");
    assert_string_equal(d.nodes[0].title, "针对督查发现的问题，各乡镇要立即组织整改，确保5月底前全部整改到位");
    assert_string_equal(d.meta.addressee, "各镇人民政府");
    assert_int_equal(d.nintro, 2);
    assert_int_equal(d.nclosing, 1);
    doc_fini(&d);
}

/* ---- departments ---- */

static int named(const struct doc *d, const char *name)
{
    size_t i, j;
    const struct node *stack[64];
    size_t top = 0;
    for (i = 0; i < d->nnodes; i++) stack[top++] = &d->nodes[i];
    while (top) {
        const struct node *n = stack[--top];
        for (i = 0; i < n->nstmts; i++)
            for (j = 0; j < n->stmts[i].ndepts; j++)
                if (strcmp(n->stmts[i].depts[j], name) == 0) return 1;
        for (i = 0; i < n->nchildren && top < 64; i++) stack[top++] = &n->children[i];
    }
    return 0;
}

/* Every shape the issue names, whole, and ordinary words never. */
static void test_department_shapes(void **state)
{
    static const char *const want[] = {
        "市委组织部", "县委宣传部", "区委政法委", "县委督查室", "团市委", "市工商联", "区科协",
        "县残联", "市妇联", "住建局", "自然资源局", "城管执法大队", "市公交集团", "海淀区",
        "市中级人民法院", "区人民检察院", "开发区管委会", "区委区政府督查室", "市民政局", NULL
    };
    static const char text[] =
        "关于工作的报告\n一、加强协调\n"
        "1.加强统筹。市委组织部会同县委宣传部、区委政法委推进。县委督查室开展督查。\n"
        "2.广泛参与。团市委、市工商联、区科协、县残联、市妇联共同参与。\n"
        "3.完善规划。住建局牵头，自然资源局配合完善规划。城管执法大队加强巡查。\n"
        "4.优化服务。市公交集团优化线路。海淀区、各街镇抓好落实。\n"
        "5.协同推进。市中级人民法院、区人民检察院和开发区管委会协同推进。\n"
        "6.跟踪督办。区委区政府督查室跟踪督办。市民政局做好保障。\n"
        "7.改进作风。服务市民需求，规范交办流程，委托第三方办理，统筹部署。\n";
    struct doc d = parse_str(text, NULL);
    size_t i;
    (void)state;
    for (i = 0; want[i]; i++) {
        if (!named(&d, want[i])) fprintf(stderr, "not found: %s\n", want[i]);
        assert_true(named(&d, want[i]));
    }
    /* no department cut in half, no ordinary word taken for one */
    assert_false(named(&d, "督查室"));
    assert_false(named(&d, "县委"));
    assert_int_equal(node_of(&d, "1.7")->stmts[0].ndepts, 0);
    assert_int_equal(node_of(&d, "1.7")->nstmts, 1);
    doc_fini(&d);
}

/* The seed's showcase: the actor, not the guiding body. */
static void test_actor_not_guide(void **state)
{
    static const char text[] =
        "关于知识产权工作的报告\n一、深入推进知识产权发展战略\n"
        "在上海市知识产权局的指导下,区知识产权局积极与企业对接,开展专利导航。\n";
    struct doc d = parse_str(text, NULL);
    (void)state;
    assert_string_equal(node_of(&d, "1")->owner, "区知识产权局");
    doc_fini(&d);
}

/* An office extends the lexicon in config.ini ([lexicon]). */
static void test_lexicon_option(void **state)
{
    static const char text[] =
        "关于城市更新的报告\n一、加快推进\n1.旧区改造。城市更新指挥部牵头推进旧区改造。\n";
    static const char *const extra[] = {"城市更新指挥部"};
    struct parse_opts o;
    struct doc d;
    (void)state;
    memset(&o, 0, sizeof o);
    d = parse_str(text, &o);
    assert_null(node_of(&d, "1.1")->owner);
    doc_fini(&d);
    o.lexicon = extra;
    o.nlexicon = 1;
    d = parse_str(text, &o);
    assert_string_equal(node_of(&d, "1.1")->owner, "城市更新指挥部");
    doc_fini(&d);
}

/* Routing suggests only within the report's level: a 市 report gets no
 * 区 department from the rules, a 区 report does; text beats rules. */
static void test_routing_jurisdiction(void **state)
{
    static const char city[] =
        "上海市人民政府关于知识产权工作的报告\n一、加强保护\n1.深化知识产权运营服务。\n"
        "2.市市场监管局加强知识产权执法。\n上海市人民政府\n2024年3月1日\n";
    static const char district[] =
        "上海市静安区人民政府关于知识产权工作的报告\n一、加强保护\n1.深化知识产权运营服务。\n"
        "2.区市场监管局加强知识产权执法。\n上海市静安区人民政府\n2024年3月1日\n";
    struct route r = {"知识产权", "区知识产权局"};
    struct parse_opts o;
    struct doc d;
    (void)state;
    memset(&o, 0, sizeof o);
    o.routes = &r;
    o.nroutes = 1;
    d = parse_str(city, &o);
    assert_null(node_of(&d, "1.1")->owner);
    assert_string_equal(node_of(&d, "1.2")->owner, "市市场监管局");
    doc_fini(&d);
    d = parse_str(district, &o);
    assert_string_equal(node_of(&d, "1.1")->owner, "区知识产权局");
    assert_int_equal(node_of(&d, "1.1")->owner_src, OWNER_ROUTING);
    assert_string_equal(node_of(&d, "1.2")->owner, "区市场监管局");
    doc_fini(&d);
}

/* ---- structure the sample does not have ---- */

/* Numbering run together on one line, as the issue quotes it. */
static void test_run_together(void **state)
{
    static const char text[] =
        "关于督办事项的通知\n各单位：现将督办事项通知如下: 一、重点督办事项 1.加快推进垃圾分类。"
        "(责任单位: 市容办) 2.全面推进城市更新。二、工作要求 1.压实责任。\n";
    struct doc d = parse_str(text, NULL);
    (void)state;
    assert_string_equal(node_of(&d, "1")->title, "重点督办事项");
    assert_string_equal(node_of(&d, "1.1")->title, "加快推进垃圾分类");
    assert_string_equal(node_of(&d, "1.1")->owner, "市容办");
    assert_string_equal(node_of(&d, "1.2")->title, "全面推进城市更新");
    assert_null(node_of(&d, "1.2")->owner);
    assert_string_equal(node_of(&d, "2")->title, "工作要求");
    assert_string_equal(node_of(&d, "2.1")->title, "压实责任");
    doc_fini(&d);
}

/* 7.123科技攻关工程 is item 7 titled 123科技攻关工程; 8.1.5亿元 is no
 * heading's number inside a sentence, and 1. inside a sentence is text. */
static void test_digit_titles(void **state)
{
    static const char text[] =
        "关于科技工作的意见\n一、实施重大工程\n6.强化基础研究。\n7.123科技攻关工程。聚焦关键领域。\n"
        "8.加快成果转化，安排1.5亿元奖励，按第1.条执行。\n";
    struct doc d = parse_str(text, NULL);
    (void)state;
    assert_string_equal(node_of(&d, "1.7")->title, "123科技攻关工程");
    assert_string_equal(node_of(&d, "1.8")->title, "加快成果转化，安排1.5亿元奖励，按第1.条执行");
    assert_int_equal(node_of(&d, "1")->nchildren, 3);
    doc_fini(&d);
}

/* A task table flattened into text: each row an item with its fields. */
static void test_flattened_table(void **state)
{
    struct doc d = parse_ok(FIX "parse-table.txt", NULL);
    const struct node *n;
    (void)state;
    assert_int_equal(d.nnodes, 2);
    n = node_of(&d, "1");
    assert_string_equal(n->title, "新建养老床位500张");
    assert_string_equal(n->owner, "市民政局");
    assert_int_equal(n->nsupport, 2);
    assert_string_equal(n->support[1], "各区");
    assert_string_equal(n->due, "2025-06-30");
    assert_string_equal(node_of(&d, "2")->due, "2025-12-31");
    doc_fini(&d);
}

static void flatten_texts(const struct node *v, size_t n, char *out, size_t cap)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        strncat(out, v[i].title, cap - strlen(out) - 1);
        for (j = 0; j < v[i].nstmts; j++) {
            strncat(out, "|", cap - strlen(out) - 1);
            strncat(out, v[i].stmts[j].text, cap - strlen(out) - 1);
        }
        strncat(out, "\n", cap - strlen(out) - 1);
        flatten_texts(v[i].children, v[i].nchildren, out, cap);
    }
}

static void squash_spaces(char *s)
{
    char *o = s;
    for (; *s; s++)
        if (*s != ' ') *o++ = *s;
    *o = 0;
}

/* The sample as pdftotext gives it from a PDF (hard-wrapped at the page's
 * width, spaces between digits and 年月日): the same tree, every sentence
 * in its place, spaces aside. */
static void test_seed_from_pdf(void **state)
{
    static char a[64 * 1024], b[64 * 1024];
    struct doc seed = parse_ok("data/jingan-2024-3.txt", NULL);
    struct doc pdf = parse_ok(FIX "parse-seed-pdf.txt", NULL);
    (void)state;
    a[0] = b[0] = 0;
    flatten_texts(seed.nodes, seed.nnodes, a, sizeof a);
    flatten_texts(pdf.nodes, pdf.nnodes, b, sizeof b);
    squash_spaces(a);
    squash_spaces(b);
    assert_string_equal(a, b);
    assert_int_equal(seed.nintro, pdf.nintro);
    assert_int_equal(seed.nclosing, pdf.nclosing);
    assert_string_equal(pdf.meta.signed_on, "2024-02-18");
    assert_string_equal(pdf.meta.published, "2024-02-27");
    doc_fini(&seed);
    doc_fini(&pdf);
}

/* ---- headers as they really arrive ---- */

/* A portal page: breadcrumbs and chrome, bullet and table metadata, a
 * title over two lines, a subtitle, a speaker over a speech's opening. */
static void test_portal_header(void **state)
{
    struct doc d = parse_ok(FIX "parse-portal.txt", NULL);
    (void)state;
    assert_string_equal(d.meta.title, "关于本区优化营商环境工作情况审议意见研究处理情况的报告");
    assert_string_equal(d.meta.issuer, "上海市静安区人民政府");
    assert_string_equal(d.meta.published, "2024-03-12");
    assert_string_equal(d.meta.doc_no, "静府议〔2024〕5号");
    assert_string_equal(d.meta.signed_on, "2024-03-08");         /* 成文日期 */
    assert_string_equal(d.meta.signed_by, "王某某");             /* the speaker signs */
    assert_string_equal(d.meta.addressee, "主任、各位副主任、各位委员");
    assert_int_equal(d.nintro, 1);                               /* 现将……: no chrome */
    assert_int_equal(d.nnodes, 1);
    assert_int_equal(node_of(&d, "1")->nstmts, 1);                /* 访问量, 分享, ICP: gone */
    assert_null(d.closing);
    doc_fini(&d);
}

/* A dash subtitle, a doc number before the title, a list of addressees,
 * the metadata line of a date and time before 来源. */
static void test_header_variants(void **state)
{
    static const char text[] =
        "2024-05-09 10:20:00来源:区审计局\n"
        "京政办发〔2016〕26号《关于审计整改情况的报告》\n"
        "——2024年10月在区人大常委会第二十一次会议上\n"
        "各区人民政府,市政府各委、办、局,各市属机构:\n"
        "一、加强整改\n区审计局将加强跟踪督促。\n";
    struct doc d = parse_str(text, NULL);
    (void)state;
    assert_string_equal(d.meta.title, "关于审计整改情况的报告");
    assert_string_equal(d.meta.doc_no, "京政办发〔2016〕26号");
    assert_string_equal(d.meta.published, "2024-05-09");
    assert_string_equal(d.meta.issuer, "区审计局");
    assert_string_equal(d.meta.addressee, "各区人民政府,市政府各委、办、局,各市属机构");
    assert_int_equal(d.nintro, 0);
    doc_fini(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markers),
        cmocka_unit_test(test_marker_beats_guesses),
        cmocka_unit_test(test_marker_lookalikes),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_department_shapes),
        cmocka_unit_test(test_actor_not_guide),
        cmocka_unit_test(test_lexicon_option),
        cmocka_unit_test(test_routing_jurisdiction),
        cmocka_unit_test(test_run_together),
        cmocka_unit_test(test_digit_titles),
        cmocka_unit_test(test_flattened_table),
        cmocka_unit_test(test_seed_from_pdf),
        cmocka_unit_test(test_portal_header),
        cmocka_unit_test(test_header_variants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
