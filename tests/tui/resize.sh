#!/bin/sh
# Resizing: the layout is recomputed at any size with no garbage left (the
# screen after a resize is what a full redraw draws), the detail shows
# beside the list from 120 columns, and below 40x10 a "too small" screen.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区行政服务中心 --due 2024-12-31; expect_rc 0 "assign"

# the status line is right-aligned: it reaches the last column once the
# screen has been redrawn for the new width
wait_width() {
    _n=$((60 * SLOW))
    while [ "$_n" -gt 0 ]; do
        _l=$(tui_screen | tail -2 | head -1)
        [ "$(cols_of "$_l")" -eq "$1" ] && [ "$(tui_screen | wc -l)" -eq "$2" ] && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    fail "the screen was not redrawn for $1x$2: $(tui_screen)"
}
# the screen now equals what Ctrl-L (a full redraw) draws
same_as_redraw() {
    tui_settled; tui_screen >"$T/before"
    tui_keys C-l; tui_settled
    tui_screen >"$T/after"
    cmp -s "$T/before" "$T/after" || fail "$1: resize left garbage:
$(diff "$T/before" "$T/after")"
}

tui_start 100 30 xterm-256color
tui_keys j j j; expect_cursor 1.3 "cursor on 1.3"
wait_width 100 30
tui_screen >"$T/start"

tui_resize 60 20; wait_width 60 20
same_as_redraw "60x20"
expect_screen "1.3 · row 4/14 · 14 shown of " "cursor kept at 60x20"
expect_screen "+ 2.4 " "rows at 60x20"
[ "$(tui_screen | head -1 | cut -c1-3)" = "R1 " ] || fail "header at 60x20"

tui_resize 200 50; wait_width 200 50
same_as_redraw "200x50"
expect_screen "R1:1.3  item" "the detail shows beside the list at 200 columns"
expect_screen "逐步完善科技创新体制机制" "with the task's text"
expect_screen "(Tab to scroll)" "the list has the focus"
tui_keys Tab; tui_wait_gone "(Tab to scroll)" || fail "Tab focuses the detail"
tui_keys j k Tab; expect_screen "(Tab to scroll)" "Tab gives the focus back"

tui_resize 30 8; expect_screen "Terminal too small" "below the minimum"
expect_screen "30x8 < 40x10" "says the size"
tui_resize 40 10; wait_width 40 10
same_as_redraw "40x10"

tui_resize 100 30; wait_width 100 30
same_as_redraw "back to 100x30"
tui_screen >"$T/end"
cmp -s "$T/start" "$T/end" || fail "back at 100x30 the screen differs from the start:
$(diff "$T/start" "$T/end")"

# at 80x24 everything is usable: the columns and the key hint fit
tui_resize 80 24; wait_width 80 24
expect_screen "Enter detail" "hint at 80 columns"
expect_screen "? help  q quit" "help and quit keys in the hint"
expect_screen "2024-12-31" "due column at 80 columns"
tui_keys q; expect_screen "EXITED:0" "quits after all the resizing"
finish
