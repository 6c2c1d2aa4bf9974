#!/bin/sh
# Roles: what a user may not do is said in the status line before anything
# is asked, and nothing changes in the database.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "user add"
eq "$(task_field 2.4 lead)" '"区知识产权局"' "2.4 belongs to 区知识产权局 after import"

# a viewer (a login the database does not know)
tui_start 100 30 xterm-256color --as stranger
expect_screen "stranger (viewer)" "status line shows the viewer role"
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys s
expect_screen "viewers may read but not change tasks" "viewer refused a status change"
expect_no_screen "Status of 2.4" "no picker for a viewer"
tui_keys c; expect_screen "viewers may read but not change tasks" "viewer refused a note"
tui_keys a; expect_screen "only committee users may assign" "viewer refused an assignment"
tui_keys d; expect_screen "only committee users may assign" "viewer refused a due date"
eq "$(task_field 2.4 status)" '"todo"' "nothing changed"

# a department liaison: own tasks only, never done, not out of submitted
tui_start 100 30 xterm-256color --as liaison
expect_screen "liaison (department)" "department role shown"
expect_screen "filter: my departments" "a liaison opens on their own work"
tui_keys A g j; expect_cursor 1.1 "A shows all: on 1.1 (区科委's)"
tui_keys s; expect_screen "this task is not your department's" "other department's task refused"
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys s; expect_screen "Status of 2.4" "own task: picker opens"
tui_type "Done"; expect_screen "(nothing matches)" "Done is not offered to a department"
tui_keys Escape
eq "$(task_field 2.4 status)" '"todo"' "still todo"
tui_keys s; tui_type "Submitted"; tui_keys Enter
expect_screen "2.4: Not started → Submitted" "department submits its task"
tui_keys s; expect_screen "2.4 is Submitted: only the committee may change it now" "submitted is the committee's"
expect_no_screen "Status of 2.4" "no picker for a submitted task"
tui_keys a; expect_screen "only committee users may assign" "department may not assign"
tui_keys c; tui_type "窗口已开通"; tui_keys Enter
expect_screen "2.4: progress note added" "department adds a note on its task"
eq "$(task_field 2.4 status)" '"submitted"' "database: submitted"

# the committee returns it with a reason
tui_start 100 30 xterm-256color
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys s; tui_type "progress"; tui_keys Enter
expect_screen "Reason for returning:" "returning asks for a reason"
tui_keys Enter; expect_screen "Say what the department must still do" "a reason is required"
tui_type "请补充材料"; tui_keys Enter
expect_screen "2.4: Submitted → In progress" "returned"
fu show 2.4; expect_out "请补充材料" "the reason is kept"

# a supporting department at 80x24: submitted is marked as the lead's, and refused with why
fu dept add 区配合局; fu assign 2.4 - --support 区配合局; expect_rc 0 "2.4 supported by 区配合局"
fu user add helper --role department --dept 区配合局; expect_rc 0 "user add helper"
tui_start 80 24 xterm-256color --as helper
expect_screen "helper (department)" "the supporting liaison"
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys s; expect_screen "Status of 2.4" "a supporting department's picker"
expect_screen "the lead department's only" "submitted is marked as the lead's"
tui_type "Submitted"; tui_keys Enter
expect_screen "only the lead department asks for acceptance" "the refusal says why"
eq "$(task_field 2.4 status)" '"active"' "a supporting department's submission changes nothing"
tui_keys s; tui_type "Delayed"; tui_keys Enter
expect_screen "2.4: In progress → Delayed" "a supporting department moves its task"
finish
