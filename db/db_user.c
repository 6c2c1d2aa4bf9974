/* Users, their roles and departments; the department list; bootstrap of
 * a new database; who the effective user is (--as). */
#include "db/internal.h"
#include "util/text.h"
#include "util/mem.h"
#include "core/task.h"
#include "core/user.h"
#include "db/db_user.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names --------------------------------------------------------------- */

/* Length of the UTF-8 sequence at s (n bytes left) and its code point, or
 * 0 when invalid (overlong, surrogate, truncated, > U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
    if (len == 0 || s[0] > 0xf4 || len > n)
        return 0;
    uint32_t c = s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

static int is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
           c == 0x3000 || c == 0xa0;
}

static int bad_char(uint32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

/* Trims white space (ASCII, NBSP, U+3000), then checks what is left. */
int db_dept_name_check(const char *name, char *out, size_t outlen, char *err, size_t errlen)
{
    const unsigned char *s = (const unsigned char *)(name ? name : "");
    size_t n = strlen((const char *)s), start = n, end = 0, chars = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t len = utf8_seq(s + i, n - i, &c);
        if (len == 0)
            return db_errf(err, errlen, FU_USAGE, "department name is not valid UTF-8");
        if (!is_space(c)) {
            start = start < i ? start : i;
            end = i + len;
        }
        i += len;
    }
    if (end == 0)
        return db_errf(err, errlen, FU_USAGE, "department name is empty");
    for (size_t i = start; i < end;) {
        uint32_t c;
        size_t len = utf8_seq(s + i, end - i, &c);
        if (bad_char(c))
            return db_errf(err, errlen, FU_USAGE, "department names may not contain "
                           "control characters");
        /* two names that look the same must be the same name */
        if (text_cp_hidden(c))
            return db_errf(err, errlen, FU_USAGE, "department names may not contain "
                           "invisible or direction-changing characters (here U+%04X); type "
                           "the name again without it", (unsigned)c);
        if (c == ',')
            return db_errf(err, errlen, FU_USAGE, "department names may not contain ',' "
                           "(it separates --support names)");
        chars++;
        i += len;
    }
    if (chars > DB_DEPT_MAX_CHARS || end - start >= outlen)
        return db_errf(err, errlen, FU_USAGE, "department name is longer than %d characters",
                       DB_DEPT_MAX_CHARS);
    memcpy(out, s + start, end - start);
    out[end - start] = 0;
    return FU_OK;
}

static int login_check(const char *login, char *err, size_t errlen)
{
    size_t n = login ? strlen(login) : 0;
    if (n == 0 || n >= sizeof ((struct user *)0)->login)
        return db_errf(err, errlen, FU_USAGE, "a login name has 1 to 63 characters");
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '@' || (c == '-' && i > 0);
        if (!ok)
            return db_errf(err, errlen, FU_USAGE, "'%s' is not a login name (letters, digits, "
                           "'.', '_', '@', '-')", login);
    }
    return FU_OK;
}

int db_dept_id(struct db *db, const char *name, long long *id, char *err, size_t errlen)
{
    char clean[DB_DEPT_BUF];
    int rc = db_dept_name_check(name, clean, sizeof clean, err, errlen);
    if (rc != FU_OK)
        return rc;
    struct db_stmt s;
    rc = db_prepare_cached(db, &s, "SELECT d.id, d.retired_at IS NOT NULL, m.name FROM"
                           " departments d LEFT JOIN departments m ON m.id = d.merged_into"
                           " WHERE d.name = :name", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":name", clean);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW && !db_col_isnull(&s, 2)) {
            rc = db_errf(err, errlen, FU_USAGE, "department '%s' was merged into '%s'; use "
                         "that name", clean, db_col_text(&s, 2));
        } else if (rc == SQLITE_ROW && db_col_int(&s, 1)) {
            rc = db_errf(err, errlen, FU_USAGE, "department '%s' is retired; `followup dept "
                         "restore %s` brings it back", clean, clean);
        } else if (rc == SQLITE_ROW) {
            *id = db_col_int(&s, 0);
            rc = FU_OK;
        } else if (rc == SQLITE_DONE) {
            rc = db_errf(err, errlen, FU_NOTFOUND, "no department '%s'; add it with "
                         "`followup dept add %s`", clean, clean);
        }
    }
    db_finish(&s);
    return rc;
}

/* ---- users --------------------------------------------------------------- */

