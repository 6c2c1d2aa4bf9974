/* Departments: found by their shape (区/县/市/镇/省 …局/委/办/中心, maybe
 * after a place such as 上海市) or verbatim from the configured list; the
 * department an item names as its actor becomes its suggested owner, else
 * a [routing] keyword's department, else the report's lead department. */
#include "util/mem.h"
#include "parse/parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* Endings of a department's name; 委员会 and 办公室 are reached by
 * extending 委 and 办. */
static const char *const dept_ends[] = {
    "中心", "集团", "小组", "局", "委", "办", "室", "厅", "署", "院", "所", "处", "站", "队",
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
    "团队", "核心", "庭院", "寺院", "剧院", "医院", "部署", "告所", "盟所", NULL
};
static const char *const end_words_after[] = {
    "局面", "局部", "局限", "办理", "办法", "办学", "办好", "办事", "办实",
    "办结", "办件", "室内", "院校", "院士", "所有", "所在", "所以", "所需",
    "所属", "所得", "所谓", "处理", "处置", "处于", "处在", "站点", "站位",
    "队伍", "委托", "馆藏", "所提", "所列", "所确", "所承", "所作", "所做", "所获",
    "所述", "所涉", "所要", "所能", "所占", "所含", "所辖", "所在地", "所示", NULL
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
        if (scan_at_any(s, b, i, w, NULL) >= 0) return 1;
    return 0;
}

/* Is the name s[a..b) not a department: the party committee (区委, 区委办,
 * 区委员会) or the government itself (县政府责成县生态环境局)? */
static int not_a_department(const char *s, size_t a, size_t b)
{
    {   /* the committees themselves: 县委, 省市区委 */
        size_t i = a, k;
        while (i < b && scan_at_any(s, b, i, admin_starts, NULL) >= 0) { scan_cp(s, b, i, &k); i += k; }
        if (i > a && scan_at(s, b, i, "委") && i + strlen("委") == b) return 1;
    }
    size_t g = scan_find(s, a, b, "政府");
    /* the government itself is no department; its offices are (区政府办公室) */
    if (g != (size_t)-1 && b - (g + strlen("政府")) > 5 * 3) return 1;
    size_t l = strlen("区"), w = strlen("委");
    if (!scan_at(s, b, a + l, "委")) return 0;
    return b == a + l + w || scan_at(s, b, a + l + w, "办") || scan_at(s, b, a + l + w, "员");
}

/* What follows 中心 when it is the centre of something (中心工作, 中心城区). */
static const char *const centre_words[] = {"工作", "任务", "城", "镇", "村", "区", "环节", NULL};

/* Shape match of a department starting at s[i] (a level character):
 * its end, or 0. Shortest name: the first ending reached wins. */
