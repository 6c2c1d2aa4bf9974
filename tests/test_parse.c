/* parse/parse.h, core/doc.h, util/json.h: the seed report field by field,
 * the same tree from the seed reshaped every way it arrives, reports of
 * other shapes, bad input, and the JSON contract. Run from the
 * repository's top directory (tests/run.sh does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/doc.h"
#include "util/encoding.h"
#include "util/err.h"
#include "util/json.h"
#include "parse/parse.h"
#include "tests/parse_helpers.h"
#include "readers/read.h"

#define SEED "data/jingan-2024-3.txt"

static const struct stmt *stmt_of(const struct doc *d, const char *code)
{
    char node[32];
    const char *dot = strrchr(code, '.');
    const struct node *n;
    size_t i;
    memcpy(node, code, (size_t)(dot - code));
    node[dot - code] = 0;
    if (strlen(node) > 2 && strcmp(node + strlen(node) - 2, ".0") == 0)
        node[strlen(node) - 2] = 0;
    n = node_of(d, node);
    for (i = 0; i < n->nstmts; i++)
        if (strcmp(n->stmts[i].code, code) == 0) return &n->stmts[i];
    fprintf(stderr, "no statement %s\n", code);
    fail();
    return NULL;
}

/* ---- the seed ---- */

static const char *const section_titles[] = {
    "依据法定职责夯实工作基础,强化高水平科技创新",
    "打响静安特色的科创服务品牌,优化科技创新环境",
    "打造数字化时代科技创新高地,加强创新主体培育",
};
static const struct { const char *code, *title; } items[] = {
    /* run-in 一是…: the first clause is the title (issue 22) */
    {"1.1", "充分认识科技创新的重要意义"},
    {"1.2", "进一步优化科技创新战略设计"},
    {"1.3", "逐步完善科技创新体制机制"},
    {"2.1", "推动科技金融融合及人才培育"},
    {"2.2", "深化科技创新载体提质增效"},
    {"2.3", "加快数字科创场景和设施建设"},
    {"2.4", "深入推进知识产权发展战略"},
    {"2.5", "提升体系化科普工作能力"},
    {"3.1", "加强四大功能区错位联动"},
    {"3.2", "抓好科创企业培育服务"},
    {"3.3", "聚焦龙头企业招引"},
};

static void check_seed_meta(const struct doc *d)
{
    assert_string_equal(d->meta.title, "上海市静安区人民政府《关于检查本区贯彻实施〈上海市推进"
                        "科技创新中心建设条例〉情况的审议意见》落实情况的报告");
    assert_string_equal(d->meta.issuer, "区审计局");
    assert_string_equal(d->meta.published, "2024-02-27");
    assert_string_equal(d->meta.doc_no, "静府议〔2024〕3号");
    assert_string_equal(d->meta.addressee, "区人大常委会");
    assert_string_equal(d->meta.signed_by, "上海市静安区人民政府");
    assert_string_equal(d->meta.signed_on, "2024-02-18");
    assert_string_equal(d->meta.lead_department, "区科委");
}

static void test_seed_structure(void **state)
{
    struct doc d = parse_ok(SEED, NULL);
    size_t i, nitems = 0;
    (void)state;
    check_seed_meta(&d);
    assert_int_equal(d.nnodes, 3);
    for (i = 0; i < 3; i++) {
        char code[4];
        snprintf(code, sizeof code, "%zu", i + 1);
        assert_string_equal(d.nodes[i].code, code);
        assert_string_equal(d.nodes[i].title, section_titles[i]);
        assert_int_equal(d.nodes[i].depth, 0);
        assert_null(d.nodes[i].owner);
        assert_int_equal(d.nodes[i].nstmts, 0);
        nitems += d.nodes[i].nchildren;
    }
    assert_int_equal(d.nodes[0].nchildren, 3);
    assert_int_equal(d.nodes[1].nchildren, 5);
    assert_int_equal(d.nodes[2].nchildren, 3);
    assert_int_equal(nitems, 11);
    for (i = 0; i < 11; i++) {
        const struct node *n = node_of(&d, items[i].code);
        assert_string_equal(n->title, items[i].title);
        assert_int_equal(n->depth, 1);
        assert_int_equal(n->nchildren, 0);
        assert_true(n->nstmts > 0);
        assert_string_equal(n->owner, strcmp(items[i].code, "2.4") == 0 ? "区知识产权局" : "区科委");
    }
    assert_int_equal(d.nintro, 4);
    assert_string_equal(d.intro[0].code, "I.1");
    assert_string_equal(d.intro[3].text, "现将审议意见的研究处理情况报告如下:");
    assert_int_equal(node_of(&d, "3.3")->nstmts, 2);
    assert_int_equal(d.nclosing, 1);
    assert_string_equal(d.closing[0].code, "C.1");
    assert_true(strncmp(d.closing[0].text, "区政府将始终坚持", strlen("区政府将始终坚持")) == 0);
    assert_non_null(strstr(d.closing[0].text, "注入强大的科技动能。"));
    assert_null(strstr(d.closing[0].text, "2024年2月18日"));
    doc_fini(&d);
    assert_null(d.nodes);
    doc_fini(&d);                                   /* safe twice */
}

