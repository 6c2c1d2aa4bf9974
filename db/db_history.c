/* The audit trail: history rows chained by SHA-256, reading them back,
 * verifying the chain and the file, and online backups. */
#include "db/internal.h"
#include "util/mem.h"
#include "core/history.h"
#include "core/user.h"
#include "db/db_history.h"
#include "db/db_verify.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct hrow {
    long long id;
    const char *at, *actor, *as_user;
    long long task_id;     /* 0 for NULL */
    const char *field, *old_value, *new_value, *note, *prev_hash;
};

/* The canonical form: a version label, then every field length-prefixed
 * (util.c: db_hash_str), then the previous row's hash. */
static int row_hash(const struct hrow *r, char out[65])
{
    struct db_hash h;
    if (db_hash_init(&h) != 0)
        return -1;
    db_hash_str(&h, "followup-history-1");
    db_hash_int(&h, r->id);
    db_hash_str(&h, r->at);
    db_hash_str(&h, r->actor);
    db_hash_str(&h, r->as_user);
    db_hash_int(&h, r->task_id);
    db_hash_str(&h, r->field);
    db_hash_str(&h, r->old_value);
    db_hash_str(&h, r->new_value);
    db_hash_str(&h, r->note);
    db_hash_str(&h, r->prev_hash);
    return db_hash_hex(&h, out);
}

/* Must run inside a write transaction (BEGIN IMMEDIATE): the last row read
 * here is still the last row when ours is inserted. */
