/* Review rounds (跟踪审议): a snapshot of every live task per round, and
 * the committee's ratings of items, which may reopen them. Every change
 * runs in one write transaction with its history rows. */
#include "db/internal.h"
#include "util/mem.h"
#include "core/user.h"
#include "db/db_review.h"
#include "core/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define REVIEW_NAME_MAX 200   /* bytes */

/* May the acting user run review rounds? */
static int may_review(struct db *db, const struct actor *a, char *err, size_t errlen)
{
    struct user u;
    int rc = db_user_load(db, a, &u, NULL, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_REVIEW, 0, err, errlen);
    user_fini(&u);
    return rc;
}

/* Not empty, not only white space, at most max bytes. */
static int text_check(const char *s, size_t max, const char *what, const char *example,
                      char *err, size_t errlen)
{
    size_t n = s ? strlen(s) : 0, i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (i == n)
        return db_errf(err, errlen, FU_USAGE, "the %s is empty; write one, e.g. \"%s\"", what,
                       example);
    if (n > max)
        return db_errf(err, errlen, FU_USAGE, "the %s is %zu bytes long; use at most %zu",
                       what, n, max);
    return FU_OK;
}

/* ---- reading rounds ------------------------------------------------------- */

#define ROUND_COLS                                                                       \
    "SELECT r.id, r.name, r.held_on, r.created_at,"                                     \
    " r.actor || coalesce(' as ' || r.as_user, ''),"                                    \
    " (SELECT count(*) FROM review_snapshot s WHERE s.round_id = r.id),"                \
    " (SELECT count(*) FROM review_ratings g WHERE g.round_id = r.id), r.last_note_id," \
    " coalesce((SELECT group_concat('R' || x.report_id, ', ') FROM (SELECT DISTINCT"    \
    "   t.report_id FROM review_snapshot p JOIN tasks t ON t.id = p.task_id"            \
    "   WHERE p.round_id = r.id ORDER BY t.report_id) x), '')"                          \
    " FROM review_rounds r"

/* Round r covers report :report (its snapshot holds a task of it). */
#define ROUND_COVERS                                                                     \
    " WHERE EXISTS (SELECT 1 FROM review_snapshot p JOIN tasks t ON t.id = p.task_id"    \
    "   WHERE p.round_id = r.id AND t.report_id = :report)"

static int round_row(struct db_stmt *s, struct review_round *r)
{
    int oom = 0;
    memset(r, 0, sizeof *r);
    r->id = db_col_int(s, 0);
    r->name = db_col_dup(s, 1, &oom);
    db_col_copy(s, 2, r->held_on, sizeof r->held_on);
    db_col_copy(s, 3, r->at, sizeof r->at);
    r->by = db_col_dup(s, 4, &oom);
    r->ntasks = db_col_int(s, 5);
    r->nrated = db_col_int(s, 6);
    r->last_note_id = db_col_int(s, 7);
    r->reports = db_col_dup(s, 8, &oom);
    return oom || !r->name || !r->reports;
}

/* Round id, or (id 0) the latest, or (id 0, report not 0) the latest
 * that covers report. */
static int round_load(struct db *db, long long id, long long report, struct review_round *out,
                      char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = id > 0 ? db_prepare_cached(db, &s, ROUND_COLS " WHERE r.id = :id", err, errlen)
           : report ? db_prepare_cached(db, &s, ROUND_COLS ROUND_COVERS
                                        " ORDER BY r.id DESC LIMIT 1", err, errlen)
                    : db_prepare_cached(db, &s, ROUND_COLS " ORDER BY r.id DESC LIMIT 1", err,
                                        errlen);
    memset(out, 0, sizeof *out);
    if (rc == FU_OK) {
        if (id > 0)
            db_bind_int(&s, ":id", id);
        else if (report)
            db_bind_int(&s, ":report", report);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            rc = round_row(&s, out) ? db_errf(err, errlen, FU_ERR, "out of memory") : FU_OK;
        else if (rc == SQLITE_DONE && id > 0)
            rc = db_errf(err, errlen, FU_NOTFOUND, "no review round %lld; `followup review "
                         "list` shows the rounds", id);
        else if (rc == SQLITE_DONE && report)
            rc = db_errf(err, errlen, FU_NOTFOUND, "no review round covers R%lld; the "
                         "committee starts one with `followup review start NAME --report "
                         "R%lld`", report, report);
        else if (rc == SQLITE_DONE)
            rc = db_errf(err, errlen, FU_NOTFOUND, "no review round yet; the committee starts "
                         "one with `followup review start NAME`");
    }
    db_finish(&s);
    if (rc != FU_OK)
        review_round_fini(out);
    return rc;
}

