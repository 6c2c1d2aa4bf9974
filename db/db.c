/* The connection: open (file creation, pragmas, header checks), the
 * statement wrapper with its cache, transactions with a nesting count,
 * and the retry that keeps "database is locked" away from users. */
#include "db/internal.h"
#include "host/writers.h"

#include <errno.h>
#include <time.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- errors -------------------------------------------------------------- */

/* The start of sql on one line, for messages. */
static void sql_snippet(const char *sql, char *out, size_t outlen)
{
    size_t n = 0;
    int space = 0;
    for (const char *p = sql ? sql : ""; *p && n + 4 < outlen; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = 0;
        out[n++] = *p;
    }
    while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80)
        n--;   /* never end inside a UTF-8 sequence */
    if (n > 0 && (unsigned char)out[n - 1] >= 0xc0)
        n--;
    out[n] = 0;
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int db_sqlite_err(struct db *db, int src, const char *msg, const char *sql,
                  char *err, size_t errlen)
{
    const char *path = db && db->path ? db->path : "database";
    char snip[64];
    if (!msg)
        msg = sqlite3_errstr(src);
    switch (src & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: {
        char who[600];
        long pid = 0;
        if (db && writers_holder(&db->reg, who, sizeof who, &pid) == 0)
            return db_errf(err, errlen, FU_ERR, "%s is busy: %s; nothing was changed: try "
                           "again later, or root can end it (sudo kill -KILL %ld)", path, who,
                           pid);
        return db_errf(err, errlen, FU_ERR, "%s is busy: another program has been writing "
                       "to it for a long time; nothing was changed: try again in a moment",
                       path);
    }
    case SQLITE_READONLY:
        return db_errf(err, errlen, FU_ERR, "%s cannot be written: you need write access to "
                       "the file and its directory (ask the committee office)", path);
    case SQLITE_NOTADB:
        return db_errf(err, errlen, FU_ERR, "%s is not a followup database (not an SQLite "
                       "file); check --db or [database] path in config.ini", path);
    case SQLITE_CORRUPT:
        return db_errf(err, errlen, FU_ERR, "%s is damaged (%s); restore it from a backup",
                       path, msg);
    case SQLITE_FULL:
        return db_errf(err, errlen, FU_ERR, "%s: the disk is full; free some space", path);
    case SQLITE_CANTOPEN:
        return db_errf(err, errlen, FU_ERR, "cannot open %s (%s)", path, msg);
    case SQLITE_IOERR:
        /* Mostly a full disk, a quota or the file-size limit (ulimit -f):
         * SQLite reports those as a failed write, not as SQLITE_FULL. */
        if ((src & 0xffff) == SQLITE_IOERR_WRITE || (src & 0xffff) == SQLITE_IOERR_SHMSIZE)
            return db_errf(err, errlen, FU_ERR, "%s: cannot write (is the disk full, or a "
                           "quota or file-size limit reached?); nothing was saved: free "
                           "some space and try again", path);
        return db_errf(err, errlen, FU_ERR, "%s: input/output error (%s)", path, msg);
    case SQLITE_NOMEM:
        return db_errf(err, errlen, FU_ERR, "out of memory");
    default:
        sql_snippet(sql, snip, sizeof snip);
        return db_errf(err, errlen, FU_ERR, "database error: %s (in \"%s\")", msg, snip);
    }
}

/* ---- statements ---------------------------------------------------------- */

static int prepare_raw(struct db *db, struct db_stmt *s, const char *sql, char *err,
                       size_t errlen)
{
    int src = sqlite3_prepare_v2(db->h, sql, -1, &s->st, NULL);
    if (src != SQLITE_OK) {
        s->st = NULL;
        return db_sqlite_err(db, src, sqlite3_errmsg(db->h), sql, err, errlen);
    }
    return FU_OK;
}

int db_prepare(struct db *db, struct db_stmt *s, const char *sql, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->db = db;
    s->sql = sql;
    return prepare_raw(db, s, sql, err, errlen);
}

