#!/bin/sh
# Names and texts full of SQL: quotes, --, ;, %, _ and backslashes are
# stored and shown exactly, match only themselves in filters, and no
# argument is spliced into a query.
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"; expect_rc 0 "import"
D="区'财\"局; DROP TABLE tasks;--%_\\"
N="a'b\"c -- d; e % f _ g \\ h'); DELETE FROM history; --"
fu dept add "$D"; expect_rc 0 "dept add with SQL in the name"
expect_out "department $D added" "dept add echoes it exactly"
fu dept list; expect_out "$D" "dept list shows it exactly"
fu assign 2.4 "$D" --support 区科委; expect_rc 0 "assign to it"
fu list --dept "$D" --format csv; expect_rc 0 "list --dept with SQL"
expect_out ",2.4,item," "list --dept finds 2.4"
fu list --dept "$D" --format json
python3 - "$T/out" "$D" <<'PY' || fail "list --format json: the lead is not exact"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
assert rows and all(r["lead"] == sys.argv[2] for r in rows), rows[:1]
PY
fu note 2.4 "$N"; expect_rc 0 "a note with SQL"
fu show 2.4; expect_out "$N" "show: the note exactly"
fu history 2.4; expect_out "$N" "history: the note exactly"
fu status 2.4 active --note "$N"; expect_rc 0 "status --note with SQL"

# LIKE's wildcards match only themselves
fu list --format csv; total=$(($(wc -l <"$T/out") - 1))
for w in "%" "_" "%%" "\\" "'" "' OR '1'='1" "\" OR \"\"=\""; do
    fu list --search "$w" --format csv; expect_rc 0 "search '$w'"
    n=$(($(wc -l <"$T/out") - 1))
    [ "$n" -lt "$total" ] || fail "search '$w' matched everything"
done
# "_" and "\" stand only in the new department's name: its rows alone
fu list --dept "$D" --format csv; led=$(($(wc -l <"$T/out") - 1))
for w in "_" "\\" "%_\\"; do
    fu list --search "$w" --format csv
    [ "$(($(wc -l <"$T/out") - 1))" -eq "$led" ] || fail "search '$w': $(cut -c1-60 "$T/out")"
done
fu list --dept "%"; expect_rc 4 "--dept % is not a wildcard"
fu list --dept "_"; expect_rc 4 "--dept _ is not a wildcard"
fu list --report "1' OR '1'='1"; expect_rc 4 "--report with SQL"
fu history --user "%"; expect_rc 0 "history --user %"
[ -s "$T/out" ] && fail "history --user % matched someone"
fu history --since "2024-01-01' OR 1=1 --"; expect_rc 2 "history --since with SQL after a date"
expect_one_line_err "--since with SQL"
fu show "2.4' OR '1'='1"; expect_rc 4 "show with SQL"
fu show "%"; expect_rc 4 "show %"

# all still there, and the trail intact
fu list --format csv; [ "$(($(wc -l <"$T/out") - 1))" -eq "$total" ] || fail "tasks lost"
fu history; grep -qF -- "$N" "$T/out" || fail "the history lost the note"
fu verify; expect_rc 0 "verify"
finish
