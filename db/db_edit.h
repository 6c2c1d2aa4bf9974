/* The office corrects what was imported and adds tasks by hand (issue
 * 21): a report's metadata, a task's text, withdrawing and restoring,
 * striking out a note (db/db_edit.c); adding, moving, merging and
 * splitting tasks (db/db_tree.c, db/db_add.c); renaming, merging and retiring
 * departments (db/db_dept.c). Committee only, except that a note's author
 * may strike it out. Each call is one transaction with its history rows,
 * which `verify` replays; nothing is ever deleted. */
#ifndef FU_DB_EDIT_H
#define FU_DB_EDIT_H

#include <stddef.h>
#include "core/task.h"
#include "core/user.h"
#include "db/db.h"

/* ---- a report's metadata (db/db_edit.c) ------------------------------------ */

enum report_field {
    RF_TITLE, RF_DOC_NO, RF_ISSUER, RF_PUBLISHED, RF_ADDRESSEE, RF_SIGNED_BY, RF_SIGNED_ON,
    RF_LEAD, RF_COUNT
};
/* The field's column and history name ("title", "doc_no", "issuer",
 * "published", "addressee", "signed_by", "signed_on", "lead_department");
 * static. */
const char *db_report_field(enum report_field f);

/* Sets the fields of report report_id whose value[f] is not NULL ("" clears
 * one; the title cannot be cleared; published and signed_on must be
 * YYYY-MM-DD; a 文号 another report has is refused). One history row a
 * changed field (field "report", note "R1 title"); *changed counts them
 * (0: all were so already, nothing written). A later import of a revised
 * report keeps what was set here. */
int db_edit_report(struct db *db, const struct actor *a, long long report_id,
                   const char *const value[RF_COUNT], int *changed, char *err, size_t errlen);

/* ---- a task's text, withdrawing, restoring ---------------------------------- */

/* Sets the text (a section's or item's title, a statement's sentence)
 * and/or the body (an item's sentences) of a live task; NULL keeps one,
 * body "" clears it. Trimmed; the text may not be empty. The code and UUID
 * stay; the old values stay in the history ("text", "body" rows, note
 * "edit"). expected_version as for db_task_assign. db_last_outcome tells
 * whether anything changed. */
int db_edit_text(struct db *db, const struct actor *a, long long task_id, const char *text,
                 const char *body, long long expected_version, char *err, size_t errlen);

/* Withdraws a live task and its live descendants (a history row each, the
 * reason as the first one's note; theirs say "with R1:2"): they leave
 * lists, reports and counts, keep their notes, attachments, ratings and
 * history, and `show` still finds them by code. *count gets how many. */
int db_edit_withdraw(struct db *db, const struct actor *a, long long task_id,
                     const char *reason, long long expected_version, int *count,
                     char *err, size_t errlen);

/* Restores a withdrawn task and the descendants that were withdrawn with
 * it. Refused while its parent is withdrawn, or when a live task of the
 * report has taken its code (a revised report's). note may be NULL. */
int db_edit_restore(struct db *db, const struct actor *a, long long task_id,
                    const char *note, int *count, char *err, size_t errlen);

/* The task a withdrawn task was merged into (its latest "merge" row), 0
 * when none; for `show`. */
int db_edit_merged_into(struct db *db, long long task_id, long long *into, char *err,
                        size_t errlen);

/* ---- notes ------------------------------------------------------------------ */

/* Strikes out progress note note_id (as db_note_list numbers them: the
 * note's id) of a live task: its author or a committee user; reason may be
 * NULL. The note stays, shown struck out, and no longer counts as the
 * latest progress or as feedback. A history row "strike" (old: the
 * note's text). Striking a struck note again is FU_USAGE. */
int db_note_strike(struct db *db, const struct actor *a, long long note_id,
                   const char *reason, char *err, size_t errlen);

/* ---- the tree (db/db_tree.c, db/db_add.c) ------------------------------------------------- */

/* A task entered by hand. Where: under parent_id (0: at the top of report
 * report_id), before or after a sibling (0: last); with report_id 0 and
 * parent_id 0, the register of year (a report row of its own, "交办事项
 * 2024", made on first use; codes 1, 2 …, referred to as J2024:1). */