int db_prepare_cached(struct db *db, struct db_stmt *s, const char *sql, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->db = db;
    s->sql = sql;
    struct db_cached *free_slot = NULL;
    for (size_t i = 0; i < db->ncache; i++) {
        struct db_cached *c = &db->cache[i];
        if (c->sql == sql || strcmp(c->sql, sql) == 0) {
            if (c->busy)
                return prepare_raw(db, s, sql, err, errlen);   /* in use: a private one */
            c->busy = 1;
            s->st = c->st;
            s->cached = c;
            return FU_OK;
        }
    }
    int rc = prepare_raw(db, s, sql, err, errlen);
    if (rc == FU_OK && db->ncache < DB_CACHE_MAX) {
        free_slot = &db->cache[db->ncache++];
        free_slot->sql = sql;
        free_slot->st = s->st;
        free_slot->busy = 1;
        s->cached = free_slot;
    }
    return rc;
}

void db_finish(struct db_stmt *s)
{
    if (s->cached) {
        sqlite3_reset(s->st);
        sqlite3_clear_bindings(s->st);
        s->cached->busy = 0;
    } else if (s->st) {
        sqlite3_finalize(s->st);
    }
    s->st = NULL;
    s->cached = NULL;
}

static int param(struct db_stmt *s, const char *name)
{
    if (s->rc || !s->st)
        return 0;
    int i = sqlite3_bind_parameter_index(s->st, name);
    if (i == 0) {
        s->rc = FU_ERR;
        snprintf(s->bad, sizeof s->bad, "%s", name);
    }
    return i;
}

static void bound(struct db_stmt *s, const char *name, int src)
{
    if (src != SQLITE_OK && !s->rc) {
        s->rc = src == SQLITE_NOMEM ? SQLITE_NOMEM : FU_ERR;
        snprintf(s->bad, sizeof s->bad, "%s", name);
    }
}

void db_bind_text(struct db_stmt *s, const char *name, const char *v)
{
    int i = param(s, name);
    if (i)
        bound(s, name, v ? sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT)
                         : sqlite3_bind_null(s->st, i));
}

void db_bind_int(struct db_stmt *s, const char *name, long long v)
{
    int i = param(s, name);
    if (i)
        bound(s, name, sqlite3_bind_int64(s->st, i, v));
}

void db_bind_null(struct db_stmt *s, const char *name)
{
    int i = param(s, name);
    if (i)
        bound(s, name, sqlite3_bind_null(s->st, i));
}

void db_bind_id(struct db_stmt *s, const char *name, long long v)
{
    if (v)
        db_bind_int(s, name, v);
    else
        db_bind_null(s, name);
}

/* BUSY may be retried outside a transaction and for BEGIN/COMMIT (which
 * run at depth 0); inside one SQLite wants a rollback instead. */
static int retryable(struct db_stmt *s, int src)
{
    int prim = src & 0xff;
    return (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) && s->nstep == 0 &&
           s->db->depth == 0;
}

int db_step(struct db_stmt *s, char *err, size_t errlen)
{
    char snip[64];
    if (!s->st)
        return db_errf(err, errlen, FU_ERR, "internal error: stepping an unprepared statement");
    if (s->rc) {
        if (s->rc == SQLITE_NOMEM)
            return db_errf(err, errlen, FU_ERR, "out of memory");
        sql_snippet(s->sql, snip, sizeof snip);
        return db_errf(err, errlen, FU_ERR, "internal error: cannot bind %s in \"%s\"",
                       s->bad, snip);
    }
    s->db->wait_from = 0;   /* the wait for the lock is counted per statement */
    s->db->wait_told = 0;
    for (int attempt = 0;; attempt++) {
        int src = sqlite3_step(s->st);
        if (src == SQLITE_ROW) {
            s->nstep++;
            return SQLITE_ROW;
        }
        if (src == SQLITE_DONE)
            return SQLITE_DONE;
        if (retryable(s, src) && (!s->db->wait_from || mono_ms() - s->db->wait_from <
                                  s->db->busy_ms) && db_backoff(attempt)) {
            sqlite3_reset(s->st);
            continue;
        }
        int rc = db_sqlite_err(s->db, src, sqlite3_errmsg(s->db->h), s->sql, err, errlen);
        sqlite3_reset(s->st);
        return rc;
    }
}

