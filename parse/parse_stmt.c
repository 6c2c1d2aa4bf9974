/* Statements: sentences split on 。 ; ； ! ！ ? ？ (a closing quote or
 * bracket right after stays with its sentence), each classified as a
 * commitment, fact or context, with its metrics (8支, 11.5亿元, 近百场)
 * and a due date suggestion (2024年将……, 到2025年, 2024年6月底前). */
#define _GNU_SOURCE        /* memmem */
#include "util/mem.h"
#include "parse/parse_int.h"
#include "core/calendar.h"

#include <stdlib.h>
#include <string.h>

/* ---- sentences ---- */

size_t parse_stmt_title_end(const char *s, size_t a, size_t b, size_t *next)
{
    size_t i = a, k;
    while (i < b) {
        uint32_t cp = scan_cp(s, b, i, &k);
        if (cp == '\n' || scan_is_term(cp) || scan_is_colon(cp)) {
            *next = i + k;
            return i;
        }
        i += k;
    }
    *next = b;
    return b;
}

size_t parse_stmt_next_sentence(const char *s, size_t i, size_t b)
{
    size_t k;
    while (i < b) {
        uint32_t cp = scan_cp(s, b, i, &k);
        i += k;
        if (cp == '\n') return i;
        if (scan_is_term(cp)) {
            while (i < b && scan_is_closer(scan_cp(s, b, i, &k))) i += k;
            return i;
        }
    }
    return b;
}

static int has_word(const char *s, size_t a, size_t b)
{
    size_t i, k;
    for (i = a; i < b; i += k)
        if (scan_is_wordish(scan_cp(s, b, i, &k))) return 1;
    return 0;
}

/* ---- classification tables ---- */

/* Context: reasoning or significance (是……重大战略命题, 有利于……). */
static const char *const context_words[] = {
    "有利于", "有助于", "是事关", "战略命题", "战略选择", "必然要求",
    "必然选择", "内在要求", "根本保证", "关键所在", "题中应有之义",
    "意义重大", "报告如下", "通报如下", "情况如下", "汇报如下", NULL
};

/* Commitment: verbs and adverbs that open an action the government will
 * take or keeps taking, when they open the sentence's first clause. */
static const char *const commit_verbs[] = {
    "推动", "加快", "加强", "打造", "探索", "持续", "将", "要", "深化",
    "推进", "完善", "构建", "实施", "强化", "提升", "优化", "坚持", "聚焦",
    "鼓励", "支持", "建设", "落实", "明确", "发挥", "夯实", "加大", "健全",
    "建立", "做强", "做大", "做优", "做好", "抓好", "抓紧", "确保", "力争",
    "争取", "继续", "积极", "着力", "大力", "全面", "深入", "切实", "进一步",
    "引导", "培育", "扩大", "拓展", "拓宽", "筑牢", "压实", "规范", "严格",
    "统筹", "整合", "用好", "开展", "组织", "研究", "制定", "出台", "修订",
    "编制", "启动", "谋划", "布局", "吸引", "引进", "招引", "重点", "围绕",
    "依托", "紧扣", "对标", "瞄准", "促进", "助力", "保障", "需", "应",
    "必须", "计划", "拟", "充分", "始终", "不断", "努力", "主动", "认真",
    "逐步", "全力", "扎实", "稳步", "加速", "争创", "力促", "提高", "增强",
    "推广", "深耕", NULL
};

/* Words that may stand before the first clause's verb without changing
 * what the sentence does. */
static const char *const lead_ins[] = {
    "尤其是", "特别是", "同时", "此外", "另外", "并且", "并", "还", "也",
    "通过", "以", "为了", "为", "适时", "及时", "尽快", "按期", "按时", NULL
};

/* A first clause that is only a connective: the next clause counts. */
static const char *const connectives[] = {
    "因此", "同时", "此外", "另外", "对此", "为此", "其中", "下一步", "今后",
    "一方面", "另一方面", "首先", "其次", "最后", "总之", "与此同时", NULL
};

