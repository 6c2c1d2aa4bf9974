/* ncursesw opened on first use (contract in tui/lib_curses.h). */
#define LIB_CURSES_TABLE
#include "tui/lib_curses.h"

#include "util/dynlib.h"

#ifndef LIB_CURSES_SONAME   /* the file the build linked against (Makefile: SONAMES) */
#error "LIB_CURSES_SONAME is not defined: build with make"
#endif

struct lib_curses lib_curses;

#define LIB_CURSES_NAME(f) #f,
#define LIB_CURSES_SLOT(f) (void **)&lib_curses.f,
static const char *const names[] = {LIB_CURSES_FUNCS(LIB_CURSES_NAME)
                                    LIB_CURSES_VARS(LIB_CURSES_NAME)};
static void **const slots[] = {LIB_CURSES_FUNCS(LIB_CURSES_SLOT)
                               LIB_CURSES_VARS(LIB_CURSES_SLOT)};
static struct dynlib lib = {"libncursesw", "libncursesw6", LIB_CURSES_SONAME, names, slots,
                            sizeof names / sizeof names[0], 0, ""};

int lib_curses_load(const char *what, char *err, size_t errlen)
{
    return dynlib_load(&lib, what, err, errlen);
}
