/* The user's file and the user's child processes (contract in
 * readers/userfile.h). This is the one place that must keep the installed
 * program's group (setgid followup) away from user-named files and
 * spawned converters. */
#include "readers/userfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/err.h"
#include "host/priv.h"

/* open() with the real group id in effect when the program runs setgid. */
static int open_as_user(const char *path)
{
    gid_t egid = getegid(), rgid = getgid();
    int fd, saved;
    if (egid != rgid && setegid(rgid) != 0) { errno = EPERM; return -1; }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    saved = errno;
    if (egid != rgid && setegid(egid) != 0) {
        if (fd >= 0) close(fd);
        errno = EPERM;
        return -1;
    }
    errno = saved;
    return fd;
}

int fmt_user_read(const char *path, size_t max, char **buf, size_t *len,
                  char *err, size_t errlen)
{
    struct stat st;
    size_t cap, n = 0;
    char *b;
    int fd = open_as_user(path);
    *buf = NULL;
    *len = 0;
    if (fd < 0) {
        if (errno == ENOENT) snprintf(err, errlen, "%s: no such file; check the path", path);
        else snprintf(err, errlen, "%s: cannot open (%s); check the path and its permissions",
                      path, strerror(errno));
        return FU_ERR;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory; give a report file", path);
        close(fd);
        return FU_ERR;
    }
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
        snprintf(err, errlen, "%s: too large (%lld bytes, the limit is %zu); give one report",
                 path, (long long)st.st_size, max);
        close(fd);
        return FU_ERR;
    }
    cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    b = malloc(cap + 1);
    while (b) {
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            snprintf(err, errlen, "%s: cannot read (%s); give a readable report file", path,
                     strerror(errno));
            free(b);
            close(fd);
            return FU_ERR;
        }
        if (r == 0) break;
        n += (size_t)r;
        if (n > max) break;
        if (n == cap) {
            char *nb = realloc(b, cap * 2 + 1);
            if (!nb) { free(b); b = NULL; break; }
            b = nb;
            cap *= 2;
        }
    }
    close(fd);
    if (!b) { snprintf(err, errlen, "%s: out of memory reading it", path); return FU_ERR; }
    if (n > max) {
        snprintf(err, errlen, "%s: too large (more than %zu bytes); give one report", path, max);
        free(b);
        return FU_ERR;
    }
    b[n] = 0;
    *buf = b;
    *len = n;
    return FU_OK;
}

/* In the child: the real ids only, quiet standard streams, then exec. */
static void child(char *const argv[], const char *errlog)
{
    int in = open("/dev/null", O_RDONLY), out;
    out = errlog ? open(errlog, O_WRONLY | O_CREAT | O_TRUNC, 0600) : open("/dev/null", O_WRONLY);
    setpgid(0, 0);
    /* all three group ids the user's, checked (host/priv.h) */
    if (priv_child() != 0 || setreuid(getuid(), getuid()) != 0) _exit(126);
    if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
        _exit(126);
    execvp(argv[0], argv);
    _exit(127);
}

int fmt_user_run(char *const argv[], const char *errlog, int timeout_s,
                 char *err, size_t errlen)
{
    struct timespec nap = {0, 20 * 1000 * 1000};
    long waited = 0, limit = (long)timeout_s * 50;
    int status;
    pid_t pid;
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot start %s (%s)", argv[0], strerror(errno));
        return -1;
    }
    if (pid == 0) child(argv, errlog);
    setpgid(pid, pid);
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR) {
            snprintf(err, errlen, "lost %s (%s)", argv[0], strerror(errno));
            return -1;
        }
        if (++waited > limit) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            snprintf(err, errlen, "%s took more than %d seconds and was stopped", argv[0],
                     timeout_s);
            return -1;
        }
        nanosleep(&nap, NULL);
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    snprintf(err, errlen, "%s was killed by signal %d", argv[0], WTERMSIG(status));
    return -1;
}
