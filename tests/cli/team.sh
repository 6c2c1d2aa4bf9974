#!/bin/sh
# Team mode with real Unix users (issue 13): make install into a temporary
# prefix (as root: a throwaway group, the program setgid, the team
# directory), `team init`, then each attack of a liaison tried through `su`
# as that user, and each must fail: the liaison changes only their own
# tasks; sqlite3, cat and cp on the team file fail; --db, $FOLLOWUP_DB and
# a [database] path pointing at it fail and change nothing; the files a
# user names are read and written with the user's ids (report -o, backup,
# import, attach, attachment get); $EDITOR runs without the group; root's direct UPDATE is named by
# verify; an older copy put back fails `verify --head`. The users and the
# group are removed whatever happens.
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" -ne 0 ]; then echo "SKIP: needs root (useradd, make install)"; finish; fi
for tool in useradd userdel groupadd groupdel su sqlite3 make tmux; do
    command -v $tool >/dev/null 2>&1 || { echo "FAIL: $tool is needed (scripts/deps.sh)"; exit 1; }
done
unset MAKEFLAGS MFLAGS MAKELEVEL
# Unique throwaway names: committee, liaison of 区知识产权局, liaison of 区审改办.
id=$(printf '%s' "$$" | tail -c 5)
G=fu13g$id C=fu13c$id L=fu13l$id O=fu13o$id
# What the users reach lives outside the checkout (which may be 0700).
W=$(mktemp -d /tmp/followup-team.XXXXXX)
chmod 755 "$W"
SOCK=fu-team-$$
team_cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1
    for u in $C $L $O; do userdel -f -r "$u" >/dev/null 2>&1; done
    groupdel "$G" >/dev/null 2>&1
    rm -rf "$W"
    cleanup
}
trap team_cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- install ------------------------------------------------------------------------------
P=$W/prefix BIN=$W/prefix/bin/followup TEAM=$W/var/lib/followup DBF=$W/var/lib/followup/followup.db
paths="PREFIX=$P localstatedir=$W/var sysconfdir=$W/etc TEAM_GROUP=$G BUILD=$W/build"
make -s -C "$ROOT" --no-print-directory $paths "$W/build/followup" >"$T/make.out" 2>&1 ||
    { echo "FAIL: build: $(tail -5 "$T/make.out")"; exit 1; }
make -s -C "$ROOT" --no-print-directory $paths INSTALL_BIN="$W/build/followup" install \
    >"$T/make.out" 2>&1 || { echo "FAIL: make install: $(tail -5 "$T/make.out")"; exit 1; }
getent group "$G" >/dev/null || fail "install did not create the group $G"
eq "$(stat -c '%a %U %G' "$BIN")" "2755 root $G" "the installed program"
eq "$(stat -c '%a %U %G' "$TEAM")" "2770 root $G" "the team directory"

mkdir -p "$W/home"
for u in $C $L $O; do
    useradd -m -d "$W/home/$u" -s /bin/sh -N -g users "$u" || { echo "FAIL: useradd $u"; exit 1; }
