#!/bin/sh
# The interface speaks Chinese or English: the catalogue (po/zh_CN.po)
# translates every string the sources mark, and [ui] language = zh shows
# it, permission refusals included.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

for tool in msgfmt xgettext msgcmp; do
    command -v $tool >/dev/null 2>&1 || { echo "FAIL: $tool (gettext) is needed"; exit 1; }
done
# every marked string has a translation, none fuzzy
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=deny:3 \
    -o "$T/now.pot" "$ROOT"/tui/*.c "$ROOT/core/task.c" || fail "xgettext"
msgcmp "$ROOT/po/zh_CN.po" "$T/now.pot" 2>"$T/cmp" ||
    fail "po/zh_CN.po lacks strings (run po/update.sh and translate): $(head -5 "$T/cmp")"
stats=$(msgfmt -c --statistics -o "$T/x.mo" "$ROOT/po/zh_CN.po" 2>&1) || fail "msgfmt -c: $stats"
case $stats in *untranslated*|*fuzzy*) fail "catalogue incomplete: $stats" ;; esac

mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
cp "$T/x.mo" "$T/locale/zh_CN/LC_MESSAGES/followup.mo"
printf '[ui]\nlanguage = zh\ncolor = never\n' >"$T/zh.ini"
fu import "$SEED"; expect_rc 0 "import"

TUI_ENV="FOLLOWUP_LOCALEDIR=$T/locale" tui_start 100 30 xterm-256color --config "$T/zh.ini"
expect_screen "编号" "column titles in Chinese"
expect_screen "未启动 11" "counts with Chinese labels"
expect_screen "$(id -un) (督办)" "role in Chinese"
expect_screen "Enter 详情" "key hint in Chinese"
tui_keys '?'; expect_screen "移动" "help in Chinese"; expect_screen "更改状态" "help entries"
tui_keys q
tui_keys /; tui_type "知识产权"; tui_keys Enter; expect_cursor 2.4 "search in Chinese mode"
tui_keys s; expect_screen "2.4 的状态（现为 未启动）" "picker title in Chinese"
tui_type "progress"; expect_screen "推进中  In progress" "English labels still match"
tui_keys Enter; expect_screen "2.4：未启动 → 推进中" "message in Chinese"

# the refusal for a viewer, translated
TUI_ENV="FOLLOWUP_LOCALEDIR=$T/locale" tui_start 100 30 xterm-256color --config "$T/zh.ini" --as guest
expect_screen "guest (只读)" "viewer in Chinese"
tui_keys s; expect_screen "只读用户可以查看但不能修改任务" "refusal in Chinese"

# the plain C locale (SSH without LANG): Chinese still shows
TUI_ENV="LC_ALL=C FOLLOWUP_LOCALEDIR=$T/locale" tui_start 100 30 xterm --config "$T/zh.ini"
expect_screen "深入推进知识产权发展战略" "Chinese text in the C locale"
expect_screen "编号" "and Chinese labels"

# language = auto follows the locale (LC_ALL here is C.UTF-8: English)
printf '[ui]\nlanguage = auto\n' >"$T/auto.ini"
TUI_ENV="FOLLOWUP_LOCALEDIR=$T/locale" tui_start 100 30 xterm-256color --config "$T/auto.ini"
expect_screen "Not started 10" "auto in a C locale is English"
finish
