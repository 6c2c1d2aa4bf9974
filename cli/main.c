/* followup: the thin main. Global options, identity, configuration and
 * database path, then one command or the interface. */
#include <fcntl.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/err.h"
#include "host/priv.h"
#include "host/sysdirs.h"
#include "tui/tui.h"
#include "util/text.h"

enum { WANT_RUN, WANT_HELP, WANT_VERSION };

static int whoami(struct cli *c)
{
    struct passwd *pw = getpwuid(getuid());
    if (!pw || !pw->pw_name)
        return cli_fail(FU_ERR, "cannot tell who you are: uid %ld has no passwd entry",
                        (long)getuid());
    snprintf(c->actor.login, sizeof c->actor.login, "%s", pw->pw_name);
    if (c->as_opt) {
        if (!*c->as_opt || strlen(c->as_opt) >= sizeof c->actor.as_user)
            return cli_fail(FU_USAGE, "--as needs a user name of 1 to 63 bytes");
        if (strcmp(c->as_opt, c->actor.login) != 0)
            snprintf(c->actor.as_user, sizeof c->actor.as_user, "%s", c->as_opt);
    }
    return FU_OK;
}

/* The team database exists (looked at with the program's group, which a
 * setgid install needs to see into the team directory). */
static int team_db_exists(void)
{
    struct stat st;
    char err[256];
    if (!priv_held())
        return stat(sysdirs_team_db(), &st) == 0 && S_ISREG(st.st_mode);
    if (priv_raise(err, sizeof err) != 0)
        return 0;
    int found = stat(sysdirs_team_db(), &st) == 0 && S_ISREG(st.st_mode);
    if (priv_lower(err, sizeof err) != 0) {
        fprintf(stderr, "followup: %s\n", err);
        exit(FU_ERR);
    }
    return found;
}

/* --db, $FOLLOWUP_DB, [database] path, the team database when it exists,
 * $XDG_DATA_HOME, ~/.local/share. Anything but the team database is the
 * user's own file: the group of a setgid install is given up for good
 * before it is opened (main drops it for --db and $FOLLOWUP_DB even before
 * the config is read). */
static int resolve_db(struct cli *c)
{
    char err[256];
    const char *env = getenv("FOLLOWUP_DB");   /* only decides to drop the group */
    if (c->db_opt) {
        snprintf(c->db_path, sizeof c->db_path, "%s", c->db_opt);
        snprintf(c->db_why, sizeof c->db_why, "from --db");
    } else if (env && *env) {
        snprintf(c->db_path, sizeof c->db_path, "%s", env);
        snprintf(c->db_why, sizeof c->db_why, "from $FOLLOWUP_DB");
    } else if (c->cfg.db_path[0]) {
        snprintf(c->db_path, sizeof c->db_path, "%s", c->cfg.db_path);
        snprintf(c->db_why, sizeof c->db_why, "from [database] path in %s", c->cfg.source);
    } else if (team_db_exists()) {
        snprintf(c->db_path, sizeof c->db_path, "%s", sysdirs_team_db());
        snprintf(c->db_why, sizeof c->db_why, "the team database");
        c->team = priv_held();
        return FU_OK;
    }
    if (priv_drop(err, sizeof err) != 0)
        return cli_fail(FU_ERR, "%s", err);
    if (c->db_path[0])
        return FU_OK;
    const char *xdg = priv_getenv("XDG_DATA_HOME");
    if (xdg && *xdg) {
        snprintf(c->db_path, sizeof c->db_path, "%s/followup/followup.db", xdg);
        snprintf(c->db_why, sizeof c->db_why, "the default under $XDG_DATA_HOME");
    } else {
        char homebuf[1024];
        const char *home = priv_home(homebuf, sizeof homebuf);
        snprintf(c->db_path, sizeof c->db_path, "%s/.local/share/followup/followup.db",
                 *home ? home : ".");
        snprintf(c->db_why, sizeof c->db_why, "the default under ~/.local/share");
    }
    return FU_OK;
}

/* Global options come before the command; returns the index of the command
 * or argc, or -1 after printing an error. --help and --version set *want:
 * they are answered once the config has told the language. */
