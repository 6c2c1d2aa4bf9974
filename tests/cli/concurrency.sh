#!/bin/sh
# Many people at once: 8 processes make 200 changes each (notes and status
# changes through the real command line) on one database at the same time.
# Every change must succeed and be in the history; verify must pass.
. "$(dirname "$0")/../lib.sh"
PROCS=${PROCS:-8} CHANGES=${CHANGES:-200}

fu import "$SEED"; expect_rc 0 "import"
fu history; base=$(wc -l <"$T/out")
# Each process owns one statement for its status changes (so no two
# processes race to set the same status) and notes on a shared item.
fu list --kind statement --format csv
codes=$(sed 1d "$T/out" | cut -d, -f3 | head -n "$PROCS")

start=$(date +%s.%N)
i=0
for code in $codes; do
    i=$((i + 1))
    (
        fails=0 n=0
        while [ $n -lt "$CHANGES" ]; do
            if [ $((n % 2)) -eq 0 ]; then
                "$FU" --db "$DB" note 2.4 "进程$i 第$n次反馈" >/dev/null 2>>"$T/errors.$i" || fails=$((fails + 1))
            else
                st=active; [ $((n % 4)) -eq 3 ] && st=delayed
                "$FU" --db "$DB" status "$code" "$st" >/dev/null 2>>"$T/errors.$i" || fails=$((fails + 1))
            fi
            n=$((n + 1))
            [ $n -eq 10 ] && : >"$T/writing.$i"
        done
        echo "$fails" >"$T/fails.$i"
    ) &
done
# An online backup taken while they write is a consistent database: taken
# once every process has made ten changes and has more to make.
_n=600; while [ "$(ls "$T" | grep -c '^writing\.')" -lt "$i" ] && [ $_n -gt 0 ]; do sleep 0.05; _n=$((_n - 1)); done
"$FU" --db "$DB" backup "$T/live.db" >/dev/null 2>"$T/backup.err" || fail "backup during writes: $(cat "$T/backup.err")"
wait
end=$(date +%s.%N)
"$FU" --db "$T/live.db" verify >"$T/live.verify" 2>&1 || fail "the live backup verifies: $(cat "$T/live.verify")"

total_fails=$(cat "$T"/fails.* | awk '{s += $1} END {print s}')
eq "$total_fails" 0 "failed changes"
cat "$T"/errors.* | grep -i "locked" && fail "a user saw 'database is locked'"
fu history; rows=$(($(wc -l <"$T/out") - base))
eq "$rows" $((PROCS * CHANGES)) "history rows for the changes"
fu verify; expect_rc 0 "verify after concurrent writes"
printf 'concurrency: %d processes x %d changes = %d changes in %.1f s, %d failed\n' \
    "$PROCS" "$CHANGES" $((PROCS * CHANGES)) "$(awk "BEGIN {print $end - $start}")" "$total_fails"
finish
