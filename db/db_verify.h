/* Integrity: the file, the hash chain of the history, and the tables
 * replayed from it (db/db_verify.c, db/db_history.c). */
#ifndef FU_DB_VERIFY_H
#define FU_DB_VERIFY_H

#include <stddef.h>
#include "db/db.h"

/* History rows form a SHA-256 hash chain (libcrypto): each row's hash
 * covers its content and the previous row's hash. db_verify runs
 * PRAGMA integrity_check and walks the chain; on the first bad row it
 * returns FU_ERR naming the row id. rows/head receive the row count and
 * the chain head (64 hex digits, "" for an empty chain); either may be NULL. */
int db_verify(struct db *db, long long *rows, char head[65], char *err, size_t errlen);

/* What `verify` checks (db/db_verify.c), in one read transaction: the file
 * (PRAGMA quick_check, or integrity_check when full); the hash chain; then
 * the tables replayed from the history in both directions (what the
 * history made must exist, what exists must be what it made) and rows
 * whose parent row is gone (foreign keys). Each
 * difference between the replay and the tables goes to diff: what (a task
 * as "R1:2.4", "user LOGIN", "department NAME", "review round N", "report
 * RN", "TABLE row N"), the
 * field, the value the history gives and the value found (NULL: none);
 * the strings are valid only during the call. head, when not NULL, is a
 * hex prefix (16 to 64 digits) looked up in the chain. Returns FU_OK when
 * the file and the chain are sound (differences are counted in
 * out->ndiff), FU_ERR naming the first fault otherwise. */
typedef void (*db_diff_fn)(void *ctx, const char *what, const char *field,
                           const char *want, const char *found);
struct verify_result {
    long long rows;            /* history rows */
    char head[65];             /* the chain head, "" when empty */
    long long head_row;        /* the row whose hash starts with head; 0: not in the chain */
    long long ndiff;           /* differences reported */
};
int db_verify_all(struct db *db, int full, const char *head, struct verify_result *out,
                  db_diff_fn diff, void *ctx, char *err, size_t errlen);

/* The current chain head and row count (cheap; for reports). */
int db_chain_head(struct db *db, long long *rows, char head[65], char *err, size_t errlen);

#endif