static size_t shape_at(const char *s, size_t i, size_t b)
{
    size_t j = i, k, len;
    int chars = 0;
    if (scan_at_any(s, b, i, admin_starts, NULL) < 0) return 0;
    if (i > 0 && scan_at_any(s, b, scan_back(s, i), word_before, NULL) >= 0) return 0;
    if (scan_at_any(s, b, i, level_words, NULL) >= 0) return 0;
    while (j < b && chars < 12) {
        uint32_t cp = scan_cp(s, b, j, &k);
        if (!scan_is_cjk(cp)) return 0;
        if (j > i && scan_at_any(s, b, j, not_inside, NULL) >= 0) return 0;
        chars++;
        if (chars >= 2 && scan_at_any(s, b, j, dept_ends, &len) >= 0 && !scan_at(s, b, j, "中") &&
            scan_at_any(s, b, scan_back(s, j), end_words_before, NULL) < 0 &&
            scan_at_any(s, b, j, end_words_after, NULL) < 0) {
            size_t e = j + len;
            if (scan_at(s, b, j, "委") && scan_at(s, b, e, "员") && !scan_at(s, b, e, "员会"))
                return 0;                       /* 省政协委员: a member, no department */
            if (scan_at(s, b, j, "委") && scan_at(s, b, e, "员会")) e += strlen("员会");
            else if (scan_at(s, b, j, "办") && scan_at(s, b, e, "公室")) e += strlen("公室");
            else if (scan_at(s, b, j, "小组") && scan_at(s, b, e, "办公室")) e += strlen("办公室");
            if (contains(s, i, e, not_dept)) return 0;
            if (!not_a_department(s, i, e)) return e;
            /* 县委 is the committee itself, 县委督查办 one of its offices:
             * a bare committee goes on to the next ending */
            if (!(e == i + strlen("县委") && scan_at(s, b, i + strlen("县"), "委"))) return 0;
        }
        if (chars >= 2 && scan_at(s, b, j, "中心")) {
            size_t e = j + strlen("中心");
            /* 区委区政府中心工作, 中心城区: the centre of something, no department */
            if (contains(s, i, j, not_dept) || scan_at_any(s, b, e, centre_words, NULL) >= 0 ||
                scan_find(s, i, j, "政府") != (size_t)-1)
                return 0;
            return e;
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
            scan_cp(t, n, p, &k);
            if (scan_at_any(t, n, p, admin_starts, NULL) < 0) continue;
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
    scan_cp(s, b, i, &k);
    for (j = 0; known_places[j]; j++) {
        p = place_before(s, a, i + k, known_places[j]);
        if (p != (size_t)-1 && p < *start) *start = p;
    }
    p = learned_place(c, s, a, i + k);
    if (p != (size_t)-1 && p < *start) *start = p;
    return 1;
}

struct span { size_t a, b; };

/* Party committees before a party organ's name (县委督查室, 区委区政府督查室). */
static const char *const committee_prefix[] = {
    "区委", "县委", "市委", "省委", "州委", "党委", "中共", NULL
};
static const char *const gov_prefix[] = {"人民政府", "政府", NULL};

static int ends_at(const char *s, size_t lo, size_t e, const char *w)
{
    size_t l = strlen(w);
    return e >= lo + l && memcmp(s + e - l, w, l) == 0;
}

/* Where a department whose lexicon name starts at s[i] begins: back over
 * a place (东湖区, 上海市), a level (市, 区), 人民政府 and a party committee
 * (县委, 区委区政府), never before lo. */
static size_t prefix_start(const struct pctx *c, const char *s, size_t lo, size_t i)
{
    size_t st = i, p;
    int guard, j;
    for (guard = 0; guard < 6; guard++) {
        if ((p = parse_lexicon_place_before(c, s, lo, st)) != (size_t)-1 && p < st) { st = p; continue; }
        if ((p = learned_place(c, s, lo, st)) != (size_t)-1 && p < st) { st = p; continue; }
        for (j = 0; known_places[j]; j++)
            if (ends_at(s, lo, st, known_places[j])) break;
        if (known_places[j]) { st -= strlen(known_places[j]); continue; }
        for (j = 0; committee_prefix[j]; j++)
            if (ends_at(s, lo, st, committee_prefix[j])) break;
        if (committee_prefix[j]) {
            st -= strlen(committee_prefix[j]);
            if (!scan_at(s, st + 6, st, "中共") && !scan_at(s, st + 6, st, "党委") &&
                (p = parse_lexicon_place_before(c, s, lo, st + 3)) != (size_t)-1 && p < st)
                st = p;                          /* 东湖区委: the place owns the level */
            continue;
        }
        for (j = 0; gov_prefix[j]; j++)
            if (ends_at(s, lo, st, gov_prefix[j])) break;
        if (gov_prefix[j]) { st -= strlen(gov_prefix[j]); continue; }
        if (st > lo) {
            size_t q = scan_back(s, st);
            if (scan_at_any(s, st, q, admin_starts, NULL) >= 0 && scan_at(s, st, q, "州") == 0 &&
                (q <= lo || scan_at_any(s, st, scan_back(s, q), word_before, NULL) < 0)) {
                st = q;
                continue;
            }
            if (scan_at(s, st, q, "州") || scan_at(s, st, q, "乡") || scan_at(s, st, q, "旗")) {
                st = q;
                continue;
            }
        }
        break;
    }
    return st;
}

/* Units named by their place at a clause's start (逍林镇清理……, 中街办事处对……):
 * two to four Han characters and 镇, 乡, 街道, 办事处. End or 0. */
static const char *const units[] = {"街道办事处", "办事处", "街道", "镇", NULL};
static const char *const not_unit_before[] = {
    "小", "城", "乡", "集", "村", "古", "名", "强", "重", "特色", "建制", "专业", "中心", "示范",
    NULL
};
/* Words that open a clause but no unit's name (大部分乡镇, 确保我镇). */
static const char *const not_unit_start[] = {
    "大部分", "部分", "完成", "确保", "含", "包括", "全部", "所有", "其他", "其余", "我",
    "本", "全", "各", "该", "每", "对", "在", "将", "和", "要", "由", "请", "经", "按", "据",
    "以", "为", "并", "还", "也", "又", "需", "应", "可", "能", "把", "向", "从", "使",
    "根据", "按照", "依据", "经过", "通过", "针对", "围绕", "结合", "关于", "督促", "指导",
    "推动", "推进", "办好", "赋能", "加快", "支持", "培育", "发展", "建设", "打造", "农村", "紧紧",
    NULL
};
static const char *const list_joins[] = {"、", "和", "及", "与", NULL};
/* What a district or county that acts does (海淀区、各街镇抓好落实, 朝阳区负责). */
static const char *const place_acts[] = {"负责", "牵头", "配合", "抓好", "落实", NULL};

/* Does an act follow within a dozen characters, before the clause ends? */
static int place_acts_after(const char *s, size_t j, size_t b)
{
    size_t k;
    int chars;
    for (chars = 0; j < b && chars < 12; chars++) {
        uint32_t cp = scan_cp(s, b, j, &k);
        if (scan_at_any(s, b, j, place_acts, NULL) >= 0) return 1;
        if (scan_is_term(cp) || cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == '\n') return 0;
        j += k;
    }
    return 0;
}

static size_t unit_at(const char *s, size_t a, size_t i, size_t b)
{
    size_t j = i, k, len;
    int chars = 0;
    if (i > a) {
        size_t p = scan_back(s, i);
        uint32_t cp = scan_cp(s, b, p, &k);
        if (scan_is_cjk(cp) && scan_at_any(s, b, p, list_joins, NULL) < 0) return 0;
    }
    if (scan_at_any(s, b, i, word_before, NULL) >= 0 || scan_at_any(s, b, i, not_unit_start, NULL) >= 0)
        return 0;
    while (j < b && chars < 4) {
        if (!scan_is_cjk(scan_cp(s, b, j, &k)) || (j > i && scan_at_any(s, b, j, not_inside, NULL) >= 0))
            return 0;
        j += k;
        chars++;
        if (chars >= 2 && (scan_at(s, b, j, "区") || scan_at(s, b, j, "县")) &&
            !scan_at(s, b, j + strlen("区"), "委") && place_acts_after(s, j + strlen("区"), b))
            return j + strlen("区");             /* 海淀区、各街镇抓好落实 */
        if (chars >= 2 && scan_at_any(s, b, j, units, &len) >= 0 &&
            scan_at_any(s, b, scan_back(s, j), not_unit_before, NULL) < 0 &&
            !scan_at(s, b, j + len, "的") && !scan_at(s, b, j + len, "建设") &&
            !scan_at(s, b, j + len, "镇") && !scan_at(s, b, j + len, "村") &&
            !scan_at(s, b, j + len, "级") && !scan_at(s, b, j + len, "域") &&
            !scan_at(s, b, j + len, "铁路") && !scan_at(s, b, j + len, "高铁"))
            return j + len;
    }
    return 0;
}

/* Endings of a listed unit: in 包括团县委、地病办、联通公司…… a name that
 * stands in a list beside a department is one too. */
static const char *const list_ends[] = {
    "局", "委", "办", "室", "厅", "署", "院", "处", "站", "队", "中心", "公司", "银行",
    "分局", "集团", "镇", "乡", "街道", "办事处", "联", "会", "部", NULL
};
static const char *const list_stops[] = {
    "、", "，", ",", "。", "；", ";", "：", ":", "（", "(", "）", ")", "和", "及", "与",
    "等", "\n", NULL
};

static int list_item(const char *s, size_t x, size_t y)
{
    size_t i, k;
    int chars = 0;
    if (y <= x) return 0;
    for (i = x; i < y; i += k) {
        if (!scan_is_cjk(scan_cp(s, y, i, &k))) return 0;
        if (i > x && scan_at_any(s, y, i, not_inside, NULL) >= 0) return 0;
        chars++;
    }
    if (chars < 2 || chars > 6) return 0;      /* longer names come from the lexicon */
    for (i = 0; list_ends[i]; i++)
        if (ends_at(s, x, y, list_ends[i])) return 1;
    return 0;
}

static int cmp_span(const void *x, const void *y)
{
    const struct span *p = x, *q = y;
    return p->a < q->a ? -1 : p->a > q->a;
}

static int covered(const struct span *v, size_t n, size_t x, size_t y)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (x < v[i].b && v[i].a < y) return 1;
    return 0;
}

/* Names listed with 、 beside a department are departments too. */
static int propagate_lists(const char *s, size_t a, size_t b, struct span **out, size_t *n,
                           size_t *cap)
{
    int round, added = 1;
    for (round = 0; round < 4 && added; round++) {
        size_t i, cnt = *n, len;
        added = 0;
        for (i = 0; i < cnt; i++) {
            size_t e = (*out)[i].b, y;
            if (scan_at(s, b, e, "、")) {          /* the next item */
                size_t x = e + strlen("、");
                for (y = x; y < b && scan_at_any(s, b, y, list_stops, &len) < 0; y += len) {
                    scan_cp(s, b, y, &len);
                }
                if (list_item(s, x, y) && !covered(*out, *n, x, y)) {
                    if (mem_grow((void **)out, *n, cap, sizeof **out) < 0) return -1;
                    (*out)[*n].a = x;
                    (*out)[(*n)++].b = y;
                    added = 1;
                }
            }
            e = (*out)[i].a;
            if (e >= a + strlen("、") && memcmp(s + e - strlen("、"), "、", strlen("、")) == 0) {
                size_t x, yy = e - strlen("、");
                x = yy;
                while (x > a) {
                    size_t p = scan_back(s, x);
                    if (scan_at_any(s, b, p, list_stops, NULL) >= 0) break;
                    x = p;
                }
                if (list_item(s, x, yy) && !covered(*out, *n, x, yy)) {
                    if (mem_grow((void **)out, *n, cap, sizeof **out) < 0) return -1;
                    (*out)[*n].a = x;
                    (*out)[(*n)++].b = yy;
                    added = 1;
                }
            }
        }
        if (added) qsort(*out, *n, sizeof **out, cmp_span);
    }
    return 0;
}

/* Names that say nothing on their own (办公室, 法院) and short ones that
 * hide inside words (作协 in 工作协调): they count only with a place,
 * level or committee before them, or (the short ones) at a clause's
 * start or in a list. */
static const char *const generic_cores[] = {
    "办公室", "办公厅", "办事处", "街道办事处", "管委会", "管理委员会", "法院", "人民法院",
    "检察院", "人民检察院", "工会", "团委", "党校", "研究室", "督查室", "政府办", "政府办公室",
    "人民政府办公室", "人民政府办公厅", "政府办公厅", "审计委员会", "财经委员会", "领导小组", NULL
};

static int bare_core_ok(const char *s, size_t a, size_t i, size_t e)
{
    size_t j, k;
    for (j = 0; generic_cores[j]; j++)
        if (strlen(generic_cores[j]) == e - i && memcmp(s + i, generic_cores[j], e - i) == 0)
            return 0;
    if (e - i > 6 || i <= a) return 1;
    j = scan_back(s, i);
    return !scan_is_cjk(scan_cp(s, e, j, &k)) || scan_at_any(s, e, j, list_joins, NULL) >= 0;
}

/* Configured names, lexicon names with what stands before them, shape
 * matches and units at a clause's start in s[a..b), in order, no
 * overlaps; then names listed beside them. */
static int spans(const struct pctx *c, const char *s, size_t a, size_t b,
                 struct span **out, size_t *n)
{
    size_t i = a, cap = 0, k, j;
    const struct parse_opts *o = c->opts;
    *out = NULL;
    *n = 0;
    int book = 0;                   /* inside 《…》: a law's title, no names */
    while (i < b) {
        size_t st = 0, en = 0, lo = *n > 0 ? (*out)[*n - 1].b : a;
        if (scan_at(s, b, i, "《")) book++;
        else if (scan_at(s, b, i, "》") && book > 0) book--;
        if (book > 0) {
            scan_cp(s, b, i, &k);
            i += k;
            continue;
        }
        for (j = 0; o && o->departments && j < o->ndepartments; j++) {
            const char *d = o->departments[j];
            if (d && *d && d[0] == s[i] && scan_at(s, b, i, d) && i + strlen(d) > en) {
                st = i;
                en = i + strlen(d);
            }
        }
        if (!en && (en = parse_lexicon_match(c, s, b, i)) != 0) {
            st = prefix_start(c, s, lo, i);
            if (st == i && !bare_core_ok(s, a, i, en)) en = 0;
        }
        if (!en && i >= lo && (en = unit_at(s, a, i, b)) != 0) st = i;
        if (!en && dept_at(c, s, a, i, b, &st, &en)) {
            if (st < lo) st = i;                          /* no overlaps */
            st = prefix_start(c, s, lo, st);              /* 区委 + 区政府督查室 */
        }
        if (en > i) {
            if (mem_grow((void **)out, *n, &cap, sizeof **out) < 0) return -1;
            (*out)[*n].a = st;
            (*out)[(*n)++].b = en;
            i = en;
            continue;
        }
        scan_cp(s, b, i, &k);
        i += k;
    }
    return *n ? propagate_lists(s, a, b, out, n, &cap) : 0;
}

int parse_dept_find(struct pctx *c, const char *s, size_t a, size_t b, char ***v, size_t *n)
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
        d = scan_dup_trim(s, sp[i].a, sp[i].b);
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
        size_t p = scan_back(s, i);
        cp = scan_cp(s, i, p, &k);
        if (!scan_is_space(cp)) break;
        i = p;
    }
    if (i <= a) return 1;
    cp = scan_cp(s, i, scan_back(s, i), &k);
    if (cp == ',' || cp == 0xFF0C || cp == '\n' || scan_is_term(cp) ||
        scan_is_colon(cp) || cp == 0x3002)
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