int db_run(struct db_stmt *s, char *err, size_t errlen)
{
    int rc;
    while ((rc = db_step(s, err, errlen)) == SQLITE_ROW)
        ;
    return rc == SQLITE_DONE ? FU_OK : rc;
}

const char *db_col_text(struct db_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s->st, col);
}

long long db_col_int(struct db_stmt *s, int col)
{
    return sqlite3_column_int64(s->st, col);
}

int db_col_isnull(struct db_stmt *s, int col)
{
    return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

char *db_col_dup(struct db_stmt *s, int col, int *oom)
{
    const char *v = db_col_text(s, col);
    if (!v)
        return NULL;
    char *d = strdup(v);
    if (!d)
        *oom = 1;
    return d;
}

void db_col_copy(struct db_stmt *s, int col, char *out, size_t outlen)
{
    const char *v = db_col_text(s, col);
    snprintf(out, outlen, "%s", v ? v : "");
}

int db_exec(struct db *db, const char *sql, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare_cached(db, &s, sql, err, errlen);
    if (rc == FU_OK)
        rc = db_run(&s, err, errlen);
    db_finish(&s);
    return rc;
}

/* ---- transactions -------------------------------------------------------- */

/* The WAL is kept small (issue 25): after a commit that left more than
 * DB_WAL_LIMIT bytes in it (an attachment), it is checkpointed and cut to
 * nothing, waiting at most a moment for readers; if one holds on, the
 * next large commit tries again (PRAGMA journal_size_limit also cuts it
 * when the log restarts). Small commits leave the WAL to SQLite's own
 * automatic checkpoint, which the hook keeps (1000 pages). */
static int wal_hook(void *ctx, sqlite3 *h, const char *name, int pages)
{
    struct db *db = ctx;
    db->wal_pages = pages;
    if (pages >= 1000)
        sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

static void wal_bound(struct db *db)
{
    long long page = 4096;
    struct db_stmt s;
    char err[128];
    if (db->wal_pages <= 0)
        return;
    if (db_prepare_cached(db, &s, "PRAGMA page_size", err, sizeof err) == FU_OK &&
        db_step(&s, err, sizeof err) == SQLITE_ROW)
        page = db_col_int(&s, 0);
    db_finish(&s);
    if ((long long)db->wal_pages * page <= DB_WAL_LIMIT)
        return;
    db->busy_ms = 250;
    db->wait_from = 0;
    if (sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) ==
        SQLITE_OK)
        db->wal_pages = 0;
    db->busy_ms = DB_BUSY_MS;
}

/* SQLite's busy handler: a writer waits for the lock up to db->busy_ms in
 * all (counted from the first wait of the statement, see db_step), a
 * little longer each time; after DB_WAIT_NOTE_MS it tells, once, who
 * holds the lock as the registry of writers says (db_on_wait). */
static int busy_wait(void *ctx, int count)
{
    struct db *db = ctx;
    long long now = mono_ms();
    if (!db->wait_from)
        db->wait_from = now;
    long long waited = now - db->wait_from;
    if (waited >= db->busy_ms)
        return 0;
    if (!db->wait_told && waited >= DB_WAIT_NOTE_MS && db->busy_ms > DB_WAIT_NOTE_MS &&
        db->on_wait) {
        char who[600], line[900];
        long pid = 0;
        db->wait_told = 1;
        writers_holder(&db->reg, who, sizeof who, &pid);
        if (pid)
            snprintf(line, sizeof line, "waiting for %s: %s; root can end it (sudo kill -KILL "
                     "%ld: its change is rolled back)", db->path, who, pid);
        else
            snprintf(line, sizeof line, "waiting for %s: %s", db->path, who);
        db->on_wait(db->wait_ctx, line);
    }
    long ms = count < 5 ? 1L << count : 50;
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

void db_on_wait(struct db *db, db_wait_fn fn, void *ctx)
{
    db->on_wait = fn;
    db->wait_ctx = ctx;
}

void db_set_label(struct db *db, const char *label)
{
    writers_label(&db->reg, label);
}

int db_writers(struct db *db, struct writer_list *out, char *err, size_t errlen)
{
    return writers_list(&db->reg, out) == 0 ? FU_OK
                                             : db_errf(err, errlen, FU_ERR, "out of memory");
}

long long db_longest_write_ms(const struct db *db)
{
    return db->tx_longest;
}

int db_begin(struct db *db, char *err, size_t errlen)
{
    if (db->readonly)
        return db_errf(err, errlen, FU_ERR, "%s is open read-only; changing it needs write "
                       "access to the file and its directory", db->path);
    if (db->depth == 0) {
        writers_set(&db->reg, WRITER_WAITING);
        int rc = db_exec(db, "BEGIN IMMEDIATE", err, errlen);
        if (rc != FU_OK) {
            writers_set(&db->reg, WRITER_IDLE);
            return rc;
        }
        writers_set(&db->reg, WRITER_WRITING);
        db->tx_start = mono_ms();
        db->writing = 1;
        db->rollback = 0;
    }
    db->depth++;
    return FU_OK;
}

/* The write transaction is over (committed or not): for the registry and
 * the longest one's time (make bench). */
static void write_done(struct db *db)
{
    if (!db->writing)
        return;
    long long ms = mono_ms() - db->tx_start;
    if (ms > db->tx_longest)
        db->tx_longest = ms;
    db->writing = 0;
    writers_set(&db->reg, WRITER_IDLE);
}

int db_begin_read(struct db *db, char *err, size_t errlen)
{
    if (db->depth == 0) {
        int rc = db_exec(db, "BEGIN", err, errlen);
        if (rc != FU_OK)
            return rc;
        db->rollback = 0;
    }
    db->depth++;
    return FU_OK;
}

int db_end(struct db *db, int rc, char *err, size_t errlen)
{
    if (db->depth <= 0)
        return rc ? rc : db_errf(err, errlen, FU_ERR, "internal error: commit without begin");
    if (rc != FU_OK)
        db->rollback = 1;
    if (--db->depth > 0)
        return rc;
    if (db->rollback) {
        db->rollback = 0;
        if (!sqlite3_get_autocommit(db->h))
            sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        write_done(db);
        return rc ? rc : db_errf(err, errlen, FU_ERR, "changes were rolled back after an "
                                 "earlier error");
    }
    rc = db_exec(db, "COMMIT", err, errlen);
    if (rc != FU_OK && !sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    write_done(db);
    if (rc == FU_OK)
        wal_bound(db);
    return rc;
}

/* ---- open and close ------------------------------------------------------ */

/* mkdir -p for the directory part of path (mode 0700 for new ones). */
static int make_parents(const char *path, char *err, size_t errlen)
{
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return db_errf(err, errlen, FU_USAGE, "database path is too long");
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return FU_OK;
    *slash = 0;
    for (char *p = dir + 1; ; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(dir, 0700) != 0 && errno != EEXIST)
                return db_errf(err, errlen, FU_ERR, "cannot create directory %s: %s", dir,
                               strerror(errno));
            *p = c;
            if (c == 0)
                break;
        }
    }
    return FU_OK;
}

/* Creates an empty database file: 0600, or 0660 when the directory is
 * group-shared (setgid). chmod after create, so the umask does not matter. */
static int create_file(const char *path, char *err, size_t errlen)
{
    int rc = make_parents(path, err, errlen);
    if (rc != FU_OK)
        return rc;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = 0;
    else
        *slash = 0;
    struct stat st;
    mode_t mode = 0600;
    if (stat(dir, &st) == 0 && (st.st_mode & S_ISGID))
        mode = 0660;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            return FU_OK;   /* another process was quicker: use its file */
        return db_errf(err, errlen, FU_ERR, "cannot create %s: %s", path, strerror(errno));
    }
    if (fchmod(fd, mode) != 0) {
        int e = errno;
        close(fd);
        return db_errf(err, errlen, FU_ERR, "cannot set the mode of %s: %s", path, strerror(e));
    }
    close(fd);
    return FU_OK;
}

