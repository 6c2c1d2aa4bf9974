/* Feedback cycles and their period arithmetic (core/cycle.h). */
#include "core/cycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/calendar.h"

/* ---- cycles ---------------------------------------------------------------------- */

static const struct {
    const char *key, *zh, *alt;
} periods[] = {
    [CYCLE_NONE] = {"none", "无", "无"},
    [CYCLE_WEEKLY] = {"weekly", "每周", "周"},
    [CYCLE_MONTHLY] = {"monthly", "每月", "月"},
    [CYCLE_QUARTERLY] = {"quarterly", "每季度", "季度"},
};

const char *cycle_key(enum cycle_period p)
{
    return p > CYCLE_NONE && p <= CYCLE_QUARTERLY ? periods[p].key : NULL;
}

const char *cycle_zh(enum cycle_period p)
{
    return p <= CYCLE_QUARTERLY ? periods[p].zh : "?";
}

int cycle_parse(const char *s, enum cycle_period *out)
{
    for (int i = 0; s && i <= CYCLE_QUARTERLY; i++)
        if (strcasecmp(s, periods[i].key) == 0 || strcmp(s, periods[i].zh) == 0 ||
            strcmp(s, periods[i].alt) == 0) {
            *out = (enum cycle_period)i;
            return 0;
        }
    return -1;
}

int cycle_default_day(enum cycle_period p)
{
    return p == CYCLE_WEEKLY ? 5 : 25;
}

int cycle_day_check(enum cycle_period p, int day, char *why, size_t whylen)
{
    int max = p == CYCLE_WEEKLY ? 7 : 31;
    if (p == CYCLE_NONE || (day >= 1 && day <= max))
        return 0;
    snprintf(why, whylen, p == CYCLE_WEEKLY
                              ? "--day %d: a weekly cycle's day is a weekday, 1 (Monday) to 7 "
                                "(Sunday)"
                              : "--day %d: a %s cycle's day is a day of the month, 1 to 31 "
                                "(31: the month's last day)",
             day, cycle_key(p) ? cycle_key(p) : "");
    return -1;
}

void cycle_format(const struct cycle *c, char *out, size_t len)
{
    if (!c || !cycle_key(c->period))
        snprintf(out, len, "%s", "");
    else
        snprintf(out, len, "%s day %d from %s", cycle_key(c->period), c->day, c->start);
}

