#!/bin/sh
# Reports as they are received (issue 12): every format made from a real
# report's text with real tools (tests/fixtures/formats/mkformats.sh) gives
# the tree of the text -- the same metadata, sections, items, statements
# and owners; a task table of the report gives its sections, items and
# owners. Detection is by content (the names here say nothing: each file is
# copied to a name without an extension), --format overrides. Bad files
# each get one line and exit 1, and nothing is stored.
. "$(dirname "$0")/../lib.sh"
FX=$ROOT/tests/fixtures/formats

# tree FILE OUT [options]: parse --json into OUT (exit status in $rc)
tree() { _tf=$1 _to=$2; shift 2; "$FU" parse "$_tf" --json "$@" >"$_to" 2>"$T/err"; rc=$?; }

# same WHAT A.json B.json [items]: the trees agree (whole, or items only)
same() {
    python3 - "$2" "$3" "${4:-whole}" <<'PY' || fail "$1: differs from the text: $(head -c 600 "$T/diff")"
import json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
def items(d):
    return [(n['code'], n['title'], [(c['code'], c['title'], c.get('owner'), c.get('support'),
             c.get('due'), [s['text'] for s in c['statements']]) for c in n['children']])
            for n in d['nodes']]
def strip(d):      # the marker text a table adds is not report text
    for n in d['nodes']:
        for c in n['children']:
            c.pop('marker', None); c.pop('owner_source', None)
    return d
if sys.argv[3] == 'items':
    a, b = items(a), items(b)
    if not a or not any(n[2] for n in a): sys.exit(1)
else:
    a, b = strip(a), strip(b)
if a != b:
    import difflib
    d = difflib.unified_diff(json.dumps(a, ensure_ascii=False, indent=1).splitlines(),
                             json.dumps(b, ensure_ascii=False, indent=1).splitlines(), lineterm='')
    open(sys.argv[1] + '.diff', 'w').write('\n'.join(d))
    sys.exit(1)
PY
    [ -f "$2.diff" ] && cp "$2.diff" "$T/diff"
    return 0
}

# each format, copied to a name that does not give it away
check_report() {   # NAME TEXT FILES…
    _name=$1 _text=$2; shift 2
    tree "$_text" "$T/$_name.json"; expect_rc 0 "$_name: the text parses"
    for _f in "$@"; do
        cp "$FX/$_f" "$T/input"
        tree "$T/input" "$T/$_f.json"; expect_rc 0 "$_f parses"
        same "$_f" "$T/$_name.json" "$T/$_f.json"
    done
}

sed 1d "$FX/dongguan-2021-54.txt" >"$T/dongguan.txt"       # line 1: the source URL
check_report jingan "$SEED" jingan.docx jingan.odt jingan.doc jingan.pdf jingan-chromium.pdf \
    jingan-portal.html
check_report dongguan "$T/dongguan.txt" dongguan.docx dongguan.odt dongguan.doc dongguan.pdf \
    dongguan-portal.html dongguan-headings.docx dongguan-headings.odt

# a long report (14 pages): every format gives the text's headings and
# owners, and all of its statements' text (a PDF made by LibreOffice drops
# a full stop where a line ends in one, so statements are compared as one
# text, letters and digits)
sed 1d "$ROOT/tests/corpus/n54-fujian-zhengfu-gongzuo-baogao.txt" >"$T/fujian.txt"
tree "$T/fujian.txt" "$T/fujian.json"; expect_rc 0 "fujian: the text parses"
for _f in fujian.pdf fujian.docx; do
    cp "$FX/$_f" "$T/input"
    tree "$T/input" "$T/$_f.json"; expect_rc 0 "$_f parses"
    python3 - "$T/fujian.json" "$T/$_f.json" <<'PY' || fail "$_f: not the text's tree and statements"
import json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
def walk(ns):
    for n in ns:
        yield n
        yield from walk(n['children'])
def heads(d):
    return [(n['code'], n['title'], n.get('owner'), n.get('support'), n.get('due')) for n in walk(d['nodes'])]
def text(d):
    t = [s['text'] for s in d['intro']] + [s['text'] for n in walk(d['nodes']) for s in n['statements']]
    return ''.join(ch for ch in ''.join(t) if ch.isalnum())
assert len(heads(a)) >= 30, len(heads(a))
assert heads(a) == heads(b), [x for x in zip(heads(a), heads(b)) if x[0] != x[1]][:3]
assert len(text(a)) > 15000 and text(a) == text(b), len(text(a))
PY
done

# the parse shows what the fixtures are about, so that a check above cannot
# pass on two empty trees
tree "$SEED" "$T/seed.json"
python3 - "$T/seed.json" <<'PY' || fail "the sample's tree is not the one expected (sections, items, owners)"
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert d['meta']['doc_no'] == '静府议〔2024〕3号' and d['meta']['issuer'] == '区审计局'
assert [len(n['children']) for n in d['nodes']] == [3, 5, 3]
assert d['nodes'][1]['children'][3]['owner'] == '区知识产权局'
PY
python3 - "$T/dongguan.docx.json" <<'PY' || fail "dongguan.docx: numbering from w:numPr, no footnote, changes accepted"
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
s = json.dumps(d, ensure_ascii=False)
assert [n['title'] for n in d['nodes']] == ['減負穩崗留工并舉,深層次優化用工生態']
assert d['nodes'][0]['children'][0]['children'][1]['code'] == '1.1.2'
item = d['nodes'][0]['children'][0]['children'][0]
assert item['title'].endswith('成本預期穩定')          # the tracked insertion
assert '脚注' not in s and '删除的草稿' not in s      # the footnote, the tracked deletion
PY
unzip -p "$FX/dongguan.docx" word/document.xml | grep -q '<w:numPr>' || fail "dongguan.docx has no w:numPr"
unzip -p "$FX/dongguan.docx" word/document.xml | grep -q '<w:del ' || fail "dongguan.docx has no w:del"
unzip -p "$FX/dongguan.docx" word/document.xml | grep -q footnoteReference || fail "dongguan.docx has no footnote"
# the headings' numbers live only in the styles (docx) and the outline style (odt)
unzip -p "$FX/dongguan-headings.docx" word/document.xml | grep -q '<w:numPr>' &&
    fail "dongguan-headings.docx: numbering in the paragraphs, not through the styles"
