/* verify: the file, the hash chain, and the tables replayed from the
 * history. The replay is two tables of handlers:
 *   - fields[]: for each history field, how a row changes the replayed
 *     state (a task's field, a user, a department, a round, a rating);
 *   - checks[]: for each kind of state, how the tables are read and
 *     compared with the replay, one difference a call of the callback.
 * New state plugs in with a row in each (its history field and a check). */
#include "db/internal.h"
#include "util/mem.h"
#include "core/user.h"
#include "db/db_user.h"
#include "db/db_verify.h"

#include <stdlib.h>
#include <string.h>

/* ---- the replayed state ------------------------------------------------------ */

enum { TF_STATUS, TF_LEAD, TF_SUPPORT, TF_DUE, TF_WITHDRAWN, TF_CODE, TF_TEXT, TF_COUNT };
static const char *const tf_name[TF_COUNT] = {"status", "lead", "support", "due", "withdrawn",
                                              "code", "text"};

struct rtask {
    char *v[TF_COUNT];           /* the history's value (NULL: none) */
    unsigned char known[TF_COUNT];
    unsigned char created;       /* a "created" row was seen */
};

struct kv {                      /* a named thing: user, department, round, rating */
    char *key, *val;             /* val NULL: removed */
    long long a, b;              /* round id, task id (ratings) */
    int seen;                    /* found in the table */
};
struct kvs { struct kv *v; size_t n, cap; };

struct hist {                    /* one history row */
    long long id, task_id;
    const char *field, *old, *new_, *note;
};

struct replay {
    struct db *db;
    struct rtask *t;             /* indexed by task id */
    size_t nt;
    long long min_created;       /* lowest task id with a "created" row (0: none) */
    struct kvs users, depts, rounds, ratings;
    struct kvs items;            /* the workflow's rows (issue 15): key kind, a task, b order */
    struct kvs notes;            /* progress notes: key text, a task, b 1 when a status row's note */
    db_diff_fn diff;
    void *ctx;
    long long ndiff;
    int oom;
    char *err;
    size_t errlen;
};

static int same(const char *a, const char *b)
{
    return (!a || !*a) ? (!b || !*b) : (b && strcmp(a, b) == 0);
}

static char *dup0(struct replay *r, const char *s)
{
    char *d = s ? strdup(s) : NULL;
    if (s && !d)
        r->oom = 1;
    return d;
}

static void set(struct replay *r, char **slot, const char *v)
{
    free(*slot);
    *slot = dup0(r, v);
}

static void differ(struct replay *r, const char *what, const char *field, const char *want,
                   const char *found)
{
    r->ndiff++;
    if (r->diff)
        r->diff(r->ctx, what, field, want, found);
}

static struct rtask *task_slot(struct replay *r, long long id)
{
    if (id <= 0)
        return NULL;
    if ((size_t)id >= r->nt) {
        size_t n = r->nt ? r->nt : 1024;
        while (n <= (size_t)id)
            n *= 2;
        struct rtask *t = realloc(r->t, n * sizeof *t);
        if (!t) {
            r->oom = 1;
            return NULL;
        }
        memset(t + r->nt, 0, (n - r->nt) * sizeof *t);
        r->t = t;
        r->nt = n;
    }
    return &r->t[id];
}

/* The named entry (the last one with the key, and a, b). */
static struct kv *kv_find(struct kvs *l, const char *key, long long a, long long b)
{
    for (size_t i = l->n; i-- > 0;)
        if (l->v[i].a == a && l->v[i].b == b && same(l->v[i].key, key))
            return &l->v[i];
    return NULL;
}

/* A new entry at the end of l (NULL when out of memory). */
static struct kv *kv_new(struct replay *r, struct kvs *l, const char *key, long long a,
                         long long b)
{
    if (mem_grow((void **)&l->v, l->n, &l->cap, sizeof *l->v) != 0) {
        r->oom = 1;
        return NULL;
    }
    struct kv *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    e->key = dup0(r, key);
    e->a = a;
    e->b = b;
    return e;
}

static void kv_put(struct replay *r, struct kvs *l, const char *key, long long a, long long b,
                   const char *val)
{
    struct kv *e = kv_find(l, key, a, b);
    if (!e)
        e = kv_new(r, l, key, a, b);
    if (e)
        set(r, &e->val, val);
}

