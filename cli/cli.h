/* The command line: shared context and helpers for the cmd_*.c files. */
#ifndef FU_CLI_H
#define FU_CLI_H

#include <stdio.h>
#include "host/config.h"
#include "db/db.h"
#include "core/task.h"
#include "core/user.h"

#define FOLLOWUP_VERSION "0.1.0"

/* Where the database came from (resolve_db in main.c; paths explains it). */
enum db_source {
    DBS_OPT,                   /* --db */
    DBS_ENV,                   /* $FOLLOWUP_DB */
    DBS_CONFIG,                /* [database] path */
    DBS_TEAM,                  /* the installed, setgid program: the team database */
    DBS_TEAM_OPT,              /* --team */
    DBS_XDG,                   /* $XDG_DATA_HOME/followup/followup.db */
    DBS_HOME                   /* ~/.local/share/followup/followup.db */
};

struct cli {
    const char *db_opt;        /* --db */
    int team_opt;              /* --team */
    const char *config_opt;    /* --config */
    const char *as_opt;        /* --as */
    char db_path[1024];        /* resolved */
    char db_why[1100];         /* where db_path came from */
    int team;                  /* db_path is the team database, opened with the group */
    enum db_source db_source;
    int installed;             /* the running program is $(bindir)/followup */
    char lim_from[4][1200];    /* where each limit of cli_limits came from */
    char label[320];           /* the command line, for the registry of writers */
    struct config cfg;
    struct actor actor;
    struct db *db;             /* opened by cli_open_db() */
    int zh;                    /* output language is Chinese */
    const char *prog;          /* "followup" */
};

/* One option of a command: "--name" (and "-c" short form when short != 0). */
struct cli_opt {
    const char *name;
    char short_name;
    int has_arg;
    const char **value;        /* has_arg: where the argument goes */
    int *flag;                 /* !has_arg: set to 1 */
};

/* Parses args of a command into opts and positionals (at most maxpos).
 * Returns FU_OK or FU_USAGE after printing one line naming the problem;
 * *help is set for --help / -h. */
int cli_args(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
             const char **pos, int minpos, int maxpos, int *npos, int *help);

/* Prints "followup: MSG" to stderr, sanitised, and returns rc mapped to an
 * exit status (FU_CONFLICT → 1). */
