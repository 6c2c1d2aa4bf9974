#!/bin/sh
# The terminal disappears without a SIGHUP (its pty is closed while
# followup runs in a session of its own): the interface must exit, not spin.
. "$(dirname "$0")/../lib.sh"
fu import "$SEED"; expect_rc 0 "import"
python3 - "$FU" "$DB" <<'PY' || fail "the interface outlived its terminal"
import os, subprocess, sys, time
master, slave = os.openpty()
env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8")
p = subprocess.Popen([sys.argv[1], "--db", sys.argv[2]], stdin=slave, stdout=slave,
                     stderr=slave, env=env, start_new_session=True)
os.close(slave)
deadline = time.time() + 5
seen = b""
while time.time() < deadline and b"Code" not in seen:     # wait for the first frame
    try:
        seen += os.read(master, 65536)
    except OSError:
        break
os.close(master)                                           # the terminal is gone
try:
    p.wait(timeout=5)
except subprocess.TimeoutExpired:
    p.kill()
    sys.exit("still running 5 s after its terminal closed")
PY
finish
