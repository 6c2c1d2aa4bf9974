/* The 督办 workflow's rules that need no storage -- the three-colour lights
 * (红黄蓝灯) and the department evaluation's formula (考评) -- and its
 * records: extension requests, leaders' instructions, evidence files.
 * Feedback cycles are core/cycle.h. Pure C; dates are ISO "YYYY-MM-DD"
 * local dates. */
#ifndef FU_WORKFLOW_H
#define FU_WORKFLOW_H

#include "core/target.h"
#include <stddef.h>

#include "core/task.h"

/* ---- lights ------------------------------------------------------------------ */

enum light { LIGHT_NONE = 0, LIGHT_BLUE, LIGHT_YELLOW, LIGHT_RED, LIGHT_COUNT };

/* A live task's light: red when its due date is before today and it is
 * not done; else yellow when it is delayed or its feedback is overdue;
 * else blue when it is not done and due today .. today + warn_days;
 * else none. Done tasks have none. */
enum light light_of(enum task_status st, const char *due, const char *today, int warn_days,
                    int feedback_overdue);
/* A task's light l with its target s: red when s is behind (not met by
 * the due date, which has passed), whatever l and the status say. */
enum light light_with_target(enum light l, const struct target_state *s, const char *due,
                             const char *today);
/* "red" "yellow" "blue" (NULL for none); 红灯 黄灯 蓝灯; 'R' 'Y' 'B' (' '). */
const char *light_key(enum light l);
const char *light_zh(enum light l);
char light_letter(enum light l);

/* ---- department evaluation ---------------------------------------------------- */

/* Weights of the score's components, in percent. */
#define EVAL_W_ONTIME 40
#define EVAL_W_FEEDBACK 30
#define EVAL_W_SATISFACTION 30

/* A rating's points for the satisfaction component: 满意 100, 基本满意 60,
 * 不满意 0 (enum rating order); -1 for an unknown level. */
int eval_rating_points(int rating);

/* One department's components: each a share in 0..1, or negative when
 * the department has nothing it could be measured on. */
struct eval {
    double ontime, feedback, satisfaction;
    double score;          /* 0..100; negative: not ranked */
    int rank;              /* 1 best; equal scores share a rank; 0: not ranked */
};

/* score = (40 × ontime + 30 × feedback + 30 × satisfaction) × 100 / the
 * sum of the weights of the components that have data; negative when
 * none has. */
double eval_score(const struct eval *e);

/* Ranks v[0..n) by score (computed here), best first, standard
 * competition ranking over scores rounded to 0.1 (1, 1, 3); unranked
 * ones get rank 0. order (n entries) receives the indexes in rank order,
 * the unranked last in their given order. */
void eval_rank(struct eval *v, size_t n, size_t *order);

/* ---- the records ---------------------------------------------------------- */

enum ext_state { EXT_PENDING = 0, EXT_APPROVED, EXT_DENIED };

/* "pending" "approved" "denied"; 待审批 已批准 未批准. */
const char *ext_state_key(enum ext_state s);
const char *ext_state_zh(enum ext_state s);
/* The state stored as key s into *out: 0, or -1 (out untouched). */
int ext_state_parse(const char *s, enum ext_state *out);

struct extension {         /* an extension request (延期申请) */
    long long id, task_id, report_id;
    char code[32];         /* the task's code, unqualified */
    char *text;            /* the task's text */
    char *lead;            /* the task's lead department, NULL when none */
    char old_due[11];      /* the due date when it was asked for, "" none */
    char new_due[11];      /* the date asked for */
    char *reason;
    char at[32];           /* when it was asked for (ISO 8601 UTC) */
    char *by;              /* "alice" or "alice as bob" */
    enum ext_state state;
    char decided_at[32];   /* "" while pending */
    char *decided_by;      /* NULL while pending */
    char *decision;        /* the reason given with the decision, NULL when none */
};
struct extension_list { struct extension *v; size_t n; };
void extension_list_fini(struct extension_list *l);

struct instruction {       /* a leader's instruction (领导批示) */
    long long id, task_id;
    char at[32];
    char *by;              /* "alice" or "alice as bob" */
    char *text;
    int answered;          /* a progress note on the task or its children came after it */
};
struct instruction_list { struct instruction *v; size_t n; };
void instruction_list_fini(struct instruction_list *l);

struct attachment {
    long long id, task_id;
    char *name;            /* the file's name as given (sanitise it to show it) */
    long long size;        /* bytes */
    char sha256[65];
    char *note;            /* NULL when none */
    char at[32];
    char *by;              /* "alice" or "alice as bob" */
};
struct attachment_list { struct attachment *v; size_t n; };

/* The limits on evidence files in force (bytes and counts, each > 0), and
 * where each came from, for the one-line refusal ("the team's limit in
 * /etc/followup/config.ini"); the strings belong to the caller. */
struct attach_limits {
    long long file_bytes;      /* one file */
    long long task_files;      /* files of one task */
    long long task_bytes;      /* all the files of one task */
    long long dept_bytes;      /* a department's quota unless it has its own */
    const char *file_from, *task_files_from, *task_bytes_from, *dept_from;
};

/* A department's evidence files: the attachments of the tasks it leads
 * (dept NULL: tasks without a lead), their bytes, and its quota (quota_set:
 * the committee's own figure, else the default). */
struct dept_usage {
    char *dept;
    long long files, bytes, quota;
    int quota_set;
};
struct dept_usage_list { struct dept_usage *v; size_t n; };
void dept_usage_list_fini(struct dept_usage_list *l);
void attachment_fini(struct attachment *x);
void attachment_list_fini(struct attachment_list *l);

#endif
