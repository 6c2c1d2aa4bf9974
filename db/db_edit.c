/* Corrections of what was imported (db/db_edit.h): a report's metadata,
 * a task's text, withdrawing and restoring, striking out a note. Each in
 * one write transaction with its history rows; nothing is deleted. */
#include "db/internal.h"
#include "util/mem.h"
#include "util/text.h"
#include "core/calendar.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_edit.h"
#include "db/db_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rf_names[RF_COUNT] = {
    "title", "doc_no", "issuer", "published", "addressee", "signed_by", "signed_on",
    "lead_department",
};

const char *db_report_field(enum report_field f)
{
    return (unsigned)f < RF_COUNT ? rf_names[f] : "";
}

char *db_trim_dup(const char *s)
{
    static const char *const spaces[] = {" ", "\t", "\n", "\r", "\xe3\x80\x80", "\xc2\xa0"};
    size_t n = s ? strlen(s) : 0;
    const char *p = s ? s : "";
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++) {
            size_t k = strlen(spaces[i]);
            if (n >= k && memcmp(p, spaces[i], k) == 0) {
                p += k, n -= k, again = 1;
            }
            if (n >= k && memcmp(p + n - k, spaces[i], k) == 0) {
                n -= k, again = 1;
            }
        }
    }
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, p, n);
        d[n] = '\0';
    }
    return d;
}