/* Fact: an achievement or a figure already reached. */
static const char *const fact_words[] = {
    "已", "累计", "目前", "截至", "截止", "较上一年", "较上年", "同比",
    "比上年", "共计", "先后", "取得", "惠及", "完成了", "达到", "位居",
    "位列", "荣获", "获评", "获批", "入选", "共有", "实现了",
    /* problems found are facts too */
    "存在", "不足", "不到位", "不够", "不快", "滞后", "薄弱", "不规范",
    "不及时", "不精准", "不合理", "仍有", NULL
};

/* Actions that state a fact when the sentence gives figures. */
static const char *const done_verbs[] = {
    "举办", "召开", "组织开展", "开展", "完成", "新增", "建成", "引进",
    "培育", "走访", "服务", NULL
};

/* Whether a word of w starts at a character of s[a, b). A word begins
 * with a lead byte, which no character can swallow, so any byte match is
 * at a character: memmem finds it faster than trying every position. */
static int contains_any(const char *s, size_t a, size_t b, const char *const *w)
{
    size_t j;
    if (a >= b) return 0;
    for (j = 0; w[j]; j++)
        if (memmem(s + a, b - a, w[j], strlen(w[j]))) return 1;
    return 0;
}

static int is_clause_end(uint32_t cp)
{
    return cp == ',' || cp == 0xFF0C || scan_is_term(cp) || scan_is_colon(cp) ||
           cp == 0x3002;
}

/* End of the clause that starts at i. */
static size_t clause_end(const char *s, size_t i, size_t b)
{
    size_t k;
    while (i < b && !is_clause_end(scan_cp(s, b, i, &k))) i += k;
    return i;
}

/* Start of the first clause that is more than a connective. */
static size_t first_clause(const char *s, size_t a, size_t b)
{
    size_t e = clause_end(s, a, b), len, k;
    if (scan_at_any(s, b, a, connectives, &len) >= 0 && a + len == e && e < b) {
        scan_cp(s, b, e, &k);
        return e + k;
    }
    return a;
}

/* Does a commitment verb open s[i..b)? Not when 了 follows (加大了). */
static int verb_opens(const char *s, size_t i, size_t b)
{
    size_t len;
    int guard = 0;
    while (scan_at_any(s, b, i, lead_ins, &len) >= 0 && guard++ < 3) i += len;
    if (scan_at_any(s, b, i, commit_verbs, &len) < 0) return 0;
    return !scan_at(s, b, i + len, "了");
}

/* 将/要 followed by a commitment verb anywhere: a promise (还将持续增长). */
static int promises(const char *s, size_t a, size_t b)
{
    size_t i, k;
    for (i = a; i < b; i += k) {
        scan_cp(s, b, i, &k);
        if ((scan_at(s, b, i, "将") || scan_at(s, b, i, "要")) && verb_opens(s, i + k, b))
            return 1;
    }
    return 0;
}

/* A verb with the perfective 了 (审议了, 提出了), not 为了 除了 了解. */
static int perfective(const char *s, size_t a, size_t b)
{
    size_t i, k;
    for (i = a; i < b; i += k) {
        uint32_t cp = scan_cp(s, b, i, &k), prev;
        size_t p, kk;
        if (cp != 0x4E86 || i == a) continue;          /* 了 */
        p = scan_back(s, i);
        prev = scan_cp(s, b, p, &kk);
        if (!scan_is_cjk(prev) || prev == 0x4E3A || prev == 0x9664 || prev == 0x7F62)
            continue;                                   /* 为 除 罢 */
        if (i + k < b && (scan_at(s, b, i + k, "解") || scan_at(s, b, i + k, "如")))
            continue;
        return 1;
    }
    return 0;
}

/* The kind of a sentence, first rule that applies:
 * 1. a context word anywhere (有利于, 战略命题) → context;
 * 2. a commitment verb opening the first clause (after a bare connective
 *    such as 因此, and lead-ins such as 尤其是 or 为), not followed by 了
 *    → commitment (聚焦……目前已累计…… is a commitment);
 * 3. a fact word (已, 累计, 目前, 较上一年, problems such as 不到位) or a
 *    verb with 了 (加大了, 审议了) → fact, even when a promise follows
 *    (2022年……较上一年增加71.9%……2024年将持续…… is a fact whose due
 *    date is still suggested); so is an action such as 举办 that opens the
 *    first clause of a sentence with figures (举办…近百场);
 * 4. otherwise commitment (将, 要, 2024年……还将持续增长). */
