/* user, dept, verify, backup: administering the database. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "util/mem.h"
#include "db/db_edit.h"
#include "util/err.h"
#include "util/text.h"
#include "db/db_attach.h"
#include "db/db_user.h"
#include "db/db_verify.h"
#include "host/writers.h"

static int user_add(struct cli *c, int argc, char **argv)
{
    const char *role = NULL, *dept = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "role", .has_arg = 1, .value = &role},
                             {.name = "dept", .has_arg = 1, .value = &dept},
                             {0}};
    if ((rc = cli_args("user", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("user");
    enum role r;
    if (!role || role_parse(role, &r) != 0)
        return cli_fail(FU_USAGE, "user add needs --role committee, department or viewer");
    if (r == ROLE_DEPARTMENT && !dept)
        return cli_fail(FU_USAGE, "a department user needs --dept NAME[,NAME…]");
    char buf[1024];
    const char *names[32];
    size_t n = 0;
    if (dept) {
        snprintf(buf, sizeof buf, "%s", dept);
        n = cli_split_names(buf, names, 32);
    }
    if ((rc = cli_open_db(c, 1)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    if ((rc = db_user_add(c->db, &c->actor, pos[0], r, names, n, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    static const char *const as_words[] = {
        [ROLE_VIEWER] = "a viewer (reads everything, changes nothing)",
        [ROLE_DEPARTMENT] = "a department user",
        [ROLE_COMMITTEE] = "a committee user",
    };
    text_fputs(stdout, pos[0]);
    static const char *const zh_words[] = {
        [ROLE_VIEWER] = "只读用户", [ROLE_DEPARTMENT] = "承办单位用户",
        [ROLE_COMMITTEE] = "督办用户",
    };
    if (c->zh)
        printf(" 现为%s", (unsigned)r < 3 ? zh_words[r] : role_key(r));
    else
        printf(" is now %s", (unsigned)r < 3 && as_words[r] ? as_words[r] : role_key(r));
    for (size_t i = 0; i < n; i++) {
        fputs(i ? (c->zh ? "、" : ", ") : (c->zh ? "（" : " of "), stdout);
        text_fputs(stdout, names[i]);
    }
    puts(n && c->zh ? "）" : "");
    return FU_OK;
}

static int user_list(struct cli *c)
{
    int rc = cli_open_db(c, 0);
    if (rc != FU_OK)
        return rc;
    struct user_list l = {0};
    char err[FU_ERRLEN] = "";
    if ((rc = db_user_list(c->db, &l, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    for (size_t i = 0; i < l.n; i++) {
        char name[128];
        text_fit(l.v[i].login, 16, 1, name, sizeof name);
        printf("%s %-10s ", name, role_key(l.v[i].role));
        for (size_t k = 0; k < l.v[i].ndepts; k++) {
            fputs(k ? "," : "", stdout);
            text_fputs(stdout, l.v[i].depts[k]);
        }
        putchar('\n');
    }
    user_list_fini(&l);
    return FU_OK;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        if (argc >= 1)
            return cli_help("user");
        return cli_fail(FU_USAGE, "user needs add, remove or list; see 'followup user --help'");
    }
    if (!strcmp(argv[0], "add"))
        return user_add(c, argc - 1, argv + 1);
    if (!strcmp(argv[0], "list") && argc == 1)
        return user_list(c);
    if (!strcmp(argv[0], "remove") && argc == 2) {
        int rc = cli_open_db(c, 0);
        char err[FU_ERRLEN] = "";
        if (rc == FU_OK && (rc = db_user_remove(c->db, &c->actor, argv[1], err, sizeof err)))
            return cli_fail(rc, "%s", err);
        if (rc == FU_OK)
            printf("user %s removed\n", argv[1]);
        return rc;
    }
    return cli_fail(FU_USAGE, "usage: followup user add NAME --role ROLE [--dept D] | "
                              "user remove NAME | user list");
}

static int dept_list(struct cli *c, int argc, char **argv)
{
    const char *pos[1];
    int all = 0, npos, help, rc;
    struct cli_opt opts[] = {{.name = "all", .flag = &all}, {0}};
    char err[FU_ERRLEN] = "", **names = NULL, **state = NULL;
    size_t n = 0;
    if ((rc = cli_args("dept", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("dept");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    if ((rc = db_dept_states(c->db, &names, &state, &n, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    for (size_t i = 0; i < n; i++) {
        if (*state[i] && !all)
            continue;
        text_fputs(stdout, names[i]);
        if (!strcmp(state[i], "retired"))
            fputs(c->zh ? "（已停用）" : " (retired)", stdout);
        else if (*state[i]) {
            fputs(c->zh ? "（已并入 " : " (merged into ", stdout);
            text_fputs(stdout, state[i]);
            fputs(c->zh ? "）" : ")", stdout);
        }
        putchar('\n');
    }
    mem_strv_free(names, n);
    mem_strv_free(state, n);
    return FU_OK;
}

/* rename OLD NEW, merge FROM INTO, retire NAME, restore NAME. */
static int dept_change(struct cli *c, const char *what, int argc, char **argv)
{
    const char *pos[2];
    int two = !strcmp(what, "rename") || !strcmp(what, "merge");
    int npos, help, rc, n = 0;
    struct cli_opt opts[] = {{0}};
    char err[FU_ERRLEN] = "";
    if ((rc = cli_args("dept", argc, argv, opts, pos, 1 + two, 1 + two, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("dept");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    if (!strcmp(what, "rename"))
        rc = db_dept_rename(c->db, &c->actor, pos[0], pos[1], &n, err, sizeof err);
    else if (!strcmp(what, "merge"))
        rc = db_dept_merge(c->db, &c->actor, pos[0], pos[1], &n, err, sizeof err);
    else if (!strcmp(what, "retire"))
        rc = db_dept_retire(c->db, &c->actor, pos[0], &n, err, sizeof err);
    else
        rc = db_dept_restore(c->db, &c->actor, pos[0], err, sizeof err);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    fputs(c->zh ? "单位 " : "department ", stdout);
    text_fputs(stdout, pos[0]);
    if (two) {
        fputs(!strcmp(what, "rename") ? (c->zh ? " 已改名为 " : " renamed to ")
                                      : (c->zh ? " 已并入 " : " merged into "), stdout);
        text_fputs(stdout, pos[1]);
        printf(c->zh ? "（随之改变的任务和用户：%d）\n" : " (tasks and users that follow: %d)\n",
               n);
    } else if (!strcmp(what, "retire")) {
        fputs(c->zh ? " 已停用" : " retired", stdout);
        if (n)
            printf(c->zh ? "（仍有 %d 项未撤销的任务由其承办）" : " (%d live task%s still "
                   "name it)", n, n == 1 ? "" : "s");
        putchar('\n');
    } else {
        fputs(c->zh ? " 已恢复使用\n" : " is in use again\n", stdout);
    }
    return FU_OK;
}

/* dept quota NAME MB|default: committee, a department's evidence-file quota. */
static int dept_quota(struct cli *c, int argc, char **argv)
{
    const char *pos[2];
    int npos, help, rc, changed = 0;
    struct cli_opt opts[] = {{0}};
    char err[FU_ERRLEN] = "", *end = NULL;
    if ((rc = cli_args("dept", argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("dept");
    long long mbs = strcmp(pos[1], "default") ? strtoll(pos[1], &end, 10) : 0;
    if (end && (!*pos[1] || *end || mbs < 1))
        return cli_fail(FU_USAGE, "dept quota: '%s' is not a number of megabytes; give a whole "
                        "number (2000) or 'default'", pos[1]);
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    if ((rc = db_attach_quota_set(c->db, &c->actor, pos[0], mbs, &changed, err,
                                  sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    fputs(c->zh ? "单位 " : "department ", stdout);
    text_fputs(stdout, pos[0]);
    if (mbs)
        printf(c->zh ? " 佐证材料配额 %lld MB%s\n" : ": evidence files quota %lld MB%s\n", mbs,
               changed ? "" : (c->zh ? "（未变）" : " (unchanged)"));
    else
        printf(c->zh ? " 佐证材料配额恢复为默认%s\n" : ": evidence files quota back to the "
               "default%s\n", changed ? "" : (c->zh ? "（未变）" : " (unchanged)"));
    return FU_OK;
}

int cmd_dept(struct cli *c, int argc, char **argv)
{
    char err[FU_ERRLEN] = "";
    int rc;
    if (argc == 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")))
        return cli_help("dept");
    if (argc >= 1 && !strcmp(argv[0], "add")) {
        /* Options are parsed, so `dept add --role x` is an error, not a
         * department called "--role"; `dept add -- -x` names one. */
        const char *pos[1];
        int npos, help;
        struct cli_opt opts[] = {{0}};
        if ((rc = cli_args("dept", argc - 1, argv + 1, opts, pos, 1, 1, &npos, &help)) != FU_OK)
            return rc;
        if (help)
            return cli_help("dept");
        if ((rc = cli_open_db(c, 1)) != FU_OK)
            return rc;
        if ((rc = db_dept_add(c->db, &c->actor, pos[0], err, sizeof err)) != FU_OK)
            return cli_fail(rc, "%s", err);
        printf("department ");
        text_fputs(stdout, pos[0]);
        printf(" added\n");
        return FU_OK;
    }
    if (argc >= 1 && !strcmp(argv[0], "list"))
        return dept_list(c, argc - 1, argv + 1);
    if (argc >= 1 && !strcmp(argv[0], "quota"))
        return dept_quota(c, argc - 1, argv + 1);
    if (argc >= 1 && (!strcmp(argv[0], "rename") || !strcmp(argv[0], "merge") ||
                      !strcmp(argv[0], "retire") || !strcmp(argv[0], "restore")))
        return dept_change(c, argv[0], argc - 1, argv + 1);
    return cli_fail(FU_USAGE, "usage: followup dept add NAME | dept list [--all] | dept rename "
                    "OLD NEW | dept merge FROM INTO | dept retire NAME | dept restore NAME | "
                    "dept quota NAME MB|default");
}

/* 'value' sanitised, or (none). */
static void put_value(const char *v)
{
    if (!v) {
        fputs("(none)", stdout);
        return;
    }
    fputc('\'', stdout);
    text_fputs(stdout, v);
    fputc('\'', stdout);
}

/* One difference: "WHAT FIELD: the history gives 'X', found 'Y'". */
static void print_diff(void *ctx, const char *what, const char *field, const char *want,
                       const char *found)
{
    (void)ctx;
    text_fputs(stdout, what);
    fputc(' ', stdout);
    text_fputs(stdout, field);
    fputs(": the history gives ", stdout);
    put_value(want);
    fputs(", found ", stdout);
    put_value(found);
    fputc('\n', stdout);
}

/* A chain head as printed: 16 to 64 hex digits, lowercased into out. */
static int head_arg(const char *arg, char out[65])
{
    size_t n = strlen(arg);
    if (n < 16 || n > 64)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char ch = arg[i];
        if (ch >= 'A' && ch <= 'F')
            ch = (char)(ch - 'A' + 'a');
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
            return -1;
        out[i] = ch;
    }
    out[n] = '\0';
    return 0;
}

int cmd_verify(struct cli *c, int argc, char **argv)
{
    const char *pos[1], *head_opt = NULL;
    int npos, help, full = 0, rc;
    char want[65] = "";
    struct cli_opt opts[] = {{.name = "head", .has_arg = 1, .value = &head_opt},
                             {.name = "full", .flag = &full},
                             {0}};
    if ((rc = cli_args("verify", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("verify");
    if (head_opt && head_arg(head_opt, want) != 0)
        return cli_fail(FU_USAGE, "--head needs the chain head as a report prints it: 16 to "
                        "64 hex digits");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct verify_result v;
    char err[FU_ERRLEN] = "";
    if ((rc = db_verify_all(c->db, full, head_opt ? want : NULL, &v, print_diff, NULL, err,
                            sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    fflush(stdout);
    if (v.ndiff)
        rc = cli_fail(FU_ERR, "%lld difference%s between the history and the tables: the "
                      "database was changed behind followup's back; restore a backup",
                      v.ndiff, v.ndiff == 1 ? "" : "s");
    if (head_opt && !v.head_row)
        return cli_fail(FU_ERR, "head %s is not in the history's chain (%lld rows, head "
                        "%.16s): the history was cut or rewritten after it was printed",
                        want, v.rows, v.head[0] ? v.head : "(empty)");
    if (head_opt)
        printf("head %s is history row %lld of %lld\n", want, v.head_row, v.rows);
    if (rc != FU_OK)
        return rc;
    printf("ok: %s passed; %lld history rows, chain head %.16s; the tables match the "
           "history\n", full ? "integrity check" : "quick check", v.rows,
           v.head[0] ? v.head : "(empty)");
    return FU_OK;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{0}};
    if ((rc = cli_args("backup", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("backup");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    char err[FU_ERRLEN] = "";
    if ((rc = db_backup(c->db, pos[0], err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    printf("backup written to ");
    text_fputs(stdout, pos[0]);
    putchar('\n');
    return FU_OK;
}

/* ---- who -------------------------------------------------------------------------- */

static void who_row(struct cli *c, const struct writer *x, long long now)
{
    char login[96], state[64], since[32];
    const char *st_en[] = {"idle", "waiting", "writing"}, *st_zh[] = {"空闲", "等待", "写入中"};
    long long secs = now - x->since;
    text_fit(x->login, 12, 1, login, sizeof login);
    snprintf(state, sizeof state, "%s%s", (c->zh ? st_zh : st_en)[x->state],
             x->stopped ? (c->zh ? "，已暂停" : ", stopped") : "");
    snprintf(since, sizeof since, "%lld s", secs < 0 ? 0 : secs);
    printf("%-7ld %s %-18s %8s  ", x->pid, login, state, since);
    text_fputs(stdout, x->cmd);
    putchar('\n');
}

int cmd_who(struct cli *c, int argc, char **argv)
{
    const char *pos[1];
    int npos, help, rc, all = 0;
    struct cli_opt opts[] = {{.name = "all", .flag = &all}, {0}};
    if ((rc = cli_args("who", argc, argv, opts, pos, 0, 0, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("who");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct writer_list l;
    char err[FU_ERRLEN] = "";
    if ((rc = db_writers(c->db, &l, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    long long now = (long long)time(NULL);
    size_t shown = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (l.v[i].self || (!all && l.v[i].state == WRITER_IDLE))
            continue;
        if (!shown++)
            printf(c->zh ? "%-7s %-12s %-18s %8s  %s\n" : "%-7s %-12s %-18s %8s  %s\n",
                   c->zh ? "进程" : "PID", c->zh ? "用户" : "Login", c->zh ? "状态" : "State",
                   c->zh ? "已持续" : "Since", c->zh ? "命令" : "Command");
        who_row(c, &l.v[i], now);
    }
    if (!shown)
        puts(all ? (c->zh ? "没有其他 followup 打开数据库写入过" : "no other followup has written "
                    "to the database since it started")
                 : (c->zh ? "没有其他 followup 正在写入" : "no other followup is writing"));
    else if (l.n && l.v[0].state == WRITER_WRITING && !l.v[0].self)
        printf(c->zh ? "写入者阻塞他人时，root 可结束它：sudo kill -KILL %ld（其改动回滚）\n"
                     : "a writer that holds everyone up can be ended by root: sudo kill -KILL "
                       "%ld (its change is rolled back)\n", l.v[0].pid);
    writer_list_fini(&l);
    return FU_OK;
}
