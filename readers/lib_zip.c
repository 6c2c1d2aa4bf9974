/* libzip opened on first use (contract in readers/lib_zip.h). */
#define LIB_ZIP_TABLE
#include "readers/lib_zip.h"

#include "util/dynlib.h"

#ifndef LIB_ZIP_SONAME   /* the file the build linked against (Makefile: SONAMES) */
#error "LIB_ZIP_SONAME is not defined: build with make"
#endif

struct lib_zip lib_zip;

#define LIB_ZIP_NAME(f) #f,
#define LIB_ZIP_SLOT(f) (void **)&lib_zip.f,
static const char *const names[] = {LIB_ZIP_FUNCS(LIB_ZIP_NAME)};
static void **const slots[] = {LIB_ZIP_FUNCS(LIB_ZIP_SLOT)};
static struct dynlib lib = {"libzip", "libzip4", LIB_ZIP_SONAME, names, slots,
                            sizeof names / sizeof names[0], 0, ""};

int lib_zip_load(const char *what, char *err, size_t errlen)
{
    return dynlib_load(&lib, what, err, errlen);
}
