/* Filling a status report's model (report/report.h) and the reminders:
 * a fixed number of set-based queries in one read transaction, whatever
 * the number of tasks (no query per task). */
#include "db/internal.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "core/calendar.h"
#include "core/user.h"
#include "db/db_report.h"
#include "db/db_review.h"
#include "db/db_user.h"
#include "db/db_verify.h"

static int oom(char *err, size_t errlen)
{
    return db_errf(err, errlen, FU_ERR, "out of memory");
}

static char *dup_or_null(const char *s, int *bad)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *bad = 1;
    return d;
}

/* "2.4", or "R2:2.4" when the report covers several reports. */
static void code_of(char *out, size_t len, int multi, long long report, const char *code)
{
    if (multi)
        snprintf(out, len, "R%lld:%s", report, code ? code : "");
    else
        snprintf(out, len, "%s", code ? code : "");
}

/* ---- sources, departments, rounds ---------------------------------------------- */

static int load_sources(struct db *db, struct rpt *r, long long report_id, char *err,
                        size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id, title, doc_no FROM reports"
                               " WHERE :report = 0 OR id = :report ORDER BY id", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":report", report_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        int bad = 0;
        rc = FU_OK;
        if (mem_grow((void **)&r->sources, r->nsources, &cap, sizeof *r->sources) != 0) {
            rc = oom(err, errlen);
            break;
        }
        struct rpt_source *src = &r->sources[r->nsources++];
        src->id = db_col_int(&s, 0);
        src->title = db_col_dup(&s, 1, &bad);
        src->doc_no = db_col_dup(&s, 2, &bad);
        if (bad)
            rc = oom(err, errlen);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc == FU_OK && report_id && r->nsources == 0)
        rc = db_errf(err, errlen, FU_NOTFOUND, "no report R%lld; `followup reports` lists "
                     "the reports", report_id);
    return rc;
}

static int load_depts(struct db *db, struct rpt *r, char *err, size_t errlen)
{
    struct dept_list l = {0};
    int rc = db_dept_list(db, &l, err, errlen);
    if (rc == FU_OK) {   /* db_dept_list's order is the table's */
        r->dept_order = l.v;
        r->ndept_order = l.n;
    }
    return rc;
}

static int copy_round(struct rpt_round *to, const struct review_round *from)
{
    memset(to, 0, sizeof *to);
    to->id = from->id;
    to->ntasks = from->ntasks;
    to->nrated = from->nrated;
    snprintf(to->held_on, sizeof to->held_on, "%s", from->held_on);
    cal_local(from->at, CAL_ISO, to->at, sizeof to->at);   /* reports show local time */
    to->name = strdup(from->name ? from->name : "");
    return to->name ? 0 : -1;
}

/* The compared round (since) and the rated one: the compared round, else
 * the latest when there is one. (From the list: a failing nested read
 * would mark the whole transaction for rollback.) */
/* Does round ro cover report (0: any)? Its reports read "R1, R3". */
static int round_covers(const struct review_round *ro, long long report)
{
    if (!report)
        return 1;
    for (const char *p = ro->reports; p && (p = strchr(p, 'R')) != NULL; p++)
        if (strtoll(p + 1, NULL, 10) == report)
            return 1;
    return 0;
}

static int load_rounds(struct db *db, struct rpt *r, long long report_id, long long since,
                       long long *last_note, char *err, size_t errlen)
{
    struct review_list l = {0};
    const struct review_round *pick = NULL;
    int rc = db_review_list(db, &l, err, errlen);
    /* the latest round of the report shown, or round since; the list is
     * oldest first: the last match is the latest */
    for (size_t i = 0; rc == FU_OK && i < l.n; i++)
        if (since > 0 ? l.v[i].id == since : round_covers(&l.v[i], report_id))
            pick = &l.v[i];
    if (rc == FU_OK && since == DB_ROUND_LATEST && !pick && report_id)
        rc = db_errf(err, errlen, FU_NOTFOUND, "no review round of R%lld to compare with yet; "
                     "the committee starts one with `followup review start NAME --report "
                     "R%lld`", report_id, report_id);
    else if (rc == FU_OK && since != DB_ROUND_NONE && !pick)
        rc = since == DB_ROUND_LATEST
                 ? db_errf(err, errlen, FU_NOTFOUND, "no review round to compare with yet; "
                           "the committee starts one with `followup review start NAME`")
                 : db_errf(err, errlen, FU_NOTFOUND, "no review round %lld; `followup review "
                           "list` shows the rounds", since);
    if (rc == FU_OK && pick && since != DB_ROUND_NONE) {
        *last_note = pick->last_note_id;
        if (copy_round(&r->since, pick) != 0)
            rc = oom(err, errlen);
    }
    if (rc == FU_OK && pick && copy_round(&r->rated, pick) != 0)
        rc = oom(err, errlen);
    review_list_fini(&l);
    return rc;
}

