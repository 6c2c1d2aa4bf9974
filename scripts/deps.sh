#!/bin/sh
# Install what followup needs to build, test and run, with apt-get.
# Does nothing when every package is already present; uses sudo when not root.
set -eu

# clang and libclang-rt-dev: `make fuzz` (libFuzzer); `make asan` uses gcc.
# man-db: the install test renders the manual with man -l.
# libxlsxwriter-dev, libzip-dev, libxml2-dev: the .xlsx and .docx outputs.
# libreoffice-calc-nogui, libreoffice-writer-nogui, unzip: tests only (a
# third-party reader opens the .xlsx and .docx files followup writes).
# libpoppler-glib-dev, poppler-data (Chinese CMaps), libcsv-dev: reading
# .pdf and .csv reports (libzip and libxml2 read .docx/.odt/.xlsx/.html);
# libreoffice-writer-nogui also converts .doc/.wps reports (tests/cli/
# formats.sh needs it for the .doc fixtures); antiword: the smaller .doc
# converter used when LibreOffice is absent. chromium, poppler-utils and
# fonts-noto-cjk: tests only (tests/cli/printable.sh prints the HTML report
# to an A4 PDF with Chromium and reads it back with pdftotext); they also
# remake the format fixtures (tests/fixtures/formats/mkformats.sh).
# libopencc-dev (pulls libopencc1.1 and its data): reports in traditional
# characters are read through a simplified copy (parse/parse_hant.c).
PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev uuid-dev
libiniparser-dev libcmocka-dev libssl-dev tmux sqlite3 gettext locales python3
clang libclang-rt-dev man-db
libxlsxwriter-dev libzip-dev libxml2-dev
libreoffice-calc-nogui libreoffice-writer-nogui unzip
passwd
libpoppler-glib-dev poppler-data libcsv-dev antiword libopencc-dev
chromium poppler-utils fonts-noto-cjk"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: missing packages:$missing, and no apt-get here; install them with your package manager" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps: missing packages:$missing; run as root or install sudo" >&2
        exit 1
    fi
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
