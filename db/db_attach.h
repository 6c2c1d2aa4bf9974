/* Evidence files (佐证材料) stored with their tasks (db/db_attach.c). */
#ifndef FU_DB_ATTACH_H
#define FU_DB_ATTACH_H

#include <stddef.h>
#include "core/user.h"
#include "core/workflow.h"
#include "db/db.h"

/* What to attach: size bytes read from fd (the user's file, opened with
 * the user's ids) as name (a file name without '/', at most 255 bytes),
 * with an optional note, under the limits lim (NULL: none); stage_dir is
 * where the bytes are staged first (NULL: /tmp). */
struct attach_req {
    long long task_id;
    const char *name;
    int fd;
    long long size;
    const char *note;
    const struct attach_limits *lim;
    const char *stage_dir;
};

/* A department user (own tasks) or the committee stores the file with the
 * task. The bytes are first copied to a private staging file (hashed on
 * the way), with no lock held, so a slow or stopped reader holds up
 * nobody; then one short write transaction checks the limits (files and
 * bytes of the task, the quota of its lead department), writes the row,
 * streams the staged bytes into it with SQLite's incremental blob I/O
 * (64 KiB at a time) and records the history row "attachment" (new: the
 * SHA-256, which enters the audit chain; note: a JSON object with id,
 * name, size and note). A file over lim's file_bytes is refused before
 * anything is read, one over another limit before anything is written
 * (FU_ERR, one line naming the limit, what is used and where the limit
 * comes from); a file that is shorter or longer than size when read is
 * FU_ERR; nothing is stored then. *out (may be NULL) receives the stored
 * attachment (attachment_fini). */
int db_attach(struct db *db, const struct actor *a, const struct attach_req *rq,
              struct attachment *out, char *err, size_t errlen);

/* Committee: department dept's own quota for evidence files, in MiB (mb 0:
 * back to the default), with a history row "quota" (old and new "NAME: N
 * MB" or "NAME: default"). Setting what it is already records nothing and
 * sets *changed 0. FU_PERM for others, FU_NOTFOUND for no such department. */
int db_attach_quota_set(struct db *db, const struct actor *a, const char *dept, long long mb,
                        int *changed, char *err, size_t errlen);

/* Every department's evidence files (the attachments of the tasks it leads),
 * by name, with its quota (its own, else default_bytes), then the tasks
 * without a lead (dept NULL) when they have any; retired departments only
 * when their tasks have files. *out is released with dept_usage_list_fini. */
int db_attach_usage(struct db *db, long long default_bytes, struct dept_usage_list *out,
                    char *err, size_t errlen);

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
