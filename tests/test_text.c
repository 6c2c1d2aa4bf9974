/* util/text.h: UTF-8 decoding, widths, sanitising, fitting, wrapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/text.h"

static void test_decode(void **state)
{
    uint32_t cp;
    (void)state;
    assert_int_equal(utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);        /* é */
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_decode("汉", 3, &cp), 3);
    assert_int_equal(cp, 0x6C49);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* overlong, surrogate, truncated, stray continuation, 0xFF */
    assert_int_equal(utf8_decode("\xC0\x80", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xE0\x80\xAF", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xE6\xB1", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xFF", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1);  /* > U+10FFFF */
    assert_int_equal(cp, 0xFFFD);
}

static void test_encode(void **state)
{
    char out[4];
    uint32_t cps[] = {0x41, 0xE9, 0x6C49, 0xFF08, 0x1F600};
    size_t lens[] = {1, 2, 3, 3, 4}, i;
    (void)state;
    for (i = 0; i < 5; i++) {
        uint32_t back;
        assert_int_equal(utf8_encode(cps[i], out), lens[i]);
        assert_int_equal(utf8_decode(out, lens[i], &back), lens[i]);
        assert_int_equal(back, cps[i]);
    }
    assert_int_equal(utf8_encode(0xD800, out), 3);          /* surrogate → U+FFFD */
    assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("abc", 3));
    assert_true(utf8_valid("汉字（）", strlen("汉字（）")));
    assert_true(utf8_valid("\xEF\xBF\xBD", 3));             /* a real U+FFFD */
    assert_false(utf8_valid("a\xC0\x80", 3));
    assert_false(utf8_valid("\xED\xA0\x80", 3));
    assert_false(utf8_valid("汉\xE5", 4));
    assert_false(utf8_valid("\xBA\xBA", 2));                /* GBK 汉 */
}

static void test_widths(void **state)
{
    (void)state;
    assert_int_equal(text_cp_width('A'), 1);
    assert_int_equal(text_cp_width(0x6C49), 2);             /* 汉 */
    assert_int_equal(text_cp_width(0xFF08), 2);             /* （ */
    assert_int_equal(text_cp_width(0x3002), 2);             /* 。 */
    assert_int_equal(text_cp_width(0x300A), 2);             /* 《 */
    assert_int_equal(text_cp_width(0x0301), 0);             /* combining acute */
    assert_int_equal(text_cp_width(0x200B), 0);             /* zero-width space */
    assert_int_equal(text_cp_width(0x201C), 1);             /* “ */
    assert_int_equal(text_cp_width(0x1B), -1);
    assert_int_equal(text_cp_width(0x9B), -1);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("汉字"), 4);
    assert_int_equal(text_width("a汉（b）"), 8);
    assert_int_equal(text_width("e\xCC\x81"), 1);           /* e + combining */
    assert_int_equal(text_width("\x1b"), 2);                /* shown as ^[ */
    assert_int_equal(text_width(""), 0);
}

/* No raw C0/C1 control, DEL or bidi override may survive. */
static void assert_clean(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        assert_false(cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0));
        assert_false((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
        assert_false(text_cp_hidden(cp));
        assert_false(cp == 0xFFFD && k == 1);
        i += k;
    }
}

static void test_sanitize(void **state)
{
    char out[256];
    (void)state;
    assert_int_equal(text_sanitize("plain 汉字", out, sizeof out), strlen("plain 汉字"));
    assert_string_equal(out, "plain 汉字");
    text_sanitize("a\x1b[2Jb", out, sizeof out);
    assert_string_equal(out, "a^[[2Jb");
    text_sanitize("\x1b]52;c;aGk=\x07", out, sizeof out);
    assert_string_equal(out, "^[]52;c;aGk=^G");
    text_sanitize("bell\x07", out, sizeof out);
    assert_string_equal(out, "bell^G");
    text_sanitize("x\xC2\x9B" "31m", out, sizeof out);
    assert_string_equal(out, "x<U+009B>31m");
    text_sanitize("\xE2\x80\xAE" "abc", out, sizeof out);
    assert_string_equal(out, "<U+202E>abc");
    text_sanitize("\xE2\x81\xA6x", out, sizeof out);
    assert_string_equal(out, "<U+2066>x");
    /* invisible code points (issue 25): each shown as its code */
    static const struct { const char *in, *out; } hidden[] = {
        {"a\xE2\x80\x8B" "b", "a<U+200B>b"}, {"a\xE2\x80\x8C" "b", "a<U+200C>b"},
        {"a\xE2\x80\x8D" "b", "a<U+200D>b"}, {"a\xE2\x81\xA0" "b", "a<U+2060>b"},
        {"\xEF\xBB\xBF" "a", "<U+FEFF>a"},    {"a\xE2\x80\x8F", "a<U+200F>"},
        {"a\xC2\xAD" "b", "a<U+00AD>b"},        {"\xD8\x9C" "x", "<U+061C>x"},
        {"x\xF3\xA0\x80\x81", "x<U+E0001>"},  {"\xEF\xB8\x8F", "<U+FE0F>"},
        {"\xE2\x80\xA8", "<U+2028>"},
    };
    for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++) {
        text_sanitize(hidden[i].in, out, sizeof out);
        assert_string_equal(out, hidden[i].out);
        assert_false(text_is_clean(hidden[i].in, NULL));
        assert_int_equal(text_width(hidden[i].in), (int)strlen(hidden[i].out));
    }
    assert_true(text_is_clean("区科委 汉字 é ✓", NULL));
    assert_false(text_cp_hidden(0x4E00));
    assert_false(text_cp_hidden(0x3000));
    text_sanitize("bad\xFFz", out, sizeof out);
    assert_string_equal(out, "bad\xEF\xBF\xBDz");
    text_sanitize("t\tn\nr\rd\x7f", out, sizeof out);
    assert_string_equal(out, "t n r^Md^?");
    text_sanitize("\x1b[2J\x1b]52;c;x\x07\x07\xC2\x9B\xE2\x80\xAE\x01\x7f\xFF", out, sizeof out);
    assert_clean(out);
    /* truncation keeps whole characters and the NUL */
    assert_int_equal(text_sanitize("汉字", out, 5), 3);
    assert_string_equal(out, "汉");
    assert_int_equal(text_sanitize("\x1b", out, 2), 0);
    assert_string_equal(out, "");
}

