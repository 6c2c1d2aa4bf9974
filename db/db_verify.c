/* verify: the file, the hash chain, and the tables replayed from the
 * history, compared in both directions: everything the history says exists
 * must be found, and every row found must be one the history made.
 *
 * The replay is driven by tables:
 *   - fields[]: for each history field, how a row changes the replayed
 *     state (a task's field, or an entry of one of the collections);
 *   - tfields[]: the task fields compared with the tasks table;
 *   - colls[]: every other table the history covers, each with the query
 *     that reads its rows as (a, b, key, value, what) and how they are
 *     matched (keyed: the last value of a key is its state; or a multiset
 *     of values, as notes are);
 *   - foreign keys: a row whose parent is gone is named too.
 * A new kind of stored row needs a fields[] row (often the generic
 * f_append or f_keyed) and a colls[] row with its query. */
#include "db/internal.h"
#include "util/mem.h"
#include "db/db_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the replayed state ------------------------------------------------------ */

/* The fields a "created" row gives (the first TF_CREATED), then those
 * known only from their own rows: the parent (its UUID), the kind, an
 * item's body. */
enum { TF_STATUS, TF_LEAD, TF_SUPPORT, TF_DUE, TF_WITHDRAWN, TF_CODE, TF_TEXT, TF_SOURCE,
       TF_CREATED, TF_PARENT = TF_CREATED, TF_KIND, TF_BODY, TF_COUNT };
/* Each task field: its name, and what a task holds before any history row
 * about it (how every import made a task; NULL with checked 0: unknown).
 * The columns of check_tasks' query are in this order. */
static const struct {
    const char *name;
    const char *before;
    int checked;            /* compared even when no row ever named it */
} tfields[TF_COUNT] = {
    [TF_STATUS] = {"status", "todo", 1},   [TF_LEAD] = {"lead", NULL, 0},
    [TF_SUPPORT] = {"support", NULL, 1},   [TF_DUE] = {"due", NULL, 1},
    [TF_WITHDRAWN] = {"withdrawn", "0", 1}, [TF_CODE] = {"code", NULL, 0},
    [TF_TEXT] = {"text", NULL, 0},     [TF_SOURCE] = {"source", NULL, 0},
    [TF_PARENT] = {"parent", NULL, 0}, [TF_KIND] = {"kind", NULL, 0},
    [TF_BODY] = {"body", NULL, 0},
};

struct rtask {
    char *v[TF_COUNT];           /* the history's value (NULL: none) */
    unsigned char known[TF_COUNT];
    unsigned char created;       /* 1: a "created" row was seen; 2: found in the table */
};

/* One entry of a collection: a, b and key identify it (b 0 and key NULL
 * when unused), val is its state (NULL in a keyed collection: removed). */
struct item {
    long long a, b, seq;
    char *key, *val;             /* key may be val itself (multisets) */
    char *what;                  /* a row found: what the table names it */
    int matched;
};
struct items { struct item *v; size_t n, cap; };

enum coll_id { C_NOTE, C_INSTRUCTION, C_ATTACHMENT, C_EXTENSION, C_CYCLE, C_USER, C_DEPT,
               C_REPORT, C_ROUND, C_SNAPSHOT, C_RATING, C_QUOTA, C_TARGET, C_PROGRESS,
               C_COUNT,
               C_META = C_COUNT, C_ALL };   /* C_META: checked one way (check_meta) */

struct hist {                    /* one history row */
    long long id, task_id;
    const char *field, *old, *new_, *note;
};

