# tmux helpers for tests/tui/*.sh; source after tests/lib.sh.
# Each script gets its own tmux server (socket $SOCK), killed on exit.
command -v tmux >/dev/null 2>&1 || { echo "FAIL: tmux is needed for the TUI tests"; exit 1; }
# A new server (socket) for every tui_start: restarting one socket races
# with the old server's exit.
SOCK_BASE="fu-$(basename "$0" .sh)-$$"
SOCK_N=0
SOCK=$SOCK_BASE-0
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
# Stops the current server and removes its socket file.
tm_stop() {
    tm kill-server >/dev/null 2>&1
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
}
# At exit: every server this script started, whatever state it is in.
tui_cleanup() {
    _i=0
    while [ "$_i" -le "$SOCK_N" ]; do
        SOCK=$SOCK_BASE-$_i
        tm_stop
        _i=$((_i + 1))
    done
    cleanup
}
trap tui_cleanup EXIT

# tui_start COLS ROWS TERM [followup options…]: runs the interface on $DB
# (ready when $TUI_READY, default "R1 ", shows)
# in a fresh session; when it exits the pane shows "EXITED:<status>" and
# "icanon echo" when the terminal modes were restored.
shq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
tui_start() {
    _w=$1 _h=$2 _term=$3
    shift 3
    _args=""
    for _a in "$@"; do _args="$_args $(shq "$_a")"; done
    tm_stop
    SOCK_N=$((SOCK_N + 1))
    SOCK=$SOCK_BASE-$SOCK_N
    tm new-session -d -x "$_w" -y "$_h" \
        "env TERM=$_term LC_ALL=C.UTF-8 ${TUI_ENV:-} '$FU' --db '$DB'$_args; echo EXITED:\$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo; sleep 60"
    tm set-option -g window-size manual >/dev/null 2>&1
    tui_wait "${TUI_READY:-R1 }" 5 || fail "the interface did not start (TERM=$_term): $(tui_screen | head -5)"
}

tui_screen() { tm capture-pane -p 2>/dev/null; }
# The screen with attributes (escape sequences), for reverse video etc.
tui_screen_e() { tm capture-pane -p -e 2>/dev/null; }
tui_keys() { tm send-keys "$@"; }
tui_type() { tm send-keys -l "$1"; }
tui_resize() { tm resize-window -x "$1" -y "$2"; }

# Wait limits are multiplied by $TEST_SLOW (make asan sets it: the
# sanitizer build draws several times slower).
SLOW=${TEST_SLOW:-1}
# tui_wait TEXT [SECONDS]: polls the screen until TEXT shows (default 3 s).
tui_wait() {
    _n=$(( ${2:-3} * 20 * SLOW ))
    while [ "$_n" -gt 0 ]; do
        tui_screen | grep -qF -- "$1" && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}
# tui_wait_gone TEXT [SECONDS]: until TEXT is no longer shown.
tui_wait_gone() {
    _n=$(( ${2:-3} * 20 * SLOW ))
    while [ "$_n" -gt 0 ]; do
        tui_screen | grep -qF -- "$1" || return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}
# expect_screen TEXT DESCRIPTION: TEXT shows within 3 s.
expect_screen() { tui_wait "$1" "${3:-3}" || fail "$2: screen lacks '$1':
$(tui_screen)"; }
# expect_no_screen TEXT WHAT: TEXT is gone from the screen (within a
# second, so that a key's effect has time to be drawn).
expect_no_screen() { tui_wait_gone "$1" 1 || fail "$2: screen has '$1'"; return 0; }

# The status line names the task under the cursor: "2.4 · 9 of 14 shown · …".
tui_cursor() { tui_screen | tail -2 | head -1 | awk '{print $1}'; }
expect_cursor() {
    _n=$((60 * SLOW))
    while [ "$_n" -gt 0 ]; do
        [ "$(tui_cursor)" = "$1" ] && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    fail "$2: cursor on '$(tui_cursor)', wanted '$1'"
}

# wait_until SECONDS COMMAND…: polls (every 50 ms) until COMMAND succeeds;
# 1 when it never does.
wait_until() {
    _n=$(( $1 * 20 * SLOW )); shift
    while [ "$_n" -gt 0 ]; do
        "$@" && return 0
        sleep 0.05
        _n=$((_n - 1))
    done
    return 1
}
# tui_settled: the screen stayed the same for 0.2 s (a redraw finished).
tui_settled() {
    _a=$(tui_screen); _k=0
    while [ "$_k" -lt $((40 * SLOW)) ]; do
        sleep 0.1
        _b=$(tui_screen)
        [ "$_a" = "$_b" ] && sleep 0.1 && [ "$(tui_screen)" = "$_b" ] && return 0
        _a=$_b; _k=$((_k + 1))
    done
    return 1
}

# Display columns of a string: wide (CJK) characters count 2, the rest 1
# ("…" and "·" included), as the interface measures them.
cols_of() {
    python3 -c 'import sys, unicodedata as u
print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in sys.argv[1]))' "$1"
}

# tui_json CODE FIELD: a field of a task from list --format json (one line a task).
task_field() {
    "$FU" --db "$DB" list --format json | grep -F "\"code\":\"$1\"" | head -1 |
        sed -n "s/.*\"$2\":\\(\"[^\"]*\"\\|null\\|\\[[^]]*\\]\\).*/\\1/p"
}
