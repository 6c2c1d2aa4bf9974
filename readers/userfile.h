/* What the readers do on the user's behalf: reading the file the user named
 * and running a converter. Both happen here and nowhere else, so that in
 * the installed setgid team mode (DESIGN.md: "every file a user names or
 * spawns is handled with the user's own ids") there is one place that
 * holds the group back: the file is opened with the real group id and the
 * child drops the program's group before it runs. Internal to readers/. */
#ifndef FU_FMT_USER_H
#define FU_FMT_USER_H

#include <stddef.h>

/* Reads path (a file, a pipe such as /dev/stdin) into *buf (malloc'ed,
 * NUL-terminated, *len bytes), opened with the user's real group id.
 * More than max bytes, a directory, a missing or unreadable file: FU_ERR
 * with one line that names the file. */
int fmt_user_read(const char *path, size_t max, char **buf, size_t *len,
                  char *err, size_t errlen);

/* Runs argv[0] (looked up in PATH) with the user's real ids, stdin from
 * /dev/null, stdout and stderr into the file errlog (NULL: /dev/null), in
 * its own process group, killed after timeout_s seconds. Returns the exit
 * status (0..255), 127 when it could not be run, or -1 on a timeout or a
 * signal (err filled). */
int fmt_user_run(char *const argv[], const char *errlog, int timeout_s,
                 char *err, size_t errlen);

#endif
