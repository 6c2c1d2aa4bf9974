/* Running the user's editor on a file (host/editor.h). */
#include "host/editor.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host/priv.h"

int editor_run(const char *path, char *err, size_t errlen)
{
    struct sigaction ign, old_int, old_quit;
    int status = 0;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);
    pid_t pid = fork();
    if (pid == 0) {
        /* the editor is the user's program: no group of a setgid install
         * survives into it (the database's files are close-on-exec) */
        if (priv_child() != 0)
            _exit(127);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        execl("/bin/sh", "sh", "-c", "exec ${VISUAL:-${EDITOR:-vi}} \"$1\"", "sh", path,
              (char *)NULL);
        _exit(127);
    }
    int saved = errno;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    if (pid < 0) {
        snprintf(err, errlen, "cannot start the editor: %s", strerror(saved));
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(err, errlen, "the editor could not be run; set $EDITOR (or $VISUAL) to one "
                 "that is installed");
    else if (WIFEXITED(status))
        snprintf(err, errlen, "the editor exited with status %d", WEXITSTATUS(status));
    else
        snprintf(err, errlen, "the editor was killed by signal %d",
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return -1;
}
