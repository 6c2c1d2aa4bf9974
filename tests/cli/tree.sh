#!/bin/sh
# The tree put right by hand (issue 21): adding tasks (under a section or
# item, and the per-year register J2024:N), moving, merging, splitting,
# and departments renamed, merged and retired. Codes never give another
# task; each change is committee only, leaves verify clean, and the same
# change made with sqlite3 is named by verify.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01

fu import "$SEED"; expect_rc 0 "import"
fu user add wang --role department --dept 区知识产权局; expect_rc 0 "user add"
rows() { sqlite3 "$DB" "SELECT count(*) FROM history"; }
clean() { fu verify; expect_rc 0 "verify after $1"; expect_out "the tables match the history" "verify after $1"; }
tampered() {
    cp "$DB" "$T/keep.db"
    sqlite3 "$DB" "$1"
    fu verify; expect_rc 1 "verify after sqlite3: $1"
    expect_out "$2" "verify names sqlite3's $1"
    cp "$T/keep.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
}
refused() {
    before=$(rows)
    fu --as wang "$@"; expect_rc 3 "liaison: $*"; expect_one_line_err "liaison: $*"
    eq "$(rows)" "$before" "liaison's $1 wrote history"
}
code_of() { sqlite3 "$DB" "SELECT code FROM tasks WHERE uuid = '$1'"; }
parent_of() { sqlite3 "$DB" "SELECT p.code FROM tasks t JOIN tasks p ON p.id = t.parent_id WHERE t.uuid = '$1'"; }
uuid_of() { sqlite3 "$DB" "SELECT uuid FROM tasks WHERE code = '$1' AND report_id = 1"; }

# ---- add under a section and an item
refused add "新任务" --under 2
fu add "完善科技金融服务体系" --under 2 --lead 区知识产权局 --support 区科委,区审改办 --due 2024-12-31
expect_rc 0 "add an item"; expect_out "R1:2.6 added under R1:2" "the next item number"
fu add "建立金融服务专员制度" --under 2.6; expect_rc 0 "add a statement"
expect_out "R1:2.6.1 added under R1:2.6" "the statement's code"
fu show 2.6.1; expect_out "区知识产权局" "a statement takes its item's lead"
fu show 2.6; expect_out "区科委、区审改办" "supporting departments"; expect_out "2024-12-31" "due"
fu add "插在前面" --under 1 --before 1.1; expect_rc 0 "add before a sibling"
expect_out "R1:1.4 added" "a new number even when placed first"
fu list --kind item --report R1; first=$(sed -n 1p "$T/out"); case $first in *1.4*) ;; *) fail "1.4 is not first: $first" ;; esac
fu add "子项" --under 2.6 --kind item; expect_rc 2 "an item under an item"; expect_err "holds only statements" "why"
fu add "语句" --under 2.6.1; expect_rc 2 "under a statement"
fu add "x" --under 9.9; expect_rc 4 "no such parent"
fu add "" --under 2; expect_rc 2 "empty text"
fu add "a" --under 2 --due 2024-13-01; expect_rc 2 "bad due date"
fu add "a" --under 2 --lead 区不存在局; expect_rc 4 "unknown department"
clean add
tampered "UPDATE tasks SET source = '伪造' WHERE code = '2.6'" "R1:2.6 source: the history gives (none), found '伪造'"
tampered "UPDATE tasks SET parent_id = NULL WHERE code = '2.6.1'" "R1:2.6.1 parent: the history gives"

# ---- codes never come back
fu withdraw 2.5 --reason "重复"; expect_rc 0 "withdraw 2.5"
fu add "又一项" --under 2; expect_rc 0 "add after a withdrawal"; expect_out "R1:2.7 added" "2.5 and 2.6 are not reused"
fu show 2.5; expect_out "(withdrawn)" "show 2.5 gives the withdrawn 2.5, not another task"

