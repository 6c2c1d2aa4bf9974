#!/bin/sh
# Reports people print (issue 14): an accepted item does not show its
# sub-tasks as undone; a return's reason is labelled as such; English
# sub-headings are not numbered like task codes; CSV headers follow the
# language; a text report written to a file keeps whole titles; a
# multi-line note keeps its lines (text and HTML); the header says which
# round the ratings come from; the HTML keeps names, headers and figures
# on one line, and printed to A4 by Chromium (when it is installed) its
# tables are readable.
. "$(dirname "$0")/../lib.sh"
export FOLLOWUP_TODAY=2024-07-01
sed -e 's/^language = en/language = zh/' "$FOLLOWUP_CONFIG" >"$T/zh.ini"

fu import "$SEED"; expect_rc 0 "import"
fu assign 2.4 区行政服务中心 --support 区审改办 --due 2024-06-20; expect_rc 0 "assign"
fu status 2.3 submitted; fu accept 2.3; expect_rc 0 "2.3 accepted"
fu status 2.5 submitted; fu return 2.5 --reason "请补充办理材料"; expect_rc 0 "2.5 returned"
fu note 2.4 "第一行：窗口已设立
第二行：远程受理已上线"; expect_rc 0 "a note of two lines"
fu review start "第一轮" --date 2024-06-15; expect_rc 0 "round"
fu review rate 2.3 满意; expect_rc 0 "rate"

fu report --by section; expect_rc 0 "report by section"
grep -A1 "^  2.3 " "$T/out" | grep -q "Sub-tasks done" && fail "an accepted item shows sub-tasks done"
grep -A1 "^  2.1 " "$T/out" | grep -q "Sub-tasks done: 0/5" || fail "an open item still shows them"
expect_out "Returned, with the reason (" "a return's reason is labelled"
grep -q "Latest progress ([0-9-]*): 请补充办理材料" "$T/out" && fail "the reason shown as progress"
grep -q "^        第二行：远程受理已上线$" "$T/out" || fail "the note's second line is not a line: $(grep -A1 第一行 "$T/out")"
expect_out "Section 2: 打响静安特色的科创服务品牌" "a section heading names its own code"
expect_out "Ratings from  round 1" "the header says where the ratings come from"
expect_out "Compared with no review round" "and that nothing is compared"

fu report; expect_rc 0 "report by department"
grep -qE "^[0-9]+\.[0-9]+ " "$T/out" && fail "an English heading numbered like a task: $(grep -E '^[0-9]+\.[0-9]+ ' "$T/out" | head -2)"
grep -q "^区科委$" "$T/out" || fail "a department heading on its own"
FOLLOWUP_CONFIG=$T/zh.ini fu report; expect_rc 0 "Chinese report"
expect_out "（一）区科委" "Chinese headings keep their numbers"

FOLLOWUP_CONFIG=$T/zh.ini fu report --format csv; expect_rc 0 "Chinese CSV"
head -1 "$T/out" | grep -q "^单位,角色,章节编号,章节,UUID,报告,编号" || fail "CSV header in Chinese: $(head -1 "$T/out")"
fu report --format csv; head -1 "$T/out" | grep -q "^dept,role,section_code," || fail "CSV header in English"

fu report -o "$T/r.txt"; expect_rc 0 "report to a file"
grep -F "《关于检查本区贯彻实施〈上海市推进科技创新中心建设条例〉情况的审议意见》落实情况的报告" "$T/r.txt" | grep -q . || fail "a title cut in the file"
grep -c "…" "$T/r.txt" | grep -qx 0 || fail "the file has cut texts: $(grep -m3 "…" "$T/r.txt")"
fu report; grep -q "…" "$T/out" || fail "the terminal's report is still cut at 80 columns"

fu report --format md --by section; expect_rc 0 "md"
grep -q "^  第二行：远程受理已上线\\\\$" "$T/out" || fail "the note's second line in Markdown: $(grep -A1 第一行 "$T/out")"
fu report --format html --by section -o "$T/r.html"; expect_rc 0 "html"
grep -q "第一行：窗口已设立<br/>第二行：远程受理已上线" "$T/r.html" || fail "the note's lines in HTML"
grep -q "th { background: #eee; white-space: nowrap; }" "$T/r.html" || fail "headers may break"
grep -q "@page { size: A4" "$T/r.html" || fail "not laid out for A4"
fu report --format html -o "$T/d.html"
grep -q '<td class="nw">区行政服务中心</td>' "$T/d.html" || fail "a department name may break"

# printed: Chromium's PDF of the report, read back with pdftotext
if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
    for lang in en zh; do
        cfg=$FOLLOWUP_CONFIG; [ $lang = zh ] && cfg=$T/zh.ini
        FOLLOWUP_CONFIG=$cfg fu report --format html -o "$T/p-$lang.html"
        timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --no-pdf-header-footer --user-data-dir="$T/chrome-$lang" \
            --print-to-pdf="$T/p-$lang.pdf" "file://$T/p-$lang.html" >/dev/null 2>&1
        [ -s "$T/p-$lang.pdf" ] || { fail "$lang: chromium printed nothing"; continue; }
        pdfinfo "$T/p-$lang.pdf" | grep -q "(A4)" || fail "$lang: not A4"
        pdftotext -layout "$T/p-$lang.pdf" "$T/p-$lang.txt"
        grep -q "区行政服务中心" "$T/p-$lang.txt" || fail "$lang: a department name broken across lines"
    done
    grep -q "submitted" "$T/p-en.txt" || fail "en: a header broken across lines"
    grep -q "Compared with" "$T/p-en.txt" || fail "en: a label broken across lines"
fi
finish
