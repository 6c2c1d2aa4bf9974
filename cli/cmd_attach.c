/* attach, attachments, attachment get: evidence files (佐证材料). The
 * files a user names are opened with the user's own ids: the program's
 * group is only raised around opening the team database (host/priv.h),
 * never here, so nobody reads or writes through it what they could not
 * themselves. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/err.h"
#include "util/json.h"
#include "util/text.h"
#include "core/calendar.h"
#include "core/workflow.h"
#include "db/db_attach.h"
#include "host/priv.h"

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- attach ----------------------------------------------------------------------- */

int cmd_attach(struct cli *c, int argc, char **argv)
{
    const char *note = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "note", .has_arg = 1, .value = &note}, {0}};
    if ((rc = cli_args("attach", argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("attach");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct task t;
    if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    struct stat st;
    int fd = open(pos[1], O_RDONLY | O_NOCTTY | O_CLOEXEC, 0);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = cli_fail(FU_ERR, "%s: %s; give a readable regular file", pos[1],
                      fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        task_fini(&t);
        return rc;
    }
    char err[FU_ERRLEN] = "";
    struct attachment x;
    struct attach_limits lim;
    if ((rc = cli_limits(c, &lim)) != FU_OK) {
        close(fd);
        task_fini(&t);
        return rc;
    }
    struct attach_req rq = {.task_id = t.id, .name = base_name(pos[1]), .fd = fd,
                            .size = (long long)st.st_size, .note = note, .lim = &lim,
                            .stage_dir = priv_getenv("TMPDIR")};
    rc = db_attach(c->db, &c->actor, &rq, &x, err, sizeof err);
    close(fd);
    if (rc == FU_OK) {
        printf(c->zh ? "R%lld:%s 已添加佐证材料 %lld：" : "R%lld:%s attachment %lld: ",
               t.report_id, t.code, x.id);
        text_fputs(stdout, x.name);
        printf(c->zh ? "（%lld 字节，SHA-256 %s）\n" : " (%lld bytes, SHA-256 %s)\n", x.size,
               x.sha256);
        attachment_fini(&x);
    }
    task_fini(&t);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

/* ---- attachments ------------------------------------------------------------------- */

static void list_json(const struct attachment_list *l)
{
    fputs("[", stdout);
    for (size_t i = 0; i < l->n; i++) {
        const struct attachment *x = &l->v[i];
        printf("%s\n {\"id\":%lld,\"name\":", i ? "," : "", x->id);
        json_str(stdout, x->name);
        printf(",\"size\":%lld,\"sha256\":\"%s\",\"by\":", x->size, x->sha256);
        json_str(stdout, x->by);
        char at[32];
        cal_local(x->at, CAL_ISO, at, sizeof at);
        fputs(",\"at\":", stdout);
        json_str(stdout, at);
        fputs(",\"note\":", stdout);
        json_str(stdout, x->note);
        fputs("}", stdout);
    }
    fputs(l->n ? "\n]\n" : "]\n", stdout);
}

static void list_table(struct cli *c, const struct attachment_list *l)
{
    char name[160], by[80], at[32];
    for (size_t i = 0; i < l->n; i++) {
        const struct attachment *x = &l->v[i];
        text_fit(x->name, 28, 1, name, sizeof name);
        text_fit(x->by, 12, 1, by, sizeof by);
        cal_local(x->at, CAL_MINUTE, at, sizeof at);
        printf("%-4lld %s %10lld  %.12s  %s  %s", x->id, name, x->size, x->sha256, by, at);
        if (x->note) {
            fputs("  ", stdout);
            text_fputs(stdout, x->note);
        }
        putchar('\n');
    }
    if (l->n == 0)
        fprintf(stderr, "%s\n", c->zh ? "该任务没有佐证材料" : "the task has no attachments");
}

static void mb_cell(long long bytes, char *out, size_t outlen)
{
    snprintf(out, outlen, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

static void usage_table(struct cli *c, const struct attach_limits *lim,
                        const struct dept_usage_list *l)
{
    char name[160], used[32], quota[32], left[32];
    int own = 0;
    char v[4][32];
    const char *label_en[] = {"a file", "files a task", "a task", "a department"},
               *label_zh[] = {"每个文件", "每项任务文件数", "每项任务", "每个部门"},
               *from[] = {lim->file_from, lim->task_files_from, lim->task_bytes_from,
                          lim->dept_from};
    mb_cell(lim->file_bytes, v[0], sizeof v[0]);
    snprintf(v[1], sizeof v[1], "%lld", lim->task_files);
    mb_cell(lim->task_bytes, v[2], sizeof v[2]);
    mb_cell(lim->dept_bytes, v[3], sizeof v[3]);
    puts(c->zh ? "佐证材料的限额：" : "Limits on evidence files:");
    for (int k = 0; k < 4; k++) {
        text_fit(c->zh ? label_zh[k] : label_en[k], 16, 1, name, sizeof name);
        printf("  %s %10s  ", name, v[k]);
        text_fputs(stdout, from[k]);
        if (k == 3)
            fputs(c->zh ? "（部门自有配额时除外，见下 *）" : " (unless it has its own, * below)",
                  stdout);
        putchar('\n');
    }
    putchar('\n');
    text_fit(c->zh ? "牵头部门" : "Lead department", 24, 1, name, sizeof name);
    printf(c->zh ? "%s %6s %12s %12s %12s\n" : "%s %6s %12s %12s %12s\n", name,
           c->zh ? "文件" : "Files", c->zh ? "已用" : "Used", c->zh ? "配额" : "Quota",
           c->zh ? "剩余" : "Left");
    for (size_t i = 0; i < l->n; i++) {
        const struct dept_usage *u = &l->v[i];
        text_fit(u->dept ? u->dept : (c->zh ? "（无牵头部门）" : "(no lead department)"), 24, 1,
                 name, sizeof name);
        mb_cell(u->bytes, used, sizeof used);
        mb_cell(u->quota, quota, sizeof quota);
        mb_cell(u->quota > u->bytes ? u->quota - u->bytes : 0, left, sizeof left);
        printf("%s %6lld %12s %11s%s %12s\n", name, u->files, used, quota,
               u->quota_set ? "*" : " ", left);
        own |= u->quota_set;
    }
    if (own)
        puts(c->zh ? "* 督办部门为该部门设定的配额（followup dept quota）"
                   : "* the department's own quota, set by the committee (followup dept quota)");
}

static void usage_json(const struct attach_limits *lim, const struct dept_usage_list *l)
{
    printf("{\"limits\":{\"file_bytes\":%lld,\"task_files\":%lld,\"task_bytes\":%lld,"
           "\"dept_bytes\":%lld},\"departments\":[", lim->file_bytes, lim->task_files,
           lim->task_bytes, lim->dept_bytes);
    for (size_t i = 0; i < l->n; i++) {
        const struct dept_usage *u = &l->v[i];
        printf("%s\n {\"dept\":", i ? "," : "");
        json_str(stdout, u->dept);
        printf(",\"files\":%lld,\"bytes\":%lld,\"quota\":%lld,\"own_quota\":%s}", u->files,
               u->bytes, u->quota, u->quota_set ? "true" : "false");
    }
    puts(l->n ? "\n]}" : "]}");
}

/* attachments --usage: each lead department's files, bytes and quota. */
static int attachments_usage(struct cli *c, int json)
{
    struct attach_limits lim;
    struct dept_usage_list l = {0};
    char err[FU_ERRLEN] = "";
    int rc = cli_limits(c, &lim);
    if (rc == FU_OK && (rc = cli_open_db(c, 0)) == FU_OK &&
        (rc = db_attach_usage(c->db, lim.dept_bytes, &l, err, sizeof err)) != FU_OK)
        return cli_fail(rc, "%s", err);
    if (rc != FU_OK)
        return rc;
    if (json)
        usage_json(&lim, &l);
    else
        usage_table(c, &lim, &l);
    dept_usage_list_fini(&l);
    return FU_OK;
}

int cmd_attachments(struct cli *c, int argc, char **argv)
{
    const char *format = NULL, *pos[1];
    int npos, help, rc, usage = 0;
    struct cli_opt opts[] = {{.name = "format", .has_arg = 1, .value = &format},
                             {.name = "usage", .flag = &usage}, {0}};
    if ((rc = cli_args("attachments", argc, argv, opts, pos, 0, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("attachments");
    int json = format && !strcmp(format, "json");
    if (format && !json && strcmp(format, "table"))
        return cli_fail(FU_USAGE, "unknown format '%s'; use table or json", format);
    if (usage && npos)
        return cli_fail(FU_USAGE, "attachments --usage takes no TASK: it shows every "
                        "department's; usage: followup attachments TASK | attachments --usage");
    if (usage)
        return attachments_usage(c, json);
    if (!npos)
        return cli_fail(FU_USAGE, "attachments: missing argument; usage: followup attachments "
                        "TASK [--format table|json] | attachments --usage");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    struct task t;
    if ((rc = cli_find_task(c, pos[0], &t)) != FU_OK)
        return rc;
    struct attachment_list l = {0};
    char err[FU_ERRLEN] = "";
    rc = db_attachments(c->db, t.id, &l, err, sizeof err);
    task_fini(&t);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    if (json)
        list_json(&l);
    else
        list_table(c, &l);
    attachment_list_fini(&l);
    return FU_OK;
}

/* ---- attachment get ----------------------------------------------------------------- */

static int get_to(struct cli *c, long long id, const char *out)
{
    int fd = out ? open(out, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0644) : STDOUT_FILENO;
    if (fd < 0)
        return cli_fail(FU_ERR, errno == EEXIST ? "%s exists already; give a new file name"
                                                : "cannot create %s: %s", out, strerror(errno));
    char err[FU_ERRLEN] = "";
    struct attachment x;
    int rc = db_attachment_to_fd(c->db, id, fd, &x, err, sizeof err);
    if (out && close(fd) != 0 && rc == FU_OK)
        rc = FU_ERR, snprintf(err, sizeof err, "cannot write %s: %s", out, strerror(errno));
    if (rc != FU_OK && out)
        unlink(out);
    if (rc == FU_OK && out) {
        printf(c->zh ? "佐证材料 %lld（" : "attachment %lld (", x.id);
        text_fputs(stdout, x.name);
        printf(c->zh ? "，%lld 字节）已写入 " : ", %lld bytes) written to ", x.size);
        text_fputs(stdout, out);
        putchar('\n');
    }
    if (rc == FU_OK)
        attachment_fini(&x);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_attachment(struct cli *c, int argc, char **argv)
{
    const char *out = NULL, *pos[2];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "output", .short_name = 'o', .has_arg = 1, .value = &out},
                             {0}};
    if ((rc = cli_args("attachment", argc, argv, opts, pos, 2, 2, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("attachment");
    char *end = NULL;
    long long id = strtoll(pos[1], &end, 10);
    if (strcmp(pos[0], "get"))
        return cli_fail(FU_USAGE, "attachment: unknown action '%s'; use attachment get ID "
                        "[-o FILE]", pos[0]);
    if (!*pos[1] || *end || id <= 0)
        return cli_fail(FU_USAGE, "attachment get: '%s' is not an attachment id; "
                        "`followup attachments TASK` lists them", pos[1]);
    if (!out && isatty(STDOUT_FILENO))
        return cli_fail(FU_USAGE, "attachment get writes the file's bytes, not to a terminal: "
                        "give -o FILE or redirect the output");
    if ((rc = cli_open_db(c, 0)) != FU_OK)
        return rc;
    return get_to(c, id, out);
}
