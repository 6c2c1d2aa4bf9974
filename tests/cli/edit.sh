#!/bin/sh
# Correcting what was imported (issue 21): a report's metadata, a task's
# text, withdrawing and restoring, striking out a note. Each edit is
# committee only (a liaison gets exit 3 and nothing changes), leaves
# verify clean, and the same edit made with sqlite3 is named by verify.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01

fu import "$SEED"; expect_rc 0 "import"
fu user add wang --role department --dept 区知识产权局; expect_rc 0 "user add"
fu assign 2.4 区知识产权局 --due 2024-06-30; expect_rc 0 "assign"
rows() { sqlite3 "$DB" "SELECT count(*) FROM history"; }
clean() { fu verify; expect_rc 0 "verify after $1"; expect_out "the tables match the history" "verify after $1"; }
# tampered SQL WANT: the same edit made behind followup's back is named.
tampered() {
    cp "$DB" "$T/keep.db"
    sqlite3 "$DB" "$1"
    fu verify; expect_rc 1 "verify after sqlite3: $1"
    expect_out "$2" "verify names sqlite3's $1"
    cp "$T/keep.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
}
# refused CMD…: a liaison is refused with exit 3, one line, nothing written.
refused() {
    before=$(rows)
    fu --as wang "$@"; expect_rc 3 "liaison: $*"; expect_one_line_err "liaison: $*"
    eq "$(rows)" "$before" "liaison's $1 wrote history"
}

# ---- report-meta
fu report-meta R1; expect_rc 0 "report-meta shows"
expect_out "静府议〔2024〕3号" "report-meta: doc number"; expect_out "signed-on  2024-02-18" "report-meta: signed on"
refused report-meta R1 --title 改
fu report-meta R1 --title "关于审议意见落实情况的报告" --issuer "" --signed-on 2024年2月19日
expect_rc 0 "report-meta sets"
expect_out "R1 title: " "report-meta says what changed"; expect_out "R1 signed-on: 2024-02-18 → 2024-02-19" "typed date"
expect_out "R1 issuer: 区审计局 → -" "cleared issuer"
fu report-meta R1 --title "关于审议意见落实情况的报告"; expect_out "unchanged" "same title: unchanged"
fu report-meta R1 --published 2024-02-30; expect_rc 2 "bad date"; expect_one_line_err "bad date"
fu report-meta R1 --title ""; expect_rc 2 "empty title"
fu report; expect_out "关于审议意见落实情况的报告" "the report's header has the new title"
fu history; expect_out "report: 区审计局 → -  (R1 issuer)" "history of a metadata field"
clean report-meta
tampered "UPDATE reports SET doc_no = '假〔2024〕1号'" "R1 doc_no: the history gives '静府议〔2024〕3号', found '假〔2024〕1号'"
tampered "UPDATE reports SET title = '篡改'" "R1 title: the history gives '关于审议意见落实情况的报告', found '篡改'"
# the same file imported again keeps the corrections
fu import "$SEED"; expect_rc 0 "import again"; expect_out "0 added, 0 updated" "identical re-import"
fu report-meta R1; expect_out "关于审议意见落实情况的报告" "re-import kept the corrected title"

# ---- edit
uuid=$(sqlite3 "$DB" "SELECT uuid FROM tasks WHERE code = '2.1'")
refused edit 2.1 改
fu edit 2.1 "推动科技金融融合"; expect_rc 0 "edit"; expect_out "R1:2.1 text changed" "edit says so"
fu edit 2.1 "推动科技金融融合"; expect_out "unchanged" "edit to the same text"
fu edit 2.1 ""; expect_rc 2 "empty text refused"; expect_one_line_err "empty text"
fu edit 2.4 --body "新的正文。"; expect_rc 0 "edit --body"
fu show 2.1; expect_out "推动科技金融融合" "new text shown"; expect_out "$uuid" "same uuid"
expect_out "text: 推动科技金融融合及人才培育 → 推动科技金融融合" "old text in the history"
fu list --search 科技金融融合; expect_out "2.1 " "search finds the new text"
fu list --search 人才培育; expect_no_out "推动科技金融融合" "search forgets the old text"
clean edit
tampered "UPDATE tasks SET text = '篡改' WHERE code = '2.1'" "R1:2.1 text: the history gives '推动科技金融融合', found '篡改'"
tampered "UPDATE tasks SET body = '篡改' WHERE code = '2.4'" "R1:2.4 body: the history gives '新的正文。', found '篡改'"
fu import "$SEED"; fu show 2.1; expect_out "推动科技金融融合" "re-import kept the corrected text"

