/* The outline (core/doc_outline.c, parse/parse_outline.c): every corpus
 * document written and read back gives the same tree; escapes keep every
 * text exact and the output terminal-safe; codes left out are given;
 * page chrome the parser dropped is shown; every syntax error names its
 * line. Run from the repository's top directory (tests/run.sh does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "core/doc.h"
#include "util/err.h"
#include "parse/parse.h"
#include "tests/parse_helpers.h"

/* What doc_write_* writes, as a string (caller frees). */
static char *outline_of(const struct doc *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(doc_write_outline(d, NULL, f), FU_OK);
    fclose(f);
    return buf;
}

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

/* s without its comment lines (in place). */
static char *uncommented(char *s)
{
    char *r = s, *w = s;
    while (*r) {
        char *nl = strchr(r, '\n');
        size_t l = nl ? (size_t)(nl - r + 1) : strlen(r);
        if (*r != '#') {
            memmove(w, r, l);
            w += l;
        }
        r += l;
    }
    *w = 0;
    return s;
}

static struct doc read_ok(const char *text)
{
    struct doc d;
    char err[FU_ERRLEN] = "";
    int rc = parse_outline(text, strlen(text), NULL, &d, err, sizeof err);
    if (rc != FU_OK) fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, FU_OK);
    return d;
}

/* The outline says "lead" (a marker's) or "lead?" (a guess): which guess
 * (actor, routing, the report's lead) it was is not kept. */
static void guesses_alike(struct node *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i].owner_src != OWNER_MARKER && v[i].owner) v[i].owner_src = OWNER_ACTOR;
        if (!v[i].owner) v[i].owner_src = OWNER_NONE;
        guesses_alike(v[i].children, v[i].nchildren);
    }
}

/* Every document of tests/corpus: outline, read back, the same JSON tree
 * (figures, departments, dates found again), and the same outline again. */
static void test_corpus_round_trip(void **state)
{
    DIR *dir = opendir("tests/corpus");
    struct dirent *e;
    int docs = 0;
    (void)state;
    assert_non_null(dir);
    while ((e = readdir(dir)) != NULL) {
        size_t l = strlen(e->d_name);
        char path[512];
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0) continue;
        snprintf(path, sizeof path, "tests/corpus/%s", e->d_name);
        struct doc d = parse_ok(path, NULL);
        guesses_alike(d.nodes, d.nnodes);
        d.paragraphs = 0;   /* how the parser found the items: not the outline's business */
        char *o1 = outline_of(&d), *j1 = json_of(&d);
        struct doc back = read_ok(o1);
        char *o2 = outline_of(&back), *j2 = json_of(&back);
        if (strcmp(j1, j2) != 0) fprintf(stderr, "%s: the tree differs\n", path);
        assert_string_equal(j1, j2);
        size_t ndropped = d.ndropped;   /* the dropped lines are comments: not read */
        d.ndropped = 0;
        char *o0 = outline_of(&d);
        d.ndropped = ndropped;
        assert_string_equal(uncommented(o0), uncommented(o2));
        free(o0); free(o1); free(o2); free(j1); free(j2);
        doc_fini(&back);
        doc_fini(&d);
        docs++;
    }
    closedir(dir);
    assert_true(docs >= 29);
}

/* Control characters, bidi overrides, backslashes and bars come back
 * exactly and are never written raw. */
static void test_escapes(void **state)
{
    const char *text = "title: 报告\\x1B[31m红\\u{202E}\n"
                       "* 1 一个\\|标题 \\\\ 反斜杠 | lead 区科委\n"
                       "  1.1 commitment 推进\\x07工作。\\q 留着\n";
    (void)state;
    struct doc d = read_ok(text);
    assert_string_equal(d.meta.title, "报告\x1B[31m红\xE2\x80\xAE");
    assert_string_equal(d.nodes[0].title, "一个|标题 \\ 反斜杠");
    assert_string_equal(d.nodes[0].stmts[0].text, "推进\x07工作。\\q 留着");
    char *o = outline_of(&d);
    assert_null(strchr(o, '\x1B'));
    assert_null(strchr(o, '\x07'));
    assert_null(strstr(o, "\xE2\x80\xAE"));
    assert_non_null(strstr(o, "title: 报告\\x1B[31m红\\u{202E}\n"));
    assert_non_null(strstr(o, "* 1 一个\\|标题 \\\\ 反斜杠 | lead 区科委\n"));
    struct doc again = read_ok(o);
    assert_string_equal(again.nodes[0].title, d.nodes[0].title);
    assert_string_equal(again.nodes[0].stmts[0].text, d.nodes[0].stmts[0].text);
    free(o);
    doc_fini(&again);
    doc_fini(&d);
}

