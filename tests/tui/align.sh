#!/bin/sh
# Alignment: the text column starts at the same display column on every
# row, whatever the mix of department-name lengths and status labels,
# in English and in Chinese.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

fu import "$SEED"; expect_rc 0 "import"
fu assign 1.1 区行政服务中心 --due 2024-06-30; expect_rc 0 "long department name"
fu assign 1.2 区财政局; expect_rc 0 "shorter name"
fu assign 2.2 区科委 ; expect_rc 0 "short name"
fu assign 3.1 区知识产权局 --due 2099-01-01; expect_rc 0 "another length"
fu status 1.1 ongoing; fu status 1.2 delayed; fu status 2.4 submitted; fu status 3.3 done

# "CODE TITLE" for every item
"$FU" --db "$DB" list --format json | grep '"kind":"item"' |
    sed -n 's/.*"code":"\([^"]*\)".*"text":"\([^"]*\)".*/\1 \2/p' >"$T/items"
[ "$(wc -l <"$T/items")" -eq 11 ] || fail "11 items expected: $(cat "$T/items")"

check_columns() {   # LABEL
    tui_screen >"$T/screen"
    want=""
    while read -r code title; do
        head4=$(printf '%s' "$title" | head -c 12)    # four CJK characters
        line=$(grep -F -- " $code " "$T/screen" | grep -F -- "$head4" | head -1)
        [ -n "$line" ] || { fail "$1: row $code not found"; continue; }
        prefix=${line%%"$head4"*}
        col=$(cols_of "$prefix")
        if [ -z "$want" ]; then want=$col; fi
        [ "$col" -eq "$want" ] || fail "$1: text of $code starts at column $col, not $want:
$(grep -F -- " $code " "$T/screen" | head -1)"
    done <"$T/items"
}

tui_start 100 30 xterm-256color
tui_keys /; tui_type "载体"; tui_keys Enter; expect_cursor 2.2 "on 2.2"
tui_keys a; tui_type "none"; tui_keys Enter
expect_screen "2.2: lead department (none)" "lead cleared through the picker"
eq "$(task_field 2.2 lead)" "null" "no lead in the database"
# the text keeps at least half the width: a long name is cut by display width
expect_screen "区行政 …" "long name cut to keep the text column at 100 columns"
check_columns "English, 100 columns"
tui_resize 64 30; expect_screen "区行 …" "names cut shorter when narrow"
check_columns "English, 64 columns"

# Chinese labels (the catalogue compiled here from po/zh_CN.po)
if command -v msgfmt >/dev/null 2>&1; then
    mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
    msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/followup.mo" "$ROOT/po/zh_CN.po" ||
        fail "po/zh_CN.po does not compile"
    printf '[ui]\nlanguage = zh\ncolor = never\n' >"$T/zh.ini"
    TUI_ENV="FOLLOWUP_LOCALEDIR=$T/locale" tui_start 100 30 xterm-256color --config "$T/zh.ini"
    expect_screen "持续推进" "Chinese status labels"
    expect_screen "牵头单位" "Chinese column titles"
    check_columns "Chinese, 100 columns"
    tui_resize 64 30; expect_screen "编号" "Chinese at 64 columns"
    check_columns "Chinese, 64 columns"
fi
finish
