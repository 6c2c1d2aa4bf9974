/* Targets and the values reported against them (db/db_target.h). */
#include "db/internal.h"
#include "core/task.h"
#include "db/db_target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The task's target (has 0 when none), inside or outside a transaction. */
static int load(struct db *db, long long task_id, struct target_state *out, char *err,
                size_t errlen)
{
    struct db_stmt s;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, "SELECT x.value, x.unit, x.direction, p.value, p.at,"
                               " coalesce(nullif(t.due, ''), (SELECT k.due FROM tasks k WHERE"
                               " k.id = t.parent_id AND k.kind = 'item'))"
                               " FROM targets x JOIN tasks t ON t.id = x.task_id"
                               " LEFT JOIN progress p ON p.id = (SELECT max(id)"
                               " FROM progress WHERE task_id = x.task_id) WHERE x.task_id = :t",
                               err, errlen);
    if (rc != FU_OK)
        return rc;
    db_bind_int(&s, ":t", task_id);
    if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        out->has = 1;
        out->t.value = sqlite3_column_double(s.st, 0);
        db_col_copy(&s, 1, out->t.unit, sizeof out->t.unit);
        if (metric_dir_parse(db_col_text(&s, 2), &out->t.dir) != 0)
            out->t.dir = METRIC_AT_LEAST;
        if (!db_col_isnull(&s, 3)) {
            out->reported = 1;
            out->value = sqlite3_column_double(s.st, 3);
            db_col_copy(&s, 4, out->at, sizeof out->at);
        }
        db_col_copy(&s, 5, out->due, sizeof out->due);
        rc = FU_OK;
    } else if (rc == SQLITE_DONE) {
        rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

int db_target_get(struct db *db, long long task_id, struct target_state *out, char *err,
                  size_t errlen)
{
    return load(db, task_id, out, err, errlen);
}

static int write_target(struct db *db, const struct actor *a, long long task_id,
                        const struct target *t, char *err, size_t errlen)
{
    struct db_stmt s;
    char now[32], num[40];
    db_now(now, sizeof now);
    int rc = !t ? db_prepare_cached(db, &s, "DELETE FROM targets WHERE task_id = :t", err, errlen)
                : db_prepare_cached(db, &s, "INSERT OR REPLACE INTO targets (task_id, value, unit,"
                                    " direction, at, actor, as_user) VALUES (:t, CAST(:v AS REAL),"
                                    " :unit, :dir, :at, :actor, :as)", err, errlen);
    if (rc != FU_OK)
        return rc;
    db_bind_int(&s, ":t", task_id);
    if (t) {
        target_number(t->value, num, sizeof num);
        db_bind_text(&s, ":v", num);
        db_bind_text(&s, ":unit", t->unit);
        db_bind_text(&s, ":dir", metric_dir_name(t->dir));
        db_bind_stamp(&s, a, now);
    }
    rc = db_run(&s, err, errlen);
    db_finish(&s);
    return rc;
}

static int target_tx(struct db *db, const struct actor *a, long long task_id,
                     const struct target *t, int *changed, char *err, size_t errlen)
{
    struct task k;
    struct user u;
    struct target_state was;
    char before[96] = "", after[96] = "";
    int own = 0;
    int rc = db_change_load(db, a, task_id, &k, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_DECIDE, own, err, errlen);
    if (rc == FU_OK)
        rc = load(db, task_id, &was, err, errlen);
    if (rc == FU_OK && was.has)
        target_format(&was.t, before, sizeof before);
    if (t)
        target_format(t, after, sizeof after);
    if (rc == FU_OK && !t && !was.has)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s has no target to remove", k.report_id,
                     k.code);
    if (rc == FU_OK && strcmp(before, after) != 0) {
        rc = write_target(db, a, task_id, t, err, errlen);
        if (rc == FU_OK)
            rc = db_task_bump(db, task_id, err, errlen);
        if (rc == FU_OK)
            rc = db_history_add(db, a, task_id, "target", before[0] ? before : NULL,
                                after[0] ? after : NULL, NULL, err, errlen);
        *changed = 1;
    }
    task_fini(&k);
    user_fini(&u);
    return rc;
}

