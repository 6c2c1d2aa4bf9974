#!/bin/sh
# The workflow in reports and reminders: `report --by dept` ranks the
# departments on on-time completion, feedback punctuality and satisfaction
# with the formula stated (json: rank and each component, ties ranked
# equal); lights and approved extensions per department; the section
# naming the departments that did not report; the leaders' instruction
# first in the by-section report; `remind` for a liaison with an overdue
# feedback, an open instruction and a pending extension, in English and
# Chinese. "Today" is 70 days after the real date, so that notes added now
# fall inside the feedback periods.
. "$(dirname "$0")/../lib.sh"
now=$(date +%F)
later=$(python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=70))')
export FOLLOWUP_TODAY=$later
PAST=2024-01-01 FUTURE=2099-12-31
A=区知识产权局 B=区财政局 C=区审改办 D=区行政服务中心

fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept $A; expect_rc 0 "liaison of A"
fu user add leader --role viewer; expect_rc 0 "a leader"
# A: 2.1 done in time, 2.2 done late; 2.4 open with a cycle and one note in its first period.
fu assign 2.1 $A --due $FUTURE; fu status 2.1 done
fu assign 2.2 $A --due $PAST; fu status 2.2 done
fu assign 2.4 $A --due $FUTURE; fu cycle 2.4 monthly --from "$now"
fu --as liaison note 2.4 "第一期反馈"; expect_rc 0 "A's note in the first period"
# B: 2.3 done in time, 3.1 overdue; 2.5 with a cycle and no note.
fu assign 2.3 $B --due $FUTURE; fu status 2.3 done
fu assign 3.1 $B --due $PAST
fu assign 2.5 $B --due $FUTURE; fu cycle 2.5 monthly --from "$now"
# C and D: one item each, done in time: equal scores.
fu assign 1.2 $C --due $FUTURE; fu status 1.2 done
fu assign 1.3 $D --due $FUTURE; fu status 1.3 done
# Ratings: A satisfied, B basically.
fu review start "第一次跟踪审议"; expect_rc 0 "a round"
fu review rate 2.1 满意; expect_rc 0 "rate 2.1"
fu review rate 2.3 基本满意; expect_rc 0 "rate 2.3"
# Extensions: one approved (3.2), one pending (3.3), both A's.
fu assign 3.2 $A --due "$later"; fu assign 3.3 $A --due "$later"
fu --as liaison extend 3.2 --to $FUTURE --reason "等待审批"; fu extend approve 3.2
expect_rc 0 "approve 3.2"
fu --as liaison extend 3.3 --to $FUTURE --reason "需市级协调"; expect_rc 0 "ask for 3.3"
fu --as leader instruct 2.4 "请加快推进，月底前报送进展"; expect_rc 0 "instruct 2.4"
# C: a cycle on its done item owes nothing after it was accepted (today's real date).
fu cycle 1.2 monthly --from "$now"; expect_rc 0 "a cycle on a done item"

# ---- the ranking -------------------------------------------------------------------------
fu report --format json; expect_rc 0 "report json"
python3 - "$T/out" <<'EOF' || fail "the ranking in json"
import json, sys
r = json.load(open(sys.argv[1]))
d = {x["name"]: x for x in r["departments"]}
A, B, C, D = d["区知识产权局"], d["区财政局"], d["区审改办"], d["区行政服务中心"]
n = A["feedback_periods"][1]
assert n >= 2 and B["feedback_periods"] == [0, n], (A["feedback_periods"], B["feedback_periods"])
assert A["feedback_periods"][0] == 1, A["feedback_periods"]
assert A["on_time"] == 0.5 and A["on_time_items"] == [1, 2], A
assert B["on_time"] == 0.5 and B["on_time_items"] == [1, 2], B
assert A["satisfaction"] == 1.0 and B["satisfaction"] == 0.6, (A, B)
assert abs(A["feedback"] - 1 / n) < 1e-4 and B["feedback"] == 0, (A, B)
w = r["evaluation"]["weights"]
for x in (A, B, C, D):
    parts = [(w["on_time"], x["on_time"]), (w["feedback"], x["feedback"]),
             (w["satisfaction"], x["satisfaction"])]
    have = [(k, v) for k, v in parts if v is not None]
    want = sum(k * v for k, v in have) * 100 / sum(k for k, _ in have)
    assert abs(x["score"] - round(want, 1)) < 0.051, (x["name"], x["score"], want)
