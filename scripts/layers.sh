#!/bin/sh
# make layers: the source tree's house rules, checked on every include.
#
#  1. The layers, lowest first. A file may include headers of its own
#     folder and of folders before it, never after:
#        util core parse host readers report db tui cli
#     (tests/, bench/ and the fuzz target may include anything).
#  2. Each library is included only where it belongs:
#        sqlite3.h            db/
#        curses.h             tui/
#        poppler, csv.h       readers/
#        xlsxwriter.h         report/
#        iniparser            host/config.c
#        libxml2, zip.h       readers/ (reading .docx/.odt/.xlsx/.html)
#                             and report/docx_build.c (writing .docx)
#        openssl, uuid        db/ (the hash chain, task UUIDs)
#        opencc               parse/ (traditional characters)
#  3. No two source files share a base name (a .c/.h pair in one folder
#     is one name).
# Prints one line per violation and exits 1 when there is any.
cd "$(dirname "$0")/.." || exit 2
ORDER="util core parse host readers report db tui cli"
bad=0
fail() { printf 'layers: %s\n' "$*"; bad=1; }

# the tracked C files (every C file when this is no git checkout)
all=$(git ls-files 2>/dev/null | grep -E '\.(c|h)$')
[ -n "$all" ] || all=$(find . -name '*.[ch]' ! -path './build/*' 2>/dev/null | sed 's#^\./##')
files=$(echo "$all" | grep -E "^($(echo $ORDER | tr ' ' '|'))/")

# One awk pass over every file: quoted includes against the order,
# system includes against the library rules.
# shellcheck disable=SC2086
out=$(awk -v order="$ORDER" '
BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
FNR == 1 { dir = FILENAME; sub(/\/.*/, "", dir) }
/^[ \t]*#[ \t]*include[ \t]*"/ {
    hdr = $0; sub(/^[^"]*"/, "", hdr); sub(/".*/, "", hdr)
    if (index(hdr, "/") == 0) {
        printf "layers: %s:%d: \"%s\": include by path from the top (folder/name.h)\n", FILENAME, FNR, hdr
        next
    }
    hd = hdr; sub(/\/.*/, "", hd)
    if (!(hd in rank))
        printf "layers: %s:%d: \"%s\": %s/ is no layer (%s)\n", FILENAME, FNR, hdr, hd, order
    else if (rank[hd] > rank[dir])
        printf "layers: %s:%d: \"%s\": %s/ may not include %s/ (the order is %s)\n", FILENAME, FNR, hdr, dir, hd, order
    next
}
/^[ \t]*#[ \t]*include[ \t]*</ {
    hdr = $0; sub(/^[^<]*</, "", hdr); sub(/>.*/, "", hdr)
    ok = ""
    if (hdr == "sqlite3.h") ok = "db/"
    else if (hdr ~ /^(n?curses\.h|ncursesw\/)/) ok = "tui/"
    else if (hdr ~ /^poppler/ || hdr == "csv.h") ok = "readers/"
    else if (hdr ~ /^xlsxwriter/) ok = "report/"
    else if (hdr ~ /^iniparser/) ok = "host/config.c"
    else if (hdr ~ /^libxml\// || hdr == "zip.h" || hdr == "zipconf.h") ok = "readers/ report/docx_build.c"
    else if (hdr ~ /^(openssl|uuid)\//) ok = "db/"
    else if (hdr ~ /^opencc/) ok = "parse/"
    if (ok == "") next
    m = split(ok, w, " "); allowed = 0
    for (i = 1; i <= m; i++) if (index(FILENAME, w[i]) == 1) allowed = 1
    if (!allowed) printf "layers: %s:%d: <%s> belongs to %s only\n", FILENAME, FNR, hdr, ok
}' $files)
[ -n "$out" ] && { echo "$out"; bad=1; }

# every C file of the tree, tests and tools too
dups=$(echo "$all" | sed 's/\.[ch]$//' | sort -u | sed 's#.*/##' | sort | uniq -d)
for d in $dups; do
    where=$(echo "$all" | grep -E "(^|/)$d\.(c|h)$" | sed 's/\.[ch]$//' | sort -u)
    [ "$(echo "$where" | wc -l)" -gt 1 ] && fail "base name '$d' is used by $(echo $where | tr '\n' ' ')"
done

[ $bad -eq 0 ] && echo "layers: the includes follow $ORDER; each library stays in its folder; no base name repeats"
exit $bad
