/* report/report: dates, ratings, the computed summaries, and the renderers:
 * text aligned by display width with mixed Chinese/ASCII department
 * names, lines within 80 columns, CSV quoting and formula neutralising,
 * HTML and Markdown escaping, silent reminders. Models are built by hand;
 * output goes to a memory stream. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "report/report.h"
#include "util/text.h"
#include "core/calendar.h"

/* ---- helpers ----------------------------------------------------------------- */

static char *dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static struct rpt_item *item(struct rpt *r, const char *code, const char *title,
                             enum task_status st, const char *lead, const char *support,
                             const char *due)
{
    struct rpt_item *it = rpt_add_item(r);
    assert_non_null(it);
    it->code = rpt_str(r, code);
    it->kind = "item";
    snprintf(it->uuid, sizeof it->uuid, "00000000-0000-4000-8000-%012zu", r->nitems);
    it->report_id = 1;
    it->title = rpt_str(r, title);
    it->status = st;
    it->lead = rpt_dept_str(r, lead);
    if (support) {
        it->support = rpt_alloc(r, sizeof *it->support);
        it->support[0] = rpt_dept_str(r, support);
        it->nsupport = 1;
    }
    snprintf(it->due, sizeof it->due, "%s", due ? due : "");
    return it;
}

/* A small report: four departments with mixed Chinese and ASCII names,
 * an unassigned item, overdue and due-soon items, two sections. */
static void build(struct rpt *r, int zh)
{
    rpt_init(r);
    r->zh = zh;
    snprintf(r->today, sizeof r->today, "2024-07-01");
    snprintf(r->generated_at, sizeof r->generated_at, "2024-07-01T08:00:00Z");
    r->warn_days = 7;
    r->sources = calloc(1, sizeof *r->sources);
    r->sources[0].id = 1;
    r->sources[0].title = dup("关于落实审议意见情况的报告");
    r->sources[0].doc_no = dup("静府议〔2024〕3号");
    r->nsources = 1;
    r->chain_rows = 42;
    snprintf(r->chain_head, sizeof r->chain_head, "%064d", 0);
    r->sections = calloc(2, sizeof *r->sections);
    snprintf(r->sections[0].code, sizeof r->sections[0].code, "1");
    r->sections[0].title = dup("夯实工作基础");
    snprintf(r->sections[1].code, sizeof r->sections[1].code, "2");
    r->sections[1].title = dup("优化科技创新环境");
    r->nsections = 2;
    const char *order[] = {"区科委", "IP Office", "区知识产权局", "Mixed区X办"};
    r->dept_order = calloc(4, sizeof *r->dept_order);
    for (int i = 0; i < 4; i++)
        r->dept_order[i] = dup(order[i]);
    r->ndept_order = 4;
    item(r, "1.1", "充分认识科技创新的重要意义", ST_DONE, "区科委", NULL, "2024-06-01")->section = 0;
    item(r, "1.2", "Optimise the strategy design", ST_ACTIVE, "IP Office", "区科委",
         "2024-06-20")->section = 0;
    item(r, "2.1", "推动科技金融融合", ST_DELAYED, "区知识产权局", "Mixed区X办",
         "2024-06-30")->section = 1;
    item(r, "2.2", "深化载体提质增效", ST_TODO, "Mixed区X办", NULL, "2024-07-03")->section = 1;
    item(r, "2.3", "加快数字科创场景", ST_SUBMITTED, NULL, NULL, "2024-07-01")->section = 1;
    item(r, "2.4", "not due", ST_ONGOING, "区科委", NULL, "2024-12-31")->section = 1;
}