char *parse_dept_actor(struct pctx *c, const char *s, size_t a, size_t b)
{
    struct span *sp;
    size_t ns, i, k;
    char *res = NULL;
    if (spans(c, s, a, b, &sp, &ns) < 0) return NULL;
    for (i = 0; i < ns && !res; i++) {
        size_t e = sp[i].b;
        if (!clause_starts_at(s, a, sp[i].a) || e >= b) continue;
        if (!scan_is_cjk(scan_cp(s, b, e, &k)) || scan_at_any(s, b, e, not_after, NULL) >= 0)
            continue;
        res = scan_dup_trim(s, sp[i].a, e);
    }
    free(sp);
    return res;
}

/* 要求X会同 / 由X牵头 / X牵头 / 责成X */
static const char *const lead_before[] = {"要求", "责成", "由", NULL};
static const char *const lead_after[] = {"会同", "牵头", "负责", NULL};

char *parse_dept_lead(struct pctx *c, const char *s, size_t a, size_t b)
{
    struct span *sp;
    size_t ns, i, j;
    char *res = NULL;
    if (spans(c, s, a, b, &sp, &ns) < 0) return NULL;
    for (i = 0; i < ns && !res; i++) {
        int hit = scan_at_any(s, b, sp[i].b, lead_after, NULL) >= 0;
        for (j = 0; lead_before[j] && !hit; j++) {
            size_t l = strlen(lead_before[j]);
            hit = sp[i].a >= a + l && memcmp(s + sp[i].a - l, lead_before[j], l) == 0;
        }
        if (hit) res = scan_dup_trim(s, sp[i].a, sp[i].b);
    }
    free(sp);
    return res;
}

