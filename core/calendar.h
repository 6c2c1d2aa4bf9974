/* The calendar: the one place for date arithmetic (days in a month,
 * valid days, days between dates, adding days, weekdays), and times and
 * dates as people read and type them. The database stores UTC
 * ("2024-03-01T02:05:09Z"); everything shown is in the local time zone
 * (TZ, /etc/localtime), and machine formats carry the offset. Dates are
 * typed in the forms a clerk writes them. ISO dates are "YYYY-MM-DD".
 * Pure C: no printing. Prefix cal_. */
#ifndef FU_WHEN_H
#define FU_WHEN_H

#include <stddef.h>

/* ---- the civil calendar ---------------------------------------------------- */

/* Days in month m (1-12) of year y; 0 for a month out of range. */
int cal_days_in_month(int y, int m);
/* 1 when y-m-d is a real day of the years 1900-9999, else 0. */
int cal_ymd_valid(int y, int m, int d);
/* y-m-d as "YYYY-MM-DD" into out (not checked: see cal_ymd_valid). */
void cal_iso(char out[11], int y, int m, int d);
/* 0 when s is an ISO date "YYYY-MM-DD" naming a real day, else -1. */
int cal_date_valid(const char *s);
/* The year, month and day of a valid ISO date. */
void cal_split(const char *date, int *y, int *m, int *d);
/* *out = b - a in days for ISO dates a and b; -1 when either is invalid. */
int cal_days_between(const char *a, const char *b, long *out);
/* out = date + n days (ISO); -1 when date is invalid or the result
 * falls outside the years 1000-9999. */
int cal_date_add(const char *date, long n, char out[11]);
/* The weekday of a valid ISO date: 1 Monday … 7 Sunday. */
int cal_weekday(const char *date);

/* ---- times and typed dates ------------------------------------------------- */

enum cal_style {
    CAL_MINUTE,           /* "2024-03-01 10:05" */
    CAL_DATE,             /* "2024-03-01" (the local date) */
    CAL_ISO               /* "2024-03-01T10:05:09+08:00" */
};

/* A stored UTC timestamp (ISO 8601 ending in Z) as local time, into out
 * (at least 26 bytes for CAL_ISO). Text that is not such a timestamp is
 * copied as it is (cut to the style's length). */
void cal_local(const char *utc, enum cal_style style, char *out, size_t outlen);

/* The time now, local, in the given style. */
void cal_now(enum cal_style style, char *out, size_t outlen);

/* A date typed by a person into "YYYY-MM-DD" (out: 11 bytes), against
 * today ("YYYY-MM-DD", local): 2025-06-30, 2025-6-30, 2025/6/30,
 * 2025.6.30, 2025年6月30日, 6月30日 and 6/30 (this year), 30日 (this
 * month), +30d / +2w / +3m (days, weeks, months from today; 天 周 月 too),
 * 今天, 明天, 月底 (本月底), 下月底, 年底 (今年底), 季度末; full-width
 * digits and spaces around are accepted. Returns 0, or -1 when in is no
 * real date (out is then ""). */
int cal_parse_date(const char *in, const char *today, char out[11]);

#endif
