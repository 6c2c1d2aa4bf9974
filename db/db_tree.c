/* The report's tree edited by hand (db/db_edit.h): moving a task,
 * merging two, splitting a statement out; and the tree in memory that
 * these and db/db_add.c share. A report's tasks are loaded as a tree,
 * changed in memory and written back in preorder (seq, depth, parent), so
 * the interface's index, which reads seq order, stays right. */
#include "db/internal.h"
#include "util/mem.h"
#include "core/calendar.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_edit.h"
#include "db/db_task.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void db_tree_fini(struct tree *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].kids.v);
    free(t->v);
    free(t->roots.v);
    free(t->byid);
    memset(t, 0, sizeof *t);
}

int db_ixs_insert(struct ixs *l, size_t at, size_t x)
{
    if (mem_grow((void **)&l->v, l->n, &l->cap, sizeof *l->v) != 0)
        return -1;
    if (at > l->n)
        at = l->n;
    memmove(l->v + at + 1, l->v + at, (l->n - at) * sizeof *l->v);
    l->v[at] = x;
    l->n++;
    return 0;
}

size_t db_ixs_find(const struct ixs *l, size_t x)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == x)
            return i;
    return DB_NONE;
}

static void ixs_remove(struct ixs *l, size_t x)
{
    size_t i = db_ixs_find(l, x);
    if (i != DB_NONE) {
        memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
        l->n--;
    }
}

static const struct tree *sort_tree;
static int by_id(const void *a, const void *b)
{
    long long x = sort_tree->v[*(const size_t *)a].id, y = sort_tree->v[*(const size_t *)b].id;
    return (x > y) - (x < y);
}

size_t db_tree_find(const struct tree *t, long long id)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[t->byid[mid]].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->v[t->byid[lo]].id == id ? t->byid[lo] : DB_NONE;
}

struct ixs *db_tree_kids(struct tree *t, size_t parent)
{
    return parent == DB_NONE ? &t->roots : &t->v[parent].kids;
}

/* Links every node under its parent, siblings in seq order (the rows
 * come in seq order). */
static int tree_link(struct tree *t)
{
    if (!(t->byid = malloc((t->n + 1) * sizeof *t->byid)))
        return -1;
    for (size_t i = 0; i < t->n; i++)
        t->byid[i] = i;
    sort_tree = t;
    qsort(t->byid, t->n, sizeof *t->byid, by_id);
    for (size_t i = 0; i < t->n; i++) {
        size_t p = t->v[i].parent_id ? db_tree_find(t, t->v[i].parent_id) : DB_NONE;
        t->v[i].parent = p == i ? DB_NONE : p;
        struct ixs *l = db_tree_kids(t, t->v[i].parent);
        if (db_ixs_insert(l, l->n, i) != 0)
            return -1;
    }
    return 0;
}

