/* Targets: a figure a task commits to (30 家, at least) and the values
 * reported against it, compared in units of one kind (万名 and 名, 亿元 and
 * 万元). Pure functions; the database keeps them (db/db_target.h). */
#ifndef FU_TARGET_H
#define FU_TARGET_H

#include <stddef.h>

#include "core/doc.h"

struct target {
    double value;
    char unit[32];             /* as written: 家, 万名, %, 亿元 */
    enum metric_dir dir;       /* METRIC_AT_LEAST, METRIC_AT_MOST or METRIC_ABOUT */
};

/* A task's target and its latest reported value (db_target_get). */
struct target_state {
    int has;                   /* 0: the task has no target */
    struct target t;
    int reported;              /* 0: no value reported yet */
    double value;              /* the latest value, in t.unit */
    char at[32];               /* when it was reported (ISO 8601 UTC) */
    char due[11];              /* the date it is held to: the task's due date, or
                                * its item's for a statement without one; "" none */
};

/* Checks a unit as the user wrote it: non-empty, at most 31 bytes, no
 * space, digit or control character. Returns 0, or -1 with why filled. */
int target_unit_check(const char *unit, char *why, size_t whylen);

/* v in unit from as a value in unit to, into *out: the same unit, or one
 * of the same kind with another magnitude (万名 → 名 ×10000, 亿元 → 万元
 * ×10000). Returns 0, or -1 when they are not of one kind. */
int target_convert(double v, const char *from, const char *to, double *out);

/* The units a value against a target in unit may be written in, for an
 * error line: "名, 千名, 万名, 亿名" (just "%" for a share). */
void target_units_accepted(const char *unit, char *buf, size_t n);

/* A number as the tracker writes it: up to 15 significant digits, no
 * trailing zeros, '.' whatever the locale ("30", "2.3", "1.5e+20"). */
void target_number(double v, char *buf, size_t n);

/* "30 家 at-least" — the form of history rows and of verify's replay. */
void target_format(const struct target *t, char *buf, size_t n);

/* Has value (in t's unit) met t? at least: ≥; at most: ≤; about: within
 * 5 % of it. */
int target_met(const struct target *t, double value);

/* The share reached, value / target (0 when the target is 0). */
double target_share(const struct target *t, double value);

/* "18/30 家 60 %" (the share rounded down; about: "0.98/1 万名 ≈ 98 %";
 * at most: "2.8/3 % ≤ within" or "… ≤ over"); "-/30 家" before any value. */
void target_progress_format(const struct target_state *s, char *buf, size_t n);

/* How a target stands on today (YYYY-MM-DD) against its due date (""
 * none): TGT_MET, TGT_ON_TRACK (not met, not yet due), TGT_BEHIND (not
 * met and its due date passed). */
enum target_standing { TGT_MET, TGT_ON_TRACK, TGT_BEHIND };
enum target_standing target_standing(const struct target_state *s, const char *due,
                                     const char *today);

/* "met", "on track", "behind". */
const char *target_standing_name(enum target_standing g);

#endif