unzip -p "$FX/dongguan-headings.docx" word/styles.xml | grep -q '<w:numPr>' ||
    fail "dongguan-headings.docx: no numbering in the styles"
unzip -p "$FX/dongguan-headings.odt" content.xml | grep -q '一、' &&
    fail "dongguan-headings.odt: the number is in the text"

# task tables (.xlsx with a title row and merged label rows, .csv in
# GB18030 with a category column, a table inside a .docx): the same
# sections, items and owners as the prose
for f in jingan-tasks.xlsx jingan-tasks.csv jingan-table.docx; do
    cp "$FX/$f" "$T/input"
    tree "$T/input" "$T/$f.json"; expect_rc 0 "$f parses"
    same "$f" "$T/jingan.json" "$T/$f.json" items
done
fu parse "$FX/jingan-tasks.xlsx"; expect_out "2.4 深入推进知识产权发展战略  -> 区知识产权局" "xlsx: 2.4's lead"

# --format overrides detection: the portal page read as text is not the page
cp "$FX/jingan-portal.html" "$T/page.txt"
fu parse "$T/page.txt" --format html; expect_rc 0 "--format html"
fu parse "$FX/jingan-tasks.csv" --format text
expect_no_out "2.4 深入推进知识产权发展战略  -> 区知识产权局" "a table read as text is not read as a table"
fu parse "$SEED" --format pdf; expect_rc 1 "text read as PDF"; expect_one_line_err "text as PDF"
fu parse "$SEED" --format rtf; expect_rc 2 "an unknown format"; expect_err "unknown format 'rtf'" "names it"

# import stores them: the docx and the table
fu import "$FX/jingan.docx"; expect_rc 0 "import a docx"; expect_out "new report" "docx: new report"
fu import "$FX/jingan.pdf"; expect_rc 0 "the pdf of the same report"
expect_out "existing report; 0 added" "the pdf is the same report: nothing added"
fu list --format csv; cp "$T/out" "$T/before.csv"
fu history; hist_before=$(wc -l <"$T/out")

# bad files: one line naming the file and what to do, exit 1, nothing stored
refused() {   # FILE WHAT TEXT
    fu import "$1"
    expect_rc 1 "$2"; expect_one_line_err "$2"; expect_err "$3" "$2: says why"
    expect_err "$1" "$2: names the file"
}
python3 - "$T" <<'PY'
import sys, zipfile
t = sys.argv[1]
with zipfile.ZipFile(t + '/notadoc.zip', 'w') as z:
    z.writestr('readme.txt', '不是文档')
with zipfile.ZipFile(t + '/bomb.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    with z.open('word/document.xml', 'w') as f:       # 80 MiB of spaces in 80 KiB
        for _ in range(80):
            f.write(b' ' * (1 << 20))
with zipfile.ZipFile(t + '/ratio.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('word/document.xml', '<w:document/>' + ' ' * (4 << 20))
open(t + '/nav.html', 'w', encoding='utf-8').write(
    '<html><head><meta charset="utf-8"><title>首页</title></head><body>'
    '<div class="nav"><a href="/">首页</a> <a href="/a">政务公开</a></div>'
    '<ul><li><a href="/1">通知一</a></li><li><a href="/2">通知二</a></li></ul>'
    '<div class="footer">版权所有</div></body></html>')
PY
head -c 6000 "$FX/jingan.docx" >"$T/truncated.docx"
refused "$T/notadoc.zip" "a zip that is not a document" "not a Word document"
refused "$T/truncated.docx" "a truncated docx" "truncated"
refused "$T/bomb.docx" "a zip bomb (80 MiB)" "zip bomb"
refused "$T/ratio.docx" "a zip bomb (ratio)" "zip bomb"
refused "$FX/bad-encrypted.pdf" "an encrypted PDF" "encrypted"
refused "$FX/bad-scanned.pdf" "a scanned PDF" "no text layer; run OCR first"
refused "$FX/bad-noheader.xlsx" "an xlsx without a task header" "no task table header row"
refused "$T/nav.html" "a page with no article" "no article found"
printf 'PK\003\004garbage' >"$T/short.docx"
refused "$T/short.docx" "four bytes of zip" "zip archive"
fu list --format csv
cmp -s "$T/out" "$T/before.csv" || fail "tasks changed after the refused files"
fu history; [ "$(wc -l <"$T/out")" -eq "$hist_before" ] || fail "history grew after refused files"

# .doc without any converter: one line that names the package
mkdir -p "$T/bin"; ln -s "$(command -v python3)" "$T/bin/python3"
PATH=$T/bin "$FU" --db "$DB" parse "$FX/jingan.doc" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 1 ".doc without a converter"; expect_one_line_err ".doc without a converter"
expect_err "install LibreOffice" ".doc: names the package"
finish