static void test_seed_statements(void **state)
{
    struct doc d = parse_ok(SEED, NULL);
    const struct stmt *s;
    (void)state;
    s = stmt_of(&d, "2.1.1");
    assert_int_equal(s->kind, STMT_COMMITMENT);
    assert_true(strncmp(s->text, "聚焦关键技术突破", strlen("聚焦关键技术突破")) == 0);
    assert_int_equal(s->nmetrics, 2);
    assert_string_equal(s->metrics[0].text, "8支");
    assert_true(s->metrics[0].value == 8.0);
    assert_string_equal(s->metrics[0].unit, "支");
    assert_string_equal(s->metrics[1].text, "11.5亿元");
    assert_true(s->metrics[1].value == 11.5);
    assert_string_equal(s->metrics[1].unit, "亿元");
    assert_int_equal(s->ndepts, 0);
    assert_string_equal(s->due, "");
    s = stmt_of(&d, "2.1.2");                       /* 2022年…较上一年增加… 2024年将持续 */
    assert_int_equal(s->kind, STMT_COMMITMENT);     /* a target date makes it a promise */
    assert_string_equal(s->due, "2024-12-31");
    assert_int_equal(s->nmetrics, 3);
    assert_string_equal(s->metrics[1].text, "71.9%");
    assert_true(s->metrics[1].value == 71.9);
    assert_string_equal(s->metrics[1].unit, "%");
    s = stmt_of(&d, "2.2.4");
    assert_int_equal(s->kind, STMT_FACT);
    assert_int_equal(s->nmetrics, 2);
    assert_string_equal(s->metrics[0].text, "近百场");
    assert_true(s->metrics[0].value == 100.0);
    assert_string_equal(s->metrics[0].unit, "场");
    assert_string_equal(s->metrics[1].text, "1700多家");
    assert_true(s->metrics[1].value == 1700.0);
    assert_string_equal(s->metrics[1].unit, "家");
    assert_int_equal(stmt_of(&d, "2.3.4")->nmetrics, 0);            /* 5G */
    assert_string_equal(stmt_of(&d, "1.1.1")->text, "助推静安高质量发展。");  /* the title's rest */
    assert_int_equal(stmt_of(&d, "1.1.2")->kind, STMT_CONTEXT);
    assert_int_equal(stmt_of(&d, "1.1.3")->kind, STMT_CONTEXT);
    assert_int_equal(stmt_of(&d, "1.1.4")->kind, STMT_COMMITMENT);
    assert_int_equal(stmt_of(&d, "2.4.2")->kind, STMT_FACT);        /* 加大了 */
    assert_int_equal(stmt_of(&d, "3.3.2")->kind, STMT_COMMITMENT);
    assert_int_equal(d.intro[0].kind, STMT_FACT);
    s = stmt_of(&d, "3.2.3");
    assert_string_equal(s->text, "2024年全区高新技术企业、科技小巨人数量还将持续增长。");
    assert_string_equal(s->due, "2024-12-31");
    s = stmt_of(&d, "2.4.5");
    assert_int_equal(s->ndepts, 4);
    assert_string_equal(s->depts[0], "上海市知识产权局");
    assert_string_equal(s->depts[1], "区知识产权局");
    assert_string_equal(s->depts[2], "区审改办");
    assert_string_equal(s->depts[3], "区行政服务中心");
    s = stmt_of(&d, "3.1.4");                       /* split on ; */
    assert_string_equal(s->text, "推动走马塘整体规划转型,打造智能健康创新走廊;");
    assert_int_equal(stmt_of(&d, "1.3.2")->nmetrics, 0);            /* (2023-2025) */
    assert_string_equal(stmt_of(&d, "1.3.2")->due, "");
    doc_fini(&d);
}

/* Reads a whole file into a NUL-terminated heap string. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = 0;
    fclose(f);
    if (len) *len = (size_t)n;
    return b;
}

/* Consumes text at *p of body, after white space and (for a title) one
 * heading marker; a title's end punctuation may follow. */
static void take(const char *body, size_t *p, const char *text, int title)
{
    static const char *const markers[] = {"一、", "二、", "三、", "一是", "二是", "三是",
                                          "四是", "五是", NULL};
    size_t i;
    if (title) {
        for (i = 0; markers[i]; i++)
            if (strncmp(body + *p, markers[i], strlen(markers[i])) == 0) break;
        assert_non_null(markers[i]);
        *p += strlen(markers[i]);
    }
    if (strncmp(body + *p, text, strlen(text)) != 0)
        fprintf(stderr, "expected at %zu: %.60s\n   found: %.60s\n", *p, text, body + *p);
    assert_true(strncmp(body + *p, text, strlen(text)) == 0);
    *p += strlen(text);
    if (title && strncmp(body + *p, "。", strlen("。")) == 0) *p += strlen("。");
    if (title && body[*p] == ',') (*p)++;          /* a run-in title ends at its comma */
    if (title && strncmp(body + *p, "，", strlen("，")) == 0) *p += strlen("，");
}

static void take_node(const char *body, size_t *p, const struct node *n)
{
    size_t i;
    take(body, p, n->title, 1);
    for (i = 0; i < n->nstmts; i++) take(body, p, n->stmts[i].text, 0);
    for (i = 0; i < n->nchildren; i++) take_node(body, p, &n->children[i]);
}

/* Every sentence of the body once, in order: intro, each heading's title
 * and statements, closing, then exactly the signature is left. */
