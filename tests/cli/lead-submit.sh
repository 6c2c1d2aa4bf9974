#!/bin/sh
# Only the lead department asks for acceptance (申请办结): a supporting
# department moves the task among the working statuses and adds notes, and
# its submission is refused with the reason; the lead's goes through; the
# ownership of an item passes to its statements the same way.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区知识产权局 --support 区财政局; expect_rc 0 "2.4: lead and support"
fu user add lead --role department --dept 区知识产权局; expect_rc 0 "user lead"
fu user add helper --role department --dept 区财政局; expect_rc 0 "user helper"

fu --as helper status 2.4 active; expect_rc 0 "a supporting department starts work"
fu --as helper note 2.4 "配合部分已完成"; expect_rc 0 "and reports its part"
fu --as helper status 2.4 submitted
expect_rc 3 "a supporting department may not submit"
expect_err "only the lead department asks for acceptance" "the refusal says why"
expect_one_line_err "the refusal is one line"
fu list --format csv; grep -q ',2.4,item,.*,active,' "$T/out" || fail "nothing changed: $(grep ',2.4,' "$T/out")"
fu history 2.4; expect_no_out "submitted" "no history row for the refusal"
# a statement under the item: the same
fu --as helper status 2.4.1 submitted; expect_rc 3 "a statement of a supported item"
fu --as lead status 2.4.1 submitted; expect_rc 0 "the lead submits a statement of its item"

fu --as lead status 2.4 submitted; expect_rc 0 "the lead department submits"
expect_out "In progress → Submitted" "the lead's submission echoed"
fu status 2.3 submitted; expect_rc 0 "the committee may set submitted on any task"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 fu --config /dev/null status 2.4 --help
expect_out "牵头单位" "status --help says who submits (zh)"
fu status --help; expect_out "lead department" "status --help says who submits"
finish
