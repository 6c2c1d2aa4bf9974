/* import --review: the parsed report as an outline in the user's editor,
 * the way `git rebase -i` shows its plan; and where an import names the
 * departments it would add. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "util/err.h"
#include "util/text.h"
#include "host/editor.h"
#include "host/priv.h"
#include "readers/read.h"
#include "db/db_import.h"

struct where { char *p; size_t n, cap; int oom; };

static void where_add(struct where *w, const char *code, const char *what)
{
    size_t need = strlen(code) + strlen(what) + 4;
    if (w->oom)
        return;
    if (w->n + need > w->cap) {
        size_t cap = (w->n + need) * 2;
        char *p = realloc(w->p, cap);
        if (!p) {
            w->oom = 1;
            return;
        }
        w->p = p;
        w->cap = cap;
    }
    w->n += (size_t)snprintf(w->p + w->n, w->cap - w->n, "%s%s%s%s", w->n ? ", " : "", code,
                             *what ? " " : "", what);
}

/* Five places at the most, then "…". */
static void where_one(struct where *w, int *count, const char *code, const char *what)
{
    if (*count < 5)
        where_add(w, code, what);
    else if (*count == 5)
        where_add(w, "…", "");
    ++*count;
}

/* The nodes that would make the import add name: a lead it takes from a
 * marker, or a supporting department (db/db_import_mark.c). */
static void where_nodes(struct where *w, const struct node *v, size_t n, const char *name,
                        int *count)
{
    for (size_t i = 0; i < n; i++) {
        const struct node *nd = &v[i];
        int marked = nd->owner_src == OWNER_MARKER || nd->nsupport || nd->due[0];
        if (marked && nd->owner && strcmp(nd->owner, name) == 0)
            where_one(w, count, nd->code, "lead");
        for (size_t j = 0; j < nd->nsupport; j++)
            if (strcmp(nd->support[j], name) == 0)
                where_one(w, count, nd->code, "support");
        where_nodes(w, nd->children, nd->nchildren, name, count);
    }
}

/* "2.3 lead, 4.1 support" (malloc'ed; NULL when the doc does not name it
 * as such, or out of memory). */
static char *where_named(const struct doc *d, const char *name)
{
    struct where w = {0};
    int count = 0;
    where_nodes(&w, d->nodes, d->nnodes, name, &count);
    if (w.oom) {
        free(w.p);
        return NULL;
    }
    return w.p;
}

void cli_new_depts(FILE *out, const struct doc *d, const struct import_stats *st,
                   const char *prefix)
{
    for (size_t i = 0; i < st->nnew_depts; i++) {
        char *w = where_named(d, st->new_depts[i]);
        fputs(prefix, out);
        text_fputs(out, st->new_depts[i]);
        if (w) {
            fputs("  (", out);
            text_fputs(out, w);
            fputc(')', out);
        }
        fputc('\n', out);
        free(w);
    }
}

/* A new file for the outline in $TMPDIR (the user's, as the user). */
static FILE *temp_outline(char *path, size_t pathlen)
{
    const char *tmp = priv_getenv("TMPDIR");
    snprintf(path, pathlen, "%s/followup-review-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f && fd >= 0) {
        close(fd);
        unlink(path);
    }
    if (!f)
        cli_fail(FU_ERR, "cannot make a temporary file in %s for the outline: %s",
                 tmp && *tmp ? tmp : "/tmp", strerror(errno));
    return f;
}

static int write_outline(FILE *f, const struct doc *d, const char *source,
                         const struct import_stats *st)
{
    char **where = st->nnew_depts ? calloc(st->nnew_depts, sizeof *where) : NULL;
    struct outline_opts oo = {.source = source, .new_depts = st->new_depts,
                              .new_where = where, .nnew_depts = st->nnew_depts, .review = 1};
    for (size_t i = 0; where && i < st->nnew_depts; i++)
        where[i] = where_named(d, st->new_depts[i]);
    int rc = doc_write_outline(d, &oo, f);
    for (size_t i = 0; where && i < st->nnew_depts; i++)
        free(where[i]);
    free(where);
    return rc;
}

int cli_outline_review(struct cli *c, struct doc *d, const char *source,
                       const struct import_stats *st)
{
    char path[1100], err[FU_ERRLEN] = "";
    FILE *f = temp_outline(path, sizeof path);
    if (!f)
        return FU_ERR;
    int rc = write_outline(f, d, source, st);
    if (fclose(f) != 0 || rc != FU_OK) {
        unlink(path);
        return cli_fail(FU_ERR, "cannot write the outline to %s", path);
    }
    if (editor_run(path, err, sizeof err) != 0) {
        unlink(path);
        return cli_fail(FU_ERR, "%s: import cancelled, nothing stored", err);
    }
    struct parse_opts opts = {0};
    struct doc edited;
    config_parse_opts(&c->cfg, &opts);
    rc = fmt_parse_outline_file(path, &opts, &edited, err, sizeof err);
    if (rc == FU_NOTFOUND) {
        unlink(path);
        return cli_fail(FU_ERR, "the outline is empty: import cancelled, nothing stored");
    }
    if (rc != FU_OK)   /* the user's edit is kept: a mistake must not cost it */
        return cli_fail(FU_ERR, "%s: import cancelled, nothing stored (mend it and run "
                        "followup import --outline %s)", err, path);
    unlink(path);
    doc_fini(d);
    *d = edited;
    return FU_OK;
}
