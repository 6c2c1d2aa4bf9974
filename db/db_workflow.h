/* The workflow stored: extension requests, feedback cycles, leaders'
 * instructions (db/db_workflow.c). */
#ifndef FU_DB_WORKFLOW_H
#define FU_DB_WORKFLOW_H

#include <stddef.h>
#include "core/cycle.h"
#include "core/user.h"
#include "core/workflow.h"
#include "db/db.h"

/* A department user (on a task of their departments) or the committee
 * asks for due date `to` (after the current due date and not before
 * today), with a reason. One pending request per task (FU_CONFLICT when
 * there is one); done tasks cannot be extended. History row "extension"
 * (old: the due date, new: the date asked, note: the reason). */
int db_extend_request(struct db *db, const struct actor *a, long long task_id,
                      const char *to, const char *reason, const char *today,
                      char *err, size_t errlen);
/* Committee only (checked first: FU_PERM). Approves (the due date moves to
 * the date asked, with its own "due" history row) or denies the task's
 * pending request (FU_NOTFOUND when none); reason may be NULL. History row
 * "extension" (old "pending", new "approved"/"denied", note the reason).
 * *new_due (may be NULL) receives the date asked. */
int db_extend_decide(struct db *db, const struct actor *a, long long task_id, int approve,
                     const char *reason, char new_due[11], char *err, size_t errlen);
/* The requests of task task_id, oldest first; task_id 0: every pending
 * request, in report order. Released with extension_list_fini. */
int db_extensions(struct db *db, long long task_id, struct extension_list *out,
                  char *err, size_t errlen);

/* Committee only. Sets the task's feedback cycle (c->period CYCLE_NONE
 * removes it: FU_USAGE when it has none). Setting the same cycle again
 * changes nothing (*changed 0). History row "cycle" (old and new in
 * cycle_format's form, NULL for none). changed may be NULL. */
int db_cycle_set(struct db *db, const struct actor *a, long long task_id,
                 const struct cycle *c, int *changed, char *err, size_t errlen);



/* Committee and (known) viewer users add an instruction to a task.
 * History row "instruction" (new: the text). */
int db_instruct(struct db *db, const struct actor *a, long long task_id, const char *text,
                char *err, size_t errlen);
/* The task's instructions, newest first. */
int db_instructions(struct db *db, long long task_id, struct instruction_list *out,
                    char *err, size_t errlen);

/* The ids of report report_id's live tasks whose feedback is overdue on
 * today (0 report: all), ascending, malloc'd into *ids (free()). */
int db_feedback_overdue_ids(struct db *db, long long report_id, const char *today,
                            long long **ids, size_t *n, char *err, size_t errlen);

#endif
