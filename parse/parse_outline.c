/* Reading an outline (README "The outline", written by doc_write_outline
 * in core/doc_outline.c) into a doc: metadata lines, headings with their
 * fields, sentences with their kinds. What the outline does not say -- a
 * sentence's figures, departments and target date, the departments a
 * title names -- is found again by the parser's own rules, so that a
 * written outline read back gives the doc it was written from. */
#include "parse/parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/text.h"
#include "parse/parse_int.h"

#define OUTLINE_LEVELS 8    /* the parser makes at most five */
#define CODE_MAX 31         /* struct node/stmt code[32] */

enum meta_key { MK_TITLE, MK_ISSUER, MK_PUBLISHED, MK_DOC_NO, MK_ADDRESSEE, MK_SIGNED_BY,
                MK_SIGNED_ON, MK_LEAD, MK_MARKER, MK_NKEYS };

static const struct { const char *name; enum meta_key key; } meta_names[] = {
    {"title", MK_TITLE}, {"issuer", MK_ISSUER}, {"published", MK_PUBLISHED},
    {"doc_no", MK_DOC_NO}, {"addressee", MK_ADDRESSEE}, {"signed_by", MK_SIGNED_BY},
    {"signed_on", MK_SIGNED_ON}, {"lead_department", MK_LEAD}, {"marker", MK_MARKER},
    {"标题", MK_TITLE}, {"发布部门", MK_ISSUER}, {"发布时间", MK_PUBLISHED},
    {"文号", MK_DOC_NO}, {"主送", MK_ADDRESSEE}, {"落款", MK_SIGNED_BY},
    {"成文日期", MK_SIGNED_ON}, {"牵头部门", MK_LEAD}, {"责任标注", MK_MARKER},
};

struct ost {                    /* the reading in progress */
    struct doc *d;
    struct node *path[OUTLINE_LEVELS + 1];  /* path[l]: the last heading of level l */
    int level;                  /* the last heading's level, 0 before the first */
    int closing;                /* after [closing] */
    int content;                /* a line that is no comment nor blank was seen */
    size_t line;
    size_t meta_at[MK_NKEYS];   /* where each metadata key was given */
    size_t *node_at, nnode_at, capnode_at;   /* heading lines, in reading order */
    size_t *stmt_at, nstmt_at, capstmt_at;   /* body sentence lines, in reading order */
    char *err;
    size_t errlen;
};

static int oom(struct ost *o)
{
    snprintf(o->err, o->errlen, "out of memory reading the outline");
    return FU_ERR;
}

static int bad(struct ost *o, const char *fmt, const char *arg)
{
    char msg[FU_ERRLEN];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    snprintf(o->err, o->errlen, "line %zu: %s", o->line, msg);
    return FU_ERR;
}

