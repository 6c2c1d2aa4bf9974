/* The committee's review rounds (跟踪审议) and its ratings of items (测评):
 * the rating levels and their labels, a round with its snapshot, an item
 * as a round saw it. db/db_review.h stores them. */
#ifndef FU_REVIEW_H
#define FU_REVIEW_H

#include <stddef.h>

#include "core/task.h"

enum rating { RATING_SATISFIED = 0, RATING_BASIC, RATING_UNSATISFIED, RATING_COUNT };

/* Static strings: "satisfied" "basic" "unsatisfied"; 满意 基本满意 不满意;
 * "Satisfied" "Basically satisfied" "Unsatisfied". */
const char *rating_key(enum rating r);
const char *rating_zh(enum rating r);
const char *rating_en(enum rating r);
/* Accepts the key, the Chinese or English label, "basically" (any case);
 * 0 on success, -1 when s names no level. */
int rating_parse(const char *s, enum rating *out);

/* ---- rounds ---------------------------------------------------------------- */

struct review_round {
    long long id;          /* round N */
    char *name;
    char held_on[11];      /* the meeting's date */
    char at[32];           /* when it was recorded, ISO 8601 UTC */
    char *by;              /* "alice" or "alice as bob" */
    long long ntasks;      /* tasks in its snapshot */
    long long nrated;      /* items rated in it */
    long long last_note_id;/* notes with a higher id were added after it */
    char *reports;         /* the reports its snapshot covers: "R1, R3" ("" none) */
};
struct review_list { struct review_round *v; size_t n; };
void review_round_fini(struct review_round *r);
void review_list_fini(struct review_list *l);

struct review_entry {      /* an item in a round: its snapshot and its rating */
    long long task_id, report_id;
    char code[32];
    char *text;
    int status;            /* enum task_status at the round, -1: not in the snapshot */
    char *lead;            /* lead department at the round, NULL when none */
    char due[11];          /* due date at the round, "" when none */
    enum task_status status_now;
    int rating;            /* enum rating (report/report.h), -1 when not rated */
    char *remark;
    char *rated_by;        /* "alice" or "alice as bob", NULL when not rated */
};
struct review_entries { struct review_entry *v; size_t n; };
void review_entries_fini(struct review_entries *l);

#endif