/* Fields in any order, Chinese keywords, support lists as the parser
 * splits them, ongoing, suggested and firm leads. */
static void test_fields(void **state)
{
    const char *text = "* 1 部分\n"
                       "** 1.1 事项甲 | due 2025-06-30 | support 区财政局、各区、县（市）, 区审计局 "
                       "| lead 区科委\n"
                       "** 1.2 事项乙 | 牵头? 区发改委 | 时限 长期坚持\n"
                       "** 1.3 事项丙 | support\n";
    (void)state;
    struct doc d = read_ok(text);
    const struct node *a = node_of(&d, "1.1"), *b = node_of(&d, "1.2"), *c = node_of(&d, "1.3");
    assert_string_equal(a->title, "事项甲");
    assert_string_equal(a->owner, "区科委");
    assert_int_equal(a->owner_src, OWNER_MARKER);
    assert_int_equal(a->nsupport, 3);
    assert_string_equal(a->support[1], "各区、县（市）");
    assert_string_equal(a->support[2], "区审计局");
    assert_string_equal(a->due, "2025-06-30");
    assert_string_equal(b->owner, "区发改委");
    assert_int_equal(b->owner_src, OWNER_ACTOR);
    assert_string_equal(b->due, "ongoing");
    assert_int_equal(c->nsupport, 0);
    assert_null(c->owner);
    doc_fini(&d);
}

/* Headings and sentences written without a code get the next free one,
 * and their sentences' figures and departments are found. */
static void test_codes_given(void **state)
{
    const char *text = "context 引言一句。\n"
                       "* 1 第一部分\n"
                       "  1.0.1 commitment 总的要求。\n"
                       "** 1.1 已有事项\n"
                       "** 新的事项 | lead 区科委\n"
                       "   commitment 区财政局2025年底前完成8个项目。\n"
                       "   commitment 第二句。\n"
                       "* 第二部分\n"
                       "** 又一个\n"
                       "  commitment 一句。\n"
                       "[closing]\n"
                       "commitment 结束语。\n";
    (void)state;
    struct doc d = read_ok(text);
    assert_string_equal(d.intro[0].code, "I.1");
    assert_string_equal(d.nodes[0].stmts[0].code, "1.0.1");
    const struct node *n = node_of(&d, "1.2");
    assert_string_equal(n->title, "新的事项");
    assert_string_equal(n->stmts[0].code, "1.2.1");
    assert_string_equal(n->stmts[1].code, "1.2.2");
    assert_int_equal(n->stmts[0].nmetrics, 1);
    assert_string_equal(n->stmts[0].metrics[0].text, "8个");
    assert_string_equal(n->stmts[0].due, "2025-12-31");
    assert_int_equal(n->stmts[0].ndepts, 1);
    assert_string_equal(n->stmts[0].depts[0], "区财政局");
    assert_string_equal(node_of(&d, "2")->title, "第二部分");
    assert_string_equal(node_of(&d, "2.1")->stmts[0].code, "2.1.1");
    assert_int_equal(node_of(&d, "2.1")->depth, 1);
    assert_string_equal(d.closing[0].code, "C.1");
    doc_fini(&d);
}

/* Chrome lines the parser dropped are in the doc, above and below the
 * text, and the outline shows them as comments that can be kept. */
