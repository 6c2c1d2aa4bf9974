#!/bin/sh
# 80x24 as a first-class size, and 160x45 (issue 14): the text column
# keeps at least half the list's width (long names cut by display width,
# short status labels); the detail shows status, lead, supporting
# departments, due date and the latest note above the report's text;
# multi-line notes keep their lines; the status line reads as words; the
# footer shows the keys of the view that has focus (list, detail, picker,
# status report).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区行政服务中心 --support 区审改办 --due 2026-12-15; expect_rc 0 "assign"
fu note 2.4 "第一行：窗口已设立
第二行：远程受理已上线"; expect_rc 0 "a note of two lines"

# column where the text of row CODE starts (its first four characters)
text_col() {
    _t=$("$FU" --db "$DB" list --format json | grep -F "\"code\":\"$1\"" | head -1 |
        sed -n 's/.*"text":"\([^"]*\)".*/\1/p' | head -c 12)
    _l=$(tui_screen | grep -F -- " $1 " | grep -F -- "$_t" | head -1)
    cols_of "${_l%%"$_t"*}"
}
for size in "80 24" "160 45"; do
    set -- $size
    tui_start "$1" "$2" xterm-256color
    list_w=$1; [ "$1" -ge 120 ] && list_w=$(( $1 - $1 * 2 / 5 ))
    c=$(text_col 2.4)
    [ "$c" -le $(( list_w / 2 )) ] || fail "$1x$2: the text starts at column $c of $list_w"
    tui_keys /; tui_type "知识产权发展"; tui_keys Enter; expect_cursor 2.4 "$1x$2: on 2.4"
    expect_screen "2.4 · row 9/14 · 14 shown of 56 · items 11: Not started 11" "$1x$2: the status line in words"
    [ "$1" = 80 ] && expect_screen "区行 …" "$1x$2: a long name cut by display width"
    tui_keys C-l; expect_screen "Enter detail" "$1x$2: the list's keys"
    tui_keys Enter
    [ "$1" = 80 ] && expect_screen "j scroll  s status" "$1x$2: the detail's keys"
    tui_screen >"$T/detail"
    line_of() { grep -n -F -- "$1" "$T/detail" | head -1 | cut -d: -f1; }
    for f in "Status " "Lead " "Supporting " "Due " "Latest note "; do
        n=$(line_of "$f"); b=$(line_of "以构建集培育")
        [ -n "$n" ] && [ -n "$b" ] && [ "$n" -lt "$b" ] ||
            fail "$1x$2: '$f' is not above the report's text (line ${n:-none}, text ${b:-none})"
    done
    expect_screen "第一行：窗口已设立" "$1x$2: the latest note at the top"
    [ "$1" = 80 ] && cp "$T/detail" "$T/detail-80x24.txt"
    # the note's two lines stay two lines (further down at 80x24)
    [ "$1" = 80 ] && tui_keys C-f
    tui_wait "第二行：远程受理已上线" || fail "$1x$2: the note's second line: $(tui_screen)"
    tui_screen | grep -F "第二行：远程受理已上线" | grep -qF "第一行" &&
        fail "$1x$2: the note's lines are run together"
    tui_screen | grep -qE "^ *(x )? *第一行：窗口已设立 *$" ||
        fail "$1x$2: the note's first line is not a line of its own: $(tui_screen)"
    tui_keys q
    # the footer follows the focused view: a picker, the status report
    tui_keys s; expect_screen "Enter take  Esc cancel" "$1x$2: the picker's keys"
    tui_keys Escape; tui_keys r; expect_screen "e export  q back" "$1x$2: the report's keys"
    tui_keys q
done
finish