struct replay {
    struct db *db;
    struct rtask *t;             /* indexed by task id */
    size_t nt;
    long long min_created;       /* lowest task id with a "created" row (0: none) */
    struct items c[C_ALL];
    long long seq;
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

/* "R1:2.4" for task id; a task the table lacks by the code the history
 * gives it ("task 2.4 (id 57)"), else "task id 57". */
static void task_label(struct replay *r, long long id, char *out, size_t len)
{
    struct db_stmt s;
    char err[128];
    if ((size_t)id < r->nt && id > 0 && r->t[id].v[TF_CODE])
        snprintf(out, len, "task %s (id %lld)", r->t[id].v[TF_CODE], id);
    else
        snprintf(out, len, "task id %lld", id);
    if (db_prepare_cached(r->db, &s, "SELECT 'R' || report_id || ':' || code FROM tasks"
                          " WHERE id = :id", err, sizeof err) == FU_OK) {
        db_bind_int(&s, ":id", id);
        if (db_step(&s, err, sizeof err) == SQLITE_ROW)
            db_col_copy(&s, 0, out, len);
    }
    db_finish(&s);
}

/* ---- collections --------------------------------------------------------------- */

/* An entry the history makes: appended; a keyed collection keeps the last
 * entry of each key when it is compared. key NULL in a multiset: the value. */
static struct item *expect(struct replay *r, enum coll_id c, long long a, long long b,
                           const char *key, const char *val)
{
    struct items *l = &r->c[c];
    if (mem_grow((void **)&l->v, l->n, &l->cap, sizeof *l->v) != 0) {
        r->oom = 1;
        return NULL;
    }
    struct item *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    e->a = a;
    e->b = b;
    e->seq = ++r->seq;
    e->val = dup0(r, val);
    e->key = key ? dup0(r, key) : e->val;
    return e;
}

static void item_free(struct item *e)
{
    if (e->key != e->val)
        free(e->key);
    free(e->val);
    free(e->what);
}

static void items_free(struct items *l)
{
    for (size_t i = 0; i < l->n; i++)
        item_free(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int cmp_ll(long long x, long long y)
{
    return (x > y) - (x < y);
}

static int by_group(const struct item *x, const struct item *y)
{
    int c = cmp_ll(x->a, y->a);
    return c ? c : cmp_ll(x->b, y->b);
}

static int by_key(const void *px, const void *py)
{
    const struct item *x = px, *y = py;
    int c = by_group(x, y);
    if (!c)
        c = strcmp(x->key ? x->key : "", y->key ? y->key : "");
    return c ? c : cmp_ll(x->seq, y->seq);
}

static int by_seq(const void *px, const void *py)
{
    return cmp_ll(((const struct item *)px)->seq, ((const struct item *)py)->seq);
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
        char what[96], field[64];
        task_label(r, h->task_id, what, sizeof what);
        snprintf(field, sizeof field, "%s (before history row %lld)", tfields[f].name, h->id);
        differ(r, what, field, t->v[f], h->old);
    }
    set(r, &t->v[f], h->new_);
    t->known[f] = 1;
}

/* A row that appends its new value to a collection (of the row's task). */
static void f_append(struct replay *r, const struct hist *h, enum coll_id c)
{
    if (h->task_id && h->new_)
        expect(r, c, h->task_id, 0, NULL, h->new_);
}

/* A row whose new value is the state of its task's entry (NULL: none). */
static void f_keyed(struct replay *r, const struct hist *h, enum coll_id c)
{
    if (h->task_id)
        expect(r, c, h->task_id, 0, "", h->new_);
}

/* A status change stored its note as a progress note, unless the note is
 * one of the program's own explanations (a review reopening a task, a
 * report's marker), which db_task_set_status refuses as a user's note. */
static void f_status(struct replay *r, const struct hist *h, enum coll_id c)
{
    (void)c;
    task_field(r, h, TF_STATUS);
    if (h->task_id && h->note && !db_note_explains(h->note))
        expect(r, C_NOTE, h->task_id, 0, NULL, h->note);
}

static void f_task(struct replay *r, const struct hist *h, enum coll_id c)
{
    task_field(r, h, (int)c);
}

/* "CODE TEXT", the lead as the note: the task as the import made it. */
static void f_created(struct replay *r, const struct hist *h, enum coll_id c)
{
    (void)c;
    struct rtask *t = task_slot(r, h->task_id);
    const char *sp = h->new_ ? strchr(h->new_, ' ') : NULL;
    if (!t || !sp)
        return;
    char code[64];
    snprintf(code, sizeof code, "%.*s", (int)(sp - h->new_), h->new_);
    set(r, &t->v[TF_CODE], code);
    set(r, &t->v[TF_TEXT], sp + 1);
    set(r, &t->v[TF_LEAD], h->note);
    for (int f = 0; f < TF_CREATED; f++) {
        if (f != TF_CODE && f != TF_TEXT && f != TF_LEAD)
            set(r, &t->v[f], tfields[f].before);
        t->known[f] = 1;
    }
    t->created = 1;
    if (!r->min_created || h->task_id < r->min_created)
        r->min_created = h->task_id;
}

/* "LOGIN ROLE [D1,D2]", or NULL (removed) with the old one. */
static void f_user(struct replay *r, const struct hist *h, enum coll_id c)
{
    const char *d = h->new_ ? h->new_ : h->old;
    size_t n = d ? strcspn(d, " ") : 0;
    char login[128];
    if (!n || n >= sizeof login)
        return;
    snprintf(login, sizeof login, "%.*s", (int)n, d);
    expect(r, c, 0, 0, login, h->new_);
}

/* NEW alone: added or restored; OLD and NEW: OLD merged into (or renamed
 * to) NEW; OLD alone: retired. */
static void f_dept(struct replay *r, const struct hist *h, enum coll_id c)
{
    char val[400];
    if (h->new_)
        expect(r, c, 0, 0, h->new_, "yes");
    snprintf(val, sizeof val, "merged into %s", h->new_ ? h->new_ : "");
    if (h->old)
        expect(r, c, 0, 0, h->old, h->new_ ? val : "retired");
}

/* The report's name as the import row gives it ("R1[ DOC_NO][ TITLE]")
 * after a metadata row changed its 文号 or title from old to now. */
static void rename_report(struct replay *r, long long id, int title, const char *old,
                          const char *now)
{
    struct items *l = &r->c[C_REPORT];
    struct item *e = NULL;
    char head[32], val[2048];
    for (size_t i = l->n; !e && i-- > 0;)
        if (l->v[i].a == id)
            e = &l->v[i];
    if (!e || !e->val)
        return;
    snprintf(head, sizeof head, "R%lld", id);
    size_t hl = strlen(head), ol = old ? strlen(old) : 0, vl = strlen(e->val);
    const char *v = e->val;
    if (title && ol && vl > ol && v[vl - ol - 1] == ' ' && !strcmp(v + vl - ol, old))
        snprintf(val, sizeof val, "%.*s%s%s", (int)(vl - ol - 1), v, now ? " " : "",
                 now ? now : "");
    else if (title && !ol)
        snprintf(val, sizeof val, "%s%s%s", v, now ? " " : "", now ? now : "");
    else if (!title && ol && !strncmp(v + hl, " ", 1) && !strncmp(v + hl + 1, old, ol))
        snprintf(val, sizeof val, "%s%s%s%s", head, now ? " " : "", now ? now : "",
                 v + hl + 1 + ol);
    else if (!title && !ol)
        snprintf(val, sizeof val, "%s%s%s%s", head, now ? " " : "", now ? now : "", v + hl);
    else
        return;
    expect(r, C_REPORT, id, 0, "", val);
}

/* A report's metadata field: the note names it ("R1 title"). A register's
 * first row ("R5 register") makes the report. */
static void f_report(struct replay *r, const struct hist *h, enum coll_id c)
{
    long long id = 0;
    int at = 0;
    char name[32];
    if (!h->note || sscanf(h->note, "R%lld %n", &id, &at) != 1 || !at)
        return;
    const char *f = h->note + at;
    expect(r, c, id, 0, f, h->new_ ? h->new_ : "");
    snprintf(name, sizeof name, "R%lld", id);
    if (!strcmp(f, "register"))
        expect(r, C_REPORT, id, 0, "", name);
    else if (!strcmp(f, "title") || !strcmp(f, "doc_no"))
        rename_report(r, id, !strcmp(f, "title"), h->old, h->new_);
}

/* A note struck out: the first of the task's notes with that text that is
 * not struck yet becomes "TEXT (struck out)", as the table shows it. */
static void f_strike(struct replay *r, const struct hist *h, enum coll_id c)
{
    struct items *l = &r->c[c];
    for (size_t i = 0; h->old && i < l->n; i++) {
        struct item *e = &l->v[i];
        if (e->a == h->task_id && same(e->val, h->old)) {
            struct db_buf b = {0};
            db_buf_fmt(&b, "%s (struck out)", h->old);
            if (b.oom) {
                r->oom = 1;
                return;
            }
            free(e->val);
            e->val = e->key = b.p;
            return;
        }
    }
}

/* A merge: the task's notes, attachments and instructions went to the
 * task whose UUID the row names. */
static void f_merge(struct replay *r, const struct hist *h, enum coll_id c)
{
    static const enum coll_id moved[] = {C_NOTE, C_INSTRUCTION, C_ATTACHMENT};
    struct db_stmt s;
    char err[128];
    long long into = 0;
    (void)c;
    if (h->new_ && db_prepare_cached(r->db, &s, "SELECT id FROM tasks WHERE uuid = :u", err,
                                     sizeof err) == FU_OK) {
        db_bind_text(&s, ":u", h->new_);
        if (db_step(&s, err, sizeof err) == SQLITE_ROW)
            into = db_col_int(&s, 0);
    }
    db_finish(&s);
    for (size_t k = 0; into && into != h->task_id && k < sizeof moved / sizeof *moved; k++)
        for (size_t i = 0; i < r->c[moved[k]].n; i++)
            if (r->c[moved[k]].v[i].a == h->task_id)
                r->c[moved[k]].v[i].a = into;
}

/* "R1[ DOC_NO][ TITLE]: N added, …": the report and how it is named. */
static void f_import(struct replay *r, const struct hist *h, enum coll_id c)
{
    long long id = 0;
    const char *s = h->new_, *end = NULL;
    if (!s || sscanf(s, "R%lld", &id) != 1)
        return;
    for (const char *p = strstr(s, ": "); p; p = strstr(p + 1, ": ")) {
        long long n;
        char word[8];
        if (sscanf(p + 2, "%lld %7s", &n, word) == 2 && strcmp(word, "added,") == 0)
            end = p;
    }
    if (!end)
        return;
    char val[2048];
    snprintf(val, sizeof val, "%.*s", (int)(end - s), s);
    expect(r, c, id, 0, "", val);
}

/* "round N: NAME (DATE), K tasks": the round, and its snapshot's size. */
static void f_review(struct replay *r, const struct hist *h, enum coll_id c)
{
    long long id = 0, n = 0;
    int at = 0;
    const char *s = h->new_, *end;
    (void)c;
    if (!s || sscanf(s, "round %lld: %n", &id, &at) != 1 || !at || !(end = strrchr(s, ',')))
        return;
    char val[1024];
    snprintf(val, sizeof val, "%.*s", (int)(end - s - at), s + at);
    expect(r, C_ROUND, id, 0, "", val);
    if (sscanf(end, ", %lld tasks", &n) == 1) {
        snprintf(val, sizeof val, "%lld", n);
        expect(r, C_SNAPSHOT, id, 0, "", val);
    }
}

/* The level; the round is in the note ("review round N[: remark]"). */
static void f_rating(struct replay *r, const struct hist *h, enum coll_id c)
{
    long long round = 0;
    if (h->note && sscanf(h->note, "review round %lld", &round) == 1)
        expect(r, c, round, h->task_id, "", h->new_);
}

/* A request: old due, new due, the reason as the note; a decision: old
 * "pending", new approved or denied (for the task's latest request). */
static void f_extension(struct replay *r, const struct hist *h, enum coll_id c)
{
    char val[64];
    struct items *l = &r->c[c];
    if (!h->task_id)
        return;
    if (h->old && strcmp(h->old, "pending") == 0) {
        for (size_t i = l->n; i-- > 0;)
            if (l->v[i].a == h->task_id) {
                struct item *e = &l->v[i];
                if (e->val && strlen(e->val) > 8) {
                    snprintf(val, sizeof val, "%.10s %s", e->val, h->new_ ? h->new_ : "");
                    set(r, &e->val, val);
                    e->key = e->val;
                }
                break;
            }
        return;
    }
    snprintf(val, sizeof val, "%.10s pending", h->new_ ? h->new_ : "");
    expect(r, c, h->task_id, 0, NULL, val);
}

/* "NAME: N MB", or "NAME: default" (no row). */
static void f_quota(struct replay *r, const struct hist *h, enum coll_id c)
{
    const char *v = h->new_, *sep = v ? strrchr(v, ':') : NULL;
    char name[DB_DEPT_BUF + 8];
    if (!sep || sep == v || (size_t)(sep - v) >= sizeof name)
        return;
    snprintf(name, sizeof name, "%.*s", (int)(sep - v), v);
    expect(r, c, 0, 0, name, strcmp(sep, ": default") ? sep + 2 : NULL);
}

typedef void (*field_fn)(struct replay *r, const struct hist *h, enum coll_id c);
static const struct {
    const char *field;
    field_fn apply;
    int arg;                     /* the collection (or task field) the handler feeds */
} fields[] = {
    {"created", f_created, 0},
    {"status", f_status, TF_STATUS},   {"lead", f_task, TF_LEAD},
    {"support", f_task, TF_SUPPORT},   {"due", f_task, TF_DUE},
    {"withdrawn", f_task, TF_WITHDRAWN}, {"code", f_task, TF_CODE},
    {"text", f_task, TF_TEXT},         {"source", f_task, TF_SOURCE},
    {"parent", f_task, TF_PARENT},     {"kind", f_task, TF_KIND},
    {"body", f_task, TF_BODY},         {"report", f_report, C_META},
    {"merge", f_merge, 0},             {"strike", f_strike, C_NOTE},
    {"note", f_append, C_NOTE},        {"instruction", f_append, C_INSTRUCTION},
    {"attachment", f_append, C_ATTACHMENT}, {"extension", f_extension, C_EXTENSION},
    {"cycle", f_keyed, C_CYCLE},       {"user", f_user, C_USER},
    {"dept", f_dept, C_DEPT},          {"import", f_import, C_REPORT},
    {"review", f_review, C_ROUND},     {"rating", f_rating, C_RATING},
    {"quota", f_quota, C_QUOTA},
    {"target", f_keyed, C_TARGET},     {"progress", f_append, C_PROGRESS},
    /* recorded, and derived or not state: */
    {"order", NULL, 0},                {"merged", NULL, 0},
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
                    fields[i].apply(r, &h, (enum coll_id)fields[i].arg);
                break;
            }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

/* ---- the tasks ------------------------------------------------------------------------ */

static void task_row(struct replay *r, struct db_stmt *s)
{
    static const struct rtask blank;
    long long id = db_col_int(s, 0);
    const char *what = db_col_text(s, 1);
    const struct rtask *t = (size_t)id < r->nt ? &r->t[id] : &blank;
    if (!t->created && r->min_created && id > r->min_created) {
        differ(r, what, "task", "absent (no import created it)", "present");
        return;
    }
    for (int f = 0; f < TF_COUNT; f++) {
        const char *found = db_col_text(s, 2 + f);
        const char *want = t->known[f] ? t->v[f] : tfields[f].before;
        if ((t->known[f] || tfields[f].checked) && !same(want, found))
            differ(r, what, tfields[f].name, want, found);
    }
    if ((size_t)id < r->nt)
        r->t[id].created |= 2;
}

static int check_tasks(struct replay *r)
{
    struct db_stmt s;
    /* the columns after id and what: tfields[] in order */
    int rc = db_prepare(r->db, &s,
        "SELECT t.id, 'R' || t.report_id || ':' || t.code, t.status, d.name,"
        " (SELECT group_concat(name, ',') FROM (SELECT d2.name AS name FROM task_support p"
        "  JOIN departments d2 ON d2.id = p.dept_id WHERE p.task_id = t.id ORDER BY p.ord)),"
        " t.due, t.withdrawn, t.code, t.text, t.source,"
        " (SELECT p.uuid FROM tasks p WHERE p.id = t.parent_id), t.kind, t.body"
        " FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id ORDER BY t.id",
        r->err, r->errlen);
    while (rc == FU_OK && !r->oom && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        task_row(r, &s);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    for (size_t id = 1; rc == FU_OK && id < r->nt; id++)
        if ((r->t[id].created & 1) && !(r->t[id].created & 2)) {
            char what[96];
            task_label(r, (long long)id, what, sizeof what);
            differ(r, what, "task", "present", "absent");
        }
    return rc;
}

/* ---- colls[]: the other tables against the replay --------------------------------------- */

enum label { L_TASK_A, L_TASK_B, L_USER, L_DEPT, L_REPORT, L_ROUND };
struct coll {
    const char *field;           /* named in a difference; "%lld" takes a */
    int keyed;                   /* 1: the last value of (a, b, key); 0: a multiset of values */
    const char *absent;          /* the value shown for the side that lacks it (NULL: none) */
    enum label label;            /* what an entry is, when the table lacks it */
    int blob;                    /* column 5: bytes whose SHA-256 must be the key */
    /* The rows found: a, b, key, value, what [, bytes], ORDER BY a, b. */
    const char *sql;
};

#define TASK_OF(x) " coalesce('R' || t.report_id || ':' || t.code, 'task id ' || " x ")"
static const struct coll colls[C_COUNT] = {
    [C_NOTE] = {"note", 0, NULL, L_TASK_A, 0,
        "SELECT x.task_id, 0, x.text || CASE WHEN x.struck_at IS NULL THEN '' ELSE"
        " ' (struck out)' END, x.text || CASE WHEN x.struck_at IS NULL THEN '' ELSE"
        " ' (struck out)' END," TASK_OF("x.task_id") " FROM notes x"
        " LEFT JOIN tasks t ON t.id = x.task_id ORDER BY x.task_id, x.id"},
    [C_INSTRUCTION] = {"instruction", 0, "absent", L_TASK_A, 0,
        "SELECT x.task_id, 0, x.text, x.text," TASK_OF("x.task_id") " FROM instructions x"
        " LEFT JOIN tasks t ON t.id = x.task_id ORDER BY x.task_id, x.id"},
    [C_ATTACHMENT] = {"attachment", 0, "absent", L_TASK_A, 1,
        "SELECT x.task_id, 0, x.sha256, x.sha256," TASK_OF("x.task_id") ", x.data"
        " FROM attachments x LEFT JOIN tasks t ON t.id = x.task_id ORDER BY x.task_id, x.id"},
    [C_EXTENSION] = {"extension", 0, "absent", L_TASK_A, 0,
        "SELECT x.task_id, 0, x.new_due || ' ' || x.state, x.new_due || ' ' || x.state,"
        TASK_OF("x.task_id") " FROM extensions x LEFT JOIN tasks t ON t.id = x.task_id"
        " ORDER BY x.task_id, x.id"},
    [C_TARGET] = {"target", 1, "absent", L_TASK_A, 0,
        "SELECT x.task_id, 0, '', printf('%.15g', x.value) || ' ' || x.unit || ' ' ||"
        " x.direction," TASK_OF("x.task_id") " FROM targets x LEFT JOIN tasks t"
        " ON t.id = x.task_id ORDER BY x.task_id"},
    [C_PROGRESS] = {"progress", 0, "absent", L_TASK_A, 0,
        "SELECT x.task_id, 0, printf('%.15g', x.value) || ' ' || x.unit, printf('%.15g',"
        " x.value) || ' ' || x.unit," TASK_OF("x.task_id") " FROM progress x LEFT JOIN tasks t"
        " ON t.id = x.task_id ORDER BY x.task_id, x.id"},
    [C_CYCLE] = {"cycle", 1, "absent", L_TASK_A, 0,
        "SELECT x.task_id, 0, '', x.period || ' day ' || x.day || ' from ' || x.start,"
        TASK_OF("x.task_id") " FROM cycles x LEFT JOIN tasks t ON t.id = x.task_id"
        " ORDER BY x.task_id"},
    [C_USER] = {"role and departments", 1, "absent", L_USER, 0,
        "SELECT 0, 0, u.login, u.login || ' ' || u.role || coalesce(' [' || (SELECT"
        " group_concat(name, ',') FROM (SELECT d.name AS name FROM user_depts ud JOIN"
        " departments d ON d.id = ud.dept_id WHERE ud.user_id = u.id ORDER BY d.id)) || ']',"
        " ''), 'user ' || u.login FROM users u"},
    [C_DEPT] = {"exists", 1, "no", L_DEPT, 0,
        "SELECT 0, 0, d.name, CASE WHEN m.name IS NOT NULL THEN 'merged into ' || m.name"
        " WHEN d.retired_at IS NOT NULL THEN 'retired' ELSE 'yes' END,"
        " 'department ' || d.name FROM departments d"
        " LEFT JOIN departments m ON m.id = d.merged_into"},
    [C_REPORT] = {"report", 1, "absent", L_REPORT, 0,
        "SELECT id, 0, '', 'R' || id || coalesce(' ' || nullif(doc_no, ''), '')"
        " || coalesce(' ' || nullif(title, ''), ''), 'report R' || id FROM reports ORDER BY id"},
    [C_ROUND] = {"name", 1, "absent", L_ROUND, 0,
        "SELECT id, 0, '', name || ' (' || held_on || ')', 'review round ' || id"
        " FROM review_rounds ORDER BY id"},
    [C_SNAPSHOT] = {"tasks recorded", 1, "absent", L_ROUND, 0,
        "SELECT round_id, 0, '', count(*), 'review round ' || round_id FROM review_snapshot"
        " GROUP BY round_id ORDER BY round_id"},
    [C_QUOTA] = {"quota", 1, "the default", L_DEPT, 0,
        "SELECT 0, 0, d.name, q.mb || ' MB', 'department ' || coalesce(d.name, 'id '"
        " || q.dept_id) FROM dept_quotas q LEFT JOIN departments d ON d.id = q.dept_id"},
    [C_RATING] = {"rating in round %lld", 1, "absent", L_TASK_B, 0,
        "SELECT g.round_id, g.task_id, '', g.level," TASK_OF("g.task_id")
        " FROM review_ratings g LEFT JOIN tasks t ON t.id = g.task_id"
        " ORDER BY g.round_id, g.task_id"},
};

static void field_of(enum coll_id c, const struct item *e, char *field, size_t flen)
{
    if (strstr(colls[c].field, "%lld"))
        snprintf(field, flen, "rating in round %lld", e->a);   /* the one such field */
    else
        snprintf(field, flen, "%s", colls[c].field);
}

/* What an entry of collection c is (when only the history has it), and
 * the field of its differences. */
static void entry_name(struct replay *r, enum coll_id c, const struct item *e, char *what,
                       size_t wlen, char *field, size_t flen)
{
    switch (colls[c].label) {
    case L_TASK_A: task_label(r, e->a, what, wlen); break;
    case L_TASK_B: task_label(r, e->b, what, wlen); break;
    case L_USER: snprintf(what, wlen, "user %s", e->key ? e->key : ""); break;
    case L_DEPT: snprintf(what, wlen, "department %s", e->key ? e->key : ""); break;
    case L_REPORT: snprintf(what, wlen, "report R%lld", e->a); break;
    case L_ROUND: snprintf(what, wlen, "review round %lld", e->a); break;
    }
    field_of(c, e, field, flen);
}

/* The expected entries, sorted by group and key; a keyed collection keeps
 * the last entry of each key, and none whose state is "removed". */
static void expected_final(struct items *l, int keyed)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, by_key);
    if (!keyed)
        return;
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        int last = i + 1 == l->n || by_group(&l->v[i], &l->v[i + 1]) != 0 ||
                   strcmp(l->v[i].key ? l->v[i].key : "", l->v[i + 1].key ? l->v[i + 1].key : "");
        if (last && l->v[i].val)
            l->v[w++] = l->v[i];
        else
            item_free(&l->v[i]);
    }
    l->n = w;
}

