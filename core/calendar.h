/* Times and dates as people read and type them. The database stores UTC
 * ("2024-03-01T02:05:09Z"); everything shown is in the local time zone
 * (TZ, /etc/localtime), and machine formats carry the offset. Dates are
 * typed in the forms a clerk writes them. Pure C: no printing. */
#ifndef FU_WHEN_H
#define FU_WHEN_H

#include <stddef.h>

enum when_style {
    WHEN_MINUTE,           /* "2024-03-01 10:05" */
    WHEN_DATE,             /* "2024-03-01" (the local date) */
    WHEN_ISO               /* "2024-03-01T10:05:09+08:00" */
};

/* A stored UTC timestamp (ISO 8601 ending in Z) as local time, into out
 * (at least 26 bytes for WHEN_ISO). Text that is not such a timestamp is
 * copied as it is (cut to the style's length). */
void when_local(const char *utc, enum when_style style, char *out, size_t outlen);

/* The time now, local, in the given style. */
void when_now(enum when_style style, char *out, size_t outlen);

/* A date typed by a person into "YYYY-MM-DD" (out: 11 bytes), against
 * today ("YYYY-MM-DD", local): 2025-06-30, 2025-6-30, 2025/6/30,
 * 2025.6.30, 2025年6月30日, 6月30日 and 6/30 (this year), 30日 (this
 * month), +30d / +2w / +3m (days, weeks, months from today; 天 周 月 too),
 * 今天, 明天, 月底 (本月底), 下月底, 年底 (今年底), 季度末; full-width
 * digits and spaces around are accepted. Returns 0, or -1 when in is no
 * real date (out is then ""). */
int when_parse_date(const char *in, const char *today, char out[11]);

#endif
