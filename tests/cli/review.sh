#!/bin/sh
# Review rounds and reminders from the command line: a round is started,
# changes are made (status, lead, due date, notes, a revised report with a
# new and a withdrawn task), and `report --since-review` lists exactly
# those changes; ratings (不满意 reopens a done item), permissions, history,
# and `remind` for a department user created with `user add` and used
# via --as: silent when nothing is due.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01

# The revised report: one sentence gone (2.3.5), one added (in 3.3).
sed -e 's/加强数据基础性制度创新探索。//' \
    -e 's/探索科创招商统筹机制,/探索科创招商统筹机制,建立科创招商专班。/' "$SEED" >"$T/revised.txt"

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.1 - --due 2024-06-30; expect_rc 0 "due for 2.1"
fu status 2.2 active; expect_rc 0 "2.2 active"
fu note 1.1 "before the round"; expect_rc 0 "a note before the round"
fu report --since-review
expect_rc 4 "no round to compare with yet"; expect_one_line_err "no round"
fu review list; expect_rc 0 "review list with none"; expect_err "no review rounds yet" "none yet"

# ---- starting a round ---------------------------------------------------------------
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "user add liaison"
fu --as liaison review start "越权"; expect_rc 3 "a department may not start a round"
fu review start "  "; expect_rc 2 "an empty name"
fu review start "第一次跟踪审议" --date 2024-02-30; expect_rc 2 "an impossible date"
fu review start "第一次跟踪审议" --date 2024-06-15
expect_rc 0 "review start"; expect_out "round 1" "round number"
expect_out "56 tasks recorded" "every live task is in the snapshot"
fu review list
expect_out "第一次跟踪审议" "list: name"; expect_out "2024-06-15" "list: date"

# ---- changes after the round ------------------------------------------------------------
fu status 2.2 submitted; expect_rc 0 "2.2 submitted"
fu status 3.1 delayed --note "规划调整中"; expect_rc 0 "3.1 delayed with a note"
fu assign 3.3 区财政局; expect_rc 0 "3.3 to another lead"
fu assign 2.1 - --due 2024-07-31; expect_rc 0 "2.1 due later"
fu note 2.4.3 "已组织座谈"; expect_rc 0 "a note on a statement"
fu import "$T/revised.txt"; expect_rc 0 "revised report"
expect_out "1 added" "one new task"; expect_out "1 withdrawn" "one withdrawn task"

fu report --since-review --format json; expect_rc 0 "report --since-review json"
cp "$T/out" "$T/since.json"
python3 - "$T/since.json" <<'EOF' || fail "--since-review does not list exactly the changes"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["compared_with"]["round"] == 1, r["compared_with"]
got = set()
for c in r["changes"]:
    k = c["kind"]
    if k in ("status", "lead", "due"):
        got.add((k, c["code"], c["from"], c["to"]))
    elif k == "note":
        got.add((k, c["code"], c["text"]))
    else:
        got.add((k, c["code"]))
want = {
    ("status", "2.2", "active", "submitted"),
    ("status", "3.1", "todo", "delayed"),
    ("lead", "3.3", "区科委", "区财政局"),     # its statements followed: one decision, once
    ("due", "2.1", "2024-06-30", "2024-07-31"),
    ("note", "3.1", "规划调整中"),
    ("note", "2.4.3", "已组织座谈"),
    ("new", "3.3.3"),
    ("withdrawn", "2.3.5"),
}
if got != want or len(r["changes"]) != len(want):
    print("extra:", sorted(got - want)); print("missing:", sorted(want - got))
    sys.exit(1)
EOF
fu report --since-review
expect_out "Changes since round 1 “第一次跟踪审议” (2024-06-15)" "text: changes heading"
expect_out "Status changed (2)" "text: status changes"
expect_out "Withdrawn tasks (1)" "text: withdrawn"
expect_out "规划调整中" "text: the note"
expect_no_out "before the round" "a note older than the round is not a change"
fu report --since-review 1 --format json; cmp -s "$T/out" "$T/since.json" ||
    [ "$(grep -c '"kind"' "$T/out")" = "$(grep -c '"kind"' "$T/since.json")" ] ||
    fail "--since-review 1 is the latest round"
fu report --since-review=1; expect_rc 0 "--since-review=1"
fu report --since-review 2; expect_rc 4 "no round 2"; expect_one_line_err "no round 2"
fu report --since-review 0; expect_rc 2 "round 0"
fu report; expect_rc 0 "report without a comparison"; expect_no_out "Changes since" "no changes section"