/* A row found (a, b, key, value, what) appended to f; its bytes checked. */
static void found_row(struct replay *r, enum coll_id c, struct db_stmt *s, struct items *f)
{
    if (mem_grow((void **)&f->v, f->n, &f->cap, sizeof *f->v) != 0) {
        r->oom = 1;
        return;
    }
    struct item *e = &f->v[f->n++];
    memset(e, 0, sizeof *e);
    e->a = db_col_int(s, 0);
    e->b = db_col_int(s, 1);
    e->seq = (long long)f->n;
    e->val = dup0(r, db_col_text(s, 3));
    e->key = colls[c].keyed ? dup0(r, db_col_text(s, 2)) : e->val;
    e->what = dup0(r, db_col_text(s, 4));
    if (colls[c].blob && !db_col_isnull(s, 5)) {
        struct db_hash h;
        char sha[65] = "";
        const void *p = sqlite3_column_blob(s->st, 5);
        int n = sqlite3_column_bytes(s->st, 5);
        if (db_hash_init(&h) == 0) {
            db_hash_bytes(&h, p, (size_t)n);
            if (db_hash_hex(&h, sha) != 0)
                sha[0] = '\0';
        }
        if (!same(sha, e->key))
            differ(r, e->what, "attachment's bytes (SHA-256)", e->key, sha);
    }
}