static enum stmt_kind classify(const char *s, size_t a, size_t b, int has_metric)
{
    size_t f;
    if (contains_any(s, a, b, context_words)) return STMT_CONTEXT;
    f = first_clause(s, a, b);
    if (verb_opens(s, f, b)) return STMT_COMMITMENT;
    if (contains_any(s, a, b, fact_words) || perfective(s, a, b)) return STMT_FACT;
    if (has_metric && scan_at_any(s, b, f, done_verbs, NULL) >= 0) return STMT_FACT;
    return STMT_COMMITMENT;
}

/* ---- metrics ---- */

/* Units after a number (longer ones before their prefixes). Years (年),
 * months and letters (5G) are not units. */
static const char *const units[] = {
    "平方公里", "平方米", "立方米", "个百分点", "百分点", "公里", "千米",
    "千瓦", "兆瓦", "千克", "公斤", "小时", "分钟", "人次", "户次", "场次",
    "辆次", "个月", "公顷", "%", "％", "元", "家", "场", "个", "项", "件",
    "人", "次", "名", "所", "台", "套", "米", "吨", "户", "篇", "批", "期",
    "天", "支", "条", "座", "处", "栋", "幢", "间", "张", "部", "辆", "亩",
    "本", "份", "种", "款", "块", "位", "倍", "周", NULL
};
static const char *const magnitudes[] = {"万", "亿", "千", NULL};
static const char *const approx_after[] = {"多", "余", NULL};
/* 近百场, 数十家, 超千人, 逾万名, 约百家, 上千家 */
static const char *const approx_before[] = {"近", "约", "超", "逾", "上", "数", NULL};
static const char *const cn_magnitude[] = {"十", "百", "千", "万", NULL};
static const double cn_value[] = {10, 100, 1000, 10000};

/* Unit at s[j..b): base unit, or magnitude with or without one. Writes
 * the unit into unit (normalised: ％ is %) and returns its end, or 0. */
static size_t unit_at(const char *s, size_t j, size_t b, char unit[32])
{
    size_t len, mlen = 0, p = j;
    int u;
    if (scan_at_any(s, b, p, magnitudes, &mlen) >= 0 && scan_at_any(s, b, p, units, &len) < 0) {
        p += mlen;
        if (scan_at_any(s, b, p, approx_after, &len) >= 0) p += len;
    } else {
        mlen = 0;
    }
    u = scan_at_any(s, b, p, units, &len);
    if (u < 0 && mlen == 0) return 0;
    memcpy(unit, s + j, mlen);
    unit[mlen] = 0;
    if (u >= 0) {
        strcat(unit, strcmp(units[u], "％") == 0 ? "%" : units[u]);
        p += len;
    }
    return p;
}

static int push_metric(struct stmt *st, const char *s, size_t a, size_t e,
                       double value, const char *unit)
{
    struct metric *m = realloc(st->metrics, (st->nmetrics + 1) * sizeof *m);
    if (!m) return -1;
    st->metrics = m;
    m = &m[st->nmetrics];
    m->text = scan_dup_trim(s, a, e);
    m->unit = scan_dup(unit);
    m->value = value;
    if (!m->text || !m->unit) { free(m->text); free(m->unit); return -1; }
    st->nmetrics++;
    return 0;
}

/* An arabic figure at s[i..b): 8支, 11.5亿元, 71.9%, 1700多家. */
static size_t arabic_metric(const char *s, size_t i, size_t b, double *v, char unit[32])
{
    size_t j = i, k, len;
    double val = 0, scale = 1;
    int d;
    while (j < b && (d = scan_digit(scan_cp(s, b, j, &k))) >= 0) { val = val * 10 + d; j += k; }
    if (j < b && (s[j] == '.' || scan_at(s, b, j, "．"))) {
        size_t q = j + (s[j] == '.' ? 1 : strlen("．"));
        int any = 0;
        while (q < b && (d = scan_digit(scan_cp(s, b, q, &k))) >= 0) {
            scale /= 10;
            val += d * scale;
            q += k;
            any = 1;
        }
        if (any) j = q;
    }
    if (scan_at_any(s, b, j, approx_after, &len) >= 0) j += len;
    *v = val;
    return unit_at(s, j, b, unit);
}

