#!/bin/sh
# Extension requests (延期申请) and leaders' instructions (领导批示) from the
# command line: who may ask, decide and instruct (exit 3 otherwise), one
# pending request per task, approval moving the due date, the history
# rows, `show` listing the requests with their outcome, and `verify`
# passing after all of it.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-06-20

fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "liaison"
fu user add other --role department --dept 区财政局; expect_rc 0 "another department"
fu user add leader --role viewer; expect_rc 0 "a leader"
fu assign 2.4 区知识产权局 --due 2024-06-30; expect_rc 0 "assign 2.4"

# ---- asking --------------------------------------------------------------------------
fu --as other extend 2.4 --to 2024-09-30 --reason "不是本单位"
expect_rc 3 "another department may not ask"; expect_one_line_err "refusal"
fu --as leader extend 2.4 --to 2024-09-30 --reason "领导"
expect_rc 3 "a viewer may not ask"
fu --as liaison extend 2.4 --to 2024-09-30; expect_rc 2 "no reason"
fu --as liaison extend 2.4 --to 2024-02-30 --reason x; expect_rc 2 "an impossible date"
fu --as liaison extend 2.4 --to 2024-06-30 --reason x; expect_rc 2 "not after the due date"
expect_err "not after the due date 2024-06-30" "says why"
fu --as liaison extend 2.4 --to 2024-09-30 --reason "   "; expect_rc 2 "a blank reason"
fu --as liaison extend 2.4 --to 2024-09-30 --reason "需等待市级政策出台"
expect_rc 0 "the liaison asks"; expect_out "extension to 2024-09-30 requested" "confirmation"
fu --as liaison extend 2.4 --to 2024-10-31 --reason "再次申请"
expect_rc 1 "a second pending request"; expect_one_line_err "second request"
expect_err "already has a pending extension request (to 2024-09-30" "names the pending one"
fu extend 2.1 --to 2024-05-01 --reason x; expect_rc 2 "a date before today"

# ---- deciding --------------------------------------------------------------------------
fu --as liaison extend approve 2.4; expect_rc 3 "a department may not approve"
expect_one_line_err "approve refusal"
fu --as leader extend deny 2.4 --reason "不行"; expect_rc 3 "a viewer may not deny"
fu extend deny 2.4; expect_rc 2 "deny needs a reason"
fu extend approve 3.1; expect_rc 4 "nothing pending on 3.1"
fu extend list; expect_rc 0 "extend list"
expect_out "R1:2.4" "the pending request is listed"; expect_out "需等待市级政策出台" "with its reason"
fu extend deny 2.4 --reason "理由不充分"; expect_rc 0 "the committee denies"
expect_out "due stays 2024-06-30" "deny keeps the due date"
fu list --format json
python3 -c 'import json,sys; t=[x for x in json.load(open(sys.argv[1])) if x["code"]=="2.4"][0]; assert t["due"]=="2024-06-30", t' "$T/out" || fail "deny moved the due date"
fu extend list; expect_no_out "R1:2.4" "nothing pending after the denial"
fu --as liaison extend 2.4 --to 2024-08-31 --reason "补充材料后再次申请"
expect_rc 0 "a new request after the denial"
fu extend approve 2.4; expect_rc 0 "the committee approves"
expect_out "due 2024-06-30 → 2024-08-31" "approval moves the due date"
fu show 2.4
expect_out "Extension requests:" "show: the requests"
expect_out "denied" "show: the denial"; expect_out "理由不充分" "show: the denial's reason"
expect_out "approved" "show: the approval"
expect_out "due        2024-08-31" "show: the new due date"
fu history 2.4
expect_out "extension: 2024-06-30 → 2024-09-30" "history: the first request"
expect_out "extension: pending → denied" "history: the denial"
expect_out "extension: pending → approved" "history: the approval"
expect_out "due: 2024-06-30 → 2024-08-31  (extension approved)" "history: the due date moved"
fu status 2.2 done; expect_rc 0 "2.2 done"
fu extend 2.2 --to 2024-12-31 --reason x; expect_rc 1 "a done task is not extended"
fu --as liaison extend 2.4 --to 9月30日 --reason "按中文日期"; expect_rc 0 "a typed date"
expect_out "extension to 2024-09-30 requested" "9月30日 is this year's 30 September"

# ---- instructions -----------------------------------------------------------------------
fu --as liaison instruct 2.4 "部门不能批示"; expect_rc 3 "a department may not instruct"
fu --as stranger instruct 2.4 "x"; expect_rc 3 "a user unknown to the database"
fu --as leader instruct 2.4 ""; expect_rc 2 "an empty instruction"
fu --as leader instruct 2.4 "请加快推进，月底前报送进展"; expect_rc 0 "a viewer (leader) instructs"
fu instruct 2.4 "督办室：请按批示办理"; expect_rc 0 "the committee instructs"
fu show 2.4
expect_out "Leaders' instructions:" "show: the instructions"
expect_out "请加快推进，月底前报送进展" "show: the leader's text"
expect_out "(no progress note since)" "show: not yet answered"
python3 - "$T/out" <<'EOF' || fail "show: instructions come before the body and the notes"
import sys
s = open(sys.argv[1]).read()
assert s.index("Leaders' instructions:") < s.index("uuid"), "instructions after the fields"
EOF
fu history 2.4; expect_out "instruction: - → 请加快推进，月底前报送进展" "history: the instruction"
fu --as liaison note 2.4 "已按批示报送"; expect_rc 0 "the liaison answers with a note"
fu show 2.4; expect_no_out "(no progress note since)" "a note after it answers the instruction"

fu verify; expect_rc 0 "verify after all of it"
finish
