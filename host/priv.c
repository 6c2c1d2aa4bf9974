/* The group privilege of a setgid install: see priv.h. */
#define _GNU_SOURCE
#include "host/priv.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
    int inited;
    int setgid_run;        /* started with effective gid != real gid */
    int dropped;           /* given up for good */
    gid_t real, group;     /* the user's real gid, the program's gid */
} P;

static int fail(char *err, size_t errlen, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, "%s failed: %s; stopping rather than run with the wrong "
                 "group", what, strerror(errno ? errno : EPERM));
    return -1;
}

/* The effective gid is want, and (when all) real and saved are too. */
static int check(gid_t want, int all)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) != 0)
        return -1;
    if (e != want || (all && (r != want || s != want))) {
        errno = EPERM;
        return -1;
    }
    return 0;
}

int priv_init(char *err, size_t errlen)
{
    gid_t r, e, s;
    if (P.inited)
        return 0;
    if (getresgid(&r, &e, &s) != 0)
        return fail(err, errlen, "getresgid");
    P.inited = 1;
    P.real = r;
    P.group = e;
    P.setgid_run = e != r;
    if (!P.setgid_run)
        return 0;
    /* setresgid leaves the saved gid (the program's group) as it is. */
    if (setresgid((gid_t)-1, r, (gid_t)-1) != 0 || check(r, 0) != 0)
        return fail(err, errlen, "lowering the group (setresgid)");
    return 0;
}

int priv_started_setgid(void)
{
    return P.setgid_run;
}

int priv_held(void)
{
    return P.setgid_run && !P.dropped;
}

unsigned priv_group(void)
{
    return (unsigned)P.group;
}

int priv_raise(char *err, size_t errlen)
{
    if (!priv_held()) {
        errno = EPERM;
        return fail(err, errlen, "raising the group");
    }
    if (setegid(P.group) != 0 || check(P.group, 0) != 0)
        return fail(err, errlen, "raising the group (setegid)");
    return 0;
}

int priv_lower(char *err, size_t errlen)
{
    if (!P.setgid_run)
        return 0;
    if (setegid(P.real) != 0 || check(P.real, 0) != 0)
        return fail(err, errlen, "lowering the group (setegid)");
    return 0;
}

int priv_drop(char *err, size_t errlen)
{
    if (!P.setgid_run || P.dropped)
        return 0;
    if (setresgid(P.real, P.real, P.real) != 0 || check(P.real, 1) != 0)
        return fail(err, errlen, "giving up the group (setresgid)");
    P.dropped = 1;
    return 0;
}

int priv_child(void)
{
    gid_t r = P.inited ? P.real : getgid();
    if (!P.setgid_run)
        return 0;
    if (setresgid(r, r, r) != 0)
        return -1;
    return check(r, 1);
}

const char *priv_getenv(const char *name)
{
    if (priv_held())
        return NULL;
    return getenv(name);
}

const char *priv_test_getenv(const char *name)
{
    if (P.setgid_run)
        return NULL;
    return secure_getenv(name);
}

const char *priv_home(char *out, size_t outlen)
{
    const char *h = priv_getenv("HOME");
    if (!(h && *h)) {
        struct passwd *pw = getpwuid(getuid());
        h = pw && pw->pw_dir ? pw->pw_dir : "";
    }
    if (outlen)
        snprintf(out, outlen, "%s", h);
    return out;
}