static int global_options(struct cli *c, int argc, char **argv, int *want, int *exit_now)
{
    int i = 1;
    *exit_now = -1;
    *want = WANT_RUN;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--db") ? &c->db_opt
                            : !strcmp(a, "--config") ? &c->config_opt
                            : !strcmp(a, "--as") ? &c->as_opt : NULL;
        if (slot) {
            if (i + 1 >= argc) {
                *exit_now = cli_fail(FU_USAGE, "%s needs a value; see 'followup --help'", a);
                return -1;
            }
            *slot = argv[++i];
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            *want = WANT_HELP;
            return argc;
        } else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
            *want = WANT_VERSION;
            return argc;
        } else {
            *exit_now = cli_fail(FU_USAGE, "unknown option '%s'; see 'followup --help'", a);
            return -1;
        }
    }
    return i;
}

/* FOLLOWUP_TRACE=FILE (make bench): a command appends "C <ns>"
 * (CLOCK_MONOTONIC) when it has finished its work, its commit included,
 * before it closes the database; the interface marks its frames in the
 * same file, so that bench/bench.py can time another user's change from
 * its commit to the frame that shows it. */
static void trace_done(void)
{
    const char *path = priv_test_getenv("FOLLOWUP_TRACE");
    struct timespec ts;
    char line[48];
    if (!path || !*path)
        return;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int n = snprintf(line, sizeof line, "C %lld\n",
                     (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
    if (write(fd, line, (size_t)n) != n) {
        /* a lost line only spoils a measurement */
    }
    close(fd);
}

int main(int argc, char **argv)
{
    char perr[256];
    /* First of all: a setgid install lowers its group at once. */
    if (priv_init(perr, sizeof perr) != 0) {
        fprintf(stderr, "followup: %s\n", perr);
        return FU_ERR;
    }
    setlocale(LC_ALL, "");
    /* Past a file-size limit (ulimit -f) a write fails with EFBIG and the
     * database reports it, rather than the signal killing us mid-write. */
    signal(SIGXFSZ, SIG_IGN);
    struct cli c = {.prog = "followup"};
    int want, rc, first = global_options(&c, argc, argv, &want, &rc);
    if (first < 0)
        return rc;
    char err[FU_ERRLEN] = "";
    /* A database the user names reaches only the user's files: the group
     * goes for good before anything (the config included) is opened. */
    const char *env_db = getenv("FOLLOWUP_DB");
    if ((c.db_opt || (env_db && *env_db)) && priv_drop(perr, sizeof perr) != 0)
        return cli_fail(FU_ERR, "%s", perr);
    /* --help and --version still answer when the config is broken. */
    if ((rc = config_load(c.config_opt, &c.cfg, err, sizeof err)) != FU_OK && want == WANT_RUN)
        return cli_fail(rc, "%s", err);
    /* One "followup: warning:" line each; a key may hold anything. */
    for (char *w = c.cfg.warnings; want == WANT_RUN && *w;) {
        size_t len = strcspn(w, "\n");
        int more = w[len] == '\n';
        w[len] = '\0';
        fputs("followup: warning: ", stderr);
        text_fputs(stderr, w);
        fputc('\n', stderr);
        w += len + more;
    }
    c.zh = config_wants_zh(&c.cfg);
    cli_help_language(c.zh);
    /* team init makes the team database: it keeps the group to do so. */
    int team_cmd = first < argc && want == WANT_RUN && !strcmp(argv[first], "team");
    if (!team_cmd && resolve_db(&c) != FU_OK) {
        config_fini(&c.cfg);
        return FU_ERR;
    }
    if (want == WANT_HELP) {
        cli_usage(stdout);
        rc = 0;
        goto out;
    }
    if (want == WANT_VERSION) {
        printf("followup %s\n\n", FOLLOWUP_VERSION);
        rc = cli_paths_print(&c, rc == FU_OK ? NULL : err);
        goto out;
    }
    if ((rc = whoami(&c)) != FU_OK)
        goto out;
    if (first >= argc) {
        if ((rc = cli_open_db(&c, 0)) == FU_OK)
            rc = tui_run(c.db, &c.actor, &c.cfg);
        goto out;
    }
    cli_cmd_fn fn = cli_command(argv[first]);
    if (!fn) {
        rc = cli_fail(FU_USAGE, "unknown command '%s'; see 'followup --help'", argv[first]);
        goto out;
    }
    rc = fn(&c, argc - first - 1, argv + first + 1);
    trace_done();
out:
    if (c.db)
        db_close(c.db);
    config_fini(&c.cfg);
    return rc;
}
