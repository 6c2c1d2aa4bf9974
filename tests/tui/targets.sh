#!/bin/sh
# A target in the detail view at 80x24 (issue 24): the bar of the share
# reached, the value over the target, its direction and standing; behind
# (not met by a passed due date) in red, and the task's light red too.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu target 2.2.1 30 家; expect_rc 0 "target"
fu progress 2.2.1 18 --note "已建成18家"; expect_rc 0 "progress"
fu assign 2.2.1 - --due 2099-12-31; expect_rc 0 "due"
tui_start 80 24 xterm-256color
tui_keys /; tui_type "深化科技创新载体"; tui_keys Enter Right j
expect_cursor 2.2.1 "on 2.2.1"
tui_keys Enter
expect_screen "Target          [######    ] 18/30 家 60 %  at least · on track" "the bar and the share"
fu assign 2.2.1 - --due 2024-06-30; expect_rc 0 "a due date passed"
tui_start 80 24 xterm-256color
tui_keys /; tui_type "深化科技创新载体"; tui_keys Enter Right j
expect_cursor 2.2.1 "on 2.2.1 again"
expect_screen "2024-06-30 R" "the list's light is R"
tui_keys Enter
expect_screen "18/30 家 60 %  at least · behind" "behind after the due date"
tui_screen_e | grep "Target" | grep -q "1m\[######    \] 18/30" || fail "behind is drawn in the red light's style"
finish
