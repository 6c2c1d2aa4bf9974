#!/bin/sh
# Evidence files (佐证材料): a binary file stored and written back byte for
# byte (to a file and through a pipe, never to a terminal), the listing in
# both formats, who may attach (exit 3 otherwise), the size limit from
# [attachments] max_mb refusing with one line and storing nothing, file
# names sanitised wherever shown, the SHA-256 in the audit trail, and
# `verify` passing after all of it.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-06-20

fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "liaison"
fu user add other --role department --dept 区财政局; expect_rc 0 "another department"
fu user add leader --role viewer; expect_rc 0 "a leader"
fu assign 2.4 区知识产权局; expect_rc 0 "assign 2.4"

# Every byte value, then random bytes: 300,000 bytes with NULs and invalid UTF-8.
python3 -c 'import os,sys; sys.stdout.buffer.write(bytes(range(256)) * 4 + os.urandom(298976))' \
    >"$T/minutes.bin"
want=$(sha256sum "$T/minutes.bin" | cut -d' ' -f1)

fu --as other attach 2.4 "$T/minutes.bin"; expect_rc 3 "another department may not attach"
expect_one_line_err "refusal"
fu --as leader attach 2.4 "$T/minutes.bin"; expect_rc 3 "a viewer may not attach"
fu --as liaison attach 2.4 "$T/missing.bin"; expect_rc 1 "a missing file"
expect_one_line_err "missing file"
fu --as liaison attach 2.4 "$T"; expect_rc 1 "a directory"
fu --as liaison attach 2.4 "$T/minutes.bin" --note "第一次座谈会纪要"
expect_rc 0 "the liaison attaches"; expect_out "300000 bytes, SHA-256 $want" "size and SHA-256"
fu attach 2.4.1 "$T/minutes.bin"; expect_rc 0 "the committee attaches to a statement"

fu attachments 2.4 --format json; expect_rc 0 "attachments json"
python3 - "$T/out" "$want" <<'EOF' || fail "attachments json"
import json, sys
v = json.load(open(sys.argv[1]))
assert len(v) == 1, v
a = v[0]
assert sorted(a) == ["at", "by", "id", "name", "note", "sha256", "size"], sorted(a)
assert a["name"] == "minutes.bin" and a["size"] == 300000 and a["sha256"] == sys.argv[2], a
assert a["by"] == "%s as liaison" % __import__("getpass").getuser(), a["by"]
assert a["note"] == "第一次座谈会纪要" and a["at"][10] == "T" and a["at"][19] in "+-Z", a
EOF
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$T/out")
fu attachments 2.4; expect_rc 0 "attachments table"
expect_out "minutes.bin" "table: the name"; expect_out "300000" "table: the size"
fu attachments 2.4 --format xml; expect_rc 2 "an unknown format"

# ---- byte for byte back ----------------------------------------------------------------
fu attachment get "$id" -o "$T/back.bin"; expect_rc 0 "get -o"
cmp -s "$T/minutes.bin" "$T/back.bin" || fail "the file written back differs"
"$FU" --db "$DB" attachment get "$id" | cmp -s "$T/minutes.bin" - || fail "stdout through a pipe differs"
fu attachment get "$id" -o "$T/back.bin"; expect_rc 1 "an existing file is not overwritten"
expect_err "exists already" "says so"
cmp -s "$T/minutes.bin" "$T/back.bin" || fail "the existing file was changed"
fu attachment get 999 -o "$T/none.bin"; expect_rc 4 "no such attachment"
[ -e "$T/none.bin" ] && fail "a file was left for a missing attachment"
fu attachment get x; expect_rc 2 "a bad id"
fu attachment put 1; expect_rc 2 "an unknown action"
python3 - "$FU" "$DB" "$id" <<'EOF' || fail "attachment get to a terminal"
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.run([sys.argv[1], "--db", sys.argv[2], "attachment", "get", sys.argv[3]],
                   stdout=slave, stderr=subprocess.PIPE)
os.close(slave)
assert p.returncode == 2, p.returncode
assert b"not to a terminal" in p.stderr, p.stderr
EOF

# ---- the size limit -----------------------------------------------------------------------
{ cat "$FOLLOWUP_CONFIG"; printf '\n[attachments]\nmax_mb = 1\n'; } >"$T/small.ini"
head -c 1100000 /dev/zero >"$T/big.bin"
fu history; before=$(wc -l <"$T/out")
FOLLOWUP_CONFIG="$T/small.ini" fu --as liaison attach 2.4 "$T/big.bin"
expect_rc 1 "over max_mb"; expect_one_line_err "size limit"
expect_err "over the limit of 1 MB" "names the limit"
fu attachments 2.4 --format json
python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))) == 1' "$T/out" ||
    fail "the refused file was stored"
fu history; [ "$(wc -l <"$T/out")" -eq "$before" ] || fail "the refused file left a history row"
FOLLOWUP_CONFIG="$T/small.ini" fu --as liaison attach 2.4 "$T/minutes.bin"
expect_rc 0 "under the limit"
printf '[attachments]\nmax_mb = lots\n' >"$T/bad.ini"
FOLLOWUP_CONFIG="$T/bad.ini" fu attachments 2.4; expect_rc 1 "a malformed max_mb"
expect_err "bad.ini:2: [attachments] max_mb" "names the file and line"

# ---- hostile names --------------------------------------------------------------------------
evil=$(printf 'x\033[2J\033]0;pwned\007.txt')
printf 'evidence' >"$T/$evil"
fu --as liaison attach 2.4 "$T/$evil"; expect_rc 0 "a file with escapes in its name"
for cmd in "attachments 2.4" "show 2.4" "history 2.4"; do
    fu $cmd
    grep -q "$(printf '\033')" "$T/out" && fail "$cmd: an escape reached the terminal"
done
fu attachments 2.4 --format json
python3 -c 'import json,sys; n=json.load(open(sys.argv[1]))[-1]["name"]; assert n == "x\x1b[2J\x1b]0;pwned\x07.txt", n' "$T/out" ||
    fail "json keeps the name, escaped"

# ---- audit --------------------------------------------------------------------------------
fu history 2.4; expect_out "attachment: - → $want" "the SHA-256 is in the audit trail"
expect_out '"name":"minutes.bin","size":300000' "the history note names the file"
fu verify; expect_rc 0 "verify after all of it"
finish