int db_review_list(struct db *db, struct review_list *out, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, ROUND_COLS " ORDER BY r.id", err, errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        if (round_row(&s, &out->v[out->n++]) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        review_list_fini(out);
    return rc;
}

static int entry_row(struct db_stmt *s, struct review_entry *e)
{
    int oom = 0;
    enum task_status st = ST_TODO, now = ST_TODO;
    enum rating lv = RATING_SATISFIED;
    memset(e, 0, sizeof *e);
    e->task_id = db_col_int(s, 0);
    e->report_id = db_col_int(s, 1);
    db_col_copy(s, 2, e->code, sizeof e->code);
    e->text = db_col_dup(s, 3, &oom);
    e->status = status_parse(db_col_text(s, 4), &st) == 0 ? (int)st : -1;
    e->lead = db_col_dup(s, 5, &oom);
    db_col_copy(s, 6, e->due, sizeof e->due);
    status_parse(db_col_text(s, 7), &now);
    e->status_now = now;
    e->rating = rating_parse(db_col_text(s, 8), &lv) == 0 ? (int)lv : -1;
    e->remark = db_col_dup(s, 9, &oom);
    e->rated_by = db_col_dup(s, 10, &oom);
    return oom || !e->text;
}

static int entries_load(struct db *db, long long round, struct review_entries *out, char *err,
                        size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.id, t.report_id, t.code, t.text, p.status, d.name, p.due, t.status,"
        " g.level, g.remark, g.actor || coalesce(' as ' || g.as_user, '')"
        " FROM tasks t"
        " LEFT JOIN review_snapshot p ON p.round_id = :round AND p.task_id = t.id"
        " LEFT JOIN departments d ON d.id = p.lead_id"
        " LEFT JOIN review_ratings g ON g.round_id = :round AND g.task_id = t.id"
        " WHERE t.kind = 'item' AND (p.task_id IS NOT NULL OR g.task_id IS NOT NULL)"
        " ORDER BY t.report_id, t.seq, t.id", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":round", round);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        if (entry_row(&s, &out->v[out->n++]) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

int db_review_get(struct db *db, long long id, struct review_round *round,
                  struct review_entries *items, char *err, size_t errlen)
{
    if (items)
        memset(items, 0, sizeof *items);
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = round_load(db, id, 0, round, err, errlen);
    if (rc == FU_OK && items)
        rc = entries_load(db, round->id, items, err, errlen);
    rc = db_end(db, rc, err, errlen);
    if (rc != FU_OK) {
        review_round_fini(round);
        review_entries_fini(items);
    }
    return rc;
}

/* ---- starting a round --------------------------------------------------------- */

/* The snapshot of round id: the live tasks of report (0: every report). */
static int snapshot(struct db *db, long long id, long long report, long long *ntasks,
                    char *err, size_t errlen)
{
    struct db_stmt s = {0};
    int rc = db_prepare_cached(db, &s,
            "INSERT INTO review_snapshot (round_id, task_id, status, lead_id, due)"
            " SELECT :round, id, status, lead_id, due FROM tasks WHERE withdrawn = 0"
            " AND (:report = 0 OR report_id = :report)", err, errlen);
    long long n = 0;
    if (rc == FU_OK) {
        db_bind_int(&s, ":round", id);
        db_bind_int(&s, ":report", report);
        rc = db_run(&s, err, errlen);
        n = sqlite3_changes(db->h);
    }
    db_finish(&s);
    if (rc == FU_OK && report && n == 0)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld has no live task to review; `followup "
                     "reports` lists the reports", report);
    *ntasks += n;
    return rc;
}

static int start_tx(struct db *db, const struct actor *a, const char *name, const char *date,
                    const long long *reports, size_t nreports, long long *id, char *err,
                    size_t errlen)
{
    struct db_stmt s = {0};
    char now[32];
    long long ntasks = 0;
    int rc = may_review(db, a, err, errlen);
    db_now(now, sizeof now);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s,
            "INSERT INTO review_rounds (name, held_on, created_at, actor, as_user, last_note_id)"
            " VALUES (:name, :held_on, :now, :actor, :as_user,"
            " (SELECT coalesce(max(id), 0) FROM notes))", err, errlen)) == FU_OK) {
        db_bind_text(&s, ":name", name);
        db_bind_text(&s, ":held_on", date);
        db_bind_text(&s, ":now", now);
        db_bind_text(&s, ":actor", a->login);
        db_bind_text(&s, ":as_user", db_as_user(a));
        rc = db_run(&s, err, errlen);
        *id = sqlite3_last_insert_rowid(db->h);
    }
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < (nreports ? nreports : 1); i++)
        rc = snapshot(db, *id, nreports ? reports[i] : 0, &ntasks, err, errlen);
    if (rc == FU_OK) {
        struct db_buf b = {0}, why = {0};
        db_buf_fmt(&b, "round %lld: ", *id);
        db_buf_str(&b, name);
        db_buf_fmt(&b, " (%s), %lld tasks", date, ntasks);
        for (size_t i = 0; i < nreports; i++)   /* the note names the reports reviewed */
            db_buf_fmt(&why, "%sR%lld", i ? ", " : "reports ", reports[i]);
        rc = b.oom || why.oom ? db_errf(err, errlen, FU_ERR, "out of memory")
                              : db_history_add(db, a, 0, "review", NULL, b.p, why.p, err,
                                               errlen);
        db_buf_fini(&b);
        db_buf_fini(&why);
    }
    return rc;
}

