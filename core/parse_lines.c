/* The report's frame: input lines cleaned of web-page leftovers, lines cut
 * by a hard wrap joined again, the metadata block and title at the top,
 * the signature at the bottom and the addressee at the start of the body. */
#include "core/mem.h"
#include "core/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

/* ---- web-page leftovers ---- */

/* A line that starts with one of these is page furniture, not report. */
static const char *const leftover_line[] = {
    "当前位置", "您当前的位置", "您当前位置", "您的位置", "当前的位置",
    "扫一扫", "分享到", "打印本页", "关闭窗口", "【字体", "字体：", "字体:",
    "【字号", "字号：", "字号:", "【打印", "【关闭", "[打印", "[关闭",
    "浏览次数", "访问次数", "阅读次数", "点击数", "上一篇", "下一篇",
    "返回顶部", "相关链接", "责任编辑", "网站地图", "（此件", "(此件",
    "【大 中 小】", "【 大 中 小 】", "[大 中 小]", NULL
};

/* Pieces of page furniture that may stand inside a line. */
static const char *const leftover_piece[] = {
    "【字体：大 中 小】", "【字体:大 中 小】", "【字号：大 中 小】",
    "【字号:大 中 小】", "【大 中 小】", "[大 中 小]", "【打印本页】",
    "【关闭窗口】", "[打印本页]", "[关闭窗口]", "【打印】", "【关闭】",
    "[打印]", "[关闭]", "打印本页", "关闭窗口", "扫一扫在手机打开当前页",
    NULL
};

/* Removes leftover pieces from s in place. */
static void strip_pieces(char *s)
{
    size_t n = strlen(s), i = 0, len, k;
    for (k = 0; leftover_piece[k] && !strstr(s, leftover_piece[k]); k++)
        ;
    if (!leftover_piece[k]) return;         /* the usual case: none at all */
    while (i < n) {
        if (pu_at_any(s, n, i, leftover_piece, &len) >= 0) {
            memmove(s + i, s + i + len, n - i - len + 1);
            n -= len;
        } else {
            i++;
        }
    }
}

static int is_leftover_line(const char *s)
{
    size_t n = strlen(s), i, k;
    if (pu_at_any(s, n, 0, leftover_line, NULL) >= 0) return 1;
    for (i = 0; i < n; i += k) {            /* only separators left */
        uint32_t cp = pu_cp(s, n, i, &k);
        if (!pu_is_space(cp) && cp != '|' && cp != 0x4E28 && cp != 0xFF5C &&
            cp != '-' && cp != '>')
            return 0;
    }
    return 1;
}

/* ---- lines ---- */

static int push_line(struct pctx *c, size_t *cap, const char *s, size_t n)
{
    size_t a = 0, b = n, k;
    int indent = 0;
    struct pline *l;
    char *t;

    while (a < n) {
        uint32_t cp = pu_cp(s, n, a, &k);
        if (!pu_is_space(cp)) break;
        indent += cp == '\t' ? 4 : (cp == 0x3000 ? 2 : 1);
        a += k;
    }
    t = pu_dup_trim(s, a, b);
    if (!t) return -1;
    strip_pieces(t);
    if (is_leftover_line(t)) { free(t); return 0; }
    if (mem_grow((void **)&c->lines, c->nlines, cap, sizeof *c->lines) < 0) {
        free(t);
        return -1;
    }
    l = &c->lines[c->nlines++];
    l->text = t;
    l->indent = indent;
    l->width = pu_width(s, n);
    if (a < n) {
        size_t a2 = 0, b2 = n;
        pu_trim(s, &a2, &b2);
        l->width = indent + pu_width(s + a2, b2 - a2);
    }
    {   /* the cleaned text is trimmed again after removing pieces */
        size_t x = 0, y = strlen(t);
        pu_trim(t, &x, &y);
        memmove(t, t + x, y - x);
        t[y - x] = 0;
    }
    return 0;
}

