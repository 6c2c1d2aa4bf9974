#!/bin/sh
# Targets (issue 24): the import takes a commitment's binding figure as its
# task's target (15家 at least), facts stay without one; the committee
# sets, changes and removes targets (target TASK 30 家 --at-least … none),
# departments report values (progress TASK 18 --note …) in the target's
# unit or one of its kind, converted (万名/名, 亿元/万元), refused with the
# units accepted otherwise; who may do what (exit 3); show's line
# (18/30 家 60 %); every change a history row; `verify` after it all.
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区科委; expect_rc 0 "liaison"
fu user add other --role department --dept 区财政局; expect_rc 0 "another department"

# no_target WHAT: show's output has no target line.
no_target() { grep -q "^target " "$T/out" && fail "$1: show has a target line"; return 0; }

# ---- imported ------------------------------------------------------------------------------
fu show 2.2.1; expect_rc 0 "show 2.2.1"
expect_out "-/15 家" "2.2.1 took 15家 as its target"; expect_out "at-least" "at least"
fu show 2.2.3; expect_out "-/4 家" "2.2.3 took 4家"
fu show 2.2.2; no_target "18家已经纳入 is a fact"
fu show 2.1.1; no_target "已累计…8支 is a fact"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM history WHERE field = 'target'")" = \
  "$(sqlite3 "$DB" "SELECT count(*) FROM targets")" ] || fail "an imported target without its history row"

# ---- set, change, remove ------------------------------------------------------------------
fu --as liaison target 2.1 30 家; expect_rc 3 "a department may not set a target"
expect_one_line_err "refusal"
fu target 2.1 30; expect_rc 2 "no unit"; expect_err "has no unit" "says the unit is missing"
fu target 2.1 abc 家; expect_rc 2 "not a number"; expect_one_line_err "bad number"
fu target 2.1 30 家 --at-least --at-most; expect_rc 2 "two directions"
fu target 2.1 none; expect_rc 2 "nothing to remove"; expect_err "has no target to remove" "says so"
fu target 2.1 30 家 --at-least; expect_rc 0 "set"; expect_out "target: 30 家 at-least" "echo"
fu target 2.1 30家; expect_rc 0 "30家 in one word"; expect_out "unchanged" "the same target again"
fu target 2.3 3 % --at-most; expect_rc 0 "at most"
fu target 3.1 1 万名 --about; expect_rc 0 "about"
fu target 3.2 5 亿元; expect_rc 0 "亿元"
fu target 2.2.3 6 家; expect_rc 0 "change an imported one"
fu target 2.2.3 none; expect_rc 0 "remove"; expect_out "target removed" "removed"
fu show 2.2.3; no_target "the removed target"; expect_out "6 家 at-least → -" "its history row"

# ---- progress ------------------------------------------------------------------------------
fu --as other progress 2.1 18; expect_rc 3 "another department may not report on 2.1"
fu progress 2.4 5; expect_rc 2 "no target"; expect_err "followup target R1:2.4 30 家 --at-least" "how to set one"
fu --as liaison progress 2.1 18 --note "已建成18家"; expect_rc 0 "the liaison reports"
expect_out "18/30 家 60 %" "the share"
fu show 2.1; expect_out "18/30 家 60 %" "show's target line"; expect_out "on track" "not due yet"
fu --as liaison progress 2.1 18 个; expect_rc 2 "个 is not 家"
expect_err "write it in 家, 千家, 万家, 亿家" "names the accepted units"
expect_one_line_err "unit refusal"
fu progress 2.3 2.5 %; expect_rc 0 "at most"; expect_out "2.5/3 % ≤ within" "within"
fu progress 2.3 3.5; expect_out "3.5/3 % ≤ over" "over"
fu progress 3.1 9800 名; expect_rc 0 "名 against 万名"; expect_out "0.98/1 万名 ≈ 98 %" "converted"
fu progress 3.1 1 万人; expect_rc 2 "万人 is not 名"; expect_err "write it in 名, 千名, 万名, 亿名" "units"
fu progress 3.2 25000 万元; expect_rc 0 "万元 against 亿元"; expect_out "2.5/5 亿元 50 %" "converted"
fu progress 2.3 1 个百分点; expect_rc 2 "a share takes only %"; expect_err "write it in %" "only %"
fu --as liaison progress 2.1 30 --note "全部建成"; expect_out "30/30 家 100 %" "met"
fu show 2.1; expect_out "met" "met"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM progress")" = 6 ] || fail "progress rows"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM history WHERE field = 'progress'")" = 6 ] || fail "progress history rows"
[ "$(sqlite3 "$DB" "SELECT note FROM history WHERE field = 'progress' ORDER BY id LIMIT 1")" = "已建成18家" ] ||
    fail "the note is in the history row"
[ "$(sqlite3 "$DB" "SELECT written FROM progress WHERE task_id = (SELECT task_id FROM targets WHERE unit = '亿元')")" = "25000 万元" ] ||
    fail "the value as written is kept"