static void test_dropped(void **state)
{
    const char *src = "无障碍阅读 关怀版\n当前位置：首页 > 政务公开\n"
                      "关于推进工作的报告\n区人大常委会：\n"
                      "一、加强管理\n区科委将推进工作。\n"
                      "上海市静安区人民政府\n2024年2月18日\n打印本页 关闭窗口\n";
    struct doc d;
    char err[FU_ERRLEN] = "";
    (void)state;
    assert_int_equal(parse_buffer(src, strlen(src), NULL, &d, err, sizeof err), FU_OK);
    assert_int_equal(d.ndropped, 3);
    assert_int_equal(d.ndropped_above, 2);
    assert_string_equal(d.dropped[0], "无障碍阅读 关怀版");
    assert_string_equal(d.dropped[2], "打印本页 关闭窗口");
    char *o = outline_of(&d);
    char *at = strstr(o, "# context 当前位置：首页 > 政务公开\n");
    assert_non_null(at);
    assert_true(at < strstr(o, "\n* 1 "));
    assert_true(strstr(o, "# context 打印本页 关闭窗口\n") > strstr(o, "[closing]"));
    memmove(at, at + 2, strlen(at + 2) + 1);   /* un-comment it */
    struct doc back = read_ok(o);
    assert_int_equal(back.nintro, d.nintro + 1);
    assert_string_equal(back.intro[back.nintro - 1].text, "当前位置：首页 > 政务公开");
    assert_int_equal(back.ndropped, 0);
    free(o);
    doc_fini(&back);
    doc_fini(&d);
}

/* Each mistake: FU_ERR and "line N: …" naming the right line. */
static void test_syntax_errors(void **state)
{
    static const struct { const char *text; const char *msg; } cases[] = {
        {"* 1 甲\n*** 1.1.1 乙\n", "line 2: this heading is more than one level below"},
        {"# c\n** 1 甲\n", "line 2: the first heading must have one * only"},
        {"* 1 甲\n* 2\n", "line 2: the heading has no title"},
        {"* 1 甲\n  1.1 这句没有种类\n", "line 2: not a heading"},
        {"* 1 甲\n  1.1 commitment\n", "line 2: the sentence has no text"},
        {"* 1 甲 | due 2025-13-01\n", "line 1: due '2025-13-01' is no date"},
        {"* 1 甲 | lead\n", "line 1: a field (lead, support, due) without its value"},
        {"* 1 甲 | lead 区科委 | lead? 区财政局\n", "line 1: a field is given twice"},
        {"* 1 甲 | lead 区科委 | owner 区财政局\n", "line 1: after a '|' comes a field"},
        {"published: 2月\n* 1 甲\n", "line 1: '2月' is no date"},
        {"title: 甲\n\ntitle: 乙\n* 1 甲\n", "line 3: this metadata key was given on line 1"},
        {"* 1 甲\n** 1.1 乙\n** 1.1 丙\n", "line 3: the code 1.1 is on line 2 too"},
        {"* 1 甲\n  1.1 commitment 一句。\n** 1.1 乙\n", "line 3: the code 1.1 is on line 2 too"},
        {"* 1 甲\n[closing]\n* 2 乙\n", "line 3: a heading after [closing]"},
        {"* 1 甲\n[closing]\n\n[closing]\n", "line 4: a second [closing]"},
        {"*1 甲\n", "line 1: a heading's stars need a space"},
        {"* 1 甲\n  2.1/x commitment 一句。\n", "line 2: a sentence's code is"},
        {"title: 甲\ncontext 只有引言。\n", "the outline has no heading"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct doc d;
        char err[FU_ERRLEN] = "";
        int rc = parse_outline(cases[i].text, strlen(cases[i].text), NULL, &d, err, sizeof err);
        if (rc != FU_ERR || strncmp(err, cases[i].msg, strlen(cases[i].msg)) != 0)
            fprintf(stderr, "case %zu: rc %d, '%s'\n", i, rc, err);
        assert_int_equal(rc, FU_ERR);
        assert_true(strncmp(err, cases[i].msg, strlen(cases[i].msg)) == 0);
        assert_null(d.nodes);
    }
}

/* Nothing but comments and blank lines: FU_NOTFOUND (a review cancels). */
static void test_empty(void **state)
{
    static const char *const texts[] = {"", "\n\n", "# only\n  # comments\n\n", "\xEF\xBB\xBF\n"};
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        struct doc d;
        char err[FU_ERRLEN] = "";
        assert_int_equal(parse_outline(texts[i], strlen(texts[i]), NULL, &d, err, sizeof err),
                         FU_NOTFOUND);
        assert_non_null(strstr(err, "empty"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_round_trip),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_codes_given),
        cmocka_unit_test(test_dropped),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