int db_tree_load(struct db *db, long long report_id, struct tree *t, char *err,
                     size_t errlen)
{
    struct db_stmt s;
    memset(t, 0, sizeof *t);
    t->report_id = report_id;
    int rc = db_prepare(db, &s, "SELECT id, coalesce(parent_id, 0), seq, depth, withdrawn, kind,"
                        " code, uuid FROM tasks WHERE report_id = :r ORDER BY seq, id",
                        err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":r", report_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        enum task_kind k = KIND_ITEM;
        rc = FU_OK;
        if (mem_grow((void **)&t->v, t->n, &t->cap, sizeof *t->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        struct tnode *x = &t->v[t->n++];
        memset(x, 0, sizeof *x);
        x->id = db_col_int(&s, 0);
        x->parent_id = db_col_int(&s, 1);
        x->seq = db_col_int(&s, 2);
        x->depth = (int)db_col_int(&s, 3);
        x->withdrawn = (int)db_col_int(&s, 4);
        kind_parse(db_col_text(&s, 5), &k);
        x->kind = k;
        db_col_copy(&s, 6, x->code, sizeof x->code);
        db_col_copy(&s, 7, x->uuid, sizeof x->uuid);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc == FU_OK && tree_link(t) != 0)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    if (rc != FU_OK)
        db_tree_fini(t);
    return rc;
}

/* Preorder numbers and depths from the links. */
static void number(struct tree *t, const struct ixs *l, int depth, long long *seq)
{
    for (size_t i = 0; i < l->n; i++) {
        struct tnode *x = &t->v[l->v[i]];
        x->nseq = ++*seq;
        x->ndepth = depth;
        number(t, &x->kids, depth + 1, seq);
    }
}

/* Writes back what changed: each node's seq, depth and parent. Withdrawn
 * tasks keep their places among the live ones. */
int db_tree_write(struct db *db, struct tree *t, char *err, size_t errlen)
{
    long long seq = 0;
    int rc = FU_OK;
    number(t, &t->roots, 0, &seq);
    for (size_t i = 0; rc == FU_OK && i < t->n; i++) {
        struct tnode *x = &t->v[i];
        long long pid = x->parent == DB_NONE ? 0 : t->v[x->parent].id;
        if (!x->id || (x->nseq == x->seq && x->ndepth == x->depth && pid == x->parent_id))
            continue;
        struct db_stmt s;
        rc = db_prepare_cached(db, &s, "UPDATE tasks SET seq = :seq, depth = :depth,"
                               " parent_id = :p WHERE id = :id", err, errlen);
        if (rc == FU_OK) {
            db_bind_int(&s, ":seq", x->nseq);
            db_bind_int(&s, ":depth", x->ndepth);
            db_bind_id(&s, ":p", pid);
            db_bind_int(&s, ":id", x->id);
            rc = db_run(&s, err, errlen);
        }
        db_finish(&s);
        x->seq = x->nseq;
        x->depth = x->ndepth;
        x->parent_id = pid;
    }
    return rc;
}

/* 1 when anc is node x or one of its ancestors. */
static int is_within(const struct tree *t, size_t x, size_t anc)
{
    for (size_t i = x, guard = 0; i != DB_NONE && guard <= t->n; i = t->v[i].parent, guard++)
        if (i == anc)
            return 1;
    return 0;
}

/* May a task of kind child stand under parent (DB_NONE: the top)? */
int db_tree_may_hold(const struct tree *t, size_t parent, enum task_kind child, char *err,
                    size_t errlen)
{
    if (parent == DB_NONE)
        return child == KIND_STATEMENT
            ? db_errf(err, errlen, FU_USAGE, "a statement stands under an item, not at the "
                      "top of a report")
            : FU_OK;
    const struct tnode *p = &t->v[parent];
    if (p->kind == KIND_SECTION && child == KIND_STATEMENT)
        return db_errf(err, errlen, FU_USAGE, "%s is a section; a statement stands under an "
                       "item", p->code);
    if (p->kind == KIND_STATEMENT)
        return db_errf(err, errlen, FU_USAGE, "%s is a statement, which holds no tasks; put "
                       "it under an item", p->code);
    if (p->kind == KIND_ITEM && child != KIND_STATEMENT)
        return db_errf(err, errlen, FU_USAGE, "%s is an item, which holds only statements; "
                       "put the %s under a section", p->code, kind_key(child));
    return FU_OK;
}

/* The next number under parent's code that no task of the report ever
 * had ("2.7" after 2.1 … 2.6, withdrawn and moved ones included). */
void db_tree_next_code(const struct tree *t, size_t parent, char out[32])
{
    const char *pc = parent == DB_NONE ? "" : t->v[parent].code;
    size_t plen = strlen(pc) + (*pc ? 1 : 0);
    long long max = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *c = t->v[i].code;
        if (strlen(c) <= plen || (*pc && (strncmp(c, pc, plen - 1) || c[plen - 1] != '.')))
            continue;
        const char *d = c + plen;
        size_t k = 0;
        while (isdigit((unsigned char)d[k]))
            k++;
        if (k && !d[k] && k < 12 && atoll(d) > max)
            max = atoll(d);
    }
    if (*pc)
        snprintf(out, 32, "%s.%lld", pc, max + 1);
    else
        snprintf(out, 32, "%lld", max + 1);
}

/* The task as a tree node: live, of this report. */
int db_tree_node(const struct tree *t, long long id, const char *role, size_t *out,
                   char *err, size_t errlen)
{
    *out = db_tree_find(t, id);
    if (*out == DB_NONE)
        return db_errf(err, errlen, FU_USAGE, "the %s is in another report; tasks move within "
                       "their report", role);
    if (t->v[*out].withdrawn)
        return db_errf(err, errlen, FU_USAGE, "the %s R%lld:%s is withdrawn", role,
                       t->report_id, t->v[*out].code);
    return FU_OK;
}

/* The previous (dir -1) or next (dir 1) live sibling's position in l. */
static size_t live_sibling(const struct tree *t, const struct ixs *l, size_t at, int dir)
{
    for (size_t i = at; (dir < 0 ? i > 0 : i + 1 < l->n);) {
        i = dir < 0 ? i - 1 : i + 1;
        if (!t->v[l->v[i]].withdrawn)
            return i;
    }
    return DB_NONE;
}

static void ref(const struct tree *t, size_t i, char *out, size_t len)
{
    if (i == DB_NONE)
        snprintf(out, len, "the top");
    else
        snprintf(out, len, "R%lld:%s", t->report_id, t->v[i].code);
}

/* "after R1:2.1" or "first": where x stands among its live siblings. */
static void place_of(const struct tree *t, size_t x, char *out, size_t len)
{
    const struct ixs *l = t->v[x].parent == DB_NONE ? &t->roots : &t->v[t->v[x].parent].kids;
    size_t prev = live_sibling(t, l, db_ixs_find(l, x), -1);
    if (prev == DB_NONE) {
        snprintf(out, len, "first");
    } else {
        char r[64];
        ref(t, l->v[prev], r, sizeof r);
        snprintf(out, len, "after %s", r);
    }
}

/* The "parent" row (old and new parent's UUID; the codes as the note) or,
 * when the parent stays, the "order" row. */
static int place_history(struct db *db, const struct actor *a, const struct tree *t, size_t x,
                         size_t old_parent, const char *old_place, const char *why,
                         char *err, size_t errlen)
{
    size_t np = t->v[x].parent;
    char note[200], from[64], to[64], now[96];
    if (np == old_parent) {
        place_of(t, x, now, sizeof now);
        return db_history_add(db, a, t->v[x].id, "order", old_place, now, why, err, errlen);
    }
    ref(t, old_parent, from, sizeof from);
    ref(t, np, to, sizeof to);
    snprintf(note, sizeof note, "%s%s%s → %s", why ? why : "", why ? ": " : "", from, to);
    return db_history_add(db, a, t->v[x].id, "parent",
                          old_parent == DB_NONE ? NULL : t->v[old_parent].uuid,
                          np == DB_NONE ? NULL : t->v[np].uuid, note, err, errlen);
}

static int mark_hand(struct db *db, long long id, int bits, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "UPDATE tasks SET hand = hand | :b WHERE id = :id", err,
                               errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":b", bits);
        db_bind_int(&s, ":id", id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* Detaches x and puts it at position at of parent's kids (at counted
 * before the detach). */
static int relink(struct tree *t, size_t x, size_t parent, size_t at)
{
    struct ixs *from = db_tree_kids(t, t->v[x].parent), *to = db_tree_kids(t, parent);
    size_t old = db_ixs_find(from, x);
    if (from == to && old != DB_NONE && old < at)
        at--;
    ixs_remove(from, x);
    t->v[x].parent = parent;
    return db_ixs_insert(to, at, x);
}

int db_tree_place(struct tree *t, size_t x, size_t parent, size_t after)
{
    struct ixs *to = db_tree_kids(t, parent);
    size_t at = after == DB_NONE ? 0 : db_ixs_find(to, after);
    if (after != DB_NONE && at == DB_NONE)
        at = 0;
    else if (after != DB_NONE)
        at++;
    return relink(t, x, parent, at);
}

/* ---- move ----------------------------------------------------------------------- */

/* Where x goes: *parent (DB_NONE: the top) and the position in its kids. */
static int move_target(struct tree *t, size_t x, enum tree_move how, long long target,
                       size_t *parent, size_t *at, char *err, size_t errlen)
{
    size_t p = t->v[x].parent, y = DB_NONE;
    struct ixs *l = db_tree_kids(t, p);
    size_t pos = db_ixs_find(l, x), sib;
    int rc = FU_OK;
    *parent = p;
    switch (how) {
    case MOVE_UNDER:
        if (target && (rc = db_tree_node(t, target, "new parent", &y, err, errlen)) != FU_OK)
            return rc;
        *parent = target ? y : DB_NONE;
        *at = db_tree_kids(t, *parent)->n;
        return FU_OK;
    case MOVE_BEFORE:
    case MOVE_AFTER:
        if ((rc = db_tree_node(t, target, "sibling", &y, err, errlen)) != FU_OK)
            return rc;
        if (y == x)
            return db_errf(err, errlen, FU_USAGE, "a task cannot move before or after itself");
        *parent = t->v[y].parent;
        *at = db_ixs_find(db_tree_kids(t, *parent), y) + (how == MOVE_AFTER);
        return FU_OK;
    case MOVE_UP:
    case MOVE_DOWN:
        if ((sib = live_sibling(t, l, pos, how == MOVE_UP ? -1 : 1)) == DB_NONE)
            return db_errf(err, errlen, FU_USAGE, "R%lld:%s is the %s of its siblings already",
                           t->report_id, t->v[x].code, how == MOVE_UP ? "first" : "last");
        *at = how == MOVE_UP ? sib : sib + 1;
        return FU_OK;
    case MOVE_INDENT:
        if ((sib = live_sibling(t, l, pos, -1)) == DB_NONE)
            return db_errf(err, errlen, FU_USAGE, "R%lld:%s has no sibling before it to go "
                           "under", t->report_id, t->v[x].code);
        *parent = l->v[sib];
        *at = t->v[*parent].kids.n;
        return FU_OK;
    case MOVE_OUTDENT:
        if (p == DB_NONE)
            return db_errf(err, errlen, FU_USAGE, "R%lld:%s is at the top of its report "
                           "already", t->report_id, t->v[x].code);
        *parent = t->v[p].parent;
        *at = db_ixs_find(db_tree_kids(t, *parent), p) + 1;
        return FU_OK;
    }
    return db_errf(err, errlen, FU_USAGE, "unknown move");
}

static int move_tx(struct db *db, const struct actor *a, long long task_id, enum tree_move how,
                   long long target, long long expected, char *err, size_t errlen)
{
    struct task tk;
    struct user u;
    struct tree t = {0};
    int own = 0;
    size_t x = DB_NONE, parent = DB_NONE, at = 0;
    char old_place[96];
    int rc = db_change_load(db, a, task_id, &tk, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_EDIT, own, err, errlen);
    if (rc == FU_OK)
        rc = db_change_check_version(db, &tk, expected, err, errlen);
    if (rc == FU_OK)
        rc = db_tree_load(db, tk.report_id, &t, err, errlen);
    if (rc == FU_OK)
        rc = db_tree_node(&t, task_id, "task", &x, err, errlen);
    if (rc == FU_OK)
        rc = move_target(&t, x, how, target, &parent, &at, err, errlen);
    if (rc == FU_OK && parent != DB_NONE && is_within(&t, parent, x))
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s cannot go under itself or its own "
                     "sub-tasks", t.report_id, t.v[x].code);
    if (rc == FU_OK)
        rc = db_tree_may_hold(&t, parent, t.v[x].kind, err, errlen);
    size_t old_parent = x == DB_NONE ? DB_NONE : t.v[x].parent;
    if (rc == FU_OK)
        place_of(&t, x, old_place, sizeof old_place);
    if (rc == FU_OK && relink(&t, x, parent, at) != 0)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    char new_place[96] = "";
    if (rc == FU_OK)
        place_of(&t, x, new_place, sizeof new_place);
    if (rc == FU_OK && parent == old_parent && strcmp(old_place, new_place) == 0) {
        db_tree_fini(&t);       /* there already: nothing to write */
        task_fini(&tk);
        user_fini(&u);
        return FU_OK;
    }
    if (rc == FU_OK)
        rc = db_tree_write(db, &t, err, errlen);
    if (rc == FU_OK)
        rc = mark_hand(db, task_id, 4, err, errlen);
    if (rc == FU_OK)
        rc = db_task_bump(db, task_id, err, errlen);
    if (rc == FU_OK)
        rc = place_history(db, a, &t, x, old_parent, old_place, NULL, err, errlen);
    db_tree_fini(&t);
    task_fini(&tk);
    user_fini(&u);
    return rc;
}