struct task_new {
    long long report_id, parent_id, before_id, after_id;
    int year;
    int kind;                  /* enum task_kind; -1: what the parent holds */
    const char *text;
    const char *source;        /* where it came from ("区长办公会 2024-03-05"), NULL: none */
    const char *lead;          /* NULL: the parent's lead */
    const char *const *support;
    size_t nsupport;
    const char *due;           /* YYYY-MM-DD or NULL */
};
/* Adds it: code = its parent's code and the next number never used under
 * that parent (so no old code comes back), status todo. Sections and items
 * go at the top or under a section, statements under an item (or a
 * section). *id and code (32 bytes) get the new task's. */
int db_add_task(struct db *db, const struct actor *a, const struct task_new *n,
                long long *id, char code[32], char *err, size_t errlen);

enum tree_move {
    MOVE_UNDER,        /* last child of target (0: the top of the report) */
    MOVE_BEFORE,       /* just before sibling target */
    MOVE_AFTER,        /* just after sibling target */
    MOVE_UP, MOVE_DOWN,        /* past the previous or next live sibling */
    MOVE_INDENT,       /* last child of the previous live sibling */
    MOVE_OUTDENT       /* just after its parent, under the parent's parent */
};
/* Moves a live task (with its descendants) within its report. The task
 * keeps its code and UUID. Refused across reports, under itself, or where
 * its kind cannot stand (an item holds only statements; a statement
 * nothing). History: "parent" (old and new parent's UUID) when the parent
 * changes, else "order". */
int db_tree_move(struct db *db, const struct actor *a, long long task_id, enum tree_move how,
                 long long target, long long expected_version, char *err, size_t errlen);

/* Merges live task from into live task into (same report, same kind):
 * from's notes, attachments and instructions go to into, its live
 * children move under into, and from is withdrawn with a pointer to into
 * (a "merge" row; `show` names it). Refused while from has a pending
 * extension request. */
int db_tree_merge(struct db *db, const struct actor *a, long long from, long long into,
                  char *err, size_t errlen);

/* Splits statement stmt_id out of its item as an item of its own, just
 * after that item (same section): its code, UUID, status, owners and
 * notes stay; its sentence leaves the item's body. */
int db_tree_split(struct db *db, const struct actor *a, long long stmt_id, char *err,
                  size_t errlen);

/* Where task task_id stands: its parent (0 at the top) and its previous
 * and next live siblings (0: none), so that a move can be put back. */
int db_tree_neighbours(struct db *db, long long task_id, long long *parent, long long *prev,
                       long long *next, char *err, size_t errlen);

/* The register of year: its report id, 0 when there is none yet. */
int db_add_register(struct db *db, int year, long long *report_id, char *err,
                    size_t errlen);
/* The year of report id when it is a register (its tasks are J2024:1 …),
 * else 0. */
int db_add_register_year(struct db *db, long long id, long long *year, char *err,
                         size_t errlen);

/* ---- departments (db/db_dept.c) ------------------------------------------------ */

/* Renames department from to to (a name no department has): the old name
 * stays as a merged one, so an import that meets it again uses the new
 * one. Every task, supporting entry and user follows, each with a history
 * row. *moved counts the tasks and users that followed. */
int db_dept_rename(struct db *db, const struct actor *a, const char *from, const char *to,
                   int *moved, char *err, size_t errlen);
/* Merges department from into department into (both in use): as rename. */
int db_dept_merge(struct db *db, const struct actor *a, const char *from, const char *into,
                  int *moved, char *err, size_t errlen);
/* Retires a department: no longer offered or assignable; the tasks and
 * users that name it keep it (*inuse counts the live tasks). */
int db_dept_retire(struct db *db, const struct actor *a, const char *name, int *inuse,
                   char *err, size_t errlen);
/* Puts a retired (not merged) department back in use. */
int db_dept_restore(struct db *db, const struct actor *a, const char *name, char *err,
                    size_t errlen);

/* Every department with its state, in the database's order: state[i] is
 * "" (in use), "retired", or the name it was merged into. Both arrays are
 * malloc'd (mem_strv_free each, count n). */
int db_dept_states(struct db *db, char ***names, char ***state, size_t *n, char *err,
                   size_t errlen);

#endif
