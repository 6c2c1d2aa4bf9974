/* Responsibility markers: 牵头单位/责任单位/配合单位/协办单位/责任领导/完成时限
 * in brackets at the end of an item or inside it (（牵头单位：市民政局；配合
 *单位：市财政局、各区；完成时限：2025年6月底前）), on a line of their own, or
 * after a sentence; and the role form （市发展改革委牵头，市财政局配合）.
 * They are fields of the item (lead, supporting departments, due), not
 * statements: parse_marker_extract takes them out of the body before the structure is
 * read, remembering where each stood, and parse_marker_attach gives each to the item
 * it stood in. */
#include "util/mem.h"
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "core/calendar.h"

enum fkind { F_LEAD, F_RESP, F_SUPPORT, F_LEADER, F_DUE };

/* Keys, longer before their prefixes; each must be followed by a colon. */
static const struct { const char *key; enum fkind f; } keys[] = {
    {"牵头责任单位", F_LEAD}, {"牵头单位", F_LEAD}, {"牵头部门", F_LEAD},
    {"牵头处室", F_LEAD}, {"主责单位", F_LEAD}, {"主责部门", F_LEAD},
    {"牵头领导", F_LEADER}, {"牵头市领导", F_LEADER}, {"责任领导", F_LEADER},
    {"分管领导", F_LEADER}, {"责任人", F_LEADER}, {"牵头", F_LEAD},
    {"责任单位", F_RESP}, {"责任部门", F_RESP}, {"责任主体", F_RESP},
    {"承办单位", F_RESP}, {"主办单位", F_RESP}, {"实施单位", F_RESP},
    {"配合单位", F_SUPPORT}, {"配合部门", F_SUPPORT}, {"协办单位", F_SUPPORT},
    {"参与单位", F_SUPPORT}, {"协同单位", F_SUPPORT}, {"协助单位", F_SUPPORT},
    {"会办单位", F_SUPPORT}, {"协办部门", F_SUPPORT}, {"参与部门", F_SUPPORT},
    {"完成时限", F_DUE}, {"完成时间", F_DUE}, {"完成期限", F_DUE},
    {"时间节点", F_DUE}, {"办结时限", F_DUE}, {"时限要求", F_DUE},
    {"时限", F_DUE},
};
#define NKEYS (sizeof keys / sizeof keys[0])

/* A key and its colon at s[i..n): the key's index, *vstart past the colon. */
static int key_at(const char *s, size_t n, size_t i, size_t *vstart)
{
    size_t j, k;
    for (j = 0; j < NKEYS; j++) {
        size_t p = i + strlen(keys[j].key);
        if (!scan_at(s, n, i, keys[j].key)) continue;
        while (p < n && scan_is_space(scan_cp(s, n, p, &k))) p += k;
        if (p < n && scan_is_colon(scan_cp(s, n, p, &k))) {
            *vstart = p + k;
            return (int)j;
        }
    }
    return -1;
}

/* ( （ 【 [ 〔 〖 ［ and their closers */
static int is_open(uint32_t cp)
{
    return cp == '(' || cp == 0xFF08 || cp == 0x3010 || cp == '[' || cp == 0x3014 ||
           cp == 0x3016 || cp == 0xFF3B;
}
static int is_close(uint32_t cp)
{
    return cp == ')' || cp == 0xFF09 || cp == 0x3011 || cp == ']' || cp == 0x3015 ||
           cp == 0x3017 || cp == 0xFF3D;
}

/* The end of the bracket opened at s[i] (past its closer), or 0 when it
 * does not close within 600 bytes. */
static size_t bracket_end(const char *s, size_t i, size_t n)
{
    size_t j = i, k;
    int depth = 0;
    while (j < n && j - i < 600) {
        uint32_t cp = scan_cp(s, n, j, &k);
        if (is_open(cp)) depth++;
        else if (is_close(cp) && --depth == 0) return j + k;
        j += k;
    }
    return 0;
}

/* ---- field values ---- */