int db_review_start(struct db *db, const struct actor *a, const char *name, const char *date,
                    const long long *reports, size_t nreports, struct review_round *out,
                    char *err, size_t errlen)
{
    long long id = 0;
    if (out)
        memset(out, 0, sizeof *out);
    int rc = text_check(name, REVIEW_NAME_MAX, "round's name", "第一次跟踪审议", err, errlen);
    if (rc != FU_OK)
        return rc;
    if (cal_date_valid(date) != 0)
        return db_errf(err, errlen, FU_USAGE, "'%s' is not a date; write YYYY-MM-DD, e.g. "
                       "2024-06-30", date ? date : "");
    if ((rc = db_begin(db, err, errlen)) != FU_OK)
        return rc;
    rc = start_tx(db, a, name, date, reports, nreports, &id, err, errlen);
    rc = db_end(db, rc, err, errlen);
    if (rc == FU_OK && out)
        rc = db_review_get(db, id, out, NULL, err, errlen);
    return rc;
}

/* ---- ratings -------------------------------------------------------------------- */

struct rate {
    long long task_id;
    enum rating level;
    const char *remark;
    long long round;
    int reopened;
};

/* The task, checked: live, an item. */
static int rate_task(struct db *db, long long id, struct task *t, char *err, size_t errlen)
{
    int rc = db_task_load(db, id, t, err, errlen);
    if (rc == FU_OK && t->withdrawn)
        rc = db_errf(err, errlen, FU_ERR, "task R%lld:%s was withdrawn and cannot be rated; "
                     "use a live item (followup list --kind item)", t->report_id, t->code);
    else if (rc == FU_OK && t->kind != KIND_ITEM)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is a %s; the committee rates items, "
                     "e.g. 2.4", t->report_id, t->code, kind_key(t->kind));
    return rc;
}

