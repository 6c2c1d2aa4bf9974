/* Local times and typed dates (when.h). */
#include "core/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/text.h"

/* "+0800" from strftime's %z as "+08:00". */
static void iso_offset(const struct tm *tm, char out[8])
{
    char z[8] = "";
    strftime(z, sizeof z, "%z", tm);
    if (strlen(z) == 5)
        snprintf(out, 8, "%.3s:%.2s", z, z + 3);
    else
        snprintf(out, 8, "Z");
}

static void format_local(time_t t, enum cal_style style, char *out, size_t outlen)
{
    struct tm tm;
    char off[8];
    localtime_r(&t, &tm);
    if (style == CAL_DATE) {
        strftime(out, outlen, "%Y-%m-%d", &tm);
    } else if (style == CAL_MINUTE) {
        strftime(out, outlen, "%Y-%m-%d %H:%M", &tm);
    } else {
        char base[24];
        strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
        iso_offset(&tm, off);
        snprintf(out, outlen, "%s%s", base, off);
    }
}

void cal_local(const char *utc, enum cal_style style, char *out, size_t outlen)
{
    struct tm tm = {0};
    const char *end = utc ? strptime(utc, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
    if (!outlen)
        return;
    if (!end || (*end && strcmp(end, "Z") != 0)) {
        int cut = style == CAL_DATE ? 10 : style == CAL_MINUTE ? 16 : 25;
        snprintf(out, outlen, "%.*s", cut, utc ? utc : "");
        return;
    }
    format_local(timegm(&tm), style, out, outlen);
}

void cal_now(enum cal_style style, char *out, size_t outlen)
{
    format_local(time(NULL), style, out, outlen);
}

/* ---- the civil calendar ------------------------------------------------------ */

int cal_days_in_month(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

int cal_ymd_valid(int y, int m, int d)
{
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= cal_days_in_month(y, m);
}

void cal_iso(char out[11], int y, int m, int d)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    memcpy(out, buf, 11);
}

int cal_date_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return cal_ymd_valid(y, m, d) ? 0 : -1;
}

void cal_split(const char *date, int *y, int *m, int *d)
{
    *y = atoi(date);
    *m = atoi(date + 5);
    *d = atoi(date + 8);
}

/* Days since 1970-01-01 of a valid ISO date (H. Hinnant's days_from_civil). */
static long day_number(const char *s)
{
    long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int cal_days_between(const char *a, const char *b, long *out)
{
    if (cal_date_valid(a) != 0 || cal_date_valid(b) != 0)
        return -1;
    *out = day_number(b) - day_number(a);
    return 0;
}

int cal_date_add(const char *date, long n, char out[11])
{
    if (cal_date_valid(date) != 0)
        return -1;
    long z = day_number(date) + n + 719468;   /* civil_from_days */
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 1000 || y > 9999)
        return -1;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    return 0;
}

int cal_weekday(const char *date)
{
    long n = 0;
    cal_days_between("1970-01-05", date, &n);   /* a Monday */
    return (int)(((n % 7) + 7) % 7) + 1;
}

/* ---- typed dates ----------------------------------------------------------- */

/* A valid date y-m-d as ISO into out; -1 when there is no such day. */
static int put_date(long y, long m, long d, char out[11])
{
    if (!cal_ymd_valid((int)y, (int)m, (int)d))
        return -1;
    cal_iso(out, (int)y, (int)m, (int)d);
    return 0;
}

/* Full-width digits and signs as ASCII, spaces dropped. */
static void normalise(const char *in, char *out, size_t outlen)
{
    size_t n = strlen(in), o = 0;
    for (size_t i = 0; i < n && o + 5 < outlen;) {
        uint32_t cp;
        size_t k = utf8_decode(in + i, n - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;              /* full-width ASCII */
        if (cp == ' ' || cp == '\t' || cp == 0x3000) {
            i += k;
            continue;
        }
        if (cp < 0x80)
            out[o++] = (char)cp;
        else
            o += utf8_encode(cp, out + o);
        i += k;
    }
    out[o] = '\0';
}

/* Reads digits at *s into *v; 0 when there were none. */
static int number(const char **s, long *v)
{
    char *end;
    if (**s < '0' || **s > '9')
        return 0;
    *v = strtol(*s, &end, 10);
    *s = end;
    return 1;
}

static int eat(const char **s, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*s, word, n) != 0)
        return 0;
    *s += n;
    return 1;
}

