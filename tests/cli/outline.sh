#!/bin/sh
# The outline (issue 21): parse --outline and import --outline. Every
# document of tests/corpus, imported through its outline, gives the very
# tree a direct import gives; a syntax error names its line and stores
# nothing; a revised outline re-imports like a revised report; a dry run
# lists the departments nobody has seen first.
. "$(dirname "$0")/../lib.sh"

# What an import stored: the report row (its fingerprint of the parsed
# tree included), every task with its place, texts, lead, support, due,
# status and suggestions, and the departments.
dump() {
    sqlite3 "$1" "SELECT source_hash, doc_no, title, issuer, published, addressee, signed_by,
        signed_on, lead_department, intro, closing FROM reports;
      SELECT t.code, t.kind, t.stmt_kind, t.text, t.body,
        (SELECT code FROM tasks p WHERE p.id = t.parent_id), t.seq, t.depth,
        (SELECT name FROM departments d WHERE d.id = t.lead_id), t.due, t.status,
        t.suggested_owner, t.suggested_due, t.metrics, t.withdrawn,
        (SELECT group_concat(d.name) FROM task_support s JOIN departments d ON d.id = s.dept_id
          WHERE s.task_id = t.id ORDER BY s.ord)
        FROM tasks t ORDER BY t.id;
      SELECT name FROM departments ORDER BY name;"
}