int db_tree_move(struct db *db, const struct actor *a, long long task_id, enum tree_move how,
                 long long target, long long expected_version, char *err, size_t errlen)
{
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = move_tx(db, a, task_id, how, target, expected_version, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- merge ----------------------------------------------------------------------- */

static int pending_extension(struct db *db, const struct task *t, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT 1 FROM extensions WHERE task_id = :t AND"
                               " state = 'pending'", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", t->id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s has a pending extension request; "
                         "approve or deny it first (`followup extend approve|deny`)",
                         t->report_id, t->code);
        else if (rc == SQLITE_DONE)
            rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

/* from's notes, evidence files and instructions go to into. */
static int move_rows(struct db *db, long long from, long long into, char *err, size_t errlen)
{
    static const char *const sql[] = {
        "UPDATE notes SET task_id = :into WHERE task_id = :from",
        "UPDATE attachments SET task_id = :into WHERE task_id = :from",
        "UPDATE instructions SET task_id = :into WHERE task_id = :from",
    };
    int rc = FU_OK;
    for (size_t i = 0; rc == FU_OK && i < sizeof sql / sizeof *sql; i++) {
        struct db_stmt s;
        if ((rc = db_prepare_cached(db, &s, sql[i], err, errlen)) == FU_OK) {
            db_bind_int(&s, ":into", into);
            db_bind_int(&s, ":from", from);
            rc = db_run(&s, err, errlen);
        }
        db_finish(&s);
    }
    return rc;
}

/* from's live children go under into, after into's own. */
static int adopt(struct db *db, const struct actor *a, struct tree *t, size_t xf, size_t xi,
                 const char *why, char *err, size_t errlen)
{
    struct ixs moved = {0};
    int rc = FU_OK;
    for (size_t i = 0; i < t->v[xf].kids.n; i++)
        if (!t->v[t->v[xf].kids.v[i]].withdrawn &&
            db_ixs_insert(&moved, moved.n, t->v[xf].kids.v[i]) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    for (size_t i = 0; rc == FU_OK && i < moved.n; i++)
        if (relink(t, moved.v[i], xi, t->v[xi].kids.n) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    if (rc == FU_OK)
        rc = db_tree_write(db, t, err, errlen);
    for (size_t i = 0; rc == FU_OK && i < moved.n; i++) {
        long long id = t->v[moved.v[i]].id;
        if ((rc = mark_hand(db, id, 4, err, errlen)) == FU_OK &&
            (rc = db_task_touch(db, id, err, errlen)) == FU_OK)
            rc = place_history(db, a, t, moved.v[i], xf, NULL, why, err, errlen);
    }
    free(moved.v);
    return rc;
}

static int merge_check(struct db *db, const struct task *f, const struct task *i,
                       char *err, size_t errlen)
{
    if (f->id == i->id)
        return db_errf(err, errlen, FU_USAGE, "a task cannot be merged into itself");
    if (i->withdrawn)
        return db_errf(err, errlen, FU_USAGE, "R%lld:%s is withdrawn; merge into a live task",
                       i->report_id, i->code);
    if (f->report_id != i->report_id)
        return db_errf(err, errlen, FU_USAGE, "R%lld:%s and R%lld:%s are in different reports; "
                       "merge tasks of one report", f->report_id, f->code, i->report_id,
                       i->code);
    if (f->kind != i->kind)
        return db_errf(err, errlen, FU_USAGE, "R%lld:%s is a %s and R%lld:%s a %s; merge two "
                       "of a kind", f->report_id, f->code, kind_key(f->kind), i->report_id,
                       i->code, kind_key(i->kind));
    return pending_extension(db, f, err, errlen);
}

static int merge_rows(struct db *db, const struct actor *a, const struct task *f,
                      const struct task *i, char *err, size_t errlen)
{
    char into[64], what[200];
    snprintf(into, sizeof into, "into R%lld:%s", i->report_id, i->code);
    snprintf(what, sizeof what, "R%lld:%s %.150s", f->report_id, f->code, f->text);
    int rc = move_rows(db, f->id, i->id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, f->id, "merge", NULL, i->uuid, into, err, errlen);
    snprintf(into, sizeof into, "merged into R%lld:%s", i->report_id, i->code);
    if (rc == FU_OK)
        rc = db_edit_set_withdrawn(db, a, f->id, 1, into, 0, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, i->id, "merged", NULL, what, NULL, err, errlen);
    if (rc == FU_OK)
        rc = db_task_bump(db, i->id, err, errlen);
    return rc;
}

static int merge_tx(struct db *db, const struct actor *a, long long from, long long into,
                    char *err, size_t errlen)
{
    struct task f, i = {0};
    struct user u;
    struct tree t = {0};
    int own = 0;
    size_t xf = DB_NONE, xi = DB_NONE;
    char why[96];
    int rc = db_change_load(db, a, from, &f, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_EDIT, own, err, errlen);
    if (rc == FU_OK)
        rc = db_task_load(db, into, &i, err, errlen);
    if (rc == FU_OK)
        rc = merge_check(db, &f, &i, err, errlen);
    if (rc == FU_OK)
        rc = db_tree_load(db, f.report_id, &t, err, errlen);
    if (rc == FU_OK && (rc = db_tree_node(&t, from, "task", &xf, err, errlen)) == FU_OK)
        rc = db_tree_node(&t, into, "task", &xi, err, errlen);
    if (rc == FU_OK && (is_within(&t, xi, xf) || is_within(&t, xf, xi)))
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is under R%lld:%s; merge tasks side by "
                     "side", f.report_id, is_within(&t, xi, xf) ? i.code : f.code,
                     f.report_id, is_within(&t, xi, xf) ? f.code : i.code);
    snprintf(why, sizeof why, "with R%lld:%s into R%lld:%s", f.report_id, f.code, i.report_id,
             i.code);
    if (rc == FU_OK) {
        memset(&db->outcome, 0, sizeof db->outcome);
        db->outcome.version = i.version;
        rc = adopt(db, a, &t, xf, xi, why, err, errlen);
    }
    if (rc == FU_OK)
        rc = merge_rows(db, a, &f, &i, err, errlen);
    db_tree_fini(&t);
    task_fini(&f);
    task_fini(&i);
    user_fini(&u);
    return rc;
}

int db_tree_merge(struct db *db, const struct actor *a, long long from, long long into,
                  char *err, size_t errlen)
{
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = merge_tx(db, a, from, into, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- split ------------------------------------------------------------------------ */

/* The item's body without the statement's sentence (when it holds it). */
static int body_without(struct db *db, const struct actor *a, const struct task *item,
                        const char *sentence, char *err, size_t errlen)
{
    const char *hit = item->body && *sentence ? strstr(item->body, sentence) : NULL;
    if (!hit)
        return FU_OK;
    struct db_buf b = {0};
    db_buf_add(&b, item->body, (size_t)(hit - item->body));
    db_buf_str(&b, hit + strlen(sentence));
    char *body = b.p ? db_trim_dup(b.p) : NULL;
    db_buf_fini(&b);
    if (!body)
        return db_errf(err, errlen, FU_ERR, "out of memory");
    struct db_stmt s;
    int rc = db_fts_forget(db, item->id, item->text, item->body, item->code, err, errlen);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "UPDATE tasks SET body = :b WHERE"
                                               " id = :id", err, errlen)) == FU_OK) {
        db_bind_text(&s, ":b", *body ? body : NULL);
        db_bind_int(&s, ":id", item->id);
        rc = db_run(&s, err, errlen);
        db_finish(&s);
    }
    if (rc == FU_OK)
        rc = db_fts_add(db, item->id, item->id, err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, item->id, "body", item->body, *body ? body : NULL, "split",
                            err, errlen);
    if (rc == FU_OK)
        rc = db_task_touch(db, item->id, err, errlen);
    free(body);
    return rc;
}

static int split_place(struct db *db, const struct actor *a, const struct task *st,
                       const struct task *item, char *err, size_t errlen)
{
    struct tree t = {0};
    struct db_stmt s;
    size_t xs = DB_NONE, xp = DB_NONE;
    char why[96];
    int rc = db_tree_load(db, st->report_id, &t, err, errlen);
    if (rc == FU_OK && (rc = db_tree_node(&t, st->id, "statement", &xs, err, errlen)) == FU_OK)
        rc = db_tree_node(&t, item->id, "item", &xp, err, errlen);
    size_t np = xp == DB_NONE ? DB_NONE : t.v[xp].parent;
    if (rc == FU_OK)
        rc = db_tree_may_hold(&t, np, KIND_ITEM, err, errlen);
    if (rc == FU_OK && relink(&t, xs, np, db_ixs_find(db_tree_kids(&t, np), xp) + 1) != 0)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    if (rc == FU_OK)
        rc = db_tree_write(db, &t, err, errlen);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "UPDATE tasks SET kind = 'item',"
                                               " stmt_kind = NULL, hand = hand | 4"
                                               " WHERE id = :id", err, errlen)) == FU_OK) {
        db_bind_int(&s, ":id", st->id);
        rc = db_run(&s, err, errlen);
        db_finish(&s);
    }
    snprintf(why, sizeof why, "split out of R%lld:%s", item->report_id, item->code);
    if (rc == FU_OK)
        rc = db_history_add(db, a, st->id, "kind", "statement", "item", why, err, errlen);
    if (rc == FU_OK)
        rc = place_history(db, a, &t, xs, xp, NULL, "split", err, errlen);
    db_tree_fini(&t);
    return rc;
}

