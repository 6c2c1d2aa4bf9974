#!/bin/sh
# The filter (f): by department (lead or supporting), by status, overdue
# only; matching rows with their context, the header naming the filter,
# and clearing it.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区知识产权局 --support 区审改办 --due 2024-01-31; expect_rc 0 "overdue 2.4"
fu assign 1.2 区审改办 --due 2099-01-01; expect_rc 0 "1.2 to 区审改办"
fu status 3.2 delayed

tui_start 100 30 xterm-256color
tui_keys f; expect_screen "Department…" "filter menu"
tui_keys Enter; expect_screen "Filter: department" "department picker"
tui_type "审改"; tui_keys Enter
expect_screen "filter: 区审改办" "header names the department"
expect_screen "  - 1.2 " "1.2 (lead 区审改办) shown, expanded under a filter"
expect_screen "2.4 " "2.4 (supporting 区审改办) shown"
expect_no_screen " 2.1 " "2.1 hidden"
expect_screen "- 1 " "section 1 as context"

tui_keys f; tui_type "Overdue"; tui_keys Enter
expect_screen "filter: 区审改办 overdue" "filters combine"
expect_no_screen " 1.2 " "1.2 is not overdue"
expect_screen " 2.4 " "2.4 is"
expect_screen "items 1" "counts follow the filter"

tui_keys f; tui_type "Clear"; tui_keys Enter
tui_wait_gone "filter:" || fail "the filter is cleared"
expect_screen "items 11" "all items again"

tui_keys f; tui_type "Status"; tui_keys Enter; tui_type "滞后"; tui_keys Enter
expect_screen "filter: Delayed" "status filter (typed in Chinese)"
expect_screen "3.2 " "3.2 is delayed"
expect_no_screen " 3.1 " "3.1 is not"
finish
