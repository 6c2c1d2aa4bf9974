#!/bin/sh
# Runs every test: the cmocka binaries given as arguments, then the shell
# tests under tests/cli and tests/tui. Ends with "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset FOLLOWUP_CONFIG FOLLOWUP_DB NO_COLOR
# The binary under test: ./followup unless the caller names another
# (make asan runs the sanitizer build's).
export FOLLOWUP_BIN="${FOLLOWUP_BIN:-$PWD/followup}"
pass=0; fail=0; failed=""
for t in "$@"; do
    if "$t"; then pass=$((pass+1)); else fail=$((fail+1)); failed="$failed $t"; fi
done
for t in tests/cli/*.sh tests/tui/*.sh; do
    [ -f "$t" ] || continue
    out=$(sh "$t" 2>&1); rc=$?
    if [ $rc -eq 0 ]; then
        pass=$((pass+1)); printf 'PASS %s\n' "$t"
    else
        fail=$((fail+1)); failed="$failed $t"
        printf 'FAIL %s\n%s\n' "$t" "$out" | sed 's/^/    /'
    fi
done
[ -n "$failed" ] && printf 'failed:%s\n' "$failed"
printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