static int pragma_int(struct db *db, const char *sql, long long *out, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare(db, &s, sql, err, errlen);
    if (rc == FU_OK) {
        rc = db_step(&s, err, errlen);
        if (rc == SQLITE_ROW) {
            *out = db_col_int(&s, 0);
            rc = FU_OK;
        } else if (rc == SQLITE_DONE) {
            *out = 0;
            rc = FU_OK;
        }
    }
    db_finish(&s);
    return rc;
}

/* Is this file ours, and a schema we know? */
static int check_header(struct db *db, char *err, size_t errlen)
{
    long long appid = 0, version = 0, ntables = 0;
    int rc = pragma_int(db, "PRAGMA application_id", &appid, err, errlen);
    if (rc == FU_OK)
        rc = pragma_int(db, "PRAGMA user_version", &version, err, errlen);
    if (rc == FU_OK)
        rc = pragma_int(db, "SELECT count(*) FROM sqlite_schema", &ntables, err, errlen);
    if (rc != FU_OK)
        return rc;
    if ((appid != 0 && appid != DB_APPLICATION_ID) || (appid == 0 && ntables > 0))
        return db_errf(err, errlen, FU_ERR, "%s is an SQLite database of another program, "
                       "not a followup database; check --db", db->path);
    if (version > DB_SCHEMA_VERSION)
        return db_errf(err, errlen, FU_ERR, "%s: database schema version %lld is newer than "
                       "this followup knows (%d); upgrade followup", db->path, version,
                       DB_SCHEMA_VERSION);
    return FU_OK;
}

