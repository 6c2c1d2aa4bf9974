/* parse and import: a report file through the parser, printed or stored. */
#include <string.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/parse.h"

static int check_encoding(const char *enc)
{
    if (!enc || !strcmp(enc, "auto") || !strcmp(enc, "utf-8") || !strcmp(enc, "gb18030"))
        return FU_OK;
    return cli_fail(FU_USAGE, "unknown encoding '%s'; use auto, utf-8 or gb18030", enc);
}

static int parse_report(struct cli *c, const char *path, const char *enc, struct doc *d)
{
    struct parse_opts opts = {.encoding = enc};
    config_parse_opts(&c->cfg, &opts);
    char err[FU_ERRLEN] = "";
    int rc = parse_file(path, &opts, d, err, sizeof err);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

int cmd_parse(struct cli *c, int argc, char **argv)
{
    const char *enc = NULL, *pos[1];
    int json = 0, npos, help, rc;
    struct cli_opt opts[] = {{.name = "json", .flag = &json},
                             {.name = "encoding", .has_arg = 1, .value = &enc},
                             {0}};
    if ((rc = cli_args("parse", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("parse");
    if ((rc = check_encoding(enc)) != FU_OK)
        return rc;
    struct doc d;
    if ((rc = parse_report(c, pos[0], enc, &d)) != FU_OK)
        return rc;
    rc = json ? doc_write_json(&d, stdout) : doc_write_tree(&d, stdout);
    doc_free(&d);
    if (rc != FU_OK || fflush(stdout) != 0)
        return cli_fail(FU_ERR, "cannot write the output");
    return FU_OK;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
    const char *enc = NULL, *pos[1];
    int npos, help, rc;
    struct cli_opt opts[] = {{.name = "encoding", .has_arg = 1, .value = &enc}, {0}};
    if ((rc = cli_args("import", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("import");
    if ((rc = check_encoding(enc)) != FU_OK)
        return rc;
    struct doc d;
    if ((rc = parse_report(c, pos[0], enc, &d)) != FU_OK)
        return rc;
    if ((rc = cli_open_db(c, 1)) != FU_OK) {
        doc_free(&d);
        return rc;
    }
    struct import_stats st = {0};
    char err[FU_ERRLEN] = "";
    rc = db_import(c->db, &c->actor, &d, &st, err, sizeof err);
    if (rc == FU_OK) {
        const char *name = d.meta.doc_no && *d.meta.doc_no ? d.meta.doc_no
                           : d.meta.title && *d.meta.title ? d.meta.title
                                                           : "(no 文号, no title)";
        printf("R%lld ", st.report_id);
        cli_puts(stdout, name);
        printf(": %s; %lld added, %lld updated, %lld unchanged, %lld withdrawn\n",
               st.created_report ? "new report" : "existing report", st.added, st.updated,
               st.unchanged, st.withdrawn);
    }
    doc_free(&d);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}
