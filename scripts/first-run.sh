#!/bin/sh
# make run: when the database followup would open (--db, $FOLLOWUP_DB,
# [database] path, or the default under ~/.local/share) holds no report,
# import the bundled sample into it (creating it if needed).
# usage: first-run.sh FOLLOWUP_BINARY SAMPLE_REPORT
set -u
bin=$1 sample=$2
rows=$("$bin" list --format csv 2>/dev/null | wc -l)
if [ "$rows" -le 1 ]; then
    echo "first run: importing the sample report $sample"
    "$bin" import "$sample" || exit 1
fi
exit 0
