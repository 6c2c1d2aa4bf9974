#!/bin/sh
# The office files: list --format xlsx (the 台账), report --format xlsx and
# report --format docx (the 督办通报). Each file is checked twice: its XML
# (unzip) for the structure — sheets, cell types, styles, the frozen
# header, codes as text, page set-up — and through a real third-party
# reader, LibreOffice headless, whose conversion (xlsx → csv, docx → txt)
# is compared with list --format csv and report --format text. Golden
# files keep the structure (tests/golden/office-*.xml); after an intended
# change: FOLLOWUP_UPDATE_GOLDEN=1 sh tests/cli/office.sh
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01
command -v soffice >/dev/null || { echo "FAIL: soffice missing; run scripts/deps.sh"; exit 1; }
sed -e 's/^language = en/language = zh/' "$FOLLOWUP_CONFIG" >"$T/zh.ini"
EN=$FOLLOWUP_CONFIG ZH=$T/zh.ini
# lo FORMAT FILE…: LibreOffice converts the files into $T/lo-out (its own
# profile, so that parallel runs do not share one).
lo() {
    f=$1
    shift
    soffice -env:UserInstallation="file://$T/lo-profile" --headless --convert-to "$f" \
        --outdir "$T/lo-out" "$@" >"$T/lo.log" 2>&1 || fail "soffice: $(cat "$T/lo.log")"
}
# Every sheet to its own CSV, cells as shown (dates as 2024-07-01, shares as 18.2%).
CSV_ALL='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'

# ---- the list: a report whose numbering reaches 1.10 -----------------------------------------
fu import "$ROOT/tests/fixtures/office-ten.txt"; expect_rc 0 "import the ten-item report"
fu assign 1.10 区科委 --support 区财政局,区审改办 --due 2024-06-30; expect_rc 0 "assign 1.10"
fu assign 1.2 - --due 2024-07-05; expect_rc 0 "assign 1.2"
fu note 1.10 "$(printf '=1+1 第一行\n第二行 \033[2J')"; expect_rc 0 "a two-line note"
fu status 1.10.1 delayed --note "子项滞后"; expect_rc 0 "a note on a sub-task"
fu status 1.1 active --note "已启动"; expect_rc 0 "1.1 active"
echo "佐证" >"$T/evidence.txt"
fu attach 1.10 "$T/evidence.txt"; expect_rc 0 "attach evidence to 1.10"

script -qec "$FU --db $DB list --format xlsx" /dev/null >"$T/tty.out" 2>&1
grep -q "\-o FILE.xlsx" "$T/tty.out" || fail "xlsx to a terminal: no hint to use -o: $(cat "$T/tty.out")"
grep -q "^PK" "$T/tty.out" && fail "xlsx to a terminal: the zip was written"
fu list --format xlsx -o "$T/list.xlsx"; expect_rc 0 "list --format xlsx -o"
expect_out "tasks written to" "list -o says what it wrote"
fu list --format xlsx; expect_rc 0 "list --format xlsx to a pipe"
cmp -s "$T/out" "$T/list.xlsx" || [ "$(head -c 2 "$T/out")" = PK ] || fail "xlsx to a pipe is no zip"
fu list --format csv; cp "$T/out" "$T/list.csv"
fu list --format csv -o "$T/list-o.csv"; expect_rc 0 "list --format csv -o"
cmp -s "$T/list.csv" "$T/list-o.csv" || fail "list -o wrote other bytes than stdout"
FOLLOWUP_CONFIG=$ZH fu list --format xlsx -o "$T/list-zh.xlsx"; expect_rc 0 "list xlsx in Chinese"
FOLLOWUP_CONFIG=$ZH fu list --format xlsx -o "$T/list-zh.xlsx"; expect_out "项任务已写入" "zh message"

