#!/bin/sh
# Colours when the terminal has them (status colours, red overdue, the
# lights' letters in red, yellow, blue), plain attributes otherwise;
# NO_COLOR and [ui] color obeyed.
# And the report switcher when the database holds more than one report.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
soon=$(date -d "+3 days" +%Y-%m-%d 2>/dev/null || date -v+3d +%Y-%m-%d)
fu assign 2.4 区知识产权局 --due 2024-01-31; expect_rc 0 "overdue"
fu assign 2.5 区科委 --due "$soon"; expect_rc 0 "due soon"
fu assign 3.1 区科委 --due 2099-12-31; expect_rc 0 "due later"
fu status 2.1 delayed

printf '[ui]\nlanguage = en\ncolor = auto\nwarn_days = 7\n' >"$T/auto.ini"
printf '[ui]\nlanguage = en\ncolor = always\n' >"$T/always.ini"
ESC=$(printf '\033')
has_colour() { tui_screen_e | grep -q "$ESC\[3[1-7]m\|$ESC\[[0-9;]*3[1-7]m"; }
row_e() { tui_screen_e | grep -F -- " $1 " | head -1; }

tui_start 100 30 xterm-256color --config "$T/auto.ini"
expect_screen "2024-01-31 R" "overdue light"
expect_screen "${soon} B" "due-soon light"
expect_screen "2099-12-31 " "no light when due later"
has_colour || fail "colour=auto on xterm-256color: no colour"
row_e 2.4 | grep -q "$ESC\[[0-9;]*31m2024-01-31" || fail "overdue date not red: $(row_e 2.4 | cat -v)"
row_e 2.5 | grep -q "$ESC\[[0-9;]*34mB" || fail "due-soon light not blue: $(row_e 2.5 | cat -v)"
row_e 2.1 | grep -q "$ESC\[[0-9;]*31mDelayed" || fail "delayed status not red: $(row_e 2.1 | cat -v)"

TUI_ENV="NO_COLOR=1" tui_start 100 30 xterm-256color --config "$T/auto.ini"
has_colour && fail "NO_COLOR set: colour shown"
expect_screen "2024-01-31 R" "the light stays without colour"
TUI_ENV="NO_COLOR=1" tui_start 100 30 xterm-256color --config "$T/always.ini"
has_colour || fail "color = always overrides NO_COLOR"
tui_start 100 30 vt100 --config "$T/always.ini"
has_colour && fail "vt100 has no colours"
tui_screen_e | grep -q "$ESC\[7m" || fail "vt100: the cursor row in reverse video"
tui_start 100 30 xterm-256color
has_colour && fail "color = never (test config)"

# two reports: the header says so and R switches
cat >"$T/r2.txt" <<'EOR'
关于测试工作落实情况的报告
发布部门:区科委
发布时间:2024年03月01日
政策文号:静府议〔2024〕9号
区人大常委会:现将有关情况报告如下:一、加强测试工作一是完善测试体系。将持续推进测试工作。二是加强队伍建设。要加快培养测试人才。上海市静安区人民政府2024年3月1日
EOR
fu import "$T/r2.txt"; expect_rc 0 "second report"
tui_start 100 30 xterm-256color
expect_screen "[2 reports · R]" "header counts the reports"
tui_keys R; expect_screen "R2 静府议〔2024〕9号" "switcher lists the reports"
tui_type "9号"; tui_keys Enter
expect_screen "R2 静府议〔2024〕9号 关于测试工作落实情况的报告" "R2 shown"
expect_screen "完善测试体系" "R2's items"
expect_no_screen "知识产权" "R1's items gone"
tui_keys R; tui_type "3号"; tui_keys Enter
expect_screen "深入推进知识产权发展战略" "back to R1"
finish
