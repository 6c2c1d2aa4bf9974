/* Task mutations: assign, status, notes. Each runs in one write
 * transaction: load the task and the effective user, check permission,
 * check the version, write, bump the version, one history row per
 * changed field. */
#include "db/internal.h"
#include "util/mem.h"
#include "core/calendar.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct change {
    struct task t;
    struct user u;
    int own;               /* the task's lead or a supporting department is the user's */
};

static void change_fini(struct change *c)
{
    task_fini(&c->t);
    user_fini(&c->u);
}

void db_last_outcome(const struct db *db, struct db_outcome *out)
{
    *out = db->outcome;
}

int db_batch_begin(struct db *db, char *err, size_t errlen)
{
    return db_begin(db, err, errlen);
}

int db_batch_end(struct db *db, int rc, char *err, size_t errlen)
{
    return db_end(db, rc, err, errlen);
}

/* OWN_LEAD, OWN_SUPPORT or OWN_NONE (core/task.h). */
static int is_own(const struct task *t, const struct user *u)
{
    int own = OWN_NONE;
    for (size_t i = 0; i < u->ndepts; i++) {
        if (t->lead && strcmp(t->lead, u->depts[i]) == 0)
            return OWN_LEAD;
        for (size_t j = 0; j < t->nsupport; j++)
            if (strcmp(t->support[j], u->depts[i]) == 0)
                own = OWN_SUPPORT;
    }
    return own;
}

/* Loads the task and the effective user inside the transaction. */
static int change_load(struct db *db, const struct actor *a, long long task_id,
                       struct change *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    memset(&db->outcome, 0, sizeof db->outcome);
    int rc = db_task_load(db, task_id, &c->t, err, errlen);
    if (rc == FU_OK)
        db->outcome.version = c->t.version;
    if (rc == FU_OK && c->t.withdrawn)
        rc = db_errf(err, errlen, FU_ERR, "task R%lld:%s is withdrawn; it cannot be changed "
                     "(`followup restore R%lld:%s` brings it back)", c->t.report_id, c->t.code,
                     c->t.report_id, c->t.code);
    if (rc == FU_OK)
        rc = db_user_load(db, a, &c->u, NULL, err, errlen);
    /* A department that leads or supports an item owns the item's
     * statements. Sections pass nothing down: their lead is often only the
     * report's default department. */
    if (rc == FU_OK)
        c->own = is_own(&c->t, &c->u);
    if (rc == FU_OK && !c->own && c->t.kind == KIND_STATEMENT && c->t.parent_id) {
        struct task p;
        if ((rc = db_task_load(db, c->t.parent_id, &p, err, errlen)) == FU_OK) {
            c->own = p.kind == KIND_ITEM && is_own(&p, &c->u);
            task_fini(&p);
        }
    }
    return rc;
}

/* expected 0 skips the check; a stale one names who changed the task last. */
static int check_version(struct db *db, const struct task *t, long long expected,
                         char *err, size_t errlen)
{
    if (expected == 0 || expected == t->version)
        return FU_OK;
    struct db_stmt s;
    char who[160] = "someone", at[32];
    snprintf(at, sizeof at, "%s", t->updated_at);
    int rc = db_prepare_cached(db, &s, "SELECT actor, as_user, at FROM history WHERE task_id = :t"
                         " ORDER BY id DESC LIMIT 1", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", t->id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            if (db_col_isnull(&s, 1))
                snprintf(who, sizeof who, "%s", db_col_text(&s, 0));
            else
                snprintf(who, sizeof who, "%s as %s", db_col_text(&s, 0), db_col_text(&s, 1));
            char utc[32];
            db_col_copy(&s, 2, utc, sizeof utc);
            cal_local(utc, CAL_MINUTE, at, sizeof at);
        }
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_errf(err, errlen, FU_CONFLICT, "task %s was changed by %s at %s (status is now "
                     "%s); reload and try again", t->code, who, at, status_zh(t->status));
    return rc;
}