int cycle_scan(const char *s, struct cycle *out)
{
    char key[16], start[16];
    int day, used = 0;
    memset(out, 0, sizeof *out);
    if (!s || sscanf(s, "%15s day %d from %15s%n", key, &day, start, &used) != 3 ||
        s[used] != '\0' || cycle_parse(key, &out->period) != 0 || out->period == CYCLE_NONE ||
        cal_date_valid(start) != 0 || cycle_day_check(out->period, day, NULL, 0) != 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    out->day = day;
    snprintf(out->start, sizeof out->start, "%.10s", start);
    return 0;
}

/* The deadline in month y-m (day clamped to the month's end). */
static void month_deadline(int y, int m, int day, char out[11])
{
    int dim = cal_days_in_month(y, m);
    cal_iso(out, y, m, day < dim ? day : dim);
}

/* The latest deadline on or before date, ignoring the cycle's start. */
static int deadline_on_or_before(const struct cycle *c, const char *date, char out[11])
{
    int y, m, d;
    if (cal_date_valid(date) != 0 || c->period == CYCLE_NONE)
        return -1;
    cal_split(date, &y, &m, &d);
    if (c->period == CYCLE_WEEKLY)
        return cal_date_add(date, -(long)((cal_weekday(date) - c->day + 7) % 7), out);
    int step = c->period == CYCLE_QUARTERLY ? 3 : 1;
    int mm = c->period == CYCLE_QUARTERLY ? m - m % 3 : m;   /* quarter-end month <= m */
    if (mm == 0) {
        mm = 12;
        y--;
    }
    month_deadline(y, mm, c->day, out);
    if (strcmp(out, date) <= 0)
        return 0;
    mm -= step;
    if (mm <= 0) {
        mm += 12;
        y--;
    }
    if (y < 1900)
        return -1;
    month_deadline(y, mm, c->day, out);
    return 0;
}

int cycle_deadline_after(const struct cycle *c, const char *date, char out[11])
{
    char probe[11];
    int y, m, d;
    if (cal_date_valid(date) != 0 || c->period == CYCLE_NONE)
        return -1;
    if (c->period == CYCLE_WEEKLY) {
        int ahead = (c->day - cal_weekday(date) + 7) % 7;
        return cal_date_add(date, ahead ? ahead : 7, out);
    }
    cal_split(date, &y, &m, &d);
    int step = c->period == CYCLE_QUARTERLY ? 3 : 1;
    int mm = c->period == CYCLE_QUARTERLY ? m + (3 - m % 3) % 3 : m;   /* quarter-end >= m */
    for (int i = 0; i < 2; i++) {
        month_deadline(y, mm, c->day, probe);
        if (strcmp(probe, date) > 0) {
            snprintf(out, 11, "%s", probe);
            return 0;
        }
        mm += step;
        if (mm > 12) {
            mm -= 12;
            y++;
        }
    }
    return -1;
}

int cycle_deadline_before(const struct cycle *c, const char *date, char out[11])
{
    char first[11];
    if (!c || cal_date_valid(c->start) != 0 || cycle_deadline_after(c, c->start, first) != 0 ||
        deadline_on_or_before(c, date, out) != 0)
        return -1;
    return strcmp(out, first) >= 0 ? 0 : -1;
}

/* The deadline before deadline d (the previous period's), or the day
 * before the start for the first period. */
static void period_open(const struct cycle *c, const char *d, char out[11])
{
    char prev[11], first[11];
    if (cycle_deadline_after(c, c->start, first) == 0 && strcmp(d, first) <= 0) {
        cal_date_add(c->start, -1, out);
        return;
    }
    cal_date_add(d, -1, prev);
    if (deadline_on_or_before(c, prev, out) != 0)
        cal_date_add(c->start, -1, out);
}

int cycle_feedback_overdue(const struct cycle *c, const char *today, const char *last_note,
                           char deadline[11])
{
    char yesterday[11], missed[11], open[11];
    if (deadline)
        deadline[0] = '\0';
    if (!c || c->period == CYCLE_NONE || cal_date_add(today, -1, yesterday) != 0)
        return 0;
    if (cycle_deadline_before(c, yesterday, missed) != 0) {
        if (deadline && strcmp(today, c->start) >= 0)
            cycle_deadline_after(c, c->start, deadline);
        return 0;
    }
    period_open(c, missed, open);
    if (last_note && *last_note && strcmp(last_note, open) > 0) {
        if (deadline)
            cycle_deadline_after(c, yesterday, deadline);
        return 0;
    }
    if (deadline)
        snprintf(deadline, 11, "%s", missed);
    return 1;
}

void cycle_punctuality(const struct cycle *c, const char *today, char (*const notes)[11],
                       size_t nnotes, long *periods_out, long *on_time)
{
    char open[11], d[11], yesterday[11];
    *periods_out = *on_time = 0;
    if (!c || c->period == CYCLE_NONE || cal_date_add(today, -1, yesterday) != 0 ||
        cycle_deadline_after(c, c->start, d) != 0 || cal_date_add(c->start, -1, open) != 0)
        return;
    for (int guard = 0; guard < 5000 && strcmp(d, yesterday) <= 0; guard++) {
        int hit = 0;
        for (size_t i = 0; i < nnotes && !hit; i++)
            hit = strcmp(notes[i], open) > 0 && strcmp(notes[i], d) <= 0;
        ++*periods_out;
        *on_time += hit;
        snprintf(open, sizeof open, "%s", d);
        if (cycle_deadline_after(c, open, d) != 0)
            break;
    }
}
