/* Feedback cycles (周期反馈): a task's department adds a progress note in
 * every period; the period arithmetic that says when feedback is due and
 * whether it is overdue. Pure C; dates are ISO "YYYY-MM-DD" local dates
 * (the calendar is core/calendar.h). */
#ifndef FU_CYCLE_H
#define FU_CYCLE_H

#include <stddef.h>

enum cycle_period { CYCLE_NONE = 0, CYCLE_WEEKLY, CYCLE_MONTHLY, CYCLE_QUARTERLY };

/* A task's cycle: the department adds a progress note in every period.
 * Deadlines ("by day N"): weekly, weekday N (1 Monday … 7 Sunday);
 * monthly, the Nth of each month; quarterly, the Nth of the quarter's last
 * month (March, June, September, December). A month shorter than N has
 * its deadline on its last day (monthly 31: 30 April, 28 or 29 February).
 * The first period runs from start to the first deadline after start;
 * each further one from the day after the previous deadline. */
struct cycle {
    enum cycle_period period;  /* CYCLE_NONE: no cycle */
    int day;
    char start[11];
};

/* "weekly" "monthly" "quarterly" (NULL for none); 周 月 季度 labels. */
const char *cycle_key(enum cycle_period p);
const char *cycle_zh(enum cycle_period p);
/* Accepts the keys, "none", 每周/每月/每季度; 0 or -1. */
int cycle_parse(const char *s, enum cycle_period *out);
/* The day a period takes when --day is not given (weekly 5, else 25). */
int cycle_default_day(enum cycle_period p);
/* 0 when day fits the period (weekly 1-7, monthly and quarterly 1-31),
 * else -1 with a one-line reason in why. */
int cycle_day_check(enum cycle_period p, int day, char *why, size_t whylen);

/* "monthly day 25 from 2024-01-01": the stored and recorded form;
 * cycle_format writes "" for no cycle. cycle_scan reads it back (0, or
 * -1 when s is not such a form). */
void cycle_format(const struct cycle *c, char *out, size_t len);
int cycle_scan(const char *s, struct cycle *out);

/* The latest deadline on or before date into out; -1 when there is none
 * (date before the first deadline) or a date is invalid. */
int cycle_deadline_before(const struct cycle *c, const char *date, char out[11]);
/* The first deadline after date (strictly) into out; -1 on a bad date. */
int cycle_deadline_after(const struct cycle *c, const char *date, char out[11]);

/* Feedback state on today, given the local date of the latest progress
 * note ("" or NULL for none). Returns 1 when feedback is overdue: a
 * deadline has passed (it is before today) and no note was added since
 * the start of the period it closed; else 0. deadline (may be NULL)
 * receives the deadline that was missed, or else the next one ("" when
 * there is none). */
int cycle_feedback_overdue(const struct cycle *c, const char *today, const char *last_note,
                           char deadline[11]);

/* Counts the periods whose deadline is before today (*periods) and how
 * many of them had at least one note inside the period (*on_time), from
 * the notes' local dates (any order). At most 5,000 periods are counted. */
void cycle_punctuality(const struct cycle *c, const char *today, char (*const notes)[11],
                       size_t nnotes, long *periods, long *on_time);

#endif