static void kvs_free(struct kvs *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].key);
        free(l->v[i].val);
    }
    free(l->v);
}

/* "R1:2.4" for task id, or "task id N" when the table has no such task. */
static void task_label(struct replay *r, long long id, char *out, size_t len)
{
    struct db_stmt s;
    char err[128];
    snprintf(out, len, "task id %lld", id);
    if (db_prepare_cached(r->db, &s, "SELECT 'R' || report_id || ':' || code FROM tasks"
                          " WHERE id = :id", err, sizeof err) == FU_OK) {
        db_bind_int(&s, ":id", id);
        if (db_step(&s, err, sizeof err) == SQLITE_ROW)
            db_col_copy(&s, 0, out, len);
    }
    db_finish(&s);
}

/* ---- fields[]: how each history row changes the state ------------------------------- */

/* A task's field: the row's old value must be what the history gave
 * (else the table was changed between two rows), then it takes the new. */
static void task_field(struct replay *r, const struct hist *h, int f)
{
    struct rtask *t = task_slot(r, h->task_id);
    if (!t)
        return;
    if (t->known[f] && !same(t->v[f], h->old)) {
        char what[64], field[64];
        task_label(r, h->task_id, what, sizeof what);
        snprintf(field, sizeof field, "%s (before history row %lld)", tf_name[f], h->id);
        differ(r, what, field, t->v[f], h->old);
    }
    set(r, &t->v[f], h->new_);
    t->known[f] = 1;
}

/* A progress note: a "note" row always stored one; a status change's note
 * did when the change came with one (status --note), not when the note
 * only explains it (a review reopening a task, a report's marker). */
static void note_add(struct replay *r, const struct hist *h, int optional)
{
    if (h->task_id && (optional ? h->note : h->new_))
        kv_new(r, &r->notes, optional ? h->note : h->new_, h->task_id, optional);
}

static void f_note(struct replay *r, const struct hist *h)
{
    note_add(r, h, 0);
}

static void f_status(struct replay *r, const struct hist *h)
{
    task_field(r, h, TF_STATUS);
    note_add(r, h, 1);
}
static void f_lead(struct replay *r, const struct hist *h) { task_field(r, h, TF_LEAD); }
static void f_support(struct replay *r, const struct hist *h) { task_field(r, h, TF_SUPPORT); }
static void f_due(struct replay *r, const struct hist *h) { task_field(r, h, TF_DUE); }
static void f_withdrawn(struct replay *r, const struct hist *h) { task_field(r, h, TF_WITHDRAWN); }
static void f_code(struct replay *r, const struct hist *h) { task_field(r, h, TF_CODE); }
static void f_text(struct replay *r, const struct hist *h) { task_field(r, h, TF_TEXT); }

/* "CODE TEXT", the lead as the note: the task as the import made it. */
static void f_created(struct replay *r, const struct hist *h)
{
    struct rtask *t = task_slot(r, h->task_id);
    const char *sp = h->new_ ? strchr(h->new_, ' ') : NULL;
    if (!t || !sp)
        return;
    char code[64];
    snprintf(code, sizeof code, "%.*s", (int)(sp - h->new_), h->new_);
    set(r, &t->v[TF_CODE], code);
    set(r, &t->v[TF_TEXT], sp + 1);
    set(r, &t->v[TF_LEAD], h->note);
    set(r, &t->v[TF_STATUS], "todo");
    set(r, &t->v[TF_WITHDRAWN], "0");
    for (int f = 0; f < TF_COUNT; f++)
        t->known[f] = 1;
    t->created = 1;
    if (!r->min_created || h->task_id < r->min_created)
        r->min_created = h->task_id;
}

/* "LOGIN ROLE [D1,D2]" or NULL (removed). */
static void f_user(struct replay *r, const struct hist *h)
{
    const char *d = h->new_ ? h->new_ : h->old;
    size_t n = d ? strcspn(d, " ") : 0;
    char login[128];
    if (!n || n >= sizeof login)
        return;
    snprintf(login, sizeof login, "%.*s", (int)n, d);
    kv_put(r, &r->users, login, 0, 0, h->new_);
}

static void f_dept(struct replay *r, const struct hist *h)
{
    kv_put(r, &r->depts, h->new_, 0, 0, "present");
}

