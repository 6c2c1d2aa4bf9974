/* The department lexicon in use: the compiled names of data/departments.txt
 * and an office's own ([lexicon] in config.ini), indexed by their first
 * character; and the places a report names about itself (东湖区, 高唐县)
 * that may stand before a department's name. */
#include "parse/lexicon.h"
#include "util/mem.h"
#include "parse/parse_int.h"

#include <stdlib.h>
#include <string.h>

#define NBUCKETS 512

struct lexname { const char *s; size_t len; };

struct lexidx {
    struct lexname *v[NBUCKETS];   /* longest first within a bucket */
    size_t n[NBUCKETS];
};

static size_t bucket(const char *s, size_t n)
{
    size_t k;
    return scan_cp(s, n, 0, &k) % NBUCKETS;
}

static int add_name(struct lexidx *x, size_t cap[NBUCKETS], const char *s)
{
    size_t len = s ? strlen(s) : 0, b;
    if (len < 6) return 0;                  /* two characters at the least */
    b = bucket(s, len);
    if (mem_grow((void **)&x->v[b], x->n[b], &cap[b], sizeof *x->v[b]) < 0) return -1;
    x->v[b][x->n[b]].s = s;
    x->v[b][x->n[b]++].len = len;
    return 0;
}

static int by_length(const void *a, const void *b)
{
    const struct lexname *x = a, *y = b;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

int parse_lexicon_init(struct pctx *c)
{
    struct lexidx *x = calloc(1, sizeof *x);
    size_t cap[NBUCKETS] = {0}, i;
    const struct parse_opts *o = c->opts;
    if (!x) return -1;
    c->lex = x;
    for (i = 0; i < lexicon_count; i++)
        if (add_name(x, cap, lexicon_names[i]) < 0) return -1;
    for (i = 0; o && o->lexicon && i < o->nlexicon; i++)
        if (add_name(x, cap, o->lexicon[i]) < 0) return -1;
    for (i = 0; i < NBUCKETS; i++)
        if (x->n[i] > 1) qsort(x->v[i], x->n[i], sizeof *x->v[i], by_length);
    return 0;
}

void parse_lexicon_fini(struct pctx *c)
{
    size_t i;
    if (c->lex) {
        for (i = 0; i < NBUCKETS; i++) free(c->lex->v[i]);
        free(c->lex);
        c->lex = NULL;
    }
    for (i = 0; i < c->nplaces; i++) free(c->places[i]);
    c->nplaces = 0;
}

size_t parse_lexicon_match(const struct pctx *c, const char *s, size_t n, size_t i)
{
    const struct lexidx *x = c->lex;
    size_t b, j;
    if (!x || i >= n || (unsigned char)s[i] < 0x80) return 0;
    b = bucket(s + i, n - i);
    for (j = 0; j < x->n[b]; j++) {
        const struct lexname *e = &x->v[b][j];
        if (e->len <= n - i && memcmp(s + i, e->s, e->len) == 0) return i + e->len;
    }
    return 0;
}

/* Words a place's name never holds (the clause around it). */
static const char *const not_place[] = {
    "的", "了", "在", "与", "及", "和", "将", "是", "对", "为", "把", "从", "被", "由",
    "向", "于", "经", "请", "报", "要求", "印发", "根据", "按照", "依据", "督促", "指导",
    "会同", "联合", "配合", "协助", "全", "本", "各", "该", "我", "省", "市", "区", "县",
    NULL
};

static int add_place(struct pctx *c, const char *s, size_t a, size_t b)
{
    size_t j;
    char *p;
    if (c->nplaces >= sizeof c->places / sizeof c->places[0]) return 0;
    for (j = 0; j < c->nplaces; j++)
        if (strlen(c->places[j]) == b - a && memcmp(c->places[j], s + a, b - a) == 0) return 0;
    if (!(p = scan_dup_trim(s, a, b))) return -1;
    c->places[c->nplaces++] = p;
    return 0;
}

/* X县人民政府, X区政府, X市委: the 2 to 4 Han characters before the level
 * (back to the clause's start) and the level are a place. */
static int places_before(struct pctx *c, const char *s, size_t n, size_t lvl)
{
    size_t a = lvl, k;
    int chars = 0;
    while (a > 0) {             /* back to a clause's start, a word that ends a place, */
        size_t p = scan_back(s, a);   /* or no more than 4 characters */
        if (!scan_is_cjk(scan_cp(s, n, p, &k)) || scan_at_any(s, n, p, not_place, NULL) >= 0) break;
        if (++chars > 4) return 0;
        a = p;
    }
    if (chars < 2) return 0;
    scan_cp(s, n, lvl, &k);
    return add_place(c, s, a, lvl + k);
}

static int learn_from(struct pctx *c, const char *s)
{
    static const char *const levels[] = {"省", "市", "区", "县", "州", "旗", NULL};
    static const char *const after[] = {"人民政府", "政府", "委", "人大", NULL};
    size_t n = s ? strlen(s) : 0, i, k;
    for (i = 0; i < n; i += k) {
        scan_cp(s, n, i, &k);
        if (scan_at_any(s, n, i, levels, NULL) >= 0 && scan_at_any(s, n, i + k, after, NULL) >= 0 &&
            places_before(c, s, n, i) < 0)
            return -1;
    }
    return 0;
}

int parse_lexicon_learn_places(struct pctx *c)
{
    const struct doc_meta *m = &c->doc->meta;
    const char *src[4] = {m->signed_by, m->issuer, m->title, m->addressee};
    size_t i;
    for (i = 0; i < 4; i++)
        if (learn_from(c, src[i]) < 0) return -1;
    if (c->body) {
        char save = c->body[c->bend];
        int r;
        c->body[c->bend] = 0;
        r = learn_from(c, c->body + c->bstart);
        c->body[c->bend] = save;
        if (r < 0) return -1;
    }
    return 0;
}

size_t parse_lexicon_place_before(const struct pctx *c, const char *s, size_t lo, size_t e)
{
    size_t j, best = (size_t)-1;
    for (j = 0; j < c->nplaces; j++) {
        size_t l = strlen(c->places[j]);
        if (e >= lo + l && memcmp(s + e - l, c->places[j], l) == 0 && e - l < best)
            best = e - l;
    }
    return best;
}
