#!/bin/sh
# make install / uninstall as the README gives them: into a temporary
# DESTDIR with another PREFIX, run the installed program from there (the
# sample, list, --version, paths and the database order, --help in Chinese,
# the interface finding its catalogue), the man page renders without
# warnings and covers every command and key, the bash completion completes,
# then uninstall leaves nothing but an edited config. Also PREFIX alone.
. "$(dirname "$0")/../lib.sh"

for tool in make man groff bash msgfmt; do
    command -v $tool >/dev/null 2>&1 || { echo "FAIL: $tool is needed (scripts/deps.sh installs it)"; exit 1; }
done
# A make of our own, not the one running the tests.
unset MAKEFLAGS MFLAGS MAKELEVEL
# As root, install makes a group for the setgid program: a throwaway one,
# removed at exit; the built-in paths' stamp goes to a build folder of our own.
export TEAM_GROUP=fu13i$(printf '%s' "$$" | tail -c 5) BUILD=$T/build
trap 'groupdel "$TEAM_GROUP" >/dev/null 2>&1; cleanup' EXIT
DEST=$T/dest PREFIX=/opt/followup
P=$DEST$PREFIX BIN=$DEST/opt/followup/bin/followup
BUILT=$FU
mk() { make -s -C "$ROOT" --no-print-directory "$@" INSTALL_BIN="$BUILT" >"$T/make.out" 2>&1; rc=$?; }

mk install DESTDIR="$DEST" PREFIX="$PREFIX"
[ "$rc" -eq 0 ] || { echo "FAIL: make install: $(cat "$T/make.out")"; exit 1; }
for f in bin/followup share/man/man1/followup.1 share/followup/jingan-2024-3.txt \
    share/followup/config.ini share/locale/zh_CN/LC_MESSAGES/followup.mo \
    share/bash-completion/completions/followup; do
    [ -f "$P/$f" ] || fail "install put no $PREFIX/$f"
done
[ -f "$DEST/etc/followup/config.ini" ] || fail "install put no /etc/followup/config.ini"
cmp -s "$ROOT/config.ini" "$DEST/etc/followup/config.ini" || fail "the system config is not the sample"
if [ "$(id -u)" -eq 0 ]; then
    eq "$(stat -c '%a %G' "$BIN")" "2755 $TEAM_GROUP" "the program's mode (setgid, as root)"
    eq "$(stat -c '%a %G' "$DEST/var/lib/followup")" "2770 $TEAM_GROUP" "the team directory"
    # Below: the lookup order of a program that is not setgid (the team
    # mode, which ignores the environment, is tests/cli/team.sh's).
    chmod 755 "$BIN"
else
    eq "$(stat -c %a "$BIN")" 755 "the program's mode"
fi
eq "$(stat -c %a "$P/share/man/man1/followup.1")" 644 "the man page's mode"

# Running it from there, as a user with a home of their own.
mkdir -p "$T/home"
run() {
    env -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u FOLLOWUP_LOCALEDIR HOME="$T/home" \
        FOLLOWUP_CONFIG="$DEST/etc/followup/config.ini" "$BIN" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}
run import "$P/share/followup/jingan-2024-3.txt"
expect_rc 0 "import the installed sample"; expect_out "R1" "import names the report"
[ -f "$T/home/.local/share/followup/followup.db" ] || fail "the database is not at the default place"
run list
expect_rc 0 "list"; expect_out "2.4" "list shows 2.4"
run --version
expect_rc 0 "--version"
ver=$(sed -n 's/.*FOLLOWUP_VERSION "\(.*\)"/\1/p' "$ROOT/cli/cli.h")
eq "$(head -1 "$T/out")" "followup $ver" "--version's first line"
grep -q "^\* $ver " "$ROOT/NEWS" || fail "NEWS has no entry for $ver"
grep -q "^\.TH FOLLOWUP 1 .* \"followup $ver\"" "$ROOT/docs/followup.1" || fail "the man page is not for $ver"
expect_out "$DEST/etc/followup/config.ini" "--version names the config"

run paths
expect_rc 0 "paths"
expect_out "program    $BIN" "paths: the program"
expect_out "from \$FOLLOWUP_CONFIG" "paths: why this config"
expect_out "database   $T/home/.local/share/followup/followup.db" "paths: the default database"
expect_out "the default under ~/.local/share" "paths: why the default database"
expect_out "exists, writable" "paths: the database exists"
expect_out "catalogue  $P/share/locale" "paths: the catalogue beside the program"
expect_out "sample     $P/share/followup/jingan-2024-3.txt" "paths: the installed sample"

