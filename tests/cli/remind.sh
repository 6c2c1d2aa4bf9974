#!/bin/sh
# remind by role, with three reports in the database: a liaison is told
# the tasks the committee returned (with the reason) until they answer,
# and the committee's recent decisions on their extension requests, beside
# the overdue tasks and the workflow; the committee is told its acceptance
# queue and the pending extension requests, not "you belong to no
# department".
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01
F=$ROOT/tests/fixtures

fu import "$SEED"; fu import "$F/parse-markers.txt"; fu import "$F/parse-rectification.txt"
expect_rc 0 "three reports"
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "user add liaison"
fu user add other --role department --dept 区财政局; expect_rc 0 "user add other"
for t in R1:2.1 R1:2.2 R1:2.3 R1:2.4 R1:3.1; do
    fu assign "$t" 区知识产权局 --due 2024-08-31; expect_rc 0 "assign $t"
done
fu assign R3:2.1 区财政局 --support 区知识产权局 --due 2024-06-30; expect_rc 0 "R3:2.1 supported"
fu assign R2:1.1 区财政局 --due 2024-09-30; expect_rc 0 "R2:1.1 the other department's"

fu remind; expect_rc 0 "committee remind with nothing waiting"
expect_out "Nothing waits for the committee" "committee: says nothing waits"
expect_no_out "belong to no department" "committee: the old message is gone"

# a returned task, answered later; two decisions; a pending request; a submitted task
fu --as liaison status R1:2.2 submitted; expect_rc 0 "liaison submits 2.2"
fu return R1:2.2 --reason "请补充办理材料"; expect_rc 0 "committee returns 2.2"
fu --as liaison extend R1:2.3 --to 2024-09-30 --reason "设备未到货"; expect_rc 0 "ask 2.3"
fu extend approve R1:2.3; expect_rc 0 "approve 2.3"
fu --as liaison extend R1:2.1 --to 2024-12-31 --reason "人手不足"; expect_rc 0 "ask 2.1"
fu extend deny R1:2.1 --reason "理由不充分"; expect_rc 0 "deny 2.1"
fu --as liaison extend R1:2.4 --to 2024-10-31 --reason "待审批"; expect_rc 0 "ask 2.4"
fu --as other extend R2:1.1 --to 2024-11-30 --reason "资金未到位"; expect_rc 0 "ask R2:1.1"
fu --as liaison status R1:3.1 submitted; expect_rc 0 "liaison submits 3.1"

fu --as liaison remind; expect_rc 0 "liaison remind"
cp "$T/out" "$T/liaison"
expect_out "For your departments: 1 returned, 2 extension decisions" "liaison: the heading"
grep "returned" "$T/liaison" | grep "R1:2.2" | grep -q "请补充办理材料" ||
    fail "liaison: the returned task with its reason: $(cat "$T/liaison")"
grep "R1:2.3" "$T/liaison" | grep -q "extension to 2024-09-30 approved" ||
    fail "liaison: the approval: $(cat "$T/liaison")"
grep "R1:2.1" "$T/liaison" | grep "denied" | grep -q "理由不充分" ||
    fail "liaison: the denial with its reason: $(cat "$T/liaison")"
grep "R3:2.1" "$T/liaison" | grep -q "overdue" || fail "liaison: the supported task is overdue"
expect_out "extension to 2024-10-31 pending" "liaison: their pending request, once"
expect_no_out "R2:1.1" "liaison: not the other department's request"
expect_no_out "Waiting for the committee" "liaison: not the committee's queue"
expect_no_out "R1:3.1" "liaison: a submitted task is not theirs to do"

fu --as other remind; expect_rc 0 "other remind"
expect_no_out "returned" "other: nothing returned"; expect_no_out "R1:2.1" "other: not 2.1"

fu remind; expect_rc 0 "committee remind"
cp "$T/out" "$T/committee"
expect_out "Waiting for the committee: 1 submitted for acceptance, 2 extension requests pending" \
    "committee: the heading"
grep "submitted" "$T/committee" | grep -q "R1:3.1" || fail "committee: the queue: $(cat "$T/committee")"
grep "R1:2.4" "$T/committee" | grep -q "extension to 2024-10-31 asked" ||
    fail "committee: a pending request: $(cat "$T/committee")"
grep "R2:1.1" "$T/committee" | grep -q "资金未到位" || fail "committee: a request's reason"
expect_no_out "belong to no department" "committee: no old message"
expect_no_out "Nothing waits" "committee: something waits"
expect_no_out "For your departments" "committee: no department part"

fu remind --all; expect_rc 0 "remind --all"
eq "$(grep -c "R1:2.4" "$T/out")" 1 "--all: a pending request once, not twice"
expect_out "1 submitted for acceptance" "--all: the queue too"

LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 fu --config /dev/null --as liaison remind
expect_out "被退回1项" "zh: returned"; expect_out "延期已批准（至2024-09-30）" "zh: approved"
expect_out "延期未批准（至2024-12-31）" "zh: denied"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 fu --config /dev/null remind
expect_out "申请办结待审核1项" "zh: the queue"

# the liaison answers the return: it leaves their list; decisions age out
fu --as liaison note R1:2.2 "已补充材料"; expect_rc 0 "liaison answers 2.2"
fu --as liaison remind; expect_no_out "R1:2.2" "an answered return is no longer listed"
expect_out "2 extension decisions" "the decisions are still recent"
fu --as liaison status R1:2.2 submitted; fu return R1:2.2 --reason "仍缺材料"
fu --as liaison remind; expect_out "仍缺材料" "returned again: the new reason"
FOLLOWUP_TODAY=2099-01-01 fu --as liaison remind
expect_no_out "extension decision" "decisions older than warn_days are not repeated"
expect_out "1 returned" "a return waits until it is answered"

# the committee empties its queue
fu accept R1:3.1; fu extend approve R1:2.4; fu extend deny R2:1.1 --reason "不予延期"
fu remind; expect_out "Nothing waits for the committee" "an empty queue says so"
fu --as liaison remind --all; expect_rc 3 "a liaison may not use --all"
finish
