/* .doc and .wps (the binary Word and WPS formats, OLE2 compound files)
 * through a converter run as a child process in a private temporary
 * folder: LibreOffice (soffice --headless --convert-to docx) when it is
 * installed, whose .docx keeps list numbers and tables and is read by the
 * .docx reader; else antiword, else catdoc, which give plain text (list
 * numbers Word generates are lost). The child runs through fmt_user_run()
 * (readers/userfile.c), with the user's own ids. */
#include "readers/fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/encoding.h"
#include "util/err.h"
#include "host/priv.h"
#include "readers/userfile.h"

#define CONVERT_SECONDS 120

/* 1 when prog is an executable file in a PATH directory. */
static int in_path(const char *prog)
{
    const char *path = getenv("PATH"), *p;
    char dir[4096];
    if (!path) path = "/usr/bin:/bin";
    for (p = path; *p;) {
        const char *e = strchr(p, ':');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && n + strlen(prog) + 2 < sizeof dir) {
            snprintf(dir, sizeof dir, "%.*s/%s", (int)n, p, prog);
            if (access(dir, X_OK) == 0) return 1;
        }
        p += n + (e != NULL);
    }
    return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

static int write_file(const char *path, const char *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    size_t off = 0;
    if (fd < 0) return -1;
    while (off < len) {
        ssize_t w = write(fd, buf + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { close(fd); return -1; }
        off += (size_t)w;
    }
    return close(fd);
}

static int read_small(const char *path, char **buf, size_t *len)
{
    char e[FU_ERRLEN];
    return fmt_user_read(path, FMT_MAX_INPUT, buf, len, e, sizeof e);
}

/* Plain text (antiword, catdoc) into paragraphs, one a line. */
static int text_paras(const char *text, size_t n, struct fmt_doc *d)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - text) : n;
        if (fmt_add_para(d, text + i, e - i) < 0) return -1;
        i = e + 1;
    }
    return 0;
}

static int via_soffice(const char *dir, const char *in, struct fmt_doc *d, char *err,
                       size_t errlen)
{
    char prof[4200], out[4200], log[4200], *buf = NULL;
    size_t len = 0;
    int st, rc;
    char *argv[] = { "soffice", "--headless", "--norestore", prof, "--convert-to", "docx",
                     "--outdir", (char *)dir, (char *)in, NULL };
    snprintf(prof, sizeof prof, "-env:UserInstallation=file://%s/profile", dir);
    snprintf(out, sizeof out, "%s/input.docx", dir);
    snprintf(log, sizeof log, "%s/convert.log", dir);
    st = fmt_user_run(argv, log, CONVERT_SECONDS, err, errlen);
    if (st < 0) return FU_ERR;
    if (read_small(out, &buf, &len) != FU_OK) {
        snprintf(err, errlen, "LibreOffice could not convert the document (exit status %d): "
                 "it is damaged or not a Word/WPS file; open it and save it as .docx", st);
        return FU_ERR;
    }
    rc = fmt_read_docx(buf, len, d, err, errlen);
    free(buf);
    return rc;
}

static int via_text(const char *prog, const char *dir, const char *in, struct fmt_doc *d,
                    char *err, size_t errlen)
{
    char out[4200], *buf = NULL, *text = NULL;
    size_t len = 0, tlen = 0;
    int st, rc;
    char *anti[] = { "antiword", "-m", "UTF-8.txt", "-w", "0", (char *)in, NULL };
    char *cat[] = { "catdoc", "-d", "utf-8", "-w", (char *)in, NULL };
    snprintf(out, sizeof out, "%s/output.txt", dir);
    st = fmt_user_run(!strcmp(prog, "antiword") ? anti : cat, out, CONVERT_SECONDS, err, errlen);
    if (st < 0) return FU_ERR;
    if (st != 0 || read_small(out, &buf, &len) != FU_OK || !len) {
        snprintf(err, errlen, "%s could not read the document (exit status %d): it is damaged "
                 "or not a Word/WPS file; open it and save it as .docx", prog, st);
        free(buf);
        return FU_ERR;
    }
    rc = enc_to_utf8(buf, len, ENC_AUTO, &text, &tlen, NULL, err, errlen);
    free(buf);
    if (rc == FU_OK && text_paras(text, tlen, d) < 0) {
        snprintf(err, errlen, "out of memory reading the document");
        rc = FU_ERR;
    }
    free(text);
    return rc;
}

int fmt_read_doc(const char *buf, size_t len, struct fmt_doc *d, char *err, size_t errlen)
{
    const char *tmp = priv_getenv("TMPDIR");   /* ignored while the group is held */
    char dir[4096], in[4200];
    int rc;
    const char *prog = in_path("soffice") ? "soffice" : in_path("antiword") ? "antiword"
                       : in_path("catdoc") ? "catdoc" : NULL;
    if (!prog) {
        snprintf(err, errlen, "reading .doc/.wps needs a converter: install LibreOffice "
                 "(apt-get install libreoffice-writer-nogui) or antiword, or save the file "
                 "as .docx");
        return FU_ERR;
    }
    snprintf(dir, sizeof dir, "%s/followup-doc-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(err, errlen, "cannot make a temporary folder in %s (%s); set TMPDIR to a "
                 "writable folder", tmp && *tmp ? tmp : "/tmp", strerror(errno));
        return FU_ERR;
    }
    snprintf(in, sizeof in, "%s/input.doc", dir);
    if (write_file(in, buf, len) < 0) {
        snprintf(err, errlen, "cannot write the temporary copy in %s (%s)", dir, strerror(errno));
        rc = FU_ERR;
    } else if (!strcmp(prog, "soffice")) {
        rc = via_soffice(dir, in, d, err, errlen);
    } else {
        rc = via_text(prog, dir, in, d, err, errlen);
    }
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return rc;
}
