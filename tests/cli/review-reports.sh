#!/bin/sh
# A review round belongs to the reports under review: `review start NAME
# --report R1,R3` records only their tasks, `review list` and `show` name
# them, a rating goes to the latest round of the item's report, and
# `report --report R --since-review` compares with that report's round.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01
F=$ROOT/tests/fixtures

fu import "$SEED"; fu import "$F/parse-markers.txt"; fu import "$F/parse-rectification.txt"
expect_rc 0 "three reports"
n1=$("$FU" --db "$DB" list --report R1 | wc -l)
n2=$("$FU" --db "$DB" list --report R2 | wc -l)
n3=$("$FU" --db "$DB" list --report R3 | wc -l)

fu review start "审议R1和R3" --date 2024-06-15 --report R1,R3
expect_rc 0 "a round of R1 and R3"
expect_out "$((n1 + n3)) tasks recorded (R1, R3)" "only their tasks are recorded"
fu review start "审议R2" --date 2024-06-20 --report "R2，R2"
expect_rc 0 "a round of R2 (named twice)"; expect_out "$n2 tasks recorded (R2)" "R2's tasks once"
fu review list; expect_rc 0 "review list"
grep "审议R1和R3" "$T/out" | grep -q "R1, R3" || fail "list names the reports: $(cat "$T/out")"
grep "审议R2" "$T/out" | grep -q " R2 " || fail "list names R2: $(cat "$T/out")"
fu review show 1; expect_out "(R1, R3)" "show names the reports"


# a rating goes to the latest round of the item's report, not the latest round
fu review rate R1:2.4 满意; expect_rc 0 "rate R1:2.4"; expect_out "round 1" "R1's round is 1"
fu review rate R2:1.1.1 基本满意; expect_rc 0 "rate R2:1.1.1"; expect_out "round 2" "R2's round is 2"
fu history R1:2.4; expect_out "review round 1" "the history names round 1"

# report --since-review: the report's own latest round
fu status R1:2.2 active; fu status R2:1.2 active
fu report --report R1 --since-review --format json; expect_rc 0 "R1 since its round"
python3 - "$T/out" <<'PY' || fail "R1's report compares with round 1"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["compared_with"]["round"] == 1, r["compared_with"]
assert any(c["kind"] == "status" and c["code"] == "2.2" for c in r["changes"]), r["changes"]
PY
fu report --report R2 --since-review --format json; expect_rc 0 "R2 since its round"
python3 - "$T/out" <<'PY' || fail "R2's report compares with round 2"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["compared_with"]["round"] == 2, r["compared_with"]
PY

# errors, and nothing stored by them
fu import "$F/parse-review-opinions.txt"; expect_rc 0 "a fourth report, no round yet"
fu review rate R4:1 满意; expect_rc 1 "no round covers R4"
expect_err "review start NAME --report R4" "the error says how to start one"; expect_one_line_err "one line"
fu report --report R4 --since-review; expect_rc 4 "no round of R4 to compare with"
expect_err "--report R4" "the report error names the report"
fu review start "越界" --report R9; expect_rc 4 "an unknown report"; expect_err "followup reports" "points to reports"
fu review start "空" --report ","; expect_rc 2 "an empty --report"
fu review list; eq "$(grep -c "^[0-9]" "$T/out")" 2 "no round was added by the errors"
fu --as nobody review start "x" --report R1; expect_rc 3 "not the committee"

# without --report a round covers every report, as before
fu review start "全部" --date 2024-06-30; expect_rc 0 "a round of every report"
expect_out "(R1, R2, R3, R4)" "every report"
fu review rate R4:1 满意; expect_rc 0 "R4 is covered now"; expect_out "round 3" "in round 3"
fu verify; expect_rc 0 "verify replays the rounds"
finish