/* Names that are no owner at all. */
static const char *const generic[] = {
    "相关部门", "有关部门", "相关单位", "有关单位", "各相关部门", "各有关部门",
    "各相关单位", "各有关单位", "其他相关部门", "其他有关部门", "相关责任单位",
    "有关责任单位", "其他成员单位", "各成员单位", "成员单位", NULL
};
/* Tails that are no part of a name (市财政局等, 各区按职责分工负责). */
static const char *const tails[] = {
    "按职责分工负责", "按职责分工落实", "按职责负责", "分工负责", "分别负责",
    "共同负责", "负责", "等相关部门", "等有关部门", "等相关单位", "等有关单位",
    "等部门", "等单位", "等", NULL
};

/* Levels that follow 各区、 as part of one place (各区、县（市）). */
static const char *const bare_levels[] = {
    "县（市）", "县(市)", "县（市、区）", "县(市、区)", "县级市", "县", "区", "市", "乡镇", "镇",
    "乡", "街道", "街镇", NULL
};

/* 各区、县（市）: a bare level after a name that starts with 各 joins it.
 * 1 when s[a..b) was appended to the last name, -1 out of memory. */
int parse_marker_join_level(char ***v, size_t *n, const char *s, size_t a, size_t b)
{
    size_t j, la;
    char *t;
    if (!*n || strncmp((*v)[*n - 1], "各", strlen("各")) != 0) return 0;
    for (j = 0; bare_levels[j]; j++)
        if (strlen(bare_levels[j]) == b - a && memcmp(bare_levels[j], s + a, b - a) == 0) break;
    if (!bare_levels[j]) return 0;
    la = strlen((*v)[*n - 1]);
    t = realloc((*v)[*n - 1], la + strlen("、") + (b - a) + 1);
    if (!t) return -1;
    memcpy(t + la, "、", strlen("、"));
    memcpy(t + la + strlen("、"), s + a, b - a);
    t[la + strlen("、") + (b - a)] = 0;
    (*v)[*n - 1] = t;
    return 1;
}

static int push_name(char ***v, size_t *n, const char *s, size_t a, size_t b)
{
    size_t j, len, k;
    char *d;
    int r;
    scan_trim(s, &a, &b);
    while (a < b && (scan_at(s, b, a, "由") || scan_at(s, b, a, "和") || scan_at(s, b, a, "与")))
        a += strlen("由");
    for (j = 0; tails[j]; j++) {
        len = strlen(tails[j]);
        if (b - a > len && memcmp(s + b - len, tails[j], len) == 0) { b -= len; j = (size_t)-1; }
    }
    while (a < b) {                      /* separators and end punctuation left over */
        size_t p = scan_back(s, b);
        uint32_t cp = scan_cp(s, b, p, &k);
        if (!scan_is_punct(cp) && !scan_is_space(cp)) break;
        if (is_close(cp)) break;
        b = p;
    }
    scan_trim(s, &a, &b);
    if (b <= a || b - a > 120) return 0;
    if ((r = parse_marker_join_level(v, n, s, a, b)) != 0) return r < 0 ? -1 : 0;
    for (j = 0; generic[j]; j++)
        if (strlen(generic[j]) == b - a && memcmp(generic[j], s + a, b - a) == 0) return 0;
    for (j = 0; j < *n; j++)
        if (strlen((*v)[j]) == b - a && memcmp((*v)[j], s + a, b - a) == 0) return 0;
    d = scan_dup_trim(s, a, b);
    if (!d) return -1;
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) { free(d); return -1; }
    *v = nv;
    nv[(*n)++] = d;
    return 0;
}

/* Splits a list of departments in s[a..b) on 、，,/ and 及 (not inside
 * brackets: 各区、县（市） stays whole) into *v. */
static int split_names(const char *s, size_t a, size_t b, char ***v, size_t *n)
{
    size_t i = a, start = a, k;
    int depth = 0;
    while (i < b) {
        uint32_t cp = scan_cp(s, b, i, &k);
        size_t sep = 0;
        if (is_open(cp)) depth++;
        else if (is_close(cp) && depth > 0) depth--;
        else if (depth == 0 && (cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == '/' ||
                                cp == 0xFF0F || cp == ' ' || cp == 0x3000 || cp == '\n'))
            sep = k;
        else if (depth == 0 && scan_at(s, b, i, "以及")) sep = strlen("以及");
        else if (depth == 0 && scan_at(s, b, i, "及") && i > start) sep = k;
        if (sep) {
            if (push_name(v, n, s, start, i) < 0) return -1;
            start = i + sep;
            i += sep;
            continue;
        }
        i += k;
    }
    return push_name(v, n, s, start, b);
}