/* ---- items and sections ---------------------------------------------------------- */

static int add_section(struct rpt *r, struct db_stmt *s, int multi)
{
    struct rpt_section *v = realloc(r->sections, (r->nsections + 1) * sizeof *v);
    int bad = 0;
    if (!v)
        return -1;
    r->sections = v;
    code_of(v[r->nsections].code, sizeof v->code, multi, db_col_int(s, 2), db_col_text(s, 3));
    v[r->nsections].title = dup_or_null(db_col_text(s, 6), &bad);
    if (!v[r->nsections].title)
        return -1;
    r->nsections++;
    return bad ? -1 : 0;
}

/* The local time of the UTC time at[0..n) in the report's storage
 * ("" when there is none); NULL when out of memory. */
static const char *local_at(struct rpt *r, const char *at, size_t n)
{
    char utc[32], local[40];
    if (!at || !n)
        return "";
    snprintf(utc, sizeof utc, "%.*s", (int)n, at);
    cal_local(utc, CAL_ISO, local, sizeof local);
    return local[0] ? rpt_str(r, local) : "";
}

/* "AT\x1fTEXT\x1fRETURN" of the latest note into it (RETURN 1: the
 * committee's reason for returning the task). */
static int split_note(struct rpt *r, struct rpt_item *it, const char *v)
{
    const char *sep = v ? strchr(v, DB_SEP[0]) : NULL;
    const char *last = v ? strrchr(v, DB_SEP[0]) : NULL;
    if (!sep)
        return 0;
    it->note_at = local_at(r, v, (size_t)(sep - v));
    if (last && last > sep) {
        it->note_returned = last[1] == '1';
        char *text = strndup(sep + 1, (size_t)(last - sep - 1));
        it->note = rpt_str(r, text);
        free(text);
    } else {
        it->note = rpt_str(r, sep + 1);
    }
    return it->note && it->note_at ? 0 : -1;
}

/* The workflow's columns 17-26 of an item's row (after WF_JOINS): its
 * cycle, latest note (cycled items only), when it was accepted as done,
 * approved and pending extension requests, the latest instruction with
 * whether a note has answered it, and the evidence files on it or its
 * sub-tasks. */
#define WF_COLS                                                                          \
    ", cy.period || ' day ' || cy.day || ' from ' || cy.start,"                           \
    " CASE WHEN cy.task_id IS NULL THEN NULL ELSE (SELECT max(x.at) FROM"                  \
    "   (SELECT n.at FROM notes n WHERE n.task_id = t.id AND n.struck_at IS NULL"          \
    "    UNION ALL SELECT n.at FROM tasks k JOIN notes n ON n.task_id = k.id"               \
    "    WHERE k.parent_id = t.id AND n.struck_at IS NULL) x) END,"                         \
    " (SELECT max(h.at) FROM history h WHERE h.task_id = t.id AND h.field = 'status'"      \
    "   AND h.new = 'done'),"                                                              \
    " (SELECT count(*) FROM extensions e WHERE e.task_id = t.id AND e.state = 'approved'),"\
    " (SELECT e.new_due FROM extensions e WHERE e.task_id = t.id AND e.state = 'pending'),"\
    " i.text, i.at, i.actor || coalesce(' as ' || i.as_user, ''),"                        \
    " i.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.id > i.last_note_id"  \
    "   AND n.struck_at IS NULL"                                                           \
    "   AND (n.task_id = t.id OR n.task_id IN (SELECT k.id FROM tasks k"                   \
    "   WHERE k.parent_id = t.id))),"                                                      \
    " (SELECT count(*) FROM attachments a WHERE a.task_id = t.id)"                        \
    " + (SELECT count(*) FROM tasks k JOIN attachments a ON a.task_id = k.id"             \
    "    WHERE k.parent_id = t.id)"
