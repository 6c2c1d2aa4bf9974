/* What waits for a user beyond the due dates: returned tasks and
 * extension decisions for departments, the acceptance queue and pending
 * extension requests for the committee. A fixed number of queries. */
#include "db/internal.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "db/db_remind.h"

/* The tasks led or supported by user :uid's departments. */
#define MINE                                                                            \
    " (t.lead_id IN (SELECT dept_id FROM user_depts WHERE user_id = :uid)"              \
    "  OR EXISTS (SELECT 1 FROM task_support sp JOIN user_depts ud"                     \
    "    ON ud.dept_id = sp.dept_id WHERE sp.task_id = t.id AND ud.user_id = :uid))"

/* Every query yields: report, code, lead, when (UTC), due asked, approved,
 * text; then the ordering keys. */
static const char *const queries[DB_REMIND_KINDS] = {
    [DB_REMIND_RETURNED] =
        "SELECT t.report_id, t.code, d.name, h.at, NULL, 0, coalesce(h.note, t.text)"
        " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id"
        " JOIN history h ON h.id = (SELECT max(h2.id) FROM history h2"
        "   WHERE h2.task_id = t.id AND h2.field = 'status')"
        " WHERE t.withdrawn = 0 AND h.old = 'submitted' AND h.new <> 'done'"
        " AND t.status NOT IN ('submitted', 'done') AND" MINE
        " AND coalesce((SELECT n.text FROM notes n WHERE n.task_id = t.id"
        "   ORDER BY n.id DESC LIMIT 1), '') = coalesce(h.note, '')"
        " ORDER BY h.id",
    [DB_REMIND_DECIDED] =
        "SELECT t.report_id, t.code, d.name, e.decided_at, e.new_due, e.state = 'approved',"
        " coalesce(e.decision, e.reason)"
        " FROM extensions e JOIN tasks t ON t.id = e.task_id"
        " LEFT JOIN departments d ON d.id = t.lead_id"
        " WHERE e.state <> 'pending' AND e.decided_at >= :since AND t.withdrawn = 0 AND" MINE
        " ORDER BY e.decided_at, e.id",
    [DB_REMIND_SUBMITTED] =
        "SELECT t.report_id, t.code, d.name, (SELECT max(h.at) FROM history h"
        "   WHERE h.task_id = t.id AND h.field = 'status' AND h.new = 'submitted') AS at,"
        " NULL, 0, t.text"
        " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id"
        " WHERE t.status = 'submitted' AND t.withdrawn = 0 AND :committee"
        " ORDER BY at, t.report_id, t.seq",
    [DB_REMIND_PENDING] =
        "SELECT t.report_id, t.code, d.name, e.at, e.new_due, 0, e.reason"
        " FROM extensions e JOIN tasks t ON t.id = e.task_id"
        " LEFT JOIN departments d ON d.id = t.lead_id"
        " WHERE e.state = 'pending' AND t.withdrawn = 0 AND :committee"
        " AND NOT (:all OR" MINE ")"
        " ORDER BY e.at, e.id",
};

void db_remind_events_fini(struct db_remind_events *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].lead);
        free(l->v[i].text);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int add_event(struct db_remind_events *out, size_t *cap, struct db_stmt *s,
                     enum db_remind_kind k, int multi)
{
    if (mem_grow((void **)&out->v, out->n, cap, sizeof *out->v) != 0)
        return -1;
    struct db_remind_event *e = &out->v[out->n++];
    int oom = 0;
    memset(e, 0, sizeof *e);
    e->kind = k;
    const char *code = db_col_text(s, 1);
    if (multi)
        snprintf(e->code, sizeof e->code, "R%lld:%s", db_col_int(s, 0), code ? code : "");
    else
        snprintf(e->code, sizeof e->code, "%s", code ? code : "");
    e->lead = db_col_dup(s, 2, &oom);
    const char *at = db_col_text(s, 3);
    if (at)
        cal_local(at, CAL_DATE, e->on, sizeof e->on);
    const char *due = db_col_text(s, 4);
    snprintf(e->due, sizeof e->due, "%s", due ? due : "");
    e->approved = (int)db_col_int(s, 5);
    e->text = db_col_dup(s, 6, &oom);
    return oom ? -1 : 0;
}

static int events_tx(struct db *db, long long uid, int committee, int all, const char *since,
                     size_t max_rows, struct db_remind_events *out, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    int multi = 0;
    int rc = db_prepare_cached(db, &s, "SELECT count(*) > 1 FROM reports", err, errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        multi = (int)db_col_int(&s, 0);
        rc = FU_OK;
    }
    db_finish(&s);
    for (int k = 0; rc == FU_OK && k < DB_REMIND_KINDS; k++) {
        if ((rc = db_prepare_cached(db, &s, queries[k], err, errlen)) != FU_OK)
            break;
        const char *q = queries[k];   /* each binds only the names it has */
        if (strstr(q, ":uid"))
            db_bind_int(&s, ":uid", uid);
        if (strstr(q, ":committee"))
            db_bind_int(&s, ":committee", committee);
        if (strstr(q, ":all"))
            db_bind_int(&s, ":all", all != 0);
        if (strstr(q, ":since"))
            db_bind_text(&s, ":since", since);
        while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            rc = FU_OK;
            if (out->total[k]++ < max_rows && add_event(out, &cap, &s, k, multi) != 0) {
                rc = db_errf(err, errlen, FU_ERR, "out of memory");
                break;
            }
        }
        if (rc == SQLITE_DONE)
            rc = FU_OK;
        db_finish(&s);
    }
    return rc;
}

int db_remind_events(struct db *db, const struct actor *a, int all, const char *since,
                     size_t max_rows, struct db_remind_events *out, char *err, size_t errlen)
{
    struct user u;
    long long uid = 0;
    memset(out, 0, sizeof *out);
    int rc = db_user_load(db, a, &u, &uid, err, errlen);
    if (rc != FU_OK)
        return rc;
    int committee = u.role == ROLE_COMMITTEE;
    user_fini(&u);
    if ((rc = db_begin_read(db, err, errlen)) != FU_OK)
        return rc;
    rc = events_tx(db, uid, committee, all, since, max_rows, out, err, errlen);
    rc = db_end(db, rc, err, errlen);
    if (rc != FU_OK)
        db_remind_events_fini(out);
    return rc;
}