static int split_tx(struct db *db, const struct actor *a, long long stmt_id, char *err,
                    size_t errlen)
{
    struct task st, item = {0};
    struct user u;
    int own = 0;
    int rc = db_change_load(db, a, stmt_id, &st, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_EDIT, own, err, errlen);
    if (rc == FU_OK && st.kind != KIND_STATEMENT)
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is a %s; split a statement out of its "
                     "item", st.report_id, st.code, kind_key(st.kind));
    if (rc == FU_OK && st.parent_id)
        rc = db_task_load(db, st.parent_id, &item, err, errlen);
    if (rc == FU_OK && (!st.parent_id || item.kind != KIND_ITEM))
        rc = db_errf(err, errlen, FU_USAGE, "R%lld:%s is not under an item; move it instead",
                     st.report_id, st.code);
    if (rc == FU_OK)
        rc = split_place(db, a, &st, &item, err, errlen);
    if (rc == FU_OK)
        rc = body_without(db, a, &item, st.text, err, errlen);
    if (rc == FU_OK)
        rc = db_task_bump(db, stmt_id, err, errlen);
    task_fini(&st);
    task_fini(&item);
    user_fini(&u);
    return rc;
}

int db_tree_split(struct db *db, const struct actor *a, long long stmt_id, char *err,
                  size_t errlen)
{
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = split_tx(db, a, stmt_id, err, errlen);
    return db_end(db, rc, err, errlen);
}