static int configure(struct db *db, char *err, size_t errlen)
{
    /* Schemas before v5 call json_valid in a CHECK, which SQLite refuses
     * to even parse with trusted_schema OFF: such a file is read trusted
     * until db_migrate has upgraded it (and hardened the connection
     * again). user_version is in the header: reading it parses nothing. */
    long long v = 0;
    int now = -1;
    int rc = pragma_int(db, "PRAGMA user_version", &v, err, errlen);
    if (rc == FU_OK && v < DB_UNTRUSTED_FROM &&
        (sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, &now) != SQLITE_OK ||
         now != 1))
        rc = db_errf(err, errlen, FU_ERR, "%s: cannot read its older schema", db->path);
    if (rc == FU_OK)
        rc = check_header(db, err, errlen);
    if (rc == FU_OK && !db->readonly) {
        struct db_stmt s;
        rc = db_prepare(db, &s, "PRAGMA journal_mode = WAL", err, errlen);
        if (rc == FU_OK)
            rc = db_run(&s, err, errlen);
        db_finish(&s);
    }
    /* The query planner keeps the plan it made whatever is bound later:
     * without this, binding a LIKE pattern (a search, a department's name)
     * throws the prepared statement away and compiles it again at its
     * first step, twice the work for a short command or a search key. The
     * LIKE optimisation it would enable needs NOCASE indexes, which the
     * schema does not have; only the statistics of bound values (STAT4)
     * go unused. */
    int qpsg = -1;
    if (rc == FU_OK && (sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_QPSG, 1, &qpsg) !=
                        SQLITE_OK || qpsg != 1))
        rc = db_errf(err, errlen, FU_ERR, "%s: cannot configure the query planner", db->path);
    if (rc == FU_OK)
        rc = db_exec(db, "PRAGMA foreign_keys = ON", err, errlen);
    if (rc == FU_OK && !db->readonly)
        rc = db_exec(db, "PRAGMA synchronous = NORMAL", err, errlen);
    if (rc == FU_OK && !db->readonly) {
        /* Each command is a short connection: keep the WAL file between
         * them (checkpointed and cut to 4 MiB when the last one closes,
         * as before) rather than delete it and make it again, which costs
         * two more disk syncs a command. */
        int persist = 1;
        sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
        rc = db_exec(db, "PRAGMA journal_size_limit = 4194304", err, errlen);   /* DB_WAL_LIMIT */
    }
    /* The schema is checked before any migration runs on it. */
    if (rc == FU_OK)
        rc = db_schema_check(db, err, errlen);
    if (rc == FU_OK)
        rc = db_migrate(db, err, errlen);
    return rc;
}