#define WF_JOINS                                                                         \
    " LEFT JOIN cycles cy ON cy.task_id = t.id"                                           \
    " LEFT JOIN instructions i ON i.id = (SELECT max(i2.id) FROM instructions i2"         \
    "   WHERE i2.task_id = t.id)"

/* A copy of column col in r's storage, NULL for SQL NULL; *bad when out
 * of memory. */
static char *col_str(struct rpt *r, struct db_stmt *s, int col, int *bad)
{
    const char *v = db_col_text(s, col);
    char *d = rpt_str(r, v);
    if (v && !d)
        *bad = 1;
    return d;
}

/* The supporting departments' names (separated by DB_SEP) into it. */
static int split_support(struct rpt *r, struct rpt_item *it, const char *v)
{
    size_t n = 0;
    for (const char *p = v; p && *p; p += strcspn(p, DB_SEP) + (p[strcspn(p, DB_SEP)] != 0))
        n++;
    if (!n)
        return 0;
    if (!(it->support = rpt_alloc(r, n * sizeof *it->support)))
        return -1;
    for (const char *p = v; *p && it->nsupport < n;) {
        size_t k = strcspn(p, DB_SEP);
        char *name = strndup(p, k);
        it->support[it->nsupport] = rpt_dept_str(r, name);
        free(name);
        if (!it->support[it->nsupport++])
            return -1;
        p += k + (p[k] != 0);
    }
    return 0;
}

static int add_workflow(struct rpt *r, struct rpt_item *it, struct db_stmt *s)
{
    int bad = 0;
    cycle_scan(db_col_text(s, 17), &it->cycle);
    cal_local(db_col_text(s, 18), CAL_DATE, it->last_note_on, sizeof it->last_note_on);
    cal_local(db_col_text(s, 19), CAL_DATE, it->done_on, sizeof it->done_on);
    it->ext_approved = (int)db_col_int(s, 20);
    db_col_copy(s, 21, it->ext_pending, sizeof it->ext_pending);
    it->instruction = col_str(r, s, 22, &bad);
    if (it->instruction) {
        const char *at = db_col_text(s, 23);
        if (!(it->instruction_at = local_at(r, at, at ? strlen(at) : 0)))
            bad = 1;
        it->instruction_by = col_str(r, s, 24, &bad);
        it->instruction_open = (int)db_col_int(s, 25);
    }
    it->nattach = (int)db_col_int(s, 26);
    return bad;
}

static int add_item(struct rpt *r, struct db_stmt *s, int multi, long section)
{
    struct rpt_item *it = rpt_add_item(r);
    enum task_status st = ST_TODO;
    enum rating lv;
    int bad = 0;
    if (!it)
        return -1;
    char code[96];
    const char *kind = db_col_text(s, 4);
    it->id = db_col_int(s, 0);
    db_col_copy(s, 1, it->uuid, sizeof it->uuid);
    it->report_id = db_col_int(s, 2);
    code_of(code, sizeof code, multi, it->report_id, db_col_text(s, 3));
    if (!(it->code = rpt_str(r, code)))
        bad = 1;
    it->kind = kind && !strcmp(kind, "statement") ? "statement"
             : kind && !strcmp(kind, "section") ? "section" : "item";
    it->section = section;
    it->title = col_str(r, s, 6, &bad);
    status_parse(db_col_text(s, 7), &st);
    it->status = st;
    if (db_col_text(s, 8) && !(it->lead = rpt_dept_str(r, db_col_text(s, 8))))
        bad = 1;
    if (split_support(r, it, db_col_text(s, 9)) != 0)
        bad = 1;
    db_col_copy(s, 10, it->due, sizeof it->due);
    it->nsub = (int)db_col_int(s, 11);
    it->nsubdone = (int)db_col_int(s, 12);
    if (split_note(r, it, db_col_text(s, 13)) != 0)
        bad = 1;
    it->rating = rating_parse(db_col_text(s, 14), &lv) == 0 ? (int)lv : -1;
    it->remark = col_str(r, s, 15, &bad);
    it->was = status_parse(db_col_text(s, 16), &st) == 0 ? (int)st : -1;
    if (add_workflow(r, it, s) != 0)
        bad = 1;
    return bad || !it->title ? -1 : 0;
}

/* Sections and items (what a report is made of) come from the partial
 * index tasks_heads (schema v8): a report of 1,000,000 tasks has some
 * 60,000 of them, and no statement is read to find them. */
