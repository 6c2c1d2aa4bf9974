/* Importing a parsed report: the doc's tree becomes tasks (sections,
 * items, the items' commitment statements), matched against the stored
 * tasks of the same report so that a re-import keeps uuids, statuses and
 * history. One transaction; an identical re-import writes nothing. */
#include "db/internal.h"
#include "core/doc.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_import.h"
#include "db/db_target.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_import_int.h"

static void imp_free(struct imp *m)
{
    for (size_t i = 0; i < m->nnt; i++) {
        free(m->nt[i].body);
        free(m->nt[i].metrics);
    }
    for (size_t i = 0; i < m->not; i++) {
        struct otask *o = &m->ot[i];
        free(o->code);
        free(o->text);
        free(o->body);
        free(o->owner);
        free(o->metrics);
    }
    free(m->nt);
    free(m->ot);
}

static int oom(struct imp *m)
{
    return db_errf(m->err, m->errlen, FU_ERR, "out of memory");
}

static int streq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ---- the doc as a flat task list ------------------------------------------ */

static char *stmts_text(const struct stmt *v, size_t n)
{
    struct db_buf b = {0};
    for (size_t i = 0; i < n; i++)
        db_buf_str(&b, v[i].text);
    if (b.oom)
        db_buf_fini(&b);
    return b.p;
}

/* An item's body: its sentences, then its responsibility markers' text
 * (kept for the record; they are fields, not sentences). NULL when the
 * item has neither, or out of memory (*failed set). */
static char *item_body(const struct node *nd, int *failed)
{
    struct db_buf b = {0};
    for (size_t i = 0; i < nd->nstmts; i++)
        db_buf_str(&b, nd->stmts[i].text);
    if (nd->marker)
        db_buf_str(&b, nd->marker);
    if (b.oom) {
        db_buf_fini(&b);
        *failed = 1;
    }
    return b.p;
}

static void json_string(struct db_buf *b, const char *s)
{
    db_buf_str(b, "\"");
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\')
            db_buf_fmt(b, "\\%c", c);
        else if (c < 0x20)
            db_buf_fmt(b, "\\u%04x", c);
        else
            db_buf_add(b, p, 1);
    }
    db_buf_str(b, "\"");
}

/* [{"text": "8支", "value": 8, "unit": "支"}, …]; NULL when none. */
static char *metrics_json(const struct stmt *s, int *failed)
{
    struct db_buf b = {0};
    if (s->nmetrics == 0)
        return NULL;
    db_buf_str(&b, "[");
    for (size_t i = 0; i < s->nmetrics; i++) {
        const struct metric *mt = &s->metrics[i];
        char num[64];
        db_buf_str(&b, i ? ", {\"text\": " : "{\"text\": ");
        json_string(&b, mt->text);
        snprintf(num, sizeof num, "%.15g", mt->value);
        for (char *p = num; *p; p++)   /* a locale's decimal comma */
            if (*p == ',')
                *p = '.';
        db_buf_str(&b, ", \"value\": ");
        db_buf_str(&b, isfinite(mt->value) ? num : "null");
        db_buf_str(&b, ", \"unit\": ");
        if (mt->unit)
            json_string(&b, mt->unit);
        else
            db_buf_str(&b, "null");
        db_buf_str(&b, "}");
    }
    db_buf_str(&b, "]");
    if (b.oom) {
        db_buf_fini(&b);
        *failed = 1;
    }
    return b.p;
}

static struct ntask *push(struct imp *m)
{
    if (m->nnt == m->capnt) {
        size_t cap = m->capnt ? m->capnt * 2 : 64;
        struct ntask *v = realloc(m->nt, cap * sizeof *v);
        if (!v)
            return NULL;
        m->nt = v;
        m->capnt = cap;
    }
    struct ntask *t = &m->nt[m->nnt++];
    memset(t, 0, sizeof *t);
    t->match = -1;
    return t;
}

static int add_statements(struct imp *m, const struct node *nd, long item, const char *owner)
{
    int failed = 0, marked = nd->owner_src == OWNER_MARKER || nd->nsupport || nd->due[0];
    for (size_t i = 0; i < nd->nstmts; i++) {
        const struct stmt *s = &nd->stmts[i];
        if (s->kind != STMT_COMMITMENT)
            continue;
        struct ntask *t = push(m);
        if (!t)
            return oom(m);
        t->kind = KIND_STATEMENT;
        t->code = s->code;
        t->text = s->text ? s->text : "";
        t->owner = s->ndepts && nd->owner_src != OWNER_MARKER ? s->depts[0] : owner;
        t->marked = marked;
        t->support = nd->support;
        t->nsupport = nd->nsupport;
        t->due = nd->due[0] ? nd->due : NULL;
        snprintf(t->sdue, sizeof t->sdue, "%s", s->due);
        t->metrics = metrics_json(s, &failed);
        for (size_t j = 0; j < s->nmetrics && !t->target; j++)
            if (s->metrics[j].dir != METRIC_FACT)
                t->target = &s->metrics[j];
        t->parent = item;
        t->depth = m->nt[item].depth + 1;
        if (failed)
            return oom(m);
    }
    return FU_OK;
}

