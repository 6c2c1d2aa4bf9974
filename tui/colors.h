/* The palette: what each kind of thing on screen looks like, in colour
 * when the terminal has it and colour is wanted, in plain attributes
 * (bold, reverse, underline) otherwise. */
#ifndef FU_TUI_COLORS_H
#define FU_TUI_COLORS_H

#include "tui/lib_curses.h"
#include "host/config.h"
#include "core/task.h"

enum style {
    S_NORMAL = 0,
    S_HEAD,        /* the header line */
    S_BAR,         /* the status line */
    S_COLHEAD,     /* column titles */
    S_CURSOR,      /* the selected row */
    S_DIM,         /* context rows that do not match the filter */
    S_SECTION,     /* section rows */
    S_LABEL,       /* field labels in the detail */
    S_TITLE,       /* headings in the detail and help */
    S_ERROR,       /* messages: refused, failed */
    S_INFO,        /* messages: done */
    S_OVERDUE,     /* due date passed */
    S_SOON,        /* due within warn_days */
    S_KEY,         /* key names in help and hints */
    S_BORDER,      /* popup frames */
    S_LIGHT_BLUE,  /* the lights (红黄蓝灯): due within warn_days */
    S_LIGHT_YELLOW,/*   delayed or feedback overdue */
    S_LIGHT_RED,   /*   overdue */
    S_STATUS0,     /* S_STATUS0 + enum task_status */
    S_COUNT = S_STATUS0 + ST_COUNT
};

struct palette {
    attr_t a[S_COUNT];     /* attributes including the colour pair */
    int color;             /* 1 when colours are in use */
};

/* Decides on colour ([ui] color, NO_COLOR, has_colors()) and fills p.
 * Call after the screen is initialised. */
void palette_init(struct palette *p, const struct config *cfg);

#endif
