#!/bin/sh
# Runs every test: the cmocka binaries given as arguments, then the shell
# tests under tests/cli and tests/tui, several at a time (each has its own
# directory, tmux server and names). Ends with "N passed, N failed".
#   TEST_JOBS=N   how many at once (default: twice the processors, at least 2)
#   --quick       leave out the slow scripts (make check); make test runs all
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset FOLLOWUP_CONFIG FOLLOWUP_DB NO_COLOR
# The binary under test: ./followup unless the caller names another
# (make asan runs the sanitizer build's).
export FOLLOWUP_BIN="${FOLLOWUP_BIN:-$PWD/followup}"

# One test: run.sh --one DIR TEST writes DIR/NAME.out and DIR/NAME.rc
# ("STATUS SECONDS") and prints its PASS or FAIL line.
if [ "${1:-}" = "--one" ]; then
    dir=$2 t=$3
    name=$(printf '%s' "$t" | tr '/' '_')
    t0=$(date +%s.%N)
    case "$t" in
        *.sh) sh "$t" >"$dir/$name.out" 2>&1 ;;
        *) "$t" >"$dir/$name.out" 2>&1 ;;
    esac
    rc=$?
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
    echo "$rc $secs" >"$dir/$name.rc"
    if [ "$rc" -eq 0 ]; then printf 'PASS %s (%ss)\n' "$t" "$secs"
    else printf 'FAIL %s (%ss)\n' "$t" "$secs"; fi
    exit 0
fi

quick=0
[ "${1:-}" = "--quick" ] && { quick=1; shift; }
# The slowest scripts (10 s or more each on 2 cores) start first so that
# the others fill the gaps; --quick leaves them out.
SLOW="tests/cli/team.sh tests/cli/office.sh tests/cli/concurrency.sh tests/cli/crash.sh tests/tui/align.sh tests/cli/formats.sh
      tests/cli/printable.sh tests/cli/install.sh"
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
jobs=${TEST_JOBS:-$((cpus * 2))}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=2

dir=$(mktemp -d "/tmp/fu-run.XXXXXX") || exit 1
list=$dir/list
: >"$list"
if [ $quick -eq 0 ]; then
    for t in $SLOW; do [ -f "$t" ] && echo "$t" >>"$list"; done
fi
for t in "$@"; do echo "$t" >>"$list"; done
for t in tests/cli/*.sh tests/tui/*.sh; do
    [ -f "$t" ] || continue
    case " $(echo $SLOW) " in *" $t "*) continue ;; esac
    echo "$t" >>"$list"
done

t0=$(date +%s)
xargs -P "$jobs" -n 1 sh "$0" --one "$dir" <"$list"

pass=0; fail=0; failed=""
while read -r t; do
    name=$(printf '%s' "$t" | tr '/' '_')
    set -- $(cat "$dir/$name.rc" 2>/dev/null || echo "1 0")
    if [ "$1" -eq 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); failed="$failed $t"
        printf 'FAIL %s\n' "$t"
        sed 's/^/    /' "$dir/$name.out"
    fi
done <"$list"
[ $quick -eq 1 ] && printf 'quick: left out%s\n' "$(for t in $SLOW; do printf ' %s' "${t#tests/}"; done)"
[ -n "$failed" ] && printf 'failed:%s\n' "$failed"
printf '%d passed, %d failed (%d at a time, %ds)\n' "$pass" "$fail" "$jobs" "$(($(date +%s) - t0))"
rm -rf "$dir"
[ "$fail" -eq 0 ]
