#!/bin/sh
# Order and shape of the list (issue 14), at 80x24 and 160x45: S sorts the
# items (due date, status, overdue first, last updated, back to the tree),
# zR / zM expand and collapse everything, a search highlights its match and
# says "Match 3 of 17", and after an edit that takes the task out of the
# filter the cursor stays on the next row and the message says it left the
# view.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

# codes of the list's rows, top to bottom
row_codes() {
    tui_screen | sed -n '3,$p' | head -n -2 | awk '
        $1 ~ /^[0-9]+(\.[0-9]+)*$/ {print $1; next}
        ($1 == "-" || $1 == "+") && $2 ~ /^[0-9]+(\.[0-9]+)*$/ {print $2}' | tr '\n' ' '
}

for size in "80 24" "160 45"; do
    set -- $size
    rm -f "$DB"; fu import "$SEED"; expect_rc 0 "import"
    fu assign 3.1 - --due 2024-05-01; fu assign 1.2 - --due 2099-01-01; fu assign 2.4 - --due 2098-06-30
    fu status 2.2 delayed; fu status 1.1 active
    tui_start "$1" "$2" xterm-256color

    # sort
    tui_keys S; expect_screen "Order" "$1x$2: the order picker"
    tui_type "due date"; tui_keys Enter
    expect_screen "Items by due date (S changes the order)." "$1x$2: sorted by due"
    expect_screen "by due date" "$1x$2: the header says the order"
    case "$(row_codes)" in "3.1 2.4 1.2 1.1 "*) ;; *) fail "$1x$2: by due: $(row_codes)" ;; esac
    tui_keys S; tui_type "status"; tui_keys Enter; expect_screen "Items by status" "$1x$2: by status"
    case "$(row_codes)" in "1.2 1.3 2.1 2.3 2.4 2.5 3.1 3.2 3.3 1.1 2.2 ") ;;
        *) fail "$1x$2: by status (todo, active, delayed): $(row_codes)" ;; esac
    tui_keys S; tui_type "overdue"; tui_keys Enter; expect_screen "Items by overdue first" "$1x$2: overdue first"
    case "$(row_codes)" in "3.1 1.1 1.2 "*) ;; *) fail "$1x$2: overdue first: $(row_codes)" ;; esac
    tui_keys S; tui_type "last updated"; tui_keys Enter; expect_screen "Items by last updated" "$1x$2: last updated"
    case "$(row_codes)" in "1.1 2.2 2.4 1.2 3.1 "*) ;; *) fail "$1x$2: last updated: $(row_codes)" ;; esac
    "$FU" --db "$DB" note 3.3 "刚更新" >/dev/null 2>&1
    first_is() { case "$(row_codes)" in "3.3 1.1 "*) return 0 ;; esac; return 1; }
    wait_until 4 first_is || fail "$1x$2: a change comes first: $(row_codes)"
    tui_keys S; tui_type "tree"; tui_keys Enter
    expect_screen "In the report's order (the tree)." "$1x$2: back to the tree"
    case "$(row_codes)" in "1 1.1 1.2 1.3 2 "*) ;; *) fail "$1x$2: the tree: $(row_codes)" ;; esac

    # zR / zM
    tui_keys z R; expect_screen "Everything expanded (zM collapses)." "$1x$2: zR"
    row_codes | grep -qE '[0-9]+\.[0-9]+\.[0-9]+ ' || fail "$1x$2: statements shown: $(row_codes)"
    tui_keys z M; expect_screen "Everything collapsed (zR expands)." "$1x$2: zM"
    [ "$(row_codes)" = "1 2 3 " ] || fail "$1x$2: collapsed to the sections: $(row_codes)"
    expect_cursor 3 "$1x$2: the cursor (on 3.3) goes to its section"
    tui_keys z R

    # search: highlight and count
    tui_keys g; tui_keys /; tui_type "知识产权"; tui_keys Enter
    expect_screen "Match 1 of " "$1x$2: the match's place"
    total=$(tui_screen | tail -1 | sed -n 's/.*Match 1 of \([0-9]*\).*/\1/p')
    want=$(sqlite3 "$DB" "SELECT count(*) FROM tasks WHERE withdrawn = 0 AND (text LIKE '%知识产权%' OR body LIKE '%知识产权%' OR code LIKE '%知识产权%' OR lead_id IN (SELECT id FROM departments WHERE name LIKE '%知识产权%') OR id IN (SELECT task_id FROM task_support s JOIN departments d ON d.id = s.dept_id WHERE d.name LIKE '%知识产权%'))")
    eq "$total" "$want" "$1x$2: the count is the tasks that match"
    tui_keys n; expect_screen "Match 2 of $total" "$1x$2: n moves on"
    tui_keys N; expect_screen "Match 1 of $total" "$1x$2: N moves back"
    esc=$(printf '\033')
    tui_screen_e | grep -F "知识产权" | grep -q "${esc}\[[0-9;]*[17]m知识产权" ||
        fail "$1x$2: the match is not in reverse video"
    tui_keys Escape

    # an edit that takes the task out of the filter: 2.3 is overdue, then given time
    fu assign 2.3 - --due 2024-01-01; expect_rc 0 "2.3 overdue"
    tui_wait "2024-01-01" 3 || fail "$1x$2: the interface shows 2.3's new date"
    tui_keys f; tui_type "Overdue"; tui_keys Enter
    expect_screen "filter: overdue" "$1x$2: overdue filter"
    tui_keys g; tui_keys /; tui_type "数字科创"; tui_keys Enter; expect_cursor 2.3 "$1x$2: on 2.3"
    tui_keys d C-u; tui_type "+30d"; tui_keys Enter
    expect_screen "2.3: due $(date -d '+30 days' +%F); it left the view" "$1x$2: says it left"
    expect_cursor 3 "$1x$2: the cursor on the next row"
    eq "$(sqlite3 "$DB" "SELECT due FROM tasks WHERE code = '2.3'")" "$(date -d '+30 days' +%F)" "$1x$2: 2.3 changed"
    eq "$(sqlite3 "$DB" "SELECT due FROM tasks WHERE code = '3.1'")" 2024-05-01 "$1x$2: 3.1 not"
    tui_keys q
done
finish
