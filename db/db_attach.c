/* Evidence files (佐证材料): the bytes live in the database, written and
 * read with SQLite's incremental blob I/O a chunk at a time, so a file is
 * never held in memory whole; the SHA-256 enters the audit chain. */
#include "db/internal.h"
#include "util/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/json.h"
#include "core/task.h"
#include "core/user.h"
#include "core/workflow.h"
#include "db/db_attach.h"

#define CHUNK (64 * 1024)

static int oom(char *err, size_t errlen)
{
    return db_errf(err, errlen, FU_ERR, "out of memory");
}

/* ---- storing ------------------------------------------------------------------------ */

static int name_check(const char *name, char *err, size_t errlen)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return db_errf(err, errlen, FU_USAGE, "the attachment needs a file name");
    if (n > 255 || strchr(name, '/'))
        return db_errf(err, errlen, FU_USAGE, "the attachment's name must be one file name "
                       "of at most 255 bytes, without '/'");
    return FU_OK;
}

/* Copies size bytes from fd into the blob of row id, hashing them. */
static int stream_in(struct db *db, long long id, int fd, long long size, char sha[65],
                     char *err, size_t errlen)
{
    sqlite3_blob *b = NULL;
    struct db_hash h = {0};
    char *buf = malloc(CHUNK);
    long long done = 0;
    int src = sqlite3_blob_open(db->h, "main", "attachments", "data", id, 1, &b);
    int rc = src == SQLITE_OK ? FU_OK : db_sqlite_err(db, src, sqlite3_errmsg(db->h), NULL,
                                                      err, errlen);
    if (rc == FU_OK && !buf)
        rc = oom(err, errlen);
    if (rc == FU_OK && db_hash_init(&h) != 0)
        rc = db_hash_fail(err, errlen);
    while (rc == FU_OK) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = db_errf(err, errlen, FU_ERR, "cannot read the file: %s", strerror(errno));
        } else if (n == 0) {
            if (done != size)
                rc = db_errf(err, errlen, FU_ERR, "the file shrank while it was read (%lld of "
                             "%lld bytes); nothing was stored, try again", done, size);
            break;
        } else if (done + n > size) {
            rc = db_errf(err, errlen, FU_ERR, "the file grew while it was read; nothing was "
                         "stored, try again when it is complete");
        } else if ((src = sqlite3_blob_write(b, buf, (int)n, (int)done)) != SQLITE_OK) {
            rc = db_sqlite_err(db, src, sqlite3_errmsg(db->h), NULL, err, errlen);
        } else {
            db_hash_bytes(&h, buf, (size_t)n);
            done += n;
        }
    }
    if (rc == FU_OK && db_hash_hex(&h, sha) != 0)
        rc = db_hash_fail(err, errlen);
    db_hash_abort(&h);
    free(buf);
    if (b)
        sqlite3_blob_close(b);
    return rc;
}