/* ---- due dates ---- */

static const char *const ongoing_words[] = {
    "长期坚持", "长期", "持续推进", "持续开展", "持续", "常态化", "长效", "每年",
    "每季度", "每月", "经常性", NULL
};

/* Year, month, day of s[i..b): 2025年6月底前, 2025年底, 6月底前 (year y0),
 * 年内, 2025年上半年, 2025年第三季度. Writes iso and returns 1, else 0. */
static int due_at(const char *s, size_t i, size_t b, int y0, char iso[11])
{
    size_t u, j = i;
    int y = scan_ar_number(s, b, j, &u), m = 0, d = 0;
    if (y >= 2000 && y <= 2100 && u == 4 && scan_at(s, b, j + u, "年")) {
        j += u + strlen("年");
    } else if (scan_at(s, b, j, "年底") || scan_at(s, b, j, "年内") || scan_at(s, b, j, "年末") ||
               scan_at(s, b, j, "本年")) {
        if (y0 <= 0) return 0;
        cal_iso(iso, y0, 12, 31);
        return 1;
    } else {
        y = y0;
        if (y <= 0) return 0;
    }
    if ((m = scan_ar_number(s, b, j, &u)) < 1 || m > 12) m = scan_cn_number(s, b, j, &u);
    if (m >= 1 && m <= 12 && scan_at(s, b, j + u, "月")) {
        j += u + strlen("月");
        if ((d = scan_ar_number(s, b, j, &u)) >= 1 && d <= cal_days_in_month(y, m) &&
            (scan_at(s, b, j + u, "日") || scan_at(s, b, j + u, "号"))) {
            cal_iso(iso, y, m, d);
            return 1;
        }
        cal_iso(iso, y, m, scan_at(s, b, j, "中旬") ? 20 : scan_at(s, b, j, "上旬") ? 10
                                                                    : cal_days_in_month(y, m));
        return 1;
    }
    if (j == i) return 0;                       /* a month was required without a year */
    if (scan_at(s, b, j, "上半年")) { cal_iso(iso, y, 6, 30); return 1; }
    if (scan_at(s, b, j, "第一季度") || scan_at(s, b, j, "一季度")) { cal_iso(iso, y, 3, 31); return 1; }
    if (scan_at(s, b, j, "第二季度") || scan_at(s, b, j, "二季度")) { cal_iso(iso, y, 6, 30); return 1; }
    if (scan_at(s, b, j, "第三季度") || scan_at(s, b, j, "三季度")) { cal_iso(iso, y, 9, 30); return 1; }
    cal_iso(iso, y, 12, 31);                     /* 2025年底, 2025年, 下半年, 第四季度 */
    return 1;
}

/* The due of a 完成时限 value: the first date (the last of a range such as
 * 2024年至2025年), else "ongoing" for 长期坚持 and its kin, else "". */
static void parse_due(const char *s, size_t a, size_t b, int y0, char due[11])
{
    size_t i, k, len;
    due[0] = 0;
    for (i = a; i < b; i += k) {
        uint32_t prev = i > a ? scan_cp(s, b, scan_back(s, i), &k) : 0;
        scan_cp(s, b, i, &k);
        if (scan_digit(prev) >= 0) continue;
        if (due_at(s, i, b, y0, due)) {
            size_t j = i;
            while (j < b && j - i < 40) {      /* a range: 2024年至2025年, 2024—2025年 */
                size_t kk;
                scan_cp(s, b, j, &kk);
                if (scan_at(s, b, j, "至") || scan_at(s, b, j, "到") || scan_at(s, b, j, "—") ||
                    scan_at(s, b, j, "－") || s[j] == '-') {
                    size_t q = j + kk;
                    while (q < b && (scan_at(s, b, q, "—") || s[q] == '-')) q += scan_at(s, b, q, "—") ? strlen("—") : 1;
                    if (due_at(s, q, b, y0, due)) break;
                }
                if (scan_is_term(scan_cp(s, b, j, &kk)) || scan_at(s, b, j, "，")) break;
                j += kk;
            }
            return;
        }
    }
    for (i = a; i < b; i += k) {
        scan_cp(s, b, i, &k);
        if (scan_at_any(s, b, i, ongoing_words, &len) >= 0) {
            memcpy(due, "ongoing", 8);
            return;
        }
    }
}

