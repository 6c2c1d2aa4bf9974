/* The user's editor, run on a file the way git and crontab -e do. */
#ifndef FU_EDITOR_H
#define FU_EDITOR_H

#include <stddef.h>

/* Runs $VISUAL, else $EDITOR, else vi on path (through /bin/sh, so that
 * "EDITOR='emacs -nw'" works) with the user's own ids: the child gives up
 * the group of a setgid install before it execs (host/priv.h). The
 * terminal is the editor's until it exits; SIGINT and SIGQUIT are ignored
 * meanwhile. Returns 0 when the editor exited with status 0; -1 with one
 * line in err (it could not be run, exited non-zero, was killed). */
int editor_run(const char *path, char *err, size_t errlen);

#endif
