#!/bin/sh
# A clerk's day on the command line (issue 14): one local time zone
# (stored UTC, shown local, offsets in machine formats), dates typed as
# people write them, setting a value to what it is is "unchanged" (exit 0,
# no history row) also when two users do it at once, exit statuses per
# DESIGN, --help lists every command form, English wording and plurals,
# cascade counts, and a round's changes listing one decision once.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2026-11-30

fu import "$SEED"; expect_rc 0 "import"
fu user add bob --role department --dept 区科委; expect_rc 0 "user add bob"
eq "$(cat "$T/out")" "bob is now a department user of 区科委" "user add says it in English"
fu user add eve --role viewer; expect_rc 0 "user add eve"
expect_out "eve is now a viewer" "a viewer in words"

# ---- time zone: stored UTC, shown local ---------------------------------------------------
fu note 1.1 "第一行"; expect_rc 0 "note"
utc=$(sqlite3 "$DB" "SELECT at FROM notes ORDER BY id DESC LIMIT 1")
case $utc in *Z) ;; *) fail "notes are stored in UTC: $utc" ;; esac
want=$(TZ=CST-8 date -d "$utc" '+%Y-%m-%d %H:%M')
TZ=CST-8 "$FU" --db "$DB" show 1.1 >"$T/out" 2>"$T/err"
expect_out "  $want  " "show prints the note's time in the local zone (UTC+8)"
TZ=CST-8 "$FU" --db "$DB" history 1.1 >"$T/out" 2>"$T/err"
expect_out "$(TZ=CST-8 date -d "$utc" '+%Y-%m-%dT%H:%M:%S')+08:00" "history: local with offset"
expect_no_out "Z  " "history prints no UTC stamp"
TZ=CST-8 "$FU" --db "$DB" report --format json >"$T/out" 2>"$T/err"
grep -q '"generated_at":"[0-9-]*T[0-9:]*+08:00"' "$T/out" || fail "report json: generated_at with offset"
grep -q '"at":"[0-9-]*T[0-9:]*+08:00"' "$T/out" || fail "report json: the note's time with offset"
TZ=CST-8 "$FU" --db "$DB" report --format csv >"$T/out" 2>"$T/err"
grep -q '+08:00' "$T/out" || fail "report csv: latest_note_at with offset"
TZ=CST-8 "$FU" --db "$DB" report >"$T/out" 2>"$T/err"
grep -q 'T[0-9:]*+08:00' "$T/out" || fail "text report header: generation time with offset"
grep -q 'T[0-9:]*Z' "$T/out" && fail "text report prints a UTC stamp"

# a note of several lines (from $EDITOR) keeps them in show
fu note 1.2 "第一行
第二行"; expect_rc 0 "a note of two lines"
fu show 1.2
grep -q "^    第一行$" "$T/out" && grep -q "^    第二行$" "$T/out" ||
    fail "show keeps the note's lines: $(grep -A2 'Progress notes' "$T/out")"

# ---- typed dates --------------------------------------------------------------------------
check_due() {
    fu assign 2.2 - --due "$1"; expect_rc 0 "--due '$1'"
    eq "$(task_due 2.2)" "$2" "--due '$1'"
}
task_due() { "$FU" --db "$DB" list --format json | grep -F "\"code\":\"$1\"" | head -1 |
    sed -n 's/.*"due":"\([^"]*\)".*/\1/p'; }
check_due 2025-06-30 2025-06-30
check_due 2025年7月1日 2025-07-01
check_due 6月30日 2026-06-30
check_due 2025/6/3 2025-06-03
check_due +30d 2026-12-30
check_due 月底 2026-11-30
check_due 年底 2026-12-31
fu assign 2.2 - --due 2025-02-30; expect_rc 2 "--due on a day that does not exist"
expect_err "not a date" "says what is wrong"; expect_one_line_err "bad due"

