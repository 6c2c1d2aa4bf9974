#!/bin/sh
# list --search through the trigram index: the same tasks, in the same
# order, as sqlite3 scanning the texts with LIKE, for short and long words,
# ASCII case and LIKE's own characters; after a revised report (texts
# changed, a part dropped and withdrawn) and a second report, the index
# passes FTS5's integrity check and the answers still agree.
. "$(dirname "$0")/../lib.sh"

command -v sqlite3 >/dev/null || { echo "search.sh: needs the sqlite3 command line"; exit 1; }

# agree WORD: followup's uuids = the LIKE scan's (text, body, code, lead).
agree() {
    fu list --search "$1" --format csv
    expect_rc 0 "list --search $1"
    tail -n +2 "$T/out" | cut -d, -f1 >"$T/got"
    pat=$(printf '%s' "$1" | sed "s/'/''/g; s/[\\\\%_]/\\\\&/g")
    sqlite3 "$DB" "SELECT t.uuid FROM tasks t LEFT JOIN departments d ON d.id = t.lead_id
        WHERE t.withdrawn = 0 AND (t.text LIKE '%$pat%' ESCAPE '\\' OR t.body LIKE '%$pat%'
        ESCAPE '\\' OR t.code LIKE '%$pat%' ESCAPE '\\' OR d.name LIKE '%$pat%' ESCAPE '\\')
        ORDER BY t.report_id, t.seq, t.id" >"$T/want"
    cmp -s "$T/got" "$T/want" ||
        fail "search '$1': $(wc -l <"$T/got") tasks, the scan finds $(wc -l <"$T/want")"
}
in_step() {
    sqlite3 "$DB" "INSERT INTO task_fts(task_fts) VALUES ('integrity-check')" 2>"$T/fts" ||
        fail "$1: the search index is out of step: $(cat "$T/fts")"
}
words() {
    for w in 科技 知识产权 知识产权局 区科委 科委 创新中心建设 2.1 2.1. "1.1" 静安 R1 \
             '%' '50%' _ "'" '"' 没有这个词语 "科技创新中心" "人才" "Ai" "ai" "AI" "数字化转型"; do
        agree "$w"
    done
}

fu import "$SEED"
expect_rc 0 "import seed"
in_step "after import"
words

# a revised report: a word changed everywhere, the last part dropped
sed 's/科技/科学技术/g; s/AI/Ai/g; s/三、打造数字化时代.*区政府将/区政府将/' "$SEED" >"$T/revised.txt"
fu import "$T/revised.txt"
expect_rc 0 "import revised"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM tasks WHERE withdrawn = 1')" -gt 0 ] ||
    fail "the revised report withdrew nothing"
in_step "after the revision"
words
agree 科学技术

# a second report
printf '关于另一项工作的报告\n文号:静府议〔2025〕8号\n一、加强科技人才引进\n1.推进人才公寓建设。持续优化人才服务。\n' >"$T/other.txt"
fu import "$T/other.txt"
expect_rc 0 "import a second report"
in_step "after a second report"
words
finish
