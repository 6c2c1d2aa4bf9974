#!/bin/sh
# The bytes the interface writes to the terminal, recorded with tmux
# pipe-pane, hold none of the controls that a hostile report, note or
# reason carries (ESC [2J after the text, OSC 52, BEL, U+009B, U+202E),
# nor the invisible code points (zero-width space, joiners, word joiner,
# BOM); the screen shows them as placeholders.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/lib-tui.sh"

ESC=$(printf '\033'); BEL=$(printf '\007'); CSI8=$(printf '\302\233'); RLO=$(printf '\342\200\256')
printf '%s\n' \
    "标题：关于${ESC}[2J落实${ESC}]52;c;ZXZpbA==${BEL}情况的报告" \
    "文号：静府议〔2024〕${RLO}9号" \
    "区人大常委会：" \
    "一、总体${ESC}[31m情况" \
    "（一）加强${BEL}管理" \
    "一是推动${ESC}[2J数据${CSI8}31m开放${RLO}工作。二是将加快建设。三是零$(printf '\342\200\213')宽$(printf '\357\273\277')推进。" \
    "上海市静安区人民政府2024年2月18日" >"$T/hostile.txt"
fu import "$T/hostile.txt"; expect_rc 0 "import a hostile report"
fu note 1.1.1 "N${ESC}]52;c;ZXZpbA==${BEL}${CSI8}${RLO}end"; expect_rc 0 "hostile note"
ZW="Z$(printf '\342\200\213')W$(printf '\342\200\214')N$(printf '\342\200\215')J$(printf '\342\201\240')B$(printf '\357\273\277')end"
fu note 1.1.3 "$ZW"; expect_rc 0 "a note with invisible characters"

tui_start 120 30 xterm-256color
tm pipe-pane -o "cat >>'$T/pty'"
tui_keys /; tui_type "推动"; tui_keys Enter; expect_cursor 1.1.1 "on 1.1.1"
expect_screen "推动^[[2J数据<U+009B>31m开放<U+202E>工作" "the item with placeholders"
tui_keys Enter
expect_screen "N^[]52;c;ZXZpbA==^G<U+009B><U+202E>end" "the note with placeholders"
tui_keys Escape; tui_settled
tui_keys /; tui_type "宽"; tui_keys Enter; expect_cursor 1.1.3 "on 1.1.3"
expect_screen "零<U+200B>宽<U+FEFF>推进" "the item's zero-width characters as their codes"
tui_keys Enter
expect_screen "Z<U+200B>W<U+200C>N<U+200D>J" "the note's as their codes"
tui_keys Escape; tui_settled
tm pipe-pane
[ -s "$T/pty" ] || fail "nothing recorded from the pane"
LC_ALL=C grep -q "$(printf '\033]52')" "$T/pty" && fail "an OSC 52 clipboard write reached the terminal"
LC_ALL=C grep -q "$BEL" "$T/pty" && fail "a BEL reached the terminal"
LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$T/pty" && fail "a C1 control reached the terminal"
LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" "$T/pty" && fail "a bidi override reached the terminal"
LC_ALL=C grep -q -e "$(printf '\342\200[\213-\215]')" -e "$(printf '\342\201\240')" -e "$(printf '\357\273\277')" \
    "$T/pty" && fail "a zero-width character reached the terminal"
LC_ALL=C grep -qF -e "推动$ESC[2J" -e "总体$ESC[31m" -e "加强$BEL" "$T/pty" &&
    fail "the text's own escape reached the terminal"
LC_ALL=C grep -q "推动" "$T/pty" || fail "the recording lacks the item's text"
finish
