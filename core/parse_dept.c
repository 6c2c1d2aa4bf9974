/* Departments: found by their shape (区/县/市/镇/省 …局/委/办/中心, maybe
 * after a place such as 上海市) or verbatim from the configured list; the
 * department an item names as its actor becomes its suggested owner, else
 * a [routing] keyword's department, else the report's lead department. */
#include "core/mem.h"
#include "core/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

/* Endings of a department's name; 委员会 and 办公室 are reached by
 * extending 委 and 办. */
static const char *const dept_ends[] = {
    "中心", "局", "委", "办", "室", "厅", "署", "院", "所", "处", "站", "队",
    "馆", NULL
};

/* Administrative levels a department's name starts with. */
static const char *const admin_starts[] = {"区", "县", "市", "镇", "省", NULL};

/* Characters before 区/市/县/镇/省 that make it part of another word
 * (社区, 全市, 城镇, 示范区 …), so no department starts there. */
static const char *const word_before[] = {
    "社", "园", "城", "地", "街", "景", "片", "辖", "全", "本", "我", "该",
    "各", "郊", "小", "校", "能", "范", "验", "都", "超", "股", "楼", "门",
    "乡", "集", "村", "外", "新", "边", "湾", "港", NULL
};

/* Words a level character starts that are no department (区域, 市场). */
static const char *const level_words[] = {
    "区域", "区块", "区间", "区分", "区别", "区内", "区级", "区属", "区外",
    "市场", "市民", "市级", "市域", "市属", "市内", "市外", "县域", "县级",
    "县属", "省级", "省内", "省外", "省属", "镇级", "镇域", NULL
};

/* An ending that is part of another word with the character before it
 * (布局, 举办) or after it (办理, 队伍) ends no department. */
static const char *const end_words_before[] = {
    "布局", "格局", "结局", "大局", "全局", "开局", "举办", "承办", "创办",
    "主办", "协办", "督办", "交办", "兴办", "包办", "合办", "申办", "代办",
    "帮办", "查办", "场所", "处所", "住所", "难处", "好处", "用处", "长处",
    "益处", "到处", "各处", "此处", "之处", "相处", "出处", "网站", "车站",
    "团队", "核心", "庭院", "寺院", "剧院", "医院", NULL
};
static const char *const end_words_after[] = {
    "局面", "局部", "局限", "办理", "办法", "办学", "办好", "办事", "办实",
    "办结", "办件", "室内", "院校", "院士", "所有", "所在", "所以", "所需",
    "所属", "所得", "所谓", "处理", "处置", "处于", "处在", "站点", "站位",
    "队伍", "委托", "馆藏", NULL
};

/* Function words that never stand inside a department's name. */
static const char *const not_inside[] = {
    "的", "了", "在", "与", "及", "将", "是", "对", "为", "把", "从",
    "被", "等", "或", "向", "于", "并", "已", "要", "也", "还", "就", "都",
    "又", "其", "各", "该", "每", "这", "那", "有", "无", "不", "责成", "会同",
    "要求", "牵头", "负责", "人民政府", NULL
};

/* Organs that are not departments: the congress, the party committee. */
static const char *const not_dept[] = {"人大", "党委", "常委", NULL};

/* Places that may stand before a department's level (上海市知识产权局). */
static const char *const known_places[] = {
    "上海市", "北京市", "天津市", "重庆市", NULL
};

static int contains(const char *s, size_t a, size_t b, const char *const *w)
{
    size_t i;
    for (i = a; i < b; i++)
        if (pu_at_any(s, b, i, w, NULL) >= 0) return 1;
    return 0;
}

/* Is the name s[a..b) not a department: the party committee (区委, 区委办,
 * 区委员会) or the government itself (县政府责成县生态环境局)? */
static int not_a_department(const char *s, size_t a, size_t b)
{
    size_t g = pu_find(s, a, b, "政府");
    /* the government itself is no department; its offices are (区政府办公室) */
    if (g != (size_t)-1 && b - (g + strlen("政府")) > 5 * 3) return 1;
    size_t l = strlen("区"), w = strlen("委");
    if (!pu_at(s, b, a + l, "委")) return 0;
    return b == a + l + w || pu_at(s, b, a + l + w, "办") || pu_at(s, b, a + l + w, "员");
}