/* 近百场: an approximator, a Chinese magnitude, a unit. */
static size_t approx_metric(const char *s, size_t i, size_t b, double *v, char unit[32])
{
    size_t len, j = i;
    int m;
    if (scan_at_any(s, b, j, approx_before, &len) < 0) return 0;
    j += len;
    m = scan_at_any(s, b, j, cn_magnitude, &len);
    if (m < 0) return 0;
    j += len;
    if (scan_at_any(s, b, j, approx_after, &len) >= 0) j += len;
    *v = cn_value[m];
    j = unit_at(s, j, b, unit);
    return j;
}

static int find_metrics(struct stmt *st, const char *s, size_t a, size_t b)
{
    size_t i = a, k;
    uint32_t prev = 0;
    while (i < b) {
        uint32_t cp = scan_cp(s, b, i, &k);
        char unit[32];
        double v;
        size_t e = 0;
        int blocked = (prev < 0x80 && ((prev >= 'A' && prev <= 'Z') ||
                       (prev >= 'a' && prev <= 'z') || prev == '.' || prev == '-' ||
                       prev == '/' || prev == '+')) || prev == 0x7B2C /* 第 */ ||
                      scan_digit(prev) >= 0;
        if (scan_digit(cp) >= 0 && !blocked) e = arabic_metric(s, i, b, &v, unit);
        else if (scan_digit(cp) < 0) e = approx_metric(s, i, b, &v, unit);
        if (e > i) {
            if (push_metric(st, s, i, e, v, unit) < 0) return -1;
            i = e;
            prev = 0;
            continue;
        }
        if (scan_digit(cp) >= 0) {                 /* skip the whole number */
            while (i < b && (scan_digit(scan_cp(s, b, i, &k)) >= 0 || s[i] == '.')) {
                prev = scan_cp(s, b, i, &k);
                i += k;
            }
            continue;
        }
        prev = cp;
        i += k;
    }
    return 0;
}

/* ---- due date suggestion ---- */

/* Words just before a year that make it a target (力争于2024年, 到2025年);
 * the first list wins over past_before, the second does not (截至). */
static const char *const target_before_at[] = {
    "将于", "拟于", "力争在", "争取在", "确保在", "将在", "要在", "力争于",
    "争取于", "确保于", "计划于", "计划在", NULL
};
static const char *const target_before[] = {
    "到", "至", "力争", "计划", "确保", "争取", "预计", NULL
};
/* A deadline right after the year or month (2024年底前, 6月底前). */
static const char *const deadline_after[] = {
    "底前", "底", "末", "前", "内", NULL
};
/* Words just before a year that make it a past reference (截至2024年6月底,
 * 已于2024年3月). */
static const char *const past_before[] = {
    "截至", "截止", "截止到", "已于", "已在", "已经于", "已经在", "于", NULL
};
/* Future markers later in the year's clause (2024年将持续……, 还将);
 * 将 and 要 count only before a verb (将资金拨付 is no promise). */
static const char *const future_words[] = {
    "力争", "计划", "确保", "争取", "预计", "拟", NULL
};

/* Clause start before i. */
static size_t clause_start(const char *s, size_t a, size_t i)
{
    size_t k;
    while (i > a) {
        size_t p = scan_back(s, i);
        if (is_clause_end(scan_cp(s, i, p, &k))) break;
        i = p;
    }
    return i;
}

/* Is the year at s[i..j) (j after 年, jm after the month if any) a target? */
static int is_target(const char *s, size_t a, size_t b, size_t i, size_t jm)
{
    size_t ce, cs = clause_start(s, a, i);
    if (scan_ends_any(s, cs, i, target_before_at)) return 1;
    if (scan_ends_any(s, cs, i, past_before)) return 0;
    if (scan_ends_any(s, cs, i, target_before)) return 1;
    if (scan_at_any(s, b, jm, deadline_after, NULL) >= 0 ||
        scan_at(s, b, jm, "上半年") || scan_at(s, b, jm, "下半年"))
        return 1;
    if (scan_at(s, b, jm, "以来") || scan_at(s, b, jm, "来")) return 0;
    ce = clause_end(s, jm, b);
    return contains_any(s, jm, ce, future_words) || promises(s, jm, ce);
}