/* ---- texts ---- */

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Length of the escape at s[i..n) (s[i] is '\\') and what it stands for
 * in out (*outlen bytes); 0 when it is none (the backslash stays; so
 * does a NUL's, which no text holds). */
static size_t escape_at(const char *s, size_t n, size_t i, char out[4], size_t *outlen)
{
    if (i + 1 < n && (s[i + 1] == '\\' || s[i + 1] == '|')) {
        out[0] = s[i + 1];
        *outlen = 1;
        return 2;
    }
    if (i + 3 < n && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0 && hexval(s[i + 3]) >= 0 &&
        (s[i + 2] != '0' || s[i + 3] != '0')) {
        out[0] = (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
        *outlen = 1;
        return 4;
    }
    if (i + 3 < n && s[i + 1] == 'u' && s[i + 2] == '{') {
        uint32_t cp = 0;
        size_t j = i + 3;
        while (j < n && j < i + 9 && hexval(s[j]) >= 0)
            cp = cp * 16 + (uint32_t)hexval(s[j++]);
        if (j == i + 3 || j >= n || s[j] != '}' || cp == 0 || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        *outlen = utf8_encode(cp, out);
        return j + 1 - i;
    }
    return 0;
}

/* s[a..b) with its escapes undone, spaces and tabs trimmed; malloc'ed. */
static char *text_of(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\t')) a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) b--;
    char *t = malloc(b - a + 1);
    size_t o = 0;
    if (!t) return NULL;
    for (size_t i = a; i < b;) {
        char rep[4];
        size_t rl = 0, k = s[i] == '\\' ? escape_at(s, b, i, rep, &rl) : 0;
        if (k) {
            memcpy(t + o, rep, rl);   /* an escape is never shorter than what it gives */
            o += rl;
            i += k;
        } else {
            t[o++] = s[i++];
        }
    }
    t[o] = 0;
    return t;
}

/* The end of the word at s[i..n) (up to a space or tab). */
static size_t word_end(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != ' ' && s[i] != '\t') i++;
    return i;
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

static int word_is(const char *s, size_t a, size_t b, const char *w)
{
    return b - a == strlen(w) && memcmp(s + a, w, b - a) == 0;
}

static int kind_of(const char *s, size_t a, size_t b, enum stmt_kind *k)
{
    if (word_is(s, a, b, "commitment") || word_is(s, a, b, "承诺")) *k = STMT_COMMITMENT;
    else if (word_is(s, a, b, "fact") || word_is(s, a, b, "事实")) *k = STMT_FACT;
    else if (word_is(s, a, b, "context") || word_is(s, a, b, "背景")) *k = STMT_CONTEXT;
    else return 0;
    return 1;
}

/* A heading's code: digits and dots ("2", "2.1.3"). */
static int heading_code(const char *s, size_t a, size_t b)
{
    size_t i;
    int digit = 0;
    if (b == a || b - a > CODE_MAX || s[a] == '.' || s[b - 1] == '.') return 0;
    for (i = a; i < b; i++) {
        if (s[i] >= '0' && s[i] <= '9') digit = 1;
        else if (s[i] != '.' || s[i + 1] == '.') return 0;
    }
    return digit;
}

/* A sentence's code: letters, digits, dots and colons ("2.1.3", "I.1"). */
static int stmt_code(const char *s, size_t a, size_t b)
{
    size_t i;
    if (b == a || b - a > CODE_MAX) return 0;
    for (i = a; i < b; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= 'a' && s[i] <= 'z') || s[i] == '.' || s[i] == ':'))
            return 0;
    return 1;
}

/* ---- the tree ---- */

static int push_at(size_t **v, size_t *n, size_t *cap, size_t line)
{
    if (mem_grow((void **)v, *n, cap, sizeof **v) < 0) return -1;
    (*v)[(*n)++] = line;
    return 0;
}

/* The arrays of a doc have no capacity field: they double whenever
 * their count reaches a power of two (1, 2, 4, 8 …). */
static int grow(void **v, size_t n, size_t size)
{
    if (n & (n - 1)) return 0;          /* room left */
    size_t cap = n ? 2 * n : 1;
    if (cap > ((size_t)-1) / size) return -1;
    void *nv = realloc(*v, cap * size);
    if (!nv) return -1;
    *v = nv;
    return 0;
}

static struct stmt *new_stmt(struct stmt **v, size_t *n)
{
    if (grow((void **)v, *n, sizeof **v) < 0) return NULL;
    memset(&(*v)[*n], 0, sizeof **v);
    return &(*v)[(*n)++];
}

static struct node *new_node(struct node **v, size_t *n)
{
    if (grow((void **)v, *n, sizeof **v) < 0) return NULL;
    memset(&(*v)[*n], 0, sizeof **v);
    return &(*v)[(*n)++];
}

/* Appends text to *dst, one space between. 0, or -1 out of memory. */
static int append_text(char **dst, const char *text)
{
    size_t la = *dst ? strlen(*dst) : 0, lb = strlen(text);
    char *t = realloc(*dst, la + lb + 2);
    if (!t) return -1;
    if (la) t[la++] = ' ';
    memcpy(t + la, text, lb + 1);
    *dst = t;
    return 0;
}

/* ---- metadata ---- */

/* The metadata key at the start of s[0..n) followed by ':' or '：';
 * *v where its value starts. -1 when none. */
static int meta_key(const char *s, size_t n, size_t *v)
{
    for (size_t j = 0; j < sizeof meta_names / sizeof *meta_names; j++) {
        size_t l = strlen(meta_names[j].name), p;
        if (n < l || memcmp(s, meta_names[j].name, l) != 0) continue;
        p = skip_space(s, n, l);
        if (p < n && s[p] == ':') { *v = p + 1; return (int)meta_names[j].key; }
        if (p + 3 <= n && memcmp(s + p, "：", 3) == 0) { *v = p + 3; return (int)meta_names[j].key; }
    }
    return -1;
}

static char **meta_field(struct doc *d, enum meta_key k)
{
    switch (k) {
    case MK_TITLE: return &d->meta.title;
    case MK_ISSUER: return &d->meta.issuer;
    case MK_PUBLISHED: return &d->meta.published;
    case MK_DOC_NO: return &d->meta.doc_no;
    case MK_ADDRESSEE: return &d->meta.addressee;
    case MK_SIGNED_BY: return &d->meta.signed_by;
    case MK_SIGNED_ON: return &d->meta.signed_on;
    case MK_LEAD: return &d->meta.lead_department;
    default: return NULL;
    }
}

static int meta_line(struct ost *o, enum meta_key k, const char *s, size_t v, size_t n)
{
    char *t = text_of(s, v, n), **f;
    if (!t) return oom(o);
    if (k == MK_MARKER) {       /* outside every heading: the report's markers */
        struct node *at = o->level && !o->closing ? o->path[o->level] : NULL;
        int r = *t ? append_text(at ? &at->marker : &o->d->marker, t) : 0;
        free(t);
        return r < 0 ? oom(o) : FU_OK;
    }
    if (o->meta_at[k]) {
        char prev[32];
        free(t);
        snprintf(prev, sizeof prev, "%zu", o->meta_at[k]);
        return bad(o, "this metadata key was given on line %s already; keep one", prev);
    }
    o->meta_at[k] = o->line;
    if (*t && (k == MK_PUBLISHED || k == MK_SIGNED_ON) && cal_date_valid(t) != 0) {
        int r = bad(o, "'%.60s' is no date; write YYYY-MM-DD, or leave it empty", t);
        free(t);
        return r;
    }
    f = meta_field(o->d, k);
    if (!*t) {
        free(t);
        return FU_OK;
    }
    *f = t;
    return FU_OK;
}

/* ---- headings ---- */

enum field { F_LEAD, F_GUESS, F_SUPPORT, F_DUE, F_NONE };

/* The field keyword that s[a..n) starts with (after spaces), *v where
 * its value starts; F_NONE when none. */
static enum field field_at(const char *s, size_t n, size_t a, size_t *v)
{
    static const struct { const char *w; enum field f; } kw[] = {
        {"lead?", F_GUESS}, {"lead", F_LEAD}, {"support", F_SUPPORT}, {"due", F_DUE},
        {"牵头?", F_GUESS}, {"牵头", F_LEAD}, {"配合", F_SUPPORT}, {"时限", F_DUE},
    };
    a = skip_space(s, n, a);
    size_t e = word_end(s, n, a);
    for (size_t j = 0; j < sizeof kw / sizeof *kw; j++)
        if (word_is(s, a, e, kw[j].w)) {
            *v = e;
            return kw[j].f;
        }
    return F_NONE;
}

/* "D1、D2, D3": split on 、 , ， ; ； / outside brackets; a bare level
 * after a name that starts with 各 stays with it (各区、县（市）), as the
 * parser has it. */
static int set_support(struct ost *o, struct node *nd, const char *t)
{
    static const char *const seps[] = {"、", ",", "，", ";", "；", "/", NULL};
    size_t n = strlen(t), i = 0, start = 0, len = 0, k;
    int depth = 0;
    while (i <= n) {
        uint32_t cp = i < n ? scan_cp(t, n, i, &k) : 0;
        if (cp == '(' || cp == 0xFF08) depth++;
        else if ((cp == ')' || cp == 0xFF09) && depth > 0) depth--;
        if (i < n && (depth > 0 || scan_at_any(t, n, i, seps, &len) < 0)) {
            i += k;
            continue;
        }
        size_t a = start, b = i;
        scan_trim(t, &a, &b);
        int joined = b > a ? parse_marker_join_level(&nd->support, &nd->nsupport, t, a, b) : 0;
        if (joined < 0) return oom(o);
        if (!joined && b > a) {
            char *name = scan_dup_trim(t, a, b), **v = NULL;
            if (!name || !(v = realloc(nd->support, (nd->nsupport + 1) * sizeof *v))) {
                free(name);
                return oom(o);
            }
            nd->support = v;
            v[nd->nsupport++] = name;
        }
        if (i == n) break;
        i += len;
        start = i;
    }
    return FU_OK;
}

static int set_field(struct ost *o, struct node *nd, enum field f, char *t)
{
    if (!*t && f != F_SUPPORT) {
        free(t);
        return bad(o, "a field (lead, support, due) without its value; give one or delete it",
                   NULL);
    }
    if (f == F_LEAD || f == F_GUESS) {
        nd->owner = t;
        nd->owner_src = f == F_LEAD ? OWNER_MARKER : OWNER_ACTOR;
        return FU_OK;
    }
    if (f == F_DUE) {
        int ok = strcmp(t, "ongoing") == 0 || strcmp(t, "长期坚持") == 0 ||
                 cal_date_valid(t) == 0;
        if (ok) snprintf(nd->due, sizeof nd->due, "%s", strcmp(t, "长期坚持") ? t : "ongoing");
        int r = ok ? FU_OK : bad(o, "due '%.60s' is no date; write YYYY-MM-DD or ongoing", t);
        free(t);
        return r;
    }
    int r = set_support(o, nd, t);
    free(t);
    return r;
}

/* An unescaped '|' at s[i]. */
static int bar_at(const char *s, size_t a, size_t i)
{
    return s[i] == '|' && (i == a || s[i - 1] != '\\');
}

/* The fields of a heading line s[a..*n): from the first unescaped '|'
 * that a field keyword follows, each "| KEYWORD VALUE". *n becomes the
 * end of the title. */
static int heading_fields(struct ost *o, struct node *nd, const char *s, size_t a, size_t *n)
{
    int seen[F_NONE] = {0};
    size_t i, v, first = *n;
    for (i = a; i < *n && first == *n; i++)
        if (bar_at(s, a, i) && field_at(s, *n, i + 1, &v) != F_NONE) first = i;
    for (i = first; i < *n;) {
        enum field f = field_at(s, *n, i + 1, &v);
        size_t e = v;
        if (f == F_NONE)
            return bad(o, "after a '|' comes a field: lead, lead?, support or due "
                       "(write \\| for a '|' in a title)", NULL);
        if (seen[f == F_GUESS ? F_LEAD : f]++)
            return bad(o, "a field is given twice on this heading; keep one", NULL);
        while (e < *n && !bar_at(s, a, e)) e++;
        char *t = text_of(s, v, e);
        if (!t) return oom(o);
        int rc = set_field(o, nd, f, t);
        if (rc != FU_OK) return rc;
        i = e;
    }
    *n = first;
    return FU_OK;
}

/* "* CODE TITLE | fields", one star per level. */
static int heading_line(struct ost *o, const char *s, size_t n)
{
    size_t i = 0, ce;
    while (i < n && s[i] == '*') i++;
    int level = (int)i;
    if (o->closing)
        return bad(o, "a heading after [closing]; move it above that line", NULL);
    if (i < n && s[i] != ' ' && s[i] != '\t')
        return bad(o, "a heading's stars need a space after them (* CODE TITLE)", NULL);
    if (level > OUTLINE_LEVELS)
        return bad(o, "a heading deeper than eight levels", NULL);
    if (level > o->level + 1)
        return bad(o, o->level ? "this heading is more than one level below the one above it; "
                   "remove a *" : "the first heading must have one * only", NULL);
    struct node *parent = level > 1 ? o->path[level - 1] : NULL;
    struct node *nd = parent ? new_node(&parent->children, &parent->nchildren)
                             : new_node(&o->d->nodes, &o->d->nnodes);
    if (!nd || push_at(&o->node_at, &o->nnode_at, &o->capnode_at, o->line) < 0) return oom(o);
    nd->depth = level - 1;
    o->path[level] = nd;
    o->level = level;
    i = skip_space(s, n, i);
    ce = word_end(s, n, i);
    if (heading_code(s, i, ce)) {
        memcpy(nd->code, s + i, ce - i);
        nd->code[ce - i] = 0;
        i = ce;
    }
    int rc = heading_fields(o, nd, s, i, &n);
    if (rc != FU_OK) return rc;
    if (!(nd->title = text_of(s, i, n))) return oom(o);
    if (!*nd->title) return bad(o, "the heading has no title; write it after the code", NULL);
    return FU_OK;
}

/* ---- sentences ---- */

/* "CODE KIND TEXT" or "KIND TEXT". */
static int stmt_line(struct ost *o, const char *s, size_t n)
{
    enum stmt_kind k;
    size_t a = 0, e = word_end(s, n, 0), t0;
    char code[CODE_MAX + 1] = "";
    if (kind_of(s, a, e, &k)) {
        t0 = e;
    } else {
        size_t b = skip_space(s, n, e), be = word_end(s, n, b);
        if (!kind_of(s, b, be, &k))
            return bad(o, "not a heading (* CODE TITLE), a sentence (CODE KIND TEXT, KIND "
                       "commitment, fact or context) nor KEY: VALUE metadata", NULL);
        if (!stmt_code(s, a, e))
            return bad(o, "a sentence's code is letters, digits and dots (2.1.3) of at "
                       "most 31 characters", NULL);
        memcpy(code, s, e);
        code[e] = 0;
        t0 = be;
    }
    struct node *at = o->closing || !o->level ? NULL : o->path[o->level];
    struct stmt *st = o->closing ? new_stmt(&o->d->closing, &o->d->nclosing)
                      : at       ? new_stmt(&at->stmts, &at->nstmts)
                                 : new_stmt(&o->d->intro, &o->d->nintro);
    if (!st) return oom(o);
    memcpy(st->code, code, sizeof code);
    st->kind = k;
    if (!(st->text = text_of(s, t0, n))) return oom(o);
    if (!*st->text) return bad(o, "the sentence has no text; write it after its kind", NULL);
    if (at && push_at(&o->stmt_at, &o->nstmt_at, &o->capstmt_at, o->line) < 0) return oom(o);
    return FU_OK;
}

/* ---- lines ---- */

static int one_line(struct ost *o, const char *s, size_t n)
{
    size_t v;
    int k;
    if (n >= 3 && o->line == 1 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {   /* a BOM */
        s += 3;
        n -= 3;
    }
    while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    size_t i = skip_space(s, n, 0);
    s += i;
    n -= i;
    if (!n || s[0] == '#') return FU_OK;
    o->content = 1;
    if (word_is(s, 0, n, "[closing]")) {
        if (o->closing) return bad(o, "a second [closing]; keep one", NULL);
        o->closing = 1;
        return FU_OK;
    }
    if (word_is(s, 0, n, "[intro]"))
        return o->level || o->closing ? bad(o, "[intro] belongs above the first heading", NULL)
                                      : FU_OK;
    if (s[0] == '*') return heading_line(o, s, n);
    if ((k = meta_key(s, n, &v)) >= 0) return meta_line(o, (enum meta_key)k, s, v, n);
    return stmt_line(o, s, n);
}

static int read_lines(struct ost *o, const char *buf, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        o->line++;
        int rc = one_line(o, buf + i, e - i);
        if (rc != FU_OK) return rc;
        i = e + 1;
    }
    return FU_OK;
}

/* ---- codes ---- */

/* The number after prefix in code ("2.1." in "2.1.7" gives 7), or 0. */
static long number_after(const char *code, const char *prefix)
{
    size_t l = strlen(prefix);
    long v = 0;
    if (strncmp(code, prefix, l) != 0 || !code[l]) return 0;
    for (const char *p = code + l; *p; p++) {
        if (*p < '0' || *p > '9' || v > 100000000) return 0;
        v = v * 10 + (*p - '0');
    }
    return v;
}

/* Gives each sentence of v that has no code the next free one after
 * prefix. */
static int stmt_codes(struct ost *o, struct stmt *v, size_t n, const char *prefix)
{
    long max = 0;
    for (size_t i = 0; i < n; i++) {
        long x = number_after(v[i].code, prefix);
        if (x > max) max = x;
    }
    for (size_t i = 0; i < n; i++) {
        if (v[i].code[0]) continue;
        if ((size_t)snprintf(v[i].code, sizeof v[i].code, "%s%ld", prefix, ++max) >=
            sizeof v[i].code) {
            snprintf(o->err, o->errlen, "a sentence under %.40s would get a code longer than "
                     "31 characters; give it a shorter one", prefix);
            return FU_ERR;
        }
    }
    return FU_OK;
}

/* Preorder, as read: headings without a code get the next free number
 * among their siblings, then the sentences theirs. */
static int node_codes(struct ost *o, struct node *v, size_t n, const char *parent)
{
    char prefix[CODE_MAX + 3];
    long max = 0;
    snprintf(prefix, sizeof prefix, "%s%s", parent, *parent ? "." : "");
    for (size_t i = 0; i < n; i++) {
        long x = number_after(v[i].code, prefix);
        if (x > max) max = x;
    }
    for (size_t i = 0; i < n; i++) {
        struct node *nd = &v[i];
        char sp[CODE_MAX + 4];
        if (!nd->code[0] && (size_t)snprintf(nd->code, sizeof nd->code, "%s%ld", prefix,
                                             ++max) >= sizeof nd->code) {
            snprintf(o->err, o->errlen, "a heading under %.40s would get a code longer than "
                     "31 characters; give it a shorter one", parent);
            return FU_ERR;
        }
        snprintf(sp, sizeof sp, "%s%s", nd->code, nd->nchildren ? ".0." : ".");
        int rc = stmt_codes(o, nd->stmts, nd->nstmts, sp);
        if (rc == FU_OK) rc = node_codes(o, nd->children, nd->nchildren, nd->code);
        if (rc != FU_OK) return rc;
    }
    return FU_OK;
}

struct coded { const char *code; size_t line; };

static void collect(const struct node *v, size_t n, struct coded *out, size_t *k,
                    const struct ost *o, size_t *ni, size_t *si)
{
    for (size_t i = 0; i < n; i++) {
        out[*k].code = v[i].code;
        out[(*k)++].line = o->node_at[(*ni)++];
        for (size_t j = 0; j < v[i].nstmts; j++) {
            out[*k].code = v[i].stmts[j].code;
            out[(*k)++].line = o->stmt_at[(*si)++];
        }
        collect(v[i].children, v[i].nchildren, out, k, o, ni, si);
    }
}

static int by_code(const void *x, const void *y)
{
    const struct coded *a = x, *b = y;
    int c = strcmp(a->code, b->code);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Two parts with one code would make references like R1:2.1 ambiguous. */
static int unique_codes(struct ost *o)
{
    size_t n = o->nnode_at + o->nstmt_at, k = 0, ni = 0, si = 0;
    struct coded *v = malloc((n + 1) * sizeof *v);
    int rc = FU_OK;
    if (!v) return oom(o);
    collect(o->d->nodes, o->d->nnodes, v, &k, o, &ni, &si);
    qsort(v, k, sizeof *v, by_code);
    for (size_t i = 1; i < k; i++)
        if (strcmp(v[i - 1].code, v[i].code) == 0) {
            snprintf(o->err, o->errlen, "line %zu: the code %s is on line %zu too; give one "
                     "another code, or none for the next free one", v[i].line, v[i].code,
                     v[i - 1].line);
            rc = FU_ERR;
            break;
        }
    free(v);
    return rc;
}

/* ---- what the outline does not say ---- */

struct tbuf { char *p; size_t n, cap; int oom; };

static void tb_add(struct tbuf *b, const char *s)
{
    size_t l = s ? strlen(s) : 0;
    if (!l || b->oom) return;
    if (b->n + l + 2 > b->cap) {
        size_t cap = (b->n + l + 2) * 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; return; }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, l);
    b->n += l;
    b->p[b->n++] = '\n';
    b->p[b->n] = 0;
}

static void tb_stmts(struct tbuf *b, const struct stmt *v, size_t n)
{
    for (size_t i = 0; i < n; i++) tb_add(b, v[i].text);
}

static void tb_nodes(struct tbuf *b, const struct node *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        tb_add(b, v[i].title);
        tb_stmts(b, v[i].stmts, v[i].nstmts);
        tb_add(b, v[i].marker);
        tb_nodes(b, v[i].children, v[i].nchildren);
    }
}

