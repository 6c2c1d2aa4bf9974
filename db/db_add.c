/* Tasks entered by hand (db/db_edit.h): under any section or item of a
 * report, or in the per-year register of tasks that come from no report
 * (a meeting, a leader's instruction). */
#include "db/internal.h"
#include "util/mem.h"
#include "core/calendar.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_edit.h"
#include "db/db_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- registers ------------------------------------------------------------------ */

int db_add_register(struct db *db, int year, long long *report_id, char *err, size_t errlen)
{
    struct db_stmt s;
    *report_id = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id FROM reports WHERE register = :y", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":y", year);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            *report_id = db_col_int(&s, 0);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

int db_add_register_year(struct db *db, long long id, long long *year, char *err,
                         size_t errlen)
{
    struct db_stmt s;
    *year = 0;
    int rc = db_prepare_cached(db, &s, "SELECT coalesce(register, 0) FROM reports WHERE id = :id",
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            *year = db_col_int(&s, 0);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

/* The register of year, made on first use: a report row of its own. */
static int register_get(struct db *db, const struct actor *a, int year, long long *id,
                        char *err, size_t errlen)
{
    if (year < 1900 || year > 9999)
        return db_errf(err, errlen, FU_USAGE, "%d is not a year for a register", year);
    int rc = db_add_register(db, year, id, err, errlen);
    if (rc != FU_OK || *id)
        return rc;
    struct db_stmt s;
    char uuid[37], now[32], title[64], y[16];
    db_uuid(uuid);
    db_now(now, sizeof now);
    snprintf(title, sizeof title, "交办事项 %d", year);
    snprintf(y, sizeof y, "%d", year);
    rc = db_prepare_cached(db, &s, "INSERT INTO reports (uuid, title, source_hash, imported_at,"
                           " imported_by, register) VALUES (:u, :t, 'register', :now, :by, :y)",
                           err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":u", uuid);
        db_bind_text(&s, ":t", title);
        db_bind_text(&s, ":now", now);
        db_bind_text(&s, ":by", a->login);
        db_bind_int(&s, ":y", year);
        rc = db_run(&s, err, errlen);
        *id = sqlite3_last_insert_rowid(db->h);
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = db_report_history(db, a, *id, "register", NULL, y, err, errlen);
    if (rc == FU_OK)
        rc = db_report_history(db, a, *id, "title", NULL, title, err, errlen);
    return rc;
}

/* ---- add ------------------------------------------------------------------------- */

struct owners {
    long long lead;
    char lead_name[DB_DEPT_BUF];
    long long *support;
    char *support_names;       /* "a,b" as the history records them */
    size_t nsupport;
};

static void owners_fini(struct owners *o)
{
    free(o->support);
    free(o->support_names);
}

static int owners_resolve(struct db *db, const struct task_new *n, const struct task *parent,
                          struct owners *o, char *err, size_t errlen)
{
    struct db_buf b = {0};
    int rc = FU_OK;
    memset(o, 0, sizeof *o);
    const char *lead = n->lead ? n->lead : parent ? parent->lead : NULL;
    if (lead && *lead && (rc = db_dept_id(db, lead, &o->lead, err, errlen)) == FU_OK)
        rc = db_dept_name_check(lead, o->lead_name, sizeof o->lead_name, err, errlen);
    if (rc == FU_OK && n->nsupport && !(o->support = calloc(n->nsupport, sizeof *o->support)))
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    db_buf_add(&b, "", 0);
    for (size_t i = 0; rc == FU_OK && i < n->nsupport; i++) {
        char clean[DB_DEPT_BUF];
        long long id = 0;
        size_t j = 0;
        if ((rc = db_dept_id(db, n->support[i], &id, err, errlen)) != FU_OK ||
            (rc = db_dept_name_check(n->support[i], clean, sizeof clean, err, errlen)) != FU_OK)
            break;
        while (j < o->nsupport && o->support[j] != id)
            j++;
        if (j < o->nsupport || id == o->lead)
            continue;
        o->support[o->nsupport++] = id;
        db_buf_fmt(&b, "%s%s", o->nsupport > 1 ? "," : "", clean);
    }
    o->support_names = b.p;
    if (rc == FU_OK && b.oom)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    return rc;
}

static int insert_row(struct db *db, const struct tree *t, const struct tnode *x,
                      const struct task_new *n, const struct owners *o, long long *id,
                      char *err, size_t errlen)
{
    struct db_stmt s;
    char uuid[37], now[32];
    db_uuid(uuid);
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "INSERT INTO tasks (uuid, report_id, parent_id, seq, depth,"
                               " code, kind, stmt_kind, text, lead_id, due, source, hand,"
                               " created_at, updated_at) VALUES (:uuid, :r, :p, :seq, :depth,"
                               " :code, :kind, :sk, :text, :lead, :due, :src, 1, :now, :now)",
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":uuid", uuid);
        db_bind_int(&s, ":r", t->report_id);
        db_bind_id(&s, ":p", x->parent == DB_NONE ? 0 : t->v[x->parent].id);
        db_bind_int(&s, ":seq", x->nseq);
        db_bind_int(&s, ":depth", x->ndepth);
        db_bind_text(&s, ":code", x->code);
        db_bind_text(&s, ":kind", kind_key(x->kind));
        db_bind_text(&s, ":sk", x->kind == KIND_STATEMENT ? "commitment" : NULL);
        db_bind_text(&s, ":text", n->text);
        db_bind_id(&s, ":lead", o->lead);
        db_bind_text(&s, ":due", n->due && *n->due ? n->due : NULL);
        db_bind_text(&s, ":src", n->source && *n->source ? n->source : NULL);
        db_bind_text(&s, ":now", now);
        rc = db_run(&s, err, errlen);
        *id = sqlite3_last_insert_rowid(db->h);
    }
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < o->nsupport; i++) {
        rc = db_prepare_cached(db, &s, "INSERT INTO task_support (task_id, ord, dept_id) VALUES"
                               " (:id, :ord, :d)", err, errlen);
        if (rc == FU_OK) {
            db_bind_int(&s, ":id", *id);
            db_bind_int(&s, ":ord", (long long)i);
            db_bind_int(&s, ":d", o->support[i]);
            rc = db_run(&s, err, errlen);
        }
        db_finish(&s);
    }
    return rc;
}

