/* Helpers shared by the commands: argument parsing, errors, opening the
 * database, resolving tasks, sanitised output. */
#include "cli/cli.h"
#include "host/priv.h"
#include "host/sysdirs.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/err.h"
#include "util/text.h"
#include "db/db_edit.h"
#include "db/db_import.h"
#include "db/db_task.h"
#include "core/calendar.h"
#include "core/workflow.h"

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *arg,
                                      size_t namelen)
{
    for (const struct cli_opt *o = opts; o && o->name; o++) {
        if (arg[1] != '-' && arg[1] == o->short_name && o->short_name && arg[2] == '\0')
            return o;
        if (arg[1] == '-' && strlen(o->name) == namelen && !strncmp(arg + 2, o->name, namelen))
            return o;
    }
    return NULL;
}

/* A usage error in cmd's arguments: what is wrong, then the command's
 * usage, all on one line. */
static int usage_fail(const char *cmd, const char *fmt, ...)
{
    char what[256], usage[512];
    size_t n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    for (const char *u = cli_usage_of(cmd); u && *u && n + 1 < sizeof usage; u++) {
        if (*u == '\n')
            while (u[1] == ' ')
                u++;
        usage[n++] = *u == '\n' ? ' ' : *u;
    }
    usage[n] = '\0';
    return cli_fail(FU_USAGE, "%s: %s; usage: followup %s", cmd, what, n ? usage : cmd);
}

int cli_args(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
             const char **pos, int minpos, int maxpos, int *npos, int *help)
{
    int n = 0, only_pos = 0;
    *help = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] == '\0') {
            if (n >= maxpos)
                return usage_fail(cmd, "unexpected argument '%.60s'", a);
            pos[n++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_pos = 1;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            *help = 1;
            return FU_OK;
        }
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        size_t namelen = eq ? (size_t)(eq - a - 2) : strlen(a) - 2;
        const struct cli_opt *o = find_opt(opts, a, namelen);
        if (!o)
            return usage_fail(cmd, "unknown option '%.60s'", a);
        if (!o->has_arg) {
            if (eq)
                return usage_fail(cmd, "option --%s takes no value", o->name);
            *o->flag = 1;
            continue;
        }
        if (eq)
            *o->value = eq + 1;
        else if (i + 1 < argc)
            *o->value = argv[++i];
        else
            return usage_fail(cmd, "option --%s needs a value", o->name);
    }
    if (n < minpos)
        return usage_fail(cmd, "missing argument");
    *npos = n;
    return FU_OK;
}

