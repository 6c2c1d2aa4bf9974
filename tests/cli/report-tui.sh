#!/bin/sh
# The interface's report screen (r), driven through tmux: the summary by
# department with progress bars, the overdue and due-soon items, export
# to a path typed (the extension picks the format), refusal of an unknown
# extension, back to the list; in Chinese too. The interface counts days
# from the local date, as its task list does.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

late=$(date -d '-5 days' +%F) soon=$(date -d '+3 days' +%F)
fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区知识产权局 --support 区审改办 --due "$late"; expect_rc 0 "2.4 overdue"
fu assign 2.1 - --due "$soon"; expect_rc 0 "2.1 due soon"
fu status 2.2 done; expect_rc 0 "2.2 done"

tui_start 100 30 xterm-256color
tui_keys r
expect_screen "Status report 静府议〔2024〕3号" "the report screen opens on r"
expect_screen "11 items: 1 done (9.1%), 1 overdue, 1 due within 7 days" "summary"
expect_screen "区审改办" "supporting department listed"
expect_screen "Overdue (1)" "overdue heading"
tui_screen | grep -q "^ 2\.4 .* 5 区知识产权局 .*深入推进知识产权发展战略" ||
    fail "overdue row: $(tui_screen | grep -F '2.4')"
tui_screen | grep -q "^ 2\.1 .* 3 区科委 .*推动科技金融融合" || fail "due-soon row"
tui_screen | grep -F "区科委" | grep -q "█" || fail "no progress bar: $(tui_screen | grep -F 区科委)"
# every department row ends in the same column (display width, not bytes)
tui_screen | grep -E "^ 区(科委|知识产权局|审改办) " >"$T/rows"
w0=""; while IFS= read -r line; do
    w=$(cols_of "$line"); [ -z "$w0" ] && w0=$w
    [ "$w" = "$w0" ] || fail "department rows misaligned: $w vs $w0: $line"
done <"$T/rows"

tui_keys e; expect_screen "Export to" "export prompt"
tui_keys C-u; tui_type "$T/exported.csv"; tui_keys Enter
# The message names the path, cut at the screen's width when the checkout's
# path is long: wait for the file (written whole, then renamed) and the words.
wait_export() {
    _n=100
    while [ ! -s "$1" ] && [ "$_n" -gt 0 ]; do sleep 0.05; _n=$((_n - 1)); done
    [ -s "$1" ] || fail "export: $1 was not written"
    expect_screen "Report written to " "$2"
}
wait_export "$T/exported.csv" "export message"
head -c 3 "$T/exported.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "the CSV from the interface has Excel's BOM"
head -1 "$T/exported.csv" | sed '1s/^\xef\xbb\xbf//' | grep -q "^dept,role,section_code," || fail "exported CSV header"
eq "$(grep -c ',item,' "$T/exported.csv")" 12 "exported CSV rows (11 leads, 1 supporter)"
for ext in xlsx docx; do   # the office files too, by their extension
    tui_keys e; tui_keys C-u; tui_type "$T/exported.$ext"; tui_keys Enter
    wait_export "$T/exported.$ext" "export .$ext"
done
unzip -l "$T/exported.xlsx" | grep -q "xl/worksheets/sheet4.xml" || fail "exported xlsx has no sheets"
unzip -p "$T/exported.docx" word/document.xml | grep -q "w:tblHeader" || fail "exported docx"
tui_keys e; tui_keys C-u; tui_type "$T/exported.pdf"; tui_keys Enter
expect_screen "the extension names no format" "unknown extension refused"
[ -e "$T/exported.pdf" ] && fail "a file was written for an unknown extension"
tui_keys Escape; tui_wait_gone "Export to" || fail "the prompt stays"
tui_keys q; tui_wait_gone "Status report" || fail "q leaves the report screen"
expect_screen "Enter detail" "back in the list"
tui_keys '?'; tui_keys G
expect_screen "status report: departments with progress bars" "help names r"

# Chinese
mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/followup.mo" "$ROOT/po/zh_CN.po" || fail "msgfmt"
sed -e 's/^language = en/language = zh/' "$FOLLOWUP_CONFIG" >"$T/zh.ini"
TUI_ENV="FOLLOWUP_LOCALEDIR=$T/locale" tui_start 100 30 xterm-256color --config "$T/zh.ini"
tui_keys r
expect_screen "督办情况报告 静府议〔2024〕3号" "zh title"
expect_screen "共11项事项，已办结1项（9.1%），逾期1项，临期1项（7日内到期）" "zh summary"
expect_screen "逾期事项（1项）" "zh overdue heading"
finish
