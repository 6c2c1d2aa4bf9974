#!/bin/sh
# Regenerates po/followup.pot from the sources and merges it into the
# translations. The interface's strings are marked _() / N_() in tui/;
# the permission refusals come from core/task.c's deny() and are shown
# through gettext too.
set -e
cd "$(dirname "$0")/.."
xgettext --from-code=UTF-8 --package-name=followup --add-comments \
    --keyword=_ --keyword=N_ --keyword=deny:3 \
    -o po/followup.pot tui/*.c tui/keys.h core/task.c
for po in po/*.po; do
    msgmerge --quiet --update --backup=none "$po" po/followup.pot
done