int db_harden(sqlite3 *h)
{
    /* Before anything is read: a hostile schema (a trigger or view that
     * calls functions, a virtual table, a tokenizer pointer) gets nothing
     * to work with, and SQL cannot write the schema or the file's
     * internals even when our own statements are tricked. */
    static const int off[] = {SQLITE_DBCONFIG_TRUSTED_SCHEMA,
                              SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
                              SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER};
    int now = -1;
    int rc = sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, &now);
    if (rc == SQLITE_OK && now != 1)
        rc = SQLITE_ERROR;
    for (size_t i = 0; rc == SQLITE_OK && i < sizeof off / sizeof off[0]; i++) {
        now = -1;
        rc = sqlite3_db_config(h, off[i], 0, &now);
        if (rc == SQLITE_OK && now != 0)
            rc = SQLITE_ERROR;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
    return rc;
}

/* Anyone who can write the file, or replace it in its directory, could
 * rewrite the audit trail: such a database is refused. */
static int check_permissions(const char *path, const struct stat *st, char *err, size_t errlen)
{
    if (st->st_mode & S_IWOTH)
        return db_errf(err, errlen, FU_ERR, "%s is world-writable (mode %04o), so anyone could "
                       "rewrite its history; run `chmod o-w %s` (a team shares it through a "
                       "group: see README, Team set-up)", path,
                       (unsigned)(st->st_mode & 07777), path);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    struct stat ds;
    if (stat(dir, &ds) == 0 && (ds.st_mode & S_IWOTH) && !(ds.st_mode & S_ISVTX))
        return db_errf(err, errlen, FU_ERR, "the folder %s is world-writable without the "
                       "sticky bit, so anyone could replace the database; run `chmod o-w %s`",
                       dir, dir);
    return FU_OK;
}

int db_open(struct db **out, const char *path, int flags, char *err, size_t errlen)
{
    *out = NULL;
    if (!path || !*path)
        return db_errf(err, errlen, FU_USAGE, "no database path; give --db PATH or set "
                       "[database] path in config.ini");
    int ro = (flags & DB_OPEN_READONLY) != 0;
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT)
            return db_errf(err, errlen, FU_ERR, "%s: %s", path, strerror(errno));
        if (ro || !(flags & DB_OPEN_CREATE))
            return db_errf(err, errlen, FU_NOTFOUND, "no database at %s; run `followup "
                           "import FILE` to create one, or give --db PATH", path);
        int rc = create_file(path, err, errlen);
        if (rc != FU_OK)
            return rc;
    } else if (S_ISDIR(st.st_mode)) {
        return db_errf(err, errlen, FU_USAGE, "%s is a directory; give the database file's "
                       "path", path);
    }
    if (stat(path, &st) == 0) {
        int rc = check_permissions(path, &st, err, errlen);
        if (rc != FU_OK)
            return rc;
    }
    struct db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return db_errf(err, errlen, FU_ERR, "out of memory");
    }
    /* the registry of writers, opened now (with the group, in team mode) */
    writers_open(&db->reg, ro ? NULL : path, stat(path, &st) == 0 && (st.st_mode & 0020));
    db->busy_ms = DB_BUSY_MS;
    int oflags = (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
    int src = sqlite3_open_v2(path, &db->h, oflags, NULL);
    if (src != SQLITE_OK) {
        int rc = db_sqlite_err(db, src, db->h ? sqlite3_errmsg(db->h) : NULL, NULL, err,
                               errlen);
        db_close(db);
        return rc;
    }
    sqlite3_extended_result_codes(db->h, 1);
    int rc = db_harden(db->h);
    if (rc != SQLITE_OK) {
        rc = db_errf(err, errlen, FU_ERR, "cannot harden the connection to %s (%s)", path,
                     sqlite3_errstr(rc));
        db_close(db);
        return rc;
    }
    sqlite3_busy_handler(db->h, busy_wait, db);
    sqlite3_wal_hook(db->h, wal_hook, db);
    db->readonly = ro || sqlite3_db_readonly(db->h, "main") == 1;
    rc = configure(db, err, errlen);
    if (rc != FU_OK) {
        db_close(db);
        return rc;
    }
    *out = db;
    return FU_OK;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    if (db->h && !sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    for (size_t i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].st);
    if (db->h)
        sqlite3_close_v2(db->h);
    writers_close(&db->reg);
    free(db->path);
    free(db);
}

int db_readonly(const struct db *db)
{
    return db->readonly;
}

int db_data_version(struct db *db, long long *out, char *err, size_t errlen)
{
    return pragma_int(db, "PRAGMA data_version", out, err, errlen);
}
