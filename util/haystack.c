/* Texts searched in memory (contract in util/haystack.h). A record's
 * fields are separated by '\n' and records by '\0', neither of which a
 * word holds (hay_word_init), so a match never spans two fields, as LIKE's
 * never does. The scan compares the
 * word's first and last bytes at 16 positions at once (SSE2) and checks
 * the rest only where both agree. */
#include "util/haystack.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/text.h"

void hay_init(struct haystack *h)
{
    memset(h, 0, sizeof *h);
}

void hay_fini(struct haystack *h)
{
    free(h->buf);
    free(h->off);
    hay_init(h);
}

static int fail(struct haystack *h)
{
    h->bad = 1;
    return -1;
}

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int hay_add(struct haystack *h, const char *const *fields, size_t nf)
{
    size_t need = 1;
    if (h->bad)
        return -1;
    for (size_t k = 0; k < nf; k++) {
        size_t l = fields[k] ? strlen(fields[k]) : 0;
        if (l && !utf8_valid(fields[k], l))
            return fail(h);
        need += l + 1;
    }
    if (h->len + need > UINT32_MAX)
        return fail(h);
    if (h->len + need > h->cap) {
        size_t cap = h->cap ? h->cap : 1 << 20;
        while (cap < h->len + need)
            cap *= 2;
        char *b = realloc(h->buf, cap);
        if (!b)
            return fail(h);
        h->buf = b;
        h->cap = cap;
    }
    if (h->n + 2 > h->capn) {
        size_t cap = h->capn ? h->capn * 2 : 4096;
        uint32_t *o = realloc(h->off, cap * sizeof *o);
        if (!o)
            return fail(h);
        h->off = o;
        h->capn = cap;
    }
    h->off[h->n] = (uint32_t)h->len;
    for (size_t k = 0; k < nf; k++) {
        for (const char *p = fields[k]; p && *p; p++)
            h->buf[h->len++] = fold(*p);
        h->buf[h->len++] = k + 1 < nf ? '\n' : '\0';
    }
    if (!nf)
        h->buf[h->len++] = '\0';
    h->n++;
    h->off[h->n] = (uint32_t)h->len;
    return 0;
}

int hay_word_init(struct hay_word *w, const char *word)
{
    size_t n = word ? strlen(word) : 0;
    w->m = 0;
    if (!n || n >= sizeof w->w || !utf8_valid(word, n))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)word[i] < 0x20 || word[i] == 0x7f)
            return -1;
        w->w[i] = fold(word[i]);
    }
    w->w[n] = '\0';
    w->m = n;
    return 0;
}

/* The first place in [p, end) where w (m >= 2 bytes) starts, or NULL. */
static const char *find_word(const char *p, const char *end, const char *w, size_t m)
{
    if ((size_t)(end - p) < m)
        return NULL;
    const char *last = end - m;       /* the last place a match can start */
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(w[0]), lastb = _mm_set1_epi8(w[m - 1]);
    while (last - p >= 15) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + m - 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, lastb)));
        while (mask) {
            int bit = __builtin_ctz(mask);
            if (memcmp(p + bit + 1, w + 1, m - 2) == 0)
                return p + bit;
            mask &= mask - 1;
        }
        p += 16;
    }
#endif
    for (; p <= last; p++)
        if (p[0] == w[0] && p[m - 1] == w[m - 1] && memcmp(p + 1, w + 1, m - 2) == 0)
            return p;
    return NULL;
}

static const char *find_in(const char *p, const char *end, const char *w, size_t m)
{
    return m == 1 ? memchr(p, w[0], (size_t)(end - p)) : find_word(p, end, w, m);
}

/* The record holding byte offset at, from record k on. */
static size_t record_at(const struct haystack *h, size_t k, size_t b, uint32_t at)
{
    size_t lo = k, hi = b;     /* the last record whose start is at or before at */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->off[mid] <= at)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t hay_next(const struct haystack *h, const struct hay_word *w, size_t a, size_t b)
{
    if (h->bad || !w->m || b > h->n || a >= b)
        return b;
    const char *p = h->buf + h->off[a], *end = h->buf + h->off[b];
    const char *hit = find_in(p, end, w->w, w->m);
    return hit ? record_at(h, a, b, (uint32_t)(hit - h->buf)) : b;
}

#define HAY_BLOCK 256      /* records read forwards at a time when going backwards */

size_t hay_prev(const struct haystack *h, const struct hay_word *w, size_t a, size_t b)
{
    if (h->bad || !w->m || b > h->n || a >= b)
        return b;
    for (size_t hi = b; hi > a;) {
        size_t lo = hi - a > HAY_BLOCK ? hi - HAY_BLOCK : a, last = b;
        for (size_t k = hay_next(h, w, lo, hi); k < hi; k = hay_next(h, w, k + 1, hi))
            last = k;
        if (last != b)
            return last;
        hi = lo;
    }
    return b;
}

int hay_has(const struct haystack *h, const struct hay_word *w, size_t k)
{
    return !h->bad && w->m && k < h->n &&
           find_in(h->buf + h->off[k], h->buf + h->off[k + 1], w->w, w->m) != NULL;
}
