#!/bin/sh
# The schema migrates a database made by the previous version without
# loss: tests/fixtures/schema-v4.sql is the dump of a database that
# followup 0.1 (schema 4) made (the seed imported, a liaison, an
# assignment, a status change, notes, a review round and a rating).
# Opened by this version it reaches the current schema, keeps every row
# and the audit chain, and takes the workflow's commands.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-06-20

sqlite3 "$DB" <"$ROOT/tests/fixtures/schema-v4.sql" || fail "loading the v4 dump"
eq "$(sqlite3 "$DB" 'PRAGMA user_version')" 4 "the fixture is schema 4"
counts() {
    sqlite3 "$DB" "SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM notes),
        (SELECT count(*) FROM history), (SELECT count(*) FROM users),
        (SELECT count(*) FROM review_snapshot), (SELECT count(*) FROM review_ratings),
        (SELECT group_concat(status || due, ',') FROM tasks WHERE due IS NOT NULL),
        (SELECT hash FROM history ORDER BY id DESC LIMIT 1)"
}
before=$(counts)

fu list --format json; expect_rc 0 "a reading command on the old database"
eq "$(sqlite3 "$DB" 'PRAGMA user_version')" 11 "migrated to schema 11"
eq "$(counts)" "$before" "every row and the chain head kept"
for t in extensions attachments cycles instructions; do
    eq "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE name = '$t'")" 1 "table $t"
done
fu verify; expect_rc 0 "verify on the migrated database"
sqlite3 "$DB" "INSERT INTO task_fts(task_fts) VALUES ('integrity-check')" ||
    fail "the search index built by the migration is out of step"
fu list --search 知识产权发展战略 --format csv; expect_out "2.4" "search through the migrated index"
fu show 2.4; expect_out "已启动" "the old note is there"
fu review show; expect_out "进度偏慢" "the old rating is there"

# The workflow on the migrated database.
fu --as liaison extend 2.4 --to 2024-09-30 --reason "延期"; expect_rc 0 "extend"
fu extend approve 2.4; expect_rc 0 "approve"
fu cycle 2.4 monthly --from 2024-01-01; expect_rc 0 "cycle"
fu instruct 2.4 "请抓紧"; expect_rc 0 "instruct"
printf 'evidence' >"$T/e.txt"
fu --as liaison attach 2.4 "$T/e.txt"; expect_rc 0 "attach"
fu list --format json; expect_rc 0 "list"
python3 -c 'import json,sys; t=[x for x in json.load(open(sys.argv[1])) if x["code"]=="2.4"][0]; assert t["due"]=="2024-09-30" and t["light"] is None, t' "$T/out" ||
    fail "the migrated task's due date and light"
fu verify; expect_rc 0 "verify after the workflow"
# Opening it again changes nothing.
again=$(counts)
fu list; eq "$(counts)" "$again" "a second open migrates nothing"
finish
