/* parse and import: a report file through the parser, printed or stored. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/err.h"
#include "host/priv.h"
#include "parse/parse.h"
#include "readers/read.h"
#include "db/db_import.h"
#include "util/text.h"

static int check_encoding(const char *enc)
{
    if (!enc || !strcmp(enc, "auto") || !strcmp(enc, "utf-8") || !strcmp(enc, "gb18030"))
        return FU_OK;
    return cli_fail(FU_USAGE, "unknown encoding '%s'; use auto, utf-8 or gb18030", enc);
}

static int check_format(const char *name, enum fmt_kind *kind)
{
    if (fmt_parse_name(name, kind) == 0) return FU_OK;
    return cli_fail(FU_USAGE, "unknown format '%s'; use auto, text, docx, odt, doc, wps, pdf, "
                    "html, xlsx or csv", name);
}

/* The report at path, of any format the readers know (readers/read.h). */
static int parse_report(struct cli *c, const char *path, const char *enc, enum fmt_kind kind,
                        struct doc *d)
{
    struct parse_opts opts = {.encoding = enc};
    config_parse_opts(&c->cfg, &opts);
    char err[FU_ERRLEN] = "";
    int rc = fmt_parse_file(path, kind, &opts, d, err, sizeof err);
    if (rc != FU_OK)
        return cli_fail(rc, "%s", err);
    if (d->paragraphs) {
        fputs("followup: note: ", stderr);
        text_fputs(stderr, path);
        fprintf(stderr, " has no numbered headings; %zu paragraph%s that commit%s to "
                "something became items\n", d->nnodes, d->nnodes == 1 ? "" : "s",
                d->nnodes == 1 ? "s" : "");
    }
    return FU_OK;
}

int cmd_parse(struct cli *c, int argc, char **argv)
{
    const char *enc = NULL, *format = NULL, *pos[1];
    int json = 0, npos, help, rc;
    enum fmt_kind kind;
    struct cli_opt opts[] = {{.name = "json", .flag = &json},
                             {.name = "encoding", .has_arg = 1, .value = &enc},
                             {.name = "format", .has_arg = 1, .value = &format},
                             {0}};
    if ((rc = cli_args("parse", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("parse");
    if ((rc = check_encoding(enc)) != FU_OK || (rc = check_format(format, &kind)) != FU_OK)
        return rc;
    struct doc d;
    if ((rc = parse_report(c, pos[0], enc, kind, &d)) != FU_OK)
        return rc;
    rc = json ? doc_write_json(&d, stdout) : doc_write_tree(&d, stdout);
    doc_fini(&d);
    if (rc != FU_OK || fflush(stdout) != 0)
        return cli_fail(FU_ERR, "cannot write the output");
    return FU_OK;
}

/* A dry run with no database yet works on a scratch one made for it in
 * $TMPDIR (removed afterwards), so that nothing is created. */
static int open_scratch(struct cli *c, char *dir, size_t dirlen)
{
    const char *tmp = priv_getenv("TMPDIR");
    snprintf(dir, dirlen, "%s/followup-dry.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return cli_fail(FU_ERR, "cannot make a scratch folder in %s for the dry run: %s",
                        tmp && *tmp ? tmp : "/tmp", strerror(errno));
    snprintf(c->db_path, sizeof c->db_path, "%s/dry.db", dir);
    c->team = 0;   /* the user's scratch file, never with the group */
    return cli_open_db(c, 1);
}

static void remove_scratch(struct cli *c, const char *dir)
{
    char p[1100];
    const char *sfx[] = {"", "-wal", "-shm", "-journal"};
    db_close(c->db);
    c->db = NULL;
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
        snprintf(p, sizeof p, "%s/dry.db%s", dir, sfx[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void print_import(const struct doc *d, const struct import_stats *st, int dry)
{
    const char *name = d->meta.doc_no && *d->meta.doc_no ? d->meta.doc_no
                       : d->meta.title && *d->meta.title ? d->meta.title
                                                         : "(no 文号, no title)";
    if (dry)
        fputs("dry run, nothing stored: ", stdout);
    else
        printf("R%lld ", st->report_id);
    text_fputs(stdout, name);
    printf(": %s; %lld %sadded, %lld updated, %lld unchanged, %lld withdrawn",
           st->created_report ? "new report" : "existing report", st->added,
           dry ? "would be " : "", st->updated, st->unchanged, st->withdrawn);
    if (st->marked)
        printf("; %lld with lead, support or due from the report's markers", st->marked);
    fputc('\n', stdout);
    for (size_t i = 0; i < st->nnew_depts; i++) {
        fputs(dry ? "  department to add: " : "  department added: ", stdout);
        text_fputs(stdout, st->new_depts[i]);
        fputc('\n', stdout);
    }
}

int cmd_import(struct cli *c, int argc, char **argv)
{
    const char *enc = NULL, *format = NULL, *pos[1];
    int npos, help, rc, dry = 0;
    enum fmt_kind kind;
    struct cli_opt opts[] = {{.name = "encoding", .has_arg = 1, .value = &enc},
                             {.name = "dry-run", .flag = &dry},
                             {.name = "format", .has_arg = 1, .value = &format},
                             {0}};
    if ((rc = cli_args("import", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("import");
    if ((rc = check_encoding(enc)) != FU_OK || (rc = check_format(format, &kind)) != FU_OK)
        return rc;
    struct doc d;
    if ((rc = parse_report(c, pos[0], enc, kind, &d)) != FU_OK)
        return rc;
    char scratch[1024] = "";
    struct stat sb;
    if (dry && stat(c->db_path, &sb) != 0 && errno == ENOENT)
        rc = open_scratch(c, scratch, sizeof scratch);
    else
        rc = cli_open_db(c, 1);
    if (rc != FU_OK) {
        if (*scratch)
            rmdir(scratch);
        doc_fini(&d);
        return rc;
    }
    struct import_stats st = {0};
    char err[FU_ERRLEN] = "";
    rc = db_import_opt(c->db, &c->actor, &d, dry, &st, err, sizeof err);
    if (*scratch)
        remove_scratch(c, scratch);
    if (rc == FU_OK)
        print_import(&d, &st, dry);
    import_stats_fini(&st);
    doc_fini(&d);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}
