#!/bin/sh
# Feedback cycles (周期反馈) and the three-colour lights (红黄蓝灯) from the
# command line, with FOLLOWUP_TODAY fixing the date: the period arithmetic
# at month ends, in February (leap and common years), weekly and
# quarterly; "feedback overdue" in show and list --feedback-overdue; a
# note answering the missed period; the lights at each boundary in json
# and csv; who may set a cycle (exit 3 otherwise); `verify` after it all.
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区科委; expect_rc 0 "liaison"

# overdue_on DATE CODE…: exactly these items are feedback overdue on DATE.
overdue_on() {
    d=$1; shift
    FOLLOWUP_TODAY=$d fu list --feedback-overdue --kind item --format json
    got=$(python3 -c 'import json,sys; print(" ".join(x["code"] for x in json.load(open(sys.argv[1]))))' "$T/out")
    eq "$got" "$*" "feedback overdue on $d"
}
# show_says DATE CODE TEXT: show CODE on DATE prints TEXT.
show_says() { FOLLOWUP_TODAY=$1 fu show "$2"; expect_out "$3" "show $2 on $1"; }

# ---- setting ------------------------------------------------------------------------------
fu --as liaison cycle 2.1 monthly; expect_rc 3 "a department may not set a cycle"
expect_one_line_err "refusal"
fu cycle 2.1 fortnightly; expect_rc 2 "an unknown period"
fu cycle 2.1 weekly --day 8; expect_rc 2 "weekday 8"
fu cycle 2.1 monthly --day 0; expect_rc 2 "day 0"
fu cycle 2.1 monthly --day 32; expect_rc 2 "day 32"
fu cycle 2.1 monthly --from 2024-02-30; expect_rc 2 "an impossible start"
fu cycle 2.1 none; expect_rc 1 "no cycle to remove"
fu cycle 2.1 monthly --day 31 --from 2024-01-15
expect_rc 0 "monthly 31"; expect_out "first deadline 2024-01-31" "January's deadline is the 31st"
fu cycle 2.1 monthly --day 31 --from 2024-01-15; expect_out "unchanged" "the same cycle again"
fu cycle 2.2 monthly --day 31 --from 2023-01-15; expect_rc 0 "a common year"
fu cycle 2.3 monthly --day 30 --from 2024-01-31
expect_out "first deadline 2024-02-29" "day 30 in a leap February is the 29th"
fu cycle 3.1 quarterly --day 31 --from 2024-01-01
expect_out "first deadline 2024-03-31" "quarterly: the end of March"
fu cycle 3.2 weekly --from 2024-06-17
expect_out "first deadline 2024-06-21" "weekly default: Friday"
FOLLOWUP_TODAY=2024-04-10 fu cycle 3.3 monthly; expect_rc 0 "monthly, default day, from today"
expect_out "monthly day 25 from 2024-04-10 (first deadline 2024-04-25)" "defaults"

# ---- the period arithmetic ------------------------------------------------------------------
overdue_on 2024-01-31 "2.2"                    # the deadline day itself is still in time
overdue_on 2024-02-01 "2.1 2.2"                # 2.2 (2023) missed long ago
show_says 2024-02-01 2.1 "feedback overdue: the deadline 2024-01-31 passed"
show_says 2024-02-29 2.1 "the deadline 2024-01-31 passed"
show_says 2024-03-01 2.1 "the deadline 2024-02-29 passed"   # leap February
show_says 2023-02-28 2.2 "the deadline 2023-01-31 passed"
show_says 2023-03-01 2.2 "the deadline 2023-02-28 passed"   # common February
show_says 2024-05-01 2.1 "the deadline 2024-04-30 passed"   # a 30-day month
show_says 2024-12-31 2.1 "the deadline 2024-11-30 passed"
show_says 2025-01-01 2.1 "the deadline 2024-12-31 passed"   # across the year
show_says 2024-02-29 2.3 "next deadline 2024-02-29"
show_says 2024-03-30 2.3 "the deadline 2024-02-29 passed"
show_says 2024-03-31 2.3 "the deadline 2024-03-30 passed"
show_says 2024-03-31 3.1 "next deadline 2024-03-31"
show_says 2024-07-01 3.1 "the deadline 2024-06-30 passed"   # quarterly, 30-day June
show_says 2024-06-21 3.2 "next deadline 2024-06-21"
show_says 2024-06-22 3.2 "the deadline 2024-06-21 passed"
show_says 2024-06-29 3.2 "the deadline 2024-06-28 passed"
overdue_on 2024-06-22 "2.1 2.2 2.3 3.1 3.2 3.3"