/* ---- what kind of line ---- */

enum mfield { MF_NONE, MF_TITLE, MF_ISSUER, MF_ISSUER_WEAK, MF_PUBLISHED,
              MF_SIGNED_ON_WEAK, MF_DOCNO };

/* Metadata keys of the block above a report (as government web sites and
 * policy databases print it) and the field each fills. */
static const struct { const char *key; enum mfield f; } meta_keys[] = {
    {"发布部门", MF_ISSUER}, {"发布机构", MF_ISSUER}, {"发文机关", MF_ISSUER},
    {"发文单位", MF_ISSUER}, {"发布单位", MF_ISSUER}, {"来源", MF_ISSUER_WEAK},
    {"信息来源", MF_ISSUER_WEAK}, {"发布时间", MF_PUBLISHED},
    {"发布日期", MF_PUBLISHED}, {"公开日期", MF_PUBLISHED},
    {"成文日期", MF_SIGNED_ON_WEAK}, {"文号", MF_DOCNO}, {"政策文号", MF_DOCNO},
    {"发文字号", MF_DOCNO}, {"文件编号", MF_DOCNO}, {"标题", MF_TITLE},
    {"有效性", MF_NONE}, {"索引号", MF_NONE}, {"主题分类", MF_NONE},
    {"公开方式", MF_NONE}, {"公开范围", MF_NONE}, {"体裁分类", MF_NONE},
    {"时效", MF_NONE}, {"生效日期", MF_NONE}, {"关键词", MF_NONE},
    {"主题词", MF_NONE}, {"信息分类", MF_NONE}, {"效力状态", MF_NONE},
    {"有效期", MF_NONE}, {"所属主题", MF_NONE}, {"组配分类", MF_NONE},
    {"信息名称", MF_TITLE}, {"公开属性", MF_NONE}, {"分类", MF_NONE},
};
#define NMETA_KEYS (sizeof meta_keys / sizeof meta_keys[0])

/* A metadata key followed by a colon at s[i..n): key index, and *vstart
 * where its value begins; -1 when none. */
static int meta_key_at(const char *s, size_t n, size_t i, size_t *vstart)
{
    size_t j, k;
    for (j = 0; j < NMETA_KEYS; j++) {
        size_t p = i + strlen(meta_keys[j].key);
        if (!pu_at(s, n, i, meta_keys[j].key)) continue;
        while (p < n && pu_is_space(pu_cp(s, n, p, &k))) p += k;
        if (p < n && pu_is_colon(pu_cp(s, n, p, &k))) {
            *vstart = p + k;
            return (int)j;
        }
    }
    return -1;
}

static int is_meta_line(const char *s)
{
    size_t v;
    return meta_key_at(s, strlen(s), 0, &v) >= 0;
}

/* Category words a policy database prints on a line of their own. */
static const char *const categories[] = {
    "政策", "政策文件", "文件", "通知", "通知公告", "公告", "其他", "其它",
    "规划", "规划计划", "计划总结", "工作动态", "政务公开", "人大工作",
    "法规文件", "政府文件", "部门文件", "政策解读", "审计公告", "公示公告",
    "工作报告", "报告", "意见", NULL
};

/* Words a title's second line ends with (a title wrapped by the page). */
static const char *const title_ends[] = {
    "报告", "意见", "通报", "情况", "方案", "决定", "通知", "的函", "说明",
    "汇报", "总结", NULL
};

static int ends_with_any(const char *s, const char *const *lits)
{
    size_t n = strlen(s), j;
    for (j = 0; lits[j]; j++) {
        size_t l = strlen(lits[j]);
        if (n >= l && memcmp(s + n - l, lits[j], l) == 0) return 1;
    }
    return 0;
}

static int in_list(const char *s, const char *const *lits)
{
    size_t j;
    for (j = 0; lits[j]; j++)
        if (strcmp(s, lits[j]) == 0) return 1;
    return 0;
}

