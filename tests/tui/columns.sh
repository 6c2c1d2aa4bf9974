#!/bin/sh
# The list's columns with a four-level report, at 80x24 and 160x45: due
# dates are whole (never "2025-" or "06-30"), the light has its own
# column after them, and the status line says where the cursor is and how
# many rows are shown of the tasks ("row 1/14 · 14 shown of 14"), also
# under the overdue filter.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"
F=$ROOT/tests/fixtures

fu import "$F/parse-markers.txt"; expect_rc 0 "a four-level report"
fu import "$SEED"; expect_rc 0 "a second report"
total=$("$FU" --db "$DB" list --report R1 | wc -l)
for size in "80 24" "160 45"; do
    set -- $size
    tui_start "$1" "$2" xterm-256color
    tui_keys z R; expect_screen "1.1.1.1" "$1x$2: the fourth level is shown"
    row=$(tui_screen | grep -F " 1.1.1.1 " | head -1)
    case $row in
    *" 2025-06-30 R "*) ;;
    *) fail "$1x$2: 1.1.1.1's due date whole and its light apart: '$row'" ;;
    esac
    tui_screen | grep -F " 1.1.2 " | grep -qF " 2025-12-31 R " ||
        fail "$1x$2: 1.1.2's date: $(tui_screen | grep -F " 1.1.2 ")"
    tui_screen | grep -F " 1.1.3 " | grep -qF " -            " ||
        fail "$1x$2: no date keeps the column: $(tui_screen | grep -F " 1.1.3 ")"
    tui_screen | sed -n 2p | grep -qF "Due          Text" ||
        fail "$1x$2: the header: $(tui_screen | sed -n 2p)"
    expect_screen "1 · row 1/$total · $total shown of $total" "$1x$2: the status line"
    tui_keys f; expect_screen "Overdue only" "$1x$2: the filter picker"
    tui_type "Overdue"; tui_keys Enter
    expect_screen "filter:" "$1x$2: the header says a filter is on"
    shown=$(tui_screen | grep -o "[0-9]* shown of $total" | head -1)
    [ -n "$shown" ] && [ "${shown%% *}" -lt "$total" ] ||
        fail "$1x$2: the filtered status line: $(tui_screen | tail -2 | head -1)"
    tui_keys q
done
finish