/* A statement's fields by the parser's rules; in traditional characters
 * they are found in a simplified copy (as parse_buffer does) and its
 * figures given back as written. */
static int fill_stmt(struct pctx *c, struct stmt *st, int hant)
{
    char *simp = NULL, *orig = st->text;
    struct hant_map m;
    int r;
    if (!hant || !orig || parse_hant_to_simp(orig, strlen(orig), &simp) <= 0)
        return parse_stmt_fill(c, st);
    memset(&m, 0, sizeof m);
    st->text = simp;
    r = parse_stmt_fill(c, st);
    st->text = orig;
    if (r == 0 && st->nmetrics) {
        char *copy = strdup(orig);                  /* the map owns it */
        r = copy && parse_hant_map_init(&m, copy, strlen(copy), simp) == 0 ? 0 : -1;
        for (size_t j = 0; j < st->nmetrics && r == 0; j++)
            r = parse_hant_restore_text(&m, &st->metrics[j].text);
        parse_hant_map_fini(&m);
    }
    free(simp);
    return r;
}

static int fill_stmts(struct pctx *c, struct stmt *v, size_t n, int hant)
{
    for (size_t i = 0; i < n; i++)
        if (fill_stmt(c, &v[i], hant) < 0) return -1;
    return 0;
}

static int title_depts(struct pctx *c, struct node *nd, int hant)
{
    char *simp = NULL;
    int r;
    if (!hant || parse_hant_to_simp(nd->title, strlen(nd->title), &simp) <= 0)
        return parse_dept_find(c, nd->title, 0, strlen(nd->title), &nd->depts, &nd->ndepts);
    r = parse_dept_find(c, simp, 0, strlen(simp), &nd->depts, &nd->ndepts);
    free(simp);
    return r;
}

