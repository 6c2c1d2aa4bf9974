/* Private to report/report*.c: labels, small formatting helpers, and the
 * document sink. The content of a report (report/report_doc.c) is written
 * once, as headings, fields, paragraphs, tables and entries, to a sink;
 * the text, Markdown and HTML sinks lay it out (report_text.c,
 * report_html.c). CSV and JSON are data formats (report_data.c). */
#ifndef FU_REPORT_INT_H
#define FU_REPORT_INT_H

#include <stddef.h>
#include <stdio.h>

#include "report/report.h"

#define RPT_TEXT_WIDTH 80  /* text reports fit an e-mail or a terminal */
#define RTAB_MAX 20

/* ---- labels --------------------------------------------------------------- */

enum rpt_label {
    L_TITLE, L_SOURCE, L_DOC_NO, L_AS_OF, L_GENERATED, L_COMPARED, L_NO_ROUND,
    L_CHAIN, L_CHAIN_HEAD, L_SUMMARY, L_STATUS, L_ITEMS, L_SHARE, L_TOTAL,
    L_BY_DEPT, L_BY_SECTION, L_DEPT, L_LEAD, L_SUPPORT, L_RATE, L_LATE, L_LEAD_DEPT,
    L_SUPPORT_DEPTS, L_DUE, L_CODE, L_ITEM, L_ROLE, L_SUB, L_NOTE, L_UNASSIGNED,
    L_NO_SECTION, L_OVERDUE_TITLE, L_OVERDUE, L_DUE_SOON, L_DAYS_LATE, L_DAYS_LEFT,
    L_NONE, L_NO_CHANGES, L_BEFORE, L_AFTER, L_WHEN, L_WHO, L_RATING, L_REMARK,
    L_NOT_RATED, L_CHART, L_COUNT
};

/* Labels in the report's language (static strings). */
const char *rpt_lbl(const struct rpt *r, enum rpt_label l);
const char *rpt_status_lbl(const struct rpt *r, enum task_status s);
const char *rpt_rating_lbl(const struct rpt *r, int rating);   /* "" for -1 */
const char *rpt_change_lbl(const struct rpt *r, enum rpt_change_kind k);

/* ---- formatting ----------------------------------------------------------- */

/* "18.2%", or "-" when whole is 0. */
void rpt_pct(char *buf, size_t len, long long part, long long whole);
/* A malloc'd sanitised copy of s ("" for NULL); NULL when out of memory. */
char *rpt_clean(const char *s);
/* The supporting departments joined by sep, malloc'd ("" for none). */
char *rpt_join(char *const *v, size_t n, const char *sep);
/* "一、" / "1. " for main headings, "（一）" / "n.m " for sub-headings. */
void rpt_num(const struct rpt *r, int level, int major, int minor, char *buf, size_t len);
/* Lateness of an item: "逾期12天" / "12 days overdue", "3天后到期", "今日到期". */
void rpt_late_phrase(const struct rpt *r, const struct rpt_item *it, char *buf, size_t len);
/* Days as a number with a unit: "12天" / "12 days". */
void rpt_days_lbl(const struct rpt *r, long days, char *buf, size_t len);
/* A round: "第1轮 NAME（2024-03-31）" / "round 1 “NAME” (2024-03-31)". */
void rpt_round_lbl(const struct rpt *r, const struct rpt_round *ro, char *buf, size_t len);
/* The date part of an ISO datetime. */
void rpt_date_of(const char *iso, char out[11]);

