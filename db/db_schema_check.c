/* The schema check (issue 13, issue 23): a database's sqlite_schema must
 * be exactly what this program's migrations create for its version. An
 * object followup did not create (a trigger, a view in a table's place),
 * one that differs, or one that is missing is refused with one line
 * naming it, before anything else reads the file. */
#include "db/internal.h"

#include <stdlib.h>
#include <string.h>

struct sobj { char *type, *name, *tbl, *sql; };
struct sobjs { struct sobj *v; size_t n; };

static void sobjs_free(struct sobjs *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].type);
        free(l->v[i].name);
        free(l->v[i].tbl);
        free(l->v[i].sql);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static char *dup_col(sqlite3_stmt *st, int col, int *oom)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    char *d = v ? strdup(v) : NULL;
    if (v && !d)
        *oom = 1;
    return d;
}

/* Every object of h's schema (autoindexes too), by name. */
static int read_schema(sqlite3 *h, struct sobjs *out)
{
    sqlite3_stmt *st = NULL;
    int oom = 0, src = sqlite3_prepare_v2(h, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                          " ORDER BY name", -1, &st, NULL);
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    while (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct sobj *v = realloc(out->v, ncap * sizeof *v);
            if (!v) {
                src = SQLITE_NOMEM;
                break;
            }
            out->v = v;
            cap = ncap;
        }
        struct sobj *o = &out->v[out->n++];
        o->type = dup_col(st, 0, &oom);
        o->name = dup_col(st, 1, &oom);
        o->tbl = dup_col(st, 2, &oom);
        o->sql = dup_col(st, 3, &oom);
        src = oom ? SQLITE_NOMEM : SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (src == SQLITE_DONE)
        return SQLITE_OK;
    sobjs_free(out);
    return src;
}

/* The schema migrations 1..upto create, in a :memory: database. */
static int reference_schema(long long upto, struct sobjs *out)
{
    sqlite3 *h = NULL;
    int src = sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE, NULL);
    for (long long v = 1; src == SQLITE_OK && v <= upto && v <= DB_SCHEMA_VERSION; v++)
        src = sqlite3_exec(h, db_schema_script(v), NULL, NULL, NULL);
    if (src == SQLITE_OK)
        src = read_schema(h, out);
    sqlite3_close(h);
    return src;
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const struct sobj *find_obj(const struct sobjs *l, const char *name)
{
    for (size_t i = 0; name && i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0)
            return &l->v[i];
    return NULL;
}

/* ANALYZE's statistics steer query plans only. */
static int harmless_obj(const char *type, const char *name)
{
    return type && name && strcmp(type, "table") == 0 &&
           (strcmp(name, "sqlite_stat1") == 0 || strcmp(name, "sqlite_stat4") == 0);
}

static int harmless(const struct sobj *o)
{
    return harmless_obj(o->type, o->name);
}

static int compare(struct db *db, const struct sobjs *have, const struct sobjs *want,
                   char *err, size_t errlen)
{
    const char *mend = "refusing to open it; restore a backup made by followup";
    for (size_t i = 0; i < have->n; i++) {
        const struct sobj *o = &have->v[i], *r = find_obj(want, o->name);
        if (harmless(o))
            continue;
        if (!r)
            return db_errf(err, errlen, FU_ERR, "%s holds the %s '%s' (on %s), which followup "
                           "did not create; %s", db->path, o->type, o->name, o->tbl, mend);
        if (!same(o->type, r->type) || !same(o->tbl, r->tbl) || !same(o->sql, r->sql))
            return db_errf(err, errlen, FU_ERR, "%s: the %s '%s' is not the %s followup "
                           "created; %s", db->path, o->type, o->name, r->type, mend);
    }
    for (size_t i = 0; i < want->n; i++)
        if (!find_obj(have, want->v[i].name))
            return db_errf(err, errlen, FU_ERR, "%s lacks the %s '%s' followup creates; %s",
                           db->path, want->v[i].type, want->v[i].name, mend);
    return FU_OK;
}

/* Is column col of st the text want (NULL: an SQL NULL), byte for byte? */
static int col_is(sqlite3_stmt *st, int col, const char *want)
{
    if (!want)
        return sqlite3_column_type(st, col) == SQLITE_NULL;
    const unsigned char *v = sqlite3_column_text(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    return v && n == strlen(want) && memcmp(v, want, n) == 0;
}

/* No hash: the rows themselves are compared, so no crafted schema can
 * pass for ours; any difference is named by the full comparison below. */
int db_schema_same_as_built(sqlite3 *h, long long v, int *same)
{
    *same = 0;
    if (v < 0 || v >= db_schema_ref_count)
        return SQLITE_OK;
    const struct db_schema_ref *ref = &db_schema_refs[v];
    sqlite3_stmt *st = NULL;
    int eq = 1, src = sqlite3_prepare_v2(h, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                         " ORDER BY name", -1, &st, NULL);
    size_t i = 0;
    while (src == SQLITE_OK && eq && (src = sqlite3_step(st)) == SQLITE_ROW) {
        src = SQLITE_OK;
        if (harmless_obj((const char *)sqlite3_column_text(st, 0),
                         (const char *)sqlite3_column_text(st, 1)))
            continue;
        if (i == ref->n) {
            eq = 0;
            break;
        }
        const struct db_schema_row *r = &db_schema_ref_rows[ref->rows[i++]];
        eq = col_is(st, 0, r->type) && col_is(st, 1, r->name) && col_is(st, 2, r->tbl) &&
             col_is(st, 3, r->sql);
    }
    sqlite3_finalize(st);
    if (src == SQLITE_DONE)
        src = SQLITE_OK;
    *same = src == SQLITE_OK && eq && i == ref->n;
    return src;
}

int db_schema_check(struct db *db, char *err, size_t errlen)
{
    long long v = 0;
    struct sobjs have = {0}, want = {0};
    int same = 0;
    int rc = db_schema_version(db, &v, err, errlen);
    if (rc != FU_OK)
        return rc;
    /* The usual case costs one read of sqlite_schema; any difference (or
     * an SQLite whose text of the same objects differs from the build's)
     * goes the slow way: the migrations rebuilt in :memory:, compared
     * object by object, which names what is wrong. */
    int src = db_schema_same_as_built(db->h, v, &same);
    if (src == SQLITE_OK && same)
        return FU_OK;
    src = read_schema(db->h, &have);
    if (src != SQLITE_OK)
        return db_sqlite_err(db, src, sqlite3_errmsg(db->h), "SELECT … FROM sqlite_schema",
                             err, errlen);
    src = reference_schema(v, &want);
    rc = src == SQLITE_OK ? compare(db, &have, &want, err, errlen)
                          : db_errf(err, errlen, FU_ERR, "cannot build the reference schema "
                                    "(%s)", sqlite3_errstr(src));
    sobjs_free(&have);
    sobjs_free(&want);
    return rc;
}
