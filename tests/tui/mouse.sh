#!/bin/sh
# The mouse (issue 14), at 80x24 and 160x45, through the SGR (1006) mouse
# sequences an xterm sends: a click selects a row, a double click opens
# it, the wheel scrolls; [ui] mouse = no leaves the mouse alone.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
# press and release of button B at column X, line Y (1-based)
mouse() { printf '\033[<%s;%s;%sM\033[<%s;%s;%sm' "$1" "$2" "$3" "$1" "$2" "$3"; }
wheel() { printf '\033[<%s;%s;%sM' "$1" "$2" "$3"; }
for size in "80 24" "160 45"; do
    set -- $size
    tui_start "$1" "$2" xterm-256color
    expect_cursor 1 "$1x$2: at the start"
    eq "$(tm display-message -p '#{mouse_standard_flag}')" 1 "$1x$2: the terminal is asked for clicks"
    # line 1 is the header, 2 the column titles, 3 the first row: 2.1 is on line 8
    tui_type "$(mouse 0 10 8)"
    expect_cursor 2.1 "$1x$2: a click selects the row under it"
    tui_type "$(wheel 65 10 8)"
    expect_cursor 2.4 "$1x$2: the wheel scrolls down three rows"
    tui_type "$(wheel 64 10 8)"
    expect_cursor 2.1 "$1x$2: and up"
    tui_type "$(mouse 0 10 6)$(mouse 0 10 6)"
    expect_cursor 1.3 "$1x$2: a double click selects"
    expect_screen "R1:1.3  item" "$1x$2: and opens the detail"
    [ "$1" = 80 ] && expect_no_screen "Code   " "$1x$2: the detail in place of the list"
    tui_keys q
done
printf '[ui]\nlanguage = en\ncolor = never\nmouse = no\n' >"$T/nomouse.ini"
tui_start 80 24 xterm-256color --config "$T/nomouse.ini"
eq "$(tm display-message -p '#{mouse_standard_flag}#{mouse_sgr_flag}')" 00 \
    "[ui] mouse = no: the terminal keeps the mouse (its own selection works)"
"$FU" --config "$T/nomouse.ini" paths >/dev/null 2>&1 || fail "mouse = no is a valid setting"
printf '[ui]\nmouse = perhaps\n' >"$T/bad.ini"
"$FU" --config "$T/bad.ini" --db "$DB" list >/dev/null 2>"$T/err"; rc=$?
[ "$rc" -ne 0 ] || fail "mouse = perhaps is refused"
expect_err "[ui] mouse = perhaps: use yes or no" "and says what to write"
finish
