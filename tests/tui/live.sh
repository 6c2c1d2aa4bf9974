#!/bin/sh
# Live: a change made by another process shows within two seconds without
# a key, and the cursor stays on its task even when rows above it move.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
tui_start 100 30 xterm-256color
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"

ms() { date +%s%3N; }
"$FU" --db "$DB" status 2.4 delayed --note "另一终端" >/dev/null 2>&1 || fail "status from the shell"
t0=$(ms)     # the change is committed: from here the screen has two seconds
if tui_wait "+ 2.4     Delayed" 3; then
    dt=$(( $(ms) - t0 ))
    [ "$dt" -le 2000 ] || fail "the change took ${dt} ms to show (limit 2000)"
else
    fail "the change made by another process never showed: $(tui_screen)"
fi
expect_screen "Delayed 1" "the counts follow"
expect_cursor 2.4 "cursor stays on 2.4"

# the detail follows too
tui_keys Enter; expect_screen "Delayed (滞后)" "detail shows the new status"
"$FU" --db "$DB" note 2.4 "外部进展说明" >/dev/null 2>&1
expect_screen "外部进展说明" "a note added elsewhere shows in the open detail" 2
tui_keys q

# with a filter, rows above the cursor disappear: the cursor keeps its task
for c in 2.1 2.2 2.5; do "$FU" --db "$DB" status $c delayed >/dev/null 2>&1; done
tui_keys f; expect_screen "Department…" "filter menu"
tui_type "Status"; tui_keys Enter
expect_screen "Filter: status" "status filter picker"
tui_type "Delayed"; tui_keys Enter
expect_screen "filter: Delayed" "header names the filter"
expect_screen "    2.1     Delayed" "2.1 matches"
# 2.5 was changed last by the other process: wait until it is shown, or G
# may land on the last row shown before it arrived
expect_screen "    2.5     Delayed" "2.5 matches"
expect_no_screen "2.3 " "2.3 does not"
tui_keys G; expect_cursor 2.5 "on 2.5, the last match"
row_before=$(tui_screen | tail -2 | head -1 | awk '{print $4}')
"$FU" --db "$DB" status 2.1 active >/dev/null 2>&1
"$FU" --db "$DB" status 2.2 active >/dev/null 2>&1
tui_wait_gone "2.2 " 3 || fail "2.2 leaves the filtered list"
expect_cursor 2.5 "cursor still on 2.5"
row_after=$(tui_screen | tail -2 | head -1 | awk '{print $4}')
[ "$row_before" != "$row_after" ] || fail "the rows above should have moved ($row_before)"
finish