/* How many tasks flatten makes of nd: itself and an item's commitments
 * (so that the array is made once, at its size). */
static size_t count_tasks(const struct node *nd)
{
    size_t n = 1;
    for (size_t i = 0; !nd->nchildren && i < nd->nstmts; i++)
        n += nd->stmts[i].kind == STMT_COMMITMENT;
    for (size_t i = 0; i < nd->nchildren; i++)
        n += count_tasks(&nd->children[i]);
    return n;
}

/* Sections have children; items are leaves. Owners are inherited down. */
static int flatten(struct imp *m, const struct node *nd, long parent, int depth,
                   const char *owner)
{
    struct ntask *t = push(m);
    if (!t)
        return oom(m);
    long self = (long)(m->nnt - 1);
    t->kind = nd->nchildren ? KIND_SECTION : KIND_ITEM;
    t->code = nd->code;
    t->text = nd->title ? nd->title : "";
    t->owner = nd->owner ? nd->owner : owner;
    t->parent = parent;
    t->depth = depth;
    t->node = nd;   /* its body (all sentences) is made when it is written */
    t->marked = nd->owner_src == OWNER_MARKER || nd->nsupport || nd->due[0];
    t->support = nd->support;
    t->nsupport = nd->nsupport;
    t->due = nd->due[0] ? nd->due : NULL;
    for (size_t i = 0; t->kind == KIND_ITEM && i < nd->nstmts; i++) {
        const char *due = nd->stmts[i].due;
        if (nd->stmts[i].kind == STMT_COMMITMENT && due[0] &&
            (!t->sdue[0] || strcmp(due, t->sdue) < 0))
            snprintf(t->sdue, sizeof t->sdue, "%s", due);
    }
    owner = t->owner;   /* t may move when the array grows */
    int rc = t->kind == KIND_ITEM ? add_statements(m, nd, self, owner) : FU_OK;
    for (size_t i = 0; rc == FU_OK && i < nd->nchildren; i++)
        rc = flatten(m, &nd->children[i], self, depth + 1, owner);
    return rc;
}

/* ---- the doc's fingerprint ------------------------------------------------- */

static void hash_stmts(struct db_hash *h, const struct stmt *v, size_t n)
{
    db_hash_int(h, (long long)n);
    for (size_t i = 0; i < n; i++) {
        db_hash_str(h, v[i].code);
        db_hash_int(h, v[i].kind);
        db_hash_str(h, v[i].text);
        db_hash_str(h, v[i].due);
        db_hash_int(h, (long long)v[i].nmetrics);
        for (size_t j = 0; j < v[i].nmetrics; j++) {
            char num[64];
            snprintf(num, sizeof num, "%.17g", v[i].metrics[j].value);
            db_hash_str(h, v[i].metrics[j].text);
            db_hash_str(h, num);
            db_hash_str(h, v[i].metrics[j].unit);
        }
        db_hash_int(h, (long long)v[i].ndepts);
        for (size_t j = 0; j < v[i].ndepts; j++)
            db_hash_str(h, v[i].depts[j]);
    }
}

static void hash_nodes(struct db_hash *h, const struct node *v, size_t n)
{
    db_hash_int(h, (long long)n);
    for (size_t i = 0; i < n; i++) {
        db_hash_str(h, v[i].code);
        db_hash_int(h, v[i].depth);
        db_hash_str(h, v[i].title);
        db_hash_str(h, v[i].owner);
        if (v[i].marker || v[i].nsupport || v[i].due[0]) {   /* docs without keep their hash */
            db_hash_str(h, v[i].marker);
            db_hash_str(h, v[i].due);
            db_hash_int(h, (long long)v[i].nsupport);
            for (size_t j = 0; j < v[i].nsupport; j++)
                db_hash_str(h, v[i].support[j]);
        }
        hash_stmts(h, v[i].stmts, v[i].nstmts);
        hash_nodes(h, v[i].children, v[i].nchildren);
    }
}