/* ---- one marker ---- */

static void mark_free(struct pmark *m)
{
    size_t i;
    free(m->text);
    free(m->lead);
    for (i = 0; i < m->nsupport; i++) free(m->support[i]);
    free(m->support);
    for (i = 0; i < m->nresp; i++) free(m->resp[i]);
    free(m->resp);
}

void parse_marker_fini(struct pctx *c)
{
    size_t i;
    for (i = 0; i < c->nmarks; i++) mark_free(&c->marks[i]);
    free(c->marks);
    c->marks = NULL;
    c->nmarks = 0;
}

/* Does a field separator stand before s[i] (so that a key may start)? */
static int field_start(const char *s, size_t a, size_t i)
{
    size_t k;
    uint32_t cp;
    if (i <= a) return 1;
    cp = scan_cp(s, i, scan_back(s, i), &k);
    return cp == '\n' || scan_is_space(cp) || scan_is_term(cp) || cp == 0xFF0C || cp == ',' ||
           is_open(cp) || cp == 0x3002;
}

/* Reads the KEY：VALUE fields of s[a..b) into m. */
static int keyed_fields(const char *s, size_t a, size_t b, int y0, struct pmark *m)
{
    size_t i = a, v, k;
    int key = key_at(s, b, a, &v);
    while (key >= 0) {
        size_t e = b, nv = 0;
        int next = -1;
        for (i = v; i < b; i += k) {
            scan_cp(s, b, i, &k);
            if (field_start(s, v, i) && (next = key_at(s, b, i, &nv)) >= 0) break;
        }
        e = i;
        switch (keys[key].f) {
        case F_LEAD:
            if (!m->lead) {
                char **tmp = NULL;
                size_t nt = 0, j;
                if (split_names(s, v, e, &tmp, &nt) < 0) return -1;
                for (j = 0; j < nt; j++) {
                    if (!m->lead) { m->lead = tmp[j]; continue; }
                    if (push_name(&m->support, &m->nsupport, tmp[j], 0, strlen(tmp[j])) < 0) {
                        for (; j < nt; j++) free(tmp[j]);
                        free(tmp);
                        return -1;
                    }
                    free(tmp[j]);
                }
                free(tmp);
            }
            break;
        case F_RESP:
            if (split_names(s, v, e, &m->resp, &m->nresp) < 0) return -1;
            break;
        case F_SUPPORT:
            if (split_names(s, v, e, &m->support, &m->nsupport) < 0) return -1;
            break;
        case F_DUE:
            if (!m->due[0]) parse_due(s, v, e, y0, m->due);
            break;
        default:
            break;
        }
        key = next;
        v = nv;
    }
    return 0;
}

/* Role words of the form （市发展改革委牵头，市财政局配合）. */
static const char *const lead_roles[] = {"牵头负责", "牵头", NULL};
static const char *const resp_roles[] = {
    "按职责分工负责", "按职责分工落实", "按职责负责", "分工负责", "共同负责", "分别负责",
    "负责", NULL
};
static const char *const support_roles[] = {"配合", "参与", "协同", "协助", "协办", NULL};

static int ends_with_role(const char *s, size_t a, size_t b, const char *const *roles,
                          size_t *cut)
{
    size_t j;
    for (j = 0; roles[j]; j++) {
        size_t l = strlen(roles[j]);
        if (b - a > l && memcmp(s + b - l, roles[j], l) == 0) { *cut = b - l; return 1; }
    }
    return 0;
}

/* A segment of a role bracket: CJK names, 、 and inner brackets only. */
static int names_only(const char *s, size_t a, size_t b)
{
    size_t i, k;
    int chars = 0;
    for (i = a; i < b; i += k) {
        uint32_t cp = scan_cp(s, b, i, &k);
        if (!scan_is_cjk(cp) && cp != 0x3001 && !is_open(cp) && !is_close(cp)) return 0;
        chars++;
    }
    return chars >= 2 && chars <= 80;
}

/* The role form in s[a..b): every segment (split on ，,；;) is names with a
 * role word, or a due (2025年底前完成, 长期坚持); at least one lead or 负责. */
