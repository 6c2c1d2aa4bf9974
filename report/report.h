/* Status reports (督办情况报告) for the committee's review meetings: the
 * data model that db/ fills (db_rpt_fill, db_remind) and the renderers
 * that write it as text, Markdown, CSV, HTML or JSON. Pure C: no SQLite,
 * no curses. The prefix is rpt_ (report_ names an imported report).
 *
 * The unit a report counts is the item (kind "item", e.g. 2.4): the
 * points the committee reviews and rates. Statements show as an item's
 * sub-task progress and in the changes since a review round. */
#ifndef FU_REPORT_H
#define FU_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "core/review.h"
#include "core/task.h"
#include "core/workflow.h"

/* ---- the model ----------------------------------------------------------- */

enum rpt_format { RPT_TEXT = 0, RPT_MD, RPT_CSV, RPT_HTML, RPT_JSON, RPT_XLSX, RPT_DOCX };
enum rpt_group { RPT_BY_DEPT = 0, RPT_BY_SECTION };

/* "text" "md" (or "markdown") "csv" "html" "json" "xlsx" "docx"; 0 or -1. */
int rpt_format_parse(const char *s, enum rpt_format *out);
/* 1 for the binary formats (xlsx, docx), which never go to a terminal. */
int rpt_format_binary(enum rpt_format f);

struct rpt_source {        /* an imported report the status report covers */
    long long id;          /* R<id> */
    char *title, *doc_no;  /* may be NULL */
};

struct rpt_round {         /* a review round; id 0 means none */
    long long id;
    char *name;
    char held_on[11];      /* the meeting's date */
    char at[32];           /* when it was recorded, ISO 8601 local time with its offset */
    long long ntasks;      /* tasks in its snapshot */
    long long nrated;      /* ratings recorded in it */
};

/* An item as a report shows it. A report of 1,000,000 tasks holds some
 * 63,000 items, so the record is kept small: its strings live in the
 * report's own storage (rpt_str, rpt_dept_str, rpt_alloc: never freed one
 * by one), the optional times are pointers ("" when none), and the
 * fields are ordered so that nothing is padded. */
struct rpt_item {
    long long id;
    long long report_id;
    long section;          /* index into rpt.sections, -1 for none */
    const char *code;      /* "2.4", or "R2:2.4" when several reports are covered */
    const char *kind;      /* "item", or "statement" in reminders */
    char *title;
    char *lead;            /* NULL when unassigned (rpt_dept_str) */
    char **support;        /* rpt_dept_str names in rpt_alloc storage */
    size_t nsupport;
    char *note;            /* the latest progress note on it or its sub-tasks */
    const char *note_at;   /* ISO 8601 local time with its offset, "" when no note */
    char *remark;          /* the rating's remark, NULL when none */
    /* the workflow (db_rpt_fill, db_remind) */
    long fb_periods;       /* its cycle's periods whose deadline is before today */
    long fb_on_time;       /* of those, the periods that had a note in time */
    char *instruction;     /* the latest leader's instruction (批示), NULL when none */
    const char *instruction_at;   /* ISO 8601 local time with its offset, "" */
    char *instruction_by;  /* "alice" or "alice as bob" */
    /* set by rpt_compute */
    long late;             /* today - due in days (> 0: overdue); 0 when no due */
    enum task_status status;
    int nsub, nsubdone;    /* live sub-tasks, and how many are done */
    int note_returned;     /* the latest note is the committee's reason for returning it */
    int rating;            /* enum rating in rpt.rated, -1 when not rated */
    int was;               /* enum task_status at rpt.since, -1 when unknown */
    struct cycle cycle;    /* its feedback cycle (period CYCLE_NONE: none) */
    int ext_approved;      /* approved extension requests */
    int instruction_open;  /* no progress note on it or its sub-tasks since */
    int nattach;           /* evidence files (佐证材料) on it or its sub-tasks */
    int light;             /* enum light (rpt_compute) */
    unsigned char overdue;     /* has a due date, before today, not done (rpt_compute) */
    unsigned char due_soon;    /* not done, due today .. today + warn_days (rpt_compute) */
    unsigned char fb_overdue;  /* its feedback is overdue, not done or submitted (rpt_compute) */
    char uuid[37];
    char due[11];          /* "" when none */
    char last_note_on[11]; /* local date of the latest note on it or its sub-tasks, "" */
    char done_on[11];      /* local date it was last accepted as done, "" */
    char ext_pending[11];  /* the date a pending extension request asks for, "" */
    char fb_deadline[11];  /* the deadline missed when fb_overdue (rpt_compute) */
};