static int write_rating(struct db *db, const struct actor *a, struct rate *r, char *old,
                        size_t oldlen, char *err, size_t errlen)
{
    struct db_stmt s = {0};
    char now[32];
    int rc = db_prepare_cached(db, &s, "SELECT level FROM review_ratings WHERE round_id = :round"
                               " AND task_id = :task", err, errlen);
    old[0] = 0;
    if (rc == FU_OK) {
        db_bind_int(&s, ":round", r->round);
        db_bind_int(&s, ":task", r->task_id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            db_col_copy(&s, 0, old, oldlen);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    db_now(now, sizeof now);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s,
            "INSERT OR REPLACE INTO review_ratings (round_id, task_id, level, remark, at, actor,"
            " as_user) VALUES (:round, :task, :level, :remark, :at, :actor, :as_user)",
            err, errlen)) == FU_OK) {
        db_bind_int(&s, ":round", r->round);
        db_bind_int(&s, ":task", r->task_id);
        db_bind_text(&s, ":level", rating_key(r->level));
        db_bind_text(&s, ":remark", r->remark);
        db_bind_text(&s, ":at", now);
        db_bind_text(&s, ":actor", a->login);
        db_bind_text(&s, ":as_user", db_as_user(a));
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* Back to active, with a new version and a history row. */
static int reopen(struct db *db, const struct actor *a, const struct task *t, long long round,
                  char *err, size_t errlen)
{
    struct db_stmt s = {0};
    char now[32], note[96];
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "UPDATE tasks SET status = 'active', version = version + 1,"
                               " updated_at = :now WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":now", now);
        db_bind_int(&s, ":id", t->id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    snprintf(note, sizeof note, DB_NOTE_REOPEN, round);
    if (rc == FU_OK)
        rc = db_history_add(db, a, t->id, "status", status_key(t->status), "active", note, err,
                            errlen);
    return rc;
}

static int rate_tx(struct db *db, const struct actor *a, struct rate *r, char *err,
                   size_t errlen)
{
    struct task t;
    struct review_round ro;
    struct db_buf note = {0};
    char old[16];
    int rc = may_review(db, a, err, errlen);
    memset(&t, 0, sizeof t);
    if (rc != FU_OK || (rc = rate_task(db, r->task_id, &t, err, errlen)) != FU_OK) {
        task_fini(&t);
        return rc;
    }
    rc = round_load(db, 0, t.report_id, &ro, err, errlen);
    if (rc == FU_NOTFOUND)
        rc = db_errf(err, errlen, FU_ERR, "no review round of R%lld to rate in; use `followup "
                     "review start NAME --report R%lld` first", t.report_id, t.report_id);
    r->round = ro.id;
    review_round_fini(&ro);
    if (rc == FU_OK)
        rc = write_rating(db, a, r, old, sizeof old, err, errlen);
    db_buf_fmt(&note, "review round %lld", r->round);
    if (r->remark) {
        db_buf_str(&note, ": ");
        db_buf_str(&note, r->remark);
    }
    if (rc == FU_OK && note.oom)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    if (rc == FU_OK)
        rc = db_history_add(db, a, t.id, "rating", old[0] ? old : NULL, rating_key(r->level),
                            note.p, err, errlen);
    db_buf_fini(&note);
    if (rc == FU_OK && r->level == RATING_UNSATISFIED &&
        (t.status == ST_DONE || t.status == ST_SUBMITTED)) {
        rc = reopen(db, a, &t, r->round, err, errlen);
        r->reopened = rc == FU_OK;
    }
    task_fini(&t);
    return rc;
}

int db_review_rate(struct db *db, const struct actor *a, long long task_id, int level,
                   const char *remark, long long *round_id, int *reopened,
                   char *err, size_t errlen)
{
    struct rate r = {.task_id = task_id, .level = (enum rating)level, .remark = remark};
    if (level < 0 || level >= RATING_COUNT)
        return db_errf(err, errlen, FU_USAGE, "unknown rating; use 满意, 基本满意 or 不满意 "
                       "(satisfied, basically, unsatisfied)");
    if (remark && !*remark)
        r.remark = NULL;
    int rc = r.remark ? text_check(r.remark, DB_NOTE_MAX, "remark", "请加快进度", err, errlen) : FU_OK;
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = rate_tx(db, a, &r, err, errlen);
    rc = db_end(db, rc, err, errlen);
    if (rc == FU_OK && round_id)
        *round_id = r.round;
    if (reopened)
        *reopened = rc == FU_OK && r.reopened;
    return rc;
}
