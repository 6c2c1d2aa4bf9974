/* Workbooks through libxlsxwriter (contract in report/sheet.h). */
#include "report/sheet.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/lib_xlsx.h"
#include "util/err.h"
#include "host/priv.h"
#include "util/mem.h"
#include "util/text.h"
#include "core/workflow.h"
#include "core/calendar.h"

#define CELL_MAX 32000     /* bytes kept of a cell (Excel: 32,767 characters) */

struct sheet_book {
    lxw_workbook *wb;
    lxw_format *fmt[SS_COUNT], *wrap;
    char path[4096];       /* the temporary file */
    struct sheet **sheets;
    size_t nsheets, cap;
};

/* ---- the book ------------------------------------------------------------------ */

static void styles(struct sheet_book *b)
{
    static const uint32_t fill[] = {[SS_RED] = 0xFF6B6B, [SS_YELLOW] = 0xFFE066,
                                    [SS_BLUE] = 0x74B9FF};
    lxw_workbook *wb = b->wb;
    for (int i = 0; i < SS_COUNT; i++) {
        lxw_format *f = b->fmt[i] = workbook_add_format(wb);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        if (i == SS_TEXT || i == SS_CODE || i == SS_LABEL || i >= SS_RED)
            format_set_num_format(f, "@");
    }
    format_set_bold(b->fmt[SS_HEAD]);
    format_set_bg_color(b->fmt[SS_HEAD], 0xD9E1F2);
    format_set_border(b->fmt[SS_HEAD], LXW_BORDER_THIN);
    format_set_text_wrap(b->fmt[SS_HEAD]);
    format_set_bold(b->fmt[SS_TITLE]);
    format_set_font_size(b->fmt[SS_TITLE], 16);
    format_set_bold(b->fmt[SS_LABEL]);
    format_set_num_format(b->fmt[SS_INT], "0");
    format_set_num_format(b->fmt[SS_DEC], "0.0");
    format_set_num_format(b->fmt[SS_PCT], "0.0%");
    format_set_num_format(b->fmt[SS_DATE], "yyyy-mm-dd");
    format_set_align(b->fmt[SS_DATE], LXW_ALIGN_LEFT);
    for (int i = SS_RED; i <= SS_BLUE; i++) {
        format_set_bg_color(b->fmt[i], fill[i]);
        format_set_pattern(b->fmt[i], LXW_PATTERN_SOLID);
        format_set_align(b->fmt[i], LXW_ALIGN_CENTER);
    }
    b->wrap = workbook_add_format(wb);
    format_set_num_format(b->wrap, "@");
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
}

int sheet_book_new(struct sheet_book **out, int streaming, char *err, size_t errlen)
{
    *out = NULL;
    if (lib_xlsx_load("cannot write .xlsx files", err, errlen) != 0)
        return FU_ERR;
    const char *dir = priv_getenv("TMPDIR");
    struct sheet_book *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return FU_ERR;
    }
    if (!dir || !*dir || access(dir, W_OK) != 0)
        dir = "/tmp";
    snprintf(b->path, sizeof b->path, "%s/followup-xlsx.XXXXXX", dir);
    int fd = mkstemp(b->path);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file in %s: %s (set TMPDIR to a "
                 "writable directory)", dir, strerror(errno));
        free(b);
        return FU_ERR;
    }
    close(fd);
    lxw_workbook_options opt = {.constant_memory = (uint8_t)(streaming != 0),
                                .tmpdir = (char *)dir};
    if (!(b->wb = workbook_new_opt(b->path, &opt))) {
        snprintf(err, errlen, "cannot start a workbook in %s", dir);
        unlink(b->path);
        free(b);
        return FU_ERR;
    }
    styles(b);
    *out = b;
    return FU_OK;
}

/* UTF-16 units of a code point. */
static int units(uint32_t cp) { return cp >= 0x10000 ? 2 : 1; }

/* name made acceptable to Excel into out (at most 31 UTF-16 units). */
static void clean_name(const char *name, char *out, size_t outlen)
{
    size_t o = 0, n = strlen(name);
    int used = 0;
    for (size_t i = 0; i < n && o + 5 < outlen;) {
        uint32_t cp;
        size_t k = utf8_decode(name + i, n - i, &cp);
        i += k;
        if (cp < 0x20 || cp == 0x7f || (cp < 0x80 && strchr("[]:*?/\\", (int)cp)) ||
            text_cp_width(cp) < 0)
            cp = '_';
        if (used + units(cp) > 31)
            break;
        if (o == 0 && cp == '\'')
            continue;
        o += utf8_encode(cp, out + o);
        used += units(cp);
    }
    while (o > 0 && (out[o - 1] == '\'' || out[o - 1] == ' '))
        o--;
    out[o] = 0;
    if (o == 0)
        snprintf(out, outlen, "Sheet");
}