struct rpt_target {        /* a task's target (issue 24), db_rpt_fill */
    char code[48];         /* "2.2.1", or "R2:2.2.1" when several reports are covered */
    char *title;           /* the task's text */
    char *dept;            /* its lead, or its item's for a statement; NULL: unassigned */
    char due[11];          /* its due date, or its item's for a statement; "" none */
    struct target_state s;
};

struct rpt_section {
    char code[48];
    char *title;
};

enum rpt_change_kind {
    RPT_CH_STATUS = 0,     /* status at the round → now */
    RPT_CH_LEAD,           /* lead department at the round → now */
    RPT_CH_DUE,            /* due date at the round → now */
    RPT_CH_NEW,            /* not in the round's snapshot */
    RPT_CH_WITHDRAWN,      /* withdrawn by a revised report since */
    RPT_CH_NOTE,           /* progress note added since */
    RPT_CH_COUNT
};

struct rpt_change {
    enum rpt_change_kind kind;
    char code[48];
    char task_kind[12];    /* "section" "item" "statement" */
    char *title;
    enum task_status from, to;   /* STATUS; NEW and WITHDRAWN: to = current */
    char *old_value, *new_value; /* LEAD and DUE; NULL for none */
    char at[32];                 /* NOTE: when (ISO 8601 local time with its offset) */
    char *author;                /* NOTE: "alice" or "alice as bob" */
    char *text;                  /* NOTE: the note */
};

struct rpt_dept {          /* computed: one department's items */
    char *name;            /* NULL: the unassigned items */
    long long lead[ST_COUNT], support[ST_COUNT];   /* items per status, by role */
    long long nlead, nsupport, done, overdue;      /* done/overdue over both roles */
    size_t *items;         /* indexes into rpt.items: as lead, then as support */
    size_t nitems, nlead_items;
    /* the evaluation (考评), over the items it leads */
    long long lights[LIGHT_COUNT];  /* items per light */
    long long ext_approved;         /* approved extension requests */
    long long fb_late;              /* items whose feedback is overdue */
    long long ontime, ontime_base;  /* done by the due date / done or past due */
    long fb_periods, fb_on_time;    /* feedback periods due, and met */
    long long sat_points, sat_n;    /* rating points (eval_rating_points), items rated */
    struct eval eval;               /* components, score, rank (0: not ranked) */
};

struct rpt_strs;           /* the report's string storage (report/report.c) */

struct rpt {
    struct rpt_strs *strs; /* where rpt_str, rpt_dept_str and rpt_alloc put things */
    /* filled by the caller and db_rpt_fill */
    int zh;                /* Chinese labels */
    enum rpt_group by;
    int excel;             /* CSV: UTF-8 BOM */
    int width;             /* text: line width, 0 for 80 (a terminal, an e-mail) */
#define RPT_FILE_WIDTH 400 /* text written to a file: wide enough that no title is cut */
    char today[11];        /* "today" for overdue and due soon */
    char generated_at[32]; /* ISO 8601 local time with its offset */
    int warn_days;         /* due soon = within this many days */
    struct rpt_source *sources;
    size_t nsources;
    struct rpt_round since;      /* compared with (id 0: no comparison) */
    struct rpt_round rated;      /* whose ratings are shown (id 0: none) */
    long long chain_rows;        /* the audit trail it was made from */
    char chain_head[65];
    struct rpt_section *sections;
    size_t nsections;
    struct rpt_item *items;      /* in report order */
    size_t nitems, capitems;
    struct rpt_change *changes;  /* since the round, in report order per kind */
    size_t nchanges, capchanges;
    char **dept_order;           /* all departments in the database's order */
    size_t ndept_order;
    char *scope;                 /* reminders: whose departments, NULL: all */
    struct rpt_target *targets;  /* the covered tasks' targets, in report order */
    size_t ntargets, captargets;
    /* computed by rpt_compute */
    long long by_status[ST_COUNT], total;
    struct rpt_dept *depts;
    size_t ndepts;
    size_t *overdue, noverdue;   /* most days late first */
    size_t *due_soon, ndue_soon; /* soonest first */
    size_t more_overdue, more_due_soon;  /* reminders: tasks counted but not loaded */
    long long by_rating[RATING_COUNT], nrated;
    long long lights[LIGHT_COUNT];   /* items per light */
    size_t *ranked;              /* ndepts indexes into depts: best first, unranked last */
    size_t *fb_late, nfb_late;   /* items whose feedback is overdue, in report order */
    long long ext_approved;      /* approved extension requests on the items */
};

