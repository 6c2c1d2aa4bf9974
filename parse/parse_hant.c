/* Reports in traditional characters (portal mirrors, 繁體 editions): the
 * parser reads a simplified copy made by OpenCC (t2s), so that its word
 * lists, markers and department lexicon apply, and then gives the texts
 * back as the source wrote them: every title, statement, marker and
 * metadata field found in the simplified copy is replaced by the same
 * characters of the source (t2s maps one character to one, so positions
 * agree). Department names stay simplified, as they are stored.
 *
 * libopencc is opened on first use (dlopen), only for a text that has
 * traditional characters: the other commands never map it. Without it the
 * text is parsed as it is. */
#include "parse/parse_int.h"

#include <dlfcn.h>
#include <opencc/opencc.h>
#include <stdlib.h>
#include <string.h>

#define HANT_FUNCS(X) X(opencc_open) X(opencc_close) X(opencc_convert_utf8) \
                      X(opencc_convert_utf8_free)
#define HANT_FIELD(f) __typeof__(&f) f;
static struct { HANT_FUNCS(HANT_FIELD) } oc;

/* Opens libopencc and its t2s conversion once; NULL when either is missing. */
static opencc_t hant_open(void)
{
    static int state;      /* 0 not tried, 1 ready, -1 missing */
    static opencc_t conv;
    static const char *const libs[] = {"libopencc.so.1.1", "libopencc.so"};
    void *h = NULL;
    if (state) return state > 0 ? conv : NULL;
    for (size_t i = 0; !h && i < sizeof libs / sizeof *libs; i++)
        h = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
    state = h ? 1 : -1;
#define HANT_LOAD(f) if (h && !(*(void **)&oc.f = dlsym(h, #f))) state = -1;
    HANT_FUNCS(HANT_LOAD)
    if (state > 0) {
        conv = oc.opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
        if (conv == (opencc_t)-1) state = -1;
    }
    return state > 0 ? conv : NULL;
}

/* Characters of traditional writing that simplified text never uses. */
static const char hant_marks[] =
    "們個來對為國會發這關時實經區縣與進議開問題應設據說從務員機結當還協總動門長業產東處"
    "辦導報點學財審計際費資條責質現標規劃義鄉鎮團黨選體廣衛農醫環護級歲營稅價單統專";

int parse_hant_detect(const char *text, size_t len)
{
    size_t i, k, n = len < 65536 ? len : 65536, ml = sizeof hant_marks - 1;
    int hits = 0;
    for (i = 0; i < n && hits < 5; i += k) {
        uint32_t cp = scan_cp(text, n, i, &k);
        if (cp >= 0x4E00 && k == 3) {
            size_t j;
            for (j = 0; j + 3 <= ml; j += 3)
                if (memcmp(hant_marks + j, text + i, 3) == 0) { hits++; break; }
        }
    }
    return hits >= 5;
}

/* Byte offsets of every code point of s (n bytes) and of its end: an
 * array of *ncp + 1 (malloc'ed), NULL out of memory. */
static size_t *cp_offsets(const char *s, size_t n, size_t *ncp)
{
    size_t i, k, c = 0, *v = malloc((n + 1) * sizeof *v);
    if (!v) return NULL;
    for (i = 0; i < n; i += k) {
        v[c++] = i;
        scan_cp(s, n, i, &k);
        if (k == 0) k = 1;
    }
    v[c] = n;
    *ncp = c;
    return v;
}

int parse_hant_to_simp(const char *text, size_t len, char **simp)
{
    opencc_t conv = hant_open();
    char *out;
    *simp = NULL;
    if (!conv) return 0;
    out = oc.opencc_convert_utf8(conv, text, len);
    if (!out) return 0;
    *simp = strdup(out);
    oc.opencc_convert_utf8_free(out);
    return *simp ? 1 : -1;
}

int parse_hant_map_init(struct hant_map *m, char *orig, size_t olen, const char *simp)
{
    size_t nso, nss;
    memset(m, 0, sizeof *m);
    m->orig = orig;
    m->olen = olen;
    m->simp = simp;
    m->slen = strlen(simp);
    m->off_o = cp_offsets(orig, olen, &nso);
    m->off_s = cp_offsets(simp, m->slen, &nss);
    if (!m->off_o || !m->off_s) return -1;
    m->ncp = nso == nss ? nso : 0;   /* positions agree only when the counts do */
    return 0;
}

void parse_hant_map_fini(struct hant_map *m)
{
    free(m->off_o);
    free(m->off_s);
    free(m->orig);
    memset(m, 0, sizeof *m);
}

/* The code point index of byte offset b of the simplified text, or -1
 * when b starts no code point. */
static long cp_index(const struct hant_map *m, size_t b)
{
    size_t lo = 0, hi = m->ncp;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->off_s[mid] < b) lo = mid + 1;
        else hi = mid;
    }
    return lo <= m->ncp && m->off_s[lo] == b ? (long)lo : -1;
}

/* *s as the source wrote it, when it is found in the simplified text;
 * left alone otherwise. -1 out of memory. */
static int restore(struct hant_map *m, char **s)
{
    const char *at;
    size_t l;
    long a, e;
    char *r;
    if (!*s || !**s || !m->ncp) return 0;
    l = strlen(*s);
    at = m->cursor < m->slen ? strstr(m->simp + m->cursor, *s) : NULL;
    if (!at) at = strstr(m->simp, *s);
    if (!at) return 0;
    a = cp_index(m, (size_t)(at - m->simp));
    e = cp_index(m, (size_t)(at - m->simp) + l);
    if (a < 0 || e < 0) return 0;
    m->cursor = (size_t)(at - m->simp);
    r = malloc(m->off_o[e] - m->off_o[a] + 1);
    if (!r) return -1;
    memcpy(r, m->orig + m->off_o[a], m->off_o[e] - m->off_o[a]);
    r[m->off_o[e] - m->off_o[a]] = 0;
    free(*s);
    *s = r;
    return 0;
}

int parse_hant_restore_text(struct hant_map *m, char **s)
{
    return restore(m, s);
}

static int restore_stmts(struct hant_map *m, struct stmt *v, size_t n)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        if (restore(m, &v[i].text) < 0) return -1;
        for (j = 0; j < v[i].nmetrics; j++)
            if (restore(m, &v[i].metrics[j].text) < 0) return -1;
    }
    return 0;
}

static int restore_nodes(struct hant_map *m, struct node *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (restore(m, &v[i].title) < 0 || restore(m, &v[i].marker) < 0 ||
            restore_stmts(m, v[i].stmts, v[i].nstmts) < 0 ||
            restore_nodes(m, v[i].children, v[i].nchildren) < 0)
            return -1;
    }
    return 0;
}

int parse_hant_restore(struct hant_map *m, struct doc *d)
{
    struct doc_meta *t = &d->meta;
    char **meta[] = {&t->title, &t->issuer, &t->doc_no, &t->addressee, &t->signed_by};
    size_t i;
    for (i = 0; i < sizeof meta / sizeof *meta; i++) {
        m->cursor = 0;
        if (restore(m, meta[i]) < 0) return -1;
    }
    m->cursor = 0;
    if (restore_stmts(m, d->intro, d->nintro) < 0 || restore_nodes(m, d->nodes, d->nnodes) < 0 ||
        restore_stmts(m, d->closing, d->nclosing) < 0 || restore(m, &d->marker) < 0)
        return -1;
    for (i = 0; i < d->ndropped; i++) {              /* the lines dropped as chrome */
        m->cursor = 0;
        if (restore(m, &d->dropped[i]) < 0) return -1;
    }
    return 0;
}
