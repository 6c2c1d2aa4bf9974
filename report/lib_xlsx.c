/* libxlsxwriter opened on first use (contract in report/lib_xlsx.h). */
#define LIB_XLSX_TABLE
#include "report/lib_xlsx.h"

#include "util/dynlib.h"

#ifndef LIB_XLSX_SONAME   /* the file the build linked against (Makefile: SONAMES) */
#error "LIB_XLSX_SONAME is not defined: build with make"
#endif

struct lib_xlsx lib_xlsx;

#define LIB_XLSX_NAME(f) #f,
#define LIB_XLSX_SLOT(f) (void **)&lib_xlsx.f,
static const char *const names[] = {LIB_XLSX_FUNCS(LIB_XLSX_NAME)};
static void **const slots[] = {LIB_XLSX_FUNCS(LIB_XLSX_SLOT)};
static struct dynlib lib = {"libxlsxwriter", "libxlsxwriter4", LIB_XLSX_SONAME, names, slots,
                            sizeof names / sizeof names[0], 0, ""};

int lib_xlsx_load(const char *what, char *err, size_t errlen)
{
    return dynlib_load(&lib, what, err, errlen);
}
