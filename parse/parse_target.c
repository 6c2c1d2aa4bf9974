/* Targets: the direction of each figure of a statement, from the words
 * around it. A figure of a fact or context statement, or one that a fact
 * word opens (已累计…1700多家, 截至目前…), is a fact; in a commitment the
 * words after it (以上, 以内, 左右) and then those before it in its clause
 * (不少于, 控制在, 约) say which way it binds; a bare figure (新增30家,
 * 增长6%) is one to reach at least when its statement sets goals (a
 * commitment verb opens it, 今年, 目标, 力争, a due date) and a fact when
 * it only reports (地区生产总值增长5%, in a review of the year). */
#define _GNU_SOURCE        /* memmem */
#include "parse/parse_int.h"

#include <string.h>

/* Right after the figure (1万名左右, 6%以上, 3%以内). */
static const char *const after_least[] = {"及以上", "以上", NULL};
static const char *const after_most[] = {"及以下", "以下", "以内", "之内", NULL};
static const char *const after_about[] = {"左右", "上下", NULL};

/* In the clause before the figure, nearest first wins. */
static const char *const before_most[] = {
    "不超过", "不高于", "不多于", "不大于", "低于", "少于", "控制在", "降至",
    "降到", "降低到", "下降到", "压减到", "压缩到", "压减至", "压缩至", NULL
};
static const char *const before_least[] = {
    "不少于", "不低于", "不小于", "至少", "超过", "突破", "达到", "达", "确保",
    "力争", NULL
};
static const char *const before_about[] = {"大约", "约", "预计", NULL};

/* A fact word in the figure's clause (or just before it). */
static const char *const fact_words[] = {
    "已", "累计", "截至", "截止", "目前", "现有", "共计", "去年", "过去",
    "上年度", "同比", NULL
};

/* Figures that open with an approximation: 约百家, 近百场 (about), 超千人,
 * 逾万名, 上千家 (at least). */
static const char *const open_about[] = {"约", "近", NULL};
static const char *const open_least[] = {"超", "逾", "上", NULL};

/* Start of the clause s[a..i) ends in: after the last ， 、 ； ： or 。 */
static size_t clause_start(const char *s, size_t a, size_t i)
{
    while (i > a) {
        size_t p = scan_back(s, i), k;
        uint32_t cp = scan_cp(s, i, p, &k);
        if (scan_is_term(cp) || scan_is_colon(cp) || cp == 0xFF0C /* ， */ ||
            cp == ',' || cp == 0x3001 /* 、 */)
            return i;
        i = p;
    }
    return a;
}

static size_t skip_space(const char *s, size_t i, size_t b)
{
    size_t k;
    while (i < b && scan_is_space(scan_cp(s, b, i, &k))) i += k;
    return i;
}

/* The nearest word of w that ends at or before i, at or after c: its end,
 * or 0 when none. */
static size_t nearest(const char *s, size_t c, size_t i, const char *const *w)
{
    size_t best = 0;
    for (size_t j = 0; w[j]; j++) {
        size_t len = strlen(w[j]), p = c;
        while (p + len <= i) {
            const char *f = memmem(s + p, i - p, w[j], len);
            if (!f) break;
            size_t e = (size_t)(f - s) + len;
            if (e > best) best = e;
            p = (size_t)(f - s) + 1;
        }
    }
    return best;
}

/* Words of a statement that set a figure as a goal (今年……, 预期目标). */
static const char *const goal_words[] = {
    "目标", "今年", "明年", "年内", "全年", "预期", "力争", "确保", "计划",
    "争取", "将", "要", NULL
};

/* Verbs that, in a commitment's clause, set what is to be made (新增30家,
 * 创建20个无障碍社区). */
static const char *const make_verbs[] = {
    "新增", "新建", "创建", "新改建", "改扩建", "建设", "打造", "培育", "培养",
    "引进", "改造", "开展", "实施", NULL
};

static int has_any(const char *s, size_t a, size_t b, const char *const *w)
{
    for (size_t j = 0; a < b && w[j]; j++)
        if (memmem(s + a, b - a, w[j], strlen(w[j]))) return 1;
    return 0;
}

/* The largest year (2000年..2100年) in s[a..b) and whether one is, 0 if none. */
static int max_year(const char *s, size_t a, size_t b)
{
    int best = 0;
    size_t i = a, k, u;
    while (i < b) {
        int y = scan_ar_number(s, b, i, &u);
        if (y >= 2000 && y <= 2100 && u == 4 && scan_at(s, b, i + u, "年")) {
            if (y > best) best = y;
            i += u;
            continue;
        }
        scan_cp(s, b, i, &k);
        i += k;
    }
    return best;
}

