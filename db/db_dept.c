/* Departments corrected by hand (db/db_edit.h): renamed, merged into
 * another, retired, restored. A department is never deleted (review
 * snapshots and the history name it): a merged one stays as a retired row
 * pointing at the survivor, so an import that meets the old name again
 * uses the survivor. */
#include "db/internal.h"
#include "util/mem.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_edit.h"
#include "db/db_user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dept { long long id, merged_into; int retired; char name[DB_DEPT_BUF]; };

/* The department named name (checked); FU_NOTFOUND when none. */
static int dept_get(struct db *db, const char *name, struct dept *d, char *err, size_t errlen)
{
    struct db_stmt s;
    memset(d, 0, sizeof *d);
    int rc = db_dept_name_check(name, d->name, sizeof d->name, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_prepare_cached(db, &s, "SELECT id, retired_at IS NOT NULL, coalesce(merged_into, 0)"
                           " FROM departments WHERE name = :n", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":n", d->name);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            d->id = db_col_int(&s, 0);
            d->retired = (int)db_col_int(&s, 1);
            d->merged_into = db_col_int(&s, 2);
            rc = FU_OK;
        } else if (rc == SQLITE_DONE) {
            rc = db_errf(err, errlen, FU_NOTFOUND, "no department '%s'; `followup dept list "
                         "--all` shows them", d->name);
        }
    }
    db_finish(&s);
    return rc;
}

int db_dept_resolve(struct db *db, const char *clean, long long *id, char *name, size_t len,
                    char *err, size_t errlen)
{
    struct db_stmt s;
    *id = 0;
    int rc = db_prepare_cached(db, &s, "SELECT coalesce(m.id, d.id), coalesce(m.name, d.name)"
                               " FROM departments d LEFT JOIN departments m ON m.id = d.merged_into"
                               " WHERE d.name = :n", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":n", clean);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            *id = db_col_int(&s, 0);
            if (name)
                db_col_copy(&s, 1, name, len);
        }
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

/* ---- the tasks and users that follow ------------------------------------------------- */