#define ITEMS_SQL(where)                                                                \
    "SELECT t.id, t.uuid, t.report_id, t.code, t.kind, t.depth, t.text, t.status, d.name," \
    " (SELECT group_concat(name, char(31)) FROM (SELECT sd.name AS name"                \
    "   FROM task_support sp JOIN departments sd ON sd.id = sp.dept_id"                 \
    "   WHERE sp.task_id = t.id ORDER BY sp.ord)),"                                     \
    " t.due,"                                                                           \
    " (SELECT count(*) FROM tasks c WHERE c.parent_id = t.id AND c.withdrawn = 0),"     \
    " (SELECT count(*) FROM tasks c WHERE c.parent_id = t.id AND c.withdrawn = 0"       \
    "   AND c.status = 'done'),"                                                        \
    " (SELECT x.at || char(31) || x.text || char(31) || EXISTS (SELECT 1 FROM history h" \
    "   WHERE h.task_id = x.task_id AND h.field = 'status' AND h.old = 'submitted'"     \
    "   AND h.new <> 'done' AND h.note = x.text) FROM"   /* a return's reason */        \
    "   (SELECT n.id, n.task_id, n.at, n.text FROM notes n WHERE n.task_id = t.id"      \
    "    AND n.struck_at IS NULL UNION ALL SELECT n.id, n.task_id, n.at, n.text"        \
    "    FROM tasks c JOIN notes n ON n.task_id = c.id"                                 \
    "    WHERE c.parent_id = t.id AND n.struck_at IS NULL) x ORDER BY x.id DESC LIMIT 1)," \
    " g.level, g.remark, p.status" WF_COLS                                              \
    " FROM tasks t INDEXED BY tasks_heads LEFT JOIN departments d ON d.id = t.lead_id"  \
    WF_JOINS                                                                            \
    " LEFT JOIN review_ratings g ON g.round_id = :rated AND g.task_id = t.id"           \
    " LEFT JOIN review_snapshot p ON p.round_id = :since AND p.task_id = t.id"          \
    " WHERE t.kind <> 'statement' AND t.withdrawn = 0" where                            \
    " ORDER BY t.report_id, t.seq, t.id"

/* Sections (top level) and items in report order; an item belongs to the
 * last top-level section before it in its report. */
static int load_items(struct db *db, struct rpt *r, long long report_id, char *err,
                      size_t errlen)
{
    struct db_stmt s;
    int multi = r->nsources > 1, rc;
    long section = -1;
    long long section_report = 0, n = 0;
    /* counted first (the index alone), so that the items are one array */
    rc = report_id ? db_prepare_cached(db, &s, "SELECT count(*) FROM tasks t INDEXED BY tasks_heads"
                                       " WHERE t.kind <> 'statement' AND t.withdrawn = 0"
                                       " AND t.report_id = :report", err, errlen)
                   : db_prepare_cached(db, &s, "SELECT count(*) FROM tasks t INDEXED BY tasks_heads"
                                       " WHERE t.kind <> 'statement' AND t.withdrawn = 0",
                                       err, errlen);
    if (rc == FU_OK && report_id)
        db_bind_int(&s, ":report", report_id);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        n = db_col_int(&s, 0);
        rc = FU_OK;
    }
    db_finish(&s);
    if (rc == FU_OK && n > 0 && rpt_reserve_items(r, (size_t)n) != 0)
        rc = oom(err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = report_id ? db_prepare_cached(db, &s, ITEMS_SQL(" AND t.report_id = :report"), err,
                                       errlen)
                   : db_prepare_cached(db, &s, ITEMS_SQL(""), err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":rated", r->rated.id);
        db_bind_int(&s, ":since", r->since.id);
        if (report_id)
            db_bind_int(&s, ":report", report_id);
    }
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        const char *kind = db_col_text(&s, 4);
        long long report = db_col_int(&s, 2);
        rc = FU_OK;
        if (report != section_report)
            section = -1;   /* sections do not reach into the next report */
        if (kind && strcmp(kind, "section") == 0) {
            if (db_col_int(&s, 5) != 0)
                continue;   /* nested headings: the items carry the top-level one */
            if (add_section(r, &s, multi) != 0)
                rc = oom(err, errlen);
            section = (long)r->nsections - 1;
            section_report = report;
        } else if (add_item(r, &s, multi, section) != 0) {
            rc = oom(err, errlen);
        }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

