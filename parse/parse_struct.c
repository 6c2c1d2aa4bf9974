/* The report's structure: heading markers (一、 (一) 1. (1)), inline
 * enumerations (一是……二是……), the introduction before the first
 * heading and the closing paragraph after the last one, built into the
 * doc's tree of nodes with their statements.
 *
 * Rules (DESIGN.md "The report's structure"):
 * - A marker at a line start counts when well formed. In the middle of a
 *   line it counts only at a sentence boundary (after 。；;！？!?：: ) and
 *   only as the expected next number of its kind, or 1 opening its kind.
 *   An arabic marker is never followed by a digit (11.5亿元).
 * - The kinds present are ranked 一、 > (一) > 1. > (1); the first present
 *   is depth 0. An enumeration 一是……二是…… is the level below the
 *   heading it stands in; 一是 counts only when 二是 follows, at a
 *   sentence boundary or glued to its heading's title. Before the first
 *   heading (the introduction) enumerations stay text; a report with no
 *   headings uses its enumeration as the top level.
 * - The closing starts at the first sentence after the last heading (and
 *   at least one of its sentences) that speaks for the whole government. */
#include "util/mem.h"
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

#define NO_POS ((size_t)-1)

static int is_open_paren(uint32_t cp) { return cp == '(' || cp == 0xFF08; }
static int is_close_paren(uint32_t cp) { return cp == ')' || cp == 0xFF09; }

int parse_struct_marker_at(const char *s, size_t n, size_t i, struct marker *m)
{
    size_t k, u, j;
    uint32_t cp;
    int v;

    if (i >= n) return 0;
    memset(m, 0, sizeof *m);
    m->pos = i;
    cp = scan_cp(s, n, i, &k);
    if (is_open_paren(cp)) {
        j = i + k;
        v = scan_cn_number(s, n, j, &u);
        m->kind = MK_K2;
        if (v < 0) { v = scan_ar_number(s, n, j, &u); m->kind = MK_K4; }
        if (v <= 0 || v > 99 || j + u >= n) return 0;
        j += u;
        if (!is_close_paren(scan_cp(s, n, j, &k))) return 0;
        m->num = v;
        m->end = j + k;
        return 1;
    }
    v = scan_cn_number(s, n, i, &u);
    if (v > 0) {
        j = i + u;
        if (scan_at(s, n, j, "、")) { m->kind = MK_K1; m->end = j + strlen("、"); }
        else if (scan_at(s, n, j, "是")) { m->kind = MK_ENUM; m->end = j + strlen("是"); }
        else return 0;
        m->num = v;
        return 1;
    }
    v = scan_ar_number(s, n, i, &u);
    if (v <= 0 || v > 99) return 0;
    j = i + u;
    if (j >= n) return 0;
    cp = scan_cp(s, n, j, &k);
    if (cp != '.' && cp != 0xFF0E && cp != 0x3001) return 0;
    if (j + k < n && scan_digit(scan_cp(s, n, j + k, &u)) >= 0) return 0;
    m->kind = MK_K3;
    m->num = v;
    m->end = j + k;
    return 1;
}

enum bnd { B_MID, B_SENT, B_LINE };

/* What precedes position i of the body: a line start, a sentence end or
 * the middle of a sentence. */
static enum bnd boundary(const struct pctx *c, size_t i)
{
    const char *s = c->body;
    size_t j = i, k;
    uint32_t cp;
    int spaced = 0;
    while (j > c->bstart) {
        size_t p = scan_back(s, j);
        cp = scan_cp(s, c->blen, p, &k);
        if (!scan_is_space(cp)) break;
        j = p;
        spaced = 1;
    }
    if (j <= c->bstart) return B_LINE;
    j = scan_back(s, j);
    cp = scan_cp(s, c->blen, j, &k);
    if (cp == '\n') return B_LINE;
    if (scan_is_closer(cp) && j > c->bstart) {
        size_t p = scan_back(s, j);
        uint32_t before = scan_cp(s, c->blen, p, &k);
        if (scan_is_term(before) || before == 0x3002) return B_SENT;
    }
    /* numbering run together on one line: 一、重点督办事项 1.加快推进…… */
    return scan_is_term(cp) || scan_is_colon(cp) || (spaced && cp != '\n') ? B_SENT : B_MID;
}