static int ids_of(struct db *db, const char *sql, long long dept, struct db_ids *out, char *err,
                  size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare(db, &s, sql, err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":d", dept);
        rc = db_step_ids(&s, out, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* A task's supporting departments as the history writes them ("a,b"). */
static int support_names(struct db *db, long long task, char **out, char *err, size_t errlen)
{
    struct db_stmt s;
    int oom = 0;
    *out = NULL;
    int rc = db_prepare_cached(db, &s, "SELECT group_concat(name, ',') FROM (SELECT d.name AS name"
                               " FROM task_support p JOIN departments d ON d.id = p.dept_id"
                               " WHERE p.task_id = :t ORDER BY p.ord)", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", task);
        if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            *out = db_col_dup(&s, 0, &oom);
            rc = oom ? db_errf(err, errlen, FU_ERR, "out of memory") : FU_OK;
        }
    }
    db_finish(&s);
    return rc;
}

static int run2(struct db *db, const char *sql, long long a, long long b, char *err,
                size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, sql, err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":a", a);
        db_bind_int(&s, ":b", b);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

static int follow_leads(struct db *db, const struct actor *a, const struct dept *from,
                        const struct dept *to, const char *why, int *moved, char *err,
                        size_t errlen)
{
    struct db_ids l = {0};
    int rc = ids_of(db, "SELECT id FROM tasks WHERE lead_id = :d ORDER BY id", from->id, &l,
                    err, errlen);
    for (size_t i = 0; rc == FU_OK && i < l.n; i++) {
        rc = run2(db, "UPDATE tasks SET lead_id = :b WHERE id = :a", l.v[i], to->id, err, errlen);
        if (rc == FU_OK)
            rc = db_task_touch(db, l.v[i], err, errlen);
        if (rc == FU_OK)
            rc = db_history_add(db, a, l.v[i], "lead", from->name, to->name, why, err, errlen);
        (*moved)++;
    }
    free(l.v);
    return rc;
}

/* Task task's supporting departments, in order, with from replaced by to
 * (once: where to supports already, from's entry goes). */
static int support_rewrite(struct db *db, long long task, long long from, long long to,
                           char *err, size_t errlen)
{
    struct db_ids l = {0}, keep = {0};
    int rc = ids_of(db, "SELECT dept_id FROM task_support WHERE task_id = :d ORDER BY ord", task,
                    &l, err, errlen);
    for (size_t i = 0; rc == FU_OK && i < l.n; i++) {
        long long d = l.v[i] == from ? to : l.v[i];
        size_t j = 0;
        while (j < keep.n && keep.v[j] != d)
            j++;
        if (j < keep.n)
            continue;
        if (mem_grow((void **)&keep.v, keep.n, &keep.cap, sizeof *keep.v) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
        else
            keep.v[keep.n++] = d;
    }
    if (rc == FU_OK)   /* the old rows go, then the list in its order */
        rc = run2(db, "DELETE FROM task_support WHERE task_id = :a AND dept_id <> :b", task, -1,
                  err, errlen);
    for (size_t i = 0; rc == FU_OK && i < keep.n; i++) {
        struct db_stmt s;
        if ((rc = db_prepare_cached(db, &s, "INSERT INTO task_support (task_id, ord, dept_id)"
                                    " VALUES (:t, :o, :d)", err, errlen)) == FU_OK) {
            db_bind_int(&s, ":t", task);
            db_bind_int(&s, ":o", (long long)i);
            db_bind_int(&s, ":d", keep.v[i]);
            rc = db_run(&s, err, errlen);
        }
        db_finish(&s);
    }
    free(l.v);
    free(keep.v);
    return rc;
}

static int follow_support(struct db *db, const struct actor *a, const struct dept *from,
                          const struct dept *to, const char *why, int *moved, char *err,
                          size_t errlen)
{
    struct db_ids l = {0};
    int rc = ids_of(db, "SELECT task_id FROM task_support WHERE dept_id = :d ORDER BY task_id",
                    from->id, &l, err, errlen);
    for (size_t i = 0; rc == FU_OK && i < l.n; i++) {
        char *old = NULL, *now = NULL;
        rc = support_names(db, l.v[i], &old, err, errlen);
        if (rc == FU_OK)
            rc = support_rewrite(db, l.v[i], from->id, to->id, err, errlen);
        if (rc == FU_OK)
            rc = support_names(db, l.v[i], &now, err, errlen);
        if (rc == FU_OK && (rc = db_task_touch(db, l.v[i], err, errlen)) == FU_OK)
            rc = db_history_add(db, a, l.v[i], "support", old, now, why, err, errlen);
        (*moved)++;
        free(old);
        free(now);
    }
    free(l.v);
    return rc;
}

static int user_desc_of(struct db *db, long long uid, char **desc, char *err, size_t errlen)
{
    struct db_stmt s;
    struct actor who;
    struct user u;
    memset(&who, 0, sizeof who);
    *desc = NULL;
    int rc = db_prepare_cached(db, &s, "SELECT login FROM users WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", uid);
        if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            db_col_copy(&s, 0, who.login, sizeof who.login);
            rc = FU_OK;
        }
    }
    db_finish(&s);
    if (rc == FU_OK && (rc = db_user_load(db, &who, &u, NULL, err, errlen)) == FU_OK) {
        if (!(*desc = db_user_desc(&u)))
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
        user_fini(&u);
    }
    return rc;
}

static int follow_users(struct db *db, const struct actor *a, const struct dept *from,
                        const struct dept *to, const char *why, int *moved, char *err,
                        size_t errlen)
{
    struct db_ids l = {0};
    int rc = ids_of(db, "SELECT user_id FROM user_depts WHERE dept_id = :d ORDER BY user_id",
                    from->id, &l, err, errlen);
    for (size_t i = 0; rc == FU_OK && i < l.n; i++) {
        char *old = NULL, *now = NULL;
        rc = user_desc_of(db, l.v[i], &old, err, errlen);
        if (rc == FU_OK)
            rc = run2(db, "INSERT OR IGNORE INTO user_depts (user_id, dept_id) VALUES (:a, :b)",
                      l.v[i], to->id, err, errlen);
        if (rc == FU_OK)
            rc = run2(db, "DELETE FROM user_depts WHERE user_id = :a AND dept_id = :b", l.v[i],
                      from->id, err, errlen);
        if (rc == FU_OK)
            rc = user_desc_of(db, l.v[i], &now, err, errlen);
        if (rc == FU_OK)
            rc = db_history_add(db, a, 0, "user", old, now, why, err, errlen);
        (*moved)++;
        free(old);
        free(now);
    }
    free(l.v);
    return rc;
}

