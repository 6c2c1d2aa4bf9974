#!/bin/sh
# The lifecycle from the command line: assign, department updates, submit,
# return, accept; roles; history; verify; backup; hostile text.
. "$(dirname "$0")/../lib.sh"
me=$(id -un)

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区知识产权局 --support 区审改办,区行政服务中心 --due 2024-12-31
expect_rc 0 "assign 2.4"
fu show 2.4
expect_out "区审改办" "support shown"; expect_out "2024-12-31" "due shown"
fu assign 2.4 区不存在局
expect_rc 4 "assign to an unknown department"; expect_one_line_err "unknown dept"
fu assign 2.4 区科委 --due 2024-02-30
expect_rc 2 "impossible due date"
fu user add liaison --role department --dept 区知识产权局
expect_rc 0 "user add"
fu user list
expect_out "liaison" "user list"; expect_out "committee" "creator is committee"

fu --as liaison status 2.4 active --note "已完成窗口设置"
expect_rc 0 "department moves own task"
fu --as liaison status 2.1 active
expect_rc 3 "department on another department's task"; expect_one_line_err "perm"
fu --as liaison status 2.4 done
expect_rc 3 "department may not accept"
fu --as liaison note 2.4 "远程受理系统已上线"
expect_rc 0 "department note"
fu --as liaison status 2.4 submitted
expect_rc 0 "submit"
fu --as liaison status 2.4 active
expect_rc 3 "department may not take back a submitted task"
fu --as stranger status 2.4 active
expect_rc 3 "unknown user is a viewer"
fu --as liaison user add x --role viewer
expect_rc 3 "--as by... department may not manage users"
fu return 2.4
expect_rc 2 "return without reason"
fu return 2.4 --reason "请补充办理材料"
expect_rc 0 "return"
fu show 2.4; expect_out "active" "returned to active"
fu accept 2.4
expect_rc 1 "accept needs submitted"
fu --as liaison status 2.4 submitted; expect_rc 0 "resubmit"
fu accept 2.4; expect_rc 0 "accept"
fu show 2.4; expect_out "done" "accepted"

# Re-assigning an item carries its statements along; a department that
# leads an item may update the item's statements.
fu assign 2.1 区财政局
expect_rc 0 "assign 2.1"
fu list --search 2.1. --kind statement --format csv
grep -c ',区财政局,' "$T/out" | grep -qx 5 || fail "2.1's five statements follow the new lead: $(cat "$T/out")"
fu assign 2.1.2 区科委
fu user add caizheng --role department --dept 区财政局
fu --as caizheng status 2.1.2 active
expect_rc 0 "the item's lead department may update a statement led by another"
fu --as caizheng status 2.2.1 active
expect_rc 3 "but not a statement of another item"

fu history 2.4
expect_out "$me as liaison" "history records both names"
expect_out "submitted" "history has the status changes"
fu history --user liaison
expect_rc 0 "history --user"
grep -v "liaison" "$T/out" | grep -q . && fail "history --user liaison shows other people's rows"
fu history --since 2000-01-01; all=$(wc -l <"$T/out")
fu history; eq "$(wc -l <"$T/out")" "$all" "history --since long ago shows everything"
fu history --since 2999-01-01
expect_rc 0 "history --since the future"; eq "$(wc -l <"$T/out")" 0 "nothing since the future"
fu history --since yesterday
expect_rc 2 "history --since needs a date"
fu show 9.9
expect_rc 4 "unknown task"; expect_one_line_err "unknown task"
fu status 2.4 nonsense
expect_rc 2 "unknown status"

# Hostile text is stored exactly and shown without control bytes.
fu note 2.1 "$(printf 'evil \033[2J\033]52;c;aGk=\007 it'"'"'s -- ; %% done')"
expect_rc 0 "note with escapes"
fu show 2.1
grep -q "$(printf '\033')" "$T/out" && fail "raw ESC reached the terminal via show"
grep -q "$(printf '\007')" "$T/out" && fail "raw BEL reached the terminal via show"
expect_out "it's -- ; % done" "quotes and SQL characters shown exactly"
fu history
grep -q "$(printf '\033')" "$T/out" && fail "raw ESC via history"

# A world-writable database is refused, and nothing is lost by that.
chmod o+w "$DB"
fu list
expect_rc 1 "world-writable database"; expect_err "world-writable" "says why"
expect_one_line_err "world-writable"
chmod o-w "$DB"
fu list --kind item --format csv; expect_rc 0 "usable again after chmod o-w"

fu verify
expect_rc 0 "verify"; expect_out "ok" "verify ok"
fu backup "$T/copy.db"
expect_rc 0 "backup"
"$FU" --db "$T/copy.db" verify >/dev/null 2>&1 || fail "backup verifies"
fu backup "$T/copy.db"
expect_rc 1 "backup refuses to overwrite"
"$FU" --db "$T/copy.db" list --kind item --format csv >"$T/copylist" 2>&1
eq "$(($(wc -l <"$T/copylist") - 1))" 11 "backup holds the items"
finish
