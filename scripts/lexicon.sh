#!/bin/sh
# Compiles the department lexicon (data/departments.txt: one name a line,
# '#' comments) into C for parse/lexicon.h. Usage: lexicon.sh FILE > OUT.c
set -eu
in=$1
awk -v src="$in" '
BEGIN {
    print "/* Generated from " src " by scripts/lexicon.sh: do not edit. */"
    print "#include \"parse/lexicon.h\""
    print ""
    print "const char *const lexicon_names[] = {"
    n = 0
}
{
    sub(/#.*/, ""); gsub(/^[ \t\r]+|[ \t\r]+$/, "")
    if ($0 == "") next
    if ($0 ~ /["\\]/) { printf "%s:%d: a name may not hold \" or \\\n", src, NR > "/dev/stderr"; exit 2 }
    printf "    \"%s\",\n", $0
    n++
}
END {
    print "};"
    printf "const size_t lexicon_count = %d;\n", n
}' "$in"