# The database: --db, then $FOLLOWUP_DB, then [database] path, then XDG.
printf '[database]\npath = %s/team.db\n' "$T" >"$T/team.ini"
dbline() { env HOME="$T/home" XDG_DATA_HOME="$T/xdg" "$@" "$BIN" paths 2>&1 | sed -n 's/^database *//p'; }
eq "$(dbline env)" "$T/xdg/followup/followup.db" "XDG_DATA_HOME default"
eq "$(dbline env FOLLOWUP_CONFIG="$T/team.ini")" "$T/team.db" "[database] path over XDG"
eq "$(dbline env FOLLOWUP_CONFIG="$T/team.ini" FOLLOWUP_DB="$T/env.db")" "$T/env.db" \
    "\$FOLLOWUP_DB over [database] path"
eq "$(env HOME="$T/home" FOLLOWUP_CONFIG="$T/team.ini" FOLLOWUP_DB="$T/env.db" "$BIN" --db "$T/opt.db" paths |
    sed -n 's/^database *//p')" "$T/opt.db" "--db over everything"
env HOME="$T/home" FOLLOWUP_CONFIG="$T/team.ini" "$BIN" paths >"$T/out" 2>&1
expect_out "from [database] path in $T/team.ini" "paths: why the team database"

# --help in the interface language.
run --help
expect_out "usage: followup" "--help in English"; expect_out "  paths" "--help lists paths"
zh() {
    env HOME="$T/home" FOLLOWUP_CONFIG="$DEST/etc/followup/config.ini" LC_ALL= LC_MESSAGES= \
        LANG=zh_CN.UTF-8 "$BIN" "$@" >"$T/out" 2>&1
}
zh --help
expect_out "用法：followup" "--help in Chinese with LANG=zh_CN.UTF-8"
zh list --help
expect_out "任务，每行一条" "list --help in Chinese"
printf '[ui]\nlanguage = zh\n' >"$T/zh.ini"
env HOME="$T/home" LC_ALL=C.UTF-8 "$BIN" --config "$T/zh.ini" import --help >"$T/out" 2>&1
expect_out "用法：" "[ui] language = zh: import --help in Chinese"
env HOME="$T/home" LC_ALL=C.UTF-8 "$BIN" --config "$T/zh.ini" paths >"$T/out" 2>&1
expect_out "消息目录   $P/share/locale" "paths in Chinese"

# The interface finds its catalogue beside the program (no FOLLOWUP_LOCALEDIR).
if command -v tmux >/dev/null 2>&1; then
    . "$ROOT/tests/lib-tui.sh"
    FU=$BIN DB=$T/home/.local/share/followup/followup.db
    TUI_ENV="HOME=$T/home" tui_start 100 30 xterm-256color --config "$T/zh.ini"
    expect_screen "编号" "the installed interface speaks Chinese"
    tui_keys q
fi

# The man page: renders without warnings, names every command and key.
MAN=$P/share/man/man1/followup.1
MANWIDTH=80 man --warnings -l "$MAN" >"$T/man.txt" 2>"$T/man.err" || fail "man -l failed"
[ -s "$T/man.err" ] && fail "man -l warns: $(head -5 "$T/man.err")"
grep -q "EXIT STATUS" "$T/man.txt" || fail "man -l: no EXIT STATUS section"
groff -ww -man -z -Tutf8 "$MAN" 2>"$T/groff.err"
[ -s "$T/groff.err" ] && fail "groff -ww warns: $(head -5 "$T/groff.err")"
# (the PostScript device has no CJK glyphs: only those may be missing there)
groff -ww -man -z "$MAN" 2>&1 | grep -v "special character 'u[2-9A-F][0-9A-F]" >"$T/groff.err"
[ -s "$T/groff.err" ] && fail "groff -ww -Tps warns: $(head -5 "$T/groff.err")"
eq "$(MANPATH=$P/share/man man -w followup 2>&1)" "$MAN" "man followup finds the page under PREFIX"
"$BIN" --help | awk '/^  [a-z]/ && !/^  --/ { print $1 }' | while read -r cmd; do
    grep -q "^\.[BI]*  *\"*$cmd\>" "$MAN" || echo "$cmd"
done >"$T/missing"
[ -s "$T/missing" ] && fail "the man page lacks the commands: $(tr '\n' ' ' <"$T/missing")"
sed -n 's/.*, "\([^"]*\)"},$/\1/p' "$ROOT/tui/keys.c" | sort -u | while read -r key; do
    grep -qF -- "$(printf '%s' "$key" | sed 's/-/\\-/g')" "$MAN" || echo "$key"
done >"$T/missing"
[ -s "$T/missing" ] && fail "the man page lacks the keys (tui/keys.c): $(tr '\n' ' ' <"$T/missing")"