/* The history note: {"id":N,"name":"…","size":N,"note":…}. */
static char *history_note(const struct attachment *x)
{
    char *p = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&p, &n);
    if (!f)
        return NULL;
    fprintf(f, "{\"id\":%lld,\"name\":", x->id);
    json_str(f, x->name);
    fprintf(f, ",\"size\":%lld,\"note\":", x->size);
    json_str(f, x->note);
    fputc('}', f);
    if (fclose(f) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

static int insert_row(struct db *db, const struct actor *a, struct attachment *x,
                      char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s,
        "INSERT INTO attachments (task_id, name, size, sha256, note, at, actor, as_user, data)"
        " VALUES (:t, :name, :size, '', :note, :at, :actor, :as, zeroblob(:size))", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", x->task_id);
        db_bind_text(&s, ":name", x->name);
        db_bind_int(&s, ":size", x->size);
        db_bind_text(&s, ":note", x->note);
        db_bind_stamp(&s, a, x->at);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    x->id = sqlite3_last_insert_rowid(db->h);
    return rc;
}

static int set_hash(struct db *db, const struct attachment *x, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, "UPDATE attachments SET sha256 = :h WHERE id = :id",
                               err, errlen);
    if (rc == FU_OK) {
        db_bind_text(&s, ":h", x->sha256);
        db_bind_int(&s, ":id", x->id);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    return rc;
}

static int attach_tx(struct db *db, const struct actor *a, struct attachment *x, int fd,
                     char *err, size_t errlen)
{
    struct task t;
    struct user u;
    int own = 0;
    int rc = db_change_load(db, a, x->task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_ATTACH, own, err, errlen);
    if (rc == FU_OK)
        rc = insert_row(db, a, x, err, errlen);
    if (rc == FU_OK)
        rc = stream_in(db, x->id, fd, x->size, x->sha256, err, errlen);
    if (rc == FU_OK)
        rc = set_hash(db, x, err, errlen);
    if (rc == FU_OK)
        rc = db_task_bump(db, x->task_id, err, errlen);
    char *note = rc == FU_OK ? history_note(x) : NULL;
    if (rc == FU_OK && !note)
        rc = oom(err, errlen);
    if (rc == FU_OK)
        rc = db_history_add(db, a, x->task_id, "attachment", NULL, x->sha256, note, err,
                            errlen);
    free(note);
    task_fini(&t);
    user_fini(&u);
    return rc;
}

int db_attach(struct db *db, const struct actor *a, long long task_id, const char *name,
              int fd, long long size, long long max_bytes, const char *note,
              struct attachment *out, char *err, size_t errlen)
{
    struct attachment x = {.task_id = task_id, .size = size};
    int rc = name_check(name, err, errlen);
    if (rc == FU_OK && size > max_bytes)
        rc = db_errf(err, errlen, FU_ERR, "%s is %.1f MB, over the limit of %lld MB "
                     "([attachments] max_mb in config.ini); nothing was stored", name,
                     (double)size / (1024.0 * 1024.0), max_bytes / (1024 * 1024));
    if (rc == FU_OK && size < 0)
        rc = db_errf(err, errlen, FU_USAGE, "the file's size is unknown");
    if (rc == FU_OK && note && *note)
        rc = db_text_check(note, "note", err, errlen);
    if (rc != FU_OK)
        return rc;
    x.name = strdup(name);
    x.note = note && *note ? strdup(note) : NULL;
    if ((x.by = malloc(sizeof a->login + sizeof a->as_user + 8)) != NULL)
        snprintf(x.by, sizeof a->login + sizeof a->as_user + 8, "%s%s%s", a->login,
                 db_as_user(a) ? " as " : "", db_as_user(a) ? db_as_user(a) : "");
    db_now(x.at, sizeof x.at);
    if (!x.name || !x.by || (note && *note && !x.note))
        rc = oom(err, errlen);
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc == FU_OK) {
        rc = attach_tx(db, a, &x, fd, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    if (rc == FU_OK && out) {
        *out = x;
        return FU_OK;
    }
    attachment_fini(&x);
    return rc;
}

/* ---- reading ----------------------------------------------------------------------------- */

#define ATT_COLS                                                                        \
    "SELECT id, task_id, name, size, sha256, note, at,"                                 \
    " actor || coalesce(' as ' || as_user, '') FROM attachments"

static int att_row(struct db_stmt *s, struct attachment *x)
{
    int bad = 0;
    memset(x, 0, sizeof *x);
    x->id = db_col_int(s, 0);
    x->task_id = db_col_int(s, 1);
    x->name = db_col_dup(s, 2, &bad);
    x->size = db_col_int(s, 3);
    db_col_copy(s, 4, x->sha256, sizeof x->sha256);
    x->note = db_col_dup(s, 5, &bad);
    db_col_copy(s, 6, x->at, sizeof x->at);
    x->by = db_col_dup(s, 7, &bad);
    return bad;
}

int db_attachments(struct db *db, long long task_id, struct attachment_list *out,
                   char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, ATT_COLS " WHERE task_id = :t ORDER BY id", err, errlen);
    if (rc == FU_OK)
        db_bind_int(&s, ":t", task_id);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0 ||
            att_row(&s, &out->v[out->n++]) != 0)
            rc = oom(err, errlen);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        attachment_list_fini(out);
    return rc;
}