static void test_seed_every_sentence(void **state)
{
    struct doc d = parse_ok(SEED, NULL);
    char *all = slurp(SEED, NULL), *body;
    size_t p, i, nstmts = d.nintro + d.nclosing;
    (void)state;
    body = strstr(all, "区人大常委会:2023年");
    assert_non_null(body);
    p = strlen("区人大常委会:");
    for (i = 0; i < d.nintro; i++) take(body, &p, d.intro[i].text, 0);
    for (i = 0; i < d.nnodes; i++) take_node(body, &p, &d.nodes[i]);
    for (i = 0; i < d.nclosing; i++) take(body, &p, d.closing[i].text, 0);
    assert_string_equal(body + p, "上海市静安区人民政府2024年2月18日");
    for (i = 0; i < d.nnodes; i++) {
        size_t j;
        for (j = 0; j < d.nodes[i].nchildren; j++) nstmts += d.nodes[i].children[j].nstmts;
    }
    assert_int_equal(nstmts, 4 + 46 + 1);          /* 43, and the rests of 3 run-in titles */
    free(all);
    doc_fini(&d);
}

/* ---- the same tree from the seed reshaped ---- */

/* Half-width form of a full-width punctuation mark, for comparing. */
static void norm(const char *s, char *out, size_t outlen)
{
    static const char *const full[] = {"，", "：", "；", "（", "）", "！", "？", NULL};
    static const char half[] = ",:;()!?";
    size_t o = 0;
    while (*s && o + 1 < outlen) {
        int j, hit = 0;
        for (j = 0; full[j]; j++) {
            size_t l = strlen(full[j]);
            if (strncmp(s, full[j], l) == 0) { out[o++] = half[j]; s += l; hit = 1; break; }
        }
        if (!hit) out[o++] = *s++;
    }
    out[o] = 0;
}

static void same_str(const char *a, const char *b)
{
    static char na[16384], nb[16384];
    if (!a || !b) { assert_true(a == b); return; }
    norm(a, na, sizeof na);
    norm(b, nb, sizeof nb);
    assert_string_equal(na, nb);
}

static void same_stmts(const struct stmt *a, size_t na, const struct stmt *b, size_t nb)
{
    size_t i, j;
    assert_int_equal(na, nb);
    for (i = 0; i < na; i++) {
        assert_string_equal(a[i].code, b[i].code);
        assert_int_equal(a[i].kind, b[i].kind);
        same_str(a[i].text, b[i].text);
        assert_string_equal(a[i].due, b[i].due);
        assert_int_equal(a[i].nmetrics, b[i].nmetrics);
        for (j = 0; j < a[i].nmetrics; j++) {
            same_str(a[i].metrics[j].text, b[i].metrics[j].text);
            assert_true(a[i].metrics[j].value == b[i].metrics[j].value);
        }
        assert_int_equal(a[i].ndepts, b[i].ndepts);
        for (j = 0; j < a[i].ndepts; j++) assert_string_equal(a[i].depts[j], b[i].depts[j]);
    }
}

static void same_nodes(const struct node *a, size_t na, const struct node *b, size_t nb)
{
    size_t i;
    assert_int_equal(na, nb);
    for (i = 0; i < na; i++) {
        assert_string_equal(a[i].code, b[i].code);
        assert_int_equal(a[i].depth, b[i].depth);
        same_str(a[i].title, b[i].title);
        same_str(a[i].owner, b[i].owner);
        same_stmts(a[i].stmts, a[i].nstmts, b[i].stmts, b[i].nstmts);
        same_nodes(a[i].children, a[i].nchildren, b[i].children, b[i].nchildren);
    }
}

static void same_as_seed(const char *path, const char *encoding)
{
    struct parse_opts o;
    struct doc a = parse_ok(SEED, NULL), b;
    memset(&o, 0, sizeof o);
    o.encoding = encoding;
    b = parse_ok(path, &o);
    check_seed_meta(&b);
    same_stmts(a.intro, a.nintro, b.intro, b.nintro);
    same_nodes(a.nodes, a.nnodes, b.nodes, b.nnodes);
    same_stmts(a.closing, a.nclosing, b.closing, b.nclosing);
    doc_fini(&a);
    doc_fini(&b);
}

static void test_seed_gb18030(void **state)
{
    (void)state;
    same_as_seed(FIX "parse-seed-gb18030.txt", NULL);
    same_as_seed(FIX "parse-seed-gb18030.txt", "gb18030");
    same_as_seed(FIX "parse-seed-gb18030.txt", "GBK");
}
static void test_seed_bom(void **state) { (void)state; same_as_seed(FIX "parse-seed-bom.txt", "utf-8"); same_as_seed(FIX "parse-seed-bom.txt", NULL); }
static void test_seed_crlf(void **state) { (void)state; same_as_seed(FIX "parse-seed-crlf.txt", "auto"); }
static void test_seed_paragraphs(void **state) { (void)state; same_as_seed(FIX "parse-seed-paragraphs.txt", NULL); }
static void test_seed_swapped(void **state) { (void)state; same_as_seed(FIX "parse-seed-swapped.txt", NULL); }
static void test_seed_wrapped(void **state) { (void)state; same_as_seed(FIX "parse-seed-wrapped.txt", NULL); }
static void test_seed_web(void **state) { (void)state; same_as_seed(FIX "parse-seed-web.txt", NULL); }

static void test_seed_swapped_texts(void **state)
{
    struct doc d = parse_ok(FIX "parse-seed-swapped.txt", NULL);
    (void)state;
    /* texts stay as in the source: full-width where the file has them */
    assert_string_equal(node_of(&d, "1")->title, "依据法定职责夯实工作基础，强化高水平科技创新");
    assert_string_equal(d.intro[3].text, "现将审议意见的研究处理情况报告如下：");
    doc_fini(&d);
}

