#!/bin/sh
# import --review (issue 21): the parsed report opens as an outline in
# $EDITOR, the departments the import would add listed first; what is
# saved is imported; an emptied file, a syntax error or a failing editor
# cancels with one line and stores nothing. Driven by scripted editors.
. "$(dirname "$0")/../lib.sh"
MARK=$ROOT/tests/fixtures/parse-markers.txt
export TMPDIR="$T/tmp"   # where the outlines under review are written
mkdir -p "$TMPDIR"

# editor NAME BODY: a script $T/NAME that edits its file ($1) with BODY,
# keeping a copy of what it was shown in $T/NAME.seen.
editor() {
    printf '#!/bin/sh\ncp "$1" "%s/%s.seen"\n%s\n' "$T" "$1" "$2" >"$T/$1"
    chmod +x "$T/$1"
}

# ---- what the clerk is shown, and what is stored ----------------------------
editor fix 'sed -i -e "s/^title: .*/title: 改过的标题/" \
    -e "/^\*\*\* 1\.1\.3 /,/^\*\*\* 1\.1\.4 /{/^\*\*\* 1\.1\.4 /!d}" \
    -e "s/^\(\*\*\* 1\.1\.4 .*\) | lead 市人力资源社会保障局/\1 | lead 市人社局/" \
    -e "s/^\(\*\*\* 1\.1\.2 .*\) | support [^|]*/\1 | support 市规划资源局/" "$1"'
EDITOR=$T/fix fu import "$MARK" --review
expect_rc 0 "import --review"
expect_out "new report" "imported what was saved"
expect_out "department added: 市人社局" "the clerk's lead added"
expect_no_out "市委组织部" "the department of the deleted item is never created"
seen=$T/fix.seen
[ -f "$seen" ] || fail "the editor was not run"
head -1 "$seen" | grep -q "^# followup outline 1: .*parse-markers.txt" || fail "first line names the file"
grep -q "^# Departments nobody has seen yet" "$seen" || fail "new departments announced"
first_meta=$(grep -n "^title:" "$seen" | cut -d: -f1)
new_line=$(grep -n "^#   市民政局    (1.1 lead, 1.1.1 lead)" "$seen" | cut -d: -f1)
[ -n "$new_line" ] && [ "$new_line" -lt "$first_meta" ] ||
    fail "the new departments come before the outline: $(head -8 "$seen")"
grep -q "^#   各区、县（市）    (1.1.2 support)" "$seen" || fail "a place kept whole"
grep -q "^# Save and quit to import what is here" "$seen" || fail "review help"
grep -q "^\*\*\* 1.1.1 完善养老服务体系 | lead 市民政局 | support 市财政局、各区 | due 2025-06-30" \
    "$seen" || fail "an item line with lead, support and due: $(grep '1.1.1' "$seen" | head -2)"
fu list --format json
python3 - "$T/out" <<'PY' || fail "the stored tree is the edited one"
import json, sys
rows = {r["code"]: r for r in json.load(open(sys.argv[1], encoding="utf-8"))}
assert "1.1.3" not in rows, "1.1.3 deleted"
assert rows["1.1.4"]["lead"] == "市人社局", rows["1.1.4"]
assert rows["1.1.2"]["support"] == ["市规划资源局"], rows["1.1.2"]["support"]
assert rows["1.1.1"]["lead"] == "市民政局" and rows["1.1.1"]["due"] == "2025-06-30"
PY
sqlite3 "$DB" "SELECT title FROM reports" | grep -qx "改过的标题" || fail "the edited title"
fu dept list
expect_no_out "市委组织部" "no department of a deleted item"
expect_no_out "各区、县（市）" "no department taken off a line"
fu verify
expect_rc 0 "verify after a review"
[ -z "$(ls "$TMPDIR")" ] || fail "the outline file was left behind: $(ls "$TMPDIR")"

# An unchanged outline imports what the parser gave: the same report
# again changes nothing.
editor keep ':'
EDITOR=$T/keep fu import "$SEED" --review
expect_rc 0 "review without changes"
fu history; before=$(wc -l <"$T/out")
EDITOR=$T/keep fu import "$SEED" --review
expect_rc 0 "again"; expect_out "0 added, 0 updated" "the same report changes nothing"
fu history; eq "$(wc -l <"$T/out")" "$((before + 0))" "no history for an unchanged review"

# $VISUAL wins over $EDITOR, as in git and crontab.
editor visual ':'
rm -f "$T/fix.seen"
VISUAL=$T/visual EDITOR=$T/fix fu import "$SEED" --review
expect_rc 0 "VISUAL"
[ -f "$T/visual.seen" ] && [ ! -f "$T/fix.seen" ] || fail "VISUAL is the editor"