int db_attachment_get(struct db *db, long long id, struct attachment *out, char *err,
                      size_t errlen)
{
    struct db_stmt s;
    memset(out, 0, sizeof *out);
    int rc = db_prepare_cached(db, &s, ATT_COLS " WHERE id = :id", err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":id", id);
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW)
            rc = att_row(&s, out) ? oom(err, errlen) : FU_OK;
        else if (rc == SQLITE_DONE)
            rc = db_errf(err, errlen, FU_NOTFOUND, "no attachment %lld; `followup attachments "
                         "TASK` lists a task's attachments with their ids", id);
    }
    db_finish(&s);
    if (rc != FU_OK)
        attachment_fini(out);
    return rc;
}

static int stream_out(struct db *db, const struct attachment *x, db_bytes_fn fn, void *ctx,
                      char *err, size_t errlen)
{
    sqlite3_blob *b = NULL;
    struct db_hash h = {0};
    char *buf = malloc(CHUNK), sha[65];
    int src = sqlite3_blob_open(db->h, "main", "attachments", "data", x->id, 0, &b);
    int rc = src == SQLITE_OK ? FU_OK : db_sqlite_err(db, src, sqlite3_errmsg(db->h), NULL,
                                                      err, errlen);
    int len = b ? sqlite3_blob_bytes(b) : 0;
    if (rc == FU_OK && !buf)
        rc = oom(err, errlen);
    if (rc == FU_OK && db_hash_init(&h) != 0)
        rc = db_hash_fail(err, errlen);
    for (int off = 0; rc == FU_OK && off < len;) {
        int n = len - off < CHUNK ? len - off : CHUNK;
        if ((src = sqlite3_blob_read(b, buf, n, off)) != SQLITE_OK) {
            rc = db_sqlite_err(db, src, sqlite3_errmsg(db->h), NULL, err, errlen);
            break;
        }
        db_hash_bytes(&h, buf, (size_t)n);
        if ((rc = fn(buf, (size_t)n, ctx)) != FU_OK)
            break;
        off += n;
    }
    if (rc == FU_OK && (db_hash_hex(&h, sha) != 0 || strcmp(sha, x->sha256) != 0 ||
                        len != x->size))
        rc = db_errf(err, errlen, FU_ERR, "attachment %lld's bytes do not match its SHA-256: "
                     "the database was damaged; restore it from a backup", x->id);
    db_hash_abort(&h);
    free(buf);
    if (b)
        sqlite3_blob_close(b);
    return rc;
}

int db_attachment_read(struct db *db, long long id, struct attachment *meta, db_bytes_fn fn,
                       void *ctx, char *err, size_t errlen)
{
    struct attachment x;
    if (meta)
        memset(meta, 0, sizeof *meta);
    int rc = db_begin_read(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_attachment_get(db, id, &x, err, errlen);
    if (rc == FU_OK && meta) {
        /* the caller's copy; ours is released below */
        *meta = x;
        memset(&x, 0, sizeof x);
        rc = stream_out(db, meta, fn, ctx, err, errlen);
    } else if (rc == FU_OK) {
        rc = stream_out(db, &x, fn, ctx, err, errlen);
    }
    attachment_fini(&x);
    rc = db_end(db, rc, err, errlen);
    if (rc != FU_OK && meta)
        attachment_fini(meta);
    return rc;
}

struct fd_sink { int fd, errno_; };

static int write_fd(const void *p, size_t n, void *ctx)
{
    struct fd_sink *k = ctx;
    const char *b = p;
    while (n) {
        ssize_t w = write(k->fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            k->errno_ = w < 0 ? errno : EIO;
            return FU_ERR;
        }
        b += w;
        n -= (size_t)w;
    }
    return FU_OK;
}

int db_attachment_to_fd(struct db *db, long long id, int fd, struct attachment *meta,
                        char *err, size_t errlen)
{
    struct fd_sink k = {fd, 0};
    err[0] = '\0';
    int rc = db_attachment_read(db, id, meta, write_fd, &k, err, errlen);
    if (rc != FU_OK && k.errno_)
        db_errf(err, errlen, FU_ERR, "cannot write the attachment: %s", strerror(k.errno_));
    return rc;
}
