#!/bin/sh
# Nothing from the database or the command line reaches the terminal raw:
# escape sequences in a note or a user name are shown as visible
# placeholders and have no effect (no colour, no title, no clearing).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
evil=$(printf 'bad\033[31mred\033]0;pwned\007 \033[2J end\233c')
fu note 2.4 "$evil"; expect_rc 0 "a note with escape sequences is stored"

tm_title() { tm display-message -p '#{pane_title}' 2>/dev/null; }

tui_start 100 30 xterm-256color --as "$(printf 'eve\033]0;pwned\007')"
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys Enter
expect_screen "bad^[[31mred^[]0;pwned^G ^[[2J end" "the note shows with placeholders"
expect_screen "eve^[]0;pwned^G (viewer)" "the user name too"
expect_screen "R1 静府议" "the screen was not cleared"
[ "$(tm_title)" != "pwned" ] || fail "the pane title was changed by the text"
tui_screen_e | grep -q "$(printf '\033')\[31m" && fail "a colour sequence from the text reached the terminal"
tui_screen_e | grep -q "$(printf '\302\233')" && fail "a raw C1 control reached the terminal"

# typed text is filtered too: a pasted escape does not reach the note
tui_start 100 30 xterm-256color
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys c; expect_screen "Progress note" "note prompt"
tui_type "ok"; tui_keys C-v; tui_type "x"; tui_keys Enter
expect_screen "2.4: progress note added" "note added"
fu show 2.4
grep -q "$(printf '\026')" "$T/out" && fail "a control character was typed into a note"
finish
