/* Character classes, numbers, dates and small string helpers for the
 * report parser. */
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "core/calendar.h"

uint32_t scan_cp(const char *s, size_t n, size_t i, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s + i;
    uint32_t cp;
    /* the parser's commonest calls: ASCII and a whole 3-byte character
     * (CJK), decoded here; anything else by utf8_decode */
    if (u[0] < 0x80) {
        *k = 1;
        return u[0];
    }
    if ((u[0] & 0xF0) == 0xE0 && n - i >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *k = 3;
            return cp;
        }
    }
    *k = utf8_decode(s + i, n - i, &cp);
    return cp;
}

size_t scan_back(const char *s, size_t i)
{
    size_t j = i;
    if (j == 0) return 0;
    j--;
    while (j > 0 && i - j < 4 && (((unsigned char)s[j]) & 0xC0) == 0x80) j--;
    return j;
}

int scan_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 ||
           cp == '\f' || cp == '\v' || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

int scan_is_term(uint32_t cp)
{
    return cp == 0x3002 || cp == ';' || cp == 0xFF1B || cp == '!' ||
           cp == 0xFF01 || cp == '?' || cp == 0xFF1F;
}

int scan_is_colon(uint32_t cp) { return cp == ':' || cp == 0xFF1A; }

int scan_is_closer(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0x300F || cp == 0x300D ||
           cp == 0xFF09 || cp == ')' || cp == 0x300B || cp == '"' || cp == '\'';
}

int scan_is_cjk(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
           cp == 0x3007;
}

int scan_is_punct(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
               (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
    return (cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x3001 && cp <= 0x3006) ||
           (cp >= 0x3008 && cp <= 0x301F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x00B7 || cp == 0x2026;
}

int scan_digit(uint32_t cp)
{
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19) return (int)(cp - 0xFF10);
    return -1;
}

int scan_is_wordish(uint32_t cp)
{
    return scan_is_cjk(cp) || scan_digit(cp) >= 0 || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 'a' && cp <= 'z') || (cp >= 0xFF21 && cp <= 0xFF5A);
}

int scan_cn_digit(uint32_t cp)
{
    static const uint32_t d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    size_t i;
    /* 零, ○ and the letters O/Ο that scanned documents use for 〇 */
    if (cp == 0x96F6 || cp == 0x25CB || cp == 0x039F || cp == 0x004F || cp == 0xFF2F)
        return 0;
    for (i = 0; i < 10; i++)
        if (d[i] == cp) return (int)i;
    return -1;
}

int scan_cn_number(const char *s, size_t n, size_t i, size_t *used)
{
    size_t k, j = i;
    int a = -1, v;
    uint32_t cp;

    *used = 0;
    if (j >= n) return -1;
    cp = scan_cp(s, n, j, &k);
    if (cp != 0x5341) {                      /* 十 */
        a = scan_cn_digit(cp);
        if (a <= 0) return -1;
        j += k;
        if (j >= n || scan_cp(s, n, j, &k) != 0x5341) { *used = j - i; return a; }
    }
    j += k;                                  /* past 十 */
    v = (a < 0 ? 1 : a) * 10;
    if (j < n) {
        int b = scan_cn_digit(scan_cp(s, n, j, &k));
        if (b > 0) { v += b; j += k; }
    }
    *used = j - i;
    return v;
}

int scan_ar_number(const char *s, size_t n, size_t i, size_t *used)
{
    size_t k, j = i;
    int v = 0, digits = 0, d;
    *used = 0;
    while (j < n && (d = scan_digit(scan_cp(s, n, j, &k))) >= 0) {
        if (++digits > 4) return -1;
        v = v * 10 + d;
        j += k;
    }
    if (!digits) return -1;
    *used = j - i;
    return v;
}

/* Byte by byte: most calls fail on the first or second byte, so this
 * beats strlen + memcmp (the parser's hottest path). */
int scan_at(const char *s, size_t n, size_t i, const char *lit)
{
    const char *p, *end = s + n;
    if (i > n) return 0;
    for (p = s + i; *lit; p++, lit++)
        if (p == end || *p != *lit) return 0;
    return 1;
}

int scan_at_any(const char *s, size_t n, size_t i, const char *const *lits, size_t *len)
{
    int j;
    if (i >= n) {                        /* only "" can match at the end */
        for (j = 0; lits[j]; j++)
            if (!lits[j][0]) {
                if (len) *len = 0;
                return j;
            }
        return -1;
    }
    for (j = 0; lits[j]; j++) {
        if (lits[j][0] == s[i] && scan_at(s, n, i, lits[j])) {
            if (len) *len = strlen(lits[j]);
            return j;
        }
        if (!lits[j][0]) {
            if (len) *len = 0;
            return j;
        }
    }
    return -1;
}

size_t scan_find(const char *s, size_t from, size_t to, const char *lit)
{
    size_t l = strlen(lit), i;
    if (l == 0 || to < l) return (size_t)-1;
    for (i = from; i + l <= to; i++)
        if (memcmp(s + i, lit, l) == 0) return i;
    return (size_t)-1;
}

void scan_trim(const char *s, size_t *a, size_t *b)
{
    size_t k;
    while (*a < *b) {
        uint32_t cp = scan_cp(s, *b, *a, &k);
        if (!scan_is_space(cp) && cp != '\n') break;
        *a += k;
    }
    while (*b > *a) {
        size_t p = scan_back(s, *b);
        uint32_t cp = scan_cp(s, *b, p, &k);
        if (!scan_is_space(cp) && cp != '\n') break;
        *b = p;
    }
}