/* Renders r in format f into a malloc'd string. */
static char *render(const struct rpt *r, enum rpt_format f)
{
    char *buf = NULL, err[FU_ERRLEN];
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(rpt_write(r, f, out, err, sizeof err), FU_OK);
    fclose(out);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* ---- dates and ratings --------------------------------------------------------- */

static void dates(void **state)
{
    (void)state;
    long d = 0;
    char out[11];
    assert_int_equal(cal_days_between("2024-06-20", "2024-07-01", &d), 0);
    assert_int_equal(d, 11);
    assert_int_equal(cal_days_between("2024-03-01", "2024-02-28", &d), 0);
    assert_int_equal(d, -2);   /* 2024 is a leap year */
    assert_int_equal(cal_days_between("2023-12-31", "2025-01-01", &d), 0);
    assert_int_equal(d, 367);
    assert_int_equal(cal_days_between("2024-02-30", "2024-03-01", &d), -1);
    assert_int_equal(cal_date_add("2024-02-25", 7, out), 0);
    assert_string_equal(out, "2024-03-03");
    assert_int_equal(cal_date_add("2023-12-30", 3, out), 0);
    assert_string_equal(out, "2024-01-02");
    assert_int_equal(cal_date_add("2024-01-02", -3, out), 0);
    assert_string_equal(out, "2023-12-30");
    assert_int_equal(cal_date_add("nonsense", 1, out), -1);
}

static void ratings(void **state)
{
    (void)state;
    enum rating r;
    assert_int_equal(rating_parse("满意", &r), 0);
    assert_int_equal(r, RATING_SATISFIED);
    assert_int_equal(rating_parse("基本满意", &r), 0);
    assert_int_equal(r, RATING_BASIC);
    assert_int_equal(rating_parse("不满意", &r), 0);
    assert_int_equal(r, RATING_UNSATISFIED);
    assert_int_equal(rating_parse("Basically", &r), 0);
    assert_int_equal(r, RATING_BASIC);
    assert_int_equal(rating_parse("UNSATISFIED", &r), 0);
    assert_int_equal(r, RATING_UNSATISFIED);
    assert_int_equal(rating_parse("great", &r), -1);
    assert_int_equal(rating_parse(NULL, &r), -1);
    for (int i = 0; i < RATING_COUNT; i++) {
        assert_int_equal(rating_parse(rating_key(i), &r), 0);
        assert_int_equal(r, i);
        assert_int_equal(rating_parse(rating_en(i), &r), 0);
        assert_int_equal(r, i);
    }
    enum rpt_format f;
    assert_int_equal(rpt_format_parse("html", &f), 0);
    assert_int_equal(f, RPT_HTML);
    assert_int_equal(rpt_format_parse("markdown", &f), 0);
    assert_int_equal(f, RPT_MD);
    assert_int_equal(rpt_format_parse("pdf", &f), -1);
}

/* ---- computing --------------------------------------------------------------------- */

static void compute(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN];
    build(&r, 1);
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    assert_int_equal(r.total, 6);
    assert_int_equal(r.by_status[ST_DONE], 1);
    assert_int_equal(r.by_status[ST_SUBMITTED], 1);
    /* overdue: 1.2 (11 days), 2.1 (1 day); 1.1 is done */
    assert_int_equal(r.noverdue, 2);
    assert_string_equal(r.items[r.overdue[0]].code, "1.2");
    assert_int_equal(r.items[r.overdue[0]].late, 11);
    assert_string_equal(r.items[r.overdue[1]].code, "2.1");
    /* due soon: 2.3 today, then 2.2 in two days; 2.4 is too far */
    assert_int_equal(r.ndue_soon, 2);
    assert_string_equal(r.items[r.due_soon[0]].code, "2.3");
    assert_string_equal(r.items[r.due_soon[1]].code, "2.2");
    /* departments in the database's order, the unassigned last */
    assert_int_equal(r.ndepts, 5);
    assert_string_equal(r.depts[0].name, "区科委");
    assert_string_equal(r.depts[1].name, "IP Office");
    assert_string_equal(r.depts[3].name, "Mixed区X办");
    assert_null(r.depts[4].name);
    assert_int_equal(r.depts[0].nlead, 2);       /* 1.1, 2.4 */
    assert_int_equal(r.depts[0].nsupport, 1);    /* 1.2 */
    assert_int_equal(r.depts[0].done, 1);
    assert_int_equal(r.depts[0].overdue, 1);     /* 1.2, as supporter */
    assert_int_equal(r.depts[0].nlead_items, 2);
    assert_int_equal(r.depts[3].nlead, 1);
    assert_int_equal(r.depts[3].nsupport, 1);
    assert_int_equal(r.depts[4].nlead, 1);       /* 2.3 has no lead */
    /* a bad today is refused */
    snprintf(r.today, sizeof r.today, "2024-13-01");
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_USAGE);
    rpt_fini(&r);
}

/* ---- text ---------------------------------------------------------------------------- */