unzip -p "$T/list.xlsx" xl/worksheets/sheet1.xml >"$T/list-sheet.xml" || fail "unzip list.xlsx"
unzip -p "$T/list.xlsx" xl/styles.xml >"$T/list-styles.xml"
unzip -p "$T/list-zh.xlsx" xl/workbook.xml >"$T/list-zh-book.xml"
unzip -p "$T/list-zh.xlsx" xl/worksheets/sheet1.xml >"$T/list-zh-sheet.xml"
python3 - "$T" <<'EOF' || fail "list.xlsx structure"
import csv, re, sys, xml.etree.ElementTree as ET
T = sys.argv[1]
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
sh = ET.parse(T + "/list-sheet.xml").getroot()
pane = sh.find(".//m:pane", ns)
assert pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1", "header not frozen"
lst = list(csv.DictReader(open(T + "/list.csv", newline="", encoding="utf-8")))
n = len(lst)
assert sh.find("m:autoFilter", ns).get("ref") == "A1:N%d" % (n + 1), "autofilter"
widths = {int(c.get("min")): float(c.get("width")) for c in sh.findall(".//m:col", ns)}
assert widths[4] > 30 and widths[2] < 12, ("widths by content", widths)
st = ET.parse(T + "/list-styles.xml").getroot()
fmts = {x.get("numFmtId"): x.get("formatCode") for x in st.findall(".//m:numFmt", ns)}
xfs = st.find("m:cellXfs", ns).findall("m:xf", ns)
def fmt(cell):
    return fmts.get(xfs[int(cell.get("s", 0))].get("numFmtId"), "")
rows = sh.findall(".//m:row", ns)
assert len(rows) == n + 1, (len(rows), n)
for row in rows[1:]:
    cells = {re.match("[A-Z]+", c.get("r")).group(): c for c in row.findall("m:c", ns)}
    code = cells["B"]
    assert code.get("t") in ("inlineStr", "s", "str") and fmt(code) == "@", "a code is not text"
    if "H" in cells and cells["H"].find("m:v", ns) is not None:
        assert cells["H"].get("t") is None and fmt(cells["H"]) == "yyyy-mm-dd", "due is no date"
    assert cells["M"].get("t") is None and cells["L"].get("t") is None, "counts are no numbers"
    if "I" in cells and cells["I"].get("t"):                       # the light, as a fill
        xf = xfs[int(cells["I"].get("s"))]
        fill = st.find("m:fills", ns).findall("m:fill", ns)[int(xf.get("fillId"))]
        pf = fill.find("m:patternFill", ns)
        text = cells["I"].find(".//m:t", ns).text
        want = {"red": "FFFF6B6B", "yellow": "FFFFE066", "blue": "FF74B9FF"}[text]
        assert pf.get("patternType") == "solid" and pf.find("m:fgColor", ns).get("rgb") == want, text
text = "".join(ET.parse(T + "/list-zh-sheet.xml").getroot().itertext())
assert "编号" in text and "牵头单位" in text and "最新进展" in text, "Chinese headers"
assert 'name="督办台账"' in open(T + "/list-zh-book.xml", encoding="utf-8").read()
EOF

lo "$CSV_ALL" "$T/list.xlsx"
python3 - "$T/list.csv" "$T/lo-out/list-Tasks.csv" <<'EOF' || fail "list.xlsx as LibreOffice reads it differs from list --format csv"
import csv, sys
lst = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
got = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
label = {"todo": "Not started", "active": "In progress", "ongoing": "Ongoing",
         "delayed": "Delayed", "submitted": "Submitted", "done": "Done"}
assert len(got) == len(lst), (len(got), len(lst))
assert any(l["code"] == "1.10" for l in lst)
for l, g in zip(lst, got):
    assert g["Code"] == l["code"], ("code", g["Code"], l["code"])   # 1.10 stays 1.10
    assert g["Report"] == l["report"] and g["UUID"] == l["uuid"] and g["Kind"] == l["kind"]
    assert g["Text"] == l["text"], ("text", g["Text"], l["text"])
    assert g["Status"] == label[l["status"]], (g["Status"], l["status"])
    assert g["Lead"] == l["lead"] and g["Due"] == l["due"], (g, l)
    assert g["Supporting"] == l["support"].replace(";", ", "), (g["Supporting"], l["support"])
    assert g["Version"] == l["version"] and g["Light"] == l["light"], (g["Light"], l["light"])
