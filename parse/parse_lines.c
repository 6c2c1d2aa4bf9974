/* The report's lines: input lines cleaned of web-page leftovers and lines
 * cut by a hard wrap joined again (the header and signature are read in
 * parse_header.c). */
#include "util/mem.h"
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* ---- web-page leftovers ---- */

/* A line that starts with one of these is page furniture, not report. */
static const char *const leftover_line[] = {
    "当前位置", "您当前的位置", "您当前位置", "您的位置", "当前的位置",
    "扫一扫", "分享到", "打印本页", "关闭窗口", "【字体", "字体：", "字体:",
    "【字号", "字号：", "字号:", "【打印", "【关闭", "[打印", "[关闭",
    "浏览次数", "访问次数", "阅读次数", "点击数", "上一篇", "下一篇",
    "返回顶部", "相关链接", "责任编辑", "网站地图", "（此件", "(此件",
    "【大 中 小】", "【 大 中 小 】", "[大 中 小]", "所在位置", "快捷搜索",
    "您好,欢迎", "您好，欢迎", "下面是小编", "(想阅读全部", "（想阅读全部",
    "（一审", "(一审", "网站标识码", "打印整页", "首页 >", "首页>", "首页 /", "首页/",
    "首页 »", "您现在的位置", "您现在所在的位置", "网站首页", "您当前所在位置", "当前所在位置",
    "首 页", "此件公开发布", "此件主动公开", "此件依申请公开", "此件不予公开", "（此件公开",
    NULL
};

/* Words of the page's chrome: a line made of nothing else (无障碍阅读
 * 关怀版 返回首页, 打印整页 打印内容 分享) is no part of the report. */
static const char *const chrome_words[] = {
    "无障碍阅读", "无障碍浏览", "无障碍", "关怀版", "长者模式", "长辈版", "老年版", "返回首页", "返 回",
    "返回", "首页", "打印整页", "打印内容", "打印本页", "打印", "分享到", "分享",
    "关闭窗口", "关闭", "收藏", "微信", "微博", "繁体字", "繁體", "繁体", "简体",
    "字号", "字体", "浏览量", "阅读量", "访问量", "点击量", "纠错", "我要纠错",
    "手机版", "English", "政府信息公开", "下载", "全屏", "加大", "还原", "减小", "放大",
    "缩小", "默认", "全文", "正文", "【", "】", "大", "中", "小", NULL
};

/* Bullets a page puts before list lines. */
static const char *const bullets[] = {"•", "·", "●", "◆", "■", "▪", "○", NULL};

static int chrome_only(const char *s)
{
    size_t n = strlen(s), i = 0, len, k;
    int words = 0;
    while (i < n) {
        uint32_t cp = scan_cp(s, n, i, &k);
        if (scan_is_space(cp) || scan_is_colon(cp) || cp == '|') { i += k; continue; }
        if (scan_at_any(s, n, i, chrome_words, &len) < 0) return 0;
        i += len;
        words++;
    }
    return words > 0;
}

/* Pieces of page furniture that may stand inside a line. */
static const char *const leftover_piece[] = {
    "【字体：大 中 小】", "【字体:大 中 小】", "【字号：大 中 小】",
    "【字号:大 中 小】", "【大 中 小】", "[大 中 小]", "【打印本页】",
    "【关闭窗口】", "[打印本页]", "[关闭窗口]", "【打印】", "【关闭】",
    "[打印]", "[关闭]", "打印本页", "关闭窗口", "扫一扫在手机打开当前页",
    "（此件公开发布）", "(此件公开发布)", "此件公开发布", "（此件主动公开）", "(此件主动公开)",
    "此件主动公开", NULL
};

/* Removes leftover pieces from s in place. */
static void strip_pieces(char *s)
{
    size_t n = strlen(s), i = 0, len, k;
    for (k = 0; leftover_piece[k] && !strstr(s, leftover_piece[k]); k++)
        ;
    if (!leftover_piece[k]) return;         /* the usual case: none at all */
    while (i < n) {
        if (scan_at_any(s, n, i, leftover_piece, &len) >= 0) {
            memmove(s + i, s + i + len, n - i - len + 1);
            n -= len;
        } else {
            i++;
        }
    }
}

/* A file's name on a line of its own (关于…的通知.docx): a download link. */
static int file_name_line(const char *s)
{
    static const char *const exts[] = {".docx", ".doc", ".pdf", ".wps", ".xlsx", ".xls", ".ofd",
                                       ".DOCX", ".DOC", ".PDF", NULL};
    size_t n = strlen(s), a = 0, b = n;
    scan_trim(s, &a, &b);
    while (b > a && (s[b - 1] == ')' || s[b - 1] == ']')) b--;
    return b > a && scan_ends_any(s, a, b, exts) && !strstr(s, "。");
}

static int is_leftover_line(const char *s)
{
    size_t n = strlen(s), i, k;
    if (scan_at_any(s, n, 0, leftover_line, NULL) >= 0 || chrome_only(s) || file_name_line(s))
        return 1;
    if (strstr(s, "ICP备") || strstr(s, "公网安备")) return 1;
    for (i = 0; i < n; i += k) {            /* only separators left */
        uint32_t cp = scan_cp(s, n, i, &k);
        if (!scan_is_space(cp) && cp != '|' && cp != 0x4E28 && cp != 0xFF5C &&
            cp != '-' && cp != '>')
            return 0;
    }
    return 1;
}