# ---- ratings ----------------------------------------------------------------------------
fu review rate 2.2.1 满意; expect_rc 2 "a statement is not rated"; expect_one_line_err "statement"
fu --as liaison review rate 2.4 满意; expect_rc 3 "a department may not rate"
fu review rate 2.4 excellent; expect_rc 2 "an unknown level"
fu review rate 2.4 满意 --remark "窗口运行良好"
expect_rc 0 "rate 2.4"; expect_out "rated satisfied in round 1" "rate message"
fu review rate 2.4 basically; expect_rc 0 "rate 2.4 again"
fu accept 2.2; expect_rc 0 "accept 2.2"
fu review rate 2.2 不满意 --remark "证明材料不足"
expect_rc 0 "rate 2.2 unsatisfied"; expect_out "reopened (active)" "reopened"
fu show 2.2; expect_out "active (In progress)" "2.2 is active again"
fu history 2.2
expect_out "rating: - → unsatisfied" "history: the rating"
expect_out "status: done → active" "history: the reopening"
fu history 2.4; expect_out "rating: satisfied → basic" "history: a replaced rating"
fu review rate 2.3 unsatisfied; expect_rc 0 "rate a todo item unsatisfied"
expect_no_out "reopened" "an open item is not reopened"
fu show 2.3; expect_out "todo (Not started)" "2.3 keeps its status"
fu review show 1
expect_rc 0 "review show 1"; expect_out "Rated 3: satisfied 0, basically 1, unsatisfied 2" "show: ratings"
expect_out "证明材料不足" "show: remark"
fu report --format json
python3 - "$T/out" <<'EOF' || fail "report ratings"
import json, sys
r = json.load(open(sys.argv[1]))["ratings"]
assert r["round"]["round"] == 1 and r["rated"] == 3, r
assert (r["satisfied"], r["basic"], r["unsatisfied"]) == (0, 1, 2), r
assert r["satisfied_share"] == 0 and abs(r["satisfied_or_basic_share"] - 1 / 3) < 1e-3, r
EOF
fu report; expect_out "Ratings in round 1" "text: ratings"
expect_out "3 items rated: 0 satisfied (0.0%), 1 basically satisfied, 2 unsatisfied" "text: share"

fu review start "第二次跟踪审议"; expect_rc 0 "round 2 (today)"
expect_out "(2024-07-01)" "the default date is today"
fu review rate 2.2 满意; expect_out "in round 2" "rating goes to the latest round"
fu review show; expect_out "round 2" "show: the latest"; expect_out "Rated 1:" "round 2 ratings"
fu review show 1; expect_out "Rated 3:" "round 1 keeps its ratings"
fu report --format json --since-review 1
grep -q '"ratings":{"round":{"round":1' "$T/out" || fail "compared round's ratings shown"
fu review show 7; expect_rc 4 "no round 7"
fu verify; expect_rc 0 "the audit trail verifies after rounds and ratings"

# ---- reminders ------------------------------------------------------------------------------
fu user add wang --role department --dept 区审改办; expect_rc 0 "user add wang"
fu --as wang remind; expect_rc 0 "remind, nothing due"
[ -s "$T/out" ] && fail "remind prints something when nothing is due: $(cat "$T/out")"
[ -s "$T/err" ] && fail "remind writes to stderr when nothing is due: $(cat "$T/err")"
fu assign 2.4 - --support 区审改办 --due 2024-07-05; expect_rc 0 "2.4 due in 4 days"
fu --as wang remind; expect_rc 0 "remind"
expect_out "Follow-up reminder (区审改办): 0 overdue, 1 due within 7 days" "remind heading"
expect_out "due in 4 days" "remind line"; expect_out "深入推进知识产权发展战略" "remind title"
eq "$(wc -l <"$T/out")" 2 "remind: a heading and one line"
fu assign 3.2 区审改办 --due 2024-06-01; expect_rc 0 "3.2 overdue"
fu --as wang remind; expect_out "1 overdue, 1 due within 7 days" "overdue and due soon"
expect_out "30 days overdue" "days late"
fu --as wang status 3.2 submitted; expect_rc 0 "wang submits 3.2"
fu --as wang remind; expect_no_out "抓好科创企业培育服务" "submitted tasks wait for the committee"
fu --as wang remind --all; expect_rc 3 "--all is for the committee"
fu remind --all; expect_rc 0 "committee: remind --all"
expect_out "all departments" "--all scope"; expect_out "抓好科创企业培育服务" "--all includes submitted"
fu --as nobody remind; expect_rc 0 "an unknown user"; [ -s "$T/out" ] && fail "unknown user: output"
FOLLOWUP_TODAY=2020-01-01 fu --as wang remind; [ -s "$T/out" ] && fail "nothing due in 2020"
FOLLOWUP_TODAY=2024-13-01 fu --as wang remind; expect_rc 2 "a bad FOLLOWUP_TODAY"
# warn_days and the language come from the config
sed -e 's/^language = en/language = zh/' -e 's/^warn_days = 7/warn_days = 40/' \
    "$FOLLOWUP_CONFIG" >"$T/zh.ini"
fu assign 3.3 区审改办 --due 2024-08-01; expect_rc 0 "3.3 due in 31 days"
FOLLOWUP_CONFIG="$T/zh.ini" fu --as wang remind
expect_out "督办提醒（区审改办）：逾期0项，40日内到期2项" "zh heading, warn_days 40"
expect_out "31天后到期" "zh line"
finish
