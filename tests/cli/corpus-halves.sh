#!/bin/sh
# The corpus' blind half (issue 22): grade.py prints its totals but none of
# its documents or misses unless asked; split.py refuses a document that was
# not annotated blind or whose name is taken, and deals a batch into both
# halves.
. "$(dirname "$0")/../lib.sh"
C="$ROOT/tests/corpus"

python3 "$C/grade.py" --verbose >"$T/out" 2>&1 || fail "grade.py passes its thresholds: $(tail -3 "$T/out")"
nblind=$(grep -l '^# blind' "$C"/*.gold | wc -l)
[ "$nblind" -ge 10 ] || fail "the blind half has $nblind documents"
for g in $(grep -l '^# blind' "$C"/*.gold); do
    name=$(basename "$g" .gold)
    grep -q "$(printf '%s' "$name" | cut -c1-20)" "$T/out" && fail "blind document $name shown"
done
grep -q "blind ($nblind docs)" "$T/out" || fail "the blind totals name the half: $(grep docs "$T/out")"
grep -q "($nblind blind documents: rows and misses not shown" "$T/out" || fail "the hidden rows are said"
python3 "$C/grade.py" --show-blind >"$T/shown" 2>&1
g=$(grep -l '^# blind' "$C"/*.gold | head -1); name=$(basename "$g" .gold)
grep -q "^\*$(printf '%s' "$name" | cut -c1-20)" "$T/shown" || fail "--show-blind shows $name, starred"

# split.py: refusals, then a batch dealt into both halves (in a copy)
mkdir -p "$T/c/new" && cp "$C/grade.py" "$C/split.py" "$T/c/" && cd "$T/c" || exit 1
printf '# source: x\n一、好。\n' >new/n90-a-x.txt
printf 'genre: 测试\nprovince: 上海\n' >new/n90-a-x.gold
python3 split.py new >"$T/out" 2>&1 && fail "a gold without '# blind' accepted"
grep -q "does not start with a '# blind' line" "$T/out" || fail "the refusal says why: $(cat "$T/out")"
for i in 91 92 93 94; do
    printf '# source: x\n一、好。\n' >new/n$i-a-x.txt
    printf '# blind: test\ngenre: 测试\nprovince: 上海\n' >new/n$i-a-x.gold
done
rm new/n90-a-x.*
python3 split.py new >"$T/out" 2>&1 || fail "split.py on a blind batch: $(cat "$T/out")"
[ "$(grep -c '^blind' "$T/out")" -eq 2 ] && [ "$(grep -c '^tuned' "$T/out")" -eq 2 ] ||
    fail "four documents dealt two and two: $(cat "$T/out")"
grep -l '^# tuned' n9*.gold | grep -q . || fail "a tuned document's gold says so"
python3 split.py new >"$T/out" 2>&1 && fail "a name already in the corpus accepted"
grep -q "is in the corpus already" "$T/out" || fail "the refusal names the clash: $(cat "$T/out")"
finish
