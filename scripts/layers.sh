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

rank() {
    r=0
    for d in $ORDER; do
        [ "$d" = "$1" ] && { echo $r; return; }
        r=$((r + 1))
    done
    echo -1
}

# the tracked C files (every C file when this is no git checkout)
all=$(git ls-files 2>/dev/null | grep -E '\.(c|h)$')
[ -n "$all" ] || all=$(find . -name '*.[ch]' ! -path './build/*' 2>/dev/null | sed 's#^\./##')
files=$(echo "$all" | grep -E "^($(echo $ORDER | tr ' ' '|'))/")

for f in $files; do
    dir=${f%%/*}
    me=$(rank "$dir")
    # quoted includes: the project's headers
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
        sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1 \2/' > "${TMPDIR:-/tmp}/layers.$$"
    while read -r line hdr; do
        hd=${hdr%%/*}
        [ "$hd" = "$hdr" ] && { fail "$f:$line: \"$hdr\": include by path from the top (folder/name.h)"; continue; }
        them=$(rank "$hd")
        if [ "$them" -lt 0 ]; then
            fail "$f:$line: \"$hdr\": $hd/ is no layer ($ORDER)"
        elif [ "$them" -gt "$me" ]; then
            fail "$f:$line: \"$hdr\": $dir/ may not include $hd/ (the order is $ORDER)"
        fi
    done < "${TMPDIR:-/tmp}/layers.$$"
    rm -f "${TMPDIR:-/tmp}/layers.$$"
    # system includes: the libraries
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*<' "$f" |
        sed 's/^\([0-9]*\):.*<\([^>]*\)>.*/\1 \2/' | while read -r line hdr; do
        case "$hdr" in
            sqlite3.h) ok="db/" ;;
            curses.h|ncurses.h|ncursesw/*) ok="tui/" ;;
            poppler*|csv.h) ok="readers/" ;;
            xlsxwriter*) ok="report/" ;;
            iniparser*) ok="host/config.c" ;;
            libxml/*|zip.h|zipconf.h) ok="readers/ report/docx_build.c" ;;
            openssl/*|uuid/*) ok="db/" ;;
            opencc*) ok="parse/" ;;
            *) continue ;;
        esac
        allowed=0
        for o in $ok; do
            case "$f" in "$o"*) allowed=1 ;; esac
        done
        [ $allowed -eq 1 ] || printf 'layers: %s:%s: <%s> belongs to %s only\n' "$f" "$line" "$hdr" "$ok"
    done
done > "${TMPDIR:-/tmp}/layers-out.$$"
if [ -s "${TMPDIR:-/tmp}/layers-out.$$" ]; then
    cat "${TMPDIR:-/tmp}/layers-out.$$"; bad=1
fi
rm -f "${TMPDIR:-/tmp}/layers-out.$$"

# every C file of the tree, tests and tools too
dups=$(echo "$all" | sed 's/\.[ch]$//' | sort -u | sed 's#.*/##' | sort | uniq -d)
for d in $dups; do
    where=$(echo "$all" | grep -E "(^|/)$d\.(c|h)$" | sed 's/\.[ch]$//' | sort -u)
    [ "$(echo "$where" | wc -l)" -gt 1 ] && fail "base name '$d' is used by $(echo $where | tr '\n' ' ')"
done

[ $bad -eq 0 ] && echo "layers: the includes follow $ORDER; each library stays in its folder; no base name repeats"
exit $bad
