/* paths (and --version): which files followup uses and why. Opens nothing:
 * it reports what the next command would open. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/err.h"
#include "host/priv.h"
#include "host/sysdirs.h"
#include "util/text.h"
#include "tui/i18n.h"

#define SAMPLE_NAME "jingan-2024-3.txt"

/* One entry: "label      path" and, indented below, why and up to two
 * more lines (NULL: none). */
static void entry3(const char *label, const char *path, const char *why, const char *more,
                   const char *more2)
{
    int pad = 11 - text_width(label);
    const char *lines[] = {why, more, more2};
    printf("%s%*s", label, pad > 1 ? pad : 1, "");
    text_fputs(stdout, path);
    for (int i = 0; i < 3; i++) {
        if (!lines[i] || !*lines[i])
            continue;
        fputs("\n           ", stdout);
        text_fputs(stdout, lines[i]);
    }
    fputc('\n', stdout);
}

static void entry2(const char *label, const char *path, const char *why, const char *more)
{
    entry3(label, path, why, more, NULL);
}

static void entry(const char *label, const char *path, const char *why)
{
    entry2(label, path, why, NULL);
}

/* The directory the running program is in ("" when unknown). */
static void program_dir(char *out, size_t outlen, char *exe, size_t exelen)
{
    out[0] = exe[0] = '\0';
    ssize_t n = readlink("/proc/self/exe", exe, exelen - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    snprintf(out, outlen, "%s", exe);
    char *slash = strrchr(out, '/');
    if (slash)
        *slash = '\0';
}

static void user_config_path(char *out, size_t outlen)
{
    char homebuf[1024];
    const char *xdg = priv_getenv("XDG_CONFIG_HOME"), *home = priv_home(homebuf, sizeof homebuf);
    if (xdg && *xdg)
        snprintf(out, outlen, "%s/followup/config.ini", xdg);
    else
        snprintf(out, outlen, "%s/.config/followup/config.ini", *home ? home : "~");
}

static void show_config(const struct cli *c, const char *config_err)
{
    char why[2400], user[1100];
    const char *env = priv_getenv("FOLLOWUP_CONFIG");
    user_config_path(user, sizeof user);
    const char *path = c->cfg.source[0] ? c->cfg.source
                       : c->config_opt ? c->config_opt
                       : config_err && env && *env ? env
                       : (c->zh ? "（无）" : "(none)");
    if (c->config_opt)
        snprintf(why, sizeof why, c->zh ? "来自 --config" : "from --config");
    else if (env && *env)
        snprintf(why, sizeof why, c->zh ? "来自 $FOLLOWUP_CONFIG" : "from $FOLLOWUP_CONFIG");
    else if (!c->cfg.source[0] && !config_err)
        snprintf(why, sizeof why,
                 c->zh ? "使用内置默认值：没有 --config、$FOLLOWUP_CONFIG、%s 或 %s"
                       : "built-in defaults: no --config, $FOLLOWUP_CONFIG, %s or %s",
                 user, sysdirs_config());
    else if (!strcmp(c->cfg.source, sysdirs_config()))
        snprintf(why, sizeof why,
                 c->zh ? "系统配置（没有 --config、$FOLLOWUP_CONFIG 或 %s）"
                       : "the system-wide file (no --config, $FOLLOWUP_CONFIG or %s)",
                 user);
    else
        snprintf(why, sizeof why,
                 c->zh ? "你自己的配置（优先于 %s）" : "your own file (it takes the place of %s)",
                 sysdirs_config());
    if (config_err) {
        size_t used = strlen(why);
        snprintf(why + used, sizeof why - used, c->zh ? "；出错：%s" : "; unusable: %s",
                 config_err);
    }
    entry(c->zh ? "配置" : "config", path, why);
}

/* Why the team database is not the one in use, when this program could
 * know of one: it is not the installed program (a build in a checkout, a
 * copy, a staged tree), or not setgid. */
static void team_note(const struct cli *c, char *out, size_t outlen)
{
    struct stat st;
    out[0] = '\0';
    if (c->team || stat(sysdirs_team_dir(), &st) != 0)
        return;
    if (!c->installed)
        snprintf(out, outlen, c->zh ? "不用团队数据库 %s：本程序不是安装的 %s"
                                      "（源码目录中的构建、副本或暂存的安装）；--team 可打开它"
                                    : "not the team database %s: this is not the installed %s "
                                      "(a build in a checkout, a copy or a staged install); "
                                      "--team opens it",
                 sysdirs_team_db(), sysdirs_program());
    else if (!priv_started_setgid())
        snprintf(out, outlen, c->zh ? "不用团队数据库 %s：安装的程序不是 setgid"
                                      "（以 root 运行 make install）"
                                    : "not the team database %s: the installed program is not "
                                      "setgid (run make install as root)", sysdirs_team_db());
}

/* Why this database: what resolve_db() in main.c decided. */
static void database_why(const struct cli *c, char *out, size_t outlen)
{
    const char *why_zh[] = {
        [DBS_OPT] = "来自 --db", [DBS_ENV] = "来自 $FOLLOWUP_DB",
        [DBS_CONFIG] = "来自 %s 中的 [database] path",
        [DBS_TEAM] = "团队数据库：本程序是安装的 setgid 程序 %s，经 followup 组打开",
        [DBS_TEAM_OPT] = "团队数据库，来自 --team%s",
        [DBS_XDG] = "默认位置（$XDG_DATA_HOME 之下）：没有 --db、$FOLLOWUP_DB 或 [database] path",
        [DBS_HOME] = "默认位置（~/.local/share 之下）：没有 --db、$FOLLOWUP_DB 或 [database] path",
    };
    const char *why_en[] = {
        [DBS_OPT] = "from --db", [DBS_ENV] = "from $FOLLOWUP_DB",
        [DBS_CONFIG] = "from [database] path in %s",
        [DBS_TEAM] = "the team database: this is the installed setgid program %s, which opens "
                     "it through its group",
        [DBS_TEAM_OPT] = "the team database, from --team%s",
        [DBS_XDG] = "the default under $XDG_DATA_HOME: no --db, $FOLLOWUP_DB or [database] path",
        [DBS_HOME] = "the default under ~/.local/share: no --db, $FOLLOWUP_DB or [database] path",
    };
    const char *fmt = (c->zh ? why_zh : why_en)[c->db_source];
    const char *arg = c->db_source == DBS_CONFIG ? c->cfg.source
                      : c->db_source == DBS_TEAM ? sysdirs_program()
                      : c->db_source == DBS_TEAM_OPT
                          ? (c->team ? (c->zh ? "（经程序的组）" : " (through the program's group)")
                                     : (c->zh ? "（以你自己的权限）" : " (with your own rights)"))
                          : "";
    snprintf(out, outlen, fmt, arg);
}

static void show_database(const struct cli *c)
{
    char why[1400], note[1400];
    struct stat st;
    const char *state;
    if (c->team)
        state = c->zh ? "存在；用户本人无法直接读写（只能通过 followup）"
                      : "exists; users cannot read or write it except through followup";
    else if (stat(c->db_path, &st) != 0)
        state = c->zh ? "尚不存在（首次 followup import 时创建）"
                      : "does not exist yet (the first 'followup import' creates it)";
    else if (access(c->db_path, W_OK) == 0)
        state = c->zh ? "存在，可写" : "exists, writable";
    else if (access(c->db_path, R_OK) == 0)
        state = c->zh ? "存在，只读" : "exists, read-only for you";
    else
        state = c->zh ? "存在，但你无权读取" : "exists, but you may not read it";
    database_why(c, why, sizeof why);
    team_note(c, note, sizeof note);
    entry3(c->zh ? "数据库" : "database", c->db_path, why, state, note);
}

static void show_language(const struct cli *c, const char *catdir)
{
    char why[1400];
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"}, *var = NULL, *val = NULL;
    for (int i = 0; i < 3 && !var; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            var = vars[i], val = v;
    }
    if (c->cfg.language != LANG_AUTO)
        snprintf(why, sizeof why, c->zh ? "来自 %s 中的 [ui] language" : "from [ui] language in %s",
                 c->cfg.source);
    else if (var)
        snprintf(why, sizeof why, c->zh ? "[ui] language = auto，按 %s=%s"
                                        : "[ui] language = auto, after %s=%s", var, val);
    else
        snprintf(why, sizeof why, c->zh ? "[ui] language = auto，未设置语言环境"
                                        : "[ui] language = auto, and no locale is set");
    entry(c->zh ? "语言" : "language", c->zh ? "中文 (zh)" : "English (en)", why);

    const char *env = priv_getenv("FOLLOWUP_LOCALEDIR");
    char real[PATH_MAX];
    int from_env = env && !strcmp(env, catdir);
    if (catdir[0] && realpath(catdir, real))
        catdir = real;
    if (!catdir[0])
        entry(c->zh ? "消息目录" : "catalogue", c->zh ? "（无）" : "(none)",
              c->zh ? "未找到 zh_CN/LC_MESSAGES/followup.mo：界面文字为英文"
                    : "no zh_CN/LC_MESSAGES/followup.mo found: the interface's text is English");
    else
        entry(c->zh ? "消息目录" : "catalogue", catdir,
              from_env
                  ? (c->zh ? "来自 $FOLLOWUP_LOCALEDIR" : "from $FOLLOWUP_LOCALEDIR")
                  : (c->zh ? "程序旁边（zh_CN/LC_MESSAGES/followup.mo）"
                           : "beside the program (zh_CN/LC_MESSAGES/followup.mo)"));
}

/* The sample report: ../share/followup when installed, data/ in a checkout. */
static void show_sample(const struct cli *c, const char *bindir)
{
    const char *rel[] = {"../share/followup", "data"};
    for (int i = 0; i < 2 && bindir[0]; i++) {
        char dir[PATH_MAX + 32], file[PATH_MAX + 64], real[PATH_MAX];
        snprintf(dir, sizeof dir, "%s/%s", bindir, rel[i]);
        snprintf(file, sizeof file, "%s/" SAMPLE_NAME, dir);
        if (access(file, R_OK) != 0)
            continue;
        if (realpath(dir, real))
            snprintf(file, sizeof file, "%s/" SAMPLE_NAME, real);
        char why[PATH_MAX + 128];
        snprintf(why, sizeof why, c->zh ? "%s；试试：followup import %s" : "%s; try: followup import %s",
                 i == 0 ? (c->zh ? "安装的示例报告" : "the installed sample report")
                        : (c->zh ? "源码目录中的示例报告" : "the sample report in the source tree"),
                 file);
        entry(c->zh ? "示例" : "sample", file, why);
        return;
    }
    entry(c->zh ? "示例" : "sample", c->zh ? "（无）" : "(none)",
          c->zh ? "程序旁边没有 ../share/followup/" SAMPLE_NAME
                : "no ../share/followup/" SAMPLE_NAME " beside the program");
}

int cli_paths_print(struct cli *c, const char *config_err)
{
    char bindir[PATH_MAX], exe[PATH_MAX], catdir[PATH_MAX], why[PATH_MAX + 64];
    program_dir(bindir, sizeof bindir, exe, sizeof exe);
    snprintf(why, sizeof why, c->zh ? "版本 %s" : "version %s", FOLLOWUP_VERSION);
    entry(c->zh ? "程序" : "program", exe[0] ? exe : c->prog, why);
    show_config(c, config_err);
    show_database(c);
    i18n_init(&c->cfg, catdir, sizeof catdir);
    show_language(c, catdir);
    show_sample(c, bindir);
    return 0;
}

int cmd_paths(struct cli *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{0}};
    if ((rc = cli_args("paths", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("paths");
    return cli_paths_print(c, NULL);
}