char *parse_dept_title_owner(struct pctx *c)
{
    const char *t = c->doc->meta.title;
    struct span *sp;
    size_t ns, n, a = 0, u;
    char *res = NULL;
    if (!t) return NULL;
    n = strlen(t);
    if (scan_at(t, n, 0, "关于对")) a = strlen("关于对");
    else if (scan_at(t, n, 0, "关于")) a = strlen("关于");
    if (spans(c, t, a, n, &sp, &ns) < 0) return NULL;
    if (ns > 0 && sp[0].a == a) {
        size_t e = sp[0].b;
        int y = scan_ar_number(t, n, e, &u);
        if ((y >= 2000 && y <= 2100 && u == 4 && scan_at(t, n, e + u, "年")) ||
            scan_at(t, n, e, "关于"))
            res = scan_dup_trim(t, sp[0].a, e);
    }
    free(sp);
    return res;
}

char *parse_dept_self_owner(struct pctx *c)
{
    static const char *const selves[] = {"我局", "我委", "我办", "我厅", "我中心", "本局", NULL};
    const char *t = c->doc->meta.signed_by;
    struct span *sp;
    size_t ns, n, i, len;
    char *res = NULL;
    int says = 0;
    if (!t || !c->body) return NULL;
    for (i = c->bstart; i < c->bend && !says; i++)
        says = scan_at_any(c->body, c->bend, i, selves, &len) >= 0;
    if (!says) return NULL;
    n = strlen(t);
    if (spans(c, t, 0, n, &sp, &ns) < 0) return NULL;
    if (ns == 1 && sp[0].a == 0 && sp[0].b == n) res = scan_dup(t);
    free(sp);
    return res;
}

