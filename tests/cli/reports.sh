#!/bin/sh
# followup reports: one line a report with its number, date, 文号, title and
# counts, each count equal to what `list` finds for that report; json says
# the same; errors that need a report name point to `followup reports`.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01
F=$ROOT/tests/fixtures

fu dept add 测试单位; expect_rc 0 "a database without reports"
fu reports; expect_rc 0 "reports before any import"
expect_err "no reports yet" "empty: says so"; [ -s "$T/out" ] && fail "empty: prints no table"

fu import "$SEED"; expect_rc 0 "import R1"
fu import "$F/parse-markers.txt"; expect_rc 0 "import R2"
fu import "$F/parse-rectification.txt"; expect_rc 0 "import R3"
# overdue: due before today and not done; a done task is not overdue
fu assign R1:1.1 - --due 2024-06-01; fu assign R1:1.2 - --due 2024-06-30
fu assign R1:2.1 - --due 2024-07-01; fu assign R3:2.1 - --due 2024-01-31
fu assign R3:2.1.1 - --due 2024-02-01; fu status R3:2.1.1 done; expect_rc 0 "R3:2.1.1 done"
fu status R1:2.2 submitted; fu status R3:1.1 submitted; expect_rc 0 "R3:1.1 submitted"

fu reports; expect_rc 0 "reports"
expect_out "静府议〔2024〕3号" "R1's 文号"; expect_out "2024-02-27" "R1's date"
expect_out "民生实事" "R2's title"
eq "$(wc -l <"$T/out")" 4 "a header and one line a report"
cp "$T/out" "$T/reports"
for r in R1 R2 R3; do
    line=$(grep "^$r " "$T/reports")
    set -- $line
    fu list --report "$r"; eq "$3" "$(wc -l <"$T/out")" "$r: tasks"
    fu list --report "$r" --kind item; eq "$4" "$(wc -l <"$T/out")" "$r: items"
    fu list --report "$r" --overdue; eq "$5" "$(wc -l <"$T/out")" "$r: overdue"
    fu list --report "$r" --status submitted; eq "$6" "$(wc -l <"$T/out")" "$r: submitted"
done
set -- $(grep "^R1 " "$T/../out" 2>/dev/null)   # (nothing: $T/out was reused)
fu reports; set -- $(grep "^R1 " "$T/out"); eq "$5 $6" "2 1" "R1: two overdue, one submitted"
set -- $(grep "^R3 " "$T/out"); eq "$5 $6" "1 1" "R3: the done task is not overdue"

fu reports --format json; expect_rc 0 "reports json"
python3 - "$T/out" <<'PY' || fail "json does not match"
import json, sys
r = json.load(open(sys.argv[1]))
assert [x["report"] for x in r] == ["R1", "R2", "R3"], r
assert r[0]["doc_no"] == "静府议〔2024〕3号" and r[0]["date"] == "2024-02-27", r[0]
assert (r[0]["overdue"], r[0]["submitted"]) == (2, 1), r[0]
assert (r[2]["overdue"], r[2]["submitted"]) == (1, 1), r[2]
assert all(x["tasks"] >= x["items"] > 0 for x in r), r
PY
fu reports --format xml; expect_rc 2 "unknown format"; expect_one_line_err "unknown format"
fu reports extra; expect_rc 2 "no positional argument"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 fu --config /dev/null reports
head -1 "$T/out" | grep -q "待审核" || fail "Chinese header: $(head -1 "$T/out")"

# errors that need a report name point here
fu list --report R9; expect_rc 4 "no R9"; expect_err "'followup reports'" "list --report R9"
fu report --report R9; expect_rc 4 "report --report R9"; expect_err "followup reports" "report R9"
fu show 1.1; expect_rc 2 "an ambiguous code"; expect_err "followup reports" "ambiguous code"
fu show R9:1.1; expect_rc 4 "no R9:1.1"; expect_err "followup reports" "no R9:1.1"
finish
