#!/bin/sh
# followup import and list: storing the seed, idempotent re-import, a
# revised report, and the list formats.
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"
expect_rc 0 "import seed"; expect_out "R1" "import names the report"
fu list --kind item --format csv
eq "$(($(wc -l <"$T/out") - 1))" 11 "11 items stored"
fu list --kind section --format csv
eq "$(($(wc -l <"$T/out") - 1))" 3 "3 sections stored"
fu show 2.4
expect_rc 0 "show 2.4"; expect_out "深入推进知识产权发展战略" "show 2.4 title"
expect_out "区知识产权局" "2.4's suggested lead stored as lead"

# list --format json has the contract's keys; csv has the same rows.
fu list --format json
expect_rc 0 "list json"; cp "$T/out" "$T/list.json"
fu list --format csv
expect_rc 0 "list csv"; cp "$T/out" "$T/list.csv"
python3 - "$T/list.json" "$T/list.csv" <<'PY' || fail "json/csv contract"
import csv, json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
for r in rows:
    for k in ("uuid", "report", "code", "kind", "text", "status", "lead", "support", "due", "version"):
        assert k in r, k
    assert r["report"] == "R1" and r["kind"] in ("section", "item", "statement")
    assert isinstance(r["support"], list)
c = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")))
assert len(c) == len(rows), (len(c), len(rows))
for a, b in zip(rows, c):
    assert a["uuid"] == b["uuid"] and a["code"] == b["code"] and a["text"] == b["text"], (a, b)
    assert a["status"] == b["status"] and str(a["version"]) == b["version"]
PY

# Same report again: nothing changes.
fu history; before=$(wc -l <"$T/out")
fu import "$SEED"
expect_rc 0 "re-import"; expect_out "0 added, 0 updated" "re-import changes nothing"
fu history; eq "$(wc -l <"$T/out")" "$before" "re-import adds no history"

# A revised report: 2.5 removed, 2.2's title reworded; statuses kept.
fu status 2.1 active
expect_rc 0 "status 2.1 active"
fu show 2.1; uuid21=$(sed -n 's/^uuid *//p' "$T/out")
sed -e 's/五是提升体系化科普工作能力。[^三]*三、/三、/' \
    -e 's/深化科技创新载体提质增效/深化科技创新载体建设/' "$SEED" >"$T/revised.txt"
fu import "$T/revised.txt"
expect_rc 0 "import revised"; expect_out "existing report" "revision matched by 文号"
fu show 2.1
expect_out "$uuid21" "2.1 keeps its uuid"; expect_out "active" "2.1 keeps its status"
fu list --kind item --format csv
eq "$(($(wc -l <"$T/out") - 1))" 10 "10 live items after the revision"
fu list --kind item --withdrawn --format json
grep -q '"withdrawn":true' "$T/out" || fail "2.5 marked withdrawn"
fu list --search 载体建设 --kind item --format csv
expect_out "深化科技创新载体建设" "reworded title stored"

# Filters.
fu list --status active --format csv
expect_out ",2.1," "status filter"
fu list --search 知识产权 --kind item --format csv
expect_out ",2.4," "search filter"
fu list --status nonsense
expect_rc 2 "bad status"; expect_one_line_err "bad status"
fu list --format xml
expect_rc 2 "bad format"
fu list --report R9
expect_rc 4 "unknown report"
finish