static int role_fields(const char *s, size_t a, size_t b, int y0, struct pmark *m)
{
    size_t i = a, start = a, k;
    int roles = 0, depth = 0;
    while (start < b) {
        size_t e, cut, x, y;
        while (i < b) {
            uint32_t cp = scan_cp(s, b, i, &k);
            if (is_open(cp)) depth++;
            else if (is_close(cp) && depth > 0) depth--;
            else if (depth == 0 && (cp == 0xFF0C || cp == ',' || scan_is_term(cp))) break;
            i += k;
        }
        e = i;
        x = start;
        y = e;
        scan_trim(s, &x, &y);
        if (y > x && ends_with_role(s, x, y, lead_roles, &cut) && names_only(s, x, cut)) {
            char **tmp = NULL;
            size_t nt = 0, j;
            if (split_names(s, x, cut, &tmp, &nt) < 0) return -1;
            for (j = 0; j < nt; j++) {
                if (!m->lead) m->lead = tmp[j];
                else if (push_name(&m->resp, &m->nresp, tmp[j], 0, strlen(tmp[j])) < 0) return -1;
                if (m->lead != tmp[j]) free(tmp[j]);
            }
            free(tmp);
            roles++;
        } else if (y > x && ends_with_role(s, x, y, resp_roles, &cut) && names_only(s, x, cut)) {
            if (split_names(s, x, cut, &m->resp, &m->nresp) < 0) return -1;
            roles++;
        } else if (y > x && ends_with_role(s, x, y, support_roles, &cut) &&
                   names_only(s, x, cut)) {
            if (split_names(s, x, cut, &m->support, &m->nsupport) < 0) return -1;
        } else if (y > x) {
            char due[11];
            parse_due(s, x, y, y0, due);
            if (!due[0] || y - x > 60) return 0;
            if (!m->due[0]) memcpy(m->due, due, sizeof due);
        }
        if (i < b) i += k;
        start = i;
    }
    return roles > 0;
}

/* ---- finding markers in the body ---- */

/* Is s[i] where an inline marker may start: a line start or after a
 * sentence end, a comma or a space (never inside a word: 各牵头单位)? */
static int inline_start(const char *s, size_t lo, size_t i)
{
    size_t k;
    uint32_t cp;
    if (i <= lo) return 1;
    cp = scan_cp(s, i, scan_back(s, i), &k);
    return cp == '\n' || scan_is_space(cp) || scan_is_term(cp) || scan_is_closer(cp) ||
           cp == 0xFF0C || cp == ',';
}

/* End of an inline marker starting at i: the line end or 。, or a ；
 * after which no key follows (its punctuation goes with it). */
static size_t inline_end(const char *s, size_t i, size_t n)
{
    size_t k, v;
    int depth = 0;
    while (i < n) {
        uint32_t cp = scan_cp(s, n, i, &k);
        if (cp == '\n') return i;
        if (is_open(cp)) depth++;
        else if (is_close(cp)) {
            if (depth == 0) return i;          /* the item's own bracket closes */
            depth--;
        } else if (cp == 0x3002 && depth == 0) return i + k;
        else if (scan_is_term(cp) && depth == 0) {
            size_t j = i + k;
            while (j < n && scan_is_space(scan_cp(s, n, j, &k))) j += k;
            if (key_at(s, n, j, &v) < 0) { scan_cp(s, n, i, &k); return i + k; }
            scan_cp(s, n, i, &k);
        }
        i += k;
    }
    return n;
}

/* A marker starting at body[i]: its end, with m filled; 0 when none. */
static size_t marker_at(struct pctx *c, size_t i, int y0, struct pmark *m, int *rc)
{
    const char *s = c->body;
    size_t n = c->bend, k, v, e, a;
    uint32_t cp = scan_cp(s, n, i, &k);
    memset(m, 0, sizeof *m);
    *rc = 0;
    if (is_open(cp)) {
        if (!(e = bracket_end(s, i, n))) return 0;
        a = i + k;
        while (a < e && scan_is_space(scan_cp(s, n, a, &k))) a += k;
        size_t close = scan_back(s, e);
        if (key_at(s, close, a, &v) >= 0) {
            *rc = keyed_fields(s, a, close, y0, m);
            return *rc < 0 ? 0 : e;
        }
        int r = role_fields(s, a, close, y0, m);
        if (r > 0) return e;
        mark_free(m);
        memset(m, 0, sizeof *m);
        if (r < 0) *rc = -1;
        return 0;
    }
    if (!inline_start(s, c->bstart, i) || key_at(s, n, i, &v) < 0) return 0;
    e = inline_end(s, i, n);
    *rc = keyed_fields(s, i, e, y0, m);
    return *rc < 0 ? 0 : e;
}