/* ---- changes since a round ------------------------------------------------------------ */

static struct rpt_change *change(struct rpt *r, enum rpt_change_kind k, struct db_stmt *s,
                                 int multi, int *bad)
{
    struct rpt_change *c = rpt_add_change(r);
    if (!c) {
        *bad = 1;
        return NULL;
    }
    c->kind = k;
    code_of(c->code, sizeof c->code, multi, db_col_int(s, 1), db_col_text(s, 0));
    db_col_copy(s, 2, c->task_kind, sizeof c->task_kind);
    c->title = dup_or_null(db_col_text(s, 3), bad);
    return c;
}

/* Tasks of the snapshot whose status, lead or due date changed, or that
 * were withdrawn. Columns 0-3: code, report, kind, text. A lead change
 * that only followed the parent's (the same old and new lead) is the
 * parent's decision and is listed once, under the parent. */
static int snapshot_changes(struct db *db, struct rpt *r, long long report_id, char *err,
                            size_t errlen)
{
    struct db_stmt s;
    int multi = r->nsources > 1, bad = 0;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.code, t.report_id, t.kind, t.text, p.status, t.status, dp.name, d.name,"
        " p.due, t.due, t.withdrawn, p.lead_id IS NOT t.lead_id AND NOT EXISTS"
        "   (SELECT 1 FROM review_snapshot pp JOIN tasks pt ON pt.id = pp.task_id"
        "    WHERE pp.round_id = p.round_id AND pt.id = t.parent_id"
        "    AND pp.lead_id IS p.lead_id AND pt.lead_id IS t.lead_id)"
        " FROM review_snapshot p JOIN tasks t ON t.id = p.task_id"
        " LEFT JOIN departments dp ON dp.id = p.lead_id"
        " LEFT JOIN departments d ON d.id = t.lead_id"
        " WHERE p.round_id = :round AND (:report = 0 OR t.report_id = :report)"
        " AND (t.withdrawn = 1 OR t.status <> p.status OR p.lead_id IS NOT t.lead_id"
        "      OR p.due IS NOT t.due)"
        " ORDER BY t.report_id, t.seq, t.id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":round", r->since.id);
        db_bind_int(&s, ":report", report_id);
    }
    while (rc == FU_OK && !bad && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        enum task_status was = ST_TODO, now = ST_TODO;
        struct rpt_change *c;
        rc = FU_OK;
        status_parse(db_col_text(&s, 4), &was);
        status_parse(db_col_text(&s, 5), &now);
        if (db_col_int(&s, 10)) {
            if ((c = change(r, RPT_CH_WITHDRAWN, &s, multi, &bad)))
                c->to = now;
            continue;
        }
        if (was != now && (c = change(r, RPT_CH_STATUS, &s, multi, &bad))) {
            c->from = was;
            c->to = now;
        }
        if (db_col_int(&s, 11) && (c = change(r, RPT_CH_LEAD, &s, multi, &bad))) {
            c->old_value = dup_or_null(db_col_text(&s, 6), &bad);
            c->new_value = dup_or_null(db_col_text(&s, 7), &bad);
        }
        const char *d0 = db_col_text(&s, 8), *d1 = db_col_text(&s, 9);
        if (strcmp(d0 ? d0 : "", d1 ? d1 : "") != 0 &&
            (c = change(r, RPT_CH_DUE, &s, multi, &bad))) {
            c->old_value = dup_or_null(d0, &bad);
            c->new_value = dup_or_null(d1, &bad);
        }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc == FU_OK && bad ? oom(err, errlen) : rc;
}

static int new_tasks(struct db *db, struct rpt *r, long long report_id, char *err,
                     size_t errlen)
{
    struct db_stmt s;
    int multi = r->nsources > 1, bad = 0;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.code, t.report_id, t.kind, t.text, t.status FROM tasks t"
        " WHERE t.withdrawn = 0 AND (:report = 0 OR t.report_id = :report)"
        " AND NOT EXISTS (SELECT 1 FROM review_snapshot p WHERE p.round_id = :round"
        "   AND p.task_id = t.id)"
        " ORDER BY t.report_id, t.seq, t.id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":round", r->since.id);
        db_bind_int(&s, ":report", report_id);
    }
    while (rc == FU_OK && !bad && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        enum task_status now = ST_TODO;
        struct rpt_change *c = change(r, RPT_CH_NEW, &s, multi, &bad);
        rc = FU_OK;
        status_parse(db_col_text(&s, 4), &now);
        if (c)
            c->to = now;
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc == FU_OK && bad ? oom(err, errlen) : rc;
}