static int has_punct(const char *s)
{
    size_t n = strlen(s), i, k;
    for (i = 0; i < n; i += k) {
        uint32_t cp = pu_cp(s, n, i, &k);
        if (pu_is_punct(cp) || pu_is_space(cp)) return 1;
    }
    return 0;
}

static int cjk_count(const char *s)
{
    size_t n = strlen(s), i, k;
    int c = 0;
    for (i = 0; i < n; i += k)
        if (pu_is_cjk(pu_cp(s, n, i, &k))) c++;
    return c;
}

/* A lone category word: listed, or up to four Han characters that are
 * not the end of a wrapped title. */
static int is_category(const char *s)
{
    if (in_list(s, categories)) return 1;
    return !has_punct(s) && cjk_count(s) <= 4 && (int)strlen(s) == cjk_count(s) * 3 &&
           !ends_with_any(s, title_ends);
}

/* Organ-name suffixes for addressees and signers. */
static const char *const organ_ends[] = {
    "局", "委", "办", "府", "会", "院", "所", "室", "部", "处", "组", "站",
    "队", "馆", "厅", "中心", "单位", "街道", "镇", "乡", "公司", "委员",
    "同志", "同志们", "代表", NULL
};

int pl_is_organ(const char *s, size_t a, size_t b)
{
    size_t i, k;
    int chars = 0;
    struct marker m;
    pu_trim(s, &a, &b);
    if (b <= a || ps_marker_at(s, b, a, &m)) return 0;
    for (i = a; i < b; i += k) {
        uint32_t cp = pu_cp(s, b, i, &k);
        if (pu_digit(cp) >= 0 || pu_is_term(cp) || pu_is_colon(cp) ||
            cp == ',' || cp == 0xFF0C || cp == 0x3002 || cp == '.' || cp == 0x300A)
            return 0;
        chars++;
    }
    if (chars < 2 || chars > 40) return 0;
    for (i = 0; organ_ends[i]; i++) {
        size_t l = strlen(organ_ends[i]);
        if (b - a >= l && memcmp(s + b - l, organ_ends[i], l) == 0) return 1;
    }
    return 0;
}

/* Bytes of an "ORGAN:" prefix at the start of s (addressee), or 0. */
static size_t addressee_len(const char *s, size_t n)
{
    size_t i, k;
    int chars = 0;
    for (i = 0; i < n && chars <= 41; i += k, chars++) {
        uint32_t cp = pu_cp(s, n, i, &k);
        if (pu_is_colon(cp)) return pl_is_organ(s, 0, i) ? i + k : 0;
        if (pu_is_term(cp) || cp == 0x3002) return 0;
    }
    return 0;
}

/* ---- hard wraps ---- */

/* The width lines were cut at, or 0 when the text is not hard-wrapped:
 * the widest band of three columns that most long lines (16 columns and
 * more) fall in, with hardly any line wider. */
#define WRAP_MAX 400
static int wrap_width(const struct pline *l, size_t n)
{
    size_t hist[WRAP_MAX + 2] = {0}, i, nlong = 0, best_band = 0, longer;
    int w, best = 0;
    for (i = 0; i < n; i++) {
        if (l[i].width < 16) continue;
        hist[l[i].width > WRAP_MAX ? WRAP_MAX + 1 : l[i].width]++;
        nlong++;
    }
    if (nlong < 3) return 0;
    longer = nlong;
    for (w = 16; w <= WRAP_MAX; w++) {
        size_t band = 0;
        int x;
        longer -= hist[w];                  /* lines wider than w */
        for (x = w - 3; x <= w; x++) band += hist[x];
        if (longer * 10 > nlong || hist[w] == 0) continue;
        if (band >= best_band) { best_band = band; best = w; }
    }
    if (best_band < 3 || best_band * 10 < nlong * 4) return 0;
    return best;
}

