#!/bin/sh
# The test suite on a host with a live team install (issue 25): as root,
# install into a temporary tree with its own system paths (PREFIX,
# sysconfdir, localstatedir and a throwaway group, exactly as `sudo make
# install` does into /usr/local, /etc and /var), run `team init` and import
# the sample into the team database, then run the command-line and
# interface tests against a build that has the same built-in paths but is
# not the installed program, as a checkout's ./followup on such a host is.
# None may open the team database (before issue 25, install.sh and align.sh
# did). Arguments go to tests/run.sh (--quick leaves out the slow scripts).
# Nothing outside the temporary tree is touched; it is removed at the end.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then echo "SKIP: needs root (make install sets up the group)"; exit 0; fi
unset MAKEFLAGS MFLAGS MAKELEVEL
W=$(mktemp -d /tmp/fu-live.XXXXXX) && chmod 755 "$W" || exit 1
G=fu25g$(printf '%s' "$$" | tail -c 5)
trap 'groupdel "$G" >/dev/null 2>&1; rm -rf "$W"' EXIT
trap 'exit 1' INT TERM HUP
paths="PREFIX=$W/usr sysconfdir=$W/etc localstatedir=$W/var TEAM_GROUP=$G BUILD=$W/build"
# shellcheck disable=SC2086
make -s -C "$ROOT" --no-print-directory $paths "$W/build/followup" >"$W/make.out" 2>&1 &&
    make -s -C "$ROOT" --no-print-directory $paths INSTALL_BIN="$W/build/followup" install \
        >>"$W/make.out" 2>&1 || { echo "FAIL: the live install: $(tail -5 "$W/make.out")"; exit 1; }
LIVE=$W/usr/bin/followup
env -u FOLLOWUP_CONFIG "$LIVE" team init --committee root || exit 1
env -u FOLLOWUP_CONFIG "$LIVE" import "$W/usr/share/followup/jingan-2024-3.txt" >/dev/null || exit 1
echo "live team install: $LIVE, team database $W/var/lib/followup/followup.db ($("$LIVE" list --format csv | wc -l) rows)"
cd "$ROOT" && FOLLOWUP_BIN=$W/build/followup ./tests/run.sh "$@"
