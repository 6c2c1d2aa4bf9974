/* The block above a report's body: portal metadata, the title (multi-line,
 * glued doc and issue numbers, chrome above it), subtitles and speakers.
 * The signature, the body, the addressee and the issuer are
 * parse/parse_frame.c's. */
#include "util/mem.h"
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

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
    {"发布文号", MF_DOCNO}, {"备注/文号", MF_DOCNO}, {"稿件来源", MF_ISSUER_WEAK},
    {"日期", MF_PUBLISHED}, {"生成日期", MF_NONE}, {"公文生成日期", MF_SIGNED_ON_WEAK},
    {"部门", MF_ISSUER_WEAK}, {"栏目", MF_NONE}, {"作者", MF_NONE}, {"编辑", MF_NONE},
    {"点击量", MF_NONE}, {"浏览量", MF_NONE}, {"访问量", MF_NONE}, {"累计次数", MF_NONE},
    {"字体", MF_NONE}, {"字号", MF_NONE}, {"责编", MF_NONE}, {"资料", MF_NONE},
    {"发文日期", MF_SIGNED_ON_WEAK}, {"名称", MF_TITLE}, {"浏览次数", MF_NONE},
    {"时间", MF_PUBLISHED}, {"发布者", MF_NONE}, {"归档时间", MF_NONE}, {"更新时间", MF_NONE},
    {"公开时间", MF_PUBLISHED}, {"文號", MF_DOCNO}, {"發文機關", MF_ISSUER},
    {"發布機構", MF_ISSUER}, {"發佈機構", MF_ISSUER}, {"發布日期", MF_PUBLISHED},
    {"發布時間", MF_PUBLISHED}, {"發佈日期", MF_PUBLISHED}, {"索引號", MF_NONE},
    {"來源", MF_ISSUER_WEAK}, {"發文字號", MF_DOCNO}, {"成文时间", MF_SIGNED_ON_WEAK}, {"印发日期", MF_SIGNED_ON_WEAK}, {"阅读次数", MF_NONE}, {"点击数", MF_NONE},
};
#define NMETA_KEYS (sizeof meta_keys / sizeof meta_keys[0])

/* A metadata key followed by a colon at s[i..n): key index, and *vstart
 * where its value begins; -1 when none. */
static int meta_key_at(const char *s, size_t n, size_t i, size_t *vstart)
{
    size_t j, k;
    for (j = 0; j < NMETA_KEYS; j++) {
        const char *key = meta_keys[j].key;
        size_t p = i, q = 0, kl = strlen(key);
        while (q < kl && p < n) {            /* 文       号: a key spread out by spaces */
            if (q > 0 && scan_is_space(scan_cp(s, n, p, &k))) { p += k; continue; }
            scan_cp(key, kl, q, &k);
            if (p + k > n || memcmp(s + p, key + q, k) != 0) break;
            p += k;
            q += k;
        }
        if (q < kl) continue;
        while (p < n && scan_is_space(scan_cp(s, n, p, &k))) p += k;
        if (p < n && (scan_is_colon(scan_cp(s, n, p, &k)) || s[p] == '|')) {
            *vstart = p + k;                /* 文号 | 静府议〔2024〕5号 |: a table's cells */
            return (int)j;
        }
    }
    return -1;
}

int parse_header_is_meta_line(const char *s)
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
    "汇报", "总结", "专报", "要点", "计划", "清单", "一览表", "分解表", "规划", "办法",
    "细则", "批复", "通告", "公报", "简报", "纪要", "措施", "决议", NULL
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
        uint32_t cp = scan_cp(s, n, i, &k);
        if (scan_is_punct(cp) || scan_is_space(cp)) return 1;
    }
    return 0;
}

/* A sentence end, colon or comma anywhere in s. */
static int has_sentence_punct(const char *s)
{
    size_t n = strlen(s), i, k;
    for (i = 0; i < n; i += k) {
        uint32_t cp = scan_cp(s, n, i, &k);
        if (scan_is_term(cp) || scan_is_colon(cp) || cp == ',' || cp == 0xFF0C) return 1;
    }
    return 0;
}

static int cjk_count(const char *s)
{
    size_t n = strlen(s), i, k;
    int c = 0;
    for (i = 0; i < n; i += k)
        if (scan_is_cjk(scan_cp(s, n, i, &k))) c++;
    return c;
}

