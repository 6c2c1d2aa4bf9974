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
    if (d->paragraphs == 2) {
        fputs("followup: note: ", stderr);
        text_fputs(stderr, path);
        fprintf(stderr, " has no numbered headings and no sentence that commits to anything; "
                "each of its %zu paragraph%s became an item (check them with import --dry-run)\n",
                d->nnodes, d->nnodes == 1 ? "" : "s");
    } else if (d->paragraphs) {
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
    int json = 0, outline = 0, npos, help, rc;
    enum fmt_kind kind;
    struct cli_opt opts[] = {{.name = "json", .flag = &json},
                             {.name = "outline", .flag = &outline},
                             {.name = "encoding", .has_arg = 1, .value = &enc},
                             {.name = "format", .has_arg = 1, .value = &format},
                             {0}};
    if ((rc = cli_args("parse", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("parse");
    if (json && outline)
        return cli_fail(FU_USAGE, "--json and --outline are two ways to print the tree; "
                        "give one");
    if ((rc = check_encoding(enc)) != FU_OK || (rc = check_format(format, &kind)) != FU_OK)
        return rc;
    struct doc d;
    if ((rc = parse_report(c, pos[0], enc, kind, &d)) != FU_OK)
        return rc;
    struct outline_opts oo = {.source = pos[0]};
    rc = json ? doc_write_json(&d, stdout)
         : outline ? doc_write_outline(&d, &oo, stdout) : doc_write_tree(&d, stdout);
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
    const char *sfx[] = {"", "-wal", "-shm", "-journal", "-writers"};
    db_close(c->db);
    c->db = NULL;
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
        snprintf(p, sizeof p, "%s/dry.db%s", dir, sfx[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void print_import(const struct doc *d, const struct import_stats *st, int dry,
                         int outline)
{
    const char *name = d->meta.doc_no && *d->meta.doc_no ? d->meta.doc_no
                       : d->meta.title && *d->meta.title ? d->meta.title
                                                         : "(no 文号, no title)";
    if (dry)   /* the departments nobody has seen first: they are what to check */
        cli_new_depts(stdout, d, st, "  department to add: ");
    if (dry)
        fputs("dry run, nothing stored: ", stdout);
    else
        printf("R%lld ", st->report_id);
    text_fputs(stdout, name);
    printf(": %s; %lld %sadded, %lld updated, %lld unchanged, %lld withdrawn",
           st->created_report ? "new report" : "existing report", st->added,
           dry ? "would be " : "", st->updated, st->unchanged, st->withdrawn);
    if (st->marked)
        printf("; %lld with lead, support or due from the %s", st->marked,
               outline ? "outline's fields" : "report's markers");
    fputc('\n', stdout);
    if (!dry)
        cli_new_depts(stdout, d, st, "  department added: ");
}

/* The report to import: an outline (--outline) or a report file. */
static int read_doc(struct cli *c, const char *path, int outline, const char *enc,
                    enum fmt_kind kind, struct doc *d)
{
    if (!outline)
        return parse_report(c, path, enc, kind, d);
    struct parse_opts opts = {0};
    char err[FU_ERRLEN] = "";
    config_parse_opts(&c->cfg, &opts);
    int rc = fmt_parse_outline_file(path, &opts, d, err, sizeof err);
    return rc == FU_OK ? FU_OK : cli_fail(FU_ERR, "%s; nothing was imported", err);
}

/* db_import_opt on the database, or for a dry run without one on a
 * scratch one (so that none is created). */
static int run_import(struct cli *c, const struct doc *d, int dry, struct import_stats *st)
{
    char scratch[1024] = "", err[FU_ERRLEN] = "";
    struct stat sb;
    int rc;
    memset(st, 0, sizeof *st);
    if (dry && !c->db && stat(c->db_path, &sb) != 0 && errno == ENOENT)
        rc = open_scratch(c, scratch, sizeof scratch);
    else
        rc = c->db ? FU_OK : cli_open_db(c, 1);
    if (rc != FU_OK) {
        if (*scratch)
            rmdir(scratch);
        return rc;
    }
    rc = db_import_opt(c->db, &c->actor, d, dry, st, err, sizeof err);
    if (*scratch)
        remove_scratch(c, scratch);
    return rc == FU_OK ? FU_OK : cli_fail(rc, "%s", err);
}

/* --review: what the import would add, then the outline in $EDITOR; *d
 * becomes what the user saved. */
static int review(struct cli *c, struct doc *d, const char *path)
{
    struct import_stats st;
    char db_path[sizeof c->db_path];
    int team = c->team;
    memcpy(db_path, c->db_path, sizeof db_path);
    int rc = run_import(c, d, 1, &st);
    memcpy(c->db_path, db_path, sizeof db_path);   /* a scratch one is gone */
    c->team = team;
    if (rc == FU_OK)
        rc = cli_outline_review(c, d, path, &st);
    import_stats_fini(&st);
    return rc;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
    const char *enc = NULL, *format = NULL, *pos[1];
    int npos, help, rc, dry = 0, outline = 0, edit = 0;
    enum fmt_kind kind;
    struct cli_opt opts[] = {{.name = "encoding", .has_arg = 1, .value = &enc},
                             {.name = "dry-run", .flag = &dry},
                             {.name = "format", .has_arg = 1, .value = &format},
                             {.name = "outline", .flag = &outline},
                             {.name = "review", .flag = &edit},
                             {0}};
    if ((rc = cli_args("import", argc, argv, opts, pos, 1, 1, &npos, &help)) != FU_OK)
        return rc;
    if (help)
        return cli_help("import");
    if (outline && (enc || format))
        return cli_fail(FU_USAGE, "an outline is UTF-8 text: --outline takes neither "
                        "--encoding nor --format");
    if ((rc = check_encoding(enc)) != FU_OK || (rc = check_format(format, &kind)) != FU_OK)
        return rc;
    struct doc d;
    if ((rc = read_doc(c, pos[0], outline, enc, kind, &d)) != FU_OK)
        return rc;
    if (edit)
        rc = review(c, &d, pos[0]);
    struct import_stats st = {0};
    if (rc == FU_OK)
        rc = run_import(c, &d, dry, &st);
    if (rc == FU_OK)
        print_import(&d, &st, dry, outline || edit);
    import_stats_fini(&st);
    doc_fini(&d);
    return rc;
}