/* The department a node names as its actor, in its title, then its
 * statements in order. NULL when none (or out of memory: *oom set). */
static char *node_actor(struct pctx *c, const struct node *n)
{
    char *o = parse_dept_actor(c, n->title, 0, strlen(n->title));
    size_t i;
    for (i = 0; !o && i < n->nstmts; i++)
        o = parse_dept_actor(c, n->stmts[i].text, 0, strlen(n->stmts[i].text));
    return o;
}

/* The level of the body that issued the report (上海市静安区人民政府 → 区,
 * 衢州市审计局 → 市): the level before 政府, else before the first
 * department's lexicon name; NULL when unknown. Static string. */
static const char *report_level(const struct pctx *c)
{
    static const char *const lv[] = {"省", "市", "区", "县", "镇", "乡", NULL};
    const struct doc_meta *m = &c->doc->meta;
    const char *src[3] = {m->signed_by, m->issuer, m->title};
    size_t i, j, k;
    int x;
    for (i = 0; i < 3; i++) {
        const char *t = src[i];
        size_t n = t ? strlen(t) : 0, g;
        if (!n) continue;
        if ((g = scan_find(t, 0, n, "政府")) != (size_t)-1 && g > 0) {
            size_t p = scan_back(t, g);
            if (scan_at(t, n, p, "民") && p >= 6) p -= 6;          /* 人民政府 */
            if ((x = scan_at_any(t, n, p, lv, NULL)) >= 0) return lv[x];
        }
        for (j = 0; j < n; j += k) {
            scan_cp(t, n, j, &k);
            if ((x = scan_at_any(t, n, j, lv, NULL)) >= 0 && parse_lexicon_match(c, t, n, j + k)) return lv[x];
        }
    }
    return NULL;
}

