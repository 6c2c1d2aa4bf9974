/* The command table: names, handlers and help text (English and Chinese)
 * in one place, so the program's usage and each command's --help cannot
 * drift apart. The usage lines are syntax and stay as they are in both
 * languages; help_zh is the Chinese description (NULL falls back to help). */
#include "cli/cli.h"

#include <string.h>

static const struct {
    const char *name;
    cli_cmd_fn fn;
    const char *usage;
    const char *help;
    const char *help_zh;
} commands[] = {
    {"parse", cmd_parse, "parse FILE [--json] [--encoding auto|utf-8|gb18030]",
     "Parse a report and print its tree (codes, titles, statements); nothing is stored.\n"
     "  --json       the machine-readable tree (DESIGN.md contract)\n"
     "  --encoding   input encoding; auto detects UTF-8 (with or without BOM) and GB18030",
     "解析报告并打印其结构（编号、标题、语句）；不存储任何内容。\n"
     "  --json       机器可读的结构树（DESIGN.md 约定）\n"
     "  --encoding   输入编码；auto 自动识别 UTF-8（带或不带 BOM）和 GB18030"},
    {"import", cmd_import, "import FILE [--encoding auto|utf-8|gb18030]",
     "Parse a report and store its sections, items and commitments as tasks.\n"
     "Importing the same report again changes nothing; a revised report keeps the\n"
     "status and history of matched tasks and marks vanished ones withdrawn.\n"
     "Committee only. Creates the database when there is none.",
     "解析报告，将其中的部分、事项和承诺存为任务（立项）。\n"
     "再次导入同一报告不作任何改动；修订后的报告保留已匹配任务的状态和办理记录，\n"
     "并将不再出现的任务标为已撤销。\n"
     "仅限督办用户。没有数据库时新建。"},
    {"list", cmd_list,
     "list [--report R] [--dept D] [--status S] [--kind K] [--overdue] [--search TEXT]\n"
     "     [--withdrawn] [--format table|csv|json]",
     "Tasks, one a line, in report order.\n"
     "  --report R   R1, 1 or a 文号    --dept D   lead or supporting department\n"
     "  --status S   todo active ongoing delayed submitted done (or 未启动 …)\n"
     "  --kind K     section, item or statement\n"
     "  --overdue    due date passed and not done\n"
     "  --search T   text, code or department contains T\n"
     "  --withdrawn  include tasks a revised report withdrew\n"
     "  --format F   table (default), csv (RFC 4180) or json",
     "任务，每行一条，按报告顺序。\n"
     "  --report R   R1、1 或文号        --dept D   牵头或协办单位\n"
     "  --status S   todo active ongoing delayed submitted done（或 未启动 …）\n"
     "  --kind K     section（部分）、item（事项）或 statement（语句）\n"
     "  --overdue    已过期限且未办结\n"
     "  --search T   内容、编号或单位包含 T\n"
     "  --withdrawn  包括修订报告撤销的任务\n"
     "  --format F   table（默认）、csv（RFC 4180）或 json"},
    {"show", cmd_show, "show TASK",
     "One task: text, owner, supporting departments, due date, status, metrics, notes\n"
     "and history. TASK is a code (2.1.3, R2:2.1.3) or a UUID prefix (8+ hex digits).",
     "单个任务：内容、牵头单位、协办单位、办理期限、状态、指标、进展情况和办理记录。\n"
     "TASK 为编号（2.1.3、R2:2.1.3）或 UUID 前缀（至少 8 位十六进制数字）。"},
    {"assign", cmd_assign, "assign TASK DEPT [--support D1,D2] [--due YYYY-MM-DD]",
     "Set the lead department of TASK (and its supporting departments, due date).\n"
     "DEPT '-' keeps the lead as it is; --support '' clears; --due '' clears. Committee only.",
     "设置 TASK 的牵头单位（以及协办单位、办理期限）（交办）。\n"
     "DEPT 为 '-' 时牵头单位不变；--support '' 清除协办单位；--due '' 清除期限。仅限督办用户。"},
    {"status", cmd_status, "status TASK STATUS [--note TEXT]",
     "Change a task's status: todo active ongoing delayed submitted done (or 未启动 推进中\n"
     "持续推进 滞后 待审核 已办结). Departments move their own tasks and submit them;\n"
     "only the committee sets done or takes a task out of submitted.",
     "更改任务状态：todo active ongoing delayed submitted done（或 未启动 推进中\n"
     "持续推进 滞后 待审核 已办结）。承办单位更改本单位任务的状态并申请办结；\n"
     "只有督办用户可以设为已办结，或将任务移出待审核。"},
    {"note", cmd_note, "note TASK TEXT", "Add a progress note to a task.",
     "为任务添加一条进展情况（反馈）。"},
    {"accept", cmd_accept, "accept TASK [--note TEXT]",
     "Committee: accept a submitted task as done (办结).",
     "督办用户：将待审核的任务确认办结（销号）。"},
    {"return", cmd_return, "return TASK --reason TEXT",
     "Committee: send a submitted task back to its department (退回), with the reason.",
     "督办用户：将待审核的任务退回承办单位，并说明理由。"},
    {"history", cmd_history, "history [TASK] [--since DATE] [--user U]",
     "The audit trail, oldest first: who (and as whom), when, what changed, old and new.",
     "办理记录，按时间先后：谁（以谁的身份）、何时、改了什么、原值和新值。"},
    {"user", cmd_user,
     "user add NAME --role committee|department|viewer [--dept D[,D…]] | user remove NAME | user list",
     "Who may do what. Committee only, except list. Unknown Unix users are viewers.",
     "谁可以做什么。除 list 外仅限督办用户。数据库中没有的 Unix 用户为只读用户。"},
    {"dept", cmd_dept, "dept add NAME | dept list",
     "Departments. add is committee only.",
     "承办单位。add 仅限督办用户。"},
    {"verify", cmd_verify, "verify",
     "Check the database's integrity and walk the audit trail's hash chain.",
     "检查数据库的完整性，并逐条核验办理记录的哈希链。"},
    {"backup", cmd_backup, "backup FILE",
     "Online copy of the database to FILE, safe while others are writing.",
     "将数据库在线复制到 FILE，他人正在写入时也安全。"},
    {"paths", cmd_paths, "paths",
     "Which files followup uses and why: the config file, the database, the message\n"
     "catalogue and the sample report. Opens nothing.",
     "followup 使用哪些文件及其原因：配置文件、数据库、消息目录和示例报告。\n"
     "不打开任何文件。"},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static int help_zh;

void cli_help_language(int zh)
{
    help_zh = zh;
}

cli_cmd_fn cli_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return commands[i].fn;
    return NULL;
}