/* Zeroes r. Everything r points to is owned by r and released by
 * rpt_fini (strings with free()). */
void rpt_init(struct rpt *r);
void rpt_fini(struct rpt *r);

/* Storage owned by r until rpt_fini, for what items hold: a copy of s
 * (NULL for NULL); a department's name, one copy a name however many
 * items hold it; n bytes aligned for any object. NULL when out of memory
 * (rpt_str and rpt_dept_str: also for a NULL s). */
char *rpt_str(struct rpt *r, const char *s);
char *rpt_dept_str(struct rpt *r, const char *name);
void *rpt_alloc(struct rpt *r, size_t n);

/* Appends a zeroed item (rating and was set to -1, section to -1, the
 * strings "" or NULL) or change; NULL when out of memory. The pointer is
 * valid until the next append. */
struct rpt_item *rpt_add_item(struct rpt *r);
/* Room for n more items at once (a large report's items counted first:
 * no array grown by doubling and copied); 0, or -1 out of memory. */
int rpt_reserve_items(struct rpt *r, size_t n);
struct rpt_change *rpt_add_change(struct rpt *r);
/* Appends a zeroed target; NULL when out of memory (report/report_target.c). */
struct rpt_target *rpt_add_target(struct rpt *r);

/* Computes the summary, the departments, the overdue and due-soon lists,
 * the rating counts, the lights, the feedback-overdue items and the
 * departments' evaluation and ranking from the items, r->today and
 * r->warn_days.
 * FU_OK, FU_USAGE (bad today) or FU_ERR (out of memory), err filled. */
int rpt_compute(struct rpt *r, char *err, size_t errlen);

/* Writes the report in format f to out. Text is sanitised for the
 * terminal and aligned by display columns; HTML and Markdown escape
 * everything; CSV is RFC 4180 with formula-like cells neutralised by a
 * leading '; xlsx is a workbook with a sheet per part (report/report_xlsx.c),
 * docx the 督办通报 as an A4 document (report/report_docx.c). FU_OK, or
 * FU_ERR when writing failed. */
int rpt_write(const struct rpt *r, enum rpt_format f, FILE *out, char *err, size_t errlen);

/* Writes the report to the file path atomically: a temporary file in the
 * same directory, flushed to disk (fsync), renamed over path, and the
 * directory synced; readers see the old file or the new one, never part
 * of one. The new file's mode follows the umask. FU_OK, FU_USAGE (path
 * names a directory) or FU_ERR, err filled. */
int rpt_write_file(const struct rpt *r, enum rpt_format f, const char *path, char *err,
                   size_t errlen);

/* The format a file name's extension asks for (.txt .md .csv .html .htm
 * .json .xlsx .docx); 0, or -1 when it names none. */
int rpt_format_for_path(const char *path, enum rpt_format *out);

/* Reminders (催办): a heading and at most max_rows lines for the overdue
 * and due-soon items of r (filled by db_remind, computed); the heading's
 * counts include more_overdue and more_due_soon. Then at most max_rows
 * more for the workflow: feedback overdue (未按期反馈), leaders'
 * instructions not yet answered by a note, and pending extension
 * requests. Writes nothing and returns 0 when there is nothing to say;
 * else the number of things to remind of. */
size_t rpt_write_remind(const struct rpt *r, FILE *out, size_t max_rows);

#endif
