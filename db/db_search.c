/* Search through the trigram index (schema v5's task_fts, an external-
 * content FTS5 table over tasks' text, body and code): the pattern and
 * plan shared by list --search and the interface's search, and the
 * writes that keep the index in step with the tasks. No triggers: import
 * indexes its new tasks in one statement after writing them. */
#include "db/internal.h"

#include <stdlib.h>
#include <string.h>

char *db_like_pattern(const char *q, int *oom)
{
    if (!q || !*q)
        return NULL;
    char *p = malloc(2 * strlen(q) + 3), *o = p;
    if (!p) {
        *oom = 1;
        return NULL;
    }
    *o++ = '%';
    for (; *q; q++) {
        if (*q == '%' || *q == '_' || *q == '\\')
            *o++ = '\\';
        *o++ = *q;
    }
    *o++ = '%';
    *o = '\0';
    return p;
}

/* Characters (UTF-8 sequences) in s, counting up to 3. */
static int chars_upto3(const char *s)
{
    int n = 0;
    for (; *s && n < 3; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* q as one FTS5 phrase: in double quotes, inner quotes doubled. */
static char *fts_phrase(const char *q)
{
    size_t n = strlen(q), extra = 0;
    for (const char *c = q; *c; c++)
        extra += *c == '"';
    char *m = malloc(n + extra + 3), *o = m;
    if (!m)
        return NULL;
    *o++ = '"';
    for (const char *c = q; *c; c++) {
        if (*c == '"')
            *o++ = '"';
        *o++ = *c;
    }
    *o++ = '"';
    *o = '\0';
    return m;
}

static int any_dept_like(struct db *db, const char *pattern, int *any, char *err,
                         size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT EXISTS (SELECT 1 FROM departments"
                               " WHERE name LIKE :p ESCAPE '\\')", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":p", pattern);
        rc = db_step(&s, err, errlen);
        *any = rc == SQLITE_ROW && db_col_int(&s, 0);
        rc = rc == SQLITE_ROW ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

int db_search_plan(struct db *db, const char *q, struct db_search *out, char *err,
                   size_t errlen)
{
    int oom = 0;
    memset(out, 0, sizeof *out);
    if (!q || !*q)
        return FU_OK;
    out->like = db_like_pattern(q, &oom);
    int rc = oom ? db_errf(err, errlen, FU_ERR, "out of memory") : FU_OK;
    if (rc == FU_OK)
        rc = any_dept_like(db, out->like, &out->depts, err, errlen);
    /* The trigram index finds texts that hold every three-character piece
     * of q in sequence: it cannot look for fewer than three characters,
     * and department names are not in it (a term that names a department
     * matches that department's many tasks: the scan finds them at once). */
    if (rc == FU_OK && chars_upto3(q) >= 3 && !out->depts && !(out->match = fts_phrase(q)))
        rc = db_errf(err, errlen, FU_ERR, "out of memory");
    if (rc != FU_OK)
        db_search_fini(out);
    return rc;
}

void db_search_fini(struct db_search *s)
{
    free(s->like);
    free(s->match);
    memset(s, 0, sizeof *s);
}

/* ---- keeping the index in step ------------------------------------------------ */

int db_fts_forget(struct db *db, long long id, const char *text, const char *body,
                  const char *code, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "INSERT INTO task_fts (task_fts, rowid, text, body,"
                               " code) VALUES ('delete', :id, :text, :body, :code)", err,
                               errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", id);
        db_bind_text(&s, ":text", text);
        db_bind_text(&s, ":body", body);
        db_bind_text(&s, ":code", code);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

int db_fts_add(struct db *db, long long from_id, long long to_id, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "INSERT INTO task_fts (rowid, text, body, code)"
                               " SELECT id, text, body, code FROM tasks"
                               " WHERE id BETWEEN :lo AND :hi ORDER BY id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":lo", from_id);
        db_bind_int(&s, ":hi", to_id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}
