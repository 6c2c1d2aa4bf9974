#!/bin/sh
# The libraries only some commands need are opened when needed, not linked
# (util/dynlib.h, issue 23): with every one of them replaced by a broken
# file (LD_LIBRARY_PATH, which dlopen searches first), the read commands
# still work and print what they print with the real ones, which shows
# they do not load them; each command that needs one fails with one line
# naming the library and the package to install, and changes nothing.
. "$(dirname "$0")/../lib.sh"

F=$ROOT/tests/fixtures/formats
BROKEN=$T/broken
mkdir -p "$BROKEN"
# the lazy ones: the sonames the program names that it is not linked with
linked=$(ldd "$FU" | awk '{print $1}')
lazy=$(strings "$FU" | grep -E '^lib[a-z0-9_+-]+\.so(\.[0-9]+)+$' | sort -u)
n=0
for so in $lazy; do
    echo "$linked" | grep -qxF "$so" && continue
    : >"$BROKEN/$so"
    n=$((n + 1))
done
for so in libxml2 libzip libxlsxwriter libcsv libcrypto libncursesw libpoppler-glib; do
    ls "$BROKEN" | grep -q "^$so\.so\." || fail "$so is linked, or its name is not in the program"
done
echo "$linked" | grep -qE '^lib(xml2|zip|xlsxwriter|csv|crypto|ncursesw|tinfo|icuuc)\.' &&
    fail "linked with a library only some commands need: $(echo $linked)"

fu import "$SEED"; expect_rc 0 "import with the real libraries"
fu assign 2.4 区知识产权局 --due 2024-12-31; expect_rc 0 "assign"
broken() { LD_LIBRARY_PATH=$BROKEN "$FU" --db "$DB" "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# read commands: the same output without the libraries (but the reports'
# time of day, which a slow run may see change)
untimed() { sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}//g'; }
for cmd in "list" "list --search 知识产权 --format csv" "list --dept 区科委 --format json" \
           "show 2.4" "report" "report --format json" "report --format html" "remind --all" \
           "history 2.4" "paths"; do
    # shellcheck disable=SC2086
    fu $cmd; expect_rc 0 "$cmd"; untimed <"$T/out" >"$T/want"
    # shellcheck disable=SC2086
    broken $cmd; expect_rc 0 "$cmd without the lazy libraries"
    untimed <"$T/out" | cmp -s - "$T/want" ||
        fail "$cmd prints something else without the lazy libraries"
    [ -s "$T/err" ] && fail "$cmd without the lazy libraries: $(head -c 300 "$T/err")"
done

# each command that needs one: one line, the library, the package; nothing changed
needs() {   # WHAT LIBRARY PACKAGE COMMAND…
    what=$1 lib=$2 pkg=$3; shift 3
    before=$(sqlite3 "$DB" "SELECT count(*) || ':' || max(id) FROM history")
    broken "$@"
    [ "$rc" -ne 0 ] || fail "$*: succeeded without $lib"
    expect_one_line_err "$* without $lib"
    expect_err "$what: the library $lib cannot be loaded" "$* names $lib"
    expect_err "install $pkg" "$* says what to install"
    eq "$(sqlite3 "$DB" "SELECT count(*) || ':' || max(id) FROM history")" "$before" \
        "$*: nothing is recorded"
}
needs "cannot compute SHA-256" libcrypto libssl3 status 2.4 active
eq "$(sqlite3 "$DB" "SELECT status FROM tasks WHERE code = '2.4' AND report_id = 1")" todo \
    "the status is not changed"
needs "cannot read .docx, .odt or .xlsx files" libzip libzip4 import "$F/jingan.docx"
needs "cannot read .docx, .odt or .xlsx files" libzip libzip4 parse "$F/jingan-tasks.xlsx"
needs "cannot read web pages (.html)" libxml2 libxml2 parse "$F/jingan-portal.html"
needs "cannot read .csv tables" libcsv libcsv3 parse "$F/jingan-tasks.csv"
needs "cannot write .docx files" libxml2 libxml2 report --format docx -o "$T/r.docx"
needs "cannot write .xlsx files" libxlsxwriter libxlsxwriter4 report --format xlsx -o "$T/r.xlsx"
needs "cannot write .xlsx files" libxlsxwriter libxlsxwriter4 list --format xlsx -o "$T/l.xlsx"
needs "cannot open the interface" libncursesw libncursesw6
[ -e "$T/r.docx" ] || [ -e "$T/r.xlsx" ] || [ -e "$T/l.xlsx" ] &&
    fail "a report file was left behind"

# and with the real ones, each works
fu status 2.4 active; expect_rc 0 "status with libcrypto"
fu report --format docx -o "$T/r.docx"; expect_rc 0 "docx with libxml2 and libzip"
fu report --format xlsx -o "$T/r.xlsx"; expect_rc 0 "xlsx with libxlsxwriter"
"$FU" parse "$F/jingan-tasks.csv" >"$T/out" 2>"$T/err"; rc=$?; expect_rc 0 "csv with libcsv"
"$FU" parse "$F/jingan.docx" >"$T/out" 2>"$T/err"; rc=$?; expect_rc 0 "docx read with libzip"
fu verify; expect_rc 0 "verify"
finish