/* The rows `verify` replays a hand-entered task from. */
static int added_history(struct db *db, const struct actor *a, const struct tree *t,
                         const struct tnode *x, long long id, const struct task_new *n,
                         const struct owners *o, char *err, size_t errlen)
{
    struct db_buf b = {0};
    db_buf_fmt(&b, "%s %s", x->code, n->text);
    int rc = b.oom ? db_errf(err, errlen, FU_ERR, "out of memory")
                   : db_history_add(db, a, id, "created", NULL, b.p,
                                    o->lead ? o->lead_name : NULL, err, errlen);
    db_buf_fini(&b);
    if (rc == FU_OK && o->nsupport)
        rc = db_history_add(db, a, id, "support", NULL, o->support_names, NULL, err, errlen);
    if (rc == FU_OK && n->due && *n->due)
        rc = db_history_add(db, a, id, "due", NULL, n->due, NULL, err, errlen);
    if (rc == FU_OK && x->parent != DB_NONE)
        rc = db_history_add(db, a, id, "parent", NULL, t->v[x->parent].uuid, "added by hand",
                            err, errlen);
    if (rc == FU_OK && n->source && *n->source)
        rc = db_history_add(db, a, id, "source", NULL, n->source, NULL, err, errlen);
    return rc;
}

/* The report, parent and position of the new task; *parent_task loaded
 * when there is a parent. */
static int add_where(struct db *db, const struct actor *a, const struct task_new *n,
                     struct task *parent_task, long long *report_id, char *err, size_t errlen)
{
    long long sib = n->before_id ? n->before_id : n->after_id;
    int rc = FU_OK;
    struct task s;
    memset(parent_task, 0, sizeof *parent_task);
    *report_id = n->report_id;
    if (sib) {
        if ((rc = db_task_load(db, sib, &s, err, errlen)) != FU_OK)
            return rc;
        if (n->parent_id && s.parent_id != n->parent_id)
            rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is not under the parent given",
                         s.report_id, s.code);
        *report_id = s.report_id;
        long long pid = s.parent_id;
        task_fini(&s);
        if (rc == FU_OK && pid)
            rc = db_task_load(db, pid, parent_task, err, errlen);
        return rc;
    }
    if (n->parent_id) {
        rc = db_task_load(db, n->parent_id, parent_task, err, errlen);
        *report_id = parent_task->report_id;
        return rc;
    }
    return *report_id ? FU_OK : register_get(db, a, n->year, report_id, err, errlen);
}

static enum task_kind default_kind(const struct tree *t, size_t parent, int reg)
{
    if (parent == DB_NONE)
        return reg ? KIND_ITEM : KIND_SECTION;
    return t->v[parent].kind == KIND_SECTION ? KIND_ITEM : KIND_STATEMENT;
}

