/* libxlsxwriter, opened when a workbook is first written (util/dynlib.h)
 * instead of linked: other commands do not map it and the zlib and
 * minizip behind it. Include this header instead of <xlsxwriter.h>: the
 * names below then call through the table, and lib_xlsx_load must have
 * succeeded before any of them is called (sheet_book_new does it). */
#ifndef FU_LIB_XLSX_H
#define FU_LIB_XLSX_H

#include <stddef.h>
#include <xlsxwriter.h>

#define LIB_XLSX_FUNCS(X)                                                               \
    X(format_set_align) X(format_set_bg_color) X(format_set_bold) X(format_set_border)  \
    X(format_set_font_size) X(format_set_num_format) X(format_set_pattern)              \
    X(format_set_text_wrap) X(lxw_strerror) X(workbook_add_format)                      \
    X(workbook_add_worksheet) X(workbook_close) X(workbook_get_worksheet_by_name)       \
    X(workbook_new_opt) X(worksheet_autofilter) X(worksheet_fit_to_pages)               \
    X(worksheet_freeze_panes) X(worksheet_repeat_rows) X(worksheet_set_column)          \
    X(worksheet_set_footer) X(worksheet_set_landscape) X(worksheet_set_margins)         \
    X(worksheet_set_paper) X(worksheet_set_row) X(worksheet_write_datetime)             \
    X(worksheet_write_number) X(worksheet_write_string)
#define LIB_XLSX_FIELD(f) __typeof__(&f) f;
struct lib_xlsx { LIB_XLSX_FUNCS(LIB_XLSX_FIELD) };
extern struct lib_xlsx lib_xlsx;

/* Loads libxlsxwriter once: 0, or -1 with one line in err beginning with
 * what. */
int lib_xlsx_load(const char *what, char *err, size_t errlen);

#ifndef LIB_XLSX_TABLE   /* the loader itself names the fields */
#define format_set_align lib_xlsx.format_set_align
#define format_set_bg_color lib_xlsx.format_set_bg_color
#define format_set_bold lib_xlsx.format_set_bold
#define format_set_border lib_xlsx.format_set_border
#define format_set_font_size lib_xlsx.format_set_font_size
#define format_set_num_format lib_xlsx.format_set_num_format
#define format_set_pattern lib_xlsx.format_set_pattern
#define format_set_text_wrap lib_xlsx.format_set_text_wrap
#define lxw_strerror lib_xlsx.lxw_strerror
#define workbook_add_format lib_xlsx.workbook_add_format
#define workbook_add_worksheet lib_xlsx.workbook_add_worksheet
#define workbook_close lib_xlsx.workbook_close
#define workbook_get_worksheet_by_name lib_xlsx.workbook_get_worksheet_by_name
#define workbook_new_opt lib_xlsx.workbook_new_opt
#define worksheet_autofilter lib_xlsx.worksheet_autofilter
#define worksheet_fit_to_pages lib_xlsx.worksheet_fit_to_pages
#define worksheet_freeze_panes lib_xlsx.worksheet_freeze_panes
#define worksheet_repeat_rows lib_xlsx.worksheet_repeat_rows
#define worksheet_set_column lib_xlsx.worksheet_set_column
#define worksheet_set_footer lib_xlsx.worksheet_set_footer
#define worksheet_set_landscape lib_xlsx.worksheet_set_landscape
#define worksheet_set_margins lib_xlsx.worksheet_set_margins
#define worksheet_set_paper lib_xlsx.worksheet_set_paper
#define worksheet_set_row lib_xlsx.worksheet_set_row
#define worksheet_write_datetime lib_xlsx.worksheet_write_datetime
#define worksheet_write_number lib_xlsx.worksheet_write_number
#define worksheet_write_string lib_xlsx.worksheet_write_string

#endif
#endif
