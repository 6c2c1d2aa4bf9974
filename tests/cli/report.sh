#!/bin/sh
# Status reports on the seed after a scripted set of changes, with
# FOLLOWUP_TODAY fixed: golden files for every format (generation time,
# note dates, UUIDs, the chain head and the login masked), the CSV parsed
# back and compared with `list --format csv`, the HTML checked well formed
# and free of unescaped text, the JSON's counts checked against
# `list --format json`, -o written atomically.
# After an intended change of output: FOLLOWUP_UPDATE_GOLDEN=1 sh tests/cli/report.sh
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01
GOLDEN=$ROOT/tests/golden
me=$(id -un)
me_re=$(printf '%s' "$me" | sed 's|[]*.^$/[]|\\&|g')
day0=$(date -u +%F) day1=$(date +%F)

sed -e 's/^language = en/language = zh/' "$FOLLOWUP_CONFIG" >"$T/zh.ini"

# ---- the scripted changes ----------------------------------------------------------------
fu import "$SEED"; expect_rc 0 "import"
fu user add liaison --role department --dept 区知识产权局; expect_rc 0 "user add"
fu assign 2.4 区知识产权局 --support 区审改办,区行政服务中心 --due 2024-06-20
expect_rc 0 "assign 2.4"
fu assign 2.1 - --due 2024-07-05; expect_rc 0 "assign 2.1"
fu assign 1.3 - --due 2024-05-31; expect_rc 0 "assign 1.3"
fu assign 3.2 区财政局 --support 区科委 --due 2024-12-31; expect_rc 0 "assign 3.2"
fu status 1.1 active --note "已组织专题学习"; expect_rc 0 "1.1 active"
fu status 2.3 submitted; expect_rc 0 "2.3 submitted"
fu accept 2.3; expect_rc 0 "accept 2.3"
fu review start "第一次跟踪审议" --date 2024-06-15; expect_rc 0 "review start"
fu --as liaison status 2.4 active --note "<script>x</script> & 已设立"
expect_rc 0 "2.4 active by the liaison"
fu status 2.2 done --note "载体清单已发布"; expect_rc 0 "2.2 done"
fu status 3.1 delayed --note "规划调整中，预计延后"; expect_rc 0 "3.1 delayed"
fu status 1.3 ongoing; expect_rc 0 "1.3 ongoing"
fu assign 2.5 - --due 2024-07-03; expect_rc 0 "assign 2.5"
fu review rate 2.3 满意 --remark "按期办结"; expect_rc 0 "rate 2.3"
fu review rate 2.2 基本满意; expect_rc 0 "rate 2.2"
fu review rate 1.1 不满意 --remark "进度偏慢"; expect_rc 0 "rate 1.1"

# ---- golden files -------------------------------------------------------------------------
mask() {
    day2=$(date -u +%F) day3=$(date +%F)
    sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})/<TIME>/g' \
        -e 's/[0-9a-f]{64}/<HEAD>/g' -e 's/([^0-9a-f-])[0-9a-f]{16}([^0-9a-f-]|$)/\1<HEAD>\2/g' \
        -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<UUID>/g' \
        -e "s/$day0|$day1|$day2|$day3/<DATE>/g" -e "s/\\b$me_re\\b/<ME>/g" "$1"
}
# golden NAME CONFIG ARGS…: the masked report equals tests/golden/NAME.
golden() {
    name=$1 cfg=$2
    shift 2
    FOLLOWUP_CONFIG=$cfg fu report "$@"
    expect_rc 0 "report $*"
    mask "$T/out" >"$T/$name"
    if [ "${FOLLOWUP_UPDATE_GOLDEN:-}" = 1 ]; then
        mkdir -p "$GOLDEN" && cp "$T/$name" "$GOLDEN/$name"
    elif ! cmp -s "$T/$name" "$GOLDEN/$name"; then
        fail "report $* differs from tests/golden/$name: $(diff -u "$GOLDEN/$name" "$T/$name" | head -20)"
    fi
}
EN=$FOLLOWUP_CONFIG ZH=$T/zh.ini
golden report-en-dept.txt "$EN" --since-review
golden report-zh-section.txt "$ZH" --by section --since-review
golden report-zh-dept.txt "$ZH"
golden report-zh-section.md "$ZH" --format md --by section --since-review
golden report-en-section.csv "$EN" --format csv --by section
golden report-zh-dept-excel.csv "$ZH" --format csv --by dept --excel
golden report-zh-dept.html "$ZH" --format html --since-review
golden report-en-dept.json "$EN" --format json --since-review

# The text report never cuts through a character and keeps to 80 columns.
FOLLOWUP_CONFIG=$ZH fu report --by section --since-review
python3 - "$T/out" <<'EOF' || fail "text report wider than 80 columns"
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\n"))
    assert w <= 80, (w, line)
EOF
expect_out "（二）打响静安特色的科创服务品牌,优化科技创新环境" "zh: sections numbered like an office document"
expect_out "牵头单位：区知识产权局；配合单位：区审改办、区行政服务中心" "zh: 牵头单位 / 配合单位"

# ---- CSV: parsed back and compared with list --format csv ----------------------------------
fu list --kind item --format csv; cp "$T/out" "$T/list.csv"
fu report --format csv --by section; cp "$T/out" "$T/report.csv"
fu report --format csv --by dept --excel; cp "$T/out" "$T/dept.csv"
python3 - "$T/list.csv" "$T/report.csv" "$T/dept.csv" <<'EOF' || fail "report CSV does not match list CSV"
import csv, sys
def rows(path, enc="utf-8"):
    with open(path, newline="", encoding=enc) as f:
        return list(csv.DictReader(f))