int db_history_add(struct db *db, const struct actor *a, long long task_id,
                   const char *field, const char *old_value, const char *new_value,
                   const char *note, char *err, size_t errlen)
{
    if (db->depth == 0)
        return db_errf(err, errlen, FU_ERR, "internal error: history outside a transaction");
    struct db_stmt s;
    char prev[65] = "", at[32], hash[65];
    long long last = 0;
    int rc = db_prepare_cached(db, &s, "SELECT id, hash FROM history ORDER BY id DESC LIMIT 1",
                         err, errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        last = db_col_int(&s, 0);
        db_col_copy(&s, 1, prev, sizeof prev);
    }
    db_finish(&s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rc;
    db_now(at, sizeof at);
    struct hrow r = {
        .id = last + 1, .at = at, .actor = a->login,
        .as_user = db_as_user(a), .task_id = task_id,
        .field = field, .old_value = old_value, .new_value = new_value, .note = note,
        .prev_hash = prev,
    };
    if (row_hash(&r, hash) != 0)
        return db_hash_fail(err, errlen);
    rc = db_prepare_cached(db, &s,
                     "INSERT INTO history (id, at, actor, as_user, task_id, field, old, new,"
                     " note, prev_hash, hash) VALUES (:id, :at, :actor, :as_user, :task_id,"
                     " :field, :old, :new, :note, :prev_hash, :hash)",
                     err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", r.id);
        db_bind_text(&s, ":at", r.at);
        db_bind_text(&s, ":actor", r.actor);
        db_bind_text(&s, ":as_user", r.as_user);
        db_bind_id(&s, ":task_id", task_id);
        db_bind_text(&s, ":field", field);
        db_bind_text(&s, ":old", old_value);
        db_bind_text(&s, ":new", new_value);
        db_bind_text(&s, ":note", note);
        db_bind_text(&s, ":prev_hash", prev);
        db_bind_text(&s, ":hash", hash);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

/* ---- reading ------------------------------------------------------------- */

#define HISTORY_COLS                                                                   \
    "SELECT h.id, h.at, h.actor, h.as_user, coalesce(h.task_id, 0),"                   \
    " CASE WHEN t.id IS NULL THEN NULL ELSE 'R' || t.report_id || ':' || t.code END,"  \
    " h.field, h.old, h.new, h.note"                                                   \
    " FROM history h LEFT JOIN tasks t ON t.id = h.task_id"

static int history_row(struct db_stmt *s, struct history_entry *e)
{
    int oom = 0;
    memset(e, 0, sizeof *e);
    e->id = db_col_int(s, 0);
    db_col_copy(s, 1, e->at, sizeof e->at);
    e->actor = db_col_dup(s, 2, &oom);
    e->as_user = db_col_dup(s, 3, &oom);
    e->task_id = db_col_int(s, 4);
    e->task_ref = db_col_dup(s, 5, &oom);
    e->field = db_col_dup(s, 6, &oom);
    e->old_value = db_col_dup(s, 7, &oom);
    e->new_value = db_col_dup(s, 8, &oom);
    e->note = db_col_dup(s, 9, &oom);
    return oom;
}

int db_history(struct db *db, const struct history_filter *f, struct history_list *out,
               char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = f && f->task_id
        ? db_prepare_cached(db, &s, HISTORY_COLS " WHERE h.task_id = :task"
                      " AND (:since IS NULL OR h.at >= :since)"
                      " AND (:user IS NULL OR h.actor = :user OR h.as_user = :user)"
                      " ORDER BY h.id", err, errlen)
        : db_prepare_cached(db, &s, HISTORY_COLS " WHERE (:since IS NULL OR h.at >= :since)"
                      " AND (:user IS NULL OR h.actor = :user OR h.as_user = :user)"
                      " ORDER BY h.id", err, errlen);
    if (rc != FU_OK)
        goto done;
    if (f && f->task_id)
        db_bind_int(&s, ":task", f->task_id);
    db_bind_text(&s, ":since", f && f->since && *f->since ? f->since : NULL);
    db_bind_text(&s, ":user", f && f->user && *f->user ? f->user : NULL);
    while ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            goto done;
        }
        int oom = history_row(&s, &out->v[out->n++]);
        if (oom) {
            rc = db_errf(err, errlen, FU_ERR, "out of memory");
            goto done;
        }
    }
    rc = rc == SQLITE_DONE ? FU_OK : rc;
done:
    db_finish(&s);
    if (rc != FU_OK)
        history_list_fini(out);
    return rc;
}

/* ---- integrity ----------------------------------------------------------- */

int db_integrity_file(struct db *db, int full, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = full ? db_prepare(db, &s, "PRAGMA integrity_check", err, errlen)
                  : db_prepare(db, &s, "PRAGMA quick_check", err, errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        const char *msg = db_col_text(&s, 0);
        rc = msg && strcmp(msg, "ok") == 0
            ? FU_OK
            : db_errf(err, errlen, FU_ERR, "%s failed the integrity check (%s); restore it "
                      "from a backup", db->path, msg ? msg : "no answer");
    } else if (rc == SQLITE_DONE) {
        rc = FU_OK;
    }
    db_finish(&s);
    return rc;
}

int db_integrity(struct db *db, int full, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_integrity_file(db, full, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_prepare(db, &s, "PRAGMA foreign_key_check", err, errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW)
        rc = db_errf(err, errlen, FU_ERR, "%s failed the foreign key check (table %s, row "
                     "%lld); restore it from a backup", db->path, db_col_text(&s, 0),
                     db_col_int(&s, 1));
    else if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    return rc;
}

int db_note_explains(const char *note)
{
    long long n;
    int end = 0;
    if (!note)
        return 0;
    if (strcmp(note, DB_NOTE_MARK) == 0)
        return 1;
    return sscanf(note, "review round %lld: rated unsatisfied, reopened%n", &n, &end) == 1 &&
           end > 0 && note[end] == '\0';
}

int db_chain_walk(struct db *db, const char *find, long long *found, long long *rows,
                  char head[65], char *err, size_t errlen)
{
    struct db_stmt s;
    char prev[65] = "", hash[65];
    long long n = 0, prev_id = 0;
    size_t findlen = find ? strlen(find) : 0;
    if (found)
        *found = 0;
    int rc = db_prepare(db, &s, "SELECT id, at, actor, as_user, coalesce(task_id, 0), field,"
                          " old, new, note, prev_hash, hash FROM history ORDER BY id",
                          err, errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        struct hrow r = {
            .id = db_col_int(&s, 0), .at = db_col_text(&s, 1), .actor = db_col_text(&s, 2),
            .as_user = db_col_text(&s, 3), .task_id = db_col_int(&s, 4),
            .field = db_col_text(&s, 5), .old_value = db_col_text(&s, 6),
            .new_value = db_col_text(&s, 7), .note = db_col_text(&s, 8),
            .prev_hash = db_col_text(&s, 9),
        };
        const char *stored = db_col_text(&s, 10);
        if (row_hash(&r, hash) != 0) {
            rc = db_hash_fail(err, errlen);
        } else if (!stored || strcmp(hash, stored) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "history row %lld does not match its hash: the "
                         "audit trail was altered", r.id);
        } else if (!r.prev_hash || strcmp(r.prev_hash, prev) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "history row %lld does not follow row %lld: the "
                         "audit trail was altered (a row was removed or changed)", r.id,
                         prev_id);
        } else {
            snprintf(prev, sizeof prev, "%s", stored);
            prev_id = r.id;
            n++;
            if (findlen && found && !*found && strncmp(stored, find, findlen) == 0)
                *found = r.id;
            rc = FU_OK;
        }
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc == FU_OK) {
        if (rows)
            *rows = n;
        if (head)
            snprintf(head, 65, "%s", prev);
    }
    return rc;
}

