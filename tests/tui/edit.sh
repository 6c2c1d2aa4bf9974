#!/bin/sh
# Changing tasks from the interface, checked in the database: status
# through the picker, lead and supporting departments, due date (validated),
# progress notes typed in Chinese and written in $EDITOR, and a stale
# version (someone else changed the task first).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
tui_start 100 30 xterm-256color

# go to 2.4 by search
tui_keys /; tui_type "知识产权"; tui_keys Enter
expect_cursor 2.4 "on 2.4"

# status through the picker, filtering on the Chinese label
tui_keys s
expect_screen "Status of 2.4 (now Not started)" "status picker opens"
tui_type "推进"
expect_screen "In progress  推进中" "picker filters on the Chinese label"
expect_screen "Ongoing  持续推进" "substring match"
expect_no_screen "Delayed  滞后" "non-matching entries are hidden"
tui_keys Enter
expect_screen "2.4: Not started → In progress" "status changed message"
eq "$(task_field 2.4 status)" '"active"' "status in the database"
expect_screen "In progress 1" "counts follow"

# Esc cancels a picker without a change
tui_keys s; expect_screen "Status of 2.4" "picker again"
tui_type "done"; tui_keys Escape
tui_wait_gone "Status of 2.4" || fail "Esc closes the picker"
eq "$(task_field 2.4 status)" '"active"' "Esc changed nothing"

# lead department: filter by typing, Enter takes
tui_keys a; expect_screen "Lead department of 2.4" "lead picker"
tui_type "审改"; tui_keys Enter
expect_screen "2.4: lead department 区审改办" "lead message"
eq "$(task_field 2.4 lead)" '"区审改办"' "lead in the database"

# supporting departments: Space ticks several
tui_keys o; expect_screen "Supporting departments of 2.4" "support picker"
tui_type "科委"; tui_keys Space; expect_screen "[x] 区科委" "ticked"
tui_keys C-u; tui_type "财政"; tui_keys Space Enter
expect_screen "2.4: 2 supporting departments" "support message"
eq "$(task_field 2.4 support)" '["区科委","区财政局"]' "support in the database"

# due date: an impossible date is refused and the editor stays open
tui_keys d; expect_screen "Due date (e.g. 6月30日, +30d, 月底):" "due prompt"
tui_type "2024-02-30"; tui_keys Enter
expect_screen "'2024-02-30' is not a date" "invalid date refused"
expect_screen "Due date (e.g." "editor still open"
tui_keys C-u; tui_type "2024-12-31"; tui_keys Enter
expect_screen "2.4: due 2024-12-31" "due message"
eq "$(task_field 2.4 due)" '"2024-12-31"' "due in the database"

# a progress note in Chinese, edited: backspace removes whole characters,
# the cursor moves over double-width characters
tui_keys c; expect_screen "Progress note:" "note prompt"
tui_type "远程"
cx() { tm display-message -p '#{cursor_x}'; }
cx_is() { [ "$(cx)" = "$1" ]; }
wait_until 2 cx_is 19; eq "$(cx)" 19 "cursor after two double-width characters (prompt is 15 columns)"
tui_keys Left; wait_until 2 cx_is 17; eq "$(cx)" 17 "Left moves over a whole double-width character"
tui_keys End
tui_type "受理系统已上线了"
tui_keys BSpace; expect_screen "受理系统已上线" "typed Chinese"
# (the text before the backspace holds the text after it: wait for the frame)
tui_wait_gone "已上线了" 3 || fail "backspace removed one whole character: $(tui_screen)"
tui_keys Left Left; tui_type "正式"
expect_screen "远程受理系统已正式上线" "inserted in the middle, two characters back"
tui_keys Home; tui_type "【进展】"; tui_keys End; tui_type "。"
tui_keys Enter
expect_screen "2.4: progress note added" "note message"
fu show 2.4
expect_out "【进展】远程受理系统已正式上线。" "note in the database, edits applied"

# the same in the detail
tui_keys Enter; expect_screen "【进展】远程受理系统已正式上线。" "note in the detail"
tui_keys q

# a long note in $EDITOR
printf '#!/bin/sh\nprintf "第一段进展。\\n第二段进展。\\n" > "$1"\n' > "$T/editor.sh"
chmod +x "$T/editor.sh"
TUI_ENV="EDITOR=$T/editor.sh" tui_start 100 30 xterm-256color
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys E
expect_screen "2.4: progress note added" "note from the editor"
fu show 2.4
expect_out "第一段进展。" "editor note stored"

# someone else changes 2.4 while the picker is open: the change is refused
# as stale, the screen reloads and the picker offers the choice again
tui_keys s; expect_screen "Status of 2.4 (now In progress)" "picker"
"$FU" --db "$DB" status 2.4 delayed >/dev/null 2>&1
tui_type "Ongoing"; tui_keys Enter
expect_screen "task 2.4 was changed by" "conflict reported"
expect_screen "Status of 2.4 (now Delayed)" "picker reopened on the new status"
tui_type "Ongoing"; tui_keys Enter
expect_screen "2.4: Delayed → Ongoing" "second choice applied"
eq "$(task_field 2.4 status)" '"ongoing"' "status after the conflict"

# H: the whole history of the task
tui_keys H
expect_screen "History of R1:2.4" "history screen"
expect_screen "status: Delayed → Ongoing" "status changes, with labels"
expect_screen "lead: 区知识产权局 → 区审改办" "lead change"
expect_screen "due: - → 2024-12-31" "due change"
tui_keys q; tui_wait_gone "History of R1:2.4" || fail "q leaves the history"
finish
