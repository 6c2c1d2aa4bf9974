/* Atomic file writes (contract in util/outfile.h). */
#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"

static int file_err(char *err, size_t errlen, int rc, const char *what, const char *path)
{
    snprintf(err, errlen, "%s %s: %s", what, path, strerror(errno));
    return rc;
}

int outfile_write(const char *path, int (*fn)(FILE *out, void *ctx, char *err, size_t errlen),
                  void *ctx, char *err, size_t errlen)
{
    char dir[4096], tmp[4200];
    const char *slash = path ? strrchr(path, '/') : NULL;
    const char *base = slash ? slash + 1 : path;
    if (!path || !*base) {
        snprintf(err, errlen, "give a file name, e.g. report.html, not a directory");
        return FU_USAGE;
    }
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(dir, sizeof dir, ".");
    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return file_err(err, errlen, FU_ERR, "cannot create a file in", dir);
    mode_t mask = umask(0);
    umask(mask);
    FILE *fp = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
    int rc = fp ? fn(fp, ctx, err, errlen) : file_err(err, errlen, FU_ERR, "cannot write", tmp);
    if (rc == FU_OK && (fflush(fp) != 0 || fsync(fileno(fp)) != 0))
        rc = file_err(err, errlen, FU_ERR, "cannot write", path);
    if ((fp ? fclose(fp) : close(fd)) != 0 && rc == FU_OK)
        rc = file_err(err, errlen, FU_ERR, "cannot write", path);
    if (rc == FU_OK && rename(tmp, path) != 0)
        rc = file_err(err, errlen, FU_ERR, "cannot replace", path);
    if (rc != FU_OK) {
        unlink(tmp);
        return rc;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);   /* the rename itself reaches the disk */
        close(dfd);
    }
    return FU_OK;
}