/* Puts the new task's node into the tree at its place. */
static int add_node(struct tree *t, const struct task_new *n, long long parent_id, int reg,
                    size_t *out, char *err, size_t errlen)
{
    size_t parent = DB_NONE, sib = DB_NONE, at;
    int rc = parent_id ? db_tree_node(t, parent_id, "parent", &parent, err, errlen) : FU_OK;
    long long sid = n->before_id ? n->before_id : n->after_id;
    if (rc == FU_OK && sid)
        rc = db_tree_node(t, sid, "sibling", &sib, err, errlen);
    if (rc != FU_OK)
        return rc;
    struct ixs *l = db_tree_kids(t, parent);
    at = sib == DB_NONE ? l->n : db_ixs_find(l, sib) + (n->after_id != 0);
    enum task_kind kind = n->kind >= 0 && n->kind <= KIND_STATEMENT ? (enum task_kind)n->kind
                                                              : default_kind(t, parent, reg);
    if ((rc = db_tree_may_hold(t, parent, kind, err, errlen)) != FU_OK)
        return rc;
    if (mem_grow((void **)&t->v, t->n, &t->cap, sizeof *t->v) != 0)
        return db_errf(err, errlen, FU_ERR, "out of memory");
    struct tnode *x = &t->v[t->n];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->parent = parent;
    db_tree_next_code(t, parent, x->code);
    *out = t->n++;
    if (db_ixs_insert(l, at, *out) != 0)
        return db_errf(err, errlen, FU_ERR, "out of memory");
    return FU_OK;
}

static int add_tx(struct db *db, const struct actor *a, const struct task_new *n,
                  long long *id, char code[32], char *err, size_t errlen)
{
    struct task parent;
    struct tree t = {0};
    struct owners o = {0};
    long long report_id = 0, reg = 0;
    size_t x = DB_NONE;
    int rc = db_edit_perm(db, a, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = add_where(db, a, n, &parent, &report_id, err, errlen);
    if (rc == FU_OK && parent.id && parent.withdrawn)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is withdrawn; restore it first",
                     parent.report_id, parent.code);
    if (rc == FU_OK)
        rc = db_add_register_year(db, report_id, &reg, err, errlen);
    if (rc == FU_OK)
        rc = db_tree_load(db, report_id, &t, err, errlen);
    if (rc == FU_OK)
        rc = add_node(&t, n, parent.id, reg != 0, &x, err, errlen);
    if (rc == FU_OK)
        rc = owners_resolve(db, n, parent.id ? &parent : NULL, &o, err, errlen);
    if (rc == FU_OK)
        rc = db_tree_write(db, &t, err, errlen);
    if (rc == FU_OK)
        rc = insert_row(db, &t, &t.v[x], n, &o, id, err, errlen);
    if (rc == FU_OK)
        rc = added_history(db, a, &t, &t.v[x], *id, n, &o, err, errlen);
    if (rc == FU_OK)
        rc = db_fts_add(db, *id, *id, err, errlen);
    if (rc == FU_OK)
        snprintf(code, 32, "%s", t.v[x].code);
    owners_fini(&o);
    db_tree_fini(&t);
    task_fini(&parent);
    return rc;
}

int db_add_task(struct db *db, const struct actor *a, const struct task_new *n,
                long long *id, char code[32], char *err, size_t errlen)
{
    char *text = NULL, *source = NULL;
    struct task_new v = *n;
    *id = 0;
    code[0] = '\0';
    if (n->before_id && n->after_id)
        return db_errf(err, errlen, FU_USAGE, "give --before or --after, not both");
    if (n->due && *n->due && cal_date_valid(n->due) != 0)
        return db_errf(err, errlen, FU_USAGE, "'%s' is not a date; write YYYY-MM-DD", n->due);
    int rc = db_text_value(n->text ? n->text : "", "task's text", 0, &text, err, errlen);
    if (rc == FU_OK)
        rc = db_text_value(n->source, "source", 1, &source, err, errlen);
    if (rc == FU_OK && (strchr(text, '\n') || strchr(text, '\r')))
        rc = db_errf(err, errlen, FU_USAGE, "a task's text is one line");
    v.text = text;
    v.source = source;
    if (rc == FU_OK && (rc = db_begin(db, err, errlen)) == FU_OK) {
        rc = add_tx(db, a, &v, id, code, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    if (rc != FU_OK) {
        *id = 0;
        code[0] = '\0';
    }
    free(text);
    free(source);
    return rc;
}

