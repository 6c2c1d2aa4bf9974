/* Evidence files (佐证材料) stored with their tasks (db/db_attach.c). */
#ifndef FU_DB_ATTACH_H
#define FU_DB_ATTACH_H

#include <stddef.h>
#include "core/user.h"
#include "core/workflow.h"
#include "db/db.h"

/* A department user (own tasks) or the committee stores size bytes read
 * from fd under name (a file name without '/', at most 255 bytes) with the
 * task: streamed into the database with SQLite's incremental blob I/O
 * (64 KiB at a time), hashed as it goes; the SHA-256 enters the audit
 * chain (history row "attachment": new the SHA-256, note a JSON object
 * with id, name, size and note). A size over max_bytes is refused before
 * anything is read (FU_ERR); a file that is shorter or longer than size
 * when read is FU_ERR; nothing is stored then. *out (may be NULL) receives
 * the stored attachment (attachment_fini). */
int db_attach(struct db *db, const struct actor *a, long long task_id, const char *name,
              int fd, long long size, long long max_bytes, const char *note,
              struct attachment *out, char *err, size_t errlen);
/* The task's attachments, oldest first (no bytes read). */
int db_attachments(struct db *db, long long task_id, struct attachment_list *out,
                   char *err, size_t errlen);

/* Streams attachment id's bytes to fn (64 KiB at a time; a non-zero return
 * stops and is returned), then checks them against the stored SHA-256
 * (FU_ERR when they differ). *meta (may be NULL) receives its row first
 * (attachment_fini). FU_NOTFOUND when there is no such attachment. */
typedef int (*db_bytes_fn)(const void *p, size_t n, void *ctx);
int db_attachment_read(struct db *db, long long id, struct attachment *meta, db_bytes_fn fn,
                       void *ctx, char *err, size_t errlen);
/* db_attachment_read into the file descriptor fd (written whole, retried
 * on EINTR); a failed write is FU_ERR naming the system's error. */
int db_attachment_to_fd(struct db *db, long long id, int fd, struct attachment *meta,
                        char *err, size_t errlen);
/* Reads only attachment id's row. */
int db_attachment_get(struct db *db, long long id, struct attachment *out, char *err,
                      size_t errlen);

#endif
