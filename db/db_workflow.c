/* The 督办 workflow's records: extension requests (延期申请), feedback
 * cycles (周期反馈) and leaders' instructions (领导批示). Each change runs in
 * one write transaction with its history row and a version bump, like
 * db/db_change.c's. */
#include "db/internal.h"
#include "util/mem.h"
#include "report/report.h"
#include "core/calendar.h"
#include "core/user.h"
#include "db/db_workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int oom(char *err, size_t errlen)
{
    return db_errf(err, errlen, FU_ERR, "out of memory");
}

/* ---- extensions --------------------------------------------------------------------- */


/* The pending request's id, date asked and who asked (0 when none). */
static int pending_of(struct db *db, long long task_id, long long *id, char to[11],
                      char *by, size_t bylen, char *err, size_t errlen)
{
    struct db_stmt s;
    *id = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id, new_due, actor || coalesce(' as ' || as_user,"
                               " '') FROM extensions WHERE task_id = :t AND state = 'pending'",
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", task_id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            *id = db_col_int(&s, 0);
            db_col_copy(&s, 1, to, 11);
            db_col_copy(&s, 2, by, bylen);
        }
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

static int request_check(const struct task *t, const char *to, const char *today,
                         char *err, size_t errlen)
{
    if (t->status == ST_DONE)
        return db_errf(err, errlen, FU_ERR, "R%lld:%s is done; a done task needs no "
                       "extension", t->report_id, t->code);
    if (t->due[0] && strcmp(to, t->due) <= 0)
        return db_errf(err, errlen, FU_USAGE, "--to %s is not after the due date %s; ask for "
                       "a later date", to, t->due);
    if (strcmp(to, today) < 0)
        return db_errf(err, errlen, FU_USAGE, "--to %s is in the past (today is %s); ask for "
                       "a later date", to, today);
    return FU_OK;
}

static int request_tx(struct db *db, const struct actor *a, long long task_id, const char *to,
                      const char *reason, const char *today, char *err, size_t errlen)
{
    struct task t;
    struct user u;
    struct db_stmt s = {0};
    char now[32], pto[11] = "", pby[160] = "";
    long long pid = 0;
    int own = 0;
    int rc = db_change_load(db, a, task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_EXTEND, own, err, errlen);
    if (rc == FU_OK)
        rc = request_check(&t, to, today, err, errlen);
    if (rc == FU_OK)
        rc = pending_of(db, task_id, &pid, pto, pby, sizeof pby, err, errlen);
    if (rc == FU_OK && pid)
        rc = db_errf(err, errlen, FU_CONFLICT, "R%lld:%s already has a pending extension "
                     "request (to %s, by %s); the committee approves or denies it first",
                     t.report_id, t.code, pto, pby);
    db_now(now, sizeof now);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s,
            "INSERT INTO extensions (task_id, old_due, new_due, reason, at, actor, as_user)"
            " VALUES (:t, :old, :new, :reason, :at, :actor, :as)", err, errlen)) == FU_OK) {
        db_bind_int(&s, ":t", task_id);
        db_bind_text(&s, ":old", t.due[0] ? t.due : NULL);
        db_bind_text(&s, ":new", to);
        db_bind_text(&s, ":reason", reason);
        db_bind_stamp(&s, a, now);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_task_bump(db, task_id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, task_id, "extension", t.due[0] ? t.due : NULL, to, reason,
                            err, errlen);
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_extend_request(struct db *db, const struct actor *a, long long task_id,
                      const char *to, const char *reason, const char *today,
                      char *err, size_t errlen)
{
    if (cal_date_valid(to) != 0)
        return db_errf(err, errlen, FU_USAGE, "--to '%s' is not a date; write YYYY-MM-DD, "
                       "e.g. 2026-09-30", to ? to : "");
    if (cal_date_valid(today) != 0)
        return db_errf(err, errlen, FU_USAGE, "'%s' is not a date for today; use YYYY-MM-DD",
                       today ? today : "");
    int rc = db_text_check(reason, "reason", err, errlen);
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = request_tx(db, a, task_id, to, reason, today, err, errlen);
    return db_end(db, rc, err, errlen);
}

static int move_due(struct db *db, const struct actor *a, const struct task *t,
                    const char *to, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "UPDATE tasks SET due = :due WHERE id = :id", err,
                               errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":due", to);
        db_bind_int(&s, ":id", t->id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK && strcmp(t->due, to) != 0)
        rc = db_history_add(db, a, t->id, "due", t->due[0] ? t->due : NULL, to,
                            "extension approved", err, errlen);
    return rc;
}