int db_target_set(struct db *db, const struct actor *a, long long task_id,
                  const struct target *t, int *changed, char *err, size_t errlen)
{
    int dummy = 0;
    char why[160];
    changed = changed ? changed : &dummy;
    *changed = 0;
    if (t && (t->dir == METRIC_FACT || t->value != t->value || t->value > 1e15 ||
              t->value < -1e15))
        return db_errf(err, errlen, FU_USAGE, "a target is a number with --at-least, "
                       "--at-most or --about");
    if (t && target_unit_check(t->unit, why, sizeof why) != 0)
        return db_errf(err, errlen, FU_USAGE, "%s", why);
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = target_tx(db, a, task_id, t, changed, err, errlen);
    return db_end(db, rc, err, errlen);
}

static int insert_progress(struct db *db, const struct actor *a, long long task_id, double v,
                           const char *unit, const char *written, const char *note, char *err,
                           size_t errlen)
{
    struct db_stmt s;
    char now[32], num[40];
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "INSERT INTO progress (task_id, value, unit, written,"
                               " note, at, actor, as_user) VALUES (:t, CAST(:v AS REAL), :unit,"
                               " :written, :note, :at, :actor, :as)", err, errlen);
    if (rc != FU_OK)
        return rc;
    target_number(v, num, sizeof num);
    db_bind_int(&s, ":t", task_id);
    db_bind_text(&s, ":v", num);
    db_bind_text(&s, ":unit", unit);
    db_bind_text(&s, ":written", written);
    db_bind_text(&s, ":note", note);
    db_bind_stamp(&s, a, now);
    rc = db_run(&s, err, errlen);
    db_finish(&s);
    return rc;
}

static int progress_tx(struct db *db, const struct actor *a, long long task_id, double value,
                       const char *unit, const char *note, double *stored, char *err,
                       size_t errlen)
{
    struct task k;
    struct user u;
    struct target_state ts;
    char accepted[160], num[40], written[96], row[96];
    double v = 0;
    int own = 0;
    int rc = db_change_load(db, a, task_id, &k, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_NOTE, own, err, errlen);
    if (rc == FU_OK)
        rc = load(db, task_id, &ts, err, errlen);
    if (rc == FU_OK && !ts.has)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s has no target; the committee sets one "
                     "with `followup target R%lld:%s 30 家 --at-least`", k.report_id, k.code,
                     k.report_id, k.code);
    if (rc == FU_OK && !unit)
        unit = ts.t.unit;
    if (rc == FU_OK && target_convert(value, unit, ts.t.unit, &v) != 0) {
        target_units_accepted(ts.t.unit, accepted, sizeof accepted);
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s's target is in %s; a value in %s cannot "
                     "be compared: write it in %s", k.report_id, k.code, ts.t.unit, unit,
                     accepted);
    }
    if (rc == FU_OK) {
        target_number(value, num, sizeof num);
        snprintf(written, sizeof written, "%s %s", num, unit);
        target_number(v, num, sizeof num);
        snprintf(row, sizeof row, "%s %s", num, ts.t.unit);
        rc = insert_progress(db, a, task_id, v, ts.t.unit, written, note, err, errlen);
    }
    if (rc == FU_OK)
        rc = db_task_bump(db, task_id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, task_id, "progress", NULL, row, note, err, errlen);
    if (rc == FU_OK && stored)
        *stored = v;
    task_fini(&k);
    user_fini(&u);
    return rc;
}

int db_progress_add(struct db *db, const struct actor *a, long long task_id, double value,
                    const char *unit, const char *note, double *stored, char *err,
                    size_t errlen)
{
    char why[160];
    if (value != value || value > 1e15 || value < -1e15)
        return db_errf(err, errlen, FU_USAGE, "a reported value is a number such as 18 or 2.5");
    if (unit && target_unit_check(unit, why, sizeof why) != 0)
        return db_errf(err, errlen, FU_USAGE, "%s", why);
    int rc = note ? db_text_check(note, "note", err, errlen) : FU_OK;
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = progress_tx(db, a, task_id, value, unit, note, stored, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_target_import(struct db *db, const struct actor *a, long long task_id,
                     const struct metric *m, char *err, size_t errlen)
{
    struct target t;
    char why[160], fmt[96];
    memset(&t, 0, sizeof t);
    if (!m || m->dir == METRIC_FACT || !m->unit || target_unit_check(m->unit, why, sizeof why))
        return FU_OK;
    t.value = m->value;
    t.dir = m->dir;
    snprintf(t.unit, sizeof t.unit, "%s", m->unit);
    target_format(&t, fmt, sizeof fmt);
    int rc = write_target(db, a, task_id, &t, err, errlen);
    return rc == FU_OK ? db_history_add(db, a, task_id, "target", NULL, fmt, NULL, err, errlen)
                       : rc;
}
