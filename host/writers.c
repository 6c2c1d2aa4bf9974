/* The registry of writers: see writers.h. */
#define _GNU_SOURCE   /* F_OFD_SETLK, F_OFD_GETLK */
#include "host/writers.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SLOT 512
#define SLOTS 256
#define MAGIC "followup-writer 1\t"

static const char *const state_name[] = {"idle", "waiting", "writing"};

void writer_list_fini(struct writer_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void writers_open(struct writers *w, const char *db_path, int mode_group)
{
    char path[4200];
    struct stat st;
    struct passwd *pw = getpwuid(getuid());
    memset(w, 0, sizeof *w);
    w->fd = w->slot = -1;
    snprintf(w->login, sizeof w->login, "%s", pw && pw->pw_name ? pw->pw_name : "?");
    snprintf(w->cmd, sizeof w->cmd, "followup");
    if (!db_path || snprintf(path, sizeof path, "%s-writers", db_path) >= (int)sizeof path)
        return;
    mode_t mode = mode_group ? 0660 : 0600;
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, mode);
    if (fd < 0)
        return;
    /* our own new file gets its mode whatever the umask; a file anyone may
     * write, or not a plain file, is not trusted */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & S_IWOTH)) {
        close(fd);
        return;
    }
    if (st.st_uid == geteuid() && st.st_size == 0 && (st.st_mode & 07777) != mode &&
        fchmod(fd, mode) != 0) {
        close(fd);
        return;
    }
    w->fd = fd;
}

void writers_close(struct writers *w)
{
    if (w->fd >= 0)
        close(w->fd);   /* the slot's lock goes with it */
    w->fd = w->slot = -1;
}

void writers_label(struct writers *w, const char *cmd)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(cmd ? cmd : ""); *p; p++) {
        if (n + 2 >= sizeof w->cmd) {
            while (n > 0 && ((unsigned char)w->cmd[n - 1] & 0xc0) == 0x80)
                n--;   /* never end inside a UTF-8 sequence */
            if (n > 0 && (unsigned char)w->cmd[n - 1] >= 0xc0)
                n--;
            break;
        }
        w->cmd[n++] = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
    }
    w->cmd[n] = '\0';
}

static int lock_slot(int fd, int i, int cmd, struct flock *fl)
{
    memset(fl, 0, sizeof *fl);
    fl->l_type = F_WRLCK;
    fl->l_whence = SEEK_SET;
    fl->l_start = (off_t)i * SLOT;
    fl->l_len = SLOT;
    return fcntl(fd, cmd, fl);
}

void writers_set(struct writers *w, enum writer_state st)
{
    char rec[SLOT];
    struct flock fl;
    if (w->fd < 0)
        return;
    for (int i = 0; w->slot < 0 && i < SLOTS; i++)
        if (lock_slot(w->fd, i, F_OFD_SETLK, &fl) == 0)
            w->slot = i;
    if (w->slot < 0)
        return;
    memset(rec, 0, sizeof rec);
    snprintf(rec, sizeof rec, MAGIC "pid=%ld\tlogin=%s\tstate=%s\tsince=%lld\tcmd=%s\n",
             (long)getpid(), w->login, state_name[st], (long long)time(NULL), w->cmd);
    if (pwrite(w->fd, rec, sizeof rec, (off_t)w->slot * SLOT) != (ssize_t)sizeof rec) {
        /* a lost record only leaves the registry less helpful */
    }
}

/* The value of key= in the tab-separated record (copied into out). */
static int field(const char *rec, const char *key, char *out, size_t outlen)
{
    size_t k = strlen(key);
    for (const char *p = rec; p && *p; p = strchr(p, '\t'), p = p ? p + 1 : NULL)
        if (!strncmp(p, key, k) && p[k] == '=') {
            size_t n = strcspn(p + k + 1, "\t\n");
            snprintf(out, outlen, "%.*s", (int)n, p + k + 1);
            return 0;
        }
    return -1;
}

/* 1 when the process is stopped (its /proc stat says T or t). */
static int is_stopped(long pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *close_paren = strrchr(buf, ')');
    return close_paren && close_paren[1] == ' ' && (close_paren[2] == 'T' || close_paren[2] == 't');
}

static int parse(const char *rec, struct writer *x)
{
    char v[32], st[16];
    memset(x, 0, sizeof *x);
    if (strncmp(rec, MAGIC, strlen(MAGIC)) || field(rec, "pid", v, sizeof v) ||
        (x->pid = strtol(v, NULL, 10)) <= 0 || field(rec, "login", x->login, sizeof x->login) ||
        field(rec, "state", st, sizeof st) || field(rec, "since", v, sizeof v) ||
        field(rec, "cmd", x->cmd, sizeof x->cmd))
        return -1;
    x->since = strtoll(v, NULL, 10);
    x->state = !strcmp(st, "writing") ? WRITER_WRITING
               : !strcmp(st, "waiting") ? WRITER_WAITING : WRITER_IDLE;
    return 0;
}

static int by_state(const void *p, const void *q)
{
    const struct writer *a = p, *b = q;
    if (a->state != b->state)
        return a->state > b->state ? -1 : 1;
    return (a->since > b->since) - (a->since < b->since);
}

int writers_list(const struct writers *w, struct writer_list *out)
{
    struct stat st;
    char rec[SLOT + 1];
    memset(out, 0, sizeof *out);
    if (w->fd < 0 || fstat(w->fd, &st) != 0)
        return 0;
    int n = (int)(st.st_size / SLOT);
    if (n > SLOTS)
        n = SLOTS;
    if (n == 0 || !(out->v = calloc((size_t)n, sizeof *out->v)))
        return n == 0 ? 0 : -1;
    for (int i = 0; i < n; i++) {
        struct flock fl;
        int self = i == w->slot;
        /* a slot nobody holds a lock on is free, whatever it says */
        if (!self && (lock_slot(w->fd, i, F_OFD_GETLK, &fl) != 0 || fl.l_type == F_UNLCK))
            continue;
        if (pread(w->fd, rec, SLOT, (off_t)i * SLOT) != SLOT)
            continue;
        rec[SLOT] = '\0';
        struct writer *x = &out->v[out->n];
        if (parse(rec, x) != 0)
            continue;
        x->self = self;
        x->stopped = is_stopped(x->pid);
        out->n++;
    }
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, by_state);
    return 0;
}

int writers_holder(const struct writers *w, char *out, size_t outlen, long *pid)
{
    struct writer_list l;
    int rc = -1;
    *pid = 0;
    snprintf(out, outlen, "a program that does not record itself (not this followup: "
             "sqlite3, or an older followup) holds the write lock");
    if (writers_list(w, &l) != 0)
        return -1;
    for (size_t i = 0; i < l.n && rc != 0; i++)
        if (l.v[i].state == WRITER_WRITING && !l.v[i].self) {
            long long secs = (long long)time(NULL) - l.v[i].since;
            snprintf(out, outlen, "%s (pid %ld, %s) has been writing for %lld s%s", l.v[i].login,
                     l.v[i].pid, l.v[i].cmd, secs < 0 ? 0 : secs,
                     l.v[i].stopped ? " and is stopped" : "");
            *pid = l.v[i].pid;
            rc = 0;
        }
    writer_list_fini(&l);
    return rc;
}