int db_verify(struct db *db, long long *rows, char head[65], char *err, size_t errlen)
{
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_integrity(db, 0, err, errlen);
    if (rc == FU_OK)
        rc = db_chain_walk(db, NULL, NULL, rows, head, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_chain_head(struct db *db, long long *rows, char head[65], char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "SELECT (SELECT count(*) FROM history),"
                         " (SELECT hash FROM history ORDER BY id DESC LIMIT 1)", err, errlen);
    if (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        if (rows)
            *rows = db_col_int(&s, 0);
        if (head)
            db_col_copy(&s, 1, head, 65);
        rc = FU_OK;
    } else if (rc == SQLITE_DONE) {
        rc = db_errf(err, errlen, FU_ERR, "internal error: no chain head row");
    }
    db_finish(&s);
    return rc;
}

/* ---- backup -------------------------------------------------------------- */

static int copy_pages(struct db *db, sqlite3 *dst, const char *path, char *err, size_t errlen)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->h, "main");
    if (!b)
        return db_errf(err, errlen, FU_ERR, "cannot back up to %s: %s", path,
                       sqlite3_errmsg(dst));
    int src, attempt = 0;
    db->wait_from = 0;   /* the busy handler counts this wait afresh */
    for (;;) {
        src = sqlite3_backup_step(b, 256);
        if (src == SQLITE_OK) {
            attempt = 0;
            continue;
        }
        if (((src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED) &&
            db_backoff(attempt++))
            continue;
        break;
    }
    int fin = sqlite3_backup_finish(b);
    if (src != SQLITE_DONE)
        return db_sqlite_err(db, src, sqlite3_errstr(src), NULL, err, errlen);
    if (fin != SQLITE_OK)
        return db_errf(err, errlen, FU_ERR, "cannot back up to %s: %s", path,
                       sqlite3_errmsg(dst));
    return FU_OK;
}

int db_backup(struct db *db, const char *path, char *err, size_t errlen)
{
    if (!path || !*path)
        return db_errf(err, errlen, FU_USAGE, "backup needs a file name");
    if (db->depth)
        return db_errf(err, errlen, FU_ERR, "internal error: backup inside a transaction");
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return db_errf(err, errlen, FU_ERR, "%s exists already; backup never overwrites "
                           "a file, give a new name", path);
        return db_errf(err, errlen, FU_ERR, "cannot create %s: %s", path, strerror(errno));
    }
    int rc = fchmod(fd, 0600) == 0 ? FU_OK
             : db_errf(err, errlen, FU_ERR, "cannot set the mode of %s: %s", path,
                       strerror(errno));
    close(fd);
    sqlite3 *dst = NULL;
    if (rc == FU_OK) {
        int src = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
        if (src != SQLITE_OK)
            rc = db_errf(err, errlen, FU_ERR, "cannot open %s: %s", path,
                         dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
        else
            rc = copy_pages(db, dst, path, err, errlen);
    }
    if (dst)
        sqlite3_close_v2(dst);
    if (rc != FU_OK)
        unlink(path);
    return rc;
}