# ---- the register
fu add "区长办公会：研究老旧小区改造" --lead 区科委 --due 2024-06-30 --source "区长办公会 2024-03-05"
expect_rc 0 "add to the register"; expect_out "J2024:1 added" "the register's first code"
fu add "领导批示件：办理群众来信" --lead 区知识产权局; expect_rc 0 "second"; expect_out "J2024:2 added" "next"
fu add "去年的会议交办" --year 2023; expect_out "J2023:1 added" "another year, another register"
fu show J2024:1; expect_rc 0 "show J2024:1"; expect_out "source     区长办公会 2024-03-05" "where it came from"
fu list --report J2024; expect_rc 0 "list --report J2024"; expect_out "老旧小区改造" "listed"
fu list --dept 区知识产权局; expect_out "群众来信" "the dept filter finds register tasks"
fu list --format json
python3 - "$T/out" <<'PY' || fail "register in list json"
import json, sys
rows = json.load(open(sys.argv[1]))
reg = [r for r in rows if r["text"].startswith("区长办公会")]
assert reg and reg[0]["kind"] == "item" and reg[0]["code"] == "1" and reg[0]["light"] == "red", reg
PY
fu remind --all; expect_out "老旧小区改造" "remind lists an overdue register task"
fu report --format json
python3 - "$T/out" <<'PY' || fail "register in the report"
import json, sys
d = json.load(open(sys.argv[1]))
assert any(s["title"] == "交办事项 2024" for s in d["sources"]), d["sources"]
assert any(i["title"].startswith("区长办公会") for i in d["items"])
PY
fu --as wang status J2024:2 active; expect_rc 0 "the liaison works on a register task"
fu report-meta J2024; expect_out "交办事项 2024" "the register's title"
clean register
tampered "UPDATE tasks SET source = '篡改' WHERE text LIKE '区长办公会%'" "source: the history gives '区长办公会 2024-03-05', found '篡改'"
tampered "UPDATE reports SET register = 2025 WHERE register = 2024" "register: the history gives '2024', found '2025'"

# ---- move: codes stay
u23=$(uuid_of 2.3)
refused move 2.3 --under 3
fu move 2.3 --under 3; expect_rc 0 "move under another section"; expect_out "R1:2.3 moved under R1:3" "says so"
eq "$(code_of "$u23")" 2.3 "a moved task keeps its code"; eq "$(parent_of "$u23")" 3 "under 3 now"
fu show 2.3; expect_out "加快数字科创场景和设施建设" "show 2.3 still finds it"
fu list --kind item --report R1; last=$(tail -n 1 "$T/out"); case $last in *2.3*) ;; *) fail "2.3 is not last in 3: $last" ;; esac
fu move 2.3 --up; expect_rc 0 "up"; fu move 2.3 --down; expect_rc 0 "down"
fu move 2.3 --down; expect_rc 2 "down past the last"; expect_err "last of its siblings" "why"
fu move 2.3 --under 2.2; expect_rc 2 "an item under an item"
fu move 2 --under 2.1; expect_rc 2 "under its own child"
fu move 2.3 --under 1 --up; expect_rc 2 "two places"
fu move 2.3 --after 2.3; expect_rc 2 "after itself"
fu move 2.3 --after 2.2; expect_rc 0 "back after 2.2"; eq "$(parent_of "$u23")" 2 "back under 2"
fu move 2.3 --after 2.2; expect_out "unchanged" "a move to where it is"
fu move 2.3.1 --outdent; expect_rc 2 "a statement stands under an item"; expect_err "under an item" "why"
fu move 1.1 --indent; expect_rc 2 "nothing before 1.1 but 1.4"
fu move 3 --indent; expect_rc 0 "a section under the section before it"
fu show 3.1; expect_rc 0 "3.1 keeps its code under 2"
fu move 3 --outdent; expect_rc 0 "and out again"
sqlite3 "$DB" "SELECT count(*) FROM tasks t JOIN tasks p ON p.id = t.parent_id WHERE t.depth <> p.depth + 1 OR t.seq <= p.seq" >"$T/bad"
eq "$(cat "$T/bad")" 0 "depths and preorder after the moves"
clean move
tampered "UPDATE tasks SET parent_id = (SELECT id FROM tasks WHERE code = '1') WHERE code = '2.3'" "R1:2.3 parent: the history gives"
fu import "$SEED"; eq "$(parent_of "$u23")" 2 "re-import keeps the tree"

