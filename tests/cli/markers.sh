#!/bin/sh
# Responsibility markers on import (issue 11): lead, support and due stored
# from 牵头单位/配合单位/完成时限, unknown departments added with a history
# row, and import --dry-run showing all that while storing nothing.
. "$(dirname "$0")/../lib.sh"
FIX=$ROOT/tests/fixtures/parse-markers.txt

# A dry run without a database creates none and names what would be added.
fu import --dry-run "$FIX"
expect_rc 0 "dry run"; expect_out "dry run, nothing stored" "dry run says so"
expect_out "department to add: 市民政局" "dry run names a new department"
expect_out "department to add: 各区、县（市）" "a place kept whole"
[ -e "$DB" ] && fail "dry run created the database"

fu import "$SEED"
expect_rc 0 "import seed"
fu history; before=$(wc -l <"$T/out")
fu dept list; depts_before=$(wc -l <"$T/out")
fu import --dry-run "$FIX"
expect_rc 0 "dry run on a database"; expect_out "would be added" "dry run counts"
fu history; eq "$(wc -l <"$T/out")" "$before" "dry run writes no history"
fu dept list; eq "$(wc -l <"$T/out")" "$depts_before" "dry run adds no department"
fu list --report R2
expect_rc 4 "dry run stored no report"

fu import "$FIX"
expect_rc 0 "import"; expect_out "department added: 市委组织部" "import names added departments"
expect_out "with lead, support or due from the report's markers" "import counts marked tasks"
fu dept list; expect_out "团市委" "a support department was added"
fu history
expect_out "dept: - → 市民政局  (import: responsibility marker)" "history row for the new department"
expect_out "R2:1.1.1  lead: - → 市民政局" "history row for the lead"
fu list --report R2 --format json
expect_rc 0 "list json"
python3 - "$T/out" <<'PY' || fail "stored lead, support, due, status"
import json, sys
rows = {r["code"]: r for r in json.load(open(sys.argv[1], encoding="utf-8"))}
def check(code, lead, support, due, status="todo"):
    r = rows[code]
    assert r["lead"] == lead, (code, r["lead"])
    assert r["support"] == support, (code, r["support"])
    assert r["due"] == due, (code, r["due"])
    assert r["status"] == status, (code, r["status"])
check("1.1.1", "市民政局", ["市财政局", "各区"], "2025-06-30")
check("1.1.2", "市住房城乡建设委", ["市规划资源局", "各区、县（市）"], "2025-12-31")
check("1.1.3", "市委组织部", ["各区"], None, "ongoing")
check("1.1.4", "市人力资源社会保障局", ["市财政局", "团市委"], "2025-09-30")
check("1.2.1", "市绿化市容局", [], None)
# a marked item's commitments follow its marker, not the names they contain
for code, r in rows.items():
    if code.startswith("1.1.1."):
        assert r["lead"] == "市民政局" and r["due"] == "2025-06-30", (code, r["lead"])
PY

fu show R2:1.1.3
expect_out "责任单位：市委组织部、各区 完成时限：长期坚持" "the marker's text stays in the item's body"

# The same report again changes nothing, markers included.
fu history; before=$(wc -l <"$T/out")
fu import "$FIX"
expect_rc 0 "re-import"; expect_out "0 added, 0 updated" "re-import changes nothing"
fu history; eq "$(wc -l <"$T/out")" "$before" "re-import adds no history"

# The committee's own assignment stands against a re-import.
fu assign R2:1.1.1 区科委
expect_rc 0 "assign"
fu import "$FIX"
fu show R2:1.1.1; expect_out "区科委" "a re-import keeps the committee's lead"
# A report without numbered headings: read paragraph by paragraph, with a
# note on stderr; text that commits to nothing is still refused.
printf '关于环境卫生整治情况的通报\n各镇人民政府：\n4月21日，县委督查室进行了督查。\n各乡镇要立即组织整改，确保5月底前全部整改到位。\n特此通报。\n' >"$T/p.txt"
fu parse "$T/p.txt"
expect_rc 0 "paragraphs parse"; expect_err "note:" "paragraphs note on stderr"
expect_err "1 paragraph that commits" "the note counts the items"
expect_out "各乡镇要立即组织整改" "the committing paragraph is an item"
printf '关于某项工作的说明\n区人大常委会：\n这是一段叙述，没有列出任何事项。\n' >"$T/n.txt"
fu parse "$T/n.txt"
expect_rc 1 "no commitment refused"; expect_one_line_err "refusal is one line"
finish
