/* The task model's vocabulary: kinds, statuses and their labels, roles,
 * and who may do what (DESIGN.md "Users" and "lifecycle"). */
#ifndef FU_TASK_H
#define FU_TASK_H

#include <stddef.h>

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
    ACT_INSTRUCT    /* leaders' instructions (批示): committee and viewers */
};

/* May a user of role r take action a on a task? own is non-zero when the
 * task's lead or a supporting department is one of the user's. Returns
 * FU_OK or FU_PERM with the reason in why. */
int perm_check(enum role r, enum task_action a, int own, char *why, size_t whylen);

/* May role r move a task from one status to another? Departments move
 * their own tasks among todo/active/ongoing/delayed and to submitted;
 * only the committee moves a task to done or out of submitted.
 * Returns FU_OK, FU_PERM or FU_USAGE (from == to) with why filled. */
int perm_status(enum role r, int own, enum task_status from, enum task_status to,
                char *why, size_t whylen);

/* Validates an ISO date "YYYY-MM-DD" (a real calendar day). 0 when valid. */
int date_valid(const char *s);

#endif