#define USER_COLS                                                                     \
    "SELECT u.id, u.login, u.role, (SELECT group_concat(name, char(31)) FROM"         \
    " (SELECT d.name AS name FROM user_depts ud JOIN departments d ON d.id = ud.dept_id" \
    " WHERE ud.user_id = u.id ORDER BY d.id)) FROM users u"

static int user_row(struct db_stmt *s, struct user *u, long long *uid)
{
    memset(u, 0, sizeof *u);
    if (uid)
        *uid = db_col_int(s, 0);
    db_col_copy(s, 1, u->login, sizeof u->login);
    enum role r = ROLE_VIEWER;
    role_parse(db_col_text(s, 2), &r);
    u->role = r;
    u->known = 1;
    return db_split(db_col_text(s, 3), &u->depts, &u->ndepts);
}

/* Fills u for login; known=0 (viewer) when there is no such user. */
static int user_get(struct db *db, const char *login, struct user *u, long long *uid,
                    char *err, size_t errlen)
{
    struct db_stmt s;
    memset(u, 0, sizeof *u);
    snprintf(u->login, sizeof u->login, "%s", login);
    u->role = ROLE_VIEWER;
    if (uid)
        *uid = 0;
    int rc = db_prepare_cached(db, &s, USER_COLS " WHERE u.login = :login", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":login", login);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            rc = user_row(&s, u, uid) == 0 ? FU_OK : db_errf(err, errlen, FU_ERR, "out of memory");
        else if (rc == SQLITE_DONE)
            rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

int db_user_load(struct db *db, const struct actor *a, struct user *u, long long *uid,
                 char *err, size_t errlen)
{
    memset(u, 0, sizeof *u);
    if (!a || !a->login[0])
        return db_errf(err, errlen, FU_ERR, "cannot tell who you are (no login name)");
    int rc = user_get(db, a->login, u, uid, err, errlen);
    if (rc != FU_OK || !a->as_user[0] || strcmp(a->as_user, a->login) == 0)
        return rc;
    if (u->role != ROLE_COMMITTEE) {
        user_fini(u);
        return db_errf(err, errlen, FU_PERM, "only committee users may act --as another user");
    }
    user_fini(u);
    rc = user_get(db, a->as_user, u, uid, err, errlen);   /* unknown: a viewer, as anyone */
    if (rc != FU_OK)
        user_fini(u);
    return rc;
}

int db_user_effective(struct db *db, const struct actor *a, struct user *out,
                      char *err, size_t errlen)
{
    return db_user_load(db, a, out, NULL, err, errlen);
}

/* May the acting user manage users and departments? */
static int may_manage(struct db *db, const struct actor *a, char *err, size_t errlen)
{
    struct user u;
    int rc = db_user_load(db, a, &u, NULL, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_MANAGE, 0, err, errlen);
    user_fini(&u);
    return rc;
}

/* "bob department [区科委,区财政局]" for the history; NULL when unknown. */
char *db_user_desc(const struct user *u)
{
    struct db_buf b = {0};
    if (!u->known)
        return NULL;
    db_buf_fmt(&b, "%s %s", u->login, role_key(u->role));
    if (u->ndepts) {
        db_buf_str(&b, " [");
        for (size_t i = 0; i < u->ndepts; i++) {
            if (i)
                db_buf_str(&b, ",");
            db_buf_str(&b, u->depts[i]);
        }
        db_buf_str(&b, "]");
    }
    if (b.oom)
        db_buf_fini(&b);
    return b.p;
}

static int committee_count(struct db *db, long long *n, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT count(*) FROM users WHERE role = 'committee'", err,
                         errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        *n = db_col_int(&s, 0);
        rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

/* The last committee user may not stop being one. */
static int keep_committee(struct db *db, const struct user *old, enum role next,
                          char *err, size_t errlen)
{
    long long n = 0;
    if (!old->known || old->role != ROLE_COMMITTEE || next == ROLE_COMMITTEE)
        return FU_OK;
    int rc = committee_count(db, &n, err, errlen);
    if (rc == FU_OK && n <= 1)
        rc = db_errf(err, errlen, FU_ERR, "%s is the last committee user; make another "
                     "user committee first", old->login);
    return rc;
}

static int user_write(struct db *db, const char *login, enum role role, const long long *ids,
                      size_t nids, char *err, size_t errlen)
{
    struct db_stmt s;
    char now[32];
    long long uid = 0;
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "INSERT INTO users (login, role, created_at) VALUES (:login,"
                         " :role, :now) ON CONFLICT (login) DO UPDATE SET role = excluded.role"
                         " RETURNING id", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":login", login);
        db_bind_text(&s, ":role", role_key(role));
        db_bind_text(&s, ":now", now);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            uid = db_col_int(&s, 0);
            rc = db_run(&s, err, errlen);
        } else if (rc == SQLITE_DONE) {
            rc = db_errf(err, errlen, FU_ERR, "internal error: user '%s' was not stored", login);
        }
    }
    db_finish(&s);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "DELETE FROM user_depts WHERE user_id = :u",
                                         err, errlen)) == FU_OK) {
        db_bind_int(&s, ":u", uid);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    for (size_t i = 0; rc == FU_OK && i < nids; i++) {
        rc = db_prepare_cached(db, &s, "INSERT OR IGNORE INTO user_depts (user_id, dept_id) VALUES"
                         " (:u, :d)", err, errlen);
        if (rc == FU_OK) {
            db_bind_int(&s, ":u", uid);
            db_bind_int(&s, ":d", ids[i]);
            rc = db_run(&s, err, errlen);
        }
        db_finish(&s);
    }
    return rc;
}

