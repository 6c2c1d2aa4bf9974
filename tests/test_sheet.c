/* report/sheet.h: sheet names Excel accepts, text made safe, the workbook
 * copied out whole; report/docx_build.h: the document package. Both are read
 * back with libzip and checked as a reader would see them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "readers/lib_zip.h"

#include "report/docx_build.h"
#include "util/err.h"
#include "report/sheet.h"

/* The bytes of member name in the zip held in f (malloc'd, NUL-ended). */
static char *member(FILE *f, const char *name)
{
    long n = ftell(f);
    char *bytes = malloc((size_t)n), *out = NULL;
    assert_non_null(bytes);
    rewind(f);
    assert_int_equal(fread(bytes, 1, (size_t)n, f), (size_t)n);
    char err[FU_ERRLEN];
    assert_int_equal(lib_zip_load("test", err, sizeof err), 0);
    zip_error_t ze;
    zip_source_t *src = zip_source_buffer_create(bytes, (zip_uint64_t)n, 0, &ze);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    zip_file_t *zf = zip_fopen(z, name, 0);
    out = calloc(1, st.size + 1);
    assert_int_equal(zip_fread(zf, out, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_close(z);
    free(bytes);
    return out;
}

static void test_sheet_names(void **state)
{
    struct sheet_book *b;
    char err[FU_ERRLEN] = "";
    (void)state;
    assert_int_equal(sheet_book_new(&b, 0, err, sizeof err), FU_OK);
    struct sheet *s = sheet_add(b, "a[b]:c*d?e/f\\g");
    assert_non_null(s);
    sheet_text(s, 0, 0, "1.10", SS_CODE);
    sheet_text(s, 1, 0, "line one\nline two \x1b[2J", SS_TEXT);
    assert_non_null(sheet_add(b, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五"));
    assert_non_null(sheet_add(b, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五"));
    assert_non_null(sheet_add(b, "'quoted'"));
    assert_non_null(sheet_add(b, ""));
    FILE *f = tmpfile();
    assert_int_equal(sheet_book_close(b, f, err, sizeof err), FU_OK);
    char *book = member(f, "xl/workbook.xml"), *strs = member(f, "xl/sharedStrings.xml");
    assert_non_null(strstr(book, "name=\"a_b__c_d_e_f_g\""));
    /* 31 characters, and the second one made unique within 31 */
    assert_non_null(strstr(book, "name=\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一\""));
    assert_non_null(strstr(book, "name=\"一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)\""));
    assert_non_null(strstr(book, "name=\"quoted\""));
    assert_non_null(strstr(book, "name=\"Sheet\""));
    assert_non_null(strstr(strs, "<t>1.10</t>"));
    assert_non_null(strstr(strs, "line one\nline two ^[[2J"));   /* the break kept, ESC shown */
    assert_null(strchr(strs, '\x1b'));
    free(book);
    free(strs);
    fclose(f);
}

static void test_docx_text(void **state)
{
    char err[FU_ERRLEN] = "";
    (void)state;
    struct docx *d = docx_new(1, "标题 & <b>", err, sizeof err);
    assert_non_null(d);
    docx_para(d, DS_TITLE, NULL, "督办通报");
    docx_para(d, DS_BODY, "2.4 ", "<script>x</script> & \x1b[2J\n第二行");
    const char *head[] = {"编号", "事项"}, *cells[] = {"1.10", NULL};
    docx_table(d, 2, head, cells, 1, 0);
    FILE *f = tmpfile();
    assert_int_equal(docx_finish(d, f, err, sizeof err), FU_OK);
    char *doc = member(f, "word/document.xml"), *core = member(f, "docProps/core.xml");
    assert_non_null(strstr(doc, "&lt;script&gt;x&lt;/script&gt; &amp; ^[[2J</w:t><w:br/>"));
    assert_null(strchr(doc, '\x1b'));
    assert_non_null(strstr(doc, "<w:tblHeader/>"));
    assert_non_null(strstr(doc, "<w:t xml:space=\"preserve\">1.10</w:t>"));
    assert_non_null(strstr(core, "标题 &amp; &lt;b&gt;"));
    free(doc);
    free(core);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_names),
        cmocka_unit_test(test_docx_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