static void only_expected(struct replay *r, enum coll_id c, const struct item *e)
{
    char what[320], field[64];
    entry_name(r, c, e, what, sizeof what, field, sizeof field);
    differ(r, what, field, e->val, colls[c].absent);
}

static void only_found(struct replay *r, enum coll_id c, const struct item *e)
{
    char field[64];
    field_of(c, e, field, sizeof field);
    differ(r, e->what, field, colls[c].absent, e->val);
}

/* Moves the unmatched entries of v[0..n) to its front, in their order. */
static size_t unmatched(struct item *v, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!v[i].matched) {
            struct item t = v[k];
            v[k++] = v[i];
            v[i] = t;
        }
    if (k)
        qsort(v, k, sizeof *v, by_seq);
    return k;
}

/* One group (the same a and b) of both sides: entries matched by key (a
 * keyed one's value compared); of a multiset, what is left on both sides
 * is paired in order as changed values; the rest is missing or extra. */
static void compare_group(struct replay *r, enum coll_id c, struct item *e, size_t ne,
                          struct item *f, size_t nf)
{
    char field[64];
    if (nf)
        qsort(f, nf, sizeof *f, by_key);
    for (size_t i = 0, j = 0; i < ne && j < nf;) {
        int k = strcmp(e[i].key ? e[i].key : "", f[j].key ? f[j].key : "");
        if (k < 0) {
            i++;
        } else if (k > 0) {
            j++;
        } else {
            if (colls[c].keyed && !same(e[i].val, f[j].val)) {
                field_of(c, &f[j], field, sizeof field);
                differ(r, f[j].what, field, e[i].val, f[j].val);
            }
            e[i++].matched = f[j++].matched = 1;
        }
    }
    size_t le = unmatched(e, ne), lf = unmatched(f, nf), p = 0;
    for (; !colls[c].keyed && p < le && p < lf; p++) {
        field_of(c, &f[p], field, sizeof field);
        differ(r, f[p].what, field, e[p].val, f[p].val);
    }
    for (size_t i = p; i < le; i++)
        only_expected(r, c, &e[i]);
    for (size_t j = p; j < lf; j++)
        only_found(r, c, &f[j]);
}