# ---- behind: not met by its due date -----------------------------------------------------
fu assign 3.2 - --due 2024-06-30; expect_rc 0 "due"
FOLLOWUP_TODAY=2024-07-01 fu show 3.2; expect_out "behind" "past its due date, not met"
FOLLOWUP_TODAY=2024-06-30 fu show 3.2; expect_out "on track" "on its due date"
# a statement without a due date is held to its item's
fu assign 2.2 - --due 2024-06-30; expect_rc 0 "2.2's due"
FOLLOWUP_TODAY=2024-07-01 fu show 2.2.1; expect_out "-/15 家  (at-least, behind)" "2.2.1 held to 2.2's due date"
fu assign 2.2 - --due ""; expect_rc 0 "2.2's due cleared"
# light_of CODE DATE: the light list --format json gives CODE on DATE.
light_of() {
    FOLLOWUP_TODAY=$2 fu list --format json
    python3 -c 'import json,sys; print([t["light"] for t in json.load(open(sys.argv[1])) if t["code"] == sys.argv[2]][0])' "$T/out" "$1"
}
fu status 3.2 done; expect_rc 0 "3.2 done"
eq "$(light_of 3.2 2024-07-01)" "red" "done, but its target behind after the due date: red"
eq "$(light_of 3.2 2024-06-30)" "None" "done, on its due date: no light"
FOLLOWUP_TODAY=2024-07-01 fu show 3.2; expect_out "red" "show's light"
fu progress 3.2 5 亿元; expect_rc 0 "3.2 met"
eq "$(light_of 3.2 2024-07-01)" "None" "met: the done task's light goes"
# list --format json carries the target
FOLLOWUP_TODAY=2024-06-01 fu list --format json
python3 - "$T/out" <<'PY' || fail "list --format json's target"
import json, sys
t = {x["code"]: x for x in json.load(open(sys.argv[1]))}
g = t["2.1"]["target"]
assert (g["value"], g["unit"], g["direction"], g["reached"], g["share"], g["met"]) == \
    (30, "家", "at-least", 30, 1, True), g
assert g["progress"] == "30/30 家 100 %", g
assert g["reported_at"].endswith("Z"), g
assert t["2.2"]["target"] is None
g = t["2.2.1"]["target"]
assert (g["value"], g["reached"], g["share"], g["met"], g["progress"]) == (15, None, None, False, "-/15 家"), g
PY

# ---- the report's targets section --------------------------------------------------------
FOLLOWUP_TODAY=2024-07-01 fu report --format json; expect_rc 0 "report json"
python3 - "$T/out" <<'PY' || fail "the JSON report's targets"
import json, sys
g = json.load(open(sys.argv[1]))["targets"]
tasks = {t["code"]: t for t in g["tasks"]}
assert tasks["2.1"]["standing"] == "met" and tasks["2.1"]["reached"] == 30, tasks["2.1"]
assert tasks["2.1"]["share"] == 1 and tasks["2.1"]["department"] == "区科委", tasks["2.1"]
assert tasks["2.3"]["direction"] == "at-most" and tasks["2.3"]["standing"] == "on track", tasks["2.3"]
assert tasks["3.2"]["standing"] == "met" and tasks["3.2"]["unit"] == "亿元", tasks["3.2"]
assert tasks["2.2.1"]["reached"] is None and tasks["2.2.1"]["standing"] == "on track"
assert "2.2.3" not in tasks, "a removed target is not reported"
assert sum(d["met"] + d["on_track"] + d["behind"] for d in g["by_department"]) == len(g["tasks"])
PY
fu progress 3.2 1 亿元 --note "核减"; expect_rc 0 "3.2 falls back"
FOLLOWUP_TODAY=2024-07-01 fu report; expect_out "Targets (5)" "the text section's heading"
expect_out "behind (not met by the due date)" "its summary line"
grep -q "3.2 .* 5 亿元 at least .* 1 .* 20% .* behind" "$T/out" || fail "3.2's row: $(grep '3.2 ' "$T/out")"
FOLLOWUP_TODAY=2024-07-01 fu report --format html; expect_out '<svg class="share"' "the HTML report draws shares as bars"
fu report --format xlsx -o "$T/r.xlsx"; expect_rc 0 "xlsx"
unzip -p "$T/r.xlsx" xl/workbook.xml | grep -q "Targets\|指标完成情况" || fail "the workbook has a targets sheet"
fu report --format docx -o "$T/r.docx"; expect_rc 0 "docx"
unzip -p "$T/r.docx" word/document.xml | grep -q "18/30\|完成率\|Share" || fail "the docx has the targets table"

# ---- verify --------------------------------------------------------------------------------
fu verify; expect_rc 0 "verify after targets and progress"
ID21=$(sqlite3 "$DB" "SELECT id FROM tasks WHERE code = '2.1'")
sqlite3 "$DB" "UPDATE targets SET value = 31 WHERE task_id = $ID21"
fu verify; expect_rc 1 "verify sees a target changed behind the history"; expect_out "target" "names it"
sqlite3 "$DB" "UPDATE targets SET value = 30 WHERE task_id = $ID21; DELETE FROM progress WHERE id = 1"
fu verify; expect_rc 1 "verify sees a progress row gone"; expect_out "progress" "names it"
finish
