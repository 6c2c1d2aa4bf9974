/* team init: root creates the team database of an installed (setgid)
 * followup in $(localstatedir)/lib/followup, root:followup mode 0660. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/err.h"
#include "host/priv.h"
#include "host/sysdirs.h"

/* The team directory as make install left it: a directory of the
 * program's group that others cannot enter. */
static int team_dir_ok(void)
{
    struct stat st;
    const char *dir = sysdirs_team_dir();
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return cli_fail(FU_ERR, "there is no team directory %s: run `make install` as root "
                        "first", dir);
    if (st.st_gid != (gid_t)priv_group() || (st.st_mode & 0007))
        return cli_fail(FU_ERR, "the team directory %s must belong to the program's group "
                        "with no access for others: run `make install` as root again", dir);
    return FU_OK;
}

/* The -wal and -shm files, as SQLite left them, and the registry of
 * writers (host/writers.h): root:group 0660. */
static int fix_side_files(const char *path)
{
    const char *suffix[] = {"-wal", "-shm", "-writers"};
    for (int i = 0; i < 3; i++) {
        char p[1200];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        if (access(p, F_OK) != 0)
            continue;
        if (chown(p, 0, (gid_t)priv_group()) != 0 || chmod(p, 0660) != 0)
            return cli_fail(FU_ERR, "cannot give %s to root:%u mode 0660: %s", p, priv_group(),
                            strerror(errno));
    }
    return FU_OK;
}

/* Creates the empty file root:group 0660 (the group held). */
static int create_db_file(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST)
        return cli_fail(FU_ERR, "the team database %s exists already; nothing was changed",
                        path);
    if (fd < 0)
        return cli_fail(FU_ERR, "cannot create %s: %s", path, strerror(errno));
    int ok = fchown(fd, 0, (gid_t)priv_group()) == 0 && fchmod(fd, 0660) == 0;
    int e = errno;
    close(fd);
    if (!ok) {
        unlink(path);
        return cli_fail(FU_ERR, "cannot give %s to root:%u mode 0660: %s", path, priv_group(),
                        strerror(e));
    }
    return FU_OK;
}

/* With the group raised: the file, the schema, the committee user and
 * the system config's departments. */
static int init_db(struct cli *c, const char *path, const char *login)
{
    struct config sys = {0};
    char err[FU_ERRLEN] = "";
    struct stat st;
    int rc = FU_OK;
    if (stat(sysdirs_config(), &st) == 0 &&
        (rc = config_load(sysdirs_config(), &sys, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    if ((rc = create_db_file(path)) != FU_OK) {
        config_fini(&sys);
        return rc;
    }
    rc = db_open(&c->db, path, 0, err, sizeof err);
    if (rc == FU_OK)
        rc = db_bootstrap(c->db, login, (const char *const *)sys.departments,
                          sys.ndepartments, err, sizeof err);
    size_t ndepts = sys.ndepartments;
    config_fini(&sys);
    db_close(c->db);
    c->db = NULL;
    if (rc != FU_OK) {
        unlink(path);
        return cli_fail(rc, "%s", err);
    }
    if ((rc = fix_side_files(path)) != FU_OK)
        return rc;
    printf("team database %s created (root:%u, mode 0660); %s is its committee user; "
           "%zu departments from %s\n", path, priv_group(), login, ndepts, sysdirs_config());
    return FU_OK;
}

int cmd_team(struct cli *c, int argc, char **argv)
{
    const char *pos[1], *login = NULL;
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "committee", .has_arg = 1, .value = &login}, {0}};
    if (argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")))
        return cli_help("team");
    if (argc < 1 || strcmp(argv[0], "init") != 0)
        return cli_fail(FU_USAGE, "usage: followup team init --committee LOGIN");
    if ((rc = cli_args("team", argc - 1, argv + 1, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("team");
    if (!login || !*login)
        return cli_fail(FU_USAGE, "team init needs --committee LOGIN (the first committee "
                        "user)");
    if (getuid() != 0)
        return cli_fail(FU_PERM, "only root may create the team database; run `sudo followup "
                        "team init --committee %s`", login);
    if (!priv_started_setgid())
        return cli_fail(FU_ERR, "this followup is not installed setgid; run `make install` "
                        "as root, then the installed followup");
    if (!sysdirs_is_installed())
        return cli_fail(FU_ERR, "this is not the installed followup (%s): a build in a "
                        "checkout or a staged tree makes no team database; run `sudo %s team "
                        "init --committee %s`", sysdirs_program(), sysdirs_program(), login);
    if (!priv_held())
        return cli_fail(FU_USAGE, "team init takes no --db or $FOLLOWUP_DB: it creates %s",
                        sysdirs_team_db());
    if (!getpwnam(login))
        return cli_fail(FU_NOTFOUND, "no user '%s' on this host; the committee user is a "
                        "Unix login", login);
    if ((rc = team_dir_ok()) != FU_OK)
        return rc;
    char perr[256];
    if (priv_raise(perr, sizeof perr) != 0)
        return cli_fail(FU_ERR, "%s", perr);
    rc = init_db(c, sysdirs_team_db(), login);
    if (priv_lower(perr, sizeof perr) != 0)
        return cli_fail(FU_ERR, "%s", perr);
    return rc;
}