assert {l["code"]: l["light"] for l in lst}["1.10"] == "red"
assert {g["Code"]: g["Attachments"] for g in got}["1.10"] == "1"
notes = {g["Code"]: g["Latest progress"] for g in got}
assert notes["1.10"] == "子项滞后", notes["1.10"]              # its sub-task's, the latest
assert notes["1.1"] == "已启动" and notes["1.3"] == "", notes
import re
at = {g["Code"]: g["Progress noted"] for g in got}
assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", at["1.1"]) and at["1.3"] == "", at["1.1"]
EOF
fu note 1.10 "$(printf '=1+1 第一行\n第二行 \033[2J')"
fu list --format xlsx -o "$T/list2.xlsx"
lo "$CSV_ALL" "$T/list2.xlsx"
python3 - "$T/lo-out/list2-Tasks.csv" <<'EOF' || fail "a note's lines, formula-like text and controls in list.xlsx"
import csv, sys
got = {g["Code"]: g for g in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
assert got["1.10"]["Latest progress"] == "=1+1 第一行\n第二行 ^[[2J", repr(got["1.10"]["Latest progress"])
EOF

# ---- the report as a workbook -------------------------------------------------------------------
DB=$T/seed.db
fu import "$SEED"; expect_rc 0 "import the seed"
fu assign 2.4 区知识产权局 --support 区审改办,区行政服务中心 --due 2024-06-20; expect_rc 0 "assign 2.4"
fu assign 2.1 - --due 2024-07-05; expect_rc 0 "assign 2.1"
fu assign 3.2 区财政局 --support 区科委 --due 2024-12-31; expect_rc 0 "assign 3.2"
fu status 1.1 active --note "已组织专题学习"; expect_rc 0 "1.1 active"
fu status 2.3 submitted; fu accept 2.3; expect_rc 0 "accept 2.3"
fu review start "第一次跟踪审议：[进度]/评估?" --date 2024-06-15; expect_rc 0 "review start"
fu status 2.2 done --note "载体清单已发布"; expect_rc 0 "2.2 done"
fu status 3.1 delayed --note "规划调整中"; expect_rc 0 "3.1 delayed"
fu review rate 2.3 满意 --remark "按期办结"; expect_rc 0 "rate 2.3"
fu review rate 1.1 不满意 --remark "进度偏慢"; expect_rc 0 "rate 1.1"
echo "佐证" >"$T/evidence2.txt"
fu attach 2.4.1 "$T/evidence2.txt"; expect_rc 0 "attach evidence to a sub-task of 2.4"

script -qec "$FU --db $DB report --format xlsx" /dev/null >"$T/tty.out" 2>&1
grep -q "\-o FILE.xlsx" "$T/tty.out" || fail "report xlsx to a terminal: no hint: $(cat "$T/tty.out")"
for lang in en zh; do
    cfg=$EN; [ $lang = zh ] && cfg=$ZH
    FOLLOWUP_CONFIG=$cfg fu report --since-review --format xlsx -o "$T/report-$lang.xlsx"
    expect_rc 0 "report xlsx $lang"
    FOLLOWUP_CONFIG=$cfg fu report --since-review; cp "$T/out" "$T/report-$lang.txt"
    unzip -p "$T/report-$lang.xlsx" xl/workbook.xml >"$T/book-$lang.xml" || fail "unzip $lang"
    unzip -p "$T/report-$lang.xlsx" xl/worksheets/sheet1.xml >"$T/sum-$lang.xml"
    unzip -p "$T/report-$lang.xlsx" xl/styles.xml >"$T/styles-$lang.xml"
done
python3 - "$T" <<'EOF' || fail "report.xlsx structure"
import re, sys, xml.etree.ElementTree as ET
T = sys.argv[1]
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
want = {"en": ["Summary", "By department", "Department items", "By section",
               "Overdue and due soon", "Targets", "Changes", "Ratings"],
        "zh": ["总体情况", "各单位办理情况", "各单位事项", "分项办理情况", "逾期及临期事项",
               "指标完成情况", "变化情况", "测评情况"]}
for lang, names in want.items():
    book = ET.parse("%s/book-%s.xml" % (T, lang)).getroot()
    got = [s.get("name") for s in book.findall(".//m:sheet", ns)]
    assert got == names, (lang, got)
    for n in got:
        assert len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n), n
    st = ET.parse("%s/styles-%s.xml" % (T, lang)).getroot()
    fmts = {x.get("numFmtId"): x.get("formatCode") for x in st.findall(".//m:numFmt", ns)}
    xfs = st.find("m:cellXfs", ns).findall("m:xf", ns)
    sh = ET.parse("%s/sum-%s.xml" % (T, lang)).getroot()
    pct = [c for c in sh.iter("{%s}c" % ns["m"])
           if fmts.get(xfs[int(c.get("s", 0))].get("numFmtId")) == "0.0%"]
    assert len(pct) == 7 and all(c.get("t") is None for c in pct), "shares are not numbers"
    vals = sorted(float(c.find("m:v", ns).text) for c in pct)
    assert vals[-1] == 1.0 and 0 < vals[0] < 1 or vals[0] == 0, vals
