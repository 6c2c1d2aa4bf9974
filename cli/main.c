/* followup: the thin main. Global options, identity, configuration and
 * database path, then one command or the interface. */
#include <errno.h>
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

static void db_from(struct cli *c, enum db_source src, const char *path, const char *why)
{
    c->db_source = src;
    snprintf(c->db_path, sizeof c->db_path, "%s", path);
    snprintf(c->db_why, sizeof c->db_why, "%s", why);
}

/* --team: the team database, whatever the environment and the config say;
 * through the group when this program has it, else with the user's own
 * rights (root's, for a build that is not installed). */
static int team_by_option(struct cli *c)
{
    char err[256];
    struct stat st;
    db_from(c, DBS_TEAM_OPT, sysdirs_team_db(), "the team database, from --team");
    if (!priv_held() && stat(sysdirs_team_db(), &st) != 0 && errno == EACCES)
        return cli_fail(FU_PERM, "--team: cannot reach %s (permission denied); this followup "
                        "is not the installed setgid program: run %s", sysdirs_team_db(),
                        sysdirs_program());
    if (!team_db_exists())
        return cli_fail(FU_NOTFOUND, "--team: there is no team database at %s; root creates "
                        "it with `followup team init --committee LOGIN`", sysdirs_team_db());
    c->team = priv_held();
    if (!c->team && priv_drop(err, sizeof err) != 0)
        return cli_fail(FU_ERR, "%s", err);
    return FU_OK;
}

/* --team, --db, $FOLLOWUP_DB, [database] path, the team database when this
 * is the installed setgid program and the database exists, $XDG_DATA_HOME,
 * ~/.local/share. A build in a checkout or a tree staged under DESTDIR
 * never uses the team database unless told with --team. Anything but the
 * team database is the user's own file: the group of a setgid install is
 * given up for good before it is opened (main drops it for --db and
 * $FOLLOWUP_DB even before the config is read). */
static int resolve_db(struct cli *c)
{
    char err[256];
    const char *env = getenv("FOLLOWUP_DB");   /* only decides to drop the group */
    c->installed = sysdirs_is_installed();
    if (c->team_opt)
        return team_by_option(c);
    if (c->db_opt)
        db_from(c, DBS_OPT, c->db_opt, "from --db");
    else if (env && *env)
        db_from(c, DBS_ENV, env, "from $FOLLOWUP_DB");
    else if (c->cfg.db_path[0])
        db_from(c, DBS_CONFIG, c->cfg.db_path, "from [database] path in config.ini");
    else if (c->installed && priv_started_setgid() && team_db_exists()) {
        db_from(c, DBS_TEAM, sysdirs_team_db(), "the team database");
        c->team = priv_held();
        return FU_OK;
    }
    if (priv_drop(err, sizeof err) != 0)
        return cli_fail(FU_ERR, "%s", err);
    if (c->db_path[0]) {
        if (c->db_source == DBS_CONFIG)
            snprintf(c->db_why, sizeof c->db_why, "from [database] path in %s", c->cfg.source);
        return FU_OK;
    }
    const char *xdg = priv_getenv("XDG_DATA_HOME");
    if (xdg && *xdg) {
        char path[1100];
        snprintf(path, sizeof path, "%s/followup/followup.db", xdg);
        db_from(c, DBS_XDG, path, "the default under $XDG_DATA_HOME");
    } else {
        char homebuf[1024], path[1100];
        const char *home = priv_home(homebuf, sizeof homebuf);
        snprintf(path, sizeof path, "%s/.local/share/followup/followup.db", *home ? home : ".");
        db_from(c, DBS_HOME, path, "the default under ~/.local/share");
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
        if (!strcmp(a, "--team")) {
            c->team_opt = 1;
            continue;
        }
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
 * its commit to the frame that shows it; "W <ms>" follows: the command's
 * longest write transaction. */
static void trace_done(struct db *db)
{
    const char *path = priv_test_getenv("FOLLOWUP_TRACE");
    struct timespec ts;
    char line[96];
    if (!path || !*path)
        return;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int n = snprintf(line, sizeof line, "C %lld\n",
                     (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
    /* and the longest write transaction, for bench.py's table of them */
    if (db && n > 0 && n < (int)sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, "W %lld\n", db_longest_write_ms(db));
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
    if (c.team_opt && c.db_opt)
        return cli_fail(FU_USAGE, "--team and --db name two databases; give one of them");
    if (!c.team_opt && (c.db_opt || (env_db && *env_db)) && priv_drop(perr, sizeof perr) != 0)
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
    int dbrc = team_cmd ? FU_OK : resolve_db(&c);
    if (dbrc != FU_OK) {
        config_fini(&c.cfg);
        return dbrc;
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
        snprintf(c.label, sizeof c.label, "followup (the interface)");
        if ((rc = cli_open_db(&c, 0)) == FU_OK)
            rc = tui_run(c.db, &c.actor, &c.cfg);
        goto out;
    }
    for (int i = first, n = 0; i < argc && n < (int)sizeof c.label - 2; i++)
        n += snprintf(c.label + n, sizeof c.label - (size_t)n, "%s%s", i == first ? "followup " : " ",
                      argv[i]);
    cli_cmd_fn fn = cli_command(argv[first]);
    if (!fn) {
        rc = cli_fail(FU_USAGE, "unknown command '%s'; see 'followup --help'", argv[first]);
        goto out;
    }
    rc = fn(&c, argc - first - 1, argv + first + 1);
    trace_done(c.db);
out:
    if (c.db)
        db_close(c.db);
    config_fini(&c.cfg);
    return rc;
}