# ---- unchanged: exit 0, no history row ---------------------------------------------------
rows() { sqlite3 "$DB" "SELECT count(*) FROM history"; }
fu status 2.1 active; expect_rc 0 "status active"
n=$(rows)
fu status 2.1 active; expect_rc 0 "the same status again"
expect_out "unchanged" "says unchanged"; eq "$(rows)" "$n" "no history row for the same status"
fu --as bob status 2.1 active; expect_rc 0 "the liaison sets the same status"
fu assign 2.1 区科委; expect_rc 0 "assign the lead"; n=$(rows)
fu assign 2.1 区科委; expect_rc 0 "the same lead"; expect_out "unchanged" "lead unchanged"
eq "$(rows)" "$n" "no history row for the same lead"
fu assign 2.2 - --due 年底; expect_rc 0 "the same due date"; expect_out "unchanged" "due unchanged"
eq "$(rows)" "$n" "no history row for the same due date"
# two users set the same status at once: neither fails
for i in 1 2 3 4 5 6; do
    ( "$FU" --db "$DB" status 2.3 delayed >"$T/race.$i" 2>&1; echo $? >"$T/race-rc.$i" ) &
done
wait
for i in 1 2 3 4 5 6; do
    eq "$(cat "$T/race-rc.$i")" 0 "concurrent same status, writer $i: $(cat "$T/race.$i")"
done
eq "$(sqlite3 "$DB" "SELECT count(*) FROM history h JOIN tasks t ON t.id = h.task_id WHERE t.code = '2.3' AND h.field = 'status'")" 1 "one status row from six writers"

# ---- exit statuses per DESIGN -------------------------------------------------------------
fu accept 2.1; expect_rc 1 "accept a task that is not submitted: a runtime refusal"
fu status 2.4 submitted; fu accept 2.4; expect_rc 0 "accept"
fu accept 2.4; expect_rc 0 "accept again"; expect_out "unchanged" "accept again: unchanged"
fu dept add 区科委; expect_rc 1 "a department that exists already"
fu --as eve status 2.1 todo; expect_rc 3 "a viewer may not"
fu status 9.9 active; expect_rc 4 "no such task"
fu status 2.1 nonsense; expect_rc 2 "an unknown status is usage"

# ---- help lists every command form --------------------------------------------------------
"$FU" --help >"$T/out" 2>&1
for form in "review rate TASK LEVEL" "review show" "report [--format" "[--excel] [-o FILE]" \
            "remind [--all]" "user add NAME" "dept add NAME" "backup FILE"; do
    expect_out "$form" "--help lists '$form'"
done

# ---- remind for a committee user with no department ---------------------------------------
fu remind; expect_rc 0 "remind"
expect_out "remind --all" "remind tells the committee user about --all"
fu --as bob remind; expect_rc 0 "remind as the liaison"
expect_no_out "remind --all" "the liaison is not told about --all"

# ---- cascade count and one decision once in a round's changes -----------------------------
fu review start "第一轮" --date 2026-11-01; expect_rc 0 "review start"
fu assign 3.1 区财政局; expect_rc 0 "assign 3.1"
expect_out "sub-task" "the cascade is counted"
kids=$(sqlite3 "$DB" "SELECT count(*) FROM history h JOIN tasks t ON t.id = h.task_id WHERE t.code LIKE '3.1.%' AND h.field = 'lead'")
expect_out "and $kids sub-task" "the count is the sub-tasks that followed"
fu report --since-review; expect_rc 0 "report since the round"
grep -q 'Lead department changed (1)' "$T/out" || fail "one lead decision, listed once: $(grep -A4 'Lead department' "$T/out")"

# ---- plurals --------------------------------------------------------------------------------
sed -e 's/^warn_days = .*/warn_days = 1/' "$FOLLOWUP_CONFIG" >"$T/one.ini"
grep -q '^warn_days' "$T/one.ini" || printf '[ui]\nwarn_days = 1\n' >>"$T/one.ini"
FOLLOWUP_CONFIG=$T/one.ini fu report; expect_rc 0 "report with warn_days 1"
expect_out "due within 1 day." "one day, not 1 days"
expect_no_out "1 days" "no '1 days'"
finish