static int bump(struct db *db, long long task_id, char *err, size_t errlen)
{
    struct db_stmt s;
    char now[32];
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "UPDATE tasks SET version = version + 1, updated_at = :now"
                         " WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":now", now);
        db_bind_int(&s, ":id", task_id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* bump for the task the change is about: records the outcome. */
static int bump_main(struct db *db, long long task_id, char *err, size_t errlen)
{
    int rc = bump(db, task_id, err, errlen);
    if (rc == FU_OK) {
        db->outcome.changed = 1;
        db->outcome.version++;
    }
    return rc;
}

static int add_note_row(struct db *db, const struct actor *a, long long task_id,
                        const char *text, char *err, size_t errlen)
{
    struct db_stmt s;
    char now[32];
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "INSERT INTO notes (task_id, at, actor, as_user, text)"
                         " VALUES (:task, :at, :actor, :as_user, :text)", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":task", task_id);
        db_bind_text(&s, ":at", now);
        db_bind_text(&s, ":actor", a->login);
        db_bind_text(&s, ":as_user", db_as_user(a));
        db_bind_text(&s, ":text", text);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* Non-empty (not only white space) and at most DB_NOTE_MAX bytes. */
static int note_check(const char *text, const char *what, char *err, size_t errlen)
{
    size_t n = text ? strlen(text) : 0, i = 0;
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    if (i == n)
        return db_errf(err, errlen, FU_USAGE, "the %s is empty; write what was done", what);
    if (n > DB_NOTE_MAX)
        return db_errf(err, errlen, FU_USAGE, "the %s is %zu bytes long; at most %d are "
                       "allowed", what, n, DB_NOTE_MAX);
    return FU_OK;
}

/* ---- status -------------------------------------------------------------- */

static int set_status_tx(struct db *db, const struct actor *a, long long task_id,
                         enum task_status st, const char *note, long long expected,
                         char *err, size_t errlen)
{
    struct change c;
    struct db_stmt s = {0};
    int rc = change_load(db, a, task_id, &c, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(c.u.role, ACT_STATUS, c.own, err, errlen);
    if (rc == FU_OK && c.t.status == st) {     /* already so: only the note, if any */
        if (note && (rc = perm_check(c.u.role, ACT_NOTE, c.own, err, errlen)) == FU_OK &&
            (rc = add_note_row(db, a, task_id, note, err, errlen)) == FU_OK &&
            (rc = bump_main(db, task_id, err, errlen)) == FU_OK)
            rc = db_history_add(db, a, task_id, "note", NULL, note, NULL, err, errlen);
        change_fini(&c);
        return rc;
    }
    if (rc == FU_OK)
        rc = perm_status(c.u.role, c.own, c.t.status, st, err, errlen);
    if (rc == FU_OK)
        rc = check_version(db, &c.t, expected, err, errlen);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "UPDATE tasks SET status = :st WHERE id = :id",
                                         err, errlen)) == FU_OK) {
        db_bind_text(&s, ":st", status_key(st));
        db_bind_int(&s, ":id", task_id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = bump_main(db, task_id, err, errlen);
    if (rc == FU_OK && note)
        rc = add_note_row(db, a, task_id, note, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, task_id, "status", status_key(c.t.status), status_key(st),
                            note, err, errlen);
    change_fini(&c);
    return rc;
}

int db_task_set_status(struct db *db, const struct actor *a, long long task_id,
                       enum task_status st, const char *note,
                       long long expected_version, char *err, size_t errlen)
{
    if ((unsigned)st >= ST_COUNT)
        return db_errf(err, errlen, FU_USAGE, "unknown status");
    if (note && !*note)
        note = NULL;
    int rc = note ? note_check(note, "note", err, errlen) : FU_OK;
    /* verify takes these words for the program's own, never stored */
    if (rc == FU_OK && db_note_explains(note))
        rc = db_errf(err, errlen, FU_USAGE, "'%s' is what followup writes itself when it "
                     "changes a status; say it in other words", note);
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = set_status_tx(db, a, task_id, st, note, expected_version, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- notes --------------------------------------------------------------- */

int db_task_add_note(struct db *db, const struct actor *a, long long task_id,
                     const char *text, char *err, size_t errlen)
{
    struct change c;
    int rc = note_check(text, "note", err, errlen);
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = change_load(db, a, task_id, &c, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(c.u.role, ACT_NOTE, c.own, err, errlen);
    if (rc == FU_OK)
        rc = add_note_row(db, a, task_id, text, err, errlen);
    if (rc == FU_OK)
        rc = bump_main(db, task_id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, task_id, "note", NULL, text, NULL, err, errlen);
    change_fini(&c);
    return db_end(db, rc, err, errlen);
}

/* ---- assign -------------------------------------------------------------- */

struct assign {
    const char *lead;      /* NULL keep, "" clear */
    const char *const *support;
    size_t nsupport;
    int set_support;
    const char *due;       /* NULL keep, "" clear */
};

/* Joins names with ',' ("" for none); NULL when out of memory. */
static char *join(char *const *v, size_t n)
{
    struct db_buf b = {0};
    db_buf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (i)
            db_buf_str(&b, ",");
        db_buf_str(&b, v[i]);
    }
    if (b.oom)
        db_buf_fini(&b);
    return b.p;
}

/* Descendants that still followed the old lead (same department, or none
 * when the parent had none) follow the new one, each with a history row
 * and a version bump, so the list never shows an item's statements under
 * a department the item has left. */
static int cascade_lead(struct db *db, const struct actor *a, const struct change *c,
                        long long new_id, const char *new_name, char *err, size_t errlen)
{
    struct db_stmt s = {0};
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    int rc = db_prepare(db, &s,
        "WITH RECURSIVE sub(id) AS (SELECT id FROM tasks WHERE parent_id = :root"
        " UNION ALL SELECT t.id FROM tasks t JOIN sub ON t.parent_id = sub.id)"
        " SELECT t.id FROM tasks t JOIN sub ON sub.id = t.id"
        " WHERE t.withdrawn = 0 AND t.lead_id IS (SELECT id FROM departments WHERE name = :old)"
        " ORDER BY t.seq", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":root", c->t.id);
        db_bind_text(&s, ":old", c->t.lead);
        while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            if (mem_grow((void **)&ids, n, &cap, sizeof *ids) != 0) {
                rc = db_errf(err, errlen, FU_ERR, "out of memory");
                break;
            }
            ids[n++] = db_col_int(&s, 0);
        }
        rc = rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < n; i++) {
        if ((rc = db_prepare_cached(db, &s, "UPDATE tasks SET lead_id = :lead WHERE id = :id",
                                    err, errlen)) != FU_OK)
            break;
        db_bind_id(&s, ":lead", new_id);
        db_bind_int(&s, ":id", ids[i]);
        rc = db_run(&s, err, errlen);
        db_finish(&s);
        if (rc == FU_OK)
            rc = bump(db, ids[i], err, errlen);
        if (rc == FU_OK)
            rc = db_history_add(db, a, ids[i], "lead", c->t.lead, new_name, "follows its parent",
                                err, errlen);
        if (rc == FU_OK)
            db->outcome.cascaded++;
    }
    free(ids);
    return rc;
}

static int assign_lead(struct db *db, const struct actor *a, const struct change *c,
                       const char *lead, int *changed, char *err, size_t errlen)
{
    struct db_stmt s = {0};
    char clean[DB_DEPT_BUF] = "";
    long long id = 0;
    int rc = FU_OK;
    if (*lead && (rc = db_dept_id(db, lead, &id, err, errlen)) == FU_OK)
        rc = db_dept_name_check(lead, clean, sizeof clean, err, errlen);
    if (rc != FU_OK || strcmp(c->t.lead ? c->t.lead : "", clean) == 0)
        return rc;
    if ((rc = db_prepare_cached(db, &s, "UPDATE tasks SET lead_id = :lead WHERE id = :id", err,
                          errlen)) == FU_OK) {
        db_bind_id(&s, ":lead", id);
        db_bind_int(&s, ":id", c->t.id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_history_add(db, a, c->t.id, "lead", c->t.lead, id ? clean : NULL, NULL, err,
                            errlen);
    if (rc == FU_OK)
        rc = cascade_lead(db, a, c, id, id ? clean : NULL, err, errlen);
    *changed = 1;
    return rc;
}

/* Replaces the supporting departments: resolved, deduplicated, in order. */
static int write_support(struct db *db, long long task_id, const long long *ids, size_t n,
                         char *err, size_t errlen)
{
    struct db_stmt s = {0};
    int rc = db_prepare_cached(db, &s, "DELETE FROM task_support WHERE task_id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", task_id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < n; i++) {
        rc = db_prepare_cached(db, &s, "INSERT INTO task_support (task_id, ord, dept_id) VALUES"
                         " (:id, :ord, :dept)", err, errlen);
        if (rc == FU_OK) {
            db_bind_int(&s, ":id", task_id);
            db_bind_int(&s, ":ord", (long long)i);
            db_bind_int(&s, ":dept", ids[i]);
            rc = db_run(&s, err, errlen);
        }
        db_finish(&s);
    }
    return rc;
}

static int assign_support(struct db *db, const struct actor *a, const struct change *c,
                          const struct assign *as, int *changed, char *err, size_t errlen)
{
    long long *ids = calloc(as->nsupport + 1, sizeof *ids);
    char **names = calloc(as->nsupport + 1, sizeof *names);
    char *old = NULL, *new_ = NULL;
    size_t n = 0;
    int rc = ids && names ? FU_OK : db_errf(err, errlen, FU_ERR, "out of memory");
    for (size_t i = 0; rc == FU_OK && i < as->nsupport; i++) {
        char clean[DB_DEPT_BUF];
        long long id = 0;
        size_t j = 0;
        rc = db_dept_id(db, as->support[i], &id, err, errlen);
        if (rc == FU_OK)
            rc = db_dept_name_check(as->support[i], clean, sizeof clean, err, errlen);
        while (rc == FU_OK && j < n && ids[j] != id)
            j++;
        if (rc == FU_OK && j == n) {
            ids[n] = id;
            if (!(names[n++] = strdup(clean)))
                rc = db_errf(err, errlen, FU_ERR, "out of memory");
        }
    }
    if (rc == FU_OK && (!(old = join(c->t.support, c->t.nsupport)) || !(new_ = join(names, n))))
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    if (rc == FU_OK && strcmp(old, new_) != 0) {
        rc = write_support(db, c->t.id, ids, n, err, errlen);
        if (rc == FU_OK)
            rc = db_history_add(db, a, c->t.id, "support", *old ? old : NULL,
                                *new_ ? new_ : NULL, NULL, err, errlen);
        *changed = 1;
    }
    mem_strv_free(names, n);
    free(ids);
    free(old);
    free(new_);
    return rc;
}

static int assign_due(struct db *db, const struct actor *a, const struct change *c,
                      const char *due, int *changed, char *err, size_t errlen)
{
    struct db_stmt s = {0};
    if (strcmp(c->t.due, due) == 0)
        return FU_OK;
    int rc = db_prepare_cached(db, &s, "UPDATE tasks SET due = :due WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":due", *due ? due : NULL);
        db_bind_int(&s, ":id", c->t.id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_history_add(db, a, c->t.id, "due", c->t.due[0] ? c->t.due : NULL,
                            *due ? due : NULL, NULL, err, errlen);
    *changed = 1;
    return rc;
}

static int assign_tx(struct db *db, const struct actor *a, long long task_id,
                     const struct assign *as, long long expected, char *err, size_t errlen)
{
    struct change c;
    int changed = 0;
    int rc = change_load(db, a, task_id, &c, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(c.u.role, ACT_ASSIGN, c.own, err, errlen);
    if (rc == FU_OK)
        rc = check_version(db, &c.t, expected, err, errlen);
    if (rc == FU_OK && as->lead)
        rc = assign_lead(db, a, &c, as->lead, &changed, err, errlen);
    if (rc == FU_OK && as->set_support)
        rc = assign_support(db, a, &c, as, &changed, err, errlen);
    if (rc == FU_OK && as->due)
        rc = assign_due(db, a, &c, as->due, &changed, err, errlen);
    if (rc == FU_OK && changed)
        rc = bump_main(db, task_id, err, errlen);
    change_fini(&c);
    return rc;
}

int db_task_assign(struct db *db, const struct actor *a, long long task_id,
                   const char *lead, const char *const *support, size_t nsupport,
                   int set_support, const char *due, long long expected_version,
                   char *err, size_t errlen)
{
    struct assign as = {lead, support, set_support ? nsupport : 0, set_support, due};
    if (due && *due && cal_date_valid(due) != 0)
        return db_errf(err, errlen, FU_USAGE, "'%s' is not a date; write YYYY-MM-DD, e.g. "
                       "2026-06-30", due);
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = assign_tx(db, a, task_id, &as, expected_version, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- shared with the workflow (db/db_workflow.c, db/db_attach.c) ---------------- */

int db_change_load(struct db *db, const struct actor *a, long long task_id, struct task *t,
                   struct user *u, int *own, char *err, size_t errlen)
{
    struct change c;
    int rc = change_load(db, a, task_id, &c, err, errlen);
    *t = c.t;
    *u = c.u;
    *own = c.own;
    return rc;
}

int db_change_check_version(struct db *db, const struct task *t, long long expected,
                            char *err, size_t errlen)
{
    return check_version(db, t, expected, err, errlen);
}

int db_task_bump(struct db *db, long long task_id, char *err, size_t errlen)
{
    return bump_main(db, task_id, err, errlen);
}

int db_task_touch(struct db *db, long long task_id, char *err, size_t errlen)
{
    return bump(db, task_id, err, errlen);
}

int db_text_check(const char *text, const char *what, char *err, size_t errlen)
{
    return note_check(text, what, err, errlen);
}

/* ---- order of the last change -------------------------------------------- */

int db_task_recent(struct db *db, long long report_id, long long **ids, size_t *n,
                   char *err, size_t errlen)
{
    struct db_stmt s = {0};
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    /* the history's order: updated_at has whole seconds only */
    int rc = db_prepare(db, &s, "SELECT t.id FROM tasks t LEFT JOIN"
                        " (SELECT task_id, max(id) AS last FROM history GROUP BY task_id) h"
                        " ON h.task_id = t.id WHERE t.report_id = :r AND t.withdrawn = 0"
                        " ORDER BY h.last IS NULL, h.last DESC, t.seq", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":r", report_id);
        while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            if (mem_grow((void **)ids, *n, &cap, sizeof **ids) != 0) {
                rc = db_errf(err, errlen, FU_ERR, "out of memory");
                break;
            }
            (*ids)[(*n)++] = db_col_int(&s, 0);
        }
        rc = rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    if (rc != FU_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}