# ---- withdraw and restore
refused withdraw 2.4 --reason x
fu withdraw 2.4; expect_rc 2 "withdraw without a reason"; expect_one_line_err "no reason"
fu note 2.4 "已对接"; expect_rc 0 "note before withdrawing"
fu withdraw 2.4 --reason "报头误作事项"; expect_rc 0 "withdraw"
expect_out "R1:2.4 withdrawn (and 4 sub-tasks)" "withdraw with its statements"
fu list; expect_no_out "2.4 " "withdrawn item left the list"; expect_no_out "2.4.1" "its statements too"
fu list --withdrawn; expect_out "2.4.1" "list --withdrawn shows them"
fu list --format csv; expect_no_out ",2.4," "withdrawn item left the csv"
fu report --by section; expect_no_out "深入推进知识产权发展战略" "withdrawn item left the report"
fu report --format json
python3 - "$T/out" <<'PY' || fail "report json still counts the withdrawn item"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"]["items"] == 10, d["summary"]["items"]
assert all(i["code"] != "2.4" for i in d["items"])
PY
fu remind --all; expect_no_out "2.4" "withdrawn item left remind"
fu list --format xlsx -o "$T/l.xlsx"; expect_rc 0 "xlsx"
python3 - "$T/l.xlsx" <<'PY' || fail "the workbook: withdrawn item present, or the check found nothing"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
assert "加快数字科创场景和设施建设" in xml      # a live item is there
assert "深入推进知识产权发展战略" not in xml     # the withdrawn one is not
PY
fu show 2.4; expect_rc 0 "show finds the withdrawn code"; expect_out "(withdrawn)" "show says withdrawn"
expect_out "withdrawn: 报头误作事项" "show gives the reason"; expect_out "已对接" "its notes stay"
fu history 2.4; expect_out "withdrawn: 0 → 1  (报头误作事项)" "history keeps it"
fu status 2.4 active; expect_rc 1 "a withdrawn task cannot change"; expect_err "followup restore R1:2.4" "mends"
clean withdraw
tampered "UPDATE tasks SET withdrawn = 0 WHERE code = '2.4.1'" "R1:2.4.1 withdrawn: the history gives '1', found '0'"
fu import "$SEED"; fu list; expect_no_out "2.4 " "re-import did not bring the withdrawn item back"
fu restore 2.4.1; expect_rc 2 "restore under a withdrawn parent"; expect_err "restore R1:2.4 first" "mends"
fu restore 2.4; expect_rc 0 "restore"; expect_out "R1:2.4 restored (and 4 sub-tasks)" "restore with its statements"
fu list; expect_out "2.4.1" "restored statements listed"
fu restore 2.4; expect_rc 2 "restore a live task"
clean restore
tampered "UPDATE tasks SET withdrawn = 1 WHERE code = '2.4'" "R1:2.4 withdrawn: the history gives '0', found '1'"

# ---- strike out a note
fu --as wang note 2.4 "误存的进展"; expect_rc 0 "liaison's note"
fu --as wang note 2.4 "正确的进展"; expect_rc 0 "liaison's second note"
fu user add zhao --role department --dept 区知识产权局; expect_rc 0 "second liaison"
before=$(rows)
fu --as zhao strike 2.4 2; expect_rc 3 "another liaison may not strike wang's note"
eq "$(rows)" "$before" "a refused strike wrote history"
fu strike 2.4 9; expect_rc 4 "no such note"
fu --as wang strike 2.4 2 --reason "存错了任务"; expect_rc 0 "the author strikes it"
expect_out "note struck out: 误存的进展" "strike names the note"
fu --as wang strike 2.4 2; expect_rc 2 "struck twice"
fu show 2.4; expect_out "[struck out by root as wang" "show marks it struck"; expect_out "误存的进展" "the text stays"
fu report --by section --format json
python3 - "$T/out" <<'PY' || fail "latest progress is the struck note"
import json, sys
d = json.load(open(sys.argv[1]))
it = [i for i in d["items"] if i["code"] == "2.4"][0]
assert it["latest_note"] and it["latest_note"]["text"] == "正确的进展", it["latest_note"]
PY
fu strike 2.4; expect_rc 0 "committee strikes the latest"; expect_out "正确的进展" "the latest not struck"
fu report --by section --format json
python3 - "$T/out" <<'PY' || fail "latest progress after striking every later note"
import json, sys
d = json.load(open(sys.argv[1]))
it = [i for i in d["items"] if i["code"] == "2.4"][0]
assert it["latest_note"] and it["latest_note"]["text"] == "已对接", it["latest_note"]
PY
clean strike
tampered "UPDATE notes SET struck_at = NULL WHERE text = '误存的进展'" "R1:2.4 note: the history gives '误存的进展 (struck out)', found '误存的进展'"
tampered "UPDATE notes SET struck_at = 'x' WHERE text = '已对接'" "R1:2.4 note: the history gives '已对接', found '已对接 (struck out)'"
finish