/* from's tasks, supporting entries and users go to to; from is retired
 * pointing at to (and so is every department merged into from). */
static int merge_into(struct db *db, const struct actor *a, struct dept *from,
                      const struct dept *to, const char *why, int *moved, char *err,
                      size_t errlen)
{
    char now[32];
    struct db_stmt s;
    db_now(now, sizeof now);
    int rc = run2(db, "UPDATE departments SET merged_into = :b WHERE id = :a", from->id, to->id,
                  err, errlen);
    if (rc == FU_OK)
        rc = follow_leads(db, a, from, to, why, moved, err, errlen);
    if (rc == FU_OK)
        rc = follow_support(db, a, from, to, why, moved, err, errlen);
    if (rc == FU_OK)
        rc = follow_users(db, a, from, to, why, moved, err, errlen);
    if (rc == FU_OK)
        rc = run2(db, "UPDATE departments SET merged_into = :b WHERE merged_into = :a", from->id,
                  to->id, err, errlen);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "UPDATE departments SET retired_at ="
                                               " coalesce(retired_at, :now) WHERE id = :id",
                                               err, errlen)) == FU_OK) {
        db_bind_text(&s, ":now", now);
        db_bind_int(&s, ":id", from->id);
        rc = db_run(&s, err, errlen);
        db_finish(&s);
    }
    if (rc == FU_OK)
        rc = db_history_add(db, a, 0, "dept", from->name, to->name, why, err, errlen);
    return rc;
}

static int in_use(const struct dept *d, char *err, size_t errlen)
{
    if (d->merged_into)
        return db_errf(err, errlen, FU_USAGE, "department '%s' was merged into another already;"
                       " `followup dept list --all` shows which", d->name);
    if (d->retired)
        return db_errf(err, errlen, FU_USAGE, "department '%s' is retired; `followup dept "
                       "restore %s` brings it back", d->name, d->name);
    return FU_OK;
}

static int rename_tx(struct db *db, const struct actor *a, const char *from, const char *to,
                     int *moved, char *err, size_t errlen)
{
    struct dept f, t;
    char why[600];
    int added = 0;
    int rc = db_edit_perm(db, a, err, errlen);
    if (rc == FU_OK)
        rc = dept_get(db, from, &f, err, errlen);
    if (rc == FU_OK)
        rc = in_use(&f, err, errlen);
    if (rc == FU_OK && (rc = dept_get(db, to, &t, err, errlen)) == FU_OK)
        return db_errf(err, errlen, FU_USAGE, "department '%s' exists; `followup dept merge "
                       "%s %s` moves everything to it", t.name, f.name, t.name);
    if (rc == FU_NOTFOUND)
        rc = db_dept_insert(db, t.name, &added, err, errlen);
    char name[DB_DEPT_BUF];
    snprintf(name, sizeof name, "%s", t.name);
    if (rc == FU_OK)
        rc = dept_get(db, name, &t, err, errlen);
    snprintf(why, sizeof why, "renamed %s to %s", f.name, t.name);
    if (rc == FU_OK)
        rc = merge_into(db, a, &f, &t, why, moved, err, errlen);
    return rc;
}

int db_dept_rename(struct db *db, const struct actor *a, const char *from, const char *to,
                   int *moved, char *err, size_t errlen)
{
    *moved = 0;
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = rename_tx(db, a, from, to, moved, err, errlen);
    return db_end(db, rc, err, errlen);
}