# ---- the round trip: parse → outline → import = a direct import ----------
n=0
for f in "$ROOT"/tests/corpus/*.txt "$SEED"; do
    b=$(basename "$f" .txt)
    "$FU" parse "$f" --outline >"$T/$b.outline" 2>"$T/err" || fail "$b: parse --outline"
    "$FU" --db "$T/$b-direct.db" import "$f" >/dev/null 2>"$T/err" || fail "$b: direct import"
    "$FU" --db "$T/$b-outline.db" import --outline "$T/$b.outline" >"$T/out" 2>"$T/err" ||
        fail "$b: import --outline: $(cat "$T/err")"
    dump "$T/$b-direct.db" >"$T/$b-direct.dump"
    dump "$T/$b-outline.db" >"$T/$b-outline.dump"
    [ -s "$T/$b-direct.dump" ] || fail "$b: nothing stored"
    cmp -s "$T/$b-direct.dump" "$T/$b-outline.dump" ||
        fail "$b: the outline's import differs: $(diff "$T/$b-direct.dump" "$T/$b-outline.dump" | head -c 300)"
    "$FU" --db "$T/$b-outline.db" verify >/dev/null 2>&1 || fail "$b: verify after import --outline"
    # the report file again after its outline: the same report, nothing changes
    "$FU" --db "$T/$b-outline.db" import "$f" >"$T/out" 2>&1
    grep -q "existing report; 0 added, 0 updated, [0-9]* unchanged, 0 withdrawn" "$T/out" ||
        fail "$b: the report after its outline: $(cat "$T/out")"
    n=$((n + 1))
done
[ "$n" -ge 30 ] || fail "only $n documents in the round trip"

# ---- what parse --outline prints --------------------------------------------
fu parse "$SEED" --outline
expect_rc 0 "parse --outline"
expect_out "doc_no: 静府议〔2024〕3号" "metadata line"
expect_out "** 2.4 深入推进知识产权发展战略 | lead? 区知识产权局" "item line with the suggested lead"
expect_out "    2.2.4 fact 举办区域高质量孵化器培育发展系列专题活动" "a statement with its kind"
expect_out "# context 政策" "a dropped chrome line as a comment"
fu parse "$SEED" --outline --json
expect_rc 2 "--outline with --json"; expect_one_line_err "--outline with --json"

# Control characters and bidi overrides of a hostile report are escapes,
# never raw bytes; reading the outline gives them back exactly.
printf '关于\033]0;x\007工作的报告\n一、加强管理\n区科委将推进\342\200\256工作。\n' >"$T/hostile.txt"
fu parse "$T/hostile.txt" --outline
expect_rc 0 "hostile parse --outline"
LC_ALL=C grep -q "$(printf '[\033\007]')" "$T/out" && fail "a control character reached stdout"
expect_out 'title: 关于\x1B]0;x\x07工作的报告' "control characters escaped"
expect_out '推进\u{202E}工作。' "bidi override escaped"
cp "$T/out" "$T/hostile.outline"
"$FU" --db "$T/h1.db" import "$T/hostile.txt" >/dev/null 2>&1
"$FU" --db "$T/h2.db" import --outline "$T/hostile.outline" >/dev/null 2>&1
eq "$(dump "$T/h2.db" | md5sum)" "$(dump "$T/h1.db" | md5sum)" "escapes round trip"

# ---- a mended outline ------------------------------------------------------
# The clerk's edits: a title, a spurious item gone, an owner made firm (a
# new department), a paragraph made an item, a fact kept out of the tasks.
"$FU" parse "$SEED" --outline >"$T/seed.outline"
sed -e 's/^title: .*/title: 静安区科创条例审议意见落实情况的报告/' \
    -e '/^\*\* 2\.5 /,/^$/d' \
    -e 's/^\*\* 2\.4 \(.*\) | lead? 区知识产权局$/** 2.4 \1 | lead 区知识产权局 | support 区市场监管局、区审改办 | due 2024-12-31/' \
    -e 's/^    2\.3\.6 commitment /** 探索数据要素试点 | lead 区数据局\n    commitment /' \
    -e 's/^    2\.1\.2 commitment /    2.1.2 fact /' \
    "$T/seed.outline" >"$T/mended.outline"
fu import --outline "$T/mended.outline"
expect_rc 0 "import a mended outline"
expect_out "department added: 区数据局" "a firm lead adds its department"
fu list --format json
python3 - "$T/out" <<'PY' || fail "the mended tree"
import json, sys
rows = {r["code"]: r for r in json.load(open(sys.argv[1], encoding="utf-8"))}
assert not [r for r in rows.values() if r["text"] == "提升体系化科普工作能力"], "2.5 deleted"
assert "2.5.5" not in rows, "its statements too"
assert rows["2.4"]["lead"] == "区知识产权局", rows["2.4"]
assert rows["2.4"]["support"] == ["区市场监管局", "区审改办"], rows["2.4"]["support"]
assert rows["2.4"]["due"] == "2024-12-31", rows["2.4"]["due"]
new = rows["2.5"]   # the next free number under 2
assert new["kind"] == "item" and new["text"] == "探索数据要素试点", new
assert new["lead"] == "区数据局", new
assert rows["2.5.1"]["text"].startswith("探索开展数据资源产权"), rows["2.7.1"]
assert "2.3.6" not in rows, "the statement became the item's"
assert "2.1.2" not in rows, "a fact is no task"
assert "2.1.3" in rows
PY
sqlite3 "$DB" "SELECT title FROM reports" | grep -qx "静安区科创条例审议意见落实情况的报告" ||
    fail "the mended title"
fu verify
expect_rc 0 "verify after a mended outline"

# The same outline revised once more re-imports as a revision: matched
# tasks keep their uuid and history, the one taken out is withdrawn.
fu list --format json; uuid=$(python3 -c 'import json,sys; print([r["uuid"] for r in json.load(open(sys.argv[1])) if r["code"]=="2.4"][0])' "$T/out")
sed -e '/^    2\.4\.3 /d' "$T/mended.outline" >"$T/revised.outline"
fu import --outline "$T/revised.outline"
expect_rc 0 "re-import a revised outline"
expect_out "existing report; 0 added, 1 updated" "the revision matched the report"
expect_out "1 withdrawn" "the sentence taken out is withdrawn"
fu show "$uuid"
expect_rc 0 "the item keeps its uuid"; expect_out "2.4" "same code"

# ---- syntax errors: the line, one line, nothing stored ----------------------
printf '* 1 甲\n*** 1.1.1 乙\n' >"$T/bad.outline"
fu import --outline "$T/bad.outline"
expect_rc 1 "a level jump"; expect_one_line_err "a level jump"
expect_err "bad.outline line 2: this heading is more than one level below" "the line named"
expect_err "nothing was imported" "says nothing was stored"
fu list --report R2
expect_rc 4 "nothing stored on a syntax error"
printf '# nothing\n\n' >"$T/empty.outline"
fu import --outline "$T/empty.outline"
expect_rc 1 "an empty outline"; expect_err "the outline is empty" "empty named"
fu import --outline "$T/bad.outline" --encoding gb18030
expect_rc 2 "--outline takes no --encoding"
rm -f "$T/none.db"
"$FU" --db "$T/none.db" import --outline "$T/bad.outline" >/dev/null 2>&1
[ -e "$T/none.db" ] && fail "a bad outline created a database"

# ---- departments nobody has seen: listed first -------------------------------
sed -e 's/^\*\* 1\.1 \(.*\) | lead? 区科委$/** 1.1 \1 | lead 区科委 | support 市金、融办/' \
    "$T/seed.outline" >"$T/frag.outline"
fu import --outline "$T/frag.outline" --dry-run
expect_rc 0 "dry run of an outline"
head -1 "$T/out" | grep -qF "department to add: 市金  (1.1 support)" ||
    fail "the new departments come first: $(head -3 "$T/out")"
expect_out "department to add: 融办  (1.1 support)" "each fragment named with where"
expect_out "dry run, nothing stored" "still a dry run"
fu dept list
expect_no_out "市金" "a dry run adds no department"

finish