/* A one-line value: no control characters (tabs and newlines included). */
static int one_line(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

int db_edit_perm(struct db *db, const struct actor *a, char *err, size_t errlen)
{
    struct user u;
    int rc = db_user_load(db, a, &u, NULL, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_EDIT, 0, err, errlen);
    user_fini(&u);
    return rc;
}

/* ---- a report's metadata ------------------------------------------------------ */

static int same_value(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

int db_report_history(struct db *db, const struct actor *a, long long report_id,
                      const char *field, const char *old_value, const char *new_value,
                      char *err, size_t errlen)
{
    char key[64];
    snprintf(key, sizeof key, "R%lld %s", report_id, field);
    return db_history_add(db, a, 0, "report", old_value && *old_value ? old_value : NULL,
                          new_value && *new_value ? new_value : NULL, key, err, errlen);
}

static int report_load(struct db *db, long long id, char *v[RF_COUNT], long long *hand,
                       char *err, size_t errlen)
{
    struct db_stmt s;
    int oom = 0;
    int rc = db_prepare_cached(db, &s, "SELECT title, doc_no, issuer, published, addressee,"
                               " signed_by, signed_on, lead_department, hand FROM reports"
                               " WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            for (int f = 0; f < RF_COUNT; f++)
                v[f] = db_col_dup(&s, f, &oom);
            *hand = db_col_int(&s, RF_COUNT);
            rc = oom ? db_errf(err, errlen, FU_ERR, "out of memory") : FU_OK;
        } else if (rc == SQLITE_DONE) {
            rc = db_errf(err, errlen, FU_NOTFOUND, "no report R%lld; `followup report-meta` "
                         "names one as R1, 1 or its 文号", id);
        }
    }
    db_finish(&s);
    return rc;
}

static int doc_no_free(struct db *db, long long id, const char *doc_no, char *err,
                       size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT id FROM reports WHERE doc_no = :d AND id <> :id",
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":d", doc_no);
        db_bind_int(&s, ":id", id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            rc = db_errf(err, errlen, FU_USAGE, "R%lld has the 文号 %s already; a 文号 names "
                         "one report", db_col_int(&s, 0), doc_no);
        else if (rc == SQLITE_DONE)
            rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

static int report_check(enum report_field f, const char *v, char *err, size_t errlen)
{
    if (f == RF_TITLE && !*v)
        return db_errf(err, errlen, FU_USAGE, "a report's title cannot be empty");
    if (!one_line(v))
        return db_errf(err, errlen, FU_USAGE, "the %s is one line without control characters",
                       rf_names[f]);
    if (strlen(v) > 2000)
        return db_errf(err, errlen, FU_USAGE, "the %s is longer than 2000 bytes", rf_names[f]);
    if ((f == RF_PUBLISHED || f == RF_SIGNED_ON) && *v && cal_date_valid(v) != 0)
        return db_errf(err, errlen, FU_USAGE, "the %s '%s' is not a date; write YYYY-MM-DD",
                       rf_names[f], v);
    return FU_OK;
}

static int report_write(struct db *db, long long id, enum report_field f, const char *v,
                        char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s,
        "UPDATE reports SET hand = hand | :bit,"
        " title = CASE :f WHEN 'title' THEN :v ELSE title END,"
        " doc_no = CASE :f WHEN 'doc_no' THEN :v ELSE doc_no END,"
        " issuer = CASE :f WHEN 'issuer' THEN :v ELSE issuer END,"
        " published = CASE :f WHEN 'published' THEN :v ELSE published END,"
        " addressee = CASE :f WHEN 'addressee' THEN :v ELSE addressee END,"
        " signed_by = CASE :f WHEN 'signed_by' THEN :v ELSE signed_by END,"
        " signed_on = CASE :f WHEN 'signed_on' THEN :v ELSE signed_on END,"
        " lead_department = CASE :f WHEN 'lead_department' THEN :v ELSE lead_department END"
        " WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":bit", 1LL << f);
        db_bind_text(&s, ":f", rf_names[f]);
        if (*v || f == RF_TITLE)
            db_bind_text(&s, ":v", v);
        else
            db_bind_null(&s, ":v");
        db_bind_int(&s, ":id", id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

static int edit_report_tx(struct db *db, const struct actor *a, long long id,
                          char *const want[RF_COUNT], int *changed, char *err, size_t errlen)
{
    char *have[RF_COUNT] = {0};
    long long hand = 0;
    int rc = db_edit_perm(db, a, err, errlen);
    if (rc == FU_OK)
        rc = report_load(db, id, have, &hand, err, errlen);
    for (int f = 0; rc == FU_OK && f < RF_COUNT; f++) {
        if (!want[f] || strcmp(want[f], have[f] ? have[f] : "") == 0)
            continue;
        if (f == RF_DOC_NO && *want[f])
            rc = doc_no_free(db, id, want[f], err, errlen);
        if (rc == FU_OK)
            rc = report_write(db, id, (enum report_field)f, want[f], err, errlen);
        if (rc == FU_OK)
            rc = db_report_history(db, a, id, rf_names[f], have[f], want[f], err, errlen);
        (*changed)++;
    }
    for (int f = 0; f < RF_COUNT; f++)
        free(have[f]);
    return rc;
}

int db_edit_report(struct db *db, const struct actor *a, long long report_id,
                   const char *const value[RF_COUNT], int *changed, char *err, size_t errlen)
{
    char *want[RF_COUNT] = {0};
    int rc = FU_OK;
    *changed = 0;
    for (int f = 0; rc == FU_OK && f < RF_COUNT; f++) {
        if (!value[f])
            continue;
        if (!(want[f] = db_trim_dup(value[f])))
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
        else
            rc = report_check((enum report_field)f, want[f], err, errlen);
    }
    if (rc == FU_OK && (rc = db_begin(db, err, errlen)) == FU_OK) {
        rc = edit_report_tx(db, a, report_id, want, changed, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    if (rc != FU_OK)
        *changed = 0;
    for (int f = 0; f < RF_COUNT; f++)
        free(want[f]);
    return rc;
}

int db_report_import_meta(struct db *db, const struct actor *a, long long report_id, int fresh,
                          const char *const doc[], char *kept[], char *err, size_t errlen)
{
    char *have[RF_COUNT] = {0};
    long long hand = 0;
    int rc = fresh ? FU_OK : report_load(db, report_id, have, &hand, err, errlen);
    for (int f = 0; f < RF_COUNT; f++)
        kept[f] = NULL;
    for (int f = 0; rc == FU_OK && f < RF_COUNT; f++) {
        const char *now = doc[f] && *doc[f] ? doc[f] : NULL;
        if (hand & (1LL << f)) {          /* set by hand: stays */
            if (have[f] && !(kept[f] = strdup(have[f])))
                rc = db_errf(err, errlen, FU_ERR, "out of memory");
            continue;
        }
        if (!same_value(have[f], now))
            rc = db_report_history(db, a, report_id, rf_names[f], have[f], now, err, errlen);
    }
    for (int f = 0; f < RF_COUNT; f++)
        free(have[f]);
    return rc;
}

/* ---- a task's text ------------------------------------------------------------ */

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int write_text(struct db *db, const struct task *t, const char *text, const char *body,
                      char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_fts_forget(db, t->id, t->text, t->body, t->code, err, errlen);
    if (rc == FU_OK)
        rc = db_prepare_cached(db, &s, "UPDATE tasks SET text = :text, body = :body,"
                               " hand = hand | 2 WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":text", text);
        db_bind_text(&s, ":body", body && *body ? body : NULL);
        db_bind_int(&s, ":id", t->id);
        rc = db_run(&s, err, errlen);
        db_finish(&s);
    }
    if (rc == FU_OK)
        rc = db_fts_add(db, t->id, t->id, err, errlen);
    return rc;
}

static int edit_text_tx(struct db *db, const struct actor *a, long long task_id,
                        const char *text, const char *body, long long expected,
                        char *err, size_t errlen)
{
    struct task t;
    struct user u;
    int own = 0;
    int rc = db_change_load(db, a, task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_EDIT, own, err, errlen);
    if (rc == FU_OK)
        rc = db_change_check_version(db, &t, expected, err, errlen);
    if (rc == FU_OK && body && t.kind == KIND_STATEMENT && *body)
        rc = db_errf(err, errlen, FU_USAGE, "a statement has no body; edit its text");
    const char *nt = text ? text : t.text, *nb = body ? body : t.body;
    int text_changed = !same_text(nt, t.text), body_changed = !same_text(nb, t.body);
    if (rc == FU_OK && (text_changed || body_changed))
        rc = write_text(db, &t, nt, nb, err, errlen);
    if (rc == FU_OK && text_changed)
        rc = db_history_add(db, a, task_id, "text", t.text, nt, "edit", err, errlen);
    if (rc == FU_OK && body_changed)
        rc = db_history_add(db, a, task_id, "body", t.body, nb && *nb ? nb : NULL, "edit",
                            err, errlen);
    if (rc == FU_OK && (text_changed || body_changed))
        rc = db_task_bump(db, task_id, err, errlen);
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_text_value(const char *in, const char *what, int may_be_empty, char **out, char *err,
                  size_t errlen)
{
    *out = NULL;
    if (!in)
        return FU_OK;
    if (!(*out = db_trim_dup(in)))
        return db_errf(err, errlen, FU_ERR, "out of memory");
    int rc = FU_OK;
    if (!utf8_valid(*out, strlen(*out)))
        rc = db_errf(err, errlen, FU_USAGE, "the %s is not valid UTF-8; write it in UTF-8", what);
    else if (!**out && !may_be_empty)
        rc = db_errf(err, errlen, FU_USAGE, "the %s is empty; write it out", what);
    else if (strlen(*out) > DB_NOTE_MAX)
        rc = db_errf(err, errlen, FU_USAGE, "the %s is %zu bytes long; at most %d are allowed",
                     what, strlen(*out), DB_NOTE_MAX);
    if (rc != FU_OK) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

int db_edit_text(struct db *db, const struct actor *a, long long task_id, const char *text,
                 const char *body, long long expected_version, char *err, size_t errlen)
{
    char *nt = NULL, *nb = NULL;
    memset(&db->outcome, 0, sizeof db->outcome);
    if (!text && !body)
        return db_errf(err, errlen, FU_USAGE, "nothing to change: give the new text or --body");
    int rc = db_text_value(text, "text", 0, &nt, err, errlen);
    if (rc == FU_OK)
        rc = db_text_value(body, "body", 1, &nb, err, errlen);
    if (rc == FU_OK && nt && !one_line(nt))
        rc = db_errf(err, errlen, FU_USAGE, "a task's text is one line; put more in --body");
    if (rc == FU_OK && (rc = db_begin(db, err, errlen)) == FU_OK) {
        rc = edit_text_tx(db, a, task_id, nt, nb, expected_version, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    free(nt);
    free(nb);
    return rc;
}

/* ---- withdrawing and restoring --------------------------------------------------- */

/* The descendants of root in preorder: live ones (live 1) or all. */
static int descendants(struct db *db, long long root, int live, struct db_ids *out, char *err,
                       size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare(db, &s,
        "WITH RECURSIVE sub(id) AS (SELECT id FROM tasks WHERE parent_id = :root"
        " AND (:live = 0 OR withdrawn = 0) UNION ALL SELECT t.id FROM tasks t JOIN sub"
        " ON t.parent_id = sub.id WHERE :live = 0 OR t.withdrawn = 0)"
        " SELECT t.id FROM tasks t JOIN sub ON sub.id = t.id ORDER BY t.seq", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":root", root);
        db_bind_int(&s, ":live", live);
        rc = db_step_ids(&s, out, err, errlen);
    }
    db_finish(&s);
    return rc;
}

int db_edit_set_withdrawn(struct db *db, const struct actor *a, long long id, int withdrawn,
                          const char *note, int is_main, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "UPDATE tasks SET withdrawn = :w, hand = hand | 8"
                               " WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":w", withdrawn);
        db_bind_int(&s, ":id", id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = is_main ? db_task_bump(db, id, err, errlen) : db_task_touch(db, id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, id, "withdrawn", withdrawn ? "0" : "1", withdrawn ? "1" : "0",
                            note, err, errlen);
    return rc;
}

static int withdraw_tx(struct db *db, const struct actor *a, long long task_id,
                       const char *reason, long long expected, int *count, char *err,
                       size_t errlen)
{
    struct task t;
    struct user u;
    struct db_ids d = {0};
    int own = 0;
    char with[64];
    int rc = db_change_load(db, a, task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_EDIT, own, err, errlen);
    if (rc == FU_OK)
        rc = db_change_check_version(db, &t, expected, err, errlen);
    if (rc == FU_OK)
        rc = descendants(db, task_id, 1, &d, err, errlen);
    if (rc == FU_OK)
        rc = db_edit_set_withdrawn(db, a, task_id, 1, reason, 1, err, errlen);
    snprintf(with, sizeof with, "with R%lld:%s", t.report_id, t.code);
    for (size_t i = 0; rc == FU_OK && i < d.n; i++)
        rc = db_edit_set_withdrawn(db, a, d.v[i], 1, with, 0, err, errlen);
    *count = rc == FU_OK ? (int)d.n + 1 : 0;
    free(d.v);
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_edit_withdraw(struct db *db, const struct actor *a, long long task_id,
                     const char *reason, long long expected_version, int *count,
                     char *err, size_t errlen)
{
    char *why = NULL;
    *count = 0;
    int rc = db_text_value(reason ? reason : "", "reason", 0, &why, err, errlen);
    if (rc != FU_OK)
        return db_errf(err, errlen, rc, "withdraw needs --reason TEXT: say why the task goes");
    if ((rc = db_begin(db, err, errlen)) == FU_OK) {
        rc = withdraw_tx(db, a, task_id, why, expected_version, count, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    free(why);
    return rc;
}

/* The id of task id's latest history row of field (0: none). */
static int last_row(struct db *db, long long id, const char *field, const char *new_value,
                    long long *row, char *err, size_t errlen)
{
    struct db_stmt s;
    *row = 0;
    int rc = db_prepare_cached(db, &s, "SELECT coalesce(max(id), 0) FROM history WHERE"
                               " task_id = :t AND field = :f AND new IS :n", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", id);
        db_bind_text(&s, ":f", field);
        db_bind_text(&s, ":n", new_value);
        if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            *row = db_col_int(&s, 0);
            rc = FU_OK;
        }
    }
    db_finish(&s);
    return rc;
}

/* Refused when a live task of the report has t's code. */
static int code_free(struct db *db, const struct task *t, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT uuid FROM tasks WHERE report_id = :r AND"
                               " code = :c AND withdrawn = 0 AND id <> :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":r", t->report_id);
        db_bind_text(&s, ":c", t->code);
        db_bind_int(&s, ":id", t->id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s cannot come back: a revised report "
                         "gave its code to another task (%.8s)", t->report_id, t->code,
                         db_col_text(&s, 0));
        else if (rc == SQLITE_DONE)
            rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

/* The withdrawn descendants whose withdrawal came with root's (row h0). */
static int withdrawn_with(struct db *db, long long root, long long h0, struct db_ids *out,
                          char *err, size_t errlen)
{
    struct db_ids all = {0};
    int rc = descendants(db, root, 0, &all, err, errlen);
    for (size_t i = 0; rc == FU_OK && i < all.n; i++) {
        struct task d;
        long long out_row = 0, back_row = 0;
        if ((rc = db_task_load(db, all.v[i], &d, err, errlen)) != FU_OK)
            break;
        if (d.withdrawn && (rc = last_row(db, d.id, "withdrawn", "1", &out_row, err,
                                          errlen)) == FU_OK)
            rc = last_row(db, d.id, "withdrawn", "0", &back_row, err, errlen);
        if (rc == FU_OK && d.withdrawn && out_row > h0 && out_row > back_row) {
            if (mem_grow((void **)&out->v, out->n, &out->cap, sizeof *out->v) != 0)
                rc = db_errf(err, errlen, FU_ERR, "out of memory");
            else
                out->v[out->n++] = d.id;
            if (rc == FU_OK)
                rc = code_free(db, &d, err, errlen);
        }
        task_fini(&d);
    }
    free(all.v);
    return rc;
}

static int restore_tx(struct db *db, const struct actor *a, long long task_id,
                      const char *note, int *count, char *err, size_t errlen)
{
    struct task t, p = {0};
    struct db_ids d = {0};
    long long h0 = 0;
    char with[64];
    int rc = db_edit_perm(db, a, err, errlen);
    if (rc == FU_OK)
        rc = db_task_load(db, task_id, &t, err, errlen);
    else
        memset(&t, 0, sizeof t);
    if (rc == FU_OK && !t.withdrawn)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is not withdrawn", t.report_id, t.code);
    if (rc == FU_OK && t.parent_id && (rc = db_task_load(db, t.parent_id, &p, err, errlen)) ==
        FU_OK && p.withdrawn)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is under R%lld:%s, which is withdrawn; "
                     "restore R%lld:%s first", t.report_id, t.code, p.report_id, p.code,
                     p.report_id, p.code);
    if (rc == FU_OK)
        rc = code_free(db, &t, err, errlen);
    if (rc == FU_OK)
        rc = last_row(db, task_id, "withdrawn", "1", &h0, err, errlen);
    if (rc == FU_OK)
        rc = withdrawn_with(db, task_id, h0, &d, err, errlen);
    if (rc == FU_OK) {
        memset(&db->outcome, 0, sizeof db->outcome);
        db->outcome.version = t.version;
        rc = db_edit_set_withdrawn(db, a, task_id, 0, note ? note : "restored", 1, err, errlen);
    }
    snprintf(with, sizeof with, "with R%lld:%s", t.report_id, t.code);
    for (size_t i = 0; rc == FU_OK && i < d.n; i++)
        rc = db_edit_set_withdrawn(db, a, d.v[i], 0, with, 0, err, errlen);
    *count = rc == FU_OK ? (int)d.n + 1 : 0;
    free(d.v);
    task_fini(&t);
    task_fini(&p);
    return rc;
}

int db_edit_restore(struct db *db, const struct actor *a, long long task_id,
                    const char *note, int *count, char *err, size_t errlen)
{
    char *why = NULL;
    *count = 0;
    int rc = db_text_value(note && *note ? note : NULL, "note", 0, &why, err, errlen);
    if (rc == FU_OK && (rc = db_begin(db, err, errlen)) == FU_OK) {
        rc = restore_tx(db, a, task_id, why, count, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    free(why);
    return rc;
}

int db_edit_merged_into(struct db *db, long long task_id, long long *into, char *err,
                        size_t errlen)
{
    struct db_stmt s;
    *into = 0;
    int rc = db_prepare_cached(db, &s, "SELECT t.id FROM history h JOIN tasks t ON t.uuid = h.new"
                               " WHERE h.task_id = :id AND h.field = 'merge'"
                               " ORDER BY h.id DESC LIMIT 1", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", task_id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            *into = db_col_int(&s, 0);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

/* ---- striking out a note -------------------------------------------------------- */

struct note_row { long long task_id; char author[64]; char *text; int struck; };

static int note_load(struct db *db, long long id, struct note_row *n, char *err, size_t errlen)
{
    struct db_stmt s;
    int oom = 0;
    memset(n, 0, sizeof *n);
    int rc = db_prepare_cached(db, &s, "SELECT task_id, coalesce(as_user, actor), text,"
                               " struck_at IS NOT NULL FROM notes WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            n->task_id = db_col_int(&s, 0);
            db_col_copy(&s, 1, n->author, sizeof n->author);
            n->text = db_col_dup(&s, 2, &oom);
            n->struck = (int)db_col_int(&s, 3);
            rc = oom ? db_errf(err, errlen, FU_ERR, "out of memory") : FU_OK;
        } else if (rc == SQLITE_DONE) {
            rc = db_errf(err, errlen, FU_NOTFOUND, "no such note; `followup show TASK` lists "
                         "the task's notes with their numbers");
        }
    }
    db_finish(&s);
    return rc;
}

static int strike_tx(struct db *db, const struct actor *a, long long note_id,
                     const char *reason, char *err, size_t errlen)
{
    struct note_row n;
    struct task t;
    struct user u;
    struct db_stmt s;
    int own = 0;
    char now[32];
    int rc = note_load(db, note_id, &n, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_change_load(db, a, n.task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK && u.role != ROLE_COMMITTEE && strcmp(u.login, n.author) != 0)
        rc = db_errf(err, errlen, FU_PERM, "only the note's author (%s) or a committee user "
                     "may strike it out; add a note that corrects it", n.author);
    if (rc == FU_OK && n.struck)
        rc = db_errf(err, errlen, FU_USAGE, "that note is struck out already");
    db_now(now, sizeof now);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "UPDATE notes SET struck_at = :at,"
                                               " struck_by = :by || coalesce(' as ' || :as, ''),"
                                               " struck_reason = :why WHERE id = :id",
                                               err, errlen)) == FU_OK) {
        db_bind_text(&s, ":at", now);
        db_bind_text(&s, ":by", a->login);
        db_bind_text(&s, ":as", db_as_user(a));
        db_bind_text(&s, ":why", reason);
        db_bind_int(&s, ":id", note_id);
        rc = db_run(&s, err, errlen);
        db_finish(&s);
    }
    if (rc == FU_OK)
        rc = db_task_bump(db, n.task_id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, n.task_id, "strike", n.text, NULL, reason, err, errlen);
    free(n.text);
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_note_strike(struct db *db, const struct actor *a, long long note_id,
                   const char *reason, char *err, size_t errlen)
{
    char *why = NULL;
    int rc = db_text_value(reason && *reason ? reason : NULL, "reason", 0, &why, err, errlen);
    if (rc == FU_OK && (rc = db_begin(db, err, errlen)) == FU_OK) {
        rc = strike_tx(db, a, note_id, why, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    free(why);
    return rc;
}
