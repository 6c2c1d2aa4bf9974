#!/bin/sh
# The interface on the seed: the tree, moving, collapsing, the detail of
# 2.4, incremental search, help, and leaving with the terminal restored,
# under every terminal type we promise.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"

tui_start 100 30 xterm-256color
expect_screen "依据法定职责夯实工作基础" "section 1 shown"
expect_screen "  + 2.4 " "item 2.4 shown collapsed"
expect_screen "深入推进知识产权发展战略" "2.4's title"
expect_screen "items 11" "status line counts the 11 items"
expect_screen "Not started 11" "counts by status"
expect_screen "$(id -un) (committee)" "status line names the user and the role"
expect_cursor 1 "cursor starts on the first row"

tui_keys j j; expect_cursor 1.2 "j moves down"
tui_keys k; expect_cursor 1.1 "k moves up"
tui_keys Down Down; expect_cursor 1.3 "Down"
tui_keys G; expect_cursor 3.3 "G goes to the last row"
tui_keys g; expect_cursor 1 "g goes to the first"
tui_keys NPage; tui_wait_gone "1 1/14" || fail "PgDn moves"
tui_keys PPage; expect_cursor 1 "PgUp comes back"

# h/l and Space: collapse and expand
tui_keys h; expect_screen "+ 1 " "h collapses section 1"
expect_no_screen "+ 1.1 " "its items are hidden"
tui_keys l; expect_screen "- 1 " "l expands it again"
tui_keys j Space; expect_screen "- 1.1 " "Space expands item 1.1"
expect_screen "1.1.4 " "its statements show"
tui_keys Space; tui_wait_gone "1.1.4 " || fail "Space collapses again"
tui_keys Right Right; expect_cursor 1.1.1 "Right expands, then goes to the first child"
tui_keys Left; expect_cursor 1.1 "Left goes to the parent"
tui_keys Left; expect_screen "+ 1.1 " "Left collapses"

# search: incremental, lands on 2.4; n finds the next match
tui_keys g /
tui_type "知识产权"
expect_cursor 2.4 "search for 知识产权 lands on 2.4"
tui_keys Enter
tui_keys n; expect_cursor 2.4.1 "n goes to the next match, inside 2.4"
tui_keys N; expect_cursor 2.4 "N goes back"
tui_keys / ; tui_type "没有这个词"
expect_screen "No match for '没有这个词'" "a search that finds nothing says so"
tui_keys Escape; expect_cursor 2.4 "Esc restores the cursor"

# the detail of 2.4
tui_keys Enter
expect_screen "R1:2.4  item" "detail title"
expect_screen "以构建集培育、创新、保护为一体" "the item's full text"
expect_screen "Status" "status field"
expect_screen "Supporting" "supporting departments field"
expect_screen "区知识产权局" "lead department"
expect_screen "Sub-tasks" "sub-tasks"
tui_keys G; expect_screen "History" "detail scrolls to the history"
tui_keys q; expect_screen "Text" "q goes back to the list"
tui_keys Tab; expect_screen "R1:2.4  item" "Tab focuses the detail"
tui_keys Tab; expect_screen "Text" "Tab back to the list"

# help is generated from the key table
tui_keys '?'
expect_screen "Moving" "help shows the groups"
expect_screen "j, Down" "help names the keys"
expect_screen "change the status" "help says what s does"
tui_keys q; tui_wait_gone "Moving" || fail "q leaves help"

# Ctrl-L redraws; q quits and the terminal is given back
tui_keys C-l; expect_screen "items 11" "Ctrl-L"
tui_keys q; expect_screen "EXITED:0" "q quits with status 0"
expect_screen "icanon echo" "the terminal modes are restored"

# Ctrl-C (SIGINT) leaves the same way, from a picker too
tui_start 100 30 xterm-256color
tui_keys s; expect_screen "Status of 1" "picker open"
tui_keys C-c; expect_screen "EXITED:130" "Ctrl-C quits (status 130)"
expect_screen "icanon echo" "and restores the terminal"

# every terminal type we promise
for term in xterm xterm-256color screen tmux-256color vt100; do
    tui_start 80 24 "$term"
    expect_screen "深入推进知识产权发展战略" "TERM=$term draws the list"
    tui_keys j Enter; expect_screen "R1:1.1  item" "TERM=$term detail"
    tui_keys q q; expect_screen "EXITED:0" "TERM=$term quits cleanly"
done
finish