static int user_add_tx(struct db *db, const struct actor *a, const char *login,
                       enum role role, const char *const *depts, size_t ndepts,
                       char *err, size_t errlen)
{
    struct user old = {0}, cur = {0};
    char *od = NULL, *nd = NULL;
    long long *ids = calloc(ndepts + 1, sizeof *ids);
    int rc = ids ? may_manage(db, a, err, errlen) : db_errf(err, errlen, FU_ERR, "out of memory");
    for (size_t i = 0; rc == FU_OK && i < ndepts; i++)
        rc = db_dept_id(db, depts[i], &ids[i], err, errlen);
    if (rc == FU_OK)
        rc = user_get(db, login, &old, NULL, err, errlen);
    if (rc == FU_OK)
        rc = keep_committee(db, &old, role, err, errlen);
    if (rc == FU_OK)
        rc = user_write(db, login, role, ids, ndepts, err, errlen);
    if (rc == FU_OK)
        rc = user_get(db, login, &cur, NULL, err, errlen);
    if (rc == FU_OK) {
        od = db_user_desc(&old);
        nd = db_user_desc(&cur);
        if (!nd || (old.known && !od))
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
        else if (!od || strcmp(od, nd) != 0)
            rc = db_history_add(db, a, 0, "user", od, nd, NULL, err, errlen);
    }
    free(od);
    free(nd);
    free(ids);
    user_fini(&old);
    user_fini(&cur);
    return rc;
}

int db_user_add(struct db *db, const struct actor *a, const char *login,
                enum role role, const char *const *depts, size_t ndepts,
                char *err, size_t errlen)
{
    int rc = login_check(login, err, errlen);
    if (rc != FU_OK)
        return rc;
    if ((unsigned)role > ROLE_COMMITTEE)
        return db_errf(err, errlen, FU_USAGE, "unknown role; use viewer, department or "
                       "committee");
    if (role == ROLE_DEPARTMENT && ndepts == 0)
        return db_errf(err, errlen, FU_USAGE, "a department user needs at least one "
                       "department (--dept D)");
    rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = user_add_tx(db, a, login, role, depts, ndepts, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_user_remove(struct db *db, const struct actor *a, const char *login,
                   char *err, size_t errlen)
{
    struct user old = {0};
    struct db_stmt s = {0};
    char *od = NULL;
    long long uid = 0;
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = may_manage(db, a, err, errlen);
    if (rc == FU_OK)
        rc = user_get(db, login ? login : "", &old, &uid, err, errlen);
    if (rc == FU_OK && !old.known)
        rc = db_errf(err, errlen, FU_NOTFOUND, "no user '%s'; `followup user list` shows them",
                     login ? login : "");
    if (rc == FU_OK)
        rc = keep_committee(db, &old, ROLE_VIEWER, err, errlen);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "DELETE FROM users WHERE id = :id", err,
                                         errlen)) == FU_OK) {
        db_bind_int(&s, ":id", uid);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    if (rc == FU_OK) {
        od = db_user_desc(&old);
        rc = od ? db_history_add(db, a, 0, "user", od, NULL, NULL, err, errlen)
                : db_errf(err, errlen, FU_ERR, "out of memory");
    }
    free(od);
    user_fini(&old);
    return db_end(db, rc, err, errlen);
}

int db_user_list(struct db *db, struct user_list *out, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, USER_COLS " ORDER BY u.login", err, errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        if (user_row(&s, &out->v[out->n++], NULL) != 0)
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        user_list_fini(out);
    return rc;
}