/* +N with a unit: d 天 日 (days), w 周 (weeks), m 月 个月 (months). */
static int relative(const char *s, const char *today, long ty, long tm, long td, char out[11])
{
    long n;
    if (!eat(&s, "+") || !number(&s, &n) || n > 36500)
        return -1;
    if (!*s || eat(&s, "d") || eat(&s, "天") || eat(&s, "日")) {
        return *s ? -1 : cal_date_add(today, n, out);
    }
    if (eat(&s, "w") || eat(&s, "周"))
        return *s ? -1 : cal_date_add(today, 7 * n, out);
    if ((eat(&s, "m") || eat(&s, "个月") || eat(&s, "月")) && !*s) {
        long months = ty * 12 + (tm - 1) + n;
        long y = months / 12, m = months % 12 + 1;
        long d = td > cal_days_in_month(y, m) ? cal_days_in_month(y, m) : td;
        return put_date(y, m, d, out);
    }
    return -1;
}

/* 今天 明天 月底 下月底 年底 季度末 and their 本/今年 forms. */
static int word(const char *s, const char *today, long ty, long tm, long td, char out[11])
{
    long y, m;
    if (!strcmp(s, "今天") || !strcmp(s, "今日"))
        return put_date(ty, tm, td, out);
    if (!strcmp(s, "明天") || !strcmp(s, "明日"))
        return cal_date_add(today, 1, out);
    if (!strcmp(s, "月底") || !strcmp(s, "本月底") || !strcmp(s, "月末") ||
        !strcmp(s, "本月末"))
        return put_date(ty, tm, cal_days_in_month(ty, tm), out);
    if (!strcmp(s, "下月底") || !strcmp(s, "下月末")) {
        y = tm == 12 ? ty + 1 : ty, m = tm == 12 ? 1 : tm + 1;
        return put_date(y, m, cal_days_in_month(y, m), out);
    }
    if (!strcmp(s, "年底") || !strcmp(s, "今年底") || !strcmp(s, "年末") ||
        !strcmp(s, "今年年底"))
        return put_date(ty, 12, 31, out);
    if (!strcmp(s, "季度末") || !strcmp(s, "本季度末")) {
        m = (tm - 1) / 3 * 3 + 3;
        return put_date(ty, m, cal_days_in_month(ty, m), out);
    }
    return -1;
}

/* Y-M-D with one separator (- / .), Y年M月D日, M月D日, M/D, D日. */
static int numeric(const char *s, long ty, long tm, char out[11])
{
    long a, b, c;
    const char *p = s;
    if (!number(&p, &a))
        return -1;
    if (eat(&p, "年")) {
        if (!number(&p, &b) || !eat(&p, "月") || !number(&p, &c))
            return -1;
        if (!eat(&p, "日"))
            eat(&p, "号");
        return *p ? -1 : put_date(a, b, c, out);
    }
    if (eat(&p, "月")) {
        if (!number(&p, &b))
            return -1;
        if (!eat(&p, "日"))
            eat(&p, "号");
        return *p ? -1 : put_date(ty, a, b, out);
    }
    if (eat(&p, "日") || eat(&p, "号"))
        return *p ? -1 : put_date(ty, tm, a, out);
    char sep = *p;
    if (sep != '-' && sep != '/' && sep != '.')
        return -1;
    p++;
    if (!number(&p, &b))
        return -1;
    if (!*p)                       /* M/D: this year */
        return p - s > 5 || a > 12 ? -1 : put_date(ty, a, b, out);
    if (*p != sep)
        return -1;
    p++;
    if (!number(&p, &c) || *p)
        return -1;
    return put_date(a, b, c, out);
}

int cal_parse_date(const char *in, const char *today, char out[11])
{
    char s[128];
    long ty = 0, tm = 0, td = 0;
    out[0] = '\0';
    if (!in || !today || cal_date_valid(today) != 0)
        return -1;
    sscanf(today, "%4ld-%2ld-%2ld", &ty, &tm, &td);
    normalise(in, s, sizeof s);
    if (!s[0])
        return -1;
    int rc = s[0] == '+' ? relative(s, today, ty, tm, td, out)
             : (s[0] >= '0' && s[0] <= '9') ? numeric(s, ty, tm, out)
                                            : word(s, today, ty, tm, td, out);
    if (rc != 0)
        out[0] = '\0';
    return rc;
}
