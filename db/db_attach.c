/* Evidence files (佐证材料): the bytes live in the database, written and
 * read with SQLite's incremental blob I/O a chunk at a time, so a file is
 * never held in memory whole; the SHA-256 enters the audit chain. */
#define _GNU_SOURCE   /* O_TMPFILE, mkostemp */
#include "db/internal.h"
#include "util/mem.h"

#include <errno.h>
#include <fcntl.h>
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

/* A private file of our own in dir, gone when closed: O_TMPFILE, else a
 * name unlinked at once. -1 with errno. */
static int stage_open(const char *dir)
{
    char path[4096];
    const char *d = dir && *dir ? dir : "/tmp";
#ifdef O_TMPFILE
    int fd = open(d, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
#endif
    snprintf(path, sizeof path, "%s/followup-stage.XXXXXX", d);
    int fd2 = mkostemp(path, O_CLOEXEC);
    if (fd2 >= 0)
        unlink(path);
    return fd2;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Copies size bytes of the user's file fd into a staging file (hashing
 * them), before any transaction: however slow the file is to read, or a
 * stopped process, no lock is held meanwhile. *out the staged file, at 0. */
static int stage_in(int fd, long long size, const char *dir, int *out, char sha[65],
                    char *err, size_t errlen)
{
    struct db_hash h = {0};
    char *buf = malloc(CHUNK);
    long long done = 0;
    int st = stage_open(dir), rc = FU_OK;
    if (st < 0)
        rc = db_errf(err, errlen, FU_ERR, "cannot make a staging file in %s: %s; set TMPDIR "
                     "to a folder you may write", dir && *dir ? dir : "/tmp", strerror(errno));
    else if (!buf)
        rc = oom(err, errlen);
    else if (db_hash_init(&h) != 0)
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
        } else if (write_all(st, buf, (size_t)n) != 0) {
            rc = db_errf(err, errlen, FU_ERR, "cannot write the staging file in %s: %s "
                         "(is the disk full?); nothing was stored", dir && *dir ? dir : "/tmp",
                         strerror(errno));
        } else {
            db_hash_bytes(&h, buf, (size_t)n);
            done += n;
        }
    }
    if (rc == FU_OK && db_hash_hex(&h, sha) != 0)
        rc = db_hash_fail(err, errlen);
    if (rc == FU_OK && lseek(st, 0, SEEK_SET) != 0)
        rc = db_errf(err, errlen, FU_ERR, "cannot rewind the staging file: %s", strerror(errno));
    db_hash_abort(&h);
    free(buf);
    if (rc != FU_OK && st >= 0)
        close(st);
    *out = rc == FU_OK ? st : -1;
    return rc;
}

/* The staged bytes into the blob of row id (inside the transaction). */
static int blob_in(struct db *db, long long id, int st, long long size, char *err,
                   size_t errlen)
{
    sqlite3_blob *b = NULL;
    char *buf = malloc(CHUNK);
    int src = sqlite3_blob_open(db->h, "main", "attachments", "data", id, 1, &b);
    int rc = src == SQLITE_OK ? FU_OK : db_sqlite_err(db, src, sqlite3_errmsg(db->h), NULL,
                                                      err, errlen);
    if (rc == FU_OK && !buf)
        rc = oom(err, errlen);
    for (long long done = 0; rc == FU_OK && done < size;) {
        ssize_t n = read(st, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || done + n > size)
            rc = db_errf(err, errlen, FU_ERR, "the staging file changed; nothing was stored");
        else if ((src = sqlite3_blob_write(b, buf, (int)n, (int)done)) != SQLITE_OK)
            rc = db_sqlite_err(db, src, sqlite3_errmsg(db->h), NULL, err, errlen);
        else
            done += n;
    }
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
        " VALUES (:t, :name, :size, :sha, :note, :at, :actor, :as, zeroblob(:size))", err,
        errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", x->task_id);
        db_bind_text(&s, ":name", x->name);
        db_bind_int(&s, ":size", x->size);
        db_bind_text(&s, ":sha", x->sha256);
        db_bind_text(&s, ":note", x->note);
        db_bind_stamp(&s, a, x->at);
        rc = db_run(&s, err, errlen);
    }
    db_finish(&s);
    x->id = sqlite3_last_insert_rowid(db->h);
    return rc;
}

