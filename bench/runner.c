/* The benchmark's process timer: runs one command and reports how long it
 * took and its peak memory, measured from a small process so that the
 * memory figure is the command's own (Linux keeps a process's peak
 * resident size across exec, so a child forked from a large interpreter
 * would report the interpreter's).
 *
 *   runner [-i IN] [-o OUT] [-r RESULT] -- COMMAND [ARG...]
 *
 * stdin from IN, stdout to OUT (default: inherited); stderr is inherited.
 * Appends "START_NS ELAPSED_NS MAXRSS_KB EXIT" (CLOCK_MONOTONIC, ru_maxrss
 * of the child, its exit status or 128+signal) as one line to RESULT, or
 * prints it on stderr. Exits with the command's status. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int redirect(const char *path, int fd, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0 || dup2(f, fd) < 0) {
        perror(path);
        return -1;
    }
    close(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *result = NULL;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (i + 1 >= argc)
            break;
        if (!strcmp(argv[i], "-i"))
            in = argv[++i];
        else if (!strcmp(argv[i], "-o"))
            out = argv[++i];
        else if (!strcmp(argv[i], "-r"))
            result = argv[++i];
    }
    if (i + 1 >= argc) {
        fputs("usage: runner [-i IN] [-o OUT] [-r RESULT] -- COMMAND [ARG...]\n", stderr);
        return 2;
    }
    char **cmd = argv + i + 1;
    long long t0 = now_ns();
    pid_t pid = fork();
    if (pid == 0) {
        if ((in && redirect(in, 0, O_RDONLY) != 0) ||
            (out && redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC) != 0))
            _exit(126);
        execvp(cmd[0], cmd);
        perror(cmd[0]);
        _exit(127);
    }
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    long long t1 = now_ns();
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *r = result ? fopen(result, "a") : stderr;
    if (!r) {
        perror(result);
        return 1;
    }
    fprintf(r, "%lld %lld %ld %d\n", t0, t1 - t0, ru.ru_maxrss, code);
    if (r != stderr)
        fclose(r);
    return code;
}
