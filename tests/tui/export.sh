#!/bin/sh
# The export prompt of the status report (issue 14), at 80x24 and 160x45:
# the proposed name is selected, so typing replaces it; an existing file is
# not overwritten without asking; a CSV written from the interface starts
# with the BOM Excel needs.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
esc=$(printf '\033')
for size in "80 24" "160 45"; do
    set -- $size
    out=$T/out-$1.csv
    tui_start "$1" "$2" xterm-256color
    tui_keys r; expect_screen "Status report" "$1x$2: the report"
    tui_keys e; expect_screen "Export to" "$1x$2: the prompt"
    tui_screen_e | tail -1 | grep -qE "${esc}\[[0-9;]*7m(${esc}\[[0-9;]*m)*report\.html" ||
        fail "$1x$2: the proposed name is not shown selected: $(tui_screen_e | tail -1 | cat -v)"
    tui_type "$out"                # replaces report.html, not appended to it
    expect_screen "Export to (.html .csv .xlsx …): $out" "$1x$2: typed over"
    expect_no_screen "report.html$out" "$1x$2: not appended"
    tui_keys Enter; expect_screen "Report written to $out" "$1x$2: written"
    [ "$(head -c 3 "$out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "$1x$2: no BOM in the CSV"
    sed '1s/^\xef\xbb\xbf//' "$out" | head -1 | grep -q "^dept,role," || fail "$1x$2: CSV header"
    # again: the file exists, and No keeps it
    echo "keep me" >"$out"
    tui_keys e; tui_type "$out"; tui_keys Enter
    expect_screen "exists: overwrite it?" "$1x$2: asks before overwriting"
    expect_screen "No, choose another name" "$1x$2: No is offered (and first)"
    tui_keys Enter
    expect_screen "Export to (.html .csv .xlsx …): $out" "$1x$2: back to the name"
    eq "$(cat "$out")" "keep me" "$1x$2: the file is untouched"
    tui_keys Enter; expect_screen "exists: overwrite it?" "$1x$2: asks again"
    tui_keys Down Enter; expect_screen "Report written to $out" "$1x$2: overwritten on Yes"
    sed '1s/^\xef\xbb\xbf//' "$out" | head -1 | grep -q "^dept,role," || fail "$1x$2: the new report"
    # arrows keep the proposed name and let it be mended
    tui_keys e End; tui_keys BSpace BSpace BSpace BSpace; tui_type "md"; tui_keys Enter
    expect_screen "Report written to report.md" "$1x$2: the proposed name mended"
    rm -f report.md
    tui_keys q q
done
finish
