#!/bin/sh
# Correcting the report from the interface at 80×24 (issue 21): e edits
# the text, I adds under the task, i after it, K J move it up and down,
# > < indent and outdent, D withdraws (with a reason), U restores by code,
# T corrects the report's metadata; u undoes each; ? lists the keys; a
# liaison is refused with the reason and nothing changes. Each result is
# checked on the screen and in the database.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu user add wang --role department --dept 区知识产权局; expect_rc 0 "user add"
q() { sqlite3 -cmd ".timeout 3000" "$DB" "$1"; }
parent_of() { q "SELECT coalesce(p.code, '-') FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_id WHERE t.report_id = 1 AND t.code = '$1'"; }
kids_of() { q "SELECT group_concat(code, ' ') FROM (SELECT code FROM tasks WHERE withdrawn = 0 AND parent_id = (SELECT id FROM tasks WHERE code = '$1') ORDER BY seq)"; }
goto() { tui_keys /; tui_type "$1"; tui_keys Enter; expect_cursor "$2" "on $2"; }

tui_start 80 24 xterm-256color

# ? lists the keys in their own section
tui_keys '?'; expect_screen "Help" "help opens"
# help_page TEXT: pages down until TEXT shows (the help is longer than 24 rows)
help_page() {
    for _p in 1 2 3 4; do tui_wait "$1" 1 && return 0; tui_keys C-f; done
    fail "help lacks '$1': $(tui_screen)"
}
help_page "Correcting the report (committee)"
help_page "restore a withdrawn task, by its code"
help_page "T               correct the report's title"
tui_keys q; tui_wait_gone "Help —" || fail "help closes"

# e: the text, prefilled
goto "体制机制" 1.3
orig=$(q "SELECT text FROM tasks WHERE code = '1.3'")
tui_keys e; expect_screen "Text of 1.3: $(printf '%s' "$orig" | cut -c1-18)" "the prompt holds the text"
tui_keys C-u; tui_type "完善科技创新体制机制（更正）"; tui_keys Enter
expect_screen "1.3: text corrected; u undoes" "e's message"
expect_screen "  + 1.3     Todo    区科委 -            完善科技创新体制机制（更正）" "the new text in the list"
eq "$(q "SELECT text FROM tasks WHERE code = '1.3'")" "完善科技创新体制机制（更正）" "text in the database"
tui_keys u; expect_screen "Undone: the text change" "u undoes the text"
eq "$(q "SELECT text FROM tasks WHERE code = '1.3'")" "$orig" "text back"

# I: an item's new statement; i: a sibling after it (the next numbers)
kids=$(kids_of 1.3)
last=$(q "SELECT max(CAST(substr(code, 5) AS INTEGER)) FROM tasks WHERE code LIKE '1.3.%'")
n3=1.3.$((last + 1)) n4=1.3.$((last + 2))
tui_keys I; expect_screen "New statement under 1.3:" "I prompts"
tui_type "推进科技创新券使用"; tui_keys Enter
expect_screen "$n3 added" "I's message"; expect_cursor "$n3" "the cursor on the new task"
expect_screen "$n3 Todo    区科委 -            推进科技创新券使用" "shown under 1.3, with its lead"
eq "$(parent_of "$n3")" 1.3 "under 1.3 in the database"
tui_keys i; expect_screen "New statement after $n3:" "i prompts"
tui_type "建立科技创新券台账"; tui_keys Enter
expect_screen "$n4 added" "i's message"
eq "$(kids_of 1.3)" "$kids $n3 $n4" "siblings in order"

# K and J: up and down among the siblings, the code kept
tui_keys K; expect_screen "$n4 moved up" "K's message"
eq "$(kids_of 1.3)" "$kids $n4 $n3" "moved up"
tui_keys J; expect_screen "$n4 moved down" "J's message"
eq "$(kids_of 1.3)" "$kids $n3 $n4" "moved down"
tui_keys K; expect_screen "$n4 moved up" "up again"
tui_keys u; expect_screen "Undone: the move change" "u undoes a move"
eq "$(kids_of 1.3)" "$kids $n3 $n4" "the move undone"

