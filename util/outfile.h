/* Writing a file so that readers see the old file or the new one, never
 * part of one (reports, lists, workbooks written with -o). Prefix outfile_. */
#ifndef FU_OUTFILE_H
#define FU_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

/* Writes what fn writes to out (fn returns FU_OK or an error with err
 * filled) to path: a temporary file in the same directory, flushed to
 * disk (fsync), renamed over path, and the directory synced. On any
 * error the temporary file is removed and path left as it was. The new
 * file's mode follows the umask. FU_OK, FU_USAGE (path names a
 * directory) or FU_ERR (or fn's error), err filled. */
int outfile_write(const char *path, int (*fn)(FILE *out, void *ctx, char *err, size_t errlen),
                  void *ctx, char *err, size_t errlen);

#endif