done
# as USER 'COMMAND': runs the command line through su as USER in their home.
as() { _u=$1; shift; su -s /bin/sh "$_u" -c "cd && $*" >"$T/out" 2>"$T/err"; rc=$?; _cmd="$*"; }
# shown: the last command, its user, exit status and first line of output,
# for the closing note ($FOLLOWUP_TEAM_LOG gets them all).
shown() {
    { printf '%s$ %s\n    exit %s\n' "$_u" "$_cmd" "$rc"
      head -1 "$T/out" | sed 's/^/    /'; head -1 "$T/err" | sed 's/^/    /'; } >>"$T/attacks"
}
: >"$T/attacks"
state() { sqlite3 "$DBF" "SELECT group_concat(code || '=' || status || '/' || coalesce(lead_id, ''))
    FROM tasks; SELECT group_concat(login || '=' || role) FROM users; SELECT count(*) FROM history"; }

# ---- team init: root only, once -----------------------------------------------------------
as "$L" "$BIN team init --committee $L"; shown
expect_rc 3 "team init by a user"; [ -e "$DBF" ] && fail "a user's team init made a file"
"$BIN" team init --committee "$C" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "team init"; expect_out "$C is its committee user" "team init names the committee"
eq "$(stat -c '%a %U %G' "$DBF")" "660 root $G" "the team database"
sum=$(state)
"$BIN" team init --committee "$L" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 1 "team init again"; expect_err "exists already; nothing was changed" "team init again says so"
eq "$(state)" "$sum" "team init again changed nothing"

# ---- the committee sets up, through followup ----------------------------------------------
as "$C" "$BIN import $P/share/followup/jingan-2024-3.txt"; expect_rc 0 "committee imports"
as "$C" "$BIN assign 2.4 区知识产权局 && $BIN assign 3.3 区审改办"; expect_rc 0 "committee assigns"
as "$C" "$BIN user add $L --role department --dept 区知识产权局 &&
         $BIN user add $O --role department --dept 区审改办"; expect_rc 0 "user add"
as "$C" "$BIN paths"; expect_out "the team database" "paths names the team database"

# ---- the team database only for the installed program (issue 25) --------------------------
# The same build (same built-in paths) run from where it was built, and the
# same install staged under DESTDIR (setgid, as root stages it), open the
# user's own database and say so; --team opens the team one.
as "$C" "$BIN paths"; expect_out "this is the installed setgid program $BIN" "paths: why the team database"
mkdir -p "$W/roothome"
rootrun() { env -u XDG_DATA_HOME -u FOLLOWUP_DB HOME="$W/roothome" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
rootrun "$W/build/followup" paths; expect_rc 0 "paths of the build"
expect_out "database   $W/roothome/.local/share/followup/followup.db" "the build: the personal database"
expect_out "not the team database $DBF: this is not the installed $BIN" "the build says why not the team's"
rootrun "$W/build/followup" list; expect_rc 4 "the build's list: no personal database yet"
expect_err "no database at $W/roothome/.local/share/followup/followup.db" "the build did not open the team database"
rootrun "$W/build/followup" --team list; expect_rc 0 "the build with --team, as root"; expect_out "2.4" "--team lists the team's tasks"
rootrun "$W/build/followup" --team paths; expect_out "the team database, from --team (with your own rights)" "--team in paths"
make -s -C "$ROOT" --no-print-directory $paths DESTDIR="$W/stage" INSTALL_BIN="$W/build/followup" install \
    >"$T/make.out" 2>&1 || fail "staged install: $(tail -3 "$T/make.out")"
SBIN=$W/stage$P/bin/followup
eq "$(stat -c '%a %G' "$SBIN")" "2755 $G" "the staged program is setgid"
rootrun "$SBIN" paths
expect_out "database   $W/roothome/.local/share/followup/followup.db" "the staged install: the personal database"
expect_out "this is not the installed $BIN" "the staged install says why"
rootrun "$SBIN" team init --committee "$C"; expect_rc 1 "team init from the staged tree"
expect_err "this is not the installed followup" "team init says why"
cp "$SBIN" "$W/copy-followup"; chmod 755 "$W/copy-followup"
as "$L" "$W/copy-followup --team list"; shown; expect_rc 3 "a liaison's copy with --team"
expect_err "not the installed setgid program" "the copy says why"
as "$L" "$W/stage$P/bin/followup paths"; expect_out "$W/home/$L/.local/share/followup/followup.db" \
    "the staged setgid program as a liaison: their own database"
rm -rf "$W/stage" "$W/copy-followup"
as "$L" "$BIN --team list"; expect_rc 0 "the installed program with --team"
as "$L" "FOLLOWUP_DB=\$HOME/x.db $BIN --team paths"; expect_out "$DBF" "--team over FOLLOWUP_DB"
as "$L" "$BIN --team --db \$HOME/x.db list"; expect_rc 2 "--team with --db"

# ---- the liaison: their own task through followup, nothing else --------------------------
as "$L" "$BIN status 2.4 active --note 'through followup'"; shown; expect_rc 0 "liaison: own task"
as "$L" "$BIN status 3.3 done"; shown; expect_rc 3 "liaison: another department's task"
before=$(state)
as "$L" "sqlite3 $DBF \"UPDATE tasks SET status = 'done' WHERE code = '3.3'\""; shown
[ "$rc" -ne 0 ] || fail "liaison: sqlite3 UPDATE on the team file succeeded"
as "$L" "sqlite3 $DBF \"UPDATE users SET role = 'committee' WHERE login = '$L'\""
[ "$rc" -ne 0 ] || fail "liaison: sqlite3 made them committee"
as "$L" "cat $DBF >/dev/null"; shown; [ "$rc" -ne 0 ] || fail "liaison: cat read the team file"
expect_err "Permission denied" "cat: permission denied"
as "$L" "cp $DBF \$HOME/copy.db"; shown; [ "$rc" -ne 0 ] || fail "liaison: cp copied the team file"
as "$L" "cat $DBF-wal $DBF-shm >/dev/null"; [ "$rc" -ne 0 ] || fail "liaison: cat read the side files"
as "$L" "ls $TEAM"; [ "$rc" -ne 0 ] || fail "liaison: listed the team directory"
as "$L" "$BIN --db $DBF status 3.3 done"; shown
expect_rc 3 "liaison: --db on the team file"; expect_err "cannot reach $DBF (from --db)" "--db: names the file"
as "$L" "FOLLOWUP_DB=$DBF $BIN status 3.3 done"; shown
expect_rc 3 "liaison: FOLLOWUP_DB on the team file"
printf '[database]\npath = %s\n' "$DBF" >"$W/home/$L/team.ini"; chmod 644 "$W/home/$L/team.ini"
as "$L" "$BIN --config \$HOME/team.ini status 3.3 done"; shown
expect_rc 3 "liaison: a [database] path to the team file"
mkdir -p "$W/home/$L/.config/followup"; cp "$W/home/$L/team.ini" "$W/home/$L/.config/followup/config.ini"
chown -R "$L" "$W/home/$L/.config"
as "$L" "$BIN status 3.3 done"; [ "$rc" -ne 0 ] || fail "liaison: ~/.config's [database] path worked"
rm -rf "$W/home/$L/.config"
eq "$(state)" "$before" "the attacks changed nothing"

# Files the user names: read and written with the user's ids.
as "$L" "$BIN report -o \$HOME/report.txt >/dev/null && stat -c '%U:%G %a %n' \$HOME/report.txt"; shown; expect_rc 0 "report -o"
eq "$(stat -c '%U %G' "$W/home/$L/report.txt")" "$L users" "report -o: the user's file, not the group's"
as "$L" "$BIN backup \$HOME/copy.db"; expect_rc 0 "backup"
eq "$(stat -c '%U %G' "$W/home/$L/copy.db")" "$L users" "backup: the user's file"
as "$C" "$BIN report -o $TEAM/planted.txt"; shown
[ "$rc" -ne 0 ] || fail "report -o wrote into the team directory"; [ -e "$TEAM/planted.txt" ] && fail "planted a file"
as "$C" "$BIN import $DBF"; shown; expect_rc 1 "import of the team file"; expect_err "Permission denied" "import: read as the user"
as "$C" "$BIN backup $TEAM/copy.db"; [ "$rc" -ne 0 ] || fail "backup into the team directory"
# Evidence files (issue 15): attach reads and attachment get -o writes as the user.
as "$C" "$BIN attach 3.3 $DBF"; shown; expect_rc 1 "attach of the team file"
expect_err "Permission denied" "attach: read as the user"
as "$C" "printf evidence >\$HOME/e.txt && $BIN attach 3.3 \$HOME/e.txt"; expect_rc 0 "attach"
as "$C" "$BIN attachment get 1 -o $TEAM/planted.bin"; shown
[ "$rc" -ne 0 ] || fail "attachment get wrote into the team directory"
[ -e "$TEAM/planted.bin" ] && fail "attachment get planted a file"
as "$L" "$BIN attachment get 1 -o \$HOME/e.bin"; expect_rc 0 "attachment get -o"
eq "$(stat -c '%U %G' "$W/home/$L/e.bin")" "$L users" "attachment get: the user's file"
# ---- limits a liaison cannot lift (issue 25) ------------------------------------------------
# A user's config raising [attachments] max_mb (by --config or ~/.config) is
# ignored with a warning; lowering it applies to that user; the system
# config's limits and the committee's quota in the database hold.
natt() { sqlite3 "$DBF" "SELECT count(*) FROM attachments"; }
n0=$(natt)
as "$L" "truncate -s 30M \$HOME/big && printf '[attachments]\\nmax_mb = 1024\\ntask_mb = 100000\\n' >\$HOME/a.ini &&
    $BIN --config \$HOME/a.ini attach 2.4 \$HOME/big"; shown
expect_rc 1 "a liaison's own max_mb = 1024"
expect_err "big is 30.0 MB, over the limit of 20 MB a file (the team's limit, [attachments] max_mb in $W/etc/followup/config.ini)" "the team's limit named"
expect_err "[attachments] max_mb = 1024 is above the team's 20" "the raised key is warned about"
as "$L" "mkdir -p \$HOME/.config/followup && cp \$HOME/a.ini \$HOME/.config/followup/config.ini && $BIN attach 2.4 \$HOME/big"
expect_rc 1 "~/.config's max_mb = 1024"; expect_err "over the limit of 20 MB a file" "~/.config: refused too"
as "$L" "rm -r \$HOME/.config; head -c 2000000 /dev/zero >\$HOME/two && printf '[attachments]\\nmax_mb = 1\\n' >\$HOME/low.ini &&
    $BIN --config \$HOME/low.ini attach 2.4 \$HOME/two"
expect_rc 1 "a liaison's own lower max_mb"; expect_err "your own lower limit, [attachments] max_mb in $W/home/$L/low.ini" "names the user's file"
eq "$(natt)" "$n0" "nothing stored by the refused attachments"
# the committee's quota for the department, in the database
as "$L" "$BIN dept quota 区知识产权局 3"; expect_rc 3 "a liaison sets a quota"
as "$C" "$BIN dept quota 区知识产权局 3"; expect_rc 0 "the committee sets a quota"
as "$L" "$BIN attach 2.4 \$HOME/two"; expect_rc 0 "2 MB within the quota of 3 MB"
as "$L" "$BIN attach 2.4 \$HOME/two"; shown; expect_rc 1 "past the quota"
expect_err "区知识产权局 has used 1.9 MB of its quota of 3 MB for evidence files (its own, set by the committee)" \
    "the quota and what is used"; expect_one_line_err "the quota's refusal"
as "$L" "$BIN attachments --usage"; expect_rc 0 "attachments --usage"
expect_out "区知识产权局" "usage: the department"; expect_out "3.0 MB*" "usage: its own quota"
expect_out "the team's limit" "usage: whose limits"
# the system config's limit, which only root can change
printf '[attachments]\nmax_files = 1\n' >>"$W/etc/followup/config.ini"
as "$C" "$BIN attach 2.4 \$HOME/e.txt"; expect_rc 1 "the system config's max_files"
expect_err "the most a task may have (the team's limit, [attachments] max_files in $W/etc/followup/config.ini)" "names the system config"
sed -i '/^max_files = 1$/d' "$W/etc/followup/config.ini"
# the WAL after a large attachment, another user's interface open all along
as "$C" "$BIN dept quota 区知识产权局 default"; expect_rc 0 "the quota back to the default"
as "$L" "head -c 15000000 /dev/urandom >\$HOME/fifteen"
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 "su -s /bin/sh $C -c 'cd && env TERM=xterm LC_ALL=C.UTF-8 $BIN'; sleep 60"
sleep 1
as "$L" "$BIN attach 2.4 \$HOME/fifteen"; expect_rc 0 "a 15 MB file"
wal=$(stat -c %s "$DBF-wal" 2>/dev/null || echo 0)
[ "$wal" -le 4194304 ] || fail "the WAL is $wal bytes after a 15 MB attachment (wanted at most 4 MiB)"
echo "WAL after a 15 MB attachment, an interface open: $wal bytes" >>"$T/attacks"
tmux -L "$SOCK" kill-server >/dev/null 2>&1
as "$C" "$BIN verify"; expect_rc 0 "verify after the quotas"

# ---- look-alike text (issue 25): zero-width characters shown as their codes ---------------------
ZW="区知识产权局$(printf '\342\200\213')已完成$(printf '\342\201\240')"
as "$L" "$BIN note 2.4 '$ZW'"; expect_rc 0 "a liaison's note with zero-width characters"
as "$C" "$BIN show 2.4"; expect_out "区知识产权局<U+200B>已完成<U+2060>" "shown as their codes to the committee"
LC_ALL=C grep -q "$(printf '\342\200\213')" "$T/out" && fail "a raw zero-width space reached the committee's terminal"
as "$C" "$BIN dept add '区知识产权局$(printf '\342\200\213')'"; shown
expect_rc 2 "a department name with a zero-width space"; expect_err "invisible or direction-changing" "says why"

# ---- a stopped writer is named (issue 25) -----------------------------------------------------
# A liaison attaches a large file (the system config allows it here) and is
# stopped with kill -STOP: while it stages the file nobody waits; stopped
# inside its write transaction, the next writer says within seconds who
# holds the lock (login, PID, command, stopped), `who` lists it, the writer
# gives up after 20 s with the same words and nothing changed; once the
# liaison goes on, everything completes.
cfg=$W/etc/followup/config.ini
sed -i 's/^max_mb = 20$/max_mb = 300/; s/^task_mb = 200$/task_mb = 100000/; s/^dept_mb = 500$/dept_mb = 100000/' "$cfg"
as "$L" "head -c 250000000 /dev/zero >\$HOME/huge"
# the liaison's attach's record in the registry in state $1: its PID
holder() { LC_ALL=C tr '\000' '\n' <"$DBF-writers" | grep "cmd=followup attach 2.4 huge" |
    grep "state=$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }
ms() { date +%s%3N; }
caught=0 tries=0
while [ $caught -eq 0 ] && [ $tries -lt 5 ]; do
    tries=$((tries + 1))
    su -s /bin/sh "$L" -c "cd && exec $BIN attach 2.4 huge" >"$T/att.out" 2>&1 &
    bg=$!
    pid=; _n=0
    while [ -z "$pid" ] && [ $_n -lt 400 ]; do pid=$(pgrep -u "$L" -f "attach 2.4 huge" | head -1); _n=$((_n + 1)); sleep 0.01; done
    [ -n "$pid" ] || { fail "the liaison's attach did not start"; break; }
    _n=0   # staging: its private staging file open, no write transaction yet
    while ! ls -l "/proc/$pid/fd" 2>/dev/null | grep -q '(deleted)' && [ $_n -lt 1000 ]; do _n=$((_n + 1)); sleep 0.002; done
    kill -STOP "$pid"
    if [ -z "$(holder writing)" ] && [ -z "$(holder waiting)" ]; then
        t0=$(ms); as "$C" "$BIN note 3.3 'while a liaison is stopped staging a file'"; t1=$(ms)
        expect_rc 0 "a write while the liaison is stopped staging"
        [ $((t1 - t0)) -lt 3000 ] || fail "a write waited $((t1 - t0)) ms for a process stopped while staging"
        as "$C" "$BIN who"; expect_out "no other followup is writing" "who: nobody writes while it stages"
        echo "stopped while staging: another user's note took $((t1 - t0)) ms" >>"$T/attacks"
    fi
    # su stops itself when its child stops: it goes on too
    kill -CONT "$pid"; kill -CONT "$bg" 2>/dev/null
    w=; _n=0
    while [ -z "$w" ] && [ $_n -lt 4000 ] && kill -0 "$pid" 2>/dev/null; do w=$(holder writing); _n=$((_n + 1)); done
    if [ -n "$w" ]; then kill -STOP "$pid"; caught=1; else wait "$bg"; fi
done
[ $caught -eq 1 ] || fail "could not stop the liaison's attach inside its write transaction ($tries tries)"
if [ $caught -eq 1 ]; then
    as "$C" "$BIN who"; shown; expect_rc 0 "who"
    expect_out "$pid" "who: the holder's PID"; expect_out "$L" "who: its login"
    expect_out "writing, stopped" "who: writing and stopped"; expect_out "followup attach 2.4 huge" "who: its command"
    before=$(sqlite3 "$DBF" "SELECT count(*) FROM notes"); : >"$T/w.err"
    t0=$(ms)
    su -s /bin/sh "$C" -c "cd && $BIN note 3.3 'waits for the stopped liaison'" >"$T/w.out" 2>"$T/w.err" &
    wpid=$!
    _n=0; while ! grep -q "waiting for" "$T/w.err" && [ $_n -lt 200 ]; do _n=$((_n + 1)); sleep 0.05; done
    t1=$(ms)
    grep -qF "waiting for $DBF: $L (pid $pid, followup attach 2.4 huge) has been writing for" "$T/w.err" ||
        fail "the waiting writer did not name the holder: $(cat "$T/w.err")"
    grep -qF "and is stopped; root can end it (sudo kill -KILL $pid" "$T/w.err" || fail "…nor that it is stopped and who can end it: $(cat "$T/w.err")"
    [ $((t1 - t0)) -lt 5000 ] || fail "the holder was named after $((t1 - t0)) ms"
    echo "stopped writer named after $((t1 - t0)) ms: $(head -1 "$T/w.err")" >>"$T/attacks"
    wait "$wpid"; rc=$?; t2=$(ms)
    expect_rc 1 "the waiting writer gives up"
    grep -qF "is busy: $L (pid $pid, followup attach 2.4 huge) has been writing for" "$T/w.err" ||
        fail "its last line does not name the holder: $(tail -1 "$T/w.err")"
    grep -qF "nothing was changed" "$T/w.err" || fail "…nor say nothing was changed"
    [ $((t2 - t0)) -lt 30000 ] || fail "it gave up after $((t2 - t0)) ms"
    echo "gave up after $((t2 - t0)) ms: $(tail -1 "$T/w.err")" >>"$T/attacks"
    eq "$(sqlite3 "$DBF" "SELECT count(*) FROM notes")" "$before" "the waiting writer changed nothing"
    kill -CONT "$pid"; kill -CONT "$bg" 2>/dev/null; wait "$bg"; rc=$?
    expect_rc 0 "the liaison's attach completes once it goes on"
    as "$C" "$BIN note 3.3 'after the liaison went on'"; expect_rc 0 "writing again"
    as "$C" "$BIN who"; expect_out "no other followup is writing" "who: nobody writes now"
fi
rm -f "$W/home/$L/huge"
sed -i 's/^max_mb = 300$/max_mb = 20/; s/^task_mb = 100000$/task_mb = 200/; s/^dept_mb = 100000$/dept_mb = 500/' "$cfg"
as "$C" "$BIN verify"; expect_rc 0 "verify after the stopped writer"

# The tests' variables do nothing in a setgid run.
as "$L" "FOLLOWUP_TODAY=not-a-date $BIN remind"; expect_rc 0 "FOLLOWUP_TODAY is ignored"

# $EDITOR: a child without the group. The editor writes `id -G` and a note.
cat >"$W/ed.sh" <<EOF
#!/bin/sh
id -G >"\$HOME/editor-ids"
echo "written in the editor" >>"\$1"
EOF
chmod 755 "$W/ed.sh"
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
    "su -s /bin/sh $L -c 'cd && env TERM=xterm-256color LC_ALL=C.UTF-8 EDITOR=$W/ed.sh $BIN'; echo EXITED:\$?; sleep 60"
scr() { tmux -L "$SOCK" capture-pane -p 2>/dev/null; }
waitfor() { _n=100; while [ $_n -gt 0 ]; do scr | grep -qF -- "$1" && return 0; sleep 0.05; _n=$((_n - 1)); done; return 1; }
waitfor "R1 " || fail "the interface did not start as $L: $(scr | head -3)"
tmux -L "$SOCK" send-keys /; tmux -L "$SOCK" send-keys -l "知识产权"; tmux -L "$SOCK" send-keys Enter
waitfor "2.4 ·" || fail "the search did not reach 2.4: $(scr | tail -3)"
tmux -L "$SOCK" send-keys E
_n=100; while [ ! -s "$W/home/$L/editor-ids" ] && [ $_n -gt 0 ]; do sleep 0.05; _n=$((_n - 1)); done
# back from the editor: the note is saved and said so
waitfor "progress note added" || fail "no note added after the editor: $(scr | tail -3)"
tmux -L "$SOCK" send-keys q
waitfor "EXITED:0" || fail "the interface did not quit: $(scr | tail -3)"
[ -s "$W/home/$L/editor-ids" ] || fail "the editor did not run: $(scr | tail -5)"
gid=$(getent group "$G" | cut -d: -f3)
grep -qw "$gid" "$W/home/$L/editor-ids" && fail "the editor ran with the group $G: $(cat "$W/home/$L/editor-ids")"
as "$C" "$BIN show 2.4"; expect_out "written in the editor" "the editor's note was stored"

# The database's side files, after all that: the group's, no access for
# others. (Root's sqlite3 above removed them on closing; the next followup
# made them again, owned by its user, who still cannot reach them: only the
# group may enter the directory.)
for x in -wal -shm; do
    [ -e "$DBF$x" ] && eq "$(stat -c '%a %G' "$DBF$x")" "660 $G" "followup.db$x"
done

# A converter the readers start (here a stand-in soffice first in PATH, for
# a .doc): a child without the group too.
mkdir -p "$W/fakebin"
printf '#!/bin/sh\nid -G >"$HOME/converter-ids"\nexit 1\n' >"$W/fakebin/soffice"
chmod 755 "$W/fakebin/soffice"
printf '\320\317\021\340\241\261\032\341not really a document' >"$W/home/$C/old.doc"
chmod 644 "$W/home/$C/old.doc"
as "$C" "PATH=$W/fakebin:\$PATH $BIN parse old.doc"
[ -s "$W/home/$C/converter-ids" ] || fail "the converter did not run: $(cat "$T/err")"
grep -qw "$gid" "$W/home/$C/converter-ids" && fail "the converter ran with the group $G"
echo "converter's id -G: $(cat "$W/home/$C/converter-ids")" >>"$T/attacks"

# ---- root's UPDATE is named; an older copy fails the printed head -------------------------
as "$C" "$BIN verify"; expect_rc 0 "verify before"
sqlite3 "$DBF" ".backup $W/older.db"
as "$C" "$BIN status 3.3 active && $BIN report -o \$HOME/later.txt"; expect_rc 0 "a later decision"
head=$(sed -n 's/^Chain head *//p' "$W/home/$C/later.txt")
[ "${#head}" -eq 16 ] || fail "the report's chain head: '$head'"
sqlite3 "$DBF" "UPDATE tasks SET status = 'done' WHERE code = '2.4'"
as "$C" "$BIN verify"; shown; expect_rc 1 "verify after root's UPDATE"
expect_out "R1:2.4 status: the history gives 'active', found 'done'" "verify names the change"
as "$C" "$BIN verify --head $head"; expect_rc 1 "--head still in the chain, the UPDATE named"
expect_out "is history row" "--head found"
sqlite3 "$DBF" "UPDATE tasks SET status = 'active' WHERE code = '2.4'"
as "$C" "$BIN verify --head $head"; expect_rc 0 "--head on the intact database"
sqlite3 "$DBF" ".restore $W/older.db"
as "$C" "$BIN verify --head $head"; shown; expect_rc 1 "--head after the older copy was put back"
expect_err "is not in the history's chain" "--head: the history was cut"

# ---- uninstall keeps the team's data --------------------------------------------------------
make -s -C "$ROOT" --no-print-directory $paths INSTALL_BIN="$W/build/followup" uninstall \
    >"$T/make.out" 2>&1 || fail "make uninstall: $(tail -3 "$T/make.out")"
[ -e "$BIN" ] && fail "uninstall left the program"
[ -f "$DBF" ] || fail "uninstall removed the team database"
echo "editor's id -G: $(cat "$W/home/$L/editor-ids") (group $G is $gid)" >>"$T/attacks"
[ -n "${FOLLOWUP_TEAM_LOG:-}" ] && cp "$T/attacks" "$FOLLOWUP_TEAM_LOG"
finish
