/* UTF-8 decoding, locale-independent display widths, terminal sanitising,
 * cutting and wrapping by columns (contract in util/text.h). */
#include "util/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[0], min;
    size_t len, i;

    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; c &= 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; c &= 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; c &= 0x07; min = 0x10000; }
    else { *cp = 0xFFFD; return 1; }
    if (n < len) { *cp = 0xFFFD; return 1; }
    for (i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return len;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1) {
            /* a genuine U+FFFD is 3 bytes; 1 byte means an invalid one */
            return 0;
        }
        i += k;
    }
    return 1;
}

struct range { uint32_t lo, hi; };

/* Zero-width: combining marks, zero-width spaces/joiners, variation
 * selectors (a subset of Unicode's Mn/Me/Cf that matters in our texts). */
static const struct range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},
    {0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
    {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
    {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D}, {0x3099, 0x309A},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* Double-width: CJK, Hangul, full-width forms, CJK punctuation, emoji. */
static const struct range wide[] = {
    {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x2E80, 0x303E},
    {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
    {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in_ranges(uint32_t cp, const struct range *r, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < r[mid].lo) hi = mid;
        else if (cp > r[mid].hi) lo = mid + 1;
        else return 1;
    }
    return 0;
}

int text_cp_width(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) return 1;          /* the common cases first */
    if (cp >= 0x4E00 && cp <= 0x9FFF) return 2;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return -1;
    if (cp == 0x00AD) return 1;
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
        return 0;
    if (in_ranges(cp, wide, sizeof wide / sizeof wide[0])) return 2;
    return 1;
}

/* Code points a terminal shows as nothing, or that reorder the text
 * around them: Unicode's default-ignorable code points (DerivedCoreProperties
 * 15.1: soft hyphen, the zero-width space, joiners and word joiner, BOM,
 * fillers, variation selectors, tags …), every bidi control (U+061C,
 * U+200E/200F, U+202A-202E, U+2066-2069), the line and paragraph
 * separators and the interlinear annotation controls. */
static const struct range hidden[] = {
    {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160},
    {0x17B4, 0x17B5}, {0x180B, 0x180F}, {0x200B, 0x200F}, {0x2028, 0x202E},
    {0x2060, 0x206F}, {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
    {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFFB}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
    {0xE0000, 0xE0FFF},
};

int text_cp_hidden(uint32_t cp)
{
    return cp >= 0xAD && in_ranges(cp, hidden, sizeof hidden / sizeof hidden[0]);
}

/* One unit of sanitised output: the next character of s (at most n bytes)
 * as it should appear on a terminal. Fills rep (NUL-terminated, <= 12
 * bytes) and *w with its columns; returns the bytes of s consumed. */
static size_t san_next(const char *s, size_t n, char rep[16], int *w)
{
    static const char hex[] = "0123456789ABCDEF";
    uint32_t cp;
    size_t k = utf8_decode(s, n, &cp);

    if (cp == 0xFFFD && k == 1) {
        *w = 1;
        memcpy(rep, "\xEF\xBF\xBD", 4);
        return 1;
    }
    if (cp == '\t' || cp == '\n') { rep[0] = ' '; rep[1] = 0; *w = 1; return k; }
    if (cp < 0x20 || cp == 0x7F) {
        rep[0] = '^';
        rep[1] = cp == 0x7F ? '?' : (char)(cp + 0x40);
        rep[2] = 0;
        *w = 2;
        return k;
    }
    if ((cp >= 0x80 && cp < 0xA0) || text_cp_hidden(cp)) {
        int digits = cp > 0xFFFF ? 5 : 4, o = 3;
        memcpy(rep, "<U+", 3);
        for (int d = digits - 1; d >= 0; d--)
            rep[o++] = hex[(cp >> (4 * d)) & 0xF];
        rep[o++] = '>';
        rep[o] = 0;
        *w = o;
        return k;
    }
    memcpy(rep, s, k);
    rep[k] = 0;
    *w = text_cp_width(cp);
    if (*w < 0) *w = 0;
    return k;
}

int text_width(const char *s)
{
    size_t n = strlen(s), i = 0;
    int cols = 0;
    while (i < n) {
        char rep[16];
        int w;
        i += san_next(s + i, n - i, rep, &w);
        cols += w;
    }
    return cols;
}

size_t text_sanitize(const char *s, char *out, size_t outlen)
{
    size_t n = strlen(s), i = 0, o = 0;
    if (outlen == 0) return 0;
    while (i < n) {
        char rep[16];
        int w;
        size_t k = san_next(s + i, n - i, rep, &w), rl = strlen(rep);
        if (o + rl + 1 > outlen) break;
        memcpy(out + o, rep, rl);
        o += rl;
        i += k;
    }
    out[o] = 0;
    return o;
}

/* Appends up to room-1 bytes; returns 0 when it did not fit. */
static int put(char *out, size_t outlen, size_t *o, const char *p, size_t len)
{
    if (*o + len + 1 > outlen) return 0;
    memcpy(out + *o, p, len);
    *o += len;
    out[*o] = 0;
    return 1;
}

int text_fit(const char *s, int cols, int pad, char *out, size_t outlen)
{
    size_t n = strlen(s), i = 0, o = 0, cut_o = 0;
    int used = 0, cut_used = 0, total = text_width(s);
    int limit = total > cols ? cols - 1 : cols; /* room for "…" when cut */

    if (outlen == 0) return 0;
    out[0] = 0;
    if (cols <= 0) return 0;
    while (i < n) {
        char rep[16];
        int w;
        size_t k = san_next(s + i, n - i, rep, &w);
        if (used + w > limit) break;
        if (!put(out, outlen, &o, rep, strlen(rep))) break;
        used += w;
        i += k;
        cut_o = o;
        cut_used = used;
    }
    o = cut_o;
    used = cut_used;
    out[o] = 0;
    if (total > cols) {
        while (used < cols - 1 && put(out, outlen, &o, " ", 1)) used++;
        if (put(out, outlen, &o, "\xE2\x80\xA6", 3)) used++;
    }
    while (pad && used < cols && put(out, outlen, &o, " ", 1)) used++;
    return used;
}

size_t text_prefix_for_cols(const char *s, int cols)
{
    size_t n = strlen(s), i = 0;
    int used = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        int w = text_cp_width(cp);
        if (w < 0) w = 0;
        if (used + w > cols) break;
        used += w;
        i += k;
    }
    return i;
}

static int is_space_cp(uint32_t cp) { return cp == ' ' || cp == '\t'; }

/* Byte length of the next line of s (n bytes) within cols columns and the
 * bytes to skip after it (a breaking space or newline). A line may break
 * at a space, before or after a double-width character, or anywhere when
 * one word is longer than the line. */
/* Chinese line-breaking rules (避头尾): closing punctuation never starts a
 * line, opening punctuation never ends one. */
static int no_line_start(uint32_t cp)
{
    static const uint32_t v[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1B, 0xFF1A, 0xFF01,
                                 0xFF1F, 0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3009,
                                 0x201D, 0x2019, 0x2026, 0x3015, 0xFF05,
                                 ',', '.', ';', ':', '!', '?', ')', ']', '}', '%'};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (v[i] == cp)
            return 1;
    return 0;
}

static int no_line_end(uint32_t cp)
{
    static const uint32_t v[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008, 0x201C,
                                 0x2018, 0x3014, '(', '[', '{'};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (v[i] == cp)
            return 1;
    return 0;
}

static size_t wrap_one(const char *s, size_t n, int cols, size_t *skip)
{
    size_t i = 0, brk = 0, brk_skip = 0;
    int used = 0, prev_w = 0;
    uint32_t prev_cp = 0;
    *skip = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        int w = text_cp_width(cp);
        int chance;
        if (cp == '\n') { *skip = k; return i; }
        if (w < 0) w = 0;
        chance = i > 0 && (is_space_cp(cp) || w == 2 || prev_w == 2) &&
                 !no_line_start(cp) && !no_line_end(prev_cp);
        if (used + w > cols && i > 0) {
            if (is_space_cp(cp)) { *skip = k; return i; }
            if (chance) return i;
            if (brk > 0) { *skip = brk_skip; return brk; }
            return i;
        }
        if (chance) { brk = i; brk_skip = is_space_cp(cp) ? k : 0; }
        used += w;
        i += k;
        if (w > 0) prev_w = w;
        prev_cp = cp;
    }
    return n;
}

int text_wrap(const char *s, int cols,
              void (*line)(void *ctx, const char *start, size_t len), void *ctx)
{
    size_t n = strlen(s), i = 0;
    int lines = 0;
    if (cols < 1) cols = 1;
    while (i < n) {
        size_t skip, len = wrap_one(s + i, n - i, cols, &skip);
        if (len == 0 && skip == 0) {
            /* a character wider than cols: give it a line of its own */
            uint32_t cp;
            len = utf8_decode(s + i, n - i, &cp);
        }
        line(ctx, s + i, len);
        lines++;
        i += len + skip;
        /* a line broken at spaces does not start with the spaces */
        while (i < n && s[i] == ' ' && skip > 0) i++;
    }
    return lines;
}

char *text_sanitize_dup(const char *s)
{
    if (!s)
        return NULL;
    /* worst case: a 2-byte character becomes 8 bytes ("<U+009B>", "<U+00AD>") */
    size_t cap = strlen(s) * 4 + 1;
    char *out = malloc(cap);
    if (out)
        text_sanitize(s, out, cap);
    return out;
}

int text_contains_ci(const char *hay, const char *needle)
{
    if (!hay)
        return 0;
    size_t n = strlen(needle);
    for (const char *p = hay; *p || n == 0; p++) {
        size_t k = 0;
        while (k < n && p[k] &&
               tolower((unsigned char)p[k]) == tolower((unsigned char)needle[k]))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

int text_is_clean(const char *s, int *plain)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    int json_ok = 1;
    while (i < n) {
        if (u[i] < 0x80) {
            if (u[i] < 0x20 || u[i] == 0x7F)
                return 0;
            json_ok &= u[i] != '"' && u[i] != '\\';
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if ((cp == 0xFFFD && k == 1) || (cp >= 0x80 && cp < 0xA0) || text_cp_hidden(cp))
            return 0;
        i += k;
    }
    if (plain)
        *plain = json_ok;
    return 1;
}

void text_fputs(FILE *out, const char *s)
{
    if (s && text_is_clean(s, NULL)) {
        fputs(s, out);
        return;
    }
    char *safe = text_sanitize_dup(s);
    if (safe)
        fputs(safe, out);
    free(safe);
}