int cli_help(const char *cmd)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, cmd)) {
            const char *help = help_zh && commands[i].help_zh ? commands[i].help_zh
                                                              : commands[i].help;
            printf("%sfollowup [--db PATH] [--config PATH] [--as USER] %s\n\n%s\n",
                   help_zh ? "用法：" : "usage: ", commands[i].usage, help);
            return 0;
        }
    return 2;
}

void cli_usage(FILE *out)
{
    fputs(help_zh ? "用法：followup [--db PATH] [--config PATH] [--as USER] [COMMAND [ARGS]]\n"
                    "       followup --help | --version\n\n"
                    "不带命令时打开交互界面。命令：\n"
                  : "usage: followup [--db PATH] [--config PATH] [--as USER] [COMMAND [ARGS]]\n"
                    "       followup --help | --version\n\n"
                    "With no command, opens the interface. Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *u = commands[i].usage;
        int len = (int)strcspn(u, "\n");
        fprintf(out, "  %.*s\n", len, u);
    }
    fputs(help_zh
              ? "\n选项：\n"
                "  --db PATH      数据库（否则依次为 $FOLLOWUP_DB、配置中的 [database] path、\n"
                "                 $XDG_DATA_HOME/followup/followup.db）\n"
                "  --config PATH  配置文件（否则依次为 $FOLLOWUP_CONFIG、\n"
                "                 ~/.config/followup/config.ini、/etc/followup/config.ini）\n"
                "  --as USER      督办用户代他人操作；办理记录同时记下两人\n"
                "  --version      版本，以及正在使用的文件（同 'followup paths'）\n"
                "\n'followup 命令 --help' 说明单个命令；'man followup' 列出界面按键、文件和示例。\n"
                "退出状态：0 成功，1 出错，2 用法错误，3 无权限，4 未找到。\n"
              : "\nOptions:\n"
                "  --db PATH      the database (else $FOLLOWUP_DB, [database] path in the config,\n"
                "                 $XDG_DATA_HOME/followup/followup.db)\n"
                "  --config PATH  the config file (else $FOLLOWUP_CONFIG,\n"
                "                 ~/.config/followup/config.ini, /etc/followup/config.ini)\n"
                "  --as USER      committee: act for another user; the history records both\n"
                "  --version      the version and the files in use (as 'followup paths')\n"
                "\n'followup COMMAND --help' describes one command; 'man followup' lists the\n"
                "interface's keys, the files and examples. Exit status: 0 success,\n"
                "1 error, 2 usage error, 3 permission denied, 4 not found.\n",
          out);
}