# ---- merge
fu note 2.2 "载体清单已印发"; fu note 2.1 "基金已设立"
printf 'evidence\n' >"$T/ev.txt"; fu attach 2.2 "$T/ev.txt"; expect_rc 0 "attach"
refused merge 2.2 --into 2.1
fu merge 2.2 --into 2.2.1; expect_rc 2 "different kinds"
fu merge 2.2 --into 2.2; expect_rc 2 "into itself"
fu merge 2.2 --into 2.1; expect_rc 0 "merge"; expect_out "R1:2.2 merged into R1:2.1" "says so"
fu show 2.1; expect_out "载体清单已印发" "the notes came along"; expect_out "基金已设立" "and its own stay"
expect_out "2.2.1" "the sub-tasks came along"
fu attachments 2.1; expect_out "ev.txt" "the attachment came along"
fu show 2.2; expect_out "(withdrawn)" "the merged one is withdrawn"; expect_out "merged into R1:2.1" "with a pointer"
fu history 2.2; expect_out "merge:" "its history stays"
clean merge
tampered "UPDATE notes SET task_id = (SELECT id FROM tasks WHERE code = '2.2') WHERE text = '载体清单已印发'" "R1:2.2 note: the history gives (none), found '载体清单已印发'"
tampered "UPDATE attachments SET task_id = (SELECT id FROM tasks WHERE code = '2.2')" "attachment: the history gives"

# ---- split
fu split 2.1.3; expect_rc 0 "split"; expect_out "R1:2.1.3 is an item of its own now" "says so"
fu show 2.1.3; expect_out "item" "2.1.3 is an item"
sqlite3 "$DB" "SELECT body FROM tasks WHERE code = '2.1'" | grep -q 面向全球引进海内外高层次科技人才 &&
    fail "its sentence did not leave the item's body"
sqlite3 "$DB" "SELECT body FROM tasks WHERE code = '2.1'" | grep -q 鼓励和支持静安的科技企业 ||
    fail "the item's other sentences went too"
fu split 2.1; expect_rc 2 "split an item"
fu list --kind item; expect_out "2.1.3" "listed as an item"
clean split
tampered "UPDATE tasks SET kind = 'statement' WHERE code = '2.1.3'" "R1:2.1.3 kind: the history gives 'item', found 'statement'"

# ---- departments
fu assign 3.3 区审改办 --support 区知识产权局; expect_rc 0 "assign"
refused dept merge 区审改办 区科委
fu dept merge 区审改办 区科委; expect_rc 0 "dept merge"; expect_out "merged into 区科委" "says so"
fu show 3.3; expect_out "lead       区科委" "the lead followed"
fu dept list; expect_no_out "区审改办" "a merged department is not listed"
fu dept list --all; expect_out "区审改办 (merged into 区科委)" "list --all shows it"
fu assign 3.2 区审改办; expect_rc 2 "a merged name is refused"; expect_err "merged into '区科委'" "names the survivor"
fu dept rename 区知识产权局 区知识产权服务中心; expect_rc 0 "rename"
fu show 3.3; expect_out "区知识产权服务中心" "the support followed"
fu user list; expect_out "区知识产权服务中心" "the user followed"
fu --as wang note 2.4 "改名后"; expect_rc 0 "the liaison still works on its tasks"
fu dept rename 区科委 区知识产权服务中心; expect_rc 2 "rename onto an existing name"; expect_err "dept merge" "mends"
fu dept retire 区财政局; expect_rc 0 "retire"
fu assign 3.2 区财政局; expect_rc 2 "a retired department is not assignable"
fu dept restore 区财政局; expect_rc 0 "restore"; fu assign 3.2 区财政局; expect_rc 0 "assignable again"
# an import that meets the old name uses the new one
printf '区人大常委会:\n一、重点工作\n1.优化营商环境。（牵头单位：区审改办）\n' >"$T/r2.txt"
fu import "$T/r2.txt"; expect_rc 0 "import naming a merged department"
fu list --search 优化营商环境; expect_out "区科委" "the survivor leads"
fu dept list --all; n=$(grep -c "区审改办" "$T/out"); eq "$n" 1 "no second 区审改办"
clean dept
tampered "UPDATE departments SET merged_into = NULL, retired_at = NULL WHERE name = '区审改办'" "department 区审改办 exists: the history gives 'merged into 区科委', found 'yes'"
tampered "UPDATE departments SET retired_at = 'x' WHERE name = '区财政局'" "department 区财政局 exists: the history gives 'yes', found 'retired'"
finish