static int fill_nodes(struct pctx *c, struct node *v, size_t n, int hant)
{
    for (size_t i = 0; i < n; i++) {
        struct node *nd = &v[i];
        if (title_depts(c, nd, hant) < 0 || fill_stmts(c, nd->stmts, nd->nstmts, hant) < 0 ||
            fill_nodes(c, nd->children, nd->nchildren, hant) < 0)
            return -1;
    }
    return 0;
}

/* Figures, departments and target dates by the parser's rules, with the
 * places the report names learned from its whole text as the parser does. */
static int fill(struct ost *o, const struct parse_opts *opts)
{
    struct pctx c;
    struct tbuf b = {0};
    struct doc *d = o->d;
    int r;
    memset(&c, 0, sizeof c);
    c.opts = opts;
    c.doc = d;
    tb_stmts(&b, d->intro, d->nintro);
    tb_nodes(&b, d->nodes, d->nnodes);
    tb_stmts(&b, d->closing, d->nclosing);
    int hant = !b.oom && b.p && parse_hant_detect(b.p, b.n);
    char *simp = NULL;
    if (hant && parse_hant_to_simp(b.p, b.n, &simp) > 0) {   /* the places, simplified */
        free(b.p);
        b.p = simp;
        b.n = strlen(simp);
    }
    c.body = b.p;
    c.blen = c.bend = b.n;
    r = b.oom || parse_lexicon_init(&c) < 0 || parse_lexicon_learn_places(&c) < 0 ||
        fill_stmts(&c, d->intro, d->nintro, hant) < 0 ||
        fill_nodes(&c, d->nodes, d->nnodes, hant) < 0 ||
        fill_stmts(&c, d->closing, d->nclosing, hant) < 0 ? -1 : 0;
    parse_lexicon_fini(&c);
    free(b.p);
    return r < 0 ? oom(o) : FU_OK;
}

