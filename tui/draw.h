/* Drawing helpers. Every string from the database or the user reaches
 * the terminal through these: sanitised (util/text.h), measured and cut
 * in display columns, never by bytes, never past the given width. */
#ifndef FU_TUI_DRAW_H
#define FU_TUI_DRAW_H

#include "tui/lib_curses.h"

/* Draws s at (y, x) in at most cols columns with attr: sanitised, cut
 * with "…" when too wide, padded with spaces to cols when pad is set.
 * Returns the columns used. */
int draw_text(WINDOW *w, int y, int x, const char *s, int cols, int pad, attr_t attr);

/* Like draw_text for text that is already sanitised and known to fit
 * (a piece cut by text_wrap): drawn as is, still never past cols. */
int draw_raw(WINDOW *w, int y, int x, const char *s, size_t len, int cols, attr_t attr);

/* Fills cols columns from (y, x) with spaces in attr. */
void draw_fill(WINDOW *w, int y, int x, int cols, attr_t attr);

/* A frame around the window's edge with a title in its top line. */
void draw_frame(WINDOW *w, const char *title, attr_t frame, attr_t title_attr);

#endif