# A note now (today's real date) is after every 2024 period began: answered.
fu --as liaison note 2.1.1 "按月报送：本月进展"; expect_rc 0 "a note on a statement of 2.1"
fu --as liaison note 3.2 "本周进展"; expect_rc 0 "a note on 3.2"
overdue_on 2024-06-22 "2.2 2.3 3.1 3.3"
# …but not a period that begins after it.
fu cycle 1.1 monthly --day 31 --from 2099-01-01; expect_rc 0 "a cycle far ahead"
fu note 1.1 "早于本周期"; expect_rc 0 "a note before that cycle began"
FOLLOWUP_TODAY=2099-02-01 fu list --feedback-overdue --kind item --format json
python3 -c 'import json,sys; assert "1.1" in [x["code"] for x in json.load(open(sys.argv[1]))]' "$T/out" ||
    fail "a note from before the period counted"
# Done and submitted tasks owe no feedback; removing the cycle ends it.
fu status 2.3 submitted; expect_rc 0 "2.3 submitted"
fu cycle 3.3 none; expect_rc 0 "cycle none"; expect_out "removed" "removed"
overdue_on 2024-06-22 "2.2 3.1"
fu history 3.3; expect_out "cycle: monthly day 25 from 2024-04-10 → -" "history: removed"
fu history 2.1; expect_out "cycle: - → monthly day 31 from 2024-01-15" "history: set"

# ---- lights at each boundary (warn_days 7) ---------------------------------------------------
fu cycle 2.1 none; fu cycle 2.2 none; fu cycle 3.1 none; fu cycle 3.2 none
fu assign 1.2 - --due 2024-06-19      # yesterday: red
fu assign 1.3 - --due 2024-06-20      # today: blue
fu assign 2.1 - --due 2024-06-27      # today + 7: blue
fu assign 2.2 - --due 2024-06-28      # today + 8: none
fu assign 2.5 - --due 2024-12-31; fu status 2.5 delayed          # delayed: yellow
fu assign 3.1 - --due 2024-06-19; fu status 3.1 delayed          # red beats yellow
fu assign 3.2 - --due 2024-06-19; fu status 3.2 done             # done: none
fu assign 2.3 - --due 2024-06-19                                 # submitted, late: red
fu cycle 3.3 weekly --from 2024-06-01; fu assign 3.3 - --due 2024-12-31   # feedback: yellow
export FOLLOWUP_TODAY=2024-06-20
fu list --kind item --format json; expect_rc 0 "list json"
python3 - "$T/out" <<'EOF' || fail "lights in json"
import json, sys
got = {x["code"]: x["light"] for x in json.load(open(sys.argv[1]))}
want = {"1.1": None, "1.2": "red", "1.3": "blue", "2.1": "blue", "2.2": None,
        "2.5": "yellow", "3.1": "red", "3.2": None, "2.3": "red", "3.3": "yellow"}
bad = {k: (got.get(k), v) for k, v in want.items() if got.get(k, "missing") != v}
assert not bad, bad
EOF
fu list --kind item --format csv; expect_rc 0 "list csv"
python3 - "$T/out" <<'EOF' || fail "lights in csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
got = {r["code"]: r["light"] for r in rows}
assert got["1.2"] == "red" and got["1.3"] == "blue" and got["2.2"] == "" and got["2.5"] == "yellow", got
EOF
fu show 1.2; expect_out "light      red" "show: the light"
FOLLOWUP_TODAY=2024-06-21 fu list --kind item --format json
python3 -c 'import json,sys; g={x["code"]:x["light"] for x in json.load(open(sys.argv[1]))}; assert g["1.3"]=="red" and g["2.2"]=="blue", g' "$T/out" ||
    fail "a day later: due yesterday is red, today + 7 is blue"
fu list --overdue --kind item --format json
python3 -c 'import json,sys; c=sorted(x["code"] for x in json.load(open(sys.argv[1]))); assert c==["1.2","2.3","3.1"], c' "$T/out" ||
    fail "list --overdue follows FOLLOWUP_TODAY"

fu verify; expect_rc 0 "verify after all of it"
finish