int cli_fail(int rc, const char *fmt, ...)
{
    char msg[1024], safe[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    text_sanitize(msg, safe, sizeof safe);
    fprintf(stderr, "followup: %s\n", safe);
    return rc == FU_CONFLICT ? FU_ERR : rc;
}

struct wrap_ctx {
    FILE *out;
    int indent;
};

static void wrap_line(void *ctx, const char *start, size_t len)
{
    struct wrap_ctx *w = ctx;
    fprintf(w->out, "%*s%.*s\n", w->indent, "", (int)len, start);
}

void cli_wrap(FILE *out, const char *s, int indent, int width)
{
    struct wrap_ctx w = {out, indent};
    /* each line of s on its own (a note written in $EDITOR keeps its lines) */
    for (const char *p = s ? s : ""; ; ) {
        size_t n = strcspn(p, "\n");
        char *line = strndup(p, n), *safe = line ? text_sanitize_dup(line) : NULL;
        if (safe && !*safe)
            fputc('\n', out);
        else if (safe)
            text_wrap(safe, width - indent > 10 ? width - indent : 10, wrap_line, &w);
        free(safe);
        free(line);
        if (!p[n])
            break;
        p += n + 1;
    }
}

int cli_binary_out(int binary, const char *fmt, const char *cmd)
{
    if (!binary || !isatty(STDOUT_FILENO))
        return FU_OK;
    return cli_fail(FU_USAGE, "%s --format %s writes a binary file, not text for the terminal; "
                    "add -o FILE.%s (or redirect the output to a file)", cmd, fmt, fmt);
}

void cli_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

int cli_today_env(char out[11])
{
    const char *env = priv_test_getenv("FOLLOWUP_TODAY");
    if (env && *env) {
        if (cal_date_valid(env) != 0)
            return cli_fail(FU_USAGE, "FOLLOWUP_TODAY='%s' is not a date; use YYYY-MM-DD or "
                            "unset it", env);
        snprintf(out, 11, "%s", env);
        return FU_OK;
    }
    cli_today(out);
    return FU_OK;
}

const char *cli_status_label(const struct cli *c, enum task_status s)
{
    return status_label(s, c->zh);
}

static int mkdir_parents(const char *path)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return 0;
    *slash = '\0';
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* A writer kept waiting says so, naming the holder (db_on_wait). */
static void say_waiting(void *ctx, const char *line)
{
    (void)ctx;
    char safe[2048];
    text_sanitize(line, safe, sizeof safe);
    fprintf(stderr, "followup: %s\n", safe);
}

/* The database is open: what this process is, for the registry of
 * writers, and a voice while it waits for the lock. */
static int opened(struct cli *c)
{
    db_set_label(c->db, c->label[0] ? c->label : "followup");
    db_on_wait(c->db, say_waiting, c);
    return FU_OK;
}

/* The team database of a setgid install: the group is held only while
 * SQLite opens the file and, on its first read, the -wal and -shm files;
 * the database exists (team init made it) and is never bootstrapped by a
 * user. */
static int open_team_db(struct cli *c)
{
    char err[FU_ERRLEN] = "", perr[256] = "";
    if (priv_raise(perr, sizeof perr) != 0)
        return cli_fail(FU_ERR, "%s", perr);
    int rc = db_open(&c->db, c->db_path, 0, err, sizeof err);
    if (priv_lower(perr, sizeof perr) != 0) {
        db_close(c->db);
        c->db = NULL;
        return cli_fail(FU_ERR, "%s", perr);
    }
    return rc == FU_OK ? opened(c) : cli_fail(rc, "%s", err);
}

int cli_open_db(struct cli *c, int create)
{
    char err[FU_ERRLEN] = "";
    struct stat st;
    if (c->team)
        return open_team_db(c);
    if (c->db_source == DBS_TEAM_OPT) {   /* --team in a program without the group */
        if (access(c->db_path, R_OK) != 0)
            return cli_fail(FU_PERM, "--team: cannot reach %s (%s); this followup is not the "
                            "installed setgid program: run %s", c->db_path, strerror(errno),
                            sysdirs_program());
        int rc = db_open(&c->db, c->db_path, 0, err, sizeof err);
        return rc == FU_OK ? opened(c) : cli_fail(rc, "%s", err);
    }
    int exists = stat(c->db_path, &st) == 0;
    if (!exists && errno == EACCES)   /* e.g. the team database, named with --db */
        return cli_fail(FU_PERM, "cannot reach %s (%s): permission denied; a team database "
                        "is opened by followup itself, without --db, $FOLLOWUP_DB or "
                        "[database] path", c->db_path, c->db_why);
    if (!exists && !create)
        return cli_fail(FU_NOTFOUND,
                        "no database at %s (%s); create it with 'followup import FILE'",
                        c->db_path, c->db_why);
    if (!exists && mkdir_parents(c->db_path) != 0)
        return cli_fail(FU_ERR, "cannot create the folder for %s: %s", c->db_path,
                        strerror(errno));
    int flags = create ? DB_OPEN_CREATE : 0;
    int rc = db_open(&c->db, c->db_path, flags, err, sizeof err);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    if (!db_readonly(c->db)) {
        rc = db_bootstrap(c->db, c->actor.login, (const char *const *)c->cfg.departments,
                          c->cfg.ndepartments, err, sizeof err);
        if (rc != FU_OK)
            return cli_fail(rc, "%s", err);
    }
    return opened(c);
}

int cli_find_task(struct cli *c, const char *ref, struct task *t)
{
    char err[FU_ERRLEN] = "";
    int rc = db_task_find(c->db, ref, t, err, sizeof err);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cli_resolve_report(struct cli *c, const char *ref, long long *id)
{
    struct report_list rl = {0};
    char err[FU_ERRLEN] = "";
    int rc = db_report_list(c->db, &rl, err, sizeof err);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    const char *num = (ref[0] == 'R' || ref[0] == 'r') ? ref + 1 : ref;
    char *end;
    long long n = strtoll(num, &end, 10);
    *id = 0;
    if ((ref[0] == 'J' || ref[0] == 'j') && ref[1]) {   /* J2024: the register of 2024 */
        long long year = strtoll(ref + 1, &end, 10);
        report_list_fini(&rl);
        if (*end || year < 1900 || year > 9999)
            return cli_fail(FU_USAGE, "'%s' is not a register; write J2024 for the register "
                            "of 2024", ref);
        if ((rc = db_add_register(c->db, (int)year, id, err, sizeof err)) != FU_OK)
            return cli_fail(rc, "%s", err);
        return *id ? FU_OK : cli_fail(FU_NOTFOUND, "no register for %lld yet; `followup add "
                                      "TEXT` starts it", year);
    }
    for (size_t i = 0; i < rl.n && !*id; i++) {
        const struct report *r = &rl.v[i];
        if ((*num && *end == '\0' && r->id == n) || (r->doc_no && !strcmp(r->doc_no, ref)))
            *id = r->id;
    }
    report_list_fini(&rl);
    return *id ? FU_OK
               : cli_fail(FU_NOTFOUND, "no report '%s'; 'followup reports' lists them "
                                       "(R1, R2 … or a 文号)", ref);
}

size_t cli_split_names(char *s, const char **out, size_t max)
{
    size_t n = 0;
    char *p = s;
    while (*p && n < max) {
        char *end = p;
        size_t seplen = 0;
        for (; *end; end++) {
            if (*end == ',') { seplen = 1; break; }
            if (!strncmp(end, "，", 3) || !strncmp(end, "、", 3)) { seplen = 3; break; }
        }
        char save = *end;
        *end = '\0';
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len && p[len - 1] == ' ')
            p[--len] = '\0';
        if (*p)
            out[n++] = p;
        if (!save)
            break;
        p = end + seplen;
    }
    return n;
}

/* ---- limits ---------------------------------------------------------------------- */

int cli_team_db(const struct cli *c)
{
    return c->team || c->db_source == DBS_TEAM_OPT;
}

static const struct {
    const char *key;
    unsigned bit;
    size_t off;                  /* the int in struct config */
    long long unit;
} lim_keys[4] = {
    {"max_mb", CONFIG_ATT_MAX_MB, offsetof(struct config, attach_max_mb), 1024 * 1024},
    {"max_files", CONFIG_ATT_MAX_FILES, offsetof(struct config, attach_max_files), 1},
    {"task_mb", CONFIG_ATT_TASK_MB, offsetof(struct config, attach_task_mb), 1024 * 1024},
    {"dept_mb", CONFIG_ATT_DEPT_MB, offsetof(struct config, attach_dept_mb), 1024 * 1024},
};

static int cfg_int(const struct config *cfg, int k)
{
    return *(const int *)((const char *)cfg + lim_keys[k].off);
}

/* Limit k of the team: the system config's, lowered by the user's. */
static long long team_limit(struct cli *c, const struct config *sys, int k)
{
    int v = cfg_int(sys, k), mine = cfg_int(&c->cfg, k);
    int own = c->cfg.source[0] && strcmp(c->cfg.source, sysdirs_config()) != 0 &&
              (c->cfg.attach_set & lim_keys[k].bit);
    if (sys->attach_set & lim_keys[k].bit)
        snprintf(c->lim_from[k], sizeof c->lim_from[k], "the team's limit, [attachments] %s "
                 "in %s", lim_keys[k].key, sys->source);
    else
        snprintf(c->lim_from[k], sizeof c->lim_from[k], "the team's limit, the default; "
                 "[attachments] %s in %s sets it", lim_keys[k].key, sysdirs_config());
    if (own && mine < v) {
        v = mine;
        snprintf(c->lim_from[k], sizeof c->lim_from[k], "your own lower limit, [attachments] "
                 "%s in %s", lim_keys[k].key, c->cfg.source);
    } else if (own && mine > v) {
        fprintf(stderr, "followup: warning: %s: [attachments] %s = %d is above the team's %d "
                "(%s); the team's applies\n", c->cfg.source, lim_keys[k].key, mine, v,
                sysdirs_config());
    }
    return (long long)v * lim_keys[k].unit;
}

int cli_limits(struct cli *c, struct attach_limits *out)
{
    long long v[4];
    struct config sys;
    char err[FU_ERRLEN] = "";
    struct stat st;
    if (cli_team_db(c)) {
        int rc = FU_OK;
        if (stat(sysdirs_config(), &st) == 0)
            rc = config_load(sysdirs_config(), &sys, err, sizeof err);
        else
            config_defaults(&sys);   /* no system file: the defaults */
        if (rc != FU_OK)
            return cli_fail(rc, "the team's config: %s", err);
        for (int k = 0; k < 4; k++)
            v[k] = team_limit(c, &sys, k);
        config_fini(&sys);
    } else {
        for (int k = 0; k < 4; k++) {
            v[k] = (long long)cfg_int(&c->cfg, k) * lim_keys[k].unit;
            if (c->cfg.attach_set & lim_keys[k].bit)
                snprintf(c->lim_from[k], sizeof c->lim_from[k], "[attachments] %s in %s",
                         lim_keys[k].key, c->cfg.source);
            else
                snprintf(c->lim_from[k], sizeof c->lim_from[k], "the default; [attachments] "
                         "%s in config.ini sets it", lim_keys[k].key);
        }
    }
    *out = (struct attach_limits){.file_bytes = v[0], .task_files = v[1], .task_bytes = v[2],
                                  .dept_bytes = v[3], .file_from = c->lim_from[0],
                                  .task_files_from = c->lim_from[1],
                                  .task_bytes_from = c->lim_from[2],
                                  .dept_from = c->lim_from[3]};
    return FU_OK;
}