/* Shape match of a department starting at s[i] (a level character):
 * its end, or 0. Shortest name: the first ending reached wins. */
static size_t shape_at(const char *s, size_t i, size_t b)
{
    size_t j = i, k, len;
    int chars = 0;
    if (pu_at_any(s, b, i, admin_starts, NULL) < 0) return 0;
    if (i > 0 && pu_at_any(s, b, pu_back(s, i), word_before, NULL) >= 0) return 0;
    if (pu_at_any(s, b, i, level_words, NULL) >= 0) return 0;
    while (j < b && chars < 12) {
        uint32_t cp = pu_cp(s, b, j, &k);
        if (!pu_is_cjk(cp)) return 0;
        if (j > i && pu_at_any(s, b, j, not_inside, NULL) >= 0) return 0;
        chars++;
        if (chars >= 2 && pu_at_any(s, b, j, dept_ends, &len) >= 0 && !pu_at(s, b, j, "中") &&
            pu_at_any(s, b, pu_back(s, j), end_words_before, NULL) < 0 &&
            pu_at_any(s, b, j, end_words_after, NULL) < 0) {
            size_t e = j + len;
            if (pu_at(s, b, j, "委") && pu_at(s, b, e, "员会")) e += strlen("员会");
            else if (pu_at(s, b, j, "办") && pu_at(s, b, e, "公室")) e += strlen("公室");
            if (contains(s, i, e, not_dept) || not_a_department(s, i, e)) return 0;
            return e;
        }
        if (chars >= 2 && pu_at(s, b, j, "中心")) {
            if (contains(s, i, j, not_dept)) return 0;
            return j + strlen("中心");
        }
        j += k;
    }
    return 0;
}

/* Does the place p end at s[e) with its level character? Start or 0. */
static size_t place_before(const char *s, size_t lo, size_t e, const char *p)
{
    size_t l = strlen(p);
    if (e >= lo + l && memcmp(s + e - l, p, l) == 0) return e - l;
    return (size_t)-1;
}

/* Places the report names about itself: 上海市, 静安区 and 上海市静安区
 * from 上海市静安区人民政府. Earliest start of one ending at s[e), or -1. */
static size_t learned_place(const struct pctx *c, const char *s, size_t lo, size_t e)
{
    const char *src[3];
    size_t i, best = (size_t)-1;
    src[0] = c->doc->meta.signed_by;
    src[1] = c->doc->meta.title;
    src[2] = c->doc->meta.issuer;
    for (i = 0; i < 3; i++) {
        const char *t = src[i];
        size_t n, p, k, starts[16], ns = 1, x;
        if (!t) continue;
        n = strlen(t);
        starts[0] = 0;
        for (p = 0; p < n && ns < 16; p += k) {
            pu_cp(t, n, p, &k);
            if (pu_at_any(t, n, p, admin_starts, NULL) < 0) continue;
            for (x = 0; x < ns; x++) {
                char buf[64];
                size_t l = p + k - starts[x], q;
                if (l > 24 || l < 9) continue;       /* 3 to 8 characters */
                memcpy(buf, t + starts[x], l);
                buf[l] = 0;
                q = place_before(s, lo, e, buf);
                if (q < best) best = q;
            }
            starts[ns++] = p + k;
        }
    }
    return best;
}

/* A department at s[i..b): its start (maybe before i, with a place) and
 * end, or 0 when none starts at i. */
static int dept_at(const struct pctx *c, const char *s, size_t a, size_t i, size_t b,
                   size_t *start, size_t *end)
{
    size_t e = shape_at(s, i, b), j, p, k;
    if (!e) return 0;
    *start = i;
    *end = e;
    pu_cp(s, b, i, &k);
    for (j = 0; known_places[j]; j++) {
        p = place_before(s, a, i + k, known_places[j]);
        if (p != (size_t)-1 && p < *start) *start = p;
    }
    p = learned_place(c, s, a, i + k);
    if (p != (size_t)-1 && p < *start) *start = p;
    return 1;
}

struct span { size_t a, b; };