assert C["score"] == D["score"] == 100.0, (C, D)
assert C["feedback_periods"] == [0, 0], C["feedback_periods"]
assert C["rank"] == D["rank"] == 1, "ties ranked equal"
assert A["rank"] == 3 and B["rank"] == 4, (A["rank"], B["rank"])
assert d["区科委"]["rank"] is None and d["区科委"]["score"] is None
assert [x["rank"] for x in r["evaluation"]["ranking"]][:4] == [1, 1, 3, 4]
assert "40" in r["evaluation"]["formula"] and "30" in r["evaluation"]["formula"]
# lights and extensions per department
assert A["lights"] == {"blue": 1, "yellow": 1, "red": 0}, A["lights"]      # 3.3 blue, 2.4 yellow
assert B["lights"] == {"blue": 0, "yellow": 1, "red": 1}, B["lights"]      # 2.5 feedback, 3.1 late
assert A["extensions_approved"] == 1 and B["extensions_approved"] == 0
assert A["feedback_overdue"] == 1 and B["feedback_overdue"] == 1
assert sorted(r["feedback_overdue"]) == ["2.4", "2.5"], r["feedback_overdue"]
it = {x["code"]: x for x in r["items"]}
assert it["2.4"]["instruction"]["text"] == "请加快推进，月底前报送进展"
assert it["2.4"]["instruction"]["answered"] is False
assert it["3.3"]["extension_pending"] == "2099-12-31" and it["3.2"]["extensions_approved"] == 1
assert it["2.4"]["light"] == "yellow" and it["3.1"]["light"] == "red"
EOF
fu report; expect_rc 0 "report text"
expect_out "Evaluation and lights" "text: the section"
expect_out "Score = (40 × on time + 30 × feedback +" "text: the formula"
expect_out "Rank  Department" "text: the ranking table"
expect_out "Departments that did not report in the period (as of $later)" "text: no-feedback section"
python3 - "$T/out" <<'EOF' || fail "text: ranking rows in order"
import re, sys
s = open(sys.argv[1]).read()
rows = re.findall(r"^\s+(\d+|-)\s+(\S+)\s+[\d.%-]+\s+[\d.%-]+\s+[\d.%-]+\s+([\d.]+|-)$", s, re.M)
names = [(a, b) for a, b, _ in rows]
assert names[:4] == [("1", "区审改办"), ("1", "区行政服务中心"), ("3", "区知识产权局"),
                     ("4", "区财政局")], names
EOF
fu report --by section; expect_rc 0 "by section"
python3 - "$T/out" <<'EOF' || fail "by section: the instruction comes first in 2.4's entry"
import sys
s = open(sys.argv[1]).read()
e = s[s.index("2.4 "):]
assert e.index("Instruction (") < e.index("Status:"), e[:300]
EOF
expect_out "feedback overdue (" "by section: the feedback state"
expect_out "extension to 2099-12-31 pending" "by section: the pending request"
fu report --format csv; head -1 "$T/out" | grep -q ',light' || fail "csv: the light column"
fu report --format html -o "$T/r.html"; expect_rc 0 "html"
grep -q "按期办结率\|On time" "$T/r.html" || fail "html: the ranking"

# ---- remind --------------------------------------------------------------------------------
fu --as liaison remind; expect_rc 0 "remind for the liaison"
expect_out "1 feedback overdue, 1 instruction to answer, 1 extension request pending" "heading"
expect_out "feedback overdue (" "the overdue feedback"
expect_out "请加快推进，月底前报送进展" "the instruction"
expect_out "extension to 2099-12-31 pending" "the pending extension"
cp "$T/out" "$T/remind-en.txt"
{ sed 's/^language = en/language = zh/' "$FOLLOWUP_CONFIG"; } >"$T/zh.ini"
FOLLOWUP_CONFIG="$T/zh.ini" fu --as liaison remind; expect_rc 0 "remind in Chinese"
expect_out "未按期反馈1项，待落实批示1项，延期申请待审批1项" "zh heading"
expect_out "未按期反馈（期限" "zh: 未按期反馈"; expect_out "延期待审批（至2099-12-31）" "zh: pending"
fu --as liaison note 2.4 "已按批示报送"; expect_rc 0 "the liaison answers"
fu --as liaison remind; expect_no_out "instruction" "answered: no longer reminded"
expect_out "feedback overdue (" "a note before the missed period began settles nothing"
fu remind --all; expect_out "extension to 2099-12-31 pending" "the committee sees the request"

fu verify; expect_rc 0 "verify after all of it"
finish