static int new_notes(struct db *db, struct rpt *r, long long report_id, long long last_note,
                     char *err, size_t errlen)
{
    struct db_stmt s;
    int multi = r->nsources > 1, bad = 0;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.code, t.report_id, t.kind, t.text, n.at,"
        " n.actor || coalesce(' as ' || n.as_user, ''), n.text"
        " FROM notes n JOIN tasks t ON t.id = n.task_id"
        " WHERE n.id > :last AND n.struck_at IS NULL AND (:report = 0 OR t.report_id = :report)"
        " ORDER BY n.id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":last", last_note);
        db_bind_int(&s, ":report", report_id);
    }
    while (rc == FU_OK && !bad && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        struct rpt_change *c = change(r, RPT_CH_NOTE, &s, multi, &bad);
        rc = FU_OK;
        if (c) {
            char utc[32];
            db_col_copy(&s, 4, utc, sizeof utc);
            cal_local(utc, CAL_ISO, c->at, sizeof c->at);
            c->author = dup_or_null(db_col_text(&s, 5), &bad);
            c->text = dup_or_null(db_col_text(&s, 6), &bad);
        }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc == FU_OK && bad ? oom(err, errlen) : rc;
}

/* ---- the report ----------------------------------------------------------------------- */

/* The covered live tasks' targets with their latest values, in report
 * order; a statement's department is its item's lead when it has none. */
static int load_targets(struct db *db, struct rpt *r, long long report_id, char *err,
                        size_t errlen)
{
    struct db_stmt s;
    int multi = r->nsources > 1;
    int rc = db_prepare_cached(db, &s, "SELECT t.report_id, t.code, t.text,"
        " coalesce(d.name, pd.name), coalesce(nullif(t.due, ''),"
        " CASE WHEN p.kind = 'item' THEN p.due END), tg.value, tg.unit, tg.direction, pg.value, pg.at"
        " FROM targets tg JOIN tasks t ON t.id = tg.task_id"
        " LEFT JOIN tasks p ON p.id = t.parent_id"
        " LEFT JOIN departments d ON d.id = t.lead_id"
        " LEFT JOIN departments pd ON pd.id = p.lead_id"
        " LEFT JOIN progress pg ON pg.id = (SELECT max(id) FROM progress WHERE task_id = t.id)"
        " WHERE t.withdrawn = 0 AND (:report = 0 OR t.report_id = :report)"
        " ORDER BY t.report_id, t.seq", err, errlen);
    if (rc != FU_OK)
        return rc;
    db_bind_int(&s, ":report", report_id);
    while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        struct rpt_target *g = rpt_add_target(r);
        int failed = 0;
        if (!g) { rc = oom(err, errlen); break; }
        if (multi)
            snprintf(g->code, sizeof g->code, "R%lld:%s", db_col_int(&s, 0), db_col_text(&s, 1));
        else
            db_col_copy(&s, 1, g->code, sizeof g->code);
        g->title = db_col_dup(&s, 2, &failed);
        g->dept = db_col_dup(&s, 3, &failed);
        db_col_copy(&s, 4, g->due, sizeof g->due);
        g->s.has = 1;
        g->s.t.value = sqlite3_column_double(s.st, 5);
        db_col_copy(&s, 6, g->s.t.unit, sizeof g->s.t.unit);
        if (metric_dir_parse(db_col_text(&s, 7), &g->s.t.dir) != 0)
            g->s.t.dir = METRIC_AT_LEAST;
        if (!db_col_isnull(&s, 8)) {
            g->s.reported = 1;
            g->s.value = sqlite3_column_double(s.st, 8);
            db_col_copy(&s, 9, g->s.at, sizeof g->s.at);
        }
        if (failed) { rc = oom(err, errlen); break; }
    }
    db_finish(&s);
    return rc == SQLITE_DONE ? FU_OK : rc;
}

