#!/bin/sh
# make layers (issue 20): the checker passes on the tree as it is, and
# fails, naming the file and line, on each kind of violation planted in a
# copy of the tree: an include against the layer order, a library outside
# its folder, an include not by path, a base name used twice.
. "$(dirname "$0")/../lib.sh"

copy() {
    rm -rf "$T/tree" && mkdir -p "$T/tree/scripts" &&
        cp "$ROOT/scripts/layers.sh" "$T/tree/scripts/" &&
        for d in util core parse host readers report db tui cli; do cp -r "$ROOT/$d" "$T/tree/"; done
}
run() { (cd "$T/tree" && sh scripts/layers.sh) >"$T/out" 2>"$T/err"; rc=$?; }
# says PATTERN: the checker's output matches the basic regular expression.
says() { grep -q -- "$1" "$T/out" || fail "$2: the output lacks /$1/: $(head -c 300 "$T/out")"; }

sh "$ROOT/scripts/layers.sh" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "the checkout follows the rules"
copy; run; expect_rc 0 "a copy without git follows the rules"

copy; printf '#include "db/db.h"\n' >>"$T/tree/core/task.c"; run
expect_rc 1 "core/ including db/"
says 'core/task.c:[0-9]*: "db/db.h": core/ may not include db/' "the upward include named"

copy; printf '#include "tui/draw.h"\n' >>"$T/tree/report/report.c"; run
expect_rc 1 "report/ including tui/"

copy; printf '#include <sqlite3.h>\n' >>"$T/tree/tui/list.c"; run
expect_rc 1 "sqlite3.h in tui/"; says 'tui/list.c:[0-9]*: <sqlite3.h> belongs to db/ only' "sqlite3.h named"

copy; printf '#include <curses.h>\n' >>"$T/tree/report/report_text.c"; run
expect_rc 1 "curses.h in report/"

copy; printf '#include <xlsxwriter.h>\n' >>"$T/tree/cli/cmd_task.c"; run
expect_rc 1 "xlsxwriter.h in cli/"

copy; printf '#include <iniparser/iniparser.h>\n' >>"$T/tree/host/priv.c"; run
expect_rc 1 "iniparser outside host/config.c"

copy; printf '#include <poppler.h>\n' >>"$T/tree/parse/parse.c"; run
expect_rc 1 "poppler in parse/"

copy; printf '#include <libxml/tree.h>\n' >>"$T/tree/report/report_html.c"; run
expect_rc 1 "libxml2 in report/ beyond the .docx writer"

copy; printf '#include "text.h"\n' >>"$T/tree/util/json.c"; run
expect_rc 1 "an include not by path"; says 'include by path from the top' "the bare include named"

copy; : >"$T/tree/db/text.c"; run
expect_rc 1 "a base name used twice"; says "base name 'text'" "the repeated name named"

finish