/* ---- reports of other shapes ---- */

static void test_review_opinions(void **state)
{
    struct route r[] = {{"雨污", "区水务局"}, {"污水", "区排水公司"}};
    struct parse_opts o;
    struct doc d = parse_ok(FIX "parse-review-opinions.txt", NULL);
    const struct stmt *s;
    (void)state;
    assert_string_equal(d.meta.title, "关于区政府《关于本区生态环境保护工作情况的报告》的审议意见");
    assert_string_equal(d.meta.addressee, "区人民政府");
    assert_string_equal(d.meta.signed_by, "区人大常委会");
    assert_string_equal(d.meta.signed_on, "2024-05-10");
    assert_string_equal(d.meta.issuer, "区人大常委会");      /* an organ that signs issues */
    assert_null(d.meta.published);
    assert_null(d.meta.doc_no);
    assert_null(d.meta.lead_department);
    assert_int_equal(d.nintro, 3);
    assert_int_equal(d.nnodes, 3);
    assert_string_equal(node_of(&d, "1")->title, "进一步压实生态环境保护责任");
    assert_string_equal(node_of(&d, "2")->title, "加快补齐环境基础设施短板");
    assert_string_equal(node_of(&d, "3")->title, "着力提升生态环境治理能力");
    assert_int_equal(node_of(&d, "1")->nstmts, 3);
    assert_string_equal(node_of(&d, "1")->owner, "区生态环境局");     /* 要由X牵头 */
    assert_null(node_of(&d, "2")->owner);                             /* no lead, no route */
    assert_string_equal(node_of(&d, "3")->owner, "区城管执法局");
    s = stmt_of(&d, "1.1");
    assert_string_equal(s->text, "要坚持党政同责、一岗双责，健全生态环境保护责任清单；");
    assert_int_equal(s->kind, STMT_COMMITMENT);
    assert_int_equal(stmt_of(&d, "1.2")->kind, STMT_COMMITMENT);
    assert_string_equal(stmt_of(&d, "2.1")->due, "2025-12-31");       /* 到2025年底前 */
    s = stmt_of(&d, "2.2");
    assert_string_equal(s->due, "");                                  /* 2024年新增: no future marker */
    assert_int_equal(s->nmetrics, 1);
    assert_string_equal(s->metrics[0].unit, "公里");
    assert_true(s->metrics[0].value == 12.0);
    assert_true(stmt_of(&d, "3.1")->metrics[0].value == 300.0);
    assert_int_equal(d.nclosing, 0);
    doc_fini(&d);

    memset(&o, 0, sizeof o);
    o.routes = r;
    o.nroutes = 2;
    d = parse_ok(FIX "parse-review-opinions.txt", &o);
    assert_string_equal(node_of(&d, "2")->owner, "区水务局");        /* first rule wins */
    assert_string_equal(node_of(&d, "1")->owner, "区生态环境局");    /* an actor beats a route */
    doc_fini(&d);
}

static void test_rectification(void **state)
{
    struct doc d = parse_ok(FIX "parse-rectification.txt", NULL);
    const struct node *n;
    const struct stmt *s;
    (void)state;
    assert_string_equal(d.meta.addressee, "县人大常委会");
    assert_string_equal(d.meta.signed_by, "县人民政府");
    assert_string_equal(d.meta.signed_on, "2024-07-15");
    assert_int_equal(d.nintro, 1);
    assert_int_equal(d.nnodes, 3);
    n = node_of(&d, "1");
    assert_string_equal(n->title, "整改工作总体情况");
    assert_int_equal(n->nchildren, 0);
    assert_int_equal(n->nstmts, 2);
    s = &n->stmts[1];
    assert_int_equal(s->kind, STMT_FACT);
    assert_string_equal(s->due, "");                                  /* 截至2024年6月底 */
    assert_int_equal(s->nmetrics, 3);
    assert_string_equal(s->metrics[2].text, "88.1%");
    n = node_of(&d, "2");
    assert_string_equal(n->title, "审计查出问题的整改情况");
    assert_int_equal(n->nchildren, 2);
    assert_int_equal(n->nstmts, 0);
    assert_null(n->owner);
    assert_string_equal(node_of(&d, "2.1")->title, "预算执行方面的问题");
    assert_int_equal(node_of(&d, "2.1")->depth, 1);
    n = node_of(&d, "2.1.1");
    assert_int_equal(n->depth, 2);
    assert_string_equal(n->title, "部分项目预算编制不够精准");
    assert_string_equal(n->owner, "县财政局");
    s = stmt_of(&d, "2.1.1.1");
    assert_int_equal(s->kind, STMT_FACT);
    assert_string_equal(s->metrics[0].text, "320万元");
    assert_string_equal(s->metrics[0].unit, "万元");
    assert_true(s->metrics[0].value == 320.0);
    assert_string_equal(stmt_of(&d, "2.1.2.1")->due, "");            /* 已于2024年3月将… */
    assert_string_equal(node_of(&d, "2.2.1")->owner, "县民政局");
    assert_true(stmt_of(&d, "2.2.1.1")->metrics[0].value == 15.6);
    assert_string_equal(node_of(&d, "2.2.2")->owner, "县发展和改革委员会");
    assert_string_equal(stmt_of(&d, "2.2.2.1")->due, "2024-09-30");  /* 9月底前 */
    assert_string_equal(node_of(&d, "3")->title, "下一步工作打算");
    assert_string_equal(node_of(&d, "3.1")->title, "压实整改责任");
    assert_string_equal(stmt_of(&d, "3.1.1")->due, "2024-12-31");
    assert_string_equal(node_of(&d, "3.2")->title, "健全长效机制");
    assert_int_equal(node_of(&d, "3.2")->nstmts, 1);
    assert_int_equal(d.nclosing, 2);
    assert_string_equal(d.closing[0].text, "下一步，县政府将持续跟踪督促，确保审计查出问题整改到位。");
    assert_string_equal(d.closing[1].text, "特此报告。");
    assert_string_equal(d.closing[1].code, "C.2");
    doc_fini(&d);
}