struct mlist { struct marker *v; size_t n, cap; };

static int mpush(struct mlist *l, const struct marker *m)
{
    if (mem_grow((void **)&l->v, l->n, &l->cap, sizeof *l->v) < 0) return -1;
    l->v[l->n++] = *m;
    return 0;
}

/* Units and magnitudes after a figure: 11.5亿元 is a figure, 11.121人才
 * is item 11 titled 121人才…. */
static const char *const figure_units[] = {
    "亿", "万", "千", "百", "元", "%", "％", "倍", "米", "吨", "亩", "公里", "平方", NULL
};

/* An item number followed by a title that starts with digits (7.123科技
 * 攻关工程): at a line's start, as the expected next number. */
static int digit_title_marker(const struct pctx *c, size_t i, int want, struct marker *m)
{
    const char *s = c->body;
    size_t n = c->bend, u, j, k;
    int v = scan_ar_number(s, n, i, &u);
    if (v != want || boundary(c, i) != B_LINE) return 0;
    j = i + u;
    if (j >= n || (s[j] != '.' && !scan_at(s, n, j, "．"))) return 0;
    j += s[j] == '.' ? 1 : strlen("．");
    k = j;
    while (k < n && scan_digit(scan_cp(s, n, k, &u)) >= 0) k += u;
    if (k == j || k >= n || !scan_is_cjk(scan_cp(s, n, k, &u)) ||
        scan_at_any(s, n, k, figure_units, NULL) >= 0)
        return 0;
    memset(m, 0, sizeof *m);
    m->pos = i;
    m->end = j;
    m->kind = MK_K3;
    m->num = v;
    return 1;
}

/* Heading markers (not enumerations) in the body; enumeration candidates
 * go to *en with their boundary in .depth. */
static int find_headings(struct pctx *c, struct mlist *hd, struct mlist *en)
{
    int counter[MK_NKINDS] = {0};
    size_t i = c->bstart, k;
    while (i < c->bend) {
        struct marker m;
        enum bnd b;
        int kk;
        if (!parse_struct_marker_at(c->body, c->bend, i, &m) &&
            !digit_title_marker(c, i, counter[MK_K3] + 1, &m)) {
            scan_cp(c->body, c->bend, i, &k);
            i += k;
            continue;
        }
        b = boundary(c, i);
        if (m.kind == MK_ENUM) {
            m.depth = (int)b;
            if (mpush(en, &m) < 0) return -1;
            i = m.end;
            continue;
        }
        if (b == B_MID || (b == B_SENT && m.num != counter[m.kind] + 1)) {
            scan_cp(c->body, c->bend, i, &k);
            i += k;
            continue;
        }
        if (mpush(hd, &m) < 0) return -1;
        counter[m.kind] = m.num;
        for (kk = m.kind + 1; kk < MK_NKINDS; kk++) counter[kk] = 0;
        i = m.end;
    }
    return 0;
}

/* Is there a sentence end or line end in body[a..b)? (A title longer
 * than 400 bytes counts as broken.) */
static int has_break(const struct pctx *c, size_t a, size_t b)
{
    size_t i, k;
    if (b - a > 400) return 1;
    for (i = a; i < b; i += k) {
        uint32_t cp = scan_cp(c->body, b, i, &k);
        if (cp == '\n' || scan_is_term(cp) || scan_is_colon(cp)) return 1;
    }
    return 0;
}

/* Accepts enumeration sequences among candidates en[lo..hi) that lie in
 * body[a..b); a is where the heading's title starts (NO_POS for none). */
static int accept_enums(const struct pctx *c, const struct mlist *en, size_t a,
                        size_t b, size_t head, struct mlist *out)
{
    size_t i, j;
    for (i = 0; i < en->n; i++) {
        const struct marker *one = &en->v[i];
        size_t last, want;
        if (one->pos < a || one->pos >= b || one->num != 1) continue;
        if (one->depth == B_MID &&
            (head == NO_POS || has_break(c, head, one->pos)))
            continue;
        for (j = i + 1; j < en->n && en->v[j].pos < b; j++)
            if (en->v[j].num == 2 && en->v[j].depth != B_MID) break;
        if (j >= en->n || en->v[j].pos >= b) break;   /* no 二是 left in the region */
        if (mpush(out, one) < 0) return -1;
        want = 2;
        last = i;
        /* the sequence goes on while its next number turns up among the
         * next few candidates (nested lists are skipped, not searched far) */
        for (j = i + 1; j < en->n && en->v[j].pos < b && j - last <= 64; j++) {
            if (en->v[j].num != (int)want || en->v[j].depth == B_MID) continue;
            if (mpush(out, &en->v[j]) < 0) return -1;
            want++;
            last = j;
        }
        i = last;
    }
    return 0;
}