/* "round N: NAME (DATE), K tasks" */
static void f_review(struct replay *r, const struct hist *h)
{
    long long id = 0;
    int at = 0;
    const char *s = h->new_, *end;
    if (!s || sscanf(s, "round %lld: %n", &id, &at) != 1 || !at || !(end = strrchr(s, ',')))
        return;
    char val[1024];
    snprintf(val, sizeof val, "%.*s", (int)(end - s - at), s + at);
    kv_put(r, &r->rounds, NULL, id, 0, val);
}

/* The level; the round is in the note ("review round N[: remark]"). */
static void f_rating(struct replay *r, const struct hist *h)
{
    long long round = 0;
    if (!h->note || sscanf(h->note, "review round %lld", &round) != 1)
        return;
    kv_put(r, &r->ratings, NULL, round, h->task_id, h->new_);
}

/* The workflow (issue 15): each task's extension requests, attachments
 * and instructions in order, and its feedback cycle. */
static long long items_of(const struct kvs *l, const char *kind, long long task)
{
    long long n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->v[i].a == task && strcmp(l->v[i].key, kind) == 0;
    return n;
}

static void item_add(struct replay *r, const char *kind, const struct hist *h, const char *val)
{
    kv_put(r, &r->items, kind, h->task_id, items_of(&r->items, kind, h->task_id), val);
}

/* A request: old due, new due, the reason as the note; a decision: old
 * "pending", new approved or denied (for the task's latest request). */
static void f_extension(struct replay *r, const struct hist *h)
{
    char val[64];
    if (h->old && strcmp(h->old, "pending") == 0) {
        long long n = items_of(&r->items, "extension", h->task_id);
        struct kv *e = n ? kv_find(&r->items, "extension", h->task_id, n - 1) : NULL;
        if (e && e->val && strlen(e->val) > 8) {
            snprintf(val, sizeof val, "%.10s %s", e->val, h->new_ ? h->new_ : "");
            set(r, &e->val, val);
        }
        return;
    }
    snprintf(val, sizeof val, "%.10s pending", h->new_ ? h->new_ : "");
    item_add(r, "extension", h, val);
}

static void f_attachment(struct replay *r, const struct hist *h)
{
    item_add(r, "attachment", h, h->new_);
}

static void f_instruction(struct replay *r, const struct hist *h)
{
    item_add(r, "instruction", h, h->new_);
}

static void f_cycle(struct replay *r, const struct hist *h)
{
    kv_put(r, &r->items, "cycle", h->task_id, 0, h->new_);
}

static const struct {
    const char *field;
    void (*apply)(struct replay *r, const struct hist *h);
} fields[] = {
    {"extension", f_extension}, {"attachment", f_attachment},
    {"instruction", f_instruction}, {"cycle", f_cycle},
    {"created", f_created},   {"status", f_status}, {"lead", f_lead},
    {"support", f_support},   {"due", f_due},       {"withdrawn", f_withdrawn},
    {"code", f_code},         {"text", f_text},     {"user", f_user},
    {"dept", f_dept},         {"review", f_review}, {"rating", f_rating},
    /* recorded, and compared elsewhere or not state: */
    {"note", f_note},
    /* recorded, and derived or not state: */
    {"body", NULL},           {"import", NULL},
};

