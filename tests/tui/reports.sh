#!/bin/sh
# Across reports at 80x24, with three reports in the database: a liaison
# whose tasks are all in the third report opens there on their own tasks
# (not on "no task in this report"); the report picker shows each report's
# counts, the same as `followup reports`, and the liaison's own.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"
export FOLLOWUP_TODAY=2024-07-01
F=$ROOT/tests/fixtures

fu import "$SEED"; fu import "$F/parse-markers.txt"; fu import "$F/parse-rectification.txt"
expect_rc 0 "three reports"
fu dept add 区审计局; fu assign R3:2.1 区审计局; expect_rc 0 "R3:2.1 to 区审计局"
fu user add aud --role department --dept 区审计局; expect_rc 0 "a liaison of R3 only"
fu assign R1:1.1 - --due 2024-06-01; fu status R1:1.2 submitted; expect_rc 0 "counts to show"
fu reports; cp "$T/out" "$T/reports"

TUI_READY="R3 " tui_start 80 24 xterm-256color --as aud
expect_screen "aud (department)" "the liaison"
expect_screen "filter: my departments" "on their own tasks"
expect_screen "预算执行方面的问题" "R3:2.1 is shown"
expect_no_screen "have no task in this report" "not an empty first screen"
tui_screen | head -1 | grep -q "^R3 " || fail "the header names R3: $(tui_screen | head -1)"

tui_keys R; expect_screen "Report" "the report picker"
set -- $(grep "^R1 " "$T/reports")
expect_screen "R1 静府议〔2024〕3号 · $4 items, $5 overdue, $6 submitted, 0 yours" "R1's counts"
set -- $(grep "^R3 " "$T/reports")
expect_screen "R3 · $4 items, $5 overdue, $6 submitted, 3 yours" "R3's counts, 3 of them the liaison's"
tui_keys Escape

# the committee (no departments) opens on the first report as before
tui_start 80 24 xterm-256color
tui_screen | head -1 | grep -q "^R1 " || fail "the committee opens on R1: $(tui_screen | head -1)"
tui_keys R; expect_screen "R2 沪府办〔2025〕12号 ·" "the committee's picker has counts"
expect_no_screen "yours" "no own count for a user without departments"
finish