/* The expected entries from *ei up to group g (NULL: all) that have no
 * row found: each is missing. */
static void missing_before(struct replay *r, enum coll_id c, size_t *ei, const struct item *g)
{
    const struct items *l = &r->c[c];
    while (*ei < l->n && (!g || by_group(&l->v[*ei], g) < 0))
        only_expected(r, c, &l->v[(*ei)++]);
}

/* The group of found rows f (all of one a and b) against the replay. */
static void flush_group(struct replay *r, enum coll_id c, size_t *ei, struct items *f)
{
    struct items *l = &r->c[c];
    if (!f->n)
        return;
    missing_before(r, c, ei, &f->v[0]);
    size_t from = *ei;
    while (*ei < l->n && by_group(&l->v[*ei], &f->v[0]) == 0)
        (*ei)++;
    compare_group(r, c, l->v + from, *ei - from, f->v, f->n);
    for (size_t i = 0; i < f->n; i++)
        item_free(&f->v[i]);
    f->n = 0;
}

static int check_coll(struct replay *r, enum coll_id c)
{
    struct db_stmt s;
    struct items f = {0};
    size_t ei = 0;
    expected_final(&r->c[c], colls[c].keyed);
    int rc = db_prepare(r->db, &s, colls[c].sql, r->err, r->errlen);
    while (rc == FU_OK && !r->oom && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW) {
        struct item g = {.a = db_col_int(&s, 0), .b = db_col_int(&s, 1)};
        rc = FU_OK;
        if (f.n && by_group(&f.v[0], &g) != 0)
            flush_group(r, c, &ei, &f);
        found_row(r, c, &s, &f);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc == FU_OK && !r->oom) {
        flush_group(r, c, &ei, &f);
        missing_before(r, c, &ei, NULL);
    }
    items_free(&f);
    return rc;
}