static int merge_tx(struct db *db, const struct actor *a, const char *from, const char *into,
                    int *moved, char *err, size_t errlen)
{
    struct dept f, t;
    char why[600];
    int rc = db_edit_perm(db, a, err, errlen);
    if (rc == FU_OK)
        rc = dept_get(db, from, &f, err, errlen);
    if (rc == FU_OK)
        rc = in_use(&f, err, errlen);
    if (rc == FU_OK && (rc = dept_get(db, into, &t, err, errlen)) == FU_NOTFOUND)
        return db_errf(err, errlen, FU_NOTFOUND, "no department '%s'; `followup dept rename "
                       "%s %s` gives %s that name", t.name, f.name, t.name, f.name);
    if (rc == FU_OK)
        rc = in_use(&t, err, errlen);
    if (rc == FU_OK && f.id == t.id)
        rc = db_errf(err, errlen, FU_USAGE, "a department cannot be merged into itself");
    snprintf(why, sizeof why, "merged %s into %s", f.name, t.name);
    if (rc == FU_OK)
        rc = merge_into(db, a, &f, &t, why, moved, err, errlen);
    return rc;
}

int db_dept_merge(struct db *db, const struct actor *a, const char *from, const char *into,
                  int *moved, char *err, size_t errlen)
{
    *moved = 0;
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = merge_tx(db, a, from, into, moved, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- retire and restore ------------------------------------------------------------- */

static int count_live(struct db *db, long long dept, int *n, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT count(*) FROM tasks t WHERE t.withdrawn = 0 AND"
                               " (t.lead_id = :d OR EXISTS (SELECT 1 FROM task_support p"
                               " WHERE p.task_id = t.id AND p.dept_id = :d))", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":d", dept);
        if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            *n = (int)db_col_int(&s, 0);
            rc = FU_OK;
        }
    }
    db_finish(&s);
    return rc;
}

static int set_retired(struct db *db, const struct actor *a, const struct dept *d, int retire,
                       char *err, size_t errlen)
{
    struct db_stmt s;
    char now[32];
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "UPDATE departments SET retired_at = :at WHERE id = :id",
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":at", retire ? now : NULL);
        db_bind_int(&s, ":id", d->id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_history_add(db, a, 0, "dept", retire ? d->name : NULL, retire ? NULL : d->name,
                            retire ? "retired" : "restored", err, errlen);
    return rc;
}

int db_dept_retire(struct db *db, const struct actor *a, const char *name, int *inuse,
                   char *err, size_t errlen)
{
    struct dept d;
    *inuse = 0;
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_edit_perm(db, a, err, errlen);
    if (rc == FU_OK)
        rc = dept_get(db, name, &d, err, errlen);
    if (rc == FU_OK)
        rc = in_use(&d, err, errlen);
    if (rc == FU_OK)
        rc = count_live(db, d.id, inuse, err, errlen);
    if (rc == FU_OK)
        rc = set_retired(db, a, &d, 1, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_dept_restore(struct db *db, const struct actor *a, const char *name, char *err,
                    size_t errlen)
{
    struct dept d;
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_edit_perm(db, a, err, errlen);
    if (rc == FU_OK)
        rc = dept_get(db, name, &d, err, errlen);
    if (rc == FU_OK && d.merged_into)
        rc = in_use(&d, err, errlen);
    if (rc == FU_OK && !d.retired)
        rc = db_errf(err, errlen, FU_USAGE, "department '%s' is in use, not retired", d.name);
    if (rc == FU_OK)
        rc = set_retired(db, a, &d, 0, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_dept_states(struct db *db, char ***names, char ***state, size_t *n, char *err,
                   size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0, cap2 = 0;
    *names = *state = NULL;
    *n = 0;
    int rc = db_prepare_cached(db, &s, "SELECT d.name, CASE WHEN m.name IS NOT NULL THEN m.name"
                               " WHEN d.retired_at IS NOT NULL THEN 'retired' ELSE '' END"
                               " FROM departments d LEFT JOIN departments m ON m.id = d.merged_into"
                               " ORDER BY d.id", err, errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        int oom = 0;
        rc = FU_OK;
        if (mem_grow((void **)names, *n, &cap, sizeof **names) != 0 ||
            mem_grow((void **)state, *n, &cap2, sizeof **state) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        (*names)[*n] = db_col_dup(&s, 0, &oom);
        (*state)[*n] = db_col_dup(&s, 1, &oom);
        (*n)++;
        if (oom)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK) {
        mem_strv_free(*names, *n);
        mem_strv_free(*state, *n);
        *names = *state = NULL;
        *n = 0;
    }
    return rc;
}
