#!/bin/sh
# Bad report files: each is refused with one clear line naming the file,
# exit 1, and nothing already stored changes (same tasks, same statuses,
# verify passes). Lines of a megabyte are fine.
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"; expect_rc 0 "import the seed"
fu status 2.4 active --note "before the bad files"; expect_rc 0 "status"
fu list --format csv; cp "$T/out" "$T/before.csv"
fu history; hist_before=$(wc -l <"$T/out")

# refused FILE WHAT [import options…]: import fails with one line naming FILE.
refused() {
    _f=$1 _what=$2; shift 2
    fu import "$_f" "$@"
    expect_rc 1 "$_what"; expect_one_line_err "$_what"; expect_err "$_f" "$_what: names the file"
    grep -q "$(printf '\033')" "$T/err" && fail "$_what: raw ESC in the message"
    return 0
}

: >"$T/empty.txt";                       refused "$T/empty.txt" "empty file"
printf ' \n\t\n　\n' >"$T/blank.txt";       refused "$T/blank.txt" "only white space"
head -c 8192 "$FU" >"$T/binary.txt";      refused "$T/binary.txt" "binary file"
head -c 3000 /dev/urandom | tr -d '\000' >"$T/noise.txt"; refused "$T/noise.txt" "random bytes"
# cut in the middle of a 3-byte character
head -c 1001 "$SEED" >"$T/truncated.txt"; refused "$T/truncated.txt" "truncated UTF-8"
expect_err "offset 1000" "truncated UTF-8: says where"
refused "$ROOT/tests/fixtures/parse-seed-gb18030.txt" "GB18030 labelled utf-8" --encoding utf-8
expect_err "try --encoding gb18030" "mislabelled: says how to mend"
refused "$SEED" "UTF-8 labelled gb18030" --encoding gb18030
printf '\377\376\000\000' >"$T/utf16.txt"; refused "$T/utf16.txt" "UTF-16"
refused "$T" "a directory"; expect_err "is a directory" "directory"
refused "$T/missing.txt" "a missing file"

# 100 MB: refused by its size, and by the bytes read when size is unknown
head -c 104857600 /dev/zero | tr '\000' 'x' >"$T/big.txt"
refused "$T/big.txt" "a 100 MB file"; expect_err "too large" "100 MB: too large"
rm -f "$T/big.txt"
yes '一是推动工作。' | head -c 104857600 | { fu import /dev/stdin; echo "$rc" >"$T/rc"; }
rc=$(cat "$T/rc")
expect_rc 1 "100 MB through a pipe"; expect_err "too large" "pipe: too large"

# unreadable: root reads anything, so read as nobody (setpriv) when we can
cp "$SEED" "$T/unreadable.txt"; chmod 000 "$T/unreadable.txt"
if [ "$(id -u)" -ne 0 ]; then
    refused "$T/unreadable.txt" "unreadable file"
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    nobody_dir || fail "nobody_dir"; mkdir -m 1777 "$NB/w"
    cp "$SEED" "$NB/unreadable.txt"; chmod 000 "$NB/unreadable.txt"
    FOLLOWUP_CONFIG=$NB/config.ini setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$NB/followup" --db "$NB/w/nobody.db" import "$NB/unreadable.txt" >"$T/out" 2>"$T/err"; rc=$?
    expect_rc 1 "unreadable file"; expect_one_line_err "unreadable file"
    expect_err "Permission denied" "unreadable: says why"
    expect_err "$NB/unreadable.txt" "unreadable: names the file"
    [ -e "$NB/w/nobody.db" ] && fail "unreadable file: a database was created"
else
    echo "SKIP: unreadable file (root, no setpriv)"
fi

# nothing lost
fu list --format csv
cmp -s "$T/out" "$T/before.csv" || fail "the tasks changed after the refused imports: $(diff "$T/before.csv" "$T/out" | head -5)"
fu history; [ "$(wc -l <"$T/out")" -eq "$hist_before" ] || fail "history grew after refused imports"
fu verify; expect_rc 0 "verify after the refused imports"

# a line of a megabyte (one statement of 1 MB, one title of 1 MB) imports
python3 - "$T/mb.txt" <<'PY'
import sys
s = "区人大常委会:\n一、" + "总体" * 180000 + "\n一是推动" + "工作" * 180000 + "。二是加强管理。\n"
open(sys.argv[1], "w", encoding="utf-8").write(s)
PY
fu import "$T/mb.txt"; expect_rc 0 "a report with megabyte lines"
fu show R2:1.1; expect_rc 0 "show a megabyte statement"
fu list --report R2; expect_rc 0 "list with megabyte texts"
[ "$(wc -l <"$T/out")" -ge 2 ] || fail "list shows the megabyte report"
fu verify; expect_rc 0 "verify after the megabyte report"
finish