/* ---- foreign keys ----------------------------------------------------------------------- */

/* A row whose parent row is gone (deleted behind the program's back): one
 * line for each table and parent, with the first such row and how many. */
static int check_refs(struct replay *r)
{
    struct db_stmt s;
    char table[64] = "", parent[64] = "", what[160], field[96];
    long long first = 0, n = 0;
    int rc = db_prepare(r->db, &s, "PRAGMA foreign_key_check", r->err, r->errlen);
    for (;;) {
        int row = rc == FU_OK && (rc = db_step(&s, r->err, r->errlen)) == SQLITE_ROW;
        const char *t = row ? db_col_text(&s, 0) : NULL, *p = row ? db_col_text(&s, 2) : NULL;
        if (n && (!row || !same(t, table) || !same(p, parent))) {
            if (first < 0)   /* WITHOUT ROWID tables have no row numbers */
                snprintf(what, sizeof what, "%s, %lld row%s", table, n, n > 1 ? "s" : "");
            else if (n > 1)
                snprintf(what, sizeof what, "%s row %lld (and %lld more)", table, first, n - 1);
            else
                snprintf(what, sizeof what, "%s row %lld", table, first);
            snprintf(field, sizeof field, "reference to %s", parent);
            differ(r, what, field, "present", "absent");
            n = 0;
        }
        if (!row)
            break;
        rc = FU_OK;
        if (!n++) {
            snprintf(table, sizeof table, "%s", t ? t : "");
            snprintf(parent, sizeof parent, "%s", p ? p : "");
            first = db_col_isnull(&s, 1) ? -1 : db_col_int(&s, 1);
        }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

/* ---- reports' metadata ------------------------------------------------------------ */

/* The fields the history set ("R1 issuer", the last value of each), against
 * the reports table; fields no row ever set (reports imported before
 * followup recorded them) are not known, so this goes one way. */
static int check_meta(struct replay *r)
{
    struct items *l = &r->c[C_META];
    int rc = FU_OK;
    expected_final(l, 1);
    for (size_t i = 0; rc == FU_OK && i < l->n; i++) {
        const struct item *e = &l->v[i];
        struct db_stmt s;
        char what[32];
        rc = db_prepare_cached(r->db, &s, "SELECT CASE :f WHEN 'title' THEN title"
            " WHEN 'doc_no' THEN doc_no WHEN 'issuer' THEN issuer WHEN 'published' THEN published"
            " WHEN 'addressee' THEN addressee WHEN 'signed_by' THEN signed_by"
            " WHEN 'signed_on' THEN signed_on WHEN 'lead_department' THEN lead_department"
            " WHEN 'register' THEN CAST(register AS TEXT) END FROM reports WHERE id = :id",
            r->err, r->errlen);
        if (rc != FU_OK)
            break;
        db_bind_text(&s, ":f", e->key);
        db_bind_int(&s, ":id", e->a);
        rc = db_step(&s, r->err, r->errlen);
        snprintf(what, sizeof what, "R%lld", e->a);
        if (rc == SQLITE_ROW && !same(e->val, db_col_text(&s, 0)))
            differ(r, what, e->key, e->val, db_col_text(&s, 0));
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
        db_finish(&s);
    }
    return rc;
}

/* ---- verify ---------------------------------------------------------------------- */

static int replay_all(struct db *db, db_diff_fn diff, void *ctx, long long *ndiff, char *err,
                      size_t errlen)
{
    struct replay r = {.db = db, .diff = diff, .ctx = ctx, .err = err, .errlen = errlen};
    int rc = check_refs(&r);
    if (rc == FU_OK)
        rc = replay_history(&r);
    if (rc == FU_OK && !r.oom)
        rc = check_tasks(&r);
    for (int c = 0; rc == FU_OK && !r.oom && c < C_COUNT; c++)
        rc = check_coll(&r, (enum coll_id)c);
    if (rc == FU_OK && !r.oom)
        rc = check_meta(&r);
    if (rc == FU_OK && r.oom)
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    *ndiff = r.ndiff;
    for (size_t i = 0; i < r.nt; i++)
        for (int f = 0; f < TF_COUNT; f++)
            free(r.t[i].v[f]);
    free(r.t);
    for (int c = 0; c < C_ALL; c++)
        items_free(&r.c[c]);
    return rc;
}

int db_verify_all(struct db *db, int full, const char *head, struct verify_result *out,
                  db_diff_fn diff, void *ctx, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_integrity_file(db, full, err, errlen);
    if (rc == FU_OK)
        rc = db_chain_walk(db, head, &out->head_row, &out->rows, out->head, err, errlen);
    if (rc == FU_OK)
        rc = replay_all(db, diff, ctx, &out->ndiff, err, errlen);
    return db_end(db, rc, err, errlen);
}
