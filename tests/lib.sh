# Shell test helpers, sourced by tests/cli/*.sh and tests/tui/*.sh.
# Each test gets a fresh directory $T and the binary $FU.
set -u
: "${FOLLOWUP_BIN:=$(cd "$(dirname "$0")/../.." && pwd)/followup}"
FU=$FOLLOWUP_BIN
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED=$ROOT/data/jingan-2024-3.txt
# $T is under /tmp, not the checkout: its paths appear on 80-column
# screens (save and export prompts and messages), where a checkout deep in
# the file system would cut them, and the checkout may sit in a folder
# other users cannot enter. A failed test's files stay there; it says where.
T=$(mktemp -d "/tmp/fu-$(basename "$0" .sh).XXXXXX")
DB=$T/test.db
export FOLLOWUP_CONFIG="$ROOT/tests/fixtures/test-config.ini"
unset FOLLOWUP_DB NO_COLOR
failures=0
NB=
cleanup() { [ -n "$NB" ] && rm -rf "$NB"; [ "$failures" -eq 0 ] && rm -rf "$T"; }

# nobody_dir: $NB, a folder outside the checkout that nobody (65534) can
# reach, with copies of the program ($NB/followup) and of the config
# ($NB/config.ini): the checkout may sit in a folder only its owner may
# enter (a clone under a 0700 home). Removed at exit.
nobody_dir() {
    NB=$(mktemp -d /tmp/followup-nobody.XXXXXX) && chmod 711 "$NB" &&
        cp "$FU" "$NB/followup" && chmod 755 "$NB/followup" &&
        cp "$FOLLOWUP_CONFIG" "$NB/config.ini" && chmod 644 "$NB/config.ini"
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# fu ARGS…: runs followup on the test database; stdout in $T/out, stderr in
# $T/err, exit status in $rc.
fu() { "$FU" --db "$DB" "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# expect_rc N DESCRIPTION: the last fu call exited N.
expect_rc() {
    [ "$rc" -eq "$1" ] || fail "$2: exit $rc, wanted $1; stderr: $(head -c 300 "$T/err")"
}
# expect_out TEXT DESCRIPTION: stdout of the last call contains TEXT.
expect_out() { grep -qF -- "$1" "$T/out" || fail "$2: stdout lacks '$1': $(head -c 400 "$T/out")"; }
expect_err() { grep -qF -- "$1" "$T/err" || fail "$2: stderr lacks '$1': $(head -c 300 "$T/err")"; }
expect_no_out() { grep -qF -- "$1" "$T/out" && fail "$2: stdout has '$1'"; return 0; }
# One line on stderr, no more.
expect_one_line_err() {
    n=$(wc -l <"$T/err")
    [ "$n" -eq 1 ] || fail "$1: stderr has $n lines: $(head -c 300 "$T/err")"
}
eq() { [ "$1" = "$2" ] || fail "$3: got '$1', wanted '$2'"; }

finish() {
    if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed in $0 (files in $T)"; exit 1; fi
    exit 0
}