/* A growable string; on allocation failure oom is set and p stays valid. */
struct rbuf { char *p; size_t n, cap; int oom; };
void rbuf_str(struct rbuf *b, const char *s);
void rbuf_fmt(struct rbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The string ("" when empty or out of memory); valid until the next call. */
const char *rbuf_get(const struct rbuf *b);
void rbuf_fini(struct rbuf *b);

/* ---- tables ------------------------------------------------------------------ */

struct rtab {
    int ncol;
    const char *head[RTAB_MAX];   /* copies, owned (ownhead) */
    char *ownhead[RTAB_MAX];
    unsigned right;        /* bit i: column i holds numbers (right-aligned) */
    unsigned pct;          /* bit i: column i's numbers are shares (0..1) */
    unsigned code;         /* bit i: column i holds codes (text, never numbers) */
    unsigned date;         /* bit i: column i holds ISO dates or "-" */
    unsigned light;        /* bit i: column i holds lights (label, enum light as number) */
    int flex;              /* text: the column that takes the remaining width, -1 none */
    int maxw[RTAB_MAX];    /* text: widest a column may be, 0 no limit */
    int chart;             /* HTML: rows are rpt.depts in order; add a bar chart column */
    unsigned bar;          /* bit i: HTML draws column i's share (0..1) as a bar too */
    char **cells;          /* nrows * ncol strings, owned */
    double *num;           /* nrows * ncol: the number a cell shows, NAN when none */
    size_t nrows, cap, capnum;
    int oom;
};

/* Starts a table of ncol columns headed by copies of head[0..ncol-1]. */
void rtab_init(struct rtab *t, int ncol, const char *const *head);
/* Adds a row of ncol cells (copied; NULL is ""). */
void rtab_row(struct rtab *t, const char *const *cells);
const char *rtab_cell(const struct rtab *t, size_t row, int col);
/* Gives the last row's cell col the number v it shows (a share as 0..1
 * in a pct column), for formats that store numbers (xlsx). */
void rtab_num(struct rtab *t, int col, double v);
/* The number of a cell, NAN when it has none. */
double rtab_numval(const struct rtab *t, size_t row, int col);
void rtab_fini(struct rtab *t);

/* ---- sinks --------------------------------------------------------------------- */

struct rsink {
    const struct rpt *r;
    FILE *out;
    void *ctx;             /* the layout's own state (docx) */
    int last;              /* the previous block: 0 none, 1 field, 2 heading, 3 other */
    void (*title)(struct rsink *s, const char *text);
    void (*heading)(struct rsink *s, int level, const char *text);   /* 1 or 2 */
    void (*field)(struct rsink *s, const char *label, const char *value);
    void (*para)(struct rsink *s, const char *text);
    void (*table)(struct rsink *s, const struct rtab *t);
    /* An entry: a code, a headline, and further lines (label: value). */
    void (*entry)(struct rsink *s, const char *code, const char *headline,
                  const char *const *lines, size_t nlines);
    void (*end)(struct rsink *s);
};

/* Sets s's operations to write plain text, Markdown or HTML to s->out. */
void rpt_sink_text(struct rsink *s);
void rpt_sink_md(struct rsink *s);
void rpt_sink_html(struct rsink *s);

/* Writes the report's content to s (report_doc.c). */
void rpt_doc(struct rsink *s);

/* ---- content (report_doc.c) ---------------------------------------------------- */

/* The parts of a report as tables (rtab_init'ed here; rtab_fini by the
 * caller) and sentences (into buf), shared by every layout. */
void rpt_tab_header(const struct rpt *r, struct rtab *t);   /* label, value */
void rpt_tab_summary(const struct rpt *r, struct rtab *t);
void rpt_tab_depts(const struct rpt *r, struct rtab *t);
void rpt_tab_dept_items(const struct rpt *r, const struct rpt_dept *d, struct rtab *t);
void rpt_tab_late(const struct rpt *r, const size_t *ix, size_t n, int overdue,
                  struct rtab *t);
void rpt_tab_change(const struct rpt *r, enum rpt_change_kind k, struct rtab *t);
void rpt_summary_text(const struct rpt *r, char *buf, size_t len);
void rpt_dept_text(const struct rpt *r, const struct rpt_dept *d, char *buf, size_t len);
void rpt_ratings_text(const struct rpt *r, char *buf, size_t len);
/* Headings: "逾期事项（2项）" / "临期事项（7日内到期，1项）"; the changes
 * since the compared round, one kind of change, the ratings' round. */
void rpt_late_title(const struct rpt *r, int overdue, char *buf, size_t len);
void rpt_changes_title(const struct rpt *r, char *buf, size_t len);
void rpt_change_title(const struct rpt *r, enum rpt_change_kind k, size_t n, char *buf,
                      size_t len);
void rpt_ratings_title(const struct rpt *r, char *buf, size_t len);

/* ---- targets (report_target.c) ------------------------------------------------- */

/* How target i stands on r->today. */
enum target_standing rpt_target_standing(const struct rpt *r, size_t i);
/* The targets by department (met, on track, behind, total) and one row a
 * target (code, department, target, reached, share, reported, standing,
 * task); rtab_fini by the caller. */
void rpt_tab_target_depts(const struct rpt *r, struct rtab *t);
void rpt_tab_targets(const struct rpt *r, struct rtab *t);
/* The "targets" section (both tables), numbered major. */
void rpt_doc_targets(struct rsink *s, int major);
/* ,"targets":{"by_department":[…],"tasks":[…]} for the JSON report. */
void rpt_json_targets(const struct rpt *r, FILE *out);
/* Frees r's targets. */
void rpt_targets_fini(struct rpt *r);
/* The department's name, or the label of the unassigned items. */
const char *rpt_dept_name(const struct rpt *r, const struct rpt_dept *d);
size_t rpt_count_changes(const struct rpt *r, enum rpt_change_kind k);

/* ---- the workflow (report_eval.c) --------------------------------------------- */

/* Part of rpt_compute: each item's feedback state and light, the
 * feedback-overdue list, and each department's lights, extensions,
 * evaluation components, score and rank (r->ranked). 0, or -1 when out
 * of memory. */
int rpt_compute_workflow(struct rpt *r);
/* The ranking (排名 单位 按期办结率 按期反馈率 满意度 得分) and the lights
 * (单位 红灯 黄灯 蓝灯 批准延期 未按期反馈) per department, as tables; the
 * formula as a sentence. */
void rpt_tab_ranking(const struct rpt *r, struct rtab *t);
void rpt_tab_lights(const struct rpt *r, struct rtab *t);
void rpt_eval_text(const struct rpt *r, char *buf, size_t len);
/* The evaluation's sub-headings: the ranking (lights 0) or the lights;
 * the lights' sentence. */
const char *rpt_eval_sub(const struct rpt *r, int lights);
void rpt_lights_text(const struct rpt *r, char *buf, size_t len);
/* The departments whose items' feedback is overdue (单位, 事项) */
void rpt_tab_no_feedback(const struct rpt *r, struct rtab *t);
void rpt_eval_title(const struct rpt *r, char *buf, size_t len);
void rpt_no_feedback_title(const struct rpt *r, char *buf, size_t len);
/* The sections of a report for the evaluation and the missing feedback,
 * at heading number major (report_doc.c's rpt_doc calls them). */
void rpt_doc_evaluation(struct rsink *s, int major);
void rpt_doc_no_feedback(struct rsink *s, int major);
/* Reminders: the numbers of feedback-overdue items, open instructions and
 * pending extension requests into n[3] (their sum returned); the
 * heading's tail for them; and their lines (at most max_rows). */
size_t rpt_remind_workflow_count(const struct rpt *r, size_t n[3]);
void rpt_remind_workflow_head(const struct rpt *r, const size_t n[3], FILE *out);
void rpt_remind_workflow(const struct rpt *r, FILE *out, size_t max_rows);

/* report_xlsx.c: the workbook; FU_OK or FU_ERR with err filled. */
int rpt_write_xlsx(const struct rpt *r, FILE *out, char *err, size_t errlen);
/* report_docx.c: the document; FU_OK or FU_ERR with err filled. */
int rpt_write_docx(const struct rpt *r, FILE *out, char *err, size_t errlen);

/* report_data.c */
void rpt_write_csv(const struct rpt *r, FILE *out);
void rpt_write_json(const struct rpt *r, FILE *out);

#endif
