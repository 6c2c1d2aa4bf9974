#!/bin/sh
# A liaison opens on their own work (issue 14), at 80x24 and 160x45: the
# list is filtered to the tasks their departments lead or support, with the
# sections above them; A toggles all tasks; keys they may not use are not
# offered in the footer (no "a lead", no "d due"), nor Done in the status
# picker. A committee user opens on everything.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "user add"
fu assign 3.2 区财政局 --support 区知识产权局; expect_rc 0 "3.2 supported by the liaison's"

# a row of the list whose code is $1 (an item or a section, "+ 2.1 " or "- 2.1 ")
has_row() { tui_screen | grep -qE "^ *[-+] $(printf '%s' "$1" | sed 's/\./\\./g') "; }

for size in "80 24" "160 45"; do
    set -- $size
    tui_start "$1" "$2" xterm-256color --as liaison
    expect_screen "filter: my departments (A: all)" "$1x$2: the header says the list is theirs"
    expect_screen "2.4 " "$1x$2: the task they lead"
    expect_screen "3.2 " "$1x$2: the task they support"
    expect_screen "3.2.1" "$1x$2: the statements of an item they support"
    expect_screen "- 2 " "$1x$2: the section above, for context"
    has_row 1.1 && fail "$1x$2: another department's task is shown"
    has_row 2.1 && fail "$1x$2: another department's task 2.1 is shown"
    has_row 2.4 || fail "$1x$2: 2.4 is a row"
    expect_screen "items 2:" "$1x$2: the counts are theirs"
    expect_screen "A mine/all" "$1x$2: the footer offers the toggle"
    expect_no_screen "a lead" "$1x$2: no lead key for a liaison"
    expect_no_screen "d due" "$1x$2: no due key for a liaison"
    [ "$1" = 80 ] && tui_screen >"$T/liaison-80x24.txt"
    tui_keys A
    expect_screen "All tasks (A shows only your departments')." "$1x$2: A shows all"
    wait_until 2 has_row 1.1 || fail "$1x$2: every task now"
    expect_screen "items 11:" "$1x$2: every item counted"
    tui_keys A
    expect_screen "Your departments' tasks (A shows all)." "$1x$2: A again: theirs"
    has_row 1.1 && fail "$1x$2: filtered again"
    tui_keys /; tui_type "知识产权发展"; tui_keys Enter; expect_cursor 2.4 "$1x$2: on 2.4"
    tui_keys s; expect_screen "Status of 2.4" "$1x$2: the picker"
    expect_screen "Submitted" "$1x$2: submitting is offered"
    expect_no_screen "Done  已办结" "$1x$2: Done is not offered to a liaison"
    tui_keys Escape
    tui_keys q
done

tui_start 80 24 xterm-256color
expect_no_screen "my departments" "a committee user opens on everything"
has_row 1.1 || fail "every task for the committee"
expect_screen "a lead" "the committee is offered the lead key"
tui_keys A; expect_screen "You belong to no department" "A says why it does nothing"
finish
