#!/bin/sh
# config.ini gone wrong: a malformed file names the file and the line, a
# bad value too; unknown keys warn (one sanitised line each) and the
# command still runs; no file at all means defaults; names with control
# characters are refused. A broken config changes nothing in the database.
. "$(dirname "$0")/../lib.sh"

ESC=$(printf '\033'); BEL=$(printf '\007')
raw() { grep -c -e "$ESC" -e "$BEL" -e "$(printf '\302\233')" -e "$(printf '\342\200\256')" "$1"; }

fu import "$SEED"; expect_rc 0 "import with the test config"
fu status 2.4 active; expect_rc 0 "status"

# cfg NAME TEXT: writes $T/NAME.ini; then runs followup with it.
cfg() { printf "$2" >"$T/$1.ini"; C=$T/$1.ini; }
fuc() { "$FU" --config "$C" --db "$DB" "$@" >"$T/out" 2>"$T/err"; rc=$?; }

cfg syntax '[ui]\nlanguage = en\nthis line is wrong\n'
fuc status 2.4 delayed
expect_rc 1 "malformed line"; expect_one_line_err "malformed line"
expect_err "$C:3: not a [section] or key = value line" "malformed line names file and line"

cfg section '[ui\nlanguage = en\n'
fuc list; expect_rc 1 "broken section header"; expect_err "$C:1:" "section header line"

cfg value '[ui]\ncolor = never\n\nlanguage = klingon\n'
fuc status 2.4 delayed
expect_rc 1 "bad value"; expect_one_line_err "bad value"
expect_err "$C:4: [ui] language = klingon: use auto, en or zh" "bad value names file and line"

cfg days '[ui]\nwarn_days = 1000\n'
fuc list; expect_rc 1 "warn_days out of range"; expect_err "$C:2: [ui] warn_days" "warn_days line"

python3 -c "print('[ui]\nlanguage = ' + 'x' * 5000)" >"$T/long.ini"; C=$T/long.ini
fuc list; expect_rc 1 "line too long"; expect_one_line_err "line too long"
expect_err "$C:2: line longer than 1024 bytes" "long line"

head -c 2000 /bin/sh >"$T/binary.ini"; C=$T/binary.ini
fuc list; expect_rc 1 "binary config"; expect_one_line_err "binary config"
[ "$(raw "$T/err")" -eq 0 ] || fail "binary config: raw control bytes in the message"

C=$T/missing.ini
fuc list; expect_rc 1 "named config missing"; expect_one_line_err "named config missing"
expect_err "$C:" "names the missing file"
C=$T
fuc list; expect_rc 1 "config is a directory"; expect_err "is a directory" "directory"

# control characters in department names and routing rules
cfg dept '[departments]\n区科委 =\n区\033[2J局 =\n'
fuc list; expect_rc 1 "department name with ESC"; expect_one_line_err "dept ESC"
expect_err "$C:3: [departments] a name holds control characters" "dept ESC names the line"
cfg route '[routing]\n知识\342\200\256 = 区知识产权局\n'
fuc list; expect_rc 1 "routing rule with a bidi override"
expect_err "$C:2: [routing]" "routing names the line"

# unknown keys and sections: a warning a line, sanitised, and the command runs
cfg unknown '[ui]\nlanguage = en\nbo\033]52;c;ZXZpbA==\007gus = 1\ncolour = never\n[x\033[2Jy]\na = 1\n'
fuc list --status active
expect_rc 0 "unknown keys only warn"; expect_out "2.4" "the command ran"
n=$(grep -c '^followup: warning: ' "$T/err")
[ "$n" -eq 3 ] || fail "three warnings, each on its own prefixed line: $(cat "$T/err")"
[ "$(wc -l <"$T/err")" -eq 3 ] || fail "stderr has only the warnings: $(cat "$T/err")"
expect_err "$C:4: unknown key colour in [ui] ignored" "warning names file and line"
expect_err "unknown section [x^[[2" "section name shown with a placeholder"
[ "$(raw "$T/err")" -eq 0 ] || fail "a warning wrote raw control bytes: $(od -c "$T/err" | head)"

# no config file anywhere: defaults
if [ -e /etc/followup/config.ini ]; then
    echo "SKIP: /etc/followup/config.ini exists, defaults not testable here"
else
    mkdir -p "$T/home"
    HOME=$T/home XDG_CONFIG_HOME='' FOLLOWUP_CONFIG='' "$FU" --db "$T/d.db" import "$SEED" \
        >"$T/out" 2>"$T/err"; rc=$?
    expect_rc 0 "no config: defaults"
    [ -s "$T/err" ] && fail "no config: stderr not empty: $(cat "$T/err")"
    HOME=$T/home XDG_CONFIG_HOME='' FOLLOWUP_CONFIG='' "$FU" --db "$T/d.db" paths \
        >"$T/out" 2>"$T/err"; rc=$?
    expect_rc 0 "paths without a config"
fi

# nothing was changed by the failed commands
fu list --status active --format csv
expect_out ",2.4,item," "2.4 is still active"
fu list --status delayed --format csv
expect_no_out ",2.4," "no failed command moved 2.4"
fu verify; expect_rc 0 "verify after the config errors"
finish