/* ---- neighbours ------------------------------------------------------------------ */

int db_tree_neighbours(struct db *db, long long task_id, long long *parent, long long *prev,
                       long long *next, char *err, size_t errlen)
{
    struct db_stmt s;
    *parent = *prev = *next = 0;
    int rc = db_prepare_cached(db, &s,
        "SELECT coalesce(t.parent_id, 0),"
        " (SELECT p.id FROM tasks p WHERE p.report_id = t.report_id AND p.parent_id IS t.parent_id"
        "  AND p.withdrawn = 0 AND p.seq < t.seq ORDER BY p.seq DESC LIMIT 1),"
        " (SELECT n.id FROM tasks n WHERE n.report_id = t.report_id AND n.parent_id IS t.parent_id"
        "  AND n.withdrawn = 0 AND n.seq > t.seq ORDER BY n.seq LIMIT 1)"
        " FROM tasks t WHERE t.id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", task_id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            *parent = db_col_int(&s, 0);
            *prev = db_col_int(&s, 1);
            *next = db_col_int(&s, 2);
            rc = FU_OK;
        } else if (rc == SQLITE_DONE) {
            rc = db_errf(err, errlen, FU_NOTFOUND, "no task with id %lld", task_id);
        }
    }
    db_finish(&s);
    return rc;
}
