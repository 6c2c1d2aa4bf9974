#!/bin/sh
# kill -9 in the middle of a large import leaves the database exactly as it
# was before; SIGTERM and SIGINT likewise.
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"; expect_rc 0 "import seed"
fu list --format csv --withdrawn; cp "$T/out" "$T/before.csv"
fu verify; expect_rc 0 "verify before"; cp "$T/out" "$T/verify-before"
python3 "$ROOT/bench/genreport.py" 40 100 20 >"$T/big.txt"

# Start the import, wait until its write transaction is filling the WAL,
# then kill it with the given signal.
crash_import() {
    sig=$1
    # the previous crash left a full WAL behind: empty it first
    sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    # (a background job of a script ignores SIGINT: restore the default)
    python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
        "$FU" --db "$DB" import "$T/big.txt" >/dev/null 2>&1 &
    pid=$!
    n=0
    while [ $n -lt 3000 ]; do
        size=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
        [ "$size" -gt 2000000 ] && [ "$(cat /proc/$pid/comm 2>/dev/null)" = followup ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.01; n=$((n + 1))
    done
    kill -"$sig" $pid 2>/dev/null || fail "$sig: the import finished before it could be killed"
    wait $pid 2>/dev/null
}

for sig in KILL TERM INT; do
    crash_import $sig
    fu list --format csv --withdrawn
    cmp -s "$T/out" "$T/before.csv" || fail "$sig during import changed the tasks"
    fu verify
    expect_rc 0 "verify after $sig"
    diff "$T/out" "$T/verify-before" >/dev/null || fail "$sig changed the history: $(cat "$T/out")"
done
# The interrupted import can simply be run again.
fu import "$T/big.txt"
expect_rc 0 "import after the crashes"
fu verify; expect_rc 0 "verify at the end"
finish