# > and <: an item under the section before it, and out again
goto "深化科技创新载体" 2.2
tui_keys '>'; expect_screen "2.1 is an item, which holds only statements" "an item under an item is refused"
goto "打响静安特色" 2
tui_keys '>'; expect_screen "2 moved under the task before it" "> on a section"
eq "$(parent_of 2)" 1 "2 is under 1"
expect_screen "  - 2         Todo    区科委 -" "indented on the screen"
tui_keys '<'; expect_screen "2 moved out of its parent" "<"
eq "$(parent_of 2)" - "2 is at the top again"

# D: withdraw with a reason; U: restore by code
goto "推进科技创新券使用" "$n3"
tui_keys D; expect_screen "Withdraw $n3; why?" "D asks why"
tui_keys Enter; expect_screen "Say why the task goes" "an empty reason is refused"
tui_type "重复"; tui_keys Enter
expect_screen "$n3 withdrawn; u or U brings it back" "D's message"
expect_no_screen "推进科技创新券使用" "gone from the list"
eq "$(q "SELECT withdrawn FROM tasks WHERE code = '$n3'")" 1 "withdrawn in the database"
tui_keys U; expect_screen "Restore the withdrawn task (code):" "U asks for the code"
tui_type "1.9"; tui_keys Enter; expect_screen "no task R1:1.9" "an unknown code"
tui_keys C-u; tui_type "$n3"; tui_keys Enter
expect_screen "$n3 restored; u withdraws it again" "U's message"
expect_screen "推进科技创新券使用" "back in the list"
tui_keys u; expect_screen "Undone: the restore change" "u undoes the restore"
eq "$(q "SELECT withdrawn FROM tasks WHERE code = '$n3'")" 1 "withdrawn again"
tui_keys u; expect_screen "Undone: the withdrawal change" "u undoes the withdrawal"
eq "$(q "SELECT withdrawn FROM tasks WHERE code = '$n3'")" 0 "back again"

# T: the report's metadata through a picker and a prompt
tui_keys T; expect_screen "R1: correct which field?" "T opens the fields"
expect_screen "静府议〔2024〕3号" "the fields show their values"
tui_type "signed on"; tui_keys Enter
expect_screen "R1 signed on: 2024-02-18" "the field's prompt"
tui_keys C-u; tui_type "2024年2月19日"; tui_keys Enter
expect_screen "R1: signed on corrected; u undoes" "T's message"
eq "$(q "SELECT signed_on FROM reports WHERE id = 1")" 2024-02-19 "signed_on in the database"
tui_keys T; tui_type "title"; tui_keys Enter; tui_keys C-u; tui_type "关于审议意见落实情况的报告"
tui_keys Enter; expect_screen "R1 静府议〔2024〕3号 关于审议意见落实情况的报告" "the header shows the new title"
tui_keys u; expect_screen "Undone: the metadata change" "u undoes the title"
eq "$(q "SELECT title FROM reports WHERE id = 1")" \
    "上海市静安区人民政府《关于检查本区贯彻实施〈上海市推进科技创新中心建设条例〉情况的审议意见》落实情况的报告" "title back"
signed_on_is() { [ "$(q "SELECT signed_on FROM reports WHERE id = 1")" = "$1" ]; }
tui_keys u; wait_until 3 signed_on_is 2024-02-18 || fail "u undoes the date"
fu verify; expect_rc 0 "verify after the interface's corrections"
tui_keys q

# a liaison: refused with the reason, nothing changes
before=$(q "SELECT count(*) FROM history")
tui_start 80 24 xterm-256color --as wang
for k in e I i D U T; do
    tui_keys "$k"
    expect_screen "only committee users may correct reports" "liaison's $k refused"
    tui_keys Escape
done
tui_keys K; expect_screen "only committee users may correct reports" "liaison's K refused"
eq "$(q "SELECT count(*) FROM history")" "$before" "the liaison changed nothing"
finish
