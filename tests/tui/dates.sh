#!/bin/sh
# The due-date prompt at 80x24 (issue 14): with no due date yet, the date
# the report itself names is offered; dates are typed as people write them
# (月底, 6月30日, +30d); setting the same date again changes nothing.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
eq "$(sqlite3 "$DB" "SELECT suggested_due FROM tasks WHERE code = '2.1'")" 2024-12-31 "fixture: 2.1's suggestion"
tui_start 80 24 xterm-256color
tui_keys /; tui_type "科技金融"; tui_keys Enter
expect_cursor 2.1 "on 2.1"
tui_keys d
expect_screen "Due date (the report's suggestion): 2024-12-31" "the suggested date is offered"
tui_keys Enter
expect_screen "2.1: due 2024-12-31" "taken as it is"
eq "$(task_field 2.1 due)" '"2024-12-31"' "due in the database"
tui_keys d; expect_screen "Due date (e.g. 6月30日, +30d, 月底): 2024-12-31" "now the set date"
tui_keys C-u; tui_type "月底"; tui_keys Enter
eom=$(date -d "$(date +%Y-%m-01) +1 month -1 day" +%F)
expect_screen "2.1: due $eom" "月底 is the end of this month"
eq "$(task_field 2.1 due)" "\"$eom\"" "月底 in the database"
tui_keys d C-u; tui_type "6月30日"; tui_keys Enter
expect_screen "2.1: due $(date +%Y)-06-30" "6月30日 is this year's"
tui_keys d C-u; tui_type "+30d"; tui_keys Enter
expect_screen "2.1: due $(date -d '+30 days' +%F)" "+30d from today"
tui_keys d C-u; tui_type "明年"; tui_keys Enter
expect_screen "'明年' is not a date" "an unknown word is refused and says what works"
tui_keys Escape
n=$(sqlite3 "$DB" "SELECT count(*) FROM history")
tui_keys d Enter
expect_screen "unchanged" "the same date again says unchanged"
eq "$(sqlite3 "$DB" "SELECT count(*) FROM history")" "$n" "and records nothing"
finish