static void test_inspection(void **state)
{
    struct doc d = parse_ok(FIX "parse-inspection.txt", NULL);
    const struct stmt *s;
    (void)state;
    assert_string_equal(d.meta.addressee, "各街道（镇）、区政府各委办局");
    assert_string_equal(d.meta.signed_by, "区政府督查室");
    assert_string_equal(d.meta.signed_on, "2024-07-20");
    assert_int_equal(d.nintro, 2);
    assert_int_equal(d.intro[1].kind, STMT_CONTEXT);
    assert_int_equal(d.intro[0].ndepts, 1);
    assert_string_equal(d.intro[0].depts[0], "区政府督查室");
    assert_int_equal(d.nnodes, 3);
    assert_string_equal(node_of(&d, "1")->title, "重点项目建设总体有序");
    assert_string_equal(node_of(&d, "2")->title, "部分民生实事进度滞后");
    assert_string_equal(node_of(&d, "3")->title, "营商环境改革需持续深化");
    s = stmt_of(&d, "1.1");
    assert_int_equal(s->kind, STMT_FACT);
    assert_int_equal(s->nmetrics, 3);
    s = stmt_of(&d, "2.1");
    assert_string_equal(s->due, "2024-11-30");
    assert_string_equal(node_of(&d, "2")->owner, "区住房保障局");
    assert_string_equal(node_of(&d, "3")->owner, "区行政服务中心");
    assert_int_equal(node_of(&d, "3")->nstmts, 2);
    assert_int_equal(d.nclosing, 1);
    assert_string_equal(d.closing[0].text, "各单位要对照通报问题，认真抓好整改落实。");
    doc_fini(&d);
}

static void test_intro_enumeration(void **state)
{
    struct doc d = parse_ok(FIX "parse-intro-enum.txt", NULL);
    (void)state;
    assert_string_equal(d.meta.signed_on, "2024-03-01");            /* 二〇二四年三月一日 */
    assert_string_equal(d.meta.lead_department, "县生态环境局");      /* 责成X牵头 */
    /* the problem list 一是…;二是… stays in the introduction */
    assert_int_equal(d.nintro, 6);
    assert_string_equal(d.intro[2].text, "二是农村黑臭水体治理进度不快；");
    assert_int_equal(d.nnodes, 3);
    assert_int_equal(node_of(&d, "1")->nchildren, 0);
    /* a heading line that goes straight on into text */
    assert_string_equal(node_of(&d, "1")->title, "加快污水处理基础设施建设");
    assert_int_equal(node_of(&d, "1")->nstmts, 2);
    assert_string_equal(stmt_of(&d, "1.1")->text,
                        "尽快实现城镇污水管网全覆盖，2024年底前新建污水管网20公里。");
    assert_string_equal(stmt_of(&d, "1.1")->due, "2024-12-31");
    assert_string_equal(node_of(&d, "1")->owner, "县水务局");
    assert_string_equal(node_of(&d, "2")->owner, "县生态环境局");    /* the lead */
    assert_string_equal(stmt_of(&d, "2.1")->due, "2024-12-31");      /* 计划2024年 */
    assert_int_equal(d.nclosing, 0);
    doc_fini(&d);
}

static void test_enumeration_only(void **state)
{
    struct doc d = parse_ok(FIX "parse-enum-only.txt", NULL);
    (void)state;
    assert_int_equal(d.nintro, 1);                  /* 统一是 is no enumeration */
    assert_int_equal(d.nnodes, 3);
    assert_string_equal(d.nodes[0].code, "1");
    /* run-in 一是… of one paragraph: the first clause is the title */
    assert_string_equal(d.nodes[0].title, "加强市容环境整治");
    assert_string_equal(d.nodes[0].stmts[0].text, "全年整治违法建筑120处。");
    assert_string_equal(d.nodes[2].title, "深化智慧城管建设");
    assert_null(d.nodes[0].owner);                  /* named in the intro, not as lead */
    assert_int_equal(d.nclosing, 1);
    assert_string_equal(d.closing[0].text, "区政府将继续努力，不断提升城市管理水平。");
    doc_fini(&d);
}

static int parse_text(const char *text, const struct parse_opts *o, struct doc *d,
                      char *err)
{
    return parse_buffer(text, strlen(text), o, d, err, FU_ERRLEN);
}