static int ends_sentence(const char *s)
{
    size_t n = strlen(s), p, k;
    uint32_t cp;
    if (!n) return 1;
    p = pu_back(s, n);
    cp = pu_cp(s, n, p, &k);
    while (pu_is_closer(cp) && p > 0) {
        uint32_t before;
        size_t q = pu_back(s, p);
        before = pu_cp(s, n, q, &k);
        if (!pu_is_term(before) && before != 0x3002) break;
        cp = before;
        p = q;
    }
    return pu_is_term(cp) || pu_is_colon(cp);
}

/* May line b continue line a that the wrap cut? */
static int continues(const struct pline *a, const struct pline *b, int last_indent)
{
    struct marker m;
    size_t n = strlen(b->text), k;
    if (b->indent >= 2 && b->indent > last_indent) return 0;
    if (ps_marker_at(b->text, n, 0, &m)) return 0;
    if (is_meta_line(b->text) || in_list(b->text, categories)) return 0;
    if (addressee_len(b->text, n)) return 0;
    if (ends_sentence(a->text)) {
        /* only a closing quote or bracket carried over to the next line */
        return n > 0 && pu_is_closer(pu_cp(b->text, n, 0, &k));
    }
    return 1;
}

/* Appends line b's text to the growing text *t (length *len, room *cap). */
static int append(char **t, size_t *len, size_t *cap, const char *b)
{
    size_t lb = strlen(b);
    if (*len + lb + 1 > *cap) {
        size_t nc = (*len + lb + 1) * 2;
        char *nt = realloc(*t, nc);
        if (!nt) return -1;
        *t = nt;
        *cap = nc;
    }
    memcpy(*t + *len, b, lb + 1);
    *len += lb;
    return 0;
}

static int join_wrapped(struct pctx *c)
{
    int w = wrap_width(c->lines, c->nlines);
    size_t i, o = 0;
    if (!w) return 0;
    for (i = 0; i < c->nlines; i++) {
        struct pline *cur = &c->lines[i];
        int last_width = cur->width, last_indent = cur->indent;
        size_t len = strlen(cur->text), cap = len + 1;
        while (i + 1 < c->nlines && last_width >= w - 3 &&
               continues(cur, &c->lines[i + 1], last_indent)) {
            struct pline *nx = &c->lines[i + 1];
            if (append(&cur->text, &len, &cap, nx->text) < 0) return -1;
            free(nx->text);
            nx->text = NULL;
            last_width = nx->width;
            last_indent = nx->indent;
            i++;
        }
        c->lines[o++] = *cur;
    }
    c->nlines = o;
    return 0;
}

int pl_split(struct pctx *c, const char *text, size_t len)
{
    size_t i = 0, cap = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (push_line(c, &cap, text + i, e - i) < 0) goto oom;
        i = e + 1;
    }
    /* empty lines carry no meaning once paragraphs are lines */
    {
        size_t o = 0;
        for (i = 0; i < c->nlines; i++) {
            if (c->lines[i].text[0]) c->lines[o++] = c->lines[i];
            else free(c->lines[i].text);
        }
        c->nlines = o;
    }
    if (join_wrapped(c) < 0) goto oom;
    return FU_OK;
oom:
    snprintf(c->err, c->errlen, "out of memory reading the report");
    return FU_ERR;
}

/* ---- metadata block ---- */

static int set_field(char **f, const char *s, size_t a, size_t b, int weak)
{
    char *v;
    if (*f && weak) return 0;
    v = pu_dup_trim(s, a, b);
    if (!v) return -1;
    if (!*v) { free(v); return 0; }
    free(*f);
    *f = v;
    return 0;
}

static int set_date(char **f, const char *s, size_t a, size_t b, int weak)
{
    char iso[11];
    size_t used;
    pu_trim(s, &a, &b);
    if ((*f && weak) || !pu_date(s, b, a, &used, iso)) return 0;
    free(*f);
    *f = pu_dup(iso);
    return *f ? 0 : -1;
}