/* ---- lines ---- */

int parse_lines_drop(struct pctx *c, const char *text, size_t src)
{
    char *t = scan_dup(text);
    if (!t || mem_grow((void **)&c->drops, c->ndrops, &c->capdrops, sizeof *c->drops) < 0) {
        free(t);
        return -1;
    }
    c->drops[c->ndrops].text = t;
    c->drops[c->ndrops++].src = src;
    return 0;
}

void parse_lines_fini_drops(struct pctx *c)
{
    size_t i;
    for (i = 0; i < c->ndrops; i++) free(c->drops[i].text);
    free(c->drops);
    c->drops = NULL;
    c->ndrops = c->capdrops = 0;
}

int parse_lines_give_drops(struct pctx *c)
{
    struct doc *d = c->doc;
    size_t i, j;
    if (!c->ndrops) return 0;
    d->dropped = malloc(c->ndrops * sizeof *d->dropped);
    if (!d->dropped) return -1;
    for (i = 1; i < c->ndrops; i++) {       /* few, and nearly in order: insertion sort */
        struct pdrop x = c->drops[i];
        for (j = i; j > 0 && c->drops[j - 1].src > x.src; j--) c->drops[j] = c->drops[j - 1];
        c->drops[j] = x;
    }
    for (i = 0; i < c->ndrops; i++) {
        d->dropped[i] = c->drops[i].text;
        if (c->drops[i].src < c->body_src) d->ndropped_above++;
    }
    d->ndropped = c->ndrops;
    free(c->drops);
    c->drops = NULL;
    c->ndrops = c->capdrops = 0;
    return 0;
}

static int push_line(struct pctx *c, size_t *cap, const char *s, size_t n, size_t src)
{
    size_t a = 0, b = n, k;
    int indent = 0;
    struct pline *l;
    char *t;

    while (a < n) {
        uint32_t cp = scan_cp(s, n, a, &k);
        if (!scan_is_space(cp)) break;
        indent += cp == '\t' ? 4 : (cp == 0x3000 ? 2 : 1);
        a += k;
    }
    {
        size_t len;
        while (a < n && scan_at_any(s, n, a, bullets, &len) >= 0) {
            a += len;
            while (a < n && scan_is_space(scan_cp(s, n, a, &k))) a += k;
        }
    }
    t = scan_dup_trim(s, a, b);
    if (!t) return -1;
    strip_pieces(t);
    if (is_leftover_line(t)) {
        char *raw = scan_dup_trim(s, 0, n);
        int r = raw && *raw ? parse_lines_drop(c, raw, src) : 0;
        free(raw);
        free(t);
        return raw ? r : -1;
    }
    if (mem_grow((void **)&c->lines, c->nlines, cap, sizeof *c->lines) < 0) {
        free(t);
        return -1;
    }
    l = &c->lines[c->nlines++];
    l->text = t;
    l->src = src;
    l->indent = indent;
    l->width = scan_width(s, n);
    if (a < n) {
        size_t a2 = 0, b2 = n;
        scan_trim(s, &a2, &b2);
        l->width = indent + scan_width(s + a2, b2 - a2);
    }
    {   /* the cleaned text is trimmed again after removing pieces */
        size_t x = 0, y = strlen(t);
        scan_trim(t, &x, &y);
        memmove(t, t + x, y - x);
        t[y - x] = 0;
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

int parse_lines_ends_sentence(const char *s)
{
    size_t n = strlen(s), p, k;
    uint32_t cp;
    if (!n) return 1;
    p = scan_back(s, n);
    cp = scan_cp(s, n, p, &k);
    while (scan_is_closer(cp) && p > 0) {
        uint32_t before;
        size_t q = scan_back(s, p);
        before = scan_cp(s, n, q, &k);
        if (!scan_is_term(before) && before != 0x3002) break;
        cp = before;
        p = q;
    }
    return scan_is_term(cp) || scan_is_colon(cp);
}

/* May line b continue line a that the wrap cut? */
static int continues(const struct pline *a, const struct pline *b, int last_indent,
                     int last_width, int w)
{
    struct marker m;
    size_t n = strlen(b->text), k;
    if (b->indent >= 2 && b->indent > last_indent) return 0;
    if (parse_struct_marker_at(b->text, n, 0, &m)) return 0;
    if (parse_header_is_meta_line(b->text) || parse_header_is_category_word(b->text)) return 0;
    if (parse_header_addressee_len(b->text, n)) return 0;
    if (parse_lines_ends_sentence(a->text)) {
        /* a line filled to the wrap width goes on even after a full stop
         * (the page cut it there); else only a closing quote or bracket
         * carried over to the next line joins it */
        return last_width >= w - 1 || (n > 0 && scan_is_closer(scan_cp(b->text, n, 0, &k)));
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
        while (i + 1 < c->nlines && last_width * 5 >= w * 4 &&
               continues(cur, &c->lines[i + 1], last_indent, last_width, w)) {
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

int parse_lines_split(struct pctx *c, const char *text, size_t len)
{
    size_t i = 0, cap = 0, src = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (push_line(c, &cap, text + i, e - i, ++src) < 0) goto oom;
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
    if (parse_table_vertical(c) < 0 || join_wrapped(c) < 0 || parse_table_tables(c) < 0)
        goto oom;
    return FU_OK;
oom:
    snprintf(c->err, c->errlen, "out of memory reading the report");
    return FU_ERR;
}
