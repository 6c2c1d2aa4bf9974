#!/bin/sh
# verify in both directions (issue 25): for every table the history covers,
# a row deleted with sqlite3 behind followup's back is named (and a row
# added behind its back for the collections), one line each, exit 1. The
# triggers that guard the history and the review snapshots are dropped and
# put back as they were, as an insider with the file would.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-06-20

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区知识产权局 --support 区科委,区审改办 --due 2024-12-31; expect_rc 0 "assign"
fu status 2.4 active --note "二"; expect_rc 0 "status --note"
fu note 2.4 "会议纪要"; expect_rc 0 "note"
fu user add wang --role department --dept 区知识产权局,区审改办; expect_rc 0 "user add"
fu dept add 区教育局; expect_rc 0 "dept add"
fu review start "第一次跟踪审议"; expect_rc 0 "review start"
fu review rate 2.4 基本满意; expect_rc 0 "review rate"
fu extend 2.4 --to 2025-03-31 --reason "需要协调"; expect_rc 0 "extend"
fu instruct 2.4 "抓紧办理"; expect_rc 0 "instruct"
printf 'evidence\n' >"$T/ev.txt"
fu attach 2.4 "$T/ev.txt"; expect_rc 0 "attach"
fu cycle 2.4 monthly --day 5; expect_rc 0 "cycle"
fu dept quota 区知识产权局 300; expect_rc 0 "dept quota"
fu verify; expect_rc 0 "verify on the intact database"
cp "$DB" "$T/intact.db"

# tampered SQL LINE...: the intact copy changed with sqlite3, then verify
# must exit 1 and print each LINE.
tampered() {
    sql=$1; shift
    cp "$T/intact.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
    sqlite3 "$DB" "$sql" || { fail "sqlite3: $sql"; return; }
    fu verify
    expect_rc 1 "verify after: $sql"
    for line in "$@"; do expect_out "$line" "after '$sql'"; done
    expect_err "between the history and the tables" "after '$sql': the summary"
}
t24="(SELECT id FROM tasks WHERE code = '2.4')"
tampered "DELETE FROM notes WHERE id = (SELECT max(id) FROM notes WHERE text = '二')" \
    "R1:2.4 note: the history gives '二', found (none)"
tampered "DELETE FROM notes WHERE text = '会议纪要'" "R1:2.4 note: the history gives '会议纪要', found (none)"
tampered "INSERT INTO notes (task_id, at, actor, text) VALUES ($t24, 'x', 'root', '补记')" \
    "R1:2.4 note: the history gives (none), found '补记'"
tampered "DELETE FROM tasks WHERE code = '3.3.1'" "task 3.3.1 (id " "task: the history gives 'present', found 'absent'" \
    "history row " "reference to tasks: the history gives 'present', found 'absent'"
tampered "DELETE FROM users WHERE login = 'wang'" \
    "user wang role and departments: the history gives 'wang department [区知识产权局,区审改办]', found 'absent'"
tampered "DELETE FROM user_depts WHERE dept_id = (SELECT id FROM departments WHERE name = '区审改办')" \
    "user wang role and departments: the history gives 'wang department [区知识产权局,区审改办]', found 'wang department [区知识产权局]'"
tampered "DELETE FROM departments WHERE name = '区教育局'" \
    "department 区教育局 exists: the history gives 'yes', found 'no'"
tampered "DELETE FROM task_support WHERE task_id = $t24 AND ord = 0" \
    "R1:2.4 support: the history gives '区科委,区审改办', found '区审改办'"
tampered "DELETE FROM reports" "report R1 report: the history gives 'R1 静府议〔2024〕3号 " "found 'absent'" \
    "tasks row 1 (and " "reference to reports"
tampered "DELETE FROM review_ratings" "R1:2.4 rating in round 1: the history gives 'basic', found 'absent'"
tampered "DELETE FROM review_rounds" "review round 1 name: the history gives '第一次跟踪审议 (2024-06-20)', found 'absent'" \
    "reference to review_rounds"
snap=$(sqlite3 "$T/intact.db" "SELECT sql FROM sqlite_schema WHERE name = 'review_snapshot_no_delete'")
n=$(sqlite3 "$T/intact.db" "SELECT count(*) FROM review_snapshot")
tampered "DROP TRIGGER review_snapshot_no_delete; DELETE FROM review_snapshot WHERE task_id = $t24; $snap;" \
    "review round 1 tasks recorded: the history gives '$n', found '$((n - 1))'"
tampered "DELETE FROM extensions" "R1:2.4 extension: the history gives '2025-03-31 pending', found 'absent'"
tampered "DELETE FROM attachments" "R1:2.4 attachment: the history gives '" "found 'absent'"
tampered "DELETE FROM cycles" "R1:2.4 cycle: the history gives 'monthly day 5 from 2024-06-20', found 'absent'"
tampered "DELETE FROM dept_quotas" "department 区知识产权局 quota: the history gives '300 MB', found 'the default'"
tampered "UPDATE dept_quotas SET mb = 5000" "department 区知识产权局 quota: the history gives '300 MB', found '5000 MB'"
tampered "DELETE FROM instructions" "R1:2.4 instruction: the history gives '抓紧办理', found 'absent'"
tampered "INSERT INTO instructions (task_id, text, at, actor, last_note_id) VALUES ($t24, '伪批示', 'x', 'root', 0)" \
    "R1:2.4 instruction: the history gives 'absent', found '伪批示'"
tampered "INSERT INTO extensions (task_id, new_due, reason, at, actor, state) VALUES ($t24, '2026-01-01', 'x', 'x', 'root', 'denied')" \
    "R1:2.4 extension: the history gives 'absent', found '2026-01-01 denied'"
tampered "INSERT INTO users (login, role, created_at) VALUES ('evil', 'committee', 'x')" \
    "user evil role and departments: the history gives 'absent', found 'evil committee'"
# the history itself: the chain names the cut
hist=$(sqlite3 "$T/intact.db" "SELECT sql FROM sqlite_schema WHERE name = 'history_no_delete'")
cp "$T/intact.db" "$DB"
sqlite3 "$DB" "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = 40; $hist;"
fu verify; expect_rc 1 "verify after a history row was deleted"
expect_err "history row 41 does not follow row 39" "the chain names the cut"

# A note that reads like followup's own explanation of a status change is
# refused, so that every stored note is one the history requires.
cp "$T/intact.db" "$DB"
fu status 2.2 active --note "review round 1: rated unsatisfied, reopened"
expect_rc 2 "a status note in followup's own words"; expect_err "say it in other words" "says why"
fu verify; expect_rc 0 "nothing stored"
finish