char *scan_dup_trim(const char *s, size_t a, size_t b)
{
    char *p;
    scan_trim(s, &a, &b);
    p = malloc(b - a + 1);
    if (!p) return NULL;
    memcpy(p, s + a, b - a);
    p[b - a] = 0;
    return p;
}

char *scan_dup(const char *s)
{
    size_t l = strlen(s);
    char *p = malloc(l + 1);
    if (p) memcpy(p, s, l + 1);
    return p;
}

int scan_width(const char *s, size_t n)
{
    size_t i = 0, k;
    int w = 0;
    while (i < n) {
        int cw = text_cp_width(scan_cp(s, n, i, &k));
        if (cw > 0) w += cw;
        i += k;
    }
    return w;
}

static int valid_ymd(int y, int m, int d)
{
    return y <= 2200 && cal_ymd_valid(y, m, d);   /* a plausible year for a report */
}

/* 二〇二四 → 2024: exactly four Chinese digits. */
static int cn_year(const char *s, size_t n, size_t i, size_t *used)
{
    size_t j = i, k;
    int v = 0, c;
    for (c = 0; c < 4; c++) {
        int d;
        if (j >= n || (d = scan_cn_digit(scan_cp(s, n, j, &k))) < 0) return -1;
        v = v * 10 + d;
        j += k;
    }
    *used = j - i;
    return v;
}

/* Reads NUM then the literal sep; arabic or (when cn) Chinese numerals. */
/* Spaces a PDF's text puts between digits and 年月日 (2024 年 2 月 18 日). */
static size_t skip_blanks(const char *s, size_t n, size_t j)
{
    while (j < n && s[j] == ' ') j++;
    return j;
}

static int num_then(const char *s, size_t n, size_t *j, int cn, const char *sep)
{
    size_t u, p = skip_blanks(s, n, *j), q;
    int v = cn ? scan_cn_number(s, n, p, &u) : scan_ar_number(s, n, p, &u);
    if (v < 0) return -1;
    q = cn || sep[0] == '-' || sep[0] == '/' || sep[0] == '.' ? p + u : skip_blanks(s, n, p + u);
    if (!scan_at(s, n, q, sep)) return -1;
    *j = q + strlen(sep);
    return v;
}

/* A date whose digits run together before 日, as portals print them
 * (20211228日, 2018724日): 8 digits are YYYYMMDD; 7 digits are read as
 * YYYY M DD or YYYY MM D only when one of the two is a valid date. */
static int run_together(const char *s, size_t n, size_t i, size_t *used, int *y, int *m, int *d)
{
    size_t j = i, nd;
    int v[8];
    for (nd = 0; j < n && nd < 8 && s[j] >= '0' && s[j] <= '9'; j++) v[nd++] = s[j] - '0';
    if ((nd != 7 && nd != 8) || (j < n && s[j] >= '0' && s[j] <= '9') || !scan_at(s, n, j, "日"))
        return 0;
    *y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    if (nd == 8) {
        *m = v[4] * 10 + v[5];
        *d = v[6] * 10 + v[7];
    } else {
        int a = valid_ymd(*y, v[4], v[5] * 10 + v[6]), b = valid_ymd(*y, v[4] * 10 + v[5], v[6]);
        if (a == b) return 0;                 /* neither, or both: 2018111日 */
        *m = a ? v[4] : v[4] * 10 + v[5];
        *d = a ? v[5] * 10 + v[6] : v[6];
    }
    *used = j + strlen("日") - i;
    return valid_ymd(*y, *m, *d);
}

int scan_date(const char *s, size_t n, size_t i, size_t *used, char iso[11])
{
    size_t j = i, u;
    int y, m, d, cn = 0;

    if (run_together(s, n, i, used, &y, &m, &d)) {
        cal_iso(iso, y, m, d);
        return 1;
    }
    y = scan_ar_number(s, n, j, &u);
    if (y < 0) { y = cn_year(s, n, j, &u); cn = 1; }
    if (y < 0) return 0;
    j += u;
    if (!cn && scan_at(s, n, skip_blanks(s, n, j), "年")) j = skip_blanks(s, n, j);
    if (scan_at(s, n, j, "年")) {
        j += strlen("年");
        if ((m = num_then(s, n, &j, cn, "月")) < 0) return 0;
        if ((d = num_then(s, n, &j, cn, "日")) < 0) return 0;
    } else if (!cn && j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
        char sep[2] = {s[j], 0};
        j++;
        if ((m = num_then(s, n, &j, 0, sep)) < 0) return 0;
        d = scan_ar_number(s, n, j, &u);
        if (d < 0) return 0;
        j += u;
    } else {
        return 0;
    }
    if (!valid_ymd(y, m, d)) return 0;
    cal_iso(iso, y, m, d);
    *used = j - i;
    return 1;
}

int scan_ends_any(const char *s, size_t a, size_t e, const char *const *w)
{
    size_t j;
    for (j = 0; w[j]; j++) {
        size_t l = strlen(w[j]);
        if (e >= a + l && memcmp(s + e - l, w[j], l) == 0) return 1;
    }
    return 0;
}