/* Configured names and shape matches in s[a..b), in order, no overlaps. */
static int spans(const struct pctx *c, const char *s, size_t a, size_t b,
                 struct span **out, size_t *n)
{
    size_t i = a, cap = 0, k, j;
    const struct parse_opts *o = c->opts;
    *out = NULL;
    *n = 0;
    int book = 0;                   /* inside 《…》: a law's title, no names */
    while (i < b) {
        size_t st = 0, en = 0;
        if (pu_at(s, b, i, "《")) book++;
        else if (pu_at(s, b, i, "》") && book > 0) book--;
        if (book > 0) {
            pu_cp(s, b, i, &k);
            i += k;
            continue;
        }
        for (j = 0; o && o->departments && j < o->ndepartments; j++) {
            const char *d = o->departments[j];
            if (d && *d && d[0] == s[i] && pu_at(s, b, i, d) && i + strlen(d) > en) {
                st = i;
                en = i + strlen(d);
            }
        }
        if (!en && dept_at(c, s, a, i, b, &st, &en)) {
            if (*n > 0 && st < (*out)[*n - 1].b) st = i;    /* no overlaps */
        }
        if (en > i) {
            if (mem_grow((void **)out, *n, &cap, sizeof **out) < 0) return -1;
            (*out)[*n].a = st;
            (*out)[(*n)++].b = en;
            i = en;
            continue;
        }
        pu_cp(s, b, i, &k);
        i += k;
    }
    return 0;
}

int pd_find(struct pctx *c, const char *s, size_t a, size_t b, char ***v, size_t *n)
{
    struct span *sp;
    size_t ns, i, j;
    if (spans(c, s, a, b, &sp, &ns) < 0) return -1;
    for (i = 0; i < ns; i++) {
        size_t l = sp[i].b - sp[i].a;
        char **nv, *d;
        for (j = 0; j < *n; j++)
            if (strlen((*v)[j]) == l && memcmp((*v)[j], s + sp[i].a, l) == 0) break;
        if (j < *n) continue;
        d = pu_dup_trim(s, sp[i].a, sp[i].b);
        nv = d ? realloc(*v, (*n + 1) * sizeof *nv) : NULL;
        if (!nv) { free(d); free(sp); return -1; }
        *v = nv;
        nv[(*n)++] = d;
    }
    free(sp);
    return 0;
}

/* What may stand right before a department that acts (besides a clause
 * start) and what may not follow one. */
static const char *const actor_before[] = {"由", "请", "责成", "并由", NULL};
static const char *const not_after[] = {
    "的", "、", "和", "与", "及", "等", "或", "为", "在", NULL
};

static int clause_starts_at(const char *s, size_t a, size_t i)
{
    size_t k;
    uint32_t cp;
    while (i > a) {
        size_t p = pu_back(s, i);
        cp = pu_cp(s, i, p, &k);
        if (!pu_is_space(cp)) break;
        i = p;
    }
    if (i <= a) return 1;
    cp = pu_cp(s, i, pu_back(s, i), &k);
    if (cp == ',' || cp == 0xFF0C || cp == '\n' || pu_is_term(cp) ||
        pu_is_colon(cp) || cp == 0x3002)
        return 1;
    {
        size_t j;
        for (j = 0; actor_before[j]; j++) {
            size_t l = strlen(actor_before[j]);
            if (i >= a + l && memcmp(s + i - l, actor_before[j], l) == 0) return 1;
        }
    }
    return 0;
}

char *pd_actor(struct pctx *c, const char *s, size_t a, size_t b)
{
    struct span *sp;
    size_t ns, i, k;
    char *res = NULL;
    if (spans(c, s, a, b, &sp, &ns) < 0) return NULL;
    for (i = 0; i < ns && !res; i++) {
        size_t e = sp[i].b;
        if (!clause_starts_at(s, a, sp[i].a) || e >= b) continue;
        if (!pu_is_cjk(pu_cp(s, b, e, &k)) || pu_at_any(s, b, e, not_after, NULL) >= 0)
            continue;
        res = pu_dup_trim(s, sp[i].a, e);
    }
    free(sp);
    return res;
}

/* 要求X会同 / 由X牵头 / X牵头 / 责成X */
static const char *const lead_before[] = {"要求", "责成", "由", NULL};
static const char *const lead_after[] = {"会同", "牵头", "负责", NULL};