static double mb(long long bytes)
{
    return (double)bytes / (1024.0 * 1024.0);
}

/* What the task's files and its lead department's already use, and that
 * department's quota (its own, else lim's default); name "" for no lead. */
static int usage_of(struct db *db, long long task_id, long long used[3], long long *quota,
                    char *name, size_t namelen, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s,
        "SELECT (SELECT count(*) FROM attachments WHERE task_id = :t),"
        " (SELECT coalesce(sum(size), 0) FROM attachments WHERE task_id = :t),"
        " (SELECT coalesce(sum(a.size), 0) FROM attachments a JOIN tasks k ON k.id = a.task_id"
        "   WHERE k.lead_id IS (SELECT lead_id FROM tasks WHERE id = :t)),"
        " (SELECT q.mb FROM dept_quotas q JOIN tasks k ON q.dept_id = k.lead_id WHERE k.id = :t),"
        " (SELECT d.name FROM departments d JOIN tasks k ON d.id = k.lead_id WHERE k.id = :t)",
        err, errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":t", task_id);
        if ((rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
            for (int i = 0; i < 3; i++)
                used[i] = db_col_int(&s, i);
            *quota = db_col_isnull(&s, 3) ? -1 : db_col_int(&s, 3) * 1024 * 1024;
            db_col_copy(&s, 4, name, namelen);
            rc = FU_OK;
        } else if (rc == SQLITE_DONE) {
            rc = db_errf(err, errlen, FU_NOTFOUND, "no task id %lld", task_id);
        }
    }
    db_finish(&s);
    return rc;
}

/* The task's count and total and its department's quota, with x added. */
static int within_limits(struct db *db, const struct attachment *x,
                         const struct attach_limits *lim, char *err, size_t errlen)
{
    long long used[3] = {0}, quota = -1;
    char dept[DB_DEPT_BUF];
    int rc = usage_of(db, x->task_id, used, &quota, dept, sizeof dept, err, errlen);
    const char *mend = "nothing was stored; the committee office can raise it";
    if (rc != FU_OK || !lim)
        return rc;
    if (used[0] + 1 > lim->task_files)
        return db_errf(err, errlen, FU_ERR, "the task has %lld files already, the most a task "
                       "may have (%s); %s", used[0], lim->task_files_from, mend);
    if (used[1] + x->size > lim->task_bytes)
        return db_errf(err, errlen, FU_ERR, "the task's files take %.1f MB of the %.0f MB a "
                       "task may have (%s): %s (%.1f MB) does not fit; %s", mb(used[1]),
                       mb(lim->task_bytes), lim->task_bytes_from, x->name, mb(x->size), mend);
    const char *from = quota >= 0 ? "its own, set by the committee" : lim->dept_from;
    if (quota < 0)
        quota = lim->dept_bytes;
    if (used[2] + x->size > quota)
        return db_errf(err, errlen, FU_ERR, "%s has used %.1f MB of its quota of %.0f MB for "
                       "evidence files (%s): %s (%.1f MB) does not fit; nothing was stored; "
                       "the committee office can raise it (followup dept quota %s MB)",
                       *dept ? dept : "tasks without a lead department", mb(used[2]),
                       mb(quota), from, x->name, mb(x->size), *dept ? dept : "-");
    return FU_OK;
}