static void test_levels_and_markers(void **state)
{
    const char *text =
        "区人大常委会：\n"
        "现报告如下。\n"
        "一、总体要求\n"
        "(一)加强领导\n"
        "(1)成立领导小组。由区发改委牵头，每季度召开1次会议。\n"
        "(2)建立例会制度。\n"
        "（二）强化保障。资金投入11.5亿元。1.5亿元用于试点。\n"
        "二、主要任务。推进一网通办；完善监管，2026年6月底前完成。\n";
    struct doc d;
    char err[FU_ERRLEN];
    const struct node *n;
    (void)state;
    assert_int_equal(parse_text(text, NULL, &d, err), FU_OK);
    assert_int_equal(d.nnodes, 2);
    n = node_of(&d, "1");
    assert_int_equal(n->nchildren, 2);
    assert_string_equal(node_of(&d, "1.1")->title, "加强领导");
    assert_int_equal(node_of(&d, "1.1")->nchildren, 2);
    assert_string_equal(node_of(&d, "1.1.1")->title, "成立领导小组");
    assert_int_equal(node_of(&d, "1.1.1")->depth, 2);
    assert_string_equal(node_of(&d, "1.1.1")->owner, "区发改委");
    assert_string_equal(node_of(&d, "1.1.2")->title, "建立例会制度");
    n = node_of(&d, "1.2");
    assert_string_equal(n->title, "强化保障");
    assert_int_equal(n->nchildren, 0);              /* 11.5亿元, 1.5亿元 are no headings */
    assert_int_equal(n->nstmts, 2);
    n = node_of(&d, "2");
    assert_string_equal(n->title, "主要任务");
    assert_int_equal(n->nstmts, 2);
    assert_string_equal(n->stmts[1].due, "2026-06-30");
    assert_null(d.meta.title);
    doc_fini(&d);
}

static void test_node_own_text_codes(void **state)
{
    const char *text =
        "一、加强创新主体培育。今年共培育企业50家。一是抓好企业服务。走访企业。"
        "二是聚焦龙头企业。引进龙头企业3家。";
    struct doc d;
    char err[FU_ERRLEN];
    const struct node *n;
    (void)state;
    assert_int_equal(parse_text(text, NULL, &d, err), FU_OK);
    n = node_of(&d, "1");
    assert_int_equal(n->nchildren, 2);
    assert_int_equal(n->nstmts, 1);
    assert_string_equal(n->stmts[0].code, "1.0.1");
    assert_string_equal(n->stmts[0].text, "今年共培育企业50家。");
    assert_string_equal(stmt_of(&d, "1.1.1")->text, "走访企业。");
    assert_string_equal(stmt_of(&d, "1.2.1")->text, "引进龙头企业3家。");
    doc_fini(&d);
}

static void test_departments_option(void **state)
{
    const char *names[] = {"大数据中心", "区科委"};
    struct parse_opts o;
    struct doc d;
    char err[FU_ERRLEN];
    const char *text = "一、推进智慧城市建设。大数据中心负责平台建设，区科委配合。\n"
                       "二、完善机制。加强统筹。\n";
    (void)state;
    memset(&o, 0, sizeof o);
    o.departments = names;
    o.ndepartments = 2;
    assert_int_equal(parse_text(text, &o, &d, err), FU_OK);
    assert_string_equal(node_of(&d, "1")->owner, "大数据中心");
    assert_int_equal(stmt_of(&d, "1.1")->ndepts, 2);
    assert_string_equal(stmt_of(&d, "1.1")->depts[0], "大数据中心");
    assert_string_equal(stmt_of(&d, "1.1")->depts[1], "区科委");
    assert_null(node_of(&d, "2")->owner);
    doc_fini(&d);
}

/* ---- bad input ---- */

static void expect_err(const char *buf, size_t len, const struct parse_opts *o, int rc,
                       const char *part)
{
    struct doc d;
    char err[FU_ERRLEN] = "";
    memset(&d, 0x5A, sizeof d);
    assert_int_equal(parse_buffer(buf, len, o, &d, err, sizeof err), rc);
    if (!strstr(err, part)) fprintf(stderr, "message: %s\n", err);
    assert_non_null(strstr(err, part));
    assert_null(strchr(err, '\n'));
    assert_null(d.nodes);
    assert_null(d.meta.title);
}

static void test_bad_buffers(void **state)
{
    static char big[4096];
    struct parse_opts o;
    char *seed;
    size_t len;
    (void)state;
    memset(&o, 0, sizeof o);
    expect_err("", 0, NULL, FU_ERR, "empty");
    expect_err(" \n\t\n", 4, NULL, FU_ERR, "no text");
    expect_err("一、abc\0def", 10, NULL, FU_ERR, "not a text file");
    memset(big, 0x01, sizeof big);
    memcpy(big, "一、", strlen("一、"));
    expect_err(big, sizeof big, NULL, FU_ERR, "not a text file");
    expect_err("\xFF\xFF\xFF\xFF\x80\x80", 6, NULL, FU_ERR, "neither UTF-8");
    expect_err("\xFF\xFE\x00\x4E", 4, NULL, FU_ERR, "UTF-16");
    expect_err("这是一段没有编号的文字。", strlen("这是一段没有编号的文字。"), NULL, FU_ERR,
               "no numbered headings (一、 (一) 1. 一是) and no sentence that commits to "
               "anything; is this a commitment report?");
    o.encoding = "latin1";
    expect_err("一、好。", strlen("一、好。"), &o, FU_USAGE, "unknown encoding 'latin1'");
    seed = slurp(FIX "parse-seed-gb18030.txt", &len);
    o.encoding = "utf-8";
    expect_err(seed, len, &o, FU_ERR, "not valid UTF-8");
    free(seed);
    seed = slurp(SEED, &len);
    o.encoding = NULL;
    o.max_bytes = 1000;
    expect_err(seed, len, &o, FU_ERR, "too large");
    free(seed);
}