char *pd_lead(struct pctx *c, const char *s, size_t a, size_t b)
{
    struct span *sp;
    size_t ns, i, j;
    char *res = NULL;
    if (spans(c, s, a, b, &sp, &ns) < 0) return NULL;
    for (i = 0; i < ns && !res; i++) {
        int hit = pu_at_any(s, b, sp[i].b, lead_after, NULL) >= 0;
        for (j = 0; lead_before[j] && !hit; j++) {
            size_t l = strlen(lead_before[j]);
            hit = sp[i].a >= a + l && memcmp(s + sp[i].a - l, lead_before[j], l) == 0;
        }
        if (hit) res = pu_dup_trim(s, sp[i].a, sp[i].b);
    }
    free(sp);
    return res;
}

/* The department a node names as its actor, in its title, then its
 * statements in order. NULL when none (or out of memory: *oom set). */
static char *node_actor(struct pctx *c, const struct node *n)
{
    char *o = pd_actor(c, n->title, 0, strlen(n->title));
    size_t i;
    for (i = 0; !o && i < n->nstmts; i++)
        o = pd_actor(c, n->stmts[i].text, 0, strlen(n->stmts[i].text));
    return o;
}

static const char *routed(const struct pctx *c, const struct node *n)
{
    const struct parse_opts *o = c->opts;
    size_t r, i;
    if (!o || !o->routes) return NULL;
    for (r = 0; r < o->nroutes; r++) {
        const char *kw = o->routes[r].keyword;
        if (!kw || !*kw || !o->routes[r].dept) continue;
        if (strstr(n->title, kw)) return o->routes[r].dept;
        for (i = 0; i < n->nstmts; i++)
            if (strstr(n->stmts[i].text, kw)) return o->routes[r].dept;
    }
    return NULL;
}

/* Copies the marker fields n lacks from its nearest marked ancestor. */
static int inherit_marks(struct node *n, const struct node *anc)
{
    size_t i;
    if (anc->owner_src == OWNER_MARKER && n->owner_src != OWNER_MARKER) {
        free(n->owner);
        if (!(n->owner = pu_dup(anc->owner))) return -1;
        n->owner_src = OWNER_MARKER;
    }
    if (!n->nsupport && anc->nsupport) {
        if (!(n->support = calloc(anc->nsupport, sizeof *n->support))) return -1;
        for (i = 0; i < anc->nsupport; i++) {
            if (!(n->support[i] = pu_dup(anc->support[i]))) return -1;
            n->nsupport++;
        }
    }
    if (!n->due[0]) memcpy(n->due, anc->due, sizeof n->due);
    return 0;
}

/* Depth is bounded by the parser (at most five levels). A marker's fields
 * (the node's own or an ancestor's) beat every guess; else the actor, a
 * routing rule, the report's lead. anc: the nearest node with a marker. */
static int owners_of(struct pctx *c, struct node *n, const struct node *anc)
{
    size_t i;
    if (anc && inherit_marks(n, anc) < 0) return -1;
    if (n->marker || n->owner_src == OWNER_MARKER) anc = n;
    if (n->owner_src != OWNER_MARKER) {
        n->owner = node_actor(c, n);
        if (n->owner) n->owner_src = OWNER_ACTOR;
    }
    if (!n->owner && n->nchildren == 0) {
        const char *d = routed(c, n);
        enum owner_src src = OWNER_ROUTING;
        if (!d) { d = c->doc->meta.lead_department; src = OWNER_REPORT; }
        if (d && !(n->owner = pu_dup(d))) return -1;
        if (d) n->owner_src = src;
    }
    for (i = 0; i < n->nchildren; i++)
        if (owners_of(c, &n->children[i], anc) < 0) return -1;
    return 0;
}

int pd_owners(struct pctx *c)
{
    size_t i;
    for (i = 0; i < c->doc->nnodes; i++) {
        if (owners_of(c, &c->doc->nodes[i], NULL) < 0) {
            snprintf(c->err, c->errlen, "out of memory suggesting owners");
            return FU_ERR;
        }
    }
    return FU_OK;
}