/* Applies every "KEY:VALUE" on a metadata line. */
static int apply_meta(struct pctx *c, const char *s)
{
    struct doc_meta *m = &c->doc->meta;
    size_t n = strlen(s), i = 0, v, k;
    int key = meta_key_at(s, n, 0, &v), r = 0;
    while (key >= 0 && r == 0) {
        int next = -1;
        size_t e = v, nv = 0;
        for (i = v; i < n; i += k) {
            uint32_t cp = pu_cp(s, n, i, &k);
            if (pu_is_space(cp) && (next = meta_key_at(s, n, i + k, &nv)) >= 0) break;
        }
        e = i;
        switch (meta_keys[key].f) {
        case MF_TITLE: r = set_field(&m->title, s, v, e, 0); break;
        case MF_ISSUER: r = set_field(&m->issuer, s, v, e, 0); break;
        case MF_ISSUER_WEAK: r = set_field(&m->issuer, s, v, e, 1); break;
        case MF_DOCNO: r = set_field(&m->doc_no, s, v, e, 0); break;
        case MF_PUBLISHED: r = set_date(&m->published, s, v, e, 0); break;
        case MF_SIGNED_ON_WEAK: r = set_date(&m->signed_on, s, v, e, 1); break;
        default: break;
        }
        key = next;
        v = nv;
    }
    return r;
}

/* A line that is only a date, maybe in brackets: "（2024年2月18日）". */
static int date_only(const char *s, char iso[11])
{
    size_t n = strlen(s), a = 0, b = n, k, used;
    if (a < b && (pu_cp(s, n, a, &k) == 0xFF08 || s[a] == '(')) a += k;
    if (b > a) {
        size_t p = pu_back(s, b);
        uint32_t cp = pu_cp(s, n, p, &k);
        if (cp == 0xFF09 || cp == ')') b = p;
    }
    pu_trim(s, &a, &b);
    return pu_date(s, b, a, &used, iso) && a + used == b;
}

/* Could this first line be the body rather than a title? */
static int looks_like_body(const char *s)
{
    size_t n = strlen(s), i, k;
    struct marker m;
    if (addressee_len(s, n) || ps_marker_at(s, n, 0, &m)) return 1;
    for (i = 0; i < n; i += k) {
        uint32_t cp = pu_cp(s, n, i, &k);
        if (cp == 0x3002) return 1;
    }
    return ends_sentence(s);
}

/* Consumes the block above the body; returns the first body line. */
static size_t read_header(struct pctx *c, int *rc)
{
    struct doc_meta *m = &c->doc->meta;
    size_t i;
    char iso[11];
    *rc = 0;
    for (i = 0; i < c->nlines && *rc == 0; i++) {
        const char *s = c->lines[i].text;
        if (is_meta_line(s)) { *rc = apply_meta(c, s); continue; }
        if (date_only(s, iso)) continue;
        if (!m->title) {
            if (looks_like_body(s)) break;
            if (in_list(s, categories)) continue;
            m->title = pu_dup(s);
            if (!m->title) *rc = -1;
            continue;
        }
        if (!looks_like_body(s) && !has_punct(s) && ends_with_any(s, title_ends) &&
            cjk_count(s) <= 12 && i > 0 && strcmp(c->lines[i - 1].text, m->title) == 0) {
            size_t la = strlen(m->title), lb = strlen(s);
            char *t = realloc(m->title, la + lb + 1);
            if (!t) { *rc = -1; break; }
            memcpy(t + la, s, lb + 1);
            m->title = t;
            continue;
        }
        if (is_category(s)) continue;
        break;
    }
    return i;
}

/* ---- signature and body ---- */

/* Start of a date that ends s (trailing space ignored), or (size_t)-1. */
static size_t trailing_date(const char *s, char iso[11])
{
    size_t n = strlen(s), a = 0, b = n, i, used;
    pu_trim(s, &a, &b);
    i = b;
    while (i > a && b - i < 64) {
        i = pu_back(s, i);
        if (pu_date(s, b, i, &used, iso) && i + used == b) return i;
    }
    return (size_t)-1;
}