/* Mutated seeds and random bytes: an answer every time, never a crash. */
static void test_mutations_never_crash(void **state)
{
    static const char *const bits[] = {"一是", "二是", "、", "（一）", "1.", "\n", "。",
                                       "区政府将", "2024年将", "区科委", "\xE2\x80\xAE", "\r"};
    size_t len, i;
    char *seed = slurp(SEED, &len);
    unsigned long r = 12345;
    (void)state;
    for (i = 0; i < 300; i++) {
        char *m = malloc(len + 400);
        size_t n = len, k;
        struct doc d;
        char err[FU_ERRLEN];
        int rc;
        assert_non_null(m);
        memcpy(m, seed, len);
        for (k = 0; k < 1 + i % 20; k++) {
            size_t p;
            r = r * 1103515245 + 12345;
            p = (r >> 8) % n;
            if (r % 3 == 0) m[p] = (char)(r >> 16);
            else if (r % 3 == 1 && n > 40) { memmove(m + p, m + p + 1, n - p - 1); n--; }
            else {
                const char *b = bits[(r >> 4) % 12];
                size_t bl = strlen(b);
                memmove(m + p + bl, m + p, n - p);
                memcpy(m + p, b, bl);
                n += bl;
            }
        }
        rc = parse_buffer(m, n, NULL, &d, err, sizeof err);
        assert_true(rc == FU_OK || rc == FU_ERR);
        if (rc == FU_OK) doc_fini(&d);
        free(m);
    }
    free(seed);
}

static void expect_file_err(const char *path, const char *part)
{
    struct doc d;
    char err[FU_ERRLEN] = "";
    assert_int_equal(fmt_parse_file(path, FK_TEXT, NULL, &d, err, sizeof err), FU_ERR);
    if (!strstr(err, part)) fprintf(stderr, "message: %s\n", err);
    assert_non_null(strstr(err, part));
    assert_true(strncmp(err, path, strlen(path)) == 0);            /* names the file */
    assert_null(d.nodes);
}