/* Bytes of the longest prefix of s within max UTF-16 units. */
static size_t prefix_units(const char *s, int max)
{
    size_t i = 0, n = strlen(s);
    for (int used = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if ((used += units(cp)) > max)
            break;
        i += k;
    }
    return i;
}

static int name_taken(struct sheet_book *b, const char *name)
{
    lxw_worksheet *ws = workbook_get_worksheet_by_name(b->wb, name);
    return ws != NULL;
}

struct sheet *sheet_add(struct sheet_book *b, const char *name)
{
    char base[160], try[192];
    clean_name(name ? name : "", base, sizeof base);
    snprintf(try, sizeof try, "%s", base);
    for (int k = 2; name_taken(b, try) && k < 1000; k++) {
        char tail[16];
        int tl = snprintf(tail, sizeof tail, " (%d)", k);
        size_t keep = prefix_units(base, 31 - tl);
        snprintf(try, sizeof try, "%.*s%s", (int)keep, base, tail);
    }
    struct sheet *s = calloc(1, sizeof *s);
    if (!s || mem_grow((void **)&b->sheets, b->nsheets, &b->cap, sizeof *b->sheets) != 0) {
        free(s);
        return NULL;
    }
    if (!(s->ws = workbook_add_worksheet(b->wb, try))) {
        free(s);
        return NULL;
    }
    worksheet_set_paper(s->ws, 9);              /* A4 */
    worksheet_fit_to_pages(s->ws, 1, 0);        /* as wide as a page, as long as it takes */
    worksheet_set_margins(s->ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_set_footer(s->ws, "&C&P / &N");
    s->book = b;
    b->sheets[b->nsheets++] = s;
    return s;
}

/* ---- cells ---------------------------------------------------------------------- */

/* s sanitised line by line (line breaks kept), cut to CELL_MAX bytes. */
static char *clean_text(const char *s)
{
    size_t n = strlen(s), cap = (n > CELL_MAX ? CELL_MAX : n) * 4 + 16, o = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (const char *p = s; *p && o + 1 < cap && o < CELL_MAX;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, len);
        if (!line) {
            free(out);
            return NULL;
        }
        if (len && line[len - 1] == '\r')
            line[len - 1] = 0;
        o += text_sanitize(line, out + o, cap - o);
        free(line);
        if (nl && o + 2 < cap)
            out[o++] = '\n';
        p = nl ? nl + 1 : p + len;
    }
    out[o] = 0;
    if (o >= CELL_MAX) {   /* cut at a character boundary, marked */
        size_t cut = CELL_MAX - 3;
        while (cut > 0 && ((unsigned char)out[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(out + cut, "\xe2\x80\xa6", 4);
    }
    return out;
}

/* Widest line of s in display columns; *lines: how many lines it takes
 * wrapped at SHEET_WRAP (with room for a reader's own breaks). */
static int widest_line(const char *s, int *lines)
{
    int w = 0;
    *lines = 0;
    for (const char *p = s; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, len);
        int lw = line ? text_width(line) : 0;
        free(line);
        w = lw > w ? lw : w;
        *lines += lw > SHEET_WRAP ? (lw + SHEET_WRAP - 5) / (SHEET_WRAP - 4) : 1;
        p = nl ? nl + 1 : p + len;
    }
    return w;
}

/* Raises row's height to lines of text (15 points a line). */
static void tall(struct sheet *s, uint32_t row, int lines)
{
    if (lines <= 1 || (row == s->tall_row && lines <= s->tall_lines))
        return;
    s->tall_row = row;
    s->tall_lines = lines;
    worksheet_set_row(s->ws, row, 15.0 * lines, NULL);
}

static void track(struct sheet *s, int col, int w)
{
    if (col >= 0 && col < SHEET_COLS && w > s->width[col])
        s->width[col] = w;
}

void sheet_text(struct sheet *s, uint32_t row, int col, const char *text, enum sheet_style st)
{
    if (!text)
        return;
    char *clean = clean_text(text);
    if (!clean)
        return;
    int lines, w = widest_line(clean, &lines);
    lxw_format *f = s->book->fmt[st];
    if ((st == SS_TEXT || st == SS_LABEL) && (w > SHEET_WRAP || strchr(clean, '\n'))) {
        f = s->book->wrap;
        tall(s, row, lines);
    }
    track(s, col, w > SHEET_WRAP ? SHEET_WRAP : w);
    worksheet_write_string(s->ws, row, (lxw_col_t)col, clean, f);
    free(clean);
}

struct line_ctx {
    struct sheet *s;
    uint32_t row, n;
    lxw_format *f;
};

static void one_line(void *ctx, const char *start, size_t len)
{
    struct line_ctx *c = ctx;
    char *line = strndup(start, len);
    if (line)
        worksheet_write_string(c->s->ws, c->row + c->n++, 0, line, c->f);
    free(line);
}

uint32_t sheet_line(struct sheet *s, uint32_t row, const char *text, enum sheet_style st)
{
    char *clean = text ? clean_text(text) : NULL;
    struct line_ctx c = {s, row, 0, s->book->fmt[st]};
    if (!clean)
        return 1;
    for (char *p = clean; *p; p++)
        if (*p == '\n')
            *p = ' ';
    text_wrap(clean, SHEET_LINE, one_line, &c);
    free(clean);
    return c.n ? c.n : 1;
}

void sheet_num(struct sheet *s, uint32_t row, int col, double v, enum sheet_style st)
{
    char buf[64];
    snprintf(buf, sizeof buf, st == SS_PCT ? "%.1f%%" : st == SS_DEC ? "%.1f" : "%g",
             st == SS_PCT ? v * 100 : v);
    track(s, col, (int)strlen(buf));
    worksheet_write_number(s->ws, row, (lxw_col_t)col, v, s->book->fmt[st]);
}

void sheet_date(struct sheet *s, uint32_t row, int col, const char *iso)
{
    char day[11];
    snprintf(day, sizeof day, "%.10s", iso ? iso : "");
    if (cal_date_valid(day) != 0) {
        sheet_text(s, row, col, iso, SS_TEXT);
        return;
    }
    lxw_datetime dt = {.year = atoi(day), .month = atoi(day + 5), .day = atoi(day + 8)};
    track(s, col, 10);
    worksheet_write_datetime(s->ws, row, (lxw_col_t)col, &dt, s->book->fmt[SS_DATE]);
}

enum sheet_style sheet_light(int light)
{
    return light == LIGHT_RED ? SS_RED : light == LIGHT_YELLOW ? SS_YELLOW
         : light == LIGHT_BLUE ? SS_BLUE : SS_TEXT;
}

void sheet_table_view(struct sheet *s, uint32_t hrow, int ncol, uint32_t last_row)
{
    if (ncol <= 0)
        return;
    worksheet_freeze_panes(s->ws, hrow + 1, 0);
    worksheet_repeat_rows(s->ws, hrow, hrow);   /* printed atop every page */
    worksheet_autofilter(s->ws, hrow, 0, last_row > hrow ? last_row : hrow,
                         (lxw_col_t)(ncol - 1));
}

void sheet_fit(struct sheet *s, int min)
{
    int total = 0;
    for (int c = 0; c < SHEET_COLS; c++)
        total += s->width[c] ? s->width[c] + 2 : 0;
    if (total > 120)
        worksheet_set_landscape(s->ws);   /* a wide table prints across the page */
    for (int c = 0; c < SHEET_COLS; c++) {
        if (!s->width[c])
            continue;
        int w = s->width[c] + 2;
        w = w < min ? min : w > SHEET_WRAP + 2 ? SHEET_WRAP + 2 : w;
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
}

/* ---- finishing -------------------------------------------------------------------- */

static int copy_out(const char *path, FILE *out, char *err, size_t errlen)
{
    FILE *in = fopen(path, "rb");
    char buf[65536];
    size_t n;
    int rc = FU_OK;
    if (!in) {
        snprintf(err, errlen, "cannot read the workbook back from %s: %s", path,
                 strerror(errno));
        return FU_ERR;
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) {
            rc = FU_ERR;
            break;
        }
    if (ferror(in))
        rc = FU_ERR;
    fclose(in);
    if (rc != FU_OK)
        snprintf(err, errlen, "cannot write the workbook (disk full or output closed?)");
    return rc;
}

int sheet_book_close(struct sheet_book *b, FILE *out, char *err, size_t errlen)
{
    lxw_error e = workbook_close(b->wb);
    int rc = FU_OK;
    if (e != LXW_NO_ERROR) {
        snprintf(err, errlen, "cannot write the workbook: %s (is %s full?)", lxw_strerror(e),
                 b->path);
        rc = FU_ERR;
    } else if (out) {
        rc = copy_out(b->path, out, err, errlen);
    }
    unlink(b->path);
    for (size_t i = 0; i < b->nsheets; i++)
        free(b->sheets[i]);
    free(b->sheets);
    free(b);
    return rc;
}