static int fill_tx(struct db *db, struct rpt *r, long long report_id, long long since,
                   char *err, size_t errlen)
{
    long long last_note = 0;
    int rc = load_sources(db, r, report_id, err, errlen);
    if (rc == FU_OK)
        rc = load_depts(db, r, err, errlen);
    if (rc == FU_OK)
        rc = load_rounds(db, r, report_id, since, &last_note, err, errlen);
    if (rc == FU_OK)
        rc = db_chain_head(db, &r->chain_rows, r->chain_head, err, errlen);
    if (rc == FU_OK)
        rc = load_items(db, r, report_id, err, errlen);
    if (rc == FU_OK)
        rc = db_rpt_punctuality(db, r, report_id, err, errlen);
    if (rc == FU_OK)
        rc = load_targets(db, r, report_id, err, errlen);
    if (rc == FU_OK && r->since.id) {
        rc = snapshot_changes(db, r, report_id, err, errlen);
        if (rc == FU_OK)
            rc = new_tasks(db, r, report_id, err, errlen);
        if (rc == FU_OK)
            rc = new_notes(db, r, report_id, last_note, err, errlen);
    }
    return rc;
}

int db_rpt_fill(struct db *db, struct rpt *r, long long report_id, long long since,
                char *err, size_t errlen)
{
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = fill_tx(db, r, report_id, since, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- reminders ---------------------------------------------------------------------------- */

static int remind_scope(struct rpt *r, const struct user *u)
{
    struct db_buf b = {0};
    for (size_t i = 0; i < u->ndepts; i++) {
        db_buf_str(&b, i ? "、" : "");
        db_buf_str(&b, u->depts[i]);
    }
    if (b.oom) {
        db_buf_fini(&b);
        return -1;
    }
    r->scope = b.p ? b.p : strdup("");
    return r->scope ? 0 : -1;
}

/* Whose tasks: every department's (all), or those led or supported by
 * the user's departments. */
#define REMIND_WHERE                                                                    \
    " WHERE t.due IS NOT NULL AND t.due <= :horizon AND t.withdrawn = 0"                \
    " AND t.status <> 'done' AND (:all OR t.status <> 'submitted')"                     \
    " AND (:all OR t.lead_id IN (SELECT dept_id FROM user_depts WHERE user_id = :uid)"  \
    "      OR EXISTS (SELECT 1 FROM task_support sp JOIN user_depts ud"                  \
    "        ON ud.dept_id = sp.dept_id WHERE sp.task_id = t.id AND ud.user_id = :uid))"

/* How many are overdue (due before today) and due soon, in one pass. */
static int remind_counts(struct db *db, struct rpt *r, long long uid, int all,
                         const char *horizon, long long *late, long long *soon, char *err,
                         size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT coalesce(sum(t.due < :today), 0),"
                               " coalesce(sum(t.due >= :today), 0) FROM tasks t" REMIND_WHERE,
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":today", r->today);
        db_bind_text(&s, ":horizon", horizon);
        db_bind_int(&s, ":all", all != 0);
        db_bind_int(&s, ":uid", uid);
        if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            *late = db_col_int(&s, 0);
            *soon = db_col_int(&s, 1);
            rc = FU_OK;
        }
    }
    db_finish(&s);
    return rc;
}

/* The first max_rows of them, most overdue first: those the reminder
 * shows (overdue ones sort before those due soon), whatever their number. */
static int remind_rows(struct db *db, struct rpt *r, long long uid, int all, size_t max_rows,
                       const char *horizon, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.id, t.uuid, t.report_id, t.code, t.kind, t.depth, t.text, t.status, d.name,"
        " NULL, t.due, 0, 0, NULL, NULL, NULL, NULL" WF_COLS
        " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id" WF_JOINS REMIND_WHERE
        " ORDER BY t.due, t.report_id, t.seq, t.id LIMIT :max", err, errlen);
    int multi = 0;
    if (rc == FU_OK) {
        struct db_stmt m;
        rc = db_prepare_cached(db, &m, "SELECT count(*) > 1 FROM reports", err, errlen);
        if (rc == FU_OK && (rc = db_step(&m, err, errlen)) == SQLITE_ROW) {
            multi = (int)db_col_int(&m, 0);
            rc = FU_OK;
        }
        db_finish(&m);
        db_bind_text(&s, ":horizon", horizon);
        db_bind_int(&s, ":all", all != 0);
        db_bind_int(&s, ":uid", uid);
        db_bind_int(&s, ":max", (long long)max_rows);
    }
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW)
        rc = add_item(r, &s, multi, -1) == 0 ? FU_OK : oom(err, errlen);
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

/* The tasks with a reason of the workflow to remind of (a feedback cycle,
 * an instruction, a pending extension request), led from those small
 * tables, that remind_rows did not load. */