static int cmp_marker(const void *x, const void *y)
{
    const struct marker *a = x, *b = y;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* All markers of the tree, headings and accepted enumerations, in order. */
static int find_markers(struct pctx *c, struct mlist *all)
{
    struct mlist hd = {0}, en = {0};
    size_t r;
    int rc = find_headings(c, &hd, &en);
    for (r = 0; rc == 0 && r < hd.n; r++) rc = mpush(all, &hd.v[r]);
    if (rc == 0 && hd.n == 0)
        rc = accept_enums(c, &en, c->bstart, c->bend, NO_POS, all);
    for (r = 0; rc == 0 && r < hd.n; r++) {
        size_t b = r + 1 < hd.n ? hd.v[r + 1].pos : c->bend;
        rc = accept_enums(c, &en, hd.v[r].end, b, hd.v[r].end, all);
    }
    free(hd.v);
    free(en.v);
    if (rc == 0 && all->n > 1) qsort(all->v, all->n, sizeof *all->v, cmp_marker);
    return rc;
}

/* ---- closing ---- */

/* Openers of a closing paragraph that speaks for the whole government,
 * anywhere a sentence starts; the weak ones only at a paragraph start. */
static const char *const closing_strong[] = {
    "区政府将", "市政府将", "县政府将", "镇政府将", "省政府将", "乡政府将",
    "区人民政府将", "市人民政府将", "县人民政府将", "镇人民政府将",
    "省人民政府将", "我们将", "特此报告", "专此报告", "以上报告", "特此通报",
    "特此说明", NULL
};
static const char *const closing_weak[] = {
    "下一步", "今后", "下阶段", "下一阶段", "接下来", "各单位要", "各部门要",
    "各街道", "各有关单位", "各有关部门", NULL
};

static size_t skip_space(const struct pctx *c, size_t i)
{
    size_t k;
    while (i < c->bend) {
        uint32_t cp = scan_cp(c->body, c->bend, i, &k);
        if (!scan_is_space(cp) && cp != '\n') break;
        i += k;
    }
    return i;
}

/* The closing's start, or bend. After a heading (not an enumeration) one
 * sentence is left to it: "三、下一步工作打算 区政府将……" is its text. */
static size_t find_closing(const struct pctx *c, const struct marker *last)
{
    size_t next, i;
    parse_stmt_title_end(c->body, last->end, c->bend, &next);
    i = skip_space(c, next);
    if (last->kind != MK_ENUM && !c->doc->paragraphs) i = parse_stmt_next_sentence(c->body, i, c->bend);
    while (i < c->bend) {
        i = skip_space(c, i);
        if (i >= c->bend) break;
        if (scan_at_any(c->body, c->bend, i, closing_strong, NULL) >= 0) return i;
        if (boundary(c, i) == B_LINE &&
            scan_at_any(c->body, c->bend, i, closing_weak, NULL) >= 0)
            return i;
        i = parse_stmt_next_sentence(c->body, i, c->bend);
    }
    return c->bend;
}

/* ---- the tree ---- */

struct flat {
    int parent;             /* index in the flat list, -1 for the top */
    int depth;              /* rank depth from the marker kinds */
    int num;                /* the marker's number */
    size_t a, b;            /* own text: body[a..b) */
    int inline_;            /* the marker stands inside a line (…。三是…) */
    struct node *node;      /* where it is built */
    size_t nkids, filled;
    int last_num;           /* the last child's number, for codes */
};

static void rank_kinds(const struct mlist *all, int rank[MK_NKINDS])
{
    int present[MK_NKINDS] = {0}, k, d = 0;
    size_t i;
    for (i = 0; i < all->n; i++) present[all->v[i].kind] = 1;
    for (k = 0; k < MK_ENUM; k++) rank[k] = present[k] ? d++ : 0;
    rank[MK_ENUM] = 0;
}

/* Flat list: depth and parent of every marker, own text spans. */
static void flatten(const char *body, const struct mlist *all, size_t closing, struct flat *f)
{
    int rank[MK_NKINDS], stack[MK_NKINDS + 2], top = 0, kdepth = -1;
    size_t i;
    rank_kinds(all, rank);
    for (i = 0; i < all->n; i++) {
        const struct marker *m = &all->v[i];
        int d = m->kind == MK_ENUM ? kdepth + 1 : rank[m->kind];
        if (m->kind != MK_ENUM) kdepth = d;
        while (top > 0 && f[stack[top - 1]].depth >= d) top--;
        f[i].parent = top > 0 ? stack[top - 1] : -1;
        f[i].depth = d;
        f[i].num = m->num;
        f[i].a = m->end;
        f[i].inline_ = m->kind == MK_ENUM && m->pos > 0 && body[m->pos - 1] != '\n';
        f[i].b = i + 1 < all->n ? all->v[i + 1].pos : closing;
        if (f[i].b < f[i].a) f[i].b = f[i].a;
        if (top < MK_NKINDS + 2) stack[top++] = (int)i;
    }
}

/* dst (32 bytes) = "prefix.num"; a code too long for it is cut (never
 * happens with five levels of two-digit numbers). */
static void code_join(char dst[32], const char *prefix, size_t num)
{
    char tmp[96];
    size_t l;
    if (prefix) snprintf(tmp, sizeof tmp, "%.60s.%zu", prefix, num);
    else snprintf(tmp, sizeof tmp, "%zu", num);
    l = strlen(tmp);
    if (l > 31) l = 31;
    memcpy(dst, tmp, l);
    dst[l] = 0;
}

static void set_codes(struct stmt *v, size_t n, const char *prefix)
{
    size_t i;
    for (i = 0; i < n; i++) code_join(v[i].code, prefix, i + 1);
}

/* A run-in numbered paragraph (一、各责任单位要高度重视，切实加强领导。…):
 * its first sentence ends with 。 or ； and the paragraph goes on, so the
 * title is the first clause, up to the first comma, and the rest of the
 * sentence is the node's first statement. A heading or list item that is
 * its line's only sentence keeps it whole. */
/* A first clause that opens with these says how or why, not what: the
 * title is then the whole sentence. */
static const char *const adverbial_starts[] = {
    "按照", "根据", "依据", "依照", "遵照", "对照", "围绕", "为了", "通过", "结合", "针对",
    "立足", "随着", "鉴于", "根據", "依據", "圍繞", "為了", "通過", "結合", "針對", NULL
};

/* Does the first clause of s[a..e) demand something of someone (各责任单位
 * 要高度重视，…): a paragraph of requirements, not a heading, even alone
 * on its line. */
static int first_clause_demands(const char *s, size_t a, size_t e)
{
    size_t i, k;
    for (i = a; i < e; i += k) {
        uint32_t cp = scan_cp(s, e, i, &k);
        if (cp == 0xFF0C || cp == ',') return 0;
        if (i > a && (scan_at(s, e, i, "要") || scan_at(s, e, i, "应当") || scan_at(s, e, i, "务必")))
            return 1;
    }
    return 0;
}

static void run_in_title(const char *s, size_t a, size_t b, size_t end, int inline_,
                         size_t *te, size_t *next)
{
    size_t i, k, words = 0;
    uint32_t cp;
    int demand = 0;
    if (*te >= b) return;
    cp = scan_cp(s, b, *te, &k);
    if (!scan_is_term(cp)) return;               /* a line or a colon ends a heading */
    if (scan_at_any(s, *te, a, adverbial_starts, NULL) >= 0) return;   /* 按照…部署,… */
    demand = first_clause_demands(s, a, *te);
    for (i = *next; !inline_ && !demand && i < end; i += k) {  /* the paragraph goes */
        cp = scan_cp(s, end, i, &k);                  /* on (maybe with 二是…) */
        if (cp == '\n') return;
        if (scan_is_wordish(cp)) break;
    }
    if (!inline_ && !demand && i >= end) return;
    for (i = a; i < *te; i += k) {
        cp = scan_cp(s, *te, i, &k);
        if ((cp == 0xFF0C || cp == ',') && words >= 2) {
            *te = i;
            *next = i + k;
            return;
        }
        words += scan_is_wordish(cp) ? 1 : 0;
    }
}

/* Fills one node from its flat entry: code, title, statements. */
static int fill_node(struct pctx *c, struct flat *f, size_t i, int *last_top)
{
    struct flat *me = &f[i];
    struct node *n = me->node;
    int *last = me->parent >= 0 ? &f[me->parent].last_num : last_top;
    int num = me->num > *last ? me->num : *last + 1;
    size_t next, te = parse_stmt_title_end(c->body, me->a, me->b, &next);
    char prefix[40];

    *last = num;
    if (me->parent >= 0) {
        const struct node *p = f[me->parent].node;
        code_join(n->code, p->code, (size_t)num);
        n->depth = p->depth + 1;
    } else {
        code_join(n->code, NULL, (size_t)num);
        n->depth = 0;
    }
    {   /* a comma left where a marker was taken out ends no title */
        size_t x = me->a, y = te, k;
        scan_trim(c->body, &x, &y);
        while (y > x) {
            uint32_t cp = scan_cp(c->body, y, scan_back(c->body, y), &k);
            if (cp != 0xFF0C && cp != ',' && cp != 0x3001) break;
            y = scan_back(c->body, y);
        }
        te = y;
    }
    if (!c->doc->paragraphs) run_in_title(c->body, me->a, me->b, c->bend, me->inline_, &te, &next);
    n->title = scan_dup_trim(c->body, me->a, te);
    if (!n->title) return -1;
    if (parse_dept_find(c, c->body, me->a, te, &n->depts, &n->ndepts) < 0) return -1;
    if (parse_stmt_split(c, next, me->b, &n->stmts, &n->nstmts) < 0) return -1;
    snprintf(prefix, sizeof prefix, me->nkids ? "%s.0" : "%s", n->code);
    set_codes(n->stmts, n->nstmts, prefix);
    return 0;
}

/* Gives each responsibility marker to the node it stood in: the one whose
 * own text (after its heading marker, up to the next) holds it; markers
 * before the first heading or in the closing stay with the doc. */
static int attach_marks(struct pctx *c, const struct mlist *all, const struct flat *f,
                        size_t closing)
{
    size_t i, j = 0;
    for (i = 0; i < c->nmarks; i++) {
        size_t at = c->marks[i].at;
        int r;
        while (j + 1 < all->n && all->v[j + 1].pos < at) j++;
        if (all->n == 0 || at <= all->v[0].pos || at > closing)
            r = parse_marker_attach_text(&c->doc->marker, &c->marks[i]);
        else
            r = parse_marker_attach(f[j].node, &c->marks[i]);
        if (r < 0) return -1;
    }
    return 0;
}

static int build_tree(struct pctx *c, const struct mlist *all, size_t closing)
{
    struct flat *f = calloc(all->n, sizeof *f);
    size_t i, ntop = 0, filled_top = 0;
    int last_top = 0, rc = 0;

    if (!f) return -1;
    flatten(c->body, all, closing, f);
    for (i = 0; i < all->n; i++) {
        if (f[i].parent >= 0) f[f[i].parent].nkids++;
        else ntop++;
    }
    c->doc->nodes = calloc(ntop ? ntop : 1, sizeof *c->doc->nodes);
    if (!c->doc->nodes) { free(f); return -1; }
    c->doc->nnodes = ntop;
    for (i = 0; i < all->n && rc == 0; i++) {
        struct flat *p = f[i].parent >= 0 ? &f[f[i].parent] : NULL;
        f[i].node = p ? &p->node->children[p->filled++] : &c->doc->nodes[filled_top++];
        if (f[i].nkids) {
            f[i].node->children = calloc(f[i].nkids, sizeof *f[i].node->children);
            if (!f[i].node->children) { rc = -1; break; }
            f[i].node->nchildren = f[i].nkids;
        }
        rc = fill_node(c, f, i, &last_top);
    }
    if (rc == 0) rc = attach_marks(c, all, f, closing);
    free(f);
    return rc;
}

/* Words of a report on follow-up work: its handling, rectification,
 * audit, inspection or implementation. */
static const char *const follow_up_words[] = {
    "办理", "整改", "审计", "督查", "督办", "巡察", "巡视", "落实", "提案", "建议", NULL
};

static int follow_up_report(const struct pctx *c)
{
    size_t i;
    const char *t = c->doc->meta.title;
    for (i = 0; follow_up_words[i]; i++)
        if ((t && strstr(t, follow_up_words[i])) ||
            scan_find(c->body, c->bstart, c->bend, follow_up_words[i]) != (size_t)-1)
            return 1;
    return 0;
}

static int has_sentence(const char *s, size_t a, size_t b);

/* How many paragraphs of the body have a sentence. */
static int sentence_paragraphs(const struct pctx *c)
{
    size_t i = c->bstart;
    int n = 0;
    while (i < c->bend) {
        const char *nl = memchr(c->body + i, '\n', c->bend - i);
        size_t e = nl ? (size_t)(nl - c->body) : c->bend;
        n += has_sentence(c->body, i, e);
        i = e + 1;
    }
    return n;
}

/* Has s[a..b) a sentence in it (a full stop, ！ or ？)? */
static int has_sentence(const char *s, size_t a, size_t b)
{
    size_t i, k;
    for (i = a; i < b; i += k) {
        uint32_t cp = scan_cp(s, b, i, &k);
        if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) return 1;
    }
    return 0;
}

