#!/bin/sh
# The workflow in the interface: the three-colour lights in the list (the
# letter in red, yellow or blue; the letter alone under NO_COLOR); the
# detail with the leader's instruction first, the extension requests and
# the attachments, and w saving one to a typed path byte for byte; the
# pending requests view (P): the committee approves (y) and denies (x,
# with a reason), a liaison is refused; at 80x24 and 160x45.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

day() { python3 -c 'import datetime,sys; print(datetime.date.today() + datetime.timedelta(days=int(sys.argv[1])))' "$1"; }
fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "liaison"
fu user add leader --role viewer; expect_rc 0 "leader"
fu assign 2.4 区知识产权局 --due "$(day -1)"; expect_rc 0 "2.4 overdue"       # red
fu assign 2.5 - --due "$(day 7)"; expect_rc 0 "2.5 due in 7 days"            # blue
fu assign 2.2 - --due "$(day 8)"; expect_rc 0 "2.2 due in 8 days"            # none
fu status 2.3 delayed; expect_rc 0 "2.3 delayed"                              # yellow
fu assign 1.2 - --due "$(day -3)"; expect_rc 0 "1.2 overdue"                 # red
fu cycle 3.1 weekly --from "$(day -20)"; expect_rc 0 "3.1 feedback overdue"   # yellow
fu --as leader instruct 2.4 "请加快推进，月底前报送进展"; expect_rc 0 "instruction"
fu --as liaison extend 2.4 --to "$(day 60)" --reason "需等待市级政策出台"; expect_rc 0 "request"
fu extend 3.2 --to "$(day 90)" --reason "调整计划"; expect_rc 0 "a second request"
python3 -c 'import os,sys; sys.stdout.buffer.write(bytes(range(256)) + os.urandom(5000))' >"$T/纪要.bin"
fu --as liaison attach 2.4 "$T/纪要.bin" --note "座谈会纪要"; expect_rc 0 "attach"

printf '[ui]\nlanguage = en\ncolor = auto\nwarn_days = 7\n' >"$T/auto.ini"
ESC=$(printf '\033')
row() { tui_screen | grep -F -- " $1 " | head -1; }
row_e() { tui_screen_e | grep -F -- " $1 " | head -1; }

# ---- lights in colour ----------------------------------------------------------------------
tui_start 80 24 xterm-256color --config "$T/auto.ini"
expect_screen "$(day -1) R" "2.4: the red light"
row 2.5 | grep -q "$(day 7) B" || fail "2.5 (due in warn_days) is blue: $(row 2.5)"
row 2.2 | grep -q "$(day 8)   " || fail "2.2 (a day later) has no light: $(row 2.2)"
row 2.3 | grep -q " Y " || fail "2.3 (delayed) is yellow: $(row 2.3)"
row 3.1 | grep -q " Y " || fail "3.1 (feedback overdue) is yellow: $(row 3.1)"
row_e 2.4 | grep -q "$ESC\[[0-9;]*31mR" || fail "R not in red: $(row_e 2.4 | cat -v)"
row_e 2.5 | grep -q "$ESC\[[0-9;]*34mB" || fail "B not in blue: $(row_e 2.5 | cat -v)"
row_e 2.3 | grep -q "$ESC\[[0-9;]*33mY" || fail "Y not in yellow: $(row_e 2.3 | cat -v)"

# ---- the detail: instruction first, requests, attachments; w saves one ----------------------
tui_keys j j j j j j j j Enter
expect_screen "Leaders' instructions" "detail: the instruction"
s=$(tui_screen)
python3 - "$s" <<'EOF' || fail "detail: the instruction comes before the fields"
import sys
s = sys.argv[1]
assert s.index("请加快推进") < s.index("Status "), s
EOF
expect_screen "(no progress note since)" "detail: not yet answered"
expect_screen "Extension requests" "detail: the requests"
expect_screen "pending" "detail: pending"
tui_screen | grep -qF "纪要.bin" || tui_keys PgDn
expect_screen "Attachments (w saves one)" "detail: the attachments"
expect_screen "纪要.bin" "detail: the attachment's name"
expect_screen "Light           red: overdue" "detail: the light"
tui_keys w; expect_screen "Save to: 纪要.bin" "w asks where"
tui_keys C-u; tui_type "$T/back.bin"; tui_keys Enter
# the message names the path, cut at 80 columns when the checkout's path is long
expect_screen "(5256 bytes) saved to " "saved"
cmp -s "$T/纪要.bin" "$T/back.bin" || fail "the saved file differs"
tui_keys w; tui_keys C-u; tui_type "$T/back.bin"; tui_keys Enter
expect_screen "exists already" "an existing file is not overwritten"
tui_keys Escape; tui_keys q

# ---- the pending requests view -------------------------------------------------------------
tui_keys P
expect_screen "Extension requests waiting (2)" "P: the pending requests"
expect_screen "需等待市级政策出台" "the request's reason"
expect_screen "调整计划" "the second request"
tui_keys y
expect_screen "R1:2.4: extension approved, due $(day 60)" "y approves"
expect_screen "Extension requests waiting (1)" "one left"
tui_keys x; expect_screen "Reason for denying:" "x asks why"
tui_keys Enter; expect_screen "Say why it is denied" "a reason is needed"
tui_type "计划不变"; tui_keys Enter
expect_screen "R1:3.2: extension denied" "x denies"
expect_screen "No extension request is waiting for a decision." "none left"
tui_keys q
expect_screen "$(day 60)" "the list shows the new due date"
[ "$(task_field 2.4 due)" = "\"$(day 60)\"" ] || fail "the due date did not move: $(task_field 2.4 due)"
fu show 3.2; expect_out "计划不变" "the denial's reason is stored"

# ---- a liaison may look but not decide; 160x45; NO_COLOR ---------------------------------------
fu --as liaison extend 2.4 --to "$(day 120)" --reason "再申请"; expect_rc 0 "a third request"
TUI_ENV="NO_COLOR=1" tui_start 160 45 xterm-256color --config "$T/auto.ini" --as liaison
tui_screen_e | grep -q "$ESC\[3[1-7]m\|$ESC\[[0-9;]*3[1-7]m" && fail "NO_COLOR: colour shown"
tui_keys A
expect_screen "$(day -3) R" "NO_COLOR: the letter R"
row 2.3 | grep -q " Y " || fail "NO_COLOR: the letter Y: $(row 2.3)"
row 2.5 | grep -q "$(day 7) B" || fail "NO_COLOR: the letter B: $(row 2.5)"
tui_keys P; expect_screen "Extension requests waiting (1)" "the liaison sees the request"
tui_keys y; expect_screen "only committee users approve or deny" "the liaison is refused"
tui_keys q; tui_keys q
expect_screen "EXITED:0" "quits cleanly"
fu extend list; expect_out "再申请" "nothing decided by the liaison"
finish