static int replay_history(struct replay *r)
{
    struct db_stmt s;
    int rc = db_prepare(r->db, &s, "SELECT id, coalesce(task_id, 0), field, old, new, note"
                        " FROM history ORDER BY id", r->err, r->errlen);
    while (rc == FU_OK && !r->oom && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        struct hist h = {.id = db_col_int(&s, 0), .task_id = db_col_int(&s, 1),
                         .field = db_col_text(&s, 2), .old = db_col_text(&s, 3),
                         .new_ = db_col_text(&s, 4), .note = db_col_text(&s, 5)};
        rc = FU_OK;
        for (size_t i = 0; h.field && i < sizeof fields / sizeof fields[0]; i++)
            if (strcmp(fields[i].field, h.field) == 0) {
                if (fields[i].apply)
                    fields[i].apply(r, &h);
                break;
            }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

/* ---- checks[]: the tables against the replay -------------------------------------- */

static int check_tasks(struct replay *r)
{
    struct db_stmt s;
    int rc = db_prepare(r->db, &s,
        "SELECT t.id, 'R' || t.report_id || ':' || t.code, t.status, d.name,"
        " (SELECT group_concat(name, ',') FROM (SELECT d2.name AS name FROM task_support p"
        "  JOIN departments d2 ON d2.id = p.dept_id WHERE p.task_id = t.id ORDER BY p.ord)),"
        " t.due, t.withdrawn, t.code, t.text"
        " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id ORDER BY t.id",
        r->err, r->errlen);
    static const struct rtask blank;
    while (rc == FU_OK && !r->oom && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        long long id = db_col_int(&s, 0);
        const char *what = db_col_text(&s, 1);
        const struct rtask *t = (size_t)id < r->nt ? &r->t[id] : &blank;
        rc = FU_OK;
        if (!t->created && r->min_created && id > r->min_created) {
            differ(r, what, "task", "absent (no import created it)", "present");
            continue;
        }
        for (int f = 0; f < TF_COUNT; f++) {
            const char *found = db_col_text(&s, 2 + f);
            /* before any row: how every import makes a task */
            const char *want = t->known[f] ? t->v[f]
                               : f == TF_STATUS ? "todo" : f == TF_WITHDRAWN ? "0" : NULL;
            int known = t->known[f] || f == TF_STATUS || f == TF_SUPPORT || f == TF_DUE ||
                        f == TF_WITHDRAWN;
            if (known && !same(want, found))
                differ(r, what, tf_name[f], want, found);
        }
        if ((size_t)id < r->nt)
            r->t[id].created |= 2;   /* found in the table */
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    for (size_t id = 1; rc == FU_OK && id < r->nt; id++)
        if ((r->t[id].created & 1) && !(r->t[id].created & 2)) {
            char what[64];
            snprintf(what, sizeof what, "task id %zu", id);
            differ(r, what, "task", "present", "absent");
        }
    return rc;
}

static int check_users(struct replay *r)
{
    struct user_list l = {0};
    int rc = db_user_list(r->db, &l, r->err, r->errlen);
    for (size_t i = 0; rc == FU_OK && i < l.n; i++) {
        char *desc = db_user_desc(&l.v[i]), what[96];
        struct kv *e = kv_find(&r->users, l.v[i].login, 0, 0);
        snprintf(what, sizeof what, "user %s", l.v[i].login);
        if (!desc)
            r->oom = 1;
        else if (!e || !same(e->val, desc))
            differ(r, what, "role and departments", e ? e->val : "absent", desc);
        if (e)
            e->seen = 1;
        free(desc);
    }
    user_list_fini(&l);
    for (size_t i = 0; rc == FU_OK && i < r->users.n; i++) {
        struct kv *e = &r->users.v[i];
        char what[96];
        snprintf(what, sizeof what, "user %s", e->key);
        if (!e->seen && e->val)
            differ(r, what, "role and departments", e->val, "absent");
    }
    return rc;
}

static int check_depts(struct replay *r)
{
    struct dept_list l = {0};
    int rc = db_dept_list(r->db, &l, r->err, r->errlen);
    for (size_t i = 0; rc == FU_OK && i < l.n; i++) {
        struct kv *e = kv_find(&r->depts, l.v[i], 0, 0);
        char what[320];
        snprintf(what, sizeof what, "department %s", l.v[i]);
        if (!e)
            differ(r, what, "exists", "no", "yes");
        else
            e->seen = 1;
    }
    dept_list_fini(&l);
    for (size_t i = 0; rc == FU_OK && i < r->depts.n; i++)
        if (!r->depts.v[i].seen) {
            char what[320];
            snprintf(what, sizeof what, "department %s", r->depts.v[i].key);
            differ(r, what, "exists", "yes", "no");
        }
    return rc;
}

static int check_rounds(struct replay *r)
{
    struct db_stmt s;
    int rc = db_prepare(r->db, &s, "SELECT id, name || ' (' || held_on || ')' FROM review_rounds"
                        " ORDER BY id", r->err, r->errlen);
    while (rc == FU_OK && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        long long id = db_col_int(&s, 0);
        struct kv *e = kv_find(&r->rounds, NULL, id, 0);
        char what[64];
        snprintf(what, sizeof what, "review round %lld", id);
        if (!e || !same(e->val, db_col_text(&s, 1)))
            differ(r, what, "name", e ? e->val : "absent", db_col_text(&s, 1));
        if (e)
            e->seen = 1;
        rc = FU_OK;
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < r->rounds.n; i++)
        if (!r->rounds.v[i].seen) {
            char what[64];
            snprintf(what, sizeof what, "review round %lld", r->rounds.v[i].a);
            differ(r, what, "name", r->rounds.v[i].val, "absent");
        }
    return rc;
}

static int by_round_task(const void *x, const void *y)
{
    const struct kv *a = x, *b = y;
    return a->a != b->a ? (a->a < b->a ? -1 : 1) : a->b != b->b ? (a->b < b->b ? -1 : 1) : 0;
}

static int check_ratings(struct replay *r)
{
    struct db_stmt s;
    struct kvs *l = &r->ratings;
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_round_task);
    int rc = db_prepare(r->db, &s, "SELECT g.round_id, g.task_id, g.level,"
                        " coalesce('R' || t.report_id || ':' || t.code, 'task id ' || g.task_id)"
                        " FROM review_ratings g LEFT JOIN tasks t ON t.id = g.task_id",
                        r->err, r->errlen);
    while (rc == FU_OK && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        struct kv key = {.a = db_col_int(&s, 0), .b = db_col_int(&s, 1)};
        struct kv *e = l->n ? bsearch(&key, l->v, l->n, sizeof *l->v, by_round_task) : NULL;
        char field[64];
        snprintf(field, sizeof field, "rating in round %lld", key.a);
        if (!e || !same(e->val, db_col_text(&s, 2)))
            differ(r, db_col_text(&s, 3), field, e ? e->val : "absent", db_col_text(&s, 2));
        if (e)
            e->seen = 1;
        rc = FU_OK;
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < l->n; i++)
        if (!l->v[i].seen) {
            char what[64], field[64];
            task_label(r, l->v[i].b, what, sizeof what);
            snprintf(field, sizeof field, "rating in round %lld", l->v[i].a);
            differ(r, what, field, l->v[i].val, "absent");
        }
    return rc;
}

/* One workflow table against the items of kind: each row's task, its
 * value (as the history words it), and for attachments the SHA-256 of the
 * stored bytes, which must be the recorded one. */
static int check_items(struct replay *r, const char *kind, const char *sql)
{
    struct db_stmt s;
    long long task = 0, k = 0;
    int rc = db_prepare(r->db, &s, sql, r->err, r->errlen);
    while (rc == FU_OK && !r->oom && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        long long t = db_col_int(&s, 0);
        const char *found = db_col_text(&s, 1), *what = db_col_text(&s, 2);
        k = t == task ? k + 1 : 0;
        task = t;
        struct kv *e = kv_find(&r->items, kind, t, k);
        if (!e || !same(e->val, found))
            differ(r, what, kind, e ? e->val : "absent", found);
        if (e)
            e->seen = 1;
        rc = FU_OK;
        if (!db_col_isnull(&s, 3)) {   /* attachment bytes */
            struct db_hash h;
            char sha[65] = "";
            const void *p = sqlite3_column_blob(s.st, 3);
            int n = sqlite3_column_bytes(s.st, 3);
            if (db_hash_init(&h) == 0) {
                db_hash_bytes(&h, p, (size_t)n);
                if (db_hash_hex(&h, sha) != 0)
                    sha[0] = '\0';
            }
            if (!same(sha, found))
                differ(r, what, "attachment's bytes (SHA-256)", found, sha);
        }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < r->items.n; i++) {
        struct kv *e = &r->items.v[i];
        if (!e->seen && e->val && strcmp(e->key, kind) == 0) {
            char what[64];
            task_label(r, e->a, what, sizeof what);
            differ(r, what, kind, e->val, "absent");
        }
    }
    return rc;
}

#define ITEM_TASK " coalesce('R' || t.report_id || ':' || t.code, 'task id ' || x.task_id)"
static int check_extensions(struct replay *r)
{
    return check_items(r, "extension", "SELECT x.task_id, x.new_due || ' ' || x.state," ITEM_TASK
                       ", NULL FROM extensions x LEFT JOIN tasks t ON t.id = x.task_id"
                       " ORDER BY x.task_id, x.id");
}

static int check_attachments(struct replay *r)
{
    return check_items(r, "attachment", "SELECT x.task_id, x.sha256," ITEM_TASK ", x.data"
                       " FROM attachments x LEFT JOIN tasks t ON t.id = x.task_id"
                       " ORDER BY x.task_id, x.id");
}

static int check_instructions(struct replay *r)
{
    return check_items(r, "instruction", "SELECT x.task_id, x.text," ITEM_TASK ", NULL"
                       " FROM instructions x LEFT JOIN tasks t ON t.id = x.task_id"
                       " ORDER BY x.task_id, x.id");
}

static int check_cycles(struct replay *r)
{
    /* cycle_format's words; a removed cycle (NULL) is no row */
    for (size_t i = 0; i < r->items.n; i++)
        if (strcmp(r->items.v[i].key, "cycle") == 0 && !r->items.v[i].val)
            r->items.v[i].seen = 1;
    return check_items(r, "cycle", "SELECT x.task_id, x.period || ' day ' || x.day || ' from '"
                       " || x.start," ITEM_TASK ", NULL FROM cycles x"
                       " LEFT JOIN tasks t ON t.id = x.task_id ORDER BY x.task_id");
}

/* By task, text, and a "note" row's before a status row's. */
static int by_task_text(const void *x, const void *y)
{
    const struct kv *a = x, *b = y;
    int c = a->a != b->a ? (a->a < b->a ? -1 : 1) : strcmp(a->key ? a->key : "",
                                                          b->key ? b->key : "");
    return c ? c : (a->b > b->b) - (a->b < b->b);
}

static int note_cmp(const struct kv *e, long long task, const char *text)
{
    return e->a != task ? (e->a < task ? -1 : 1) : strcmp(e->key ? e->key : "", text);
}

static void note_missing(struct replay *r, const struct kv *e)
{
    char what[64];
    task_label(r, e->a, what, sizeof what);
    if (!e->b)
        differ(r, what, "note", e->key, NULL);
}

/* The notes table and the history's notes, both sorted, walked together. */
static int check_notes(struct replay *r)
{
    struct db_stmt s;
    struct kvs *l = &r->notes;
    size_t i = 0;
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_task_text);
    int rc = db_prepare(r->db, &s, "SELECT n.task_id, n.text,"
                        " coalesce('R' || t.report_id || ':' || t.code, 'task id ' || n.task_id)"
                        " FROM notes n LEFT JOIN tasks t ON t.id = n.task_id"
                        " ORDER BY n.task_id, n.text", r->err, r->errlen);
    while (rc == FU_OK && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        long long task = db_col_int(&s, 0);
        const char *text = db_col_text(&s, 1);
        rc = FU_OK;
        while (i < l->n && note_cmp(&l->v[i], task, text ? text : "") < 0)
            note_missing(r, &l->v[i++]);
        if (i < l->n && note_cmp(&l->v[i], task, text ? text : "") == 0)
            i++;
        else
            differ(r, db_col_text(&s, 2), "note", NULL, text);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    while (rc == FU_OK && i < l->n)
        note_missing(r, &l->v[i++]);
    return rc;
}

static int (*const checks[])(struct replay *r) = {
    check_notes,
    check_tasks, check_users, check_depts, check_rounds, check_ratings,
    check_extensions, check_attachments, check_instructions, check_cycles,
};

/* ---- verify ---------------------------------------------------------------------- */

static int replay_all(struct db *db, db_diff_fn diff, void *ctx, long long *ndiff, char *err,
                      size_t errlen)
{
    struct replay r = {.db = db, .diff = diff, .ctx = ctx, .err = err, .errlen = errlen};
    int rc = replay_history(&r);
    for (size_t i = 0; rc == FU_OK && !r.oom && i < sizeof checks / sizeof checks[0]; i++)
        rc = checks[i](&r);
    if (rc == FU_OK && r.oom)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    *ndiff = r.ndiff;
    for (size_t i = 0; i < r.nt; i++)
        for (int f = 0; f < TF_COUNT; f++)
            free(r.t[i].v[f]);
    free(r.t);
    kvs_free(&r.users);
    kvs_free(&r.depts);
    kvs_free(&r.rounds);
    kvs_free(&r.ratings);
    kvs_free(&r.items);
    kvs_free(&r.notes);
    return rc;
}

int db_verify_all(struct db *db, int full, const char *head, struct verify_result *out,
                  db_diff_fn diff, void *ctx, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_integrity(db, full, err, errlen);
    if (rc == FU_OK)
        rc = db_chain_walk(db, head, &out->head_row, &out->rows, out->head, err, errlen);
    if (rc == FU_OK)
        rc = replay_all(db, diff, ctx, &out->ndiff, err, errlen);
    return db_end(db, rc, err, errlen);
}