lst = {r["uuid"]: r for r in rows(sys.argv[1])}
rep = rows(sys.argv[2])
assert len(rep) == len(lst) == 11, (len(rep), len(lst))
for r in rep:
    l = lst[r["uuid"]]
    for k in ("report", "code", "kind", "text", "status", "lead", "support", "due"):
        assert r[k] == l[k], (k, r[k], l[k])
assert open(sys.argv[3], "rb").read(3) == b"\xef\xbb\xbf", "--excel has no BOM"
dept = rows(sys.argv[3], "utf-8-sig")
pairs = {(r["dept"], r["role"], r["uuid"]) for r in dept}
want = set()
for l in lst.values():
    want.add((l["lead"], "lead" if l["lead"] else "", l["uuid"]))
    for s in filter(None, l["support"].split(";")):
        want.add((s, "support", l["uuid"]))
assert pairs == want and len(dept) == len(want), (pairs ^ want)
EOF

# ---- HTML: well formed, escaped, self-contained -----------------------------------------------
fu report --format html --by section --since-review; cp "$T/out" "$T/report.html"
fu report --format html --since-review; cp "$T/out" "$T/dept.html"
for h in "$T/report.html" "$T/dept.html"; do
python3 - "$h" <<'EOF' || fail "HTML $h is not well formed or not escaped"
import sys, html.parser, xml.etree.ElementTree as ET
src = open(sys.argv[1], encoding="utf-8").read()
ET.fromstring(src[src.index("<html"):])            # well formed as XML too
allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "table",
           "thead", "tbody", "tr", "th", "td", "p", "div", "span", "svg", "rect"}
class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text = [], []
    def handle_starttag(self, tag, attrs):
        assert tag in allowed, "unexpected tag <%s>: unescaped text?" % tag
        for k, v in attrs:
            assert not k.startswith("on") and k not in ("src", "href"), (tag, k)
        if tag != "meta":
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        assert tag in allowed, tag
    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, "misnested </%s>" % tag
    def handle_data(self, data):
        self.text.append(data)
p = Check()
p.feed(src)
p.close()
assert not p.stack, p.stack
assert "<script>x</script> & 已设立" in "".join(p.text), "the note is not shown as text"
assert "http" not in src and "url(" not in src and "@import" not in src, "external reference"
EOF
done
grep -q "<svg " "$T/dept.html" || fail "no bar chart in the department view"

# ---- JSON: counts against list --format json ---------------------------------------------------
fu list --format json; cp "$T/out" "$T/list.json"
fu report --format json --since-review; cp "$T/out" "$T/report.json"
python3 - "$T/list.json" "$T/report.json" <<'EOF' || fail "report JSON counts differ from list JSON"
import json, sys, datetime
items = [t for t in json.load(open(sys.argv[1])) if t["kind"] == "item" and not t["withdrawn"]]
r = json.load(open(sys.argv[2]))
s = r["summary"]
assert s["items"] == len(items), (s["items"], len(items))
for st, n in s["by_status"].items():
    assert n == sum(t["status"] == st for t in items), st
assert {i["uuid"] for i in r["items"]} == {t["uuid"] for t in items}
for d in r["departments"]:
    if d["name"] is None:
        assert d["items_lead"] == sum(t["lead"] is None for t in items)
        continue
    assert d["items_lead"] == sum(t["lead"] == d["name"] for t in items), d["name"]
    assert d["items_support"] == sum(d["name"] in t["support"] for t in items), d["name"]
    assert sum(d["lead"].values()) == d["items_lead"]
today = datetime.date.fromisoformat(r["today"])
def late(t):
    return (today - datetime.date.fromisoformat(t["due"])).days
over = [t for t in items if t["due"] and t["status"] != "done" and late(t) > 0]
over.sort(key=lambda t: -late(t))
assert r["overdue"] == [t["code"] for t in over], (r["overdue"], [t["code"] for t in over])
soon = [t for t in items if t["due"] and t["status"] != "done" and -r["warn_days"] <= late(t) <= 0]
assert sorted(r["due_soon"]) == sorted(t["code"] for t in soon)
assert r["ratings"]["rated"] == 3 and r["compared_with"]["round"] == 1
EOF

# ---- -o: atomic file output, options ------------------------------------------------------------
fu report --format html -o "$T/out.html"
expect_rc 0 "report -o"; expect_out "report written to" "-o message"
[ -s "$T/out.html" ] || fail "-o wrote nothing"
grep -q "</html>" "$T/out.html" || fail "-o: incomplete file"
ls -a "$T" | grep -q '^\.out\.html\.' && fail "-o left a temporary file"
eq "$(stat -c %a "$T/out.html")" "$(printf '%o' $((0666 & ~$(umask))))" "-o: mode follows the umask"
echo old >"$T/out.txt"
fu report -o "$T/out.txt"; expect_rc 0 "report -o over an old file"
grep -q "Follow-up status report" "$T/out.txt" || fail "-o did not replace the file"
fu report -o "$T/no/such/dir/r.txt"; expect_rc 1 "-o into a missing directory"
expect_one_line_err "-o error"
fu report --report R1; expect_rc 0 "--report R1"
fu report --report R9; expect_rc 4 "--report R9"
fu report --format pdf; expect_rc 2 "unknown format"
fu report --by person; expect_rc 2 "unknown grouping"
FOLLOWUP_TODAY=yesterday fu report; expect_rc 2 "bad FOLLOWUP_TODAY"; expect_one_line_err "today"
fu --as liaison report; expect_rc 0 "a department user may read reports"
finish
