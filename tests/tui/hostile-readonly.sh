#!/bin/sh
# A database the user may read but not write: the interface opens it,
# says "read-only" in its header, and refuses changes with a message;
# nothing is written. Runs the interface as nobody (setpriv), since root
# writes any file.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

if [ "$(id -u)" -ne 0 ] || ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    echo "SKIP: needs root and setpriv to run as nobody"; finish
fi
fu import "$SEED"; expect_rc 0 "import"
fu user add nobody --role committee; expect_rc 0 "nobody is committee (so only the file stops it)"
nobody_dir || fail "nobody_dir"; mkdir -m 1777 "$NB/ro"
cp "$DB" "$NB/ro/ro.db"; chmod 644 "$NB/ro/ro.db"
DB=$NB/ro/ro.db
printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups "%s" "$@"\n' "$NB/followup" >"$NB/as-nobody"
chmod 755 "$NB/as-nobody"
FU=$NB/as-nobody TUI_ENV="FOLLOWUP_CONFIG=$NB/config.ini"

tui_start 100 30 xterm-256color
expect_screen "read-only" "the header says read-only"
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "on 2.4"
tui_keys s
expect_screen "read-only here: nothing can be changed" "a status change is refused"
tui_keys c
expect_screen "read-only here: nothing can be changed" "a note is refused"
tui_keys q
tui_wait "EXITED:0" 5 || fail "quit: $(tui_screen | tail -3)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM history")" = \
  "$(sqlite3 "$T/test.db" "SELECT count(*) FROM history")" ] ||
    fail "the read-only database was written"
finish