static int attach_tx(struct db *db, const struct actor *a, struct attachment *x, int st,
                     const struct attach_limits *lim, char *err, size_t errlen)
{
    struct task t;
    struct user u;
    int own = 0;
    int rc = db_change_load(db, a, x->task_id, &t, &u, &own, err, errlen);
    if (rc == FU_OK)
        rc = perm_check(u.role, ACT_ATTACH, own, err, errlen);
    if (rc == FU_OK)
        rc = within_limits(db, x, lim, err, errlen);
    if (rc == FU_OK)
        rc = insert_row(db, a, x, err, errlen);
    if (rc == FU_OK)
        rc = blob_in(db, x->id, st, x->size, err, errlen);
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

static int attach_prepare(const struct actor *a, const struct attach_req *rq,
                          struct attachment *x, char *err, size_t errlen)
{
    const struct attach_limits *lim = rq->lim;
    int rc = name_check(rq->name, err, errlen);
    if (rc == FU_OK && rq->size < 0)
        rc = db_errf(err, errlen, FU_USAGE, "the file's size is unknown");
    if (rc == FU_OK && lim && rq->size > lim->file_bytes)
        rc = db_errf(err, errlen, FU_ERR, "%s is %.1f MB, over the limit of %.0f MB a file "
                     "(%s); nothing was stored", rq->name, mb(rq->size), mb(lim->file_bytes),
                     lim->file_from);
    if (rc == FU_OK && rq->note && *rq->note)
        rc = db_text_check(rq->note, "note", err, errlen);
    if (rc != FU_OK)
        return rc;
    memset(x, 0, sizeof *x);
    x->task_id = rq->task_id;
    x->size = rq->size;
    x->name = strdup(rq->name);
    x->note = rq->note && *rq->note ? strdup(rq->note) : NULL;
    if ((x->by = malloc(sizeof a->login + sizeof a->as_user + 8)) != NULL)
        snprintf(x->by, sizeof a->login + sizeof a->as_user + 8, "%s%s%s", a->login,
                 db_as_user(a) ? " as " : "", db_as_user(a) ? db_as_user(a) : "");
    db_now(x->at, sizeof x->at);
    if (!x->name || !x->by || (rq->note && *rq->note && !x->note))
        rc = oom(err, errlen);
    return rc;
}

int db_attach(struct db *db, const struct actor *a, const struct attach_req *rq,
              struct attachment *out, char *err, size_t errlen)
{
    struct attachment x;
    int st = -1;
    int rc = attach_prepare(a, rq, &x, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = stage_in(rq->fd, rq->size, rq->stage_dir, &st, x.sha256, err, errlen);
    if (rc == FU_OK)
        rc = db_begin(db, err, errlen);
    if (rc == FU_OK) {
        rc = attach_tx(db, a, &x, st, rq->lim, err, errlen);
        rc = db_end(db, rc, err, errlen);
    }
    if (st >= 0)
        close(st);
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

/* The staged copy out to the caller's fd, after the read transaction. */
static int unstage(int st, int fd, char *err, size_t errlen)
{
    char *buf = malloc(CHUNK);
    int rc = buf ? FU_OK : oom(err, errlen);
    if (rc == FU_OK && lseek(st, 0, SEEK_SET) != 0)
        rc = db_errf(err, errlen, FU_ERR, "cannot rewind the staging file: %s", strerror(errno));
    while (rc == FU_OK) {
        ssize_t n = read(st, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rc = db_errf(err, errlen, FU_ERR, "cannot read the staging file: %s",
                         strerror(errno));
        if (n <= 0)
            break;
        if (write_all(fd, buf, (size_t)n) != 0)
            rc = db_errf(err, errlen, FU_ERR, "cannot write the attachment: %s",
                         strerror(errno));
    }
    free(buf);
    return rc;
}

int db_attachment_to_fd(struct db *db, long long id, int fd, struct attachment *meta,
                        char *err, size_t errlen)
{
    /* Read into a private staging file inside the read transaction, then
     * written out after it: a slow or stopped reader of the output (a pipe
     * to a pager, ^Z) keeps no snapshot open, which would keep the WAL from
     * being reset and let it grow. */
    int st = stage_open(NULL);
    struct fd_sink k = {st, 0};
    err[0] = '\0';
    if (st < 0)
        return db_errf(err, errlen, FU_ERR, "cannot make a staging file in /tmp: %s",
                       strerror(errno));
    int rc = db_attachment_read(db, id, meta, write_fd, &k, err, errlen);
    if (rc != FU_OK && k.errno_)
        db_errf(err, errlen, FU_ERR, "cannot stage the attachment in /tmp: %s (is the disk "
                "full?)", strerror(k.errno_));
    if (rc == FU_OK)
        rc = unstage(st, fd, err, errlen);
    if (rc != FU_OK && meta)
        attachment_fini(meta);
    close(st);
    return rc;
}

/* ---- quotas and usage ------------------------------------------------------------------ */

/* "NAME: N MB" or "NAME: default" into out. */
static void quota_desc(const char *dept, long long mbs, char *out, size_t outlen)
{
    if (mbs > 0)
        snprintf(out, outlen, "%s: %lld MB", dept, mbs);
    else
        snprintf(out, outlen, "%s: default", dept);
}

static int quota_tx(struct db *db, const struct actor *a, const char *dept, long long mbs,
                    int *changed, char *err, size_t errlen)
{
    struct db_stmt s;
    long long id = 0, was = 0;
    char clean[DB_DEPT_BUF], od[DB_DEPT_BUF + 32], nd[DB_DEPT_BUF + 32], now[32];
    int rc = db_edit_perm(db, a, err, errlen);
    if (rc == FU_OK)
        rc = db_dept_name_check(dept, clean, sizeof clean, err, errlen);
    if (rc == FU_OK)
        rc = db_dept_id(db, clean, &id, err, errlen);
    if (rc == FU_OK && (rc = db_prepare_cached(db, &s, "SELECT mb FROM dept_quotas WHERE"
                                               " dept_id = :d", err, errlen)) == FU_OK) {
        db_bind_int(&s, ":d", id);
        rc = db_step(&s, err, errlen);
        was = rc == SQLITE_ROW ? db_col_int(&s, 0) : 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
        db_finish(&s);
    }
    if (rc != FU_OK || was == mbs)
        return rc;
    db_now(now, sizeof now);
    rc = mbs > 0 ? db_prepare_cached(db, &s, "INSERT OR REPLACE INTO dept_quotas (dept_id, mb,"
                                     " at, actor, as_user) VALUES (:d, :mb, :at, :actor, :as)",
                                     err, errlen)
                 : db_prepare_cached(db, &s, "DELETE FROM dept_quotas WHERE dept_id = :d", err,
                                     errlen);
    if (rc == FU_OK) {
        db_bind_int(&s, ":d", id);
        if (mbs > 0) {
            db_bind_int(&s, ":mb", mbs);
            db_bind_stamp(&s, a, now);
        }
        rc = db_run(&s, err, errlen);
        db_finish(&s);
    }
    quota_desc(clean, was, od, sizeof od);
    quota_desc(clean, mbs, nd, sizeof nd);
    if (rc == FU_OK)
        rc = db_history_add(db, a, 0, "quota", od, nd, NULL, err, errlen);
    *changed = rc == FU_OK;
    return rc;
}

int db_attach_quota_set(struct db *db, const struct actor *a, const char *dept, long long mbs,
                        int *changed, char *err, size_t errlen)
{
    *changed = 0;
    if (mbs < 0 || mbs > 10000000)
        return db_errf(err, errlen, FU_USAGE, "a quota is a whole number of megabytes, 1 to "
                       "10000000 (or 'default')");
    int rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = quota_tx(db, a, dept, mbs, changed, err, errlen);
    return db_end(db, rc, err, errlen);
}

int db_attach_usage(struct db *db, long long default_bytes, struct dept_usage_list *out,
                    char *err, size_t errlen)
{
    struct db_stmt s;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    int rc = db_prepare(db, &s,
        "WITH u AS (SELECT k.lead_id AS dept, count(*) AS n, sum(a.size) AS bytes"
        "  FROM attachments a JOIN tasks k ON k.id = a.task_id GROUP BY k.lead_id)"
        " SELECT * FROM (SELECT d.name AS name, coalesce(u.n, 0), coalesce(u.bytes, 0), q.mb"
        "  FROM departments d LEFT JOIN u ON u.dept = d.id"
        "  LEFT JOIN dept_quotas q ON q.dept_id = d.id WHERE d.retired_at IS NULL OR u.n > 0"
        "  UNION ALL SELECT NULL, n, bytes, NULL FROM u WHERE dept IS NULL)"
        " ORDER BY name IS NULL, name", err, errlen);
    while (rc == FU_OK && (rc = db_step(&s, err, errlen)) == SQLITE_ROW) {
        int bad = 0;
        rc = FU_OK;
        if (mem_grow((void **)&out->v, out->n, &cap, sizeof *out->v) != 0) {
            rc = oom(err, errlen);
            break;
        }
        struct dept_usage *u = &out->v[out->n++];
        memset(u, 0, sizeof *u);
        u->dept = db_col_dup(&s, 0, &bad);
        u->files = db_col_int(&s, 1);
        u->bytes = db_col_int(&s, 2);
        u->quota_set = !db_col_isnull(&s, 3);
        u->quota = u->quota_set ? db_col_int(&s, 3) * 1024 * 1024 : default_bytes;
        if (bad)
            rc = oom(err, errlen);
    }
    if (rc == SQLITE_DONE)
        rc = FU_OK;
    db_finish(&s);
    if (rc != FU_OK)
        dept_usage_list_fini(out);
    return rc;
}
