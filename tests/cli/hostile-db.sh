#!/bin/sh
# Bad databases: not a database, truncated, a newer schema, a directory,
# read-only (read as nobody), a full disk (ulimit -f). Each is one clear
# line and exit 1; what was stored before stays intact (verify).
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"; expect_rc 0 "import"
fu status 2.4 active --note "stored before the trouble"; expect_rc 0 "status"
fu list --format csv; cp "$T/out" "$T/before.csv"

# on DBFILE COMMAND…: runs followup on another database file.
on() { _db=$1; shift; "$FU" --db "$_db" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
bad_db() {
    expect_rc "$1" "$2"; expect_one_line_err "$2"; expect_err "$3" "$2: says what"
}

cp "$SEED" "$T/text.db"
on "$T/text.db" list;   bad_db 1 "a text file as database" "not a followup database"
on "$T/text.db" import "$SEED"; bad_db 1 "import into a text file" "not a followup database"
cmp -s "$SEED" "$T/text.db" || fail "the text file was changed"
head -c 100 /dev/urandom >"$T/noise.db"
on "$T/noise.db" list;  bad_db 1 "random bytes as database" "not a followup database"
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
on "$T/other.db" list;  bad_db 1 "another program's database" "another program"
on "$T/other.db" import "$SEED"; bad_db 1 "import into another program's database" "another program"
[ "$(sqlite3 "$T/other.db" 'SELECT count(*) FROM sqlite_schema')" = 1 ] || fail "other.db was changed"
on "$T" list;           bad_db 2 "a directory as database" "is a directory"

# truncated: a copy cut short is damaged; the original is untouched
fu backup "$T/copy.db"; expect_rc 0 "backup"
head -c 20000 "$T/copy.db" >"$T/cut.db"
on "$T/cut.db" list;    bad_db 1 "a truncated database" "damaged"
on "$T/cut.db" verify;  bad_db 1 "verify a truncated database" "damaged"
on "$T/cut.db" status 2.4 delayed; bad_db 1 "write to a truncated database" "damaged"

# a newer schema: refused, and not touched
cp "$T/copy.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
on "$T/newer.db" list;  bad_db 1 "a newer schema" "schema version 99 is newer"
on "$T/newer.db" status 2.4 delayed; bad_db 1 "write to a newer schema" "upgrade followup"
[ "$(sqlite3 "$T/newer.db" 'PRAGMA user_version')" = 99 ] || fail "the newer database was migrated down"
[ "$(sqlite3 "$T/newer.db" "SELECT status FROM tasks WHERE code='2.4'" 2>/dev/null)" != delayed ] ||
    fail "the newer database was written"

# read-only: as nobody, on a file nobody may read but not write
if [ "$(id -u)" -eq 0 ] && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    nobody_dir || fail "nobody_dir"; mkdir -m 1777 "$NB/ro"
    cp "$T/copy.db" "$NB/ro/ro.db"; chmod 644 "$NB/ro/ro.db"
    "$FU" --db "$NB/ro/ro.db" user add nobody --role committee >/dev/null 2>&1
    nb() { FOLLOWUP_CONFIG=$NB/config.ini setpriv --reuid=65534 --regid=65534 --clear-groups "$NB/followup" --db "$NB/ro/ro.db" "$@" \
           >"$T/out" 2>"$T/err"; rc=$?; }
    nb list; expect_rc 0 "read-only: list"; expect_out "2.4" "read-only: list shows tasks"
    nb verify; expect_rc 0 "read-only: verify"
    nb status 2.4 delayed; bad_db 1 "read-only: a change" "read-only"
    nb note 2.4 "x"; bad_db 1 "read-only: a note" "read-only"
    [ "$(sqlite3 "$NB/ro/ro.db" "SELECT count(*) FROM notes")" = \
      "$(sqlite3 "$T/copy.db" "SELECT count(*) FROM notes")" ] || fail "read-only: a note was stored"
    # without write access to the folder either (WAL needs its -shm file)
    mkdir -m 755 "$NB/ro2"; cp "$T/copy.db" "$NB/ro2/ro.db"; chmod 644 "$NB/ro2/ro.db"
    FOLLOWUP_CONFIG=$NB/config.ini setpriv --reuid=65534 --regid=65534 --clear-groups "$NB/followup" --db "$NB/ro2/ro.db" list \
        >"$T/out" 2>"$T/err"; rc=$?
    [ "$rc" -le 1 ] || fail "read-only folder: exit $rc"
    [ "$rc" -eq 1 ] && { expect_one_line_err "read-only folder"; expect_err "write access" "read-only folder"; }
else
    echo "SKIP: read-only database (not root, or no setpriv)"
fi

# a full disk, as a file-size limit: a clear error, nothing half-written
for limit in 8 40; do
    (ulimit -f $limit; exec "$FU" --db "$DB" import "$ROOT/tests/fixtures/parse-rectification.txt") \
        >"$T/out" 2>"$T/err"; rc=$?
    bad_db 1 "import past a ${limit} KiB file-size limit" "cannot write (is the disk full"
    (ulimit -f $limit; exec "$FU" --db "$DB" note 2.4 "$(printf '%09000d' 0)") \
        >"$T/out" 2>"$T/err"; rc=$?
    [ "$rc" -eq 0 ] || bad_db 1 "a note past a ${limit} KiB limit" "cannot write"
done
fu list --format csv --report R1
cmp -s "$T/out" "$T/before.csv" || fail "tasks changed after the failed writes: $(diff "$T/before.csv" "$T/out" | head -4)"
fu list --report R2; expect_rc 4 "the failed import left no report"
fu verify; expect_rc 0 "verify after the failed writes"
fu show 2.4; expect_out "stored before the trouble" "the note stored before is there"
finish
