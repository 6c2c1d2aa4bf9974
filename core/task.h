/* The task model: kinds, statuses and their labels, roles and who may do
 * what (DESIGN.md "Users" and "lifecycle"), and the records a task is made
 * of as stored -- the imported report, the task (section, item or
 * statement) with its owners, due date and cycle, its progress notes.
 * db/ fills the records (db/db_task.h, db/db_import.h); screens and
 * writers read them. */
#ifndef FU_TASK_H
#define FU_TASK_H

#include <stddef.h>

#include "core/cycle.h"
#include "core/target.h"
#include "core/doc.h"

enum task_kind { KIND_SECTION = 0, KIND_ITEM, KIND_STATEMENT };

enum task_status {
    ST_TODO = 0,    /* 未启动 */
    ST_ACTIVE,      /* 推进中 */
    ST_ONGOING,     /* 持续推进 */
    ST_DELAYED,     /* 滞后 */
    ST_SUBMITTED,   /* 待审核 */
    ST_DONE,        /* 已办结 */
    ST_COUNT
};

enum role { ROLE_VIEWER = 0, ROLE_DEPARTMENT, ROLE_COMMITTEE };

/* Static strings. */
const char *kind_key(enum task_kind k);          /* "section" "item" "statement" */
const char *status_key(enum task_status s);      /* "todo" … "done" */
const char *status_zh(enum task_status s);       /* "未启动" … */
const char *status_en(enum task_status s);       /* "Not started" … */
const char *status_label(enum task_status s, int zh);   /* status_zh or status_en */
const char *role_key(enum role r);               /* "viewer" "department" "committee" */

/* Parse a key, Chinese or English label (case-insensitive); 0 on success,
 * -1 when s names nothing. */
int kind_parse(const char *s, enum task_kind *out);
int status_parse(const char *s, enum task_status *out);
int role_parse(const char *s, enum role *out);

enum task_action {
    ACT_IMPORT,     /* import reports */
    ACT_ASSIGN,     /* lead/support departments, due dates */
    ACT_STATUS,     /* change status (see perm_status) */
    ACT_NOTE,       /* progress notes */
    ACT_MANAGE,     /* users and departments */
    ACT_REVIEW,     /* review rounds and ratings */
    ACT_EXTEND,     /* ask for a later due date (延期申请) */
    ACT_ATTACH,     /* store evidence files (佐证材料) */
    ACT_DECIDE,     /* approve or deny extensions, set feedback cycles */
    ACT_INSTRUCT,   /* leaders' instructions (批示): committee and viewers */
    ACT_EDIT        /* correct what was imported, add, withdraw, move tasks */
};

/* How a user's departments stand to a task: OWN_LEAD when one of them
 * leads it (牵头), OWN_SUPPORT when one only supports it (配合). */
enum { OWN_NONE = 0, OWN_SUPPORT = 1, OWN_LEAD = 2 };

/* May a user of role r take action a on a task? own is non-zero (OWN_LEAD
 * or OWN_SUPPORT) when the task's lead or a supporting department is one
 * of the user's. Returns FU_OK or FU_PERM with the reason in why. */
int perm_check(enum role r, enum task_action a, int own, char *why, size_t whylen);

/* May role r move a task from one status to another? Departments move
 * their own tasks among todo/active/ongoing/delayed; only the lead
 * department (own OWN_LEAD) submits one for acceptance (申请办结), a
 * supporting one reports its part with notes; only the committee moves a
 * task to done or out of submitted.
 * Returns FU_OK, FU_PERM or FU_USAGE (from == to) with why filled. */
int perm_status(enum role r, int own, enum task_status from, enum task_status to,
                char *why, size_t whylen);

/* ---- the records ---------------------------------------------------------- */

struct report {
    long long id;          /* shown to people as "R<id>" */
    char *title, *doc_no, *issuer, *published, *addressee;
    char *signed_by, *signed_on, *lead_department;
    char *imported_at;     /* ISO 8601 UTC */
    char *intro, *closing; /* texts before the first heading and the closing
                            * paragraph(s), as imported; NULL when none */
};
struct report_list { struct report *v; size_t n; };
void report_list_fini(struct report_list *l);

struct task {
    long long id;
    char uuid[37];
    long long report_id;
    long long parent_id;   /* 0 for a top-level section */
    int depth;             /* 0 top */
    char code[32];         /* "2.1.3", unqualified */
    enum task_kind kind;
    enum stmt_kind stmt_kind;  /* statements only */
    char *text;            /* heading title (section, item) or the sentence */
    char *body;            /* items: all sentences of the item; else NULL */
    enum task_status status;
    char *lead;            /* NULL when unassigned */
    char **support;        /* supporting departments */
    size_t nsupport;
    char due[11];          /* "" when none */
    char *suggested_owner; /* from the parser, NULL when none */
    char suggested_due[11];
    char *metrics;         /* JSON array of the statement's metrics, or NULL */
    char *source;          /* a hand-entered task: where it came from, or NULL */
    long long version;     /* bumped by every change */
    int withdrawn;
    char updated_at[32];   /* ISO 8601 UTC */
    int nchildren, ndone;  /* direct children, and how many of them are done */
    struct cycle cycle;    /* its feedback cycle (period CYCLE_NONE: none) */
    char last_note[11];    /* cycled tasks: local date of the latest note on it or
                            * its children, "" when none (or no cycle) */
    /* db_task_list and db_task_each, from the filter's today and warn_days: */
    int feedback_overdue;  /* 1 when its cycle's feedback is overdue */
    int light;             /* enum light; red too when its target is behind */
    struct target_state target;  /* its target and latest value (has 0: none) */
};
/* Frees what t owns and zeroes it; t itself is the caller's. */
void task_fini(struct task *t);

struct task_list { struct task *v; size_t n, cap; };
/* task_fini on every task, then frees the array and zeroes l. */
void task_list_fini(struct task_list *l);

struct note {
    long long id, task_id;
    char at[32];
    char *author;          /* "alice" or "alice as bob" */
    char *text;
    char struck_at[32];    /* struck out (saved by mistake): when, "" when not */
    char *struck_by;       /* who struck it out ("alice as bob"), NULL when not */
    char *struck_reason;   /* why, NULL when none given */
};
struct note_list { struct note *v; size_t n; };
void note_list_fini(struct note_list *l);

#endif