/* The lines of the department table: after the header line that starts
 * with two spaces and head, up to the blank line. */
static size_t table_lines(const char *text, const char *head, char lines[][512], size_t max)
{
    const char *p = strstr(text, head);
    size_t n = 0;
    assert_non_null(p);
    while (p > text && p[-1] != '\n')
        p--;
    while (*p && *p != '\n' && n < max) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        assert_true(len < 512);
        memcpy(lines[n], p, len);
        lines[n++][len] = 0;
        p = e ? e + 1 : p + len;
    }
    return n;
}

/* Display columns of line up to end. */
static int prefix_width(const char *line, const char *end)
{
    char buf[512];
    size_t n = (size_t)(end - line);
    assert_true(n < sizeof buf);
    memcpy(buf, line, n);
    buf[n] = 0;
    return text_width(buf);
}

static void text_aligned(int zh, const char *head)
{
    struct rpt r;
    char err[FU_ERRLEN], lines[16][512];
    build(&r, zh);
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    char *out = render(&r, RPT_TEXT);
    size_t n = table_lines(out, head, lines, 16);
    assert_int_equal(n, 2 + 5);   /* header, rule, five departments */
    int width = text_width(lines[0]);
    int bytes_differ = 0;
    for (size_t i = 1; i < n; i++) {
        /* every row ends in a right-aligned number: equal display widths
         * mean every column lines up, whatever the bytes */
        assert_int_equal(text_width(lines[i]), width);
        bytes_differ |= strlen(lines[i]) != strlen(lines[2]);
    }
    assert_true(bytes_differ);
    assert_true(width <= 80);
    /* the lead count ends in the column where its header ends */
    const char *lead = zh ? "牵头" : "Lead";
    int lead_end = prefix_width(lines[0], strstr(lines[0], lead) + strlen(lead));
    for (size_t i = 2; i < n; i++) {
        const char *p = lines[i] + 2;
        while (*p && !(*p >= '0' && *p <= '9'))
            p++;
        while (*p >= '0' && *p <= '9')
            p++;
        assert_int_equal(prefix_width(lines[i], p), lead_end);
    }
    /* no line of the whole report is wider than 80 columns */
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        assert_true(text_width(line) <= 80);
    free(out);
    rpt_fini(&r);
}

static void text_alignment_zh(void **state)
{
    (void)state;
    text_aligned(1, "单位  ");
}

static void text_alignment_en(void **state)
{
    (void)state;
    text_aligned(0, "Department ");
}

static void text_sanitised_and_cut(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN];
    build(&r, 1);
    r.items[1].title = rpt_str(&r, "evil \033[2J\033]52;c;aGk=\007 title 很长很长很长很长很长很长很长很长很长很长"
                           "很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的标题");
    r.items[1].note = rpt_str(&r, "进展\033[31m红色");
    r.items[1].note_at = "2024-06-30T10:00:00Z";
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    for (int by = 0; by < 2; by++) {
        r.by = by ? RPT_BY_SECTION : RPT_BY_DEPT;
        for (int f = RPT_TEXT; f <= RPT_HTML; f++) {
            if (f == RPT_CSV)
                continue;
            char *out = render(&r, (enum rpt_format)f);
            assert_null(strchr(out, '\033'));
            assert_null(strchr(out, '\007'));
            if (f == RPT_TEXT) {
                assert_non_null(strstr(out, "^[[2J"));
                assert_non_null(strstr(out, "\xE2\x80\xA6"));   /* cut with … */
                for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
                    assert_true(text_width(line) <= 80);
            }
            free(out);
        }
    }
    rpt_fini(&r);
}

/* Chinese text never starts a wrapped line with a closing punctuation mark. */
static void text_line_breaks(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN];
    build(&r, 1);
    r.by = RPT_BY_SECTION;
    r.items[0].note = rpt_str(&r, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三，"
                          "四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五。");
    r.items[0].note_at = "2024-06-30T10:00:00Z";
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    char *out = render(&r, RPT_TEXT);
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == ' ')
            line++;
        assert_true(strncmp(line, "，", 3) != 0 && strncmp(line, "。", 3) != 0 &&
                    strncmp(line, "；", 3) != 0);
    }
    free(out);
    rpt_fini(&r);
}

/* ---- CSV ------------------------------------------------------------------------------- */