static void find_due(char due[11], const char *s, size_t a, size_t b)
{
    size_t i, k, u;
    due[0] = 0;
    for (i = a; i < b; i += k) {
        uint32_t prev = i > a ? scan_cp(s, b, scan_back(s, i), &u) : 0;
        int y, mo = 0;
        size_t j, jm;
        scan_cp(s, b, i, &k);
        if (scan_digit(prev) >= 0 || (y = scan_ar_number(s, b, i, &u)) < 2000 || y > 2100 ||
            u != 4 || !scan_at(s, b, i + u, "年"))
            continue;
        j = jm = i + u + strlen("年");
        if ((mo = scan_ar_number(s, b, j, &u)) >= 1 && mo <= 12 && scan_at(s, b, j + u, "月"))
            jm = j + u + strlen("月");
        else
            mo = 0;
        if (!is_target(s, a, b, i, jm)) continue;
        if (!mo && scan_at(s, b, jm, "上半年")) mo = 6;
        if (!mo) mo = 12;
        cal_iso(due, y, mo, cal_days_in_month(y, mo));
        return;
    }
}

/* ---- statements ---- */

void parse_stmt_free_stmts(struct stmt *v, size_t n)
{
    doc_stmts_free(v, n);
}

static int make_stmt(struct pctx *c, struct stmt *st, size_t a, size_t b)
{
    const char *s = c->body;
    memset(st, 0, sizeof *st);
    st->text = scan_dup_trim(s, a, b);
    if (!st->text) return -1;
    if (find_metrics(st, s, a, b) < 0) return -1;
    find_due(st->due, s, a, b);
    if (parse_dept_find(c, s, a, b, &st->depts, &st->ndepts) < 0) return -1;
    /* A sentence that names a target date (2024年将……) promises something
     * by then, whatever figures it reports first: it is a commitment. */
    st->kind = st->due[0] && classify(s, a, b, 0) != STMT_CONTEXT
                   ? STMT_COMMITMENT
                   : classify(s, a, b, st->nmetrics > 0);
    parse_target_dirs(st, s, a, b);
    return 0;
}

int parse_stmt_fill(struct pctx *c, struct stmt *st)
{
    size_t n = strlen(st->text);
    if (find_metrics(st, st->text, 0, n) < 0) return -1;
    find_due(st->due, st->text, 0, n);
    parse_target_dirs(st, st->text, 0, n);
    return parse_dept_find(c, st->text, 0, n, &st->depts, &st->ndepts);
}

int parse_stmt_split(struct pctx *c, size_t a, size_t b, struct stmt **v, size_t *n)
{
    size_t i = a, cap = *n;
    while (i < b) {
        size_t e = parse_stmt_next_sentence(c->body, i, b), x = i, y = e;
        scan_trim(c->body, &x, &y);
        if (y > x && has_word(c->body, x, y)) {
            if (mem_grow((void **)v, *n, &cap, sizeof **v) < 0) return -1;
            if (make_stmt(c, &(*v)[*n], x, y) < 0) {
                (*n)++;             /* the partial one is freed with the rest */
                return -1;
            }
            (*n)++;
        }
        i = e > i ? e : b;
    }
    /* the array at its size: a report of 67,000 tasks holds some 80,000
     * sentences, and doubling left a third of their array unused */
    if (*n && cap > *n) {
        struct stmt *fit = realloc(*v, *n * sizeof **v);
        if (fit)
            *v = fit;
    }
    return 0;
}

int parse_stmt_commits(const char *s, size_t a, size_t b)
{
    size_t i = a;
    while (i < b) {
        size_t e = parse_stmt_next_sentence(s, i, b), x = i, y = e, f;
        scan_trim(s, &x, &y);
        if (y > x && classify(s, x, y, 0) == STMT_COMMITMENT) {
            f = first_clause(s, x, y);
            if (verb_opens(s, f, y) || promises(s, x, y) || contains_any(s, x, y, future_words))
                return 1;
        }
        i = e > i ? e : b;
    }
    return 0;
}
