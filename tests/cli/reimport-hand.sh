#!/bin/sh
# A revised report imported after the committee corrected the first one
# (issue 21): what was set by hand stands. A corrected text, a task
# withdrawn as spurious, a task moved, a task added by hand and a
# corrected title survive the revision; a hand-added task whose code the
# revision gives to another part takes the next free number, saying so.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01

fu import "$SEED"; expect_rc 0 "import"
uuid_of() { sqlite3 "$DB" "SELECT uuid FROM tasks WHERE code = '$1' AND report_id = 1"; }
u11=$(uuid_of 1.1); u21=$(uuid_of 2.1); u23=$(uuid_of 2.3)
fu edit 2.1 "推动科技金融融合"; expect_rc 0 "edit"
fu withdraw 1.1 --reason "不是承诺"; expect_rc 0 "withdraw"
fu move 2.3 --under 3; expect_rc 0 "move"
fu add "手工新增的事项" --under 2; expect_rc 0 "add"; expect_out "R1:2.6 added" "hand-added 2.6"
uhand=$(uuid_of 2.6)
fu report-meta R1 --title "更正后的标题"; expect_rc 0 "report-meta"

# the revision rewords 2.2, drops nothing, and adds a 六是 of its own: 2.6
sed -e 's/深化科技创新载体提质增效/深化科技创新载体建设/' \
    -e 's/提升服务科技工作者的深度和力度。三、打造/提升服务科技工作者的深度和力度。六是加强科技金融服务。三、打造/' \
    "$SEED" >"$T/revised.txt"
grep -q 六是加强科技金融服务 "$T/revised.txt" || fail "the revision was not made"
fu import "$T/revised.txt"; expect_rc 0 "import the revision"; expect_out "existing report" "matched"
code() { sqlite3 "$DB" "SELECT code || ' ' || withdrawn || ' ' || coalesce((SELECT p.code FROM tasks p WHERE p.id = t.parent_id), '-') || ' ' || text FROM tasks t WHERE uuid = '$1'"; }
eq "$(code "$u21")" "2.1 0 2 推动科技金融融合" "the corrected text stands"
eq "$(code "$u11")" "1.1 1 1 充分认识科技创新的重要意义" "the withdrawn item stays withdrawn"
case $(code "$u23") in "2.3 0 3 "*) ;; *) fail "the moved item went back: $(code "$u23")" ;; esac
eq "$(code "$uhand")" "2.7 0 2 手工新增的事项" "the hand-added item took 2.7"
fu show 2.6; expect_out "加强科技金融服务" "2.6 is the revision's own part now"
fu history 2.7; expect_out "code: 2.6 → 2.7  (the revised report numbers another part 2.6" "says why"
fu list --search 载体建设 --kind item; expect_out "2.2" "the reworded title came in"
fu report-meta R1; expect_out "更正后的标题" "the corrected title stands"
fu verify; expect_rc 0 "verify after the revision"; expect_out "the tables match the history" "clean"
sqlite3 "$DB" "SELECT count(*) FROM tasks t JOIN tasks p ON p.id = t.parent_id WHERE t.depth <> p.depth + 1 OR t.seq <= p.seq" >"$T/bad"
eq "$(cat "$T/bad")" 0 "the tree is in preorder"
fu import "$T/revised.txt"; expect_out "0 added, 0 updated" "the revision again changes nothing"
finish
