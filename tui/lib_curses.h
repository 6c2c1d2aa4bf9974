/* ncursesw (with the terminfo library behind it), opened when the
 * interface starts (util/dynlib.h) instead of linked: a command such as
 * `list` or `status` then does not map it at every start. Every file of
 * tui/ includes this header instead of <curses.h> (it includes that first):
 * the names below then go through the table, and lib_curses_load must
 * have succeeded before any of them is used (tui_run does it first). */
#ifndef FU_LIB_CURSES_H
#define FU_LIB_CURSES_H

#include <stddef.h>
#include <curses.h>

/* the functions the interface calls */
#define LIB_CURSES_FUNCS(X) \
    X(cbreak) X(clearok) X(curs_set) X(def_prog_mode) X(define_key) X(delscreen) \
    X(delwin) X(doupdate) X(endwin) X(getmouse) X(has_colors) X(init_pair) \
    X(intrflush) X(key_defined) X(keypad) X(mouseinterval) X(mousemask) X(newterm) \
    X(newwin) X(noecho) X(nonl) X(reset_prog_mode) X(set_escdelay) X(set_term) \
    X(start_color) X(use_default_colors) X(waddch) X(waddnwstr) X(wattrset) X(wborder) \
    X(werase) X(wget_wch) X(wmove) X(wnoutrefresh) X(wtimeout) X(wvline)
/* and the variables it reads */
#define LIB_CURSES_VARS(X) \
    X(COLOR_PAIRS) X(COLS) X(LINES) X(acs_map) X(curscr) X(stdscr)
#define LIB_CURSES_FIELD(f) __typeof__(&f) f;
struct lib_curses { LIB_CURSES_FUNCS(LIB_CURSES_FIELD) LIB_CURSES_VARS(LIB_CURSES_FIELD) };
extern struct lib_curses lib_curses;

/* Loads ncursesw once: 0, or -1 with one line in err beginning with what. */
int lib_curses_load(const char *what, char *err, size_t errlen);

#ifndef LIB_CURSES_TABLE   /* the loader itself names the fields */
#undef cbreak
#define cbreak lib_curses.cbreak
#undef clearok
#define clearok lib_curses.clearok
#undef curs_set
#define curs_set lib_curses.curs_set
#undef def_prog_mode
#define def_prog_mode lib_curses.def_prog_mode
#undef define_key
#define define_key lib_curses.define_key
#undef delscreen
#define delscreen lib_curses.delscreen
#undef delwin
#define delwin lib_curses.delwin
#undef doupdate
#define doupdate lib_curses.doupdate
#undef endwin
#define endwin lib_curses.endwin
#undef getmouse
#define getmouse lib_curses.getmouse
#undef has_colors
#define has_colors lib_curses.has_colors
#undef init_pair
#define init_pair lib_curses.init_pair
#undef intrflush
#define intrflush lib_curses.intrflush
#undef key_defined
#define key_defined lib_curses.key_defined
#undef keypad
#define keypad lib_curses.keypad
#undef mouseinterval
#define mouseinterval lib_curses.mouseinterval
#undef mousemask
#define mousemask lib_curses.mousemask
#undef newterm
#define newterm lib_curses.newterm
#undef newwin
#define newwin lib_curses.newwin
#undef noecho
#define noecho lib_curses.noecho
#undef nonl
#define nonl lib_curses.nonl
#undef reset_prog_mode
#define reset_prog_mode lib_curses.reset_prog_mode
#undef set_escdelay
#define set_escdelay lib_curses.set_escdelay
#undef set_term
#define set_term lib_curses.set_term
#undef start_color
#define start_color lib_curses.start_color
#undef use_default_colors
#define use_default_colors lib_curses.use_default_colors
#undef waddch
#define waddch lib_curses.waddch
#undef waddnwstr
#define waddnwstr lib_curses.waddnwstr
#undef wattrset
#define wattrset lib_curses.wattrset
#undef wborder
#define wborder lib_curses.wborder
#undef werase
#define werase lib_curses.werase
#undef wget_wch
#define wget_wch lib_curses.wget_wch
#undef wmove
#define wmove lib_curses.wmove
#undef wnoutrefresh
#define wnoutrefresh lib_curses.wnoutrefresh
#undef wtimeout
#define wtimeout lib_curses.wtimeout
#undef wvline
#define wvline lib_curses.wvline
#undef COLOR_PAIRS
#define COLOR_PAIRS (*lib_curses.COLOR_PAIRS)
#undef COLS
#define COLS (*lib_curses.COLS)
#undef LINES
#define LINES (*lib_curses.LINES)
#undef acs_map
#define acs_map (*lib_curses.acs_map)
#undef curscr
#define curscr (*lib_curses.curscr)
#undef stdscr
#define stdscr (*lib_curses.stdscr)
#endif

#endif