# Bash completion: sources, registers, completes commands, options, codes, departments.
cat >"$T/comp.bash" <<EOF
. "$P/share/bash-completion/completions/followup" || exit 1
complete -p followup >/dev/null || exit 1
comp() { COMP_LINE=\$1; COMP_POINT=\${#1}; COMPREPLY=(); _followup; echo "\${COMPREPLY[*]}"; }
comp "followup im"
comp "followup list --st"
comp "followup list --format "
comp "followup show 2."
comp "followup assign 2.4 区知"
comp "followup --db $T/home/.local/share/followup/followup.db status 2.4 "
EOF
env HOME="$T/home" PATH="$P/bin:$PATH" FOLLOWUP_CONFIG="$DEST/etc/followup/config.ini" \
    bash --norc --noprofile "$T/comp.bash" >"$T/comp.out" 2>&1 || fail "the completion does not source: $(cat "$T/comp.out")"
eq "$(sed -n 1p "$T/comp.out")" "import" "completes a command"
eq "$(sed -n 2p "$T/comp.out")" "--status" "completes an option"
eq "$(sed -n 3p "$T/comp.out")" "table csv json xlsx" "completes an option's values"
sed -n 4p "$T/comp.out" | grep -qw "2.4" || fail "completes task codes: $(sed -n 4p "$T/comp.out")"
eq "$(sed -n 5p "$T/comp.out")" "区知识产权局" "completes departments"
eq "$(sed -n 6p "$T/comp.out")" "todo active ongoing delayed submitted done" "completes statuses"

# Uninstall leaves nothing (the config is as installed) ...
mk uninstall DESTDIR="$DEST" PREFIX="$PREFIX"
[ "$rc" -eq 0 ] || fail "make uninstall: $(cat "$T/make.out")"
left=$(find "$DEST" -type f)
[ -z "$left" ] || fail "uninstall left: $left"
[ -d "$P/share/followup" ] && fail "uninstall left share/followup"
[ -d "$DEST/etc/followup" ] && fail "uninstall left /etc/followup"

# ... but keeps a config the administrator edited, and install keeps it too.
mk install DESTDIR="$DEST" PREFIX="$PREFIX"
printf '\n[database]\npath = /srv/followup/followup.db\n' >>"$DEST/etc/followup/config.ini"
cp "$DEST/etc/followup/config.ini" "$T/edited.ini"
mk install DESTDIR="$DEST" PREFIX="$PREFIX"
cmp -s "$T/edited.ini" "$DEST/etc/followup/config.ini" || fail "install overwrote an edited config"
grep -q "kept" "$T/make.out" || fail "install does not say it kept the config"
mk uninstall DESTDIR="$DEST" PREFIX="$PREFIX"
eq "$(find "$DEST" -type f)" "$DEST/etc/followup/config.ini" "uninstall keeps only the edited config"

# The README's staged install, word for word (its /tmp paths moved into
# $T; the line that opens the interface is left out).
sed -n '/^make install DESTDIR=/,/^make uninstall DESTDIR=/p' "$ROOT/README.md" >"$T/readme.sh"
[ "$(wc -l <"$T/readme.sh")" -ge 3 ] || fail "README has no staged install block"
grep -v -- '--db /tmp/try.db$' "$T/readme.sh" | sed "s|/tmp/|$T/readme-|g" >"$T/readme-run.sh"
(cd "$ROOT" && INSTALL_BIN=$BUILT HOME="$T/home" sh -e "$T/readme-run.sh") >"$T/out" 2>&1 ||
    fail "the README's staged install: $(tail -5 "$T/out")"
expect_out "the installed sample report" "README: paths from the staged tree"
expect_out "new report" "README: import from the staged tree"
[ -z "$(find "$T/readme-stage" -type f)" ] || fail "README: uninstall left $(find "$T/readme-stage" -type f)"

# PREFIX alone (no DESTDIR), sysconfdir elsewhere.
mk install PREFIX="$T/prefix" sysconfdir="$T/etc" localstatedir="$T/var"
[ "$rc" -eq 0 ] || fail "make install PREFIX=: $(cat "$T/make.out")"
"$T/prefix/bin/followup" --config "$T/etc/followup/config.ini" --version >"$T/out" 2>&1
expect_out "sample     $T/prefix/share/followup/jingan-2024-3.txt" "PREFIX install finds its sample"
mk uninstall PREFIX="$T/prefix" sysconfdir="$T/etc" localstatedir="$T/var"
eq "$(find "$T/prefix" "$T/etc" -type f)" "" "PREFIX uninstall leaves no files"
finish
