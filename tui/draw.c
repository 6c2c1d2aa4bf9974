/* Text goes through text_fit (sanitise, cut by columns), then out as wide
 * characters one at a time so that the terminal's own idea of a width
 * (the C library's wcwidth) can never push text past its cell: if the two
 * disagree the text is shortened, never wrapped into the next row. */
#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/text.h"

/* Width by the C library, which is what ncurses uses to place characters. */
static int lib_width(uint32_t cp)
{
    int w = wcwidth((wchar_t)cp);
    return w;
}

int draw_raw(WINDOW *w, int y, int x, const char *s, size_t len, int cols, attr_t attr)
{
    int used = 0;
    if (cols <= 0)
        return 0;
    wmove(w, y, x);
    wattrset(w, attr);
    for (size_t i = 0; i < len && s[i];) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        int cw = lib_width(cp);
        if (cw < 0 || text_cp_width(cp) < 0) {
            cp = '?';       /* not printable here: never sent raw */
            cw = 1;
        }
        if (cw == 0 && used == 0)
            continue;       /* a combining mark with nothing to combine with */
        if (used + cw > cols)
            break;
        wchar_t wc[2] = {(wchar_t)cp, 0};
        waddnwstr(w, wc, 1);
        used += cw;
    }
    wattrset(w, A_NORMAL);
    return used;
}

int draw_text(WINDOW *w, int y, int x, const char *s, int cols, int pad, attr_t attr)
{
    if (cols <= 0)
        return 0;
    char small[1024];
    size_t cap = (size_t)cols * 4 + 8;
    char *buf = cap <= sizeof small ? small : malloc(cap);
    if (!buf)
        return 0;
    text_fit(s ? s : "", cols, 0, buf, cap);
    int used = draw_raw(w, y, x, buf, strlen(buf), cols, attr);
    if (pad && used < cols)
        draw_fill(w, y, x + used, cols - used, attr);
    if (buf != small)
        free(buf);
    return pad ? cols : used;
}

void draw_fill(WINDOW *w, int y, int x, int cols, attr_t attr)
{
    if (cols <= 0)
        return;
    wmove(w, y, x);
    wattrset(w, attr);
    for (int i = 0; i < cols; i++)
        waddch(w, ' ');
    wattrset(w, A_NORMAL);
}

void draw_frame(WINDOW *w, const char *title, attr_t frame, attr_t title_attr)
{
    wattrset(w, frame);
    box(w, 0, 0);
    wattrset(w, A_NORMAL);
    int cols = getmaxx(w) - 4;
    if (title && *title && cols > 2) {
        int used = draw_text(w, 0, 2, " ", 1, 0, title_attr);
        used += draw_text(w, 0, 2 + used, title, cols - 2, 0, title_attr);
        draw_text(w, 0, 2 + used, " ", 1, 0, title_attr);
    }
}
