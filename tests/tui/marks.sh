#!/bin/sh
# Marks, bulk changes and undo (issue 14), at 80x24 and 160x45: m marks
# rows (a mark column), s/a/d change every marked task in one transaction
# with one summary line, u undoes the whole bulk change as new history rows
# (never deleting any), u is refused with the reason when someone else
# changed the task since, and M clears the marks.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

rows() { sqlite3 "$DB" "SELECT count(*) FROM history"; }
status_of() { sqlite3 "$DB" "SELECT status FROM tasks WHERE code = '$1' AND kind = 'item'"; }

for size in "80 24" "160 45"; do
    set -- $size
    rm -f "$DB"; fu import "$SEED"; expect_rc 0 "import"
    fu user add bob --role department --dept 区科委; expect_rc 0 "user add"
    tui_start "$1" "$2" xterm-256color
    expect_no_screen "marked" "$1x$2: no marks at the start"
    # 1.1, 1.3 and 2.2 marked (rows: 1 1.1 1.2 1.3 2 2.1 2.2); m moves down
    tui_keys j m j m j j m
    expect_screen "3 marked" "$1x$2: the status line counts the marks"
    [ "$(tui_screen | grep -c '^\*')" -eq 3 ] || fail "$1x$2: three rows carry the mark:
$(tui_screen)"
    tui_screen | grep -q '^\*   + 1.1 ' || fail "$1x$2: 1.1 is marked: $(tui_screen | head -6)"
    n0=$(rows)
    tui_keys s; expect_screen "Status of the 3 marked tasks" "$1x$2: the picker is for the marked"
    tui_type "delayed"; tui_keys Enter
    expect_screen "status → Delayed: 3 of 3 marked tasks changed, 0 already so; u undoes" \
        "$1x$2: one summary line"
    for c in 1.1 1.3 2.2; do eq "$(status_of $c)" delayed "$1x$2: $c delayed"; done
    eq "$(status_of 1.2)" todo "$1x$2: an unmarked task is untouched"
    eq "$(rows)" $((n0 + 3)) "$1x$2: one history row a task"
    [ "$1" = 80 ] && tui_screen >"$T/bulk-80x24.txt"
    # one transaction: a bulk change that one task refuses changes none
    tui_keys d; expect_screen "Due date of the 3 marked tasks:" "$1x$2: due prompt for the marked"
    tui_type "年底"; tui_keys Enter
    expect_screen "due date → $(date +%Y)-12-31: 3 of 3 marked tasks changed" "$1x$2: bulk due"
    # undo: the due dates go, as new history rows
    n1=$(rows)
    tui_keys u
    expect_screen "Undone: the due date of 3 tasks (recorded in the history)." "$1x$2: undo bulk due"
    eq "$(sqlite3 "$DB" "SELECT count(*) FROM tasks WHERE due IS NOT NULL")" 0 "$1x$2: dues undone"
    eq "$(rows)" $((n1 + 3)) "$1x$2: undo adds rows and deletes none"
    tui_keys u
    expect_screen "Undone: the status of 3 tasks" "$1x$2: undo bulk status"
    for c in 1.1 1.3 2.2; do eq "$(status_of $c)" todo "$1x$2: $c back to todo"; done
    [ "$1" = 80 ] && tui_screen >"$T/undo-80x24.txt"
    tui_keys u; expect_screen "Nothing to undo" "$1x$2: nothing left to undo"
    # someone else changes a task after our change: undo is refused with the reason
    tui_keys s; tui_type "In progress"; tui_keys Enter
    expect_screen "3 of 3 marked tasks changed" "$1x$2: bulk active"
    "$FU" --db "$DB" --as bob status 1.3 delayed >/dev/null 2>&1 || fail "bob changes 1.3"
    n2=$(rows)
    tui_keys u
    expect_screen "Not undone: task 1.3 was changed by root as bob at" "$1x$2: undo refused, saying why"
    eq "$(rows)" "$n2" "$1x$2: a refused undo writes nothing"
    eq "$(status_of 1.1)" active "$1x$2: 1.1 stays"
    # M clears the marks; then s acts on the cursor's task alone
    tui_keys M; expect_screen "3 marks cleared." "$1x$2: M clears"
    expect_no_screen "marked" "$1x$2: no mark left"
    tui_keys s; expect_screen "Status of 2.3 (now Not started)" "$1x$2: single again"
    tui_keys Escape
    # a single change is undone too
    tui_keys a; tui_type "财政"; tui_keys Enter
    expect_screen "2.3: lead department 区财政局" "$1x$2: single lead change"
    tui_keys u; expect_screen "Undone: the lead department change" "$1x$2: single undo"
    eq "$(sqlite3 "$DB" "SELECT d.name FROM tasks t JOIN departments d ON d.id = t.lead_id WHERE t.code = '2.3'")" 区科委 "$1x$2: lead back"
    # a note cannot be taken back, and u says so
    tui_keys c; tui_type "已召开推进会"; tui_keys Enter
    expect_screen "2.3: progress note added" "$1x$2: note"
    tui_keys u; expect_screen "A progress note cannot be taken back" "$1x$2: notes are not undone"
    tui_keys q
done
finish