EOF

lo "$CSV_ALL" "$T/report-en.xlsx" "$T/report-zh.xlsx"
python3 - "$T" <<'EOF' || fail "report.xlsx as LibreOffice reads it differs from report --format text"
import csv, sys
T = sys.argv[1]
def sheet(lang, name):
    return [[c for c in row] for row in csv.reader(open("%s/lo-out/report-%s-%s.csv" % (T, lang, name),
                                                       newline="", encoding="utf-8"))]
def lines(lang):
    return [" ".join(l.split()) + " " for l in open("%s/report-%s.txt" % (T, lang), encoding="utf-8")]
def has_row(text, cells):
    want = " ".join(c for c in cells if c != "") + " "
    return any(l.startswith(want) for l in text)
for lang, names in (("en", ("Summary", "By department", "Overdue and due soon")),
                    ("zh", ("总体情况", "各单位办理情况", "逾期及临期事项"))):
    text = lines(lang)
    summ = sheet(lang, names[0])
    head = summ[2:9]
    for row in head:
        assert row[0] and row[1], row
    start = next(i for i, r in enumerate(summ) if r[0] in ("Status", "状态"))
    table = summ[start + 1:start + 8]
    assert len(table) == 7
    for row in table:
        assert has_row(text, row[:3]), ("summary row not in the text report", row)
    dept = sheet(lang, names[1])
    n = 0
    for row in dept[1:]:
        if not row[0]:
            break
        assert has_row(text, row), ("department row not in the text report", row)
        n += 1
    assert n == 5, n
    head = next(i for i, r in enumerate(dept) if r[0] in ("Rank", "排名"))
    rank = [r for r in dept[head + 1:head + 6]]
    assert [r[1] for r in rank[:2]] == ["区科委", "区知识产权局"], rank
    for row in rank:
        assert has_row(text, row), ("ranking row not in the text report", row)
    head = next(i for i, r in enumerate(dept) if r[1] in ("Red", "红灯"))
    for row in dept[head + 1:head + 6]:
        assert has_row(text, row), ("lights row not in the text report", row)
    late = sheet(lang, names[2])
    rows = [r for r in late if r[0] in ("2.4", "2.1")]
    assert len(rows) == 2, late
    for r in rows:
        assert has_row(text, r[:5]), ("overdue row not in the text report", r)
items = sheet("zh", "各单位事项")[1:]
assert ["区知识产权局", "2.4", "牵头", "未启动", "2024-06-20", "深入推进知识产权发展战略"] in items, items
assert ["区科委", "3.2", "配合", "未启动", "2024-12-31", "抓好科创企业培育服务"] in items
assert len(items) == 14, len(items)         # 11 items as lead, 3 as supporter
sec = sheet("zh", "分项办理情况")
codes = [r[1] for r in sec[1:]]
assert codes == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3"], codes
by = {r[1]: r for r in sec[1:]}
assert by["2.4"][4] == "区知识产权局" and by["2.4"][5] == "区审改办、区行政服务中心", by["2.4"]
assert by["2.4"][6] == "2024-06-20" and by["1.1"][10] == "已组织专题学习", by["1.1"]
assert by["1.1"][12] == "不满意" and by["1.1"][13] == "进度偏慢"
assert by["2.4"][8] == "红灯" and by["2.4"][16] == "1" and by["1.1"][16] == "0", by["2.4"]
EOF

# ---- the report as a document (督办通报) ---------------------------------------------------------
fu note 2.4 "$(printf '<script>x</script> & 已设立\033[2J')"; expect_rc 0 "a hostile note"
script -qec "$FU --db $DB report --format docx" /dev/null >"$T/tty.out" 2>&1
grep -q "\-o FILE.docx" "$T/tty.out" || fail "docx to a terminal: no hint: $(cat "$T/tty.out")"
for v in zh-dept zh-section en-dept; do
    cfg=$EN; by=dept
    case $v in zh-*) cfg=$ZH ;; esac
    case $v in *-section) by=section ;; esac
    FOLLOWUP_CONFIG=$cfg fu report --since-review --by $by --format docx -o "$T/$v.docx"
    expect_rc 0 "report docx $v"
    FOLLOWUP_CONFIG=$cfg fu report --since-review --by $by; cp "$T/out" "$T/$v.txt"
    mkdir -p "$T/$v" && (cd "$T/$v" && unzip -q "../$v.docx") || fail "unzip $v.docx"