/* ---- departments --------------------------------------------------------- */

int db_dept_insert(struct db *db, const char *clean, int *added, char *err, size_t errlen)
{
    struct db_stmt s;
    char now[32];
    db_now(now, sizeof now);
    int rc = db_prepare_cached(db, &s, "INSERT INTO departments (name, created_at) VALUES (:name,"
                         " :now) ON CONFLICT (name) DO NOTHING", err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":name", clean);
        db_bind_text(&s, ":now", now);
        rc = db_run(&s, err, errlen);
        *added = sqlite3_changes(db->h) > 0;
    }
    db_finish(&s);
    return rc;
}

int db_dept_add(struct db *db, const struct actor *a, const char *name,
                char *err, size_t errlen)
{
    char clean[DB_DEPT_BUF];
    int added = 0;
    int rc = db_dept_name_check(name, clean, sizeof clean, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = may_manage(db, a, err, errlen);
    if (rc == FU_OK)
        rc = db_dept_insert(db, clean, &added, err, errlen);
    if (rc == FU_OK && !added) {
        long long id = 0;
        rc = db_dept_id(db, clean, &id, err, errlen);   /* says so when retired or merged */
        if (rc == FU_OK)
            rc = db_errf(err, errlen, FU_ERR, "department '%s' exists already", clean);
    }
    if (rc == FU_OK)
        rc = db_history_add(db, a, 0, "dept", NULL, clean, NULL, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_dept_list(struct db *db, struct dept_list *out, char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, "SELECT name FROM departments WHERE retired_at IS NULL"
                               " ORDER BY id", err, errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            break;
        }
        if (!(out->v[out->n++] = strdup(db_col_text(&s, 0))))
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        dept_list_fini(out);
    return rc;
}

/* ---- bootstrap ----------------------------------------------------------- */

static int count_rows(struct db *db, const char *sql, long long *n, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, sql, err, errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        *n = db_col_int(&s, 0);
        rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

static int bootstrap_tx(struct db *db, const struct actor *a, const char *const *depts,
                        size_t ndepts, char *err, size_t errlen)
{
    long long nusers = 0, ndep = 0;
    int rc = count_rows(db, "SELECT count(*) FROM users", &nusers, err, errlen);
    if (rc == FU_OK && nusers == 0) {
        char desc[128];
        rc = user_write(db, a->login, ROLE_COMMITTEE, NULL, 0, err, errlen);
        snprintf(desc, sizeof desc, "%s committee", a->login);
        if (rc == FU_OK)
            rc = db_history_add(db, a, 0, "user", NULL, desc, "first user", err, errlen);
    }
    if (rc == FU_OK)
        rc = count_rows(db, "SELECT count(*) FROM departments", &ndep, err, errlen);
    for (size_t i = 0; rc == FU_OK && ndep == 0 && i < ndepts; i++) {
        char clean[DB_DEPT_BUF];
        int added = 0;
        rc = db_dept_name_check(depts[i], clean, sizeof clean, err, errlen);
        if (rc == FU_OK)
            rc = db_dept_insert(db, clean, &added, err, errlen);
        if (rc == FU_OK && added)
            rc = db_history_add(db, a, 0, "dept", NULL, clean, NULL, err, errlen);
    }
    return rc;
}

int db_bootstrap(struct db *db, const char *login, const char *const *depts,
                 size_t ndepts, char *err, size_t errlen)
{
    struct actor a = {{0}, {0}};
    int rc = login_check(login, err, errlen);
    if (rc != FU_OK)
        return rc;
    snprintf(a.login, sizeof a.login, "%s", login);
    /* Every command comes through here: a plain read settles the usual
     * case without taking the write lock. bootstrap_tx checks again inside
     * the write transaction, so two first users cannot both bootstrap. */
    struct db_stmt s;
    int settled = 0;
    rc = db_prepare_cached(db, &s, "SELECT EXISTS (SELECT 1 FROM users) AND"
                           " (:ndepts = 0 OR EXISTS (SELECT 1 FROM departments))", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":ndepts", (long long)ndepts);
        if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            settled = (int)db_col_int(&s, 0);
            rc = FU_OK;
        }
    }
    db_finish(&s);
    if (rc != FU_OK || settled)
        return rc;
    rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = bootstrap_tx(db, &a, depts, ndepts, err, errlen);
    return db_end(db, rc, err, errlen);
}