static void csv_quoting(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN];
    build(&r, 0);
    r.by = RPT_BY_SECTION;
    r.items[0].title = rpt_str(&r, "a, \"quoted\"\nline");
    r.items[1].title = rpt_str(&r, "=HYPERLINK(\"http://x\")");
    r.items[2].lead = rpt_str(&r, "+cmd");
    r.items[3].note = rpt_str(&r, "-2+3");
    r.items[4].remark = rpt_str(&r, "@SUM(1)");
    r.items[4].rating = RATING_BASIC;
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    char *out = render(&r, RPT_CSV);
    assert_true(strncmp(out, "section_code,section,uuid,report,code,kind,text,status,", 55) == 0);
    assert_null(strstr(out, "\xEF\xBB\xBF"));
    assert_non_null(strstr(out, ",\"a, \"\"quoted\"\" line\","));   /* newline sanitised */
    assert_non_null(strstr(out, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
    assert_non_null(strstr(out, ",'+cmd,"));
    assert_non_null(strstr(out, ",'-2+3,"));
    assert_non_null(strstr(out, ",'@SUM(1),"));
    assert_non_null(strstr(out, ",basic,Basically satisfied,"));
    /* CRLF line ends, one line per item and the header */
    assert_int_equal(count(out, "\r\n"), 1 + r.nitems);
    for (const char *p = out; (p = strchr(p, '\n')); p++)
        assert_true(p > out && p[-1] == '\r');
    free(out);
    /* --excel: a BOM first; --by dept: one row per department and item */
    r.excel = 1;
    r.by = RPT_BY_DEPT;
    out = render(&r, RPT_CSV);
    assert_true(strncmp(out, "\xEF\xBB\xBF" "dept,role,section_code,", 26) == 0);
    assert_int_equal(count(out, "\r\n"), 1 + 6 + 2);   /* 6 leads, 2 supporters */
    assert_non_null(strstr(out, "\r\n区科委,support,"));
    free(out);
    rpt_fini(&r);
}

/* ---- HTML and Markdown ------------------------------------------------------------------ */

static void html_escaping(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN];
    build(&r, 1);
    r.items[0].title = rpt_str(&r, "<script>alert('x')</script> & \"q\"");
    free(r.dept_order[1]);
    r.dept_order[1] = dup("A&B <b>");
    r.items[1].lead = rpt_str(&r, "A&B <b>");
    r.items[2].note = rpt_str(&r, "</p><img src=x onerror=alert(1)>");
    r.items[2].note_at = "2024-06-30T10:00:00Z";
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    for (int by = 0; by < 2; by++) {
        r.by = by ? RPT_BY_SECTION : RPT_BY_DEPT;
        char *out = render(&r, RPT_HTML);
        assert_true(strncmp(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35) == 0);
        assert_null(strstr(out, "<script"));
        assert_null(strstr(out, "<img"));
        assert_null(strstr(out, "<b>"));
        assert_null(strstr(out, "http://"));   /* nothing fetched … */
        assert_null(strstr(out, "href="));     /* … no links to anything */
        assert_null(strstr(out, "url("));
        assert_non_null(strstr(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                    "&quot;q&quot;"));
        if (by == 0) {
            assert_non_null(strstr(out, "A&amp;B &lt;b&gt;"));
            /* a bar chart per department, plus the legend's swatches */
            assert_int_equal(count(out, "<svg "), r.ndepts + ST_COUNT);
        } else {
            assert_non_null(strstr(out, "&lt;/p&gt;&lt;img src=x"));
        }
        assert_non_null(strstr(out, "</html>\n"));
        free(out);
    }
    rpt_fini(&r);
}

static void md_escaping(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN];
    build(&r, 0);
    r.items[0].title = rpt_str(&r, "a | b *c* <x> [l](u)");
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    char *out = render(&r, RPT_MD);
    assert_true(strncmp(out, "# Follow-up status report\n", 26) == 0);
    assert_non_null(strstr(out, "a \\| b \\*c\\* \\<x\\> \\[l\\](u)"));
    assert_null(strstr(out, "<x>"));
    free(out);
    rpt_fini(&r);
}

/* ---- JSON and reminders ------------------------------------------------------------------- */