int cli_fail(int rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the database for the command: create (import, dept/user add) or
 * not; bootstraps a new one. Reading commands open it read-write too when
 * the file allows, so an older schema is migrated on first use; SQLite
 * falls back to read-only by itself. Returns an exit status. */
int cli_open_db(struct cli *c, int create);

/* The limits on evidence files in force for this command into *out (its
 * strings in c): with the team database, the system config's (or the
 * defaults), each lowered -- never raised -- by the user's own config
 * (a key asking for more is ignored with a warning on stderr); with any
 * other database, the config's. Returns an exit status (a broken system
 * config, printed). */
struct attach_limits;
int cli_limits(struct cli *c, struct attach_limits *out);
/* 1 when the database in use is the team database. */
int cli_team_db(const struct cli *c);

/* Resolves a report reference ("R2", "2" or a 文号) into its id (exit
 * status; prints the error). */
int cli_resolve_report(struct cli *c, const char *ref, long long *id);

/* Splits a list of department names in place at ",", "，" or "、",
 * trimming spaces; stores at most max pointers into s in out and returns
 * how many. */
size_t cli_split_names(char *s, const char **out, size_t max);

/* Resolves TASK into t (exit status; prints the error). */
int cli_find_task(struct cli *c, const char *ref, struct task *t);

/* `NAME TASK TEXT`: the body of note and instruct. Resolves TASK, calls add
 * (a db_* writer of one text to one task) and prints `R1:2.4 ` followed by
 * done (already in the output language). Returns the exit status. */
typedef int (*cli_text_fn)(struct db *db, const struct actor *a, long long task_id,
                           const char *text, char *err, size_t errlen);
int cli_task_text(struct cli *c, const char *name, int argc, char **argv, cli_text_fn add,
                  const char *done);

/* A status's label in the output language ("推进中" / "In progress"). */
const char *cli_status_label(const struct cli *c, enum task_status s);


/* Prints s to out, wrapped to width columns, each line indented. */
void cli_wrap(FILE *out, const char *s, int indent, int width);

/* A binary format (xlsx, docx) is never written to a terminal: FU_USAGE with a
 * hint to use -o when binary is set and stdout is a terminal (fmt and cmd
 * name the format and the command for the hint), else FU_OK. */
int cli_binary_out(int binary, const char *fmt, const char *cmd);

/* Local date "YYYY-MM-DD" for today. */
void cli_today(char out[11]);
/* "Today" for reports, reminders, lights and the workflow: $FOLLOWUP_TODAY
 * (YYYY-MM-DD) when set, else the local date. Returns an exit status
 * (a malformed FOLLOWUP_TODAY is a usage error, printed). */
int cli_today_env(char out[11]);

/* Prints one line per department st says the import adds (would add),
 * each prefix, the name and where the doc names it ("(2.3 lead, 4.1
 * support)"), sanitised. */
struct doc;
struct import_stats;
void cli_new_depts(FILE *out, const struct doc *d, const struct import_stats *st,
                   const char *prefix);

/* import --review: writes d as an outline (listing first the departments
 * st says the import would add) into a temporary file, opens it in the
 * user's editor and reads back what was saved into *d (freed and
 * replaced). Returns FU_OK, or an exit status after printing one line:
 * the editor failed, the file was emptied (import cancelled) or has an
 * error (its line named; the file is kept for mending). */
int cli_outline_review(struct cli *c, struct doc *d, const char *source,
                       const struct import_stats *st);

/* Commands. Each returns an exit status. */
int cmd_parse(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_reports(struct cli *c, int argc, char **argv);
int cmd_assign(struct cli *c, int argc, char **argv);
int cmd_status(struct cli *c, int argc, char **argv);
int cmd_note(struct cli *c, int argc, char **argv);
int cmd_accept(struct cli *c, int argc, char **argv);
int cmd_return(struct cli *c, int argc, char **argv);
int cmd_history(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_dept(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_review(struct cli *c, int argc, char **argv);
int cmd_remind(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_paths(struct cli *c, int argc, char **argv);
int cmd_extend(struct cli *c, int argc, char **argv);
int cmd_cycle(struct cli *c, int argc, char **argv);
int cmd_target(struct cli *c, int argc, char **argv);
int cmd_progress(struct cli *c, int argc, char **argv);
int cmd_instruct(struct cli *c, int argc, char **argv);
int cmd_attach(struct cli *c, int argc, char **argv);
int cmd_attachments(struct cli *c, int argc, char **argv);
int cmd_attachment(struct cli *c, int argc, char **argv);
int cmd_report_meta(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_withdraw(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_strike(struct cli *c, int argc, char **argv);
int cmd_add(struct cli *c, int argc, char **argv);
int cmd_move(struct cli *c, int argc, char **argv);
int cmd_merge(struct cli *c, int argc, char **argv);
int cmd_split(struct cli *c, int argc, char **argv);

/* show's sections for the workflow (cmd_workflow.c): the leaders'
 * instructions (shown first), and the light, feedback cycle, extension
 * requests and attachments. */
void cli_show_instructions(struct cli *c, const struct task *t);
void cli_show_workflow(struct cli *c, const struct task *t);
/* show's target line: "target     18/30 家 60 %  (at-least, reported
 * 2026-05-01, on track)"; nothing when the task has none. */
void cli_show_target(struct cli *c, const struct task *t, const char *today);
int cmd_team(struct cli *c, int argc, char **argv);
int cmd_who(struct cli *c, int argc, char **argv);

/* paths and --version: the files in use and why; config_err is the
 * config's error when it could not be read (--version still answers). */
int cli_paths_print(struct cli *c, const char *config_err);

/* The language of cli_help() and cli_usage(): Chinese when zh. */
void cli_help_language(int zh);
/* The usage of cmd as its --help shows it (may span lines; static), or
 * NULL for an unknown command. */
const char *cli_usage_of(const char *cmd);
/* Prints the usage and description of cmd to stdout; returns 0. */
int cli_help(const char *cmd);
/* Prints the program's usage (all commands) to out. */
void cli_usage(FILE *out);
/* The command named name, or NULL. */
typedef int (*cli_cmd_fn)(struct cli *c, int argc, char **argv);
cli_cmd_fn cli_command(const char *name);

#endif
