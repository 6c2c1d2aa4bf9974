/* Responsibility markers on import: the lead, supporting departments and
 * due a report gives an item (牵头单位：…；配合单位：…；完成时限：…) are
 * stored as the item's assignment, never silently dropped: a department
 * the database does not know yet is added, with a history row. */
#include "db/internal.h"
#include "core/user.h"
#include "db/db_import.h"

#include <stdlib.h>
#include <string.h>

#define MARK_NOTE DB_NOTE_MARK

void import_stats_fini(struct import_stats *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->nnew_depts; i++)
        free(st->new_depts[i]);
    free(st->new_depts);
    memset(st, 0, sizeof *st);
}

static int note_new(struct import_stats *st, const char *name, char *err, size_t errlen)
{
    char **v = realloc(st->new_depts, (st->nnew_depts + 1) * sizeof *v);
    if (!v)
        return db_errf(err, errlen, FU_ERR, "out of memory");
    st->new_depts = v;
    if (!(v[st->nnew_depts] = strdup(name)))
        return db_errf(err, errlen, FU_ERR, "out of memory");
    st->nnew_depts++;
    return FU_OK;
}

/* The department's id, added first when missing. A name the department
 * rules refuse (too long, a comma) gives id 0: the marker's text keeps it. */
static int ensure_dept(struct db *db, const struct actor *a, const char *name, long long *id,
                       char *clean, struct import_stats *st, char *err, size_t errlen)
{
    char why[FU_ERRLEN];
    int added = 0;
    *id = 0;
    if (db_dept_name_check(name, clean, DB_DEPT_BUF, why, sizeof why) != FU_OK)
        return FU_OK;
    int rc = db_dept_resolve(db, clean, id, clean, DB_DEPT_BUF, err, errlen);
    if (rc != FU_OK || *id)     /* known (or merged into another: that one) */
        return rc;
    rc = db_dept_insert(db, clean, &added, err, errlen);
    if (rc == FU_OK && added)
        rc = db_history_add(db, a, 0, "dept", NULL, clean, MARK_NOTE, err, errlen);
    if (rc == FU_OK && added)
        rc = note_new(st, clean, err, errlen);
    if (rc == FU_OK)
        rc = db_dept_id(db, clean, id, err, errlen);
    return rc;
}

struct stored { long long lead; int has_due, nsupport; char status[16]; };

static int load_stored(struct db *db, long long task_id, struct stored *o, char *err,
                       size_t errlen)
{
    struct db_stmt s;
    memset(o, 0, sizeof *o);
    int rc = db_prepare_cached(db, &s, "SELECT lead_id, due IS NOT NULL, status, (SELECT count(*)"
                               " FROM task_support WHERE task_id = :id) FROM tasks WHERE id = :id",
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", task_id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            o->lead = db_col_int(&s, 0);
            o->has_due = (int)db_col_int(&s, 1);
            snprintf(o->status, sizeof o->status, "%s", db_col_text(&s, 2));
            o->nsupport = (int)db_col_int(&s, 3);
        }
        rc = rc == SQLITE_ROW ? FU_OK : rc == SQLITE_DONE ? FU_NOTFOUND : rc;
    }
    db_finish(&s);
    return rc;
}

static int set_lead(struct db *db, long long task_id, long long lead, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "UPDATE tasks SET lead_id = :lead WHERE id = :id", err,
                               errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":lead", lead);
        db_bind_int(&s, ":id", task_id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* due is an ISO date, or "ongoing": the status 持续推进 (only from 未启动). */
static int set_due(struct db *db, long long task_id, const char *due, char *err, size_t errlen)
{
    struct db_stmt s;
    int ongoing = strcmp(due, "ongoing") == 0;
    int rc = ongoing ? db_prepare_cached(db, &s, "UPDATE tasks SET status = 'ongoing' WHERE"
                                         " id = :id AND status = 'todo'", err, errlen)
                     : db_prepare_cached(db, &s, "UPDATE tasks SET due = :due WHERE id = :id",
                                         err, errlen);
    if (rc == FU_OK) {
        if (!ongoing)
            db_bind_text(&s, ":due", due);
        db_bind_int(&s, ":id", task_id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

static int add_support_row(struct db *db, long long task_id, int ord, long long dept,
                           char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "INSERT INTO task_support (task_id, ord, dept_id) VALUES"
                               " (:id, :ord, :dept) ON CONFLICT DO NOTHING", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", task_id);
        db_bind_int(&s, ":ord", ord);
        db_bind_int(&s, ":dept", dept);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* The supporting departments (those the rules accept, the lead aside). */
static int store_support(struct db *db, const struct actor *a, long long task_id, long long lead,
                         const struct import_mark *mk, struct import_stats *st, char *err,
                         size_t errlen)
{
    struct db_buf names = {0};
    int rc = FU_OK, ord = 0;
    for (size_t i = 0; rc == FU_OK && i < mk->nsupport; i++) {
        char clean[DB_DEPT_BUF];
        long long id;
        rc = ensure_dept(db, a, mk->support[i], &id, clean, st, err, errlen);
        if (rc != FU_OK || !id || id == lead)
            continue;
        rc = add_support_row(db, task_id, ++ord, id, err, errlen);
        if (ord > 1)
            db_buf_str(&names, ",");
        db_buf_str(&names, clean);
    }
    if (rc == FU_OK && names.oom)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    if (rc == FU_OK && ord)
        rc = db_history_add(db, a, task_id, "support", NULL, names.p, MARK_NOTE, err, errlen);
    db_buf_fini(&names);
    return rc;
}

int db_import_mark(struct db *db, const struct actor *a, long long task_id, int fresh,
                   const struct import_mark *mk, struct import_stats *st,
                   char *err, size_t errlen)
{
    struct stored o;
    long long lead = 0;
    char clean[DB_DEPT_BUF] = "";
    int changed = 0;
    int rc = load_stored(db, task_id, &o, err, errlen);
    if (rc == FU_OK && mk->lead)
        rc = ensure_dept(db, a, mk->lead, &lead, clean, st, err, errlen);
    if (rc == FU_OK && lead && (fresh || !o.lead) && lead != o.lead) {
        rc = set_lead(db, task_id, lead, err, errlen);
        if (rc == FU_OK)
            rc = db_history_add(db, a, task_id, "lead", NULL, clean, MARK_NOTE, err, errlen);
        changed = 1;
    }
    if (rc == FU_OK && mk->due && *mk->due && (fresh || !o.has_due)) {
        int ongoing = strcmp(mk->due, "ongoing") == 0;
        if (!ongoing || strcmp(o.status, "todo") == 0) {
            rc = set_due(db, task_id, mk->due, err, errlen);
            if (rc == FU_OK)
                rc = ongoing ? db_history_add(db, a, task_id, "status", "todo", "ongoing",
                                              MARK_NOTE, err, errlen)
                             : db_history_add(db, a, task_id, "due", NULL, mk->due, MARK_NOTE,
                                              err, errlen);
            changed = 1;
        }
    }
    if (rc == FU_OK && mk->nsupport && (fresh || !o.nsupport)) {
        rc = store_support(db, a, task_id, lead ? lead : o.lead, mk, st, err, errlen);
        changed = 1;
    }
    if (rc == FU_OK && changed && !fresh)
        rc = db_task_bump(db, task_id, err, errlen);
    if (rc == FU_OK && changed)
        st->marked++;
    return rc;
}