static void json_counts(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN];
    build(&r, 0);
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    char *out = render(&r, RPT_JSON);
    assert_non_null(strstr(out, "\"summary\":{\"items\":6,\"by_status\":{\"todo\":1,\"active\":1,"
                                "\"ongoing\":1,\"delayed\":1,\"submitted\":1,\"done\":1}"));
    assert_non_null(strstr(out, "\"overdue\":[\"1.2\",\"2.1\"]"));
    assert_non_null(strstr(out, "\"changes\":null"));
    free(out);
    rpt_fini(&r);
}

static void remind_silent(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN], *buf = NULL;
    size_t len = 0;
    rpt_init(&r);
    snprintf(r.today, sizeof r.today, "2024-07-01");
    item(&r, "1.1", "far away", ST_ACTIVE, "区科委", NULL, "2024-09-01");
    item(&r, "1.2", "done", ST_DONE, "区科委", NULL, "2024-06-01");
    item(&r, "1.3", "no due date", ST_TODO, "区科委", NULL, NULL);
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    FILE *out = open_memstream(&buf, &len);
    assert_int_equal(rpt_write_remind(&r, out, 8), 0);
    fclose(out);
    assert_int_equal(len, 0);
    free(buf);
    /* twelve due: a heading, eight lines, and how many more */
    for (int i = 0; i < 12; i++)
        item(&r, "2.1", "overdue", ST_ACTIVE, "区科委", NULL, "2024-06-28");
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    buf = NULL;
    out = open_memstream(&buf, &len);
    assert_int_equal(rpt_write_remind(&r, out, 8), 12);
    fclose(out);
    assert_int_equal(count(buf, "\n"), 1 + 8 + 1);
    assert_non_null(strstr(buf, "3 days overdue"));
    assert_non_null(strstr(buf, "4 more"));
    free(buf);
    rpt_fini(&r);
}

/* ---- files ---------------------------------------------------------------------------- */

static void write_file(void **state)
{
    (void)state;
    struct rpt r;
    char err[FU_ERRLEN], dir[] = "/tmp/fu-report-XXXXXX", path[128], buf[64];
    enum rpt_format f;
    assert_non_null(mkdtemp(dir));
    build(&r, 0);
    assert_int_equal(rpt_compute(&r, err, sizeof err), FU_OK);
    snprintf(path, sizeof path, "%s/r.html", dir);
    FILE *old = fopen(path, "w");
    fputs("old", old);
    fclose(old);
    assert_int_equal(rpt_write_file(&r, RPT_HTML, path, err, sizeof err), FU_OK);
    FILE *in = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof buf, in));
    fclose(in);
    assert_string_equal(buf, "<!DOCTYPE html>\n");   /* replaced */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);   /* no temporary left */
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/", dir);
    assert_int_equal(rpt_write_file(&r, RPT_TEXT, path, err, sizeof err), FU_USAGE);
    snprintf(path, sizeof path, "%s/missing/r.txt", dir);
    assert_int_equal(rpt_write_file(&r, RPT_TEXT, path, err, sizeof err), FU_ERR);
    assert_non_null(strstr(err, "missing"));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(rpt_format_for_path("a/b.HTML", &f), 0);
    assert_int_equal(f, RPT_HTML);
    assert_int_equal(rpt_format_for_path("report.md", &f), 0);
    assert_int_equal(f, RPT_MD);
    assert_int_equal(rpt_format_for_path("x.json", &f), 0);
    assert_int_equal(f, RPT_JSON);
    assert_int_equal(rpt_format_for_path("x.csv", &f), 0);
    assert_int_equal(f, RPT_CSV);
    assert_int_equal(rpt_format_for_path("x.pdf", &f), -1);
    assert_int_equal(rpt_format_for_path("dir.d/x", &f), -1);
    rpt_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates),
        cmocka_unit_test(ratings),
        cmocka_unit_test(compute),
        cmocka_unit_test(text_alignment_zh),
        cmocka_unit_test(text_alignment_en),
        cmocka_unit_test(text_sanitised_and_cut),
        cmocka_unit_test(text_line_breaks),
        cmocka_unit_test(csv_quoting),
        cmocka_unit_test(html_escaping),
        cmocka_unit_test(md_escaping),
        cmocka_unit_test(json_counts),
        cmocka_unit_test(remind_silent),
        cmocka_unit_test(write_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