/* A lone category word: listed, or up to four Han characters that are
 * not the end of a wrapped title. */
int parse_header_is_category_word(const char *s)
{
    return in_list(s, categories);
}

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

int parse_header_is_organ(const char *s, size_t a, size_t b)
{
    size_t i, k;
    int chars = 0;
    struct marker m;
    scan_trim(s, &a, &b);
    if (b <= a || parse_struct_marker_at(s, b, a, &m)) return 0;
    for (i = a; i < b; i += k) {
        uint32_t cp = scan_cp(s, b, i, &k);
        if (scan_digit(cp) >= 0 || scan_is_term(cp) || scan_is_colon(cp) ||
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

/* Ends of the parts of an addressee list (各区人民政府,市政府各委、办、局,
 * 各市属机构) besides an organ's. */
static const char *const addressee_ends[] = {
    "机构", "部门", "企业", "院校", "单位", "集团", "团体", "开发区", "园区", "新区", "管委会",
    "高新区", NULL
};
/* Ends of a speech's opening (主任、各位副主任、秘书长,各位委员). */
static const char *const opening_ends[] = {
    "委员", "代表", "同志们", "同志", "朋友们", "来宾", "组成人员", NULL
};

/* One part of an addressee list, a bracketed tail aside (各县区人民政府
 * (管委会)): an organ or a group of them. */
static int addressee_part(const char *s, size_t a, size_t b)
{
    size_t k;
    scan_trim(s, &a, &b);
    if (b > a) {
        size_t p = scan_back(s, b);
        uint32_t cp = scan_cp(s, b, p, &k);
        if (cp == ')' || cp == 0xFF09) {
            while (p > a && scan_cp(s, b, p, &k) != '(' && scan_cp(s, b, p, &k) != 0xFF08)
                p = scan_back(s, p);
            if (p > a) b = p;
            scan_trim(s, &a, &b);
        }
    }
    return b > a && (parse_header_is_organ(s, a, b) || scan_ends_any(s, a, b, addressee_ends));
}

/* s[0..e) as an addressee: an organ, a speech's opening, or a list of
 * organs separated by commas. */
static int addressee_ok(const char *s, size_t e)
{
    size_t i, k, start = 0;
    int parts = 0;
    if (parse_header_is_organ(s, 0, e)) return 1;
    if (scan_ends_any(s, 0, e, opening_ends) &&
        (scan_find(s, 0, e, "各位") != (size_t)-1 || scan_at(s, e, 0, "主任") ||
         scan_at(s, e, 0, "尊敬的")))
        return 1;
    for (i = 0; i <= e; i += k) {
        uint32_t cp = i < e ? scan_cp(s, e, i, &k) : ',';
        if (i == e) k = 1;
        if (cp == ',' || cp == 0xFF0C) {
            if (!addressee_part(s, start, i)) return 0;
            parts++;
            start = i + k;
        }
    }
    return parts >= 2;
}

size_t parse_header_addressee_len(const char *s, size_t n)
{
    size_t i, k;
    int chars = 0;
    for (i = 0; i < n && chars <= 80; i += k, chars++) {
        uint32_t cp = scan_cp(s, n, i, &k);
        if (cp == '\n') return 0;
        if (scan_is_colon(cp)) return i > 0 && addressee_ok(s, i) ? i + k : 0;
        if (scan_is_term(cp) || cp == 0x3002) return 0;
    }
    return 0;
}

/* ---- metadata block ---- */

static int set_field(char **f, const char *s, size_t a, size_t b, int weak)
{
    char *v;
    if (*f && weak) return 0;
    v = scan_dup_trim(s, a, b);
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
    scan_trim(s, &a, &b);
    if ((*f && weak) || !scan_date(s, b, a, &used, iso)) return 0;
    free(*f);
    *f = scan_dup(iso);
    return *f ? 0 : -1;
}

/* Applies every "KEY:VALUE" on a metadata line. */
/* A field's value that says there is none: 无, 暂无, 无文号, -, /. */
static int none_value(const char *s, size_t a, size_t b)
{
    static const char *const none[] = {"无", "暂无", "无文号", "-", "/", "—", NULL};
    size_t j;
    scan_trim(s, &a, &b);
    for (j = 0; none[j]; j++)
        if (b - a == strlen(none[j]) && memcmp(s + a, none[j], b - a) == 0) return 1;
    return a == b;
}

static int apply_meta_clean(struct pctx *c, const char *s)
{
    struct doc_meta *m = &c->doc->meta;
    size_t n = strlen(s), i = 0, v, k;
    int key = meta_key_at(s, n, 0, &v), r = 0;
    while (key >= 0 && r == 0) {
        int next = -1;
        size_t e = v, nv = 0;
        for (i = v; i < n; i += k) {
            uint32_t cp = scan_cp(s, n, i, &k);
            if (scan_is_space(cp) && (next = meta_key_at(s, n, i + k, &nv)) >= 0) break;
            if (i > v && (next = meta_key_at(s, n, i, &nv)) >= 0) { k = 0; break; }
        }
        e = i;
        switch (meta_keys[key].f) {
        case MF_TITLE: r = set_field(&m->title, s, v, e, 0); break;
        case MF_ISSUER:
            r = set_field(&m->issuer, s, v, e, 0);
            c->issuer_strong = 1;
            break;
        case MF_ISSUER_WEAK:                /* 来源: 大众网 names a site, not an organ */
            if (parse_header_is_organ(s, v, e)) r = set_field(&m->issuer, s, v, e, 1);
            break;
        case MF_DOCNO:                      /* 文号: 无 */
            if (!none_value(s, v, e)) r = set_field(&m->doc_no, s, v, e, 0);
            break;
        case MF_PUBLISHED: r = set_date(&m->published, s, v, e, 0); break;
        case MF_SIGNED_ON_WEAK: r = set_date(&m->signed_on, s, v, e, 1); break;
        default: break;
        }
        key = next;
        v = nv;
    }
    return r;
}

/* apply_meta_clean on a copy without the cell bars of a flattened table
 * (索引号: | … | 成文日期: | 2019-11-26 |). */
int parse_header_apply_meta(struct pctx *c, const char *s)
{
    char *t = scan_dup(s), *p;
    size_t n, i, v;
    int r;
    if (!t) return -1;
    n = strlen(t);
    for (i = 0; i < n; i++)                 /* KEY | VALUE: the bar after a key is its colon */
        if ((i == 0 || t[i - 1] == ' ' || t[i - 1] == '|') && meta_key_at(t, n, i, &v) >= 0 &&
            t[v - 1] == '|')
            t[v - 1] = ':';
    for (p = t; *p; p++)
        if (*p == '|') *p = ' ';
    r = apply_meta_clean(c, t);
    free(t);
    return r;
}

/* A line that is only a date, maybe in brackets: "（2024年2月18日）". */
int parse_header_date_only(const char *s, char iso[11])
{
    size_t n = strlen(s), a = 0, b = n, k, used;
    if (a < b && (scan_cp(s, n, a, &k) == 0xFF08 || s[a] == '(')) a += k;
    if (b > a) {
        size_t p = scan_back(s, b);
        uint32_t cp = scan_cp(s, n, p, &k);
        if (cp == 0xFF09 || cp == ')') b = p;
    }
    scan_trim(s, &a, &b);
    return scan_date(s, b, a, &used, iso) && a + used == b;
}

/* Could this first line be the body rather than a title? */
static int looks_like_body(const char *s)
{
    size_t n = strlen(s), i, k;
    struct marker m;
    if (parse_header_addressee_len(s, n) || parse_struct_marker_at(s, n, 0, &m)) return 1;
    for (i = 0; i < n; i += k) {
        uint32_t cp = scan_cp(s, n, i, &k);
        if (cp == 0x3002) return 1;
    }
    return parse_lines_ends_sentence(s);
}

/* A time after a date (15:33:00, 06:05:59): its end, or i. */
static size_t time_after(const char *s, size_t n, size_t i)
{
    size_t j = i, k, u;
    while (j < n && scan_is_space(scan_cp(s, n, j, &k))) j += k;
    if (scan_ar_number(s, n, j, &u) < 0 || u == 0 || u > 2) return i;
    j += u;
    while (j < n && scan_is_colon(scan_cp(s, n, j, &k))) {
        j += k;
        if (scan_ar_number(s, n, j, &u) < 0 || u != 2) return i;
        j += u;
    }
    return j;
}

/* A date with maybe a time at the start of s (2020-06-22 14:43:15,
 * 2020年07月23日06:05:59): where what follows starts, or 0. */
static size_t dated_start(const char *s, char iso[11])
{
    size_t n = strlen(s), used;
    if (!scan_date(s, n, 0, &used, iso)) return 0;
    return time_after(s, n, used);
}

/* A doc number at s[i..n) (京政办发〔2016〕26号, 菏政办字 〔2023〕1号,
 * 宁政发[2006]275号): its end, or 0. */
static size_t doc_no_at(const char *s, size_t n, size_t i)
{
    size_t j = i, k, u;
    int han = 0;
    uint32_t cp;
    while (j < n && han < 12 && scan_is_cjk(scan_cp(s, n, j, &k))) { j += k; han++; }
    if (han < 2) return 0;
    while (j < n && scan_is_space(scan_cp(s, n, j, &k))) j += k;
    if (j >= n) return 0;
    cp = scan_cp(s, n, j, &k);
    if (cp != 0x3014 && cp != '[' && cp != 0xFF3B && cp != 0x3010 && cp != 0xFF08 && cp != '(')
        return 0;
    j += k;
    if (scan_ar_number(s, n, j, &u) < 1900 || u != 4) return 0;
    j += u;
    if (j >= n) return 0;
    cp = scan_cp(s, n, j, &k);
    if (cp != 0x3015 && cp != ']' && cp != 0xFF3D && cp != 0x3011 && cp != 0xFF09 && cp != ')')
        return 0;
    j += k;
    if (scan_ar_number(s, n, j, &u) < 0 || u == 0) return 0;
    j += u;
    return scan_at(s, n, j, "号") ? j + strlen("号") : 0;
}

/* Letters, digits and Han characters of s (malloc'ed): two lines are the
 * same text when these agree. */
static char *bare(const char *s)
{
    size_t n = strlen(s), i, k, o = 0;
    char *r = malloc(n + 1);
    if (!r) return NULL;
    for (i = 0; i < n; i += k) {
        uint32_t cp = scan_cp(s, n, i, &k);
        if (scan_is_wordish(cp)) { memcpy(r + o, s + i, k); o += k; }
    }
    r[o] = 0;
    return r;
}

/* Does line s repeat the title (the whole of it, a piece of it, or the
 * title with something after it)? -1 out of memory. */
static int repeats_title(const char *title, const char *s)
{
    char *a = bare(title), *b = bare(s);
    int r = -1;
    if (a && b)
        r = *b && (strstr(a, b) != NULL || strncmp(b, a, strlen(a)) == 0);
    free(a);
    free(b);
    return r;
}

/* A subtitle: ——2024年10月在区人大常委会第二十一次会议上, (2024年9月27日在
 * 市人大常委会第十次会议上), 2018年11月22日在…会议上. Its date goes to
 * iso (or ""); *open is 1 when it goes on to the next line. */
static int subtitle_line(const char *s, char iso[11], int *open)
{
    static const char *const dashes[] = {"—", "─", "－", "-", "(", "（", NULL};
    static const char *const ends[] = {"会议上", "会上", "会议上)", "会议上）", "会上)",
                                       "会上）", NULL};
    size_t n = strlen(s), i = 0, len, used;
    int dash = 0;
    while (i < n && scan_at_any(s, n, i, dashes, &len) >= 0) {
        dash |= !scan_at(s, n, i, "(") && !scan_at(s, n, i, "（");
        i += len;
    }
    iso[0] = 0;
    if (!scan_date(s, n, i, &used, iso)) iso[0] = 0;
    *open = 0;
    if (ends_with_any(s, ends)) return dash || iso[0];
    if (dash && cjk_count(s) > 4 && !parse_lines_ends_sentence(s)) { *open = 1; return 1; }
    return 0;
}

/* Words of an office before a speaker's name (市审计局局长 王某某). */
static const char *const offices[] = {
    "局长", "厅长", "主任", "区长", "市长", "县长", "省长", "镇长", "书记", "部长",
    "秘书长", "主席", "院长", "检察长", "署长", "委员", "司长", "处长", NULL
};

/* Where the speaker's name starts in a line that names the speaker and
 * office (市审计局局长 王某某, 甘肃省审计厅厅长马自学): after the office
 * word, followed by a name of 2 to 5 Han characters; *office is where the
 * office word starts. 0 when s is no such line. */
static size_t speaker_name(const char *s, size_t *office)
{
    size_t j;
    if (has_sentence_punct(s) || cjk_count(s) > 30) return 0;
    for (j = 0; offices[j]; j++) {
        const char *o = strstr(s, offices[j]);
        size_t a, b, k, chars = 0, p;
        if (!o) continue;                        /* 省长 胡玉亭: the office alone */
        a = (size_t)(o - s) + strlen(offices[j]);
        b = strlen(s);
        scan_trim(s, &a, &b);
        for (p = a; p < b; p += k, chars++)
            if (!scan_is_cjk(scan_cp(s, b, p, &k)) && !scan_is_space(scan_cp(s, b, p, &k))) break;
        if (p == b && chars >= 2 && chars <= 5) {
            *office = (size_t)(o - s);
            return a;
        }
    }
    return 0;
}

/* The line before a speech's opening (主任、各位副主任、各位委员:), maybe
 * with the speech's date between them, that names the speaker and office. */
static int speaker_line(const struct pctx *c, size_t i, size_t *name, size_t *office)
{
    const char *next;
    char iso[11];
    size_t j = i + 1;
    *name = speaker_name(c->lines[i].text, office);
    if (!*name) return 0;
    if (j < c->nlines && parse_header_date_only(c->lines[j].text, iso)) j++;
    /* a photo's caption that names the speaker may stand between */
    if (j + 1 < c->nlines && !parse_header_addressee_len(c->lines[j].text, strlen(c->lines[j].text)) &&
        strstr(c->lines[j].text, c->lines[i].text + *name))
        j++;
    if (j >= c->nlines) return 0;
    next = c->lines[j].text;
    return parse_header_addressee_len(next, strlen(next)) != 0;
}

/* A doc number that ends the title, in brackets or after a space (…任务
 * (某政发〔2021〕2号), …的通知 常政发〔2023〕1号 |): where it starts (the
 * title ends before it) and *da..*db, the number; 0 when none. */
static size_t trailing_doc_no(const char *s, size_t n, size_t *da, size_t *db)
{
    size_t i, k, b = n, e;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '|')) b--;
    for (i = 0; i < b; i += k) {
        uint32_t cp = scan_cp(s, b, i, &k);
        size_t start = i, j = i;
        int bracket = cp == '(' || cp == 0xFF08;
        if (i == 0 || (!bracket && !scan_is_space(cp))) continue;
        if (bracket) j += k;
        else while (j < b && scan_is_space(scan_cp(s, b, j, &k))) j += k;
        if ((e = doc_no_at(s, b, j)) == 0) { scan_cp(s, b, i, &k); continue; }
        *da = j;
        *db = e;
        if (bracket && e < b && (s[e] == ')' || scan_at(s, b, e, "）")))
            e += s[e] == ')' ? 1 : strlen("）");
        while (e < b && scan_is_space(scan_cp(s, b, e, &k))) e += k;
        if (e == b) return start;
        scan_cp(s, b, i, &k);
    }
    return 0;
}

/* An issue number before the title (督查通报〔2024〕第9期：关于…): its end
 * (the title starts after it), or 0. */
static size_t issue_prefix(const char *s, size_t n)
{
    size_t i = scan_find(s, 0, n < 60 ? n : 60, "期"), k;
    if (i == (size_t)-1 || scan_find(s, 0, i, "第") == (size_t)-1) return 0;
    i += strlen("期");
    if (i < n && scan_is_colon(scan_cp(s, n, i, &k))) return i + k;
    return 0;
}

/* Sets the title from line s: a doc number before it (京政办发〔2016〕26号
 * 《…》) goes to doc_no, a tag in quotes before it (“党政混合信息公开”) and
 * book marks around all of it go. */
static int take_title(struct doc_meta *m, const char *s)
{
    size_t n = strlen(s), a = 0, b = n, e = doc_no_at(s, n, 0), k, da, db, t;
    if (e && e < n) {
        if (set_field(&m->doc_no, s, 0, e, 1) < 0) return -1;
        a = e;
    }
    if (!e && (e = issue_prefix(s, n)) != 0) {
        size_t c = scan_back(s, e);                  /* the colon stays out */
        if (set_field(&m->doc_no, s, 0, c, 1) < 0) return -1;
        a = e;
    }
    if ((t = trailing_doc_no(s, n, &da, &db)) != 0 && t > a) {
        if (set_field(&m->doc_no, s, da, db, 1) < 0) return -1;
        b = t;
    }
    while (a < b && scan_is_space(scan_cp(s, b, a, &k))) a += k;
    if (scan_at(s, b, a, "“")) {
        size_t q = scan_find(s, a, b, "”");
        if (q != (size_t)-1 && q - a <= 40 && q + strlen("”") < b &&
            scan_is_space(scan_cp(s, b, q + strlen("”"), &k)))
            a = q + strlen("”");
    }
    scan_trim(s, &a, &b);
    if (scan_at(s, b, a, "《") && b >= a + 6 && memcmp(s + b - 3, "》", 3) == 0) {
        size_t i, depth = 0, close = 0;
        for (i = a; i < b; i += k) {
            if (scan_at(s, b, i, "《")) depth++;
            else if (scan_at(s, b, i, "》") && --depth == 0) { close = i; break; }
            scan_cp(s, b, i, &k);
        }
        if (close == b - 3) { a += 3; b -= 3; }
    }
    return set_field(&m->title, s, a, b, 0);
}

/* A title glued to the first sentence (20XX年城市管理工作督查通报2月2日,…):
 * the title's end, or 0. */
static size_t glued_title(const char *s)
{
    size_t n = strlen(s), i, k;
    int chars = 0;
    for (i = 0; i < n && chars < 40; i += k, chars++) {
        uint32_t cp = scan_cp(s, n, i, &k);
        size_t j;
        if (scan_is_punct(cp) || scan_is_space(cp)) return 0;
        for (j = 0; title_ends[j]; j++) {
            size_t l = strlen(title_ends[j]), e = i + k;
            if (chars >= 5 && e >= l && memcmp(s + e - l, title_ends[j], l) == 0 && e < n &&
                scan_digit(scan_cp(s, n, e, &k)) >= 0)
                return e;
        }
    }
    return 0;
}

enum hline { H_BODY, H_NEXT, H_META };

/* Line i goes as chrome that told nothing (a category word, a repeated
 * title, a bare number or date): recorded, so that an outline shows it. */
static enum hline drop(struct pctx *c, size_t i, enum hline k, int *rc)
{
    if (parse_lines_drop(c, c->lines[i].text, c->lines[i].src) < 0) *rc = -1;
    return k;
}

/* One line of the block above the body, once a title is known: a repeat
 * or the wrapped rest of the title, an organ under the metadata. */
static enum hline titled_line(struct pctx *c, size_t i, int after_meta, int *rc)
{
    struct doc_meta *m = &c->doc->meta;
    const char *s = c->lines[i].text;
    int rep = repeats_title(m->title, s);
    if (rep < 0) { *rc = -1; return H_BODY; }
    if (rep) return drop(c, i, H_NEXT, rc);
    if (!looks_like_body(s) && !has_punct(s) && cjk_count(s) <= 40 &&
        (ends_with_any(s, title_ends) || !ends_with_any(m->title, title_ends)) &&
        (!parse_header_is_organ(s, 0, strlen(s)) || ends_with_any(s, title_ends))) {
        size_t la = strlen(m->title), lb = strlen(s);
        char *t = realloc(m->title, la + lb + 1);
        if (!t) { *rc = -1; return H_BODY; }
        memcpy(t + la, s, lb + 1);
        m->title = t;
        return H_NEXT;
    }
    if (after_meta && !m->issuer && parse_header_is_organ(s, 0, strlen(s))) {
        *rc = set_field(&m->issuer, s, 0, strlen(s), 1);
        return H_META;
    }
    return is_category(s) ? drop(c, i, H_NEXT, rc) : H_BODY;
}

/* Metadata of every layout: KEY:VALUE lines, a date and time alone or
 * before KEY:VALUE, index numbers, doc numbers, subtitles, speakers. */
static enum hline meta_line(struct pctx *c, size_t *i, int *rc)
{
    struct doc_meta *m = &c->doc->meta;
    const char *s = c->lines[*i].text;
    char iso[11];
    size_t n = strlen(s), e, o;
    int open;
    if (parse_header_is_meta_line(s)) { *rc = parse_header_apply_meta(c, s); return H_META; }
    if ((e = dated_start(s, iso)) != 0 && (e == n || parse_header_is_meta_line(s + e))) {
        *rc = set_field(&m->published, iso, 0, strlen(iso), 1);
        if (*rc == 0 && e < n) *rc = parse_header_apply_meta(c, s + e);
        return H_META;
    }
    if (parse_header_date_only(s, iso)) return drop(c, *i, H_META, rc);
    if (!cjk_count(s)) return drop(c, *i, H_META, rc);  /* 11371500MB…/2020-4403973 */
    if ((e = doc_no_at(s, n, 0)) != 0 && e == n) {
        *rc = set_field(&m->doc_no, s, 0, n, 1);
        return H_META;
    }
    if (subtitle_line(s, iso, &open)) {
        if (iso[0]) *rc = set_field(&m->signed_on, iso, 0, strlen(iso), 1);
        if (open && *i + 1 < c->nlines && cjk_count(c->lines[*i + 1].text) <= 30 &&
            !looks_like_body(c->lines[*i + 1].text))
            (*i)++;
        return H_NEXT;
    }
    if (speaker_line(c, *i, &e, &o)) {       /* the person signs; the office issues */
        *rc = set_field(&m->signed_by, s, e, n, 1);
        if (parse_header_is_organ(s, 0, o) && o < sizeof c->speaker_org) {
            memcpy(c->speaker_org, s, o);
            c->speaker_org[o] = 0;
        }
        if (*rc == 0 && *i + 1 < c->nlines && parse_header_date_only(c->lines[*i + 1].text, iso)) {
            *rc = set_field(&m->signed_on, iso, 0, strlen(iso), 1);
            (*i)++;
        }
        return H_NEXT;
    }
    return H_BODY;
}

/* The first line that is neither title nor metadata: a title glued to
 * it is cut off (the line keeps the rest). */
static int untitled_line(struct pctx *c, size_t i, int *rc)
{
    struct doc_meta *m = &c->doc->meta;
    char *s = c->lines[i].text;
    size_t e;
    if (looks_like_body(s)) {
        if ((e = glued_title(s)) != 0) {
            *rc = set_field(&m->title, s, 0, e, 0);
            memmove(s, s + e, strlen(s + e) + 1);
        }
        return 0;
    }
    if (!in_list(s, categories)) *rc = take_title(m, s);
    else drop(c, i, H_NEXT, rc);
    return 1;
}

/* A document's own title line (关于…的通知, X关于…的报告): no sentence,
 * a document word at its end, 关于 near its start. */
static int own_title_line(const char *s)
{
    size_t n = strlen(s), at = scan_find(s, 0, n, "关于");
    return at != (size_t)-1 && at <= 3 * 30 && !has_sentence_punct(s) && cjk_count(s) <= 80 &&
           ends_with_any(s, title_ends) && !parse_header_is_meta_line(s);
}

/* A title taken from page chrome (视窗, a banner) is no document's title:
 * when the lines just below it hold the document's own title line, the
 * lines up to it are page furniture and the header is read again from
 * there. The line to start from, or 0. */
static size_t own_title_below(const struct pctx *c, size_t first)
{
    const struct doc_meta *m = &c->doc->meta;
    size_t j;
    if (!m->title || ends_with_any(m->title, title_ends)) return 0;
    for (j = first; j < c->nlines && j < first + 8; j++)
        if (own_title_line(c->lines[j].text)) return j;
    return 0;
}

static size_t read_header_from(struct pctx *c, size_t i, int *rc);

/* Consumes the block above the body; returns the first body line. */
size_t parse_header_read(struct pctx *c, int *rc)
{
    size_t first = read_header_from(c, 0, rc), j;
    if (*rc == 0 && (j = own_title_below(c, first)) != 0) {
        free(c->doc->meta.title);
        c->doc->meta.title = NULL;
        first = read_header_from(c, j, rc);
    }
    return first;
}

static size_t read_header_from(struct pctx *c, size_t i, int *rc)
{
    struct doc_meta *m = &c->doc->meta;
    int after_meta = 0;
    *rc = 0;
    for (; i < c->nlines && *rc == 0; i++) {
        enum hline k = meta_line(c, &i, rc);
        if (k == H_BODY && m->title) k = titled_line(c, i, after_meta, rc);
        else if (k == H_BODY) k = untitled_line(c, i, rc) ? H_NEXT : H_BODY;
        if (k == H_BODY) break;
        after_meta = k == H_META;
    }
    return i;
}

