/* The group privilege of a setgid install (the crontab/at model).
 *
 * An installed followup is setgid `followup`; the team database lives in a
 * directory only that group may enter, and no user is in the group. The
 * program holds the group only to open the team database (and its -wal and
 * -shm files); everything else -- the files a user names, the programs it
 * spawns, the environment it reads -- runs with the user's own ids.
 *
 * The pattern for every caller:
 *   - main calls priv_init() before anything else: the group moves from the
 *     effective to the saved set-group-ID, so by default nothing is opened
 *     with it.
 *   - opening the team database: priv_raise(), open and first read,
 *     priv_lower(); both checked.
 *   - anything else that reaches a user-chosen database: priv_drop() (for
 *     good) before opening anything.
 *   - a child that will exec another program (an editor, a converter):
 *     after fork(), call priv_child() and _exit(127) when it fails; open
 *     files the child must not inherit with O_CLOEXEC (SQLite does).
 *   - environment: priv_getenv() for anything that names a file, a program
 *     or a behaviour (FOLLOWUP_*, HOME, XDG_*, TMPDIR); priv_home() for the
 *     home directory; priv_test_getenv() for the variables only tests use.
 * In a program that is not setgid all of these are no-ops (getenv()). */
#ifndef FU_PRIV_H
#define FU_PRIV_H

#include <stddef.h>

/* Records the ids; in a setgid run lowers the effective group to the real
 * one (keeping the program's group in the saved set-group-ID). 0, or -1
 * with err filled when a set*gid call failed (the caller must stop). */
int priv_init(char *err, size_t errlen);

/* 1 when the program started setgid (its group differs from the user's). */
int priv_started_setgid(void);

/* 1 while the program's group can still be raised (started setgid and not
 * dropped for good). */
int priv_held(void);

/* The program's group id (meaningful when priv_started_setgid()). */
unsigned priv_group(void);

/* Effective group = the program's group / the user's real group. Each
 * checks the result with getresgid; 0 or -1 with err filled. priv_raise
 * fails when priv_held() is 0. */
int priv_raise(char *err, size_t errlen);
int priv_lower(char *err, size_t errlen);

/* Gives the group up for good: real, effective and saved group all become
 * the user's real group, checked. 0 or -1 with err filled. Idempotent. */
int priv_drop(char *err, size_t errlen);

/* In a forked child before exec: priv_drop() without messages. 0 or -1
 * (then the child must _exit without exec). Async-signal-safe. */
int priv_child(void);

/* getenv(name) when no group privilege is held (not setgid, or dropped for
 * good); NULL while it is (secure_getenv's rule, and then some). */
const char *priv_getenv(const char *name);

/* Variables only the tests use (FOLLOWUP_TODAY, FOLLOWUP_TRACE): NULL in
 * any run that started setgid, even after a drop. */
const char *priv_test_getenv(const char *name);

/* The user's home into out (outlen bytes, cut to fit): $HOME when
 * priv_getenv allows it, else the passwd entry's directory of the real
 * uid; "" when neither is known. Returns out. */
const char *priv_home(char *out, size_t outlen);

#endif