static int decide_tx(struct db *db, const struct actor *a, long long task_id, int approve,
                     const char *reason, char to[11], char *err, size_t errlen)
{
    struct task t;
    struct user u;
    struct db_stmt s = {0};
    char now[32], by[160];
    long long pid = 0;
    int own = 0;
    int rc = db_change_load(db, a, task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_DECIDE, own, err, errlen);
    if (rc == FU_OK)
        rc = pending_of(db, task_id, &pid, to, by, sizeof by, err, errlen);
    if (rc == FU_OK && !pid)
        rc = db_errf(err, errlen, FU_NOTFOUND, "R%lld:%s has no pending extension request; "
                     "`followup show %s` lists its requests", t.report_id, t.code, t.code);
    db_now(now, sizeof now);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s,
            "UPDATE extensions SET state = :state, decided_at = :at, decided_by = :actor,"
            " decided_as = :as, decision = :reason WHERE id = :id", err, errlen)) == FU_OK) {
        db_bind_text(&s, ":state", ext_state_key(approve ? EXT_APPROVED : EXT_DENIED));
        db_bind_stamp(&s, a, now);
        db_bind_text(&s, ":reason", reason);
        db_bind_int(&s, ":id", pid);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_history_add(db, a, task_id, "extension", "pending",
                            ext_state_key(approve ? EXT_APPROVED : EXT_DENIED), reason,
                            err, errlen);
    if (rc == FU_OK && approve)
        rc = move_due(db, a, &t, to, err, errlen);
    if (rc == FU_OK)
        rc = db_task_bump(db, task_id, err, errlen);
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_extend_decide(struct db *db, const struct actor *a, long long task_id, int approve,
                     const char *reason, char new_due[11], char *err, size_t errlen)
{
    char to[11] = "";
    int rc = reason && *reason ? db_text_check(reason, "reason", err, errlen) : FU_OK;
    if (reason && !*reason)
        reason = NULL;
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = decide_tx(db, a, task_id, approve, reason, to, err, errlen);
    rc = db_end(db, rc, err, errlen);
    if (rc == FU_OK && new_due)
        snprintf(new_due, 11, "%s", to);
    return rc;
}

static int ext_row(struct db_stmt *s, struct extension *e)
{
    int bad = 0;
    memset(e, 0, sizeof *e);
    e->id = db_col_int(s, 0);
    e->task_id = db_col_int(s, 1);
    e->report_id = db_col_int(s, 2);
    db_col_copy(s, 3, e->code, sizeof e->code);
    e->text = db_col_dup(s, 4, &bad);
    e->lead = db_col_dup(s, 5, &bad);
    db_col_copy(s, 6, e->old_due, sizeof e->old_due);
    db_col_copy(s, 7, e->new_due, sizeof e->new_due);
    e->reason = db_col_dup(s, 8, &bad);
    db_col_copy(s, 9, e->at, sizeof e->at);
    e->by = db_col_dup(s, 10, &bad);
    const char *st = db_col_text(s, 11);
    ext_state_parse(st, &e->state);
    db_col_copy(s, 12, e->decided_at, sizeof e->decided_at);
    e->decided_by = db_col_dup(s, 13, &bad);
    e->decision = db_col_dup(s, 14, &bad);
    return bad;
}

#define EXT_COLS                                                                        \
    "SELECT e.id, e.task_id, t.report_id, t.code, t.text, d.name, e.old_due, e.new_due,"  \
    " e.reason, e.at, e.actor || coalesce(' as ' || e.as_user, ''), e.state,"           \
    " e.decided_at, e.decided_by || coalesce(' as ' || e.decided_as, ''), e.decision"   \
    " FROM extensions e JOIN tasks t ON t.id = e.task_id"                               \
    " LEFT JOIN departments d ON d.id = t.lead_id"

int db_extensions(struct db *db, long long task_id, struct extension_list *out,
                  char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = task_id
        ? db_prepare_cached(db, &s, EXT_COLS " WHERE e.task_id = :t ORDER BY e.id", err, errlen)
        : db_prepare_cached(db, &s, EXT_COLS " WHERE e.state = 'pending' AND t.withdrawn = 0"
                            " ORDER BY t.report_id, t.seq, e.id", err, errlen);
    if (rc == FU_OK && task_id)
        db_bind_int(&s, ":t", task_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0 ||
            ext_row(&s, &out->v[out->n++]) != 0)
            rc = oom(err, errlen);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        extension_list_fini(out);
    return rc;
}

/* ---- cycles -------------------------------------------------------------------------- */

static int cycle_write(struct db *db, const struct actor *a, long long task_id,
                       const struct cycle *c, char *err, size_t errlen)
{
    struct db_stmt s;
    char now[32];
    db_now(now, sizeof now);
    int rc = c->period == CYCLE_NONE
        ? db_prepare_cached(db, &s, "DELETE FROM cycles WHERE task_id = :t", err, errlen)
        : db_prepare_cached(db, &s, "INSERT OR REPLACE INTO cycles (task_id, period, day, start,"
                            " at, actor, as_user) VALUES (:t, :period, :day, :start, :at,"
                            " :actor, :as)", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", task_id);
        if (c->period != CYCLE_NONE) {
            db_bind_text(&s, ":period", cycle_key(c->period));
            db_bind_int(&s, ":day", c->day);
            db_bind_text(&s, ":start", c->start);
            db_bind_stamp(&s, a, now);
        }
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

static int cycle_tx(struct db *db, const struct actor *a, long long task_id,
                    const struct cycle *c, int *changed, char *err, size_t errlen)
{
    struct task t;
    struct user u;
    char was[96], now[96];
    int own = 0;
    int rc = db_change_load(db, a, task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_DECIDE, own, err, errlen);
    cycle_format(&t.cycle, was, sizeof was);
    cycle_format(c, now, sizeof now);
    if (rc == FU_OK && c->period == CYCLE_NONE && !was[0])
        rc = db_errf(err, errlen, FU_ERR, "R%lld:%s has no feedback cycle to remove",
                     t.report_id, t.code);
    if (rc == FU_OK && strcmp(was, now) != 0) {
        rc = cycle_write(db, a, task_id, c, err, errlen);
        if (rc == FU_OK)
            rc = db_task_bump(db, task_id, err, errlen);
        if (rc == FU_OK)
            rc = db_history_add(db, a, task_id, "cycle", was[0] ? was : NULL,
                                now[0] ? now : NULL, NULL, err, errlen);
        *changed = 1;
    }
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_cycle_set(struct db *db, const struct actor *a, long long task_id,
                 const struct cycle *c, int *changed, char *err, size_t errlen)
{
    int dummy = 0;
    char why[160];
    changed = changed ? changed : &dummy;
    *changed = 0;
    if (c->period != CYCLE_NONE && (cal_date_valid(c->start) != 0 ||
                                    cycle_day_check(c->period, c->day, why, sizeof why) != 0))
        return db_errf(err, errlen, FU_USAGE, "%s", cal_date_valid(c->start) != 0
                       ? "the cycle's start is not a YYYY-MM-DD date" : why);
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = cycle_tx(db, a, task_id, c, changed, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- instructions ----------------------------------------------------------------------- */

static int instruct_tx(struct db *db, const struct actor *a, long long task_id,
                       const char *text, char *err, size_t errlen)
{
    struct task t;
    struct user u;
    struct db_stmt s = {0};
    char now[32];
    int own = 0;
    int rc = db_change_load(db, a, task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK && !u.known)
        rc = db_errf(err, errlen, FU_PERM, "%s is not a user of this database; the committee "
                     "office adds leaders with `followup user add NAME --role viewer`",
                     u.login);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_INSTRUCT, own, err, errlen);
    db_now(now, sizeof now);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s,
            "INSERT INTO instructions (task_id, text, at, actor, as_user, last_note_id)"
            " VALUES (:t, :text, :at, :actor, :as, (SELECT coalesce(max(id), 0) FROM notes))",
            err, errlen)) == FU_OK) {
        db_bind_int(&s, ":t", task_id);
        db_bind_text(&s, ":text", text);
        db_bind_stamp(&s, a, now);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_task_bump(db, task_id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, task_id, "instruction", NULL, text, NULL, err, errlen);
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_instruct(struct db *db, const struct actor *a, long long task_id, const char *text,
                char *err, size_t errlen)
{
    int rc = db_text_check(text, "instruction", err, errlen);
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = instruct_tx(db, a, task_id, text, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_instructions(struct db *db, long long task_id, struct instruction_list *out,
                    char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s,
        "SELECT i.id, i.task_id, i.at, i.actor || coalesce(' as ' || i.as_user, ''), i.text,"
        " EXISTS (SELECT 1 FROM notes n WHERE n.id > i.last_note_id AND n.struck_at IS NULL"
        "   AND (n.task_id = i.task_id"
        "   OR n.task_id IN (SELECT c.id FROM tasks c WHERE c.parent_id = i.task_id)))"
        " FROM instructions i WHERE i.task_id = :t ORDER BY i.id DESC", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":t", task_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        int bad = 0;
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = oom(err, errlen);
            break;
        }
        struct instruction *in = &out->v[out->n++];
        memset(in, 0, sizeof *in);
        in->id = db_col_int(&s, 0);
        in->task_id = db_col_int(&s, 1);
        db_col_copy(&s, 2, in->at, sizeof in->at);
        in->by = db_col_dup(&s, 3, &bad);
        in->text = db_col_dup(&s, 4, &bad);
        in->answered = (int)db_col_int(&s, 5);
        if (bad)
            rc = oom(err, errlen);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        instruction_list_fini(out);
    return rc;
}

/* ---- feedback overdue --------------------------------------------------------------------- */

int db_feedback_overdue_ids(struct db *db, long long report_id, const char *today,
                            long long **ids, size_t *n, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.id, c.period || ' day ' || c.day || ' from ' || c.start,"
        " (SELECT max(n.at) FROM notes n WHERE n.struck_at IS NULL AND (n.task_id = t.id"
        "   OR n.task_id IN (SELECT k.id FROM tasks k WHERE k.parent_id = t.id)))"
        " FROM cycles c JOIN tasks t ON t.id = c.task_id"
        " WHERE t.withdrawn = 0 AND t.status <> 'done' AND t.status <> 'submitted'"
        " AND (:r = 0 OR t.report_id = :r)"
        " ORDER BY t.id", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":r", report_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        struct cycle c;
        char last[11];
        rc = FU_OK;
        cal_local(db_col_text(&s, 2), CAL_DATE, last, sizeof last);
        if (cycle_scan(db_col_text(&s, 1), &c) != 0 ||
            !cycle_feedback_overdue(&c, today, last, NULL))
            continue;
        if (mem_grow((void **)ids, *n, &cap, sizeof **ids) != 0) {
            rc = oom(err, errlen);
            break;
        }
        (*ids)[(*n)++] = db_col_int(&s, 0);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- punctuality for reports ---------------------------------------------------------- */

struct item_ix { long long id; size_t i; };

static int ix_cmp(const void *a, const void *b)
{
    long long x = ((const struct item_ix *)a)->id, y = ((const struct item_ix *)b)->id;
    return x < y ? -1 : x > y;
}

/* Counts item i's periods from its notes' local dates: until today, or
 * for a done item until the day it was accepted (no feedback is owed
 * after that). */
static void punctual(struct rpt *r, size_t i, char (*dates)[11], size_t n)
{
    struct rpt_item *it = &r->items[i];
    char until[11];
    snprintf(until, sizeof until, "%s", r->today);
    if (it->status == ST_DONE && it->done_on[0] && strcmp(it->done_on, r->today) < 0)
        cal_date_add(it->done_on, 1, until);
    cycle_punctuality(&it->cycle, until, dates, n, &it->fb_periods, &it->fb_on_time);
}

static int scan_notes(struct db *db, struct rpt *r, long long report_id, struct item_ix *ix,
                      size_t nix, char err[], size_t errlen)
{
    struct db_stmt s;
    char (*dates)[11] = NULL;
    size_t n = 0, cap = 0, cur = (size_t)-1;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.id, x.at FROM cycles c JOIN tasks t ON t.id = c.task_id"
        " JOIN (SELECT n.task_id AS owner, n.at FROM notes n WHERE n.struck_at IS NULL"
        "   UNION ALL SELECT k.parent_id, n.at FROM tasks k JOIN notes n ON n.task_id = k.id"
        "   WHERE k.parent_id IS NOT NULL AND n.struck_at IS NULL) x ON x.owner = t.id"
        " WHERE t.withdrawn = 0 AND (:r = 0 OR t.report_id = :r) ORDER BY t.id", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":r", report_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        struct item_ix key = {db_col_int(&s, 0), 0}, *hit;
        rc = FU_OK;
        if (!(hit = bsearch(&key, ix, nix, sizeof *ix, ix_cmp)))
            continue;
        if (hit->i != cur) {
            if (cur != (size_t)-1)
                punctual(r, cur, dates, n);
            cur = hit->i;
            n = 0;
        }
        if (mem_grow((void **)&dates, n, &cap, sizeof *dates) != 0) {
            rc = oom(err, errlen);
            break;
        }
        cal_local(db_col_text(&s, 1), CAL_DATE, dates[n++], 11);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc == FU_OK && cur != (size_t)-1)
        punctual(r, cur, dates, n);
    free(dates);
    return rc;
}

int db_rpt_punctuality(struct db *db, struct rpt *r, long long report_id, char *err,
                       size_t errlen)
{
    struct item_ix *ix = NULL;
    size_t nix = 0;
    for (size_t i = 0; i < r->nitems; i++)
        nix += r->items[i].cycle.period != CYCLE_NONE;
    if (nix == 0)
        return FU_OK;
    if (!(ix = calloc(nix, sizeof *ix)))
        return oom(err, errlen);
    nix = 0;
    for (size_t i = 0; i < r->nitems; i++)
        if (r->items[i].cycle.period != CYCLE_NONE) {
            ix[nix].id = r->items[i].id;
            ix[nix++].i = i;
            /* periods without any note count too: cycle_punctuality with none */
            punctual(r, i, NULL, 0);
        }
    qsort(ix, nix, sizeof *ix, ix_cmp);
    int rc = scan_notes(db, r, report_id, ix, nix, err, errlen);
    free(ix);
    return rc;
}