# ---- cancelling: nothing stored ---------------------------------------------
state() { sqlite3 "$DB" "SELECT count(*) FROM tasks; SELECT count(*) FROM history;
    SELECT count(*) FROM departments; SELECT group_concat(title) FROM reports;"; }
before=$(state)

editor empty ': >"$1"'
EDITOR=$T/empty fu import "$MARK" --review
expect_rc 1 "an emptied outline"; expect_one_line_err "an emptied outline"
expect_err "the outline is empty: import cancelled, nothing stored" "says cancelled"
editor comments 'sed -i "/^[^#]/d" "$1"'
EDITOR=$T/comments fu import "$MARK" --review
expect_rc 1 "only comments left"; expect_err "import cancelled" "comments only cancel"
eq "$(state)" "$before" "an emptied outline stores nothing"

editor jump 'sed -i "s/^\*\*\* 1\.1\.2 /***** 1.1.2 /" "$1"'
EDITOR=$T/jump fu import "$MARK" --review
expect_rc 1 "a syntax error"; expect_one_line_err "a syntax error"
line=$(grep -n "^\*\*\* 1\.1\.2 " "$T/jump.seen" | cut -d: -f1)
expect_err "line $line: this heading is more than one level below" "the error names its line"
expect_err "import cancelled, nothing stored" "says cancelled"
kept=$(sed -n 's/.*followup import --outline \(\/[^)]*\)).*/\1/p' "$T/err")
[ -f "$kept" ] || fail "the edited outline is kept for mending: $(cat "$T/err")"
case "$kept" in "$TMPDIR"/followup-review-*) ;; *) fail "kept in \$TMPDIR: $kept" ;; esac
grep -q "^\*\*\*\*\* 1.1.2 " "$kept" 2>/dev/null || fail "the kept file holds the edit"
eq "$(state)" "$before" "a syntax error stores nothing"
# mended, it imports
sed -i "s/^\*\*\*\*\* 1\.1\.2 /*** 1.1.2 /" "$kept"
fu import --outline "$kept"
expect_rc 0 "the kept outline mended imports"
rm -f "$kept"
before=$(state)

editor badfield 'sed -i "s/^\(\*\*\* 1\.1\.1 .*\) | due 2025-06-30/\1 | due 6月底/" "$1"'
EDITOR=$T/badfield fu import "$MARK" --review
expect_rc 1 "a bad due date"; expect_err "due '6月底' is no date" "the due named"
rm -f "$TMPDIR"/followup-review-*
editor quit 'exit 1'
EDITOR=$T/quit fu import "$MARK" --review
expect_rc 1 "the editor failed"; expect_one_line_err "the editor failed"
expect_err "the editor exited with status 1: import cancelled, nothing stored" "editor status"
EDITOR=$T/no-such-editor fu import "$MARK" --review
expect_rc 1 "no editor"; expect_err "the editor could not be run" "a missing editor"
eq "$(state)" "$before" "a failed editor stores nothing"

# Without a database, a cancelled review creates none.
EDITOR=$T/empty "$FU" --db "$T/none.db" import "$MARK" --review >/dev/null 2>&1
[ -e "$T/none.db" ] && fail "a cancelled review created a database"
# --review with --dry-run: reviewed, then only shown
EDITOR=$T/keep "$FU" --db "$T/none.db" import "$MARK" --review --dry-run >"$T/out" 2>&1
grep -q "dry run, nothing stored" "$T/out" || fail "review + dry run: $(cat "$T/out")"
[ -e "$T/none.db" ] && fail "a reviewed dry run created a database"

# ---- who may: a liaison is refused before any editor opens ------------------
fu user add li --role department --dept 区科委
rm -f "$T/keep.seen"
EDITOR=$T/keep fu --as li import "$MARK" --review
expect_rc 3 "a liaison may not import"
[ -f "$T/keep.seen" ] && fail "the editor opened for a liaison"

# ---- an outline file reviewed ------------------------------------------------
"$FU" parse "$MARK" --outline >"$T/m.outline"
editor retitle 'sed -i "s/^title: .*/title: 再改一次/" "$1"'
EDITOR=$T/retitle fu import --outline "$T/m.outline" --review
expect_rc 0 "import --outline --review"
sqlite3 "$DB" "SELECT title FROM reports WHERE doc_no = '沪府办〔2025〕12号'" | grep -qx "再改一次" ||
    fail "the reviewed outline's title"

finish