/* A report without numbered headings (督查通报, 情况通报 written as
 * paragraphs): every paragraph that commits to something starts an item
 * (with every set: every paragraph with a sentence), numbered in order; paragraphs before the first one are the introduction
 * and those after one belong to it. */
static int paragraph_markers(struct pctx *c, struct mlist *all, int every)
{
    size_t i = c->bstart;
    int num = 0;
    while (i < c->bend) {
        const char *nl = memchr(c->body + i, '\n', c->bend - i);
        size_t e = nl ? (size_t)(nl - c->body) : c->bend, a = i, b = e;
        scan_trim(c->body, &a, &b);
        if (b > a && (every ? has_sentence(c->body, a, b)
                            : parse_stmt_commits(c->body, a, b))) {
            struct marker m;
            memset(&m, 0, sizeof m);
            m.pos = m.end = a;
            m.kind = MK_K1;
            m.num = ++num;
            if (mpush(all, &m) < 0) return -1;
        }
        i = e + 1;
    }
    return 0;
}

int parse_struct_build(struct pctx *c)
{
    struct mlist all = {0};
    struct doc *d = c->doc;
    size_t closing;
    int rc;

    if (parse_marker_extract(c) != FU_OK) return FU_ERR;
    rc = find_markers(c, &all);

    if (rc == 0 && all.n == 0) {
        rc = paragraph_markers(c, &all, 0);
        d->paragraphs = 1;
    }
    /* No paragraph commits, but the text reports on follow-up work and is
     * a document (a title, an addressee, a speech's speaker, or at least
     * two paragraphs)
     * (建议办理情况, an audit's findings, 整改进展): the committee follows it
     * up all the same, so each paragraph is an item, not the file refused. */
    if (rc == 0 && all.n == 0 && follow_up_report(c) &&
        (d->meta.title || d->meta.addressee || c->speaker_org[0] || sentence_paragraphs(c) >= 2)) {
        rc = paragraph_markers(c, &all, 1);
        d->paragraphs = 2;
    }
    if (rc == 0 && all.n == 0) {
        snprintf(c->err, c->errlen, "no numbered headings (一、 (一) 1. 一是) and no "
                 "sentence that commits to anything; is this a commitment report?");
        free(all.v);
        return FU_ERR;
    }
    if (rc == 0) {
        closing = find_closing(c, &all.v[all.n - 1]);
        rc = build_tree(c, &all, closing);
        if (rc == 0) rc = parse_stmt_split(c, c->bstart, all.v[0].pos, &d->intro, &d->nintro);
        if (rc == 0) rc = parse_stmt_split(c, closing, c->bend, &d->closing, &d->nclosing);
        if (rc == 0) {
            set_codes(d->intro, d->nintro, "I");
            set_codes(d->closing, d->nclosing, "C");
        }
    }
    free(all.v);
    if (rc < 0) {
        snprintf(c->err, c->errlen, "out of memory parsing the report");
        return FU_ERR;
    }
    return FU_OK;
}