/* A route's department belongs to another level than the report's (a 市
 * report and 区知识产权局): it may not be suggested. */
static int other_level(const char *level, const char *dept)
{
    static const char *const lv[] = {"省", "市", "区", "县", "镇", "乡", NULL};
    int x;
    if (!level || !dept || (x = scan_at_any(dept, strlen(dept), 0, lv, NULL)) < 0) return 0;
    return strcmp(lv[x], level) != 0;
}

static const char *routed(const struct pctx *c, const struct node *n)
{
    const struct parse_opts *o = c->opts;
    const char *level;
    size_t r, i;
    if (!o || !o->routes) return NULL;
    level = report_level(c);
    for (r = 0; r < o->nroutes; r++) {
        const char *kw = o->routes[r].keyword;
        if (!kw || !*kw || !o->routes[r].dept || other_level(level, o->routes[r].dept)) continue;
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
        if (!(n->owner = scan_dup(anc->owner))) return -1;
        n->owner_src = OWNER_MARKER;
    }
    if (!n->nsupport && anc->nsupport) {
        if (!(n->support = calloc(anc->nsupport, sizeof *n->support))) return -1;
        for (i = 0; i < anc->nsupport; i++) {
            if (!(n->support[i] = scan_dup(anc->support[i]))) return -1;
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
        if (d && !(n->owner = scan_dup(d))) return -1;
        if (d) n->owner_src = src;
    }
    for (i = 0; i < n->nchildren; i++)
        if (owners_of(c, &n->children[i], anc) < 0) return -1;
    return 0;
}

int parse_dept_owners(struct pctx *c)
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