/* Where the organ's name before position d0 of s starts: after the last
 * sentence end, or at the line start. */
static size_t organ_start(const char *s, size_t d0)
{
    size_t i = d0, k;
    while (i > 0) {
        size_t p = pu_back(s, i);
        uint32_t cp = pu_cp(s, d0, p, &k);
        if (pu_is_term(cp) || pu_is_closer(cp) || pu_is_colon(cp)) break;
        i = p;
    }
    return i;
}

static int set_str(char **f, const char *s, size_t a, size_t b)
{
    free(*f);
    *f = pu_dup_trim(s, a, b);
    return *f ? 0 : -1;
}

/* Takes the signature off the end of lines[first..*end). */
static int read_signature(struct pctx *c, size_t first, size_t *end)
{
    struct doc_meta *m = &c->doc->meta;
    char iso[11], *s;
    size_t d0, o;

    if (*end <= first) return 0;
    s = c->lines[*end - 1].text;
    if (date_only(s, iso)) {
        if (set_str(&m->signed_on, iso, 0, strlen(iso)) < 0) return -1;
        (*end)--;
        if (*end > first && pl_is_organ(c->lines[*end - 1].text, 0,
                                        strlen(c->lines[*end - 1].text))) {
            s = c->lines[*end - 1].text;
            if (set_str(&m->signed_by, s, 0, strlen(s)) < 0) return -1;
            (*end)--;
        }
        return 0;
    }
    d0 = trailing_date(s, iso);
    if (d0 != (size_t)-1) {
        o = organ_start(s, d0);
        if (o < d0 && !pl_is_organ(s, o, d0)) return 0;
        if (o == d0 && o == 0) return 0;
        if (set_str(&m->signed_on, iso, 0, strlen(iso)) < 0) return -1;
        if (o < d0 && set_str(&m->signed_by, s, o, d0) < 0) return -1;
        s[o] = 0;
        if (!s[0]) (*end)--;
        return 0;
    }
    if (*end - first > 1 && pl_is_organ(s, 0, strlen(s))) {
        if (set_str(&m->signed_by, s, 0, strlen(s)) < 0) return -1;
        (*end)--;
    }
    return 0;
}

static int build_body(struct pctx *c, size_t first, size_t end)
{
    size_t i, total = 1, o = 0;
    for (i = first; i < end; i++) total += strlen(c->lines[i].text) + 1;
    c->body = malloc(total);
    if (!c->body) return -1;
    for (i = first; i < end; i++) {
        size_t l = strlen(c->lines[i].text);
        if (o) c->body[o++] = '\n';
        memcpy(c->body + o, c->lines[i].text, l);
        o += l;
    }
    c->body[o] = 0;
    c->blen = o;
    c->bstart = 0;
    c->bend = o;
    return 0;
}

static int read_addressee(struct pctx *c)
{
    size_t len = addressee_len(c->body, c->blen), k;
    if (!len) return 0;
    if (set_str(&c->doc->meta.addressee, c->body, 0, pu_back(c->body, len)) < 0) return -1;
    c->bstart = len;
    while (c->bstart < c->blen) {
        uint32_t cp = pu_cp(c->body, c->blen, c->bstart, &k);
        if (!pu_is_space(cp) && cp != '\n') break;
        c->bstart += k;
    }
    return 0;
}

int pl_frame(struct pctx *c)
{
    int rc;
    size_t first = read_header(c, &rc), end = c->nlines;
    if (rc == 0) rc = read_signature(c, first, &end);
    if (rc == 0) rc = build_body(c, first, end);
    if (rc == 0) rc = read_addressee(c);
    if (rc < 0) {
        snprintf(c->err, c->errlen, "out of memory reading the report");
        return FU_ERR;
    }
    return FU_OK;
}
