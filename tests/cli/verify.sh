#!/bin/sh
# verify (issue 13): the history replayed against the tables names every
# change made behind followup's back (one line: what, field, the history's
# value, the value found; exit 1); --head finds a printed head or fails
# when the history was cut; --full runs integrity_check; a schema holding
# objects followup did not create (a trigger, a view named like a table) or
# lacking one it did is refused with one line naming the object.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-06-20

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区知识产权局 --support 区科委,区审改办 --due 2024-12-31; expect_rc 0 "assign"
fu status 2.4 active --note "started"; expect_rc 0 "status"
fu note 2.4 "会议纪要"; expect_rc 0 "note"
fu user add wang --role department --dept 区知识产权局; expect_rc 0 "user add"
fu dept add 区教育局; expect_rc 0 "dept add"
fu review start "第一次跟踪审议"; expect_rc 0 "review start"
fu review rate 2.4 基本满意; expect_rc 0 "review rate"
fu extend 2.4 --to 2025-03-31 --reason "需要协调"; expect_rc 0 "extend"
fu instruct 2.4 "抓紧办理"; expect_rc 0 "instruct"
printf 'evidence\n' >"$T/ev.txt"
fu attach 2.4 "$T/ev.txt"; expect_rc 0 "attach"
fu cycle 2.4 monthly --day 5; expect_rc 0 "cycle"
fu verify; expect_rc 0 "verify on an intact database"
expect_out "quick check passed" "verify: quick_check by default"; expect_out "the tables match the history" "verify: replay"
fu verify --full; expect_rc 0 "verify --full"; expect_out "integrity check passed" "--full: integrity_check"
fu report; head=$(sed -n 's/^Chain head *//p' "$T/out")
[ "${#head}" -eq 16 ] || fail "the report's chain head is 16 hex digits: '$head'"
fu report --format json
grep -q '"audit":{"rows":[0-9]*,"head":"[0-9a-f]\{64\}"}' "$T/out" || fail "report json: no \"audit\""
cp "$DB" "$T/intact.db"

# Each kind of state changed with sqlite3, each named.
sqlite3 "$DB" "UPDATE tasks SET status = 'done' WHERE code = '2.3';
    UPDATE tasks SET text = '篡改' WHERE code = '2.1';
    UPDATE tasks SET due = '2030-01-01' WHERE code = '2.4';
    UPDATE tasks SET lead_id = (SELECT id FROM departments WHERE name = '区财政局') WHERE code = '3.3';
    DELETE FROM task_support WHERE task_id = (SELECT id FROM tasks WHERE code = '2.4') AND ord = 1;
    UPDATE users SET role = 'committee' WHERE login = 'wang';
    INSERT INTO departments (name, created_at) VALUES ('区虚构局', 'x');
    UPDATE review_ratings SET level = 'satisfied';
    UPDATE review_rounds SET name = '改名';
    UPDATE extensions SET state = 'approved';
    UPDATE instructions SET text = '改写';
    UPDATE cycles SET day = 9;
    UPDATE attachments SET data = X'00';
    UPDATE notes SET text = '改过' WHERE text = 'started';
    DELETE FROM notes WHERE text = '会议纪要';"
fu verify; expect_rc 1 "verify after sqlite3 changes"
for line in "R1:2.3 status: the history gives 'todo', found 'done'" \
    "R1:2.1 text: the history gives " "R1:2.4 due: the history gives '2024-12-31', found '2030-01-01'" \
    "R1:3.3 lead: the history gives '区科委', found '区财政局'" "R1:2.4 support: the history gives '区科委,区审改办', found '区科委'" \
    "user wang role and departments: the history gives 'wang department [区知识产权局]', found 'wang committee [区知识产权局]'" \
    "department 区虚构局 exists: the history gives 'no', found 'yes'" \
    "R1:2.4 rating in round 1: the history gives 'basic', found 'satisfied'" \
    "review round 1 name: the history gives '第一次跟踪审议 (2024-06-20)', found '改名 (2024-06-20)'" \
    "R1:2.4 extension: the history gives '2025-03-31 pending', found '2025-03-31 approved'" \
    "R1:2.4 instruction: the history gives '抓紧办理', found '改写'" \
    "R1:2.4 cycle: the history gives 'monthly day 5 from 2024-06-20', found 'monthly day 9 from 2024-06-20'" \
    "R1:2.4 attachment's bytes (SHA-256): " "R1:2.4 note: the history gives 'started', found '改过'" \
    "R1:2.4 note: the history gives '会议纪要', found (none)"; do
    expect_out "$line" "verify names: $line"
done
eq "$(wc -l <"$T/out")" 15 "one line per difference"
expect_one_line_err "verify's summary"; expect_err "15 differences" "verify counts them"
# a change behind followup's back that a later change through it covered
cp "$T/intact.db" "$DB"
sqlite3 "$DB" "UPDATE tasks SET status = 'delayed' WHERE code = '3.3'"
fu status 3.3 active; expect_rc 0 "a change through followup after it"
fu verify; expect_rc 1 "verify after a covered change"
expect_out "R1:3.3 status (before history row" "the covered change is named"
expect_out "the history gives 'todo', found 'delayed'" "with both values"
# a task no import created
cp "$T/intact.db" "$DB"
sqlite3 "$DB" "INSERT INTO tasks (uuid, report_id, seq, depth, code, kind, text, created_at, updated_at)
    VALUES ('00000000-0000-4000-8000-000000000000', 1, 999, 1, '9.9', 'item', 'planted', 'x', 'x')"
fu verify; expect_rc 1 "a planted task"; expect_out "R1:9.9 task: the history gives 'absent" "names the planted task"

# --head: found at its row; malformed; a cut history (an older copy put back).
cp "$T/intact.db" "$DB"
fu verify --head "$head"; expect_rc 0 "--head of the last report"; expect_out "is history row" "--head: its row"
fu verify --head "$(printf '%s' "$head" | tr a-f A-F)"; expect_rc 0 "--head in capitals"
fu verify --head 12345; expect_rc 2 "--head too short"
fu verify --head zzzzzzzzzzzzzzzz; expect_rc 2 "--head not hex"
fu status 3.3 active; expect_rc 0 "a later change"
fu report; later=$(sed -n 's/^Chain head *//p' "$T/out")
cp "$T/intact.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
fu verify --head "$later"; expect_rc 1 "--head after an older copy was put back"
expect_err "is not in the history's chain" "--head: the history was cut"; expect_one_line_err "--head"

# Objects followup did not create, or lacks: refused, one line naming the object.
refused() {   # SQL WHAT
    cp "$T/intact.db" "$T/bad.db"; sqlite3 "$T/bad.db" "$1" || fail "sqlite3: $1"
    "$FU" --db "$T/bad.db" list >"$T/out" 2>"$T/err"; rc=$?
    expect_rc 1 "refused: $2"; expect_one_line_err "refused: $2"; expect_err "$2" "names $2"
}
refused "CREATE TRIGGER evil AFTER UPDATE ON tasks BEGIN UPDATE users SET role = 'committee'; END;" \
    "the trigger 'evil'"
refused "ALTER TABLE notes RENAME TO notes_old; CREATE VIEW notes AS SELECT * FROM notes_old;" \
    "the view 'notes'"
refused "DROP TRIGGER history_no_update;" "the trigger 'history_no_update'"
refused "DROP INDEX tasks_bycode; CREATE INDEX tasks_bycode ON tasks(text);" \
    "the index 'tasks_bycode' is not the index followup created"
refused "CREATE TABLE extra (x);" "the table 'extra'"
fu verify; expect_rc 0 "the database is intact after all that"
finish
