/* Targets stored (issue 24): one target a task (30 家, at least), set by
 * the import from a commitment's figure or by the committee, and the
 * values its departments report against it. Each change is one write
 * transaction with its history row ("target", "progress") and a version
 * bump; verify replays both (db/db_verify.c). */
#ifndef FU_DB_TARGET_H
#define FU_DB_TARGET_H

#include "core/target.h"
#include "core/user.h"
#include "db/db.h"

/* Committee only. Sets the task's target (t NULL removes it: FU_USAGE when
 * it has none); the same target again changes nothing (*changed 0).
 * t->dir must be at-least, at-most or about and t->unit pass
 * target_unit_check. History row "target" (old and new in target_format's
 * form, NULL for none). changed may be NULL. */
int db_target_set(struct db *db, const struct actor *a, long long task_id,
                  const struct target *t, int *changed, char *err, size_t errlen);

/* The task's departments and the committee. Records value in unit
 * (NULL: the target's own) against the task's target, converted to the
 * target's unit (万名 for a target in 名); a unit of another kind is
 * FU_USAGE naming the units accepted; no target is FU_USAGE saying how to
 * set one. note may be NULL. History row "progress" (new: the value in
 * the target's unit, "18 家"; its note the note). *stored (may be NULL)
 * gets the converted value. */
int db_progress_add(struct db *db, const struct actor *a, long long task_id, double value,
                    const char *unit, const char *note, double *stored, char *err,
                    size_t errlen);

/* The task's target and its latest value into *out (out->has 0 when it has
 * none). Returns FU_OK or FU_ERR. */
int db_target_get(struct db *db, long long task_id, struct target_state *out, char *err,
                  size_t errlen);

/* Inside the import's transaction: the target a new statement task takes
 * from its figure text (value, unit, direction not METRIC_FACT), with its
 * history row. */
int db_target_import(struct db *db, const struct actor *a, long long task_id,
                     const struct metric *m, char *err, size_t errlen);

#endif
