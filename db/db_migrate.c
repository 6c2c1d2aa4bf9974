/* Brings a database's schema up to DB_SCHEMA_VERSION by running the
 * scripts of db/db_schema.c after its PRAGMA user_version, all in one
 * write transaction. */
#include "db/internal.h"

#include <stdio.h>

int db_schema_version(struct db *db, long long *out, char *err, size_t errlen)
{
    struct db_stmt s;
    int rc = db_prepare(db, &s, "PRAGMA user_version", err, errlen);
    if (rc == FU_OK) {
        rc = db_step(&s, err, errlen);
        *out = rc == SQLITE_ROW ? db_col_int(&s, 0) : 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? FU_OK : rc;
    }
    db_finish(&s);
    return rc;
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
    long long v = 0;
    int rc = db_schema_version(db, &v, err, errlen);
    if (rc != FU_OK || v == DB_SCHEMA_VERSION)
        return rc;
    if (db->readonly)
        return db_errf(err, errlen, FU_ERR, "%s has schema version %lld and needs an upgrade "
                       "to %d; open it once with write access", db->path, v, DB_SCHEMA_VERSION);
    rc = db_begin(db, err, errlen);
    if (rc != FU_OK)
        return rc;
    rc = db_schema_version(db, &v, err, errlen);   /* another process may have done it */
    /* Our own scripts may edit the schema (v3 and v5 do) and create
     * tables whose CHECKs call functions (v1): the defensive flag is off
     * and the schema trusted only while they run, hardened again after
     * (the schema was checked before they ran), both checked. */
    int def = -1, trusted = -1;
    if (rc == FU_OK && v < DB_SCHEMA_VERSION &&
        (sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 0, &def) != SQLITE_OK || def != 0 ||
         sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, &trusted) != SQLITE_OK ||
         trusted != 1))
        rc = db_errf(err, errlen, FU_ERR, "%s: cannot prepare the schema upgrade", db->path);
    for (long long next = v + 1; rc == FU_OK && next <= DB_SCHEMA_VERSION; next++) {
        char *msg = NULL;
        int src = sqlite3_exec(db->h, db_schema_script(next), NULL, NULL, &msg);
        if (src != SQLITE_OK) {
            rc = db_sqlite_err(db, src, msg, db_schema_script(next), err, errlen);
            if (rc == FU_ERR && (src & 0xff) != SQLITE_FULL && (src & 0xff) != SQLITE_READONLY)
                db_errf(err, errlen, FU_ERR, "%s: cannot create the schema (version %lld): %s",
                        db->path, next, msg ? msg : sqlite3_errstr(src));
        }
        sqlite3_free(msg);
    }
    if (db_harden(db->h) != SQLITE_OK && rc == FU_OK)
        rc = db_errf(err, errlen, FU_ERR, "%s: cannot harden the connection again", db->path);
    return db_end(db, rc, err, errlen);
}
