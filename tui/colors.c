/* Colours: auto follows has_colors() and NO_COLOR (https://no-color.org);
 * [ui] color = always or never overrides both. */
#include "tui/colors.h"

#include <stdlib.h>

static int want_color(const struct config *cfg)
{
    if (cfg->color == COLOR_NEVER || !has_colors())
        return 0;
    if (cfg->color == COLOR_ALWAYS)
        return 1;
    const char *nc = getenv("NO_COLOR");
    return !(nc && *nc);
}

static void monochrome(struct palette *p)
{
    for (int i = 0; i < S_COUNT; i++)
        p->a[i] = A_NORMAL;
    p->a[S_HEAD] = A_BOLD;
    p->a[S_BAR] = A_REVERSE;
    p->a[S_COLHEAD] = A_UNDERLINE;
    p->a[S_CURSOR] = A_REVERSE;
    p->a[S_DIM] = A_DIM;
    p->a[S_SECTION] = A_BOLD;
    p->a[S_LABEL] = A_BOLD;
    p->a[S_TITLE] = A_BOLD | A_UNDERLINE;
    p->a[S_ERROR] = A_BOLD;
    p->a[S_OVERDUE] = A_BOLD;
    p->a[S_SOON] = A_UNDERLINE;
    p->a[S_KEY] = A_BOLD;
    p->a[S_LIGHT_BLUE] = p->a[S_LIGHT_YELLOW] = p->a[S_LIGHT_RED] = A_BOLD;
    p->a[S_STATUS0 + ST_DELAYED] = A_BOLD;
    p->a[S_STATUS0 + ST_DONE] = A_DIM;
}

void palette_init(struct palette *p, const struct config *cfg)
{
    monochrome(p);
    p->color = want_color(cfg);
    if (!p->color)
        return;
    start_color();
    short bg = COLOR_BLACK;
    if (use_default_colors() == OK)
        bg = -1;
    static const struct {
        enum style s;
        short fg;
        attr_t extra;
    } map[] = {
        {S_HEAD, COLOR_CYAN, A_BOLD},
        {S_SECTION, COLOR_CYAN, A_BOLD},
        {S_LABEL, COLOR_CYAN, 0},
        {S_TITLE, COLOR_CYAN, A_BOLD},
        {S_ERROR, COLOR_RED, A_BOLD},
        {S_INFO, COLOR_GREEN, 0},
        {S_OVERDUE, COLOR_RED, A_BOLD},
        {S_SOON, COLOR_YELLOW, A_BOLD},
        {S_KEY, COLOR_YELLOW, 0},
        {S_BORDER, COLOR_CYAN, 0},
        {S_LIGHT_BLUE, COLOR_BLUE, A_BOLD},
        {S_LIGHT_YELLOW, COLOR_YELLOW, A_BOLD},
        {S_LIGHT_RED, COLOR_RED, A_BOLD},
        {S_STATUS0 + ST_ACTIVE, COLOR_CYAN, 0},
        {S_STATUS0 + ST_ONGOING, COLOR_BLUE, A_BOLD},
        {S_STATUS0 + ST_DELAYED, COLOR_RED, 0},
        {S_STATUS0 + ST_SUBMITTED, COLOR_MAGENTA, 0},
        {S_STATUS0 + ST_DONE, COLOR_GREEN, 0},
    };
    short pair = 1;
    for (size_t i = 0; i < sizeof map / sizeof map[0] && pair < COLOR_PAIRS; i++, pair++) {
        init_pair(pair, map[i].fg, bg);
        p->a[map[i].s] = COLOR_PAIR(pair) | map[i].extra;
    }
    if (pair < COLOR_PAIRS) {
        init_pair(pair, COLOR_WHITE, COLOR_BLUE);
        p->a[S_BAR] = COLOR_PAIR(pair);
    }
}