int parse_outline(const char *buf, size_t len, const struct parse_opts *opts,
                  struct doc *out, char *err, size_t errlen)
{
    struct ost o;
    memset(out, 0, sizeof *out);
    memset(&o, 0, sizeof o);
    o.d = out;
    o.err = err;
    o.errlen = errlen;
    int rc = len > (opts && opts->max_bytes ? opts->max_bytes : PARSE_MAX_BYTES)
                 ? (snprintf(err, errlen, "the outline is too large (%zu bytes)", len), FU_ERR)
                 : read_lines(&o, buf ? buf : "", buf ? len : 0);
    if (rc == FU_OK && !o.content) {
        snprintf(err, errlen, "the outline is empty (only comments and blank lines)");
        rc = FU_NOTFOUND;
    } else if (rc == FU_OK && !out->nnodes) {
        snprintf(err, errlen, "the outline has no heading (* CODE TITLE): a report needs one "
                 "at least");
        rc = FU_ERR;
    }
    if (rc == FU_OK) rc = node_codes(&o, out->nodes, out->nnodes, "");
    if (rc == FU_OK) rc = stmt_codes(&o, out->intro, out->nintro, "I.");
    if (rc == FU_OK) rc = stmt_codes(&o, out->closing, out->nclosing, "C.");
    if (rc == FU_OK) rc = unique_codes(&o);
    if (rc == FU_OK) rc = fill(&o, opts);
    free(o.node_at);
    free(o.stmt_at);
    if (rc != FU_OK) doc_fini(out);
    return rc;
}