static void test_bad_files(void **state)
{
    char dir[] = "/tmp/fu-test-parse-XXXXXX", path[128];
    FILE *f;
    struct parse_opts o;
    struct doc d;
    char err[FU_ERRLEN];
    (void)state;
    expect_file_err("tests/fixtures", "is a directory; give a report file");
    expect_file_err("tests/fixtures/no-such-file.txt", "no such file");
    expect_file_err(FIX "parse-no-headings.txt", "no numbered headings");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    expect_file_err(path, "empty");
    snprintf(path, sizeof path, "%s/locked.txt", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("一、好。\n二、好。\n", f);
    fclose(f);
    chmod(path, 0);
    if (geteuid() != 0) expect_file_err(path, "cannot open");
    unlink(path);
    memset(&o, 0, sizeof o);
    o.max_bytes = 100;
    assert_int_equal(fmt_parse_file(SEED, FK_TEXT, &o, &d, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, "too large"));
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    unlink(path);
    rmdir(dir);
}

static void test_encoding_names(void **state)
{
    enum enc_kind k;
    (void)state;
    assert_int_equal(enc_parse_name(NULL, &k), 0);
    assert_int_equal(k, ENC_AUTO);
    assert_int_equal(enc_parse_name("AUTO", &k), 0);
    assert_int_equal(enc_parse_name("UTF-8", &k), 0);
    assert_int_equal(k, ENC_UTF8);
    assert_int_equal(enc_parse_name("gbk", &k), 0);
    assert_int_equal(k, ENC_GB18030);
    assert_int_equal(enc_parse_name("big5", &k), -1);
    assert_string_equal(enc_name(ENC_GB18030), "gb18030");
}

static void test_newlines(void **state)
{
    char s[] = "a\r\nb\rc\n\r\nd";
    size_t n = enc_normalize_newlines(s, strlen(s));
    (void)state;
    assert_int_equal(n, strlen("a\nb\nc\n\nd"));
    assert_memory_equal(s, "a\nb\nc\n\nd", n);
}

/* ---- JSON ---- */

static char *json_of(const struct doc *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(doc_write_json(d, f), FU_OK);
    fclose(f);
    return buf;
}

static void test_json_seed(void **state)
{
    struct doc d = parse_ok(SEED, NULL);
    char *j = json_of(&d);
    (void)state;
    assert_true(strncmp(j, "{\"meta\":{\"title\":\"上海市静安区人民政府《关于检查", 40) == 0);
    assert_non_null(strstr(j, "\",\"issuer\":\"区审计局\",\"published\":\"2024-02-27\","
                              "\"doc_no\":\"静府议〔2024〕3号\",\"addressee\":\"区人大常委会\","
                              "\"signed_by\":\"上海市静安区人民政府\",\"signed_on\":\"2024-02-18\","
                              "\"lead_department\":\"区科委\"},\"intro\":[{\"code\":\"I.1\","
                              "\"kind\":\"fact\",\"text\":\"2023年11月22日"));
    assert_non_null(strstr(j, "],\"nodes\":[{\"code\":\"1\",\"title\":\"依据法定职责夯实工作基础,"
                              "强化高水平科技创新\",\"owner\":null,\"children\":[{\"code\":\"1.1\","));
    assert_non_null(strstr(j, "{\"code\":\"2.1\",\"title\":\"推动科技金融融合及人才培育\","
                              "\"owner\":\"区科委\",\"children\":[],\"statements\":[{\"code\":\"2.1.1\","
                              "\"kind\":\"commitment\",\"text\":\"聚焦关键技术突破"));
    assert_non_null(strstr(j, "\"metrics\":[{\"text\":\"8支\",\"value\":8,\"unit\":\"支\","
                              "\"direction\":\"fact\"},{\"text\":\"11.5亿元\",\"value\":11.5,"
                              "\"unit\":\"亿元\",\"direction\":\"fact\"}],"
                              "\"departments\":[],\"due\":null}"));
    assert_non_null(strstr(j, "{\"text\":\"22.69亿元\",\"value\":22.69,\"unit\":\"亿元\","
                              "\"direction\":\"fact\"}"));
    assert_non_null(strstr(j, "\"due\":\"2024-12-31\"}"));
    assert_non_null(strstr(j, "],\"closing\":[{\"code\":\"C.1\",\"kind\":\"commitment\","
                              "\"text\":\"区政府将始终坚持"));
    assert_non_null(strstr(j, "\"owner_source\":\"report\",\"support\":[],\"due\":null,"
                              "\"marker\":null,\"departments\":[]}"));
    assert_string_equal(j + strlen(j) - 38, "}],\"markers\":null,\"paragraphs\":false}\n");
    free(j);
    doc_fini(&d);
}

static void test_json_unknowns_and_escaping(void **state)
{
    struct doc d;
    struct node n;
    struct stmt s;
    char *j, *buf = NULL;
    size_t len = 0;
    FILE *f;
    (void)state;
    memset(&d, 0, sizeof d);
    memset(&n, 0, sizeof n);
    memset(&s, 0, sizeof s);
    strcpy(n.code, "1");
    n.title = "say \"hi\" \\ now\n\x01\xE2\x80\xA8" "end\xFF";
    strcpy(s.code, "1.1");
    s.kind = STMT_CONTEXT;
    s.text = "tab\there";
    n.stmts = &s;
    n.nstmts = 1;
    d.nodes = &n;
    d.nnodes = 1;
    j = json_of(&d);
    assert_string_equal(j,
        "{\"meta\":{\"title\":null,\"issuer\":null,\"published\":null,\"doc_no\":null,"
        "\"addressee\":null,\"signed_by\":null,\"signed_on\":null,\"lead_department\":null},"
        "\"intro\":[],\"nodes\":[{\"code\":\"1\",\"title\":\"say \\\"hi\\\" \\\\ now\\n\\u0001"
        "\\u2028end\\ufffd\",\"owner\":null,\"children\":[],\"statements\":[{\"code\":\"1.1\","
        "\"kind\":\"context\",\"text\":\"tab\\there\",\"metrics\":[],\"departments\":[],"
        "\"due\":null}],\"owner_source\":null,\"support\":[],\"due\":null,\"marker\":null,"
        "\"departments\":[]}],\"closing\":[],\"markers\":null,\"paragraphs\":false}\n");
    free(j);
    f = open_memstream(&buf, &len);
    json_str(f, NULL);
    json_str(f, "汉\x7f");
    fclose(f);
    assert_string_equal(buf, "null\"汉\\u007f\"");
    free(buf);
}

static void test_tree_output(void **state)
{
    struct doc d = parse_ok(SEED, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    (void)state;
    free(d.nodes[0].title);
    d.nodes[0].title = strdup("evil\x1b[2J\xE2\x80\xAEtitle");
    assert_int_equal(doc_write_tree(&d, f), FU_OK);
    fclose(f);
    assert_non_null(strstr(buf, "2.4 深入推进知识产权发展战略  -> 区知识产权局\n"));
    assert_non_null(strstr(buf, "    2.1.1 [commitment] 聚焦关键技术突破"));
    assert_non_null(strstr(buf, "1 evil^[[2J<U+202E>title\n"));
    assert_null(strchr(buf, '\x1b'));
    assert_null(strstr(buf, "\xE2\x80\xAE"));
    free(buf);
    doc_fini(&d);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_structure),
        cmocka_unit_test(test_seed_statements),
        cmocka_unit_test(test_seed_every_sentence),
        cmocka_unit_test(test_seed_gb18030),
        cmocka_unit_test(test_seed_bom),
        cmocka_unit_test(test_seed_crlf),
        cmocka_unit_test(test_seed_paragraphs),
        cmocka_unit_test(test_seed_swapped),
        cmocka_unit_test(test_seed_swapped_texts),
        cmocka_unit_test(test_seed_wrapped),
        cmocka_unit_test(test_seed_web),
        cmocka_unit_test(test_review_opinions),
        cmocka_unit_test(test_rectification),
        cmocka_unit_test(test_inspection),
        cmocka_unit_test(test_intro_enumeration),
        cmocka_unit_test(test_enumeration_only),
        cmocka_unit_test(test_levels_and_markers),
        cmocka_unit_test(test_node_own_text_codes),
        cmocka_unit_test(test_departments_option),
        cmocka_unit_test(test_bad_buffers),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_mutations_never_crash),
        cmocka_unit_test(test_encoding_names),
        cmocka_unit_test(test_newlines),
        cmocka_unit_test(test_json_seed),
        cmocka_unit_test(test_json_unknowns_and_escaping),
        cmocka_unit_test(test_tree_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