/* Does the figure at ms of the sentence s[a..) with its clause at c
 * report a fact: a fact word in its clause, or one earlier in the
 * sentence s[a..b) with no goal word after it (目前，……已累计投资8支子基金，认缴
 * 11.5亿元), or a year before it earlier than one the sentence names
 * after it (2022年……22.69亿元……2024年将持续)? */
static int reports(const char *s, size_t a, size_t b, size_t c, size_t ms)
{
    size_t lf = nearest(s, a, ms, fact_words);
    int y = max_year(s, a, ms);
    if (nearest(s, c, ms, fact_words)) return 1;
    if (lf && nearest(s, a, ms, goal_words) < lf) return 1;
    return y && y < max_year(s, ms, b);
}

/* Does a make verb open the clause s[c..ms), after a year (2025年新增)? */
static int opens_make(const char *s, size_t c, size_t ms)
{
    size_t len, u;
    if (scan_ar_number(s, ms, c, &u) >= 2000 && u == 4 && scan_at(s, ms, c + u, "年"))
        c += u + strlen("年");
    return scan_at_any(s, ms, c, make_verbs, &len) >= 0;
}

/* The direction of the figure s[ms..me) of the statement s[a..b); goal
 * says whether the statement sets goals, which makes a bare figure one
 * (-1: only the figure's own words count, not a make verb). */
static enum metric_dir direction(const char *s, size_t a, size_t b, size_t ms, size_t me,
                                 const char *text, int goal)
{
    size_t c = clause_start(s, a, ms), j = skip_space(s, me, b), len, lm, ll, la;
    if (reports(s, a, b, c, ms) || scan_at(s, b, j, "已")) return METRIC_FACT;
    if (scan_at_any(s, b, j, after_least, &len) >= 0) return METRIC_AT_LEAST;
    if (scan_at_any(s, b, j, after_most, &len) >= 0) return METRIC_AT_MOST;
    if (scan_at_any(s, b, j, after_about, &len) >= 0) return METRIC_ABOUT;
    if (scan_at_any(text, strlen(text), 0, open_about, &len) >= 0) return METRIC_ABOUT;
    if (scan_at_any(text, strlen(text), 0, open_least, &len) >= 0) return METRIC_AT_LEAST;
    lm = nearest(s, c, ms, before_most);
    ll = nearest(s, c, ms, before_least);
    la = nearest(s, c, ms, before_about);
    if (lm && lm >= ll && lm >= la) return METRIC_AT_MOST;
    if (goal >= 0 && opens_make(s, c, ms)) goal = 1;
    if (la && la > ll) return METRIC_ABOUT;
    return ll || goal > 0 ? METRIC_AT_LEAST : METRIC_FACT;
}

void parse_target_dirs(struct stmt *st, const char *s, size_t a, size_t b)
{
    size_t at = a, pos[64];
    int goal = st->due[0] || has_any(s, a, b, goal_words) || parse_stmt_commits(s, a, b);
    size_t n = st->nmetrics < 64 ? st->nmetrics : 64, i;
    for (i = 0; i < st->nmetrics; i++) st->metrics[i].dir = METRIC_FACT;
    if (st->kind != STMT_COMMITMENT) return;
    for (i = 0; i < n; i++) {
        size_t tl = strlen(st->metrics[i].text);
        const char *f = at <= b ? memmem(s + at, b - at, st->metrics[i].text, tl) : NULL;
        pos[i] = f ? (size_t)(f - s) : (size_t)-1;
        if (f) at = pos[i] + tl;
    }
    /* a figure bound by its own words (5%左右) makes the sentence one of
     * goals: 城镇调查失业率控制在5%左右，城镇新增就业50万人 */
    for (i = 0; i < n && !goal; i++)
        if (pos[i] != (size_t)-1 &&
            direction(s, a, b, pos[i], pos[i] + strlen(st->metrics[i].text),
                      st->metrics[i].text, -1) != METRIC_FACT)
            goal = 1;
    for (i = 0; i < n; i++)
        if (pos[i] != (size_t)-1)
            st->metrics[i].dir = direction(s, a, b, pos[i], pos[i] + strlen(st->metrics[i].text),
                                           st->metrics[i].text, goal);
}