static int doc_hash(const struct doc *d, char out[65])
{
    struct db_hash h;
    if (db_hash_init(&h) != 0)
        return -1;
    const struct doc_meta *mt = &d->meta;
    db_hash_str(&h, "followup-doc-1");
    const char *meta[] = {mt->title, mt->issuer, mt->published, mt->doc_no, mt->addressee,
                          mt->signed_by, mt->signed_on, mt->lead_department};
    for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
        db_hash_str(&h, meta[i]);
    hash_stmts(&h, d->intro, d->nintro);
    hash_nodes(&h, d->nodes, d->nnodes);
    hash_stmts(&h, d->closing, d->nclosing);
    return db_hash_hex(&h, out);
}

/* ---- the report row -------------------------------------------------------- */

static int find_report(struct imp *m)
{
    struct db_stmt s;
    const struct doc_meta *mt = &m->d->meta;
    int rc = db_prepare_cached(m->db, &s, "SELECT id, source_hash FROM reports WHERE"
                         " register IS NULL AND (source_hash = :hash OR"
                         " (:doc_no IS NOT NULL AND doc_no = :doc_no) OR"
                         " (:doc_no IS NULL AND title = :title))"
                         " ORDER BY source_hash = :hash DESC, id LIMIT 1",
                         m->err, m->errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":doc_no", mt->doc_no && *mt->doc_no ? mt->doc_no : NULL);
        db_bind_text(&s, ":title", mt->title ? mt->title : "");
        db_bind_text(&s, ":hash", m->hash);
        rc = db_step(&s, m->err, m->errlen);
        if (rc == SQLITE_ROW) {
            m->report_id = db_col_int(&s, 0);
            m->meta_changed = !streq(db_col_text(&s, 1), m->hash);
        }
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

/* The doc's metadata in enum report_field order (db/db_edit.h). */
static void doc_fields(const struct doc_meta *mt, const char *v[8])
{
    v[0] = mt->title;
    v[1] = mt->doc_no && *mt->doc_no ? mt->doc_no : NULL;
    v[2] = mt->issuer;
    v[3] = mt->published;
    v[4] = mt->addressee;
    v[5] = mt->signed_by;
    v[6] = mt->signed_on;
    v[7] = mt->lead_department;
}

/* kept[f]: a field the committee set by hand, which the import keeps. */
static void bind_report(struct imp *m, struct db_stmt *s, char *intro, char *closing,
                        char *const kept[8])
{
    static const char *const names[8] = {":title", ":doc_no", ":issuer", ":published",
                                         ":addressee", ":signed_by", ":signed_on", ":lead"};
    const char *v[8];
    doc_fields(&m->d->meta, v);
    for (int f = 0; f < 8; f++)
        db_bind_text(s, names[f], kept[f] ? kept[f] : f == 0 && !v[0] ? "" : v[f]);
    db_bind_text(s, ":intro", intro);
    db_bind_text(s, ":closing", closing);
    db_bind_text(s, ":hash", m->hash);
    db_bind_text(s, ":now", m->now);
    db_bind_text(s, ":by", m->a->login);
}

/* Inserts the report (report_id 0) or refreshes its metadata. */
static int write_report(struct imp *m)
{
    struct db_stmt s = {0};
    char uuid[37], *kept[8] = {0};
    const char *v[8];
    char *intro = stmts_text(m->d->intro, m->d->nintro);
    char *closing = stmts_text(m->d->closing, m->d->nclosing);
    int rc = FU_OK, fresh = m->report_id == 0;
    doc_fields(&m->d->meta, v);
    if (!fresh)
        rc = db_report_import_meta(m->db, m->a, m->report_id, 0, v, kept, m->err, m->errlen);
    if (rc == FU_OK && ((m->d->nintro && !intro) || (m->d->nclosing && !closing)))
        rc = oom(m);
    else if (rc == FU_OK && fresh)
        rc = db_prepare_cached(m->db, &s, "INSERT INTO reports (uuid, doc_no, title, issuer,"
                         " published, addressee, signed_by, signed_on, lead_department, intro,"
                         " closing, source_hash, imported_at, imported_by) VALUES (:uuid,"
                         " :doc_no, :title, :issuer, :published, :addressee, :signed_by,"
                         " :signed_on, :lead, :intro, :closing, :hash, :now, :by)",
                         m->err, m->errlen);
    else if (rc == FU_OK)
        rc = db_prepare_cached(m->db, &s, "UPDATE reports SET doc_no = :doc_no, title = :title,"
                         " issuer = :issuer, published = :published, addressee = :addressee,"
                         " signed_by = :signed_by, signed_on = :signed_on,"
                         " lead_department = :lead, intro = :intro, closing = :closing,"
                         " source_hash = :hash, imported_at = :now, imported_by = :by"
                         " WHERE id = :id", m->err, m->errlen);
    if (rc == FU_OK) {
        bind_report(m, &s, intro, closing, kept);
        if (m->report_id == 0) {
            db_uuid(uuid);
            db_bind_text(&s, ":uuid", uuid);
        } else {
            db_bind_int(&s, ":id", m->report_id);
        }
        rc = db_run(&s, m->err, m->errlen);
        if (rc == FU_OK && m->report_id == 0)
            m->report_id = sqlite3_last_insert_rowid(m->db->h);
    }
    db_finish(&s);
    if (rc == FU_OK && fresh)
        rc = db_report_import_meta(m->db, m->a, m->report_id, 1, v, kept, m->err, m->errlen);
    for (int f = 0; f < 8; f++)
        free(kept[f]);
    free(intro);
    free(closing);
    return rc;
}

/* ---- stored tasks and matching -------------------------------------------- */

static int load_stored(struct imp *m)
{
    struct db_stmt s;
    int rc = db_prepare_cached(m->db, &s, "SELECT id, kind, code, text, body, coalesce(parent_id, 0),"
                         " seq, depth, withdrawn, suggested_owner, suggested_due, metrics, hand"
                         " FROM tasks WHERE report_id = :r ORDER BY id", m->err, m->errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":r", m->report_id);
    while (rc == FU_OK && (rc = db_step(&s, m->err, m->errlen)) == SQLITE_ROW) {
        int failed = 0;
        enum task_kind k = KIND_ITEM;
        rc = FU_OK;
        if (m->not == m->capot) {
            size_t cap = m->capot ? m->capot * 2 : 64;
            struct otask *v = realloc(m->ot, cap * sizeof *v);
            if (!v) {
                rc = oom(m);
                break;
            }
            m->ot = v;
            m->capot = cap;
        }
        struct otask *o = &m->ot[m->not++];
        memset(o, 0, sizeof *o);
        o->id = db_col_int(&s, 0);
        kind_parse(db_col_text(&s, 1), &k);
        o->kind = k;
        o->code = db_col_dup(&s, 2, &failed);
        o->text = db_col_dup(&s, 3, &failed);
        o->body = db_col_dup(&s, 4, &failed);
        o->parent_id = db_col_int(&s, 5);
        o->seq = db_col_int(&s, 6);
        o->depth = (int)db_col_int(&s, 7);
        o->withdrawn = (int)db_col_int(&s, 8);
        o->owner = db_col_dup(&s, 9, &failed);
        db_col_copy(&s, 10, o->sdue, sizeof o->sdue);
        o->metrics = db_col_dup(&s, 11, &failed);
        o->hand = (int)db_col_int(&s, 12);
        if (failed)
            rc = oom(m);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

/* Sort keys: kind, then text (or code); live before withdrawn; older first. */
static int by_text(const void *x, const void *y)
{
    const struct otask *a = *(struct otask *const *)x, *b = *(struct otask *const *)y;
    int c = (int)a->kind - (int)b->kind;
    if (!c)
        c = strcmp(a->text, b->text);
    if (!c)
        c = a->withdrawn - b->withdrawn;
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int by_code(const void *x, const void *y)
{
    const struct otask *a = *(struct otask *const *)x, *b = *(struct otask *const *)y;
    int c = (int)a->kind - (int)b->kind;
    if (!c)
        c = strcmp(a->code, b->code);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* First position in idx[0..n) whose stored task is not before (kind, key). */
static size_t lower_bound(struct otask *const *idx, size_t n, enum task_kind kind,
                          const char *key, int use_code)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct otask *o = idx[mid];
        int c = (int)o->kind - (int)kind;
        if (!c)
            c = strcmp(use_code ? o->code : o->text, key);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Best free stored task with the same kind and key: same code first, then
 * a live one, then any (withdrawn ones come back when their text does). */
static struct otask *pick(struct otask *const *idx, size_t n, const struct ntask *t,
                          int use_code)
{
    const char *key = use_code ? t->code : t->text;
    struct otask *best = NULL;
    int best_score = -1;
    for (size_t i = lower_bound(idx, n, t->kind, key, use_code); i < n; i++) {
        struct otask *o = idx[i];
        if (o->kind != t->kind || strcmp(use_code ? o->code : o->text, key) != 0)
            break;
        if (o->taken)
            continue;
        int score = 2 * (strcmp(o->code, t->code) == 0) + !o->withdrawn;
        if (score > best_score) {
            best = o;
            best_score = score;
        }
        if (score == 3)
            break;
    }
    return best;
}

static void match_pass(struct imp *m, struct otask *const *idx, size_t n, int use_code)
{
    for (size_t i = 0; i < m->nnt; i++) {
        if (m->nt[i].match >= 0)
            continue;
        struct otask *o = pick(idx, n, &m->nt[i], use_code);
        if (o) {
            m->nt[i].match = (long)(o - m->ot);
            o->taken = 1;
        }
    }
}

/* By kind and text first, then by kind and code among live tasks. */
static int match_all(struct imp *m)
{
    struct otask **idx = malloc((m->not + 1) * sizeof *idx);
    size_t nlive = 0;
    if (!idx)
        return oom(m);
    for (size_t i = 0; i < m->not; i++)
        idx[i] = &m->ot[i];
    qsort(idx, m->not, sizeof *idx, by_text);
    match_pass(m, idx, m->not, 0);
    for (size_t i = 0; i < m->not; i++)
        if (!m->ot[i].withdrawn && !m->ot[i].taken && !(m->ot[i].hand & 1))
            idx[nlive++] = &m->ot[i];   /* a hand-added task matches by its text only */
    qsort(idx, nlive, sizeof *idx, by_code);
    match_pass(m, idx, nlive, 1);
    free(idx);
    return FU_OK;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Two tasks with one code would break references like R1:2.1. */
static int check_codes(struct imp *m)
{
    const char **codes = malloc((m->nnt + 1) * sizeof *codes);
    if (!codes)
        return oom(m);
    for (size_t i = 0; i < m->nnt; i++)
        codes[i] = m->nt[i].code;
    int rc = FU_OK;
    qsort(codes, m->nnt, sizeof *codes, cmp_str);
    for (size_t i = 0; rc == FU_OK && i < m->nnt; i++)
        if (strlen(codes[i]) >= sizeof ((struct task *)0)->code)
            rc = db_errf(m->err, m->errlen, FU_ERR, "the part number %.40s… is too long; check "
                         "the report's headings (nothing was imported)", codes[i]);
    if (rc == FU_OK && m->nnt && !codes[0][0])
        rc = db_errf(m->err, m->errlen, FU_ERR, "a part of the report has no number; check "
                     "its headings (nothing was imported)");
    for (size_t i = 1; rc == FU_OK && i < m->nnt; i++)
        if (strcmp(codes[i - 1], codes[i]) == 0)
            rc = db_errf(m->err, m->errlen, FU_ERR, "the report numbers two parts %s; check "
                         "its headings (nothing was imported)", codes[i]);
    free(codes);
    return rc;
}

/* ---- writing ----------------------------------------------------------------- */

/* Vanished live tasks are withdrawn, never deleted. */
static int withdraw_vanished(struct imp *m)
{
    int rc = FU_OK;
    for (size_t i = 0; rc == FU_OK && i < m->not; i++) {
        struct otask *o = &m->ot[i];
        struct db_stmt s = {0};
        if (o->taken || o->withdrawn || (o->hand & 1))   /* added by hand: not the report's */
            continue;
        rc = db_prepare_cached(m->db, &s, "UPDATE tasks SET withdrawn = 1, version = version + 1,"
                         " updated_at = :now WHERE id = :id", m->err, m->errlen);
        if (rc == FU_OK) {
            db_bind_text(&s, ":now", m->now);
            db_bind_int(&s, ":id", o->id);
            rc = db_run(&s, m->err, m->errlen);
        }
        db_finish(&s);
        if (rc == FU_OK)
            rc = db_history_add(m->db, m->a, o->id, "withdrawn", "0", "1",
                                "no longer in the report", m->err, m->errlen);
        m->st->withdrawn++;
    }
    return rc;
}

/* Matched tasks whose code changes step aside first, as codes are unique
 * among live tasks and a revision may shift them (2.1 → 2.2, 2.2 → 2.3). */
static int park_codes(struct imp *m)
{
    int rc = FU_OK;
    for (size_t i = 0; rc == FU_OK && i < m->nnt; i++) {
        struct db_stmt s = {0};
        const struct ntask *t = &m->nt[i];
        if (t->match < 0 || m->ot[t->match].withdrawn || strcmp(m->ot[t->match].code, t->code) == 0)
            continue;
        rc = db_prepare_cached(m->db, &s, "UPDATE tasks SET code = '~' || id WHERE id = :id",
                         m->err, m->errlen);
        if (rc == FU_OK) {
            db_bind_int(&s, ":id", m->ot[t->match].id);
            rc = db_run(&s, m->err, m->errlen);
        }
        db_finish(&s);
    }
    return rc;
}

static int content_history(struct imp *m, const struct otask *o, const struct ntask *t)
{
    int rc = FU_OK;
    if (o->withdrawn && !o->keep_out)
        rc = db_history_add(m->db, m->a, o->id, "withdrawn", "1", "0", "back in the report",
                            m->err, m->errlen);
    if (rc == FU_OK && !streq(o->code, t->code))
        rc = db_history_add(m->db, m->a, o->id, "code", o->code, t->code, "import", m->err,
                            m->errlen);
    if (rc == FU_OK && !streq(o->text, t->text))
        rc = db_history_add(m->db, m->a, o->id, "text", o->text, t->text, "import", m->err,
                            m->errlen);
    if (rc == FU_OK && !streq(o->body, t->body))
        rc = db_history_add(m->db, m->a, o->id, "body", o->body, t->body, "import", m->err,
                            m->errlen);
    return rc;
}

/* A matched task: content changes get history rows and a new version;
 * its place in the tree and the parser's suggestions change silently. */
static int update_task(struct imp *m, struct ntask *t, long long parent_id, long long seq)
{
    struct otask *o = &m->ot[t->match];
    struct db_stmt s = {0};
    int content = !streq(o->text, t->text) || !streq(o->code, t->code) ||
                  !streq(o->body, t->body) || (o->withdrawn && !o->keep_out);
    int place = o->parent_id != parent_id || o->seq != seq || o->depth != t->depth ||
                !streq(o->owner, t->owner) || strcmp(o->sdue, t->sdue) != 0 ||
                !streq(o->metrics, t->metrics);
    int words = !streq(o->text, t->text) || !streq(o->code, t->code) ||
                !streq(o->body, t->body);   /* what the search index holds */
    t->id = o->id;
    if (content)
        m->st->updated++;
    else
        m->st->unchanged++;
    if (!content && !place)
        return FU_OK;
    int rc = words ? db_fts_forget(m->db, o->id, o->text, o->body, o->code, m->err, m->errlen)
                   : FU_OK;
    if (rc == FU_OK)
        rc = db_prepare_cached(m->db, &s, "UPDATE tasks SET parent_id = :parent, seq = :seq,"
                         " depth = :depth, code = :code, text = :text, body = :body,"
                         " suggested_owner = :owner, suggested_due = :sdue, metrics = :metrics,"
                         " withdrawn = :out, version = version + :bump, updated_at = CASE WHEN"
                         " :bump THEN :now ELSE updated_at END WHERE id = :id",
                         m->err, m->errlen);
    if (rc == FU_OK) {
        db_bind_id(&s, ":parent", parent_id);
        db_bind_int(&s, ":seq", seq);
        db_bind_int(&s, ":depth", t->depth);
        db_bind_text(&s, ":code", t->code);
        db_bind_text(&s, ":text", t->text);
        db_bind_text(&s, ":body", t->body);
        db_bind_text(&s, ":owner", t->owner);
        db_bind_text(&s, ":sdue", t->sdue[0] ? t->sdue : NULL);
        db_bind_text(&s, ":metrics", t->metrics);
        db_bind_int(&s, ":bump", content);
        db_bind_int(&s, ":out", o->withdrawn && o->keep_out);
        db_bind_text(&s, ":now", m->now);
        db_bind_int(&s, ":id", o->id);
        rc = db_run(&s, m->err, m->errlen);
    }
    db_finish(&s);
    if (rc == FU_OK && words)
        rc = db_fts_add(m->db, o->id, o->id, m->err, m->errlen);
    return rc == FU_OK && content ? content_history(m, o, t) : rc;
}

/* The suggested owner's id when that department exists, else 0. */
static int owner_id(struct imp *m, const char *owner, long long *id)
{
    *id = 0;
    if (!owner)
        return FU_OK;
    if (m->owner_name && strcmp(m->owner_name, owner) == 0) {   /* owners come in runs */
        *id = m->owner_id;
        return FU_OK;
    }
    int rc = db_dept_resolve(m->db, owner, id, m->owner_real, sizeof m->owner_real, m->err,
                             m->errlen);
    if (rc == FU_OK) {
        m->owner_name = owner;
        m->owner_id = *id;
    }
    return rc;
}

static const char *next_uuid(struct imp *m)
{
    size_t cap = sizeof m->uuids / sizeof m->uuids[0];
    if (m->nuuids == 0) {
        db_uuids(m->uuids, cap);
        m->nuuids = cap;
    }
    return m->uuids[cap - m->nuuids--];
}

/* A new task's first state, so that `verify` can replay every task from
 * the history: "CODE TEXT", and the lead the import gave it as the note
 * (its status is todo, with no due date and no supporting department). */
static int created_history(struct imp *m, const struct ntask *t, long long lead)
{
    struct db_buf b = {0};
    db_buf_str(&b, t->code);
    db_buf_str(&b, " ");
    db_buf_str(&b, t->text);
    int rc = b.oom ? oom(m)
                   : db_history_add(m->db, m->a, t->id, "created", NULL, b.p,
                                    lead ? m->owner_real : NULL, m->err, m->errlen);
    db_buf_fini(&b);
    return rc;
}

static int insert_task(struct imp *m, struct ntask *t, long long parent_id, long long seq)
{
    struct db_stmt s = {0};
    long long lead = 0;
    int rc = t->marked ? FU_OK : owner_id(m, t->owner, &lead);
    if (rc == FU_OK)
        rc = db_prepare_cached(m->db, &s, "INSERT INTO tasks (uuid, report_id, parent_id, seq, depth,"
                         " code, kind, stmt_kind, text, body, lead_id, suggested_owner,"
                         " suggested_due, metrics, created_at, updated_at) VALUES (:uuid,"
                         " :report, :parent, :seq, :depth, :code, :kind, :stmt_kind, :text,"
                         " :body, :lead, :owner, :sdue, :metrics, :now, :now)",
                         m->err, m->errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":uuid", next_uuid(m));
        db_bind_int(&s, ":report", m->report_id);
        db_bind_id(&s, ":parent", parent_id);
        db_bind_int(&s, ":seq", seq);
        db_bind_int(&s, ":depth", t->depth);
        db_bind_text(&s, ":code", t->code);
        db_bind_text(&s, ":kind", kind_key(t->kind));
        db_bind_text(&s, ":stmt_kind", t->kind == KIND_STATEMENT ? "commitment" : NULL);
        db_bind_text(&s, ":text", t->text);
        db_bind_text(&s, ":body", t->body);
        db_bind_id(&s, ":lead", lead);
        db_bind_text(&s, ":owner", t->owner);
        db_bind_text(&s, ":sdue", t->sdue[0] ? t->sdue : NULL);
        db_bind_text(&s, ":metrics", t->metrics);
        db_bind_text(&s, ":now", m->now);
        rc = db_run(&s, m->err, m->errlen);
        t->id = sqlite3_last_insert_rowid(m->db->h);
        m->st->added++;
    }
    db_finish(&s);
    if (rc == FU_OK)
        rc = created_history(m, t, lead);
    if (rc == FU_OK && t->target)
        rc = db_target_import(m->db, m->a, t->id, t->target, m->err, m->errlen);
    return rc;
}

/* In preorder, so a parent's id is known before its children. */
static int write_tasks(struct imp *m)
{
    int rc = FU_OK;
    for (size_t i = 0; rc == FU_OK && i < m->nnt; i++) {
        struct ntask *t = &m->nt[i];
        long long parent_id = t->parent >= 0 ? m->nt[t->parent].id : 0;
        long long seq = (long long)i + 1;
        int failed = 0;
        if (t->node && (t->node->nstmts || t->node->marker) && !t->keep_text &&
            !(t->body = item_body(t->node, &failed)) && failed)
            return oom(m);
        if (t->keep_text && t->keep_body && !(t->body = strdup(t->keep_body)))
            return oom(m);
        rc = t->match >= 0 ? update_task(m, t, parent_id, seq)
                           : insert_task(m, t, parent_id, seq);
        if (rc == FU_OK && t->marked) {
            struct import_mark mk = {t->owner, (const char *const *)t->support, t->nsupport,
                                     t->due};
            rc = db_import_mark(m->db, m->a, t->id, t->match < 0, &mk, m->st, m->err,
                                m->errlen);
        }
        free(t->body);
        t->body = NULL;
    }
    return rc;
}

/* Tasks written from here on have higher ids. */
static int max_task_id(struct imp *m, long long *id)
{
    struct db_stmt s;
    int rc = db_prepare_cached(m->db, &s, "SELECT coalesce(max(id), 0) FROM tasks", m->err,
                               m->errlen);
    if (rc == FU_OK && (rc = db_step(&s, m->err, m->errlen)) == SQLITE_ROW) {
        *id = db_col_int(&s, 0);
        rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

/* "R1 DOC_NO TITLE: N added, …", the 文号 and title as stored (a field
 * the committee corrected stays as it set it). */
static int import_history(struct imp *m)
{
    const struct import_stats *st = m->st;
    struct db_buf b = {0};
    struct db_stmt s;
    db_buf_fmt(&b, "R%lld", m->report_id);
    int rc = db_prepare_cached(m->db, &s, "SELECT coalesce(' ' || nullif(doc_no, ''), '')"
                               " || coalesce(' ' || nullif(title, ''), '') FROM reports"
                               " WHERE id = :id", m->err, m->errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", m->report_id);
        if ((rc = db_step(&s, m->err, m->errlen)) == SQLITE_ROW) {
            db_buf_str(&b, db_col_text(&s, 0));
            rc = FU_OK;
        }
    }
    db_finish(&s);
    if (rc != FU_OK) {
        db_buf_fini(&b);
        return rc;
    }
    db_buf_fmt(&b, ": %lld added, %lld updated, %lld withdrawn, %lld unchanged", st->added,
             st->updated, st->withdrawn, st->unchanged);
    rc = b.oom ? oom(m)
               : db_history_add(m->db, m->a, 0, "import", NULL, b.p,
                                st->created_report ? "new report" : "revised report",
                                m->err, m->errlen);
    db_buf_fini(&b);
    return rc;
}

/* The very report stored last: nothing changes, so the committee's
 * corrections since (texts, withdrawals, moves, cleared fields) stand. */
static int same_report(struct imp *m)
{
    struct db_stmt s;
    int rc = db_prepare_cached(m->db, &s, "SELECT count(*) FROM tasks WHERE report_id = :r"
                               " AND withdrawn = 0", m->err, m->errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":r", m->report_id);
        if ((rc = db_step(&s, m->err, m->errlen)) == SQLITE_ROW) {
            m->st->unchanged = db_col_int(&s, 0);
            rc = FU_OK;
        }
    }
    db_finish(&s);
    m->st->report_id = m->report_id;
    return rc;
}

static int import_tx(struct imp *m)
{
    struct hand_places places = {0};
    struct user u;
    int rc = db_user_load(m->db, m->a, &u, NULL, m->err, m->errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_IMPORT, 0, m->err, m->errlen);
    user_fini(&u);
    if (rc == FU_OK)
        rc = find_report(m);
    if (rc == FU_OK && m->report_id && !m->meta_changed)
        return same_report(m);
    if (rc != FU_OK)
        return rc;
    if (m->report_id == 0) {
        m->st->created_report = 1;
        rc = write_report(m);
    } else {
        rc = load_stored(m);
        if (rc == FU_OK)
            rc = match_all(m);
        if (rc == FU_OK)
            rc = db_import_hand_save(m, &places);
        if (rc == FU_OK)
            rc = db_import_hand_prepare(m);
        if (rc == FU_OK)
            rc = withdraw_vanished(m);
        if (rc == FU_OK)
            rc = park_codes(m);
    }
    long long last_id = 0;
    if (rc == FU_OK)
        rc = max_task_id(m, &last_id);
    if (rc == FU_OK)
        rc = write_tasks(m);
    if (rc == FU_OK && places.n)
        rc = db_import_hand_restore(m, &places);
    free(places.v);
    if (rc == FU_OK && m->st->added)   /* the new tasks into the search index, at once */
        rc = db_fts_add(m->db, last_id + 1, LLONG_MAX, m->err, m->errlen);
    m->st->report_id = m->report_id;
    if (rc != FU_OK || m->st->created_report ||
        !(m->meta_changed || m->st->added || m->st->updated || m->st->withdrawn))
        return rc == FU_OK && m->st->created_report ? import_history(m) : rc;
    rc = write_report(m);
    return rc == FU_OK ? import_history(m) : rc;
}

int db_import(struct db *db, const struct actor *a, const struct doc *d,
              struct import_stats *st, char *err, size_t errlen)
{
    return db_import_opt(db, a, d, 0, st, err, errlen);
}

int db_import_opt(struct db *db, const struct actor *a, const struct doc *d, int dry_run,
                  struct import_stats *st, char *err, size_t errlen)
{
    struct import_stats local;
    struct imp m;
    memset(&m, 0, sizeof m);
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    if (!d)
        return db_errf(err, errlen, FU_USAGE, "nothing to import");
    m.db = db;
    m.a = a;
    m.d = d;
    m.st = st;
    m.err = err;
    m.errlen = errlen;
    m.dry_run = dry_run;
    db_now(m.now, sizeof m.now);
    int rc = doc_hash(d, m.hash) == 0
        ? FU_OK : db_hash_fail(err, errlen);
    size_t total = 0;
    for (size_t i = 0; i < d->nnodes; i++)
        total += count_tasks(&d->nodes[i]);
    if (rc == FU_OK && total && !(m.nt = malloc(total * sizeof *m.nt)))
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    m.capnt = m.nt ? total : 0;
    for (size_t i = 0; rc == FU_OK && i < d->nnodes; i++)
        rc = flatten(&m, &d->nodes[i], -1, 0, d->meta.lead_department);
    if (rc == FU_OK)
        rc = check_codes(&m);
    if (rc == FU_OK && (rc = db_begin(db, err, errlen)) == FU_OK) {
        rc = import_tx(&m);
        /* a dry run ends as a failure would: rolled back, nothing stored */
        int end = db_end(db, dry_run && rc == FU_OK ? FU_ERR : rc, err, errlen);
        rc = dry_run && rc == FU_OK ? FU_OK : end;
    }
    imp_free(&m);
    if (rc != FU_OK)
        import_stats_fini(st);
    return rc;
}