/* The year a due without one (6月底前, 年内) belongs to: the report's. */
static int report_year(const struct doc_meta *mt)
{
    const char *src[4];
    size_t i, j, u;
    src[0] = mt->signed_on;
    src[1] = mt->published;
    src[2] = mt->doc_no;
    src[3] = mt->title;
    for (i = 0; i < 4; i++) {
        size_t n = src[i] ? strlen(src[i]) : 0;
        for (j = 0; j < n; j++) {
            int y = scan_ar_number(src[i], n, j, &u);
            if (y >= 2000 && y <= 2100 && u == 4) return y;
        }
    }
    return 0;
}

/* Does a numbered heading start right after position e (spaces aside)? */
static int heading_follows(const struct pctx *c, size_t e)
{
    size_t k;
    struct marker mk;
    while (e < c->bend && scan_is_space(scan_cp(c->body, c->bend, e, &k))) e += k;
    return e < c->bend && c->body[e] != '\n' && parse_struct_marker_at(c->body, c->bend, e, &mk);
}

int parse_marker_extract(struct pctx *c)
{
    int y0 = report_year(&c->doc->meta), rc = 0;
    size_t i = c->bstart, o = c->bstart, cap = 0, k;
    char *s = c->body;
    while (i < c->bend && rc == 0) {
        struct pmark m;
        size_t e = marker_at(c, i, y0, &m, &rc);
        if (!e) {
            scan_cp(s, c->bend, i, &k);
            memmove(s + o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        m.text = scan_dup_trim(s, i, e);
        if (!m.text || mem_grow((void **)&c->marks, c->nmarks, &cap, sizeof *c->marks) < 0) {
            mark_free(&m);
            rc = -1;
            break;
        }
        m.at = o;
        c->marks[c->nmarks++] = m;
        /* a heading glued to the marker's end starts a line of its own */
        if (heading_follows(c, e)) s[o++] = '\n';
        i = e;
    }
    if (rc < 0) {
        snprintf(c->err, c->errlen, "out of memory reading responsibility markers");
        return FU_ERR;
    }
    memmove(s + o, s + c->bend, c->blen - c->bend + 1);
    c->blen -= c->bend - o;
    c->bend = o;
    return FU_OK;
}

/* ---- giving markers to nodes ---- */

static int append_text(char **dst, const char *t)
{
    size_t la = *dst ? strlen(*dst) : 0, lb = strlen(t);
    char *nt = realloc(*dst, la + lb + 2);
    if (!nt) return -1;
    if (la) nt[la++] = ' ';
    memcpy(nt + la, t, lb + 1);
    *dst = nt;
    return 0;
}

static int add_support(struct node *n, const char *d)
{
    size_t j;
    if (n->owner && strcmp(n->owner, d) == 0) return 0;
    for (j = 0; j < n->nsupport; j++)
        if (strcmp(n->support[j], d) == 0) return 0;
    return push_name(&n->support, &n->nsupport, d, 0, strlen(d));
}

int parse_marker_attach_text(char **dst, const struct pmark *m)
{
    return append_text(dst, m->text);
}

int parse_marker_attach(struct node *n, const struct pmark *m)
{
    size_t j;
    const char *lead = m->lead ? m->lead : m->nresp ? m->resp[0] : NULL;
    if (append_text(&n->marker, m->text) < 0) return -1;
    if (lead && n->owner_src != OWNER_MARKER) {
        free(n->owner);
        if (!(n->owner = scan_dup(lead))) return -1;
        n->owner_src = OWNER_MARKER;
    }
    for (j = 0; j < m->nresp; j++)
        if (add_support(n, m->resp[j]) < 0) return -1;
    for (j = 0; j < m->nsupport; j++)
        if (add_support(n, m->support[j]) < 0) return -1;
    if (!n->due[0] && m->due[0]) memcpy(n->due, m->due, sizeof n->due);
    return 0;
}