static int remind_workflow_rows(struct db *db, struct rpt *r, long long uid, int all,
                                char *err, size_t errlen)
{
    struct db_stmt s;
    size_t loaded = r->nitems;
    int rc = db_prepare_cached(db, &s,
        "SELECT t.id, t.uuid, t.report_id, t.code, t.kind, t.depth, t.text, t.status, d.name,"
        " NULL, t.due, 0, 0, NULL, NULL, NULL, NULL" WF_COLS
        " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id" WF_JOINS
        " WHERE t.id IN (SELECT task_id FROM cycles UNION SELECT task_id FROM instructions"
        "   UNION SELECT task_id FROM extensions WHERE state = 'pending')"
        " AND t.withdrawn = 0 AND t.status <> 'done' AND (:all OR t.status <> 'submitted')"
        " AND (:all OR t.lead_id IN (SELECT dept_id FROM user_depts WHERE user_id = :uid)"
        "      OR EXISTS (SELECT 1 FROM task_support sp JOIN user_depts ud"
        "        ON ud.dept_id = sp.dept_id WHERE sp.task_id = t.id AND ud.user_id = :uid))"
        " ORDER BY t.report_id, t.seq, t.id", err, errlen);
    int multi = 0;
    if (rc == FU_OK) {
        struct db_stmt m;
        rc = db_prepare_cached(db, &m, "SELECT count(*) > 1 FROM reports", err, errlen);
        if (rc == FU_OK && (rc = db_step(&m, err, errlen)) == SQLITE_ROW) {
            multi = (int)db_col_int(&m, 0);
            rc = FU_OK;
        }
        db_finish(&m);
        db_bind_int(&s, ":all", all != 0);
        db_bind_int(&s, ":uid", uid);
    }
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        long long id = db_col_int(&s, 0);
        size_t k = 0;
        while (k < loaded && r->items[k].id != id)
            k++;
        rc = k < loaded || add_item(r, &s, multi, -1) == 0 ? FU_OK : oom(err, errlen);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

static int remind_tx(struct db *db, const struct actor *a, int all, size_t max_rows,
                     struct rpt *r, const char *horizon, char *err, size_t errlen)
{
    struct user u;
    long long uid = 0, late = 0, soon = 0;
    int rc = db_user_load(db, a, &u, &uid, err, errlen);
    if (rc == FU_OK && all && u.role != ROLE_COMMITTEE)
        rc = db_errf(err, errlen, FU_PERM, "only committee users see every department's "
                     "reminders; `followup remind` shows your own");
    if (rc == FU_OK && !all && remind_scope(r, &u) != 0)
        rc = oom(err, errlen);
    if (rc == FU_OK && (all || u.ndepts))
        rc = remind_counts(db, r, uid, all, horizon, &late, &soon, err, errlen);
    if (rc == FU_OK && (all || u.ndepts))
        rc = remind_rows(db, r, uid, all, max_rows, horizon, err, errlen);
    if (rc == FU_OK && (all || u.ndepts))
        rc = remind_workflow_rows(db, r, uid, all, err, errlen);
    /* what was counted but not loaded (the rows loaded are the first, all overdue
     * ones before any due soon, and any the workflow brought) */
    size_t lated = 0, soond = 0;
    for (size_t i = 0; rc == FU_OK && i < r->nitems; i++) {
        const char *due = r->items[i].due;
        lated += due[0] && strcmp(due, r->today) < 0;
        soond += due[0] && strcmp(due, r->today) >= 0 && strcmp(due, horizon) <= 0;
    }
    if (rc == FU_OK) {
        r->more_overdue = (size_t)late > lated ? (size_t)late - lated : 0;
        r->more_due_soon = (size_t)soon > soond ? (size_t)soon - soond : 0;
    }
    user_fini(&u);
    return rc;
}

int db_remind(struct db *db, const struct actor *a, int all, size_t max_rows, struct rpt *r,
              char *err, size_t errlen)
{
    char horizon[11];
    if (cal_date_add(r->today, r->warn_days > 0 ? r->warn_days : 0, horizon) != 0)
        return db_errf(err, errlen, FU_USAGE, "'%s' is not a date for today; use YYYY-MM-DD",
                       r->today);
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = remind_tx(db, a, all, max_rows, r, horizon, err, errlen);
    return db_end(db, rc, err, errlen);
}