done
FOLLOWUP_CONFIG=$ZH fu report --since-review --format docx; expect_rc 0 "docx to a pipe"
[ "$(head -c 2 "$T/out")" = PK ] || fail "docx to a pipe is no zip"
python3 - "$T" <<'EOF' || fail "report.docx structure"
import glob, re, sys, xml.etree.ElementTree as ET
T = sys.argv[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
def q(tag): return W + tag
def val(e, a): return e.get(q(a))
for v in ("zh-dept", "zh-section", "en-dept"):
    d = T + "/" + v
    for f in glob.glob(d + "/**/*.xml", recursive=True) + glob.glob(d + "/**/*.rels", recursive=True):
        ET.parse(f)                                   # every part well formed
    ct = open(d + "/[Content_Types].xml").read()
    assert "wordprocessingml.document.main+xml" in ct and "footer+xml" in ct, ct
    doc = ET.parse(d + "/word/document.xml").getroot()
    sect = doc.find(".//" + q("sectPr"))
    pg, mar = sect.find(q("pgSz")), sect.find(q("pgMar"))
    assert (val(pg, "w"), val(pg, "h")) == ("11906", "16838"), "not A4"
    assert [val(mar, k) for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
    assert sect.find(q("footerReference")) is not None, "no footer"
    assert "PAGE" in open(d + "/word/footer1.xml", encoding="utf-8").read(), "no page number"
    tables = doc.findall(".//" + q("tbl"))
    assert len(tables) >= 3, len(tables)
    for t in tables:
        b = t.find(q("tblPr") + "/" + q("tblBorders"))
        assert b is not None and all(b.find(q(s)) is not None and val(b.find(q(s)), "val") == "single"
                                     for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        rows = t.findall(q("tr"))
        assert rows[0].find(q("trPr") + "/" + q("tblHeader")) is not None, "header row does not repeat"
        assert all(r.find(q("trPr") + "/" + q("tblHeader")) is None for r in rows[1:])
    def paras(style):
        out = []
        for p in doc.iter(q("p")):
            s = p.find(q("pPr") + "/" + q("pStyle"))
            if s is not None and val(s, "val") == style:
                out.append("".join(t.text or "" for t in p.iter(q("t"))))
        return out
    text = open(d + ".txt", encoding="utf-8").read().splitlines()
    h1 = [l for l in text if re.match(r"^([一二三四五六七八九十]+、|\d+\. )", l)]
    assert paras("Heading1") == h1, (paras("Heading1"), h1)
    h2 = [l for l in text if re.match(r"^(（[一二三四五六七八九十]+）|\d+\.\d+ )", l)]
    if not h2:    # English sub-headings are not numbered: each is a line of the text, in order
        it = iter(text)
        h2 = [h for h in paras("Heading2") if any(l == h for l in it)]
        assert h2, "no sub-headings"
    assert paras("Heading2") == h2, (paras("Heading2"), h2)
    body = "".join(t.text or "" for t in doc.iter(q("t")))
    if v == "zh-dept":
        assert "<script>x</script> & 已设立^[[2J" in body, "the hostile note is not shown as text"
    st = ET.parse(d + "/word/styles.xml").getroot()
    sty = {val(s, "styleId"): s for s in st.findall(q("style"))}
    def font(i): return val(sty[i].find(".//" + q("rFonts")), "eastAsia")
    def size(i): return val(sty[i].find(".//" + q("sz")), "val")
    if v.startswith("zh"):
        assert paras("Title") == ["督办工作情况报告"], paras("Title")
        assert font("Title") == "方正小标宋简体" and size("Title") == "44", "title: 小标宋 二号"
        assert font("Normal") == "仿宋" and size("Normal") == "32", "body: 仿宋 三号"
        assert font("Heading1") == "黑体" and font("Heading2") == "楷体"
        assert val(sty["Normal"].find(".//" + q("ind")), "firstLineChars") == "200"
        fonts = open(d + "/word/fontTable.xml", encoding="utf-8").read()
        assert 'w:name="方正小标宋简体"' in fonts and 'w:altName w:val="黑体"' in fonts
    else:
        assert paras("Title") == ["Follow-up status report"], paras("Title")
        assert val(sty["Normal"].find(".//" + q("rFonts")), "ascii") == "Times New Roman"
EOF

lo "txt:Text (encoded):UTF8" "$T/zh-dept.docx" "$T/zh-section.docx" "$T/en-dept.docx"
python3 - "$T" <<'EOF' || fail "report.docx as LibreOffice reads it differs from report --format text"
import re, sys
T = sys.argv[1]
def squash(s):   # no spaces, no colons, the generation time masked
    s = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:?\d\d)?", "<TIME>", s)
    return re.sub(r"[\s:：]", "", s)
for v in ("zh-dept", "zh-section", "en-dept"):
    text = open("%s/%s.txt" % (T, v), encoding="utf-8").read()
    want = squash("\n".join(l for l in text.splitlines() if not re.fullmatch(r"[\s=-]*", l)))
    cut = [squash(w)[:-1] for w in text.split() if w.endswith("…") and len(w) > 4]
    # a wide character that did not fit leaves a space before the "…"
    cut += [squash(w) for w in re.findall(r"(\S{4,}) …", text)]
    got = open("%s/lo-out/%s.txt" % (T, v), encoding="utf-8-sig").read().splitlines()
    got = [squash(l) for l in got if squash(l)]
    assert len(got) > 60, len(got)
    pos = 0
    for line in got:        # every line LibreOffice reads is in the text report, in order,
        hits = [(want.find(line, pos), line)]   # whole or as a table cell cut short with "…"
        hits += [(want.find(c + "…", pos), c + "…") for c in cut if line.startswith(c)]
        hits = sorted(h for h in hits if h[0] >= 0)
        assert hits, (v, "not in the text report after position %d" % pos, line)
        pos = hits[0][0] + len(hits[0][1])
    assert pos > len(want) * 0.95, (v, "the document stops early", pos, len(want))
EOF

# ---- golden files of the structure ---------------------------------------------------------------
# The parts that carry the content and its layout, pretty-printed, with what changes from run to
# run masked (times, hashes, UUIDs, today's date, the login). After an intended change:
# FOLLOWUP_UPDATE_GOLDEN=1 sh tests/cli/office.sh
me=$(id -un)
# Today as a spreadsheet's date serial (days since 1899-12-30), local and UTC.
serial=$(python3 -c 'import datetime as d
print("|".join(str((x - d.date(1899, 12, 30)).days) for x in
      (d.date.today(), d.datetime.now(d.timezone.utc).date())))')
golden_zip() {   # golden NAME FILE MEMBER…
    name=$1 file=$2
    shift 2
    for m in "$@"; do
        printf '=== %s\n' "$m"
        unzip -p "$file" "$(printf '%s' "$m" | sed 's/[][]/\\&/g')" >"$T/part" || fail "unzip $m"
        python3 -c '
import sys, xml.dom.minidom
print(xml.dom.minidom.parse(sys.argv[1]).toprettyxml(indent=" ").split("\n", 1)[1].rstrip())' \
            "$T/part" || fail "$m of $file is no XML"
    done | sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?/<TIME>/g' \
        -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<UUID>/g' \
        -e 's/>[0-9a-f]{16}([0-9a-f]{48})?</><HEAD></g' \
        -e "s/$(date +%F)|$(date -u +%F)/<DATE>/g" -e 's/<DATE> [0-9]{2}:[0-9]{2}/<TIME>/g' \
        -e "s/<v>($serial)<\\/v>/<v><DATE><\\/v>/g" -e "s/\\b$me\\b/<ME>/g" >"$T/$name"
    if [ "${FOLLOWUP_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$T/$name" "$ROOT/tests/golden/$name"
    elif ! cmp -s "$T/$name" "$ROOT/tests/golden/$name"; then
        fail "$file differs from tests/golden/$name: $(diff -u "$ROOT/tests/golden/$name" "$T/$name" | head -20)"
    fi
}
# (the report's workbook is written a row at a time, its strings inline: no sharedStrings.xml)
golden_zip office-report-zh.xlsx.xml "$T/report-zh.xlsx" xl/workbook.xml xl/styles.xml \
    xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml xl/worksheets/sheet4.xml
golden_zip office-report-zh-dept.docx.xml "$T/zh-dept.docx" word/document.xml word/styles.xml \
    word/footer1.xml word/fontTable.xml word/settings.xml "[Content_Types].xml" \
    word/_rels/document.xml.rels
DB=$T/test.db
fu list --format xlsx -o "$T/list3.xlsx"
golden_zip office-list.xlsx.xml "$T/list3.xlsx" xl/workbook.xml xl/worksheets/sheet1.xml
finish
