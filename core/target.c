/* Targets' units, values and shares (core/target.h). */
#include "core/target.h"

#include <ctype.h>
#include <math.h>          /* isfinite: a macro, no libm */
#include <stdio.h>
#include <string.h>

/* Magnitudes a unit may open with, longest first, and their factors. */
static const struct { const char *p; double f; } mags[] = {
    {"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3},
};
/* Units that open with a magnitude's character but are units of their own. */
static const char *const whole[] = {"千克", "千瓦", "千米", "千瓦时", "万向", NULL};
/* Units no magnitude goes with. */
static const char *const bare[] = {"%", "‰", "个百分点", "百分点", "倍", NULL};

static double absd(double v) { return v < 0 ? -v : v; }

/* The percentage v×100 rounded down (to whole numbers). */
static long long pct(double v)
{
    double p = 100 * v + 1e-9;
    long long i = (long long)p;
    return (double)i > p ? i - 1 : i;
}

static int in(const char *u, const char *const *v)
{
    for (size_t i = 0; v[i]; i++)
        if (strcmp(u, v[i]) == 0) return 1;
    return 0;
}

/* The unit without its magnitude into base, and the magnitude's factor. */
static double split(const char *u, const char **base)
{
    *base = u;
    if (in(u, whole) || in(u, bare)) return 1;
    for (size_t i = 0; i < sizeof mags / sizeof mags[0]; i++) {
        size_t l = strlen(mags[i].p);
        if (strncmp(u, mags[i].p, l) == 0 && u[l]) {
            *base = u + l;
            return mags[i].f;
        }
    }
    return 1;
}

int target_unit_check(const char *unit, char *why, size_t whylen)
{
    size_t n = unit ? strlen(unit) : 0;
    if (n == 0 || n > 31) {
        snprintf(why, whylen, "a unit is 1 to 31 bytes (家, 个, 万名, %%, 亿元)");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)unit[i];
        if (ch < 0x20 || ch == 0x7f || ch == ' ' || isdigit(ch)) {
            snprintf(why, whylen, "a unit has no digit, space or control character: write 家, 万名, %%");
            return -1;
        }
    }
    return 0;
}

int target_convert(double v, const char *from, const char *to, double *out)
{
    const char *bf, *bt;
    double ff, ft;
    if (strcmp(from, to) == 0) { *out = v; return 0; }
    ff = split(from, &bf);
    ft = split(to, &bt);
    if (strcmp(bf, bt) != 0 || in(bf, bare)) return -1;
    *out = v * ff / ft;
    return 0;
}

void target_units_accepted(const char *unit, char *buf, size_t n)
{
    const char *base;
    split(unit, &base);
    if (in(base, bare) || in(base, whole) || !*base) {
        snprintf(buf, n, "%s", unit);
        return;
    }
    snprintf(buf, n, "%s, 千%s, 万%s, 亿%s", base, base, base, base);
}

void target_number(double v, char *buf, size_t n)
{
    if (!isfinite(v)) { snprintf(buf, n, "0"); return; }
    if (absd(v) < 5e-16) v = 0;
    snprintf(buf, n, "%.15g", v);
    for (char *p = buf; *p; p++)
        if (*p == ',') *p = '.';
}

void target_format(const struct target *t, char *buf, size_t n)
{
    char num[40];
    target_number(t->value, num, sizeof num);
    snprintf(buf, n, "%s %s %s", num, t->unit, metric_dir_name(t->dir));
}

int target_met(const struct target *t, double value)
{
    switch (t->dir) {
    case METRIC_AT_MOST: return value <= t->value + 1e-9 * absd(t->value);
    case METRIC_ABOUT: return absd(value - t->value) <= 0.05 * absd(t->value) + 1e-12;
    default: return value >= t->value - 1e-9 * absd(t->value);
    }
}

double target_share(const struct target *t, double value)
{
    return t->value != 0 ? value / t->value : 0;
}

void target_progress_format(const struct target_state *s, char *buf, size_t n)
{
    char a[40], b[40];
    const char *mark = s->t.dir == METRIC_AT_MOST ? " ≤" : s->t.dir == METRIC_ABOUT ? " ≈" : "";
    target_number(s->t.value, b, sizeof b);
    if (!s->reported) {
        snprintf(buf, n, "-/%s %s%s", b, s->t.unit, mark);
        return;
    }
    target_number(s->value, a, sizeof a);
    if (s->t.dir == METRIC_AT_MOST)
        snprintf(buf, n, "%s/%s %s%s %s", a, b, s->t.unit, mark,
                 target_met(&s->t, s->value) ? "within" : "over");
    else
        snprintf(buf, n, "%s/%s %s%s %lld %%", a, b, s->t.unit, mark,
                 pct(target_share(&s->t, s->value)));
}

enum target_standing target_standing(const struct target_state *s, const char *due,
                                     const char *today)
{
    if (s->reported && target_met(&s->t, s->value)) return TGT_MET;
    if (due && due[0] >= '0' && due[0] <= '9' && today && strcmp(due, today) < 0)
        return TGT_BEHIND;
    return TGT_ON_TRACK;
}

const char *target_standing_name(enum target_standing g)
{
    switch (g) {
    case TGT_MET: return "met";
    case TGT_BEHIND: return "behind";
    default: return "on track";
    }
}