static void test_fit(void **state)
{
    char out[64];
    (void)state;
    assert_int_equal(text_fit("汉字汉字", 8, 0, out, sizeof out), 8);
    assert_string_equal(out, "汉字汉字");
    assert_int_equal(text_fit("汉字汉字", 5, 0, out, sizeof out), 5);
    assert_string_equal(out, "汉字…");
    /* a double-width character never split: a space fills the half column */
    assert_int_equal(text_fit("汉字汉字", 4, 0, out, sizeof out), 4);
    assert_string_equal(out, "汉 …");
    assert_int_equal(text_width(out), 4);
    assert_int_equal(text_fit("ab", 5, 1, out, sizeof out), 5);
    assert_string_equal(out, "ab   ");
    assert_int_equal(text_fit("ab", 5, 0, out, sizeof out), 2);
    assert_string_equal(out, "ab");
    assert_int_equal(text_fit("汉a", 6, 1, out, sizeof out), 6);
    assert_string_equal(out, "汉a   ");
    assert_int_equal(text_fit("abcdef", 4, 1, out, sizeof out), 4);
    assert_string_equal(out, "abc…");
    assert_int_equal(text_fit("abcdef", 1, 1, out, sizeof out), 1);
    assert_string_equal(out, "…");
    assert_int_equal(text_fit("abc", 0, 1, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* sanitised before fitting */
    assert_int_equal(text_fit("\x1b[2J", 10, 0, out, sizeof out), 5);
    assert_string_equal(out, "^[[2J");
    assert_int_equal(text_fit("（一）加强", 7, 1, out, sizeof out), 7);
    assert_string_equal(out, "（一）…");
}

static void test_prefix(void **state)
{
    (void)state;
    assert_int_equal(text_prefix_for_cols("汉字ab", 1), 0);
    assert_int_equal(text_prefix_for_cols("汉字ab", 3), 3);
    assert_int_equal(text_prefix_for_cols("汉字ab", 4), 6);
    assert_int_equal(text_prefix_for_cols("汉字ab", 5), 7);
    assert_int_equal(text_prefix_for_cols("汉字ab", 99), 8);
    assert_int_equal(text_prefix_for_cols("e\xCC\x81x", 1), 3);   /* keeps the mark */
}

struct lines { int n; char l[8][64]; };

static void collect(void *ctx, const char *start, size_t len)
{
    struct lines *ls = ctx;
    if (ls->n < 8 && len < 64) {
        memcpy(ls->l[ls->n], start, len);
        ls->l[ls->n][len] = 0;
    }
    ls->n++;
}

static void test_wrap(void **state)
{
    struct lines ls;
    (void)state;
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("汉字汉字汉", 4, collect, &ls), 3);
    assert_string_equal(ls.l[0], "汉字");
    assert_string_equal(ls.l[1], "汉字");
    assert_string_equal(ls.l[2], "汉");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("汉字汉字汉", 5, collect, &ls), 3);   /* never half a 汉 */
    assert_string_equal(ls.l[0], "汉字");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("hello world foo", 11, collect, &ls), 2);
    assert_string_equal(ls.l[0], "hello world");
    assert_string_equal(ls.l[1], "foo");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("hello world", 8, collect, &ls), 2);
    assert_string_equal(ls.l[0], "hello");
    assert_string_equal(ls.l[1], "world");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("abcdefghij", 4, collect, &ls), 3);
    assert_string_equal(ls.l[2], "ij");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("推进5G网络", 6, collect, &ls), 2);
    assert_string_equal(ls.l[0], "推进5G");
    assert_string_equal(ls.l[1], "网络");
    /* 避头尾: 、 and 。 never start a line, “ never ends one */
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("一二三、四五", 6, collect, &ls), 3);
    assert_string_equal(ls.l[0], "一二");
    assert_string_equal(ls.l[1], "三、四");
    assert_string_equal(ls.l[2], "五");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("一二三。", 6, collect, &ls), 2);
    assert_string_equal(ls.l[0], "一二");
    assert_string_equal(ls.l[1], "三。");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("一二“三四", 6, collect, &ls), 2);
    assert_string_equal(ls.l[0], "一二");
    assert_string_equal(ls.l[1], "“三四");
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("", 10, collect, &ls), 0);
    memset(&ls, 0, sizeof ls);
    assert_int_equal(text_wrap("汉", 1, collect, &ls), 1);    /* wider than the line */
    assert_string_equal(ls.l[0], "汉");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_encode),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
