/* The command table: names, handlers and help text in one place, so the
 * program's usage and each command's --help cannot drift apart. */
#include "cli/cli.h"

#include <string.h>

static const struct {
    const char *name;
    cli_cmd_fn fn;
    const char *usage;
    const char *help;
} commands[] = {
    {"parse", cmd_parse, "parse FILE [--json] [--encoding auto|utf-8|gb18030]",
     "Parse a report and print its tree (codes, titles, statements); nothing is stored.\n"
     "  --json       the machine-readable tree (DESIGN.md contract)\n"
     "  --encoding   input encoding; auto detects UTF-8 (with or without BOM) and GB18030"},
    {"import", cmd_import, "import FILE [--encoding auto|utf-8|gb18030]",
     "Parse a report and store its sections, items and commitments as tasks.\n"
     "Importing the same report again changes nothing; a revised report keeps the\n"
     "status and history of matched tasks and marks vanished ones withdrawn.\n"
     "Committee only. Creates the database when there is none."},
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
     "  --format F   table (default), csv (RFC 4180) or json"},
    {"show", cmd_show, "show TASK",
     "One task: text, owner, supporting departments, due date, status, metrics, notes\n"
     "and history. TASK is a code (2.1.3, R2:2.1.3) or a UUID prefix (8+ hex digits)."},
    {"assign", cmd_assign, "assign TASK DEPT [--support D1,D2] [--due YYYY-MM-DD]",
     "Set the lead department of TASK (and its supporting departments, due date).\n"
     "DEPT '-' keeps the lead as it is; --support '' clears; --due '' clears. Committee only."},
    {"status", cmd_status, "status TASK STATUS [--note TEXT]",
     "Change a task's status: todo active ongoing delayed submitted done (or 未启动 推进中\n"
     "持续推进 滞后 待审核 已办结). Departments move their own tasks and submit them;\n"
     "only the committee sets done or takes a task out of submitted."},
    {"note", cmd_note, "note TASK TEXT", "Add a progress note to a task."},
    {"accept", cmd_accept, "accept TASK [--note TEXT]",
     "Committee: accept a submitted task as done (办结)."},
    {"return", cmd_return, "return TASK --reason TEXT",
     "Committee: send a submitted task back to its department (退回), with the reason."},
    {"history", cmd_history, "history [TASK] [--since DATE] [--user U]",
     "The audit trail, oldest first: who (and as whom), when, what changed, old and new."},
    {"user", cmd_user,
     "user add NAME --role committee|department|viewer [--dept D[,D…]] | user remove NAME | user list",
     "Who may do what. Committee only, except list. Unknown Unix users are viewers."},
    {"dept", cmd_dept, "dept add NAME | dept list",
     "Departments. add is committee only."},
    {"verify", cmd_verify, "verify",
     "Check the database's integrity and walk the audit trail's hash chain."},
    {"backup", cmd_backup, "backup FILE",
     "Online copy of the database to FILE, safe while others are writing."},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

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
            printf("usage: followup [--db PATH] [--config PATH] [--as USER] %s\n\n%s\n",
                   commands[i].usage, commands[i].help);
            return 0;
        }
    return 2;
}

void cli_usage(FILE *out)
{
    fputs("usage: followup [--db PATH] [--config PATH] [--as USER] [COMMAND [ARGS]]\n\n"
          "With no command, opens the interface. Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *u = commands[i].usage;
        int len = (int)strcspn(u, "\n");
        fprintf(out, "  %.*s\n", len, u);
    }
    fputs("\n'followup COMMAND --help' describes one command. Exit status: 0 success,\n"
          "1 error, 2 usage error, 3 permission denied, 4 not found.\n",
          out);
}
