/* libzip, opened when a zip-based reader (.docx, .odt, .xlsx) or the .docx
 * writer first needs it (util/dynlib.h), so that other commands do not
 * map it and the compression libraries behind it. Include this header
 * instead of <zip.h>: the names below then call through the table, and
 * lib_zip_load must have succeeded before any of them is called. */
#ifndef FU_LIB_ZIP_H
#define FU_LIB_ZIP_H

#include <stddef.h>
#include <zip.h>

#define LIB_ZIP_FUNCS(X)                                                                 \
    X(zip_close) X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror) \
    X(zip_fclose) X(zip_file_add) X(zip_file_strerror) X(zip_fopen) X(zip_fread)         \
    X(zip_name_locate) X(zip_open_from_source) X(zip_source_buffer)                      \
    X(zip_source_buffer_create) X(zip_source_close) X(zip_source_free) X(zip_source_keep) \
    X(zip_source_open) X(zip_source_read) X(zip_stat) X(zip_stat_init) X(zip_strerror)
#define LIB_ZIP_FIELD(f) __typeof__(&f) f;
struct lib_zip { LIB_ZIP_FUNCS(LIB_ZIP_FIELD) };
extern struct lib_zip lib_zip;

/* Loads libzip once: 0, or -1 with one line in err beginning with what. */
int lib_zip_load(const char *what, char *err, size_t errlen);

#ifndef LIB_ZIP_TABLE   /* the loader itself names the fields */
#define zip_close lib_zip.zip_close
#define zip_discard lib_zip.zip_discard
#define zip_error_fini lib_zip.zip_error_fini
#define zip_error_init lib_zip.zip_error_init
#define zip_error_strerror lib_zip.zip_error_strerror
#define zip_fclose lib_zip.zip_fclose
#define zip_file_add lib_zip.zip_file_add
#define zip_file_strerror lib_zip.zip_file_strerror
#define zip_fopen lib_zip.zip_fopen
#define zip_fread lib_zip.zip_fread
#define zip_name_locate lib_zip.zip_name_locate
#define zip_open_from_source lib_zip.zip_open_from_source
#define zip_source_buffer lib_zip.zip_source_buffer
#define zip_source_buffer_create lib_zip.zip_source_buffer_create
#define zip_source_close lib_zip.zip_source_close
#define zip_source_free lib_zip.zip_source_free
#define zip_source_keep lib_zip.zip_source_keep
#define zip_source_open lib_zip.zip_source_open
#define zip_source_read lib_zip.zip_source_read
#define zip_stat lib_zip.zip_stat
#define zip_stat_init lib_zip.zip_stat_init
#define zip_strerror lib_zip.zip_strerror

#endif
#endif
